"""Evaluations after a séance: who is invited (``manage.py send_evaluations``), the form built from
the questionnaire, the anonymous record of an answer, and the results staff and the bilan read.

Who is invited: registrants confirmed and not marked absent on the sign-in sheet, of a séance of
a format with a questionnaire, from the day after the séance and for AGENDA_EVALUATION_WINDOW_DAYS
days; a registrant to a whole event, after its last séance held. Each once."""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resource_centre.forms import CleanTextForm
from resource_centre.tokens import SignedLink

from . import conf
from .models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EventPage,
    Registration,
    Seance,
)
from .models.evaluations import SCALE
from .models.registrations import to_whole_event

EVALUATE = SignedLink(
    "agenda.evaluation",
    "agenda.EvaluationInvitation",
    "version",
    max_age=lambda: conf.get("AGENDA_EVALUATION_LINK_MAX_AGE"),
)
CANCELLED = Seance.Status.CANCELLED
COMMENT_MAX_LENGTH = 4000


def _due(today):
    """(registration, séance) pairs to invite today."""
    first = today - datetime.timedelta(days=conf.get("AGENDA_EVALUATION_WINDOW_DAYS"))
    last = today - datetime.timedelta(days=1)
    seances = Seance.objects.filter(
        event__live=True, event__format__questionnaire__isnull=False, day__range=(first, last)
    ).exclude(status=CANCELLED)
    ended_events = (
        EventPage.objects.live()
        .filter(format__questionnaire__isnull=False)
        .annotate(last_day=Max("seances__day", filter=~Q(seances__status=CANCELLED)))
        .filter(last_day__range=(first, last))
    )
    registrations = (
        Registration.objects.filter(status=Registration.Status.CONFIRMED)
        .exclude(attended=False)
        .filter(evaluation_invitation__isnull=True)
        .filter(Q(seance__in=seances) | to_whole_event() & Q(event__in=ended_events))
        .select_related("event__format", "seance__venue")
    )
    last_seance = {}
    for seance in (
        Seance.objects.filter(event__in=ended_events)
        .exclude(status=CANCELLED)
        .order_by("day", "start_time")
    ):
        last_seance[seance.event_id] = seance
    return [(r, r.seance or last_seance.get(r.event_id)) for r in registrations]


def send_evaluations(today=None):
    """Invite those who came to evaluate their séance; returns how many were invited."""
    from .emails import send_registration_email

    pairs = _due(today or timezone.localdate())
    for registration, seance in pairs:
        with transaction.atomic():
            invitation, created = EvaluationInvitation.objects.get_or_create(
                registration=registration,
                defaults={
                    "seance": seance,
                    "questionnaire_id": registration.event.format.questionnaire_id,
                },
            )
        if created:
            send_registration_email(registration, None, "evaluation", seance=seance)
    return len(pairs)


def invitation_token(invitation):
    return EVALUATE.make(invitation)


class EvaluationForm(CleanTextForm):
    """The questionnaire's questions as fields named after their blocks' ids."""

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions)
        for question in self.questions:
            value = question.value
            name = f"q_{question.id}"
            if question.block_type == "scale":
                choices = [(str(n), str(n)) for n in SCALE]
                self.fields[name] = forms.TypedChoiceField(
                    label=value["label"],
                    choices=choices,
                    coerce=int,
                    required=value["required"],
                    widget=forms.RadioSelect,
                    help_text=_("1: %(low)s, 5: %(high)s")
                    % {"low": value["low_label"], "high": value["high_label"]},
                    error_messages={
                        "required": _("Choose a rating from 1 to 5."),
                        "invalid_choice": _("Choose a rating from 1 to 5."),
                    },
                )
            else:
                self.fields[name] = forms.CharField(
                    label=value["label"],
                    required=value["required"],
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={"required": _("Please answer this question.")},
                )
        self.check_text(self.fields.values())

    def answers(self):
        """EvaluationAnswer rows (unsaved) for the answered questions."""
        rows = []
        for question in self.questions:
            answer = self.cleaned_data.get(f"q_{question.id}")
            if answer in (None, ""):
                continue
            rating = answer if question.block_type == "scale" else None
            comment = answer if question.block_type != "scale" else ""
            rows.append(
                EvaluationAnswer(
                    question=question.id,
                    label=question.value["label"][:255],
                    rating=rating,
                    comment=comment,
                )
            )
        return rows


class AlreadyAnswered(Exception):
    pass


def record(invitation, form):
    """Save the answers without anything that says whose they are; spend the link. Raises
    AlreadyAnswered for the second answer (a replay, or a double click racing the first)."""
    with transaction.atomic():
        if not EVALUATE.spend(invitation):
            raise AlreadyAnswered
        registration = invitation.registration
        evaluation = Evaluation.objects.create(
            event_id=registration.event_id,
            seance_id=invitation.seance_id,
            questionnaire_id=invitation.questionnaire_id,
            answered_on=timezone.localdate(),
        )
        answers = form.answers()
        for answer in answers:
            answer.evaluation = evaluation
        EvaluationAnswer.objects.bulk_create(answers)
    return evaluation


@dataclass
class QuestionResult:
    label: str
    answers: int = 0
    average: float | None = None
    counts: list = field(default_factory=list)  # answers per rating 1..5
    comments: list = field(default_factory=list)

    @property
    def distribution(self):
        return list(zip(SCALE, self.counts, strict=True))


@dataclass
class Results:
    evaluations: int
    invited: int
    questions: list

    @property
    def response_rate(self):
        if not self.invited:
            return None
        return round(100 * self.evaluations / self.invited)


def results(evaluations, invitations, with_comments=True):
    """Ratings and comments of these evaluations, per question (as asked), in three queries.
    Comments are shuffled out of answering order: their order says nothing about who."""
    answers = EvaluationAnswer.objects.filter(evaluation__in=evaluations)
    questions = {}
    order = []

    def question(key, label):
        if key not in questions:
            questions[key] = QuestionResult(label, counts=[0 for _n in SCALE])
            order.append(key)
        return questions[key]

    per_rating = (
        answers.filter(rating__isnull=False)
        .values("question", "label", "rating")
        .annotate(n=Count("pk"))
        .order_by("question", "rating")
    )
    for row in per_rating:
        result = question(row["question"], row["label"])
        if row["rating"] in SCALE:
            result.counts[row["rating"] - 1] += row["n"]
    for result in questions.values():
        result.answers = sum(result.counts)
        if result.answers:
            total = sum(n * count for n, count in result.distribution)
            result.average = round(total / result.answers, 1)
    if with_comments:
        for row in (
            answers.exclude(comment="").values("question", "label", "comment").order_by("comment")
        ):
            question(row["question"], row["label"]).comments.append(row["comment"])
    return Results(
        evaluations=evaluations.count(),
        invited=invitations.count(),
        questions=[questions[key] for key in order],
    )


def averages_by_question(evaluations):
    """[(label, answers, average)] of the rating questions, for the bilan: one grouped query."""
    rows = (
        EvaluationAnswer.objects.filter(evaluation__in=evaluations, rating__isnull=False)
        .values("label")
        .annotate(n=Count("pk"), average=Avg("rating"))
        .order_by("-n", "label")
    )
    return [(row["label"], row["n"], round(row["average"], 1)) for row in rows]
