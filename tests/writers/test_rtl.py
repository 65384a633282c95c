"""Right-to-left articles: Arabic and Hebrew in the EPUB and the PDF.

Documents are built by hand from the model (a heading, paragraphs with Latin
names and numbers in them, an author), so these tests depend on no reader.
Each book is written once per module; EPUBCheck checks all of them in one
JVM, and each PDF is laid out once and read with MuPDF. A left-to-right
document of the same shape is the reference the PDF's mirrored spreads are
measured against.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from support.epubcheck import run_epubcheck_many
from support.pages import Line, lines

from exporter import model as m
from exporter.options import Options
from exporter.writers import epub, html, pdf

OPF = "{http://www.idpf.org/2007/opf}"
MM = 72 / 25.4
IDENTIFIER = "urn:uuid:5d0c7e2a-8f3b-4c61-9a4e-1b2c3d4e5f60"

#: Per language: title, author, section headings, and a sentence naming
#: Reuters (UK), C++, NASA and the year 2024, the Latin runs and number
#: whose order the tests check.
TEXTS = {
    "ar": (
        "وكالة الفضاء تكشف تفاصيل مهمتها",
        "أحمد خالد",
        ("المرحلة الأولى", "المرحلة الثانية", "المرحلة الثالثة", "المرحلة الرابعة"),
        "وقالت وكالة Reuters (UK) إن برنامج المهمة كُتب بلغة C++ منذ عام 2024"
        " بالتعاون مع NASA وشركاء آخرين. ",
    ),
    "he": (
        "עיריית חיפה משיקה תוכנית",
        "דנה לוי",
        ("השלב הראשון", "השלב השני", "השלב השלישי", "השלב הרביעי"),
        "לפי סוכנות Reuters (UK), התוכנה של הפרויקט נכתבה ב-C++ מאז 2024"
        " בשיתוף NASA ושותפים נוספים. ",
    ),
    "en": (
        "The space agency reveals its mission",
        "Ann Example",
        ("The first stage", "The second stage", "The third stage", "The fourth stage"),
        "According to Reuters (UK), the mission's software has been written in C++"
        " since 2024 together with NASA and other partners. ",
    ),
}


def text(value: str) -> tuple[m.Inline, ...]:
    return (m.Text(value),)


def article(language: str) -> m.Document:
    """A lead, then four sections of five paragraphs: five A4 pages or so,
    so that the body has left-hand and right-hand pages."""
    title, author, headings, sentence = TEXTS[language]
    blocks: list[m.Block] = [m.Paragraph(text(sentence * 3))]
    for number, heading in enumerate(headings, start=1):
        blocks.append(m.Heading(2, text(heading), f"{language}-section-{number}"))
        blocks.extend(m.Paragraph(text(sentence * 6)) for _ in range(5))
    metadata = m.Metadata(title=title, authors=(author,), language=language, identifier=IDENTIFIER)
    return m.Document(metadata, tuple(blocks))


def mixed_book() -> m.Document:
    """A Hebrew book with an English chapter: the chapter runs left to right."""
    hebrew, english = article("he"), article("en")
    chapters = (
        m.Chapter(hebrew.metadata, hebrew.blocks[:3], "chapter-1"),
        m.Chapter(english.metadata, english.blocks[:3], "chapter-2"),
    )
    metadata = m.Metadata(title="קובץ", language="he", identifier=IDENTIFIER)
    return m.Document(metadata, chapters)


# --- the EPUB ------------------------------------------------------------------

BOOKS = {
    "ar": (article("ar"), "book"),
    "he": (article("he"), "book"),
    "ar-news": (article("ar"), "news"),
    "ar-large-print": (article("ar"), "large-print"),
    "he-book-of-chapters": (mixed_book(), "book"),
}


@pytest.fixture(scope="module")
def books() -> dict[str, bytes]:
    return {
        name: epub.write(document, Options(theme=theme))
        for name, (document, theme) in BOOKS.items()
    }


@pytest.fixture(scope="module")
def epubcheck(
    books: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("rtl-epub")
    paths: dict[str, Path] = {}
    for name, data in books.items():
        paths[name] = folder / f"{name}.epub"
        paths[name].write_bytes(data)
    results = run_epubcheck_many(paths.values())
    return {name: [message.short for message in results[path]] for name, path in paths.items()}


def files(data: bytes) -> dict[str, etree._Element]:
    """The book's XML files (package, XHTML, NCX), parsed, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xhtml", ".opf", ".ncx"))
        }


@pytest.mark.parametrize("name", ["ar", "he", "ar-news"])
def test_every_xhtml_document_of_the_epub_runs_right_to_left(
    books: dict[str, bytes], name: str
) -> None:
    """Cover, title page, text and the navigation document alike."""
    documents = {n: root for n, root in files(books[name]).items() if n.endswith(".xhtml")}
    assert {"EPUB/cover.xhtml", "EPUB/titlepage.xhtml", "EPUB/nav.xhtml"} <= documents.keys()
    assert {n: root.get("dir") for n, root in documents.items()} == dict.fromkeys(documents, "rtl")


@pytest.mark.parametrize("name", list(BOOKS))
def test_the_spine_turns_pages_right_to_left_and_epubcheck_accepts_the_book(
    books: dict[str, bytes], epubcheck: dict[str, list[str]], name: str
) -> None:
    package = files(books[name])["EPUB/content.opf"]
    spine = package.find(f"{OPF}spine")
    assert spine.get("page-progression-direction") == "rtl"
    assert epubcheck[name] == []


def test_latin_runs_that_would_turn_round_are_isolated_in_the_epub(
    books: dict[str, bytes],
) -> None:
    with zipfile.ZipFile(io.BytesIO(books["he"])) as archive:
        body = archive.read("EPUB/text.xhtml").decode("utf-8")
    assert '<span dir="ltr">Reuters (UK)</span>,' in body
    assert 'ב-<span dir="ltr">C++</span> מאז 2024' in body
    assert "NASA" in body and '<span dir="ltr">NASA' not in body


def test_a_chapter_in_the_other_direction_says_so_in_its_file_nav_and_contents(
    books: dict[str, bytes],
) -> None:
    """An English chapter of a Hebrew book: its own file runs left to right
    (no dir: the default), and the book's contents page and nav mark its
    entry ``dir="ltr"``, as the chapter's section in the print layout."""
    parsed = files(books["he-book-of-chapters"])
    roots = {name: root.get("dir") for name, root in parsed.items() if name.endswith(".xhtml")}
    assert roots["EPUB/text-1.xhtml"] == "rtl"
    assert roots["EPUB/text-2.xhtml"] is None
    assert roots["EPUB/contents.xhtml"] == roots["EPUB/nav.xhtml"] == "rtl"
    nav_entries = parsed["EPUB/nav.xhtml"].findall(".//{*}nav[@id='toc']/{*}ol/{*}li")
    assert [entry.get("dir") for entry in nav_entries] == [None, "ltr"]
    contents = parsed["EPUB/contents.xhtml"].findall(".//{*}nav/{*}ol/{*}li")
    assert [entry.get("dir") for entry in contents] == [None, "ltr"]
    markup = pdf.html_document(mixed_book())
    sections = etree.fromstring(markup.encode("utf-8")).findall(".//{*}section[@class='chapter']")
    assert [section.get("dir") for section in sections] == [None, "ltr"]


# --- the PDF -------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs() -> dict[str, pymupdf.Document]:
    return {
        language: pymupdf.open(
            stream=pdf.render_pdf(article(language), Options(paper="a4")).data, filetype="pdf"
        )
        for language in ("ar", "he", "en")
    }


def running_head(page: pymupdf.Page) -> Line:
    """The line above the type area (a running head is one line)."""
    top = 25 * MM  # pdf.PAGE_LAYOUTS["a4"].margin_top
    heads = [line for line in lines(page) if line.y1 < top]
    assert len(heads) == 1, [line.text for line in heads]
    return heads[0]


def visual_lines(page: pymupdf.Page) -> list[str]:
    """Each line's characters from left to right, as the eye meets them
    (MuPDF's own order for right-to-left text is the logical one)."""
    rows: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for char in span["chars"]:
                    rows[round(char["origin"][1])].append((char["origin"][0], char["c"]))
    return ["".join(c for _, c in sorted(row)) for _, row in sorted(rows.items())]


def test_the_pdf_html_has_a_right_to_left_root() -> None:
    for language in ("ar", "he"):
        root = etree.fromstring(pdf.html_document(article(language)).encode("utf-8"))
        assert (root.get("lang"), root.get("dir")) == (language, "rtl")
    assert etree.fromstring(pdf.html_document(article("en")).encode("utf-8")).get("dir") is None


@pytest.mark.parametrize("language", ["ar", "he"])
def test_running_heads_are_mirrored(pdfs: dict[str, pymupdf.Document], language: str) -> None:
    """The first page of a right-to-left book is a left-hand page, so its
    versos (2, 4…) are right-hand pages with the head flush right, and its
    rectos (3, 5…) left-hand pages with the head flush left: the mirror image
    of the left-to-right document's, where the versos are on the left. (The
    heads' other edges differ with their words.)"""
    rtl, ltr = pdfs[language], pdfs["en"]
    assert rtl.page_count >= 4 and ltr.page_count >= 4
    width = rtl[1].rect.width
    for number in (2, 3, 4):
        mirrored, reference = running_head(rtl[number - 1]), running_head(ltr[number - 1])
        if number % 2 == 0:  # the outer edge: the right one here, the left one there
            assert mirrored.x1 == pytest.approx(width - reference.x0, abs=1.5), number
        else:
            assert mirrored.x0 == pytest.approx(width - reference.x1, abs=1.5), number
    margin = 37 * MM  # pdf.PAGE_LAYOUTS["a4"].margin_side
    assert running_head(rtl[1]).x1 == pytest.approx(width - margin, abs=1.5)  # verso: right
    assert running_head(rtl[2]).x0 == pytest.approx(margin, abs=1.5)  # recto: left


def test_the_verso_carries_the_title_and_the_recto_the_section(
    pdfs: dict[str, pymupdf.Document],
) -> None:
    """As in a left-to-right book, the verso names the book and the recto
    the section, each on its outer side: the verso is now on the right.
    Read in Hebrew, whose text MuPDF extracts (WeasyPrint's PDF does not map
    Noto Sans Arabic's glyphs back to Unicode)."""
    title, _, headings, _ = TEXTS["he"]
    document = pdfs["he"]
    width, margin = document[0].rect.width, 37 * MM
    for number in range(2, document.page_count + 1):
        head = running_head(document[number - 1])
        if number % 2 == 0:
            assert head.text == title, number
            assert head.x1 == pytest.approx(width - margin, abs=1.5), number
        else:
            assert head.text in headings, number
            assert head.x0 == pytest.approx(margin, abs=1.5), number


@pytest.mark.parametrize("language", ["ar", "he"])
def test_latin_names_and_numbers_keep_their_order_in_right_to_left_lines(
    pdfs: dict[str, pymupdf.Document], language: str
) -> None:
    """Each Latin run reads left to right ("C++", never "++C"), while the
    sentence runs right to left: "2024", a word after "C++", stands to its
    left, and "NASA", a word or two after "2024", to the left of that."""
    shown = [line for page in pdfs[language] for line in visual_lines(page)]
    assert not [line for line in shown if "++C" in line]
    for first, then in (("C++", "2024"), ("2024", "NASA")):
        after = re.escape(then) + ".{1,20}" + re.escape(first)
        before = re.escape(first) + ".{1,20}" + re.escape(then)
        assert any(re.search(after, line) for line in shown), (first, then)
        assert not [line for line in shown if re.search(before, line)], (first, then)
    assert any("Reuters (UK)" in line for line in shown)
    if language == "he":  # the prefix ב- reads before the name: on its right
        assert any("C++-ב" in line for line in shown)


def test_headings_and_the_title_page_stand_on_the_right(
    pdfs: dict[str, pymupdf.Document],
) -> None:
    title, author, headings, _ = TEXTS["he"]
    document = pdfs["he"]
    width, margin = document[0].rect.width, 37 * MM
    top = 25 * MM  # below the running heads
    found = [
        line for page in document for line in lines(page) if line.text in headings and line.y1 > top
    ]
    assert [line.text for line in found] == list(headings)
    for line in found:
        assert line.x1 == pytest.approx(width - margin, abs=1.5), line.text
    centred = [line for line in lines(document[0]) if line.text in (title, author)]
    assert len(centred) == 2
    for line in centred:  # the book theme centres its title page, in either direction
        assert (line.x0 + line.x1) / 2 == pytest.approx(width / 2, abs=1.5), line.text


@pytest.mark.parametrize("theme", ["news", "large-print"])
def test_themes_that_range_left_range_right_to_left_text_right(theme: str) -> None:
    """Their title page, ranged left for a left-to-right text, is ranged right."""
    rendered = pdf.render_pdf(article("ar"), Options(paper="a4", theme=theme))
    assert rendered.messages == ()
    page = pymupdf.open(stream=rendered.data, filetype="pdf")[0]
    first = lines(page)[0]  # the title's first line
    margin = 37 * MM
    assert first.x1 == pytest.approx(page.rect.width - margin, abs=1.5)
    assert first.x0 > margin + 20


# --- the rule for isolating Latin runs --------------------------------------------------


@pytest.mark.parametrize(
    ("source", "marked"),
    [
        # A trailing neutral would follow the paragraph's direction: isolated.
        ("بلغة C++ منذ", 'بلغة <span dir="ltr">C++</span> منذ'),
        ("مع Reuters (UK) و", 'مع <span dir="ltr">Reuters (UK)</span> و'),
        ("وسم #MeToo", 'وسم <span dir="ltr">#MeToo</span>'),
        ("נכתב ב-C++ מאז", 'נכתב ב-<span dir="ltr">C++</span> מאז'),
        # Sentence punctuation and the sentence's own brackets stay outside.
        ("بلغة C++.", 'بلغة <span dir="ltr">C++</span>.'),
        ("قالت Reuters (UK)، ثم", 'قالت <span dir="ltr">Reuters (UK)</span>، ثم'),
        ("(قال Reuters)", "(قال Reuters)"),
        ("قال «Reuters» و", "قال «Reuters» و"),
        # Letters and digits alone keep their order: no markup.
        ("حسب NASA.", "حسب NASA."),
        ("عام 2024 و COVID-19 و", "عام 2024 و COVID-19 و"),
        ("بلغة C++ 3.0 منذ", "بلغة C++ 3.0 منذ"),
        ("صحيفة New York Times و", "صحيفة New York Times و"),
        ("a < b", "a &lt; b"),
    ],
)
def test_isolating_latin_runs(source: str, marked: str) -> None:
    assert html.isolate_ltr_runs(source) == marked


def test_passages_and_code_say_their_direction_only_where_it_changes() -> None:
    """A passage in another direction gets ``dir``; one in the same none,
    so a left-to-right document gains nothing."""
    passage = (
        m.Text("Ein Zitat: "),
        m.Span(text("شكرا C++"), "ar"),
        m.Text(" und "),
        m.Span(text("ein Wort"), "de-AT"),
        m.Text(", Code "),
        m.Code("f(x)"),
    )
    german = html.render(m.Document(m.Metadata(language="de"), (m.Paragraph(passage),)))
    assert german.sections[0].xhtml == (
        '<section class="lead"><p>Ein Zitat: <span lang="ar" xml:lang="ar" dir="rtl">شكرا'
        ' <span dir="ltr">C++</span></span> und <span lang="de-AT" xml:lang="de-AT">ein Wort'
        "</span>, Code <code>f(x)</code></p></section>"
    )
    arabic = html.render(
        m.Document(
            m.Metadata(language="ar"),
            (m.Paragraph((m.Span(text("a quote"), "en"), m.Code("f(x)"))), m.CodeBlock("x")),
        )
    )
    assert arabic.sections[0].xhtml == (
        '<section class="lead"><p><span lang="en" xml:lang="en" dir="ltr">a quote</span>'
        '<code dir="ltr">f(x)</code></p><pre dir="ltr"><code>x</code></pre></section>'
    )
