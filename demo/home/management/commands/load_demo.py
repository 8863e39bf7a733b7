"""Load the demo content of every installed app of the suite; safe to run again."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from resource_centre import roles

# The order matters: later apps link to what earlier ones created.
CONTENT_MODULES = ["core", "annuaire", "agenda", "fiches", "newsletter"]


class Command(BaseCommand):
    help = "Load the demo content drawn from the seed documents (idempotent)."

    def handle(self, *args, **options):
        for name in CONTENT_MODULES:
            if name != "core" and not apps.is_installed(name):
                continue
            try:
                module = import_module(f"demo.content.{name}")
            except ModuleNotFoundError:
                continue
            with transaction.atomic():
                module.load()
            self.stdout.write(f"Demo content loaded: {name}")
        # The team's role, once every app's content (and the site's root page) exists.
        roles.ensure_editors_group()
        roles.name_default_workflow_in_french()
