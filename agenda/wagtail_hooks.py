"""Admin of the agenda's reusable records (formats, venues) as Wagtail snippet viewsets."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from resource_centre.admin_menu import SuiteGroupMixin, ToolMenuItem
from resource_centre.search_sections import section_of
from resource_centre.viewsets import SuiteSnippetChooserViewSet, SuiteSnippetViewSet

from .models import EventFormat, EventPage, Questionnaire, Venue


class EventFormatViewSet(SuiteSnippetViewSet):
    model = EventFormat
    add_item_label = _("Add an event format")
    new_item_label = _("New event format")
    icon = "tag"
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "slug", "questionnaire"]
    ordering = ["sort_order", "name"]


class VenueChooserViewSet(SuiteSnippetChooserViewSet):
    """A venue created without leaving the event's form: the chooser's "Créer" tab."""

    form_fields = ["name", "address", "postcode", "city", "accessibility"]
    create_action_label = _("Create a venue")
    creation_tab_label = _("New venue")


class VenueViewSet(SuiteSnippetViewSet):
    model = Venue
    add_item_label = _("Add a venue")
    new_item_label = _("New venue")
    chooser_viewset_class = VenueChooserViewSet
    icon = "site"
    search_backend_name = None
    search_fields = ["name", "city", "postcode"]
    list_display = ["name", "city", "postcode"]
    list_filter = ["city"]
    ordering = ["city", "name"]


class QuestionnaireViewSet(SuiteSnippetViewSet):
    model = Questionnaire
    add_item_label = _("Add an evaluation questionnaire")
    new_item_label = _("New evaluation questionnaire")
    icon = "list-ol"
    search_backend_name = None
    search_fields = ["title"]
    list_display = ["title"]
    ordering = ["title"]


class AgendaGroup(SuiteGroupMixin, SnippetViewSetGroup):
    items = (EventFormatViewSet, VenueViewSet, QuestionnaireViewSet)
    menu_icon = "date"
    menu_label = _("Agenda")
    menu_name = "agenda"
    menu_order = 300

    def tools(self):
        return [
            ToolMenuItem(
                _("Events and registrations"),
                "agenda_admin:events",
                ("agenda.view_registration",),
                name="events",
                icon_name="group",
            )
        ]


register_snippet(AgendaGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from . import admin_views, series_views

    # Namespaced like every admin URL of the suite ("agenda_admin:…"), under /admin/agenda/.
    urlpatterns = [
        path(
            "evenement/<id:event_id>/seances/serie/", series_views.add_series, name="seance_series"
        ),
        path(
            "evenement/<id:event_id>/inscriptions/",
            admin_views.registrations,
            name="registrations",
        ),
        path("evenements/", admin_views.events, name="events"),
        path(
            "evenement/<id:event_id>/evaluations/",
            admin_views.evaluations,
            name="evaluations",
        ),
        path(
            "evenement/<id:event_id>/inscriptions/ajouter/",
            admin_views.add_registration,
            name="registration_add",
        ),
        path(
            "evenement/<id:event_id>/inscriptions/message/",
            admin_views.message_registrants,
            name="registrations_message",
        ),
        path(
            "evenement/<id:event_id>/inscriptions/<id:registration_id>/<str:action>/",
            admin_views.registration_action,
            name="registration_action",
        ),
        path(
            "evenement/<id:event_id>/seance/<id:seance_id>/presences/",
            admin_views.seance_attendance,
            name="seance_attendance",
        ),
        path(
            "evenement/<id:event_id>/inscriptions.csv",
            admin_views.registrations_csv,
            name="registrations_csv",
        ),
    ]
    return [path("agenda/", include((urlpatterns, "agenda_admin")))]


def _registrations_button(page, user, priority):
    specific = page.specific_class
    if specific is EventPage and user.has_perm("agenda.view_registration"):
        return Button(
            _("Registrations"),
            reverse("agenda_admin:registrations", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )
    return None


@hooks.register("register_page_listing_more_buttons")
def page_listing_registrations(page, user, next_url=None):
    button = _registrations_button(page, user, 45)
    if button:
        yield button


@hooks.register("register_page_header_buttons")
def page_header_registrations(page, user, view_name, next_url=None):
    button = _registrations_button(page, user, 40)
    if button:
        yield button
    if (
        view_name == "edit"
        and page.specific_class is EventPage
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Generate a series of séances"),
            reverse("agenda_admin:seance_series", args=[page.pk]),
            icon_name="date",
            priority=41,
        )


@hooks.register("register_permissions")
def registration_permissions():
    """Registrants' details are given by these, in the groups' settings, not by page editing."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="agenda",
        codename__in=["view_registration", "change_registration"],
    )


@hooks.register("register_personal_data")
def registration_data():
    from .personal_data import RegistrationData

    return RegistrationData()


@hooks.register("register_bilan_section")
def agenda_bilan_section():
    from .bilan import AgendaSection

    return AgendaSection()


@hooks.register("resource_centre_site_search")
@section_of("agenda.eventpage")  # the séances of its events
def upcoming_events_in_site_search(request, site, query, words):
    from .site_search import upcoming_section

    return upcoming_section(request, site, query, words)
