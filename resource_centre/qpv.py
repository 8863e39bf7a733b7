"""Import the quartiers prioritaires de la politique de la ville (QPV) from a CSV file.

The format (the official list of the ANCT on data.gouv.fr fits it):

- UTF-8, with or without BOM; fields separated by semicolons, commas or tabs (read from the
  header, or from the "sep=;" line Excel may write first);
- a header row naming at least three columns (case, accents, spaces and underscores ignored):
  the QPV's code (`code_qp`, `code_qpv` or `code`), its name (`lib_qp`, `nom_qp`, `nom_qpv`,
  `nom`, `libelle` or `name`) and the INSEE codes of its communes (`insee_com`, `code_insee`,
  `codes_insee`, `insee_communes`, `communes`, `code_commune` or `depcom`); other columns are
  ignored;
- one row per QPV; a QPV on several communes lists their codes in one cell, separated by commas,
  semicolons, vertical bars (|) or spaces (quote the cell when it holds the field separator), or
  takes one row per commune with the same code and name;
- a commune may be given by the code of one of Paris, Lyon or Marseille's arrondissements or by
  the code of a former commune merged into another.

A QPV is placed under its commune, or under the communes' EPCI when it straddles several. Rows
that cannot be read are reported, in French, with their line number, and left out; the others
are loaded (again safely: QPV are matched on their code).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import territoires
from .import_files import ImportFileError, read_csv
from .models import Territoire
from .search import fold

Kind = Territoire.Kind
COLUMNS = {
    "code": {"code_qp", "code_qpv", "code", "codeqp", "code_quartier"},
    "name": {"lib_qp", "nom_qp", "nom_qpv", "lib_qpv", "nom", "libelle", "name", "nom_quartier"},
    "communes": {
        "insee_com",
        "code_insee",
        "codes_insee",
        "insee_communes",
        "communes",
        "code_commune",
        "codes_communes",
        "depcom",
        "list_com",
    },
}
QPV_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
COMMUNE_CODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
SEPARATORS = re.compile(r"[\s,;|]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_SIZE = 20 * 1024 * 1024


@dataclass
class QpvImport:
    result: territoires.Result = field(default_factory=territoires.Result)
    problems: list = field(default_factory=list)  # French messages, one per line left out


def _header_key(name):
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


def read_rows(data):
    """[(line number, {"code", "name", "communes"})] of the CSV bytes or text `data`."""
    if len(data) > MAX_SIZE:
        raise ImportFileError(_("The file is too large (more than 20 MB)."))
    records = [(line, cells) for line, cells in read_csv(data) if any(c.strip() for c in cells)]
    if not records:
        raise ImportFileError(_("The file is empty."))
    (_line, header), records = records[0], records[1:]
    keys = [_header_key(name) for name in header]
    positions = {}
    for column, names in COLUMNS.items():
        found = [i for i, key in enumerate(keys) if key in names]
        if not found:
            raise ImportFileError(
                _(
                    "The header row has no “%(column)s” column (expected one of: %(names)s). "
                    "Columns found: %(found)s."
                )
                % {
                    "column": _column_label(column),
                    "names": ", ".join(sorted(names)),
                    "found": ", ".join(header) or "—",
                }
            )
        positions[column] = found[0]
    return [
        (
            line,
            {column: cells[i].strip() if i < len(cells) else "" for column, i in positions.items()},
        )
        for line, cells in records
    ]


def _column_label(column):
    return {"code": _("QPV code"), "name": _("name"), "communes": _("communes")}[column]


def _commune_index():
    """{INSEE code: commune} for every commune loaded, a former one standing for its successor."""
    communes = {
        t.code: t
        for t in Territoire.objects.filter(kind=Kind.COMMUNE)
        .exclude(code="")
        .select_related("parent")
    }
    for code, commune in list(communes.items()):
        seen = set()
        while commune.former and commune.parent and commune.parent.kind == Kind.COMMUNE:
            if commune.pk in seen:
                break
            seen.add(commune.pk)
            commune = communes.get(commune.parent.code, commune.parent)
        communes[code] = commune
    return communes


def import_qpv(data):
    """Load the QPV of the CSV `data` (bytes or text); see the module's docstring."""
    rows = read_rows(data)
    outcome = QpvImport()
    communes = _commune_index()
    arrondissements = territoires.read_france()["arrondissements"]
    wanted = {}  # code → (line, name, [communes])
    for line, row in rows:
        problem = _row_problem(row)
        if problem:
            outcome.problems.append(
                _("Line %(line)s: %(problem)s") % {"line": line, "problem": problem}
            )
            continue
        found, unknown = [], []
        for code in SEPARATORS.split(row["communes"].upper()):
            if not code:
                continue
            commune = communes.get(arrondissements.get(code, code))
            if not COMMUNE_CODE.match(code) or commune is None:
                unknown.append(code)
            elif commune not in found:
                found.append(commune)
        if unknown:
            outcome.problems.append(
                _(
                    "Line %(line)s: unknown commune code(s) %(codes)s for the QPV %(qpv)s (load the "
                    "territories of its région first: load_territoires --regions …)."
                )
                % {"line": line, "codes": ", ".join(unknown[:10]), "qpv": row["code"]}
            )
            continue
        code = row["code"].upper()
        if code in wanted:
            first_line, name, before = wanted[code]
            if fold(name) != fold(row["name"]):
                outcome.problems.append(
                    _("Line %(line)s: the QPV %(qpv)s is named “%(name)s” on line %(first)s.")
                    % {"line": line, "qpv": code, "name": name, "first": first_line}
                )
                continue
            before += [c for c in found if c not in before]
        else:
            wanted[code] = (line, row["name"], found)
    nodes = []
    for code, (_line, name, found) in wanted.items():
        parent = _parent(found)
        nodes.append(Node(Kind.QPV, code, name, (parent.kind, parent.code)))
    _adopt_uncoded(nodes)
    outcome.result = territoires.load_nodes(nodes)
    return outcome


Node = territoires.Node


def _row_problem(row):
    if not row["code"]:
        return _("the QPV code is missing.")
    if not QPV_CODE.match(row["code"]):
        return _("the QPV code “%(code)s” is not valid (letters and digits, 20 at most).") % {
            "code": CONTROL.sub("", row["code"])[:40]
        }
    if not row["name"] or len(row["name"]) > 200 or CONTROL.search(row["name"]):
        return _(
            "the name of the QPV %(code)s is missing, too long or holds control characters."
        ) % {"code": row["code"]}
    if not row["communes"]:
        return _("the QPV %(code)s has no commune code.") % {"code": row["code"]}
    return ""


def _parent(communes):
    """The commune of a QPV, or its communes' EPCI when it straddles several (the first commune
    when they share none)."""
    if len(communes) > 1:
        parents = {c.parent_id for c in communes}
        epci = communes[0].parent
        if len(parents) == 1 and epci is not None and epci.kind == Kind.EPCI:
            return epci
    return communes[0]


def _adopt_uncoded(nodes):
    """QPV entered by hand without a code, under the same parent with the same name, get theirs:
    they are then updated instead of doubled."""
    uncoded = {}
    for qpv in Territoire.objects.filter(kind=Kind.QPV, code="").select_related("parent"):
        if qpv.parent is not None:
            uncoded.setdefault((fold(qpv.name), qpv.parent.kind, qpv.parent.code), qpv)
    taken = set(
        Territoire.objects.filter(kind=Kind.QPV).exclude(code="").values_list("code", flat=True)
    )
    for node in nodes:
        qpv = uncoded.pop((fold(node.name), *node.parent), None)
        if qpv is not None and node.code not in taken:
            qpv.code = node.code
            qpv.save(update_fields=["code"])
