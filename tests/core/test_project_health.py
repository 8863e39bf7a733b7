"""What CI must refuse: missing migrations, lint errors, a stale French catalogue, a wheel without its files."""

import gettext
import shutil
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from tests.marks import packaging

ROOT = Path(__file__).resolve().parents[2]
APPS = ["resource_centre", "fiches", "agenda", "annuaire", "newsletter", "demo/home"]


def test_no_missing_migrations(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _fresh_msgids(app_dir, tmp_path):
    """The msgids makemessages extracts from the app's current source, in a scratch copy."""
    copy = tmp_path / app_dir.name
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fr"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
    )
    po = copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po))} if po.exists() else set()


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("app", APPS)
def test_french_catalogue_is_complete_and_compiled(app, tmp_path):
    app_dir = ROOT / app
    po_path = app_dir / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    fresh = _fresh_msgids(app_dir, tmp_path)
    if not fresh:
        return  # nothing to translate yet
    assert po_path.exists(), f"{app} has strings to translate but no French catalogue"
    po = polib.pofile(str(po_path))
    committed = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    assert not fresh - committed, (
        f"{app}: strings missing from fr catalogue: {sorted(fresh - committed)}"
    )
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not untranslated, f"{app}: untranslated or fuzzy: {untranslated}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{app}: the catalogue is not compiled"
    catalog = gettext.GNUTranslations(mo_path.open("rb"))
    for entry in po:
        if entry.obsolete or entry.msgid_plural or entry.msgctxt:
            continue
        assert catalog.gettext(entry.msgid) == entry.msgstr, f"{app}: .mo is older than .po"


@pytest.mark.parametrize("app", APPS)
def test_french_text_writes_the_typographic_apostrophe(app):
    """« L’heure de fin », not « L'heure de fin »: one apostrophe in every page the suite
    writes (a translation with both read as two typefaces side by side)."""
    po_path = ROOT / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    if not po_path.exists():
        return
    straight = [
        text
        for entry in polib.pofile(str(po_path))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if "'" in text
    ]
    assert not straight, f"{app}: write ’ in {straight}"


def _catalogues():
    """(name, French catalogue) of the suite's apps, then of Django and every other installed app
    that ships one (Wagtail's, django-filter's…)."""
    import django
    from django.apps import apps

    for app in APPS:
        yield app, ROOT / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    suite = {(ROOT / app).resolve() for app in APPS}
    yield (
        "django",
        Path(django.__file__).parent / "conf" / "locale" / "fr" / "LC_MESSAGES" / "django.po",
    )
    for config in apps.get_app_configs():
        if Path(config.path).resolve() not in suite:
            yield config.label, Path(config.path) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_a_string_reads_the_same_in_every_app():
    """Django merges the installed apps' catalogues into one, where the first app's translation
    of a string wins: « cancelled » said of a séance (annulée) and of a send (annulé), or the
    suite's « Change » (an evolution, in the bilans) over Wagtail's permission to change, gave
    one app the other's. A string with two meanings takes a context (pgettext); a string with
    one meaning, one translation."""
    translations = {}
    for name, po in _catalogues():
        if not po.exists():
            continue
        for entry in polib.pofile(str(po)):
            if entry.obsolete or not entry.translated():
                continue
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            text = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            translations.setdefault(key, {})[name] = text
    ours = set(APPS)
    differing = {
        key[1]: by_app
        for key, by_app in translations.items()
        if ours & set(by_app) and len(set(by_app.values())) > 1
    }
    assert not differing, differing


@pytest.mark.slow
@packaging
def test_wheel_ships_templates_static_and_compiled_catalogues(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("wagtail_resource_centre-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
    expected = {
        path
        for path in tracked.split()
        + [str(p.relative_to(ROOT)) for p in ROOT.glob("*/locale/*/LC_MESSAGES/*.mo")]
        if path.split("/")[0] in {"resource_centre", "fiches", "agenda", "annuaire", "newsletter"}
        and (
            path.endswith(".py")
            or any(f"/{d}/" in path for d in ("templates", "static", "locale", "data"))
        )
    }
    assert expected, "no package data found"
    assert expected <= names, (
        f"modules or package data missing from the wheel: {sorted(expected - names)}"
    )
    assert not any(n.startswith(("tests/", "demo/")) for n in names), "tests or demo shipped"
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    for classifier in ["Wagtail :: 7", "Wagtail :: 8", "Django :: 5.2", "Django :: 6.0"]:
        assert f"Classifier: Framework :: {classifier}" in text
    for version in ["3.11", "3.12", "3.13"]:
        assert f"Classifier: Programming Language :: Python :: {version}" in text
    # Beside a Wagtail 7.4 LTS site without upgrading it, and up to the 8.x series.
    assert "Requires-Dist: wagtail<9,>=7.4" in text
    assert "Requires-Dist: Django<6.1,>=5.2" in text
    assert "Provides-Extra: worker" in text
