"""The user's choices, one immutable object handed to transforms and writers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from exporter.errors import OptionError

#: Paper sizes we lay out for, as CSS ``@page size`` values.
PAPER_SIZES: dict[str, str] = {
    "a4": "A4",
    "a5": "A5",
    "letter": "letter",
    "6x9in": "6in 9in",
}

FORMATS: tuple[str, ...] = ("epub", "pdf")

#: Themes in ``styles/themes/``: each a thin layer over ``base.css``.
THEMES: tuple[str, ...] = ("book", "news", "large-print")

#: Quote styles beyond the language's own: German »…« ("guillemets"), Dutch
#: and Danish „…” ("low"). The typography transform knows which languages have which.
QUOTE_STYLES: tuple[str, ...] = ("", "guillemets", "low")

#: PDF flavours WeasyPrint can produce; "plain" means none of the standards.
PDF_VARIANTS: tuple[str, ...] = (
    "pdf/ua-1",
    "pdf/a-2a",
    "pdf/a-3a",
    "pdf/a-2b",
    "pdf/a-3b",
    "plain",
)

BLEED = re.compile(r"^\d+(\.\d+)?(mm|pt|in|cm)$")


@dataclass(frozen=True, slots=True)
class Options:
    """Everything that changes an export besides the input itself.

    Empty strings and tuples mean "not given": readers and transforms decide.
    """

    title: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""
    input_format: str = ""
    formats: tuple[str, ...] = FORMATS
    paper: str = "a4"
    theme: str = "book"
    quotes: str = ""
    #: The user's own stylesheet, added last (its text, read by the API).
    extra_css: str = ""
    embed_fonts: bool = True
    pdf_variant: str = "pdf/ua-1"
    bleed: str = ""
    crop_marks: bool = False
    #: A cover image given by the user, as a path (read and checked by the API).
    cover: Path | None = None
    pdf_cover: bool = False
    #: Reproducible builds: every timestamp is this (seconds since 1970).
    #: ``None`` reads ``SOURCE_DATE_EPOCH`` where the export starts.
    source_date_epoch: int | None = None

    def __post_init__(self) -> None:
        check_choice("paper size", self.paper, tuple(PAPER_SIZES))
        check_choice("theme", self.theme, THEMES)
        check_choice("quote style", self.quotes, QUOTE_STYLES)
        check_choice("PDF variant", self.pdf_variant, PDF_VARIANTS)
        unknown = [fmt for fmt in self.formats if fmt not in FORMATS]
        if unknown or not self.formats:
            raise OptionError(
                f"unknown output format {', '.join(unknown) or '(none)'!s} "
                f"(choose from {', '.join(FORMATS)})"
            )
        if self.bleed and not BLEED.match(self.bleed):
            raise OptionError(f"bleed must be a length such as 3mm or 0.125in, not {self.bleed!r}")


def check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        named = ", ".join(choice or '""' for choice in choices)
        raise OptionError(f"unknown {what} {value!r} (choose from {named})")
