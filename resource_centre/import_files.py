"""Reading the files a person gives to an import (the annuaire's structures, the lettre's
readers, `load_qpv`, `load_territoires --file`), once for the suite, with a French message naming
what is wrong and where, instead of rows silently lost:

- a path that cannot be read: missing, a folder, not allowed (`read_path`);
- a file given in a form (`read_upload`), refused by its size before it is read;
- a spreadsheet given in the admin, CSV or XLSX (`read_table`): its column names and its rows,
  within the limits the import sets (bytes, rows, columns, the size a workbook unpacks to);
- CSV (`read_csv`): UTF-8 with or without BOM, or UTF-16 with its BOM (Excel's "Unicode
  text"); the separator read from the header line (";", ",", a tab or "|"), or from the "sep=;"
  line Excel may write first; records numbered by the line where they start (a quoted cell may
  hold line breaks); a quotation mark never closed, which would swallow the rest of the file
  into one cell, and a cell past the csv module's limit are reported with their line.
"""

import codecs
import csv
import io
import re
import zipfile
from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _

DELIMITERS = ";,\t|"
EXCEL_SEPARATOR_LINE = re.compile(r"^sep=([;,\t|])[ \t]*\r?\n", re.IGNORECASE)
# Bytes no text file holds (NUL and the other control characters but tab, line breaks and
# form feed): an image, a PDF, a workbook given as CSV.
BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


class ImportFileError(ValueError):
    """A file that cannot be read at all; its message is meant for the person who gave it."""

    @property
    def message(self):
        return str(self)


def read_path(path):
    """The bytes of the file at `path`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as error:
        raise ImportFileError(_("There is no file %(path)s.") % {"path": path}) from error
    except IsADirectoryError as error:
        raise ImportFileError(_("%(path)s is a folder, not a file.") % {"path": path}) from error
    except PermissionError as error:
        raise ImportFileError(
            _("The file %(path)s cannot be read: permission denied.") % {"path": path}
        ) from error
    except OSError as error:
        raise ImportFileError(
            _("The file %(path)s cannot be read: %(error)s.")
            % {"path": path, "error": error.strerror or error}
        ) from error


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data):
    return not data.startswith(UTF16_BOMS) and bool(BINARY.search(data[:4096]))


def decode(data):
    """The text of CSV bytes."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("The file is damaged near byte %(position)s. Save it again as “CSV UTF-8”.")
                % {"position": error.start}
            ) from error
    if looks_binary(data):
        raise ImportFileError(
            _("This file is not a text (CSV) file. In your spreadsheet, save it as “CSV UTF-8”.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not encoded in UTF-8 (probably Windows-1252, as older versions of Excel "
                "save it). In your spreadsheet, save it again as “CSV UTF-8”, then import it again. "
                "Invalid character near byte %(position)s."
            )
            % {"position": error.start}
        ) from error


def read_csv(data):
    """[(line number, cells)] of every record of the CSV `data` (bytes, or text), the header
    first; blank records are kept (each import says what a blank line means)."""
    text = decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    skipped = 0
    excel = EXCEL_SEPARATOR_LINE.match(text)
    if excel:
        delimiter, text, skipped = excel.group(1), text[excel.end() :], 1
    else:
        first_line = text.split("\n", 1)[0]
        delimiter = max(DELIMITERS, key=first_line.count)
    # Strict: a quoted cell must end at its closing quotation mark. Otherwise a quotation mark
    # left open is closed by the next one found further on (l"Étoile), and the lines between
    # become one cell of one bogus record instead of an error.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records, start = [], 1 + skipped
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1 + skipped
    except csv.Error as error:
        limit = f"{csv.field_size_limit():,}".replace(",", " ")
        raise ImportFileError(_problem(str(error)) % {"line": start, "limit": limit}) from error
    return records


def _problem(error):
    """The French message of the csv module's `error`, for the record starting on %(line)s."""
    if "field larger than field limit" in error:
        return _(
            "Line %(line)s holds a cell longer than %(limit)s characters. Shorten it, then import "
            "the file again."
        )
    if "unexpected end of data" in error:
        return _(
            'A quotation mark (") opened on line %(line)s is never closed, so the rest of the '
            "file cannot be read. Correct this line, then import the file again."
        )
    if "expected after" in error:
        return _(
            'A quotation mark (") opened on line %(line)s is closed further on, in the middle of '
            "a cell: the lines between cannot be read. Correct this line, then import the file "
            "again."
        )
    return _("The CSV file is malformed near line %(line)s.")


def _too_large(size, max_bytes):
    return ImportFileError(
        _(
            "The file is too large (%(size)s MB); the limit is %(max)s MB. Split it into "
            "several files."
        )
        # Rounded, not cut (Django cuts): 10.68 MB reads "10,7".
        % {
            "size": number_format(max(round(size / 1_048_576, 1), 0.1), 1),
            "max": number_format(round(max_bytes / 1_048_576, 1), 1),
        }
    )


def read_upload(uploaded, max_bytes):
    """The bytes of a file given in a form, refused by its size before it is read."""
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise _too_large(uploaded.size, max_bytes)
    return uploaded.read(max_bytes + 1)


def read_table(
    filename, data, *, max_bytes, max_rows, max_columns=64, max_unpacked_bytes=64 * 2**20
):
    """(column names, [(line number, cells)]) of CSV or XLSX bytes: the first line that is not
    blank names the columns, the rows under it follow, blank ones included."""
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04" or str(filename).lower().endswith(".xlsx"):
        records = _read_xlsx(data, max_columns, max_unpacked_bytes)
    else:
        if looks_binary(data):
            raise ImportFileError(
                _(
                    "This file is not a CSV text file nor an Excel (XLSX) workbook. Save it as "
                    "“CSV UTF-8” or XLSX."
                )
            )
        records = read_csv(data)
    headers, table = None, []
    try:
        for number, cells in records:
            if headers is None:
                if any(str(c or "").strip() for c in cells):
                    headers = cells
                continue
            if len(table) >= max_rows:
                raise ImportFileError(
                    _("The file has more than %(max)s lines; split it into several files.")
                    % {"max": max_rows}
                )
            table.append((number, cells))
    finally:
        if hasattr(records, "close"):
            records.close()  # a workbook left half-read is closed now
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    if not any(str(c or "").strip() for _number, cells in table for c in cells):
        raise ImportFileError(_("The file names its columns but holds no line under them."))
    return [str(h or "").strip() for h in headers], table


def _unreadable_workbook():
    return ImportFileError(
        _(
            "This file could not be read as an Excel (XLSX) workbook. Check that it opens in your "
            "spreadsheet, then save it as XLSX or “CSV UTF-8”."
        )
    )


def _check_unpacked_size(data, limit):
    """Refuse a workbook that would unpack to more than `limit` bytes (a decompression bomb),
    before unpacking any of it. The sizes its zip declares are binding: zipfile stops reading a
    member at its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _unreadable_workbook() from error
    if unpacked > limit:
        raise ImportFileError(
            _(
                "This workbook would take %(size)s MB once opened (the limit is %(limit)s MB). "
                "Save it as “CSV UTF-8” or split it into several files."
            )
            % {"size": unpacked // 2**20, "limit": limit // 2**20}
        )


def _read_xlsx(data, max_columns, max_unpacked_bytes):
    """The rows of the first sheet, read one at a time (a workbook may hold far more rows than
    the limit: the caller stops reading there)."""
    from openpyxl import load_workbook

    _check_unpacked_size(data, max_unpacked_bytes)
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True, max_col=max_columns)
        for number, row in enumerate(rows, start=1):
            yield number, ["" if v is None else str(v) for v in row]
    except Exception as error:  # noqa: BLE001 - any failure of the reader means an unusable file
        raise _unreadable_workbook() from error
    finally:
        if workbook is not None:
            workbook.close()
