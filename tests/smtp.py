"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), and the fixture that points
Django's e-mail backend at it. Every e-mail path of the suite is tested through it at least once."""

import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Recorder:
    """aiosmtpd handler: keeps every message; refuses addresses listed in `refuse` (550) and
    answers 451 to the first `defer` attempts for addresses in `defer_once`. `rcpt_replies` gives
    an address its own RCPT reply; `mail_reply` and `data_reply` refuse MAIL FROM and DATA.
    `sessions` counts the SMTP sessions the messages came through. PIPELINING is advertised, as
    real servers do (aiosmtpd answers pipelined commands in turn), unless `pipelining` is False."""

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.defer_once = set()
        self.rcpt_replies = {}
        self.mail_reply = None
        self.data_reply = None
        self.sessions = set()
        self.pipelining = True
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rcpt_replies:
            return self.rcpt_replies[address]
        if address in self.refuse:
            return "550 5.1.1 Utilisateur inconnu"
        if address in self.defer_once:
            self.defer_once.discard(address)
            return "451 4.3.0 Réessayez plus tard"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))
            self.sessions.add(id(session))
        return "250 Message accepted"

    def recipients(self):
        with self.lock:
            return [to for tos, _m in self.messages for to in tos]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    recorder.port = port
    recorder.controller = controller
    yield recorder
    try:
        controller.stop()
    except AssertionError:  # the test stopped the server itself
        pass
