"""Pages of the suite's listings: `page_of` (counted: "page 3 of 12") and `UncountedPage` (the
agenda's "next" and "previous" only).

Their rows are wide (a page's columns and their joins) and their order may be computed (a
search's relevance): then the database sorts the keys of every match, and the rows of one page
only are read after, instead of joining and sorting every matching row whole (PostgreSQL spent
20 ms sorting 5,000 fiches for 12)."""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils.translation import gettext as _

# Past this page, the page number is checked against the count first: an offset computed from a
# number of 20 digits would not fit the database's integers.
MAX_PAGE = 10_000


def _number(raw):
    """The page number in the URL as Paginator.get_page reads it: missing or garbage is 1."""
    try:
        return int(str(raw)) if raw is not None else 1
    except ValueError:
        return 1


def _asked(raw):
    """The page number, or None when below 1 or past MAX_PAGE (get_page turns it into the last
    page, so it needs the count first)."""
    number = _number(raw)
    return number if 1 <= number <= MAX_PAGE else None


def computed_order(queryset):
    """Whether `queryset` is ordered by an annotation (a search's relevance): the database then
    computes every match's columns before sorting them, unless only the keys are asked for."""
    return any(
        str(field).lstrip("-") in queryset.query.annotations for field in queryset.query.order_by
    )


def page_of(queryset, number, per_page, count=None):
    """Page `number` (as given in the URL: garbage gives the first page, too far the last) of
    `queryset`, in its order: a count and its keys, then its rows with what `queryset`
    prefetches. `count`, when the caller knows it (the ids it filtered by), spares counting.

    When the order is computed, the database sorts every match anyway, so the count comes with
    the keys (a window count) instead of from a second pass over the matches (5 ms of 14 for a
    word in 5,000 fiches on PostgreSQL). An order an index gives stops at the page's last row: a
    separate count is cheaper there, and so is a known one: the window holds every match's row
    until the end (33 ms of 56 for a word in 50,000 people on SQLite)."""
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    if count is not None:
        paginator.count = count
    asked = _asked(number)
    if count is None and asked is not None and computed_order(queryset):
        start = (asked - 1) * per_page
        counted = list(
            queryset.annotate(_matches=Window(Count("pk"))).values_list("pk", "_matches")[
                start : start + per_page
            ]
        )
        if counted or asked == 1:
            paginator.count = counted[0][1] if counted else 0
            page = get_page(paginator, number)  # page `asked`, noticed as the URL gave it
            page.object_list = rows_of(queryset, [pk for pk, _n in counted])
            return page
    # An order an index gives, or a page out of range: Paginator counts, then reads the keys.
    page = get_page(paginator, number)
    page.object_list = rows_of(queryset, list(page.object_list))
    return page


def get_page(paginator, number):
    """`paginator.get_page(number)` (`number` from the URL: garbage gives the first page, past
    the end or below 1 the last), with a `notice` in French when the number was not one of its
    pages, for the listing to say what it shows instead (includes/page_notice.html), as the
    agenda says it has no séance on such a page."""
    page = paginator.get_page(number)
    page.notice = ""
    if number in (None, "") or not page.paginator.count:
        return page
    try:
        asked = int(str(number))
    except ValueError:
        page.notice = _("The page number in the address is not valid: here is the first page.")
    else:
        if asked != page.number:
            page.notice = _(
                "The page you asked for does not exist: here is the last one (page %(last)s)."
            ) % {"last": page.number}
    return page


def rows_of(queryset, keys):
    """The rows of `queryset` whose keys are `keys`, in that order, with what it prefetches."""
    rows = queryset.in_bulk(keys) if keys else {}
    return [rows[key] for key in keys if key in rows]


class UncountedPage:
    """A page of results that knows whether more follow, without counting them all.

    Counting every upcoming séance costs a scan that grows with the agenda; fetching one row more
    than the page shows is enough for "next page" links, so the page costs the same at any size.
    Ordered by relevance, the keys are sorted first and the page's rows read after: SQLite
    computed the seats taken of each of 5,300 séances matching « atelier » before sorting them.
    """

    def __init__(self, queryset, number, per_page):
        self.number = min(max(_number(number), 1), MAX_PAGE)
        self.per_page = per_page
        offset = (self.number - 1) * per_page
        window = slice(offset, offset + per_page + 1)
        if computed_order(queryset):
            rows = rows_of(queryset, list(queryset.values_list("pk", flat=True)[window]))
        else:
            rows = list(queryset[window])
        self.object_list = rows[:per_page]
        self.has_next = len(rows) > per_page
        self.has_previous = self.number > 1
        self.start_index = offset + 1
        self.end_index = offset + len(self.object_list)

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1
