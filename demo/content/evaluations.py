"""Demo evaluations: the fiche d'évaluation the seed programmes mention ("fiches d'évaluation
remises en fin de journées"), given to the formats that use it, and the answers of about six
attendees in ten of each past séance, drawn the same way at each load. Loading again adds
nothing."""

import datetime
import random

from agenda.models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EventFormat,
    Questionnaire,
    Registration,
)

TITLE = "Fiche d'évaluation des journées"
QUESTIONS = [
    ("scale", "Êtes-vous satisfait(e) de la séance dans son ensemble ?", "Pas du tout", "Tout à fait"),
    ("scale", "Les interventions vous seront-elles utiles dans votre travail ?", "Pas du tout", "Très utiles"),
    ("scale", "Les échanges entre participants ont-ils été riches ?", "Pas du tout", "Très riches"),
    ("comment", "Ce que vous retenez, ce qui a manqué, les sujets à traiter une prochaine fois", "", ""),
]  # fmt: skip
FORMATS = ["Atelier", "Journée thématique / séminaire", "Cycle de qualification", "Formation"]
COMMENTS = [
    "Des retours d'expérience très concrets, merci.",
    "Trop peu de temps pour les échanges l'après-midi.",
    "J'aurais aimé entendre davantage les habitants.",
    "Très utile pour préparer notre comité de pilotage.",
    "Salle difficile d'accès en transports en commun.",
    "Un atelier sur l'évaluation des contrats de ville serait bienvenu.",
    "Les documents remis sont précieux, merci de les mettre en ligne.",
]


def questionnaire():
    found = Questionnaire.objects.filter(title=TITLE).first()
    if found:
        return found
    questions = [
        (kind, {"label": label, "low_label": low, "high_label": high, "required": kind == "scale"})
        if kind == "scale"
        else (kind, {"label": label, "required": False})
        for kind, label, low, high in QUESTIONS
    ]
    return Questionnaire.objects.create(
        title=TITLE,
        introduction="Vos réponses, anonymes, nous aident à préparer les prochaines séances.",
        questions=questions,
    )


def load(index):
    """The questionnaire on its formats, and answers about the past séances under `index`."""
    form = questionnaire()
    EventFormat.objects.filter(name__in=FORMATS, questionnaire__isnull=True).update(
        questionnaire=form
    )
    blocks = list(form.questions)
    attendees = (
        Registration.objects.filter(
            event__path__startswith=index.path,
            event__format__questionnaire=form,
            attended=True,
            seance__isnull=False,
            evaluation_invitation__isnull=True,
        )
        .select_related("seance", "event")
        .order_by("seance__day", "pk")
    )
    invitations, evaluations, answers = [], [], []
    for registration in attendees:
        rng = random.Random(f"evaluation-{registration.event.slug}-{registration.email}")
        answered = rng.random() < 0.6
        invitations.append(
            EvaluationInvitation(
                registration=registration,
                seance=registration.seance,
                questionnaire=form,
                version=1 if answered else 0,
            )
        )
        if not answered:
            continue
        evaluation = Evaluation(
            event_id=registration.event_id,
            seance=registration.seance,
            questionnaire=form,
            answered_on=registration.seance.day + datetime.timedelta(days=rng.randint(1, 4)),
        )
        evaluations.append(evaluation)
        for block in blocks:
            if block.block_type == "scale":
                rating = rng.choices([2, 3, 4, 5], weights=[1, 3, 6, 4])[0]
                answers.append((evaluation, block, rating, ""))
            elif rng.random() < 0.35:
                answers.append((evaluation, block, None, rng.choice(COMMENTS)))
    EvaluationInvitation.objects.bulk_create(invitations, batch_size=500)
    Evaluation.objects.bulk_create(evaluations, batch_size=500)
    EvaluationAnswer.objects.bulk_create(
        [
            EvaluationAnswer(
                evaluation=evaluation,
                question=block.id,
                label=block.value["label"],
                rating=rating,
                comment=comment,
            )
            for evaluation, block, rating, comment in answers
        ],
        batch_size=500,
    )
    return len(evaluations)
