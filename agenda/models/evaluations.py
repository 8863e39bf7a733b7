"""The fiche d'évaluation: a questionnaire the centre writes in Wagtail, sent after a séance to
those who came, answered once per registration through a signed link.

Answers are kept apart from who gave them: an `EvaluationInvitation` records that a registrant
was invited (and its version counter, spent by the answer, makes the link work once); an
`Evaluation` holds the answers with the séance and the day only, and no link to the invitation
or the registration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from resource_centre.validators import plain_text

SCALE = range(1, 6)  # a five-point scale, the one paper fiches d'évaluation use


class ScaleQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=255)
    low_label = blocks.CharBlock(
        label=_("Meaning of 1"), max_length=60, default=_("Not at all satisfied")
    )
    high_label = blocks.CharBlock(
        label=_("Meaning of 5"), max_length=60, default=_("Very satisfied")
    )
    required = blocks.BooleanBlock(label=_("Answer required"), required=False, default=True)

    class Meta:
        icon = "list-ol"
        label = _("Rating from 1 to 5")


class CommentQuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Question"), max_length=255)
    required = blocks.BooleanBlock(label=_("Answer required"), required=False, default=False)

    class Meta:
        icon = "comment"
        label = _("Free comment")


class Questionnaire(index.Indexed, models.Model):
    """A fiche d'évaluation; each event format may use one."""

    title = models.CharField(pgettext_lazy("resource centre", "title"), max_length=200)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        validators=[plain_text],
        help_text=_("Shown above the questions, e.g. why the centre asks."),
    )
    questions = StreamField(
        [("scale", ScaleQuestionBlock()), ("comment", CommentQuestionBlock())],
        verbose_name=_("questions"),
    )

    panels = [FieldPanel("title"), FieldPanel("introduction"), FieldPanel("questions")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("evaluation questionnaire")
        verbose_name_plural = _("evaluation questionnaires")
        ordering = ["title"]

    def __str__(self):
        return self.title


class EvaluationInvitation(models.Model):
    """A registrant was asked to evaluate the séance; `version` is spent by their answer."""

    registration = models.OneToOneField(
        "agenda.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="evaluation_invitation",
    )
    seance = models.ForeignKey(
        "agenda.Seance", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("evaluation invitation")
        verbose_name_plural = _("evaluation invitations")

    def __str__(self):
        return f"{self.questionnaire_id} – {self.registration_id}"


class Evaluation(models.Model):
    """One person's answers, anonymous: the séance and the day, never who."""

    event = models.ForeignKey(
        "agenda.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    seance = models.ForeignKey(
        "agenda.Seance",
        verbose_name=_("séance"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
    )
    questionnaire = models.ForeignKey(
        Questionnaire, null=True, on_delete=models.SET_NULL, related_name="evaluations"
    )
    answered_on = models.DateField(_("answered on"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.event_id} – {self.answered_on}"


class EvaluationAnswer(models.Model):
    """The answer to one question, with the question as it was asked."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=64)  # the question block's id
    label = models.CharField(_("question"), max_length=255)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True)
    comment = models.TextField(_("comment"), blank=True, validators=[plain_text])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "rating"])]

    def __str__(self):
        return self.label
