import pytest
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db

TAXONOMY_URLS = [
    "/admin/snippets/resource_centre/thematique/",
    "/admin/snippets/resource_centre/territoire/",
    "/admin/snippets/resource_centre/publicvise/",
]


@pytest.mark.parametrize("url", TAXONOMY_URLS)
def test_taxonomies_are_listed_for_editors_and_closed_to_others(
    client, demo_site, django_user_model, url
):
    editor = django_user_model.objects.create_user("editeur", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)  # no permission on the taxonomy yet
    model = url.rstrip("/").rsplit("/", 1)[1]
    editor.user_permissions.add(Permission.objects.get(codename=f"change_{model}"))
    response = client.get(url)
    assert response.status_code == 200


def test_admin_lists_and_filters_territoires(admin_client, demo_site):
    response = admin_client.get(TAXONOMY_URLS[1], {"kind": "epci"})
    html = response.content.decode()
    assert "Rennes Métropole" in html
    assert "Ille-et-Vilaine" in html  # the parent column
    assert "Bretagne</a>" not in html


def test_admin_searches_territoires_by_name_code_or_former_name(admin_client, demo_site):
    for q, expected in [
        ("Rennes", "Rennes Métropole"),
        ("243500139", "Rennes Métropole"),
        ("Poitou", "Nouvelle-Aquitaine"),
    ]:
        response = admin_client.get(TAXONOMY_URLS[1], {"q": q})
        assert response.status_code == 200
        assert expected in response.content.decode()
    response = admin_client.get(TAXONOMY_URLS[0], {"q": "santé"})
    assert response.status_code == 200
    assert "Santé" in response.content.decode()


def test_editor_creates_a_thematique_in_french(admin_client, demo_site):
    response = admin_client.post(
        TAXONOMY_URLS[0] + "add/", {"name": "Petite enfance", "description": ""}
    )
    assert response.status_code == 302
    from resource_centre.models import Thematique

    assert Thematique.objects.get(name="Petite enfance").slug == "petite-enfance"
    response = admin_client.post(TAXONOMY_URLS[0] + "add/", {"name": "Petite enfance"})
    assert response.status_code == 200
    assert "existe déjà" in response.content.decode()


def test_centre_settings_are_edited_in_the_admin(admin_client, demo_site):
    response = admin_client.get("/admin/settings/resource_centre/centresettings/")
    assert response.status_code in (200, 302)
    response = admin_client.get(
        response.url
        if response.status_code == 302
        else "/admin/settings/resource_centre/centresettings/"
    )
    assert "Couleur principale" in response.content.decode()


def test_every_admin_submenu_opens_on_its_own(admin_user, rf):
    """Wagtail's sidebar opens every submenu whose name starts with the clicked one's: no menu
    entry's name may be a prefix of another's ("annuaire-tools" opened "annuaire" too)."""
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = admin_user
    names = [item.name for item in admin_menu.menu_items_for_request(request)]
    assert "directory-tools" in names and "annuaire" in names
    clashes = [(a, b) for a in names for b in names if a != b and b.startswith(a)]
    assert not clashes, clashes


def test_the_suites_editor_script_loads_in_its_own_page_editors_only(admin_client, home):
    """The autosave guard comes with the suite's page form, not through a hook that would put it
    into every page editor of the host site."""
    from wagtail import hooks

    script = "resource_centre/js/submit_after_autosave.js"
    add = admin_client.get(f"/admin/pages/add/resource_centre/contentpage/{home.pk}/")
    assert add.status_code == 200 and script in add.content.decode()
    for hook in hooks.get_hooks("insert_editor_js"):
        assert script not in str(hook())
