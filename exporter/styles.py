"""The stylesheets, packaged with the code (``exporter/styles`` is the
project's top-level ``styles/`` folder) and read with importlib.resources.

As in Standard Ebooks' build, one base sheet holds the typography both outputs
share and each target adds a thin overlay holding only its differences.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Literal

Target = Literal["epub", "print"]

OVERLAYS: dict[str, str] = {"epub": "epub.css", "print": "print.css"}


def read_style(name: str) -> str:
    return files("exporter").joinpath("styles", name).read_text(encoding="utf-8")


def stylesheet(target: Target) -> str:
    """``base.css`` followed by the target's overlay."""
    return read_style("base.css") + "\n" + read_style(OVERLAYS[target])
