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
from exporter.scripts import is_cjk, is_right_to_left

Target = Literal["epub", "print"]

OVERLAYS: dict[str, str] = {"epub": "epub.css", "print": "print.css"}


def read_style(name: str) -> str:
    return files("exporter").joinpath("styles", name).read_text(encoding="utf-8")


def stylesheet(target: Target, theme: str = THEMES[0], language: str = "") -> str:
    """``base.css``, the target's overlay, the theme's layer, then the layer
    of the document's writing system, if it has one (:func:`script_layers`)."""
    return "\n".join(
        (
            read_style("base.css"),
            read_style(OVERLAYS[target]),
            read_style(f"themes/{theme}.css"),
            *(read_style(f"scripts/{layer}") for layer in script_layers(language, target, theme)),
        )
    )


#: The right-to-left layer of each theme that ranges text left (the book
#: theme centres or justifies, and needs none).
RTL_THEME_LAYERS: dict[str, str] = {"news": "rtl-news.css", "large-print": "rtl-large-print.css"}


def script_layers(language: str, target: Target, theme: str = THEMES[0]) -> tuple[str, ...]:
    """The sheets of ``language``'s writing system: Chinese, Japanese and
    Korean are set without hyphens, letter-spacing or false italics
    (``cjk.css``), and in reading systems with their own line-breaking and
    justification rules (``cjk-epub.css``, which WeasyPrint does not know).
    Right-to-left scripts get our sheets' left sides on the right, and the
    spread turned round on paper (``rtl.css``, and the ``theme``'s part of
    it: :data:`RTL_THEME_LAYERS`). Last, after the theme, because they
    correct it; only for those documents, so that every other book's sheet
    stays as it was."""
    if is_right_to_left(language):
        own = RTL_THEME_LAYERS.get(theme)
        return ("rtl.css", own) if own else ("rtl.css",)
    if not is_cjk(language):
        return ()
    return ("cjk.css", "cjk-epub.css") if target == "epub" else ("cjk.css",)
