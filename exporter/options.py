"""The user's choices, one immutable object handed to transforms and writers."""

from __future__ import annotations

from dataclasses import dataclass

from exporter.errors import OptionError

#: Paper sizes we lay out for, as CSS ``@page size`` values.
PAPER_SIZES: dict[str, str] = {
    "a4": "A4",
    "a5": "A5",
    "letter": "letter",
}

FORMATS: tuple[str, ...] = ("epub", "pdf")


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

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            choices = ", ".join(PAPER_SIZES)
            raise OptionError(f"unknown paper size {self.paper!r} (choose from {choices})")
        unknown = [fmt for fmt in self.formats if fmt not in FORMATS]
        if unknown or not self.formats:
            raise OptionError(
                f"unknown output format {', '.join(unknown) or '(none)'!s} "
                f"(choose from {', '.join(FORMATS)})"
            )
