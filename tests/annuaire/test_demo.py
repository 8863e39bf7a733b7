"""The demo annuaire is drawn from the seeds and loads twice without duplicates."""

from annuaire.models import AnnuaireIndexPage, Person, Structure
from demo.content import annuaire as demo_annuaire


def test_demo_content_is_idempotent_and_mixes_consent(annuaire):
    counts = (Structure.objects.count(), Person.objects.count())
    demo_annuaire.load()
    assert (Structure.objects.count(), Person.objects.count()) == counts
    assert AnnuaireIndexPage.objects.count() == 1 and getattr(annuaire, "show_in_menus", True)
    names = set(Structure.objects.values_list("sigle", flat=True))
    assert {"CNFPT", "AFPA", "DDTEFP", "ACSE", "USH", "IREV", "CR•DSU", "ORIV"} <= names
    team = Person.objects.filter(memberships__structure__name="RésO Villes")
    assert team.count() == 5
    consent = [p.has_consent for p in Person.objects.all()]
    assert any(consent) and not all(consent)
