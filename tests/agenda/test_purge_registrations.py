"""Registrations are deleted once the retention after the event's last séance is over."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from agenda.models import Registration

from .factories import make_event

pytestmark = pytest.mark.django_db


def _registration(event, email):
    return Registration.objects.create(
        event=event, name="Awa Diallo", email=email, status=Registration.Status.CONFIRMED
    )


def test_purge_deletes_registrations_a_year_after_the_last_seance(index, venues, settings):
    today = timezone.localdate()
    ago = lambda days: today - datetime.timedelta(days=days)  # noqa: E731
    old = make_event(index, "Atelier 2024", [dict(date=ago(400), venue=venues["rennes"])])
    # The first séance is old, the last one recent: the event ended 100 days ago.
    cycle = make_event(
        index,
        "Cycle",
        [dict(date=ago(500), venue=venues["rennes"]), dict(date=ago(100), venue=venues["rennes"])],
    )
    _registration(old, "old@example.org")
    _registration(cycle, "cycle@example.org")

    out = io.StringIO()
    call_command("purge_registrations", "--dry-run", stdout=out)
    assert "1 inscription serait supprimée" in out.getvalue()
    assert Registration.objects.count() == 2

    call_command("purge_registrations", stdout=io.StringIO())
    assert list(Registration.objects.values_list("email", flat=True)) == ["cycle@example.org"]

    settings.RESOURCE_CENTRE = {"AGENDA_REGISTRATION_RETENTION_DAYS": 90}
    call_command("purge_registrations", stdout=io.StringIO())
    assert not Registration.objects.exists()


def test_the_command_documents_itself():
    from agenda.management.commands.purge_registrations import Command

    assert "un an après l’événement" in str(Command.help)  # the consent text's promise
    assert "AGENDA_REGISTRATION_RETENTION_DAYS" in str(Command.help)


def test_addresses_never_confirmed_go_once_their_link_has_expired(index, venues):
    today = timezone.localdate()
    event = make_event(index, "Atelier", [dict(date=today, venue=venues["rennes"])])
    kept = Registration.objects.create(
        event=event, name="A", email="new@example.org", status=Registration.Status.PENDING
    )
    lapsed = Registration.objects.create(
        event=event,
        name="B",
        email="lapsed@example.org",
        status=Registration.Status.PENDING,
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    confirmed = _registration(event, "ok@example.org")
    call_command("purge_registrations", stdout=io.StringIO())
    remaining = set(Registration.objects.values_list("pk", flat=True))
    assert remaining == {kept.pk, confirmed.pk} and lapsed.pk not in remaining
