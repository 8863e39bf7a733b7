"""Removing a person for good (RGPD): their entry, their proposals, and every admin log entry
or revision that names them."""

from django.db import transaction

from resource_centre.rgpd import erase


@transaction.atomic
def erase_person(person):
    # A proposal is labelled with the person's name in the admin history: erase it first.
    for change in person.change_requests.all():
        erase(change)
    erase(person)
