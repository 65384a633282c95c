"""PDF checks: embedded fonts, tags, PDF/A and PDF/UA claims, metadata, pages.

These are the things a printer, a library or a screen reader trips over
first. They are not a PDF/A or PDF/UA validator (veraPDF is): claims are
reported as made, and only contradicted where the contradiction is plain (a
PDF/UA file without tags). PyMuPDF reads the file, imported only here so that
checking EPUBs never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from exporter.check.language import is_language_tag
from exporter.check.report import FactValue, FileReport, Finding, error, info, warning

if TYPE_CHECKING:
    import pymupdf

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"

MM_PER_POINT = 25.4 / 72

#: Named paper sizes, portrait, in millimetres.
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210, 297),
    "A5": (148, 210),
    "letter": (215.9, 279.4),
}
#: How far a page may be from a named size and still bear its name: PDF
#: sizes are points, so A4 is 595.28 × 841.89 pt, 210.0 × 297.0 mm only rounded.
PAPER_TOLERANCE_MM = 1.0

#: The six-letter tag a subset font's name starts with (``BAWKYD+DejaVu-Serif``).
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

XMP_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


@dataclass(frozen=True, slots=True)
class Font:
    name: str
    type: str
    embedded: bool
    first_page: int


@dataclass(frozen=True, slots=True)
class Claims:
    """What the XMP metadata claims: ``PDF/A-3b``, ``PDF/UA-1`` or empty."""

    pdf_a: str
    pdf_ua: str

    @property
    def need_tags(self) -> bool:
        """PDF/UA and the accessible PDF/A levels (1a, 2a, 3a) require tags."""
        return bool(self.pdf_ua) or self.pdf_a.endswith("a")


def check_pdf(path: Path) -> FileReport:
    """Every check of this module on the PDF at ``path``."""
    import pymupdf

    try:
        document = pymupdf.open(path, filetype="pdf")
    except (RuntimeError, ValueError, OSError) as problem:
        return FileReport(path, "pdf", (error("pdf.unreadable", f"cannot open: {problem}"),))
    with document:
        if document.needs_pass:
            finding = error("pdf.encrypted", "encrypted: cannot be checked without the password")
            return FileReport(path, "pdf", (finding,))
        fonts = document_fonts(document)
        claims = xmp_claims(document.get_xml_metadata())
        findings = [
            *damage_findings(document),
            *font_findings(fonts),
            *tagging_findings(document, claims),
            *metadata_findings(document),
            *page_findings(document),
        ]
        return FileReport(path, "pdf", tuple(findings), pdf_facts(document, fonts, claims))


def damage_findings(document: pymupdf.Document) -> Iterator[Finding]:
    if document.is_repaired:
        yield warning("pdf.repaired", "damaged: it had to be repaired to be read")


# --- fonts -----------------------------------------------------------------


def document_fonts(document: pymupdf.Document) -> tuple[Font, ...]:
    """Each font the pages use, once, with the first page using it.

    A font is embedded when its program is in the file; Type 3 fonts are
    drawn by the PDF's own operators, so they always are. PyMuPDF reports the
    program's type, or ``n/a`` for none.
    """
    fonts: dict[int, Font] = {}
    for page in document:
        for xref, extension, font_type, basefont, *_ in page.get_fonts(full=True):
            if xref not in fonts:
                embedded = extension != "n/a" or font_type == "Type3"
                name = SUBSET_TAG.sub("", basefont) or "(unnamed)"
                fonts[xref] = Font(name, font_type, embedded, page.number + 1)
    return tuple(fonts.values())


def font_findings(fonts: tuple[Font, ...]) -> Iterator[Finding]:
    """An unembedded font is replaced by whatever the reader has: the text
    reflows, glyphs go missing, and no printer or archive accepts it."""
    for font in fonts:
        if not font.embedded:
            yield error(
                "pdf.font-not-embedded",
                f"font {font.name} ({font.type}) is not embedded (first used on page "
                f"{font.first_page})",
            )


# --- tags and claims -------------------------------------------------------


def catalog_value(document: pymupdf.Document, key: str) -> tuple[str, str]:
    """``(type, value)`` of a catalog entry, ``("null", "null")`` if absent."""
    return document.xref_get_key(document.pdf_catalog(), key)


def is_tagged(document: pymupdf.Document) -> bool:
    """Tagged: ``/MarkInfo << /Marked true >>`` and a ``/StructTreeRoot``."""
    return has_mark_info(document) and has_structure_tree(document)


def has_mark_info(document: pymupdf.Document) -> bool:
    return catalog_value(document, "MarkInfo/Marked") == ("bool", "true")


def has_structure_tree(document: pymupdf.Document) -> bool:
    return catalog_value(document, "StructTreeRoot")[0] != "null"


def tagging_findings(document: pymupdf.Document, claims: Claims) -> Iterator[Finding]:
    tagged = is_tagged(document)
    if has_mark_info(document) != has_structure_tree(document):
        present = "/MarkInfo" if has_mark_info(document) else "/StructTreeRoot"
        yield warning("pdf.tags-incomplete", f"half tagged: {present} only")
    if tagged:
        return
    claimed = " and ".join(claim for claim in (claims.pdf_a, claims.pdf_ua) if claim)
    if claims.need_tags:
        yield error("pdf.claim-untagged", f"claims {claimed} but is not tagged")
    else:
        yield warning("pdf.untagged", "not tagged: screen readers and reflow get no structure")


def xmp_claims(xmp: str) -> Claims:
    """The PDF/A and PDF/UA identification in the XMP metadata, written
    either as attributes of an ``rdf:Description`` or as its elements."""
    root = etree.fromstring(xmp.encode("utf-8"), XMP_PARSER) if xmp.strip() else None
    if root is None:
        return Claims("", "")
    part, conformance = xmp_value(root, PDFAID, "part"), xmp_value(root, PDFAID, "conformance")
    ua_part = xmp_value(root, PDFUAID, "part")
    return Claims(
        f"PDF/A-{part}{conformance.lower()}" if part else "",
        f"PDF/UA-{ua_part}" if ua_part else "",
    )


def xmp_value(root: etree._Element, namespace: str, name: str) -> str:
    qualified = f"{{{namespace}}}{name}"
    for element in root.iter():
        if (value := element.get(qualified)) is not None:
            return value.strip()
        if element.tag == qualified:
            return (element.text or "").strip()
    return ""


# --- metadata and pages ----------------------------------------------------


def language(document: pymupdf.Document) -> str:
    kind, value = catalog_value(document, "Lang")
    return value.strip() if kind == "string" else ""


def metadata_findings(document: pymupdf.Document) -> Iterator[Finding]:
    """The catalog's ``/Lang`` picks a screen reader's voice and the
    hyphenation of reflowed text; the title is what a reader's window and
    library show instead of the file name."""
    tag = language(document)
    if not tag:
        yield error("pdf.language-missing", "no document language (/Lang in the catalog)")
    elif not is_language_tag(tag):
        yield error("pdf.language-invalid", f"/Lang {tag!r} is not a BCP 47 tag")
    metadata = document.metadata or {}
    if not metadata.get("title", "").strip():
        yield warning("pdf.title-missing", "no title in the document information")
    if not metadata.get("author", "").strip():
        yield info("pdf.author-missing", "no author in the document information")


def page_findings(document: pymupdf.Document) -> Iterator[Finding]:
    if document.page_count == 0:
        yield error("pdf.no-pages", "has no pages")


def page_size(width_mm: float, height_mm: float) -> str:
    """``210 × 297 mm (A4)``, ``297 × 210 mm (A4 landscape)``, ``100 × 100 mm``."""
    text = f"{width_mm:.1f}".removesuffix(".0") + " × " + f"{height_mm:.1f}".removesuffix(".0")
    name = paper_name(width_mm, height_mm)
    return f"{text} mm ({name})" if name else f"{text} mm"


def paper_name(width_mm: float, height_mm: float) -> str:
    """The named paper size within ``PAPER_TOLERANCE_MM``, or empty."""
    for name, (width, height) in PAPER_SIZES_MM.items():
        if (
            abs(width_mm - width) <= PAPER_TOLERANCE_MM
            and abs(height_mm - height) <= PAPER_TOLERANCE_MM
        ):
            return name
        if (
            abs(width_mm - height) <= PAPER_TOLERANCE_MM
            and abs(height_mm - width) <= PAPER_TOLERANCE_MM
        ):
            return f"{name} landscape"
    return ""


def page_sizes(document: pymupdf.Document) -> tuple[str, ...]:
    """The distinct page sizes, in order of first use, as seen (rotation and
    crop box applied)."""
    sizes: dict[str, None] = {}
    for page in document:
        rect = page.rect
        sizes[page_size(rect.width * MM_PER_POINT, rect.height * MM_PER_POINT)] = None
    return tuple(sizes)


def pdf_facts(
    document: pymupdf.Document, fonts: tuple[Font, ...], claims: Claims
) -> dict[str, FactValue]:
    metadata = document.metadata or {}
    sizes = page_sizes(document)
    return {
        "pdf_version": metadata.get("format", ""),
        "title": metadata.get("title", "").strip(),
        "author": metadata.get("author", "").strip(),
        "language": language(document),
        "pages": document.page_count,
        "page_size": sizes[0] if len(sizes) == 1 else sizes,
        "tagged": is_tagged(document),
        "pdf_a": claims.pdf_a,
        "pdf_ua": claims.pdf_ua,
        "fonts": tuple(dict.fromkeys(font.name for font in fonts)),
        "producer": metadata.get("producer", "").strip(),
    }
