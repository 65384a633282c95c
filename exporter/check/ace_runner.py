"""DAISY Ace, the accessibility checker for EPUB, run with Node.js and Chromium.

Ace opens every content document in a browser and runs axe's rules (with its
own EPUB rules on the package document); each failed rule is a violation with
an impact: critical and serious ones are errors here, moderate and minor ones
warnings. Ace's command line takes one EPUB and starts a browser for it, most
of its run, so several EPUBs are checked in one Node.js process and one browser
by ``ace_batch.js`` (beside this file).

Ace is optional: it runs when installed, and an EPUB's report says when it did
not. It is looked for where ``EXPORTER_ACE`` points (the folder of the
``@daisy/ace`` package or one with it in ``node_modules``; ``off`` turns Ace
off), in the project's ``tools/ace`` (what ``scripts/setup`` installs), and as
``ace-puppeteer`` on the ``PATH`` (``npm install -g @daisy/ace``). The browser is
``PUPPETEER_EXECUTABLE_PATH`` when set, else a Chromium on the ``PATH``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from exporter.check.report import Finding, Severity, warning

#: Seconds for the first EPUB of a run (the browser's start included), then
#: for each further one.
TIMEOUT_FIRST = 120
TIMEOUT_EACH = 60
#: Seconds a run that took too long gets to close its browser.
STOP_GRACE = 10

#: EPUBs checked at a time in the one browser: more gains nothing on two
#: cores, where each EPUB's documents are already checked four at a time.
JOBS = 2

IMPACTS: dict[str, Severity] = {
    "critical": Severity.ERROR,
    "serious": Severity.ERROR,
    "moderate": Severity.WARNING,
    "minor": Severity.WARNING,
}
IMPACT_ORDER = tuple(IMPACTS)

OFF = frozenset({"0", "off", "no", "false"})
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: The project's own install, by ``scripts/setup``.
PROJECT_ACE = Path(__file__).resolve().parents[2] / "tools" / "ace"


@dataclass(frozen=True, slots=True)
class Audit:
    """Ace's verdict on one EPUB: its violations as findings, and a one-line
    summary (or why it did not run) for the report's facts."""

    findings: tuple[Finding, ...]
    summary: str


def audit(paths: Sequence[Path]) -> dict[Path, Audit]:
    """Ace's verdict on each EPUB in ``paths``."""
    if not paths:
        return {}
    if os.environ.get("EXPORTER_ACE", "").strip().lower() in OFF:
        return not_run(paths, "turned off by EXPORTER_ACE", warn=False)
    ace = ace_package()
    if ace is None:
        return not_run(paths, "not installed", warn=False)
    node = shutil.which("node")
    if node is None:
        return not_run(paths, "no Node.js found (Ace needs Node.js 20 or later)", warn=True)
    with tempfile.TemporaryDirectory(prefix="exporter-ace-") as folder:
        outputs = {path: Path(folder) / f"{number}.json" for number, path in enumerate(paths)}
        run = run_batch(node, ace, outputs)
        if not run.finished:
            return failed_all(paths, run.problem)
        return {path: read_report(outputs[path], run.problem) for path in paths}


def not_run(paths: Sequence[Path], reason: str, *, warn: bool) -> dict[Path, Audit]:
    findings = (warning("ace.not-run", f"Ace not run: {reason}"),) if warn else ()
    return {path: Audit(findings, f"not run: {reason}") for path in paths}


def failed_all(paths: Sequence[Path], reason: str) -> dict[Path, Audit]:
    finding = warning("ace.failed", f"Ace failed: {reason}")
    return {path: Audit((finding,), f"failed: {reason}") for path in paths}


def ace_package() -> Path | None:
    """The folder of the installed ``@daisy/ace`` package, if any."""
    setting = os.environ.get("EXPORTER_ACE", "").strip()
    places = [Path(setting)] if setting else []
    places.append(PROJECT_ACE)
    for place in places:
        for folder in (place, place / "node_modules" / "@daisy" / "ace"):
            if is_ace(folder):
                return folder
    for command in ("ace-puppeteer", "ace"):
        found = shutil.which(command)
        if found:
            # bin/ace-puppeteer.js of the package, through npm's link.
            folder = Path(found).resolve().parent.parent
            if is_ace(folder):
                return folder
    return None


def is_ace(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("name") == "@daisy/ace"


def browser_environment() -> dict[str, str]:
    """The environment for Ace: its browser named, if one is found, and no
    browser download should anything try one."""
    environment = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
    if not environment.get("PUPPETEER_EXECUTABLE_PATH"):
        browser = next(filter(None, map(shutil.which, BROWSERS)), None)
        if browser:
            environment["PUPPETEER_EXECUTABLE_PATH"] = browser
    return environment


@dataclass(frozen=True, slots=True)
class AceRun:
    """How a run of Ace ended: ``problem`` is its last line on stderr (the
    reason, should a report be missing), or why it did not finish."""

    finished: bool
    problem: str


def run_batch(node: str, ace: Path, outputs: Mapping[Path, Path]) -> AceRun:
    """Ace over all EPUBs in one process, each report written to its output."""
    arguments = [str(part) for path, output in outputs.items() for part in (path.resolve(), output)]
    jobs = max(1, min(JOBS, os.cpu_count() or 1))
    timeout = TIMEOUT_FIRST + TIMEOUT_EACH * (len(outputs) - 1)
    with resources.as_file(resources.files(__package__) / "ace_batch.js") as script:
        command = [node, str(script), str(ace), str(jobs), *arguments]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=browser_environment(),
            )
        except OSError as error:
            return AceRun(False, f"could not start Node.js ({error.strerror})")
        with process:
            try:
                _, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                stop(process)
                return AceRun(False, f"did not finish within {timeout:g} s")
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    if process.returncode == 0:
        return AceRun(True, "")
    return AceRun(True, lines[-1] if lines else f"exit status {process.returncode}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a run that takes too long. The browser runs in a process group of
    its own, which puppeteer closes on SIGTERM (not on SIGKILL): so a
    termination first, and a kill only should that not end it."""
    process.terminate()
    try:
        process.communicate(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()


def read_report(output: Path, problem: str) -> Audit:
    """The findings and summary from Ace's JSON report."""
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {"error": problem or "no report"}
    if not isinstance(data, dict) or "error" in data:
        reason = str(data.get("error") if isinstance(data, dict) else "") or "no report"
        return failed_all([output], reason)[output]
    findings = tuple(violations(data))
    version = data.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", "?")
    return Audit(findings, f"{version}: {tally(data)}")


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    impact: str
    document: str
    description: str
    place: str


def violations(report: Mapping[str, object]) -> list[Finding]:
    """One finding per rule and document, naming the first place it failed
    and counting the others, in the order Ace reports them."""
    grouped: dict[tuple[str, str], list[Violation]] = {}
    for violation in failed(report):
        grouped.setdefault((violation.rule, violation.document), []).append(violation)
    findings = []
    for (rule, _document), found in grouped.items():
        first = found[0]
        severity = IMPACTS.get(first.impact, Severity.WARNING)
        where = f"{first.document}{f' {first.place}' if first.place else ''}"
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        text = f"{first.impact}: {first.description} ({where}{more})"
        findings.append(Finding(severity, f"ace.{rule}", text))
    return findings


def failed(report: Mapping[str, object]) -> list[Violation]:
    """Every failed rule in Ace's EARL report, one per element."""
    found = []
    for subject in report.get("assertions") or ():
        if not isinstance(subject, dict):
            continue
        document = str(subject.get("earl:testSubject", {}).get("url", "")).lstrip("/")
        for assertion in subject.get("assertions") or ():
            result = assertion.get("earl:result", {})
            if result.get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            help_text = test.get("help", {}).get("dct:description") or ""
            description = help_text or test.get("dct:description") or result.get("dct:description")
            places = result.get("earl:pointer", {}).get("css") or [""]
            found.extend(
                Violation(
                    str(test.get("dct:title", "unknown")),
                    str(test.get("earl:impact", "")),
                    document,
                    str(description or "").strip(),
                    str(place),
                )
                for place in places
            )
    return found


def tally(report: Mapping[str, object]) -> str:
    """``0 violations``, or how many of each impact: ``3 violations (1
    serious, 2 minor)``."""
    impacts = Counter(violation.impact for violation in failed(report))
    total = sum(impacts.values())
    if not total:
        return "0 violations"
    parts = [f"{impacts[impact]} {impact}" for impact in IMPACT_ORDER if impacts[impact]]
    parts += [f"{count} {impact}" for impact, count in impacts.items() if impact not in IMPACTS]
    return f"{total} violation{'s' if total != 1 else ''} ({', '.join(parts)})"
