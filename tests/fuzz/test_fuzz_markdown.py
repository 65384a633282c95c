"""Fuzzing the Markdown reader: any bytes, any Markdown, generated documents."""

from __future__ import annotations

from hypothesis import given, note
from hypothesis import strategies as st
from support.fuzz import (
    any_markdown,
    body_words,
    fixture_files,
    markdown_document,
    missing_body_words,
    missing_in_order,
    mutated,
    read_or_refuse,
)

import exporter
from exporter.readers import reader_for
from exporter.source import Source

read_markdown = reader_for("markdown")
SEEDS = [path.read_bytes() for path in fixture_files("**/*.md")]


def markdown_source(data: bytes) -> Source:
    return Source(data, "input.md")


@given(st.binary())
def test_any_bytes_give_a_document_or_an_export_error(data: bytes) -> None:
    read_or_refuse(read_markdown, markdown_source(data))


@given(any_markdown)
def test_any_markdown_gives_a_document_or_an_export_error(text: str) -> None:
    read_or_refuse(read_markdown, markdown_source(text.encode("utf-8")))


@given(mutated(SEEDS))
def test_mutated_documents_give_a_document_or_an_export_error(data: bytes) -> None:
    read_or_refuse(read_markdown, markdown_source(data))


@given(markdown_document())
def test_every_visible_word_stays_in_order(document: tuple[str, str]) -> None:
    """Readable: a generated document, whose visible words we know (the
    words of its paragraphs, headings, items, code, cells and raw HTML, not
    its markup or link targets). All of them are in the body, in order,
    except the title and a byline the reader moves to the metadata."""
    markdown, visible = document
    outcome = read_or_refuse(read_markdown, markdown_source(markdown.encode("utf-8")))
    assert outcome is not None, "a generated document was refused"
    note(f"model: {body_words(outcome.document)}")
    assert missing_body_words(visible, outcome) == []


@given(markdown_document())
def test_every_word_survives_the_transforms(document: tuple[str, str]) -> None:
    source = markdown_source(document[0].encode("utf-8"))
    outcome = read_or_refuse(read_markdown, source)
    transformed = read_or_refuse(exporter.read, source)
    assert outcome is not None and transformed is not None
    assert missing_in_order(body_words(outcome.document), body_words(transformed.document)) == []
