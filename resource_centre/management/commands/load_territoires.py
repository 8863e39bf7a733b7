"""Load the reference territoires (régions, départements, EPCI, communes) with their official codes.

Safe to run again: nodes are matched on (level, official code) and updated in place.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from resource_centre.models import Territoire

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "territoires.json"


def load_territoires(path=DEFAULT_FILE):
    """Create or update every node of the file; return (created, updated) counts."""
    nodes = json.loads(Path(path).read_text(encoding="utf-8"))["territoires"]
    created = updated = 0
    known = {(t.kind, t.code): t for t in Territoire.objects.exclude(code="")}
    with transaction.atomic():
        for node in nodes:
            parent = None
            if node.get("parent"):
                parent = known.get(tuple(node["parent"]))
                if parent is None:
                    raise CommandError(f"Unknown parent {node['parent']} for {node['name']}")
            key = (node["kind"], node["code"])
            territoire = known.get(key)
            values = {
                "name": node["name"],
                "parent": parent,
                "alternative_names": node.get("alternative_names", ""),
            }
            if territoire is None:
                territoire = Territoire(kind=node["kind"], code=node["code"], **values)
                territoire.full_clean()
                territoire.save()
                known[key] = territoire
                created += 1
            elif any(getattr(territoire, f) != v for f, v in values.items()):
                for field, value in values.items():
                    setattr(territoire, field, value)
                territoire.full_clean()
                territoire.save()
                updated += 1
    return created, updated


class Command(BaseCommand):
    help = "Load the reference territoires with their official codes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT_FILE), help="JSON file to load")

    def handle(self, *args, file, **options):
        created, updated = load_territoires(file)
        self.stdout.write(f"Territoires: {created} created, {updated} updated.")
