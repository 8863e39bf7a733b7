"""Erasing a person for good (RGPD article 17), not just hiding them.

Deleting a model instance leaves its name in Wagtail's history: every admin action logs the
object's label, and snippets with revisions keep full copies of it. `erase` removes those too.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction


def erase(instance):
    """Delete `instance` together with its admin log entries and revisions."""
    from wagtail.models import ModelLogEntry, Revision

    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    object_id = str(instance.pk)
    with transaction.atomic():
        ModelLogEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(instance),
            object_id=object_id,
        ).delete()
        instance.delete()
