"""The bilan d'activité: the centre's yearly activity report, computed from its own records.

The core owns the period, the page, the charts and the exports; each installed feature app
contributes its section through the ``register_bilan_section`` Wagtail hook, so the bilan works
with any subset of apps.
"""

HOOK = "register_bilan_section"
PERMISSION = "resource_centre.view_bilan"


def get_sections():
    """The sections the installed apps registered, in their order."""
    from wagtail import hooks

    sections = [fn() for fn in hooks.get_hooks(HOOK)]
    return sorted((s for s in sections if s is not None), key=lambda s: (s.order, s.key))
