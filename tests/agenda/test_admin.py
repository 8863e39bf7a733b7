"""Editors compose the agenda in the Wagtail admin: formats, venues, events with séances."""

import datetime

import pytest
from django.apps import apps
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from agenda.models import EventFormat, EventPage, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "x" * 12)
    client.force_login(user)
    return client


def test_formats_and_venues_are_snippets_editors_can_extend(editor, index):
    response = editor.get("/admin/snippets/agenda/eventformat/")
    assert response.status_code == 200
    response = editor.post(
        "/admin/snippets/agenda/eventformat/add/", {"name": "Visite de site", "slug": ""}
    )
    assert response.status_code == 302
    assert EventFormat.objects.get(name="Visite de site").slug == "visite-de-site"
    response = editor.post(
        "/admin/snippets/agenda/venue/add/",
        {"name": "Mairie", "city": "Quimper", "postcode": "29000", "latitude": "999"},
    )
    assert response.status_code == 200  # the form again, with a French error
    assert "inférieure ou égale à 90" in response.text
    response = editor.post(
        "/admin/snippets/agenda/venue/add/",
        {"name": "Mairie", "city": "Quimper", "postcode": "QUIMPER"},
    )
    assert "code postal français de cinq chiffres" in response.text
    assert not Venue.objects.filter(city="Quimper").exists()
    # Written as a spreadsheet or a person may write it, the postcode is read as the import and
    # the public forms read it.
    for typed, kept in (("1000", "01000"), ("29 000", "29000")):
        editor.post(
            "/admin/snippets/agenda/venue/add/",
            {"name": f"Mairie {typed}", "city": "Quimper", "postcode": typed},
        )
        assert Venue.objects.get(name=f"Mairie {typed}").postcode == kept
    assert editor.get("/admin/snippets/agenda/venue/?q=Quimper").status_code == 200


def test_a_venue_in_use_cannot_be_deleted_and_the_admin_says_why(editor, index):
    """Its séances would lose their place, and their event could no longer be published."""
    from tests.agenda.factories import make_event

    used = Venue.objects.create(name="Maison du Blosne", city="Rennes")
    unused = Venue.objects.create(name="Salle vide", city="Brest")
    make_event(index, "Atelier", [dict(date=datetime.date.today(), venue=used)])
    page = editor.get(f"/admin/snippets/agenda/venue/delete/{used.pk}/")
    assert page.status_code == 200
    assert "empêche" in page.text  # Wagtail: "…référencé(e) 1 fois… l'empêche d'être supprimé(e)"
    editor.post(f"/admin/snippets/agenda/venue/delete/{used.pk}/")
    assert Venue.objects.filter(pk=used.pk).exists()
    assert editor.post(f"/admin/snippets/agenda/venue/delete/{unused.pk}/").status_code == 302
    assert not Venue.objects.filter(pk=unused.pk).exists()


def _event_form(fmt, venue, seances):
    return nested_form_data(
        {
            "title": "Atelier évaluation",
            "slug": "atelier-evaluation",
            "format": fmt.pk,
            "chapo": "Préparer les évaluations des CUCS.",
            "body": streamfield([]),
            "annuaire_people": streamfield([]),
            "seances": inline_formset(seances),
            "is_free": "on",
            "action-publish": "publish",
        }
    )


def test_an_editor_creates_an_event_with_three_seances(editor, index):
    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    form = editor.get(f"/admin/pages/add/agenda/eventpage/{index.pk}/")
    assert form.status_code == 200
    # The people chooser links to the annuaire: in the form only when that app is installed.
    assert ("nimateurs et intervenants de l’annuaire" in form.text) == apps.is_installed("annuaire")
    day = datetime.date(2030, 3, 12)
    seances = [
        {
            "date": str(day + datetime.timedelta(days=60 * i)),
            "start_time": "09:30",
            "end_time": "16:30",
            "venue": venue.pk,
            "status": "planned",
            "title": "",
        }
        for i in range(3)
    ]
    response = editor.post(
        f"/admin/pages/add/agenda/eventpage/{index.pk}/", _event_form(fmt, venue, seances)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="atelier-evaluation")
    assert event.live
    assert [s.date for s in event.seances.order_by("date")] == [
        day,
        day + datetime.timedelta(days=60),
        day + datetime.timedelta(days=120),
    ]


def test_bad_seances_show_french_errors_and_keep_the_input(editor, index):
    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    seances = [
        {
            "date": "2030-03-12",
            "start_time": "16:30",
            "end_time": "09:30",
            "venue": venue.pk,
            "status": "planned",
        },
        {"date": "2030-05-12", "venue": "", "status": "postponed"},
    ]
    response = editor.post(
        f"/admin/pages/add/agenda/eventpage/{index.pk}/", _event_form(fmt, venue, seances)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "L&#x27;heure de fin doit être postérieure" in html or "L’heure de fin doit" in html
    assert "nouvelle date de la séance reportée" in html
    assert "Choisissez un lieu" in html
    assert "Préparer les évaluations des CUCS." in html
    assert not EventPage.objects.exists()


def test_a_copied_event_keeps_its_seances_and_their_day(index, events):
    """The séance's computed day column survives Wagtail's page copy and revisions."""
    cooper = events["cooper"]
    copy = cooper.copy(to=index, update_attrs={"slug": "cooper-copie", "title": "Copie"})
    days = sorted(s.day for s in copy.seances.all())
    assert days == sorted(s.effective_date for s in cooper.seances.all())
    revision = copy.save_revision()
    revision.publish()
    assert sorted(s.day for s in EventPage.objects.get(pk=copy.pk).seances.all()) == days


def test_a_format_whose_slug_collides_gets_a_french_error_not_a_500(editor, index):
    EventFormat.objects.create(name="Petit-déjeuner")
    response = editor.post("/admin/snippets/agenda/eventformat/add/", {"name": "Petit déjeuner"})
    assert response.status_code == 200
    assert "« Petit-déjeuner » a déjà l’identifiant « petit-dejeuner »" in response.text
    response = editor.post(
        "/admin/snippets/agenda/eventformat/add/", {"name": "Déjeuner", "slug": "petit-dejeuner"}
    )
    assert "a déjà l’identifiant" in response.text
    response = editor.post("/admin/snippets/agenda/eventformat/add/", {"name": "!!!"})
    assert "Donnez un nom fait de lettres ou de chiffres." in response.text
    assert EventFormat.objects.count() == 1
    response = editor.post(
        "/admin/snippets/agenda/eventformat/add/",
        {"name": "Petit déjeuner", "slug": "petit-dejeuner-2"},
    )
    assert response.status_code == 302


def test_registrations_that_would_close_before_they_open_are_refused(editor, index):
    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    seance = {"date": "2030-03-12", "start_time": "09:30", "venue": venue.pk, "status": "planned"}
    data = _event_form(fmt, venue, [seance])
    data.update(
        {
            "registration_enabled": "on",
            "registration_opens_at": "01/03/2030 10:00",
            "registration_closes_at": "01/01/2030 10:00",
        }
    )
    response = editor.post(f"/admin/pages/add/agenda/eventpage/{index.pk}/", data)
    assert response.status_code == 200
    assert "Les inscriptions doivent fermer après leur ouverture." in response.text
    assert 'value="01/01/2030 10:00"' in response.text  # what was typed stays
    assert not EventPage.objects.filter(slug="atelier-evaluation").exists()
    data["registration_closes_at"] = "10/03/2030 18:00"
    response = editor.post(f"/admin/pages/add/agenda/eventpage/{index.pk}/", data)
    assert response.status_code == 302
    assert EventPage.objects.get(slug="atelier-evaluation").registration_state() == "not_yet"


def test_a_date_or_a_time_the_form_cannot_read_gets_one_message(editor, index):
    """« 31/02/2027 » as a postponed séance's new date said « Saisissez une date valide » and,
    below it, « Indiquez la nouvelle date de la séance reportée » as if the box were empty."""
    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    seances = [
        {
            "date": "2030-03-12",
            "start_time": "09:30",
            "venue": venue.pk,
            "status": "postponed",
            "new_date": "31/02/2027",
        },
        {"date": "2030-05-12", "start_time": "09:30", "end_time": "25:00", "venue": venue.pk},
    ]
    response = editor.post(
        f"/admin/pages/add/agenda/eventpage/{index.pk}/", _event_form(fmt, venue, seances)
    )
    assert response.status_code == 200
    html = response.text
    assert "Saisissez une date valide." in html and "Saisissez une heure valide." in html
    assert "nouvelle date de la séance reportée" not in html
    assert "heure de fin doit être postérieure" not in html
    assert 'value="31/02/2027"' in html  # what was typed stays
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    "row",
    [
        {"id": "abc"},
        {"id": "1.5"},
        {"id": "\x00"},
        {"id": None},  # left out of the POST
        {"ORDER": "zz"},
        {"id": "999999"},  # a séance deleted meanwhile
    ],
)
def test_a_hand_edited_seance_row_is_refused_with_a_message_and_changes_nothing(editor, index, row):
    """The hidden id and order of a séance's row hold only what the page writes. Anything else
    (an id of letters was a 500 in modelcluster; a wrong order or a deleted séance's id, an error
    on a field nobody sees) refuses the form with a French message; what was typed is shown
    again, and the event is not changed."""
    from tests.agenda.factories import make_event

    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    event = make_event(index, "Atelier", [dict(date=datetime.date(2030, 1, 1), venue=venue)])
    seance = event.seances.get()
    typed = {
        "id": seance.pk,
        "ORDER": "1",
        "date": "2030-03-12",
        "start_time": "09:30",
        "end_time": "16:30",
        "venue": venue.pk,
        "status": "planned",
        "title": "Séance tapée",
        **row,
    }
    data = _event_form(fmt, venue, [{k: v for k, v in typed.items() if v is not None}])
    data.update({"slug": event.slug, "seances-INITIAL_FORMS": "1"})
    response = editor.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 200
    assert "Une ligne de cette liste ne correspond plus" in response.text
    assert "rechargez la page" in response.text
    assert "Séance tapée" in response.text
    seance.refresh_from_db()
    assert (seance.date, seance.title) == (datetime.date(2030, 1, 1), "")
    assert list(event.seances.all()) == [seance]
    if row.get("id") == "abc":
        # Shown again as sent: sent again, it is refused again, never saved as a new séance.
        assert 'name="seances-0-id" value="abc"' in response.text
        assert editor.post(f"/admin/pages/{event.pk}/edit/", data).status_code == 200
        assert list(event.seances.all()) == [seance]


def _event_of_two_seances(index):
    """An event of two séances, with the rows of its editor form as the page writes them."""
    from tests.agenda.factories import make_event

    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    event = make_event(
        index,
        "Atelier",
        [
            dict(date=datetime.date(2030, 1, 1), venue=venue),
            dict(date=datetime.date(2030, 2, 1), venue=venue),
        ],
    )
    first, second = event.seances.order_by("date")
    rows = [
        {"id": pk, "ORDER": str(n), "date": day, "start_time": "09:30", "end_time": "16:30"}
        for n, (pk, day) in enumerate([(first.pk, "2030-01-01"), (second.pk, "2030-02-01")], 1)
    ]
    for row in rows:
        row.update({"venue": venue.pk, "status": "planned", "title": ""})
    return event, first, second, _event_form(fmt, venue, rows)


def test_a_seance_deleted_meanwhile_and_deleted_in_the_form_too_is_saved(editor, index):
    """Another editor deleted it; this one deletes it as well: nothing to refuse."""
    event, kept, gone, data = _event_of_two_seances(index)
    data.update({"slug": event.slug, "seances-INITIAL_FORMS": "2", "seances-1-DELETE": "1"})
    gone.delete()
    assert editor.post(f"/admin/pages/{event.pk}/edit/", data).status_code == 302
    assert list(event.seances.all()) == [kept]


def test_a_seance_row_as_the_page_writes_it_is_saved(editor, index):
    """The same form, untouched, saves: the guard refuses only what the page never writes."""
    from tests.agenda.factories import make_event

    fmt = EventFormat.objects.create(name="Atelier")
    venue = Venue.objects.create(name="Salle", city="Brest")
    event = make_event(index, "Atelier", [dict(date=datetime.date(2030, 1, 1), venue=venue)])
    seance = event.seances.get()
    row = {"id": seance.pk, "ORDER": "1", "date": "2030-03-12", "start_time": "09:30"}
    row.update({"end_time": "16:30", "venue": venue.pk, "status": "planned", "title": "Tapée"})
    data = _event_form(fmt, venue, [row])
    data.update({"slug": event.slug, "seances-INITIAL_FORMS": "1"})
    assert editor.post(f"/admin/pages/{event.pk}/edit/", data).status_code == 302
    seance.refresh_from_db()
    assert (seance.date, seance.title) == (datetime.date(2030, 3, 12), "Tapée")


def test_an_event_reverted_to_a_revision_gets_back_a_seance_deleted_since(editor, index):
    """Wagtail's « Revenir à cette version »: the older revision holds a séance deleted since;
    restored, it is saved again, instead of a refusal that no reload could get past."""
    from wagtail.models import Revision

    event, kept, gone, form_data = _event_of_two_seances(index)
    event.save_revision().publish()
    both = Revision.page_revisions.filter(object_id=str(event.pk)).latest("pk")
    data = {**form_data, "slug": event.slug, "seances-INITIAL_FORMS": "2", "seances-1-DELETE": "1"}
    assert editor.post(f"/admin/pages/{event.pk}/edit/", data).status_code == 302
    assert list(event.seances.all()) == [kept]

    revert_url = f"/admin/pages/{event.pk}/revisions/{both.pk}/revert/"
    form = editor.get(revert_url)
    assert form.status_code == 200
    assert f'name="seances-1-id" value="{gone.pk}"' in form.text
    response = editor.post(
        revert_url, {**form_data, "slug": event.slug, "seances-INITIAL_FORMS": "2"}
    )
    assert response.status_code == 302
    assert [(s.pk, s.date) for s in event.seances.order_by("date")] == [
        (kept.pk, datetime.date(2030, 1, 1)),
        (gone.pk, datetime.date(2030, 2, 1)),
    ]
