"""Admin import of structures: upload → preview → confirm. Nothing is written before confirming."""

import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from resource_centre.import_files import ImportFileError, read_upload
from resource_centre.storage import private_storage
from resource_centre.tokens import InvalidToken, make_token, read_token

from .. import conf, geocoding
from ..importer import apply_plan, make_plan, plan_locating, read_table
from ..models import ImportJob
from ..tasks import locate_addresses, run_import

TOKEN_PURPOSE = "annuaire.import"
UPLOAD_DIR = "annuaire_imports"
PREVIEW_LIMIT = 200


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or Excel (XLSX) file"),
        help_text=gettext_lazy(
            "First line: the column names. Required: “Nom” and “Ville”; optional: Sigle, Type, "
            "SIRET, Adresse, Code postal, Site web, E-mail, Téléphone, Thématiques (separated by | "
            "as in the exports, or by ;), "
            "Description. An empty cell leaves what is recorded unchanged."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if geocoding.enabled():
            field = self.fields["file"]
            field.help_text = format_lazy(
                "{} {}",
                field.help_text,
                gettext_lazy(
                    "After the import, the Adresse (with the Code postal and Ville) gives each "
                    "structure its position on the map."
                ),
            )


def _check_permissions(user):
    if not (user.has_perm("annuaire.add_structure") and user.has_perm("annuaire.change_structure")):
        raise PermissionDenied


def clean_abandoned_uploads():
    """Files previewed but never confirmed stay in annuaire_imports/: drop those over a day old
    (their confirmation token expired long before), except those a job still waits on."""
    cutoff = timezone.now() - timedelta(days=1)
    storage = private_storage()
    try:
        _folders, names = storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    waiting = set(
        ImportJob.objects.filter(
            status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
        ).values_list("file_path", flat=True)
    )
    for name in names:
        path = f"{UPLOAD_DIR}/{name}"
        try:
            if path not in waiting and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
        except (OSError, NotImplementedError):
            continue


def _plan_from(name, data):
    headers, table = read_table(name, data)
    return make_plan(headers, table)


def _context(**extra):
    context = {"page_title": _("Import structures"), "header_icon": "upload"}
    context.update(extra)
    return context


def import_view(request):
    _check_permissions(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        clean_abandoned_uploads()
        uploaded = form.cleaned_data["file"]
        try:
            data = read_upload(uploaded, conf.get("ANNUAIRE_IMPORT_MAX_BYTES"))
            plan = _plan_from(uploaded.name, data)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            token = None
            if plan.can_apply:
                suffix = ".xlsx" if uploaded.name.lower().endswith(".xlsx") else ".csv"
                stored = private_storage().save(
                    f"{UPLOAD_DIR}/{secrets.token_hex(12)}{suffix}", ContentFile(data)
                )
                token = make_token(
                    TOKEN_PURPOSE,
                    {"path": stored, "user": request.user.pk, "name": uploaded.name[:200]},
                )
            return TemplateResponse(
                request,
                "annuaire/admin/import_preview.html",
                _context(
                    plan=plan,
                    summary=plan.summary(),
                    token=token,
                    filename=uploaded.name,
                    shown_rows=[r for r in plan.rows if r.action in ("create", "update")][
                        :PREVIEW_LIMIT
                    ],
                ),
            )
    return TemplateResponse(request, "annuaire/admin/import_form.html", _context(form=form))


def _confirm(request):
    try:
        payload = read_token(TOKEN_PURPOSE, request.POST.get("token"), max_age=3600)
        if payload.get("user") != request.user.pk or not str(payload.get("path", "")).startswith(
            f"{UPLOAD_DIR}/"
        ):
            raise InvalidToken()
        path = payload["path"]
        if not private_storage().exists(path):
            raise InvalidToken()
    except (InvalidToken, AttributeError):
        messages.error(
            request,
            _(
                "This import can no longer be confirmed (expired or already done). Upload the file again."
            ),
        )
        return redirect("annuaire_admin:import")
    name = str(payload.get("name") or path)
    try:
        # One job per upload (file_path is unique): a second click finds the first one's job.
        with transaction.atomic():
            job = ImportJob.objects.create(file_path=path, filename=name, user=request.user)
    except IntegrityError:
        job = ImportJob.objects.filter(file_path=path).first()
        messages.info(request, _("This import was already confirmed."))
        return (
            redirect("annuaire_admin:import_job", job.pk)
            if job
            else redirect("annuaire_admin:import")
        )
    with private_storage().open(path, "rb") as stored:
        data = stored.read()
    try:
        headers, table = read_table(path, data)
        if len(table) > conf.get("ANNUAIRE_IMPORT_BACKGROUND_ROWS"):
            transaction.on_commit(lambda: run_import.enqueue(job.pk))
            return redirect("annuaire_admin:import_job", job.pk)
        plan = make_plan(headers, table)
        summary = apply_plan(plan)
    except ImportFileError as error:
        private_storage().delete(path)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, error=error.message
        )
        messages.error(request, error.message)
        return redirect("annuaire_admin:import")
    private_storage().delete(path)
    locating = plan_locating(plan, summary)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE, summary=summary, done=len(table), total=len(table)
    )
    messages.success(
        request,
        _("Import done: %(create)s created, %(update)s updated, %(unchanged)s unchanged.")
        % summary,
    )
    if summary["reject"]:
        messages.warning(
            request,
            ngettext(
                "%(count)s line was left out: its reason is listed below.",
                "%(count)s lines were left out: their reasons are listed below.",
                summary["reject"],
            )
            % {"count": summary["reject"]},
        )
    if locating:  # the geocoder may take a while: in the background, followed on the job's page
        transaction.on_commit(lambda: locate_addresses.enqueue(job.pk))
    if locating or summary["rejected"]:  # the job's page lists the lines left out
        return redirect("annuaire_admin:import_job", job.pk)
    return redirect("annuaire_admin:import")


def import_job(request, pk):
    _check_permissions(request.user)
    job = get_object_or_404(ImportJob, pk=pk)
    return TemplateResponse(
        request,
        "annuaire/admin/import_job.html",
        _context(
            job=job,
            running=job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING),
            locate=job.summary.get("locate"),
            locating=job.summary.get("locate", {}).get("status") in ("queued", "running"),
        ),
    )
