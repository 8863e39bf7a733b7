"""Public registration and cancellation (routes of the event page)."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from resource_centre.ids import as_id
from resource_centre.layout import base_template
from resource_centre.ratelimit import too_many_attempts
from resource_centre.tokens import InvalidToken

from . import conf
from .emails import send_registration_email
from .forms import RegistrationForm
from .models import Registration
from .registrations import CANCEL, RegistrationRefused, confirm_address, pending_registration
from .registrations import register as take_seat
from .views import subpage_url


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


# What the page after a registration says: the e-mail to open, the waiting list, or done.
DONE_STATES = ("check_email", "waiting", "confirmed")


def _upcoming(event):
    return event.upcoming_seances().select_related("venue").order_by("day", "start_time")


def _done(event, request, status, seance=None):
    """The answer to a registration's POST: a redirect to the page saying what happens next,
    which a reload shows again instead of registering (and e-mailing) a second time."""
    query = {"etat": status, **({"seance": seance.pk} if seance is not None else {})}
    url = subpage_url(event, request, "registration_done")
    return HttpResponseRedirect(f"{url}?{urlencode(query)}", status=303)


def done(event, request):
    """What happens next, and for which séances (from the URL: nothing in it is personal)."""
    status = request.GET.get("etat")
    seances = _upcoming(event)
    chosen = as_id(request.GET.get("seance"))
    if event.registration_per_seance and chosen is not None:
        seances = seances.filter(pk=chosen)
    context = {"status": status if status in DONE_STATES else "check_email", "seances": seances}
    return _render(event, request, "agenda/registration_done.html", context)


def _too_many_attempts(request, event):
    limit, window = conf.get("AGENDA_REGISTRATION_RATE")
    return too_many_attempts(request, "agenda-registration", limit, window, target=event.pk)


def register(event, request):
    state = event.registration_state()
    if state not in ("open", "waiting"):
        return _render(event, request, "agenda/registration_form.html", {"state": state})
    # The dates and places one registers for, above the form (unless a séance is to be chosen).
    shown = {"state": state, "seances": _upcoming(event)}
    if request.method != "POST":
        form = RegistrationForm(event=event)
        return _render(event, request, "agenda/registration_form.html", {"form": form, **shown})

    form = RegistrationForm(request.POST, event=event)
    # A form with mistakes takes no seat and sends nothing: only the others count.
    if form.is_valid() and _too_many_attempts(request, event):
        form.add_error(None, _("Too many attempts from your connection. Please try again later."))
        return _render(
            event,
            request,
            "agenda/registration_form.html",
            {"form": form, **shown},
            status=429,
        )
    if form.is_spam:
        # Say nothing to robots; keep nothing.
        status = "check_email" if event.registration_confirmation else "confirmed"
        # The same address as a person's registration (the séance chosen included), so that
        # nothing tells a robot it was caught.
        return _done(event, request, status, form.cleaned_data.get("seance"))
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
            return _done(event, request, status, registration.seance)
    return _render(
        event, request, "agenda/registration_form.html", {"form": form, **shown}, status=400
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
    return _done(event, request, registration.status, registration.seance)


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
