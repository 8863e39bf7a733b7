"""Imported structures get their position from the address column, through a local server that
answers as the Base Adresse Nationale's CSV geocoder does (no internet in tests): placed on the
map when found, reported on their line in French when not, and imported either way."""

import csv
import email
import email.policy
import io
import json
import re
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annuaire.models import Address, ImportJob, Structure

URL = "/admin/annuaire/import/"
HEADER = "Nom;Type;Adresse;Code postal;Ville\n"
FILE = HEADER + (
    "Maison de quartier de Villejean;Association;2 rue de Bourgogne;35000;Rennes\n"
    "Maison des associations de Nantes;Association;18 rue Paul Bellamy;44000;Nantes\n"
    "Atelier des voisins;Association;rue qui n'existe pas;35000;Rennes\n"
    "Collectif de la rive;Association;12 quai introuvable;29200;Brest\n"
    "Jardin partagé du Bois du Château;Association;1 chemin flou;56100;Lorient\n"
    "Association sans rue;Association;;56100;Lorient\n"
)
# The little BAN of these tests: query → (latitude, longitude, score, type).
KNOWN = {
    "2 rue de Bourgogne 35000 Rennes": ("48.121152", "-1.705061", "0.96", "housenumber"),
    "18 rue Paul Bellamy 44000 Nantes": ("47.222701", "-1.557340", "0.93", "housenumber"),
    "rue qui n'existe pas 35000 Rennes": ("48.111339", "-1.681861", "0.62", "municipality"),
    "1 chemin flou 56100 Lorient": ("47.748600", "-3.366700", "0.31", "street"),
    "3 quai de la Fosse 44000 Nantes": ("47.212580", "-1.561360", "0.91", "housenumber"),
}
RESULT_COLUMNS = [
    "latitude",
    "longitude",
    "result_label",
    "result_score",
    "result_score_next",
    "result_type",
    "result_id",
    "result_housenumber",
    "result_name",
    "result_street",
    "result_postcode",
    "result_city",
    "result_context",
    "result_citycode",
    "result_oldcitycode",
    "result_oldcity",
    "result_district",
    "result_status",
]


class FakeBAN(BaseHTTPRequestHandler):
    """POST /search/csv/ as the BAN takes it (multipart: `data`, the CSV; `columns`, repeated)
    and answers it: the rows sent, each followed by the result columns."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if server.mode == "error":
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"Service Unavailable")
            return
        message = email.message_from_bytes(
            b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body,
            policy=email.policy.HTTP,
        )
        columns, data = [], ""
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name == "columns":
                columns.append(part.get_content().strip())
            elif name == "data":
                content = part.get_payload(decode=True)
                data = content.decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(data)))
        server.requests.append({"path": self.path, "columns": columns, "rows": rows})
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(list(rows[0].keys()) + RESULT_COLUMNS if rows else ["id"])
        for row in rows:
            query = " ".join(row[c] for c in columns if row[c])
            found = KNOWN.get(query)
            if found:
                lat, lon, score, kind = found
                result = [lat, lon, query, score, "", kind] + [""] * 11 + ["ok"]
            else:
                result = [""] * 17 + ["not-found"]
            writer.writerow(list(row.values()) + result)
        answer = out.getvalue().encode("utf-8")
        if server.mode == "garbage":
            answer = b"<html><body>Maintenance</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


@pytest.fixture
def ban(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBAN)
    server.mode, server.requests = "ok", []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/search/csv/"
    settings.RESOURCE_CENTRE = {"ANNUAIRE_GEOCODER_URL": server.url}
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def admin_client(client, annuaire, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def import_file(client, content, capture):
    preview = client.post(URL, {"file": SimpleUploadedFile("structures.csv", content.encode())})
    token = preview.context["token"]
    assert token
    with capture(execute=True):
        response = client.post(URL, {"token": token})
    assert response.status_code == 302
    return client.get(response.url)


def position(name):
    address = Structure.objects.get(name=name).addresses.get()
    return address.latitude, address.longitude


def not_located(page):
    rows = re.findall(
        r'<tr class="annuaire-not-located"><td>(\d+)</td><td>([^<]*)</td></tr>', page.text
    )
    return {int(line): reason.replace("&#x27;", "'") for line, reason in rows}


def test_an_import_places_the_addresses_found_and_reports_the_others_by_line(
    admin_client, ban, annuaire, django_capture_on_commit_callbacks
):
    form = admin_client.get(URL).text
    assert (
        "l’Adresse (avec le Code postal et la Ville) donne à chaque structure sa position" in form
    )
    before = Structure.objects.count()
    page = import_file(admin_client, FILE, django_capture_on_commit_callbacks)
    # Every line is imported, placed or not: nothing is lost.
    assert Structure.objects.count() == before + 6
    assert "Import terminé : 6 créées, 0 mises à jour, 0 inchangées." in page.text
    villejean = position("Maison de quartier de Villejean")
    assert villejean == (Decimal("48.121152"), Decimal("-1.705061"))
    assert str(position("Maison des associations de Nantes")[0]) == "47.222701"
    for name in (
        "Atelier des voisins",
        "Collectif de la rive",
        "Jardin partagé du Bois du Château",
    ):
        assert position(name) == (None, None)
    assert "2 adresses placées sur la carte." in page.text
    assert not_located(page) == {
        4: "seule la commune a été trouvée, pas la rue : vérifiez la rue",
        5: "adresse introuvable",
        6: "adresse trouvée avec trop peu de certitude (0,31) : vérifiez la rue",
    }
    assert "3 adresses n’ont pas pu être placées" in page.text
    # One request, in the BAN's form: the address, postcode and town make the query; the line
    # without a street is not sent.
    (request,) = ban.requests
    assert request["path"] == "/search/csv/"
    assert request["columns"] == ["adresse", "code_postal", "ville"]
    assert [r["adresse"] for r in request["rows"]] == [
        "2 rue de Bourgogne",
        "18 rue Paul Bellamy",
        "rue qui n'existe pas",
        "12 quai introuvable",
        "1 chemin flou",
    ]

    # On the map: the two placed ones as markers, the others in the list under it.
    text = admin_client.get(annuaire.url + "carte/?type=association").text
    markers = json.loads(re.search(r'id="an-map-markers"[^>]*>(.*?)</script>', text, re.S)[1])
    names = {m["name"] for m in markers}
    assert {"Maison de quartier de Villejean", "Maison des associations de Nantes"} <= names
    unlocated = re.search(r'<ul class="an-map-unlocated"[^>]*>(.*?)</ul>', text, re.S)[1]
    assert "Association sans rue" in unlocated and "Association sans rue" not in names

    # Importing the same file again sends only the addresses still without a position.
    ban.requests.clear()
    preview = admin_client.post(URL, {"file": SimpleUploadedFile("s.csv", FILE.encode())})
    assert "6 structures inchangées" in preview.text
    assert ban.requests == []  # nothing to import, so nothing is looked up


def test_a_moved_structure_is_placed_at_its_new_address(
    admin_client, ban, django_capture_on_commit_callbacks
):
    reso = Structure.objects.get(name="RésO Villes")
    moved = "Nom;Adresse;Code postal;Ville\nRésO Villes;3 quai de la Fosse;44000;Nantes\n"
    page = import_file(admin_client, moved, django_capture_on_commit_callbacks)
    assert "1 adresse placée sur la carte." in page.text
    address = reso.addresses.get()
    assert (str(address.latitude), str(address.longitude)) == ("47.212580", "-1.561360")


def test_a_large_import_locates_its_addresses_in_its_background_run(
    admin_client, ban, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from annuaire import geocoding, importer

    monkeypatch.setattr(geocoding, "BATCH", 2)  # three requests for five addresses
    monkeypatch.setattr(importer, "ID_CHUNK", 2)  # the addresses read a few at a time
    settings.RESOURCE_CENTRE = {
        "ANNUAIRE_GEOCODER_URL": ban.url,
        "ANNUAIRE_IMPORT_BACKGROUND_ROWS": 3,
    }
    page = import_file(admin_client, FILE, django_capture_on_commit_callbacks)
    assert "Import terminé : 6 créées" in page.text
    assert "2 adresses placées sur la carte." in page.text
    assert set(not_located(page)) == {4, 5, 6}
    assert len(ban.requests) == 3
    job = ImportJob.objects.get()
    assert job.summary["locate"]["status"] == "done" and "pending" not in job.summary["locate"]
    assert position("Maison de quartier de Villejean")[0] is not None


@pytest.mark.parametrize(
    "mode, reason",
    [
        ("error", "le service de géocodage a répondu par une erreur (HTTP 503)"),
        ("garbage", "la réponse du service de géocodage n’a pas pu être lue"),
        ("closed", "le service de géocodage est injoignable"),
    ],
)
def test_a_failing_geocoder_loses_nothing_and_says_so_on_each_line(
    admin_client, ban, settings, django_capture_on_commit_callbacks, mode, reason
):
    ban.mode = mode
    if mode == "closed":
        ban.shutdown()
        ban.server_close()  # nothing listens on that port any more
    before = Structure.objects.count()
    page = import_file(admin_client, FILE, django_capture_on_commit_callbacks)
    assert Structure.objects.count() == before + 6
    assert "Import terminé : 6 créées" in page.text
    assert "0 adresse placée sur la carte." in page.text
    reasons = not_located(page)
    assert set(reasons) == {2, 3, 4, 5, 6}
    assert all(r.startswith(reason) for r in reasons.values()), reasons
    assert Address.objects.filter(structure__name="Atelier des voisins", latitude=None).exists()


def test_a_crash_while_locating_ends_with_each_line_reported(
    admin_client, ban, django_capture_on_commit_callbacks, monkeypatch
):
    from annuaire import geocoding

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(geocoding, "geocode", crash)
    page = import_file(admin_client, FILE, django_capture_on_commit_callbacks)
    assert "Import terminé : 6 créées" in page.text
    assert 'http-equiv="refresh"' not in page.text  # the page does not wait for ever
    reasons = not_located(page)
    assert set(reasons) == {2, 3, 4, 5, 6}
    assert set(reasons.values()) == {
        "les positions n’ont pas pu être enregistrées ; importez à nouveau le fichier pour réessayer"
    }


def test_a_url_that_is_not_http_is_not_opened(
    admin_client, ban, settings, django_capture_on_commit_callbacks
):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_GEOCODER_URL": "file:///etc/passwd"}
    page = import_file(admin_client, FILE, django_capture_on_commit_callbacks)
    assert "Import terminé : 6 créées" in page.text
    assert set(not_located(page)) == {2, 3, 4, 5, 6}
    assert "n’est pas une adresse http(s)" in page.text
    assert ban.requests == []


def test_with_the_geocoder_off_the_import_is_as_before(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.RESOURCE_CENTRE = {"ANNUAIRE_GEOCODER_URL": ""}
    assert "sa position sur la carte" not in admin_client.get(URL).text
    preview = admin_client.post(URL, {"file": SimpleUploadedFile("s.csv", FILE.encode())})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(URL, {"token": preview.context["token"]}, follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "Import terminé : 6 créées" in response.text
    assert "locate" not in ImportJob.objects.get().summary
    assert position("Maison de quartier de Villejean") == (None, None)


def test_the_job_page_refreshes_while_positions_are_looked_up(admin_client):
    job = ImportJob.objects.create(
        file_path="annuaire_imports/y.csv",
        filename="s.csv",
        status="done",
        summary={
            "create": 3,
            "update": 0,
            "unchanged": 0,
            "reject": 0,
            "locate": {"status": "running", "total": 3000, "done": 1000},
        },
    )
    page = admin_client.get(f"/admin/annuaire/import/{job.pk}/").text
    assert "Recherche des positions : 1000 adresses sur 3000" in page
    assert 'http-equiv="refresh"' in page
