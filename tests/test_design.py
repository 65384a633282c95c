"""The design (issue 4): themes, title page, running heads, the same
typography and faces in the EPUB and the PDF.

Each theme's PDF and EPUB of the sample is made once for the module and
looked at as a reader sees it: pages opened in MuPDF, lines with their font
and size, the EPUB's files and EPUBCheck's verdict (one JVM for all).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pymupdf
import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from support.epubcheck import run_epubcheck_many
from support.words import words

import exporter
from exporter import fonts
from exporter import model as m
from exporter.options import THEMES, Options
from exporter.source import Source
from exporter.writers import epub, pdf

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "nordkorea-kursk.de.txt"
PUBLISHER = "Beispiel-Verlag"
DATE = "2024-10-28"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
#: The characters the typography transform writes, as a reader sees them.
PUNCTUATION = "„“‚‘»«–—…’\u00a0\u202f"

#: Straight quotes, apostrophes, hyphens as dashes and three dots: the
#: typography transform turns them into each language's own characters.
GERMAN = """Die "Rückkehr" der Soldaten

Der Sprecher sagte: "Unsere Soldaten sind 'heimgekehrt'", und schwieg... Dann - nach
einer Pause - fügte er hinzu: "Es ist vorbei". Er hat's gesagt.

Niemand antwortete - auch nicht die Regierung - und das 'große Schweigen' dauerte an.
"""
FRENCH = """Le retour des "soldats"

L'armée a confirmé la nouvelle : "Nos soldats sont rentrés", a dit le porte-parole...
Puis - après une pause - il a ajouté : "C'est fini".

Pourquoi ? Personne n'a répondu ; le silence - "le grand silence" - dura.
"""


# --- the renders ---------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> m.Document:
    """The sample, with a publisher and a date so the title page has an imprint."""
    document = exporter.read(SAMPLE).document
    metadata = replace(document.metadata, publisher=PUBLISHER, date=DATE)
    return replace(document, metadata=metadata)


@pytest.fixture(scope="module")
def rendered(sample: m.Document) -> dict[str, pdf.RenderedPdf]:
    return {theme: pdf.render_pdf(sample, Options(theme=theme)) for theme in THEMES}


@pytest.fixture(scope="module")
def books(rendered: dict[str, pdf.RenderedPdf]) -> dict[str, pymupdf.Document]:
    return {theme: pymupdf.open(stream=r.data, filetype="pdf") for theme, r in rendered.items()}


@pytest.fixture(scope="module")
def epubs(sample: m.Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The EPUB of each theme, and one without embedded fonts."""
    folder = tmp_path_factory.mktemp("design")
    variants = {theme: Options(theme=theme) for theme in THEMES}
    variants["no-fonts"] = Options(embed_fonts=False)
    paths = {}
    for name, options in variants.items():
        paths[name] = folder / f"{name}.epub"
        paths[name].write_bytes(epub.write(sample, options))
    return paths


@pytest.fixture(scope="module")
def epubcheck(epubs: dict[str, Path]) -> dict[Path, list]:
    return run_epubcheck_many(epubs.values())


@pytest.fixture(scope="module")
def headings(sample: m.Document) -> list[str]:
    return [m.plain_text(b.children) for b in sample.blocks if isinstance(b, m.Heading)]


# --- reading a page --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page as MuPDF extracts it, with its largest type."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    fonts: frozenset[str]

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def lines(page: pymupdf.Page) -> list[Line]:
    found = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", ()):
            spans = [span for span in line["spans"] if span["text"].strip()]
            if spans:
                text = "".join(span["text"] for span in line["spans"]).strip()
                size = max(span["size"] for span in spans)
                faces = frozenset(span["font"] for span in spans)
                found.append(Line(text, *line["bbox"], size, faces))
    return sorted(found, key=lambda line: (round(line.y0), line.x0))


def bands(page: pymupdf.Page, paper: str = "a4") -> tuple[list[Line], list[Line], list[Line]]:
    """The lines of the head margin, of the type area and of the foot margin."""
    layout = pdf.PAGE_LAYOUTS[paper]
    top = length_pt(layout.margin_top)
    bottom = page.rect.height - length_pt(layout.margin_bottom)
    all_lines = lines(page)
    return (
        [line for line in all_lines if line.middle < top],
        [line for line in all_lines if top <= line.middle <= bottom],
        [line for line in all_lines if line.middle > bottom],
    )


def length_pt(css_length: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(mm|in|pt)", css_length).groups()
    return float(number) * {"mm": 72 / 25.4, "in": 72.0, "pt": 1.0}[unit]


def body_size(book: pymupdf.Document) -> float:
    """The size most characters of the body are set in."""
    sizes: Counter[float] = Counter()
    for page in book.pages(1):
        for line in bands(page)[1]:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0]


def is_heading(line: Line, headings: list[str], text_size: float) -> bool:
    """A line set larger than the text whose words are (part of) a heading."""
    return line.size > text_size * 1.05 and any(line.text in heading for heading in headings)


# --- every theme -----------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_weasyprint_logs_nothing(rendered: dict[str, pdf.RenderedPdf], theme: str) -> None:
    assert rendered[theme].messages == ()


@pytest.mark.parametrize("theme", THEMES)
def test_title_page_holds_only_title_page_content(
    books: dict[str, pymupdf.Document], sample: m.Document, theme: str
) -> None:
    metadata = sample.metadata
    expected = words(" ".join((metadata.title, *metadata.authors, PUBLISHER, DATE)))
    head, area, foot = bands(books[theme][0])
    assert head == [] and foot == []  # no running head, no folio
    assert sorted(words(" ".join(line.text for line in area))) == sorted(expected)


@pytest.mark.parametrize("theme", ["book", "large-print"])
def test_title_sits_in_the_upper_third_and_the_imprint_at_the_foot(
    books: dict[str, pymupdf.Document], theme: str
) -> None:
    page = books[theme][0]
    area = bands(page)[1]
    height = page.rect.height
    assert 0.2 * height < area[0].y0 < 0.4 * height
    assert area[0].size == max(line.size for line in area)  # the title is the largest type
    imprint = area[-1]
    assert PUBLISHER in imprint.text and DATE in imprint.text
    assert imprint.y1 > height - length_pt(pdf.PAGE_LAYOUTS["a4"].margin_bottom) - 5
    assert imprint.y0 - area[-2].y1 > 0.25 * height  # set apart from the author line


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_ends_with_a_heading(
    books: dict[str, pymupdf.Document], headings: list[str], theme: str
) -> None:
    book = books[theme]
    text_size = body_size(book)
    assert book.page_count >= 4
    found = [line for page in book.pages(1) for line in bands(page)[1]]
    assert sum(is_heading(line, headings, text_size) for line in found) >= len(headings)
    for page in book.pages(1):
        last = bands(page)[1][-1]
        assert not is_heading(last, headings, text_size), f"page {page.number + 1}: {last.text}"


@pytest.mark.parametrize("theme", THEMES)
def test_running_heads_name_the_title_and_the_current_section(
    books: dict[str, pymupdf.Document], sample: m.Document, headings: list[str], theme: str
) -> None:
    """Left-hand (even) pages carry the title, right-hand pages the section
    the page begins in; every body page has its number at the foot."""
    book = books[theme]
    text_size = body_size(book)
    title = sample.metadata.title
    section = title
    for page in book.pages(1):
        number = page.number + 1
        head, area, foot = bands(page)
        starting = next((h for h in headings if h.startswith(area[0].text)), None)
        if starting and is_heading(area[0], headings, text_size):
            section = starting
        assert [line.text for line in head] == [title if number % 2 == 0 else section]
        assert [line.text for line in foot] == [str(number)]
        for line in area:
            if is_heading(line, headings, text_size):
                section = next(h for h in headings if h.startswith(line.text) or line.text in h)
    assert section == headings[-1]  # every heading was seen


@pytest.mark.parametrize("theme", THEMES)
def test_pdf_and_epub_are_set_in_the_themes_faces(
    books: dict[str, pymupdf.Document], epubs: dict[str, Path], theme: str
) -> None:
    """The EPUB embeds small subsets of exactly the faces the PDF uses (the
    PDF may leave out a style no text needs), all of the theme's families."""
    pdf_faces = {
        face_key(basefont.split("+")[-1])
        for page in books[theme]
        for _xref, ext, _type, basefont, *_ in page.get_fonts(full=True)
        if ext != "n/a"
    }
    assert all(font[1] != "n/a" for page in books[theme] for font in page.get_fonts(full=True)), (
        "a font is not embedded"
    )
    epub_faces = {}
    with zipfile.ZipFile(epubs[theme]) as book:
        for name in book.namelist():
            if name.endswith(".ttf"):
                data = book.read(name)
                assert len(data) < 100_000, f"{name} is {len(data)} bytes"
                face = TTFont(io.BytesIO(data))
                family, style = face["name"].getDebugName(1), face["name"].getDebugName(2)
                epub_faces[face_key(family + ("" if style == "Regular" else style))] = family
    families = set(fonts.THEME_FAMILIES[theme])
    assert set(epub_faces.values()) == families
    assert pdf_faces <= set(epub_faces)
    assert {epub_faces[face] for face in pdf_faces} == families


def face_key(name: str) -> str:
    """A face's name without separators: the PDF names faces after Pango's
    description ("Literata-Bold", "Source-Sans-3," for the regular, the comma
    keeping the 3 from reading as a size), the font after its name table."""
    return re.sub(r"[-, ]", "", name)


def test_book_uses_literata_regular_italic_and_bold(books: dict[str, pymupdf.Document]) -> None:
    names = {font[3].split("+")[-1] for page in books["book"] for font in page.get_fonts(full=True)}
    assert {"Literata", "Literata-Italic", "Literata-Bold"} <= names


def test_every_theme_epub_passes_epubcheck(
    epubs: dict[str, Path], epubcheck: dict[Path, list]
) -> None:
    for name, path in epubs.items():
        assert epubcheck[path] == [], name


def test_without_embedded_fonts_the_epub_has_no_font_and_no_font_face(
    epubs: dict[str, Path],
) -> None:
    with zipfile.ZipFile(epubs["no-fonts"]) as book:
        assert not [name for name in book.namelist() if "/fonts/" in name]
        css = book.read(next(n for n in book.namelist() if n.endswith(".css"))).decode()
    assert "@font-face {" not in css


# --- the book theme: paragraphs ------------------------------------------------


def test_book_indents_paragraphs_but_not_the_first_after_a_heading(
    books: dict[str, pymupdf.Document], headings: list[str]
) -> None:
    book = books["book"]
    text_size = body_size(book)
    left = min(line.x0 for page in book.pages(1) for line in bands(page)[1])
    after_heading, indents = [], []
    for page in book.pages(1):
        area = bands(page)[1]
        for before, line in itertools.pairwise(area):
            if is_heading(line, headings, text_size):
                continue
            if is_heading(before, headings, text_size):
                after_heading.append(line.x0 - left)
            else:
                indents.append(line.x0 - left)
    assert after_heading and max(after_heading) < 0.5
    # About 1.2 em: 13 pt at 11 pt type.
    assert any(abs(indent - 1.2 * text_size) < 1 for indent in indents)


# --- the news theme -----------------------------------------------------------------


@pytest.fixture(scope="module")
def news_short() -> pymupdf.Document:
    """A lead of two paragraphs, a heading and a paragraph, with a user
    stylesheet that colours headings: the user's layer comes after the theme's."""
    para = "Die Soldaten kehrten im Frühjahr aus dem Grenzgebiet zurück. " * 4
    blocks = (
        m.Paragraph((m.Text("Erster Absatz. " + para),)),
        m.Paragraph((m.Text("Zweiter Absatz. " + para),)),
        m.Heading(2, (m.Text("Ein Abschnitt"),), "abschnitt"),
        m.Paragraph((m.Text(para),)),
    )
    document = m.Document(m.Metadata(title="Kurz", authors=("A. B.",), language="de"), blocks)
    options = Options(theme="news", extra_css="h2 { color: rgb(0, 0, 200); }")
    return pymupdf.open(stream=pdf.write(document, options), filetype="pdf")


def spans(page: pymupdf.Page) -> list[dict]:
    return [
        span
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", ())
        for span in line["spans"]
        if span["text"].strip()
    ]


def test_news_sets_only_the_first_lead_paragraph_larger_and_bold(
    news_short: pymupdf.Document,
) -> None:
    page = spans(news_short[1])
    first = next(s for s in page if s["text"].startswith("Erster"))
    second = next(s for s in page if s["text"].startswith("Zweiter"))
    later = [s for s in page if s["text"].startswith("Die Soldaten")][-1]
    assert first["font"] == "Literata-Bold" and second["font"] == "Literata"
    assert first["size"] > 1.1 * second["size"]
    assert second["size"] == pytest.approx(later["size"])


def test_news_headings_are_sans_and_the_users_sheet_comes_last(
    news_short: pymupdf.Document,
) -> None:
    heading = next(s for s in spans(news_short[1]) if s["text"] == "Ein Abschnitt")
    assert face_key(heading["font"]) == "SourceSans3Bold"
    assert heading["color"] == 0x0000C8


def test_news_spaces_paragraphs_instead_of_indenting(books: dict[str, pymupdf.Document]) -> None:
    area = bands(books["news"][2])[1]
    left = min(line.x0 for line in area)
    assert all(line.x0 - left < 0.5 for line in area)
    gaps = [b.y0 - a.y1 for a, b in itertools.pairwise(area)]
    # Line gaps inside a paragraph, and larger ones between paragraphs.
    assert max(gaps) > 2 * statistics.median(gaps) + 4


# --- the large-print theme -------------------------------------------------------


@pytest.fixture(scope="module")
def large_print_a5(sample: m.Document) -> pymupdf.Document:
    """The smallest type the layouts set (A5) and the first sections of the sample."""
    short = replace(sample, blocks=sample.blocks[:6])
    data = pdf.write(short, Options(theme="large-print", paper="a5"))
    return pymupdf.open(stream=data, filetype="pdf")


def test_large_print_is_16_pt_or_more_on_a5_and_a4(
    large_print_a5: pymupdf.Document, books: dict[str, pymupdf.Document]
) -> None:
    assert body_size(large_print_a5) >= 16
    assert body_size(books["large-print"]) >= 17
    sizes = [span["size"] for page in large_print_a5 for span in spans(page)]
    assert min(sizes) >= 14  # running heads and folios too


def test_large_print_is_ragged_right_and_unhyphenated_in_a_sans(
    books: dict[str, pymupdf.Document],
) -> None:
    body = [line for page in books["large-print"].pages(1) for line in bands(page)[1]]
    right = max(line.x1 for line in body)
    flush = sum(abs(line.x1 - right) < 1.5 for line in body)
    assert flush < 0.2 * len(body)
    assert not [line.text for line in body if line.text.endswith(("\u2010", "\u00ad"))]
    assert {face_key(face) for line in body for face in line.fonts} <= {
        "SourceSans3",
        "SourceSans3Bold",
    }


# --- the same punctuation and faces in both outputs ---------------------------------


@pytest.fixture(scope="module", params=["de", "fr"])
def punctuated(request: pytest.FixtureRequest) -> tuple[str, bytes, bytes]:
    """A text typed with straight quotes, exported to both formats."""
    text = {"de": GERMAN, "fr": FRENCH}[request.param]
    source = Source(text.encode("utf-8"), f"quotes.{request.param}.txt", None)
    document = exporter.read(source).document
    assert document.metadata.language == request.param
    return request.param, epub.write(document, Options()), pdf.write(document, Options())


def epub_text(data: bytes) -> str:
    """The text of the spine's documents, in reading order, but the navigation."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        opf_name = next(n for n in book.namelist() if n.endswith(".opf"))
        opf = etree.fromstring(book.read(opf_name))
        base = opf_name.rpartition("/")[0]
        items = {i.get("id"): i for i in opf.iterfind(".//opf:item", OPF)}
        texts = []
        for ref in opf.iterfind(".//opf:itemref", OPF):
            item = items[ref.get("idref")]
            if "nav" in item.get("properties", "").split():
                continue  # the table of contents repeats the headings
            tree = etree.fromstring(book.read(f"{base}/{item.get('href')}"))
            texts.append("".join(tree.find(f"{XHTML}body").itertext()))
    return "\n".join(texts)


def pdf_text(data: bytes) -> str:
    """The text of the title page and the type area: no running head or folio."""
    with pymupdf.open(stream=data, filetype="pdf") as book:
        return "\n".join(line.text for page in book for line in bands(page)[1])


def test_epub_and_pdf_carry_the_same_punctuation(punctuated: tuple[str, bytes, bytes]) -> None:
    """MuPDF keeps U+00A0 and U+202F as they are, so spaces are compared too."""
    language, epub_data, pdf_data = punctuated
    in_epub = [c for c in epub_text(epub_data) if c in PUNCTUATION]
    in_pdf = [c for c in pdf_text(pdf_data) if c in PUNCTUATION]
    assert in_epub == in_pdf
    expected = {"de": "„“‚‘–…’", "fr": "«»\u202f\u00a0–…’"}[language]
    assert set(expected) <= set(in_pdf), f"the typography transform did not run for {language}"
    assert '"' not in pdf_text(pdf_data) and "'" not in pdf_text(pdf_data)


def test_narrow_no_break_space_has_a_glyph_in_both_outputs(
    punctuated: tuple[str, bytes, bytes],
) -> None:
    """Literata has no U+202F: the faces draw it with the thin space."""
    _language, epub_data, pdf_data = punctuated
    with zipfile.ZipFile(io.BytesIO(epub_data)) as book:
        regular = next(n for n in book.namelist() if n.endswith("literata-400-normal.ttf"))
        subset = TTFont(io.BytesIO(book.read(regular)))
    static = TTFont(fonts.static_face(400, "normal").path)
    for face in (subset, static):
        for table in face["cmap"].tables:
            if table.isUnicode():
                assert table.cmap[0x202F] == table.cmap[0x2009]
                assert 0x2011 in table.cmap
    with pymupdf.open(stream=pdf_data, filetype="pdf") as opened:
        names = {font[3].split("+")[-1] for page in opened for font in page.get_fonts()}
    assert all(name.startswith("Literata") for name in names)  # no fallback face
