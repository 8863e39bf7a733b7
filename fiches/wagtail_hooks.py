"""Admin of the fiches: the editable list of porteur types."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PorteurType


class PorteurTypeViewSet(SnippetViewSet):
    model = PorteurType
    icon = "group"
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "slug"]
    ordering = ["name"]
    add_to_admin_menu = False


register_snippet(PorteurTypeViewSet)
