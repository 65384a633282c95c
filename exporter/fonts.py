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

Neither draws Chinese, Japanese, Korean, Arabic, Hebrew or the Indic and
Thai scripts. For a document that uses them, :func:`document_stacks` puts
a face made for that script beside each theme face, serif beside Literata and
sans beside Source Sans 3 (:data:`SCRIPT_FAMILIES`): first, where the script
is the document's own (a Japanese article is set in Noto Serif CJK JP, our
face drawing only what that one lacks), after it otherwise (a Chinese
quotation in an English article). The writers rewrite the stylesheets' font
stacks to match (:func:`with_stacks`): WeasyPrint does not compose a family
from faces with ``unicode-range``, so naming each face is the way that works
in the PDF and in every reading system alike. A Latin document gets no face
and no change.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.cache import cached_file
from exporter.errors import RenderError
from exporter.scripts import language_script

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
#: The kind of face each theme family is, so that a script's face matches it.
ROLES: dict[str, str] = {FAMILY: "serif", SANS_FAMILY: "sans"}
#: The faces that draw what ours lack, per ISO 15924 script: (serif, sans).
#: Noto where PyPI has it; Hebrew has no Noto package there, and Frank Ruhl
#: Libre and Heebo are Hebrew text faces of the same standing (OFL). Arabic,
#: Devanagari, Thai, Tamil, Telugu and Khmer have only Noto's sans on PyPI,
#: which serves both roles. ``Zyyy`` (common) is the last resort for symbols
#: and letters of any other script Noto Serif and Noto Sans draw.
SCRIPT_FAMILIES: dict[str, tuple[str, str]] = {
    "Jpan": ("Noto Serif CJK JP", "Noto Sans CJK JP"),
    "Kore": ("Noto Serif CJK KR", "Noto Sans CJK KR"),
    "Hans": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
    "Hant": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
    "Arab": ("Noto Sans Arabic", "Noto Sans Arabic"),
    "Hebr": ("Frank Ruhl Libre", "Heebo"),
    "Deva": ("Noto Sans Devanagari", "Noto Sans Devanagari"),
    "Thai": ("Noto Sans Thai", "Noto Sans Thai"),
    "Taml": ("Noto Sans Tamil", "Noto Sans Tamil"),
    "Telu": ("Noto Sans Telugu", "Noto Sans Telugu"),
    "Khmr": ("Noto Sans Khmer", "Noto Sans Khmer"),
    "Zyyy": ("Noto Serif", "Noto Sans"),
    "Zsye": ("Noto Color Emoji", "Noto Color Emoji"),
}
#: The order in which those faces are asked for a character the document's
#: own faces lack: a symbol Noto Serif or Sans draws stays in a face of our
#: kind, Han characters outside a CJK document are drawn as Simplified
#: Chinese (the most common case), and only what no text face draws is
#: drawn as a colour emoji.
FALLBACK_ORDER = (
    "Arab",
    "Hebr",
    "Deva",
    "Thai",
    "Taml",
    "Telu",
    "Khmr",
    "Zyyy",
    "Hans",
    "Zsye",
)
#: Noto CJK comes from Debian's ``fonts-noto-cjk`` (no PyPI package ships
#: it): one collection per style and weight, with one face per region.
CJK_DIR = Path("/usr/share/fonts/opentype/noto")
CJK_REGIONS = ("JP", "KR", "SC", "TC", "HK")
CJK_PACKAGE = "Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)"
#: Static faces from Debian's packages (no PyPI package ships them): the file
#: and the package to name when it is missing.
DEBIAN_FACES: dict[str, tuple[Path, str]] = {
    "Noto Color Emoji": (
        Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
        "Debian's fonts-noto-color-emoji (apt-get install fonts-noto-color-emoji)",
    ),
}
#: The package of each family, named when one is missing.
PACKAGES = {
    FAMILY: "fontpkg-literata",
    SANS_FAMILY: "fontpkg-source-sans-3",
    "Noto Serif": "fontpkg-noto-serif",
    "Noto Sans": "fontpkg-noto-sans",
    "Noto Sans Arabic": "fontpkg-noto-sans-arabic",
    "Noto Sans Devanagari": "fontpkg-noto-sans-devanagari",
    "Noto Sans Thai": "fontpkg-noto-sans-thai",
    "Noto Sans Tamil": "fontpkg-noto-sans-tamil",
    "Noto Sans Telugu": "fontpkg-noto-sans-telugu",
    "Noto Sans Khmer": "fontpkg-noto-sans-khmer",
    "Frank Ruhl Libre": "fontpkg-frank-ruhl-libre",
    "Heebo": "fontpkg-heebo",
}
#: Character categories that need no glyph: controls, format characters
#: (joiners, bidi marks, the soft hyphen), line and paragraph separators,
#: surrogates and private use.
GLYPHLESS_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
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
    """A static (non-variable) instance of the text face, as a file on disk.

    A face that has no italic serves the italic style too (``style`` is then
    "italic" and ``path`` the upright file): scripts without italics must not
    be slanted by the renderer.
    """

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
    drawn_style = style if has_italic(family) else "normal"
    version = family_version(family)
    suffix = "otf" if is_cjk_family(family) else "ttf"
    name = (
        f"{slug(family)}-{version}-opsz{OPTICAL_SIZE:g}-{weight}-{drawn_style}"
        f"-v{CACHE_FORMAT}.{suffix}"
    )
    target = cached_file(
        "fonts", name, lambda: instance(weight, drawn_style, text=None, family=family)
    )
    return StaticFace(family, weight, style, target)


# --- faces for other scripts -------------------------------------------------------


def document_stacks(
    text: str, language: str, families: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """The font stack that sets this document in place of each theme family.

    A document in a script our faces lack starts with that script's face;
    every other character the stack still lacks adds the first face in
    :data:`FALLBACK_ORDER` that draws it. A Latin, Greek or Cyrillic
    document keeps the theme family alone.
    """
    characters = needed_characters(text)
    own_script = language_script(language)
    stacks = {}
    for family in families:
        role = ROLES.get(family, "serif")
        own = SCRIPT_FAMILIES[own_script][role == "sans"] if own_script in SCRIPT_FAMILIES else ""
        stack = (own, family) if own else (family,)
        missing = characters - set().union(*(covered(member) for member in stack))
        stacks[family] = stack + fallback_families(missing, role, stack)
    return stacks


def needed_characters(text: str) -> frozenset[int]:
    """The code points of ``text`` that a face must draw."""
    return frozenset(
        ord(character)
        for character in set(text)
        if unicodedata.category(character) not in GLYPHLESS_CATEGORIES
    )


def fallback_families(missing: Iterable[int], role: str, taken: tuple[str, ...]) -> tuple[str, ...]:
    """The faces that draw ``missing``, in :data:`FALLBACK_ORDER`; characters
    no face draws are left to :mod:`exporter.check` to report."""
    left = set(missing)
    found: list[str] = []
    for script in FALLBACK_ORDER:
        if not left:
            break
        family = SCRIPT_FAMILIES[script][role == "sans"]
        drawn = left & covered(family)
        if drawn and family not in taken:
            found.append(family)
        left -= drawn
    return tuple(found)


def stack_families(stacks: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every family the stacks name, each once, in order."""
    return tuple(dict.fromkeys(family for stack in stacks.values() for family in stack))


def drawing_families(text: str, stacks: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The families of the stacks that draw some character of ``text``: the
    first of each stack, and each later one that draws a character no face
    before it does. A Japanese book needs no Literata (Noto CJK draws its
    Latin letters too): the EPUB leaves it out, some 90 KB."""
    characters = needed_characters(text)
    found: dict[str, None] = {}
    for stack in stacks.values():
        found[stack[0]] = None
        left = characters - covered(stack[0])
        for family in stack[1:]:
            if left & covered(family):
                found[family] = None
            left -= covered(family)
    return tuple(found)


def with_stacks(stylesheet: str, stacks: dict[str, tuple[str, ...]]) -> str:
    """``stylesheet`` with each theme family's name replaced by its stack.

    Our sheets always quote a family name (tests/test_design.py), so the
    quoted name is an exact match; a stack of the family alone changes nothing.
    """
    for family, stack in stacks.items():
        if stack != (family,):
            stylesheet = stylesheet.replace(
                f'"{family}"', ", ".join(f'"{member}"' for member in stack)
            )
    return stylesheet


@functools.cache
def covered(family: str) -> frozenset[int]:
    """The characters the family's regular face draws, counting those it
    draws with a stand-in glyph (:data:`GLYPH_ALIASES`)."""
    import uharfbuzz as hb

    path, index = face_source(family, 400, "normal")
    drawn = set(hb.Face(hb.Blob.from_file_path(str(path)), index).unicodes)
    drawn.update(code for code, stand_ins in GLYPH_ALIASES.items() if drawn & set(stand_ins))
    return frozenset(drawn)


def is_cjk_family(family: str) -> bool:
    return " CJK " in family


def is_debian_family(family: str) -> bool:
    """Whether the family's faces come from a Debian package (static faces)."""
    return is_cjk_family(family) or family in DEBIAN_FACES


@functools.cache
def has_italic(family: str) -> bool:
    """Whether the family has italics of its own (CJK, Arabic, Hebrew and
    Indic faces have none)."""
    if family in ROLES:
        return True
    if is_debian_family(family):
        return False
    import fontpkg

    try:
        fontpkg.path(font_family(family).name, weight=400, style="italic")
    except fontpkg.StyleNotAvailable:
        return False
    return True


def face_source(family: str, weight: int, style: str) -> tuple[Path, int]:
    """The file (and the face's index in it, for a collection) the family's
    face is cut from."""
    if is_cjk_family(family):
        kind, region = family.removeprefix("Noto ").split(" CJK ")
        path = CJK_DIR / f"Noto{kind}CJK-{'Bold' if weight >= 700 else 'Regular'}.ttc"
        if not path.is_file():
            raise RenderError(f"the font {family} is not installed: install {CJK_PACKAGE}")
        return path, CJK_REGIONS.index(region)
    if family in DEBIAN_FACES:
        path, package = DEBIAN_FACES[family]
        if not path.is_file():
            raise RenderError(f"the font {family} is not installed: install {package}")
        return path, 0
    import fontpkg

    font_family(family)
    return fontpkg.path(family, weight=weight, style=style), 0


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
#: The features of vertical writing, which our books never use.
VERTICAL_FEATURES = ("vert", "vrt2", "vkna", "vhal", "vpal", "vkrn")


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
    if is_cjk_family(family):  # set horizontally: vertical forms are a tenth of the face
        for tag in VERTICAL_FEATURES:
            request.layout_feature_tag_set.discard(int.from_bytes(tag.encode(), "big"))
    subset = hb.subset(hb.Face(hb.Blob.from_file_path(str(path))), request)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not subset {family} {weight} {style}")
    drawn_style = style if has_italic(family) else "normal"
    if is_cjk_family(family):  # PostScript outlines
        name, media_type = f"{slug(family)}-{weight}-{drawn_style}.otf", "font/otf"
    else:
        name, media_type = f"{slug(family)}-{weight}-{drawn_style}.ttf", "font/ttf"
    return FontFace(family, weight, style, name, media_type, subset.blob.data)


def slug(family: str) -> str:
    return family.lower().replace(" ", "-")


@functools.cache
def family_version(family: str) -> str:
    """The installed family's version, which names its cached instances.

    Read from the package's own ``metadata.json``, the file fontpkg's registry
    reads too: the registry first scans every installed distribution's entry
    points, some 50 ms that every export would pay for a cache hit.
    """
    if is_debian_family(family):
        path, _ = face_source(family, 400, "normal")
        return f"{path.stat().st_size}"  # the file's size tells its releases apart
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
    import uharfbuzz as hb

    path, index = face_source(family, weight, style)
    face = hb.Face(hb.Blob.from_file_path(str(path)), index)
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
    for axis in axes - {"wght", "opsz"}:  # width, grade: the designer's default
        request.pin_axis_to_default(face, axis)
    subset = hb.subset(face, request)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not instance {family} {weight} {style}")
    if not axes:  # a static face (Noto CJK) keeps its own names
        return subset.blob.data
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
