"""Load the reference territoires of France (régions, départements, EPCI, communes) with their
official codes, SIREN, postal codes and population. Safe to run again (see resource_centre/territoires.py).
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ... import territoires
from ..base import SuiteCommand


class Command(SuiteCommand):
    help = gettext_lazy(
        "Load the reference territories of France: every région, département, EPCI with its own "
        "taxation and commune of the current Code officiel géographique, with INSEE code, SIREN, "
        "postal codes and population (bundled data, see resource_centre/data/SOURCE.md). Safe to "
        "run again: nodes are matched on (level, official code) and updated in place; a renamed "
        "node keeps its former name among its other names; a merged commune stays, marked "
        "former, under the commune it merged into, so that tagged content is still found."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--regions",
            default="",
            help=gettext_lazy(
                "Only the EPCI and communes of these régions, by INSEE code or name, separated "
                'by commas (e.g. 53,52 or "Bretagne,Pays de la Loire"). All régions and '
                "départements are always loaded."
            ),
        )
        parser.add_argument(
            "--departements",
            default="",
            help=gettext_lazy(
                "Also (or only) the EPCI and communes of these départements, by INSEE code, "
                "separated by commas (e.g. 95,2A)."
            ),
        )
        parser.add_argument(
            "--file",
            default="",
            help=gettext_lazy(
                'Load this JSON file instead of the bundled data: {"territoires": [{"kind": '
                '"region"|"departement"|"epci"|"commune"|"qpv", "code": "official code", "name": '
                '"…", "parent": ["kind", "code"] (absent for a région), and optionally '
                '"alternative_names", "siren", "postal_codes" (separated by spaces), '
                '"population"}, …]}, each parent before its children.'
            ),
        )

    def handle(self, *args, regions, departements, file, **options):
        wanted = [r.strip() for r in regions.split(",") if r.strip()]
        codes = [d.strip().upper() for d in departements.split(",") if d.strip()]
        for option, given, kept in (
            ("--regions", regions, wanted),
            ("--departements", departements, codes),
        ):
            if given and not kept:
                raise CommandError(_("%(option)s names no territory.") % {"option": option})
        if file and (wanted or codes):
            raise CommandError(
                _("--regions and --departements apply to the bundled data, not to --file.")
            )
        try:
            if file:
                result = territoires.load_file(file)
            else:
                result = territoires.load_france(wanted, codes)
        except territoires.TerritoireDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(result))
