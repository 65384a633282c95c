"""The book's cover: the user's image, or one drawn from the title and author.

Shops and library views show a book by its cover; a book without one is a
grey tile. So every EPUB gets a cover: the user's own (``--cover`` or a
Markdown front matter ``cover:``), checked and scaled to a sane size, or a
calm typographic one drawn in the theme's faces. This module decides which,
and what the cover's alt text says; the pixels are
:mod:`exporter.cover_images`' (Pillow), which an export whose cover is ready,
or drawn by a helper process, never imports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from exporter.model import Document, Metadata, Resource
from exporter.options import Options
from exporter.writers.html import author_line


@dataclass(frozen=True, slots=True)
class CoverDescriptionWords:
    """The words of a cover's alt text, in the book's language."""

    cover: str
    by: str
    #: French sets a (narrow no-break) space before the colon.
    colon: str = ":"


DESCRIPTION_WORDS: dict[str, CoverDescriptionWords] = {
    "en": CoverDescriptionWords("Cover", "by"),
    "de": CoverDescriptionWords("Cover", "von"),
    "fr": CoverDescriptionWords("Couverture", "par", "\u202f:"),
    "es": CoverDescriptionWords("Cubierta", "de"),
    "it": CoverDescriptionWords("Copertina", "di"),
}


# --- the API ---------------------------------------------------------------------


def cover_image(document: Document, options: Options) -> Resource:
    """The cover of ``document``: the resource ``metadata.cover`` names, or
    one generated from the title and author in the theme's colours."""
    own = user_cover(document)
    if own is not None:
        return own
    # Imported here: only a cover drawn in this process needs Pillow.
    from exporter.cover_images import draw_cover

    return generated_cover(document, draw_cover(*cover_text(document, options)))


def cover_text(document: Document, options: Options) -> tuple[str, str, str, str]:
    """What a generated cover shows: the title and the author line, the
    theme that sets them and the language that picks their faces (the
    arguments of :func:`exporter.cover_images.draw_cover`)."""
    title = document.metadata.title or options.title
    authors = document.metadata.authors or options.authors
    language = document.metadata.language or options.language
    return title, author_line(authors), options.theme, language


def generated_cover(document: Document, png: bytes) -> Resource:
    """The drawn cover as a resource of ``document``, named so as to take no
    name it already uses."""
    taken = {resource.name for resource in document.resources}
    return Resource(unused_name("cover.png", taken), "image/png", png)


def cover_shown(options: Options) -> bool:
    """Whether an export with ``options`` shows a cover: the EPUB always
    does, the PDF with ``--pdf-cover``."""
    return "epub" in options.formats or (options.pdf_cover and "pdf" in options.formats)


def drawn_cover_needed(document: Document, options: Options) -> bool:
    """Whether exporting ``document`` shows a cover that must be drawn (the
    user's own is not)."""
    return cover_shown(options) and user_cover(document) is None


def user_cover(document: Document) -> Resource | None:
    """The resource ``metadata.cover`` names, if the document has it."""
    name = document.metadata.cover
    return next((r for r in document.resources if name and r.name == name), None)


def cover_description(metadata: Metadata, options: Options = Options()) -> str:
    """The cover's alt text: "Cover: <title> by <author>", in the book's
    language where we know the words (else English; see :func:`description_language`)."""
    words = DESCRIPTION_WORDS[description_language(metadata.language or options.language)]
    title = metadata.title or options.title
    authors = author_line(metadata.authors or options.authors)
    named = f"{words.cover}{words.colon} {title}"
    return f"{named} {words.by} {authors}" if authors else named


def description_language(language: str) -> str:
    """The language :func:`cover_description` speaks for a book in ``language``:
    its own where we have the words, English otherwise (the page then marks
    the alt text as English)."""
    primary = language.split("-")[0].lower()
    return primary if primary in DESCRIPTION_WORDS else "en"


def with_cover(document: Document, cover: Resource) -> Document:
    """``document`` with ``cover`` as its cover, replacing any earlier one
    (a Markdown front matter cover loses to ``--cover``)."""
    old = document.metadata.cover
    kept = tuple(r for r in document.resources if r.name not in (old, cover.name))
    return replace(
        document,
        metadata=replace(document.metadata, cover=cover.name),
        resources=(*kept, cover),
    )


def unused_name(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    number = 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}{dot}{suffix}"
    return name
