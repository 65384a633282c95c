"""The faces of each script (exporter.fonts): which face sets which
characters, and what the writers embed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from exporter import fonts
from exporter.errors import RenderError
from exporter.options import Options

THEME = (fonts.FAMILY, fonts.SANS_FAMILY)


def test_a_latin_document_keeps_the_theme_faces_alone() -> None:
    """The sample's promise: Latin text (with the narrow no-break space and
    quotes German typography inserts) gains no face."""
    text = (
        "Die Welt ist \u201eeinmal\u201c mehr aufgeschreckt \u2013 z.\u202fB. 10\u202f000 Soldaten."
    )
    assert fonts.document_stacks(text, "de", THEME) == {
        fonts.FAMILY: (fonts.FAMILY,),
        fonts.SANS_FAMILY: (fonts.SANS_FAMILY,),
    }


def test_greek_and_cyrillic_need_no_other_face() -> None:
    stacks = fonts.document_stacks("Αθήνα. Москва.", "el", (fonts.FAMILY,))
    assert stacks == {fonts.FAMILY: (fonts.FAMILY,)}


@pytest.mark.parametrize(
    ("language", "serif", "sans"),
    [
        ("ja", "Noto Serif CJK JP", "Noto Sans CJK JP"),
        ("zh", "Noto Serif CJK SC", "Noto Sans CJK SC"),
        ("zh-TW", "Noto Serif CJK TC", "Noto Sans CJK TC"),
        ("ko", "Noto Serif CJK KR", "Noto Sans CJK KR"),
        ("ar", "Noto Sans Arabic", "Noto Sans Arabic"),
        ("he", "Frank Ruhl Libre", "Heebo"),
        ("hi", "Noto Sans Devanagari", "Noto Sans Devanagari"),
        ("th", "Noto Sans Thai", "Noto Sans Thai"),
    ],
)
def test_a_document_in_another_script_starts_with_that_scripts_face(
    language: str, serif: str, sans: str
) -> None:
    stacks = fonts.document_stacks("text 2024", language, THEME)
    assert stacks[fonts.FAMILY] == (serif, fonts.FAMILY)
    assert stacks[fonts.SANS_FAMILY] == (sans, fonts.SANS_FAMILY)


def test_a_quotation_in_another_script_adds_its_face_after_ours() -> None:
    text = "The sign read 北京 and שלום and नमस्ते and مرحبا."
    stack = fonts.document_stacks(text, "en", (fonts.FAMILY,))[fonts.FAMILY]
    assert stack == (
        fonts.FAMILY,
        "Noto Sans Arabic",
        "Frank Ruhl Libre",
        "Noto Sans Devanagari",
        "Noto Serif CJK SC",  # Han outside a CJK document: Simplified Chinese
    )


def test_characters_that_need_no_glyph_add_no_face() -> None:
    """Joiners, bidi marks, the soft hyphen and controls are not drawn."""
    text = "a\u200db\u200e\u00adc\u2060d\ufeff\x07"
    assert fonts.needed_characters(text) == {ord(c) for c in "abcd"}
    assert fonts.document_stacks(text, "en", (fonts.FAMILY,))[fonts.FAMILY] == (fonts.FAMILY,)


def test_with_stacks_names_every_face_where_the_sheet_names_the_theme_face() -> None:
    sheet = 'body { font-family: "Literata", serif; }\nh2 { font-family: "Source Sans 3"; }'
    stacks = {
        fonts.FAMILY: ("Noto Serif CJK JP", fonts.FAMILY),
        fonts.SANS_FAMILY: (fonts.SANS_FAMILY,),
    }
    assert fonts.with_stacks(sheet, stacks) == (
        'body { font-family: "Noto Serif CJK JP", "Literata", serif; }\n'
        'h2 { font-family: "Source Sans 3"; }'
    )


def test_a_cjk_face_is_cut_to_the_documents_characters() -> None:
    """A Japanese book carries a few KB of Noto CJK, not its 20 MB, as
    OpenType (PostScript outlines); the italic style is the upright file."""
    text = "東京の春、桜の開花が早まる。"
    faces = fonts.embedded_faces(text, ("Noto Serif CJK JP",))
    assert {(face.weight, face.style) for face in faces} == {
        (400, "normal"),
        (400, "italic"),
        (700, "normal"),
        (700, "italic"),
    }
    assert len({face.file_name for face in faces}) == 2  # no italic files
    regular = next(face for face in faces if face.weight == 400 and face.style == "normal")
    assert regular.file_name.endswith(".otf") and regular.media_type == "font/otf"
    assert len(regular.data) < 100_000
    font = TTFont(io.BytesIO(regular.data))
    assert {ord(c) for c in text} <= set(font.getBestCmap())
    assert font["name"].getDebugName(1) == "Noto Serif CJK JP"


def test_a_face_without_italics_serves_the_italic_style_upright() -> None:
    upright = fonts.static_face(400, "normal", "Noto Sans Arabic")
    italic = fonts.static_face(400, "italic", "Noto Sans Arabic")
    assert italic.style == "italic" and italic.path == upright.path
    assert (
        fonts.static_face(400, "italic", "Noto Serif").path
        != fonts.static_face(400, "normal", "Noto Serif").path
    )


def test_an_instanced_fallback_face_is_static_and_named() -> None:
    """Variable Noto faces are pinned on every axis (weight and width)."""
    font = TTFont(fonts.static_face(700, "normal", "Noto Sans Arabic").path)
    assert "fvar" not in font
    assert font["name"].getDebugName(4) == "Noto Sans Arabic Bold"


def test_missing_cjk_collection_names_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "CJK_DIR", tmp_path)
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        fonts.face_source("Noto Serif CJK KR", 400, "normal")


def test_the_epub_carries_only_the_faces_that_draw_something() -> None:
    """Noto CJK draws a Japanese book's Latin letters too: Literata stays
    out. A Latin book keeps its theme faces; a quotation adds its face."""
    japanese = "東京 Reuters 2024"
    stacks = fonts.document_stacks(japanese, "ja", THEME)
    assert fonts.drawing_families(japanese, stacks) == ("Noto Serif CJK JP", "Noto Sans CJK JP")
    english = "The sign read 北京."
    stacks = fonts.document_stacks(english, "en", THEME)
    assert fonts.drawing_families(english, stacks) == (
        fonts.FAMILY,
        "Noto Serif CJK SC",
        fonts.SANS_FAMILY,
        "Noto Sans CJK SC",
    )
    assert fonts.drawing_families("", {fonts.FAMILY: (fonts.FAMILY,)}) == (fonts.FAMILY,)


def test_symbols_stay_text_and_only_emoji_are_drawn_as_emoji() -> None:
    """A symbol Noto Serif has (‖) is set in it; an emoji no text face has is
    drawn from Noto Color Emoji (three of the benchmark's 181 pages hold 🙂)."""
    stack = fonts.document_stacks("a \u2016 b and 🙂.", "en", (fonts.FAMILY,))[fonts.FAMILY]
    assert stack == (fonts.FAMILY, "Noto Serif", "Noto Color Emoji")
    face = fonts.embedded_faces("🙂", ("Noto Color Emoji",))[0]
    assert len(face.data) < 20_000  # one bitmap glyph, not the 10 MB face


def test_an_emoji_prints_in_the_pdf(tmp_path: Path) -> None:
    """The PDF draws the emoji from the embedded face, not as an empty box."""
    import pymupdf

    import exporter
    from exporter.check.pdf import missing_glyphs

    source = tmp_path / "smile.md"
    source.write_text("# A smile\n\nThe reply was a single 🙂 and nothing more.\n", "utf-8")
    options = Options(formats=("pdf",))
    result = exporter.export(source, out_dir=tmp_path / "out", options=options)
    with pymupdf.open(result.outputs[0]) as pdf:
        assert missing_glyphs(pdf) is None
        names = {font[3] for page in pdf for font in page.get_fonts()}
    assert any(name.endswith("+Noto-Color-Emoji") for name in names), names
