"""The pages the porteur reaches through the signed link: read the submitted revision, decide."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from resource_centre.forms import CleanTextForm

from .. import validation


class DecisionForm(CleanTextForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("I approve this sheet")), ("changes", _("I ask for changes"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you approve the sheet or ask for changes."),
            "invalid_choice": _("Choose whether you approve the sheet or ask for changes."),
        },
    )
    comment = forms.CharField(
        label=pgettext_lazy("resource centre", "Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you ask for changes: say what should be corrected."),
        error_messages={
            "max_length": _("Your comment is too long (at most %(limit_value)d characters).")
        },
    )

    consent = forms.BooleanField(
        label=_("I agree that my contact details shown above are published with the sheet"),
        required=False,
    )

    def __init__(self, *args, fiche=None, **kwargs):
        super().__init__(*args, **kwargs)
        has_contact = fiche is not None and (fiche.contact_email or fiche.contact_phone)
        if not has_contact or fiche.contact_consent:
            del self.fields["consent"]

    def clean(self):
        cleaned = super().clean()
        # A comment refused already (too long) is not also said to be missing.
        if cleaned.get("decision") == "changes" and cleaned.get("comment") == "":
            self.add_error("comment", _("Say which changes you ask for."))
        return cleaned


def _problem(request, problem):
    return render(
        request,
        "fiches/validation/problem.html",
        {"problem": problem, "task_state": problem.task_state},
        status=problem.status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def validation_view(request, token):
    try:
        task_state = validation.resolve(token)
    except validation.LinkProblem as problem:
        return _problem(request, problem)
    fiche = task_state.revision.as_object()
    if request.method == "POST":
        form = DecisionForm(request.POST, fiche=fiche)
        if form.is_valid():
            try:
                task_state = validation.decide(
                    token,
                    approve=form.cleaned_data["decision"] == "approve",
                    comment=form.cleaned_data["comment"],
                    contact_consent=form.cleaned_data.get("consent", False),
                )
            except validation.LinkProblem as problem:
                return _problem(request, problem)
            return render(
                request,
                "fiches/validation/done.html",
                {"fiche": fiche, "task_state": task_state},
            )
    else:  # a GET records nothing: mail scanners open links too
        form = DecisionForm(fiche=fiche)
    response = render(
        request,
        "fiches/validation/review.html",
        {"fiche": fiche, "form": form, "task_state": task_state},
        status=400 if form.is_bound else 200,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
