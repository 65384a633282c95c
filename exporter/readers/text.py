"""Plain-text reader (stub, being written)."""

from exporter.diagnostics import Outcome
from exporter.model import Document, Metadata, Paragraph, Text
from exporter.source import Source


def read(source: Source) -> Outcome:
    text = source.data.decode("utf-8")
    blocks = tuple(Paragraph((Text(p.strip()),)) for p in text.split("\n\n") if p.strip())
    return Outcome(Document(Metadata(), blocks))
