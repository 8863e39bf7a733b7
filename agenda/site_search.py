"""The agenda's section of the site search: upcoming séances whose event or séance text holds
the visitor's words, soonest first, in three queries."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from resource_centre.dates import french_date
from resource_centre.search import matching
from resource_centre.search_sections import (
    SECTION_SIZE,
    SearchItem,
    SearchSection,
    live_index,
    more_url,
)

from .models import AgendaIndexPage, Seance

STATUS_SHOWN = {
    Seance.Status.CANCELLED: pgettext_lazy("resource centre", "Cancelled"),
    Seance.Status.POSTPONED: gettext_lazy("Postponed"),
}


def upcoming_section(request, site, query, words):
    index = live_index(request, AgendaIndexPage, site)
    if index is None:
        return None
    found = (
        index.seances()
        .upcoming(timezone.localdate())
        .filter(matching(words, "event__search_text", "search_text"))
        .chronological()
    )
    count = found.count()
    items = [
        SearchItem(
            " – ".join(t for t in (seance.event.title, seance.title) if t),
            seance.event.get_url(request),
            " · ".join(
                part
                for part in (
                    french_date(seance.effective_date, "l j F Y"),
                    seance.venue.city if seance.venue_id else "",
                    str(seance.event.format) if seance.event.format_id else "",
                    # As the agenda marks them: a cancelled séance is listed, not as planned.
                    str(STATUS_SHOWN.get(seance.status, "")),
                )
                if part
            ),
        )
        for seance in (found[:SECTION_SIZE] if count else [])
    ]
    return SearchSection(_("Upcoming séances"), count, more_url(index.url, query), items)
