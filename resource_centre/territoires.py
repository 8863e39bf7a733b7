"""Loading the reference territoires: France's official ones (bundled), a JSON file of nodes.

`load_france()` reads `data/territoires-france.json.gz` (every région, département, EPCI à fiscalité
propre and commune of the current Code officiel géographique; see `data/SOURCE.md`), `load_file()` a
JSON file of nodes. Both go through `load_nodes()`, which:

- matches nodes on (level, official code) and updates them in place, so running it again changes
  nothing and what editors tagged keeps its territoire;
- creates the new ones in bulk, with their ids and materialised paths computed beforehand (a few
  seconds for all of France, instead of one save per node);
- keeps a renamed node's former name in its other names (visitors still find it);
- keeps a merged commune, marked `former`, under the commune it merged into: content tagged with
  it is still shown with it and found when filtering by its successor (or anything above).

The QPV importer lives in `qpv.py`.
"""

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from . import generations
from .import_files import ImportFileError, read_path
from .models import Territoire
from .search import fold, normalise

DATA_FILE = Path(__file__).resolve().parent / "data" / "territoires-france.json.gz"
Kind = Territoire.Kind
UPDATED_FIELDS = [
    "name",
    "parent",
    "alternative_names",
    "siren",
    "postal_codes",
    "population",
    "former",
    "search_text",
]
BATCH = 500


class TerritoireDataError(ValueError):
    """Data that cannot be loaded; its message is meant for the person who gave it."""


@dataclass
class Node:
    kind: str
    code: str
    name: str
    parent: tuple | None = None  # (kind, code)
    alternative_names: str = ""
    siren: str = ""
    postal_codes: str = ""
    population: int | None = None


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    merged: int = 0
    retired: int = 0

    def __str__(self):
        return _(
            "Territories: %(created)s created, %(updated)s updated, %(merged)s merged, "
            "%(retired)s no longer current."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "retired": self.retired,
        }


def read_france(path=DATA_FILE):
    with gzip.open(path, "rt", encoding="utf-8") as file:
        return json.load(file)


def _matches(wanted, code, name):
    return wanted == code or fold(wanted).split() == fold(name).split()


def select_regions(data, wanted):
    """The codes of the régions named in `wanted` (codes or names, accents and case ignored)."""
    codes = []
    for item in wanted:
        found = [code for code, name, _alt in data["regions"] if _matches(item.strip(), code, name)]
        if not found:
            raise TerritoireDataError(
                _("Unknown region: %(region)s. Known regions: %(known)s.")
                % {
                    "region": item,
                    "known": ", ".join(f"{code} {name}" for code, name, _alt in data["regions"]),
                }
            )
        codes += found
    return codes


def france_nodes(data, regions=None, departements=None):
    """(nodes parent first, {former commune code: its successor's code}, codes of the départements
    whose EPCI and communes are given) of the bundled data.

    All régions and départements are always given (a few dozen nodes); `regions` and
    `departements` (codes) limit the EPCI and communes to those régions and départements.
    """
    region_of = {code: region for code, _name, region in data["departements"]}
    if regions is None and departements is None:
        kept = set(region_of)
    else:
        kept = {
            code
            for code, region in region_of.items()
            if region in (regions or ()) or code in (departements or ())
        }
    nodes = [Node(Kind.REGION, code, name, None, alt) for code, name, alt in data["regions"]]
    nodes += [
        Node(Kind.DEPARTEMENT, code, name, (Kind.REGION, region))
        for code, name, region in data["departements"]
    ]
    epci_departement = {}
    for siren, name, departement, population in data["epci"]:
        epci_departement[siren] = departement
        if departement in kept:
            nodes.append(
                Node(
                    Kind.EPCI,
                    siren,
                    name,
                    (Kind.DEPARTEMENT, departement),
                    siren=siren,
                    population=population,
                )
            )
    communes = data["communes"]
    successor = {}
    for code, name, departement, epci, siren, postal_codes, population, former_codes in zip(
        *(communes[column] for column in COMMUNE_COLUMNS), strict=True
    ):
        if departement not in kept:
            continue
        # Under its EPCI, unless the EPCI belongs to another département (it straddles several):
        # then under its own département, so that filtering by the département finds it.
        if epci and epci_departement.get(epci) == departement:
            parent = (Kind.EPCI, epci)
        else:
            parent = (Kind.DEPARTEMENT, departement)
        nodes.append(
            Node(
                Kind.COMMUNE,
                code,
                name,
                parent,
                siren=siren,
                postal_codes=postal_codes,
                population=population,
            )
        )
        for former in former_codes.split():
            successor[former] = code
    return nodes, successor, kept


COMMUNE_COLUMNS = [
    "code",
    "name",
    "departement",
    "epci",
    "siren",
    "postal_codes",
    "population",
    "former_codes",
]


def load_france(regions=None, departements=None, path=DATA_FILE):
    """Load the bundled territoires of France, or only the EPCI and communes of some régions
    (codes or names) and départements (codes)."""
    data = read_france(path)
    codes = select_regions(data, regions) if regions else None
    if departements:
        known = {code for code, _name, _region in data["departements"]}
        unknown = [code for code in departements if code not in known]
        if unknown:
            raise TerritoireDataError(
                _("Unknown département code(s): %(codes)s.") % {"codes": ", ".join(unknown)}
            )
    nodes, successor, kept = france_nodes(data, codes, departements or None)
    return load_nodes(nodes, successor, retire_in=kept)


def file_nodes(path):
    """The nodes of a JSON file: {"territoires": [{"kind", "code", "name", "parent": [kind, code],
    "alternative_names", "siren", "postal_codes", "population"}, ...]}, parents first."""
    try:
        data = read_path(path)
    except ImportFileError as error:
        raise TerritoireDataError(str(error)) from error
    try:
        raw = json.loads(data.decode("utf-8-sig"))
        items = raw["territoires"]
        if not isinstance(items, list):
            raise TypeError
    except (ValueError, KeyError, TypeError) as error:
        raise TerritoireDataError(
            _('The file %(path)s is not a JSON object with a "territoires" list.') % {"path": path}
        ) from error
    nodes = []
    for number, item in enumerate(items, start=1):
        nodes.append(_file_node(number, item))
    return nodes


def _file_node(number, item):
    def fail(message, **values):
        raise TerritoireDataError(
            _("Territory no. %(number)s: %(problem)s")
            % {"number": number, "problem": message % values}
        )

    if not isinstance(item, dict):
        fail(_("not a JSON object."))
    kind, code, name = item.get("kind"), item.get("code", ""), item.get("name")
    if kind not in Kind.values:
        fail(
            _("unknown level %(kind)r (expected one of %(kinds)s)."),
            kind=kind,
            kinds=", ".join(Kind.values),
        )
    for field, value, size in (("code", code, 20), ("name", name, 200)):
        if not isinstance(value, str) or not value.strip() or len(value) > size:
            fail(
                _("“%(field)s” must be a text of 1 to %(size)s characters."), field=field, size=size
            )
    parent = item.get("parent")
    if parent is not None:
        if not (
            isinstance(parent, list)
            and len(parent) == 2
            and all(isinstance(p, str) for p in parent)
        ):
            fail(_("“parent” must be [level, code]."))
        parent = tuple(parent)
    population = item.get("population")
    if population is not None and (not isinstance(population, int) or population < 0):
        fail(_("“population” must be a whole number."))
    texts = {}
    for field, size in (("alternative_names", 255), ("siren", 9), ("postal_codes", 255)):
        value = item.get(field, "")
        if not isinstance(value, str) or len(value) > size:
            fail(
                _("“%(field)s” must be a text of at most %(size)s characters."),
                field=field,
                size=size,
            )
        texts[field] = value.strip()
    return Node(kind, code.strip(), name.strip(), parent, population=population, **texts)


def load_file(path):
    return load_nodes(file_nodes(path))


def _merged_names(current, *more):
    names = [n.strip() for n in current.split(",") if n.strip()]
    for name in more:
        if name and name not in names:
            names.append(name)
    joined = ", ".join(names)
    return joined if len(joined) <= 255 else current


@transaction.atomic
def load_nodes(nodes, successor=None, retire_in=()):
    """Create or update `nodes` (parents first); attach merged communes to their successors; mark
    `former` the EPCI and communes of the départements `retire_in` (codes) that `nodes` lack."""
    result = Result()
    existing = {(t.kind, t.code): t for t in Territoire.objects.exclude(code="")}
    by_pk = {t.pk: t for t in existing.values()}
    next_pk = (Territoire.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    paths = {}  # pk → path, for the nodes of this load
    to_create, to_update, renamed_ones = [], [], []
    for node in nodes:
        parent = None
        if node.parent is not None:
            parent = existing.get((node.parent[0], node.parent[1]))
            if parent is None:
                raise TerritoireDataError(
                    _("Unknown parent %(parent)s for %(name)s.")
                    % {"parent": " ".join(node.parent), "name": node.name}
                )
        _check_parent(node, parent)
        parent_path = paths.get(parent.pk, parent.path) if parent else "/"
        values = {
            "name": node.name,
            "parent_id": parent.pk if parent else None,
            "siren": node.siren,
            "postal_codes": node.postal_codes,
            "population": node.population,
            "former": False,
        }
        territoire = existing.get((node.kind, node.code))
        if territoire is None:
            territoire = Territoire(
                pk=next_pk,
                kind=node.kind,
                code=node.code,
                alternative_names=node.alternative_names,
                path=f"{parent_path}{next_pk}/",
                **values,
            )
            territoire.search_text = territoire.searchable_text()
            next_pk += 1
            existing[(node.kind, node.code)] = by_pk[territoire.pk] = territoire
            to_create.append(territoire)
        else:
            renamed = territoire.name if territoire.name != node.name else ""
            values["alternative_names"] = _merged_names(
                territoire.alternative_names, *node.alternative_names.split(", "), renamed
            )
            values["search_text"] = normalise(
                node.name, values["alternative_names"], node.code, node.postal_codes
            )
            if any(getattr(territoire, f) != v for f, v in values.items()):
                for field, value in values.items():
                    setattr(territoire, field, value)
                to_update.append(territoire)
            if renamed:
                renamed_ones.append(territoire)
        paths[territoire.pk] = f"{parent_path}{territoire.pk}/"
    Territoire.objects.bulk_create(to_create, batch_size=BATCH)
    _reset_sequence()
    for territoire in _merge(existing, successor or {}):
        if territoire not in to_update:
            to_update.append(territoire)
        result.merged += 1
    for territoire in _retire(existing, nodes, retire_in, paths):
        if territoire not in to_update:
            to_update.append(territoire)
        result.retired += 1
    Territoire.objects.bulk_update(to_update, UPDATED_FIELDS, batch_size=BATCH)
    # A bulk update sends no signal: the renamed are said saved, so that the texts that copy
    # their names follow them (resource_centre.search.follow_terms).
    for territoire in renamed_ones:
        post_save.send(
            Territoire,
            instance=territoire,
            created=False,
            raw=False,
            using=Territoire.objects.db,
            update_fields=frozenset({"name", "alternative_names"}),
        )
    result.created = len(to_create)
    result.updated = len(to_update) - result.merged - result.retired
    rebuild_paths()
    # Counts kept per territoire and its ancestors follow the new tree (bulk writes: no signal).
    generations.bump_all()
    return result


def _check_parent(node, parent):
    allowed = Territoire.ALLOWED_PARENTS[node.kind]
    if (parent is None and node.kind != Kind.REGION) or (
        parent is not None and (parent.kind not in allowed or parent.kind == node.kind)
    ):
        raise TerritoireDataError(
            _("A %(kind)s cannot be placed under %(parent)s.")
            % {
                "kind": Kind(node.kind).label,
                "parent": Kind(parent.kind).label if parent else _("nothing"),
            }
        )


def _merge(existing, successor):
    """Communes that are no longer current and merged into a loaded commune: moved under it."""
    for (kind, code), territoire in existing.items():
        new_code = successor.get(code)
        if kind != Kind.COMMUNE or new_code is None or new_code == code:
            continue
        new = existing.get((Kind.COMMUNE, new_code))
        if new is None or (territoire.former and territoire.parent_id == new.pk):
            continue
        territoire.parent_id, territoire.former = new.pk, True
        yield territoire


def _retire(existing, nodes, departements, paths):
    """EPCI and communes no longer in the official code (dissolved, or gone without successor):
    kept, for what is tagged with them, but marked `former` (pickers leave them out)."""
    scope = {
        existing[(Kind.DEPARTEMENT, code)].pk
        for code in departements
        if (Kind.DEPARTEMENT, code) in existing
    }
    current = {(node.kind, node.code) for node in nodes}
    for key, territoire in existing.items():
        if key[0] not in (Kind.EPCI, Kind.COMMUNE) or key in current or territoire.former:
            continue
        ids = Territoire.path_ids(paths.get(territoire.pk, territoire.path))
        if len(ids) > 1 and ids[1] in scope:
            territoire.former = True
            yield territoire


def _reset_sequence():
    """The ids were chosen here: the database's own counter must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Territoire])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild_paths():
    """Recompute every materialised path from the parents (one read, writes only what changed)."""
    rows = {
        pk: (parent, path)
        for pk, parent, path in Territoire.objects.values_list("pk", "parent", "path")
    }
    computed = {}

    def path_of(pk):
        if pk not in computed:
            chain = []
            node = pk
            while node is not None and node not in computed and node not in chain:
                chain.append(node)
                node = rows[node][0]
            prefix = computed.get(node, "/") if node is not None else "/"
            for item in reversed(chain):
                prefix = computed[item] = f"{prefix}{item}/"
        return computed[pk]

    changed = [
        Territoire(pk=pk, path=path_of(pk)) for pk, (_p, old) in rows.items() if path_of(pk) != old
    ]
    Territoire.objects.bulk_update(changed, ["path"], batch_size=BATCH)
    return len(changed)
