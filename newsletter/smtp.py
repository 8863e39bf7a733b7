"""One prepared message handed to an open smtplib session in three steps.

smtplib's ``sendmail()`` waits for each reply in turn, and the server spends most of a message's
time twice: answering MAIL and RCPT, and writing the message to its queue after the last byte.
Split up, the worker works in both waits: it records the previous message while the server
answers the envelope (MAIL, RCPT and DATA go in one write where the server allows pipelining,
RFC 2920), and builds the next message while the server queues this one.

- ``Transaction(...)`` sends the envelope. Nothing is delivered before ``send_content()``: a
  worker killed in between leaves the server an empty transaction, which it drops.
- ``send_content()`` checks the envelope's replies and sends the content.
- ``finish()`` reads the server's verdict.
- ``abandon()`` drops the transaction before its content.

Replies are handled as ``sendmail()`` handles them and raise the same exceptions. The content is
dot-stuffed with ``bytes.replace``: smtplib's regular expression takes longer on a 40 KB lettre
than everything else the worker does for a message.
"""

import smtplib

CRLF = b"\r\n"
RECIPIENT_OK = (250, 251)


class Transaction:
    def __init__(self, session, sender, recipient, content):
        """Send the envelope of one message (bytes with CRLF line ends) to one recipient."""
        self.session, self.content = session, content
        self.sender, self.recipient = sender, recipient
        session.ehlo_or_helo_if_needed()
        self.commands = [
            f"MAIL FROM:{smtplib.quoteaddr(sender)}",
            f"RCPT TO:{smtplib.quoteaddr(recipient)}",
            "DATA",
        ]
        self.pipelined = session.has_extn("pipelining")
        if self.pipelined:
            session.send("".join(f"{command}\r\n" for command in self.commands))

    def send_content(self):
        mail, rcpt, data = self._envelope_replies()
        if data[0] == 354 and (mail[0] != 250 or rcpt[0] not in RECIPIENT_OK):
            # A pipelined DATA accepted despite a refusal: end it with no content (RFC 2920).
            self.session.send(b"." + CRLF)
            self.session.getreply()
        if mail[0] != 250:
            self._abort(mail[0])
            raise smtplib.SMTPSenderRefused(*mail, self.sender)
        if rcpt[0] not in RECIPIENT_OK:
            self._abort(rcpt[0])
            raise smtplib.SMTPRecipientsRefused({self.recipient: rcpt})
        if data[0] != 354:
            self._abort(data[0])
            raise smtplib.SMTPDataError(*data)
        stuffed = self.content.replace(b"\n.", b"\n..")  # RFC 5321 4.5.2
        if stuffed.startswith(b"."):
            stuffed = b"." + stuffed
        if not stuffed.endswith(CRLF):
            stuffed += CRLF
        self.session.send(stuffed + b"." + CRLF)

    def finish(self):
        """The server's verdict on the content: raises SMTPDataError on a refusal."""
        code, reply = self.session.getreply()
        if code != 250:
            self._abort(code)
            raise smtplib.SMTPDataError(code, reply)

    def abandon(self):
        """Drop the transaction before its content: closing the session makes the server discard
        it (a QUIT would be read as content once the server has accepted DATA)."""
        self.session.close()

    def _envelope_replies(self):
        """The replies to MAIL, RCPT and DATA. Without pipelining each command goes only once
        the previous one succeeded; a skipped one counts as refused (503)."""
        replies, skipped = [], (503, b"5.5.1 Not sent")
        for command in self.commands:
            if replies and replies[-1][0] == 421:
                replies.append(replies[-1])  # the server closed the session
                continue
            if not self.pipelined:
                if replies and replies[-1][0] not in (250, *RECIPIENT_OK):
                    replies.append(skipped)
                    continue
                self.session.putcmd(command)
            replies.append(self.session.getreply())
        return replies

    def _abort(self, code):
        """As sendmail(): after 421 the server closes the session; otherwise reset it."""
        if code == 421:
            self.session.close()
            return
        try:
            self.session.rset()
        except smtplib.SMTPServerDisconnected:
            pass
