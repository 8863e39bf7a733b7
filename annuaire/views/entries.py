"""One page per structure and per person, with schema.org JSON-LD.

Personal contacts appear only through `Person.public_contact()`, which applies the consent rule.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from resource_centre.jsonld import json_ld as to_json

from ..filters import membership_prefetch
from ..models import Membership, Person, Structure


def json_ld(data):
    return mark_safe(f'<script type="application/ld+json">{to_json(data)}</script>')  # noqa: S308


def _absolute(request, url):
    return request.build_absolute_uri(url)


def organization_data(request, page, structure):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": structure.name,
        "url": _absolute(request, page.structure_url(structure)),
    }
    if structure.sigle:
        data["alternateName"] = structure.sigle
    if structure.description:
        data["description"] = structure.description
    if structure.website:
        data["sameAs"] = structure.website
    if structure.email:
        data["email"] = structure.email
    if structure.phone:
        data["telephone"] = structure.phone
    addresses = [
        {
            "@type": "PostalAddress",
            "streetAddress": a.street,
            "postalCode": a.postcode,
            "addressLocality": a.city,
            "addressCountry": "FR",
        }
        for a in structure.addresses.all()
    ]
    if addresses:
        data["address"] = addresses if len(addresses) > 1 else addresses[0]
    if structure.siret:
        data["taxID"] = structure.siret
    if structure.parent_id:
        data["parentOrganization"] = {
            "@type": "Organization",
            "name": structure.parent.name,
            "url": _absolute(request, page.structure_url(structure.parent)),
        }
    return data


def person_data(request, page, person):
    email, phone, personal = person.public_contact()
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.full_name,
        "givenName": person.first_name,
        "familyName": person.last_name,
        "url": _absolute(request, page.person_url(person)),
    }
    job = person.fonction or (person.metier.name if person.metier else "")
    if job:
        data["jobTitle"] = job
    works_for = [
        {
            "@type": "Organization",
            "name": s.name,
            "url": _absolute(request, page.structure_url(s)),
        }
        for s in person.structures
    ]
    if works_for:
        data["worksFor"] = works_for
    # Only a consented personal contact belongs to the person; otherwise it is the structure's.
    if personal:
        if email:
            data["email"] = email
        if phone:
            data["telephone"] = phone
    return data


def structure_detail(page, request, pk):
    structure = (
        Structure.objects.select_related("type", "parent", "logo")
        .prefetch_related("addresses", "territoires", "thematiques", "reseaux", "antennes")
        .filter(pk=pk)
        .first()
    )
    if structure is None:
        raise Http404
    members = (
        Membership.objects.filter(structure=structure)
        .select_related("person", "person__metier")
        .prefetch_related(
            *(f"person__{p}" for p in ("memberships__structure",)),
        )
        .order_by("person__last_name", "person__first_name")
    )
    context = page.get_context(request)
    context.update(
        {
            "structure": structure,
            "members": members,
            "json_ld": json_ld(organization_data(request, page, structure)),
            "entry_title": str(structure),
        }
    )
    return TemplateResponse(request, "annuaire/structure_detail.html", context)


def person_detail(page, request, pk):
    person = (
        Person.objects.select_related("metier")
        .prefetch_related(membership_prefetch(), "territoires", "thematiques", "reseaux")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    email, phone, personal = person.public_contact()
    context = page.get_context(request)
    context.update(
        {
            "person": person,
            "contact_email": email,
            "contact_phone": phone,
            "contact_is_personal": personal,
            "json_ld": json_ld(person_data(request, page, person)),
            "entry_title": person.full_name,
        }
    )
    return TemplateResponse(request, "annuaire/person_detail.html", context)
