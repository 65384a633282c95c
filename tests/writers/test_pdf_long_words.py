"""A word wider than the measure breaks instead of running off the page.

Found by the long fuzz run (``tests/fixtures/fuzz/title-hyphenated-across-lines.txt``):
a run of 83 digits (shorter than the 100 characters past which
:mod:`exporter.transforms.breaks` marks break opportunities) ran past the
right edge of the page, and so did a title of 51 characters on the title
page: their ends were lost.
"""

from __future__ import annotations

import re

import pymupdf
import pytest

from exporter import model as m
from exporter.options import Options
from exporter.writers import pdf

NUMBER = "0123456789" * 8 + "012"  # 83 digits: wider than the measure
TITLE = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerk"


@pytest.mark.parametrize("theme", ["book", "news", "large-print"])
def test_a_word_wider_than_the_measure_stays_on_the_page(theme: str) -> None:
    document = m.Document(
        m.Metadata(title=TITLE, language="de"),
        (m.Paragraph((m.Text(f"Die Nummer {NUMBER} steht hier."),)),),
    )
    rendered = pdf.render_pdf(document, Options(theme=theme, source_date_epoch=0))
    with pymupdf.open(stream=rendered.data, filetype="pdf") as book:
        for page in book:
            for x0, _y0, x1, _y1, word, *_ in page.get_text("words"):
                assert x0 >= 0 and x1 <= page.rect.width, f"{word!r} runs off page {page.number}"
        letters = re.sub(r"[\s\u00ad-]", "", "".join(page.get_text() for page in book))
    assert NUMBER in letters
    assert TITLE in letters
