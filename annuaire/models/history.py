"""What the annuaire remembers of the entries it no longer holds, so that the bilan d'activité
can count the entries at any past date: the kind, the type, and two dates. Nothing that says who."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RemovedEntry(models.Model):
    class Kind(models.TextChoices):
        STRUCTURE = "structure", _("structure")
        PERSON = "person", _("person")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    type = models.ForeignKey(
        "annuaire.StructureType",
        verbose_name=_("type of structure"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("resource centre", "created at"), null=True)
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("removed entry")
        verbose_name_plural = _("removed entries")

    def __str__(self):
        return f"{self.kind} – {self.removed_at:%Y-%m-%d}"

    @classmethod
    def record(cls, sender, instance, **kwargs):
        """Connected to post_delete of structures and people (every way of deleting one)."""
        cls.objects.create(
            kind=cls.Kind.PERSON if sender._meta.model_name == "person" else cls.Kind.STRUCTURE,
            type_id=getattr(instance, "type_id", None),
            created_at=instance.created_at,
        )
