"""Positions of addresses from the Base Adresse Nationale's CSV geocoder.

`geocode()` sends the addresses, a batch at a time, to the service named by the
ANNUAIRE_GEOCODER_URL setting (the BAN's `/search/csv/`, or any service answering the same way:
a CSV with the columns sent plus `latitude`, `longitude`, `result_score`, `result_type` and
`result_status`). It returns, for each address, its position or the reason it has none, in
French. It never raises for a failure of the service: an unreachable service or an unreadable
answer is the reason given for each address it left without a position.
"""

import csv
import http.client
import io
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import conf

BATCH = 1000  # addresses per request: a few seconds for the BAN, far under its size limit
TIMEOUT = 120  # seconds for one batch
# Result types precise enough to place a structure; a "municipality" only found the town.
PRECISE = {"housenumber", "street", "locality"}
COLUMNS = ("adresse", "code_postal", "ville")


@dataclass
class Query:
    key: str
    street: str
    postcode: str
    city: str


@dataclass
class Result:
    latitude: Decimal = None
    longitude: Decimal = None
    reason: str = ""  # why there is no position


def enabled():
    return bool(conf.get("ANNUAIRE_GEOCODER_URL"))


def _body(queries):
    """A multipart form: the CSV of the addresses (`data`) and the columns that make the query."""
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(("id",) + COLUMNS)
    for query in queries:
        writer.writerow((query.key, query.street, query.postcode, query.city))
    boundary = "----rc" + secrets.token_hex(12)
    parts = []
    for column in COLUMNS:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="columns"\r\n\r\n{column}\r\n'
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="adresses.csv"\r\n'
        f"Content-Type: text/csv; charset=utf-8\r\n\r\n{table.getvalue()}\r\n--{boundary}--\r\n"
    )
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def _post(queries):
    body, content_type = _body(queries)
    request = urllib.request.Request(
        conf.get("ANNUAIRE_GEOCODER_URL"),
        data=body,
        method="POST",
        headers={"Content-Type": content_type, "User-Agent": "wagtail-resource-centre"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - a setting
        return response.read().decode("utf-8-sig")


def _decimal(text):
    try:
        value = Decimal(text).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return value if value.is_finite() else None


def _read(row):
    """The Result of one answered row."""
    status = (row.get("result_status") or "").strip()
    latitude, longitude = _decimal(row.get("latitude")), _decimal(row.get("longitude"))
    if status in ("not-found", "skipped") or (not status and latitude is None):
        return Result(reason=_("address not found"))
    if status not in ("", "ok"):
        return Result(reason=_("the geocoding service could not read this address"))
    if latitude is None or longitude is None or not (-90 <= latitude <= 90):
        return Result(reason=_("the geocoding service gave no usable position"))
    if not -180 <= longitude <= 180:
        return Result(reason=_("the geocoding service gave no usable position"))
    kind = (row.get("result_type") or "").strip()
    if kind and kind not in PRECISE:
        return Result(reason=_("only the town was found, not the street: check the street"))
    try:
        score = float(row.get("result_score") or 0)
    except ValueError:
        score = 0
    minimum = conf.get("ANNUAIRE_GEOCODER_MIN_SCORE")
    if score < minimum:
        return Result(
            reason=_("address found with too little certainty (%(score)s): check the street")
            % {"score": f"{score:.2f}".replace(".", ",")}
        )
    return Result(latitude=latitude, longitude=longitude)


def _answer(text):
    """The answered rows by their id; ValueError if the answer is not such a CSV."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise ValueError("no id column")
    if "latitude" not in reader.fieldnames:
        raise ValueError("no latitude column")
    return {row["id"]: row for row in reader}


def geocode(queries, progress=None):
    """{query.key: Result} for every query. `progress(done, total)` is called after each batch."""
    results = {}
    failure = None
    if not conf.get("ANNUAIRE_GEOCODER_URL").lower().startswith(("https://", "http://")):
        failure = _("the geocoding service's address (ANNUAIRE_GEOCODER_URL) is not an http(s) URL")
    for start in range(0, len(queries), BATCH):
        batch = queries[start : start + BATCH]
        if failure is None:
            try:
                answered = _answer(_post(batch))
            except urllib.error.HTTPError as error:
                failure = _(
                    "the geocoding service answered with an error (HTTP %(code)s); the position can be added later"
                ) % {"code": error.code}
            except (OSError, http.client.HTTPException):  # unreachable, refused, timed out
                failure = _(
                    "the geocoding service could not be reached; the position can be added later"
                )
            except (ValueError, csv.Error, UnicodeDecodeError):
                failure = _("the geocoding service's answer could not be read")
        for query in batch:
            if failure is not None:
                results[query.key] = Result(reason=failure)
            elif query.key in answered:
                results[query.key] = _read(answered[query.key])
            else:
                results[query.key] = Result(reason=_("the geocoding service skipped this address"))
        if progress:
            progress(min(start + BATCH, len(queries)), len(queries))
    return results
