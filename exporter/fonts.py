"""The text face, shared by both outputs.

The face comes from a ``fontpkg-*`` package, so every machine renders with the
same files. Those packages ship variable fonts; readers and PDF producers handle
static faces far better (and an EPUB should carry tens of KB, not megabytes),
so each face we use is instanced at a fixed weight and optical size. HarfBuzz's
subsetter does that in milliseconds (fontTools' instancer takes ten seconds a
face): a full static face for WeasyPrint, which subsets it itself, and a face
cut down to a document's characters for the EPUB. Both outputs are therefore
set in the very same faces.

The text face is Literata. The news theme sets its headings and the
large-print theme all its text in Source Sans 3 (:data:`THEME_FAMILIES`): a
face we ship, since a system sans would differ from machine to machine and
break the promise that every glyph comes from an embedded face.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.cache import cached_file
from exporter.errors import RenderError

if TYPE_CHECKING:
    import fontpkg
    from fontTools.ttLib import TTFont

#: The text face.
FAMILY = "Literata"
#: The sans face of the news headings and of large print.
SANS_FAMILY = "Source Sans 3"
#: The families each theme's stylesheet names (tests/test_design.py checks
#: that they agree): a writer embeds these and no other.
THEME_FAMILIES: dict[str, tuple[str, ...]] = {
    "book": (FAMILY,),
    "news": (FAMILY, SANS_FAMILY),
    "large-print": (SANS_FAMILY,),
}
#: The pip package of each family, named when one is missing.
PACKAGES = {FAMILY: "fontpkg-literata", SANS_FAMILY: "fontpkg-source-sans-3"}
#: The optical size we instance at, where a face has that axis: text sizes (10–12 pt).
OPTICAL_SIZE = 12.0
WEIGHTS = (400, 700)
STYLES = ("normal", "italic")
#: Characters typography transforms may insert, kept in every subset so that
#: a face never lacks a no-break space or a typographic quote.
TYPOGRAPHIC_CHARACTERS = " \u00a0\u202f\u2009\u2010\u2011–—…’‘“”„‚«»‹›"
#: Characters the typography transform inserts that a face may lack, each with
#: the characters whose glyph stands in, best first: the narrow no-break space
#: of French and German typography is drawn as the thin space (Literata has
#: no U+202F), the non-breaking hyphen as the hyphen.
GLYPH_ALIASES: dict[int, tuple[int, ...]] = {
    0x202F: (0x2009, 0x00A0),
    0x2011: (0x2010, 0x002D),
    0x2010: (0x002D,),
}
#: Bumped whenever instancing changes, so that no machine keeps stale faces.
CACHE_FORMAT = 3
STYLE_NAMES = {
    (400, "normal"): "Regular",
    (400, "italic"): "Italic",
    (700, "normal"): "Bold",
    (700, "italic"): "Bold Italic",
}


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


def static_faces(families: tuple[str, ...] = (FAMILY,)) -> tuple[StaticFace, ...]:
    """The four faces (regular, italic, bold, bold italic) of each family, as files."""
    return tuple(
        static_face(weight, style, family)
        for family in families
        for weight in WEIGHTS
        for style in STYLES
    )


def static_face(weight: int, style: str, family: str = FAMILY) -> StaticFace:
    """A full static instance, written once per machine to the cache (a file,
    because WeasyPrint and fontconfig want one)."""
    version = family_version(family)
    name = f"{slug(family)}-{version}-opsz{OPTICAL_SIZE:g}-{weight}-{style}-v{CACHE_FORMAT}.ttf"
    target = cached_file("fonts", name, lambda: instance(weight, style, text=None, family=family))
    return StaticFace(family, weight, style, target)


def embedded_faces(text: str, families: tuple[str, ...] = (FAMILY,)) -> tuple[FontFace, ...]:
    """Every face of each family cut down to the characters of ``text``, as
    TrueType (WOFF2 would save ~10 KB a face but costs a quarter second each)."""
    return tuple(
        subset_face(weight, style, text, family)
        for family in families
        for weight in WEIGHTS
        for style in STYLES
    )


#: OpenType features our stylesheets use beyond HarfBuzz's default set.
DESIGN_FEATURES = ("smcp", "c2sc", "onum", "lnum", "pnum", "tnum", "case")


def subset_face(weight: int, style: str, text: str, family: str = FAMILY) -> FontFace:
    """The cached static face cut down to ``text``'s characters. Cutting the
    static face, not the variable one, keeps its names and glyph aliases
    without a fontTools pass: a few milliseconds instead of a tenth of a
    second a face."""
    import uharfbuzz as hb

    path = static_face(weight, style, family).path
    request = hb.SubsetInput()
    request.unicode_set.update(ord(character) for character in set(text + TYPOGRAPHIC_CHARACTERS))
    request.unicode_set.update(GLYPH_ALIASES.keys())
    # HarfBuzz keeps the shaping features by default; the design also asks
    # for small capitals and old-style and tabular figures.
    request.layout_feature_tag_set.update(
        int.from_bytes(tag.encode(), "big") for tag in DESIGN_FEATURES
    )
    subset = hb.subset(hb.Face(hb.Blob.from_file_path(str(path))), request)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not subset {family} {weight} {style}")
    name = f"{slug(family)}-{weight}-{style}.ttf"
    return FontFace(family, weight, style, name, "font/ttf", subset.blob.data)


def slug(family: str) -> str:
    return family.lower().replace(" ", "-")


@functools.cache
def family_version(family: str) -> str:
    """The installed family's version, which names its cached instances.

    Read from the package's own ``metadata.json``, the file fontpkg's registry
    reads too: the registry first scans every installed distribution's entry
    points, some 50 ms that every export would pay for a cache hit.
    """
    package = PACKAGES.get(family, "")
    try:
        module = importlib.import_module(package.replace("-", "_"))
        metadata = json.loads(Path(module.__file__).with_name("metadata.json").read_bytes())
        return str(metadata["version"])
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        return font_family(family).version


def font_family(family: str) -> fontpkg.Family:
    """The installed family, or an error naming the package that provides it."""
    import fontpkg

    try:
        return fontpkg.family(family)
    except fontpkg.FamilyNotInstalled:
        package = PACKAGES.get(family, "its fontpkg package")
        raise RenderError(f"the font {family} is not installed: pip install {package}") from None


def instance(weight: int, style: str, *, text: str | None, family: str = FAMILY) -> bytes:
    """The face pinned at ``weight`` and our optical size (where it varies
    along those axes), with all glyphs (``text=None``) or those ``text`` needs
    (plus what its shaping needs: ligatures, kerning, small caps, figures)."""
    import fontpkg
    import uharfbuzz as hb

    font_family(family)
    path = fontpkg.path(family, weight=weight, style=style)
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    request = hb.SubsetInput()
    if text is None:
        request.keep_everything()
    else:
        request.unicode_set.update(ord(character) for character in set(text))
        request.unicode_set.update(GLYPH_ALIASES.keys())
        request.unicode_set.update(code for codes in GLYPH_ALIASES.values() for code in codes)
    axes = {axis.tag for axis in face.axis_infos}
    if "wght" in axes:
        request.pin_axis_location(face, "wght", weight)
    if "opsz" in axes:
        request.pin_axis_location(face, "opsz", OPTICAL_SIZE)
    subset = hb.subset(face, request)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not instance {family} {weight} {style}")
    return rename(subset.blob.data, weight, style, family)


def rename(data: bytes, weight: int, style: str, family: str = FAMILY) -> bytes:
    """Give the instance its own style names: HarfBuzz keeps the default
    instance's ("Regular") for every weight, which would mislabel the bold
    face in a PDF's font list and confuse reading systems. Also give it the
    characters it lacks but draws with another glyph (:func:`alias_glyphs`)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    style_name = STYLE_NAMES[(weight, style)]
    postscript = f"{family.replace(' ', '')}-{style_name.replace(' ', '')}"
    names = font["name"]
    for name_id in (1, 2, 4, 6, 16, 17, 21, 22, 25):  # family, style, and variation names
        names.removeNames(nameID=name_id)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(style_name, 2, 3, 1, 0x409)
    names.setName(f"{family} {style_name}", 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    bold, italic = weight >= 700, style == "italic"
    selection = font["OS/2"].fsSelection & ~(1 | 32 | 64)  # italic, bold, regular bits
    selection |= (1 if italic else 0) | (32 if bold else 0) | (0 if bold or italic else 64)
    font["OS/2"].fsSelection = selection
    font["head"].macStyle = (1 if bold else 0) | (2 if italic else 0)
    if "STAT" in font:  # describes the variation axes the instance no longer has
        del font["STAT"]
    alias_glyphs(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def alias_glyphs(font: TTFont) -> None:
    """Map each character of :data:`GLYPH_ALIASES` the face lacks to the glyph
    of its stand-in, in every Unicode cmap subtable (format 4 and 12).

    Without this, U+202F between « and a word would be drawn from a fallback
    face in the PDF (or, with none, as a missing glyph) and in the EPUB by
    whatever the reading system finds.
    """
    for table in font["cmap"].tables:
        if not table.isUnicode() or table.format not in (4, 12):
            continue
        for code, stand_ins in GLYPH_ALIASES.items():
            if code in table.cmap:
                continue
            glyph = next((table.cmap[s] for s in stand_ins if s in table.cmap), None)
            if glyph is not None:
                table.cmap[code] = glyph


def font_face_rule(family: str, weight: int, style: str, url: str) -> str:
    """One CSS ``@font-face`` rule; the URL is the caller's (EPUB path or file URI)."""
    fmt = {"woff2": "woff2", "woff": "woff", "otf": "opentype"}.get(
        url.rpartition(".")[2], "truetype"
    )
    return (
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{url}") format("{fmt}"); }}\n'
    )
