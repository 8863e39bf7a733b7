"""What the fiches hold on a person: the porteur's contact, in the fiches, in every revision of
them, and in the validation links sent to the porteur."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from resource_centre.rgpd import PersonalData

from .models import FichePage, PorteurValidationTaskState

CONTACT = {
    "contact_name": "",
    "contact_function": "",
    "contact_email": "",
    "contact_phone": "",
    "contact_consent": False,
    "contact_consent_date": None,
    "contact_consent_source": "",
}


class PorteurContactData(PersonalData):
    label = _("Experience sheets (project holder's contact)")

    def _revisions(self, email):
        from wagtail.models import Revision

        content_type = ContentType.objects.get_for_model(FichePage)
        revisions = Revision.objects.filter(content_type=content_type, content__icontains=email)
        needle = email.lower()
        return [r for r in revisions if str(r.content.get("contact_email", "")).lower() == needle]

    def _fiches(self, email):
        """The fiches whose current contact is this address (a revision may hold an earlier
        porteur's: only that revision is theirs)."""
        return FichePage.objects.filter(contact_email__iexact=email)

    def _links(self, email):
        return PorteurValidationTaskState.objects.filter(link_sent_to__iexact=email)

    def find(self, email):
        records = [
            (fiche.title, {"fiche": fiche.title, **{f: getattr(fiche, f) for f in CONTACT}})
            for fiche in self._fiches(email)
        ]
        records += [
            (
                _("Version of “%(title)s” saved on %(date)s")
                % {"title": r.content.get("title", ""), "date": r.created_at.date()},
                {"fiche": r.content.get("title", ""), **{f: r.content.get(f) for f in CONTACT}},
            )
            for r in self._revisions(email)
        ]
        records += [
            (_("Validation link sent on %(date)s") % {"date": s.link_sent_at}, {"sent_to": email})
            for s in self._links(email)
        ]
        return records

    def erase(self, email):
        # Without a new revision: the contact must leave the history, not enter it again.
        for revision in self._revisions(email):
            revision.content.update(CONTACT)
            revision.save(update_fields=["content"])
        self._fiches(email).update(**CONTACT)
        self._links(email).update(link_sent_to="")
