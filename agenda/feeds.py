"""RSS and Atom feeds of the agenda's newest events (django.contrib.syndication)."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from resource_centre.feeds import IndexPageFeed
from resource_centre.search import content_stems

from . import conf
from .models import EventPage


def event_headline(event):
    """The event's title after its format ("Petit-déjeuner : …") for feeds and calendars, where
    no layout sets the format apart; the title alone when it already starts with the format's
    first two words, as editors often write it ("Petit-déjeuner : la monoparentalité
    précaire", "Réunion du réseau des adultes-relais" for a "Réunion de réseau", "Journée
    thématique : …" for a "Journée thématique / séminaire")."""
    fmt = event.format.name if event.format_id and event.format else ""
    fmt_words = content_stems(fmt)[:2]
    if not fmt_words or content_stems(event.title)[: len(fmt_words)] == fmt_words:
        return event.title
    return _("%(format)s: %(title)s") % {"format": fmt, "title": event.title}


class NewEventsFeed(IndexPageFeed):
    def title(self):
        return _("%(agenda)s: new events") % {"agenda": self.index_page.title}

    def description(self):
        return self.index_page.intro or self.title()

    def items(self):
        return (
            EventPage.objects.live()
            .descendant_of(self.index_page)
            .select_related("format")
            .defer("body")
            .order_by("-first_published_at", "-pk")[: conf.get("AGENDA_FEED_ITEMS")]
        )

    def item_title(self, item):
        return event_headline(item)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_categories(self, item):
        return [item.format.name] if item.format else []


class NewEventsAtomFeed(NewEventsFeed):
    feed_type = Atom1Feed
    subtitle = NewEventsFeed.description
