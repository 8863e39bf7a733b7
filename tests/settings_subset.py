"""The test settings with only some feature apps over the core: RC_APPS="fiches" (comma-separated,
empty for the core alone) keeps those and drops the other feature apps."""

import os

from tests.settings import *  # noqa: F403

FEATURE_APPS = {"fiches", "agenda", "annuaire", "newsletter"}
_kept = {app for app in os.environ.get("RC_APPS", "").split(",") if app}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in FEATURE_APPS - _kept]  # noqa: F405
