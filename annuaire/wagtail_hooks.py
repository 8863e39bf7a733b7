"""Admin of the annuaire: snippet viewsets for the lists and entries, and the centre's tools
(import, moderation of proposals, freshness review, export of one person's data)."""

from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSetGroup

from resource_centre.admin_menu import SuiteGroupMixin, ToolMenuItem
from resource_centre.compat import register_permission_policy
from resource_centre.viewsets import (
    LocalInspectView,
    NormalisedSearchIndexView,
    SuiteSnippetViewSet,
)

from . import moderation
from .admin_filters import PersonFilterSet, StructureFilterSet
from .admin_views.freshness import PERMISSIONS as FRESHNESS_PERMISSIONS
from .erasure import erase_person
from .models import ChangeRequest, Metier, Person, Reseau, Structure, StructureType


class TermViewSet(SuiteSnippetViewSet):
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "slug"]
    ordering = ["name"]


class StructureTypeViewSet(TermViewSet):
    model = StructureType
    add_item_label = _("Add a type of structure")
    new_item_label = _("New type of structure")
    icon = "tag"


class MetierViewSet(TermViewSet):
    model = Metier
    add_item_label = _("Add a job")
    new_item_label = _("New job")
    icon = "user"


class ReseauViewSet(TermViewSet):
    model = Reseau
    add_item_label = _("Add a network")
    new_item_label = _("New network")
    icon = "group"


class StructureViewSet(SuiteSnippetViewSet):
    model = Structure
    add_item_label = _("Add a structure")
    new_item_label = _("New structure")
    feminine = True
    icon = "home"
    index_view_class = NormalisedSearchIndexView
    search_backend_name = None
    search_fields = ["name", "sigle", "siret", "addresses__city"]
    list_display = [
        "name",
        "type",
        Column("city", label=_("City")),
        "verified_at",
        "updated_at",
    ]
    filterset_class = StructureFilterSet
    ordering = ["name"]
    list_per_page = 50

    def get_queryset(self, request):
        return Structure.objects.select_related("type").prefetch_related("addresses")


@hooks.register("register_snippet_listing_buttons")
def person_data_button(snippet, user, next_url=None):
    """RGPD: from a person's row, download everything held on them."""
    from wagtail.admin.widgets import ListingButton

    if isinstance(snippet, Person) and user.has_perm("annuaire.view_person"):
        yield ListingButton(
            _("Export the personal data"),
            reverse("annuaire_admin:person_data", args=[snippet.pk]),
            icon_name="download",
            priority=90,
        )


class ErasePersonView(DeleteView):
    """Deleting a person erases them: no log entry keeps their name (RGPD)."""

    def delete_action(self):
        erase_person(self.object)


@hooks.register("before_bulk_action")
def erase_people_in_bulk(request, action_type, objects, action_class_instance):
    # The bulk delete would leave the earlier log entries, which name each person.
    if action_type == "delete":
        for person in [o for o in objects if isinstance(o, Person)]:
            erase_person(person)


class PersonViewSet(SuiteSnippetViewSet):
    model = Person
    add_item_label = _("Add a person")
    new_item_label = _("New person")
    feminine = True
    delete_view_class = ErasePersonView
    index_view_class = NormalisedSearchIndexView
    icon = "user"
    search_backend_name = None
    search_fields = ["first_name", "last_name", "fonction", "memberships__structure__name"]
    list_display = [
        "__str__",
        "metier",
        BooleanColumn("has_consent", label=_("Consent recorded")),
        "verified_at",
        "updated_at",
    ]
    filterset_class = PersonFilterSet
    ordering = ["last_name", "first_name"]
    list_per_page = 50

    def get_queryset(self, request):
        return Person.objects.select_related("metier")


class ProposalPermissionPolicy(ModelPermissionPolicy):
    """Proposals are decided in the moderation view only (which publishes them): the snippet
    admin can list, inspect and delete them, never add or edit them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in ("add", "change")])


PROPOSAL_POLICY = ProposalPermissionPolicy(ChangeRequest)
POLICY_REGISTERED = register_permission_policy(ChangeRequest, PROPOSAL_POLICY)


class ChangeRequestInspectView(LocalInspectView):
    """A proposal as editors read it: the entry it is about, and what it proposes field by
    field, instead of Wagtail's « Personne None » and the raw JSON."""

    def get_field_label(self, field_name, field):
        if field_name == "entry":
            return _("Entry concerned")
        return super().get_field_label(field_name, field)

    def get_entry_display_value(self):
        entry = self.object.entry
        if entry is None:
            return "—"
        url = reverse(entry.snippet_viewset.get_url_name("edit"), args=[entry.pk])
        return format_html('<a href="{}">{}</a>', url, entry)

    def get_proposed_display_value(self):
        if self.object.entry is None:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{} : {}</li>", moderation.proposed_values(self.object)),
        )


class ChangeRequestViewSet(SuiteSnippetViewSet):
    model = ChangeRequest
    feminine = True  # « modification proposée »
    if not POLICY_REGISTERED:  # Wagtail 7.4 reads the policy from the viewset
        permission_policy = PROPOSAL_POLICY
    icon = "mail"
    menu_label = _("Proposed changes")
    list_display = ["__str__", "status", "created_at", "reviewed_at"]
    list_filter = ["status"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_class = ChangeRequestInspectView
    inspect_view_fields = [
        "entry",
        "proposed",
        "comment",
        "status",
        "created_at",
        "reviewed_at",
        "reviewed_by",
    ]

    def get_queryset(self, request):
        return ChangeRequest.objects.select_related("structure", "person")


class AnnuaireGroup(SuiteGroupMixin, SnippetViewSetGroup):
    items = (
        StructureViewSet,
        PersonViewSet,
        ChangeRequestViewSet,
        StructureTypeViewSet,
        MetierViewSet,
        ReseauViewSet,
    )
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "annuaire"
    menu_order = 400

    def tools(self):
        return [
            ToolMenuItem(
                _("Import structures"),
                "annuaire_admin:import",
                ("annuaire.add_structure", "annuaire.change_structure"),
                name="import",
                icon_name="upload",
            ),
            ToolMenuItem(
                _("Proposed changes to review"),
                "annuaire_admin:moderation",
                ("annuaire.change_structure", "annuaire.change_person"),
                name="moderation",
                icon_name="mail",
            ),
            ToolMenuItem(
                _("Entries to verify"),
                "annuaire_admin:freshness",
                FRESHNESS_PERMISSIONS,
                name="freshness",
                icon_name="time",
            ),
        ]


register_snippet(AnnuaireGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from . import admin_urls

    return [path("annuaire/", include((admin_urls.urlpatterns, "annuaire_admin")))]


@hooks.register("register_personal_data")
def person_data():
    from .personal_data import PersonData

    return PersonData()


@hooks.register("resource_centre_site_search")
def structures_in_site_search(request, site, query, words):
    from .site_search import structure_section

    return structure_section(request, site, query, words)


@hooks.register("resource_centre_site_search")
def people_in_site_search(request, site, query, words):
    from .site_search import person_section

    return person_section(request, site, query, words)
