"""The EPUB writer, checked as a reader and EPUBCheck see its books.

Documents are built by hand from the model, so these tests depend on no
reader. Each book is written once per module and EPUBCheck runs once for all
of them (one JVM).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image
from support.ace import run_ace_many
from support.epubcheck import run_epubcheck_many
from support.python import python_output
from support.words import missing_in_order, words

from exporter import cover
from exporter import model as m
from exporter.check.epub import check_epub
from exporter.check.report import Severity
from exporter.options import Options
from exporter.writers import accessibility, epub, html

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
}
ROOT = Path(__file__).resolve().parents[2]

TITLE = "Über Bücher und Brücken"
AUTHORS = ("Anna Beispiel", "Bernd Muster")
IDENTIFIER = "urn:uuid:0b5e6f52-3c1d-4a8e-9f7a-2d4c6b8e1a90"
HEADINGS = ["Erstes Kapitel", "Ein Unterabschnitt", "Zweites Kapitel", "Drittes Kapitel"]


def text(value: str) -> tuple[m.Inline, ...]:
    return (m.Text(value),)


def png(width: int = 16, height: int = 10) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def features_document() -> m.Document:
    """A short German article using every block and inline the model has."""
    return m.Document(
        m.Metadata(
            title=TITLE,
            subtitle="Ein Versuch über das Lesen",
            authors=AUTHORS,
            language="de",
            date="2025-04-28",
            publisher="Verlag Beispiel",
            description="Eine Beschreibung.",
            rights="CC BY 4.0",
            identifier=IDENTIFIER,
            source="https://example.org/artikel",
        ),
        (
            m.Paragraph(text("Der Vorspann steht vor der ersten Überschrift.")),
            m.Heading(2, text(HEADINGS[0]), "erstes-kapitel"),
            m.Paragraph(
                (
                    m.Text("Ein Satz mit "),
                    m.Emphasis(text("Betonung")),
                    m.Text(", mit "),
                    m.Strong(text("Nachdruck")),
                    m.Text(", einem "),
                    m.Link("https://example.org/", text("Verweis")),
                    m.Text(" und einer Fußnote."),
                    m.FootnoteRef("eins"),
                )
            ),
            m.ListBlock(
                (
                    m.ListItem((m.Paragraph(text("Erster Punkt")),)),
                    m.ListItem((m.Paragraph(text("Zweiter Punkt")),)),
                )
            ),
            m.Heading(3, text(HEADINGS[1]), "ein-unterabschnitt"),
            m.BlockQuote((m.Paragraph(text("Ein Zitat aus einem anderen Buch.")),)),
            m.SceneBreak(),
            m.Paragraph(text("Nach dem Szenenwechsel geht es weiter.")),
            m.Heading(2, text(HEADINGS[2]), "zweites-kapitel"),
            m.CodeBlock("def f(x):\n    return x + 1\n", "python"),
            m.Table(
                head=(
                    m.TableRow(
                        (m.TableCell(text("Stadt"), True), m.TableCell(text("Brücken"), True))
                    ),
                ),
                body=(
                    m.TableRow(
                        (m.TableCell(text("Venedig")), m.TableCell(text("435"), False, "right"))
                    ),
                ),
                caption=text("Brücken je Stadt"),
            ),
            m.Figure("bild.png", "Ein rotes Rechteck", text("Ein rotes Rechteck als Abbildung")),
            m.Heading(2, text(HEADINGS[3]), "drittes-kapitel"),
            m.Paragraph(text("Der letzte Absatz beschließt den Text.")),
            m.FootnoteDef("eins", (m.Paragraph(text("Der Text der Fußnote.")),)),
        ),
        (m.Resource("bild.png", "image/png", png()),),
    )


LONG_HEADINGS = ["Anfang", "Mitte", "Ende"]


def long_document() -> m.Document:
    """Over :data:`html.CHAPTER_SPLIT_CHARS` of text under three headings, with
    a footnote called in the first section and defined in the last (as
    Markdown puts notes at the end) and an internal link between sections."""
    sentence = "Ein Satz von mäßiger Länge füllt die Seiten dieses langen Artikels. "
    blocks: list[m.Block] = [m.Paragraph(text("Ein Vorspann ohne Überschrift."))]
    for number, heading in enumerate(LONG_HEADINGS, start=1):
        blocks.append(m.Heading(2, text(heading), heading.lower()))
        if number == 1:
            blocks.append(
                m.Paragraph(
                    (
                        m.Text("Hier steht die Anmerkung."),
                        m.FootnoteRef("spaet"),
                        m.Text(" Siehe auch "),
                        m.Link("#ende", text("das Ende")),
                        m.Text("."),
                    )
                )
            )
        blocks.extend(
            m.Paragraph(text(f"Absatz {number}.{paragraph}. " + sentence * 12))
            for paragraph in range(15)
        )
    blocks.append(m.FootnoteDef("spaet", (m.Paragraph(text("Die späte Anmerkung.")),)))
    return m.Document(m.Metadata(title="Ein langer Artikel", language="de"), tuple(blocks))


def bare_document() -> m.Document:
    """No headings, authors, date or identifier: the writer must still make a
    valid book (a toc with one entry, a derived identifier)."""
    return m.Document(
        m.Metadata(title="Short note", language="en"),
        (m.Paragraph(text("Just one paragraph.")), m.Paragraph(text("And another one."))),
    )


def undescribed_document() -> m.Document:
    """A figure without alt text: the book must not claim it is described."""
    return m.Document(
        m.Metadata(title="Eine Karte", authors=("Anna Beispiel",), language="de"),
        (
            m.Paragraph(text("Ein Absatz vor dem Bild.")),
            m.Figure("karte.png", "", text("Die Karte")),
        ),
        (m.Resource("karte.png", "image/png", png()),),
    )


USER_COVER = png(400, 640)


def user_cover_document() -> m.Document:
    """A document whose metadata names its own cover resource."""
    document = bare_document()
    return replace(
        document,
        metadata=replace(document.metadata, cover="cover.png"),
        resources=(m.Resource("cover.png", "image/png", USER_COVER),),
    )


def dutch_document() -> m.Document:
    """A language we have no words for: summary and cover alt text in English."""
    return m.Document(
        m.Metadata(title="Over bruggen", authors=("Anna Beispiel",), language="nl"),
        (m.Paragraph(text("Een korte alinea over bruggen en boeken.")),),
    )


class Book:
    """An EPUB opened as its parts, like a reading system does."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = self.opf_path.rpartition("/")[0]
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.items = {
            item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)
        }
        refs = self.opf.findall("opf:spine/opf:itemref", NS)
        #: Every spine item, the navigation document (``linear="no"``) too.
        self.all_spine_hrefs = [self.items[ref.get("idref")].get("href") for ref in refs]
        #: The reading order: cover page, title page, text.
        self.spine_hrefs = [
            self.items[ref.get("idref")].get("href") for ref in refs if ref.get("linear") != "no"
        ]

    def read(self, href: str) -> bytes:
        return self.zip.read(f"{self.base}/{href}")

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    @property
    def spine(self) -> list[etree._Element]:
        return [self.xml(href) for href in self.spine_hrefs]

    @property
    def text_hrefs(self) -> list[str]:
        """The documents of the text (after cover and title page), by their mark."""
        return [
            href
            for href in self.spine_hrefs
            if "bodymatter" in self.xml(href).find(f"{XHTML}body").get(EPUB_TYPE, "").split()
        ]

    @property
    def text(self) -> list[etree._Element]:
        return [self.xml(href) for href in self.text_hrefs]

    def item_with_property(self, name: str) -> etree._Element:
        return next(i for i in self.items.values() if name in i.get("properties", "").split())

    @property
    def nav(self) -> etree._Element:
        return self.xml(self.item_with_property("nav").get("href"))

    def dc(self, name: str) -> list[etree._Element]:
        return self.opf.findall(f"opf:metadata/dc:{name}", NS)

    def meta(self, prop: str) -> list[etree._Element]:
        return self.opf.findall(f"opf:metadata/opf:meta[@property='{prop}']", NS)

    def values(self, prop: str) -> list[str]:
        return [element.text for element in self.meta(prop)]


@pytest.fixture(scope="module", autouse=True)
def no_source_date_epoch() -> Iterator[None]:
    """The books here take their dates from the documents, even where the
    environment sets ``SOURCE_DATE_EPOCH`` (some CI systems do)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield


@pytest.fixture(scope="module")
def features_bytes() -> bytes:
    return epub.write(features_document(), Options())


@pytest.fixture(scope="module")
def long_bytes() -> bytes:
    return epub.write(long_document(), Options())


@pytest.fixture(scope="module")
def bare_bytes() -> bytes:
    return epub.write(bare_document(), Options())


@pytest.fixture(scope="module")
def undescribed_bytes() -> bytes:
    return epub.write(undescribed_document(), Options())


@pytest.fixture(scope="module")
def user_cover_bytes() -> bytes:
    return epub.write(user_cover_document(), Options())


@pytest.fixture(scope="module")
def dutch_bytes() -> bytes:
    return epub.write(dutch_document(), Options(theme="news"))


@pytest.fixture(scope="module")
def paths(
    tmp_path_factory: pytest.TempPathFactory,
    features_bytes: bytes,
    long_bytes: bytes,
    bare_bytes: bytes,
    undescribed_bytes: bytes,
    user_cover_bytes: bytes,
    dutch_bytes: bytes,
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("epub")
    books = {
        "features": features_bytes,
        "long": long_bytes,
        "bare": bare_bytes,
        "undescribed": undescribed_bytes,
        "user_cover": user_cover_bytes,
        "dutch": dutch_bytes,
    }
    for name, data in books.items():
        (folder / f"{name}.epub").write_bytes(data)
    return {name: folder / f"{name}.epub" for name in books}


@pytest.fixture(scope="module")
def epubcheck(paths: dict[str, Path]) -> dict[str, list[str]]:
    results = run_epubcheck_many(paths.values())
    return {name: [m.short for m in results[path]] for name, path in paths.items()}


@pytest.fixture(scope="module")
def book(features_bytes: bytes) -> Book:
    return Book(features_bytes)


@pytest.fixture(scope="module")
def long_book(long_bytes: bytes) -> Book:
    return Book(long_bytes)


# --- validity ------------------------------------------------------------------


ALL_BOOKS = ["features", "long", "bare", "undescribed", "user_cover", "dutch"]
#: The books that describe every image: ``exporter check`` finds nothing to say.
CLEAN_BOOKS = [name for name in ALL_BOOKS if name != "undescribed"]


@pytest.mark.parametrize("name", ALL_BOOKS)
def test_epubcheck_reports_no_error_and_no_warning(
    epubcheck: dict[str, list[str]], name: str
) -> None:
    assert epubcheck[name] == []


@pytest.fixture(scope="module")
def ace(paths: dict[str, Path]) -> dict[str, list[str]]:
    """DAISY Ace's violations, all books in one run (skipped where Ace is
    not installed, except in CI)."""
    results = run_ace_many(paths.values())
    return {name: results[path] for name, path in paths.items()}


@pytest.mark.parametrize("name", ALL_BOOKS)
def test_ace_finds_no_violation(ace: dict[str, list[str]], name: str) -> None:
    assert ace[name] == []


# --- package metadata ------------------------------------------------------------


def test_metadata_names_title_authors_language_and_identifier(book: Book) -> None:
    titles = book.dc("title")
    assert titles[0].text == TITLE
    assert [t.text for t in titles[1:]] == ["Ein Versuch über das Lesen"]
    assert [c.text for c in book.dc("creator")] == list(AUTHORS)
    assert len({c.get("id") for c in book.dc("creator")}) == 2
    assert [e.text for e in book.dc("language")] == ["de"]
    (identifier,) = book.dc("identifier")
    assert identifier.text == IDENTIFIER
    assert book.opf.get("unique-identifier") == identifier.get("id")


def test_package_document_says_its_own_language(book: Book, dutch_bytes: bytes) -> None:
    # DAISY Ace fails a package without xml:lang (serious): dc:language names
    # the publication's language, not that of the package's own text.
    assert book.opf.get(XML_LANG) == "de"
    assert Book(dutch_bytes).opf.get(XML_LANG) == "nl"


def test_subtitle_is_refined_as_such(book: Book) -> None:
    subtitle = book.dc("title")[1]
    (kind,) = book.opf.findall(f"opf:metadata/opf:meta[@refines='#{subtitle.get('id')}']", NS)
    assert (kind.get("property"), kind.text) == ("title-type", "subtitle")


def test_optional_metadata_is_written_when_present(book: Book) -> None:
    assert [e.text for e in book.dc("date")] == ["2025-04-28"]
    assert [e.text for e in book.dc("publisher")] == ["Verlag Beispiel"]
    assert [e.text for e in book.dc("description")] == ["Eine Beschreibung."]
    assert [e.text for e in book.dc("rights")] == ["CC BY 4.0"]
    assert [e.text for e in book.dc("source")] == ["https://example.org/artikel"]


def test_modified_is_utc_and_comes_from_the_article_date(book: Book) -> None:
    (modified,) = book.meta("dcterms:modified")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified.text)
    assert modified.text == "2025-04-28T00:00:00Z"


def test_ebooklib_adds_no_generator_and_no_page_list(book: Book) -> None:
    assert book.opf.find(".//opf:meta[@name='generator']", NS) is None
    assert book.nav.find(".//h:nav[@epub:type='page-list']", NS) is None


def test_identifier_is_derived_from_the_content_when_missing(bare_bytes: bytes) -> None:
    (identifier,) = Book(bare_bytes).dc("identifier")
    assert identifier.text.startswith("urn:uuid:")
    assert Book(epub.write(bare_document(), Options())).dc("identifier")[0].text == identifier.text
    changed = m.Document(m.Metadata(title="Short note", language="en"), (m.Paragraph(text("x")),))
    assert Book(epub.write(changed, Options())).dc("identifier")[0].text != identifier.text


def test_modified_comes_from_the_metadata_stamp_and_sets_zip_times() -> None:
    # The API stamps metadata.modified (see tests/test_timestamps.py for the
    # precedence); the writer only copies it, into the OPF and every zip entry.
    document = bare_document()
    stamped = replace(
        document, metadata=replace(document.metadata, modified="2023-11-14T22:13:20Z")
    )
    data = epub.write(stamped, Options())
    (modified,) = Book(data).meta("dcterms:modified")
    assert modified.text == "2023-11-14T22:13:20Z"
    times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert times == {(2023, 11, 14, 22, 13, 20)}


def test_an_unstamped_document_never_gets_the_clock() -> None:
    document = replace(bare_document(), metadata=m.Metadata(title="T", language="en", date="2025"))
    (modified,) = Book(epub.write(document, Options())).meta("dcterms:modified")
    assert modified.text == "1980-01-01T00:00:00Z"


def test_odd_date_stays_out_of_the_package_metadata() -> None:
    document = bare_document()
    document = m.Document(m.Metadata(title="T", language="en", date="Ostern 2025"), document.blocks)
    assert Book(epub.write(document, Options())).dc("date") == []


# --- content documents -------------------------------------------------------------


def test_every_content_document_and_the_nav_carry_the_language(book: Book) -> None:
    documents = [*book.spine, book.nav]
    for document in documents:
        assert document.get("lang") == "de"
        assert document.get(XML_LANG) == "de"


def test_title_page_follows_the_cover_with_title_and_author_line(book: Book) -> None:
    title_page = book.spine[1]
    body = title_page.find(f"{XHTML}body")
    assert body.find(f".//*[@{EPUB_TYPE}='titlepage']") is not None
    page_text = "".join(body.itertext())
    assert TITLE in page_text
    assert "Anna Beispiel & Bernd Muster" in page_text
    assert "Vorspann" not in page_text
    # a screen reader names the region in the book's language
    section = body.find(f".//*[@{EPUB_TYPE}='titlepage']")
    assert section.get("aria-label") == "Titelseite"


def test_short_text_is_one_content_document(book: Book) -> None:
    assert len(book.text) == 1


def test_code_keeps_its_whitespace(book: Book) -> None:
    (code,) = book.text[0].iter(f"{XHTML}pre")
    assert "".join(code.itertext()) == "def f(x):\n    return x + 1\n"


def test_image_is_in_the_manifest_where_the_page_points(book: Book) -> None:
    (img,) = book.text[0].iter(f"{XHTML}img")
    src = img.get("src")
    assert src == html.resource_href("bild.png")
    (item,) = [i for i in book.items.values() if i.get("href") == src]
    assert item.get("media-type") == "image/png"
    assert book.read(src) == features_document().resources[0].data


def test_mupdf_opens_the_book_with_every_paragraph_in_order(paths: dict[str, Path]) -> None:
    expected = words(
        " ".join(
            m.plain_text(block.children)
            for block in features_document().blocks
            if isinstance(block, m.Paragraph)
        )
    )
    with pymupdf.open(paths["features"]) as document:
        shown = words("\n".join(page.get_text() for page in document))
    assert missing_in_order(expected, shown) == []


# --- navigation ----------------------------------------------------------------------


def nav_entries(ol: etree._Element, depth: int = 0) -> list[tuple[int, str, str]]:
    entries = []
    for li in ol.findall("h:li", NS):
        a = li.find("h:a", NS)
        entries.append((depth, "".join(a.itertext()), a.get("href")))
        for child in li.findall("h:ol", NS):
            entries.extend(nav_entries(child, depth + 1))
    return entries


def test_nav_lists_the_headings_in_order_nested_by_level(book: Book) -> None:
    toc = book.nav.find(".//h:nav[@epub:type='toc']/h:ol", NS)
    entries = nav_entries(toc)
    assert [(depth, title) for depth, title, _ in entries] == [
        (0, HEADINGS[0]),
        (1, HEADINGS[1]),
        (0, HEADINGS[2]),
        (0, HEADINGS[3]),
    ]
    text_file = book.text_hrefs[0]
    assert [href for _, _, href in entries] == [
        f"{text_file}#erstes-kapitel",
        f"{text_file}#ein-unterabschnitt",
        f"{text_file}#zweites-kapitel",
        f"{text_file}#drittes-kapitel",
    ]


def test_nav_speaks_the_book_language(book: Book, bare_bytes: bytes) -> None:
    heading = book.nav.find(".//h:nav[@epub:type='toc']/h:h2", NS)
    assert heading.text == "Inhalt"
    assert Book(bare_bytes).nav.find(".//h:nav[@epub:type='toc']/h:h2", NS).text == "Contents"


def test_landmarks_name_cover_title_page_start_of_text_and_contents(book: Book) -> None:
    landmarks = book.nav.findall(".//h:nav[@epub:type='landmarks']//h:a", NS)
    assert [(a.get(EPUB_TYPE), a.get("href")) for a in landmarks] == [
        ("cover", book.spine_hrefs[0]),
        ("titlepage", book.spine_hrefs[1]),
        ("bodymatter", book.text_hrefs[0]),
        ("toc", f"{book.item_with_property('nav').get('href')}#toc"),
    ]


def test_ncx_exists_for_older_readers_and_lists_the_headings(book: Book) -> None:
    spine = book.opf.find("opf:spine", NS)
    ncx_item = book.items[spine.get("toc")]
    assert ncx_item.get("media-type") == "application/x-dtbncx+xml"
    ncx = book.xml(ncx_item.get("href"))
    labels = [t.text for t in ncx.iterfind(".//ncx:navPoint/ncx:navLabel/ncx:text", NS)]
    assert labels == HEADINGS


def test_book_without_headings_lists_its_start(bare_bytes: bytes) -> None:
    bare = Book(bare_bytes)
    toc = bare.nav.find(".//h:nav[@epub:type='toc']/h:ol", NS)
    assert nav_entries(toc) == [(0, "Short note", bare.text_hrefs[0])]


def test_toc_nests_a_skipped_level_once() -> None:
    outline = (
        html.Section("a", "A", 2, ""),
        html.Section("b", "B", 4, ""),
        html.Section("c", "C", 3, ""),
        html.Section("d", "D", 2, ""),
    )
    entries = epub.toc(outline, {}, "text.xhtml", "T")
    (a, [b, c]), d = entries
    assert [a.title, b.title, c.title, d.title] == ["A", "B", "C", "D"]
    assert a.href == "text.xhtml#a"


def test_headings_without_ids_get_ids_the_nav_can_link_to() -> None:
    document = m.Document(
        m.Metadata(title="T", language="en"),
        (m.Heading(2, text("One")), m.Paragraph(text("x")), m.Heading(2, text("Two"))),
    )
    nav = Book(epub.write(document, Options())).nav
    hrefs = [a.get("href") for a in nav.iterfind(".//h:nav[@epub:type='toc']//h:a", NS)]
    assert hrefs == ["text.xhtml#one", "text.xhtml#two"]


# --- long texts ---------------------------------------------------------------------


def test_long_text_gets_one_content_document_per_top_level_section(long_book: Book) -> None:
    # the lead before the first heading, then one per heading
    assert len(long_book.text) == 1 + len(LONG_HEADINGS)
    for document, heading in zip(long_book.text[1:], LONG_HEADINGS, strict=True):
        assert [h.text for h in document.iter(f"{XHTML}h2")] == [heading]


def test_long_text_toc_points_into_the_right_files(long_book: Book) -> None:
    toc = long_book.nav.find(".//h:nav[@epub:type='toc']/h:ol", NS)
    for _, title, href in nav_entries(toc):
        file, _, fragment = href.partition("#")
        target = long_book.xml(file)
        assert target.find(f".//*[@id='{fragment}']").text == title


def test_links_into_another_file_name_that_file(long_book: Book) -> None:
    first = long_book.text[1]
    internal = first.find(".//h:a[.='das Ende']", NS)
    file, _, target = internal.get("href").partition("#")
    assert (file, target) != ("", "ende")
    assert long_book.xml(file).find(".//*[@id='ende']") is not None


def test_a_note_defined_in_a_later_file_pops_up_from_its_callers_file(long_book: Book) -> None:
    first = long_book.text[1]
    noteref = first.find(".//h:a[@epub:type='noteref']", NS)
    assert noteref.get("href") == "#fn-spaet"
    assert first.find(".//h:aside[@id='fn-spaet']", NS) is not None


# --- the container and its files -------------------------------------------------------


def test_mimetype_comes_first_and_uncompressed(features_bytes: bytes) -> None:
    first = zipfile.ZipFile(io.BytesIO(features_bytes)).infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert features_bytes[30:58] == b"mimetypeapplication/epub+zip"


def test_same_document_gives_identical_bytes_and_write_does_not_import_weasyprint(
    features_bytes: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "document.json"
    source.write_text(m.to_json(features_document()), encoding="utf-8")
    target = tmp_path / "again.epub"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from exporter.model import from_json\n"
        "from exporter.options import Options\n"
        "from exporter.writers.epub import write\n"
        f"document = from_json(Path({str(source)!r}).read_text(encoding='utf-8'))\n"
        f"Path({str(target)!r}).write_bytes(write(document, Options()))\n"
        "assert 'weasyprint' not in sys.modules, 'the EPUB writer imported WeasyPrint'\n"
    )
    python_output(script)
    assert target.read_bytes() == features_bytes


def test_fonts_are_small_subsets_referenced_from_the_stylesheet(book: Book) -> None:
    fonts = [i for i in book.items.values() if i.get("media-type", "").startswith("font/")]
    assert len(fonts) == 4
    css = book.read("style.css").decode("utf-8")
    for item in fonts:
        data = book.read(item.get("href"))
        assert len(data) < 100_000
        assert f'url("{item.get("href")}")' in css
        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        assert {ord(c) for c in TITLE + "".join(AUTHORS) + "ßüÜ"} <= set(cmap)
        assert ord("Ж") not in cmap  # Literata has Cyrillic; this book needs none
        # List markers are drawn by the reading system, in the item's face.
        assert {ord(c) for c in epub.MARKER_CHARACTERS} <= set(cmap)
    # The stylesheet is the shared one, after the faces.
    assert css.rstrip().endswith(epub.styles.stylesheet("epub").rstrip())
    for document in book.spine:
        links = document.findall("h:head/h:link[@rel='stylesheet']", NS)
        assert [link.get("href") for link in links] == ["style.css"]


def test_without_embedded_fonts_the_book_carries_none() -> None:
    data = epub.write(bare_document(), Options(embed_fonts=False))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [name for name in names if "/fonts/" in name]
    assert "@font-face {" not in Book(data).read("style.css").decode("utf-8")


def test_user_css_comes_last() -> None:
    data = epub.write(bare_document(), Options(extra_css="p { color: teal; }"))
    assert Book(data).read("style.css").decode("utf-8").rstrip().endswith("p { color: teal; }")


def test_document_json_round_trip_is_what_the_subprocess_reads() -> None:
    # Guards the byte-identity test above: it compares a book written from
    # the JSON round trip, which must be the same document.
    assert m.from_json(m.to_json(features_document())) == features_document()


# --- the cover ------------------------------------------------------------------------


def test_the_cover_page_comes_first_and_shows_the_flagged_cover_image(book: Book) -> None:
    page = book.spine[0]
    (img,) = page.iter(f"{XHTML}img")
    assert page.find(f".//*[@{EPUB_TYPE}='cover']") is not None
    assert img.get("role") == "doc-cover"
    image = book.item_with_property("cover-image")
    assert img.get("src") == image.get("href")
    assert image.get("media-type") == "image/png"
    assert Image.open(io.BytesIO(book.read(image.get("href")))).size == (1600, 2560)
    # EPUB 2 readers and converters find the cover by this meta
    (legacy,) = book.opf.findall("opf:metadata/opf:meta[@name='cover']", NS)
    assert legacy.get("content") == image.get("id")


def test_the_cover_is_described_in_the_books_language(book: Book) -> None:
    (img,) = book.spine[0].iter(f"{XHTML}img")
    assert img.get("alt") == f"Cover: {TITLE} von Anna Beispiel & Bernd Muster"
    assert img.get("lang") is None  # the page's own language, German


def test_a_cover_described_in_english_says_so(dutch_bytes: bytes) -> None:
    dutch = Book(dutch_bytes)
    (img,) = dutch.spine[0].iter(f"{XHTML}img")
    assert img.get("alt") == "Cover: Over bruggen by Anna Beispiel"
    assert (img.get("lang"), img.get(XML_LANG)) == ("en", "en")
    assert dutch.spine[0].get("lang") == "nl"


def test_the_generated_cover_is_the_cover_modules(book: Book) -> None:
    image = book.item_with_property("cover-image")
    expected = cover.cover_image(features_document(), Options())
    assert book.read(image.get("href")) == expected.data


def test_the_documents_own_cover_is_used_once(user_cover_bytes: bytes) -> None:
    own = Book(user_cover_bytes)
    image = own.item_with_property("cover-image")
    assert own.read(image.get("href")) == USER_COVER
    pngs = [i for i in own.items.values() if i.get("media-type") == "image/png"]
    assert pngs == [image]


def test_mupdf_shows_the_cover_image_on_the_first_page(paths: dict[str, Path]) -> None:
    with pymupdf.open(paths["features"]) as document:
        first = document[0]
        (image,) = first.get_image_info()
        assert (image["width"], image["height"]) == (1600, 2560)
        assert first.get_text().strip() == ""
        # the image fills most of the page, whole
        assert image["bbox"][3] - image["bbox"][1] > 0.8 * first.rect.height


# --- structure and semantics ----------------------------------------------------------


def test_matter_is_marked_on_each_body(book: Book, long_book: Book) -> None:
    assert book.spine[1].find(f"{XHTML}body").get(EPUB_TYPE) == "frontmatter"
    for document in (*book.text, *long_book.text):
        assert document.find(f"{XHTML}body").get(EPUB_TYPE) == "bodymatter"
    assert len(long_book.text) == len(long_book.spine) - 2


def test_every_content_document_has_a_page_title(book: Book, long_book: Book) -> None:
    for document in (*book.spine, *long_book.spine, book.nav):
        title = document.findtext(f"{XHTML}head/{XHTML}title")
        assert title and title.strip()
    assert book.spine[0].findtext(f"{XHTML}head/{XHTML}title") == "Cover"


def test_roles_match_the_epub_types(book: Book) -> None:
    pairs = {
        (element.get(EPUB_TYPE), element.get("role"))
        for document in book.spine
        for element in document.iter()
        if element.get(EPUB_TYPE) or element.get("role")
    }
    assert {
        ("chapter", "doc-chapter"),
        ("footnote", "doc-footnote"),
        ("noteref", "doc-noteref"),
        ("cover", None),  # the section; the img in it is the doc-cover
        ("titlepage", None),  # DPUB-ARIA has no title page role
    } <= pairs
    roles = {role for _, role in pairs if role}
    assert roles <= {"doc-chapter", "doc-footnote", "doc-noteref", "doc-backlink", "doc-cover"}


def test_the_nav_is_in_the_spine_last_and_out_of_the_reading_order(book: Book) -> None:
    nav_href = book.item_with_property("nav").get("href")
    assert book.all_spine_hrefs[-1] == nav_href
    assert nav_href not in book.spine_hrefs
    toc = book.nav.find(".//h:nav[@epub:type='toc']", NS)
    assert toc.get("id") == "toc"
    landmarks = book.nav.find(".//h:nav[@epub:type='landmarks']", NS)
    assert landmarks.get("hidden") is not None


# --- accessibility metadata -------------------------------------------------------------


def test_accessibility_metadata_claims_what_a_described_book_has(book: Book) -> None:
    assert book.values("schema:accessMode") == ["textual", "visual"]
    assert book.values("schema:accessModeSufficient") == ["textual", "textual,visual"]
    assert book.values("schema:accessibilityFeature") == [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
        "alternativeText",
        "ARIA",
    ]
    assert book.values("schema:accessibilityHazard") == ["none"]
    assert book.values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    (summary,) = book.meta("schema:accessibilitySummary")
    assert summary.get(XML_LANG) == "de"
    assert summary.text.startswith("Diese Publikation hat ein Inhaltsverzeichnis")
    assert summary.text.endswith("und jedes Bild hat eine Textbeschreibung.")


def test_a_book_with_an_undescribed_image_claims_neither_alt_text_nor_conformance(
    undescribed_bytes: bytes,
) -> None:
    undescribed = Book(undescribed_bytes)
    assert "alternativeText" not in undescribed.values("schema:accessibilityFeature")
    assert undescribed.values("dcterms:conformsTo") == []
    assert undescribed.values("schema:accessModeSufficient") == ["textual,visual"]
    (summary,) = undescribed.values("schema:accessibilitySummary")
    assert summary.endswith("aber nicht jedes Bild hat eine Textbeschreibung.")


def test_a_summary_in_english_says_so(dutch_bytes: bytes) -> None:
    (summary,) = Book(dutch_bytes).meta("schema:accessibilitySummary")
    assert summary.get(XML_LANG) == "en"
    assert summary.text.startswith("This publication has a table of contents")


def test_the_claim_is_the_one_exporter_check_looks_for() -> None:
    from exporter.check import accessibility as checked

    assert accessibility.CONFORMANCE == checked.CONFORMANCE
    assert set(checked.BASE_FEATURES) <= set(accessibility.BASE_FEATURES)


def test_claims_follow_the_images_and_their_descriptions() -> None:
    text_only = accessibility.claims(images=0, undescribed=0, aria=False, language="en")
    assert text_only.access_modes == ("textual",)
    assert text_only.access_modes_sufficient == ("textual",)
    assert "alternativeText" not in text_only.features and "ARIA" not in text_only.features
    assert text_only.summary.endswith("restyled.")
    assert text_only.conforms_to == (accessibility.CONFORMANCE,)
    for language in ("de", "en", "fr", "es", "it"):
        described = accessibility.claims(images=2, undescribed=0, aria=True, language=language)
        lacking = accessibility.claims(images=2, undescribed=1, aria=True, language=language)
        assert described.summary_language == language
        assert described.summary != lacking.summary
        assert described.summary.count(".") == 1 and lacking.summary.count(".") == 1


@pytest.mark.parametrize("name", CLEAN_BOOKS)
def test_exporter_check_finds_nothing_to_warn_about(paths: dict[str, Path], name: str) -> None:
    # EPUBCheck's half of ``exporter check`` is the test above; this is the rest.
    report = check_epub(paths[name])
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []
    assert report.facts["cover_page_first"] is True


def test_a_paragraph_over_ten_megabytes_is_well_formed() -> None:
    # libxml2 refuses a text node over 10 MB unless told it may be huge: the
    # check that our XHTML is well-formed failed a long paragraph.
    text = "word " * 2_200_000
    document = epub.content_document("text.xhtml", "Title", "en", f"<p>{text}</p>")
    (paragraph,) = document.tree.iter(f"{{{html.XHTML_NS}}}p")
    assert paragraph.text == text
