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
    # The demo has a few hundred EPCI: a search brings this one to the first page.
    response = admin_client.get(TAXONOMY_URLS[1], {"kind": "epci", "q": "Rennes"})
    html = response.content.decode()
    assert "Rennes Métropole" in html
    assert "Ille-et-Vilaine" in html  # the parent column
    assert "Bretagne</a>" not in html


def test_admin_searches_territoires_by_name_code_or_former_name(admin_client, demo_site):
    for q, expected in [
        ("Rennes", "Rennes Métropole"),
        ("243500139", "Rennes Métropole"),
        ("Poitou", "Nouvelle-Aquitaine"),
        # The suite's French search, as in the editors' territoire field.
        ("rennes metropole", "Rennes Métropole"),
        ("RENNES MÉTROPOLES", "Rennes Métropole"),
        ("nouvelle aquitaine", "Nouvelle-Aquitaine"),
    ]:
        response = admin_client.get(TAXONOMY_URLS[1], {"q": q})
        assert response.status_code == 200
        assert expected in response.content.decode()
    for garbage in ("%%%", "\x00", "'\"<>", "é" * 300):
        response = admin_client.get(TAXONOMY_URLS[1], {"q": garbage})
        assert response.status_code == 200
        assert "Rennes Métropole" not in response.content.decode()
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


def _menu(items, request):
    """{name: (label, submenu or None)} of the menu items shown to the request's user."""
    from wagtail.admin.menu import SubmenuMenuItem

    return {
        item.name: (
            str(item.label),
            _menu(item.menu.menu_items_for_request(request), request)
            if isinstance(item, SubmenuMenuItem)
            else None,
        )
        for item in sorted(items, key=lambda item: item.order)
        if item.is_shown(request)
    }


def _suite_menu(user, rf):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = user
    return _menu(admin_menu.menu_items_for_request(request), request)


def test_the_suite_keeps_its_admin_under_one_menu(admin_user, rf):
    """One top-level entry, "Centre de ressources", holds every app's records and tools."""
    top = _suite_menu(admin_user, rf)
    suite = [name for name in top if name not in WAGTAIL_OWN_MENUS]
    # The centre's settings stay in Wagtail's Settings menu, with the site's other settings.
    assert "centre-de-ressources" in top["settings"][1]
    assert suite == ["resource-centre"], top.keys()
    label, groups = top["resource-centre"]
    assert label == "Centre de ressources"
    assert list(groups) == [
        "taxonomies",
        "fiches",
        "agenda",
        "annuaire",
        "newsletter",
        "bilan",
        "personal-data",
    ]
    assert groups["bilan"][0] == "Bilan d’activité"
    assert groups["personal-data"][0] == "Données personnelles"
    agenda = [label for label, _sub in groups["agenda"][1].values()]
    assert agenda == [
        "Formats d’événement",
        "Lieux",
        "Questionnaires d’évaluation",
        "Événements et inscriptions",
    ]
    assert [label for label, _sub in groups["annuaire"][1].values()][-3:] == [
        "Importer des structures",
        "Modifications proposées à modérer",
        "Entrées à vérifier",
    ]
    newsletter = [label for label, _sub in groups["newsletter"][1].values()]
    assert newsletter == ["Publications", "Abonnés", "Envois de la lettre"]


WAGTAIL_OWN_MENUS = {"explorer", "snippets", "documents", "images", "reports", "settings", "help"}


def test_every_admin_submenu_opens_on_its_own(admin_user, rf):
    """Wagtail's sidebar opens every submenu whose path starts with the clicked one's: no entry's
    name may be a prefix of a sibling's ("annuaire-tools" opened "annuaire" too)."""

    def clashes(menu):
        names = list(menu)
        found = [(a, b) for a in names for b in names if a != b and b.startswith(a)]
        for _label, sub in menu.values():
            found += clashes(sub or {})
        return found

    assert not clashes(_suite_menu(admin_user, rf))


def test_an_editor_sees_only_the_suite_entries_they_may_use(rf, django_user_model):
    editor = django_user_model.objects.create_user("agenda", password="x")
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_eventformat"),
    )
    top = _suite_menu(editor, rf)
    assert list(top["resource-centre"][1]) == ["agenda"]
    nobody = django_user_model.objects.create_user("rien", password="x")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert "resource-centre" not in _suite_menu(nobody, rf)


def test_the_suites_editor_script_loads_in_its_own_page_editors_only(admin_client, home):
    """The autosave guard comes with the suite's page form, not through a hook that would put it
    into every page editor of the host site."""
    from wagtail import hooks

    script = "resource_centre/js/submit_after_autosave.js"
    add = admin_client.get(f"/admin/pages/add/resource_centre/contentpage/{home.pk}/")
    assert add.status_code == 200 and script in add.content.decode()
    for hook in hooks.get_hooks("insert_editor_js"):
        assert script not in str(hook())


def _attached_to(thematique):
    """["3 structures", …]: what the thématique tags, counted apart from the admin's code."""
    from resource_centre.models import Thematique

    expected = []
    for relation in Thematique._meta.related_objects:
        if relation.many_to_many:
            number = relation.related_model._default_manager.filter(
                **{relation.field.name: thematique}
            ).count()
            meta = relation.related_model._meta
            if number:
                name = meta.verbose_name if number == 1 else meta.verbose_name_plural
                expected.append(f"{number} {name}")
    return expected


def _text(response):
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_deleting_a_thematique_says_what_it_tags_first(admin_client, demo_site):
    """Wagtail's usage count knows foreign keys only: it said "0 times" for a thématique that
    tags fiches, events and structures."""
    from resource_centre.models import Thematique

    sante = Thematique.objects.get(slug="sante")
    expected = _attached_to(sante)
    assert expected  # the demo tags content with Santé
    page = admin_client.get(f"{TAXONOMY_URLS[0]}delete/{sante.pk}/")
    assert page.status_code == 200
    text = _text(page)
    assert "« Santé » est attaché(e) à :" in text
    assert all(item in text for item in expected), (expected, text)
    assert "Sa suppression retire cet élément de chacun d’eux." in text
    assert "0 fois" not in text  # Wagtail's count of foreign keys alone would contradict it
    unused = Thematique.objects.create(name="Inutilisée")
    page = admin_client.get(f"{TAXONOMY_URLS[0]}delete/{unused.pk}/")
    assert "est attaché(e) à" not in page.content.decode()
    assert admin_client.post(f"{TAXONOMY_URLS[0]}delete/{unused.pk}/").status_code == 302


def test_deleting_thematiques_from_the_list_says_what_each_tags(admin_client, demo_site):
    """The listing's bulk delete says it too, for each selected thématique."""
    from resource_centre.models import Thematique

    sante = Thematique.objects.get(slug="sante")
    renovation = Thematique.objects.get(slug="renovation-urbaine")
    unused = Thematique.objects.create(name="Inutilisée")
    url = "/admin/bulk/resource_centre/thematique/delete/"
    ids = [("id", t.pk) for t in (sante, renovation, unused)]
    page = admin_client.get(url, ids)
    assert page.status_code == 200
    text = _text(page)
    assert "Êtes-vous sûr(e) de vouloir supprimer 3 thématiques" in text
    for thematique in (sante, renovation):
        assert f"« {thematique.name} » est attaché(e) à :" in text
        assert all(item in text for item in _attached_to(thematique)), thematique
    assert "« Inutilisée » est attaché(e)" not in text
    assert text.count("0 fois") == 1  # the unused one's, from Wagtail's count
    # One of them: the same list, under Wagtail's question for one snippet.
    single = _text(admin_client.get(url, [("id", renovation.pk)]))
    assert (
        "« Rénovation urbaine » est attaché(e) à :" in single
        and "supprimer ce/cette thématique" in single
    )
    # Ids edited by hand: the garbage is left out, and nothing known is a 404, not an error.
    garbage = ["abc", "-1", str(2**64), "1.5", ""]
    mixed = admin_client.get(url, [("id", g) for g in garbage] + [("id", unused.pk)])
    assert mixed.status_code == 200 and "supprimer ce/cette thématique" in _text(mixed)
    assert admin_client.get(url, [("id", g) for g in garbage]).status_code == 404
    assert admin_client.post(url + "?id=abc").status_code == 404
    response = admin_client.post(url + "?" + "&".join(f"id={pk}" for _, pk in ids))
    assert response.status_code == 302
    assert not Thematique.objects.filter(pk__in=[pk for _, pk in ids]).exists()


def test_the_territoires_list_names_each_level(admin_client, demo_site):
    html = admin_client.get(TAXONOMY_URLS[1], {"kind": "region", "q": "saint martin"}).text
    assert "Saint-Martin" in html and "collectivité d’outre-mer" in html
    html = admin_client.get(TAXONOMY_URLS[1], {"kind": "region", "q": "bretagne"}).text
    assert "Bretagne" in html and "région" in html and "collectivité d’outre-mer" not in html


@pytest.mark.parametrize(
    "url, model",
    [
        ("/admin/snippets/resource_centre/thematique/add/", "resource_centre.Thematique"),
        ("/admin/snippets/resource_centre/publicvise/add/", "resource_centre.PublicVise"),
        ("/admin/snippets/annuaire/metier/add/", "annuaire.Metier"),
        ("/admin/snippets/fiches/porteurtype/add/", "fiches.PorteurType"),
    ],
)
def test_a_term_whose_identifier_is_taken_gets_a_french_error_not_a_500(
    admin_client, demo_site, url, model
):
    """« JARDINS PARTAGÉS » beside « Jardins partagés »: both would be « jardins-partages ». The form says so, keeps what was
    typed, and saves nothing; a name without a letter or digit has no identifier at all."""
    from django.apps import apps

    Model = apps.get_model(model)
    Model.objects.create(name="Jardins partagés")
    before = Model.objects.count()
    response = admin_client.post(url, {"name": "JARDINS PARTAGES", "slug": ""})
    assert response.status_code == 200
    text = _text(response)
    assert (
        "« Jardins partagés » a déjà l’identifiant « jardins-partages » : choisissez un autre nom"
        in text
    )
    assert 'value="JARDINS PARTAGES"' in response.content.decode()
    response = admin_client.post(url, {"name": "Prévention", "slug": "jardins-partages"})
    assert "a déjà l’identifiant « jardins-partages »" in _text(response)
    response = admin_client.post(url, {"name": "!!!", "slug": ""})
    assert "Donnez un nom fait de lettres ou de chiffres." in _text(response)
    assert Model.objects.count() == before
    assert admin_client.post(url, {"name": "Jardins familiaux", "slug": ""}).status_code == 302
    assert Model.objects.get(name="Jardins familiaux").slug == "jardins-familiaux"
