"""A sending worker run as a subprocess. With NL_STOP_AFTER=n it announces "stopped" after n
recorded messages and then hangs, so that the test can kill it at a known point mid-batch."""

import os
import sys
import time

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.newsletter.worker_settings"
django.setup()

from newsletter import worker  # noqa: E402

stop_after = int(os.environ.get("NL_STOP_AFTER", "0"))
done = 0


def after_message(delivery):
    global done
    done += 1
    if stop_after and done == stop_after:
        print("stopped", flush=True)
        time.sleep(600)


worker.after_message = after_message
worker.run_worker(int(sys.argv[1]))
print("finished", flush=True)
