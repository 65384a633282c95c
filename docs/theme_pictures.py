"""Draw the pictures of docs/: the title page and the first spread of the
sample in each theme, and the title page and first text page of the
Japanese and Arabic test articles, as the PDF prints them.

Run from the repository root: ``.venv/bin/python docs/theme_pictures.py``.
The sample gets a publisher and a date, so that the title page shows its
imprint.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pymupdf
from PIL import Image

import exporter
from exporter.options import THEMES, Options
from exporter.scripts import is_right_to_left
from exporter.writers import pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
#: Low enough to keep each picture small, high enough to read the text.
DPI = 64
GAP = 12
PAGES = (0, 1, 2)
SCRIPT_ARTICLES = ROOT / "tests" / "fixtures" / "scripts"
#: The articles shown in other scripts, by file name (their language tag).
SCRIPTS = ("ja", "ar")


def pictures(theme: str) -> Image.Image:
    document = exporter.read(SAMPLE).document
    metadata = replace(document.metadata, publisher="Beispiel-Verlag", date="2024-10-28")
    data = pdf.write(replace(document, metadata=metadata), Options(theme=theme))
    return sheet_of(data, PAGES)


def script_pictures(language: str) -> Image.Image:
    """The title page and the first text page, side by side in the order
    the script reads: an Arabic book's first page is on the right."""
    document = exporter.read(SCRIPT_ARTICLES / f"{language}.txt").document
    pages = (1, 0) if is_right_to_left(document.metadata.language) else (0, 1)
    return sheet_of(pdf.write(document, Options()), pages)


def sheet_of(data: bytes, numbers: tuple[int, ...]) -> Image.Image:
    with pymupdf.open(stream=data, filetype="pdf") as book:
        pages = [
            Image.open(io.BytesIO(book[number].get_pixmap(dpi=DPI).tobytes("png")))
            for number in numbers
        ]
    width = sum(page.width for page in pages) + GAP * (len(pages) - 1)
    sheet = Image.new("RGB", (width, pages[0].height), "#9a9a9a")
    x = 0
    for page in pages:
        sheet.paste(page, (x, 0))
        x += page.width + GAP
    # Sixteen greys are all a page of black text needs; the file stays small.
    return sheet.convert("L").quantize(16)


def main() -> None:
    drawn = {f"theme-{theme}.png": (pictures, theme) for theme in THEMES}
    drawn |= {f"script-{language}.png": (script_pictures, language) for language in SCRIPTS}
    for name, (draw, argument) in drawn.items():
        target = ROOT / "docs" / name
        draw(argument).save(target, optimize=True)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
