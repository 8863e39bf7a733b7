"""Admin: publications as snippets, subscribers in a modeladmin listing, sends and their progress."""

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin

from resource_centre.admin_menu import SuiteGroupMixin, ToolMenuItem
from resource_centre.ids import as_id
from resource_centre.viewsets import SuiteSnippetViewSet

from .admin_forms import SubscriberAdminForm
from .models import LettrePage, Publication, Subscriber
from .views import admin as views
from .views import readers, sends


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = _("Subscribers")
    menu_icon = "group"
    add_to_admin_menu = False  # in the lettre's group of the suite's menu
    list_display = ("email", "name", "structure", "fonction", "status", "created_at")
    # The dates take ranges (?created_at__gte=…&created_at__lt=…): the bilan's links use them.
    list_filter = (
        "status",
        ("publications", readers.PublicationFilter),
        ("created_at", readers.SubscribedOnFilter),
        ("left_at", readers.LeftOnFilter),
    )
    search_fields = ("email", "name", "structure", "fonction")
    index_template_name = "newsletter/admin/subscriber_index.html"
    inspect_template_name = "newsletter/admin/subscriber_inspect.html"
    inspect_view_enabled = True
    # The versions of a reader's links: internal counters, not something to read.
    inspect_view_fields_exclude = ["token_version", "confirm_version"]
    button_helper_class = readers.ReaderButtonHelper
    index_view_class = readers.SubscriberIndexView
    create_view_class = readers.SubscriberCreateView
    edit_view_class = readers.SubscriberEditView
    inspect_view_class = readers.SubscriberInspectView
    delete_view_class = readers.EraseSubscriberView
    # The consent's proof is written by the form (SubscriberAdminForm), never typed over.
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in ("email", "name", "structure", "fonction", "status", "publications")
        ]
        + [FieldPanel("consent_source"), FieldPanel("bounce_reason")],
        base_form_class=SubscriberAdminForm,
    )
    history_view_class = readers.SubscriberHistoryView

    def _of_a_reader(self, view, request, instance_pk):
        # An id typed by hand ("abc") is a 404, as an unknown one is, not a failed query.
        if as_id(instance_pk) is None:
            raise Http404
        return view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        return self._of_a_reader(super().edit_view, request, instance_pk)

    def delete_view(self, request, instance_pk):
        return self._of_a_reader(super().delete_view, request, instance_pk)

    def inspect_view(self, request, instance_pk):
        return self._of_a_reader(super().inspect_view, request, instance_pk)

    def history_view(self, request, instance_pk):
        return self._of_a_reader(super().history_view, request, instance_pk)


subscriber_admin = SubscriberAdmin()
subscriber_admin.register_with_wagtail()


class PublicationViewSet(SuiteSnippetViewSet):
    model = Publication
    add_item_label = _("Add a publication")
    new_item_label = _("New publication")
    feminine = True
    icon = "mail"
    list_display = ["name", "sender_email"]


class NewsletterGroup(SuiteGroupMixin, SnippetViewSetGroup):
    items = (PublicationViewSet,)
    menu_icon = "mail"
    menu_label = _("Newsletter")
    menu_name = "newsletter"
    menu_order = 500

    def tools(self):
        return [
            subscriber_admin.get_menu_item(),
            ToolMenuItem(
                _("Newsletter sends"),
                "newsletter_admin:send_list",
                ("newsletter.view_send",),
                name="sends",
                icon_name="mail",
            ),
        ]


register_snippet(NewsletterGroup)

admin_urls = [
    path("lettre/<id:page_id>/", sends.SendLettreView.as_view(), name="send_lettre"),
    path("lettre/<id:page_id>/apercu/", sends.preview_email, name="preview"),
    path("lettre/<id:page_id>/test/", sends.SendTestView.as_view(), name="send_test"),
    path("envois/", sends.SendListView.as_view(), name="send_list"),
    path("envois/<id:send_id>/", sends.SendDetailView.as_view(), name="send_detail"),
    path("envois/<id:send_id>/progression/", sends.send_progress, name="send_progress"),
    path("envois/<id:send_id>/<str:action>/", sends.send_action, name="send_action"),
    path("abonnes/import/", views.import_subscribers, name="import"),
    path("abonnes/export/", views.export_subscribers, name="export"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("newsletter/", include((admin_urls, "newsletter_admin")))]


@hooks.register("register_permissions")
def newsletter_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="newsletter",
        codename__in=["view_send", "change_send"],
    )


def _send_buttons(page, user, priority):
    """ "Send a test" and "Send", on a draft too: the send page says what a draft can do."""
    if not issubclass(page.specific_class or type(page), LettrePage):
        return
    if not sends.can_send(user, page):
        return
    yield Button(
        _("Send a test"),
        reverse("newsletter_admin:send_test", args=[page.pk]),
        icon_name="mail",
        priority=priority,
    )
    yield Button(
        _("Send"),
        reverse("newsletter_admin:send_lettre", args=[page.pk]),
        icon_name="mail",
        priority=priority + 1,
    )


@hooks.register("register_page_header_buttons")
def lettre_header_buttons(page, user, view_name=None, next_url=None):
    yield from _send_buttons(page, user, 5)


@hooks.register("register_page_listing_more_buttons")
def lettre_listing_buttons(page, user, next_url=None):
    yield from _send_buttons(page, user, 5)


@hooks.register("after_copy_page")
def fresh_automatic_blocks_in_copies(request, page, new_page):
    """A copied lettre must not carry last month's events: its automatic blocks start empty."""
    from .automatic import clear_automatic_blocks

    if not isinstance(new_page.specific, LettrePage):
        return
    lettre = new_page.specific.get_latest_revision_as_object()
    if clear_automatic_blocks(lettre):
        revision = lettre.save_revision(user=request.user, log_action=False, clean=False)
        if new_page.live:
            revision.publish(user=request.user, log_action=False)


@hooks.register("register_personal_data")
def subscriber_data():
    from .personal_data import SubscriberData

    return SubscriberData()
