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


def run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result.stdout


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
    run(manage + ["migrate", "--noinput"], project, env)
    assert "created" in run(manage + ["load_territoires"], project, env)
    assert "créé" in run(manage + ["setup_resource_centre"], project, env)
    run(manage + ["check"], project, env)
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
        home.add_child(instance=ContentPage(title="Atelier emploi", slug="atelier",
                                            intro="Compte rendu de l'atelier"))
        c = Client()
        page = c.get("/atelier/")
        assert page.status_code == 200 and "Compte rendu" in page.content.decode(), page
        search = c.get("/recherche/", {"q": "atelier"})
        assert search.status_code == 200 and "Atelier emploi" in search.content.decode()
        assert "Aller au contenu" in search.content.decode()
        # Each feature app's index page can be placed under the home page and serves.
        from agenda.models import AgendaIndexPage
        from annuaire.models import AnnuaireIndexPage
        from fiches.models import FicheIndexPage
        from newsletter.models import NewsletterIndexPage
        for model, slug in [(AgendaIndexPage, "agenda"), (AnnuaireIndexPage, "annuaire"),
                            (FicheIndexPage, "fiches"), (NewsletterIndexPage, "lettre")]:
            home.add_child(instance=model(title=slug.title(), slug=slug))
            response = c.get(f"/{slug}/")
            assert response.status_code == 200, (slug, response.status_code)
        assert c.get("/agenda/ical/")["Content-Type"].startswith("text/calendar")
        assert c.get("/fiches/export/csv/").status_code == 200
        # The account-less pages come with the README's single include.
        subscribe = c.get("/infolettre/inscription/")
        assert subscribe.status_code == 200 and "Lettre" in subscribe.content.decode()
        assert c.get("/fiches/validation/forged/").status_code in (400, 403, 404, 410)
        admin = c.get("/admin/snippets/resource_centre/territoire/")
        assert admin.status_code == 302  # the admin asks to log in
        print("OK")
    """)
    assert "OK" in run([sys.executable, "-c", probe], project, env)
