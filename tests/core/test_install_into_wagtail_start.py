"""The wheel, installed into a `wagtail start` site by following only the README, works."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The wagtail start site has its own SQLite database: this runs in both CI passes, so at both ends
# of the supported matrix (Wagtail 7.4 + Django 5.2, Wagtail 8 + Django 6.0).
pytestmark = pytest.mark.slow


def readme_block(marker):
    """The README code block whose first line is the comment `marker`."""
    readme = (ROOT / "README.md").read_text()
    for block in re.findall(r"```python\n(.*?)```", readme, flags=re.S):
        block = textwrap.dedent(block)
        if block.startswith(f"# {marker}"):
            return block
    raise AssertionError(f"README has no code block starting with '# {marker}'")


def readme_commands(marker):
    """The `python manage.py …` lines of the README's sh block that has `marker`."""
    readme = (ROOT / "README.md").read_text()
    for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.S):
        if marker in block:
            return [line.split("#")[0].split()[2:] for line in textwrap.dedent(block).splitlines()]
    raise AssertionError(f"README has no sh block with {marker!r}")


def run(args, cwd, env):
    """stdout and stderr of a command that must succeed."""
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_readme_installation_into_a_fresh_wagtail_start_site(tmp_path):
    wheel_dir, site_packages = tmp_path / "dist", tmp_path / "site-packages"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTHONPATH": str(site_packages)}
    run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", wheel_dir, ROOT],
        ROOT,
        {**env, "PYTHONPATH": ""},
    )
    wheel = next(wheel_dir.glob("*.whl"))
    # Dependencies are already in this interpreter; install only the suite, from the wheel.
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            site_packages,
            wheel,
        ],
        tmp_path,
        env,
    )

    run([Path(sys.executable).with_name("wagtail"), "start", "mysite"], tmp_path, env)
    project = tmp_path / "mysite"
    settings = project / "mysite" / "settings" / "base.py"
    settings.write_text(settings.read_text() + "\n" + readme_block("settings"))
    urls = project / "mysite" / "urls.py"
    catch_all = 'path("", include(wagtail_urls))'
    assert catch_all in urls.read_text()
    urls.write_text(
        urls.read_text().replace(
            catch_all, readme_block("urls").splitlines()[1].strip() + "\n    " + catch_all
        )
    )

    manage = [sys.executable, "manage.py"]
    # README step 4, command by command (a `wagtail start` home page has the id 3).
    out = {
        args[0]: run(manage + args, project, env) for args in readme_commands("load_territoires")
    }
    assert set(out) == {"migrate", "load_territoires", "setup_resource_centre"}
    assert "created" in out["load_territoires"]
    # The site speaks English (LANGUAGE_CODE "en-us", as `wagtail start` writes it), which the
    # README leaves alone: the command says so instead of creating a French locale.
    setup = out["setup_resource_centre"]
    assert "no French locale created" in setup and "event formats: 11 created" in setup
    for path in ("/agenda/", "/annuaire/", "/fiches-experiences/", "/lettre/"):
        assert f"created at /home{path}" in setup, (path, setup)
    # `check` passes, and explains in French and English the one setting a French site needs.
    check = run(manage + ["check"], project, env)
    assert "resource_centre.W003" in check and "aucune page ne peut être en français" in check
    assert "LANGUAGE_CODE = 'fr'" in check
    run(manage + ["makemigrations", "--check", "--dry-run"], project, env)
    probe = textwrap.dedent("""
        import django, os
        os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings.dev"
        django.setup()
        import resource_centre
        assert "site-packages" in resource_centre.__file__, resource_centre.__file__
        from django.test import Client
        from wagtail.models import Page
        from resource_centre.models import ContentPage
        home = Page.objects.get(depth=2)
        assert home.pk == 3, home.pk  # the id README step 4 gives
        home.add_child(instance=ContentPage(title="Atelier emploi", slug="atelier",
                                            intro="Compte rendu de l'atelier"))
        c = Client()
        page = c.get("/atelier/")
        assert page.status_code == 200 and "Compte rendu" in page.content.decode(), page
        search = c.get("/recherche/", {"q": "atelier"})
        found = search.content.decode().replace("<mark>", "").replace("</mark>", "")
        assert search.status_code == 200 and "Atelier emploi" in found  # words marked
        # Each feature app's index page, placed by setup_resource_centre --parent, serves.
        for slug in ("agenda", "annuaire", "fiches-experiences", "lettre"):
            response = c.get(f"/{slug}/")
            assert response.status_code == 200, (slug, response.status_code)
            # Inside the host's own base.html, with the suite's stylesheet in its <head>.
            head, body = response.content.decode().split("</head>")
            assert "css/mysite.css" in head and "resource_centre/css/site.css" in head, slug
            assert '<div class="rc-scope rc-page">' in body and "js/mysite.js" in body, slug
            # A `wagtail start` site speaks English (LANGUAGE_CODE "en-us"): so do its pages.
            assert response["Content-Language"].startswith("en"), slug
        assert c.get("/agenda/ical/")["Content-Type"].startswith("text/calendar")
        assert c.get("/fiches-experiences/export/csv/").status_code == 200
        # The account-less pages come with the README's single include.
        subscribe = c.get("/infolettre/inscription/")
        assert subscribe.status_code == 200 and "Lettre" in subscribe.content.decode()
        assert c.get("/fiches/validation/forged/").status_code in (400, 403, 404, 410)
        admin = c.get("/admin/snippets/resource_centre/territoire/")
        assert admin.status_code == 302  # the admin asks to log in
        # The admin: the suite under one top-level menu beside Wagtail's own.
        from django.contrib.auth import get_user_model
        get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        c.login(username="admin", password="x")
        sidebar = c.get("/admin/").content.decode()
        submenu = '"wagtail.sidebar.SubMenuItem", "_args": [{"name": "resource-centre"'
        assert sidebar.count(submenu) == 1, sidebar
        for group in ("taxonomies", "fiches", "agenda", "annuaire", "newsletter"):
            assert f'"name": "{group}"' in sidebar, group
        assert '"name": "directory-tools"' not in sidebar
        assert c.get("/admin/snippets/agenda/eventformat/").status_code == 200
        print("OK")
    """)
    assert "OK" in run([sys.executable, "-c", probe], project, env)
