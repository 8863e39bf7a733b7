"""Start the scheduled sends that are due and restart stalled ones (run it every minute)."""

from django.utils.translation import gettext_lazy

from newsletter.sending import dispatch_due_sends
from resource_centre.management.base import SuiteCommand


class Command(SuiteCommand):
    help = gettext_lazy("Start the newsletter sends that are due and resume the interrupted ones.")

    def handle(self, *args, **options):
        dispatch_due_sends()
