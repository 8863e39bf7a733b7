"""Per-recipient messages without building MIME for each one.

The message of a send is serialised once, with placeholders for the per-recipient values (name,
address, links, Message-ID). For each recipient the placeholders are replaced in those bytes: the
text part gets the raw values, the HTML part HTML-escaped ones. This is only done when both parts
travel as 8bit (every line under 998 characters), so that the placeholders are intact in the
bytes, and only for Django's SMTP backend (other backends may read the message's structure);
otherwise each message is built by Django as usual.
"""

import re
from email.utils import make_msgid

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.utils.html import escape

from .rendering import PLACEHOLDERS

RECIPIENT = "rc-recipient@placeholder.invalid"
MESSAGE_ID = "<rc-message-id@placeholder.invalid>"
_TOKENS_RE = re.compile(
    b"("
    + b"|".join(re.escape(p.encode()) for p in PLACEHOLDERS.values())
    + rb"|rc-recipient@placeholder\.invalid|<rc-message-id@placeholder\.invalid>)"
)
_KEYS = {value.encode(): key for key, value in PLACEHOLDERS.items()}
_KEYS[RECIPIENT.encode()] = "to"
_KEYS[MESSAGE_ID.encode()] = "message_id"
_HTML_PART = b"Content-Type: text/html"


class _Serialised:
    """Stands for email.message.Message where Django's mail backends only call as_bytes()."""

    def __init__(self, data):
        self.data = data

    def as_bytes(self, unixfrom=False, linesep="\n", policy=None):
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def get_charset(self):
        return None

    def as_string(self, unixfrom=False, linesep="\n", policy=None):
        return self.as_bytes(linesep=linesep).decode("utf-8", errors="replace")


class PreparedEmail(EmailMultiAlternatives):
    """An e-mail whose serialised form is already known (any Django mail backend sends it).

    ``prepared`` holds its bytes and ``envelope`` its (sender, recipients), so that it can also
    be handed straight to smtplib.
    """

    prepared = envelope = None

    def message(self):
        if self.prepared is None:
            return super().message()
        return _Serialised(self.prepared)


class MessageTemplate:
    def __init__(self, rendered, subject, from_email, reply_to, headers, prepare=True):
        self.rendered = rendered
        self.subject, self.from_email, self.reply_to = subject, from_email, reply_to
        self.headers = headers
        self.msgid_domain = from_email.rpartition("@")[2].rstrip(">") or "localhost"
        self.envelope_from = sanitize_address(from_email, "utf-8")
        skeleton = EmailMultiAlternatives(
            subject=subject,
            body=rendered.text,
            from_email=from_email,
            to=[RECIPIENT],
            reply_to=reply_to,
            headers={**headers, "Message-ID": MESSAGE_ID},
        )
        skeleton.attach_alternative(rendered.html, "text/html")
        data = skeleton.message().as_bytes(linesep="\r\n")
        self.text_part = self.html_part = None
        split = data.find(_HTML_PART)
        header_text = "".join(headers.values())
        expected = sum(
            rendered.text.count(p) + rendered.html.count(p) + header_text.count(p)
            for p in PLACEHOLDERS.values()
        )
        found = len(re.findall(rb"\[\[rc:\w+\]\]", data))
        if (
            prepare
            and split > 0
            and data.count(b"Content-Transfer-Encoding: 8bit") == 2
            and found == expected
            and data.count(RECIPIENT.encode()) == 1
            and data.count(MESSAGE_ID.encode()) == 1
        ):
            self.text_part, self.html_part = data[:split], data[split:]
            self._text_parts = self._split(self.text_part)
            self._html_parts = self._split(self.html_part)

    @staticmethod
    def _split(data):
        parts = _TOKENS_RE.split(data)
        for index in range(1, len(parts), 2):
            parts[index] = _KEYS[parts[index]]
        return parts

    @staticmethod
    def _join(parts, values):
        out = parts[:]
        for index in range(1, len(out), 2):
            out[index] = values[out[index]]
        return b"".join(out)

    def build(self, values, name, address):
        to = sanitize_address((name, address), "utf-8")
        prepared = self.text_part is not None
        # A prepared message is sent from its bytes: its parts need not be personalised again.
        message = PreparedEmail(
            subject=self.subject,
            body="" if prepared else self.rendered.personalise_text(values),
            from_email=self.from_email,
            to=[to],
            reply_to=self.reply_to,
            headers=self.headers_for(values),
        )
        if not prepared:
            message.attach_alternative(self.rendered.personalise_html(values), "text/html")
            return message
        common = {
            "to": to.encode(),
            "message_id": make_msgid(domain=self.msgid_domain).encode(),
        }
        raw = {key: value.encode() for key, value in values.items()}
        escaped = {key: escape(value).encode() for key, value in values.items()}
        message.prepared = self._join(self._text_parts, raw | common) + self._join(
            self._html_parts, escaped | common
        )
        message.envelope = (self.envelope_from, [to])
        return message

    def headers_for(self, values):
        return {
            key: value.replace(PLACEHOLDERS["unsubscribe_url"], values["unsubscribe_url"])
            for key, value in self.headers.items()
        }
