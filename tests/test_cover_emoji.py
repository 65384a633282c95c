"""A title no text face draws (an emoji) still gets a cover.

Found by the fuzz tests (``tests/fixtures/fuzz/emoji-alone-as-title.md``): a
title of one emoji picked Noto Color Emoji for the cover, whose bitmaps
FreeType sets at one size only, and the export ended in an internal error.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

import exporter
from exporter import cover_images
from exporter.options import Options
from exporter.source import Source


@pytest.mark.parametrize("title", ["🙂", "↩", "🙂 Night trains 🙁"])
def test_an_emoji_title_is_set_in_a_text_face(title: str) -> None:
    assert cover_images.cover_family(title, "Literata", "en") not in cover_images.BITMAP_FAMILIES


@pytest.mark.parametrize("title", ["🙂", "↩"])
def test_an_article_titled_with_an_emoji_exports_with_a_cover(tmp_path, title: str) -> None:
    text = f"{title}\n\nThe night train to Vienna leaves at nine and arrives early.\n"
    result = exporter.export(
        Source(text.encode(), "emoji.txt", None),
        out_dir=tmp_path,
        options=Options(formats=("epub",), title=title, source_date_epoch=0),
    )
    [epub] = result.outputs
    with zipfile.ZipFile(epub) as book:
        [cover] = [name for name in book.namelist() if "cover" in name and name.endswith(".png")]
        assert Image.open(io.BytesIO(book.read(cover))).size[0] > 0
