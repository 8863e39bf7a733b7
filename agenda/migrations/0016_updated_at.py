"""When a venue or a format last changed, for the SEQUENCE of calendar entries (agenda/ical.py).
Existing rows start at the time of the migration: their séances' entries are taken once more by
calendar clients, which is harmless."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0015_postcode_field"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventformat",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="venue",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated at"
            ),
            preserve_default=False,
        ),
    ]
