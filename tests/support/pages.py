"""Read a PDF page's lines as MuPDF extracts them, with where they stand."""

from __future__ import annotations

import pymupdf


class Line:
    """One line of text on a page, as MuPDF extracts it."""

    def __init__(self, text: str, bbox: tuple[float, float, float, float]) -> None:
        self.text = text
        self.x0, self.y0, self.x1, self.y1 = bbox


def lines(page: pymupdf.Page) -> list[Line]:
    """The page's non-empty lines, top to bottom, then left to right."""
    found = [
        Line("".join(span["text"] for span in line["spans"]).strip(), line["bbox"])
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", ())
    ]
    return sorted((line for line in found if line.text), key=lambda line: (line.y0, line.x0))
