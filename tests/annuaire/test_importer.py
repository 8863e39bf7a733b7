"""Import of structures from CSV/XLSX in the admin: preview, confirmation, idempotence, and
broken files that must give a French message and write nothing."""

import io
import os
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from annuaire.models import Address, Structure

URL = "/admin/annuaire/import/"
HEADER = "Nom;Sigle;Type;SIRET;Adresse;Code postal;Ville;E-mail;Téléphone;Thématiques\n"
GOOD = (
    HEADER
    + 'Maison de quartier de Villejean;MQV;Association;73282932000074;2 rue de Bourgogne;35000;Rennes;contact@mqv.example;02 99 00 00 00;"Jeunesse; Santé"\n'
    + "RésO Villes;;Centre de ressources;;18 rue Paul Bellamy;44000;Nantes;contact@resovilles.example;02 40 00 00 00;\n"
    + "Centre social de Bellevue;;Centre social;;;29200;Brest;;;\n"
)


@pytest.fixture
def admin_client(client, annuaire, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def upload(client, content, name="structures.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(URL, {"file": SimpleUploadedFile(name, data)}, follow=True)


def snapshot():
    return (
        list(Structure.objects.order_by("pk").values()),
        list(Address.objects.order_by("pk").values()),
        list(Structure.thematiques.through.objects.order_by("pk").values()),
    )


def confirm(client, response):
    token = response.context["token"]
    assert token
    return client.post(URL, {"token": token}, follow=True)


def test_preview_writes_nothing_then_confirm_then_reimport_changes_nothing(admin_client):
    before = snapshot()
    preview = upload(admin_client, GOOD)
    text = preview.content.decode()
    assert "2 structures à créer" in text
    assert "1 structure à mettre à jour" in text
    assert "0 ligne rejetée" in text
    assert snapshot() == before  # nothing written by the preview

    done = confirm(admin_client, preview)
    assert "Import terminé : 2 créées, 1 mises à jour, 0 inchangées." in done.content.decode()
    created = Structure.objects.get(siret="73282932000074")
    assert created.type.name == "Association" and created.city == "Rennes"
    assert {t.name for t in created.thematiques.all()} == {"Jeunesse", "Santé"}
    reso = Structure.objects.get(name="RésO Villes")
    assert reso.phone == "02 40 00 00 00"
    # Its blank cells (sigle, SIRET, thèmes) left what was recorded.
    assert {t.name for t in reso.thematiques.all()} == {
        "Participation des habitants",
        "Jeunesse",
        "Observation et évaluation",
    }
    assert reso.website == "https://www.resovilles.example"
    # Their thématiques are searched, those just imported too.
    found = admin_client.get("/annuaire/", {"q": "jeunesse villejean"})
    assert "Maison de quartier de Villejean" in re.sub("</?mark>", "", found.content.decode())

    after = snapshot()
    again = upload(admin_client, GOOD)
    text = again.content.decode()
    assert "3 structures inchangées" in text and "Rien à importer" in text
    assert again.context["token"] is None
    assert snapshot() == after


def test_a_confirmation_cannot_be_replayed_or_forged(admin_client):
    preview = upload(admin_client, GOOD)
    confirm(admin_client, preview)
    count = Structure.objects.count()
    replay = admin_client.post(URL, {"token": preview.context["token"]}, follow=True)
    assert "ne peut plus être confirmé" in replay.content.decode()
    forged = admin_client.post(URL, {"token": "annuaire_imports/../../etc/passwd"}, follow=True)
    assert "ne peut plus être confirmé" in forged.content.decode()
    assert Structure.objects.count() == count


def test_matching_by_siret_before_name_and_city(admin_client):
    upload_and_confirm = upload(admin_client, GOOD)
    confirm(admin_client, upload_and_confirm)
    renamed = (
        HEADER
        + 'Maison de quartier Villejean (nouveau nom);MQV;Association;73282932000074;2 rue de Bourgogne;35000;Rennes;contact@mqv.example;02 99 00 00 00;"Jeunesse;Santé"\n'
    )
    preview = upload(admin_client, renamed)
    assert "1 structure à mettre à jour" in preview.content.decode()
    assert "<td>nom</td>" in preview.content.decode()  # what changes, in French
    confirm(admin_client, preview)
    assert Structure.objects.filter(siret="73282932000074").count() == 1
    assert Structure.objects.get(siret="73282932000074").name.endswith("(nouveau nom)")


def test_blank_cells_change_nothing_and_a_new_address_drops_the_old_coordinates(admin_client):
    reso = Structure.objects.get(name="RésO Villes")
    reso.siret, reso.sigle, reso.description = "73282932000074", "RV", "Centre de ressources."
    reso.save()
    themes = {t.name for t in reso.thematiques.all()}
    address = reso.addresses.get()
    address.latitude, address.longitude = 47.2, -1.55
    address.save()
    blank = (
        "Nom;Sigle;SIRET;Adresse;Code postal;Ville;E-mail;Site web;Thématiques;Description\n"
        "RésO Villes;;;;;Nantes;;;;\n"
    )
    preview = upload(admin_client, blank)
    assert "1 structure inchangée" in preview.content.decode()

    moved = (
        "Nom;SIRET;Adresse;Code postal;Ville;Sigle\n"
        "RésO Villes;73282932000074;3 quai de la Fosse;44000;Nantes;\n"
    )
    preview = upload(admin_client, moved)
    assert "1 structure à mettre à jour" in preview.content.decode()
    confirm(admin_client, preview)
    reso.refresh_from_db()
    assert (reso.siret, reso.sigle, reso.description) == (
        "73282932000074",
        "RV",
        "Centre de ressources.",
    )
    assert reso.email == "contact@resovilles.example"
    assert {t.name for t in reso.thematiques.all()} == themes
    address = reso.addresses.get()
    assert address.street == "3 quai de la Fosse"
    assert address.latitude is None and address.longitude is None


@pytest.mark.parametrize(
    "content",
    [
        # Excel's "Unicode text": UTF-16 with its BOM, tabs between the cells.
        "\ufeff" + GOOD.replace(";", "\t").replace('"Jeunesse\t Santé"', '"Jeunesse; Santé"'),
        GOOD.replace(";", "|").replace('"Jeunesse| Santé"', '"Jeunesse; Santé"'),
    ],
    ids=["utf-16", "pipes"],
)
def test_unicode_text_and_pipe_separated_files_are_read(admin_client, content):
    # The codec writes the BOM itself.
    data = content[1:].encode("utf-16") if content.startswith("\ufeff") else content.encode()
    preview = upload(admin_client, data)
    text = preview.content.decode()
    assert "2 structures à créer" in text and "1 structure à mettre à jour" in text
    confirm(admin_client, preview)
    mqv = Structure.objects.get(name="Maison de quartier de Villejean")
    assert mqv.first_address.city == "Rennes"
    assert sorted(t.name for t in mqv.thematiques.all()) == ["Jeunesse", "Santé"]


def test_xlsx_file_is_imported(admin_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Ville", "Type"])
    sheet.append(["MJC de Maurepas", "Rennes", "MJC"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = upload(admin_client, buffer.getvalue(), name="adresses.xlsx")
    assert "1 structure à créer" in preview.content.decode()
    confirm(admin_client, preview)
    assert Structure.objects.get(name="MJC de Maurepas").type.name == "MJC"


def test_bad_lines_are_listed_with_their_number_and_the_others_imported(admin_client):
    content = (
        HEADER
        + "Bonne structure;;Association;;;;Rennes;;;\n"
        + ";;Association;;;;Rennes;;;\n"
        + "SIRET faux;;Association;12345678901234;;;Rennes;;;\n"
        + "Type inconnu;;Club de pétanque;;;;Rennes;;;\n"
        + "Mauvais e-mail;;;;;;Rennes;pas-une-adresse;;\n"
        + "Sans ville;;;;;;;;;\n"
        + "Thème inconnu;;;;;;Rennes;;;Astrologie\n"
        + "Téléphone en lettres;;;;;;Rennes;;abc;\n"
        + "E-mail local;;;;;;Rennes;contact@localhost;;\n"
    )
    before = snapshot()
    response = upload(admin_client, content)
    text = response.content.decode()
    assert "8 lignes rejetées" in text
    rejected = {row.line: " ".join(row.reasons) for row in response.context["plan"].rejected}
    assert "le nom manque" in rejected[3]
    assert "clé de contrôle" in rejected[4]
    assert "type de structure inconnu « Club de pétanque »" in rejected[5]
    # Said « e-mail » as in every form of the suite; an address only the server reaches too.
    assert "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr." in rejected[6]
    assert "Saisissez une adresse e-mail valide" in rejected[10]
    assert "la ville manque" in rejected[7]
    assert "thématique inconnue « Astrologie »" in rejected[8]
    assert "Téléphone : « abc » n’est pas un numéro de téléphone" in rejected[9]
    assert "elles seront écartées, les autres importées" in text
    assert snapshot() == before  # nothing written before the confirmation
    # One bad line never stops the others: the good one is imported, the bad ones listed.
    job_page = admin_client.post(URL, {"token": response.context["token"]}, follow=True)
    text = job_page.content.decode()
    assert "8 lignes ont été écartées" in text
    assert "Import terminé : 1 créée" in text or "1 créée" in text
    assert all(f"<td>{line}</td>" in text for line in range(3, 11))
    assert Structure.objects.filter(name="Bonne structure").exists()
    assert not Structure.objects.filter(name__in=["SIRET faux", "Sans ville"]).exists()
    # The same file again: the imported line is unchanged, the bad ones listed again.
    again = upload(admin_client, content)
    assert again.context["summary"]["unchanged"] == 1 and again.context["token"] is None


def test_duplicate_rows_are_rejected(admin_client):
    content = HEADER + "Doublon;;;;;;Rennes;;;\n" + "doublon ;;;;;;RENNES;;;\n"
    response = upload(admin_client, content)
    assert "même structure qu’à la ligne 2 (ligne en double)" in response.content.decode()
    admin_client.post(URL, {"token": response.context["token"]})
    assert Structure.objects.filter(name__iexact="doublon").count() == 1


@pytest.mark.parametrize(
    "content,name,message",
    [
        (GOOD.encode("cp1252"), "windows.csv", "n’est pas encodé en UTF-8"),
        ("Structure;Téléphone\nA;01\n", "colonnes.csv", "Des colonnes obligatoires manquent"),
        ("Nom;Téléphone\nA;01\n", "colonne.csv", "Une colonne obligatoire manque : « Ville »"),
        (b"", "vide.csv", "vide"),
        (b"\n\n  \n", "blanc.csv", "Le fichier est vide"),
        ("Nom;Ville\n;\n\n", "entete.csv", "Le fichier nomme ses colonnes mais ne contient"),
        (b"\xff\xfeN\x00o\x00m\x00\x00\xd8", "abime.csv", "Le fichier est abîmé"),
        (b"\x00\x01\x02junk" * 1000, "junk.csv", "ni un fichier texte CSV"),
        (
            b"PK\x03\x04" + os.urandom(2000),
            "faux.xlsx",
            "n’a pas pu être lu comme un classeur Excel",
        ),
        (
            b"Nom;Ville\n" + b"x" * (10 * 1024 * 1024),
            "enorme.csv",
            "Le fichier est trop volumineux",
        ),
        (
            'Nom;Ville\nBonne;Rennes\n"non fermé;Rennes\n' + "x\n" * 3,
            "guillemets.csv",
            "Un guillemet (&quot;) ouvert à la ligne 3 n’est jamais fermé",
        ),
        # A quotation mark left open, closed by another one lines further (l"Étoile): the lines
        # between would have made one bogus structure.
        (
            'Nom;Ville\nBonne;Rennes\n"Ouvert;Rennes\nApres;Rennes\nAssociation l"Etoile;Rennes\n',
            "guillemet-pair.csv",
            "ouvert à la ligne 3 est fermé plus loin",
        ),
        # An image: not read as a text in another encoding.
        (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "logo.png", "ni un fichier texte CSV"),
        # A cell past the csv module's limit: its line, not "malformed near line…".
        (
            "Nom;Ville;Description\nBonne;Rennes;x\nLongue;Rennes;" + "y" * 200_000 + "\n",
            "longue.csv",
            "La ligne 3 contient une cellule de plus de 131 072 caractères",
        ),
    ],
)
def test_garbage_files_give_a_french_message_and_write_nothing(
    admin_client, content, name, message
):
    before = snapshot()
    response = upload(admin_client, content, name=name)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert not response.context.get("token")
    assert snapshot() == before


def test_a_workbook_over_the_row_limit_is_refused_without_reading_it_all(
    admin_client, settings, monkeypatch
):
    from resource_centre import import_files

    settings.RESOURCE_CENTRE = {"ANNUAIRE_IMPORT_MAX_ROWS": 10}
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Ville"])
    for i in range(2000):
        sheet.append([f"Structure {i}", "Rennes"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = []
    original = import_files._read_xlsx

    def counting(*args):
        for row in original(*args):
            read.append(row)
            yield row

    monkeypatch.setattr(import_files, "_read_xlsx", counting)
    before = snapshot()
    response = upload(admin_client, buffer.getvalue(), name="gros.xlsx")
    assert "Le fichier compte plus de 10 lignes" in response.content.decode()
    assert len(read) <= 12  # the header, ten lines and the one over the limit
    assert snapshot() == before


def test_random_printable_junk_is_refused(admin_client):
    junk = "".join(chr(33 + (i * 7919) % 90) for i in range(200_000))
    response = upload(admin_client, junk)
    assert "colonne" in response.content.decode()
    assert not response.context.get("token")


def test_import_needs_the_permissions(client, annuaire, django_user_model):
    assert client.get(URL).status_code == 302  # to the login page
    editor = django_user_model.objects.create_user("editeur", "e@example.org", "pw")
    editors = Group.objects.create(name="Annuaire lecture")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    before = snapshot()
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    refused = client.post(URL, {"file": SimpleUploadedFile("a.csv", GOOD.encode())})
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert snapshot() == before
    for url in (
        URL,
        reverse("annuaire_admin:moderation"),
        reverse("annuaire_admin:freshness"),
        reverse("annuaire_admin:person_data", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/", url


def test_large_files_run_in_the_background_with_their_progress(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_IMPORT_BACKGROUND_ROWS": 3}
    content = HEADER + "".join(f"Association n° {i};;Association;;;;Rennes;;;\n" for i in range(6))
    preview = upload(admin_client, content)
    assert "6 structures à créer" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"token": preview.context["token"]})
    assert response.status_code == 302
    job_page = admin_client.get(response.url).content.decode()
    assert "Import de structures.csv" in job_page
    assert "Import terminé : 6 créées, 0 mises à jour, 0 inchangées." in job_page
    assert Structure.objects.filter(name__startswith="Association n°").count() == 6


def test_a_running_import_shows_its_progress(admin_client, django_user_model):
    from annuaire.models import ImportJob

    job = ImportJob.objects.create(
        file_path="annuaire_imports/x.csv",
        filename="adresses.csv",
        status="running",
        done=500,
        total=2000,
    )
    page = admin_client.get(f"/admin/annuaire/import/{job.pk}/").content.decode()
    assert '<progress max="100" value="25"' in page
    assert "500 lignes sur 2000 vérifiées" in page
    assert 'http-equiv="refresh"' in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(admin_client, annuaire, fmt):
    reso = Structure.objects.get(name="RésO Villes")
    # Cells the export guards against formula injection ("'+33…") must come back as they were.
    reso.phone, reso.description = "+33 2 40 58 02 03", "=Réseau régional, - et + encore"
    reso.save()
    # A text longer than an XLSX cell holds (32,767 characters) comes back cut: not a change.
    long_text = " ".join(["Un très long texte."] * 2500)
    Structure.objects.filter(name="Profession Banlieue").update(description=long_text)
    response = admin_client.get(f"{annuaire.url}export/structures-{fmt}/")
    data = b"".join(response.streaming_content) if fmt == "csv" else response.content
    assert b"'+33 2 40 58 02 03" in data or fmt == "xlsx"
    before = snapshot()
    preview = upload(admin_client, data, name=f"export.{fmt}")
    summary = preview.context["summary"]
    assert (summary["create"], summary["update"], summary["rejected"]) == (0, 0, []), summary
    assert summary["unchanged"] == Structure.objects.count()
    assert snapshot() == before
    assert Structure.objects.get(name="Profession Banlieue").description == long_text


def test_confirming_twice_imports_once(admin_client):
    from annuaire.admin_views.importer import TOKEN_PURPOSE
    from annuaire.models import ImportJob
    from resource_centre.tokens import read_token

    preview = upload(admin_client, GOOD)
    path = read_token(TOKEN_PURPOSE, preview.context["token"], max_age=60)["path"]
    # The other click got there first: its job holds the file.
    first = ImportJob.objects.create(file_path=path, filename="structures.csv")
    before = snapshot()
    second = admin_client.post(URL, {"token": preview.context["token"]}, follow=True)
    assert "Cet import a déjà été confirmé" in second.content.decode()
    assert second.redirect_chain[-1][0] == f"/admin/annuaire/import/{first.pk}/"
    assert snapshot() == before
    assert ImportJob.objects.count() == 1


def test_lines_rejected_when_the_background_import_runs_are_listed(
    admin_client, settings, django_capture_on_commit_callbacks
):
    from annuaire.models import StructureType

    settings.RESOURCE_CENTRE = {"ANNUAIRE_IMPORT_BACKGROUND_ROWS": 3}
    content = HEADER + "".join(f"Association n° {i};;MJC;;;;Rennes;;;\n" for i in range(5))
    preview = upload(admin_client, content)
    assert "5 structures à créer" in preview.content.decode()
    StructureType.objects.filter(name="MJC").delete()  # meanwhile, the type is gone
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"token": preview.context["token"]})
    page = admin_client.get(response.url).content.decode()
    assert "Lignes écartées" in page
    assert page.count("type de structure inconnu « MJC »") == 5
    assert "<td>2</td>" in page and "<td>6</td>" in page  # each line, by its number
    assert snapshot() == before  # every line was rejected: nothing written


def test_abandoned_uploads_are_cleaned_after_a_day(admin_client):
    import time

    from django.core.files.base import ContentFile

    from resource_centre.storage import private_storage

    default_storage = private_storage()
    old = default_storage.save("annuaire_imports/abandonne.csv", ContentFile(b"Nom;Ville\n"))
    recent = default_storage.save("annuaire_imports/recent.csv", ContentFile(b"Nom;Ville\n"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    upload(admin_client, GOOD)
    assert not default_storage.exists(old)
    assert default_storage.exists(recent)
    default_storage.delete(recent)


def _bomb(unpacked_bytes):
    """A real workbook whose sheet is one row of `unpacked_bytes` of cells, zipped to a few KB."""
    import zipfile

    workbook = Workbook()
    workbook.active.append(["Nom", "Ville"])
    plain = io.BytesIO()
    workbook.save(plain)
    bomb = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                out.writestr(member, source.read(member))
                continue
            cell = b'<c t="inlineStr"><is><t>x</t></is></c>'
            with out.open(member.filename, "w") as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData><row r="1">'
                )
                chunk = cell * 10_000
                for _ in range(unpacked_bytes // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</row></sheetData></worksheet>")
    return bomb.getvalue()


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(admin_client):
    import tracemalloc

    data = _bomb(101 * 1024 * 1024)
    assert len(data) < 1024 * 1024  # a small upload
    before = snapshot()
    tracemalloc.start()
    try:
        response = upload(admin_client, data, name="bombe.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "Ce classeur occuperait 100 Mo une fois ouvert (la limite est de 64 Mo)" in (
        response.content.decode()
    )
    assert peak < 32 * 1024 * 1024
    assert snapshot() == before


def test_a_row_wider_than_any_table_is_cut_to_the_column_limit(admin_client, settings):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_IMPORT_MAX_COLUMNS": 3}
    workbook = Workbook()
    workbook.active.append(["Nom", "Ville", "Sigle", "Téléphone", "E-mail"])
    workbook.active.append(["Maison des Familles", "Brest", "MDF", "02 98 00 00 00", "x@y.fr"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    confirm(admin_client, upload(admin_client, buffer.getvalue(), name="large.xlsx"))
    structure = Structure.objects.get(name="Maison des Familles")
    assert structure.sigle == "MDF" and structure.phone == ""


def test_an_upload_waiting_for_confirmation_is_kept_out_of_public_media(admin_client, settings):
    from pathlib import Path

    from resource_centre.storage import private_storage

    private = Path(private_storage().location)
    before = set(private.rglob("*.csv"))
    response = upload(admin_client, GOOD)
    assert response.context["token"]
    stored = list(set(private.rglob("*.csv")) - before)
    assert len(stored) == 1
    assert stored[0].stat().st_mode & 0o777 == 0o600
    assert Path(settings.MEDIA_ROOT) not in stored[0].parents
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.csv"))
    confirm(admin_client, response)
    assert not stored[0].exists()  # deleted once imported


def test_postcodes_are_five_digits_with_a_lost_leading_zero_put_back(admin_client):
    content = (
        HEADER
        + "Zéro perdu;;;;;1000;Bourg-en-Bresse;;;\n"  # a spreadsheet read "01000" as 1000
        + "Espacé;;;;;35 000;Rennes;;;\n"
        + "Lettres;;;;;ABCDEFGHIJ;Rennes;;;\n"
        + "Trop court;;;;;350;Rennes;;;\n"
    )
    response = upload(admin_client, content)
    rejected = {row.line: " ".join(row.reasons) for row in response.context["plan"].rejected}
    assert set(rejected) == {4, 5}
    assert "code postal français de cinq chiffres" in rejected[4]
    confirm(admin_client, response)
    assert Address.objects.get(structure__name="Zéro perdu").postcode == "01000"
    assert Address.objects.get(structure__name="Espacé").postcode == "35000"
    assert not Structure.objects.filter(name="Lettres").exists()


def test_a_file_of_bad_lines_only_offers_nothing_to_confirm(admin_client):
    response = upload(admin_client, HEADER + ";;;;;;Rennes;;;\n" + "Sans ville;;;;;;;;;\n")
    text = response.content.decode()
    assert "Des lignes sont rejetées. Corrigez-les dans votre fichier" in text
    assert "les autres importées" not in text
    assert response.context["token"] is None


def test_a_phone_a_spreadsheet_kept_as_a_number_gets_its_zero_back(admin_client):
    """Typed as a number, 02 98 00 00 00 comes out of a workbook as 298000000."""
    workbook = Workbook()
    workbook.active.append(["Nom", "Ville", "Téléphone"])
    workbook.active.append(["Maison des Familles", "Brest", 298000000])
    workbook.active.append(["Tiers-lieu", "Brest", "abc"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(admin_client, buffer.getvalue(), name="nombres.xlsx")
    rejected = {row.line: " ".join(row.reasons) for row in response.context["plan"].rejected}
    assert list(rejected) == [3] and "n’est pas un numéro de téléphone" in rejected[3]
    confirm(admin_client, response)
    assert Structure.objects.get(name="Maison des Familles").phone == "0298000000"
