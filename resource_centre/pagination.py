"""A page of a listing whose rows are wide (a page's columns and their joins) and whose order is
computed (a search's relevance): the database sorts the keys of every match, then reads the rows
of one page only, instead of joining and sorting every matching row whole (PostgreSQL spent 20 ms
sorting 5,000 fiches for 12)."""

from django.core.paginator import Paginator


def page_of(queryset, number, per_page):
    """Page `number` (as given in the URL: garbage gives the first page, too far the last) of
    `queryset`, in its order: a count, its keys, then its rows with what `queryset` prefetches."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    keys = list(page.object_list)
    rows = queryset.in_bulk(keys) if keys else {}
    page.object_list = [rows[key] for key in keys if key in rows]
    return page
