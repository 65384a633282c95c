"""The stylesheets, packaged with the code (``exporter/styles`` is the
project's top-level ``styles/`` folder) and read with importlib.resources.

As in Standard Ebooks' build, one base sheet holds the typography both outputs
share, each target adds an overlay holding only its differences (``@page``
rules for print; restraint towards the reading system's own settings for
EPUB), and a theme adds its design as a thin layer last (before the user's own
sheet): a theme is a decision about the look, and must win over a target's
defaults (large print is ragged-right on paper too, where print.css justifies).
A theme's paper-only rules stand in ``@media print``, which reading systems
do not apply.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Literal

from exporter.options import THEMES

Target = Literal["epub", "print"]

OVERLAYS: dict[str, str] = {"epub": "epub.css", "print": "print.css"}


def read_style(name: str) -> str:
    return files("exporter").joinpath("styles", name).read_text(encoding="utf-8")


def stylesheet(target: Target, theme: str = THEMES[0]) -> str:
    """``base.css``, the target's overlay, then the theme's layer."""
    return "\n".join(
        (read_style("base.css"), read_style(OVERLAYS[target]), read_style(f"themes/{theme}.css"))
    )
