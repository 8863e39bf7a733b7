"""Background work of the annuaire: large imports, and the positions of imported addresses."""

import logging

from django.utils.translation import gettext as _
from django_tasks import task

from resource_centre.import_files import ImportFileError
from resource_centre.storage import private_storage

from .importer import apply_plan, locate, make_plan, plan_locating, read_table
from .models import ImportJob

logger = logging.getLogger(__name__)


@task()
def run_import(job_id):
    """Plan then write one stored file; the job records progress, the summary or the error.

    The planning reports its progress line by line; the writing is one transaction, so it shows
    as a single last step. Rejected lines are left out and listed in the summary.
    """
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).first()
    if job is None:
        return  # already run, or deleted
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    def progress(done, total):
        ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        with private_storage().open(job.file_path, "rb") as stored:
            data = stored.read()
        headers, table = read_table(job.filename, data)
        plan = make_plan(headers, table, progress=progress)
        summary = apply_plan(plan)
    except ImportFileError as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, error=error.message
        )
    except Exception:  # noqa: BLE001 - the job must end in a state the centre can read
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            error=_(
                "The import failed unexpectedly; nothing was written. Try again or contact the site administrator."
            ),
        )
        raise
    else:
        plan_locating(plan, summary)  # in memory: the import is written whatever it does
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE, summary=summary, done=len(table), total=len(table)
        )
    finally:
        private_storage().delete(job.file_path)
    # Written: now the positions of its addresses (if it recorded any), in this same run.
    job.refresh_from_db()
    locate(job)


@task()
def locate_addresses(job_id):
    """The positions of the addresses an import written in the request recorded to locate."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.DONE).first()
    if job is not None:
        locate(job)
