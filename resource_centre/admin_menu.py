"""The suite's one top-level admin menu, "Centre de ressources", which each installed app fills.

An app's viewset group sets ``menu_hook = MENU_HOOK`` (Wagtail's own registration, aimed at this
menu rather than the main one); the group's submenu lists its records and then its tools.
"""

from django.urls import reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

MENU_HOOK = "register_resource_centre_menu_item"
MENU_NAME = "resource-centre"


def suite_menu_item(label, icon_name, order):
    """The top-level entry; hidden when none of its items is shown to the user."""
    return SubmenuMenuItem(
        label, Menu(register_hook_name=MENU_HOOK), icon_name=icon_name, name=MENU_NAME, order=order
    )


class ToolMenuItem(MenuItem):
    """An admin view of the suite in a group's submenu, shown to who may use it."""

    def __init__(self, label, url_name, permissions, name, **kwargs):
        self.url_name = url_name
        self.permissions = permissions  # the same as the view checks
        # A fixed name: one slugified from the label would change with the admin's language.
        super().__init__(label, "", name=name, **kwargs)

    def is_shown(self, request):
        return request.user.has_perms(self.permissions)

    def render_component(self, request):
        self.url = reverse(self.url_name)
        return super().render_component(request)


class SuiteGroupMixin:
    """For a ViewSetGroup of the suite: in the suite's menu, its viewsets then its `tools()`."""

    menu_hook = MENU_HOOK

    def tools(self):
        return []

    def get_submenu_items(self):
        items = super().get_submenu_items()
        for offset, tool in enumerate(self.tools(), start=len(items) + 1):
            tool.order = offset
            items.append(tool)
        return items
