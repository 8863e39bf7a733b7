"""The base of the suite's RSS and Atom feeds: the newest pages below one index page.

Each feature app's index routes a feed (RoutablePageMixin) and subclasses `IndexPageFeed` for
what differs: the title, the items, the categories.
"""

from django.contrib.syndication.views import Feed


class IndexPageFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request  # for absolute URLs on the right site
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.index_page.get_full_url(self.request)

    def item_description(self, item):
        return item.chapo

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
