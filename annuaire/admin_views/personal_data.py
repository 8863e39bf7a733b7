"""RGPD: everything the annuaire holds on one person, as a JSON file."""

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from ..models import Person


def _date(value):
    return value.isoformat() if value else None


def person_record(person):
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job": person.metier.name if person.metier else None,
        "position": person.fonction,
        "email": person.email,
        "phone": person.phone,
        "consent_given_on": _date(person.consent_at),
        "consent_source": person.consent_source,
        "structures": [
            {"structure": m.structure.name, "role": m.role}
            for m in person.memberships.select_related("structure")
        ],
        "territories": [str(t) for t in person.territoires.all()],
        "themes": [t.name for t in person.thematiques.all()],
        "networks": [r.name for r in person.reseaux.all()],
        "verified_on": _date(person.verified_at),
        "updated_at": _date(person.updated_at),
        "proposed_changes": [
            {
                "sent_at": _date(c.created_at),
                "status": c.status,
                "values": c.proposed,
                "comment": c.comment,
            }
            for c in person.change_requests.all()
        ],
    }


def export_person(request, pk):
    if not request.user.has_perm("annuaire.view_person"):
        raise PermissionDenied
    person = get_object_or_404(Person.objects.select_related("metier"), pk=pk)
    body = json.dumps(person_record(person), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="donnees-personne-{person.pk}.json"'
    return response
