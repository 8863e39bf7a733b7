"""RSS and Atom feeds of the newest published fiches."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from resource_centre.feeds import IndexPageFeed

from . import conf
from .exports import centre_slug


class FichesRssFeed(IndexPageFeed):
    def title(self):
        return self.index_page.title

    def description(self):
        return _("The newest experience sheets of %(site)s") % {"site": self.index_page.title}

    def items(self):
        return (
            self.index_page.fiches()
            .select_related("porteur_type")
            .order_by("-first_published_at", "-pk")[: conf.get("FICHES_FEED_ITEMS")]
        )

    def item_title(self, item):
        return item.title

    def item_guid(self, item):
        return f"{centre_slug(self.request)}--{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.porteur_name or None


class FichesAtomFeed(FichesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
