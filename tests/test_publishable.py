"""Issue 5, "Publishable as it comes out", for the EPUB: what a shop, a
library app and a screen reader's user get from every book we make.

The sample and every test input are exported once; user covers go through
the command line as a user gives them. EPUBCheck checks all of these books
in one run (one JVM); the rest of ``exporter check`` (accessibility
metadata, cover, navigation, languages) runs on each without Java.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from lxml import etree
from PIL import Image
from support.epubcheck import run_epubcheck_many
from typer.testing import CliRunner

import exporter
from exporter.check.epub import check_epub
from exporter.check.report import Severity
from exporter.cli import app
from exporter.options import Options
from exporter.writers.accessibility import BASE_FEATURES, CONFORMANCE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
#: Every article the tests read: the plain text, Markdown and HTML inputs and
#: the typography fixtures (25 languages, Greek and Cyrillic among them).
INPUTS = sorted(
    str(path.relative_to(FIXTURES))
    for pattern in ("text/*.txt", "markdown/*.md", "html/*.html", "typography/*.md")
    for path in FIXTURES.glob(pattern)
)
USER_COVERS = ["png", "jpeg", "huge"]
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "h": "http://www.w3.org/1999/xhtml",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}

runner = CliRunner()

UNDESCRIBED_MARKDOWN = """---
title: Eine Karte ohne Beschreibung
author: Anna Beispiel
lang: de
---

Ein Absatz vor dem Bild, lang genug, um ein ganzer Satz zu sein.

![](karte.png)

Ein Absatz nach dem Bild beschließt den kurzen Text.
"""


def picture(path: Path, size: tuple[int, int], kind: str) -> Path:
    """A photo-like picture (a gradient) saved as ``kind``."""
    width, height = size
    red = np.broadcast_to(np.linspace(0, 255, width, dtype=np.uint8), (height, width))
    green = np.broadcast_to(np.linspace(255, 0, height, dtype=np.uint8)[:, None], (height, width))
    blue = np.full((height, width), 120, dtype=np.uint8)
    Image.fromarray(np.dstack([red, green, blue]), "RGB").save(path, format=kind)
    return path


class Package:
    """An EPUB's package document and files, as a reading system sees them."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        opf_path = container.find(".//c:rootfile", NS).get("full-path")
        self.base = opf_path.rpartition("/")[0]
        self.opf = etree.fromstring(self.zip.read(opf_path))
        self.items = {i.get("id"): i for i in self.opf.iterfind("opf:manifest/opf:item", NS)}
        self.spine = [
            self.items[ref.get("idref")]
            for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)
            if ref.get("linear") != "no"
        ]

    def read(self, item: etree._Element) -> bytes:
        return self.zip.read(f"{self.base}/{item.get('href')}")

    def values(self, prop: str) -> list[str]:
        return [
            meta.text
            for meta in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)
        ]

    @property
    def cover_image(self) -> etree._Element:
        (item,) = [i for i in self.items.values() if "cover-image" in i.get("properties", "")]
        return item


@dataclass(frozen=True)
class Run:
    """One command line run: what it said and what it left in its folder."""

    exit_code: int
    stdout: str
    stderr: str
    outputs: tuple[Path, ...]


def run_cli(out: Path, *args: str) -> Run:
    out.mkdir(parents=True, exist_ok=True)
    result = runner.invoke(app, list(args))
    return Run(
        result.exit_code,
        result.stdout,
        result.stderr,
        tuple(sorted(p for p in out.rglob("*") if p.is_file())),
    )


# --- the books ------------------------------------------------------------------


@pytest.fixture(scope="module")
def input_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test input as an EPUB (folders apart: two inputs share a stem)."""
    out = tmp_path_factory.mktemp("inputs")
    books = {}
    for name in INPUTS:
        result = exporter.export(
            FIXTURES / name,
            out_dir=out / name.replace("/", "-"),
            options=Options(formats=("epub",)),
        )
        (books[name],) = result.outputs
    return books


@pytest.fixture(scope="module")
def covers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("covers")
    return {
        "png": picture(folder / "user.png", (800, 1280), "PNG"),
        "jpeg": picture(folder / "photo.jpg", (1000, 1500), "JPEG"),
        "huge": picture(folder / "huge.png", (3000, 4800), "PNG"),
    }


@pytest.fixture(scope="module")
def cover_runs(
    tmp_path_factory: pytest.TempPathFactory, sample_path: Path, covers: dict[str, Path]
) -> dict[str, Run]:
    """The sample exported with each user cover, through the command line."""
    out = tmp_path_factory.mktemp("cover-runs")
    return {
        name: run_cli(
            out / name,
            *("export", str(sample_path), "--format", "epub", "--out", str(out / name)),
            *("--cover", str(image)),
        )
        for name, image in covers.items()
    }


@pytest.fixture(scope="module")
def undescribed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Run]:
    """A Markdown article with an image without alt text: exported and inspected."""
    folder = tmp_path_factory.mktemp("undescribed")
    shutil.copy(FIXTURES / "markdown" / "karte.png", folder / "karte.png")
    source = folder / "karte.md"
    source.write_text(UNDESCRIBED_MARKDOWN, encoding="utf-8")
    exported = run_cli(
        folder / "out", "export", str(source), "-f", "epub", "-o", str(folder / "out")
    )
    inspected = run_cli(folder / "none", "inspect", str(source))
    return exported, inspected


@pytest.fixture(scope="module")
def books(
    sample_epub: Path,
    input_books: dict[str, Path],
    cover_runs: dict[str, Run],
    undescribed: tuple[Run, Run],
) -> dict[str, Path]:
    """Every EPUB of this module, by name."""
    found = {"sample": sample_epub, **input_books}
    for name, run in cover_runs.items():
        assert run.exit_code == 0, run.stderr
        (found[f"cover-{name}"],) = run.outputs
    (found["undescribed"],) = undescribed[0].outputs
    return found


@pytest.fixture(scope="module")
def epubcheck(books: dict[str, Path]) -> dict[str, list[str]]:
    results = run_epubcheck_many(books.values())
    return {name: [message.short for message in results[path]] for name, path in books.items()}


DESCRIBED = ["sample", *INPUTS, *(f"cover-{name}" for name in USER_COVERS)]
EVERY_BOOK = [*DESCRIBED, "undescribed"]


# --- valid, and saying so -----------------------------------------------------------


@pytest.mark.parametrize("name", EVERY_BOOK)
def test_epubcheck_finds_no_error_and_no_warning(
    epubcheck: dict[str, list[str]], name: str
) -> None:
    assert epubcheck[name] == []


@pytest.mark.parametrize("name", DESCRIBED)
def test_exporter_check_finds_nothing_to_warn_about(books: dict[str, Path], name: str) -> None:
    report = check_epub(books[name])
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []


@pytest.mark.parametrize("name", DESCRIBED)
def test_the_full_accessibility_metadata(books: dict[str, Path], name: str) -> None:
    package = Package(books[name])
    assert package.values("schema:accessMode") == ["textual", "visual"]
    assert package.values("schema:accessModeSufficient") == ["textual", "textual,visual"]
    features = package.values("schema:accessibilityFeature")
    assert features[: len(BASE_FEATURES)] == list(BASE_FEATURES)
    assert {"alternativeText", "ARIA"} <= set(features)
    assert package.values("schema:accessibilityHazard") == ["none"]
    (summary,) = package.values("schema:accessibilitySummary")
    assert len(summary) > 80 and summary.endswith(".")
    assert package.values("dcterms:conformsTo") == [CONFORMANCE]


# --- the cover ----------------------------------------------------------------------


@pytest.mark.parametrize("name", EVERY_BOOK)
def test_the_cover_page_is_first_and_the_cover_image_is_flagged(
    books: dict[str, Path], name: str
) -> None:
    package = Package(books[name])
    first = etree.fromstring(package.read(package.spine[0]))
    (img,) = first.iterfind(".//h:img", NS)
    assert img.get("role") == "doc-cover"
    assert img.get("alt").startswith(("Cover", "Couverture", "Cubierta", "Copertina"))
    assert img.get("src") == package.cover_image.get("href")


def test_a_reader_opens_the_sample_on_its_cover(sample_epub: Path) -> None:
    with pymupdf.open(sample_epub) as book:
        (image,) = book[0].get_image_info()
        assert (image["width"], image["height"]) == (1600, 2560)
        assert "Die Welt ist einmal mehr" in book[1].get_text()


@pytest.mark.parametrize(("name", "media_type"), [("png", "image/png"), ("jpeg", "image/jpeg")])
def test_the_users_cover_is_used_as_given(
    books: dict[str, Path], covers: dict[str, Path], name: str, media_type: str
) -> None:
    package = Package(books[f"cover-{name}"])
    image = package.cover_image
    assert image.get("media-type") == media_type
    assert package.read(image) == covers[name].read_bytes()
    assert [i for i in package.items.values() if i.get("media-type", "").startswith("image/")] == [
        image
    ]


def test_a_huge_cover_is_scaled_down_keeping_its_shape(books: dict[str, Path]) -> None:
    package = Package(books["cover-huge"])
    scaled = Image.open(io.BytesIO(package.read(package.cover_image)))
    assert scaled.size == (1600, 2560)


@pytest.mark.parametrize(
    ("file_name", "data", "fragment"),
    [
        ("cover.txt", b"This is a text file, not a picture.\n", "must be a JPEG or PNG image"),
        ("cover.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "must be a JPEG or PNG image"),
        ("missing.png", None, "no such cover image"),
    ],
)
def test_a_cover_that_is_no_jpeg_or_png_is_refused_in_one_line(
    tmp_path: Path, sample_path: Path, file_name: str, data: bytes | None, fragment: str
) -> None:
    image = tmp_path / file_name
    if data is not None:
        image.write_bytes(data)
    out = tmp_path / "out"
    run = run_cli(out, "export", str(sample_path), "--out", str(out), "--cover", str(image))
    assert run.exit_code == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"exporter: error: {image}: ") and fragment in line
    assert "Traceback" not in run.stdout + run.stderr
    assert run.outputs == ()


def test_a_real_gif_is_refused_by_name(tmp_path: Path, sample_path: Path) -> None:
    image = picture(tmp_path / "cover.gif", (40, 64), "GIF")
    out = tmp_path / "out"
    run = run_cli(out, "export", str(sample_path), "-o", str(out), "--cover", str(image))
    assert run.exit_code == 2
    assert "not GIF" in run.stderr and run.outputs == ()


# --- an image without alt text ------------------------------------------------------


def test_an_image_without_alt_text_is_named_by_export_and_inspect(
    undescribed: tuple[Run, Run],
) -> None:
    exported, inspected = undescribed
    for run in (exported, inspected):
        assert run.exit_code == 0, run.stderr
        (line,) = [line for line in run.stderr.splitlines() if "has no alt text" in line]
        assert line.startswith("warning: image ")
        assert "(figure 1 of 1)" in line


def test_check_names_the_undescribed_image_and_asks_for_no_false_claim(
    books: dict[str, Path],
) -> None:
    report = check_epub(books["undescribed"])
    warnings = [f for f in report.findings if f.severity is not Severity.INFO]
    assert [f.code for f in warnings] == ["epub.image-without-alt"]


def test_an_image_without_alt_text_takes_back_the_claims(books: dict[str, Path]) -> None:
    package = Package(books["undescribed"])
    assert "alternativeText" not in package.values("schema:accessibilityFeature")
    assert package.values("dcterms:conformsTo") == []
    assert package.values("schema:accessModeSufficient") == ["textual,visual"]
