"""Writers: one module per output format, each with one entry function
``write(document: Document, options: Options) -> bytes``.

The table names modules, not functions, so that an EPUB-only export never
imports WeasyPrint (a second of start-up).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from exporter.hyphenation import preload_document
from exporter.model import Document
from exporter.options import Options

Writer = Callable[[Document, Options], bytes]
Preparation = Callable[[Document, Options], None]

WRITERS: dict[str, str] = {
    "epub": "exporter.writers.epub",
    "pdf": "exporter.writers.pdf",
}


def writer_for(fmt: str) -> Writer:
    return importlib.import_module(WRITERS[fmt]).write


def load_hyphenation_patterns(document: Document, options: Options) -> None:
    """The PDF's preparation: the patterns of every language ``document`` uses."""
    preload_document(document)


#: Work a writer does first that needs none of its heavy imports, so that a
#: helper process can do it while those imports run (see
#: :mod:`exporter.helper_process`): the PDF's hyphenation patterns, a tenth of
#: a second for German. The writer does it again at no cost (it is cached).
PREPARATIONS: dict[str, Preparation] = {"pdf": load_hyphenation_patterns}
