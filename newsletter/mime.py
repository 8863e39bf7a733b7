"""Per-recipient messages without building MIME for each one.

The message of a send is serialised once, with placeholders for the per-recipient values (name,
address, links, Message-ID). For each recipient the placeholders are replaced in those bytes: the
text part gets the raw values, the HTML part HTML-escaped ones. This is only done when both parts
travel as 8bit (every line under 998 characters), so that the placeholders are intact in the
bytes, and only for Django's SMTP backend (other backends may read the message's structure);
otherwise each message is built by Django as usual. The template is serialised with the standard
library's e-mail API, not Django's message classes, so it is the same on Django 5.2 and 6.0.
"""

import email.message
import email.policy
import re
from email.headerregistry import Address
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _mailbox(name, address):
    """The recipient as (name, envelope address): a control character in the name (a line
    break would inject a header) becomes a space, a non-ASCII domain is IDNA-encoded. Raises
    ValueError for an address no SMTP server takes without SMTPUTF8."""
    name = " ".join(_CONTROL_RE.sub(" ", name or "").split())
    local, at, domain = address.strip().rpartition("@")
    if not at or not local or _CONTROL_RE.search(address):
        raise ValueError(f"Invalid address {address!r}")
    envelope = f"{local}@{domain.encode('idna').decode('ascii')}"
    envelope.encode("ascii")  # a non-ASCII local part needs SMTPUTF8: UnicodeEncodeError
    return name, envelope


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


# SMTP's CRLF; headers are folded only past SMTP's own line limit, so that no placeholder is cut.
_POLICY = email.policy.SMTP.clone(max_line_length=998)


def _fits_8bit(text):
    """Whether a part can travel as 8bit (RFC 5322: lines of at most 998 octets)."""
    return all(len(line.encode()) <= 998 for line in text.splitlines())


def _skeleton(subject, text, html, from_email, reply_to, headers):
    """The message with placeholders, as bytes on the wire, built with the standard library's
    e-mail API (the same on every Django version); both parts 8bit, so placeholders stay whole."""
    message = email.message.EmailMessage(policy=_POLICY)
    message["Subject"] = subject
    message["From"] = from_email
    message["To"] = RECIPIENT
    if reply_to:
        message["Reply-To"] = ", ".join(reply_to)
    message["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    message["Message-ID"] = MESSAGE_ID
    for name, value in headers.items():
        message[name] = value
    message.set_content(text, cte="8bit")
    message.add_alternative(html, subtype="html", cte="8bit")
    return message.as_bytes()


class PreparedEmail(EmailMultiAlternatives):
    """An e-mail whose serialised form is already known (any Django mail backend sends it).

    ``prepared`` holds its bytes and ``envelope`` its (sender, recipients), so that it can also
    be handed straight to smtplib.
    """

    prepared = envelope = None

    def message(self, **kwargs):
        # Django 6.0 passes the e-mail policy (``policy=``); 5.2 passes nothing.
        if self.prepared is None:
            return super().message(**kwargs)
        return _Serialised(self.prepared)


class MessageTemplate:
    def __init__(self, rendered, subject, from_email, reply_to, headers, prepare=True):
        self.rendered = rendered
        self.subject, self.from_email, self.reply_to = subject, from_email, reply_to
        self.headers = headers
        self.msgid_domain = from_email.rpartition("@")[2].rstrip(">") or "localhost"
        self.envelope_from = parseaddr(from_email)[1]
        self.text_part = self.html_part = None
        if not prepare or not _fits_8bit(rendered.text) or not _fits_8bit(rendered.html):
            return
        data = _skeleton(subject, rendered.text, rendered.html, from_email, reply_to, headers)
        split = data.find(_HTML_PART)
        header_text = "".join(headers.values())
        expected = sum(
            rendered.text.count(p) + rendered.html.count(p) + header_text.count(p)
            for p in PLACEHOLDERS.values()
        )
        found = len(re.findall(rb"\[\[rc:\w+\]\]", data))
        if (
            split > 0
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
        name, envelope_to = _mailbox(name, address)
        prepared = self.text_part is not None
        # A prepared message is sent from its bytes: its parts need not be personalised again.
        message = PreparedEmail(
            subject=self.subject,
            body="" if prepared else self.rendered.personalise_text(values),
            from_email=self.from_email,
            # Django encodes the header itself (5.2 and 6.0 alike) from the quoted form.
            to=[str(Address(display_name=name, addr_spec=envelope_to))],
            reply_to=self.reply_to,
            headers={
                **self.headers_for(values),
                "Message-ID": make_msgid(domain=self.msgid_domain),
            },
        )
        if not prepared:
            message.attach_alternative(self.rendered.personalise_html(values), "text/html")
            return message
        common = {
            # In the prepared bytes: ASCII, the name RFC 2047-encoded when it is not.
            "to": formataddr((name, envelope_to)).encode(),
            "message_id": make_msgid(domain=self.msgid_domain).encode(),
        }
        raw = {key: value.encode() for key, value in values.items()}
        escaped = {key: escape(value).encode() for key, value in values.items()}
        message.prepared = self._join(self._text_parts, raw | common) + self._join(
            self._html_parts, escaped | common
        )
        message.envelope = (self.envelope_from, [envelope_to])
        return message

    def headers_for(self, values):
        return {
            key: value.replace(PLACEHOLDERS["unsubscribe_url"], values["unsubscribe_url"])
            for key, value in self.headers.items()
        }
