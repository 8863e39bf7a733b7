"""Where the suite keeps files that must never be public: uploads waiting for confirmation.

MEDIA_ROOT is served to anyone who guesses a name; an annuaire import holds people's e-mail
addresses and phones. Such files go to the host's `STORAGES["resource_centre_private"]` when it
defines one (e.g. a private bucket), otherwise to a `private` folder beside MEDIA_ROOT (not
inside it), readable by the site's user only, with no URL.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

ALIAS = "resource_centre_private"


def private_storage():
    if ALIAS in getattr(settings, "STORAGES", {}):
        return storages[ALIAS]
    media = Path(settings.MEDIA_ROOT or "media").resolve()
    return FileSystemStorage(
        location=media.parent / "private",
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )
