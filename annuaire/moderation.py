"""Applying or rejecting the changes actors proposed; nothing is published before."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Address, ChangeRequest, Structure

ADDRESS_FIELDS = ("street", "postcode", "city")
STRUCTURE_FIELDS = ("name", "sigle", "description", "website", "email", "phone")
PERSON_FIELDS = ("first_name", "last_name", "fonction", "email", "phone")


def _label(entry, key):
    if key == "consent":
        return _("Consent to publish the personal contact")
    model = Address if key in ADDRESS_FIELDS else type(entry)
    return str(model._meta.get_field(key).verbose_name)


def _shown(key, value):
    if key == "consent":
        return _("given") if value else _("not given")
    return value or ""


def proposed_values(change):
    """[(field label, proposed value)] of everything the proposal holds, in the editors'
    words."""
    return [(_label(change.entry, k), _shown(k, v)) for k, v in change.proposed.items()]


def proposed_changes(change):
    """[(key, field label, current value, proposed value)] for the fields that would change."""
    entry = change.entry
    rows = []
    address = entry.addresses.first() if isinstance(entry, Structure) else None
    for key, value in change.proposed.items():
        if key == "consent":
            current, value = entry.has_consent, bool(value)
        elif key in ADDRESS_FIELDS:
            current = getattr(address, key, "") if address else ""
        else:
            current = getattr(entry, key, "")
        if _shown(key, current) != _shown(key, value):
            rows.append((key, _label(entry, key), _shown(key, current), _shown(key, value)))
    return rows


@transaction.atomic
def approve(change, user, left_out=()):
    """Publish what `change` proposes but the fields of `left_out` (keys of its `proposed`),
    which the moderator chose not to publish."""
    entry = change.entry
    today = timezone.localdate()
    allowed = STRUCTURE_FIELDS if isinstance(entry, Structure) else PERSON_FIELDS
    proposed = {k: v for k, v in change.proposed.items() if k not in left_out}
    for key, value in proposed.items():
        if key in allowed:
            setattr(entry, key, value or "")
    if isinstance(entry, Structure):
        address_values = {k: v for k, v in proposed.items() if k in ADDRESS_FIELDS}
        if any(address_values.values()):
            address = entry.addresses.first() or Address(structure=entry)
            for key, value in address_values.items():
                setattr(address, key, value or "")
            address.save()
    elif "consent" in proposed:
        if proposed["consent"] and not entry.has_consent:
            entry.consent_at = change.created_at.date()
            entry.consent_source = _("Online update form of %(date)s") % {
                "date": change.created_at.strftime("%d/%m/%Y")
            }
        elif not proposed["consent"]:
            entry.consent_at, entry.consent_source = None, ""
    entry.verified_at = today
    entry.save()
    _close(change, user, ChangeRequest.Status.APPROVED)


def reject(change, user):
    _close(change, user, ChangeRequest.Status.REJECTED)


def _close(change, user, status):
    change.status = status
    change.reviewed_at = timezone.now()
    change.reviewed_by = user if getattr(user, "pk", None) else None
    change.save(update_fields=["status", "reviewed_at", "reviewed_by"])
