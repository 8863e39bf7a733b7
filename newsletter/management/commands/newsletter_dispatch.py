"""Start the scheduled sends that are due and restart stalled ones (run it every minute)."""

from django.core.management.base import BaseCommand

from newsletter.sending import dispatch_due_sends


class Command(BaseCommand):
    help = "Start the newsletter sends that are due and resume the interrupted ones."

    def handle(self, *args, **options):
        dispatch_due_sends()
