from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    label = "agenda"
    verbose_name = _("Agenda")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete
        from wagtail.signals import page_published

        from resource_centre import generations
        from resource_centre.models import PublicVise, Territoire, Thematique
        from resource_centre.search import follow_terms

        from . import attendance, notices, search
        from .models import EventFormat, EventPage, Registration, Seance, Venue
        from .models.registrations import registration_deleted

        # Every way of publishing (editor, schedule, workflow) tells the registrants.
        page_published.connect(notices.event_published, sender=EventPage)
        # A séance cancelled or removed no longer counts in its series' attendance.
        page_published.connect(attendance.seances_changed, sender=EventPage)
        # A seat freed by a deletion changes the séances' calendar entries (agenda/ical.py).
        post_delete.connect(registration_deleted, sender=Registration)
        # A séance to come removed from its event is cancelled for its registrants, and told.
        pre_delete.connect(notices.seance_removed, sender=Seance)
        # Names copied into the search text of events and séances.
        follow_terms(EventFormat, search.events_of_format, search.refresh_events)
        follow_terms(Thematique, search.events_of_thematique, search.refresh_events)
        follow_terms(Venue, search.seances_at_venue, search.refresh_seances, ("name", "city"))
        # What the agenda's filter block offers (agenda_index_page.html keeps it).
        generations.follow(
            "agenda", EventPage, Seance, Venue, EventFormat, Thematique, PublicVise, Territoire
        )
