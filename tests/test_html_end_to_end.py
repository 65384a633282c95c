"""Saved news pages, end to end: the whole article in the EPUB and the PDF,
none of the site's chrome, the right metadata, and nothing read or fetched
that the page only points at."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from PIL import Image
from readers.test_html_reader import (
    ENGLISH_CHROME_WORDS,
    ENGLISH_PARAGRAPHS,
    GERMAN_CHROME_WORDS,
    GERMAN_PARAGRAPHS,
)
from support.epubcheck import run_epubcheck_many
from support.guards import guard_reads
from support.words import missing_in_order, words

import exporter

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}

PAGES = {
    "de": (
        "schlei-faehre.de.html",
        GERMAN_PARAGRAPHS,
        GERMAN_CHROME_WORDS,
        {
            "title": "Fährverkehr an der Schlei: Die letzte Überfahrt",
            "creator": "Maria Muster",
            "language": "de",
            "date": "2024-10-30",
        },
    ),
    "en": (
        "night-trains.en.html",
        ENGLISH_PARAGRAPHS,
        ENGLISH_CHROME_WORDS,
        {
            "title": "The quiet return of the night train",
            "creator": "Priya Raman",
            "language": "en-GB",
            "date": "2024-03-14",
        },
    ),
}

GUARDED_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Pictures</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Pictures from nowhere</h1>
<p>The first paragraph of the picture story is long enough to be the article text.</p>
<figure><img src="file:///etc/passwd" alt="passwd"><figcaption>A caption</figcaption></figure>
<p><img src="../secret.png" alt="secret"> The second paragraph keeps its words.</p>
<img src="https://tracker.example.com/photo.jpg" alt="remote">
<p>The third paragraph closes the story without any picture at all.</p>
</article></body></html>"""


def epub_text(path: Path) -> str:
    with pymupdf.open(path) as book:
        return "\n".join(page.get_text() for page in book)


def pdf_text(path: Path) -> str:
    with pymupdf.open(path) as pdf:
        return "\n".join(page.get_text() for page in pdf)


def opf(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as book:
        name = next(n for n in book.namelist() if n.endswith(".opf"))
        return etree.fromstring(book.read(name))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("pages")
    results = {}
    for key, (name, *_rest) in PAGES.items():
        result = exporter.export(FIXTURES / name, out_dir=out)
        results[key] = {path.suffix[1:]: path for path in result.outputs}
    return results


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], list[str]]:
    """The page with outside and remote images, exported while any read of
    them and any network connection fails the test."""
    root = tmp_path_factory.mktemp("guarded")
    site = root / "site"
    site.mkdir()
    secret = root / "secret.png"
    Image.new("RGB", (4, 4), (200, 0, 0)).save(secret)
    page = site / "pictures.html"
    page.write_text(GUARDED_PAGE, encoding="utf-8")
    forbidden = {secret.resolve(), Path("/etc/passwd")}
    # The writers read our fonts and styles, wherever they are installed:
    # only the files the page points at are off limits.
    with pytest.MonkeyPatch.context() as patch:
        guard_reads(patch, lambda path: path not in forbidden)
        result = exporter.export(page, out_dir=root / "out")
    warnings = [d.message for d in result.diagnostics if d.level == "warning"]
    return {path.suffix[1:]: path for path in result.outputs}, warnings


def test_every_epub_passes_epubcheck(
    exported: dict[str, dict[str, Path]], guarded: tuple[dict[str, Path], list[str]]
) -> None:
    books = [outputs["epub"] for outputs in exported.values()] + [guarded[0]["epub"]]
    reports = run_epubcheck_many(books)
    assert {path.name: messages for path, messages in reports.items() if messages} == {}


@pytest.mark.parametrize("key", PAGES)
@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_whole_article_in_order(exported: dict[str, dict[str, Path]], key: str, fmt: str) -> None:
    _name, paragraphs, _chrome, _meta = PAGES[key]
    path = exported[key][fmt]
    text = epub_text(path) if fmt == "epub" else pdf_text(path)
    assert missing_in_order(words("\n".join(paragraphs)), words(text)) == []


@pytest.mark.parametrize("key", PAGES)
@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_no_word_of_the_chrome(exported: dict[str, dict[str, Path]], key: str, fmt: str) -> None:
    _name, _paragraphs, chrome, _meta = PAGES[key]
    path = exported[key][fmt]
    text = " ".join((epub_text(path) if fmt == "epub" else pdf_text(path)).split())
    assert [word for word in chrome if word in text] == []


@pytest.mark.parametrize("key", PAGES)
def test_metadata_in_both_outputs(exported: dict[str, dict[str, Path]], key: str) -> None:
    _name, _paragraphs, _chrome, meta = PAGES[key]
    package = opf(exported[key]["epub"])
    found = {name: package.findtext(f".//dc:{name}", namespaces=OPF) for name in meta}
    assert found == meta
    with pymupdf.open(exported[key]["pdf"]) as pdf:
        assert pdf.metadata["title"] == meta["title"]
        assert pdf.metadata["author"].startswith(meta["creator"])
        assert pdf.xref_get_key(pdf.pdf_catalog(), "Lang") == ("string", meta["language"])


def test_outside_and_remote_images_stay_out_with_one_warning(
    guarded: tuple[dict[str, Path], list[str]],
) -> None:
    outputs, warnings = guarded
    (warning,) = warnings
    for src in ("file:///etc/passwd", "../secret.png", "https://tracker.example.com/photo.jpg"):
        assert src in warning
    with zipfile.ZipFile(outputs["epub"]) as book:
        images = [n for n in book.namelist() if n.rsplit(".", 1)[-1] in ("png", "jpg", "jpeg")]
    assert all("cover" in name for name in images), images
    with pymupdf.open(outputs["pdf"]) as pdf:
        assert [image for page in pdf for image in page.get_images()] == []
        text = " ".join(page.get_text() for page in pdf)
    assert "The second paragraph keeps its words." in " ".join(text.split())
