"""The worker's SMTP transaction (newsletter.smtp) against a real server, with and without
pipelining: content arrives byte for byte, refusals raise what smtplib raises and leave the
session usable for the next message."""

import smtplib

import pytest

from newsletter.smtp import Transaction

pytestmark = pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])


@pytest.fixture
def session(smtp_server, pipelining):
    smtp_server.pipelining = pipelining
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=10) as session:
        yield session


def send(session, recipient, content):
    transaction = Transaction(session, "lettre@resovilles.example", recipient, content)
    transaction.send_content()
    transaction.finish()


def test_lines_starting_with_a_dot_arrive_intact(session, smtp_server, pipelining):
    content = b"Subject: Lettre\r\n\r\n.premier point\r\n..deux points\r\n.\r\nfin"
    send(session, "lecteur@example.org", content)

    ((recipients, message),) = smtp_server.messages
    assert recipients == ["lecteur@example.org"]
    assert message.get_content() == ".premier point\r\n..deux points\r\n.\r\nfin\r\n"
    assert session.has_extn("pipelining") is pipelining


def test_a_refused_recipient_leaves_the_session_usable(session, smtp_server):
    smtp_server.rcpt_replies = {"inconnu@example.org": "550 5.1.1 Boîte inconnue"}

    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(session, "inconnu@example.org", b"Subject: A\r\n\r\nA\r\n")
    assert refused.value.recipients["inconnu@example.org"][0] == 550
    send(session, "lecteur@example.org", b"Subject: B\r\n\r\nB\r\n")

    assert [m["Subject"] for _tos, m in smtp_server.messages] == ["B"]


def test_a_refused_sender_or_content_raises_what_smtplib_raises(session, smtp_server):
    smtp_server.mail_reply = "553 5.7.1 Expéditeur refusé"
    with pytest.raises(smtplib.SMTPSenderRefused) as sender:
        send(session, "lecteur@example.org", b"Subject: A\r\n\r\nA\r\n")
    assert sender.value.smtp_code == 553

    smtp_server.mail_reply = None
    smtp_server.data_reply = "554 5.7.1 Contenu refusé"
    with pytest.raises(smtplib.SMTPDataError) as data:
        send(session, "lecteur@example.org", b"Subject: B\r\n\r\nB\r\n")
    assert data.value.smtp_code == 554

    smtp_server.data_reply = None
    send(session, "lecteur@example.org", b"Subject: C\r\n\r\nC\r\n")
    assert [m["Subject"] for _tos, m in smtp_server.messages] == ["C"]
