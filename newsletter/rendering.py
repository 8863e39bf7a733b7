"""The e-mail of a lettre: MJML rendered once per send, then personalised per recipient by plain
string substitution of a few placeholders (never by rendering MJML again)."""

import re
from dataclasses import dataclass

import mjml
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Site

from resource_centre import language
from resource_centre.models import CentreSettings
from resource_centre.site import admin_url

from . import automatic, conf, links
from .text import html_to_text

# Per-recipient values, substituted into the rendered HTML and text.
PLACEHOLDERS = {
    "greeting": "[[rc:greeting]]",
    "email": "[[rc:email]]",
    "unsubscribe_url": "[[rc:unsubscribe_url]]",
    "preferences_url": "[[rc:preferences_url]]",
    # The list this copy was sent for: a send to several lists names each reader's own.
    "list_name": "[[rc:list_name]]",
}
_PLACEHOLDER_RE = re.compile(r"\[\[rc:(" + "|".join(PLACEHOLDERS) + r")\]\]")
_RELATIVE_URL_RE = re.compile(r'((?:href|src)=")/(?!/)')
# Line breaks between block tags, where whitespace means nothing: with every line under the SMTP
# limit of 998 characters the HTML part travels as 8bit, not quoted-printable (cheaper per message).
_BLOCK_BOUNDARY_RE = re.compile(
    r">[ \t]*(?=</?(?:table|tbody|thead|tr|td|th|div|p|h[1-6]|ul|ol|li|style|head|body|meta|title|link|center|section|!--|!\[))",
    re.IGNORECASE,
)


class MjmlError(Exception):
    """The MJML template of a publication cannot be rendered (message in French)."""


@dataclass
class RenderedEmail:
    subject: str
    html: str
    text: str

    def __post_init__(self):
        # Split once at the placeholders: each copy is then a join, not a search.
        self._html_parts = _PLACEHOLDER_RE.split(self.html)
        self._text_parts = _PLACEHOLDER_RE.split(self.text)

    @staticmethod
    def _join(parts, values):
        out = parts[:]
        for index in range(1, len(out), 2):
            out[index] = values[out[index]]
        return "".join(out)

    def personalise_html(self, values):
        return self._join(self._html_parts, {key: escape(value) for key, value in values.items()})

    def personalise_text(self, values):
        return self._join(self._text_parts, values)

    @staticmethod
    def sample_values(list_name=""):
        """A copy for no reader (a test send, the editor's preview): its links lead to the page
        where any reader asks for their own links, rather than nowhere."""
        manage = links.absolute(reverse("newsletter:manage_link"))
        return {
            "greeting": _("Hello,"),
            "email": "lectrice@example.org",
            "unsubscribe_url": manage,
            "preferences_url": manage,
            "list_name": list_name,
        }


def greeting(name):
    return _("Hello %(name)s,") % {"name": name} if name else _("Hello,")


def _site_for(page):
    return page.get_site() or Site.objects.filter(is_default_site=True).first()


def _block_items(child, lettre, preview):
    """An automatic block shows its stored items; in a preview, what it would be filled with."""
    items = list(child.value.get("items") or [])
    if not items and preview:
        items = automatic.items_for(child.value, lettre=lettre)
    return items


def _web_url(lettre, preview):
    """Where the lettre is read online. The test and preview of a lettre not published as it is
    (never, or changed since) point to its draft in the admin, which those who test it open."""
    if preview and lettre.pk and (not lettre.live or lettre.has_unpublished_changes):
        return admin_url(reverse("wagtailadmin_pages:view_draft", args=[lettre.pk]))
    return lettre.full_url or ""


def render_lettre(lettre, preview=False):
    """Render the lettre's e-mail once: (subject, html with placeholders, text with placeholders),
    in the language of the lettre's locale, whoever (editor, worker) renders it."""
    with language.speaking(language.of_page(lettre)):
        return _render_lettre(lettre, preview)


def _render_lettre(lettre, preview):
    publication = lettre.publication
    site = _site_for(lettre)
    centre = CentreSettings.for_site(site) if site else CentreSettings()
    base_url = conf.base_url()
    context = {
        "lettre": lettre,
        "publication": publication,
        "centre": centre,
        "base_url": base_url,
        "web_url": _web_url(lettre, preview),
        "ph": PLACEHOLDERS,
        # Strings of the MJML templates live here: makemessages does not read .mjml files.
        "labels": {"cant_read": _("Can't read this e-mail?"), "read_online": _("Read it online")},
        "primary": centre.primary_colour or "#1d4f91",
        "accent": centre.accent_colour or "#c2410c",
    }
    if centre.logo_id:
        context["logo_url"] = centre.logo.get_rendition("height-80").full_url
    blocks, text_parts = [], []
    for child in lettre.body:
        block_context = dict(context, value=child.value, block_type=child.block_type)
        if child.block_type == "automatic":
            block_context["items"] = _block_items(child, lettre, preview)
        blocks.append(
            render_to_string(f"newsletter/email/blocks/{child.block_type}.mjml", block_context)
        )
        web_html = render_to_string(f"newsletter/blocks/{child.block_type}.html", block_context)
        text_parts.append(html_to_text(web_html))
    context["blocks"] = blocks
    try:
        source = render_to_string(publication.template_name, context)
    except (TemplateDoesNotExist, TemplateSyntaxError) as error:
        raise MjmlError(
            _("The e-mail template “%(name)s” cannot be used: %(error)s")
            % {"name": publication.template_name, "error": error}
        ) from error
    try:
        html = mjml.mjml2html(source, disable_comments=True)
    except (ValueError, RuntimeError) as error:
        raise MjmlError(
            _("The MJML template “%(name)s” has an error: %(error)s")
            % {"name": publication.template_name, "error": error}
        ) from error
    if not html.lstrip().lower().startswith("<!doctype"):
        raise MjmlError(
            _("The MJML template “%(name)s” did not produce an HTML document.")
            % {"name": publication.template_name}
        )
    html = _RELATIVE_URL_RE.sub(lambda m: m.group(1) + base_url + "/", html)
    html = _BLOCK_BOUNDARY_RE.sub(">\n", html)
    context["blocks_text"] = text_parts
    text = render_to_string("newsletter/email/lettre.txt", context)
    text = _RELATIVE_URL_RE.sub(lambda m: m.group(1) + base_url + "/", text)
    return RenderedEmail(subject=lettre.email_subject, html=html, text=text.strip() + "\n")
