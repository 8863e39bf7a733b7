"""The suite's layout pieces, one tag each, for its own base and for a host's (README, "Layout")."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Site

from .. import dates, generations, layout
from ..compat import in_menu

register = template.Library()

DEFAULT_COLOURS = {"primary_colour": "#1d4f91", "accent_colour": "#c2410c"}


def _centre(context):
    """The centre's settings, cached on the request as the layout's own {% get_settings %}."""
    from ..models import CentreSettings

    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return CentreSettings.for_request(request)


@register.simple_tag(takes_context=True)
def resource_centre_assets(context):
    """The suite's stylesheet and the centre's colours, once per page wherever they are placed."""
    request = context.get("request")
    if request is not None:
        if getattr(request, "_resource_centre_assets", False):
            return ""
        request._resource_centre_assets = True
    centre = _centre(context)
    colours = {
        name: (centre and getattr(centre, name)) or default
        for name, default in DEFAULT_COLOURS.items()
    }
    return format_html(
        '<link rel="stylesheet" href="{}">'
        "<style>:root {{ --rc-primary: {}; --rc-accent: {}; }}</style>",
        static("resource_centre/css/site.css"),
        colours["primary_colour"],
        colours["accent_colour"],
    )


def _menu_pages(request, site):
    """(path, title, url) of the site's top-level pages shown in menus, kept until a page, a
    view restriction or a site changes (resource_centre/apps.py): reading them scans every
    descendant of the root on the page tree's index, 10,000 events included."""

    def read():
        pages = in_menu(site.root_page.get_children().live().public())
        return [(page.path, page.title, page.get_url(request)) for page in pages]

    return generations.Kept("pages").get(f"menu:{site.pk}", read)


@register.inclusion_tag("resource_centre/includes/menu.html", takes_context=True)
def site_menu(context):
    """The site's top-level pages shown in menus, the current one's section marked."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current_path = getattr(context.get("page"), "path", "")
    return {
        "items": [
            (title, url, bool(current_path) and current_path.startswith(path))
            for path, title, url in (_menu_pages(request, site) if site else [])
        ],
    }


@register.inclusion_tag("resource_centre/includes/search_form.html", takes_context=True)
def resource_centre_search_form(context, field_id="rc-search-q"):
    """The site search box."""
    return {"query": context.get("search_query", ""), "field_id": field_id}


@register.inclusion_tag("resource_centre/includes/messages.html", takes_context=True)
def resource_centre_messages(context):
    """Django's messages (a registration confirmed, a subscription sent…)."""
    return {"messages": context.get("messages")}


@register.inclusion_tag("resource_centre/includes/legal_link.html")
def resource_centre_legal_link():
    """The link to the legal notice and personal-data page (RGPD)."""
    return {}


@register.inclusion_tag("resource_centre/includes/layout_parts.html", takes_context=True)
def resource_centre_layout_parts(context, where, parts):
    """What the suite adds above (`top`) or below (`bottom`) its content in a host's layout."""
    wanted = set(parts.split(",")) & set(layout.PARTS)
    shared = {name: context.get(name) for name in ("request", "page", "messages", "search_query")}
    return {**shared, "where": where, "parts": wanted}


@register.filter(expects_localtime=True, is_safe=False)
def french_date(value, fmt):
    """Django's `date` filter, with « 1er » for the first of the month (resource_centre/dates.py)."""
    return dates.french_date(value, fmt)


@register.filter
def highlight(text, query):
    """`{{ text|highlight:search_query }}`: an excerpt with the visitor's words marked."""
    from ..highlight import highlight as excerpt

    return excerpt(text, query)


CHOICES_SHOWN = 6  # a longer group of checkboxes shows its first ones, the rest behind "Show more"


@register.filter
def choice_groups(field):
    """A choice field's options as {shown, more, more_checked}: all of them when they are few;
    else the first CHOICES_SHOWN and the rest to fold, unfolded when one of them is checked."""
    choices = list(field)
    if len(choices) <= CHOICES_SHOWN + 2:  # folding one or two options saves no room
        return {"shown": choices, "more": [], "more_checked": False}
    more = choices[CHOICES_SHOWN:]
    checked = any(choice.data.get("selected") for choice in more)
    return {"shown": choices[:CHOICES_SHOWN], "more": more, "more_checked": checked}


@register.filter
def choice_inputs(choices):
    """Each option's checkbox or radio and its label, written in one pass: a template loop
    rendered eight variables per option and was a third of a filtered listing's time."""
    return format_html_join(
        "",
        '<div class="rc-choice"><input type="{}" name="{}" value="{}" id="{}"{}>'
        '<label for="{}">{}</label></div>',
        (
            (
                c.data["type"],
                c.data["name"],
                c.data["value"],
                c.id_for_label,
                mark_safe(" checked") if c.data["selected"] else "",
                c.id_for_label,
                c.choice_label,
            )
            for c in choices
        ),
    )
