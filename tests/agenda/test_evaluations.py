"""The fiche d'évaluation after a séance: those who came receive a signed link by e-mail (over
real SMTP), answer the centre's questionnaire once, and their answers show, without their name,
in the event's results for the staff and in the bilan d'activité."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from agenda.models import (
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EventFormat,
    Questionnaire,
    Registration,
)
from resource_centre.roles import EDITORS, ensure_editors_group

from .factories import make_event

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def questionnaire():
    questionnaire = Questionnaire.objects.create(
        title="Fiche d'évaluation des journées",
        introduction="Vos réponses nous aident à préparer les prochaines journées.",
        questions=[
            (
                "scale",
                {
                    "label": "Êtes-vous satisfait de la journée ?",
                    "low_label": "Pas du tout",
                    "high_label": "Tout à fait",
                    "required": True,
                },
            ),
            (
                "scale",
                {
                    "label": "La journée vous sera-t-elle utile ?",
                    "low_label": "Pas du tout",
                    "high_label": "Très utile",
                    "required": False,
                },
            ),
            ("comment", {"label": "Vos commentaires", "required": False}),
        ],
    )
    fmt, _created = EventFormat.objects.get_or_create(name="Journée thématique")
    fmt.questionnaire = questionnaire
    fmt.save()
    return questionnaire


@pytest.fixture
def journee(index, venues, today, questionnaire):
    return make_event(
        index,
        "Journée santé et quartiers",
        [dict(date=today - DAY, venue=venues["rennes"])],
        fmt="Journée thématique",
        registration_enabled=True,
    )


def _register(event, name, status="confirmed", attended=None, seance=None):
    return Registration.objects.create(
        event=event,
        seance=seance,
        name=name,
        email=f"{name.lower()}@example.org",
        status=status,
        attended=attended,
    )


def _send():
    call_command("send_evaluations", stdout=open("/dev/null", "w"))


def _link(message):
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/evaluation/\?jeton=\S+", body).group(0)


def _path(url):
    """The link's path and query, for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _question_fields(page):
    return list(dict.fromkeys(re.findall(r'name="(q_[0-9a-f-]+)"', page)))


def test_those_who_came_are_invited_once_the_day_after(journee, smtp_server):
    _register(journee, "Awa", attended=True)
    _register(journee, "Bruno")  # attendance not marked: invited too
    _register(journee, "Chloe", attended=False)
    _register(journee, "Dan", status="cancelled")
    _register(journee, "Eve", status="waiting")
    _send()
    _send()
    invited = sorted(to for to, _message in smtp_server.messages)
    assert invited == [["awa@example.org"], ["bruno@example.org"]]
    message = smtp_server.messages[0][1]
    assert message["Subject"].strip() == f"Votre avis : {journee.title}"
    body = message.get_body(("plain",)).get_content()
    assert "anonymes" in body and "annulation" not in body
    assert "/evaluation/?jeton=" in body


def test_no_invitation_before_the_seance_nor_for_a_format_without_questionnaire(
    index, venues, today, questionnaire, smtp_server
):
    tomorrow = make_event(
        index,
        "Journée à venir",
        [dict(date=today + DAY, venue=venues["rennes"])],
        fmt="Journée thématique",
    )
    petit_dej = make_event(
        index, "Petit-déjeuner passé", [dict(date=today - DAY)], fmt="Petit-déjeuner"
    )
    long_ago = make_event(
        index, "Journée de l'an dernier", [dict(date=today - 60 * DAY)], fmt="Journée thématique"
    )
    for event in (tomorrow, petit_dej, long_ago):
        _register(event, f"Inscrit{event.pk}", attended=True)
    _send()
    assert smtp_server.messages == []


def test_a_registrant_to_a_whole_event_is_invited_after_its_last_seance(
    index, venues, today, questionnaire, smtp_server
):
    cycle = make_event(
        index,
        "Cycle de qualification",
        [dict(date=today - 2 * DAY), dict(date=today + 5 * DAY)],
        fmt="Journée thématique",
    )
    _register(cycle, "Awa", attended=True)
    _send()
    assert smtp_server.messages == []  # the cycle is not over
    cycle.seances.filter(date=today + 5 * DAY).update(date=today - DAY)
    _send()
    assert [to for to, _m in smtp_server.messages] == [["awa@example.org"]]
    assert EvaluationInvitation.objects.get().seance.date == today - DAY


def test_an_attendee_answers_once_and_the_answer_keeps_no_name(client, journee, smtp_server):
    awa = _register(journee, "Awa", attended=True)
    _send()
    url = _path(_link(smtp_server.messages[0][1]))
    page = client.get(url).content.decode()
    assert "Êtes-vous satisfait de la journée ?" in unescape(page)
    assert "Vos réponses nous aident" in unescape(page)
    satisfied, useful, comment = _question_fields(page)
    token = re.search(r'name="jeton" value="([^"]+)"', page).group(1)

    # Garbage is refused in French, and nothing is kept.
    response = client.post(
        url, {"jeton": token, satisfied: "9", useful: "abc", comment: "Bien\x00vu"}
    )
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Choisissez une note de 1 à 5." in page
    assert "caractère" in page  # the comment's control character
    response = client.post(url, {"jeton": token, comment: "Rien d'autre"})
    assert response.status_code == 400
    assert "Choisissez une note de 1 à 5." in unescape(response.content.decode())
    assert not Evaluation.objects.exists()

    response = client.post(
        url, {"jeton": token, satisfied: "5", useful: "4", comment: "Très riche, merci."}
    )
    assert response.status_code == 200
    assert "Merci : vos réponses sont enregistrées." in unescape(response.content.decode())
    evaluation = Evaluation.objects.get()
    assert (
        evaluation.event_id == journee.pk and evaluation.seance.date == journee.seances.get().date
    )
    assert sorted(
        EvaluationAnswer.objects.values_list("label", "rating", "comment").order_by("label")
    ) == [
        ("La journée vous sera-t-elle utile ?", 4, ""),
        ("Vos commentaires", None, "Très riche, merci."),
        ("Êtes-vous satisfait de la journée ?", 5, ""),
    ]
    # Nothing in the answer points back to Awa.
    assert {f.name for f in Evaluation._meta.get_fields()}.isdisjoint(
        {"registration", "invitation", "email", "name"}
    )
    assert awa.email not in str(list(Evaluation.objects.values()))

    # The same link a second time: refused, nothing added.
    response = client.post(url, {"jeton": token, satisfied: "1"})
    assert response.status_code == 400
    assert "déjà été" in unescape(response.content.decode())
    assert client.get(url).status_code == 400
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize("token", ["", "x", "a" * 3000, "é:ü", "\x00"])
def test_a_forged_token_gets_a_french_refusal(client, journee, token):
    response = client.get(journee.url + "evaluation/", {"jeton": token})
    assert response.status_code == 400
    assert "Ce lien d’évaluation n’est pas valide." in unescape(response.content.decode())


def test_an_expired_link_says_so(client, journee, smtp_server, settings):
    _register(journee, "Awa", attended=True)
    _send()
    url = _path(_link(smtp_server.messages[0][1]))
    settings.RESOURCE_CENTRE = {
        **getattr(settings, "RESOURCE_CENTRE", {}),
        "AGENDA_EVALUATION_LINK_MAX_AGE": -1,
    }
    response = client.get(url)
    assert response.status_code == 400
    assert "Ce lien d’évaluation a expiré." in unescape(response.content.decode())


def _answer(client, event, smtp_server, index, ratings, comment=""):
    url = _path(_link(smtp_server.messages[index][1]))
    page = client.get(url).content.decode()
    satisfied, useful, comment_field = _question_fields(page)
    token = re.search(r'name="jeton" value="([^"]+)"', page).group(1)
    data = {"jeton": token, satisfied: str(ratings[0]), comment_field: comment}
    if ratings[1] is not None:
        data[useful] = str(ratings[1])
    assert client.post(url, data).status_code == 200


@pytest.fixture
def answered(client, journee, smtp_server):
    """Three of four invited attendees answered."""
    for name in ("Awa", "Bruno", "Chloe", "Dan"):
        _register(journee, name, attended=True)
    _send()
    _answer(client, journee, smtp_server, 0, (5, 4), "Très riche, merci.")
    _answer(client, journee, smtp_server, 1, (4, None))
    _answer(client, journee, smtp_server, 2, (3, 2), "Trop court <b>hélas</b>")
    return journee


def test_the_team_reads_the_results_without_names(client, answered, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user("chargee", "chargee@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    registrants = client.get(reverse("agenda_admin:registrations", args=[answered.pk]))
    url = reverse("agenda_admin:evaluations", args=[answered.pk])
    assert url in registrants.content.decode()
    raw = client.get(url).content.decode()
    page = unescape(re.sub(r"<[^>]+>", "", raw))
    assert "3 réponses" in page and "4 invités, 75 % ont répondu" in page
    assert "Êtes-vous satisfait de la journée ? · moyenne 4,0 / 5" in page
    assert "La journée vous sera-t-elle utile ? · moyenne 3,0 / 5" in page
    assert "Très riche, merci." in page
    assert "Trop court &lt;b&gt;hélas&lt;/b&gt;" in raw  # shown as text
    for name in ("Awa", "Bruno", "Chloe", "awa@example.org"):
        assert name not in page


def test_the_results_need_the_evaluation_permission(client, answered, django_user_model):
    user = django_user_model.objects.create_user("redactrice", password="x")
    user.groups.add(Group.objects.get(name="Editors"))  # edits pages, nothing more
    client.force_login(user)
    response = client.get(reverse("agenda_admin:evaluations", args=[answered.pk]))
    assert response.status_code in (302, 403)
    assert "Très riche" not in response.content.decode()


def test_the_bilan_counts_the_evaluations_of_the_period(admin_client, answered, today):
    year = (today - DAY).year
    page = unescape(
        admin_client.get(f"/admin/resource-centre/bilan/?annee={year}").content.decode()
    )
    figures = dict(re.findall(r'data-figure="agenda\.(\w+)">([^<]*)<', page))
    assert figures["evaluations"] == "3"
    assert figures["evaluation_rate"] == "75,0\u00a0%"
    ratings = re.search(r'data-table="agenda\.evaluations">(.*?)</table>', page, re.S).group(1)
    assert re.search(
        r"Êtes-vous satisfait de la journée \?</th>\s*<td[^>]*>3</td>\s*<td[^>]*>4,0", ratings
    )
    assert "Très riche" not in page  # comments stay on the event's results
