"""The fiches' part of the bilan d'activité, read on the admin page: each figure against a count
the test makes from the rows it created; a fixed number of queries at two sizes."""

import datetime
import re
import statistics
from html import unescape

import pytest
from django.utils import timezone

from fiches.models import FichePage, PorteurType, PorteurValidationTaskState
from resource_centre.models import Territoire, Thematique

from .helpers import bulk_fiches

pytestmark = pytest.mark.django_db
URL = "/admin/resource-centre/bilan/"


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def figures(page):
    return {
        key: unescape(value)
        for key, value in re.findall(r'data-figure="fiches\.(\w+)">([^<]*)<', page)
    }


def table(page, key):
    found = re.search(rf'data-table="fiches\.{key}">(.*?)</table>', page, re.S)
    rows = {}
    for label, cells in re.findall(
        r'<th scope="row">(?:<a href="[^"]*">)?([^<]*)(?:</a>)?</th>(.*?)</tr>',
        found.group(1),
        re.S,
    ):
        rows[unescape(label)] = [int(v) for v in re.findall(r">(\d+)</td>", cells)]
    return rows


def days(value):
    return f"{value:.1f}".replace(".", ",").replace(",0", "") + "\xa0j"


@pytest.fixture
def fiches(make_fiche, submitted_fiche):
    # The demo's fiches were published lately: none falls in 2018 or 2019.
    assert not FichePage.objects.filter(first_published_at__year__in=[2018, 2019]).exists()
    sante = Thematique.objects.create(name="Santé test")
    emploi = Thematique.objects.create(name="Emploi test")
    val_d_oise = Territoire.objects.get(kind="departement", code="95")
    association = PorteurType.objects.create(name="Association test")
    made = [
        (at(2019, 2, 3), [sante], [val_d_oise], association),
        (at(2019, 2, 20), [sante, emploi], [], association),
        (at(2019, 11, 5), [emploi], [val_d_oise], None),
        (at(2018, 6, 1), [sante], [], association),
    ]
    for n, (published, themes, territories, porteur) in enumerate(made):
        fiche = make_fiche(
            title=f"Action {n}", thematiques=themes, territoires=territories, porteur_type=porteur
        )
        FichePage.objects.filter(pk=fiche.pk).update(first_published_at=published)
    answers = [
        (at(2019, 3, 1), at(2019, 3, 11), "approved"),
        (at(2019, 5, 1, 9), at(2019, 5, 4, 21), "rejected"),
        (at(2019, 12, 20), None, "in_progress"),
    ]
    for n, (sent, finished, status) in enumerate(answers):
        fiche = submitted_fiche(title=f"Soumise {n}")
        PorteurValidationTaskState.objects.filter(workflow_state__object_id=str(fiche.pk)).update(
            link_sent_at=sent, finished_at=finished, status=status
        )
    return made, answers


def test_fiches_figures_match_counts_from_the_rows(admin_client, fiches):
    made, answers = fiches
    page = admin_client.get(URL + "?annee=2019").content.decode()
    got = figures(page)
    in_2019 = [m for m in made if m[0].year == 2019]
    delays = [(f - s).total_seconds() / 86400 for s, f, st in answers if f]
    assert int(got["published"]) == len(in_2019)
    assert int(got["online"]) == len(made)
    assert int(got["links_sent"]) == len(answers)
    assert int(got["approved"]) == len([a for a in answers if a[2] == "approved"])
    assert int(got["rejected"]) == len([a for a in answers if a[2] == "rejected"])
    assert int(got["waiting"]) == len([a for a in answers if a[1] is None])
    assert got["delay_mean"] == days(round(statistics.fmean(delays), 1))
    assert got["delay_median"] == days(round(statistics.median(delays), 1))
    themes = table(page, "thematiques")
    for name in ("Santé test", "Emploi test"):
        assert themes[name] == [len([m for m in in_2019 if any(t.name == name for t in m[1])])]
    assert table(page, "porteurs")["Association test"] == [
        len([m for m in in_2019 if m[3] is not None])
    ]
    assert table(page, "territoires")["Val-d'Oise"] == [len([m for m in in_2019 if m[2]])]
    months = table(page, "months")
    assert [v[0] for v in months.values()] == [
        len([m for m in in_2019 if m[0].month == month]) for month in range(1, 13)
    ]
    # The previous year, beside.
    assert re.search(r'data-figure="fiches\.published">\d+</td>\s*<td[^>]*>1<', page)


def test_the_fiches_figures_lead_to_the_fiches_and_answers_they_count(admin_client, fiches):
    made, answers = fiches
    page = admin_client.get(URL + "?annee=2019").content.decode()
    got = figures(page)
    link = re.search(r'<a href="([^"]+)">Fiches publiées sur la période</a>', page).group(1)
    listing = unescape(admin_client.get(unescape(link)).content.decode())
    assert "Fiches de 2019" in listing
    published = re.search(r'data-table="published">(.*?)</table>', listing, re.S).group(1)
    titles = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', published)
    assert sorted(titles) == sorted(f"Action {n}" for n, m in enumerate(made) if m[0].year == 2019)
    assert len(titles) == int(got["published"])
    decisions = re.findall(r"<td data-decision>([^<]+)</td>", listing)
    assert len(decisions) == int(got["approved"]) + int(got["rejected"]) + int(got["waiting"])
    assert decisions.count("En attente") == int(got["waiting"])
    # Garbage in the period: a French message, never an error page.
    response = admin_client.get(unescape(link).split("?")[0] + "?annee=deux-mille", follow=True)
    assert response.status_code == 200
    assert "« deux-mille » n’est pas une année" in unescape(response.content.decode())


def test_the_fiches_section_runs_a_fixed_number_of_queries(
    admin_client, fiches_site, count_queries
):
    theme = Thematique.objects.first()
    bulk_fiches(fiches_site, 5, thematiques=[theme])
    admin_client.get(URL)  # the admin menu's permission caches fill on the first page
    small, response = count_queries(admin_client.get, URL)
    assert response.status_code == 200
    bulk_fiches(fiches_site, 80, thematiques=[theme])
    large, response = count_queries(admin_client.get, URL)
    assert int(figures(response.content.decode())["published"]) >= 85
    assert small == large
