"""Remind registrants of their séance a few days before it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda import notices
from resource_centre.management.base import SuiteCommand


class Command(SuiteCommand):
    help = gettext_lazy(
        "E-mail a reminder to the confirmed registrants of every séance taking place in "
        "AGENDA_REMINDER_DAYS days (2 by default, set in RESOURCE_CENTRE; 0 turns reminders "
        "off), once each. Run it daily, e.g. from cron: `python manage.py send_reminders`."
    )

    def handle(self, *args, **options):
        count = notices.send_reminders()
        self.stdout.write(_("%(count)d reminders queued.") % {"count": count})
