"""``exporter book``: three articles by three authors in three languages as
one book, checked as a reader would check it.

The book is built once per module through the command line from
``fixtures/anthology/book.toml`` (EPUB and PDF), and once more from the
articles named on the command line (EPUB only); both go through one
EPUBCheck run. Everything else here is cheap: ordering, metadata rules and
the book file are checked without rendering.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from support.epubcheck import run_epubcheck_many
from support.words import missing_in_order, words
from typer.testing import CliRunner, Result

from exporter import anthology, api
from exporter import model as m
from exporter.anthology import Article, ChapterInput
from exporter.cli import app
from exporter.errors import InputError, OptionError
from exporter.transforms.punctuation_rules import NNBSP

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "anthology"
BOOK_FILE = FIXTURES / "book.toml"
GERMAN = FIXTURES / "bergwerk.de.txt"
ENGLISH = FIXTURES / "lighthouse.en.md"
FRENCH = FIXTURES / "marche.fr.md"

TITLE = "Voices from Three Countries"
#: The chapters in book.toml's order: (title, author, language).
CHAPTERS = [
    ("The Last Winter at the Lighthouse", "John Example", "en"),
    ("Das stille Bergwerk", "Anna Beispiel", "de"),
    ("Le marché du samedi matin", "Marie Exemple", "fr"),
]
#: A quotation from each chapter as its language sets it.
QUOTES = {
    "de": "„Glück auf“, sagt Werner Hartmann",
    "en": "“We knew it was coming,” says Margaret Hale",
    "fr": f"«{NNBSP}On se connaît tous depuis des années{NNBSP}», dit Hélène Dubois",
}

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

runner = CliRunner()


def invoke(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args])


@dataclass(frozen=True)
class Epub:
    """An EPUB opened as a reading system would: package, spine, files."""

    files: dict[str, bytes]

    @classmethod
    def open(cls, path: Path) -> Epub:
        with zipfile.ZipFile(path) as archive:
            return cls({name: archive.read(name) for name in archive.namelist()})

    def tree(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[f"EPUB/{name}"])

    @property
    def package(self) -> etree._Element:
        return self.tree("content.opf")

    def metadata(self, name: str) -> list[str]:
        return [e.text for e in self.package.findall(f"opf:metadata/dc:{name}", NS)]

    @property
    def spine(self) -> list[str]:
        manifest = {
            item.get("id"): item.get("href")
            for item in self.package.findall("opf:manifest/opf:item", NS)
        }
        return [manifest[ref.get("idref")] for ref in self.package.findall("opf:spine/*", NS)]

    def text(self, name: str) -> str:
        """The body's text, a space between elements' texts (a heading and
        the next paragraph are separate words)."""
        return " ".join(self.tree(name).find("h:body", NS).itertext())

    def chapter_files(self) -> list[str]:
        return [name for name in self.spine if name.startswith("text-")]


@dataclass(frozen=True)
class Built:
    result: Result
    outputs: dict[str, Path]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The book of book.toml, as the command line makes it."""
    out = tmp_path_factory.mktemp("book")
    result = invoke("book", BOOK_FILE, "--out", out)
    assert result.exit_code == 0, result.output
    return Built(result, {path.suffix[1:]: path for path in out.iterdir()})


@pytest.fixture(scope="module")
def by_date(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same articles named on the command line, ordered by date, with the
    book's author and language given: an EPUB only."""
    out = tmp_path_factory.mktemp("by-date")
    result = invoke(
        "book",
        *(ENGLISH, GERMAN, FRENCH),
        *("--title", "Drei Stimmen", "--author", "Erika Herausgeberin", "--lang", "de"),
        *("--order", "date", "--format", "epub", "--name", "drei", "--out", out),
    )
    assert result.exit_code == 0, result.output
    return Built(result, {path.suffix[1:]: path for path in out.iterdir()})


@pytest.fixture(scope="module")
def epub(built: Built) -> Epub:
    return Epub.open(built.outputs["epub"])


@pytest.fixture(scope="module")
def pdf(built: Built) -> pymupdf.Document:
    return pymupdf.open(built.outputs["pdf"])


@pytest.fixture(scope="module")
def articles() -> dict[str, m.Document]:
    """Each article exported on its own would hold these documents."""
    return {path.name: api.read(path).document for path in (ENGLISH, GERMAN, FRENCH)}


# --- the outputs -------------------------------------------------------------------------


def test_one_epub_and_one_pdf_named_after_the_title(built: Built) -> None:
    assert sorted(path.name for path in built.outputs.values()) == [
        "voices-from-three-countries.epub",
        "voices-from-three-countries.pdf",
    ]
    assert f"wrote {built.outputs['epub']}" in built.result.stdout


def test_epubcheck_reports_no_error_and_no_warning(built: Built, by_date: Built) -> None:
    reports = run_epubcheck_many([built.outputs["epub"], by_date.outputs["epub"]])
    assert reports == {built.outputs["epub"]: [], by_date.outputs["epub"]: []}


def test_book_metadata_names_no_author_when_the_articles_differ(
    built: Built, epub: Epub, pdf: pymupdf.Document
) -> None:
    assert epub.metadata("title") == [TITLE]
    assert epub.metadata("creator") == []
    # Most chapters' language; a tie (one each) goes to the earliest chapter.
    assert epub.metadata("language") == ["en"]
    assert epub.metadata("date") == ["2024-05-10"]  # the latest article's
    assert epub.metadata("publisher") == ["Exporter Tests"]
    assert "the chapters have different authors" in built.result.stderr
    assert pdf.metadata["title"] == TITLE
    assert pdf.metadata["author"] == ""
    title_page = pdf[0].get_text()
    assert TITLE in title_page
    assert not any(author in title_page for _, author, _ in CHAPTERS)


def test_given_author_and_language_win_and_date_orders_the_chapters(by_date: Built) -> None:
    book = Epub.open(by_date.outputs["epub"])
    assert list(by_date.outputs) == ["epub"]
    assert by_date.outputs["epub"].name == "drei.epub"
    assert book.metadata("creator") == ["Erika Herausgeberin"]
    assert book.metadata("language") == ["de"]
    titles = [book.tree(name).find(".//h:h2", NS).text for name in book.chapter_files()]
    assert titles == [
        "Le marché du samedi matin",
        "The Last Winter at the Lighthouse",
        "Das stille Bergwerk",
    ]
    assert book.tree("contents.xhtml").find(".//h:h2", NS).text == "Inhalt"
    assert "no date in bergwerk.de.txt" in by_date.result.stderr


# --- the EPUB ------------------------------------------------------------------------------


def test_spine_has_title_page_contents_then_one_file_per_chapter(epub: Epub) -> None:
    spine = epub.spine
    after_title = spine.index("titlepage.xhtml") + 1
    assert spine[after_title : after_title + 4] == [
        "contents.xhtml",
        "text-1.xhtml",
        "text-2.xhtml",
        "text-3.xhtml",
    ]


def test_nav_lists_the_chapters_in_order_with_their_sections(epub: Epub) -> None:
    toc = epub.tree("nav.xhtml").find(".//h:nav[@epub:type='toc']/h:ol", NS)
    chapters = toc.findall("h:li", NS)
    assert [li.find("h:a", NS).text for li in chapters] == [title for title, _, _ in CHAPTERS]
    assert [li.find("h:a", NS).get("href") for li in chapters] == [
        f"text-{n}.xhtml#chapter-{n}" for n in (1, 2, 3)
    ]
    sections = [a.text for a in chapters[1].findall("h:ol/h:li/h:a", NS)]
    assert sections == ["Die Arbeit im Berg", "Ein Museum entsteht"]


def test_nav_entries_of_chapters_in_other_languages_carry_them(epub: Epub) -> None:
    tree = epub.tree("nav.xhtml")
    book_language = tree.get("lang")
    chapters = tree.findall(".//h:nav[@epub:type='toc']/h:ol/h:li", NS)
    languages = [language for _, _, language in CHAPTERS]
    assert book_language in languages
    assert any(language != book_language for language in languages)
    for entry, language in zip(chapters, languages, strict=True):
        expected = language if language != book_language else None
        assert (entry.get("lang"), entry.get(XML_LANG)) == (expected, expected)


def test_each_chapter_has_its_language_title_and_author_line(epub: Epub) -> None:
    for name, (title, author, language) in zip(epub.chapter_files(), CHAPTERS, strict=True):
        tree = epub.tree(name)
        section = tree.find(".//h:section[@epub:type='chapter']", NS)
        assert (section.get("lang"), section.get(XML_LANG)) == (language, language)
        assert tree.get("lang") == language  # the file's <title> is in it too
        assert section.find("h:h2", NS).text == title
        assert section.find("h:p[@class='chapter-author']", NS).text == author


def test_printed_contents_link_each_chapter_with_its_author(epub: Epub) -> None:
    nav = epub.tree("contents.xhtml").find(".//h:nav", NS)
    assert nav.find("h:h2", NS).text == "Contents"
    items = nav.findall("h:ol/h:li", NS)
    assert [li.find("h:a", NS).text for li in items] == [t for t, _, _ in CHAPTERS]
    assert [li.find("h:a", NS).get("href") for li in items] == [
        f"text-{n}.xhtml#chapter-{n}" for n in (1, 2, 3)
    ]
    assert [li.find("h:span", NS).text for li in items] == [a for _, a, _ in CHAPTERS]


def test_each_chapter_has_its_own_quotes(epub: Epub) -> None:
    for name, (_, _, language) in zip(epub.chapter_files(), CHAPTERS, strict=True):
        text = "".join(epub.tree(name).find("h:body", NS).itertext())
        assert QUOTES[language] in text
        assert '"' not in text


def test_notes_are_numbered_per_chapter_with_ids_unique_in_the_book(epub: Epub) -> None:
    english, _, french = (epub.tree(name) for name in epub.chapter_files())
    calls = [tree.find(".//h:a[@class='noteref']", NS) for tree in (english, french)]
    assert [call.text for call in calls] == ["1", "1"]
    targets = [call.get("href") for call in calls]
    assert len(set(targets)) == 2
    for tree, target in zip((english, french), targets, strict=True):
        assert tree.find(f".//h:aside[@id='{target[1:]}']", NS) is not None


def test_an_image_two_articles_show_is_embedded_once(epub: Epub) -> None:
    manifest = epub.package.findall("opf:manifest/opf:item", NS)
    images = [
        item.get("href")
        for item in manifest
        if item.get("media-type").startswith("image/") and item.get("properties") != "cover-image"
    ]
    assert len(images) == 1
    (image,) = images
    english, _, french = epub.chapter_files()
    for name in (english, french):
        assert epub.tree(name).find(f".//h:img[@src='{image}']", NS) is not None


def test_no_word_of_any_article_is_lost_in_the_epub(
    epub: Epub, articles: dict[str, m.Document]
) -> None:
    for name, source in zip(epub.chapter_files(), (ENGLISH, GERMAN, FRENCH), strict=True):
        body, notes = article_words(articles[source.name])
        text = words(epub.text(name))
        assert missing_in_order(body, text) == []
        assert missing_in_order(notes, text) == []


# --- the PDF ---------------------------------------------------------------------------------


def contents_entries(pdf: pymupdf.Document) -> tuple[int, dict[str, int]]:
    """The contents page's index and, for each chapter title, the page
    number printed after its dot leader."""
    index = next(n for n, page in enumerate(pdf) if page.get_text().startswith("Contents"))
    # The leader comes out as many ". " runs: drop them.
    text = " ".join(re.sub(r"(?:\.\s+)+", " ", pdf[index].get_text()).split())
    numbers = {}
    for title, _, _ in CHAPTERS:
        found = re.search(re.escape(title) + r" (\d+) ", text)
        assert found, f"{title!r} not on the contents page: {text}"
        numbers[title] = int(found.group(1))
    return index, numbers


def test_pdf_contents_page_gives_the_page_each_chapter_starts_on(pdf: pymupdf.Document) -> None:
    index, numbers = contents_entries(pdf)
    assert index == 1  # right after the title page
    for title, printed in numbers.items():
        opening = next(n for n in range(index + 1, pdf.page_count) if pdf[n].search_for(title))
        assert printed == opening + 1, title  # folios are the viewer's page numbers
    assert list(numbers.values()) == sorted(set(numbers.values()))
    assert list(numbers.values())[-1] < pdf.page_count


def test_pdf_contents_page_keeps_its_folio_but_no_running_head(pdf: pymupdf.Document) -> None:
    index, _ = contents_entries(pdf)
    text = pdf[index].get_text()
    assert TITLE not in text
    assert text.split()[-1] == str(index + 1)
    assert TITLE in pdf[index + 2].get_text()  # the next verso has it again


def test_pdf_chapter_openings_have_no_running_head(pdf: pymupdf.Document) -> None:
    _, numbers = contents_entries(pdf)
    for title, opening in numbers.items():
        text = pdf[opening - 1].get_text()
        assert TITLE not in text
        assert text.count(title) == 1, title  # the heading, not a running head too
        assert text.split()[-1] == str(opening)  # the folio stays
    versos = [n for n in range(4, pdf.page_count + 1, 2) if n not in numbers.values()]
    assert versos
    assert all(TITLE in pdf[n - 1].get_text() for n in versos)  # other pages keep theirs


def test_pdf_chapters_open_with_title_and_author_line(pdf: pymupdf.Document) -> None:
    _, numbers = contents_entries(pdf)
    for title, author, _ in CHAPTERS:
        page = pdf[numbers[title] - 1]
        lines = [line for line in page.get_text().splitlines() if line.strip()]
        at = lines.index(title)
        assert lines[at + 1] == author
        (title_box,) = page.search_for(title)[-1:]
        (author_box,) = page.search_for(author)[:1]
        assert author_box.y0 > title_box.y1  # below the title, not in a running head


def test_pdf_bookmarks_list_the_chapters_under_the_book(pdf: pymupdf.Document) -> None:
    toc = pdf.get_toc()
    assert toc[0] == [1, TITLE, 1]
    chapters = [(title, page) for level, title, page in toc if level == 2 and title != "Contents"]
    _, numbers = contents_entries(pdf)
    assert chapters == list(numbers.items())


def test_pdf_sets_each_chapter_in_its_own_quotes(pdf: pymupdf.Document) -> None:
    text = " ".join("".join(page.get_text() for page in pdf).split(" "))
    flat = re.sub(r"\s*\n\s*", " ", text)
    for quote in QUOTES.values():
        assert quote.replace(NNBSP, " ") in flat.replace(NNBSP, " ")


def test_no_word_of_any_article_is_lost_in_the_pdf(
    pdf: pymupdf.Document, articles: dict[str, m.Document]
) -> None:
    text = words("".join(page.get_text() for page in pdf))
    for source in (ENGLISH, GERMAN, FRENCH):
        body, notes = article_words(articles[source.name])
        assert missing_in_order(body, text) == [], source.name
        assert missing_in_order(notes, text) == [], source.name


def article_words(document: m.Document) -> tuple[list[str], list[str]]:
    """The words of an article's title, author line and text, and those of
    its notes (which both outputs place apart from the text)."""
    body = words(document.metadata.title + " " + " ".join(document.metadata.authors))
    notes: list[str] = []
    for block in document.blocks:
        match block:
            case m.Heading(_, children) | m.Paragraph(children):
                body.extend(words(m.plain_text(children)))
            case m.FootnoteDef(_, inner):
                for paragraph in inner:
                    notes.extend(words(m.plain_text(paragraph.children)))
    assert len(body) > 300  # the articles are real articles
    return body, notes


# --- order, metadata and the book file (no rendering) --------------------------------------


@pytest.fixture(scope="module")
def read_articles(articles: dict[str, m.Document]) -> list[Article]:
    """The articles as build_book holds them, in book.toml's order."""
    return [Article(ChapterInput(path), articles[path.name]) for path in (ENGLISH, GERMAN, FRENCH)]


def names(ordered: list[Article]) -> list[str]:
    return [article.input.path.name for article in ordered]


def test_order_given_keeps_the_users_order(read_articles: list[Article]) -> None:
    ordered, notes = anthology.order_articles(read_articles, "given")
    assert names(ordered) == ["lighthouse.en.md", "bergwerk.de.txt", "marche.fr.md"]
    assert notes == ()


def test_order_name_sorts_by_file_name(read_articles: list[Article]) -> None:
    ordered, _ = anthology.order_articles(read_articles, "name")
    assert names(ordered) == ["bergwerk.de.txt", "lighthouse.en.md", "marche.fr.md"]


def test_order_date_puts_the_oldest_first_and_the_undated_last(
    read_articles: list[Article],
) -> None:
    ordered, notes = anthology.order_articles(read_articles, "date")
    assert names(ordered) == ["marche.fr.md", "lighthouse.en.md", "bergwerk.de.txt"]
    assert [note.code for note in notes] == ["book.undated"]


def test_names_sort_numbers_by_value() -> None:
    files = ["10-z.md", "2-b.md", "2-a.md", "Intro.md", "1.md"]
    assert sorted(files, key=anthology.natural_key) == [
        "1.md",
        "2-a.md",
        "2-b.md",
        "10-z.md",
        "Intro.md",
    ]


@pytest.mark.parametrize(
    ("date", "key"),
    [
        ("2024-05-10", (2024, 5, 10)),
        ("2024-05-10T08:00:00+02:00", (2024, 5, 10)),
        ("2024-05", (2024, 5, 0)),
        ("2024", (2024, 0, 0)),
        ("10. Mai 2024", None),
        ("", None),
    ],
)
def test_date_key_reads_iso_dates_only(date: str, key: tuple[int, int, int] | None) -> None:
    assert anthology.date_key(date) == key


def test_chapter_overrides_and_shared_authors_make_the_book_author() -> None:
    same = ("Paula Gleich",)
    outcome = anthology.build_book(
        [
            ChapterInput(GERMAN, title="Unter Tage", authors=same),
            ChapterInput(ENGLISH, authors=same, language="en-GB"),
        ],
        book_metadata=m.Metadata(title="Ein Buch"),
    )
    book = outcome.document
    first, second = book.blocks
    assert isinstance(first, m.Chapter) and isinstance(second, m.Chapter)
    assert first.metadata.title == "Unter Tage"
    assert second.metadata.language == "en-GB"
    assert book.metadata.authors == same  # every chapter names the same author
    assert "book.authors" not in [d.code for d in outcome.diagnostics]
    assert book.metadata.identifier.startswith("urn:uuid:")
    # No modification time of its own in a chapter: the book has one.
    assert first.metadata.modified == ""
    assert book.metadata.modified == max(
        api.read(path).document.metadata.modified for path in (GERMAN, ENGLISH)
    )


def test_a_book_needs_a_title_before_anything_is_read() -> None:
    with pytest.raises(OptionError, match="a book needs a title"):
        anthology.build_book([FIXTURES / "missing.txt"])


def test_an_article_listed_twice_is_refused() -> None:
    with pytest.raises(InputError, match="listed twice"):
        anthology.expand_inputs([GERMAN, FIXTURES / "." / GERMAN.name])


def test_images_with_one_name_but_different_bytes_are_both_kept() -> None:
    book = [m.Resource("a.png", "image/png", b"one")]
    renamed = anthology.merge_resources(
        book,
        [
            m.Resource("a.png", "image/png", b"one"),  # the same image: kept once
            m.Resource("a.png", "image/png", b"two"),
        ],
    )
    assert renamed == {"a.png": "a-2.png"}
    assert [(r.name, r.data) for r in book] == [("a.png", b"one"), ("a-2.png", b"two")]
    figure = m.Figure("a.png", "alt")
    assert anthology.rename_figures((m.BlockQuote((figure,)),), renamed) == (
        m.BlockQuote((m.Figure("a-2.png", "alt"),)),
    )


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Voices from Three Countries", "voices-from-three-countries"),
        ("Straßen & Plätze: Europa 2024", "strassen-platze-europa-2024"),
        ("Россия", "book"),
    ],
)
def test_output_stem(title: str, stem: str) -> None:
    assert anthology.output_stem(title) == stem


def test_book_file_in_yaml_reads_as_the_toml_does(tmp_path: Path) -> None:
    yaml_file = tmp_path / "book.yaml"
    yaml_file.write_text(
        "book:\n  title: Voices from Three Countries\n  publisher: Exporter Tests\n"
        "chapter:\n  - file: lighthouse.en.md\n  - file: bergwerk.de.txt\n"
        "  - file: marche.fr.md\n",
        encoding="utf-8",
    )
    from_toml = anthology.load_book_file(BOOK_FILE)
    from_yaml = anthology.load_book_file(yaml_file)
    assert from_yaml.metadata == from_toml.metadata
    assert [c.path.name for c in from_yaml.chapters] == [c.path.name for c in from_toml.chapters]
    assert from_toml.chapters[0].path == ENGLISH  # relative to the book file
    assert from_toml.folder == FIXTURES


def test_book_file_chapter_keys_and_book_keys(tmp_path: Path) -> None:
    toml = tmp_path / "book.toml"
    toml.write_text(
        '[book]\ntitle = "T"\nauthors = ["A", "B"]\nlang = "de"\norder = "name"\n'
        'date = 2024-01-02\nname = "out"\ncover = "c.png"\n'
        '[[chapter]]\nfile = "x.md"\ntitle = "X"\nauthor = "C"\nlang = "fr"\n',
        encoding="utf-8",
    )
    spec = anthology.load_book_file(toml)
    assert spec.metadata == m.Metadata(
        title="T", authors=("A", "B"), language="de", date="2024-01-02"
    )
    assert (spec.order, spec.name, spec.cover) == ("name", "out", tmp_path / "c.png")
    assert spec.chapters == (ChapterInput(tmp_path / "x.md", "X", ("C",), "fr"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[book]\ntitel = "T"\n', "unknown key 'titel' in [book]"),
        ('[book]\ntitle = "T"\n[[chapter]]\nfile = "a.md"\npages = 3\n', "unknown key 'pages'"),
        ('[book]\ntitle = "T"\norder = "random"\n', "unknown chapter order 'random'"),
        ('[book]\ntitle = "T"\n[[chapter]]\ntitle = "no file"\n', "needs a file"),
        ("[book\n", "not valid TOML"),
    ],
)
def test_a_bad_book_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    toml = tmp_path / "book.toml"
    toml.write_text(text, encoding="utf-8")
    result = invoke("book", toml)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("exporter: error: ")
    assert message in lines[0]


def test_a_yaml_book_file_whose_aliases_expand_to_billions_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    book = tmp_path / "book.yaml"
    book.write_text("\n".join([*lines, "book: {title: *a8}"]) + "\n", encoding="utf-8")
    result = invoke("book", book)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"exporter: error: {book}: refused: its YAML stands for more than 10,000 values once"
        " its aliases are expanded (the limit)"
    )


def test_cli_refuses_a_book_without_title_and_a_book_file_with_articles() -> None:
    result = invoke("book", GERMAN, ENGLISH)
    assert result.exit_code == 2
    assert "a book needs a title" in result.stderr
    result = invoke("book", BOOK_FILE, GERMAN)
    assert result.exit_code == 2
    assert "either one book file" in result.stderr


def test_an_output_name_with_a_folder_is_refused_before_any_work() -> None:
    with pytest.raises(OptionError, match="must be a file name"):
        anthology.export_book([FIXTURES / "missing.txt"], name="../elsewhere")
