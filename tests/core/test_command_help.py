"""`manage.py COMMAND --help` of every command of the suite answers, in the site's language."""

import pytest
from django.core.management import ManagementUtility, get_commands
from django.utils import translation

SUITE = {"resource_centre", "fiches", "agenda", "annuaire", "newsletter"}
FRENCH = {
    "load_territoires": "Charge les territoires",
    "load_qpv": "Importe les quartiers prioritaires",
    "setup_resource_centre": "sur un nouveau site",
    "purge_registrations": "Supprime les inscriptions",
    "send_reminders": "un rappel",
    "send_evaluations": "questionnaire d’évaluation",
    "newsletter_dispatch": "envois de la lettre",
}


def test_every_command_of_the_suite_shows_its_help_in_french(capsys):
    commands = sorted(name for name, app in get_commands().items() if app in SUITE)
    assert set(FRENCH) <= set(commands)
    for name in commands:
        with translation.override("fr"), pytest.raises(SystemExit) as stop:
            ManagementUtility(["manage.py", name, "--help"]).execute()
        out = capsys.readouterr().out
        assert stop.value.code == 0, name
        assert FRENCH.get(name, "") in " ".join(out.split()), (name, out)
