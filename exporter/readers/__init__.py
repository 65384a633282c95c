"""Readers: one module per input format, each with one entry function
``read(source: Source) -> Outcome``, registered in :data:`READERS`.

Readers build the model and nothing else: they never decide typography (that is
a transform's job) and never know about writers. The table names modules, not
functions, so that a run imports only the reader it uses: the HTML reader's
article extraction alone takes longer to import than a whole EPUB export.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from exporter.diagnostics import Outcome
from exporter.errors import UnknownFormatError
from exporter.source import Source

Reader = Callable[[Source], Outcome]

READERS: dict[str, str] = {
    "text": "exporter.readers.text",
    "markdown": "exporter.readers.markdown",
    "html": "exporter.readers.html",
}

#: File name endings and the reader each one means.
EXTENSIONS: dict[str, str] = {
    **dict.fromkeys((".txt", ".text"), "text"),
    **dict.fromkeys(
        (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext"), "markdown"
    ),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
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
    from exporter.readers import html, markdown

    if html.looks_like_html(source.data):
        return "html"
    head = source.data[:SNIFF_BYTES].decode("utf-8", errors="replace")
    if markdown.looks_like_markdown(head):
        return "markdown"
    return "text"


def reader_for(name: str) -> Reader:
    try:
        module = READERS[name]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise UnknownFormatError(f"unknown input format {name!r} (known: {known})") from None
    return importlib.import_module(module).read
