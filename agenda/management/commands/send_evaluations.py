"""Invite those who came to a séance to evaluate it."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from agenda.evaluations import send_evaluations


class Command(BaseCommand):
    help = (
        "E-mail the evaluation questionnaire of their event's format to the confirmed registrants "
        "not marked absent, the day after their séance (a registrant to a whole event, after its "
        "last séance), once each, for AGENDA_EVALUATION_WINDOW_DAYS days (7 by default). Run it "
        "daily, e.g. from cron: `python manage.py send_evaluations`."
    )

    def handle(self, *args, **options):
        count = send_evaluations()
        self.stdout.write(_("%(count)d evaluation invitations queued.") % {"count": count})
