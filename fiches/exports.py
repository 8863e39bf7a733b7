"""What the exports say about a fiche: only published content, contact only with consent. Dates
stay dates: the core writer (resource_centre/exports.py) writes them in ISO 8601."""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import conf

# (key, label): the keys name the values in JSON, which the network's tools read; the labels
# head the CSV and XLSX columns, for people, as in every export of the suite.
COLUMNS = [
    ("id", _("Identifier")),
    ("url", _("Page")),
    ("title", _("Title")),
    ("summary", pgettext_lazy("resource centre", "Summary")),
    ("project_holder", _("Project holder")),
    ("project_holder_type", _("Type of project holder")),
    ("territories", _("Territories")),
    ("territory_codes", _("Territory codes")),
    ("themes", _("Themes")),
    ("audiences", _("Audiences")),
    ("start_date", _("Start date")),
    ("end_date", _("End date")),
    ("ongoing", _("Ongoing")),
    ("context", _("Context")),
    ("objectives", _("Objectives")),
    ("actions", _("Actions")),
    ("budget", _("Budget")),
    ("funders", _("Funders")),
    ("partners", _("Partners")),
    ("results", _("Results")),
    ("strengths", _("Strengths")),
    ("difficulties", _("Difficulties")),
    ("advice", _("Advice")),
    ("validated_by_project_holder_on", _("Validated by the project holder on")),
    ("contact_name", _("Contact name")),
    ("contact_position", _("Contact's position")),
    ("contact_email", _("Contact e-mail")),
    ("contact_phone", _("Contact phone")),
    ("first_published_at", _("First published at")),
    ("last_published_at", pgettext_lazy("resource centre", "Last published at")),
]


def centre_slug(request):
    slug = conf.get("FICHES_CENTRE_SLUG")
    if slug:
        return slug
    from wagtail.models import Site

    from resource_centre.site import centre_name

    site = Site.find_for_request(request)
    return slugify(centre_name(request=request) or (site.hostname if site else "")) or "centre"


def _text(html):
    return " ".join(strip_tags(html or "").split())


def fiche_record(fiche, centre, request):
    consent = fiche.contact_consent
    return {
        "id": f"{centre}--{fiche.pk}",
        "url": fiche.get_full_url(request),
        "title": fiche.title,
        "summary": fiche.chapo,
        "project_holder": fiche.porteur_name,
        "project_holder_type": fiche.porteur_type.name if fiche.porteur_type else "",
        "territories": [t.name for t in fiche.territoires.all()],
        "territory_codes": [t.code for t in fiche.territoires.all() if t.code],
        "themes": [t.name for t in fiche.thematiques.all()],
        "audiences": [p.name for p in fiche.publics.all()],
        "start_date": fiche.start_date,
        "end_date": fiche.end_date,
        "ongoing": fiche.ongoing,
        "context": _text(fiche.contexte),
        "objectives": _text(fiche.objectifs),
        "actions": _text(fiche.deroulement),
        "budget": fiche.budget,
        "funders": fiche.financeurs,
        "partners": fiche.partenaires,
        "results": _text(fiche.resultats),
        "strengths": _text(fiche.points_forts),
        "difficulties": _text(fiche.difficultes),
        "advice": _text(fiche.conseils),
        "validated_by_project_holder_on": (
            timezone.localdate(fiche.validated_on()) if fiche.validated_on() else None
        ),
        "contact_name": fiche.contact_name if consent else "",
        "contact_position": fiche.contact_function if consent else "",
        "contact_email": fiche.contact_email if consent else "",
        "contact_phone": fiche.contact_phone if consent else "",
        "first_published_at": fiche.first_published_at,
        "last_published_at": fiche.last_published_at,
    }
