"""Reproducible builds: timestamps come from the input, never from the clock."""

from __future__ import annotations

import os
import re
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

import exporter
from exporter.errors import OptionError
from exporter.model import Document, Metadata
from exporter.timestamps import FALLBACK, modified_time, source_date_epoch, stamp

ARTICLE = """A Short Title

By Ann Author

The first paragraph says what happened, and it is long enough to be body text here.
"""


@pytest.mark.parametrize(
    ("date", "mtime", "epoch", "expected"),
    [
        ("2025-04-28", 1_700_000_000.7, 1_600_000_000, datetime(2020, 9, 13, 12, 26, 40)),
        ("2025-04-28", 1_700_000_000.7, None, datetime(2025, 4, 28)),
        ("2025-04-28T09:30:00+02:00", None, None, datetime(2025, 4, 28, 7, 30)),
        ("April 2025", 1_700_000_000.7, None, datetime(2023, 11, 14, 22, 13, 20)),
        ("", None, None, FALLBACK.replace(tzinfo=None)),
    ],
    ids=["epoch-wins", "article-date", "date-with-zone", "file-time", "fallback"],
)
def test_precedence(date: str, mtime: float | None, epoch: int | None, expected: datetime) -> None:
    assert modified_time(date, mtime, epoch) == expected.replace(tzinfo=UTC)


def test_a_date_before_the_year_1000_is_stamped_in_iso_form() -> None:
    # strftime("%Y") wrote year 1 as "1", which no ISO reader accepts.
    document = Document(Metadata(title="T", date="0001-01-01T00:00:00Z"), ())
    stamped = stamp(document, None, None).metadata.modified
    assert stamped == "0001-01-01T00:00:00Z"
    assert datetime.fromisoformat(stamped.replace("Z", "+00:00")).year == 1


def test_source_date_epoch_is_checked() -> None:
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "1700000000"}) == 1_700_000_000
    assert source_date_epoch({}) is None
    with pytest.raises(OptionError, match="SOURCE_DATE_EPOCH"):
        source_date_epoch({"SOURCE_DATE_EPOCH": "yesterday"})


def export_both(source: Path, out: Path) -> dict[str, bytes]:
    result = exporter.export(source, out_dir=out)
    return {path.suffix: path.read_bytes() for path in result.outputs}


def modified_of(epub: bytes, tmp_path: Path) -> str:
    path = tmp_path / "x.epub"
    path.write_bytes(epub)
    opf = next(
        zipfile.ZipFile(path).read(n)
        for n in zipfile.ZipFile(path).namelist()
        if n.endswith(".opf")
    )
    return re.search(rb'property="dcterms:modified">([^<]+)<', opf).group(1).decode()


def test_exports_at_different_times_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    os.utime(source, (1_700_000_000, 1_700_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = export_both(source, tmp_path / "one")
    time.sleep(1.1)
    second = export_both(source, tmp_path / "two")
    assert first == second
    assert modified_of(first[".epub"], tmp_path) == "2023-11-14T22:13:20Z"

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    third = export_both(source, tmp_path / "three")
    time.sleep(1.1)
    fourth = export_both(source, tmp_path / "four")
    assert third == fourth
    assert modified_of(third[".epub"], tmp_path) == "2020-09-13T12:26:40Z"


def test_a_date_no_zip_entry_can_hold_gives_way_to_the_files_time() -> None:
    # A zip entry holds years 1980 to 2107: the EPUB of an article dated 9999
    # failed with an internal error.
    file_time = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert modified_time("9999-12-31", file_time.timestamp(), None) == file_time
    assert modified_time("2107-12-31T23:00:00-05:00", None, None) == FALLBACK
    assert modified_time("2106-06-01", None, None) == datetime(2106, 6, 1, tzinfo=UTC)
