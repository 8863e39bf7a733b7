"""A sending worker run as a subprocess. With NL_STOP_AFTER=n it announces "stopped" after n
recorded messages and then hangs, so that the test can kill it at a known point mid-batch.
With NL_GO_FILE it announces "ready" and waits for that file, so that several workers start
together; NL_SLEEP slows each message down so that they overlap. It ends with "finished <n>",
n being the messages it sent."""

import os
import sys
import time

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.newsletter.worker_settings"
django.setup()

from newsletter import queueing, worker  # noqa: E402

stop_after = int(os.environ.get("NL_STOP_AFTER", "0"))
pause = float(os.environ.get("NL_SLEEP", "0"))
done = 0


record = queueing.record_sent


def record_then_pause(delivery_id, send_id):
    """Record the message, then stop or slow down as asked."""
    global done
    running = record(delivery_id, send_id)
    done += 1
    if stop_after and done == stop_after:
        print("stopped", flush=True)
        time.sleep(600)
    if pause:
        time.sleep(pause)
    return running


queueing.record_sent = record_then_pause
go_file = os.environ.get("NL_GO_FILE")
if go_file:
    print("ready", flush=True)
    while not os.path.exists(go_file):
        time.sleep(0.01)
worker.run_worker(int(sys.argv[1]))
print(f"finished {done}", flush=True)
