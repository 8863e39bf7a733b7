"""Settings of a worker subprocess started by the crash-resume test: same database as the test."""

import json
import os

from tests.settings import *  # noqa: F403

DATABASES = {"default": json.loads(os.environ["NL_WORKER_DB"])}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["NL_SMTP_PORT"])
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
RESOURCE_CENTRE = {
    "NEWSLETTER_LEASE_SECONDS": int(os.environ.get("NL_LEASE", "300")),
    "NEWSLETTER_BATCH_SIZE": 25,
    # The fast path, as a production site sending large lists runs it.
    "NEWSLETTER_TRANSPORT": "newsletter.transports.PipelinedSMTPTransport",
}
