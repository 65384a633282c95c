"""Heading ids (stub)."""

from exporter.diagnostics import Outcome
from exporter.model import Document
from exporter.options import Options


def assign_ids(document: Document, options: Options) -> Outcome:
    return Outcome(document)
