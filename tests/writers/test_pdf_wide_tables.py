"""A table wider than the page's measure stays on the page in a PDF.

Found by the fuzz tests (``tests/fixtures/fuzz/wide-table-cells.md``): cells
holding long unbreakable words (file names, identifiers in code) made the
table wider than the page, and the last column's words ran off its edge.
"""

from __future__ import annotations

import re

import pymupdf
import pytest

from exporter import model as m
from exporter.options import Options
from exporter.writers import pdf

CELLS = (
    (m.Code("arabic-letter-alone.unreadable-pdf-text.txt"),),
    (m.Code("test_any_input_exports_to_a_pdf_or_an_export_error"),),
    (
        m.Text("known: the PDF text of Arabic joining forms does not read back ("),
        m.Code("UNREADABLE_PDF_TEXT"),
        m.Text(" in "),
        m.Code("tests/test_scripts_end_to_end.py"),
        m.Text(")"),
    ),
)


def wide_table() -> m.Document:
    header = m.TableRow(
        tuple(m.TableCell((m.Text(h),), header=True) for h in ("file", "test", "why"))
    )
    row = m.TableRow(tuple(m.TableCell(cell) for cell in CELLS))
    blocks = (
        m.Paragraph((m.Text("The table below is wider than the page if its words cannot break."),)),
        m.Table((header,), (row,) * 3),
    )
    return m.Document(m.Metadata(title="Wide tables", language="en"), blocks)


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_every_word_of_a_wide_table_is_on_the_page(paper: str) -> None:
    document = wide_table()
    rendered = pdf.render_pdf(document, Options(paper=paper, source_date_epoch=0))
    with pymupdf.open(stream=rendered.data, filetype="pdf") as book:
        text = "".join(page.get_text() for page in book)
        for page in book:
            for x0, _y0, x1, _y1, word, *_ in page.get_text("words"):
                assert x0 >= 0 and x1 <= page.rect.width, (
                    f"{word!r} runs off page {page.number + 1}"
                )
    # A word too long for its cell breaks anywhere, without a hyphen: read
    # the cells' text without white space.
    letters = re.sub(r"\s", "", text)
    for cell in CELLS:
        assert letters.count(re.sub(r"\s", "", m.plain_text(cell))) == 3, m.plain_text(cell)
