"""What the lettre holds on a person: their subscriber record (deliveries go with it)."""

from django.utils.translation import gettext_lazy as _

from resource_centre.rgpd import PersonalData

from .models import Subscriber


class SubscriberData(PersonalData):
    label = _("Newsletter")

    def _subscribers(self, email):
        return Subscriber.objects.filter(email__iexact=email)

    def find(self, email):
        return [
            (
                _("Subscriber: %(email)s") % {"email": s.email},
                {
                    "email": s.email,
                    "name": s.name,
                    "organisation": s.structure,
                    "job": s.fonction,
                    "status": s.status,
                    "newsletters": [p.name for p in s.publications.all()],
                    "consent_given_on": s.consent_at,
                    "consent_ip": s.consent_ip,
                    "consent_source": s.consent_source,
                    "created_at": s.created_at,
                },
            )
            for s in self._subscribers(email).prefetch_related("publications")
        ]

    def erase(self, email):
        for subscriber in self._subscribers(email):
            subscriber.erase()
