"""What the annuaire holds on a person: their entry, and proposals naming their address."""

from django.utils.translation import gettext_lazy as _

from resource_centre.rgpd import PersonalData, erase, names

from .admin_views.personal_data import person_record
from .erasure import erase_person
from .models import ChangeRequest, Person


class PersonData(PersonalData):
    label = _("Directory")

    def _people(self, email):
        return Person.objects.filter(email__iexact=email)

    def _proposals(self, email):
        # Proposals sent from another entry's link may carry the address too.
        candidates = ChangeRequest.objects.filter(proposed__icontains=email)
        return [c for c in candidates if names(email, c.proposed)]

    def find(self, email):
        records = [(str(person), person_record(person)) for person in self._people(email)]
        records += [
            (_("Proposed change of %(date)s") % {"date": c.created_at.date()}, c.proposed)
            for c in self._proposals(email)
        ]
        return records

    def erase(self, email):
        for person in self._people(email):
            erase_person(person)
        for change in self._proposals(email):
            erase(change)
