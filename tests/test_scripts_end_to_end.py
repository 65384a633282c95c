"""Every script prints: one article each in ten languages and eight scripts
(tests/fixtures/scripts/), exported once, read back from the PDF and the EPUB
as a reader and a checker would.

The PDF is read for missing glyphs with ``exporter check``'s own reader of
``.notdef`` boxes, for its fonts (all embedded, the script's face among them)
and for its text. The EPUB goes through EPUBCheck and MuPDF's reader engine.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from html import unescape
from pathlib import Path

import numpy as np
import pymupdf
import pytest
import uharfbuzz as hb
from PIL import Image
from support.epubcheck import run_epubcheck_many

import exporter
from exporter import cover_images, fonts
from exporter.check.pdf import missing_glyphs
from exporter.scripts import language_script

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scripts"

#: Each article's script, and the face the PDF must set it in (as WeasyPrint
#: names the embedded font: the family with hyphens for spaces).
ARTICLES: dict[str, tuple[str, str]] = {
    "zh-Hans": ("Hans", "Noto-Serif-CJK-SC"),
    "zh-Hant": ("Hant", "Noto-Serif-CJK-TC"),
    "ja": ("Jpan", "Noto-Serif-CJK-JP"),
    "ko": ("Kore", "Noto-Serif-CJK-KR"),
    "ar": ("Arab", "Noto-Sans-Arabic"),
    "he": ("Hebr", "Frank-Ruhl-Libre"),
    "hi": ("Deva", "Noto-Sans-Devanagari"),
    "th": ("Thai", "Noto-Sans-Thai"),
    "ru": ("", "Literata"),
    "el": ("", "Literata"),
}
#: Scripts whose PDF text MuPDF cannot read back in order: WeasyPrint maps
#: shaped glyphs (Arabic joining forms, Devanagari reordered vowel signs,
#: Thai stacked marks such as ้ำ, right-to-left runs) to text by glyph, not
#: by the logical string, and writes no ActualText. Their glyphs are
#: checked; their words in the EPUB.
UNREADABLE_PDF_TEXT = {"ar", "he", "hi", "th"}
#: MuPDF's EPUB engine breaks Thai lines between any two characters and
#: loses characters where it does; the words are checked in the XHTML.
UNREADABLE_EPUB_LAYOUT = {"th"}


def letters(text: str) -> str:
    """The letters, digits and marks of ``text``, without spaces, punctuation
    or line-end hyphens: what must reach the reader, whatever the line breaks."""
    text = re.sub(r"[\u00ad\u2010-]\s*\n\s*", "", text)
    return "".join(c for c in text if unicodedata.category(c)[0] in "LMN")


def missing_in_order(expected: str, actual: str) -> int:
    """How many characters of ``expected`` are not found in order in ``actual``."""
    position = missing = 0
    for character in expected:
        found = actual.find(character, position)
        if found < 0:
            missing += 1
        else:
            position = found + 1
    return missing


def body_letters(key: str) -> str:
    """The article without its title and byline lines: the paragraphs and
    the heading, which must reach both outputs in order."""
    lines = [line for line in (FIXTURES / f"{key}.txt").read_text("utf-8").splitlines()]
    content = [line for line in lines if line.strip()]
    return letters("\n".join(content[2:]))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("scripts")
    results = {}
    for key in ARTICLES:
        result = exporter.export(FIXTURES / f"{key}.txt", out_dir=out)
        results[key] = {path.suffix[1:]: path for path in result.outputs}
    return results


def test_every_epub_passes_epubcheck(exported: dict[str, dict[str, Path]]) -> None:
    reports = run_epubcheck_many(outputs["epub"] for outputs in exported.values())
    assert {path.name: messages for path, messages in reports.items() if messages} == {}


@pytest.mark.parametrize("key", ARTICLES)
def test_the_pdf_has_a_glyph_for_every_character(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    with pymupdf.open(exported[key]["pdf"]) as pdf:
        assert missing_glyphs(pdf) is None


@pytest.mark.parametrize("key", ARTICLES)
def test_the_pdf_embeds_the_scripts_face_and_only_embedded_faces(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    _, face = ARTICLES[key]
    with pymupdf.open(exported[key]["pdf"]) as pdf:
        fonts = {font for page in pdf for font in page.get_fonts(full=True)}
    names = {name.partition("+")[2] for *_, name, _, _, _ in fonts}
    assert all(extension != "n/a" for _, extension, *_ in fonts)
    assert any(name == face or name.startswith(face + "-") for name in names), names


@pytest.mark.parametrize("key", sorted(set(ARTICLES) - UNREADABLE_PDF_TEXT))
def test_the_pdf_text_is_the_article_in_order(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    with pymupdf.open(exported[key]["pdf"]) as pdf:
        text = letters("\n".join(page.get_text() for page in pdf))
    assert missing_in_order(body_letters(key), text) == 0


@pytest.mark.parametrize("key", ARTICLES)
def test_the_epub_text_is_the_article_in_order(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    path = exported[key]["epub"]
    if key in UNREADABLE_EPUB_LAYOUT:
        with zipfile.ZipFile(path) as book:
            markup = book.read("EPUB/text.xhtml").decode("utf-8")
        text = letters(re.sub(r"<[^>]+>", "\n", markup))
    else:
        with pymupdf.open(path) as book:
            text = letters("\n".join(page.get_text() for page in book))
    assert missing_in_order(body_letters(key), text) == 0


@pytest.mark.parametrize("key", ARTICLES)
def test_both_outputs_carry_the_language_of_the_script(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    script, _ = ARTICLES[key]
    with pymupdf.open(exported[key]["pdf"]) as pdf:
        kind, pdf_language = pdf.xref_get_key(pdf.pdf_catalog(), "Lang")
    with zipfile.ZipFile(exported[key]["epub"]) as book:
        opf = book.read("EPUB/content.opf").decode("utf-8")
    epub_language = re.search(r"<dc:language>([^<]+)</dc:language>", opf)[1]
    assert kind == "string" and pdf_language == epub_language
    assert language_script(epub_language) == script
    assert epub_language.split("-")[0] == key.split("-")[0]


@pytest.mark.parametrize("key", ARTICLES)
def test_the_epub_carries_its_faces_cut_to_the_book(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    """The script's face is embedded, named by the stylesheet, and cut to
    the characters the book uses: a CJK article's EPUB stays well under a
    megabyte (a whole Noto CJK face is over 20 MB)."""
    _, face = ARTICLES[key]
    family = face.replace("-", " ")
    path = exported[key]["epub"]
    with zipfile.ZipFile(path) as book:
        fonts = {
            info.filename: info.file_size for info in book.infolist() if "/fonts/" in info.filename
        }
        sheet = book.read("EPUB/style.css").decode("utf-8")
    slug = family.lower().replace(" ", "-")
    assert any(f"/fonts/{slug}-" in name for name in fonts), fonts
    assert f'font-family: "{family}"' in sheet
    assert max(fonts.values()) < 400_000
    assert path.stat().st_size < 1_000_000


@pytest.mark.parametrize("key", ARTICLES)
def test_the_direction_is_the_scripts_in_both_outputs(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    """Arabic and Hebrew read from the right: every document of the EPUB
    says so, and its spine turns pages that way; the others say nothing."""
    right_to_left = key in {"ar", "he"}
    with zipfile.ZipFile(exported[key]["epub"]) as book:
        documents = [name for name in book.namelist() if name.endswith(".xhtml")]
        roots = [
            re.search(r"<html\b[^>]*>", book.read(name).decode("utf-8"))[0] for name in documents
        ]
        opf = book.read("EPUB/content.opf").decode("utf-8")
    spine = re.search(r"<spine\b[^>]*>", opf)[0]
    if right_to_left:
        assert all('dir="rtl"' in root for root in roots), roots
        assert 'page-progression-direction="rtl"' in spine
    else:
        assert not any("dir=" in root for root in roots)
        assert "page-progression-direction" not in spine


@pytest.mark.parametrize("key", ARTICLES)
def test_the_cover_draws_the_title(exported: dict[str, dict[str, Path]], key: str) -> None:
    """The EPUB's cover differs from one drawn with an empty title where the
    title stands, and the face each line is drawn in has every character of
    it (no empty boxes)."""
    with zipfile.ZipFile(exported[key]["epub"]) as book:
        opf = book.read("EPUB/content.opf").decode("utf-8")
        cover = np.asarray(Image.open(io.BytesIO(book.read("EPUB/images/cover.png"))))
    title = unescape(re.search(r"<dc:title[^>]*>([^<]+)</dc:title>", opf)[1])
    author = unescape(re.search(r"<dc:creator[^>]*>([^<]+)</dc:creator>", opf)[1])
    language = re.search(r"<dc:language>([^<]+)</dc:language>", opf)[1]
    layout = cover_images.cover_layout(title, author, "book", language)
    for line in (*layout.title, *layout.author):
        drawn = set(hb.Face(hb.Blob.from_file_path(line.font)).unicodes)
        assert fonts.needed_characters(line.text) <= drawn, line
    empty = np.asarray(
        Image.open(io.BytesIO(cover_images.draw_cover("", author, "book", language)))
    )
    top = layout.title[0].baseline - layout.title[0].size
    bottom = layout.title[-1].baseline
    assert (cover[top:bottom] != empty[top:bottom]).sum() > 20_000


@pytest.mark.parametrize("key", ARTICLES)
def test_the_pdf_sets_headings_from_the_scripts_side(
    exported: dict[str, dict[str, Path]], key: str
) -> None:
    """The subheading (bold, larger) stands flush with the side the script
    starts from: right in Arabic and Hebrew, left in the others."""
    with pymupdf.open(exported[key]["pdf"]) as pdf:
        lines = [
            (line, span)
            for page in pdf
            for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", ())
            for span in line["spans"][:1]
            if page.number > 0
        ]
    body_size = max(
        {span["size"] for _, span in lines},
        key=lambda size: sum(1 for _, span in lines if span["size"] == size),
    )
    body = [line["bbox"] for line, span in lines if span["size"] == body_size]
    heading = next(
        line["bbox"] for line, span in lines if "-Bol" in span["font"] and span["size"] > body_size
    )
    left, right = min(box[0] for box in body), max(box[2] for box in body)
    if key in {"ar", "he"}:
        assert abs(heading[2] - right) < 2 and heading[0] > left + 20
    else:
        assert abs(heading[0] - left) < 2 and heading[2] < right - 20
