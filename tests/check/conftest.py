"""Test files for ``exporter check``, made by hand: EPUBs zipped from the
expanded fixture with named edits, PDFs made with PyMuPDF and WeasyPrint.
None comes from exporter's own writers."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pymupdf
import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "check"
MINIMAL_EPUB = FIXTURES / "minimal-epub"

#: (old, new) replacements for one file of the EPUB.
Edits = tuple[tuple[str, str], ...]


def edited(text: str, edits: Edits) -> str:
    """``text`` with each ``old`` replaced by ``new``; an ``old`` that is not
    there fails the test run, so a fixture cannot silently stop breaking."""
    for old, new in edits:
        assert old in text, f"fixture edit does not apply: {old!r}"
        text = text.replace(old, new)
    return text


def zip_epub(
    target: Path,
    *,
    edits: Mapping[str, Edits] = {},
    add: Mapping[str, bytes] = {},
    drop: frozenset[str] = frozenset(),
) -> Path:
    """The minimal EPUB, edited, zipped to ``target`` as OCF wants: the
    ``mimetype`` entry first and stored, the rest deflated."""
    files = {
        path.relative_to(MINIMAL_EPUB).as_posix(): path.read_bytes()
        for path in sorted(MINIMAL_EPUB.rglob("*"))
        if path.is_file()
    }
    for name, changes in edits.items():
        files[name] = edited(files[name].decode("utf-8"), changes).encode("utf-8")
    files.update(add)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("mimetype", files.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            if name not in drop:
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


OPF = "EPUB/package.opf"
SUMMARY = (
    '    <meta property="schema:accessibilitySummary">A short article of text with headings'
    " and a table of contents; no images.</meta>\n"
)
TEXT = "EPUB/text.xhtml"

#: Wrong on purpose: no dc:language, no navigation document, lang and
#: xml:lang disagreeing, an image without alt (so accessMode also lacks
#: visual), no accessibility summary.
BROKEN_EDITS: dict[str, Edits] = {
    OPF: (
        ("    <dc:language>en</dc:language>\n", ""),
        (
            '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml"'
            ' properties="nav"/>\n',
            '    <item id="figure" href="figure.svg" media-type="image/svg+xml"/>\n',
        ),
        (SUMMARY, ""),
    ),
    TEXT: (
        ('lang="en" xml:lang="en"', 'lang="en" xml:lang="de"'),
        ("      <p>One paragraph", '      <p><img src="figure.svg"/></p>\n      <p>One paragraph'),
    ),
}

#: A cover image and a cover page first in the spine; the metadata says the
#: book is visual too and its images have alt text.
COVER_EDITS: dict[str, Edits] = {
    OPF: (
        (
            '    <item id="text"',
            '    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>\n'
            '    <item id="cover-image" href="cover.svg" media-type="image/svg+xml"'
            ' properties="cover-image"/>\n'
            '    <item id="text"',
        ),
        (
            '    <itemref idref="text"/>',
            '    <itemref idref="cover"/>\n    <itemref idref="text"/>',
        ),
        (
            '<meta property="schema:accessMode">textual</meta>',
            '<meta property="schema:accessMode">textual</meta>\n'
            '    <meta property="schema:accessMode">visual</meta>',
        ),
        (
            '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
            '<meta property="schema:accessibilityFeature">tableOfContents</meta>\n'
            '    <meta property="schema:accessibilityFeature">alternativeText</meta>',
        ),
    ),
}


@pytest.fixture(scope="session")
def epub_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("check-epubs")


@pytest.fixture(scope="session")
def valid_epub(epub_dir: Path) -> Path:
    return zip_epub(epub_dir / "valid.epub")


@pytest.fixture(scope="session")
def broken_epub(epub_dir: Path) -> Path:
    return zip_epub(
        epub_dir / "broken.epub",
        edits=BROKEN_EDITS,
        add={"EPUB/figure.svg": (FIXTURES / "figure.svg").read_bytes()},
        drop=frozenset({"EPUB/nav.xhtml"}),
    )


@pytest.fixture(scope="session")
def cover_epub(epub_dir: Path) -> Path:
    return zip_epub(
        epub_dir / "cover.epub",
        edits=COVER_EDITS,
        add={
            "EPUB/cover.xhtml": (FIXTURES / "cover.xhtml").read_bytes(),
            "EPUB/cover.svg": (FIXTURES / "cover.svg").read_bytes(),
        },
    )


# --- PDFs ------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("check-pdfs")


@pytest.fixture(scope="session")
def unembedded_font_pdf(pdf_dir: Path) -> Path:
    """Text in Helvetica, one of the 14 standard fonts PDF readers are
    expected to have, so PyMuPDF does not embed it."""
    target = pdf_dir / "helvetica.pdf"
    with pymupdf.open() as document:
        page = document.new_page()
        page.insert_text((72, 72), "Hello", fontname="helv")
        document.save(target)
    return target


WeasyPrinter = Callable[[str, str, str], Path]


@pytest.fixture(scope="session")
def weasyprint_pdf(pdf_dir: Path) -> WeasyPrinter:
    """A PDF of an HTML string in a WeasyPrint ``pdf_variant``."""
    from weasyprint import HTML

    def make(name: str, html: str, variant: str) -> Path:
        target = pdf_dir / name
        HTML(string=html).write_pdf(target, pdf_variant=variant)
        return target

    return make


UA_HTML = (
    '<html lang="de"><head><title>Ein Titel</title><meta name="author" content="Jane Doe">'
    "</head><body><h1>Ein Titel</h1><p>Ein Absatz.</p></body></html>"
)
#: Two A5 pages and no author.
A_HTML = (
    '<html lang="en-GB"><head><title>Two Pages</title>'
    "<style>@page { size: A5 } p { break-after: page }</style></head>"
    "<body><p>One.</p><p>Two.</p></body></html>"
)


@pytest.fixture(scope="session")
def ua_pdf(weasyprint_pdf: WeasyPrinter) -> Path:
    return weasyprint_pdf("ua.pdf", UA_HTML, "pdf/ua-1")


@pytest.fixture(scope="session")
def a3b_pdf(weasyprint_pdf: WeasyPrinter) -> Path:
    return weasyprint_pdf("a3b.pdf", A_HTML, "pdf/a-3b")


#: Page 1 has only characters every text font has, and the ones Pango draws
#: with no glyph at all (zero-width space, soft hyphen, word joiner, byte
#: order mark, direction mark); page 2 has Egyptian hieroglyphs and Linear B,
#: which no font on the machine covers (``fc-list ':charset=13000'``), so
#: WeasyPrint draws .notdef boxes for them.
MISSING_GLYPHS_HTML = (
    '<html lang="en"><head><title>Boxes</title><meta name="author" content="Jane Doe">'
    "<style>p { break-after: page }</style></head><body>"
    "<p>Zero\u200bwidth, soft\u00adhyphen, word\u2060joiner, mark\u200e, bom\ufeff, "
    "caf\u0065\u0301, office \u2014 \u201cquoted\u201d.</p>"
    "<p>Hieroglyphs \U00013000\U00013001 and Linear B \U00010000, then \U00013000 again.</p>"
    "</body></html>"
)


@pytest.fixture(scope="session")
def missing_glyphs_pdf(weasyprint_pdf: WeasyPrinter) -> Path:
    """A PDF/UA file with all else right: title, author, language, tags."""
    return weasyprint_pdf("missing-glyphs.pdf", MISSING_GLYPHS_HTML, "pdf/ua-1")


#: Wrong on purpose for DAISY Ace: no language on the package (Ace's own
#: EPUB rule, serious) and an image without alt text (axe's, critical).
UNLABELLED_EDITS: dict[str, Edits] = {
    OPF: (('unique-identifier="uid" xml:lang="en"', 'unique-identifier="uid"'),),
    TEXT: (
        ("      <p>One paragraph", '      <p><img src="figure.svg"/></p>\n      <p>One paragraph'),
    ),
}


@pytest.fixture(scope="session")
def unlabelled_epub(epub_dir: Path) -> Path:
    return zip_epub(
        epub_dir / "unlabelled.epub",
        edits=UNLABELLED_EDITS,
        add={"EPUB/figure.svg": (FIXTURES / "figure.svg").read_bytes()},
    )
