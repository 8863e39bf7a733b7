"""A person's rights (RGPD articles 15 and 17): finding, exporting and erasing for good.

Deleting a model instance leaves its name in Wagtail's history: every admin action logs the
object's label, and snippets with revisions keep full copies of it. `erase` removes those too.
"""

import json
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def erase(instance):
    """Delete `instance` together with its admin log entries and revisions."""
    from wagtail.models import ModelLogEntry, Revision

    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    object_id = str(instance.pk)
    with transaction.atomic():
        ModelLogEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(instance),
            object_id=object_id,
        ).delete()
        instance.delete()


# A person's data across the suite (RGPD articles 15 and 17) -----------------------------------
#
# Each installed app tells what it holds on a person through the "register_personal_data" hook:
# a function returning a PersonalData. The admin screen (personal_data_views.py) finds, exports
# and erases through all of them, so an app that is not installed adds nothing and costs nothing.

HOOK = "register_personal_data"


class PersonalData:
    """What one part of the suite holds on a person, found by their e-mail address."""

    label = ""  # shown as the section's heading

    def find(self, email):
        """[(title, {field: value})] for every record holding `email`."""
        raise NotImplementedError

    def erase(self, email):
        """Delete (or clear) every such record, its history included."""
        raise NotImplementedError


_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+")


def names(email, *values):
    """True when `email` itself (not a longer address containing it, as "bob@x.fr" is in
    "jimbob@x.fr") appears in `values` (strings, lists and dicts, searched through)."""
    wanted = email.strip().lower()
    text = json.dumps(values, ensure_ascii=False, default=str)
    return any(found.lower().strip(".") == wanted for found in _ADDRESS.findall(text))


def sources():
    from wagtail import hooks

    return [make() for make in hooks.get_hooks(HOOK)]


def find_everywhere(email):
    """[(label, [(title, data)])] for the sections holding something on `email`."""
    found = [(source.label, source.find(email)) for source in sources()]
    return [(label, records) for label, records in found if records]


def erase_everywhere(email):
    with transaction.atomic():
        for source in sources():
            source.erase(email)


class WaitingEmails(PersonalData):
    """E-mails to the person still waiting for the worker, and task records that name them
    (tasks queued before they carried ids)."""

    label = _("E-mails waiting to be sent")

    def _emails(self, email):
        """E-mails to the person, and e-mails about them (a notice naming their address)."""
        from .models import OutgoingEmail

        candidates = OutgoingEmail.objects.filter(Q(to__icontains=email) | Q(text__icontains=email))
        return [e for e in candidates if names(email, e.to, e.text)]

    def _task_records(self, email):
        if not apps.is_installed("django_tasks_db"):
            return []
        from django_tasks_db.models import DBTaskResult

        candidates = DBTaskResult.objects.filter(args_kwargs__icontains=email)
        return [t for t in candidates if names(email, t.args_kwargs)]

    def find(self, email):
        records = [
            (
                outgoing.subject,
                {"subject": outgoing.subject, "created_at": str(outgoing.created_at)},
            )
            for outgoing in self._emails(email)
        ]
        records += [
            (str(_("Background task")), {"task": t.task_path}) for t in self._task_records(email)
        ]
        return records

    def erase(self, email):
        for row in self._emails(email) + self._task_records(email):
            row.delete()
