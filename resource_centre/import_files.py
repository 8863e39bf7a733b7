"""Reading the files a person gives to an import (the annuaire's import, `load_qpv`,
`load_territoires --file`), once for the suite, with a French message naming what is wrong and
where, instead of rows silently lost:

- a path that cannot be read: missing, a folder, not allowed (`read_path`);
- CSV (`read_csv`): UTF-8 with or without BOM, or UTF-16 with its BOM (Excel's "Unicode
  text"); the separator read from the header line (";", ",", a tab or "|"), or from the "sep=;" line Excel may write first; records numbered by the line
  where they start (a quoted cell may hold line breaks); a quotation mark never closed, which
  would swallow the rest of the file into one cell, and a cell past the csv module's limit are
  reported with their line.
"""

import codecs
import csv
import io
import re
from pathlib import Path

from django.utils.translation import gettext as _

DELIMITERS = ";,\t|"
EXCEL_SEPARATOR_LINE = re.compile(r"^sep=([;,\t|])[ \t]*\r?\n", re.IGNORECASE)
# Bytes no text file holds (NUL and the other control characters but tab, line breaks and
# form feed): an image, a PDF, a workbook given as CSV.
BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


class ImportFileError(ValueError):
    """A file that cannot be read at all; its message is meant for the person who gave it."""


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
