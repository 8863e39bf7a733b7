"""A séance to come removed from its published event is cancelled for those it concerned: they
are told, over real SMTP, as for a séance marked « Annulée », with the calendar entry that
removes it; a registration to it alone is cancelled, and concerns none of the other séances
(before, it became « confirmed » to no séance, and was told of the other séances' changes)."""

import datetime

import icalendar
import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from agenda.models import EventFormat, EventPage, Registration, Seance, Venue
from resource_centre.dates import french_date

pytestmark = pytest.mark.django_db


def _publish_without(event, removed):
    page = event.get_latest_revision_as_object()
    page.seances = [s for s in page.seances.all() if s.pk != removed.pk]
    page.save_revision().publish()


def _cancel(event, seance):
    page = event.get_latest_revision_as_object()
    seances = list(page.seances.all())
    for row in seances:
        if row.pk == seance.pk:
            row.status = Seance.Status.CANCELLED
    page.seances = seances
    page.save_revision().publish()


def _atelier(events, today, per_seance):
    event = events["atelier"]
    event.registration_enabled = True
    event.registration_per_seance = per_seance
    event.capacity = 10
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    first, second = event.seances.filter(date__gte=today).order_by("date")
    return event, first, second


def _register(event, name, status, seance=None):
    return Registration.objects.create(
        event=event, seance=seance, name=name, email=f"{name.lower()}@example.org", status=status
    )


def _told(smtp_server):
    return sorted((to[0], message["Subject"].strip()) for to, message in smtp_server.messages)


def _feed_entry(seance):
    feed = icalendar.Calendar.from_ical(Client().get("/agenda/ical/").content)
    prefix = seance.uid("")
    return next(v for v in feed.walk("VEVENT") if v["UID"].startswith(prefix))


def test_the_registrants_of_a_removed_seance_are_told_and_their_registrations_cancelled(
    events, today, smtp_server, settings
):
    event, removed, kept = _atelier(events, today, per_seance=True)
    alice = _register(event, "Alice", "confirmed", removed)
    _register(event, "Wanda", "waiting", removed)
    _register(event, "Pierre", "pending", removed)
    bob = _register(event, "Bob", "confirmed", kept)
    # All this a while ago: the calendar entry the registrants hold.
    ago = datetime.timedelta(minutes=5)
    EventPage.objects.filter(pk=event.pk).update(last_published_at=F("last_published_at") - ago)
    Registration.objects.update(created_at=F("created_at") - ago, updated_at=F("updated_at") - ago)
    # Its venue and format too: made by the fixtures, maybe in the second of the removal.
    Venue.objects.update(updated_at=F("updated_at") - ago)
    EventFormat.objects.update(updated_at=F("updated_at") - ago)
    before = _feed_entry(removed)

    _publish_without(event, removed)

    title = event.title
    subject = f"Séance du {french_date(removed.day, 'j F')} annulée : {title}"
    assert _told(smtp_server) == [("alice@example.org", subject), ("wanda@example.org", subject)]
    message = smtp_server.messages[0][1]
    text = " ".join(message.get_body(("plain",)).get_content().split())
    day = french_date(removed.day, "l j F")
    assert f"la séance du {day} de « Atelier projet urbain et social » est annulée" in text
    assert "annulation/?jeton=" not in text  # nothing left to cancel
    (attachment,) = list(message.iter_attachments())
    entry = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert entry["STATUS"] == "CANCELLED"
    assert entry.decoded("dtstart").date() == removed.date
    # It replaces the entry the registrant's calendar holds.
    assert entry["UID"] == before["UID"] and entry["SEQUENCE"] > before["SEQUENCE"]
    assert set(
        Registration.objects.filter(seance__isnull=True).values_list("status", flat=True)
    ) == {"cancelled"}
    alice.refresh_from_db()
    assert alice.status == "cancelled"
    bob.refresh_from_db()
    assert (bob.status, bob.seance_id) == ("confirmed", kept.pk)

    # The other séance's changes and reminders are for its own registrants only.
    _cancel(event, kept)
    later = [(to[0], m["Subject"].strip()) for to, m in smtp_server.messages[2:]]
    subject = f"Séance du {french_date(kept.day, 'j F')} annulée : {title}"
    assert later == [("bob@example.org", subject)]


def test_a_removed_seance_is_told_to_those_registered_to_the_whole_event(
    events, today, smtp_server
):
    event, removed, kept = _atelier(events, today, per_seance=False)
    carla = _register(event, "Carla", "confirmed")
    _publish_without(event, removed)
    subject = f"Séance du {french_date(removed.day, 'j F')} annulée : {event.title}"
    assert _told(smtp_server) == [("carla@example.org", subject)]
    text = smtp_server.messages[0][1].get_body(("plain",)).get_content()
    assert "annulation/?jeton=" in text  # still registered to the rest of the event
    carla.refresh_from_db()
    assert carla.status == "confirmed"


def test_removing_a_past_or_cancelled_seance_or_deleting_the_event_tells_nobody(
    events, today, smtp_server
):
    event, removed, kept = _atelier(events, today, per_seance=False)
    _register(event, "Carla", "confirmed")
    past = event.seances.get(date__lt=today)
    _publish_without(event, past)
    _cancel(event, kept)
    told = len(smtp_server.messages)
    assert told == 1  # the cancellation, once
    _publish_without(EventPage.objects.get(pk=event.pk), kept)
    assert len(smtp_server.messages) == told
    EventPage.objects.get(pk=event.pk).delete()
    assert len(smtp_server.messages) == told
    assert not Registration.objects.exists()


def test_a_registration_left_without_its_seance_is_neither_reminded_nor_promoted(
    events, today, smtp_server, settings
):
    settings.RESOURCE_CENTRE = {
        **getattr(settings, "RESOURCE_CENTRE", {}),
        "AGENDA_REMINDER_DAYS": 3,
    }
    event, removed, kept = _atelier(events, today, per_seance=True)
    # Left by a removal before this change: still « confirmed » or waiting, without a séance.
    for name, status in [("Olga", "confirmed"), ("Victor", "waiting")]:
        orphan = _register(event, name, status, removed)
        Registration.objects.filter(pk=orphan.pk).update(seance=None)
    _register(event, "Bob", "confirmed", removed)
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert _told(smtp_server) == [("bob@example.org", f"Rappel : {event.title}")]
    # Publishing the event again gives the « waiting » orphan no seat of another séance.
    EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert Registration.objects.get(name="Victor").status == "waiting"
    assert len(smtp_server.messages) == 1
