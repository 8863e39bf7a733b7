"""Background tasks of the sending engine (run by `manage.py db_worker` in production)."""

from django_tasks import task

from . import sending, worker


@task()
def start_send_task(send_id):
    return sending.start_send(send_id)


@task()
def send_batches_task(send_id):
    return worker.run_worker(send_id)
