"""The evaluation form opened from the e-mailed link (a route of the event page)."""

from django.utils.translation import gettext as _

from resource_centre.tokens import InvalidToken

from .evaluations import EVALUATE, AlreadyAnswered, EvaluationForm, record
from .models import EvaluationInvitation
from .registration_views import _render

TEMPLATE = "agenda/evaluation_form.html"


def _invitation(event, token):
    invitations = EvaluationInvitation.objects.filter(registration__event=event).select_related(
        "questionnaire", "seance"
    )
    try:
        invitation, _data = EVALUATE.open(token, invitations)
    except InvalidToken as error:
        if error.expired:
            return None, _("This evaluation link has expired.")
        if error.revoked:
            return None, _("This evaluation has already been answered: thank you.")
        return None, _("This evaluation link is not valid.")
    return invitation, None


def answer(event, request):
    """GET shows the questionnaire; POST records the answers once."""
    token = request.POST.get("jeton") if request.method == "POST" else request.GET.get("jeton")
    invitation, problem = _invitation(event, token or "")
    if problem:
        return _render(event, request, TEMPLATE, {"problem": problem}, status=400)
    questionnaire = invitation.questionnaire
    context = {"questionnaire": questionnaire, "seance": invitation.seance, "token": token}
    if request.method != "POST":
        form = EvaluationForm(questionnaire=questionnaire)
        return _render(event, request, TEMPLATE, {**context, "form": form})
    form = EvaluationForm(request.POST, questionnaire=questionnaire)
    if not form.is_valid():
        return _render(event, request, TEMPLATE, {**context, "form": form}, status=400)
    try:
        record(invitation, form)
    except AlreadyAnswered:
        problem = _("This evaluation has already been answered: thank you.")
        return _render(event, request, TEMPLATE, {"problem": problem}, status=409)
    return _render(event, request, TEMPLATE, {"done": True})
