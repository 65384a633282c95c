"""Metadata transforms (stub)."""

from exporter.diagnostics import Outcome
from exporter.model import Document
from exporter.options import Options


def apply_overrides(document: Document, options: Options) -> Outcome:
    return Outcome(document)


def derive_title(document: Document, options: Options) -> Outcome:
    return Outcome(document)
