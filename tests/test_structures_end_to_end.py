"""Superscripts, subscripts, definition lists and spanning table cells, end
to end: a Markdown file and a saved web page holding all of them, each read
once and written once to an EPUB and a PDF, then looked at as a reader does.

The EPUB and the PDF are opened in MuPDF: the raised text must stand higher
and smaller than its line (the lowered text lower), the term must be bold
and its definition indented under it, in both outputs alike.
"""

from __future__ import annotations

import itertools
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from support.epubcheck import run_epubcheck_many
from support.words import missing_in_order, words

import exporter
from exporter.options import Options
from exporter.writers import epub, pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "structures"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    #: Every word a reader reads, in order (title page and headings aside).
    text: str
    #: A term with a definition of its own, and that definition's first words.
    term: str
    definition: str
    #: A word ending right before a superscript, the superscript, and the
    #: same for a subscript.
    before_sup: str
    sup: str
    before_sub: str
    sub: str


CASES = {
    "markdown": Case(
        "begriffe.md",
        "Das Watt bedeckt rund 11 500 km2. Sein Wasser ist H2O mit etwa 3 Prozent Salz, und "
        "der Wert 10-3 gilt als klein. Glossar Pegel Ein Messgerät für den Wasserstand. "
        "Priel Ein Wasserlauf im Watt. Er führt auch bei Ebbe Wasser. Ein schmaler Graben "
        "am Deich. Messwerte Station Tiefe in Metern Ebbe Flut Nord 2 5 Süd 1 4 Am Ende "
        "steht ein Satz ohne Besonderheiten.",
        term="Pegel",
        definition="Ein Messgerät",
        before_sup="km",
        sup="2",
        before_sub="H",
        sub="2",
    ),
    "html": Case(
        "marees.html",
        "Le 1er janvier, la mer monte de 12 m en six heures. Le CO2 dissous rend l’eau plus "
        "acide, et la surface couverte atteint 500 km2. Lexique Estran La partie du littoral "
        "couverte à marée haute. Jusant Reflux La marée descendante. Elle dure environ six "
        "heures. Horaires Jour Pleine mer Matin Soir Lundi 6 h 10 18 h 32 Mardi sans mesure "
        "Marées du port La dernière phrase ferme la page.",
        term="Estran",
        definition="La partie",
        before_sup="Le 1",
        sup="er",
        before_sub="Le CO",
        sub="2",
    ),
}


@dataclass(frozen=True, slots=True)
class Outputs:
    epub: Path
    pdf: bytes
    pdf_messages: tuple[str, ...]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outputs]:
    """Each fixture read once and written once per format."""
    folder = tmp_path_factory.mktemp("structures")
    made = {}
    for key, case in CASES.items():
        document = exporter.read(FIXTURES / case.file).document
        book = folder / f"{key}.epub"
        book.write_bytes(epub.write(document, Options()))
        rendered = pdf.render_pdf(document, Options())
        made[key] = Outputs(book, rendered.data, rendered.messages)
    return made


def opened(outputs: Outputs, fmt: str) -> pymupdf.Document:
    if fmt == "epub":
        return pymupdf.open(outputs.epub)
    return pymupdf.open(stream=outputs.pdf, filetype="pdf")


def content_documents(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as book:
        return [
            etree.fromstring(book.read(name))
            for name in book.namelist()
            if name.endswith(".xhtml") and "nav" not in name
        ]


@dataclass(frozen=True, slots=True)
class Piece:
    """A span of text on a page: where it stands and how it is set."""

    text: str
    x0: float
    baseline: float
    size: float
    font: str


def pieces(book: pymupdf.Document) -> list[list[Piece]]:
    """Every line of every page as its spans, in reading order."""
    found = []
    for page in book:
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", ()):
                found.append(
                    [
                        Piece(s["text"], s["bbox"][0], s["origin"][1], s["size"], s["font"])
                        for s in line["spans"]
                        if s["text"].strip()
                    ]
                )
    return found


def span_after(lines: list[list[Piece]], before: str, text: str) -> tuple[Piece, Piece]:
    """The span ``text`` that follows a span ending in ``before``."""
    for line in lines:
        for first, second in itertools.pairwise(line):
            if first.text.endswith(before) and second.text == text:
                return first, second
    raise AssertionError(f"no {text!r} right after {before!r}")


def line_starting(lines: list[list[Piece]], text: str) -> Piece:
    return next(line[0] for line in lines if line and line[0].text.startswith(text))


# --- the checks ---------------------------------------------------------------------


def test_both_epubs_pass_epubcheck(outputs: dict[str, Outputs]) -> None:
    reports = run_epubcheck_many(made.epub for made in outputs.values())
    assert {path.name: messages for path, messages in reports.items() if messages} == {}


@pytest.mark.parametrize("key", CASES)
def test_epub_marks_up_sup_sub_definitions_and_spans(outputs: dict[str, Outputs], key: str) -> None:
    roots = content_documents(outputs[key].epub)
    tags = {element.tag.removeprefix(XHTML) for root in roots for element in root.iter()}
    assert {"sup", "sub", "dl", "dt", "dd"} <= tags
    cells = [cell for root in roots for cell in root.iter(f"{XHTML}th", f"{XHTML}td")]
    assert any(cell.get("colspan") == "2" for cell in cells)
    assert any(cell.get("rowspan") == "2" for cell in cells)
    assert all(cell.get("colspan") != "1" and cell.get("rowspan") != "1" for cell in cells)


@pytest.mark.parametrize("key", CASES)
@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_every_word_is_read_in_order(outputs: dict[str, Outputs], key: str, fmt: str) -> None:
    with opened(outputs[key], fmt) as book:
        text = "\n".join(page.get_text() for page in book)
    assert missing_in_order(words(CASES[key].text), words(text)) == []


@pytest.mark.parametrize("key", CASES)
def test_weasyprint_logs_nothing(outputs: dict[str, Outputs], key: str) -> None:
    assert outputs[key].pdf_messages == ()


@pytest.mark.parametrize("key", CASES)
@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_superscripts_stand_higher_and_subscripts_lower_and_both_smaller(
    outputs: dict[str, Outputs], key: str, fmt: str
) -> None:
    case = CASES[key]
    with opened(outputs[key], fmt) as book:
        lines = pieces(book)
    text, raised = span_after(lines, case.before_sup, case.sup)
    assert raised.baseline < text.baseline - text.size * 0.2
    assert raised.size < text.size * 0.8
    text, lowered = span_after(lines, case.before_sub, case.sub)
    assert lowered.baseline > text.baseline + text.size * 0.1
    assert lowered.size < text.size * 0.8


@pytest.mark.parametrize("key", CASES)
@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_terms_are_bold_and_definitions_indented_under_them(
    outputs: dict[str, Outputs], key: str, fmt: str
) -> None:
    case = CASES[key]
    with opened(outputs[key], fmt) as book:
        lines = pieces(book)
    term = line_starting(lines, case.term)
    definition = line_starting(lines, case.definition)
    assert "Bold" in term.font and "Bold" not in definition.font
    assert definition.size == term.size
    assert term.x0 + term.size < definition.x0 < term.x0 + 3 * term.size
    assert definition.baseline > term.baseline
