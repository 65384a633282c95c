"""Transforms: pure functions ``(Document, Options) -> Outcome`` run in the
fixed order of :data:`TRANSFORMS`.

Order matters and is spelled out here rather than computed: the language must
be known before anything language-dependent (title derivation, typography);
typography runs after the title is derived so that the title gets the same
punctuation as the text; ids come last, once headings no longer change. The
alt text check and the note on overlong words change nothing and go at the
very end.
"""

from __future__ import annotations

from collections.abc import Callable

from exporter.diagnostics import Diagnostic, Outcome
from exporter.model import Document
from exporter.options import Options
from exporter.transforms.accessibility import warn_missing_alt_text
from exporter.transforms.breaks import note_long_words
from exporter.transforms.ids import assign_ids
from exporter.transforms.language import detect_language
from exporter.transforms.metadata import apply_overrides, derive_title, limit_title
from exporter.transforms.typography import apply_typography

Transform = Callable[[Document, Options], Outcome]

TRANSFORMS: tuple[tuple[str, Transform], ...] = (
    ("apply_overrides", apply_overrides),
    ("detect_language", detect_language),
    ("derive_title", derive_title),
    ("limit_title", limit_title),
    ("apply_typography", apply_typography),
    ("assign_ids", assign_ids),
    ("warn_missing_alt_text", warn_missing_alt_text),
    ("note_long_words", note_long_words),
)


def run_transforms(document: Document, options: Options) -> Outcome:
    """Apply every transform in order, collecting their diagnostics."""
    diagnostics: list[Diagnostic] = []
    for _name, transform in TRANSFORMS:
        outcome = transform(document, options)
        document = outcome.document
        diagnostics.extend(outcome.diagnostics)
    return Outcome(document, tuple(diagnostics))
