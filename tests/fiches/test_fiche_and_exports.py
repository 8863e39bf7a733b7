"""The fiche page (consent, validation date, JSON-LD, print) and the exports (CSV, JSON, feeds)."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.utils import timezone

from fiches.models import FichePage, PorteurType
from resource_centre.models import Thematique

from .helpers import bulk_fiches

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Awa Diallo",
    "contact_function": "Coordinatrice",
    "contact_email": "awa.diallo@example.org",
    "contact_phone": "02 97 00 00 00",
}


def jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_fiche_page_reads_well_with_its_structured_fields(client, fiches_site):
    fiche = FichePage.objects.get(slug="reseaux-pluridisciplinaires-strasbourg")
    response = client.get(fiche.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Porteur de projet",
        "ORIV et ESTES, avec la Ville de Strasbourg (Centre de ressources)",
        "Strasbourg, Hautepierre",
        "Prévention de la délinquance",
        "Depuis le 1er septembre 2016 (en cours)",
        "<h2>Contexte</h2>",
        "<h2>Moyens</h2>",
        "État (FIPD)",
        "<h2>Conseils pour essaimer</h2>",
        "fiches/fiches.css",
    ]:
        assert text in html, text
    # Sections in reading order: context, objectives, actions, means, … advice.
    assert (
        html.index("Contexte")
        < html.index("Objectifs")
        < html.index("Moyens")
        < html.index("Conseils pour essaimer")
    )
    assert "Validée par le porteur" not in html  # not validated yet
    data = jsonld(html)
    assert data["@type"] == "Article"
    assert data["articleSection"] == "Fiche expérience"
    assert data["headline"] == fiche.title
    assert data["sourceOrganization"]["name"] == "ORIV et ESTES, avec la Ville de Strasbourg"
    assert {"@type": "Place", "name": "Strasbourg"} in data["spatialCoverage"]
    assert data["temporalCoverage"] == "2016-09-01/.."


def test_print_stylesheet_hides_the_site_around_the_fiche(fiches_site):
    from django.contrib.staticfiles import finders

    css = open(finders.find("fiches/fiches.css"), encoding="utf-8").read()
    print_rules = css[css.index("@media print") :]
    for selector in (".rc-header", ".rc-footer", ".rc-nav", ".fi-print", ".rc-skip-link"):
        assert selector in print_rules
    assert "break-inside: avoid" in print_rules


def test_validation_date_is_shown_on_the_published_fiche(client, fiches_site):
    fiche = FichePage.objects.get(slug="formation-acteurs-habitants-lorient")
    html = client.get(fiche.url).content.decode()
    assert "Validée par le porteur le 5 septembre 2016" in html


def test_contact_is_published_only_with_consent(client, make_fiche):
    without = make_fiche("Sans accord", **CONTACT)
    html = client.get(without.url).content.decode()
    assert "Awa Diallo" not in html and "awa.diallo@example.org" not in html
    assert "Awa Diallo" not in json.dumps(jsonld(html))
    with_consent = make_fiche(
        "Avec accord",
        contact_consent=True,
        contact_consent_date=timezone.localdate(),
        contact_consent_source="e-mail du porteur",
        **CONTACT,
    )
    html = client.get(with_consent.url).content.decode()
    assert "Awa Diallo" in html and "mailto:awa.diallo@example.org" in html


def test_script_in_fields_cannot_break_out_of_the_json_ld(client, make_fiche):
    fiche = make_fiche("</script><script>alert(1)</script>", chapo="<b>&</b>")
    html = client.get(fiche.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert jsonld(html)["headline"] == "</script><script>alert(1)</script>"


def _csv(response):
    """The CSV's rows, by the keys of its columns (the JSON's): its header is in French."""
    from fiches.exports import COLUMNS

    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    return [{key: row[str(label)] for key, label in COLUMNS} for row in rows]


@override_settings(RESOURCE_CENTRE={"FICHES_CENTRE_SLUG": "resovilles"})
def test_exports_hold_only_published_content_with_stable_ids(client, fiches_site, make_fiche):
    secret = make_fiche("Brouillon jamais publié", publish=False, **CONTACT)
    published = make_fiche("Action publiée", **CONTACT)  # no consent
    consenting = make_fiche(
        "Action avec contact",
        contact_consent=True,
        contact_consent_date=timezone.localdate(),
        **{**CONTACT, "contact_name": "Marc Le Gall", "contact_email": "marc@example.org"},
    )
    # A draft change of a published fiche stays private until it is published.
    draft = published.get_latest_revision_as_object()
    draft.title = "Titre pas encore publié"
    draft.contact_consent = True
    draft.save_revision()

    response = client.get(fiches_site.url + "export/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["id"]: row for row in _csv(response)}
    assert f"resovilles--{published.pk}" in rows
    assert f"resovilles--{secret.pk}" not in rows
    assert len(rows) == 6  # 4 demo fiches + 2
    row = rows[f"resovilles--{published.pk}"]
    assert row["title"] == "Action publiée"
    assert row["contact_email"] == "" and row["contact_name"] == ""
    assert rows[f"resovilles--{consenting.pk}"]["contact_email"] == "marc@example.org"
    lorient = next(r for r in rows.values() if r["title"].startswith("Formation Acteurs"))
    assert lorient["territory_codes"] == "56121 | DEMO-LORIENT-1"  # the commune and its QPV
    assert lorient["validated_by_project_holder_on"] == "2016-09-05"
    assert lorient["ongoing"] == "non"  # booleans in French, like the headings around them
    mediation = next(r for r in rows.values() if r["title"].startswith("Mesurer les coûts"))
    assert mediation["ongoing"] == "oui"
    text = json.dumps(rows)
    assert "Titre pas encore publié" not in text and "Brouillon" not in text
    assert "awa.diallo@example.org" not in text

    data = client.get(fiches_site.url + "export/json/").json()
    assert data["centre"] == "resovilles"
    ids = [fiche["id"] for fiche in data["fiches"]]
    assert ids[:2] == [f"resovilles--{consenting.pk}", f"resovilles--{published.pk}"]
    assert "awa.diallo@example.org" not in json.dumps(data)
    assert "Brouillon jamais publié" not in json.dumps(data)


def test_export_ids_use_the_centre_name_by_default(client, fiches_site):
    data = client.get(fiches_site.url + "export/json/").json()
    assert all(fiche["id"].startswith("reso-villes--") for fiche in data["fiches"])


def test_rss_and_atom_feeds_list_new_fiches(client, fiches_site, make_fiche):
    make_fiche("Brouillon du flux", publish=False)
    newest = make_fiche("La plus récente", chapo="Une action toute neuve.")
    rss = client.get(fiches_site.url + "rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(rss.content)
    items = root.findall("./channel/item")
    assert items[0].findtext("title") == "La plus récente"
    assert items[0].findtext("guid") == f"reso-villes--{newest.pk}"
    assert "Brouillon du flux" not in rss.content.decode()
    atom = client.get(fiches_site.url + "atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 5
    # The index advertises its feeds and exports.
    html = client.get(fiches_site.url).content.decode()
    assert 'type="application/rss+xml"' in html and "export/csv/" in html


def test_exports_and_feeds_run_a_fixed_number_of_queries(client, fiches_site, count_queries):
    theme = Thematique.objects.get(slug="jeunesse")
    kind = PorteurType.objects.get(slug="association")
    urls = [fiches_site.url + suffix for suffix in ("export/csv/", "export/json/", "rss/", "atom/")]

    def fetch(url):
        response = client.get(url)
        assert response.status_code == 200
        return b"".join(response.streaming_content) if response.streaming else response.content

    def counts():
        return [count_queries(fetch, url)[0] for url in urls]

    bulk_fiches(fiches_site, 10, thematiques=[theme], porteur_type=kind, index_search=False)
    counts()
    small = counts()
    bulk_fiches(fiches_site, 1000, thematiques=[theme], porteur_type=kind, index_search=False)
    large = counts()
    assert small == large, (small, large)
    print("exports queries (csv, json, rss, atom):", small)


def test_fiche_page_queries_do_not_grow_with_its_tags_and_related_fiches(
    client, fiches_site, make_fiche, count_queries
):
    from fiches.models import FicheRelatedFiche
    from resource_centre.models import Territoire

    others = [make_fiche(f"Autre action {i}") for i in range(8)]

    def fiche_with(n):
        fiche = make_fiche(
            f"Action liée à {n} autres",
            thematiques=list(Thematique.objects.all()[:n]),
            territoires=list(Territoire.objects.all()[:n]),
        )
        for other in others[:n]:
            FicheRelatedFiche.objects.create(page=fiche, fiche=other)
        return fiche

    small, large = fiche_with(1), fiche_with(8)
    client.get(small.url)
    n_small, response = count_queries(client.get, small.url)
    assert response.status_code == 200
    n_large, response = count_queries(client.get, large.url)
    assert "Autre action 7" in response.content.decode()
    assert n_small == n_large, (n_small, n_large)
