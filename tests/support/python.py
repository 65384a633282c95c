"""Python code run in a fresh interpreter, as a user's command starts: what a
process imports, and what it prints, are only seen from outside it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def python_output(code: str, *, stdin: str | None = None) -> str:
    """What ``code`` prints, run by this interpreter in a new process from the
    project root; a failure fails the test with the process's stderr."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
