"""Shared by the feature apps' ``setup`` modules (``manage.py setup_resource_centre``)."""

from django.utils.text import slugify


def create_missing(model, rows):
    """Create each row (a dict of fields, with "name") whose slug the model does not have yet,
    so that a centre's own spelling of a term ("Petit déjeuner") is kept; returns how many."""
    max_length = model._meta.get_field("slug").max_length
    existing = set(model.objects.values_list("slug", flat=True))
    missing = [row for row in rows if slugify(row["name"])[:max_length] not in existing]
    for row in missing:
        model.objects.create(slug=slugify(row["name"])[:max_length], **row)
    return len(missing)
