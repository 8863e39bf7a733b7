"""Each feature app installs alone over the core: the same model state (no migration to write),
a clean `check`, and its own tests passing without its siblings (tests/settings_subset.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.marks import sqlite_pass

ROOT = Path(__file__).resolve().parents[2]
FEATURE_APPS = ["fiches", "agenda", "annuaire", "newsletter"]


def run(args, apps=(), timeout=600, settings="tests.settings_subset"):
    """`python args` in its own process, over its own in-memory SQLite database."""
    env = {
        **os.environ,
        "RC_APPS": ",".join(apps),
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": "",  # each run has its own in-memory SQLite database
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize(
    "apps", [[], *([app] for app in FEATURE_APPS)], ids=lambda a: "+".join(a) or "core"
)
def test_check_passes_and_no_migration_is_missing(apps):
    check = run(["-m", "django", "check", "--fail-level", "WARNING"], apps)
    assert check.returncode == 0, check.stdout + check.stderr
    migrations = run(["-m", "django", "makemigrations", "--check", "--dry-run"], apps)
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr
    assert "No changes detected" in migrations.stdout


@pytest.mark.slow
@sqlite_pass
@pytest.mark.parametrize("app", FEATURE_APPS)
def test_the_apps_own_tests_pass_without_its_siblings(app):
    result = run(
        ["-m", "pytest", "-q", "-p", "no:xdist", "-m", "not browser", f"tests/{app}"],
        [app],
        timeout=1200,
    )
    tail = "\n".join(result.stdout.splitlines()[-30:])
    assert result.returncode == 0, tail + result.stderr[-2000:]
    assert " passed" in tail
