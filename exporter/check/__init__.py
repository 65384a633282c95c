"""``exporter check``: validate EPUBs and PDFs, ours or anyone's.

Each file becomes a :class:`FileReport` of findings (errors, warnings, notes)
and facts. A file that is missing, unreadable or of another kind is an error
finding, never an exception, so that one bad file does not hide the report
on the others.

EPUBCheck and DAISY Ace, the slow parts (a JVM; Node.js with a browser),
each run on all EPUBs at once in a background thread while the other checks
run; see :mod:`exporter.check.epubcheck_runner` and
:mod:`exporter.check.ace_runner` (Ace only where it is installed).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from exporter.check.ace_runner import Audit, audit
from exporter.check.epub import check_epub
from exporter.check.epubcheck_runner import Validation, validate
from exporter.check.pdf import check_pdf
from exporter.check.report import (
    FileReport,
    Finding,
    Kind,
    Severity,
    error,
    has_errors,
    render_text,
    to_json,
)

__all__ = [
    "FileReport",
    "Finding",
    "Severity",
    "check_files",
    "has_errors",
    "render_text",
    "to_json",
]

EPUB_MIMETYPE = b"application/epub+zip"
#: PDF readers accept the header anywhere in the first kilobyte.
PDF_HEADER_WINDOW = 1024


def check_files(paths: Iterable[str | Path]) -> tuple[FileReport, ...]:
    """A report per path, in the order given."""
    files = [Path(path) for path in paths]
    kinds = [file_kind(file) for file in files]
    epubs = [file for file, (kind, _) in zip(files, kinds, strict=True) if kind == "epub"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        validations = pool.submit(validate, epubs)
        audits = pool.submit(audit, epubs)
        reports = [
            check_one(file, kind, problem)
            for file, (kind, problem) in zip(files, kinds, strict=True)
        ]
        verdicts = validations.result()
        accessibility = audits.result()
    return tuple(
        with_checkers(report, verdicts.get(report.path), accessibility.get(report.path))
        for report in reports
    )


def file_kind(path: Path) -> tuple[Kind, str]:
    """What ``path`` holds, judged by its bytes, not its name; and why it
    cannot be checked, if it cannot."""
    try:
        with path.open("rb") as handle:
            head = handle.read(PDF_HEADER_WINDOW)
    except FileNotFoundError:
        return "unknown", "no such file"
    except IsADirectoryError:
        return "unknown", "is a folder, not a file"
    except OSError as problem:
        return "unknown", f"cannot read ({problem.strerror})"
    if b"%PDF-" in head:
        return "pdf", ""
    if head.startswith(b"PK\x03\x04"):
        return ("epub", "") if is_epub_archive(path) else ("unknown", "a ZIP archive, not an EPUB")
    if not head:
        return "unknown", "empty file"
    return "unknown", "neither an EPUB nor a PDF"


def is_epub_archive(path: Path) -> bool:
    """An EPUB is a ZIP with an ``application/epub+zip`` ``mimetype`` entry or
    an OCF container; the container alone suffices, so that an EPUB with a
    bad ``mimetype`` still gets checked (and EPUBCheck says what is wrong)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == EPUB_MIMETYPE:
                return True
            return "META-INF/container.xml" in names
    except (zipfile.BadZipFile, OSError):
        return False


def check_one(path: Path, kind: Kind, problem: str) -> FileReport:
    if problem:
        return FileReport(path, kind, (error("file.unreadable", problem),))
    if kind == "epub":
        return check_epub(path)
    return check_pdf(path)


def with_checkers(
    report: FileReport, validation: Validation | None, audit: Audit | None
) -> FileReport:
    """The report with EPUBCheck's findings first, then Ace's, and their
    summaries as the first facts."""
    findings, facts = report.findings, dict(report.facts)
    if audit is not None:
        findings = audit.findings + findings
        facts = {"ace": audit.summary, **facts}
    if validation is not None:
        findings = validation.findings + findings
        facts = {"epubcheck": validation.summary, **facts}
    return replace(report, findings=findings, facts=facts)
