"""The text face, shared by both outputs.

The face comes from a ``fontpkg-*`` package, so every machine renders with the
same files. Those packages ship variable fonts; readers and PDF producers handle
static faces far better (and an EPUB should carry tens of KB, not megabytes),
so we instance each face we use once per machine into a cache (instancing takes
seconds), then subset the cached static face to a document's characters for the
EPUB. The PDF writer hands WeasyPrint the cached static faces, which it subsets
itself: both outputs are set in the very same faces.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

FAMILY = "Literata"
#: The optical size we instance at: text sizes (10–12 pt).
OPTICAL_SIZE = 12.0
WEIGHTS = (400, 700)
STYLES = ("normal", "italic")
#: OpenType features kept when subsetting: kerning, ligatures, old-style and
#: lining figures, small caps, and what marks and locales need.
FEATURES = (
    "kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk",
    "onum", "lnum", "pnum", "tnum", "smcp", "c2sc", "case",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StaticFace:
    """A static (non-variable) instance of the text face, as a file on disk."""

    family: str
    weight: int
    style: str
    path: Path


@dataclass(frozen=True, slots=True)
class FontFace:
    """A face subset for one document, ready to embed."""

    family: str
    weight: int
    style: str
    file_name: str
    media_type: str
    data: bytes


def cache_dir() -> Path:
    base = os.environ.get("EXPORTER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "exporter"
    )
    return Path(base) / "fonts"


def static_faces() -> tuple[StaticFace, ...]:
    """The four faces (regular, italic, bold, bold italic), instanced on first use."""
    return tuple(static_face(weight, style) for weight in WEIGHTS for style in STYLES)


def static_face(weight: int, style: str) -> StaticFace:
    import fontpkg

    variable = fontpkg.path(FAMILY, weight=weight, style=style)
    version = fontpkg.family(FAMILY).version
    slug = FAMILY.lower().replace(" ", "-")
    target = cache_dir() / f"{slug}-{version}-opsz{OPTICAL_SIZE:g}-{weight}-{style}.ttf"
    if not target.exists():
        instance_to_file(variable, weight, target)
    return StaticFace(FAMILY, weight, style, target)


def instance_to_file(variable: Path, weight: int, target: Path) -> None:
    """Instance the variable font at ``weight`` and write it atomically, so
    that concurrent exports (a batch) never read a half-written face."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(variable)
    location = {"wght": weight}
    if any(axis.axisTag == "opsz" for axis in font["fvar"].axes):
        location["opsz"] = OPTICAL_SIZE
    static = instancer.instantiateVariableFont(font, location, updateFontNames=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "wb") as handle:
        static.save(handle)
    os.replace(temp, target)


def embedded_faces(text: str) -> tuple[FontFace, ...]:
    """Every face subset to the characters of ``text``, as WOFF2."""
    return tuple(subset_face(face, text) for face in static_faces())


def subset_face(face: StaticFace, text: str) -> FontFace:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = list(FEATURES)
    options.name_IDs = ["*"]  # keep the OFL licence and copyright records
    options.name_legacy = True
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    # Always keep the space and the characters typography transforms insert.
    subsetter.populate(text=text + " \u00a0\u202f\u2009–—…’‘“”„‚«»‹›")
    subsetter.subset(font)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    slug = face.family.lower().replace(" ", "-")
    name = f"{slug}-{face.weight}-{face.style}.woff2"
    return FontFace(face.family, face.weight, face.style, name, "font/woff2", buffer.getvalue())


def font_face_rule(family: str, weight: int, style: str, url: str) -> str:
    """One CSS ``@font-face`` rule; the URL is the caller's (EPUB path or file URI)."""
    fmt = "woff2" if url.endswith(".woff2") else "truetype"
    return (
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{url}") format("{fmt}"); }}\n'
    )
