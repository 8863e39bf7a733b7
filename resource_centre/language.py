"""Which language the suite speaks: that of the page's locale, never a setting the host must change.

A French centre's pages are in the French locale, so they render in French whatever the host's
LANGUAGE_CODE; a page of an English tree renders in English. Views that belong to no page (site
search, legal notice, the lettre's subscription pages) speak the language of the site's home page,
and so do the e-mails sent from a page (a fiche's validation link, a lettre).
"""

import functools
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation


def _supported(code):
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def french_content_language():
    """The site's French content language code ("fr", "fr-fr"…), or None when French is not one
    (WAGTAIL_CONTENT_LANGUAGES, or by default LANGUAGE_CODE alone): then no page can be French."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        code = get_supported_content_language_variant("fr")
    except LookupError:
        return None
    return code if code.split("-")[0] == "fr" else None


def of_page(page):
    """The language of the page's locale, among the site's LANGUAGES."""
    locale = getattr(page, "locale", None)
    return _supported(locale.language_code) if locale is not None else settings.LANGUAGE_CODE


def of_site(site):
    """The language of the site's home page (the default site's when `site` is None)."""
    from wagtail.models import Site

    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return of_page(site.root_page) if site else settings.LANGUAGE_CODE


@contextmanager
def speaking(language):
    """Render (and translate) in `language`; the response says so in Content-Language."""
    with translation.override(language):
        yield language


def rendered(response, language):
    """A lazy TemplateResponse rendered now, while `language` is active."""
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if hasattr(response, "headers"):
        response.headers.setdefault("Content-Language", language)
    return response


def in_page_language(serve):
    """Decorate a page's serve method: it speaks the language of the page (once, if decorated
    again by a subclass)."""
    if getattr(serve, "speaks_page_language", False):
        return serve

    @functools.wraps(serve)
    def wrapper(page, request, *args, **kwargs):
        with speaking(of_page(page)) as language:
            return rendered(serve(page, request, *args, **kwargs), language)

    wrapper.speaks_page_language = True
    return wrapper


def in_site_language(view):
    """Decorate a view that belongs to no page: it speaks the language of the request's site."""
    from wagtail.models import Site

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with speaking(of_site(Site.find_for_request(request))) as language:
            return rendered(view(request, *args, **kwargs), language)

    return wrapper
