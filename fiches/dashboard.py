"""The dashboard panel "Fiches en attente du porteur de projet": the fiches whose validation
link was sent and not answered yet, the link's age, and a button to send it again.

A fixed number of queries whatever the number of fiches: the waiting task states, then their
pages, both restricted to the fiches the user may edit.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import get_default_page_content_type
from wagtail.permissions import page_permission_policy

from . import conf
from .panels import recipient_for


@dataclass
class WaitingFiche:
    task_state_id: int
    page_id: int
    title: str
    recipient: str
    sent_at: datetime
    age: str
    expired: bool
    out_of_date: bool  # edited since: the link shows an older version and opens nothing


def waiting_task_states(user):
    """The porteur validations in progress whose link is out, on fiches `user` may edit."""
    from .models import FichePage
    from .models import PorteurValidationTaskState as State

    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    # A workflow state names its page by a text id: compare text to text (PostgreSQL casts
    # nothing implicitly, and casting every object id to a number would fail on snippets').
    fiche_ids = (
        FichePage.objects.filter(pk__in=editable.values("pk"))
        .annotate(text_id=Cast("pk", CharField()))
        .values("text_id")
    )
    return (
        State.objects.filter(
            status=State.STATUS_IN_PROGRESS,
            link_revoked=False,
            link_sent_at__isnull=False,
            workflow_state__base_content_type=get_default_page_content_type(),
            workflow_state__object_id__in=fiche_ids,
        )
        .select_related("workflow_state")
        .order_by("link_sent_at", "pk")
    )


def _age(sent_at, now):
    """ "envoyé il y a 12 jours": in days, which is how a follow-up is counted, not weeks."""
    days = (now - sent_at).days
    if days >= 1:
        return ngettext("sent %(days)d day ago", "sent %(days)d days ago", days) % {"days": days}
    if now - sent_at < timedelta(minutes=1):
        return _("sent just now")
    return _("sent %(age)s ago") % {"age": timesince(sent_at, now, depth=1)}


def waiting_fiches(user):
    """[WaitingFiche], the longest waiting first."""
    from resource_centre.compat import get_page_model

    states = list(waiting_task_states(user))
    pages = {
        row["pk"]: row
        for row in get_page_model()
        .objects.filter(pk__in=[int(state.workflow_state.object_id) for state in states])
        .values("pk", "draft_title", "latest_revision_id")
    }
    now = timezone.now()
    max_age = timedelta(seconds=conf.get("FICHES_VALIDATION_LINK_MAX_AGE"))
    rows = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        rows.append(
            WaitingFiche(
                task_state_id=state.pk,
                page_id=page["pk"],
                title=page["draft_title"],
                recipient=recipient_for(user, state),
                sent_at=state.link_sent_at,
                age=_age(state.link_sent_at, now),
                expired=state.link_sent_at + max_age < now,
                out_of_date=page["latest_revision_id"] not in (None, state.revision_id),
            )
        )
    return rows


class WaitingForPorteurPanel(Component):
    name = "fiches_waiting_for_porteur"
    template_name = "fiches/admin/waiting_for_porteur_panel.html"
    order = 230  # after Wagtail's own workflow panels

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "fiches": waiting_fiches(request.user),
            "request": request,
            "csrf_token": parent_context["csrf_token"],
        }
