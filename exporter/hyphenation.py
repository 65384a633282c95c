"""Hyphenation patterns, ready before WeasyPrint asks for them.

WeasyPrint hyphenates through pyphen, which parses a language's patterns the
first time a process needs them: nearly a second for German, more than the
layout of an article. Parsed patterns are a pure function of the pyphen
release, so we keep them pickled in our cache and hand them to pyphen's own
per-process cache (``pyphen.hdcache``, keyed by the dictionary's path), where
pyphen looks first.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable

from exporter.cache import cached_file
from exporter.model import Document, document_languages


def preload(languages: Iterable[str]) -> None:
    """Put the parsed patterns of each language (BCP 47 tags) into pyphen's cache."""
    import pyphen

    for tag in dict.fromkeys(languages):
        found = pyphen.language_fallback(tag) if tag else None
        if not found:
            continue  # no patterns for it: WeasyPrint will not hyphenate it either
        path = pyphen.LANGUAGES[found]
        if path in pyphen.hdcache:
            continue
        name = f"pyphen-{pyphen.__version__}-{path.stem}.pickle"
        # Our own file, pickled here from pyphen's own parser.
        made = cached_file(
            "hyphenation", name, lambda path=path: pickle.dumps(pyphen.HyphDict(path))
        )
        pyphen.hdcache[path] = pickle.loads(made.read_bytes())


def preload_document(document: Document) -> None:
    """The patterns of every language ``document`` uses (its own and its spans')."""
    preload(document_languages(document))
