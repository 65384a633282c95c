"""The text face, shared by both outputs.

The face comes from a ``fontpkg-*`` package, so every machine renders with the
same files. Those packages ship variable fonts; readers and PDF producers handle
static faces far better (and an EPUB should carry tens of KB, not megabytes),
so each face we use is instanced at a fixed weight and optical size. HarfBuzz's
subsetter does that in milliseconds (fontTools' instancer takes ten seconds a
face): a full static face for WeasyPrint, which subsets it itself, and a face
cut down to a document's characters for the EPUB. Both outputs are therefore
set in the very same faces.
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
#: Characters typography transforms may insert, kept in every subset so that
#: a face never lacks a no-break space or a typographic quote.
TYPOGRAPHIC_CHARACTERS = " \u00a0\u202f\u2009\u2011–—…’‘“”„‚«»‹›"
#: Bumped whenever instancing changes, so that no machine keeps stale faces.
CACHE_FORMAT = 2
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


def cache_dir() -> Path:
    base = os.environ.get("EXPORTER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "exporter"
    )
    return Path(base) / "fonts"


def static_faces() -> tuple[StaticFace, ...]:
    """The four faces (regular, italic, bold, bold italic), as files."""
    return tuple(static_face(weight, style) for weight in WEIGHTS for style in STYLES)


def static_face(weight: int, style: str) -> StaticFace:
    """A full static instance, written once per machine to the cache (a file,
    because WeasyPrint and fontconfig want one)."""
    import fontpkg

    version = fontpkg.family(FAMILY).version
    slug = FAMILY.lower().replace(" ", "-")
    name = f"{slug}-{version}-opsz{OPTICAL_SIZE:g}-{weight}-{style}-v{CACHE_FORMAT}.ttf"
    target = cache_dir() / name
    if not target.exists():
        write_atomically(target, instance(weight, style, text=None))
    return StaticFace(FAMILY, weight, style, target)


def embedded_faces(text: str) -> tuple[FontFace, ...]:
    """Every face cut down to the characters of ``text``, as TrueType
    (WOFF2 would save ~10 KB a face but costs a quarter second each)."""
    return tuple(subset_face(weight, style, text) for weight in WEIGHTS for style in STYLES)


def subset_face(weight: int, style: str, text: str) -> FontFace:
    slug = FAMILY.lower().replace(" ", "-")
    data = instance(weight, style, text=text + TYPOGRAPHIC_CHARACTERS)
    name = f"{slug}-{weight}-{style}.ttf"
    return FontFace(FAMILY, weight, style, name, "font/ttf", data)


def instance(weight: int, style: str, *, text: str | None) -> bytes:
    """The variable face pinned at ``weight`` and our optical size, with all
    glyphs (``text=None``) or those ``text`` needs (plus what its shaping
    needs: ligatures, kerning, small caps, figures)."""
    import fontpkg
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(fontpkg.path(FAMILY, weight=weight, style=style))))
    request = hb.SubsetInput()
    if text is None:
        request.keep_everything()
    else:
        request.unicode_set.update(ord(character) for character in set(text))
    axes = {axis.tag for axis in face.axis_infos}
    request.pin_axis_location(face, "wght", weight)
    if "opsz" in axes:
        request.pin_axis_location(face, "opsz", OPTICAL_SIZE)
    subset = hb.subset(face, request)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not instance {FAMILY} {weight} {style}")
    return rename(subset.blob.data, weight, style)


def rename(data: bytes, weight: int, style: str) -> bytes:
    """Give the instance its own style names: HarfBuzz keeps the default
    instance's ("Regular") for every weight, which would mislabel the bold
    face in a PDF's font list and confuse reading systems."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    style_name = STYLE_NAMES[(weight, style)]
    postscript = f"{FAMILY.replace(' ', '')}-{style_name.replace(' ', '')}"
    names = font["name"]
    for name_id in (1, 2, 4, 6, 16, 17, 21, 22, 25):  # family, style, and variation names
        names.removeNames(nameID=name_id)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName(style_name, 2, 3, 1, 0x409)
    names.setName(f"{FAMILY} {style_name}", 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    bold, italic = weight >= 700, style == "italic"
    selection = font["OS/2"].fsSelection & ~(1 | 32 | 64)  # italic, bold, regular bits
    selection |= (1 if italic else 0) | (32 if bold else 0) | (0 if bold or italic else 64)
    font["OS/2"].fsSelection = selection
    font["head"].macStyle = (1 if bold else 0) | (2 if italic else 0)
    if "STAT" in font:  # describes the variation axes the instance no longer has
        del font["STAT"]
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def write_atomically(target: Path, data: bytes) -> None:
    """Concurrent exports (a batch) must never read a half-written face."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(temp, target)


def font_face_rule(family: str, weight: int, style: str, url: str) -> str:
    """One CSS ``@font-face`` rule; the URL is the caller's (EPUB path or file URI)."""
    fmt = {"woff2": "woff2", "woff": "woff", "otf": "opentype"}.get(
        url.rpartition(".")[2], "truetype"
    )
    return (
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{url}") format("{fmt}"); }}\n'
    )
