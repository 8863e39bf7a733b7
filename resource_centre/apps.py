from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourceCentreConfig(AppConfig):
    name = "resource_centre"
    label = "resource_centre"
    verbose_name = _("Resource centre")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import PageViewRestriction, Site, get_page_models

        from . import admin_dates, checks, generations  # noqa: F401  (checks: system checks)

        admin_dates.register_overrides()
        # What the site's menu reads (resource_centre_tags.site_menu): the pages of every app
        # and of the host, whose saves include publishing, unpublishing and moving.
        generations.follow("pages", Site, PageViewRestriction, *get_page_models())
