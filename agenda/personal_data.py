"""What the agenda holds on a person: their registrations."""

from django.utils.translation import gettext_lazy as _

from resource_centre.rgpd import PersonalData

from .models import Registration


class RegistrationData(PersonalData):
    label = _("Registrations to events")

    def _registrations(self, email):
        return (
            Registration.objects.filter(email__iexact=email)
            .select_related("event", "seance")
            .prefetch_related("attendances__seance")
        )

    def find(self, email):
        return [
            (
                f"{r.event.title} ({r.get_status_display()})",
                {
                    "event": r.event.title,
                    "seance": str(r.seance.effective_date) if r.seance else None,
                    "name": r.name,
                    "email": r.email,
                    "organisation": r.structure,
                    "job": r.fonction,
                    "territory": r.territoire,
                    "needs": r.needs,
                    "status": r.status,
                    "attended": r.attended,
                    # A series' séances, ticked one by one (agenda/attendance.py).
                    "attendance_per_seance": [
                        {
                            "seance": str(a.seance.effective_date),
                            "start_time": str(a.seance.start_time or ""),
                            "title": a.seance.title,
                            "present": a.present,
                        }
                        for a in r.attendances.all()
                    ],
                    "consent_given_to": r.consent_text,
                    "consent_given_on": r.consent_at,
                    "registered_at": r.created_at,
                },
            )
            for r in self._registrations(email)
        ]

    def erase(self, email):
        self._registrations(email).delete()
