from django.db import migrations


def with_themes(apps, schema_editor):
    """Rewrite the search text of existing events with the names of their thématiques, which the
    keyword box now searches (agenda/search.py)."""
    from agenda.search import event_text

    EventPage = apps.get_model("agenda", "EventPage")
    events = list(EventPage.objects.select_related("format").prefetch_related("thematiques"))
    for event in events:
        event.search_text = event_text(event)
    EventPage.objects.bulk_update(events, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0012_venue_protected"),
    ]

    operations = [
        migrations.RunPython(with_themes, migrations.RunPython.noop, elidable=True),
    ]
