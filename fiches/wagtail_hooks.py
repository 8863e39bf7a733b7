"""Admin of the fiches: the editable list of porteur types, the fiches waiting for their
porteur on the dashboard."""

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
