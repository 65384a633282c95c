"""Writers: one module per output format, each with one entry function
``write(document: Document, options: Options) -> bytes``.

The table names modules, not functions, so that an EPUB-only export never
imports WeasyPrint (a second of start-up).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from exporter.model import Document
from exporter.options import Options

Writer = Callable[[Document, Options], bytes]

WRITERS: dict[str, str] = {
    "epub": "exporter.writers.epub",
    "pdf": "exporter.writers.pdf",
}


def writer_for(fmt: str) -> Writer:
    return importlib.import_module(WRITERS[fmt]).write
