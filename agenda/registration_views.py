"""Public registration and cancellation (routes of the event page)."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from resource_centre.layout import base_template
from resource_centre.ratelimit import too_many_attempts
from resource_centre.tokens import InvalidToken

from . import conf
from .emails import send_registration_email
from .forms import RegistrationForm
from .models import Registration
from .registrations import CANCEL, RegistrationRefused, confirm_address, pending_registration
from .registrations import register as take_seat


def _render(event, request, template, context, status=200):
    if context.get("form") is not None:
        context["form"].describe_errors()
    context = {
        "page": event,
        "self": event,
        "request": request,
        "base_template": base_template(),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def _too_many_attempts(request, event):
    limit, window = conf.get("AGENDA_REGISTRATION_RATE")
    return too_many_attempts(request, "agenda-registration", limit, window, target=event.pk)


def register(event, request):
    state = event.registration_state()
    if state not in ("open", "waiting"):
        return _render(event, request, "agenda/registration_form.html", {"state": state})
    if request.method != "POST":
        form = RegistrationForm(event=event)
        return _render(
            event, request, "agenda/registration_form.html", {"form": form, "state": state}
        )

    form = RegistrationForm(request.POST, event=event)
    # A form with mistakes takes no seat and sends nothing: only the others count.
    if form.is_valid() and _too_many_attempts(request, event):
        form.add_error(None, _("Too many attempts from your connection. Please try again later."))
        return _render(
            event,
            request,
            "agenda/registration_form.html",
            {"form": form, "state": state},
            status=429,
        )
    if form.is_spam:
        # Say nothing to robots; keep nothing.
        status = "check_email" if event.registration_confirmation else "confirmed"
        return _render(event, request, "agenda/registration_done.html", {"status": status})
    if form.is_valid():
        try:
            registration, kind, promoted = take_seat(event, form.cleaned_data)
        except RegistrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            send_registration_email(registration, request, kind)
            for person in promoted:
                send_registration_email(person, request, "promoted")
            # A known address and a new one get the same page; the e-mail tells them apart.
            status = "check_email" if kind in ("confirm_address", "already") else kind
            return _render(event, request, "agenda/registration_done.html", {"status": status})
    return _render(
        event, request, "agenda/registration_form.html", {"form": form, "state": state}, status=400
    )


def _registration_from_token(event, token):
    try:
        registration, _data = CANCEL.open(token, Registration.objects.filter(event=event))
    except InvalidToken as error:
        if error.expired:
            return None, _("This cancellation link has expired.")
        if error.revoked:
            return None, _("This registration is already cancelled.")
        return None, _("This cancellation link is not valid.")
    if registration.status == Registration.Status.CANCELLED:
        return None, _("This registration is already cancelled.")
    return registration, None


def confirm(event, request):
    """The link e-mailed to a new registrant: a GET shows a button (mail scanners open links),
    the POST confirms the address and takes the seat."""
    token = request.POST.get("jeton") if request.method == "POST" else request.GET.get("jeton")
    template = "agenda/registration_confirm.html"
    try:
        if request.method != "POST":
            registration = pending_registration(event, token or "")
            context = {"registration": registration, "token": token}
            return _render(event, request, template, context)
        registration, promoted = confirm_address(event, token or "")
    except InvalidToken as error:
        if error.expired:
            problem = _("This confirmation link has expired. Please register again.")
        elif error.revoked:
            problem = _("This registration is already confirmed, or was cancelled.")
        else:
            problem = _("This confirmation link is not valid.")
        return _render(event, request, template, {"problem": problem}, status=400)
    except RegistrationRefused as refusal:
        return _render(event, request, template, {"problem": str(refusal)}, status=409)
    send_registration_email(registration, request, registration.status)
    for person in promoted:
        send_registration_email(person, request, "promoted")
    return _render(event, request, "agenda/registration_done.html", {"status": registration.status})


def cancel(event, request):
    token = request.POST.get("jeton") if request.method == "POST" else request.GET.get("jeton")
    registration, problem = _registration_from_token(event, token or "")
    if problem:
        return _render(
            event, request, "agenda/registration_cancel.html", {"problem": problem}, status=400
        )
    if request.method != "POST":
        return _render(
            event,
            request,
            "agenda/registration_cancel.html",
            {"registration": registration, "token": token},
        )
    promoted = registration.cancel()
    if promoted:
        send_registration_email(promoted, request, "promoted")
    return _render(event, request, "agenda/registration_cancel.html", {"done": True})
