"""The one export writer of the suite: one CSV dialect (UTF-8 with a BOM, `;`), ISO 8601 dates,
one list separator, formula-safe cells, and the centre's licence on open data. The exports of
the apps are tested in test_exports_<app>.py; the helpers below read them."""

import csv
import datetime
import io
import json

import pytest
from django.test import RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from resource_centre.exports import Column, Export, Licence

pytestmark = pytest.mark.django_db

ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
ODBL = "https://opendatacommons.org/licenses/odbl/1-0/"


# Readers shared by the apps' export tests ---------------------------------------------------


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response):
    """[{header: cell}] of a CSV export, after checking the suite's dialect."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the accents
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response):
    """{sheet title: [rows]} of an XLSX export."""
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(body(response)))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def read_json(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(body(response))


def licence_url(response):
    link = response.get("Link", "")
    assert link.endswith('; rel="license"'), link
    return link.split(">")[0].lstrip("<")


def about(sheets):
    """The "À propos" sheet of an XLSX export as {label: value}."""
    return {row[0]: row[1] for row in sheets["À propos"]}


# The writer ---------------------------------------------------------------------------------


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


COLUMNS = [
    Column("name", "Nom"),
    Column("themes", "Thèmes"),
    Column("day", "Date"),
    Column("at", "Créé le"),
    Column("when", "Heure"),
    Column("online", "En ligne"),
    Column("seats", "Places"),
    Column("note", "Note"),
]


def rows():
    paris = datetime.timezone(datetime.timedelta(hours=1))
    return [
        Row(
            name="Régie de quartier",
            themes=["Santé", "Éducation"],
            day=datetime.date(2025, 3, 14),
            at=datetime.datetime(2025, 3, 14, 8, 30, 5, 123, tzinfo=datetime.UTC),
            when=datetime.time(9, 30),
            online=True,
            seats=12,
            note=None,
        ),
        Row(
            name='=HYPERLINK("x")',
            themes=[],
            day=None,
            at=datetime.datetime(2025, 7, 1, 10, 0, tzinfo=paris),
            when=None,
            online=False,
            seats=0,
            note="-2",
        ),
    ]


def export(fmt, licence=None):
    request = RequestFactory().get("/export/?thematique=sante")
    return Export("essai", COLUMNS, rows(), title="Essai", licence=licence, request=request)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_open_data_says_its_licence_in_a_link_header(fmt):
    licence = Licence("odbl-1.0", "ODbL", ODBL)
    assert licence_url(export(fmt, licence).response(fmt)) == ODBL
    assert "Link" not in export(fmt).response(fmt)  # not open data, no licence


def test_csv_is_one_dialect_with_iso_dates_and_one_list_separator(settings):
    settings.TIME_ZONE = "Europe/Paris"
    response = export("csv", Licence("etalab-2.0", "Licence Ouverte", ETALAB)).response("csv")
    assert response["Content-Disposition"] == 'attachment; filename="essai.csv"'
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeffNom;Thèmes;Date;Créé le;Heure;En ligne;Places;Note\r\n")
    first, second = csv.DictReader(io.StringIO(text[1:]), delimiter=";")
    assert first["Thèmes"] == "Santé | Éducation"
    assert first["Date"] == "2025-03-14"
    assert first["Créé le"] == "2025-03-14T09:30:05+01:00"  # the site's time, to the second
    assert first["Heure"] == "09:30"
    assert (first["En ligne"], second["En ligne"]) == ("oui", "non")
    assert (first["Places"], second["Places"]) == ("12", "0")
    assert (first["Note"], second["Date"]) == ("", "")
    assert second["Nom"] == '\'=HYPERLINK("x")' and second["Note"] == "'-2"  # no formula runs
    assert "Licence" not in text  # said in the Link header: a parser reads only the table


def test_xlsx_keeps_dates_and_numbers_and_says_where_from_and_under_which_licence(settings):
    settings.TIME_ZONE = "Europe/Paris"
    response = export("xlsx", Licence("etalab-2.0", "Licence Ouverte 2.0", ETALAB)).response("xlsx")
    sheets = read_xlsx(response)
    assert list(sheets) == ["Essai", "À propos"]  # the data first: Excel opens on it
    header, first, second = sheets["Essai"]
    assert header == ("Nom", "Thèmes", "Date", "Créé le", "Heure", "En ligne", "Places", "Note")
    assert first[1] == "Santé | Éducation"
    assert first[2] == datetime.datetime(2025, 3, 14)  # a real date, shown as yyyy-mm-dd
    assert first[3] == datetime.datetime(2025, 3, 14, 9, 30, 5)  # to the second, as in CSV
    assert (first[5], first[6], second[6]) == ("oui", 12, 0)
    assert second[0] == '\'=HYPERLINK("x")'
    workbook = load_workbook(io.BytesIO(body(response)))
    assert workbook["Essai"]["C2"].number_format == "yyyy-mm-dd"
    info = about(sheets)
    assert info["Licence"] == "Licence Ouverte 2.0" and info["Adresse de la licence"] == ETALAB
    assert info["Source"] == "http://testserver/export/?thematique=sante"
    assert info["Titre"] == "Essai" and isinstance(info["Exporté le"], datetime.datetime)


def test_json_keeps_lists_booleans_and_nulls_with_iso_dates(settings):
    settings.TIME_ZONE = "Europe/Paris"
    data = read_json(
        export("json", Licence("cc-by-4.0", "CC BY 4.0", "https://cc")).response("json")
    )
    assert data["licence"] == {"code": "cc-by-4.0", "name": "CC BY 4.0", "url": "https://cc"}
    assert data["count"] == 2
    first, second = data["items"]
    assert first == {
        "name": "Régie de quartier",
        "themes": ["Santé", "Éducation"],
        "day": "2025-03-14",
        "at": "2025-03-14T09:30:05+01:00",
        "when": "09:30",
        "online": True,
        "seats": 12,
        "note": None,
    }
    assert second["name"] == '=HYPERLINK("x")'  # JSON is no spreadsheet: the text as it is
    assert "licence" not in read_json(export("json").response("json"))


def test_an_unknown_format_is_not_found():
    from django.http import Http404

    with pytest.raises(Http404):
        export("pdf").response("pdf")


def test_the_centre_chooses_its_licence_etalab_by_default(rf):
    from wagtail.models import Site

    from resource_centre.exports import centre_licence
    from resource_centre.models import CentreSettings

    site = Site.objects.get(is_default_site=True)
    request = rf.get("/", HTTP_HOST=site.hostname)
    licence = centre_licence(request)
    assert (licence.code, licence.url) == ("etalab-2.0", ETALAB)
    assert str(licence.name) == "Licence Ouverte 2.0 (Etalab)"
    settings = CentreSettings.for_site(site)
    settings.licence = "odbl-1.0"
    settings.save()
    licence = centre_licence(rf.get("/", HTTP_HOST=site.hostname))
    assert (licence.code, licence.url) == ("odbl-1.0", ODBL)
    assert "ODbL" in str(licence.name)
    settings.licence = "cc-by-4.0"
    settings.save()
    assert centre_licence(rf.get("/", HTTP_HOST=site.hostname)).url == (
        "https://creativecommons.org/licenses/by/4.0/"
    )


def test_the_licence_is_chosen_in_the_centre_settings_form(admin_client):
    url = "/admin/settings/resource_centre/centresettings/"
    html = admin_client.get(url, follow=True).content.decode()
    assert "Licence Ouverte 2.0 (Etalab)" in html and "CC BY 4.0" in html and "ODbL" in html


def test_csv_and_xlsx_writers_agree_with_each_app(db):
    """The low-level writers the bilan uses follow the same rules."""
    from resource_centre.exports import csv_response, xlsx_response

    response = csv_response("b.csv", ["Partie", "Valeur"], [["A", datetime.date(2025, 1, 2)]])
    assert body(response).decode() == "\ufeffPartie;Valeur\r\nA;2025-01-02\r\n"
    sheets = read_xlsx(xlsx_response("b.xlsx", [("Feuille", [["A", timezone.now().date()]])]))
    assert isinstance(sheets["Feuille"][0][1], datetime.datetime)


def test_without_a_site_the_licence_is_the_default_one(rf):
    from wagtail.models import Site

    from resource_centre.exports import centre_licence

    Site.objects.all().delete()
    assert centre_licence(rf.get("/")).code == "etalab-2.0"
