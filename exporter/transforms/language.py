"""Language detection (stub)."""

from exporter.diagnostics import Outcome
from exporter.model import Document
from exporter.options import Options


def detect_language(document: Document, options: Options) -> Outcome:
    return Outcome(document)
