"""The bilan d'activité's core: its own permission, the period (never a 500 on bad input), the
registry sections contribute through, the SVG charts and the exports. Uses only the core: a
section registered by the test stands for an app's."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook
from wagtail import hooks

from resource_centre.bilan import HOOK, get_sections
from resource_centre.bilan.charts import bar_chart, chart_for, line_chart
from resource_centre.bilan.figures import BilanSection, Figure, Row, SectionResult, Table
from resource_centre.bilan.period import Period, parse_period
from resource_centre.models import Thematique
from resource_centre.roles import EDITORS, ensure_editors_group

pytestmark = pytest.mark.django_db
URL = "/admin/resource-centre/bilan/"
SVG = "{http://www.w3.org/2000/svg}"


class ThemesSection(BilanSection):
    """Counts the thématiques created in the period, so the test knows every figure."""

    key = "themes"
    title = "Thématiques du test"
    order = 1000  # after the apps' sections

    def compute(self, period, detail=True):
        names = list(Thematique.objects.order_by("name").values_list("name", flat=True))
        return SectionResult(
            [Figure("count", "Thématiques au total", len(names), url="/admin/snippets/")],
            [
                Table("names", "Par nom", ["Nom", "Lettres"], [Row(n, [len(n)]) for n in names]),
                Table(
                    "months",
                    "Par mois",
                    ["Mois", "Nombre"],
                    [Row(f"{m:%m/%Y}", [len(names)]) for m in period.months()],
                    "line",
                ),
            ],
            ["Une note honnête."],
        )


@pytest.fixture
def themes_section():
    with hooks.register_temporarily(HOOK, ThemesSection):
        yield


@pytest.fixture
def editor(client, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user("chargee", "chargee@example.org", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def test_the_bilan_needs_its_own_permission(client, django_user_model):
    assert client.get(URL)["Location"].startswith("/admin/login/")
    user = django_user_model.objects.create_user("stagiaire", "s@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail turns the refusal into a return to the dashboard with a message.
    for url in (URL, URL + "bilan.xlsx", URL + "bilan.csv"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert URL not in client.get("/admin/").content.decode()
    user.user_permissions.add(Permission.objects.get(codename="view_bilan"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(URL).status_code == 200


def test_editors_find_the_bilan_in_the_suites_menu(client, editor):
    menu = client.get("/admin/").content.decode()
    assert URL in menu
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bilan d’activité" in page or "Bilan d'activité" in page
    assert "<title>Bilan d" in page


def test_a_registered_section_shows_its_figures_charts_and_notes(client, editor, themes_section):
    Thematique.objects.create(name="Santé des habitants")
    expected = Thematique.objects.count()
    page = client.get(URL + "?annee=2025").content.decode()
    assert "Thématiques du test" in page
    assert f'data-figure="themes.count">{expected}<' in page
    assert 'href="/admin/snippets/"' in page  # the figure links to its listing
    assert "Une note honnête." in page
    # A chart per table, each with its data table beside it.
    assert page.count('role="img"') == 2
    assert 'data-table="themes.names"' in page
    assert "Santé des habitants" in page
    # Compared with the year before.
    assert "2024" in page


def test_xlsx_has_one_sheet_per_section_with_its_figures(client, editor, themes_section):
    expected = Thematique.objects.count()
    response = client.get(URL + "bilan.xlsx?du=01/01/2025&au=31/12/2025")
    assert response.status_code == 200
    assert 'filename="bilan-activite-20250101-20251231.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    # One sheet per section: the test's and each installed app's.
    assert workbook.sheetnames[-1] == "Thématiques du test"
    assert len(workbook.sheetnames) == len(get_sections())
    rows = list(workbook["Thématiques du test"].iter_rows(values_only=True))
    assert ("Thématiques au total", expected, expected) in [tuple(r[:3]) for r in rows]


def test_csv_holds_every_number_in_a_long_table(client, editor, themes_section):
    expected = Thematique.objects.count()
    response = client.get(URL + "bilan.csv?annee=2025")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Partie", "Tableau", "Ligne", "Colonne", "Valeur"]
    assert [
        "Thématiques du test",
        "Chiffres clés",
        "Thématiques au total",
        "2025",
        str(expected),
    ] in rows
    assert [
        "Thématiques du test",
        "Chiffres clés",
        "Thématiques au total",
        "2024",
        str(expected),
    ] in rows


@pytest.mark.parametrize(
    "query",
    [
        "?du=31/02/2025",
        "?du=demain&au=hier",
        "?au=2025-13-01",
        "?du=01/01/2025&au=01/01/2024",
        "?du=01/01/1000&au=01/01/2025",
        "?du=01/01/2000&au=31/12/2025",
        "?annee=deux-mille",
        "?annee=99999999999999999999",
        "?du=%00&au=%ff",
        "?du=" + "9" * 500,
    ],
)
def test_a_bad_period_gets_a_french_message_the_current_year_and_no_file(client, editor, query):
    response = client.get(URL + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="help-block help-critical" role="alert"' in page
    assert any(
        words in page
        for words in ("n’est pas une date", "n’est pas une année", "avant son début", "trop longue")
    ), page[page.find('role="alert"') - 200 :][:600]
    for export in ("bilan.xlsx", "bilan.csv"):
        # Not a file of the current year under the wrong name: the page and its message.
        refused = client.get(URL + export + query)
        assert refused.status_code == 400 and refused["Content-Type"].startswith("text/html")
        assert 'class="help-block help-critical" role="alert"' in refused.content.decode()


def test_period_parsing():
    today = datetime.date(2026, 6, 15)
    assert parse_period({}, today) == (Period.year(2026), [])
    assert parse_period({"annee": "2024"}, today) == (Period.year(2024), [])
    period, errors = parse_period({"du": "01/09/2025", "au": "2026-06-30"}, today)
    assert (period, errors) == (Period(datetime.date(2025, 9, 1), datetime.date(2026, 6, 30)), [])
    assert period.previous() == Period(datetime.date(2024, 11, 2), datetime.date(2025, 8, 31))
    assert Period.year(2026).previous() == Period.year(2025)  # not shifted by 365 days
    assert len(period.months()) == 10
    assert parse_period({"du": "01/03/2026"}, today)[0] == Period(
        datetime.date(2026, 3, 1), datetime.date(2026, 12, 31)
    )


def test_charts_are_accessible_svg():
    for draw in (bar_chart, line_chart):
        svg = str(
            draw("c1", "Séances <par> mois", "Une description", ["jan", "fév"], [("2025", [3, 0])])
        )
        root = ET.fromstring(svg)
        assert root.tag == SVG + "svg" and root.get("role") == "img"
        assert root.get("aria-labelledby") == "c1-title c1-desc"
        assert root.find(SVG + "title").text == "Séances <par> mois"
        assert root.find(SVG + "desc").text == "Une description"
    # Nothing to draw is not a division by zero.
    ET.fromstring(str(bar_chart("c2", "Vide", "Vide", ["a"], [("x", [0]), ("y", [None])])))


def test_a_long_breakdown_draws_its_largest_rows_and_says_so():
    rows = [Row(f"Commune {n}", [100 - n]) for n in range(20)]
    svg = str(chart_for(Table("communes", "Par commune", ["Commune", "Structures"], rows), "c3"))
    root = ET.fromstring(svg)
    assert len(root.findall(SVG + "rect")) == 15
    assert "Commune 14" in svg and "Commune 15" not in svg
    assert "15 plus grands" in root.find(SVG + "desc").text


def test_the_permission_is_offered_in_the_groups_settings(client, django_user_model):
    group = ensure_editors_group()
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    page = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    permission = Permission.objects.get(codename="view_bilan")
    assert re.search(rf'value="{permission.pk}"[^>]*checked', page)
    assert "Peut consulter le bilan d’activité" in page
