"""E-mails of the suite: rendered from templates in the request, sent by a background task.

The task takes only strings, so any django_tasks backend (the database worker in production) can
carry it. Every message identifies the centre that sends it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django_tasks import task


def render_email(template_prefix, context):
    """(subject, text, html or None) from `<prefix>_subject.txt`, `<prefix>.txt`, `<prefix>.html`."""
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    text = render_to_string(f"{template_prefix}.txt", context)
    try:
        html = render_to_string(f"{template_prefix}.html", context)
    except TemplateDoesNotExist:  # the HTML part is optional
        html = None
    return subject, text, html


@task()
def send_email(subject, text, to, html=None, from_email=None, reply_to=None, headers=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to or []),
        headers=dict(headers or {}),
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def queue_templated_email(template_prefix, context, to, **kwargs):
    """Render now, send in the background. Returns the task result handle."""
    subject, text, html = render_email(template_prefix, context)
    return send_email.enqueue(subject, text, list(to), html=html, **kwargs)
