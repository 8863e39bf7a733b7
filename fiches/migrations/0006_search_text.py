from django.db import migrations, models


def fill(apps, schema_editor):
    """Write the search text of the fiches already there. It is read from each fiche's searched
    fields (fiches/search.py), which only the current model declares, hence the model itself
    rather than the historical one; a migration that only fills a column, elided by a squash."""
    from fiches.models import FichePage
    from fiches.search import refresh

    if apps.get_model("fiches", "FichePage").objects.exists():
        # (On a new site, the current model's columns may not all exist yet.)
        refresh(FichePage.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("fiches", "0005_structure_block_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="fichepage",
            name="search_text",
            field=models.TextField(default="", editable=False, serialize=False),
        ),
        migrations.AlterField(
            model_name="fichepage",
            name="start_date",
            field=models.DateField(blank=True, db_index=True, null=True, verbose_name="start"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
