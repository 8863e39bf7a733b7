"""The annuaire's part of ``manage.py setup_resource_centre``: its index page only."""

INDEX_PAGE = ("annuaire.AnnuaireIndexPage", "Annuaire des acteurs", "annuaire")

# What the "Éditeurs" role may do here (resource_centre.roles): keep the directory.
EDITOR_PERMISSIONS = [
    f"annuaire.{action}_{model}"
    for model in ("structure", "person", "reseau", "metier", "structuretype", "changerequest")
    for action in ("add", "change", "view")
] + ["annuaire.add_importjob", "annuaire.view_importjob"]


def setup():
    return []
