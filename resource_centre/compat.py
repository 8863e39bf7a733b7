"""What differs between the Wagtail versions the suite supports (7.4 LTS and 8.x), in one place.

Wagtail 8 lets a site swap its base page model (``WAGTAIL_PAGE_MODEL``, through ``swapper``); 7.4
always uses ``wagtailcore.Page``. Every page foreign key of the suite points at ``PAGE_MODEL`` and
every "is this a page?" test uses ``AbstractPage``, so both work on either version.
"""

import swapper
import wagtail.models

# Wagtail names the setting WAGTAIL_PAGE_MODEL, not swapper's default WAGTAILCORE_PAGE_MODEL.
swapper.set_app_prefix("wagtailcore", "wagtail")

#: "app_label.Model" of the site's base page model, the target of every page foreign key.
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")

#: Name of the parent link of a page type to that model (``page_ptr`` unless swapped).
PAGE_PTR = swapper.split(PAGE_MODEL)[1].lower() + "_ptr"

#: What every page of the site is an instance of, swapped or not.
AbstractPage = getattr(wagtail.models, "AbstractPage", wagtail.models.Page)


def get_page_model():
    """The site's concrete base page model class (needs the app registry)."""
    return swapper.load_model("wagtailcore", "Page")


def get_page_model_for_subclassing():
    """The base page model, while model modules are still being imported."""
    if swapper.is_swapped("wagtailcore", "Page"):
        return swapper.load_model("wagtailcore", "Page", require_ready=False)
    return wagtail.models.Page


def in_menu(pages):
    """The pages shown in menus. A swapped base page model may leave out Wagtail's default
    fields (``show_in_menus``, ``seo_title``, ``search_description``): then every page is."""
    if any(field.name == "show_in_menus" for field in pages.model._meta.get_fields()):
        return pages.in_menu()
    return pages


def search_description(page):
    """The page's meta description, or "" on a base page model without the field."""
    return getattr(page, "search_description", "")


def register_permission_policy(model, policy):
    """Make `policy` the model's permission policy in Wagtail 8's registry. Returns False on 7.4,
    which has none: there the snippet viewset must carry the policy as ``permission_policy``."""
    try:
        from wagtail.permissions import register_permission_policy as register
    except ImportError:  # Wagtail 7.4
        return False
    register(model, policy)
    return True
