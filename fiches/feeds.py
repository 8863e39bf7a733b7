"""RSS and Atom feeds of the newest published fiches."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import conf
from .exports import centre_slug


class FichesRssFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

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

    def item_description(self, item):
        return item.chapo

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"{centre_slug(self.request)}--{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.porteur_name or None


class FichesAtomFeed(FichesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
