"""Words too long for any line get break opportunities, and the user is told."""

from __future__ import annotations

import re

from exporter import model as m
from exporter.options import Options
from exporter.transforms import TRANSFORMS
from exporter.transforms.breaks import (
    BREAK_EVERY,
    BREAK_MARK,
    MAX_UNBROKEN,
    marked_breaks,
    note_long_words,
)
from exporter.writers import html


def document(*texts: str, title: str = "Titel") -> m.Document:
    blocks = tuple(m.Paragraph((m.Text(text),)) for text in texts)
    return m.Document(m.Metadata(title=title, language="de"), blocks)


def test_words_up_to_the_limit_are_left_alone() -> None:
    text = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz " + "a" * MAX_UNBROKEN
    assert marked_breaks(text) is text


def test_a_longer_word_may_break_every_few_characters_and_keeps_every_one() -> None:
    word = "x" * 1000
    marked = marked_breaks(f"before {word} after")
    assert marked.replace(BREAK_MARK, "") == f"before {word} after"
    assert marked.count(BREAK_MARK) == 1000 // BREAK_EVERY - 1
    assert {len(piece) for piece in marked.split(BREAK_MARK)[1:-1]} == {BREAK_EVERY}


def test_no_break_before_a_combining_mark() -> None:
    word = ("e\u0301" * 100)[: BREAK_EVERY + 1] + "x" * 200  # a mark right at the first cut
    marked = marked_breaks(word)
    assert marked.replace(BREAK_MARK, "") == word
    assert all(not piece.startswith("\u0301") for piece in marked.split(BREAK_MARK))


def test_the_xhtml_gets_wbr_elements_not_characters() -> None:
    word = "https://example.org/" + "a1b2c3&d4" * 40
    rendered = html.render(document(f"Siehe {word} und mehr."))
    body = "".join(section.xhtml for section in rendered.sections)
    assert "<wbr/>" in body and "\x00" not in body
    assert re.sub(r"<[^>]+>", "", body).count(word.replace("&", "&amp;")) == 1


def test_one_notice_counts_the_long_words_and_names_the_longest() -> None:
    doc = document("x" * 1_000_000, "kurz und gut", "y" * 150, title="z" * 120)
    (notice,) = note_long_words(doc, Options()).diagnostics
    assert notice.level == "notice"
    assert notice.message.startswith(
        "3 words longer than 100 characters (the longest has 1,000,000) may break after every"
        " 20 characters"
    )
    assert notice.message.endswith("every character is kept")
    assert note_long_words(document("kurz und gut"), Options()).diagnostics == ()


def test_the_notice_runs_with_the_transforms() -> None:
    assert ("note_long_words", note_long_words) in TRANSFORMS
