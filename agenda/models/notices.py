"""What a séance's registrants were last told: its day, start time and status.

Kept beside the séance, not on it: a séance is part of its page's revisions, and publishing an
older draft must not bring back what registrants were told before."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnouncedSeance(models.Model):
    seance = models.OneToOneField(
        "agenda.Seance", on_delete=models.CASCADE, related_name="announced", primary_key=True
    )
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10)

    class Meta:
        verbose_name = _("séance as announced to its registrants")
        verbose_name_plural = _("séances as announced to their registrants")

    def __str__(self):
        return f"{self.seance_id}: {self.day} {self.status}"

    @classmethod
    def state_of(cls, seance):
        return {"day": seance.day, "start_time": seance.start_time, "status": seance.status}

    def differs_from(self, seance):
        return (self.day, self.start_time, self.status) != tuple(self.state_of(seance).values())
