"""A ligature never forms across an invisible break point in a PDF.

Found by the long fuzz run (``tests/fixtures/fuzz/soft-hyphen-inside-a-ligature.txt``):
HarfBuzz looks through a soft hyphen or a zero width space and sets "f\u00adf"
as one ff glyph, which WeasyPrint maps to no text, so the PDF read
"Auahrt" for "Auf\u00adfahrt".
"""

from __future__ import annotations

import pymupdf
import pytest

from exporter import model as m
from exporter.options import Options
from exporter.writers import pdf

SHY = "\u00ad"
ZWSP = "\u200b"
#: Words whose parts meet where a font has a ligature (ff, fi, ft, fl).
WORDS = ("Auffahrt", "Schaftrieb", "office", "Kopfleiste", "Briefinhalt")
PARTS = {"Auffahrt": 3, "Schaftrieb": 5, "office": 2, "Kopfleiste": 4, "Briefinhalt": 5}


def parted(word: str, mark: str) -> str:
    return word[: PARTS[word]] + mark + word[PARTS[word] :]


def pdf_text(paragraphs: list[str], theme: str = "book", paper: str = "a5") -> str:
    document = m.Document(
        m.Metadata(title="Ligatures", language="de"),
        tuple(m.Paragraph((m.Text(text),)) for text in paragraphs),
    )
    rendered = pdf.render_pdf(document, Options(theme=theme, paper=paper, source_date_epoch=0))
    with pymupdf.open(stream=rendered.data, filetype="pdf") as book:
        return "".join(page.get_text() for page in book)


@pytest.mark.parametrize("mark", [SHY, ZWSP], ids=["soft hyphen", "zero width space"])
@pytest.mark.parametrize("theme", ["book", "news"])
def test_words_parted_by_an_invisible_break_point_keep_their_letters(mark: str, theme: str) -> None:
    text = pdf_text([" ".join(parted(word, mark) for word in WORDS)], theme=theme)
    for word in WORDS:
        assert word in text


def test_a_line_still_breaks_at_a_soft_hyphen() -> None:
    # The soft hyphens are the only break points inside these long words:
    # lines must break at them and draw a hyphen there.
    long_word = SHY.join(["Donaudampfschiff", "fahrtsgesellschaft", "kapitän"] * 3)
    text = pdf_text([" ".join([long_word] * 8)])
    lines = text.splitlines()
    assert any(line.endswith(("-", "\u2010")) for line in lines), lines
    joined = "".join(line.rstrip("-\u2010") for line in lines)
    assert joined.count("Donaudampfschifffahrtsgesellschaftkapitän") >= 8
