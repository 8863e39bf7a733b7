from django.db import migrations


def with_themes(apps, schema_editor):
    """Rewrite the search text of existing entries with the names of their thématiques, which
    the keyword box now searches (annuaire/search.py)."""
    from annuaire.search import person_text, structure_text

    Structure = apps.get_model("annuaire", "Structure")
    Person = apps.get_model("annuaire", "Person")
    structures = list(Structure.objects.prefetch_related("addresses", "thematiques"))
    for structure in structures:
        structure.search_text = structure_text(structure)
    Structure.objects.bulk_update(structures, ["search_text"], batch_size=500)
    people = list(
        Person.objects.select_related("metier").prefetch_related(
            "memberships__structure", "thematiques"
        )
    )
    for person in people:
        person.search_text = person_text(person)
    Person.objects.bulk_update(people, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("annuaire", "0006_places_communes"),
    ]

    operations = [
        migrations.RunPython(with_themes, migrations.RunPython.noop, elidable=True),
    ]
