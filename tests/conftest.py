"""Shared fixtures: each sample is exported once per run and checked many ways."""

from __future__ import annotations

from pathlib import Path

import pytest

import exporter
from exporter.api import ExportResult

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_export(tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    """The sample exported to EPUB and PDF with default options."""
    out = tmp_path_factory.mktemp("sample")
    return exporter.export(SAMPLE, out_dir=out)


@pytest.fixture(scope="session")
def sample_epub(sample_export: ExportResult) -> Path:
    return next(p for p in sample_export.outputs if p.suffix == ".epub")


@pytest.fixture(scope="session")
def sample_pdf(sample_export: ExportResult) -> Path:
    return next(p for p in sample_export.outputs if p.suffix == ".pdf")
