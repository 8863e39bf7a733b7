from django import template

register = template.Library()


@register.filter
def lines_of(page, field):
    """The non-empty lines of a free-text field of the page (one person or partner per line)."""
    return page.lines(field)
