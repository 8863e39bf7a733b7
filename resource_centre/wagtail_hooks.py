"""Admin for the taxonomies (the editor script of the suite's pages comes with their form,
resource_centre.models.pages.SuitePageForm).

Why snippet viewsets rather than wagtail-modeladmin: they are Wagtail's own, maintained idiom for
non-page models since Wagtail 5; they give choosers, usage reports, revisions-free editing, search,
filters and per-model permissions for free, and the taxonomies are then choosable from any
StreamField or panel. wagtail-modeladmin is kept for listings that need its specific features.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import bilan, rgpd
from .admin_menu import MENU_HOOK, SuiteGroupMixin, ToolMenuItem, suite_menu_item
from .models import PublicVise, Territoire, Thematique
from .viewsets import NormalisedSearchIndexView, SuiteSnippetViewSet, TaggingDeleteBulkAction


@hooks.register("register_admin_menu_item")
def resource_centre_menu():
    return suite_menu_item(_("Resource centre"), "site", order=250)


# After Wagtail's own delete action (order 0), which it replaces for the suite's snippets,
# wherever the host lists wagtail.snippets among its apps.
hooks.register("register_bulk_action", TaggingDeleteBulkAction, order=1)


class TaxonomyViewSet(SuiteSnippetViewSet):
    # Plain ORM search (icontains): these lists are short, and it behaves the same on SQLite and
    # PostgreSQL, where a field-restricted full-text search does not on SQLite.
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "slug"]
    ordering = ["name"]


class ThematiqueViewSet(TaxonomyViewSet):
    model = Thematique
    add_item_label = _("Add a theme")
    new_item_label = _("New theme")
    feminine = True
    icon = "tag"


class PublicViseViewSet(TaxonomyViewSet):
    model = PublicVise
    add_item_label = _("Add a target audience")
    new_item_label = _("New target audience")
    icon = "group"


class TerritoireViewSet(TaxonomyViewSet):
    model = Territoire
    add_item_label = _("Add a territory")
    new_item_label = _("New territory")
    icon = "site"
    index_view_class = NormalisedSearchIndexView
    list_display = ["name", Column("level", label=_("level")), "code", "parent"]
    list_filter = ["kind"]
    ordering = ["path"]
    list_per_page = 50

    def get_queryset(self, request):
        return Territoire.objects.select_related("parent")


class TaxonomiesGroup(SuiteGroupMixin, SnippetViewSetGroup):
    items = (ThematiqueViewSet, TerritoireViewSet, PublicViseViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"
    menu_order = 100


register_snippet(TaxonomiesGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import include, path

    from . import personal_data_views as views
    from . import territoire_chooser
    from .bilan import views as bilan_views

    urlpatterns = [
        path("donnees-personnelles/", views.personal_data, name="personal_data"),
        path(
            "donnees-personnelles/export/",
            views.export_personal_data,
            name="personal_data_export",
        ),
        path(
            "donnees-personnelles/effacer/", views.erase_personal_data, name="personal_data_erase"
        ),
        path("bilan/", bilan_views.bilan, name="bilan"),
        path("bilan/bilan.xlsx", bilan_views.bilan_xlsx, name="bilan_xlsx"),
        path("bilan/bilan.csv", bilan_views.bilan_csv, name="bilan_csv"),
        path("territoires/recherche/", territoire_chooser.search, name="territoire_search"),
    ]
    return [path("resource-centre/", include((urlpatterns, "resource_centre_admin")))]


@hooks.register(MENU_HOOK)
def personal_data_menu_item():
    return ToolMenuItem(
        _("Personal data"),
        "resource_centre_admin:personal_data",
        ["resource_centre.manage_personal_data"],
        name="personal-data",
        icon_name="user",
        order=900,
    )


@hooks.register(MENU_HOOK)
def bilan_menu_item():
    return ToolMenuItem(
        _("Activity report"),
        "resource_centre_admin:bilan",
        [bilan.PERMISSION],
        name="bilan",
        icon_name="doc-full",
        order=800,
    )


@hooks.register("register_permissions")
def personal_data_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="resource_centre",
        codename__in=["manage_personal_data", "view_bilan"],
    )


@hooks.register(rgpd.HOOK)
def waiting_emails():
    return rgpd.WaitingEmails()


@hooks.register("insert_global_admin_js")
def date_picker_keeps_what_was_typed():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}"></script>', static("resource_centre/admin/dates.js"))
