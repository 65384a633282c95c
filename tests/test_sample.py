"""The first real input, end to end: what a user checks in the EPUB and the PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from support.epubcheck import run_epubcheck
from support.words import missing_in_order, words

from exporter.api import ExportResult

HEADINGS = [
    "Ein geheimes Bündnis wird sichtbar",
    "Heldenstatus",
    "Die russische Bestätigung – und was dahintersteckt",
    "Eine neue Eskalationsstufe",
    "Kiews Position – und das große Schweigen",
    "Eine Welt im Umbruch",
]
TITLE = "Die Welt ist einmal mehr aufgeschreckt"
AUTHOR = "Catherine H."
BYLINE = "Autor: Catherine H."
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def body_words(sample_path: Path) -> list[str]:
    text = sample_path.read_text(encoding="utf-8")
    assert text.rstrip().endswith(BYLINE)
    return words(text.rstrip().removesuffix(BYLINE))


class Epub:
    """An EPUB opened as its parts: the package document and the XHTML of the
    spine's reading order (``linear="no"`` items left out); ``body`` is the
    text after the cover and title page (marked ``bodymatter``)."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        base = self.opf_path.rpartition("/")[0]
        manifest = {
            item.get("id"): item.get("href") for item in self.opf.iterfind(".//opf:item", OPF)
        }
        self.spine = [
            etree.fromstring(self.zip.read(f"{base}/{manifest[ref.get('idref')]}".lstrip("/")))
            for ref in self.opf.iterfind(".//opf:itemref", OPF)
            if ref.get("linear") != "no"
        ]
        self.body = [
            document
            for document in self.spine
            if "bodymatter" in document.find(f"{XHTML}body").get(EPUB_TYPE, "").split()
        ]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f".//dc:{name}", OPF)]


@pytest.fixture(scope="module")
def epub(sample_epub: Path) -> Epub:
    return Epub(sample_epub)


@pytest.fixture(scope="module")
def pdf(sample_pdf: Path) -> pymupdf.Document:
    return pymupdf.open(sample_pdf)


def test_writes_both_outputs_named_after_the_input(sample_export: ExportResult) -> None:
    assert sorted(p.name for p in sample_export.outputs) == [
        "nordkorea-kursk.de.epub",
        "nordkorea-kursk.de.pdf",
    ]


# --- EPUB ------------------------------------------------------------------


def test_epub_passes_epubcheck_without_errors_or_warnings(sample_epub: Path) -> None:
    assert run_epubcheck(sample_epub) == []


def test_epub_body_has_exactly_the_six_headings_in_order(epub: Epub) -> None:
    body = epub.body
    assert body
    headings = [
        "".join(h.itertext())
        for document in body
        for h in document.iter(*(f"{XHTML}h{n}" for n in range(1, 7)))
    ]
    assert headings == HEADINGS
    assert all(h.tag == f"{XHTML}h2" for d in body for h in d.iter(f"{XHTML}h2", f"{XHTML}h3"))


def test_epub_page_break_paragraph_is_one_paragraph(epub: Epub) -> None:
    paragraphs = ["".join(p.itertext()) for d in epub.spine for p in d.iter(f"{XHTML}p")]
    joined = [p for p in paragraphs if "Diese Entwicklung dürfte Kiew in seiner Forderung" in p]
    assert len(joined) == 1
    assert joined[0].startswith("Die ukrainische Führung")
    assert joined[0].endswith("die sich gegen die Ukraine formiere.")


def test_epub_byline_left_the_body_and_became_the_creator(epub: Epub) -> None:
    body_text = " ".join("".join(d.itertext()) for d in epub.body)
    assert "Autor:" not in body_text
    assert epub.dc("creator") == [AUTHOR]


def test_epub_metadata(epub: Epub) -> None:
    assert epub.dc("language") == ["de"]
    assert epub.dc("title")[0] == TITLE
    assert epub.dc("identifier")[0].startswith("urn:uuid:")
    for document in epub.spine:
        assert document.get("lang") == "de"
        assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"


def test_epub_cover_then_title_page_with_title_and_author_come_first(epub: Epub) -> None:
    assert epub.spine[0].find(f".//{XHTML}img[@role='doc-cover']") is not None
    title_page = "".join(epub.spine[1].find(f"{XHTML}body").itertext())
    assert TITLE in title_page
    assert AUTHOR in title_page
    assert "Nordkorea hat am Montag" not in title_page


def test_epub_opens_in_mupdf_with_every_body_word_in_order(
    sample_epub: Path, body_words: list[str]
) -> None:
    with pymupdf.open(sample_epub) as book:
        text = "\n".join(page.get_text() for page in book)
    assert missing_in_order(body_words, words(text)) == []


def test_same_input_gives_a_byte_identical_epub(
    sample_path: Path, sample_epub: Path, tmp_path: Path
) -> None:
    import exporter

    again = exporter.export(
        sample_path, out_dir=tmp_path, options=exporter.Options(formats=("epub",))
    )
    assert again.outputs[0].read_bytes() == sample_epub.read_bytes()


# --- PDF -------------------------------------------------------------------


def test_pdf_first_page_is_the_title_page(pdf: pymupdf.Document) -> None:
    first = pdf[0].get_text()
    assert TITLE in " ".join(first.split())
    assert AUTHOR in first
    assert not set(words(first)) & {"Nordkorea", "Montag", "Pjöngjang", "Soldaten"}


def test_pdf_outline_lists_the_six_headings(pdf: pymupdf.Document) -> None:
    titles = [title for _level, title, _page in pdf.get_toc()]
    assert [t for t in titles if t in HEADINGS] == HEADINGS
    assert set(titles) <= {*HEADINGS, TITLE}


def test_pdf_fonts_are_embedded_and_the_body_is_literata(pdf: pymupdf.Document) -> None:
    fonts = {font for page in pdf for font in page.get_fonts(full=True)}
    assert fonts
    for _xref, ext, _type, basefont, *_ in fonts:
        assert ext != "n/a", f"{basefont} is not embedded"
        assert "Literata" in basefont, f"{basefont} is a fallback face"


def test_pdf_metadata(pdf: pymupdf.Document) -> None:
    assert pdf.metadata["title"] == TITLE
    assert pdf.metadata["author"] == AUTHOR
    assert pdf.xref_get_key(pdf.pdf_catalog(), "Lang") == ("string", "de")


def test_pdf_text_holds_every_body_word_in_order(
    pdf: pymupdf.Document, body_words: list[str]
) -> None:
    text = "\n".join(page.get_text() for page in pdf[1:])
    assert missing_in_order(body_words, words(text)) == []
