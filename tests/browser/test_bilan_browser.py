"""An editor of the centre opens the demo's bilan d'activité for this year, sees each section with
its charts, follows a figure to the events behind it, prints it as PDF and downloads the XLSX.
In a real browser."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from .signin import sign_in_as_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_reads_prints_and_downloads_the_bilan(
    demo_site, live_server, page, django_user_model
):
    year = timezone.localdate().year
    sign_in_as_editor(page, live_server, django_user_model)
    page.goto(live_server.url + "/admin/")
    page.get_by_role("button", name="Centre de ressources").click()
    page.get_by_role("link", name=re.compile("Bilan d.activité")).click()
    page.get_by_role("link", name=str(year), exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"Bilan d.activité {year}"))).to_be_visible()
    for section in ("Agenda", "Fiches expériences", "Annuaire des acteurs", "Lettre d’information"):
        region = page.get_by_role("region", name=section, exact=True)
        expect(region).to_be_visible()
        # Each section has at least one chart, named and described for screen readers.
        chart = region.locator("svg[role=img]").first
        expect(chart).to_be_visible()
        assert chart.get_attribute("aria-labelledby")
    present = page.locator('[data-figure="agenda.present"]')
    assert int(re.sub(r"\D", "", present.inner_text())) > 0  # the demo's sign-in sheets
    evaluations = page.locator('[data-figure="agenda.evaluations"]')
    assert int(re.sub(r"\D", "", evaluations.inner_text())) > 0  # and its evaluations

    # A figure leads to the events that make it, whose total is the figure.
    confirmed = page.locator('[data-figure="agenda.confirmed"]').inner_text()
    page.get_by_role("link", name="Inscriptions confirmées", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Événements tenus en {year}")
    total = page.locator('tr[data-event="total"] td').nth(2)
    expect(total).to_have_text(re.sub(r"\D", "", confirmed))
    page.go_back()

    # Printed: the period form and the buttons go, the figures and charts stay.
    page.emulate_media(media="print")
    expect(page.locator(".bilan-period")).to_be_hidden()
    expect(page.get_by_role("button", name="Imprimer ou enregistrer en PDF")).to_be_hidden()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 1
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger (XLSX)").click()
    workbook = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert {"Agenda", "Fiches expériences", "Annuaire des acteurs"} <= set(workbook.sheetnames)
    assert len(workbook.sheetnames) >= 4  # and the lettre's
    assert download.value.suggested_filename.endswith(".xlsx")
