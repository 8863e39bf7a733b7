"""The columns of the structures file, shared by the export and the importer (a file exported
from the annuaire can be imported back)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# key, header label. The importer also accepts the keys themselves as headers.
STRUCTURE_COLUMNS = [
    ("nom", _("Name")),
    ("sigle", _("Acronym")),
    ("type", _("Type")),
    ("siret", _("SIRET")),
    ("adresse", _("Street")),
    ("code_postal", _("Postcode")),
    ("ville", _("City")),
    ("site_web", _("Website")),
    ("email", _("E-mail")),
    ("telephone", _("Phone")),
    ("thematiques", _("Themes")),
    ("description", _("Description")),
]
STRUCTURE_EXPORT_ONLY = [("mis_a_jour", _("Updated on"))]
REQUIRED = ("nom", "ville")

PERSON_COLUMNS = [
    ("prenom", _("First name")),
    ("nom", _("Last name")),
    ("metier", _("Job")),
    ("fonction", pgettext_lazy("resource centre", "Position")),
    ("structures", _("Structures")),
    # The person's own contact only with their consent, else their structure's: said in a column.
    ("email", _("Contact e-mail")),
    ("telephone", _("Contact phone")),
    ("contact", _("Contact of")),
    ("thematiques", _("Themes")),
    ("mis_a_jour", _("Updated on")),
]
