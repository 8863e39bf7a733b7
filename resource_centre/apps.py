from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourceCentreConfig(AppConfig):
    name = "resource_centre"
    label = "resource_centre"
    verbose_name = _("Resource centre")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_dates, checks  # noqa: F401  (checks registers the system checks)

        admin_dates.register_overrides()
