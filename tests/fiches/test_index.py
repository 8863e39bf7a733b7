"""The fiches index: newest first, paginated, filtered, searched; garbage-proof; fixed queries."""

import datetime

import pytest

from fiches.models import FichePage, PorteurType
from resource_centre.models import PublicVise, Territoire, Thematique

from .helpers import bulk_fiches

pytestmark = pytest.mark.django_db


def titles(response):
    return [fiche.title for fiche in response.context["fiches"]]


def test_lists_published_fiches_newest_first_and_paginates(client, fiches_site, make_fiche):
    make_fiche("Brouillon secret", publish=False)
    for i in range(13):
        make_fiche(f"Action récente {i:02d}")
    response = client.get(fiches_site.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "17 fiches expériences" in html  # 4 demo fiches + 13
    assert titles(response)[:3] == ["Action récente 12", "Action récente 11", "Action récente 10"]
    assert "Brouillon secret" not in html
    assert "Page 1 sur 2" in html
    response = client.get(fiches_site.url, {"page": "2"})
    assert len(titles(response)) == 5
    assert "Formation Acteurs Habitants à Lorient" in titles(response)


def test_a_search_counts_its_matches_and_pages_through_them(client, fiches_site, make_fiche):
    for i in range(13):
        make_fiche(f"Action récente {i:02d}")

    def page(number):
        response = client.get(fiches_site.url, {"q": "recentes", "page": number})
        assert response.status_code == 200
        return response

    first = page("1")
    assert "13 fiches expériences" in first.content.decode()
    assert "Page 1 sur 2" in first.content.decode()
    assert len(titles(first)) == 12
    second = set(titles(page("2")))
    assert len(second) == 1 and second.isdisjoint(titles(first))
    # Too far or below the first gives the last page; garbage gives the first.
    for number in ("99", "0", "-3", "99999999999999999999999"):
        assert set(titles(page(number))) == second
        assert "13 fiches expériences" in page(number).content.decode()
    assert titles(page("abc")) == titles(first)
    nothing = client.get(fiches_site.url, {"q": "introuvablexyz", "page": "2"})
    assert nothing.status_code == 200 and titles(nothing) == []


def test_filters_by_theme_porteur_type_audience_and_year_with_several_values(client, fiches_site):
    get = lambda **params: set(titles(client.get(fiches_site.url, params)))  # noqa: E731
    assert get(thematique="mediation-sociale") == {
        "Mesurer les coûts évités par la médiation sociale"
    }
    assert get(thematique=["mediation-sociale", "jeunesse"]) == {
        "Mesurer les coûts évités par la médiation sociale",
        "Réseaux pluridisciplinaires de prévention des ruptures à Strasbourg",
    }
    assert get(porteur_type="association") == {"Mesurer les coûts évités par la médiation sociale"}
    assert get(public="habitants", thematique="participation-des-habitants") == {
        "Formation Acteurs Habitants à Lorient",
        "Diagnostic partagé de territoire : un site ressource",
    }
    # Year: actions running during that year (ongoing ones included).
    assert get(annee="2016") == {
        "Formation Acteurs Habitants à Lorient",
        "Mesurer les coûts évités par la médiation sociale",
        "Réseaux pluridisciplinaires de prévention des ruptures à Strasbourg",
    }
    assert get(annee="2015") == {"Mesurer les coûts évités par la médiation sociale"}


def test_a_region_matches_its_departements_and_communes(client, fiches_site):
    bretagne = Territoire.objects.get(kind="region", code="53")
    morbihan = Territoire.objects.get(kind="departement", code="56")
    grand_est = Territoire.objects.get(kind="region", code="44")
    response = client.get(fiches_site.url, {"territoire": str(bretagne.pk)})
    assert titles(response) == ["Formation Acteurs Habitants à Lorient"]
    assert set(
        titles(client.get(fiches_site.url, {"territoire": [morbihan.pk, grand_est.pk]}))
    ) == {
        "Formation Acteurs Habitants à Lorient",
        "Réseaux pluridisciplinaires de prévention des ruptures à Strasbourg",
    }
    # The active filter is shown with a link that removes it.
    assert "Retirer le filtre Territoire : Bretagne" in response.content.decode()


def test_free_text_search_finds_words_in_structured_fields(client, fiches_site):
    search = lambda q, **more: titles(client.get(fiches_site.url, {"q": q, **more}))  # noqa: E731
    assert search("Médios") == ["Mesurer les coûts évités par la médiation sociale"]  # résultats
    assert search("FIPD") == [
        "Réseaux pluridisciplinaires de prévention des ruptures à Strasbourg"
    ]  # financeurs
    assert search("IRTS") == ["Diagnostic partagé de territoire : un site ressource"]  # partenaires
    assert search("Kervénanec") == ["Formation Acteurs Habitants à Lorient"]  # territoire
    # Search and filters combine.
    assert search("habitants", porteur_type="association") == []
    response = client.get(fiches_site.url, {"q": "introuvablexyz"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aucune fiche expérience ne correspond à ces critères." in html
    assert "Voir toutes les fiches expériences" in html


@pytest.mark.parametrize(
    "params",
    [
        {"thematique": "n-existe-pas"},
        {"porteur_type": ["association", "<script>"]},
        {"territoire": "abc"},
        {"territoire": "99999999999999999999999"},
        {"territoire": "-1"},
        {"annee": "deux-mille"},
        {"annee": "1800"},
        {"page": "abc"},
        {"page": "999999"},
        {"q": "x" * 5000},
        {"q": '\x00 AND OR NOT ( " *'},
        {"q": "<script>alert(1)</script>"},
        {"public": ["' OR 1=1 --"] * 300},
        {"thematique": "\x00"},
        {"public": "\x00"},
        {"porteur_type": "\x00"},
        {"porteur_type": ["association", "\x00"]},
    ],
)
def test_garbage_in_the_url_never_fails(client, fiches_site, params):
    response = client.get(fiches_site.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if set(params) - {"page", "q"}:
        assert "n’ont pas été reconnues et ont été ignorées" in html or "ont été ignorées" in html


def test_query_count_does_not_grow_with_the_number_of_fiches(client, fiches_site, count_queries):
    theme = Thematique.objects.get(slug="jeunesse")
    commune = Territoire.objects.get(kind="commune", code="56121")
    public = PublicVise.objects.get(slug="habitants")
    kind = PorteurType.objects.get(slug="centre-social")
    tagged = {"thematiques": [theme], "territoires": [commune], "publics": [public]}
    urls = [
        (fiches_site.url, {}),
        (fiches_site.url, {"thematique": "jeunesse", "territoire": commune.pk, "page": "2"}),
        (fiches_site.url, {"q": "habitants", "annee": "2021"}),
        (fiches_site.url, {"porteur_type": "centre-social", "public": "habitants"}),
    ]

    def counts():
        result = []
        for url, params in urls:
            n, response = count_queries(client.get, url, params)
            assert response.status_code == 200
            result.append(n)
        return result

    bulk_fiches(fiches_site, 30, porteur_type=kind, **tagged)
    client.get(fiches_site.url)  # warm the caches (site root paths, content types)
    small = counts()
    bulk_fiches(fiches_site, 1000, porteur_type=kind, **tagged)
    large = counts()
    assert small == large, (small, large)
    print("fiches index queries:", small)
    response = client.get(fiches_site.url, {"thematique": "jeunesse"})
    assert "1031 fiches expériences" in response.content.decode()  # 1,030 + one demo fiche


def test_a_draft_can_be_saved_with_only_a_title(fiches_site):
    fiche = FichePage(title="Repérage : jardin partagé")
    fiches_site.add_child(instance=fiche)
    fiche.save_revision()
    fiche.full_clean()
    assert FichePage.objects.get(pk=fiche.pk).start_date is None
    assert fiche.ongoing is False and fiche.validated_on() is None


def test_french_stemming_on_every_database(client, fiches_site):
    # The suite's own normalisation (resource_centre/search.py), not the database's.
    # « médiatrices » is in the fiche, « médiatrice » and « formations » are not.
    assert titles(client.get(fiches_site.url, {"q": "médiatrice"})) == [
        "Mesurer les coûts évités par la médiation sociale"
    ]
    assert "Formation Acteurs Habitants à Lorient" in titles(
        client.get(fiches_site.url, {"q": "formations"})
    )


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (
            {"start_date": datetime.date(2024, 5, 1), "end_date": datetime.date(2024, 4, 1)},
            "end_date",
            "La fin ne peut pas précéder le début.",
        ),
        (
            {
                "start_date": datetime.date(2024, 5, 1),
                "end_date": datetime.date(2024, 6, 1),
                "ongoing": True,
            },
            "ongoing",
            "Une action en cours n’a pas de date de fin",
        ),
    ],
)
def test_inconsistent_dates_are_refused_in_french(fiches_site, fields, field, message):
    from django.core.exceptions import ValidationError

    fiche = FichePage(title="Dates incohérentes", slug="dates-incoherentes", **fields)
    with pytest.raises(ValidationError) as error:
        fiches_site.add_child(instance=fiche)
    assert message in " ".join(error.value.message_dict[field])
    assert not FichePage.objects.filter(slug="dates-incoherentes").exists()


def test_the_editor_sees_the_date_error_in_the_form(client, fiches_site, editor):
    from django.urls import reverse

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", fiches_site.pk])
    response = client.post(
        url,
        {
            "title": "Action datée",
            "slug": "action-datee",
            "start_date": "2024-05-01",
            "end_date": "2024-04-01",
            "documents-count": "0",
            "porteur_structure-count": "0",
            "related_events-TOTAL_FORMS": "0",
            "related_events-INITIAL_FORMS": "0",
            "related_fiches-TOTAL_FORMS": "0",
            "related_fiches-INITIAL_FORMS": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "La fin ne peut pas précéder le début." in response.content.decode()
    assert not FichePage.objects.filter(slug="action-datee").exists()
