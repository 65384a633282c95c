"""The cover: the user's image checked and scaled, or one set from title and author.

A generated cover is checked as a reader would see it, without OCR: the same
layout drawn as a PDF page with real text tells what the lines say (PyMuPDF
extracts them) and where they stand; the PNG must then have its ink exactly
there, as much of it as the PDF raster has, and nowhere else.
"""

from __future__ import annotations

import io
import itertools
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image
from support.python import python_output

from exporter import cover, cover_images, fonts
from exporter import model as m
from exporter.errors import OptionError
from exporter.options import THEMES, Options
from exporter.writers import html

SHORT = ("Die Welt ist einmal mehr aufgeschreckt", "Catherine H.")
LONG_TITLE = (
    "Über Bücher und Brücken: eine lange Betrachtung der Frage, warum Menschen überhaupt "
    "Brücken bauen und was das mit dem Lesen zu tun hat, wenn man es genau nimmt"
)
CASES = [
    ("book", *SHORT),
    ("news", "The Art of War", "Sun Tzu"),
    ("large-print", LONG_TITLE, "Anna Beispiel, Bernd Muster & Clara Exempel"),
    ("book", "Войти в одну реку дважды", "Анна Пример"),
]


def document(title: str = SHORT[0], authors: tuple[str, ...] = (SHORT[1],)) -> m.Document:
    return m.Document(m.Metadata(title=title, authors=authors, language="de"), ())


def image_bytes(kind: str, size: tuple[int, int], mode: str = "RGB", **settings: object) -> bytes:
    """A picture with some detail (a gradient), as a file of ``kind``."""
    width, height = size
    x = np.linspace(0, 255, width, dtype=np.uint8)
    y = np.linspace(0, 255, height, dtype=np.uint8)
    red = np.broadcast_to(x, (height, width))
    green = np.broadcast_to(y[:, None], (height, width))
    blue = np.full((height, width), 90, dtype=np.uint8)
    image = Image.fromarray(np.dstack([red, green, blue]).astype(np.uint8), "RGB").convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **settings)
    return buffer.getvalue()


# --- the generated cover, read back ----------------------------------------------


class Drawn:
    """One layout drawn both ways: the PNG, and the PDF page's text and raster."""

    def __init__(self, theme: str, title: str, author: str) -> None:
        self.theme, self.title, self.author = theme, title, author
        self.layout = cover_images.cover_layout(title, author, theme)
        self.png = Image.open(io.BytesIO(cover_images.draw_png(self.layout)))
        with pymupdf.open(stream=cover_images.draw_pdf(self.layout)) as pdf:
            page = pdf[0]
            self.page_size = (page.rect.width, page.rect.height)
            self.lines = [
                (
                    " ".join("".join(span["text"] for span in line["spans"]).split()),
                    pymupdf.Rect(line["bbox"]),
                )
                for block in page.get_text("dict")["blocks"]
                for line in block.get("lines", ())
            ]
            pixmap = page.get_pixmap()
            self.raster = Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)

    def ink(self, image: Image.Image) -> np.ndarray:
        """Where an image differs from the background."""
        pixels = np.asarray(image.convert("RGB")).astype(int)
        return np.abs(pixels - np.array(self.layout.palette.background)).sum(axis=2) > 60

    @property
    def title_lines(self) -> list[tuple[str, pymupdf.Rect]]:
        return self.lines[: len(self.layout.title)]

    @property
    def author_lines(self) -> list[tuple[str, pymupdf.Rect]]:
        return self.lines[len(self.layout.title) :]


@pytest.fixture(scope="module", params=CASES, ids=lambda case: f"{case[0]}-{case[1][:12]}")
def drawn(request: pytest.FixtureRequest) -> Drawn:
    return Drawn(*request.param)


def test_the_pdf_page_says_the_title_then_the_author(drawn: Drawn) -> None:
    assert " ".join(text for text, _ in drawn.title_lines) == drawn.title
    assert " ".join(text for text, _ in drawn.author_lines) == drawn.author
    assert drawn.layout.palette == cover_images.PALETTES[drawn.theme]


def test_the_png_has_the_same_ink_in_each_line_and_none_elsewhere(drawn: Drawn) -> None:
    png, pdf = drawn.ink(drawn.png), drawn.ink(drawn.raster)
    assert drawn.png.size == (cover_images.WIDTH, cover_images.HEIGHT)
    covered = np.zeros_like(png)
    for text, box in drawn.lines:
        x0, y0, x1, y1 = (round(v) for v in (box.x0 - 4, box.y0 - 4, box.x1 + 4, box.y1 + 4))
        covered[y0:y1, x0:x1] = True
        expected = pdf[y0:y1, x0:x1].sum()
        assert expected > 1000, text
        assert 0.85 < png[y0:y1, x0:x1].sum() / expected < 1.15, text
    rule = drawn.layout.rule
    covered[rule.y0 : rule.y1, rule.x0 : rule.x1] = True
    assert png[rule.y0 : rule.y1, rule.x0 : rule.x1].all()
    assert (png & ~covered).sum() == 0
    assert (pdf & ~covered).sum() == 0


def test_lines_stay_inside_the_margins_title_above_rule_above_author(drawn: Drawn) -> None:
    for _, box in drawn.lines:
        assert (
            box.x0 >= cover_images.MARGIN - 10
            and box.x1 <= cover_images.WIDTH - cover_images.MARGIN + 10
        )
        assert abs((box.x0 + box.x1) / 2 - cover_images.WIDTH / 2) < 20  # centred
    rule = drawn.layout.rule
    assert max(box.y1 for _, box in drawn.title_lines) <= rule.y0 + 40
    assert rule.y1 <= min(box.y0 for _, box in drawn.author_lines) + 20
    ink_rows = np.flatnonzero(drawn.ink(drawn.png).any(axis=1))
    assert ink_rows.min() > 200 and ink_rows.max() < cover_images.HEIGHT - 200


def test_title_lines_do_not_overlap(drawn: Drawn) -> None:
    ink = drawn.ink(drawn.png)
    baselines = [line.baseline for line in (*drawn.layout.title, *drawn.layout.author)]
    # between two baselines, some row is free of ink: the lines do not touch
    for upper, lower in itertools.pairwise(baselines):
        gap = ink[upper + 1 : lower].any(axis=1)
        assert not gap.all()


# --- size, speed, determinism ------------------------------------------------------


def test_generated_cover_is_a_small_deterministic_png_made_fast() -> None:
    cover.cover_image(document(), Options())  # faces cached, as after any export
    started = time.perf_counter()
    image = cover.cover_image(document(), Options())
    elapsed = time.perf_counter() - started
    assert (image.name, image.media_type) == ("cover.png", "image/png")
    assert image.data.startswith(b"\x89PNG")
    assert len(image.data) < 200_000
    assert elapsed < 1.0  # ~0.1 s alone; generous for a loaded test machine
    assert cover.cover_image(document(), Options()).data == image.data


@pytest.mark.parametrize(("kind", "settings"), [("PNG", {"compress_level": 6}), ("JPEG", {})])
def test_encoding_by_name_gives_the_bytes_pillow_gives_by_format(kind: str, settings) -> None:
    image = Image.new("RGB", (64, 40), (200, 30, 90))
    by_format = io.BytesIO()
    image.save(by_format, format=kind, **settings)
    assert cover_images.encode(image, kind, **settings) == by_format.getvalue()


@pytest.mark.parametrize("theme", THEMES)
def test_warming_up_opens_the_themes_faces_and_changes_no_cover(theme: str) -> None:
    before = cover_images.draw_cover("Titel", "Autorin", theme)
    cover_images.warm_up(theme)
    assert cover_images.draw_cover("Titel", "Autorin", theme) == before


def test_drawing_the_cover_loads_the_png_plugin_alone() -> None:
    script = (
        "import sys\n"
        "from exporter import cover_images\n"
        "cover_images.draw_cover('Titel', 'Autorin')\n"
        "print(sorted(m for m in sys.modules if m.endswith('ImagePlugin')))\n"
    )
    output = python_output(script)
    assert output == "['PIL.PngImagePlugin']"


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_has_its_colours_and_faces(theme: str) -> None:
    data = cover.cover_image(document(), Options(theme=theme)).data
    png = Image.open(io.BytesIO(data)).convert("RGB")
    assert png.getpixel((5, 5)) == cover_images.PALETTES[theme].background
    assert set(cover_images.TYPEFACES[theme]) <= set(fonts.THEME_FAMILIES[theme])


def test_different_titles_give_different_covers() -> None:
    first = cover.cover_image(document(), Options()).data
    assert cover.cover_image(document("Ein anderer Titel"), Options()).data != first


# --- fitting the title ---------------------------------------------------------------


def test_a_long_title_is_set_smaller_than_a_short_one_and_all_of_it_shows() -> None:
    short = cover_images.cover_layout("Kurz", "A")
    long = cover_images.cover_layout(LONG_TITLE, "A")
    assert long.title[0].size < short.title[0].size
    assert " ".join(line.text for line in long.title) == LONG_TITLE


def test_no_word_is_split_between_lines() -> None:
    layout = cover_images.cover_layout(LONG_TITLE, "Anna Beispiel & Bernd Muster")
    words = set(LONG_TITLE.split())
    for line in layout.title:
        assert set(line.text.split()) <= words


def test_a_title_too_long_for_the_cover_is_cut_with_an_ellipsis() -> None:
    title = " ".join(f"Wort{number}" for number in range(300))
    layout = cover_images.cover_layout(title, "A")
    assert len(layout.title) == cover_images.TITLE.most_lines
    assert layout.title[-1].text.endswith(cover_images.ELLIPSIS)
    assert all(line.width <= cover_images.WIDTH - 2 * cover_images.MARGIN for line in layout.title)


@pytest.mark.parametrize(
    "title",
    [
        "x" * 1_000_000,  # a paragraph of a million characters, the title derived from it
        "y" * 1_000_000 + " and some words after it",
        "Some words before it " + "z" * 1_000_000,
        " ".join(["word"] * 200_000),
    ],
)
def test_a_title_of_a_million_characters_is_drawn_cut_in_seconds(title: str) -> None:
    # Pillow refused to draw it (a decompression bomb), FreeType's widths
    # overflowed, and breaking it into lines failed.
    started = time.perf_counter()
    png = cover_images.draw_cover(title, "Anna Beispiel")
    assert time.perf_counter() - started < 5
    assert Image.open(io.BytesIO(png)).size == (cover_images.WIDTH, cover_images.HEIGHT)
    layout = cover_images.cover_layout(title, "Anna Beispiel")
    assert 1 < len(layout.title) <= cover_images.TITLE.most_lines
    assert layout.title[-1].text.endswith(cover_images.ELLIPSIS)
    assert all(line.width <= cover_images.WIDTH - 2 * cover_images.MARGIN for line in layout.title)
    shown = "".join(line.text for line in layout.title).replace(" ", "")
    assert title.replace(" ", "").startswith(shown.removesuffix(cover_images.ELLIPSIS))


def test_capped_rule_cuts_at_a_space_in_the_second_half_else_anywhere() -> None:
    limit = cover_images.MAX_COVER_CHARS
    assert cover_images.capped("kurz") == "kurz"
    assert cover_images.capped("a" * limit) == "a" * limit
    assert cover_images.capped("a" * (limit + 1)) == "a" * (limit - 1) + cover_images.ELLIPSIS
    words = " ".join(["abcdefghi"] * 100)
    cut = cover_images.capped(words)
    assert len(cut) <= limit and cut.endswith("abcdefghi" + cover_images.ELLIPSIS)


def test_a_long_title_stays_whole_in_the_metadata_and_on_the_title_page() -> None:
    title = "Nacht" * 1000
    document = m.Document(m.Metadata(title=title, language="de"), ())
    assert cover.cover_text(document, Options())[0] == title
    page = html.render(document).title_page
    assert page.count("<wbr/>") > 200
    assert page.replace("<wbr/>", "").count(title) == 1


def test_balanced_lines_even_out_the_lengths() -> None:
    # first fit would give "aaaa aaaa aaaa" / "aaaa": a lonely last word
    widths, space = [4.0, 4.0, 4.0, 4.0], 1.0
    assert cover_images.greedy_lines(widths, space, 14.0) == [(0, 3), (3, 4)]
    assert cover_images.balanced_lines(widths, space, 14.0) == [(0, 2), (2, 4)]


def test_balanced_lines_keep_the_fewest_lines() -> None:
    widths = [3.0] * 9
    lines = cover_images.balanced_lines(widths, 1.0, 11.0)
    assert len(lines) == len(cover_images.greedy_lines(widths, 1.0, 11.0)) == 3


def test_weak_break_rule_keeps_a_short_word_with_the_next() -> None:
    assert cover_images.weak_break_cost("of") == cover_images.SHORT_WORD_PENALTY
    assert cover_images.weak_break_cost("und,") == cover_images.SHORT_WORD_PENALTY
    assert cover_images.weak_break_cost("Brücken") == 0.0
    words = ["The", "Art", "of", "War"]
    widths = [3.0, 3.0, 2.0, 3.0]
    # "The Art of" / "War" and "The Art" / "of War" are both two lines; the
    # rule prefers the break that keeps "of" with "War"
    assert cover_images.balanced_lines(widths, 1.0, 10.0, words) == [(0, 2), (2, 4)]


def test_split_overlong_rule_cuts_only_what_cannot_fit() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    assert cover_images.split_overlong("short", measure, 10) == ["short"]
    assert cover_images.split_overlong("x" * 25, measure, 10) == ["x" * 10, "x" * 10, "x" * 5]


# --- the user's cover ------------------------------------------------------------------


def test_a_png_or_jpeg_of_sane_size_is_kept_byte_for_byte() -> None:
    png = image_bytes("PNG", (800, 1280))
    jpeg = image_bytes("JPEG", (800, 1280), quality=85)
    assert cover_images.checked_cover(png, "mine.png") == m.Resource("cover.png", "image/png", png)
    assert cover_images.checked_cover(jpeg, "mine.jpeg") == m.Resource(
        "cover.jpg", "image/jpeg", jpeg
    )


def test_the_type_comes_from_the_bytes_not_the_name() -> None:
    jpeg = image_bytes("JPEG", (100, 160))
    assert cover_images.checked_cover(jpeg, "named.png").media_type == "image/jpeg"


def test_a_huge_cover_is_scaled_down_keeping_its_shape_the_same_way_each_time() -> None:
    huge = image_bytes("PNG", (2400, 4000))
    resource = cover_images.checked_cover(huge, "huge.png")
    scaled = Image.open(io.BytesIO(resource.data))
    assert scaled.size == (1536, 2560)
    assert resource.media_type == "image/png"
    assert cover_images.checked_cover(huge, "huge.png").data == resource.data


def test_a_large_file_is_reencoded_even_when_its_pixels_are_few() -> None:
    noise = np.random.default_rng(1).integers(0, 256, (1800, 1200, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise, "RGB").save(buffer, format="PNG")
    assert len(buffer.getvalue()) > cover_images.MAX_BYTES
    resource = cover_images.checked_cover(buffer.getvalue(), "noise.png")
    # opaque and still too heavy as a PNG: a JPEG carries it
    assert resource.media_type == "image/jpeg"
    assert len(resource.data) < cover_images.MAX_BYTES


def test_a_rotated_phone_photo_is_stored_upright() -> None:
    exif = Image.Exif()
    exif[cover_images.ORIENTATION_TAG] = 6  # turn 90° clockwise to show
    data = image_bytes("JPEG", (300, 200), exif=exif.tobytes())
    resource = cover_images.checked_cover(data, "phone.jpg")
    upright = Image.open(io.BytesIO(resource.data))
    assert upright.size == (200, 300)
    assert upright.getexif().get(cover_images.ORIENTATION_TAG, 1) == 1


def test_a_cmyk_jpeg_becomes_rgb() -> None:
    data = image_bytes("JPEG", (100, 160), mode="CMYK")
    resource = cover_images.checked_cover(data, "print.jpg")
    assert Image.open(io.BytesIO(resource.data)).mode == "RGB"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"not an image at all\n", "must be a JPEG or PNG image"),
        (image_bytes("GIF", (10, 10), mode="P"), "not GIF"),
        (image_bytes("WEBP", (10, 10)), "not WEBP"),
        (image_bytes("PNG", (100, 100))[:200], "must be a JPEG or PNG image"),
    ],
    ids=["text", "gif", "webp", "truncated"],
)
def test_anything_but_a_sound_jpeg_or_png_is_refused(data: bytes, fragment: str) -> None:
    with pytest.raises(OptionError) as raised:
        cover_images.checked_cover(data, "cover.x")
    message = str(raised.value)
    assert message.startswith("cover.x: ") and fragment in message
    assert "\n" not in message


def test_with_cover_replaces_an_earlier_cover() -> None:
    front_matter = m.Resource("cover.jpg", "image/jpeg", b"old")
    figure = m.Resource("map.png", "image/png", b"map")
    doc = replace(
        document(),
        metadata=replace(document().metadata, cover="cover.jpg"),
        resources=(figure, front_matter),
    )
    new = m.Resource("cover.png", "image/png", b"new")
    changed = cover.with_cover(doc, new)
    assert changed.metadata.cover == "cover.png"
    assert changed.resources == (figure, new)
    assert cover.cover_image(changed, Options()) == new


def test_the_generated_cover_never_takes_a_resource_name() -> None:
    taken = m.Resource("cover.png", "image/png", b"a figure named so")
    doc = replace(document(), resources=(taken,))
    assert cover.cover_image(doc, Options()).name == "cover-2.png"


# --- the description ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Cover: Titel von Anna & Bernd"),
        ("en-GB", "Cover: Titel by Anna & Bernd"),
        ("fr", "Couverture\u202f: Titel par Anna & Bernd"),
        ("es", "Cubierta: Titel de Anna & Bernd"),
        ("it", "Copertina: Titel di Anna & Bernd"),
        ("nl", "Cover: Titel by Anna & Bernd"),
    ],
)
def test_the_description_names_title_and_authors_in_the_books_language(
    language: str, expected: str
) -> None:
    metadata = m.Metadata(title="Titel", authors=("Anna", "Bernd"), language=language)
    assert cover.cover_description(metadata) == expected


def test_a_description_without_authors_names_the_title() -> None:
    assert cover.cover_description(m.Metadata(title="Titel", language="en")) == "Cover: Titel"


# --- titles in other scripts -----------------------------------------------------

CJK_TITLE = "東京の春、桜の開花が早まる"


def test_a_cjk_title_breaks_between_characters_but_not_before_closing_marks() -> None:
    units, joiner = cover_images.breakable_units("東京の春、「桜」の開花")
    assert joiner == ""
    assert units == ["東", "京", "の", "春、", "「桜」", "の", "開", "花"]
    assert cover_images.breakable_units("The Art of War") == (["The", "Art", "of", "War"], " ")


@pytest.mark.parametrize(
    ("title", "author", "language", "family"),
    [
        (CJK_TITLE, "山田太郎", "ja", "Noto Serif CJK JP"),
        ("وكالة الفضاء تطلق مهمة جديدة إلى القمر", "أحمد خالد", "ar", "Noto Sans Arabic"),
        ("שמש חורפית מעל ירושלים", "דנה לוי", "he", "Frank Ruhl Libre"),
        ("बारिश ने बढ़ाई किसानों की उम्मीद", "राहुल शर्मा", "hi", "Noto Sans Devanagari"),
    ],
)
def test_a_title_in_another_script_is_drawn_in_a_face_that_has_it(
    title: str, author: str, language: str, family: str
) -> None:
    """The face drawing each line holds every character of it (no empty
    boxes), and the title leaves ink a cover with an empty title lacks."""
    layout = cover_images.cover_layout(title, author, "book", language)
    assert "".join(line.text for line in layout.title).replace(" ", "") == title.replace(" ", "")
    for line in (*layout.title, *layout.author):
        assert fonts.needed_characters(line.text) <= fonts.covered(family)
        assert fonts.static_face(700 if line in layout.title else 400, "normal", family).path == (
            Path(line.font)
        )
    drawn = np.asarray(Image.open(io.BytesIO(cover_images.draw_png(layout))))
    empty = np.asarray(
        Image.open(
            io.BytesIO(
                cover_images.draw_png(cover_images.cover_layout("", author, "book", language))
            )
        )
    )
    top = layout.title[0].baseline - layout.title[0].size
    bottom = layout.title[-1].baseline
    assert (drawn[top:bottom] != empty[top:bottom]).sum() > 20_000
    assert len(layout.title) >= 2  # set large and broken, not shrunk onto one line


def test_the_cover_text_carries_the_documents_language() -> None:
    doc = m.Document(m.Metadata(title=CJK_TITLE, authors=("山田太郎",), language="ja"), ())
    assert cover.cover_text(doc, Options()) == (CJK_TITLE, "山田太郎", "book", "ja")
