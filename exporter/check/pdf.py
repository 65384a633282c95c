"""PDF checks: embedded fonts, missing glyphs, tags, PDF/A and PDF/UA claims,
metadata, pages.

These are the things a printer, a library or a screen reader trips over
first. They are not a PDF/A or PDF/UA validator (veraPDF is): claims are
reported as made, and only contradicted where the contradiction is plain (a
PDF/UA file without tags). PyMuPDF reads the file, imported only here so that
checking EPUBs never loads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
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
            *glyph_findings(document),
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


# --- missing glyphs --------------------------------------------------------

#: Glyph 0 is ``.notdef`` in TrueType, OpenType and CID-keyed fonts: what a
#: font draws, mostly an empty box, for a character it has no glyph for.
NOTDEF_GLYPH = 0
#: A text trace span's ``type`` for invisible text (render mode 3, as in an
#: OCR layer): it draws no box.
INVISIBLE_TEXT = 3
#: MuPDF's character for a glyph with no Unicode mapping (and -1 for none).
UNMAPPED = 0xFFFD
#: How many missing characters a finding names before ``…``.
NAMED_CHARACTERS = 6


@dataclass(frozen=True, slots=True)
class MissingGlyphs:
    """The distinct characters drawn as ``.notdef``, in order of first
    occurrence (``""`` for one without a Unicode mapping), and its page."""

    characters: tuple[str, ...]
    first_page: int


def glyph_findings(document: pymupdf.Document) -> Iterator[Finding]:
    """A character no font of the PDF has a glyph for prints as an empty box
    (WeasyPrint writes the ``.notdef`` glyph and logs a warning nobody reads
    in a batch): the text is unreadable where it matters."""
    if missing := missing_glyphs(document):
        yield missing_glyph_finding(missing)


def missing_glyph_finding(missing: MissingGlyphs) -> Finding:
    """One line: how many characters, the page of the first, and the first
    few of them."""
    count = len(missing.characters)
    named = ", ".join(character_label(text) for text in missing.characters[:NAMED_CHARACTERS])
    more = ", …" if count > NAMED_CHARACTERS else ""
    subject = "1 character has" if count == 1 else f"{count} characters have"
    return error(
        "pdf.missing-glyphs",
        f"{subject} no glyph in the PDF's fonts (page {missing.first_page}: {named}{more})",
    )


def character_label(text: str) -> str:
    """``京 U+4EAC``; only the code points when the text would not show on
    one line by itself (a space, a control, a combining mark, private use)."""
    if not text:
        return "a character without Unicode mapping"
    points = " ".join(f"U+{ord(character):04X}" for character in text)
    visible = (
        text.isprintable()
        and not text.isspace()
        and not unicodedata.category(text[0]).startswith("M")
    )
    return f"{text} {points}" if visible else points


def missing_glyphs(document: pymupdf.Document) -> MissingGlyphs | None:
    """The characters drawn with glyph 0 in an embedded font, as MuPDF draws
    the pages: visible text only, Type 3 fonts aside (their glyphs are
    numbered by code, and 0 is an ordinary one).

    MuPDF names each glyph's character from the font's ``/ToUnicode`` looked
    up by CID, not by code. WeasyPrint gives each missing character a code of
    its own, all mapped to CID 0 by an ``/Encoding`` CMap (``WP-Encod-0``),
    so MuPDF reads them all as one of them; for such a font the characters
    are read from its CMaps (:func:`encoded_notdefs`) instead.
    """
    found: dict[str, None] = {}
    first_page = 0
    notdefs: dict[int, tuple[str, ...]] = {}
    for page in document:
        outline, other = page_font_xrefs(page)
        for span in text_trace(page):
            font = span["font"]
            if span["type"] == INVISIBLE_TEXT or (font in other and font not in outline):
                continue
            for unicode, glyph, *_ in span["chars"]:
                if glyph != NOTDEF_GLYPH:
                    continue
                first_page = first_page or page.number + 1
                for xref in outline.get(font, ()):
                    if xref not in notdefs:
                        notdefs[xref] = encoded_notdefs(document, xref)
                    found.update(dict.fromkeys(notdefs[xref]))
                found.setdefault("" if unicode in (-1, UNMAPPED) else chr(unicode))
    return MissingGlyphs(tuple(found), first_page) if found else None


def page_font_xrefs(page: pymupdf.Page) -> tuple[dict[str, list[int]], set[str]]:
    """The page's embedded outline fonts, their xrefs by name as MuPDF's text
    names them (no subset tag), and the names of its other fonts: Type 3 and
    not embedded, whose glyph 0 is ordinary or the reader's."""
    outline: dict[str, list[int]] = {}
    other: set[str] = set()
    for xref, extension, font_type, basefont, *_ in page.get_fonts(full=True):
        name = SUBSET_TAG.sub("", basefont)
        if extension == "n/a" or font_type == "Type3":
            other.add(name)
        else:
            outline.setdefault(name, []).append(xref)
    return outline, other


def text_trace(page: pymupdf.Page) -> list[dict]:
    """Each span of text MuPDF draws, with each character's glyph; none for a
    page whose content MuPDF cannot interpret."""
    import pymupdf

    try:
        return page.get_texttrace()
    except pymupdf.mupdf.FzErrorBase:
        return []


def encoded_notdefs(document: pymupdf.Document, xref: int) -> tuple[str, ...]:
    """For a composite font whose ``/Encoding`` is an embedded CMap: the text
    of each code it maps to CID 0 (``.notdef``), from the font's
    ``/ToUnicode``, in the CMap's order. Empty for any other font."""
    if document.xref_get_key(xref, "Subtype") != ("name", "/Type0"):
        return ()
    encoding = referenced_stream(document, xref, "Encoding")
    to_unicode = referenced_stream(document, xref, "ToUnicode")
    if not encoding or not to_unicode:
        return ()
    codes = list(dict.fromkeys(notdef_codes(encoding)))
    texts = unicode_mappings(to_unicode, codes)
    return tuple(dict.fromkeys(texts.get(code, "") for code in codes))


def referenced_stream(document: pymupdf.Document, xref: int, key: str) -> bytes:
    kind, value = document.xref_get_key(xref, key)
    if kind != "xref":
        return b""
    try:
        return document.xref_stream(int(value.split()[0])) or b""
    except ValueError:  # a bad reference; a bad stream reads as empty
        return b""


# --- CMaps -----------------------------------------------------------------

#: A CMap's tokens: hex strings, array brackets, dictionary brackets, literal
#: strings, comments, and words (numbers, operators, names).
CMAP_TOKEN = re.compile(
    rb"<<|>>|<([0-9A-Fa-f\s]*)>|(\[)|(\])|\([^)]*\)|%[^\r\n]*|([^\s<>\[\]()%]+)"
)

#: A character code: its bytes, so that <0041> and <41> stay apart.
Code = bytes
CmapToken = bytes | str | list["CmapToken"]


def cmap_tokens(data: bytes) -> Iterator[CmapToken]:
    """Hex strings as ``bytes``, arrays as lists, words as ``str``; the rest
    (dictionaries' brackets, strings, comments) dropped."""
    stack: list[list[CmapToken]] = [[]]
    for match in CMAP_TOKEN.finditer(data):
        hex_digits, opening, closing, word = match.groups()
        if hex_digits is not None:
            digits = re.sub(rb"\s", b"", hex_digits)
            stack[-1].append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        elif opening:
            stack.append([])
        elif closing and len(stack) > 1:
            array = stack.pop()
            stack[-1].append(array)
        elif word:
            stack[-1].append(word.decode("latin-1"))
        if len(stack) == 1 and stack[0]:
            yield from stack[0]
            stack[0].clear()


def cmap_sections(data: bytes, kind: str) -> Iterator[list[CmapToken]]:
    """The operands of each ``begin<kind>`` … ``end<kind>`` section."""
    section: list[CmapToken] | None = None
    for token in cmap_tokens(data):
        if token == f"begin{kind}":
            section = []
        elif token == f"end{kind}":
            if section is not None:
                yield section
            section = None
        elif section is not None:
            section.append(token)


def notdef_codes(data: bytes) -> Iterator[Code]:
    """Each code an encoding CMap maps to CID 0: by ``cidchar``, or as the
    first code of a ``cidrange`` starting at CID 0."""
    for section in cmap_sections(data, "cidchar"):
        for code, cid in zip(section[::2], section[1::2], strict=False):
            if isinstance(code, bytes) and cid == "0":
                yield code
    for section in cmap_sections(data, "cidrange"):
        for low, _, cid in zip(section[::3], section[1::3], section[2::3], strict=False):
            if isinstance(low, bytes) and cid == "0":
                yield low


def unicode_mappings(data: bytes, wanted: Iterable[Code]) -> dict[Code, str]:
    """The text a ``/ToUnicode`` CMap gives each of the ``wanted`` codes
    (``bfchar`` and ``bfrange``, UTF-16BE)."""
    wanted = set(wanted)
    found: dict[Code, str] = {}
    for section in cmap_sections(data, "bfchar"):
        for code, target in zip(section[::2], section[1::2], strict=False):
            if code in wanted and isinstance(target, bytes):
                found[code] = utf16(target)
    for section in cmap_sections(data, "bfrange"):
        for low, high, target in zip(section[::3], section[1::3], section[2::3], strict=False):
            if not (isinstance(low, bytes) and isinstance(high, bytes)):
                continue
            for code in wanted:
                offset = range_offset(code, low, high)
                if offset is None:
                    continue
                if isinstance(target, list):
                    if offset < len(target) and isinstance(target[offset], bytes):
                        found[code] = utf16(target[offset])
                elif isinstance(target, bytes) and target:
                    value = int.from_bytes(target, "big") + offset
                    found[code] = utf16(value.to_bytes(len(target), "big"))
    return found


def range_offset(code: Code, low: Code, high: Code) -> int | None:
    """How far ``code`` is into the range ``low``–``high`` of codes as long
    as it, or None if it is not in it."""
    if len(code) != len(low):
        return None
    value = int.from_bytes(code, "big")
    start = int.from_bytes(low, "big")
    return value - start if start <= value <= int.from_bytes(high, "big") else None


def utf16(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")


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
