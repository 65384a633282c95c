"""The PDF writer, checked as a reader checks a PDF: opened in MuPDF.

Documents are built by hand from the model, so these tests depend on no
reader. Each PDF is rendered once per module and checked many ways.
"""

from __future__ import annotations

import io
import re
import statistics
import tempfile
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest
from PIL import Image
from support.pages import Line, lines
from support.python import python_output
from support.words import missing_in_order, words
from weasyprint.urls import url_join

from exporter import model as m
from exporter.options import PAPER_SIZES, Options
from exporter.writers import html, pdf

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "nordkorea-kursk.de.txt"
TITLE = "Die Welt ist einmal mehr aufgeschreckt"
AUTHOR = "Catherine H."
#: The sample's headings, with the ids a reader would give them.
HEADINGS = {
    "Ein geheimes Bündnis wird sichtbar": "ein-geheimes-buendnis",
    "Heldenstatus": "heldenstatus",
    "Die russische Bestätigung – und was dahintersteckt": "die-russische-bestaetigung",
    "Eine neue Eskalationsstufe": "eine-neue-eskalationsstufe",
    "Kiews Position – und das große Schweigen": "kiews-position",
    "Eine Welt im Umbruch": "eine-welt-im-umbruch",
}
#: Page sizes in PDF points, as ISO 216 and ANSI define them.
PAGE_SIZES = {
    "a4": (595.28, 841.89),
    "a5": (419.53, 595.28),
    "letter": (612.0, 792.0),
    "6x9in": (432.0, 648.0),
}
MM = 72 / 25.4


def para(text: str) -> m.Paragraph:
    return m.Paragraph((m.Text(text),))


def heading(text: str, id_: str) -> m.Heading:
    return m.Heading(2, (m.Text(text),), id_)


def document(blocks: tuple[m.Block, ...], **metadata: object) -> m.Document:
    meta = {"title": TITLE, "authors": (AUTHOR,), "language": "de", **metadata}
    return m.Document(m.Metadata(**meta), blocks)  # type: ignore[arg-type]


def article_blocks() -> tuple[m.Block, ...]:
    """The sample article's text as model blocks, read here by splitting at
    blank lines (the text reader is not under test), plus a second run of its
    paragraphs so the body fills about three A4 pages."""
    chunks = [c.strip() for c in SAMPLE.read_text(encoding="utf-8").split("\n\n") if c.strip()]
    chunks = [c for c in chunks if not c.startswith("Autor:")]
    blocks: list[m.Block] = []
    for chunk in chunks:
        if chunk in HEADINGS:
            blocks.append(heading(chunk, HEADINGS[chunk]))
        else:
            blocks.append(para(" ".join(chunk.split())))
    paragraphs = [b for b in blocks if isinstance(b, m.Paragraph)]
    blocks.append(heading("Nachtrag: die Meldungen im Wortlaut", "nachtrag"))
    blocks.extend(paragraphs[1:6])
    return tuple(blocks)


def block_words(blocks: tuple[m.Block, ...]) -> list[str]:
    return words(" ".join(m.plain_text(b.children) for b in blocks if hasattr(b, "children")))


@pytest.fixture(scope="module")
def article() -> m.Document:
    return document(article_blocks())


@pytest.fixture(scope="module")
def rendered(article: m.Document) -> pdf.RenderedPdf:
    return pdf.render_pdf(article, Options(paper="a4"))


@pytest.fixture(scope="module")
def book(rendered: pdf.RenderedPdf) -> pymupdf.Document:
    return pymupdf.open(stream=rendered.data, filetype="pdf")


def body_lines(page: pymupdf.Page, paper: str) -> list[Line]:
    """The lines whose middle lies inside the type area: no running head or
    folio (glyph boxes of large type may reach a little beyond the area)."""
    layout = pdf.PAGE_LAYOUTS[paper]
    top = length_pt(layout.margin_top)
    bottom = page.rect.height - length_pt(layout.margin_bottom)
    return [line for line in lines(page) if top < (line.y0 + line.y1) / 2 < bottom]


def length_pt(css_length: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(mm|in|pt)", css_length).groups()
    return float(number) * {"mm": MM, "in": 72.0, "pt": 1.0}[unit]


# --- the title page ----------------------------------------------------------


def test_first_page_is_the_title_page_with_title_and_author(book: pymupdf.Document) -> None:
    first = book[0].get_text()
    assert TITLE in " ".join(first.split())
    assert AUTHOR in first


def test_title_page_has_no_body_text_running_head_or_folio(book: pymupdf.Document) -> None:
    assert [line.text for line in lines(book[0])] != []
    assert set(words(book[0].get_text())) == set(words(f"{TITLE} {AUTHOR}"))
    # The title appears once (the title itself), not again as a running head.
    assert " ".join(book[0].get_text().split()).count(TITLE) == 1


def test_body_starts_on_page_two(book: pymupdf.Document, article: m.Document) -> None:
    first_words = block_words(article.blocks[:1])[:8]
    body = " ".join(line.text for line in body_lines(book[1], "a4"))
    assert words(body)[:8] == first_words


# --- running heads, folios, outline --------------------------------------------


def test_body_pages_have_a_running_head_and_a_folio(book: pymupdf.Document) -> None:
    """The title on left-hand (even) pages, a section heading on right-hand ones."""
    assert book.page_count >= 3
    sections = {*HEADINGS, "Nachtrag: die Meldungen im Wortlaut"}
    for number, page in enumerate(book, start=1):
        if number == 1:
            continue
        page_lines = lines(page)
        if number % 2 == 0:
            assert page_lines[0].text == TITLE, f"page {number} running head"
        else:
            assert page_lines[0].text in sections, f"page {number} running head"
        assert page_lines[-1].text == str(number), f"page {number} folio"
        assert page_lines[0].y1 < length_pt(pdf.PAGE_LAYOUTS["a4"].margin_top)


def test_outline_lists_title_and_headings_in_order(book: pymupdf.Document) -> None:
    toc = book.get_toc()
    assert toc[0] == [1, TITLE, 1]
    assert [(level, title) for level, title, _page in toc[1:]] == [
        (2, title) for title in [*HEADINGS, "Nachtrag: die Meldungen im Wortlaut"]
    ]
    pages = [page for _level, _title, page in toc[1:]]
    assert pages == sorted(pages) and pages[0] == 2


# --- fonts and metadata ----------------------------------------------------------


def test_every_font_is_embedded_and_the_text_is_literata(book: pymupdf.Document) -> None:
    fonts = {font for page in book for font in page.get_fonts(full=True)}
    assert {basefont.split("+")[-1] for _x, _e, _t, basefont, *_ in fonts} >= {
        "Literata",
        "Literata-Italic",
    }
    for _xref, ext, _type, basefont, *_ in fonts:
        assert ext != "n/a", f"{basefont} is not embedded"
        assert "Literata" in basefont, f"{basefont} is a fallback face"


def test_metadata_title_author_language(book: pymupdf.Document) -> None:
    assert book.metadata["title"] == TITLE
    assert book.metadata["author"] == AUTHOR
    assert book.metadata["creator"] == pdf.GENERATOR
    assert book.xref_get_key(book.pdf_catalog(), "Lang") == ("string", "de")


def test_metadata_names_each_author_and_dates_the_pdf_by_the_input() -> None:
    head = pdf.metadata_head(
        m.Metadata(authors=("A", "B"), date="28. April 2025", modified="2025-04-28T07:30:00Z")
    )
    assert head.count('name="author"') == 2
    # The build's moment from the input, never the clock nor the article's free-form date.
    assert 'name="dcterms.created" content="2025-04-28T07:30:00Z"' in head
    assert 'name="dcterms.modified" content="2025-04-28T07:30:00Z"' in head
    # Without a stamp (a writer called directly), no date rather than an invalid one.
    assert "dcterms" not in pdf.metadata_head(m.Metadata(date="2025-04-28"))


def test_pdf_is_tagged_with_headings_and_paragraphs(book: pymupdf.Document) -> None:
    """A structure tree lets screen readers and reflowing viewers read the
    text as headings and paragraphs rather than as positioned glyphs."""
    catalog = book.pdf_catalog()
    assert book.xref_get_key(catalog, "MarkInfo") == ("dict", "<</Marked true>>")
    assert book.xref_get_key(catalog, "StructTreeRoot")[0] == "xref"
    roles = {
        match
        for xref in range(1, book.xref_length())
        if "/StructElem" in (source := book.xref_object(xref)) or "/S /" in source
        for match in re.findall(r"/S /(\w+)", source)
    }
    assert {"H1", "H2", "P"} <= roles


def test_weasyprint_logged_no_warnings(rendered: pdf.RenderedPdf) -> None:
    assert rendered.messages == ()


# --- the text ----------------------------------------------------------------


def test_text_holds_every_body_word_in_order(book: pymupdf.Document, article: m.Document) -> None:
    text = "\n".join("\n".join(line.text for line in body_lines(page, "a4")) for page in book)
    expected = block_words(article.blocks)
    assert missing_in_order(expected, words(text)) == []
    # Nothing added either: the type area holds exactly the title page and body.
    assert len(words(text)) == len(expected) + len(words(f"{TITLE} {AUTHOR}"))


def test_german_words_are_hyphenated_at_line_ends_but_headings_are_not(
    book: pymupdf.Document,
) -> None:
    all_lines = [line.text for page in book for line in body_lines(page, "a4")]
    hyphenated = [text for text in all_lines if text.endswith("\u2010")]
    assert len(hyphenated) >= 5
    # hyphenate-limit-chars 6 3 3: at least three letters stay before the break.
    assert all(re.search(r"\w{3}\u2010$", text) for text in hyphenated)
    assert not any(text.endswith("\u2010") for text in all_lines if text in HEADINGS)


def test_text_is_justified(book: pymupdf.Document) -> None:
    """Every line but a paragraph's last reaches the right edge of the type area."""
    flush, total = 0, 0
    right = max(line.x1 for line in body_lines(book[1], "a4"))
    for page in book.pages(1):
        body = [line for line in body_lines(page, "a4") if line.text not in HEADINGS]
        flush += sum(abs(line.x1 - right) < 1.5 for line in body)
        total += len(body)
    assert flush >= 0.7 * total


def test_no_heading_is_the_last_line_of_a_page(book: pymupdf.Document) -> None:
    for page in book.pages(1):
        assert body_lines(page, "a4")[-1].text not in HEADINGS


@pytest.fixture(scope="module")
def many_sections() -> pymupdf.Document:
    """Short sections of varied length on A5: without ``break-after: avoid``
    on headings, several of them would end a page (checked while writing
    this test by rendering without it)."""
    sentence = "Die Soldaten kehrten im Frühjahr aus dem Grenzgebiet zurück. "
    blocks: list[m.Block] = []
    for number in range(1, 19):
        blocks.append(heading(f"Abschnitt {number}", f"abschnitt-{number}"))
        blocks.append(para(sentence * (2 + number * 7 % 5)))
    data = pdf.write(document(tuple(blocks)), Options(paper="a5"))
    return pymupdf.open(stream=data, filetype="pdf")


def test_no_heading_ends_a_page_even_with_many_sections(many_sections: pymupdf.Document) -> None:
    assert many_sections.page_count >= 4
    for page in many_sections.pages(1):
        last = body_lines(page, "a5")[-1].text
        assert not last.startswith("Abschnitt"), f"page {page.number + 1} ends with {last!r}"


# --- paper -----------------------------------------------------------------------


@pytest.fixture(scope="module", params=["a5", "letter", "6x9in"])
def short_on_paper(request: pytest.FixtureRequest, article: m.Document) -> tuple[str, bytes]:
    short = m.Document(article.metadata, article.blocks[:3])
    return request.param, pdf.write(short, Options(paper=request.param))


def test_every_paper_option_has_a_page_layout() -> None:
    assert set(pdf.PAGE_LAYOUTS) == set(PAPER_SIZES) == set(PAGE_SIZES)


def page_size(data: bytes) -> tuple[float, float]:
    with pymupdf.open(stream=data, filetype="pdf") as opened:
        sizes = {(round(p.rect.width, 2), round(p.rect.height, 2)) for p in opened}
    assert len(sizes) == 1
    return sizes.pop()


def test_page_size_follows_the_paper_option(
    rendered: pdf.RenderedPdf, short_on_paper: tuple[str, bytes]
) -> None:
    paper, data = short_on_paper
    assert page_size(data) == pytest.approx(PAGE_SIZES[paper], abs=0.5)
    assert page_size(rendered.data) == pytest.approx(PAGE_SIZES["a4"], abs=0.5)


def test_same_document_gives_a_byte_identical_pdf(
    article: m.Document, short_on_paper: tuple[str, bytes]
) -> None:
    paper, data = short_on_paper
    short = m.Document(article.metadata, article.blocks[:3])
    assert pdf.write(short, Options(paper=paper)) == data


def characters_per_line(page: pymupdf.Page, paper: str) -> float:
    body = body_lines(page, paper)
    right = max(line.x1 for line in body)
    return statistics.median(len(line.text) for line in body if abs(line.x1 - right) < 1.5)


def test_margins_keep_a_readable_measure_on_every_paper(
    book: pymupdf.Document, short_on_paper: tuple[str, bytes]
) -> None:
    paper, data = short_on_paper
    with pymupdf.open(stream=data, filetype="pdf") as opened:
        assert 55 <= characters_per_line(opened[1], paper) <= 75
    assert 60 <= characters_per_line(book[1], "a4") <= 75


# --- PDF standards, print-shop output, the user's stylesheet ---------------------


def xmp(opened: pymupdf.Document) -> str:
    kind, value = opened.xref_get_key(opened.pdf_catalog(), "Metadata")
    return opened.xref_stream(int(value.split()[0])).decode() if kind == "xref" else ""


def test_pdf_ua_1_is_the_default_standard(book: pymupdf.Document) -> None:
    assert 'pdfuaid:part="1"' in xmp(book)
    assert "<dc:creator><rdf:Seq><rdf:li>Catherine H.</rdf:li>" in xmp(book)


def test_plain_pdf_claims_no_standard(article: m.Document) -> None:
    short = m.Document(article.metadata, article.blocks[:1])
    with pymupdf.open(stream=pdf.write(short, Options(pdf_variant="plain"))) as opened:
        assert xmp(opened) == ""


USER_CSS = """p { color: rgb(200, 0, 0); }
@font-face { font-family: Remote; src: url(https://example.com/remote.woff2); }
h2 { font-family: Remote, Literata; }
"""


@pytest.fixture(scope="module")
def for_print_shop(article: m.Document) -> pdf.RenderedPdf:
    """PDF/A-2b on A5 with 3 mm bleed, crop marks and a user stylesheet."""
    options = Options(
        paper="a5", pdf_variant="pdf/a-2b", bleed="3mm", crop_marks=True, extra_css=USER_CSS
    )
    return pdf.render_pdf(m.Document(article.metadata, article.blocks[:3]), options)


def test_pdf_a_2b_names_its_standard_and_output_intent(for_print_shop: pdf.RenderedPdf) -> None:
    with pymupdf.open(stream=for_print_shop.data) as opened:
        assert 'pdfaid:part="2" pdfaid:conformance="B"' in xmp(opened)
        assert opened.xref_get_key(opened.pdf_catalog(), "OutputIntents")[0] == "array"


def test_bleed_surrounds_the_trimmed_page_and_crop_marks_are_drawn(
    for_print_shop: pdf.RenderedPdf,
) -> None:
    bleed = 3 * MM
    with pymupdf.open(stream=for_print_shop.data) as opened:
        page = opened[1]
        width, height = PAGE_SIZES["a5"]
        assert (page.trimbox.width, page.trimbox.height) == pytest.approx((width, height), abs=0.5)
        assert (page.mediabox.width, page.mediabox.height) == pytest.approx(
            (width + 2 * bleed, height + 2 * bleed), abs=0.5
        )
        # The body draws nothing, so every drawing is a mark: a hairline at
        # each corner, in each direction.
        marks = [drawing["rect"] for drawing in page.get_drawings()]
        assert len(marks) == 8
        assert all(min(rect.width, rect.height) < 0.01 for rect in marks)
        # As the file states them for a print shop's software: the trimmed
        # page inside, the bleed box (where the cutter may stray) around it.
        trim, bleed_box, media = (page_box(opened, 1, name) for name in PAGE_BOXES)
    assert trim == pytest.approx((0, 0, width, height), abs=0.01)
    assert media == pytest.approx((-bleed, -bleed, width + bleed, height + bleed), abs=0.01)
    assert bleed_box == pytest.approx(media, abs=0.01)


PAGE_BOXES = ("TrimBox", "BleedBox", "MediaBox")


def page_box(opened: pymupdf.Document, number: int, name: str) -> tuple[float, ...]:
    """A page's box as the file writes it (PyMuPDF's own boxes move the origin)."""
    kind, value = opened.xref_get_key(opened[number].xref, name)
    assert kind == "array", f"no {name}"
    return tuple(float(number) for number in value.strip("[]").split())


def test_user_stylesheet_comes_last_and_cannot_reach_the_network(
    for_print_shop: pdf.RenderedPdf,
) -> None:
    with pymupdf.open(stream=for_print_shop.data) as opened:
        colours = {
            span["color"]
            for block in opened[1].get_text("dict")["blocks"]
            for line in block.get("lines", ())
            for span in line["spans"]
            if span["text"].strip()
        }
        fonts = {font[3].split("+")[-1] for page in opened for font in page.get_fonts()}
    assert 0xC80000 in colours
    assert all(name.startswith("Literata") for name in fonts)
    assert for_print_shop.messages == ("Font-face 'Remote' cannot be loaded",)


# --- what WeasyPrint may read ----------------------------------------------------


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#446688").save(buffer, "PNG")
    return buffer.getvalue()


def resource_url(name: str) -> str:
    """The URL WeasyPrint asks the fetcher for when markup says ``src="images/<name>"``."""
    return url_join(pdf.DOCUMENT_BASE_URL, html.resource_href(name), False, "test")


@pytest.fixture
def fetcher(tmp_path: Path) -> pdf.LocalFetcher:
    allowed = tmp_path / "fonts [cache]"
    allowed.mkdir()
    (allowed / "face.ttf").write_bytes(b"face")
    (allowed / "escape.ttf").symlink_to("/etc/passwd")
    (tmp_path / "secret.txt").write_text("secret")
    resources = {"a b.png": m.Resource("a b.png", "image/png", png())}
    return pdf.LocalFetcher(resources, (allowed,))


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/x.png",
        "http://example.com/x.png",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        "file://example.com/etc/passwd",
        "mailto:someone@example.com",
        resource_url("../../etc/passwd"),
        resource_url("../../../../../../etc/passwd"),
        resource_url("missing.png"),
        resource_url("https://example.com/x.png"),
        pdf.DOCUMENT_BASE_URL + "a%20b.png",
        pdf.DOCUMENT_BASE_URL + "images/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_fetcher_refuses_the_network_and_foreign_files(fetcher: pdf.LocalFetcher, url: str) -> None:
    with pytest.raises(pdf.RefusedURLError):
        fetcher(url)


def test_fetcher_refuses_escapes_from_an_allowed_folder(
    fetcher: pdf.LocalFetcher, tmp_path: Path
) -> None:
    allowed = tmp_path / "fonts [cache]"
    for path in (allowed / "escape.ttf", allowed / ".." / "secret.txt"):
        with pytest.raises(pdf.RefusedURLError):
            fetcher("file://" + str(path))
    with pytest.raises(pdf.RefusedURLError):
        fetcher((allowed / "escape.ttf").as_uri())


def test_fetcher_serves_resources_allowed_files_and_data_urls(
    fetcher: pdf.LocalFetcher, tmp_path: Path
) -> None:
    response = fetcher(resource_url("a b.png"))
    assert response.read() == png()
    assert response.content_type == "image/png"
    assert fetcher((tmp_path / "fonts [cache]" / "face.ttf").as_uri()).read() == b"face"
    assert fetcher("data:text/plain;base64,aGFsbG8=").read() == b"hallo"


def figure_document(*figures: m.Figure, resources: tuple[m.Resource, ...] = ()) -> m.Document:
    link = m.Link("https://example.com/quelle", (m.Text("Quelle"),))
    blocks = (para("Vorher."), *figures, m.Paragraph((m.Text("Siehe "), link, m.Text("."))))
    return m.Document(document(()).metadata, blocks, resources)


def test_images_come_from_the_documents_resources_and_leave_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    figure = m.Figure("karte.png", "Karte", (m.Text("Die Region Kursk"),))
    resource = m.Resource("karte.png", "image/png", png())
    result = pdf.render_pdf(figure_document(figure, resources=(resource,)), Options())
    assert result.messages == ()
    with pymupdf.open(stream=result.data, filetype="pdf") as opened:
        assert [image for page in opened for image in page.get_images()] != []
        links = [link.get("uri") for page in opened for link in page.get_links()]
        assert "https://example.com/quelle" in links
    # WeasyPrint copies the faces into a temporary folder: it must be gone.
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("src", ["../../../etc/passwd", "https://example.com/x.png"])
def test_a_figure_pointing_outside_the_document_is_not_read(src: str) -> None:
    result = pdf.render_pdf(figure_document(m.Figure(src, "Bild")), Options())
    assert len(result.messages) == 1
    assert "RefusedURLError" in result.messages[0]
    with pymupdf.open(stream=result.data, filetype="pdf") as opened:
        assert [image for page in opened for image in page.get_images()] == []
        # The alternative text stands in for the image: no word is lost.
        assert "Bild" in " ".join(page.get_text() for page in opened)


def test_weasyprint_is_imported_only_by_the_pdf_writer() -> None:
    code = (
        "import sys, exporter.api, exporter.writers.html, exporter.styles, exporter.fonts;"
        "print('weasyprint' in sys.modules)"
    )
    output = python_output(code)
    assert output == "False"


# --- a publication: structure, XMP, bookmarks, cover -----------------------------

PUBLISHED = "2025-04-28"
MODIFIED = "2025-04-28T07:30:00Z"
ALT = "Karte der Region Kursk mit den Frontlinien"


def publication() -> m.Document:
    """Sections and subsections, a figure with alternative text and a list,
    by two authors, stamped as the API stamps a document."""
    item = m.ListItem((para("Erstens."),))
    blocks = (
        para("Einleitung."),
        m.Heading(2, (m.Text("Erster Teil"),), "erster-teil"),
        para("Text. " * 40),
        m.Heading(3, (m.Text("Die Karte"),), "die-karte"),
        m.Figure("karte.png", ALT, (m.Text("Die Region"),)),
        m.ListBlock((item, item)),
        m.Heading(3, (m.Text("Die Quellen"),), "die-quellen"),
        para("Text. " * 40),
        m.Heading(2, (m.Text("Zweiter Teil"),), "zweiter-teil"),
        para("Schluss."),
    )
    metadata = m.Metadata(
        title=TITLE,
        authors=(AUTHOR, "Ann Author"),
        language="de",
        date=PUBLISHED,
        modified=MODIFIED,
    )
    return m.Document(metadata, blocks, (m.Resource("karte.png", "image/png", png()),))


VARIANTS = ("pdf/ua-1", "pdf/a-3a", "pdf/a-3b", "plain")


@pytest.fixture(scope="module")
def publications() -> dict[str, pdf.RenderedPdf]:
    """The publication in each PDF variant, rendered once."""
    return {name: pdf.render_pdf(publication(), Options(pdf_variant=name)) for name in VARIANTS}


@pytest.fixture(params=VARIANTS)
def variant(
    request: pytest.FixtureRequest, publications: dict[str, pdf.RenderedPdf]
) -> tuple[str, pdf.RenderedPdf]:
    return request.param, publications[request.param]


@pytest.fixture(scope="module")
def accessible(publications: dict[str, pdf.RenderedPdf]) -> pymupdf.Document:
    return pymupdf.open(stream=publications["pdf/ua-1"].data)


def references(value: str) -> list[int]:
    return [int(number) for number in re.findall(r"(\d+) 0 R", value)]


def structure(opened: pymupdf.Document) -> list[tuple[int, str, str]]:
    """The structure tree as a screen reader walks it, from the root:
    ``(depth, role, alternative text)`` for each element, in reading order."""
    found: list[tuple[int, str, str]] = []

    def walk(xref: int, depth: int) -> None:
        role = opened.xref_get_key(xref, "S")[1].lstrip("/")
        alt = opened.xref_get_key(xref, "Alt")
        found.append((depth, role, alt[1] if alt[0] == "string" else ""))
        for child in references(opened.xref_get_key(xref, "K")[1]):
            if opened.xref_get_key(child, "Type")[1] != "/OBJR":
                walk(child, depth + 1)

    root = int(opened.xref_get_key(opened.pdf_catalog(), "StructTreeRoot")[1].split()[0])
    for top in references(opened.xref_get_key(root, "K")[1]):
        walk(top, 0)
    return found


def test_every_variant_renders_without_a_warning(variant: tuple[str, pdf.RenderedPdf]) -> None:
    assert variant[1].messages == ()


def test_structure_tree_has_headings_paragraphs_lists_and_a_figure_with_its_alt(
    accessible: pymupdf.Document,
) -> None:
    tree = structure(accessible)
    roles = [role for _depth, role, _alt in tree]
    headings = [role for role in roles if re.fullmatch(r"H\d", role)]
    assert headings == ["H1", "H2", "H3", "H3", "H2"]
    assert {"Document", "Sect", "P", "L", "LI", "Caption"} <= set(roles)
    assert [(role, alt) for _depth, role, alt in tree if role == "Figure"] == [("Figure", ALT)]


def test_every_variant_is_tagged(variant: tuple[str, pdf.RenderedPdf]) -> None:
    """Tags are for everyone, whatever standard the file claims: PDF/A-3b
    does not require them, and WeasyPrint would write none for it."""
    with pymupdf.open(stream=variant[1].data) as opened:
        assert opened.xref_get_key(opened.pdf_catalog(), "MarkInfo/Marked") == ("bool", "true")
        assert [role for _d, role, _a in structure(opened) if role == "H1"] == ["H1"]


def test_bookmarks_nest_by_heading_level(accessible: pymupdf.Document) -> None:
    assert [(level, title) for level, title, _page in accessible.get_toc()] == [
        (1, TITLE),
        (2, "Erster Teil"),
        (3, "Die Karte"),
        (3, "Die Quellen"),
        (2, "Zweiter Teil"),
    ]


def test_xmp_holds_title_authors_language_dates_and_the_claim(
    variant: tuple[str, pdf.RenderedPdf],
) -> None:
    name, rendered = variant
    with pymupdf.open(stream=rendered.data) as opened:
        packet = xmp(opened)
    if name == "plain":
        # WeasyPrint writes an XMP packet only for a standard; plain keeps
        # to the information dictionary.
        assert packet == ""
        return
    claims = {
        "pdf/ua-1": 'pdfuaid:part="1"',
        "pdf/a-3a": 'pdfaid:part="3" pdfaid:conformance="A"',
        "pdf/a-3b": 'pdfaid:part="3" pdfaid:conformance="B"',
    }
    assert claims[name] in packet
    assert f'<rdf:li xml:lang="x-default">{TITLE}</rdf:li>' in packet
    assert "<dc:language><rdf:Bag><rdf:li>de</rdf:li></rdf:Bag></dc:language>" in packet
    assert f"<dc:date><rdf:Seq><rdf:li>{PUBLISHED}</rdf:li></rdf:Seq></dc:date>" in packet
    for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        assert f"<{key}>{MODIFIED}</{key}>" in packet
    assert 'pdf:Producer="WeasyPrint' in packet
    assert packet.count("<rdf:RDF") == 1


def test_xmp_lists_each_author_but_pdf_a_names_them_as_the_information_does(
    variant: tuple[str, pdf.RenderedPdf],
) -> None:
    name, rendered = variant
    with pymupdf.open(stream=rendered.data) as opened:
        packet, author = xmp(opened), opened.metadata["author"]
    assert author == f"{AUTHOR}, Ann Author"
    creators = re.findall(r"<dc:creator><rdf:Seq>(.*?)</rdf:Seq>", packet)
    expected = {
        "pdf/ua-1": [f"<rdf:li>{AUTHOR}</rdf:li><rdf:li>Ann Author</rdf:li>"],
        "pdf/a-3a": [f"<rdf:li>{author}</rdf:li>"],
        "pdf/a-3b": [f"<rdf:li>{author}</rdf:li>"],
        "plain": [],
    }
    assert creators == expected[name]


def test_information_dates_are_the_stamp_not_the_clock(
    variant: tuple[str, pdf.RenderedPdf],
) -> None:
    with pymupdf.open(stream=variant[1].data) as opened:
        assert opened.metadata["creationDate"] == "D:20250428073000Z"
        assert opened.metadata["modDate"] == "D:20250428073000Z"


def test_every_variant_is_byte_identical_when_rendered_again(
    variant: tuple[str, pdf.RenderedPdf],
) -> None:
    name, rendered = variant
    assert pdf.write(publication(), Options(pdf_variant=name)) == rendered.data


def test_pdf_a_asks_no_viewer_to_smooth_its_images(variant: tuple[str, pdf.RenderedPdf]) -> None:
    """PDF/A forbids ``/Interpolate true`` on images."""
    name, rendered = variant
    with pymupdf.open(stream=rendered.data) as opened:
        flags = {
            opened.xref_get_key(xref, "Interpolate")[1]
            for xref in range(1, opened.xref_length())
            if opened.xref_get_key(xref, "Subtype")[1] == "/Image"
        }
    assert flags == ({"false"} if name.startswith("pdf/a") else {"true"})


# --- the cover page --------------------------------------------------------------


@pytest.fixture(scope="module")
def with_cover() -> pdf.RenderedPdf:
    """The publication with ``--pdf-cover`` on A5 with 3 mm bleed: the
    cover must reach into the bleed."""
    options = Options(pdf_cover=True, paper="a5", bleed="3mm", crop_marks=True)
    return pdf.render_pdf(publication(), options)


def image_rects(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Where the page draws images (WeasyPrint lists every image in every
    page's resources, so the resources alone say nothing)."""
    return [rect for image in page.get_images() for rect in page.get_image_rects(image[0])]


def test_cover_is_the_first_page_one_image_covering_it_bleed_included(
    with_cover: pdf.RenderedPdf,
) -> None:
    assert with_cover.messages == ()
    with pymupdf.open(stream=with_cover.data) as opened:
        cover = opened[0]
        (rect,) = image_rects(cover)
        # page.rect is the media box, bleed included; the image is cropped
        # to it (object-fit: cover), so it may reach beyond.
        page = cover.rect
        assert rect.x0 <= page.x0 + 0.5 and rect.y0 <= page.y0 + 0.5
        assert rect.x1 >= page.x1 - 0.5 and rect.y1 >= page.y1 - 0.5
        assert cover.rect.width == pytest.approx(PAGE_SIZES["a5"][0] + 6 * MM, abs=0.5)
        # Cover: neither running head nor folio nor any other text.
        assert cover.get_text().strip() == ""
        assert TITLE.startswith(lines(opened[1])[0].text)
        assert opened.get_toc()[0] == [1, TITLE, 2]


def test_cover_is_a_figure_with_the_books_cover_description(with_cover: pymupdf.Document) -> None:
    with pymupdf.open(stream=with_cover.data) as opened:
        figures = [alt for _depth, role, alt in structure(opened) if role == "Figure"]
    assert figures == [f"Cover: {TITLE} von {AUTHOR} & Ann Author", ALT]


def test_cover_is_the_users_own_when_the_document_names_one() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 480), "#aa3300").save(buffer, "PNG")
    own = m.Resource("mein-cover.png", "image/png", buffer.getvalue())
    base = publication()
    document = m.Document(
        replace(base.metadata, cover=own.name), base.blocks, (*base.resources, own)
    )
    with pymupdf.open(stream=pdf.write(document, Options(pdf_cover=True))) as opened:
        cover = opened[0]
        (xref,) = [image[0] for image in cover.get_images() if cover.get_image_rects(image[0])]
        assert (opened.xref_get_key(xref, "Width")[1], opened.xref_get_key(xref, "Height")[1]) == (
            "300",
            "480",
        )


def test_an_ordered_list_starts_where_the_input_says() -> None:
    document = m.Document(
        m.Metadata(title="Lists", language="en"),
        (
            m.ListBlock(
                (
                    m.ListItem((m.Paragraph((m.Text("seventh item"),)),)),
                    m.ListItem((m.Paragraph((m.Text("eighth item"),)),)),
                ),
                ordered=True,
                start=7,
            ),
        ),
    )
    with pymupdf.open(stream=pdf.write(document, Options()), filetype="pdf") as rendered:
        text = rendered[1].get_text()
    assert "7." in text and "8." in text and "1." not in text


def test_a_word_longer_than_a_line_breaks_and_every_character_prints() -> None:
    # Unbroken, a word of 20,000 characters ran off the page: a reader saw
    # one line of it. Given break opportunities, it fills pages, in order.
    word = "".join(chr(ord("a") + n % 26) for n in range(20_000))
    document = m.Document(
        m.Metadata(title="Ein langes Wort", language="de"),
        (para("Davor steht ein Satz."), para(f"Das Wort {word} endet hier.")),
    )
    with pymupdf.open(stream=pdf.write(document, Options()), filetype="pdf") as rendered:
        # without the running heads and the folios
        text = "".join(re.sub(r"Ein langes Wort|\d+", "", page.get_text()) for page in rendered)
    printed = re.sub(r"\u2010\n|[\s\u200b]", "", text)  # hyphenated or broken at line ends
    assert word in printed
    assert "DasWort" + word + "endethier." in printed


def test_long_runs_of_text_reach_weasyprint_in_pieces_cut_after_a_space() -> None:
    run = " ".join(["Wort"] * 2000)  # 9,999 characters
    body = pdf.in_short_runs(f"<p>{run}</p><p>kurz<wbr/>zeit</p>")
    pieces = body.removeprefix("<p>").split("</p>")[0].split("<span></span>")
    assert "".join(pieces) == run
    assert all(len(piece) <= pdf.MAX_RUN and piece.endswith(" ") for piece in pieces[:-1])
    assert body.endswith("<p>kurz\u200c\u200bzeit</p>")
    assert pdf.in_short_runs("<p>kurz</p>") == "<p>kurz</p>"


def test_a_non_joiner_keeps_ligatures_from_forming_across_break_points() -> None:
    # Before the soft hyphen, so that a line broken there still ends in a
    # hyphen; only in text, not in an attribute such as a picture's alt.
    body = '<p>Auf\u00adfahrt, of\u200bfice</p><img alt="Auf\u00adfahrt"/>'
    assert pdf.part_ligatures_at_break_points(body) == (
        '<p>Auf\u200c\u00adfahrt, of\u200c\u200bfice</p><img alt="Auf\u00adfahrt"/>'
    )
    # Not in Arabic or Devanagari, where a non-joiner would change the
    # letters' shapes (no joining, no conjunct).
    for word in ("\u0639\u00ad\u0644\u0645", "\u0915\u094d\u00ad\u0937"):
        assert pdf.part_ligatures_at_break_points(f"<p>{word}</p>") == f"<p>{word}</p>"


def test_page_references_are_built_once_for_each_page_count() -> None:
    # WeasyPrint's tagging asks for them for every tagged box: rebuilt from
    # every page each time, a PDF's time grew with the square of its pages.
    import pydyf

    document = pydyf.PDF()
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = document.page_references
    assert document.page_references is first
    assert first == tuple(f"{number} 0 R".encode() for number in document.pages["Kids"][::3])
    document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(document.page_references) == 4


def test_the_cycle_collector_pauses_while_weasyprint_lays_out() -> None:
    import gc

    assert gc.isenabled()
    with pdf.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with pdf.collector_paused():
            pass
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()


def test_page_styles_looked_up_by_their_margin_boxes_give_the_same_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # WeasyPrint went through every element's styles for each page to find
    # the page's margin boxes: time growing with elements times pages.
    from weasyprint.layout import page as page_layout

    indexed = page_layout.set_page_type_computed_styles
    assert indexed.indexed
    blocks = tuple(
        para(f"Absatz {number} über die Nachtzüge Europas. " * 20) for number in range(40)
    )
    document_ = document((heading("Erster Teil", "erster-teil"), *blocks))
    ours = pdf.write(document_, Options(paper="a5"))
    monkeypatch.setattr(page_layout, "set_page_type_computed_styles", indexed.original)
    assert pdf.write(document_, Options(paper="a5")) == ours
    with pymupdf.open(stream=ours, filetype="pdf") as rendered:
        texts = [page.get_text() for page in rendered][2:]
    assert len(texts) > 5
    # the running heads, from the margin boxes: the title, the section
    assert sum(TITLE in text for text in texts) >= 2
    assert sum(text.count("Erster Teil") for text in texts) >= 2


def test_make_page_gathers_anchors_only_from_the_pages_that_hold_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # For each page, WeasyPrint went through every page before it to gather
    # their anchors: time growing with the square of the pages.
    from weasyprint.layout import page as page_layout

    assert page_layout.make_page.anchors_indexed
    states = [(None, None, None, None, {"anchors": []}) for _ in range(6)]
    view = pdf.PagesWithAnchors(states, [1, 4])
    assert view[:4] == [states[1]] and view[:5] == [states[1], states[4]]
    assert view[:] == [states[1], states[4]] and view[:0] == []
    assert view[3] is states[3] and view[-1] is states[5] and view[2:4] == states[2:4]
    assert len(view) == 6 and list(view) == states

    gone_through: list[int] = []
    slice_of = pdf.PagesWithAnchors.__getitem__

    def counting(self: pdf.PagesWithAnchors, key: object) -> object:
        found = slice_of(self, key)
        if isinstance(key, slice):
            gone_through.append(len(found))
        return found

    monkeypatch.setattr(pdf.PagesWithAnchors, "__getitem__", counting)
    blocks = tuple(
        para(f"Absatz {number} über die Nachtzüge Europas. " * 20) for number in range(40)
    )
    ours = pdf.write(
        document((heading("Erster Teil", "erster-teil"), *blocks)), Options(paper="a5")
    )
    with pymupdf.open(stream=ours, filetype="pdf") as rendered:
        pages = rendered.page_count
    assert pages > 10
    # one slice per page made, holding the pages with anchors (title, heading)
    assert len(gone_through) >= pages
    assert max(gone_through) <= 2


def test_fixed_boxes_are_looked_for_only_when_a_page_has_some() -> None:
    # For each page, WeasyPrint went through every other page for its fixed
    # boxes: pages squared steps, for none at all.
    from weasyprint import layout

    class Untouchable:
        @property
        def fixed_boxes(self) -> list[object]:
            raise AssertionError("looked at a page")

    class Context:
        _exporter_fixed_boxes = False

    assert list(layout.layout_fixed_boxes(Context(), [Untouchable()] * 3, None)) == []
    # A fixed box is laid out on every page, by WeasyPrint's own function.
    blocks = tuple(
        para(f"Absatz {number} über die Nachtzüge Europas. " * 20) for number in range(20)
    )
    options = Options(paper="a5", extra_css="h2 { position: fixed; top: 0; }")
    ours = pdf.write(document((heading("Feststehend", "feststehend"), *blocks)), options)
    with pymupdf.open(stream=ours, filetype="pdf") as rendered:
        texts = [page.get_text() for page in rendered]
    assert len(texts) > 5
    assert all("Feststehend" in text for text in texts)


def test_a_running_head_set_on_an_early_page_is_found_without_trying_every_page() -> None:
    # WeasyPrint tried every page number back to the first for the last
    # page that set a running head: a step for every page before, per page.
    from weasyprint.layout import LayoutContext

    class Pages(dict[int, list[str]]):
        tried = 0

        def __contains__(self, key: object) -> bool:
            Pages.tried += 1
            return super().__contains__(key)

    def found(store: dict[str, Pages], page: int, keyword: str = "first") -> tuple[str, ...]:
        context = LayoutContext.__new__(LayoutContext)
        context.current_page = page
        return LayoutContext.get_string_or_element_for(context, store, None, "head", keyword)

    store = {"head": Pages({1: ["Titel"], 3: ["Erster", "Zweiter"]})}
    assert found(store, 5000) == ("Zweiter",)
    assert Pages.tried <= 2
    assert found(store, 3) == ("Erster",)
    assert found(store, 3, "last") == ("Zweiter",)
    assert found(store, 3, "first-except") == ()
    assert found(store, 2) == ("Titel",)
    assert found(store, 2, "all-once") == ()
    assert found({"head": Pages({2: ["Später"]})}, 1) == ()


def test_the_pdf_is_the_same_with_weasyprints_own_page_functions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from weasyprint import layout
    from weasyprint.layout import page as page_layout

    blocks = tuple(
        block
        for number in range(12)
        for block in (
            heading(f"Teil {number}", f"teil-{number}"),
            para(f"Absatz {number} über die Nachtzüge Europas. " * 30),
        )
    )
    document_ = document(blocks)
    for options in (Options(paper="a5"), Options(paper="a5", extra_css="h2 { position: fixed; }")):
        ours = pdf.write(document_, options)
        with monkeypatch.context() as patched:
            patched.setattr(page_layout, "make_page", page_layout.make_page.original)
            patched.setattr(layout, "layout_fixed_boxes", layout.layout_fixed_boxes.original)
            patched.setattr(layout, "make_all_pages", layout.make_all_pages.original)
            patched.setattr(
                layout.LayoutContext,
                "get_string_or_element_for",
                layout.LayoutContext.get_string_or_element_for.original,
            )
            assert pdf.write(document_, options) == ours
