"""Settings of the agenda with their defaults, read at call time.

A host site overrides them in ``RESOURCE_CENTRE = {"AGENDA_PER_PAGE": 30}``.
"""

from django.conf import settings

DEFAULTS = {
    # Séances per page of the agenda.
    "AGENDA_PER_PAGE": 20,
    # How many days back the iCal feeds reach (past séances stay in subscribers' calendars).
    "AGENDA_ICAL_PAST_DAYS": 92,
    # Most séances in one iCal feed (the earliest first): calendar clients choke on huge feeds.
    "AGENDA_ICAL_MAX_ITEMS": 1000,
    # Events in the RSS/Atom feed of new events.
    "AGENDA_FEED_ITEMS": 30,
    # Longest free-text query accepted by the filters; longer ones are cut.
    "AGENDA_MAX_QUERY_LENGTH": 200,
    # Registration attempts allowed per visitor address and event in the window (seconds).
    "AGENDA_REGISTRATION_RATE": (10, 600),
    # Days after an event's last séance before its registrations are deleted by
    # `manage.py purge_registrations` (the default consent text promises one year).
    "AGENDA_REGISTRATION_RETENTION_DAYS": 365,
    # How long a seat is held for a registrant who has not confirmed their address yet (seconds);
    # past it, confirming still registers them if a seat is free, or on the waiting list.
    "AGENDA_CONFIRMATION_HOLD": 60 * 60,
    # Largest share of an event's (or séance's) seats held for registrants who have not confirmed
    # their address yet: invented addresses can never hold more. Past it, a new registrant's
    # seat goes to whoever confirms first.
    "AGENDA_HELD_SEATS_SHARE": 0.5,
    # How long the link confirming a registrant's address works (seconds).
    "AGENDA_CONFIRM_LINK_MAX_AGE": 60 * 60 * 24 * 2,
    # How long a cancel link sent by e-mail works (seconds).
    "AGENDA_CANCEL_LINK_MAX_AGE": 60 * 60 * 24 * 400,
    # Days before a séance when `manage.py send_reminders` reminds its registrants (0: never).
    "AGENDA_REMINDER_DAYS": 2,
    # Days after a séance during which `manage.py send_evaluations` still invites those who came
    # to evaluate it (a centre that starts sending is not asked about last year's séances).
    "AGENDA_EVALUATION_WINDOW_DAYS": 7,
    # How long an evaluation link works (seconds).
    "AGENDA_EVALUATION_LINK_MAX_AGE": 60 * 60 * 24 * 30,
}


def get(name):
    if name not in DEFAULTS:
        raise KeyError(f"Unknown agenda setting: {name}")
    return getattr(settings, "RESOURCE_CENTRE", {}).get(name, DEFAULTS[name])
