"""Invite those who came to a séance to evaluate it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.evaluations import send_evaluations
from resource_centre.management.base import SuiteCommand


class Command(SuiteCommand):
    help = gettext_lazy(
        "E-mail the evaluation questionnaire of their event's format to the confirmed registrants "
        "not marked absent, the day after their séance (a registrant to a whole event, after its "
        "last séance), once each, for AGENDA_EVALUATION_WINDOW_DAYS days (7 by default). Run it "
        "daily, e.g. from cron: `python manage.py send_evaluations`."
    )

    def handle(self, *args, **options):
        count = send_evaluations()
        self.stdout.write(_("%(count)d evaluation invitations queued.") % {"count": count})
