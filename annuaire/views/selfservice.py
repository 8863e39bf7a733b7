"""Self-service for the actors: ask for a link, propose a change, ask to be removed.

The link goes only to the address on record, and the answer to "send me a link" is the same
whether or not the address is known, so that nobody can probe the directory.
"""

from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from resource_centre.mail import queue_templated_email
from resource_centre.models import CentreSettings
from resource_centre.ratelimit import too_many_attempts

from .. import conf
from ..erasure import erase_person
from ..forms import AskLinkForm, proposal_form_class
from ..models import ChangeRequest, Person, Structure
from ..tokens import REMOVE, UPDATE, InvalidToken, entry_for, revoke, spend, token_for


def _render(page, request, template, status=200, **extra):
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, template, context, status=status)


def _bad_link(page, request, error):
    message = (
        _("This link has expired. Ask for a new one below.")
        if error.expired
        else _("This link is not valid or has already been used. Ask for a new one below.")
    )
    return _render(
        page,
        request,
        "annuaire/ask_link.html",
        status=400,
        form=AskLinkForm(),
        link_problem=message,
    )


def _links_for(page, request, email):
    entries = list(Structure.objects.filter(email__iexact=email)) + list(
        Person.objects.filter(email__iexact=email)
    )
    links = []
    for entry in entries:
        revoke(entry)  # only the newest links work
        update = page.link_url("propose", token_for(UPDATE, entry))
        item = {"entry": entry, "update_url": request.build_absolute_uri(update)}
        if isinstance(entry, Person):
            remove = page.link_url("remove", token_for(REMOVE, entry))
            item["remove_url"] = request.build_absolute_uri(remove)
        links.append(item)
    return links


def ask_link(page, request):
    form = AskLinkForm(request.POST if request.method == "POST" else None)
    # Counted whatever the address, known or not: the answer must not tell them apart. A
    # mistyped address sends nothing, and is not counted.
    if (
        request.method == "POST"
        and form.is_valid()
        and too_many_attempts(
            request,
            "annuaire.ask_link",
            conf.get("ANNUAIRE_LINK_REQUESTS_PER_HOUR"),
            3600,
            target=page.pk,
        )
    ):
        form.add_error(
            None,
            _("Too many requests from your connection. Wait an hour, then ask again."),
        )
        return _render(page, request, "annuaire/ask_link.html", status=429, form=form)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        links = _links_for(page, request, email)
        if links:
            centre = CentreSettings.for_request(request)
            queue_templated_email(
                "annuaire/emails/link",
                {"links": links, "centre": centre, "site_url": request.build_absolute_uri("/")},
                # To the address on record, not as typed ("S.Barre@…" for "s.barre@…").
                [links[0]["entry"].email],
            )
        return _render(page, request, "annuaire/ask_link_sent.html", email=email)
    return _render(page, request, "annuaire/ask_link.html", form=form)


def propose(page, request, token):
    try:
        entry = entry_for(UPDATE, token)
    except InvalidToken as error:
        return _bad_link(page, request, error)
    form_class = proposal_form_class(entry)
    initial = form_class.initial_for(entry)
    if request.method == "POST":
        form = form_class(request.POST, initial=initial)
        if form.is_valid():
            data = dict(form.cleaned_data)
            comment = data.pop("comment", "")
            # Withdrawing consent takes effect at once: it needs no moderation.
            withdrawn = isinstance(entry, Person) and entry.has_consent and not data["consent"]
            with transaction.atomic():
                # The link is spent: a second submission (or a double click) needs a new one.
                if not spend(entry):
                    return _bad_link(page, request, InvalidToken("revoked"))
                if withdrawn:
                    entry.consent_at, entry.consent_source = None, ""
                    entry.save(update_fields=["consent_at", "consent_source", "updated_at"])
                change = ChangeRequest.objects.create(
                    structure=entry if isinstance(entry, Structure) else None,
                    person=entry if isinstance(entry, Person) else None,
                    proposed=data,
                    comment=comment,
                )
            _notify_centre(request, change)
            return _render(
                page, request, "annuaire/proposal_sent.html", entry=entry, withdrawn=withdrawn
            )
    else:
        form = form_class(initial=initial)
    return _render(page, request, "annuaire/propose.html", form=form, entry=entry)


def _notify_centre(request, change):
    """Tell the centre a proposal waits for moderation (to the contact e-mail of its settings)."""
    centre = CentreSettings.for_request(request)
    if centre.email:
        queue_templated_email(
            "annuaire/emails/proposal_received",
            {
                "change": change,
                "centre": centre,
                "review_url": request.build_absolute_uri(
                    reverse("annuaire_admin:review", args=[change.pk])
                ),
            },
            [centre.email],
        )


def remove(page, request, token):
    try:
        person = entry_for(REMOVE, token)
    except InvalidToken as error:
        return _bad_link(page, request, error)
    if request.method == "POST":
        name = person.full_name
        # Removal deletes the personal data (and the pending proposals), it does not hide it;
        # nor does the name stay in the admin's history.
        erase_person(person)
        return _render(page, request, "annuaire/removed.html", name=name)
    return _render(page, request, "annuaire/remove_confirm.html", person=person)
