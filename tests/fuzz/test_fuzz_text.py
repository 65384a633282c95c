"""Fuzzing the plain-text reader: any bytes, any text, any pasted article."""

from __future__ import annotations

from hypothesis import given, note
from hypothesis import strategies as st
from support.fuzz import (
    any_text,
    body_words,
    encoded_text,
    fixture_files,
    missing_body_words,
    missing_in_order,
    mutated,
    read_or_refuse,
)

import exporter
from exporter.errors import InputError
from exporter.readers import reader_for
from exporter.readers.encoding import decode
from exporter.source import Source

read_text = reader_for("text")
SEEDS = [path.read_bytes() for path in fixture_files("text/*.txt", "scripts/*.txt")]


def text_source(data: bytes) -> Source:
    return Source(data, "input.txt")


@given(st.binary())
def test_any_bytes_give_a_document_or_an_export_error(data: bytes) -> None:
    read_or_refuse(read_text, text_source(data))


@given(mutated(SEEDS))
def test_mutated_articles_give_a_document_or_an_export_error(data: bytes) -> None:
    read_or_refuse(read_text, text_source(data))


@given(encoded_text())
def test_any_encoded_text_gives_a_document_or_an_export_error(sample: tuple[str, bytes]) -> None:
    _text, data = sample
    read_or_refuse(read_text, text_source(data))


def decoded(data: bytes) -> str | None:
    """The text the reader reads, or ``None`` when the bytes are not text."""
    try:
        return decode(data, "input.txt")[0]
    except InputError:
        return None


@given(any_text)
def test_every_word_of_readable_text_stays_in_order(text: str) -> None:
    """Readable: the bytes decode (every reader decodes alike). Then every
    word of the decoded text is in the body, in order, except the title and
    the bylines, which the reader names as it moves them to the metadata."""
    data = text.encode("utf-8")
    outcome = read_or_refuse(read_text, text_source(data))
    readable = decoded(data)
    if outcome is None or readable is None:
        return
    note(f"model: {body_words(outcome.document)}")
    assert missing_body_words(readable, outcome) == []


@given(any_text)
def test_every_word_survives_the_transforms(text: str) -> None:
    """The same through the public API: language, title, typography and
    ids change characters around words, never words."""
    source = text_source(text.encode("utf-8"))
    outcome = read_or_refuse(read_text, source)
    transformed = read_or_refuse(exporter.read, source)
    if outcome is None:
        return
    assert transformed is not None, "the reader read it, the API refused it"
    assert missing_in_order(body_words(outcome.document), body_words(transformed.document)) == []
