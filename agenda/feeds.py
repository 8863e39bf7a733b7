"""RSS and Atom feeds of the agenda's newest events (django.contrib.syndication)."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from resource_centre.feeds import IndexPageFeed

from . import conf
from .models import EventPage


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
        return f"{item.format.name} : {item.title}" if item.format else item.title

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_categories(self, item):
        return [item.format.name] if item.format else []


class NewEventsAtomFeed(NewEventsFeed):
    feed_type = Atom1Feed
    subtitle = NewEventsFeed.description
