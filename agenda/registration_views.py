"""Public registration and cancellation (routes of the event page)."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from resource_centre.layout import base_template
from resource_centre.ratelimit import too_many_attempts
from resource_centre.tokens import InvalidToken

from . import conf
from .forms import RegistrationForm
from .models import Registration
from .registrations import (
    CANCEL,
    RegistrationRefused,
    send_registration_email,
)
from .registrations import (
    register as take_seat,
)


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
    if _too_many_attempts(request, event):
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
        return _render(event, request, "agenda/registration_done.html", {"status": "confirmed"})
    if form.is_valid():
        try:
            registration = take_seat(event, form.cleaned_data)
        except RegistrationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            send_registration_email(registration, request, registration.status)
            return _render(
                event,
                request,
                "agenda/registration_done.html",
                {"status": registration.status, "registration": registration},
            )
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
