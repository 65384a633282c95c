"""Hypothesis profiles for the fuzz tests, and the ``fuzz_long`` gate.

- ``fuzz`` (the default): the short run of the normal suite. Few examples,
  derandomized, so that every run (and CI) tries the same inputs and a
  failure is reproducible; no example database, so the tree stays clean.
- ``fuzz-long``: the long run. Many examples, a new random seed each run,
  and an example database outside the tree (``EXPORTER_FUZZ_DB``, default
  ``~/.cache/exporter/hypothesis``) so that what one run found is tried first
  by the next. Select it with ``EXPORTER_FUZZ_PROFILE=fuzz-long``.

Tests marked ``fuzz_long`` (larger inputs, PDF exports, many fixture
mutations) are deselected unless the long profile is selected or ``-m`` names
the marker. Every failing input goes into ``tests/fixtures/fuzz/`` (see its
README), which ``test_fuzz_replay.py`` reads on every run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

PROFILE_VARIABLE = "EXPORTER_FUZZ_PROFILE"
LONG = "fuzz-long"

#: Inputs are large and slow to make (whole articles), and some reads are
#: slow by nature (a PDF): neither is a problem worth failing a test for.
SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "fuzz",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=SLOW_IS_FINE,
)
settings.register_profile(
    LONG,
    max_examples=int(os.environ.get("EXPORTER_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    derandomize=False,
    database=DirectoryBasedExampleDatabase(
        os.environ.get("EXPORTER_FUZZ_DB", str(Path.home() / ".cache" / "exporter" / "hypothesis"))
    ),
    print_blob=True,
    suppress_health_check=SLOW_IS_FINE,
)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "fuzz"))


def long_run(config: pytest.Config) -> bool:
    return settings.get_current_profile_name() == LONG or "fuzz_long" in (
        config.getoption("markexpr") or ""
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the ``fuzz_long`` tests unless asked for (see the module)."""
    if long_run(config):
        return
    kept, left = [], []
    for item in items:
        (left if item.get_closest_marker("fuzz_long") else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
