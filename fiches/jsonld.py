"""schema.org description of a fiche, as JSON-LD safe to put in a <script>."""

from django.utils.html import strip_tags
from django.utils.translation import gettext

from resource_centre.compat import search_description
from resource_centre.jsonld import json_ld


def fiche_jsonld(fiche, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": fiche.title,
        "url": fiche.get_full_url(request) if fiche.pk and fiche.live else None,
        "description": fiche.chapo or search_description(fiche) or None,
        "inLanguage": "fr",
        "datePublished": fiche.first_published_at.isoformat() if fiche.first_published_at else None,
        "dateModified": fiche.last_published_at.isoformat() if fiche.last_published_at else None,
        "articleSection": gettext("Experience sheet"),
    }
    if fiche.porteur_name:
        data["sourceOrganization"] = {"@type": "Organization", "name": fiche.porteur_name}
        if fiche.porteur_url:
            data["sourceOrganization"]["url"] = fiche.porteur_url
    if fiche.pk:
        places = [t.name for t in fiche.territoires.all()]
        if places:
            data["spatialCoverage"] = [{"@type": "Place", "name": name} for name in places]
        keywords = [t.name for t in fiche.thematiques.all()]
        if keywords:
            data["keywords"] = ", ".join(keywords)
        audiences = [p.name for p in fiche.publics.all()]
        if audiences:
            data["audience"] = [{"@type": "Audience", "audienceType": a} for a in audiences]
    if fiche.start_date:
        data["temporalCoverage"] = (
            f"{fiche.start_date.isoformat()}/"
            f"{fiche.end_date.isoformat() if fiche.end_date else '..'}"
        )
    if fiche.objectifs:
        data["abstract"] = " ".join(strip_tags(fiche.objectifs).split())
    data = {key: value for key, value in data.items() if value is not None}
    return json_ld(data)
