"""What the porteur de projet validated: one revision of a fiche, at a given time.

Kept apart from the page so that it never travels into later revisions: a fiche shows
"validée par le porteur" only while its live revision is the one the porteur approved.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from resource_centre.compat import PAGE_MODEL


class PorteurValidation(models.Model):
    page = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="porteur_validations",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("validated revision"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validated on"))
    task_state = models.ForeignKey(
        "fiches.PorteurValidationTaskState",
        verbose_name=_("validation task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="validations",
    )

    class Meta:
        verbose_name = _("validation by the project holder")
        verbose_name_plural = _("validations by the project holder")
        ordering = ["validated_at"]

    def __str__(self):
        return f"{self.page_id} @ {self.revision_id}"


def validation_dates(pages):
    """{page pk: when the porteur validated its live revision} for pages whose live content is
    the validated revision, in one query."""
    live = {page.live_revision_id: page.pk for page in pages if page.live and page.live_revision_id}
    if not live:
        return {}
    dates = {}
    for revision_id, when in PorteurValidation.objects.filter(
        revision_id__in=list(live)
    ).values_list("revision_id", "validated_at"):
        dates.setdefault(live[revision_id], when)
    return dates
