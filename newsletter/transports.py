"""How the sending engine hands the lettre's messages to the mail server, chosen by the
NEWSLETTER_TRANSPORT setting (a dotted path to a Transport class):

- ``newsletter.transports.DjangoTransport`` (the default): Django's e-mail backend API, one
  message at a time through EMAIL_BACKEND: works with any backend (SMTP, a provider's API, the
  console) on every supported Django.
- ``newsletter.transports.PipelinedSMTPTransport``: the fast path to an SMTP server (Django's
  SMTP backend and its settings: host, port, TLS, login). The lettre is serialised once and each
  copy personalised as bytes; the envelope is pipelined (RFC 2920) and the worker records one
  message and builds the next while the server answers (newsletter/smtp.py).

A transport opens and closes a session, and hands over one message as a transaction:
``send_content()`` delivers it, ``finish()`` reads the server's verdict, ``abandon()`` drops it
before its content. Failures raise smtplib's exceptions, which newsletter/replies.py reads.
"""

import smtplib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.utils.module_loading import import_string

from . import conf
from . import smtp as smtp_transaction


def get_transport():
    return import_string(conf.get("NEWSLETTER_TRANSPORT"))()


def mail_connection():
    """Django's connection, with a timeout even when the site set none: a hung server must not
    hold a batch past its lease."""
    if getattr(settings, "EMAIL_TIMEOUT", None):
        return get_connection(fail_silently=False)
    return get_connection(fail_silently=False, timeout=conf.get("NEWSLETTER_SMTP_TIMEOUT"))


class _WholeMessage:
    """A message sent in one go through the backend when its content is sent."""

    def __init__(self, connection, message):
        self.connection, self.message = connection, message

    def send_content(self):
        self.connection.send_messages([self.message])

    def finish(self):
        pass

    def abandon(self):
        pass


class DjangoTransport:
    """Through Django's e-mail backend API, one message at a time."""

    # Whether messages come serialised once to bytes (MessageTemplate(prepare=True)).
    prepared = False

    def __init__(self):
        self.connection = mail_connection()

    def open(self):
        self.connection.open()

    def close(self):
        self.connection.close()

    def hand_over(self, message):
        return _WholeMessage(self.connection, message)

    def session_lost(self, error):
        """After a refusal the session goes on; reconnect only when the connection itself is
        gone (a new one per message would be slow)."""
        if isinstance(error, smtplib.SMTPServerDisconnected):
            return True
        if not isinstance(error, smtplib.SMTPException):
            return True  # a socket error
        return getattr(getattr(self.connection, "connection", None), "sock", True) is None


class PipelinedSMTPTransport(DjangoTransport):
    """Pre-serialised messages over Django's SMTP backend's session, pipelined."""

    prepared = True

    def __init__(self):
        super().__init__()
        if not isinstance(self.connection, SMTPBackend):
            raise ImproperlyConfigured(
                "NEWSLETTER_TRANSPORT PipelinedSMTPTransport needs EMAIL_BACKEND = "
                '"django.core.mail.backends.smtp.EmailBackend"; use DjangoTransport otherwise.'
            )

    def hand_over(self, message):
        # Straight to the smtplib session with its envelope: Django's backend would parse both
        # addresses again, which costs more than building the message.
        sender, (recipient,) = message.envelope
        return smtp_transaction.Transaction(
            self.connection.connection, sender, recipient, message.prepared
        )
