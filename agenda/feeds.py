"""RSS and Atom feeds of the agenda's newest events (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import conf
from .models import EventPage


class NewEventsFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(agenda)s: new events") % {"agenda": self.index_page.title}

    def link(self):
        return self.index_page.get_full_url(self.request)

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

    def item_description(self, item):
        return item.chapo

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.format.name] if item.format else []


class NewEventsAtomFeed(NewEventsFeed):
    feed_type = Atom1Feed
    subtitle = NewEventsFeed.description
