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


IN_STOCK, SOLD_OUT = "https://schema.org/InStock", "https://schema.org/SoldOut"


def _offer(event, seance, url, state):
    """The offer Google reads for "tickets": our registration page when the site takes them."""
    if state is not None:
        offer = {
            "@type": "Offer",
            "url": url + "inscription/",
            # Not open yet: in stock from validFrom, as Google's rules put it.
            "availability": SOLD_OUT
            if seance.is_full or state in ("full", "waiting", "closed")
            else IN_STOCK,
        }
        valid_from = event.registration_opens_at or event.first_published_at
    elif event.is_free or event.registration_url:
        offer = {
            "@type": "Offer",
            "url": event.registration_url or url,
            "availability": SOLD_OUT if seance.is_full else IN_STOCK,
        }
        valid_from = event.first_published_at
    else:
        return None
    if event.is_free:
        offer.update(price=0, priceCurrency="EUR")
    if valid_from:
        offer["validFrom"] = valid_from.isoformat()
    return offer


def seance_jsonld(event, seance, url, organizer, state=None, images=()):
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
    offer = _offer(event, seance, url, state)
    if offer:
        data["offers"] = offer
    if images:
        data["image"] = list(images)
    return data


def event_jsonld(event, seances, request):
    url = event.get_full_url(request)
    organizer = {
        "@type": "Organization",
        "name": centre_name(request=request),
        "url": _home(request),
    }
    state = event.registration_state()
    images = _images(event, request)
    items = [seance_jsonld(event, s, url, organizer, state, images) for s in seances]
    if not items:
        return ""
    return json_ld(items if len(items) > 1 else items[0])


def _images(event, request):
    """Absolute URLs of the event's image in the 16:9, 4:3 and 1:1 shapes Google asks for."""
    if not event.image:
        return []
    renditions = event.image.get_renditions("fill-1200x675", "fill-1200x900", "fill-1200x1200")
    return [request.build_absolute_uri(r.url) for r in renditions.values()]


def _home(request):
    return request.build_absolute_uri("/")
