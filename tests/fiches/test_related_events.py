"""Events of the agenda linked to a fiche."""

import pytest
from django.urls import reverse

from tests.marks import with_apps

pytestmark = [pytest.mark.django_db, with_apps("agenda")]


@pytest.fixture
def make_event(fiches_site):
    from agenda.models import AgendaIndexPage, EventFormat, EventPage

    home = fiches_site.get_parent()
    agenda = AgendaIndexPage(title="Agenda", slug="agenda")
    home.add_child(instance=agenda)
    agenda.save_revision().publish()
    kind = EventFormat.objects.get_or_create(name="Atelier")[0]

    def make(title, live=True):
        event = EventPage(title=title, format=kind)
        agenda.add_child(instance=event)
        if live:
            event.save_revision().publish()
        else:
            event.live = False
            event.save(update_fields=["live"])
        return event

    return make


def test_the_fiche_lists_its_published_events(client, make_fiche, make_event):
    from fiches.models import FicheRelatedEvent

    fiche = make_fiche("Jardin partagé")
    visit = make_event("Visite du jardin partagé")
    draft = make_event("Atelier en préparation", live=False)
    for event in (visit, draft):
        FicheRelatedEvent.objects.create(page=fiche, event=event)
    html = client.get(fiche.url).content.decode()
    assert "Événements liés" in html
    assert f'<a href="{visit.url}">Visite du jardin partagé</a>' in html
    assert "Atelier en préparation" not in html  # not published

    without = make_fiche("Sans événement")
    assert "Événements liés" not in client.get(without.url).content.decode()


def test_the_fiche_page_queries_do_not_grow_with_its_events(
    client, make_fiche, make_event, count_queries
):
    from fiches.models import FicheRelatedEvent

    events = [make_event(f"Rencontre {i}") for i in range(6)]

    def fiche_with(n):
        fiche = make_fiche(f"Action avec {n} événements")
        for event in events[:n]:
            FicheRelatedEvent.objects.create(page=fiche, event=event)
        return fiche

    small, large = fiche_with(1), fiche_with(6)
    client.get(small.url)
    n_small, _response = count_queries(client.get, small.url)
    n_large, response = count_queries(client.get, large.url)
    assert "Rencontre 5" in response.content.decode()
    assert n_small == n_large, (n_small, n_large)


def test_the_editor_chooses_events_among_the_agenda_only(client, fiches_site, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", fiches_site.pk])
    html = client.get(url).content.decode()
    assert "Événements liés dans l’agenda" in html
    assert "agenda.eventpage" in html  # the chooser offers events only
