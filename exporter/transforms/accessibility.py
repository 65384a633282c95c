"""Accessibility checks on the model: what only the author can fix.

A figure without alt text is a hole for a screen reader's user, and it keeps
the EPUB from claiming WCAG conformance (the writer then leaves out the
``alternativeText`` feature and the ``dcterms:conformsTo`` claim). Nothing is
changed here; the user is told which images need a description, so that
``exporter export`` and ``exporter inspect`` both show it.
"""

from __future__ import annotations

from collections.abc import Iterator

from exporter.diagnostics import Outcome, warning
from exporter.model import (
    Block,
    BlockQuote,
    DefinitionList,
    Document,
    Figure,
    FootnoteDef,
    ListBlock,
    plain_text,
)
from exporter.options import Options

#: How much of a caption a warning quotes to say which figure it means.
CAPTION_QUOTED = 60


def warn_missing_alt_text(document: Document, options: Options) -> Outcome:
    """One warning per figure whose alt text is empty or blank."""
    figures = list(iter_figures(document.blocks))
    diagnostics = tuple(
        warning(
            "accessibility.image-without-alt",
            f"image {figure.src} (figure {number} of {len(figures)}{captioned(figure)}) has no "
            "alt text: screen readers skip it and the EPUB cannot claim WCAG conformance",
        )
        for number, figure in enumerate(figures, start=1)
        if not figure.alt.strip()
    )
    return Outcome(document, diagnostics)


def iter_figures(blocks: tuple[Block, ...]) -> Iterator[Figure]:
    """Every figure, in reading order, nested ones (in quotes, lists, notes) too."""
    for block in blocks:
        match block:
            case Figure():
                yield block
            case BlockQuote(inner) | FootnoteDef(_, inner):
                yield from iter_figures(inner)
            case ListBlock(items):
                for item in items:
                    yield from iter_figures(item.blocks)
            case DefinitionList(items):
                for entry in items:
                    for definition in entry.definitions:
                        yield from iter_figures(definition)


def captioned(figure: Figure) -> str:
    caption = " ".join(plain_text(figure.caption).split())
    if not caption:
        return ""
    if len(caption) > CAPTION_QUOTED:
        caption = caption[: CAPTION_QUOTED - 1].rstrip() + "…"
    return f', captioned "{caption}"'
