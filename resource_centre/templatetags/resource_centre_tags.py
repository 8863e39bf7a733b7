from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("resource_centre/includes/menu.html", takes_context=True)
def site_menu(context):
    """The site's top-level pages shown in menus, in one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = site.root_page.get_children().live().in_menu().public() if site else []
    current_path = getattr(context.get("page"), "path", "")
    return {
        "items": [
            (item, bool(current_path) and current_path.startswith(item.path)) for item in items
        ],
        "request": request,
    }
