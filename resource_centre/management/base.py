"""The base of the suite's management commands."""

from django.core.management.base import BaseCommand


class SuiteCommand(BaseCommand):
    """A command whose help, and its arguments' help, are translations (gettext_lazy), shown in
    the site's language by `--help`: argparse formats only plain strings."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for action in parser._actions:
            if action.help is not None:
                action.help = str(action.help)
        return parser
