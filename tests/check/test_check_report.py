"""Files that are neither EPUB nor PDF, and how reports are shown."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from support.python import python_output

from exporter.check import (
    FileReport,
    Finding,
    Severity,
    check_files,
    file_kind,
    has_errors,
    render_text,
    to_json,
)


@pytest.mark.parametrize(
    ("name", "data", "kind", "problem"),
    [
        ("notes.txt", b"Just some text.\n", "unknown", "neither an EPUB nor a PDF"),
        ("empty.pdf", b"", "unknown", "empty file"),
        ("named-wrong.epub", b"%PDF-1.7\n", "pdf", ""),
        ("late-header.bin", b"\x00" * 100 + b"%PDF-1.4\n", "pdf", ""),
    ],
)
def test_kind_is_judged_by_content_not_name(
    tmp_path: Path, name: str, data: bytes, kind: str, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert file_kind(path) == (kind, problem)


def test_a_zip_that_is_not_an_epub(tmp_path: Path) -> None:
    path = tmp_path / "archive.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert file_kind(path) == ("unknown", "a ZIP archive, not an EPUB")


def test_unknown_and_unreadable_files_are_errors(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Just some text.\n", encoding="utf-8")
    reports = check_files([text, tmp_path / "missing.epub", tmp_path])
    assert [report.kind for report in reports] == ["unknown"] * 3
    assert [[f.code for f in report.findings] for report in reports] == [["file.unreadable"]] * 3
    assert [report.findings[0].message for report in reports] == [
        "neither an EPUB nor a PDF",
        "no such file",
        "is a folder, not a file",
    ]
    assert has_errors(reports)


def test_an_epub_that_is_not_a_zip_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.epub"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    (report,) = check_files([path])
    assert report.has_errors


def sample_reports() -> tuple[FileReport, ...]:
    return (
        FileReport(
            Path("book.epub"),
            "epub",
            (
                Finding(Severity.WARNING, "a11y.x-missing", "no schema:x"),
                Finding(Severity.INFO, "epub.cover-missing", "no cover image"),
                Finding(Severity.ERROR, "epub.nav-missing", "no navigation document"),
            ),
            {"language": "en", "toc_entries": 3, "cover_page_first": False, "fonts": ("A", "B")},
        ),
        FileReport(Path("book.pdf"), "pdf", (), {"pages": 2, "pdf_ua": ""}),
    )


def test_text_report_header_findings_worst_first_then_facts() -> None:
    text = render_text(sample_reports())
    assert text.splitlines() == [
        "book.epub: EPUB, 1 error, 1 warning",
        "  ERROR   no navigation document [epub.nav-missing]",
        "  WARNING no schema:x [a11y.x-missing]",
        "  INFO    no cover image [epub.cover-missing]",
        "  language: en",
        "  TOC entries: 3",
        "  cover page first: no",
        "  fonts: A, B",
        "",
        "book.pdf: PDF, ok",
        "  pages: 2",
        "  PDF/UA: (none)",
    ]


def test_json_report() -> None:
    data = json.loads(to_json(sample_reports()))
    assert data["ok"] is False
    epub, pdf = data["files"]
    assert (epub["path"], epub["kind"], epub["errors"], epub["warnings"]) == (
        "book.epub",
        "epub",
        1,
        1,
    )
    assert epub["findings"][2] == {
        "severity": "error",
        "code": "epub.nav-missing",
        "message": "no navigation document",
    }
    assert epub["facts"]["fonts"] == ["A", "B"]
    assert pdf["facts"] == {"pages": 2, "pdf_ua": ""}
    assert json.loads(to_json(sample_reports()[1:]))["ok"] is True


def test_facts_are_read_only() -> None:
    report = sample_reports()[1]
    with pytest.raises(TypeError):
        report.facts["pages"] = 3  # type: ignore[index]


def test_pymupdf_is_imported_only_to_check_a_pdf() -> None:
    """EPUB checks must not pay for (or need) PyMuPDF."""
    code = "import sys, exporter.check; print('pymupdf' in sys.modules)"
    output = python_output(code)
    assert output == "False"
