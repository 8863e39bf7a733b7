"""schema.org Event JSON-LD of an event page: one Event per séance, as Google's rules expect."""

import datetime

from resource_centre.jsonld import json_ld
from resource_centre.site import centre_name

STATUS = {
    "planned": "https://schema.org/EventScheduled",
    "full": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventRescheduled",
}


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else None


def _location(seance, url):
    if seance.venue:
        venue = seance.venue
        place = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "postalCode": venue.postcode,
                "addressLocality": venue.city,
                "addressCountry": "FR",
            },
        }
        if venue.latitude is not None and venue.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        if seance.online:
            return [place, {"@type": "VirtualLocation", "url": url}]
        return place
    # The meeting link is for registrants only: the public location is the event page.
    return {"@type": "VirtualLocation", "url": url}


def _attendance_mode(seance):
    if seance.online and seance.venue:
        return "https://schema.org/MixedEventAttendanceMode"
    if seance.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def seance_jsonld(event, seance, url, organizer):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{event.title} – {seance.title}" if seance.title else event.title,
        "url": url,
        "startDate": _iso(seance.start),
        "eventStatus": STATUS.get(seance.status, STATUS["planned"]),
        "eventAttendanceMode": _attendance_mode(seance),
        "location": _location(seance, url),
        "organizer": organizer,
    }
    if seance.end:
        data["endDate"] = _iso(seance.end)
    if seance.status == "postponed":
        data["previousStartDate"] = _iso(seance.original_start)
    if event.chapo:
        data["description"] = event.chapo
    if event.intervenants.strip():
        data["performer"] = [{"@type": "Person", "name": n} for n in event.lines("intervenants")]
    if event.is_free or event.registration_url:
        offer = {
            "@type": "Offer",
            "url": event.registration_url or url,
            "availability": "https://schema.org/SoldOut"
            if seance.is_full
            else "https://schema.org/InStock",
        }
        if event.is_free:
            offer.update(price=0, priceCurrency="EUR")
        if event.first_published_at:
            offer["validFrom"] = event.first_published_at.isoformat()
        data["offers"] = offer
    return data


def event_jsonld(event, seances, request):
    url = event.get_full_url(request)
    organizer = {
        "@type": "Organization",
        "name": centre_name(request=request),
        "url": _home(request),
    }
    items = [seance_jsonld(event, seance, url, organizer) for seance in seances]
    if not items:
        return ""
    return json_ld(items if len(items) > 1 else items[0])


def _home(request):
    return request.build_absolute_uri("/")
