"""Readers: one module per input format, each with one entry function
``read(source: Source) -> Outcome``, registered in :data:`READERS`.

Readers build the model and nothing else: they never decide typography (that is
a transform's job) and never know about writers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from exporter.diagnostics import Outcome
from exporter.errors import UnknownFormatError
from exporter.readers import text
from exporter.source import Source

Reader = Callable[[Source], Outcome]

READERS: dict[str, Reader] = {
    "text": text.read,
}

#: File name endings and the reader each one means.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
}


def detect_format(source: Source) -> str:
    """The reader for ``source``, from its file name ending, else from content."""
    suffix = Path(source.name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    return "text"


def reader_for(name: str) -> Reader:
    try:
        return READERS[name]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownFormatError(f"unknown input format {name!r} (known: {known})") from None
