"""`manage.py setup_resource_centre` prepares a new site, and running it again changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from resource_centre.compat import get_page_model

pytestmark = pytest.mark.django_db


def setup(*args):
    out = StringIO()
    call_command("setup_resource_centre", *args, stdout=out)
    return out.getvalue()


def test_a_new_site_gets_formats_porteur_types_a_publication_and_its_index_pages():
    from agenda.models import AgendaIndexPage, EventFormat
    from annuaire.models import AnnuaireIndexPage
    from fiches.models import FicheIndexPage, PorteurType
    from newsletter.models import NewsletterIndexPage, Publication

    home = get_page_model().objects.get(depth=2)
    EventFormat.objects.create(name="Petit déjeuner")  # the centre's own spelling is kept
    out = setup("--parent", str(home.pk))
    assert Locale.objects.filter(language_code="fr").exists()
    names = set(EventFormat.objects.values_list("name", flat=True))
    assert {"Atelier", "Réunion de réseau", "Cooper'Villes", "Formation", "Forum"} <= names
    assert "Petit déjeuner" in names and "Petit-déjeuner" not in names
    assert PorteurType.objects.filter(name="Association").exists()
    publication = Publication.objects.get()
    assert publication.slug == "lettre" and publication.sender_email
    for model in (AgendaIndexPage, AnnuaireIndexPage, FicheIndexPage, NewsletterIndexPage):
        assert model.objects.child_of(home).live().count() == 1, model
    assert "formats d’événement : 10 créé(s)" in out

    counts = {
        m: m.objects.count() for m in (EventFormat, PorteurType, Publication, get_page_model())
    }
    out = setup("--parent", str(home.pk))
    assert {m: m.objects.count() for m in counts} == counts
    assert "déjà" in out


@pytest.mark.parametrize("page_id", ["999999", "-1", "99999999999999999999999"])
def test_an_unknown_parent_is_refused_in_french_and_creates_nothing(page_id):
    with pytest.raises(CommandError, match=f"Aucune page n’a l’identifiant {page_id}"):
        setup("--parent", page_id)
    assert not apps.get_model("agenda", "EventFormat").objects.exists()
