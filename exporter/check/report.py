"""What ``exporter check`` found in a file, and how it is shown.

A check never raises for a bad file: everything it learns becomes a
:class:`Finding` (a problem, graded by severity) or a fact (what the file is:
its page count, its language). Findings decide the exit status; facts only
inform.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Literal

Kind = Literal["epub", "pdf", "unknown"]

#: A fact's value: JSON-friendly, and short enough to print on one line.
FactValue = str | int | float | bool | tuple[str, ...]


class Severity(StrEnum):
    """How bad a finding is. Only errors make ``exporter check`` fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong or worth knowing. ``code`` is stable (for tests and
    ``--json``); ``message`` is for people and names what it is about."""

    severity: Severity
    code: str
    message: str


def error(code: str, message: str) -> Finding:
    return Finding(Severity.ERROR, code, message)


def warning(code: str, message: str) -> Finding:
    return Finding(Severity.WARNING, code, message)


def info(code: str, message: str) -> Finding:
    return Finding(Severity.INFO, code, message)


@dataclass(frozen=True, slots=True)
class FileReport:
    """Everything checked about one file. ``facts`` is read-only, in the order
    the checks found them."""

    path: Path
    kind: Kind
    findings: tuple[Finding, ...] = ()
    facts: Mapping[str, FactValue] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", MappingProxyType(dict(self.facts)))

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0


def has_errors(reports: Iterable[FileReport]) -> bool:
    """True when any file has an error: the CLI then exits non-zero."""
    return any(report.has_errors for report in reports)


# --- text ------------------------------------------------------------------

KIND_NAMES: dict[str, str] = {"epub": "EPUB", "pdf": "PDF", "unknown": "unknown file"}

#: Findings are printed worst first, in the order found within a severity.
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def render_text(reports: Iterable[FileReport]) -> str:
    """A short report per file: a header line with the verdict, the findings
    worst first, then the facts. Files are separated by a blank line."""
    return "\n\n".join(render_report(report) for report in reports) + "\n"


def render_report(report: FileReport) -> str:
    lines = [f"{report.path}: {KIND_NAMES[report.kind]}, {verdict(report)}"]
    for severity in SEVERITY_ORDER:
        lines.extend(
            f"  {severity.name:<7} {finding.message} [{finding.code}]"
            for finding in report.findings
            if finding.severity is severity
        )
    lines.extend(
        f"  {fact_label(name)}: {fact_text(value)}" for name, value in report.facts.items()
    )
    return "\n".join(lines)


def verdict(report: FileReport) -> str:
    """``ok``, or the counts of errors and warnings: ``2 errors, 1 warning``."""
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING):
        if number := report.count(severity):
            parts.append(f"{number} {severity.value}{'' if number == 1 else 's'}")
    return ", ".join(parts) or "ok"


#: Labels that ``snake_case`` to words would get wrong.
FACT_LABELS: dict[str, str] = {
    "epubcheck": "EPUBCheck",
    "ace": "Ace",
    "epub_version": "EPUB version",
    "pdf_version": "PDF version",
    "pdf_a": "PDF/A",
    "pdf_ua": "PDF/UA",
    "toc_entries": "TOC entries",
}


def fact_label(name: str) -> str:
    return FACT_LABELS.get(name) or name.replace("_", " ")


def fact_text(value: FactValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value) or "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value) or "(none)"


# --- JSON ------------------------------------------------------------------


def to_json(reports: Iterable[FileReport], indent: int | None = 2) -> str:
    """The reports as JSON: ``{"ok": bool, "files": [...]}``, one object per
    file with its path, kind, counts, findings and facts."""
    files = [report_data(report) for report in reports]
    data = {"ok": not any(file["errors"] for file in files), "files": files}
    return json.dumps(data, ensure_ascii=False, indent=indent)


def report_data(report: FileReport) -> dict[str, object]:
    return {
        "path": str(report.path),
        "kind": report.kind,
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "findings": [
            {"severity": finding.severity.value, "code": finding.code, "message": finding.message}
            for finding in report.findings
        ],
        "facts": {name: list(v) if isinstance(v, tuple) else v for name, v in report.facts.items()},
    }
