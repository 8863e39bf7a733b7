"""The annuaire's part of ``manage.py setup_resource_centre``: its index page only."""

INDEX_PAGE = ("annuaire.AnnuaireIndexPage", "Annuaire des acteurs", "annuaire")


def setup():
    return []
