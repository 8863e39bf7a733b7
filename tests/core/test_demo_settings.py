"""The demo is safe to expose on a laptop's network: its own secret key, kept out of the
repository, no debug page, and its static files and images served all the same."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def demo_setting(name, var_dir, **env):
    """A setting as the demo computes it, in a fresh process (no DJANGO_SECRET_KEY given)."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG")
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import demo.settings as s; print(s.{name})"],
        cwd=ROOT,
        env={**environ, "DEMO_VAR_DIR": str(var_dir), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_demo_makes_its_own_secret_key_once_and_keeps_it_private(tmp_path):
    key = demo_setting("SECRET_KEY", tmp_path)
    assert len(key) >= 50 and "demo" not in key
    assert demo_setting("SECRET_KEY", tmp_path) == key  # kept across restarts
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by its owner only
    assert demo_setting("SECRET_KEY", tmp_path / "other") != key  # each install its own
    assert demo_setting("SECRET_KEY", tmp_path, DJANGO_SECRET_KEY="given") == "given"


def test_the_demo_runs_without_debug_unless_asked(tmp_path):
    assert demo_setting("DEBUG", tmp_path) == "False"
    assert demo_setting("DEBUG", tmp_path, DJANGO_DEBUG="1") == "True"


@pytest.mark.django_db
def test_without_debug_static_files_are_served_and_errors_are_french_pages(client, demo_site):
    from django.conf import settings

    assert not settings.DEBUG
    css = client.get("/static/resource_centre/css/site.css")
    assert css.status_code == 200 and b"--rc-primary" in b"".join(css.streaming_content)
    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404 and "Page introuvable" in missing.content.decode()
    assert "Traceback" not in missing.content.decode()


def test_the_server_error_page_is_french_and_needs_no_context():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("fr"):
        html = render_to_string("500.html")
    assert "Erreur du serveur" in html and "Réessayez" in html


def test_a_request_refused_before_any_page_gets_a_french_page(client, demo_site):
    """Too many fields, or a form sent without its CSRF token: Django's own pages are English
    (« Bad Request (400) », « 403 Forbidden »)."""
    from django.test import Client

    crowded = client.get("/agenda/?" + "&".join(f"p{i}=1" for i in range(1200)))
    assert crowded.status_code == 400
    assert '<html lang="fr">' in crowded.text and "Requête incorrecte" in crowded.text

    forged = Client(enforce_csrf_checks=True).post("/infolettre/inscription/", {"email": "a@b.fr"})
    assert forged.status_code == 403
    assert '<html lang="fr">' in forged.text and "<title>Formulaire refusé</title>" in forged.text
    assert "rechargez la page" in forged.text
