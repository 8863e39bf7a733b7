"""Prepare a site for the suite, safely run again: the French locale, then what each installed
feature app needs before its first item (its ``setup`` module), and with ``--parent`` the index
pages of those apps under a page of the site."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from resource_centre import language, roles
from resource_centre.compat import get_page_model

from ..base import SuiteCommand

FEATURE_APPS = ["fiches", "agenda", "annuaire", "newsletter"]


class Command(SuiteCommand):
    help = gettext_lazy("Create what the suite needs on a new site (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help=gettext_lazy("Also create the index page of each installed app under this page."),
        )

    def handle(self, *args, parent=None, **options):
        modules = [import_module(f"{app}.setup") for app in FEATURE_APPS if apps.is_installed(app)]
        parent_page = self._parent(parent) if parent is not None else None
        with transaction.atomic():
            self._french_locale()
            for module in modules:
                for what, created in module.setup():
                    self.stdout.write(
                        _("%(what)s: %(count)d created") % {"what": what, "count": created}
                    )
            roles.ensure_editors_group()
            self.stdout.write(_("Group “%(name)s”: ready") % {"name": roles.EDITORS})
            if language.french_content_language() is not None:
                renamed = roles.name_default_workflow_in_french()
                self.stdout.write(
                    _("Wagtail's default workflow named in French: %(count)d renamed")
                    % {"count": renamed}
                )
            if parent_page is not None:
                for module in modules:
                    self._index_page(parent_page, *module.INDEX_PAGE)

    def _parent(self, page_id):
        # Beyond 64 bits no database holds the id (and SQLite would raise OverflowError).
        page = get_page_model().objects.filter(pk=page_id).first() if 0 < page_id < 2**63 else None
        if page is None:
            raise CommandError(_("No page has the id %(id)s.") % {"id": page_id})
        return page.specific

    def _french_locale(self):
        code = language.french_content_language()
        if code is None:
            self.stdout.write(
                _(
                    "French is not among the site's content languages (WAGTAIL_CONTENT_LANGUAGES "
                    "or LANGUAGES): no French locale created."
                )
            )
            return
        _locale, created = Locale.objects.get_or_create(language_code=code)
        self.stdout.write(
            _("French locale (%(code)s): %(count)d created") % {"code": code, "count": created}
        )

    def _index_page(self, parent, model_label, title, slug):
        model = apps.get_model(model_label)
        if model.objects.child_of(parent).exists():
            self.stdout.write(
                _("%(page)s: already under %(parent)s")
                % {"page": model._meta.verbose_name, "parent": parent.title}
            )
            return
        if parent.get_children().filter(slug=slug).exists():
            slug = f"{slug}-{model._meta.model_name}"
        page = model(title=title, slug=slug, locale=parent.locale)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(
            _("%(page)s: created at %(url)s")
            % {"page": model._meta.verbose_name, "url": page.url_path}
        )
