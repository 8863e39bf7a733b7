"""The readers' listing and forms in the admin (wagtail-modeladmin's views), in the suite's
French: « Nouvel abonné », « Modifier l’abonné n° 3 », « Par date d’inscription », where
modeladmin composes « Nouveau Abonné », « Modification de abonné », « Par créé ».

A reader is named by number, never by name or address (``Subscriber.__str__``): these titles
end up in the admin's history."""

from django.contrib import messages
from django.contrib.admin import DateFieldListFilter, RelatedFieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.views import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
)

from resource_centre.admin_dates import FIRST_YEAR, LAST_YEAR
from resource_centre.viewsets import NOT_CREATED, NOT_SAVED


class ReaderButtonHelper(ButtonHelper):
    """The buttons' words and tooltips (modeladmin's say « Modifier ce/cette abonné »)."""

    def add_button(self, *args, **kwargs):
        said = _("Add a subscriber")
        return dict(super().add_button(*args, **kwargs), label=said, title=said)

    def inspect_button(self, *args, **kwargs):
        return dict(super().inspect_button(*args, **kwargs), title=_("See this subscriber"))

    def edit_button(self, *args, **kwargs):
        return dict(super().edit_button(*args, **kwargs), title=_("Edit this subscriber"))

    def delete_button(self, *args, **kwargs):
        return dict(super().delete_button(*args, **kwargs), title=_("Delete this subscriber"))


class _Titled:
    """A filter of the list under its own title (« Par date d’inscription »), not its field's."""

    label = ""
    empty_label = None  # the choice of no value, where modeladmin says « - »

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.label
        if self.empty_label:
            self.empty_value_display = self.empty_label


class PublicationFilter(_Titled, RelatedFieldListFilter):
    label = _("publication")
    empty_label = _("No publication")


class SubscribedOnFilter(_Titled, DateFieldListFilter):
    label = _("date of subscription")


class LeftOnFilter(_Titled, DateFieldListFilter):
    label = _("date of leaving")


def _check_years(query):
    """Refuse a date of the list's ranges (?created_at__gte=2019-01-01) outside the years an
    admin period may name, as the annuaire's filters do: year 1 is year 0 in UTC, which SQLite
    cannot hold (PostgreSQL can)."""
    for key, value in query.items():
        year = value[:4]
        if key.split("__")[0] in ("created_at", "left_at") and year.isdigit():
            if not FIRST_YEAR <= int(year) <= LAST_YEAR:
                raise ValidationError("out of range", code="out_of_range")


class SubscriberIndexView(IndexView):
    def dispatch(self, request, *args, **kwargs):
        # A date filter typed or linked wrong ("?created_at__gte=xyz", or "0001-01-01") is
        # said, not a 500.
        try:
            _check_years(request.GET)
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response
        except (IncorrectLookupParameters, ValidationError, ValueError):
            messages.error(request, _("Some filters of the list are not valid: they were removed."))
            request.GET = QueryDict()
            return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_import=user.has_perms(
                ["newsletter.add_subscriber", "newsletter.change_subscriber"]
            ),
            can_export=user.has_perm("newsletter.view_subscriber"),
            **kwargs,
        )


class _Titled:
    """A page titled whole (« Modifier l’abonné n° 3 »), in its header and its browser tab:
    modeladmin joins a word and the reader (« Modification Abonné n° 3 »)."""

    title = ""  # may name the reader by %(number)s

    def get_page_title(self):
        instance = getattr(self, "instance", None)
        return self.title % {"number": instance.pk if instance else ""}

    def get_meta_title(self):
        return self.get_page_title()

    def get_page_subtitle(self):
        return ""


class SubscriberCreateView(_Titled, CreateView):
    title = _("New subscriber")

    def get_success_message(self, instance):
        return _("Subscriber no. %(number)s created.") % {"number": instance.pk}

    def get_error_message(self):
        return NOT_CREATED


class SubscriberEditView(_Titled, EditView):
    title = _("Edit subscriber no. %(number)s")

    def get_success_message(self, instance):
        return _("Subscriber no. %(number)s updated.") % {"number": instance.pk}

    def get_error_message(self):
        return NOT_SAVED


class SubscriberInspectView(_Titled, InspectView):
    title = _("Subscriber no. %(number)s")


class EraseSubscriberView(_Titled, DeleteView):
    """Deleting a reader also removes the admin history that names them."""

    title = _("Delete subscriber no. %(number)s")

    def confirmation_message(self):
        return _(
            "Delete this subscriber? Their subscriptions, the lettres sent to them and the "
            "history naming them are erased with them."
        )

    def post(self, request, *args, **kwargs):
        # modeladmin's own post says « abonné 'Abonné n° 3' supprimé(e) » and looks for
        # protected relations, which a reader has none of.
        said = _("Subscriber no. %(number)s deleted, with the history naming them.") % {
            "number": self.instance.pk
        }
        self.instance.erase()
        messages.success(request, said)
        return redirect(self.index_url)


class SubscriberHistoryView(_Titled, HistoryView):
    """Who created or changed a reader, and when: for those who may see the readers only
    (modeladmin's history view checks no permission), under French column names."""

    columns = [
        Column("message", label=_("Action")),
        UserColumn("user", label=_("User"), blank_display_name=_("system")),
        DateColumn("timestamp", label=_("Date")),
    ]
    title = _("History of subscriber no. %(number)s")

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)
