"""Admin of the fiches: the editable list of porteur types, the fiches waiting for their
porteur on the dashboard, a warning when a fiche goes to a porteur who cannot be reached."""

from django.contrib import messages
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from resource_centre.admin_menu import SuiteGroupMixin
from resource_centre.viewsets import SuiteSnippetViewSet

from .models import PorteurType


class PorteurTypeViewSet(SuiteSnippetViewSet):
    model = PorteurType
    add_item_label = _("Add a type of project holder")
    new_item_label = _("New type of project holder")
    icon = "group"
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "slug"]
    ordering = ["name"]


class FichesGroup(SuiteGroupMixin, SnippetViewSetGroup):
    items = (PorteurTypeViewSet,)
    menu_icon = "doc-full"
    menu_label = _("Fiches expériences")
    menu_name = "fiches"
    menu_order = 200


register_snippet(FichesGroup)


@hooks.register("register_permissions")
def porteur_contact_permission():
    """The porteur's contact (personal data) is given by this, in the groups' settings."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="fiches", codename="view_porteur_contact"
    )


@hooks.register("register_personal_data")
def porteur_contact_data():
    from .personal_data import PorteurContactData

    return PorteurContactData()


@hooks.register("construct_homepage_panels")
def waiting_for_porteur_panel(request, panels):
    from .dashboard import WaitingForPorteurPanel

    panels.append(WaitingForPorteurPanel())


@hooks.register("register_admin_urls")
def register_admin_urls():
    from .views.bilan import fiches_of_period
    from .views.resend import resend_link

    # Namespaced like every admin URL of the suite ("fiches_admin:…"), under /admin/fiches/.
    urlpatterns = [
        path("bilan/", fiches_of_period, name="fiches_of_period"),
        path(
            "validation/<id:task_state_id>/renvoyer/",
            resend_link,
            name="resend_validation_link",
        ),
    ]
    return [path("fiches/", include((urlpatterns, "fiches_admin")))]


@hooks.register("register_bilan_section")
def fiches_bilan_section():
    from .bilan import FichesSection

    return FichesSection()


def _porteur_state(page):
    from .models import PorteurValidationTaskState

    state = page.current_workflow_task_state
    return state if isinstance(state, PorteurValidationTaskState) else None


@hooks.register("before_edit_page")
def note_the_porteur_state(request, page):
    state = _porteur_state(page)
    request.porteur_state_before = state.pk if state else None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_no_link_went(request, page):
    """A fiche sent to its porteur without a contact e-mail waits for an answer nobody was asked
    for: the editor learns it when this request started the porteur's validation, not weeks
    later on the dashboard. (A step approved from Wagtail's workflow dialog shows it on the
    fiche's form, PorteurAnswerPanel.)"""
    state = _porteur_state(page)
    started_now = state and state.pk != getattr(request, "porteur_state_before", None)
    if not started_now or state.link_sent_at or state.link_revoked:
        return
    if page.permissions_for_user(request.user).can_publish():
        said = _(
            "No link was sent to the project holder: the sheet has no contact e-mail. Add one "
            "and send the link again, or record their answer yourself."
        )
    else:
        said = _(
            "No link was sent to the project holder: the sheet has no contact e-mail. Add one "
            "and send the link again, or ask a colleague who can publish to record their answer."
        )
    messages.warning(request, said)
