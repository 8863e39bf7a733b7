"""Import the quartiers prioritaires de la politique de la ville from a CSV file (see
resource_centre/qpv.py for the format)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ... import qpv
from ...import_files import ImportFileError, read_path
from ..base import SuiteCommand


class Command(SuiteCommand):
    help = gettext_lazy(
        "Import the quartiers prioritaires (QPV) from a CSV file, e.g. the official 2024 list of "
        "the ANCT on data.gouv.fr. UTF-8 (with or without BOM), fields separated by semicolons, "
        "commas or tabs, a header row with the QPV's code (code_qp, code_qpv or code), its name "
        "(lib_qp, nom_qp, nom or name) and its communes' INSEE codes (insee_com, code_insee, "
        "communes or depcom; several in one cell separated by commas, semicolons, | or spaces, "
        "or one row per commune). Each QPV goes under its commune, or under the EPCI when it "
        "straddles communes; load the territories first (load_territoires). Rows that cannot be "
        "read are listed and left out. Safe to run again: QPV are matched on their code."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("The CSV file."))

    def handle(self, *args, file, **options):
        try:
            outcome = qpv.import_qpv(read_path(file))
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for problem in outcome.problems:
            self.stderr.write(problem)
        self.stdout.write(str(outcome.result))
        if outcome.problems:
            self.stdout.write(
                _("%(count)s line(s) left out, listed above.") % {"count": len(outcome.problems)}
            )
