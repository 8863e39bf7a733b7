"""What a mail server's reply means for one delivery of the lettre."""

import re
import smtplib

# What an SMTP error means for a delivery:
# BOUNCE: the recipient's address does not exist: the delivery fails and the address is marked.
# REFUSED: the server refused this message for another reason (policy, relaying, content): the
#   delivery fails with the reason, the reader keeps their status.
# SENDER: the server refuses our sender (MAIL FROM): every message would fail, so the send pauses.
# TRANSIENT: try again later.
BOUNCE, REFUSED, SENDER, TRANSIENT = "bounce", "refused", "sender", "transient"

_ENHANCED_RE = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")

# Without an enhanced status code, these words in a 5xx reply to RCPT mean a policy refusal.
_POLICY_RE = re.compile(r"relay|auth|polic|spam|block|denied|reject", re.IGNORECASE)


def _text(message):
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message or "")


def _recipient_unknown(code, message):
    """True for a refusal that means the mailbox does not exist (RFC 3463 5.1.x, 5.2.1)."""
    if not 500 <= code < 600:
        return False
    enhanced = _ENHANCED_RE.match(_text(message))
    if enhanced:
        subject, detail = enhanced.group(2), enhanced.group(3)
        return subject == "1" or (subject, detail) == ("2", "1")
    return code in (550, 551, 553) and not _POLICY_RE.search(_text(message))


def classify(error):
    """BOUNCE, REFUSED, SENDER or TRANSIENT (see above)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        if not replies or not all(500 <= code < 600 for code, _msg in replies):
            return TRANSIENT
        return BOUNCE if all(_recipient_unknown(c, m) for c, m in replies) else REFUSED
    code = getattr(error, "smtp_code", None)
    if not (isinstance(code, int) and 500 <= code < 600) or code == 552:
        # 552 is often "mailbox full" or "message too large": retry rather than give up.
        return TRANSIENT
    if isinstance(error, smtplib.SMTPSenderRefused):
        return SENDER
    return REFUSED


def reason(error):
    """The server's reply as staff will read it (code and text)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        for code, message in error.recipients.values():
            text = message.decode(errors="replace") if isinstance(message, bytes) else message
            return f"{code} {text}"[:500]
    code, message = getattr(error, "smtp_code", None), getattr(error, "smtp_error", None)
    if code:
        text = message.decode(errors="replace") if isinstance(message, bytes) else message
        return f"{code} {text}"[:500]
    return (str(error) or error.__class__.__name__)[:500]
