"""Fuzzing the HTML reader: any bytes, any markup, pages of random
elements, mutated saved pages, and clean articles whose words must stay."""

from __future__ import annotations

from hypothesis import given, note
from hypothesis import strategies as st
from support.fuzz import (
    any_html,
    body_words,
    examples,
    fixture_files,
    fuzz_words,
    html_article,
    missing_in_order,
    mutated,
    read_or_refuse,
)

import exporter
from exporter.readers import reader_for
from exporter.source import Source

read_html = reader_for("html")
SEED_FILES = fixture_files("html/*.html", "structures/*.html")
SEEDS = [path.read_bytes() for path in SEED_FILES]
#: The folder of the seed pages: their pictures are embedded when a mutation keeps them.
BASE = SEED_FILES[0].parent


def html_source(data: bytes) -> Source:
    return Source(data, "input.html", BASE)


@given(st.binary())
def test_any_bytes_give_a_document_or_an_export_error(data: bytes) -> None:
    read_or_refuse(read_html, html_source(data))


@given(any_html)
def test_any_markup_gives_a_document_or_an_export_error(text: str) -> None:
    read_or_refuse(read_html, html_source(text.encode("utf-8")))


@examples(2)
@given(mutated(SEEDS))
def test_mutated_pages_give_a_document_or_an_export_error(data: bytes) -> None:
    read_or_refuse(read_html, html_source(data))


@given(html_article())
def test_every_word_of_plain_paragraphs_stays_in_order(page: tuple[str, list[str]]) -> None:
    """Chrome removal drops words by design, so only the article's plain
    paragraphs are checked: long, letters only, nothing like chrome."""
    markup, paragraphs = page
    outcome = read_or_refuse(exporter.read, html_source(markup.encode("utf-8")))
    assert outcome is not None, "a clean article was refused"
    expected = fuzz_words("\n\n".join(paragraphs))
    note(f"model: {body_words(outcome.document)}")
    assert missing_in_order(expected, body_words(outcome.document)) == []
