"""Public pages of a reader: subscribe (double opt-in), confirm, unsubscribe, preferences, and
ask for a new link to them."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from resource_centre.client import client_address
from resource_centre.layout import base_template
from resource_centre.ratelimit import too_many_attempts
from resource_centre.tokens import InvalidToken

from .. import conf, links, subscriptions
from ..forms import CONSENT_TEXT, ManageLinkForm, PreferencesForm, SubscribeForm
from ..models import Publication


def _render(request, template, context=None, status=200):
    context = dict(context or {}, base_template=base_template())
    return render(request, f"newsletter/public/{template}", context, status=status)


def _invalid(request, error):
    if error.expired:
        message = _("This link has expired. Ask for a new one below: it reaches you by e-mail.")
    elif error.revoked:
        message = _(
            "This link was already used, or you unsubscribed since it was sent: it no longer "
            "works. The latest e-mail you received from us has links that work."
        )
    else:
        message = _("This link is not valid. Check that you copied it whole from the e-mail.")
    return _render(request, "invalid_link.html", {"message": message}, status=400)


def _too_many_attempts(request, form, scope):
    """Whether this connection made too many attempts at `scope`, the form then saying so.
    Counted per connection, whatever the address: the answer says nothing about it. A form with
    mistakes sends nothing, and is not counted."""
    if not form.is_valid():
        return False
    limit, window = conf.get("NEWSLETTER_SUBSCRIBE_RATE")
    if not too_many_attempts(request, scope, limit, window):
        return False
    form.add_error(None, _("Too many attempts from your connection. Please try again later."))
    return True


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and _too_many_attempts(request, form, "newsletter-subscribe"):
        context = {"form": form, "consent_text": CONSENT_TEXT}
        return _render(request, "subscribe.html", context, status=429)
    if request.method == "POST" and form.is_spam:
        return redirect("newsletter:subscribe_sent")  # say nothing to robots, keep nothing
    if request.method == "POST" and form.is_valid():
        subscriptions.request_subscription(form.cleaned_data, _("subscription form"))
        return redirect("newsletter:subscribe_sent")
    return _render(request, "subscribe.html", {"form": form, "consent_text": CONSENT_TEXT})


def subscribe_sent(request):
    return _render(request, "subscribe_sent.html")


@require_http_methods(["GET", "POST"])
def manage_link(request):
    """A new link to a reader's preferences and to unsubscribe, by e-mail: whoever lost theirs,
    or holds an expired one, can still leave."""
    form = ManageLinkForm(request.POST or None)
    if request.method == "POST" and _too_many_attempts(request, form, "newsletter-manage-link"):
        return _render(request, "manage_link.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        subscriptions.send_manage_link(form.cleaned_data["email"])
        return _render(request, "manage_link.html", {"sent": True})
    return _render(request, "manage_link.html", {"form": form})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A GET shows what will be confirmed (mail scanners open links); the button confirms."""
    try:
        if request.method == "POST":
            confirmed = subscriptions.confirm_subscription(token, client_address(request))
        else:
            subscriber, payload = links.read_confirm(token)
    except InvalidToken as error:
        if links.already_confirmed(token, error):
            # Opened again once confirmed (a second click): nothing is wrong, nothing to do.
            return _render(request, "confirmed.html", {"again": True})
        return _invalid(request, error)
    if request.method == "POST":
        subscriber, publications = confirmed
        return _render(
            request,
            "confirmed.html",
            {"publications": publications, "preferences_url": links.preferences_url(subscriber)},
        )
    publications = Publication.objects.filter(pk__in=payload["p"])
    return _render(
        request, "confirm.html", {"publications": publications, "email": subscriber.email}
    )


@csrf_exempt  # RFC 8058 one-click: mail software POSTs without a CSRF cookie; the token protects it.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber, publication_id = links.read_manage(token)
    except InvalidToken as error:
        return _invalid(request, error)
    publication = Publication.objects.filter(pk=publication_id).first()
    context = {
        "publication": publication,
        "email": subscriber.email,
        "preferences_url": links.preferences_path(subscriber),
    }
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber, publication.pk if publication else None)
        # Unsubscribing from everything revoked the links sent so far: offer a fresh one.
        context["preferences_url"] = links.preferences_path(subscriber)
        return _render(request, "unsubscribed.html", context)
    return _render(request, "unsubscribe.html", context)


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber, _publication = links.read_manage(token)
    except InvalidToken as error:
        return _invalid(request, error)
    if request.method == "POST" and "delete" in request.POST:
        # Erasing cannot be undone: the button asks first, the confirmation page erases.
        if request.POST["delete"] != "confirmed":
            return _render(
                request,
                "delete_confirm.html",
                {"email": subscriber.email, "action": request.path},
            )
        subscriber.erase()
        return _render(request, "deleted.html")
    if subscriber.status == subscriber.Status.PENDING:
        # Never confirmed: choosing lists here would send nothing (only confirmed readers
        # receive), and a confirmation records the consent. The reader may still erase.
        return _render(
            request,
            "preferences.html",
            {"pending": True, "email": subscriber.email, "action": request.path},
        )
    form = PreferencesForm(request.POST or None, instance=subscriber)
    saved = False
    if request.method == "POST" and form.is_valid():
        form.save()
        subscriptions.set_publications(subscriber, list(form.cleaned_data["publications"]))
        saved = True
        form = PreferencesForm(instance=subscriber)
    # Leaving every list revoked the links sent so far, this one included: the form goes on
    # under a fresh one.
    action = links.preferences_path(subscriber)
    return _render(
        request,
        "preferences.html",
        {"form": form, "saved": saved, "email": subscriber.email, "action": action},
    )
