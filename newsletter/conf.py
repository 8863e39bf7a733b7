"""Settings of the newsletter app with their defaults, read at call time.

A host site overrides any of them in its ``RESOURCE_CENTRE`` dict, like the core's settings::

    RESOURCE_CENTRE = {"NEWSLETTER_BATCH_SIZE": 100}
"""

from django.conf import settings

DEFAULTS = {
    # MJML templates a publication can use: (template name, label).
    "NEWSLETTER_TEMPLATES": [("newsletter/email/lettre.mjml", "Lettre")],
    # Deliveries a worker claims at once.
    "NEWSLETTER_BATCH_SIZE": 50,
    # Seconds after which a claimed batch whose worker vanished is claimed again.
    "NEWSLETTER_LEASE_SECONDS": 300,
    # Attempts before a delivery hit by transient errors is marked failed.
    "NEWSLETTER_MAX_ATTEMPTS": 5,
    # First retry delay in seconds; doubled at each attempt.
    "NEWSLETTER_RETRY_BASE_SECONDS": 60,
    # Permanent refusals in a row (not counting transient errors) after which a send pauses:
    # a relay that refuses everything must not fail the whole list. 0 disables the breaker.
    "NEWSLETTER_MAX_PERMANENT_ERRORS_IN_A_ROW": 20,
    # How messages reach the mail server (see newsletter/transports.py): Django's e-mail backend
    # API by default; "newsletter.transports.PipelinedSMTPTransport" is the fast path to an SMTP
    # server (Django's SMTP backend), several times faster on large lists.
    "NEWSLETTER_TRANSPORT": "newsletter.transports.DjangoTransport",
    # SMTP connection timeout in seconds, used when the site sets no EMAIL_TIMEOUT; keep it well
    # under NEWSLETTER_LEASE_SECONDS.
    "NEWSLETTER_SMTP_TIMEOUT": 30,
    # Worker tasks started for one send.
    "NEWSLETTER_WORKERS": 1,
    # Subscription requests allowed from one IP address: (attempts, window in seconds). Each one
    # sends an e-mail, so the form must not become a way to flood somebody's mailbox.
    "NEWSLETTER_SUBSCRIBE_RATE": (10, 3600),
    # Lifetime of the double opt-in link, in seconds.
    "NEWSLETTER_CONFIRM_MAX_AGE": 7 * 24 * 3600,
    # Lifetime of the unsubscribe and preferences links carried by every e-mail, in seconds.
    "NEWSLETTER_LINK_MAX_AGE": 2 * 365 * 24 * 3600,
    # Version of the consent wording shown on the subscription form, stored as proof of consent.
    "NEWSLETTER_CONSENT_VERSION": "2026-01",
    # Absolute address of the site in links sent by e-mail; defaults to WAGTAILADMIN_BASE_URL,
    # else the default Wagtail site's root URL.
    "NEWSLETTER_BASE_URL": None,
    # Where the automatic blocks find events and fiches, when those apps are installed: the model,
    # its date field, the page it belongs to ("" when it is the page), and whether only dates from
    # today on are taken (soonest first) or the latest ones (newest first). Optional: "exclude",
    # lookups of rows left out; "postponed", lookups of rows shown as moved from the date in
    # "original_date_field".
    "NEWSLETTER_AUTOMATIC_SOURCES": {
        "events": {
            "model": "agenda.Seance",
            # The day the séance takes place: the new date of a postponed one.
            "date_field": "day",
            "page_field": "event",
            "upcoming": True,
            "exclude": {"status": "cancelled"},
            "postponed": {"status": "postponed"},
            "original_date_field": "date",
        },
        "fiches": {
            "model": "fiches.FichePage",
            "date_field": "first_published_at",
            "page_field": "",
            "upcoming": False,
        },
    },
}


def get(name):
    if name not in DEFAULTS:
        raise KeyError(f"Unknown newsletter setting: {name}")
    return getattr(settings, "RESOURCE_CENTRE", {}).get(name, DEFAULTS[name])


def base_url():
    """The start of the lettre's links: NEWSLETTER_BASE_URL, else as every e-mail of the suite
    (resource_centre.site.site_base)."""
    from resource_centre.site import site_base

    return (get("NEWSLETTER_BASE_URL") or "").rstrip("/") or site_base()
