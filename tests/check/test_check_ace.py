"""``exporter check`` with DAISY Ace: a real Ace run over hand-made EPUBs, one
clean and some broken on purpose, checked many ways; how a missing or failing
Ace is reported, without running it."""

from __future__ import annotations

import json
import re
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from support.ace import require_ace
from typer.testing import CliRunner

import exporter.check
from exporter.check import FileReport, Severity, ace_runner, check_files
from exporter.check.ace_runner import Audit, audit, read_report
from exporter.check.epubcheck_runner import Validation
from exporter.check.report import warning
from exporter.cli import app


def codes(found: Audit | FileReport, severity: Severity | None = None) -> list[str]:
    return [f.code for f in found.findings if severity is None or f.severity is severity]


def message(found: Audit | FileReport, code: str) -> str:
    return next(f.message for f in found.findings if f.code == code)


@pytest.fixture(scope="module")
def not_an_epub(epub_dir: Path) -> Path:
    """A ZIP that says it is an EPUB, with no package inside."""
    path = epub_dir / "hollow.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    return path


@pytest.fixture(scope="module")
def audits(
    valid_epub: Path, broken_epub: Path, unlabelled_epub: Path, not_an_epub: Path
) -> dict[Path, Audit]:
    """One Ace run (one browser) over all four."""
    require_ace()
    return audit([valid_epub, broken_epub, unlabelled_epub, not_an_epub])


def test_a_clean_epub_has_no_violation(audits: dict[Path, Audit], valid_epub: Path) -> None:
    found = audits[valid_epub]
    assert found.findings == ()
    assert re.fullmatch(r"1\.4\.\d+: 0 violations", found.summary)


def test_a_package_without_xml_lang_is_a_serious_error(
    audits: dict[Path, Audit], unlabelled_epub: Path
) -> None:
    found = audits[unlabelled_epub]
    assert "ace.epub-lang" in codes(found, Severity.ERROR)
    assert message(found, "ace.epub-lang") == (
        "serious: Add the missing OPF xml:lang attribute (EPUB/package.opf)"
    )


def test_an_image_without_alt_is_a_critical_error_with_its_place(
    audits: dict[Path, Audit], unlabelled_epub: Path
) -> None:
    found = audits[unlabelled_epub]
    assert "ace.image-alt" in codes(found, Severity.ERROR)
    assert message(found, "ace.image-alt") == (
        "critical: Images must have alternative text (text.xhtml img)"
    )


def test_moderate_violations_are_warnings_and_the_summary_counts_by_impact(
    audits: dict[Path, Audit], broken_epub: Path
) -> None:
    found = audits[broken_epub]
    warnings = codes(found, Severity.WARNING)
    assert "ace.html-xml-lang-mismatch" in warnings
    assert "ace.metadata-accessibilitysummary" in warnings
    assert codes(found, Severity.ERROR) == ["ace.image-alt"]
    assert re.fullmatch(r"1\.4\.\d+: 3 violations \(1 critical, 2 moderate\)", found.summary)


def test_an_epub_ace_cannot_read_is_a_warning_and_the_others_are_checked(
    audits: dict[Path, Audit], not_an_epub: Path, valid_epub: Path
) -> None:
    found = audits[not_an_epub]
    assert codes(found) == ["ace.failed"]
    assert found.summary.startswith("failed: ")
    assert audits[valid_epub].summary.endswith(": 0 violations")


def test_a_run_that_takes_too_long_is_stopped_with_its_browser(
    valid_epub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_ace()
    mark = f"EXPORTER_TEST_RUN={uuid.uuid4()}"
    monkeypatch.setenv(*mark.split("="))
    monkeypatch.setattr("exporter.check.ace_runner.TIMEOUT_FIRST", 1)
    started = time.monotonic()
    (found,) = audit([valid_epub]).values()
    assert time.monotonic() - started < 1 + ace_runner.STOP_GRACE
    assert codes(found) == ["ace.failed"]
    assert found.summary == "failed: did not finish within 1 s"
    # puppeteer kills the browser, a process group of its own, on SIGTERM.
    deadline = time.monotonic() + 5
    while processes_with(mark) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(mark) == []


def processes_with(variable: str) -> list[str]:
    """The command lines of running processes with ``variable`` (``NAME=value``)
    in their environment."""
    found = []
    for process in Path("/proc").iterdir():
        try:
            environment = (process / "environ").read_bytes().split(b"\0")
            if variable.encode() in environment:
                found.append((process / "cmdline").read_bytes().decode("utf-8", "replace"))
        except OSError:
            continue
    return found


def test_exporter_check_reports_aces_violations_after_epubchecks(
    unlabelled_epub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_ace()
    # EPUBCheck's part, a JVM, is tested elsewhere: here it says it did not run.
    skipped = Validation((), "not run: left out by the test")
    monkeypatch.setattr(exporter.check, "validate", lambda paths: dict.fromkeys(paths, skipped))
    result = CliRunner().invoke(app, ["check", str(unlabelled_epub)])
    assert result.exit_code == 1, result.output
    assert re.search(
        r"ERROR +serious: Add the missing OPF xml:lang .*\[ace\.epub-lang\]", result.output
    )
    assert re.search(
        r"ERROR +critical: Images must have alternative text .*\[ace\.image-alt\]", result.output
    )
    summaries = r"\n  EPUBCheck: not run: left out by the test\n  Ace: 1\.4\.\d+: 2 violations \("
    assert re.search(summaries, result.output), result.output


# --- without Ace ------------------------------------------------------------


def test_without_ace_installed_the_report_says_so_and_nothing_fails(
    valid_epub: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("exporter.check.ace_runner.PROJECT_ACE", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("EXPORTER_ACE", raising=False)
    assert audit([valid_epub]) == {valid_epub: Audit((), "not run: not installed")}


def test_ace_can_be_turned_off(valid_epub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPORTER_ACE", "off")
    assert audit([valid_epub])[valid_epub].summary == "not run: turned off by EXPORTER_ACE"


def test_ace_without_node_is_a_warning(
    valid_epub: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "node_modules" / "@daisy" / "ace"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "@daisy/ace"}), encoding="utf-8")
    monkeypatch.setenv("EXPORTER_ACE", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    (found,) = audit([valid_epub]).values()
    assert codes(found, Severity.WARNING) == ["ace.not-run"]
    assert "Node.js" in message(found, "ace.not-run")


def test_an_ace_run_without_a_report_is_a_warning(tmp_path: Path) -> None:
    found = read_report(tmp_path / "none.json", "Error: something broke")
    assert codes(found, Severity.WARNING) == ["ace.failed"]
    assert "something broke" in message(found, "ace.failed")


def test_violations_of_a_rule_in_a_document_are_one_finding_with_a_count(tmp_path: Path) -> None:
    def failing(css: str, impact: str = "minor") -> dict:
        return {
            "earl:result": {"earl:outcome": "fail", "earl:pointer": {"css": [css]}},
            "earl:test": {
                "dct:title": "some-rule",
                "earl:impact": impact,
                "help": {"dct:description": "Do better"},
            },
        }

    report = {
        "earl:assertedBy": {"doap:release": {"doap:revision": "1.4.6"}},
        "assertions": [
            {
                "earl:testSubject": {"url": "a.xhtml"},
                "assertions": [failing("#x"), failing("#y"), failing("#z")],
            },
            {"earl:testSubject": {"url": "b.xhtml"}, "assertions": [failing("p", "serious")]},
        ],
    }
    output = tmp_path / "report.json"
    output.write_text(json.dumps(report), encoding="utf-8")
    found = read_report(output, "")
    assert [(f.severity, f.message) for f in found.findings] == [
        (Severity.WARNING, "minor: Do better (a.xhtml #x and 2 more)"),
        (Severity.ERROR, "serious: Do better (b.xhtml p)"),
    ]
    assert found.summary == "1.4.6: 4 violations (1 serious, 3 minor)"


def test_check_files_puts_ace_after_epubcheck(
    valid_epub: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validation = Validation((), "5.x: 0 fatal, 0 errors, 0 warnings")
    ace = Audit((warning("ace.x", "moderate: y (z)"),), "1.4.6: 1 violation")
    monkeypatch.setattr(exporter.check, "validate", lambda paths: dict.fromkeys(paths, validation))
    monkeypatch.setattr(exporter.check, "audit", lambda paths: dict.fromkeys(paths, ace))
    (report,) = check_files([valid_epub])
    assert list(report.facts)[:2] == ["epubcheck", "ace"]
    assert codes(report)[0] == "ace.x"
