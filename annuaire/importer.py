"""Import of structures from CSV or XLSX: read, plan (preview), then apply in one transaction.

- `read_table()` turns the uploaded bytes into rows (the core's reader, within the annuaire's
  limits), or raises `ImportFileError` with a French message (wrong encoding, not a spreadsheet,
  too large, missing columns…).
- `make_plan()` decides, line by line, what would be created, updated, left unchanged or rejected
  (with the reason). It writes nothing.
- `apply_plan()` writes the lines to create or update, in one transaction; the rejected lines
  are left out and listed with their reasons (one bad line never stops the others). Importing
  the same file again finds every line unchanged: structures are matched by SIRET, else by
  name + city.
- `plan_locating()` then `locate()`, in the background, give the addresses with a street their
  position from the geocoder (`geocoding.py`); an address it cannot place is reported on its line
  and stays imported without a position.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resource_centre import generations, import_files
from resource_centre.exports import FORMULA_START, LIST_SEPARATOR, XLSX_CELL_LIMIT
from resource_centre.import_files import ImportFileError
from resource_centre.models import Thematique
from resource_centre.validators import (
    french_postcode,
    normalise_postcode,
    phone_in_text,
    plain_text,
    single_line,
    validate_internet_email,
)

from . import conf, geocoding, search
from .columns import REQUIRED, STRUCTURE_COLUMNS
from .models import Address, ImportJob, Structure, StructureType
from .validators import normalise_siret, validate_siret

# The exports join several values with " | " (LIST_SEPARATOR); files of before wrote ";".
LIST_SPLIT = re.compile("[;" + re.escape(LIST_SEPARATOR.strip()) + "]")

FIELDS = {  # column key → Structure field (the address columns are handled apart)
    "nom": "name",
    "sigle": "sigle",
    "siret": "siret",
    "site_web": "website",
    "email": "email",
    "telephone": "phone",
    "description": "description",
}
ADDRESS = {"adresse": "street", "code_postal": "postcode", "ville": "city"}
MAX_LENGTHS = {
    "nom": 255,
    "sigle": 50,
    "telephone": 30,
    "adresse": 255,
    "code_postal": 10,
    "ville": 150,
}


def normalise(text):
    """ "Code postal " → "code_postal", "Téléphone" → "telephone": how headers and names compare."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return "_".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _header_aliases():
    aliases = {}
    for key, label in STRUCTURE_COLUMNS:
        aliases[key] = key
        aliases[normalise(label)] = key
        with translation.override("en"):
            aliases[normalise(label)] = key
    aliases.update(
        {"e_mail": "email", "courriel": "email", "tel": "telephone", "cp": "code_postal"}
    )
    aliases.update({"commune": "ville", "site": "site_web", "site_internet": "site_web"})
    return aliases


# Reading -------------------------------------------------------------------------------------


def read_table(filename, data):
    """(headers, [(line number, [cells])]) from CSV or XLSX bytes, within the annuaire's limits;
    ImportFileError if unusable."""
    return import_files.read_table(
        filename,
        data,
        max_bytes=conf.get("ANNUAIRE_IMPORT_MAX_BYTES"),
        max_rows=conf.get("ANNUAIRE_IMPORT_MAX_ROWS"),
        max_columns=conf.get("ANNUAIRE_IMPORT_MAX_COLUMNS"),
        max_unpacked_bytes=conf.get("ANNUAIRE_IMPORT_MAX_UNPACKED_BYTES"),
    )


# Planning ------------------------------------------------------------------------------------


@dataclass
class PlannedRow:
    line: int
    values: dict
    action: str = "create"  # create, update, unchanged, reject
    reasons: list = field(default_factory=list)
    target: object = None
    changes: list = field(default_factory=list)
    type: object = None
    thematiques: list = None
    address: object = None  # once applied: the address written (created or updated)

    @property
    def change_labels(self):
        """The changed fields, as the editors name them."""
        labels = []
        for attr in self.changes:
            model = Address if attr in ADDRESS.values() else Structure
            labels.append(str(model._meta.get_field(attr).verbose_name))
        return labels


@dataclass
class Plan:
    rows: list
    ignored_columns: list

    def of(self, action):
        return [r for r in self.rows if r.action == action]

    @property
    def rejected(self):
        return self.of("reject")

    @property
    def can_apply(self):
        return bool(self.of("create") or self.of("update"))

    def summary(self):
        """The number of lines of each action, and the rejected ones: [[line, reasons]]."""
        counts = {a: len(self.of(a)) for a in ("create", "update", "unchanged", "reject")}
        counts["rejected"] = [[row.line, "; ".join(row.reasons)] for row in self.rejected]
        return counts


def _columns(headers):
    aliases = _header_aliases()
    mapping, ignored, seen = {}, [], set()
    for index, header in enumerate(headers):
        key = aliases.get(normalise(header))
        if key and key not in seen:
            mapping[index] = key
            seen.add(key)
        elif header:
            ignored.append(header)
    missing = [k for k in REQUIRED if k not in seen]
    if missing:
        labels = dict(STRUCTURE_COLUMNS)
        raise ImportFileError(
            ngettext(
                "A required column is missing: %(columns)s. The first line of the file must name the columns (e.g. “Nom”, “Ville”).",
                "Required columns are missing: %(columns)s. The first line of the file must name the columns (e.g. “Nom”, “Ville”).",
                len(missing),
            )
            % {"columns": ", ".join(f"« {labels[k]} »" for k in missing)}
        )
    return mapping, ignored


def _existing():
    by_siret, by_name_city = {}, {}
    structures = Structure.objects.prefetch_related("addresses", "thematiques").select_related(
        "type"
    )
    for structure in structures.iterator(chunk_size=2000):
        if structure.siret:
            by_siret[structure.siret] = structure
        by_name_city.setdefault((normalise(structure.name), normalise(structure.city)), structure)
    return by_siret, by_name_city


def _check(values, row, types, thematiques):
    reasons = row.reasons
    if not values.get("nom"):
        reasons.append(_("the name is missing"))
    if not values.get("ville"):
        reasons.append(_("the city is missing"))
    for key, limit in MAX_LENGTHS.items():
        if len(values.get(key, "")) > limit:
            reasons.append(
                _("the column “%(column)s” is longer than %(limit)s characters")
                % {"column": dict(STRUCTURE_COLUMNS)[key], "limit": limit}
            )
    for key, value in values.items():
        try:
            (plain_text if key == "description" else single_line)(value)
        except ValidationError as error:
            reasons.append(
                _("%(column)s: %(error)s")
                % {"column": dict(STRUCTURE_COLUMNS).get(key, key), "error": error.messages[0]}
            )
    checks = (
        ("code_postal", french_postcode),
        ("siret", validate_siret),
        ("email", validate_internet_email),
        ("telephone", phone_in_text),
        ("site_web", URLValidator(schemes=["http", "https"])),
    )
    for key, validator in checks:
        if values.get(key):
            try:
                validator(values[key])
            except ValidationError as error:
                reasons.append(
                    _("%(column)s: %(error)s")
                    % {"column": dict(STRUCTURE_COLUMNS)[key], "error": " ".join(error.messages)}
                )
    if values.get("type"):
        row.type = types.get(normalise(values["type"]))
        if row.type is None:
            reasons.append(
                _("unknown type of structure “%(type)s” (add it to the list first)")
                % {"type": values["type"]}
            )
    names = [n.strip() for n in LIST_SPLIT.split(values.get("thematiques", "")) if n.strip()]
    if names:  # no theme named: the recorded themes stay
        row.thematiques = []
        for name in names:
            term = thematiques.get(normalise(name))
            if term is None:
                reasons.append(_("unknown theme “%(name)s”") % {"name": name})
            else:
                row.thematiques.append(term)


def _diff(structure, row):
    values, changes = row.values, []
    for key, attr in FIELDS.items():
        if key not in values:
            continue
        stored = getattr(structure, attr) or ""
        given = values[key]
        if len(given) == XLSX_CELL_LIMIT and stored.startswith(given):
            values[key] = stored  # an exported workbook, whose cell cut the text: not a change
        elif stored != given:
            changes.append(attr)
    if "type" in values and structure.type_id != (row.type.pk if row.type else None):
        changes.append("type")
    address = structure.first_address
    for key, attr in ADDRESS.items():
        if key in values and (getattr(address, attr, "") or "") != values[key]:
            changes.append(attr)
    if row.thematiques is not None:
        if {t.pk for t in structure.thematiques.all()} != {t.pk for t in row.thematiques}:
            changes.append("thematiques")
    return changes


def unguard(text):
    """The cell without the export's formula guard (`safe_cell` writes "+33…" as "'+33…"), so
    that an exported file imports back unchanged."""
    return text[1:] if text[:1] == "'" and text[1:2] and text[1] in FORMULA_START else text


def _clean(key, cell):
    text = unguard(str(cell))
    if key == "code_postal":
        return normalise_postcode(text)
    if key == "telephone" and len(text) == 9 and text.isascii() and text.isdigit():
        # "240580203": a spreadsheet's reading of 02 40 58 02 03 as a number.
        return "0" + text
    return text.strip() if key == "description" else " ".join(text.split())


def make_plan(headers, table, progress=None):
    mapping, ignored = _columns(headers)
    types = {normalise(t.name): t for t in StructureType.objects.all()}
    types.update({t.slug.replace("-", "_"): t for t in types.values()})
    thematiques = {normalise(t.name): t for t in Thematique.objects.all()}
    by_siret, by_name_city = _existing()
    seen = {}
    rows = []
    for position, (line, cells) in enumerate(table, start=1):
        if progress and position % 500 == 0:
            progress(position, len(table))
        if not any(str(c).strip() for c in cells):
            continue  # blank lines are not an error
        values = {key: _clean(key, cells[i]) for i, key in mapping.items() if i < len(cells)}
        # A blank cell means "no change": it never erases what is recorded on a matched structure.
        values = {key: value for key, value in values.items() if value}
        if "siret" in values:
            values["siret"] = normalise_siret(values["siret"])
        row = PlannedRow(line=line, values=values)
        _check(values, row, types, thematiques)
        key = values.get("siret") or (normalise(values.get("nom")), normalise(values.get("ville")))
        if not row.reasons and key in seen:
            row.reasons.append(
                _("same structure as line %(line)s (duplicate line)") % {"line": seen[key]}
            )
        seen.setdefault(key, line)
        if row.reasons:
            row.action = "reject"
        else:
            target = (by_siret.get(values["siret"]) if values.get("siret") else None) or (
                by_name_city.get((normalise(values["nom"]), normalise(values["ville"])))
            )
            if target is not None:
                row.target = target
                row.changes = _diff(target, row)
                row.action = "update" if row.changes else "unchanged"
        rows.append(row)
    return Plan(rows=rows, ignored_columns=ignored)


# Applying ------------------------------------------------------------------------------------


def _fill(structure, row):
    for key, attr in FIELDS.items():
        if key in row.values:
            setattr(structure, attr, row.values[key])
    if "type" in row.values:
        structure.type = row.type


def _fill_address(address, row):
    for key, attr in ADDRESS.items():
        if key in row.values:
            setattr(address, attr, row.values[key])


@transaction.atomic
def apply_plan(plan, progress=None):
    """Write the plan's lines to create or update (all of them or, on an error, none); its
    rejected lines are left out. Returns the summary. `progress(done, total)` is optional."""
    creates, updates = plan.of("create"), plan.of("update")
    new = []
    for row in creates:
        structure = Structure()
        _fill(structure, row)
        new.append(structure)
    Structure.objects.bulk_create(new, batch_size=1000)
    addresses, links = [], []
    through = Structure.thematiques.through
    for structure, row in zip(new, creates, strict=True):
        address = Address(structure_id=structure.pk, sort_order=0)
        _fill_address(address, row)
        addresses.append(address)
        row.address = address
        links += [
            through(structure_id=structure.pk, thematique_id=t.pk) for t in row.thematiques or []
        ]
    Address.locate(addresses)
    Address.objects.bulk_create(addresses, batch_size=1000)
    if progress:
        progress(len(creates), len(creates) + len(updates))
    for done, row in enumerate(updates, start=1):
        structure = row.target
        _fill(structure, row)
        structure.save()
        address = structure.first_address or Address(structure=structure, sort_order=0)
        _fill_address(address, row)
        if any(attr in row.changes for attr in ADDRESS.values()):
            # The old coordinates point at the old address: the map must not show it there.
            address.latitude = address.longitude = None
        address.save()
        row.address = address
        if row.thematiques is not None and "thematiques" in row.changes:
            through.objects.filter(structure_id=structure.pk).delete()
            links += [
                through(structure_id=structure.pk, thematique_id=t.pk) for t in row.thematiques
            ]
        if progress and done % 500 == 0:
            progress(len(creates) + done, len(creates) + len(updates))
    through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    generations.bump("annuaire")  # addresses and links written in bulk: no signal
    # Their search text takes in the cities and thématiques just written (in bulk: no signal).
    search.refresh(
        Structure.objects.filter(pk__in=[s.pk for s in new + [r.target for r in updates]])
    )
    return plan.summary()


# Locating ------------------------------------------------------------------------------------


def addresses_to_locate(plan):
    """[[line, address id]] of an applied plan's addresses that have a street but no position:
    those created, those whose address changed, and those left unchanged without a position."""
    pairs = []
    for row in plan.rows:
        if row.action == "unchanged":
            address = row.target.first_address
        else:
            address = row.address
        if address is not None and address.pk and address.street and address.latitude is None:
            pairs.append([row.line, address.pk])
    return pairs


def plan_locating(plan, summary):
    """Record in an import's summary the addresses its background task will locate; True if any.
    Nothing is recorded when the geocoder is turned off."""
    pairs = addresses_to_locate(plan) if geocoding.enabled() else []
    if pairs:
        summary["locate"] = {"status": "queued", "pending": pairs, "total": len(pairs), "done": 0}
    return bool(pairs)


ID_CHUNK = 500  # ids in one query: an import may list more than SQLite takes at once


def _addresses_still_unplaced(ids):
    """The addresses among `ids` still without a position and with a street, by id."""
    found = {}
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        unplaced = Address.objects.filter(pk__in=chunk, latitude__isnull=True)
        found.update((a.pk, a) for a in unplaced.exclude(street=""))
    return found


def locate(job):
    """Give the addresses an import recorded (`plan_locating`) their position from the geocoder.
    The import is already written: a failure leaves an address as it was and is reported on its
    line, in the job's summary."""
    state = dict(job.summary.get("locate") or {})
    if state.get("status") != "queued":
        return
    lines = {address_id: line for line, address_id in state.pop("pending", [])}
    state.update(status="running", done=0, located=0, failed=[])

    def save():
        ImportJob.objects.filter(pk=job.pk).update(summary={**job.summary, "locate": state})

    def progress(done, _total):
        state["done"] = done
        save()

    save()
    try:
        # An address given a position meanwhile (by an editor) keeps it.
        addresses = _addresses_still_unplaced(list(lines))
        queries = [
            geocoding.Query(str(pk), a.street, a.postcode, a.city) for pk, a in addresses.items()
        ]
        results = geocoding.geocode(queries, progress=progress)
        located, failed = [], []
        for pk, address in addresses.items():
            result = results[str(pk)]
            if result.reason:
                failed.append([lines[pk], result.reason])
            else:
                address.latitude, address.longitude = result.latitude, result.longitude
                located.append(address)
        # Plain updates: the addresses' text, and so their structures' search text, are unchanged.
        Address.objects.bulk_update(located, ["latitude", "longitude"], batch_size=500)
    except Exception:
        # The page of the import must not wait for ever: each line says what happened.
        reason = _("the positions could not be recorded; import the file again to try again")
        state.update(
            status="done", located=0, failed=sorted([line, reason] for line in lines.values())
        )
        save()
        raise
    state.update(status="done", done=len(lines), located=len(located), failed=sorted(failed))
    save()
