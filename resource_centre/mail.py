"""E-mails of the suite: rendered from templates in the request, sent by a background task.

The rendered message waits in an OutgoingEmail row and the task takes only its id, so the task
backend's records (the database worker in production) hold no personal data. Every message identifies the centre that sends it: without an HTML template of its
own, the text is also sent as HTML inside the centre's branded MJML layout.
"""

import datetime

import mjml
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django_tasks import task

LAYOUT = "resource_centre/emails/layout.mjml"
KEEP_UNSENT = datetime.timedelta(days=7)
DEFAULT_COLOUR = "#1d4f91"


def _render_plain(template_name, context):
    """A text template rendered without HTML escaping: "L'atelier" stays "L'atelier"."""
    rendered = get_template(template_name).template.render(Context(context, autoescape=False))
    return "".join(rendered)  # plain text, not SafeString: it must be escaped wherever it goes


def _branding(site):
    from wagtail.models import Site

    from .models import CentreSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    centre = CentreSettings.for_site(site) if site else None
    return {
        "centre_name": (centre and centre.name) or (site.site_name if site else ""),
        "address_lines": (centre.address if centre else "").splitlines(),
        "contact_email": centre.email if centre else "",
        "primary_colour": (centre and centre.primary_colour) or DEFAULT_COLOUR,
    }


def branded_html(subject, text, site=None):
    """The text as HTML (paragraphs, links) inside the centre's MJML layout."""
    # urlize escapes the text; the paragraphs and links it makes are ours, hence safe. MJML's
    # parser wants void elements closed.
    html = linebreaks(urlize(text, autoescape=True), autoescape=False).replace("<br>", "<br />")
    body = mark_safe(html)  # noqa: S308
    source = render_to_string(LAYOUT, {"subject": subject, "body": body, **_branding(site)})
    return mjml.mjml2html(source)


def render_email(template_prefix, context):
    """(subject, text, html) from `<prefix>_subject.txt`, `<prefix>.txt` and `<prefix>.html`,
    or, without that HTML template, the text inside the centre's layout."""
    subject = " ".join(_render_plain(f"{template_prefix}_subject.txt", context).split())
    text = _render_plain(f"{template_prefix}.txt", context)
    try:
        html = render_to_string(f"{template_prefix}.html", context)
    except TemplateDoesNotExist:
        html = branded_html(subject, text, site=context.get("site"))
    return subject, text, html


def queue_email(
    subject, text, to, html="", from_email="", reply_to=None, headers=None, attachments=()
):
    """Keep the rendered message and have the worker send it (the task backend decides when:
    the database backend, once this transaction commits)."""
    from .models import OutgoingEmail

    # A message the worker failed to send stays a week for the record, then goes.
    OutgoingEmail.objects.filter(created_at__lt=timezone.now() - KEEP_UNSENT).delete()
    outgoing = OutgoingEmail.objects.create(
        subject=subject,
        text=text,
        html=html or "",
        to=list(to),
        from_email=from_email or "",
        reply_to=list(reply_to or []),
        headers=dict(headers or {}),
        attachments=[list(attachment) for attachment in attachments],
    )
    send_email.enqueue(outgoing.pk)
    return outgoing


@task()
def send_email(outgoing_id):
    """Send a waiting e-mail, then forget it (an erased person's e-mail is gone: nothing to do)."""
    from .models import OutgoingEmail

    outgoing = OutgoingEmail.objects.filter(pk=outgoing_id).first()
    if outgoing is None:
        return
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.text,
        from_email=outgoing.from_email or settings.DEFAULT_FROM_EMAIL,
        to=outgoing.to,
        reply_to=outgoing.reply_to,
        headers=outgoing.headers,
    )
    if outgoing.html:
        message.attach_alternative(outgoing.html, "text/html")
    for filename, content, mimetype in outgoing.attachments:
        message.attach(filename, content, mimetype)
    message.send()
    outgoing.delete()


def queue_templated_email(template_prefix, context, to, **kwargs):
    """Render now, send in the background."""
    subject, text, html = render_email(template_prefix, context)
    return queue_email(subject, text, to, html=html, **kwargs)
