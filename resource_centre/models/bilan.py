"""The permission to see the bilan d'activité, offered in the groups' settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bilan(models.Model):
    """No table: the bilan is computed from the apps' records. The model only carries the
    permission, so that Wagtail's group settings show it under a name the team recognises."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_bilan", _("Can view the activity report"))]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def __str__(self):
        return str(self._meta.verbose_name)
