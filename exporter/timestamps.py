"""When a publication was last modified, without reading the clock.

Reproducible builds need every timestamp (EPUB ``dcterms:modified``, zip
entries, PDF dates) to come from the input, never from the moment of the
export: ``SOURCE_DATE_EPOCH`` when the user gives it (the reproducible-builds.org
convention), else the article's own date when it names a day, else the input
file's modification time, else a fixed date (standard input has no file).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import UTC, datetime

from exporter.errors import OptionError
from exporter.model import Document

#: Used when nothing else dates the input: the earliest date a zip entry holds.
FALLBACK = datetime(1980, 1, 1, tzinfo=UTC)

#: The last year a zip entry can hold: a later date would not fit an EPUB.
LAST_ZIP_YEAR = 2107

#: A date that names a day (with or without a time): 2025-04-28, 2025-04-28T09:30:00+02:00.
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")


def source_date_epoch(environ: dict[str, str] | None = None) -> int | None:
    """``SOURCE_DATE_EPOCH`` from the environment, checked."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise OptionError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {value!r}")
    return int(value)


def modified_time(date: str, file_modified: float | None, epoch: int | None) -> datetime:
    """The modification time by the precedence in this module's docstring,
    in UTC and whole seconds."""
    if epoch is not None:
        return datetime.fromtimestamp(epoch, UTC)
    if FULL_DATE.fullmatch(date.strip()):
        try:
            moment = datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            moment = moment.replace(tzinfo=moment.tzinfo or UTC)
            if moment.year < LAST_ZIP_YEAR:  # and its time zone cannot carry it past
                return moment.astimezone(UTC).replace(microsecond=0)
    if file_modified is not None:
        return datetime.fromtimestamp(int(file_modified), UTC)
    return FALLBACK


def stamp(document: Document, file_modified: float | None, epoch: int | None) -> Document:
    """The document with ``metadata.modified`` set (ISO 8601, UTC)."""
    moment = modified_time(document.metadata.date, file_modified, epoch)
    # Not strftime: its "%Y" drops the leading zeros of a year before 1000
    # ("1-01-01"), which no ISO 8601 reader accepts.
    text = moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return replace(document, metadata=replace(document.metadata, modified=text))
