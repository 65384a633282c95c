"""What a book may honestly say about its accessibility (EPUB Accessibility 1.1).

Shops and library apps show these schema.org properties to readers who need
to know, before opening a book, whether it works with their screen reader or
large type. Every claim is derived from what the book holds, so that none is
made that isn't true: ``alternativeText`` and the WCAG conformance claim only
when every image has a description, ``ARIA`` only when the pages carry ARIA
roles. No ``a11y:certifiedBy`` is written: no person or body evaluated the
book, and naming this tool as the evaluator would suggest an audit that did
not happen.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The claim made when the book meets EPUB Accessibility 1.1 at WCAG 2.2 AA.
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

#: What every book we write has: headings and a nav (structural navigation,
#: a table of contents), one reading order (the spine), and text a reader may
#: resize and restyle (no fixed layout, no text in images).
BASE_FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
)


@dataclass(frozen=True, slots=True)
class Claims:
    """The accessibility metadata of one book, ready for the package document."""

    access_modes: tuple[str, ...]
    access_modes_sufficient: tuple[str, ...]
    features: tuple[str, ...]
    hazards: tuple[str, ...]
    summary: str
    #: The language the summary is written in (BCP 47).
    summary_language: str
    #: ``(CONFORMANCE,)`` or ``()``.
    conforms_to: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """The summary sentence in one language: what every book offers, then
    how it ends for a book whose images all have a description and for one
    where some lack it."""

    offers: str
    all_described: str
    some_undescribed: str


SUMMARIES: dict[str, Summary] = {
    "en": Summary(
        "This publication has a table of contents, structured headings and one logical "
        "reading order; its text can be resized and restyled",
        ", and every image has a text description.",
        ", but not every image has a text description.",
    ),
    "de": Summary(
        "Diese Publikation hat ein Inhaltsverzeichnis, gegliederte Überschriften und eine "
        "logische Lesereihenfolge; ihr Text lässt sich vergrößern und umgestalten",
        ", und jedes Bild hat eine Textbeschreibung.",
        ", aber nicht jedes Bild hat eine Textbeschreibung.",
    ),
    "fr": Summary(
        "Cette publication comporte une table des matières, des titres structurés et un "
        "ordre de lecture logique\u202f; son texte peut être agrandi et remis en forme",
        ", et chaque image a une description textuelle.",
        ", mais certaines images n’ont pas de description textuelle.",
    ),
    "es": Summary(
        "Esta publicación tiene un índice, encabezados estructurados y un orden de lectura "
        "lógico; su texto puede ampliarse y cambiar de estilo",
        ", y todas las imágenes tienen una descripción textual.",
        ", pero no todas las imágenes tienen una descripción textual.",
    ),
    "it": Summary(
        "Questa pubblicazione ha un indice, titoli strutturati e un ordine di lettura "
        "logico; il suo testo può essere ingrandito e riformattato",
        ", e ogni immagine ha una descrizione testuale.",
        ", ma non tutte le immagini hanno una descrizione testuale.",
    ),
}


def claims(*, images: int, undescribed: int, aria: bool, language: str) -> Claims:
    """The claims for a book showing ``images`` images (the cover counts), of
    which ``undescribed`` have no alt text, with ARIA roles on its pages or
    not, written in ``language``.

    Access modes: text always, ``visual`` when there are images. Sufficient:
    text alone when every image is described, text with sight when there are
    images. WCAG conformance needs every image described.
    """
    described = undescribed == 0
    modes = ("textual", "visual") if images else ("textual",)
    sufficient = (("textual",) if described else ()) + (("textual,visual",) if images else ())
    features = (
        BASE_FEATURES
        + (("alternativeText",) if images and described else ())
        + (("ARIA",) if aria else ())
    )
    summary_language = summary_language_for(language)
    words = SUMMARIES[summary_language]
    ending = words.all_described if described else words.some_undescribed
    summary = words.offers + (ending if images else ".")
    return Claims(
        access_modes=modes,
        access_modes_sufficient=sufficient,
        features=features,
        hazards=("none",),
        summary=summary,
        summary_language=summary_language,
        conforms_to=(CONFORMANCE,) if described else (),
    )


def summary_language_for(language: str) -> str:
    """The book's language where we have a summary in it, else English."""
    primary = language.split("-")[0].lower()
    return primary if primary in SUMMARIES else "en"
