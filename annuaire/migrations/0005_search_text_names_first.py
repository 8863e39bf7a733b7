from django.db import migrations


def names_first(apps, schema_editor):
    """Rewrite the search text of existing entries with their names first, which the listing's
    ranking reads (annuaire/search.py)."""
    from annuaire.search import person_text, structure_text

    Structure = apps.get_model("annuaire", "Structure")
    Person = apps.get_model("annuaire", "Person")
    structures = list(Structure.objects.prefetch_related("addresses"))
    for structure in structures:
        structure.search_text = structure_text(structure)
    Structure.objects.bulk_update(structures, ["search_text"], batch_size=500)
    people = list(
        Person.objects.select_related("metier").prefetch_related("memberships__structure")
    )
    for person in people:
        person.search_text = person_text(person)
    Person.objects.bulk_update(people, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("annuaire", "0004_entries_created_and_removed"),
    ]

    operations = [
        migrations.RunPython(names_first, migrations.RunPython.noop, elidable=True),
    ]
