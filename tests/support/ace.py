"""DAISY Ace, as the tests use it: every violation, of any impact, is a failure.

Ace checks each EPUB in a browser, a second or two per book after the
browser's start, so check several EPUBs with one call of :func:`run_ace_many`
(one Node.js process, one browser), once per module or session.

Ace is installed by ``scripts/setup`` (in ``tools/ace``, with Debian's
chromium). Where it is missing a test that needs it is skipped, except in CI
(``CI`` set), where setup has installed it and its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from exporter.check import ace_runner

__all__ = ["ace_missing", "require_ace", "run_ace_many"]


def ace_missing() -> str:
    """Why Ace cannot run here, or ``""`` when it can."""
    if ace_runner.ace_package() is None:
        return "no @daisy/ace in tools/ace"
    if shutil.which("node") is None:
        return "no Node.js"
    if "PUPPETEER_EXECUTABLE_PATH" not in ace_runner.browser_environment():
        return "no Chromium"
    return ""


def require_ace() -> None:
    """Skip the calling test (or fixture) where Ace is not installed, and
    fail it in CI."""
    reason = ace_missing()
    if not reason:
        return
    if os.environ.get("CI"):
        pytest.fail(f"DAISY Ace must run in CI, but: {reason} (scripts/setup installs it)")
    pytest.skip(f"DAISY Ace not installed ({reason}): bash scripts/setup installs it")


def run_ace_many(paths: Iterable[str | Path]) -> dict[Path, list[str]]:
    """Ace's violations in each EPUB, one line each (``impact rule: what
    (document place)``); an empty list means the EPUB is clean. Ace failing
    to check an EPUB raises."""
    require_ace()
    paths = [Path(path) for path in paths]
    node = shutil.which("node")
    ace = ace_runner.ace_package()
    assert node is not None and ace is not None
    with tempfile.TemporaryDirectory(prefix="ace-") as folder:
        reports = {path: Path(folder) / f"{number}.json" for number, path in enumerate(paths)}
        run = ace_runner.run_batch(node, ace, reports)
        if not run.finished:
            raise RuntimeError(f"Ace failed: {run.problem}")
        found = {}
        for path, report in reports.items():
            audit = ace_runner.read_report(report, run.problem)
            failures = [f.message for f in audit.findings if f.code == "ace.failed"]
            if failures:
                raise RuntimeError(f"Ace could not check {path}: {failures[0]}")
            found[path] = [f"{f.code.removeprefix('ace.')}: {f.message}" for f in audit.findings]
        return found
