"""An editor tags a fiche with a commune among all those of a région, by typing its name."""

import pytest
from playwright.sync_api import expect

from tests.fiches.fixtures import make_fiche  # noqa: F401 - a fixture

from .axe import assert_accessible
from .signin import sign_in_as_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_finds_a_commune_by_typing_and_removes_another(
    make_fiche,  # noqa: F811
    live_server,
    page,
    django_user_model,
):
    from resource_centre import territoires
    from resource_centre.models import Territoire

    territoires.load_france(["53"])
    rennes = Territoire.objects.get(kind="commune", code="35238")
    user = sign_in_as_editor(page, live_server, django_user_model)
    fiche = make_fiche("Jardin partagé", territoires=[rennes], owner=user)
    page.goto(live_server.url + f"/admin/pages/{fiche.pk}/edit/")
    chooser = page.locator("[data-territoires-chooser]")
    search = chooser.get_by_label("Ajouter un territoire")
    search.fill("quimperle")
    chooser.get_by_role("button", name="Quimperlé — commune, Finistère (29)").click()
    expect(chooser.get_by_label("Quimperlé — commune, Finistère (29)")).to_be_checked()
    expect(search).to_have_value("")
    search.fill("introuvablexyz")
    expect(chooser.locator("[data-results]")).to_contain_text("Aucun territoire trouvé.")
    search.fill("")
    chooser.get_by_label("Rennes — commune, Ille-et-Vilaine (35)").uncheck()
    assert_accessible(page, "[data-territoires-chooser]")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text("Jardin partagé")
    fiche.refresh_from_db()
    assert [t.code for t in fiche.territoires.all()] == ["29233"]
    page.goto("about:blank")
