from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    label = "agenda"
    verbose_name = _("Agenda")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from . import notices
        from .models import EventPage

        # Every way of publishing (editor, schedule, workflow) tells the registrants.
        page_published.connect(notices.event_published, sender=EventPage)
