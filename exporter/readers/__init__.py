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
from exporter.readers import html, markdown, text
from exporter.source import Source

Reader = Callable[[Source], Outcome]

READERS: dict[str, Reader] = {
    "text": text.read,
    "markdown": markdown.read,
    "html": html.read,
}

#: File name endings and the reader each one means.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    **dict.fromkeys(markdown.EXTENSIONS, "markdown"),
    **dict.fromkeys(html.EXTENSIONS, "html"),
}

#: How much of an input the content sniffers look at.
SNIFF_BYTES = 65_536


def detect_format(source: Source) -> str:
    """The reader for ``source``: from its file name ending, else (standard
    input, an unknown ending) from its content: a page that starts like HTML,
    then text with Markdown's marks, else plain text."""
    suffix = Path(source.name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if html.looks_like_html(source.data):
        return "html"
    head = source.data[:SNIFF_BYTES].decode("utf-8", errors="replace")
    if markdown.looks_like_markdown(head):
        return "markdown"
    return "text"


def reader_for(name: str) -> Reader:
    try:
        return READERS[name]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownFormatError(f"unknown input format {name!r} (known: {known})") from None
