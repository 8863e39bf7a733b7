"""Delete the registrations the consent text promises to delete after the event."""

import datetime

from django.core.management.base import CommandError
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agenda import conf
from agenda.models import EventPage, Registration
from resource_centre.management.base import SuiteCommand


class Command(SuiteCommand):
    help = gettext_lazy(
        "Delete the registrations (names, e-mails, needs…) of every event whose last séance took "
        "place more than AGENDA_REGISTRATION_RETENTION_DAYS days ago (365 by default, set in "
        "RESOURCE_CENTRE), as the default consent text promises: “They are deleted one year "
        "after the event.” Run it daily, e.g. from cron: "
        "`python manage.py purge_registrations`. Registrations whose address was never confirmed "
        "go once their confirmation link has expired. Use --dry-run to see what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=gettext_lazy("Retention in days (overrides AGENDA_REGISTRATION_RETENTION_DAYS)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Count what would be deleted; delete nothing."),
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = conf.get("AGENDA_REGISTRATION_RETENTION_DAYS") if days is None else days
        if days < 0:
            raise CommandError(_("--days must be zero or more."))
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        # Events of every state (drafts and unpublished ones too): the promise is about people.
        ended = (
            EventPage.objects.annotate(last_day=Max("seances__day"))
            .filter(last_day__lt=cutoff)
            .values("pk")
        )
        # And addresses never confirmed, once their link has expired: nobody consented.
        unconfirmed_before = timezone.now() - datetime.timedelta(
            seconds=conf.get("AGENDA_CONFIRM_LINK_MAX_AGE")
        )
        registrations = Registration.objects.filter(
            Q(event__in=ended)
            | Q(status=Registration.Status.PENDING, created_at__lt=unconfirmed_before)
        )
        if dry_run:
            count = registrations.count()
            self.stdout.write(
                ngettext(
                    "%(count)d registration would be deleted (before %(date)s).",
                    "%(count)d registrations would be deleted (before %(date)s).",
                    count,
                )
                % {"count": count, "date": cutoff.isoformat()}
            )
            return
        count, _by_model = registrations.delete()
        self.stdout.write(
            ngettext(
                "%(count)d registration deleted (events ended before %(date)s).",
                "%(count)d registrations deleted (events ended before %(date)s).",
                count,
            )
            % {"count": count, "date": cutoff.isoformat()}
        )
