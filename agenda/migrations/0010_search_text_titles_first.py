from django.db import migrations


def titles_first(apps, schema_editor):
    """Rewrite the search text of existing events and séances with their titles first, which the
    listing's ranking reads (agenda/search.py)."""
    from agenda.search import event_text, seance_text

    EventPage = apps.get_model("agenda", "EventPage")
    Seance = apps.get_model("agenda", "Seance")
    events = list(EventPage.objects.select_related("format"))
    for event in events:
        event.search_text = event_text(event)
    EventPage.objects.bulk_update(events, ["search_text"], batch_size=500)
    seances = list(Seance.objects.select_related("venue"))
    for seance in seances:
        seance.search_text = seance_text(seance)
    Seance.objects.bulk_update(seances, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0009_registrations_structure_key"),
    ]

    operations = [
        migrations.RunPython(titles_first, migrations.RunPython.noop, elidable=True),
    ]
