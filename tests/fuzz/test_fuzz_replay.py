"""Every input that ever made a fuzz test fail, replayed on every run
(``tests/fixtures/fuzz/``, see its README): each must be read and exported
by the same properties as the fuzz tests check."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.fuzz import (
    EPUB,
    FIXTURES,
    PDF,
    assert_model_words_in,
    body_words,
    export_or_refuse,
    missing_body_words,
    missing_in_order,
    read_or_refuse,
)

import exporter
from exporter.errors import InputError
from exporter.readers import EXTENSIONS, reader_for
from exporter.readers.encoding import decode
from exporter.source import Source

CASES = sorted(
    path
    for path in (FIXTURES / "fuzz").iterdir()
    if path.suffix in EXTENSIONS and path.name != "README.md"
)
#: Bugs the fuzz tests found and nobody has fixed yet (see the README): the
#: test of that output fails, and must, until the bug is fixed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def cases(fmt: str) -> list[object]:
    return [
        pytest.param(
            path,
            id=path.name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[path.name, fmt])]
            if (path.name, fmt) in KNOWN_BUGS
            else [],
        )
        for path in CASES
    ]


#: Inputs in scripts whose PDF text cannot be read back (see the README):
#: their PDF must be made, its words are not compared.
UNREADABLE_PDF_TEXT = ".unreadable-pdf-text"


def source(path: Path) -> Source:
    return Source(path.read_bytes(), path.name, path.parent)


def test_there_are_cases() -> None:
    assert CASES


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_the_reader_and_the_api_read_it_or_refuse_it(path: Path) -> None:
    outcome = read_or_refuse(reader_for(EXTENSIONS[path.suffix]), source(path))
    transformed = read_or_refuse(exporter.read, source(path))
    assert (outcome is None) == (transformed is None)
    if outcome is None or transformed is None:
        return
    assert missing_in_order(body_words(outcome.document), body_words(transformed.document)) == []
    if EXTENSIONS[path.suffix] == "text":
        try:
            text = decode(path.read_bytes(), path.name)[0]
        except InputError:
            return
        assert missing_body_words(text, outcome) == []


@pytest.mark.parametrize("path", cases("epub"))
def test_it_exports_to_an_epub_with_every_word(path: Path) -> None:
    exported = export_or_refuse(path.name, path.read_bytes(), EPUB)
    if exported is not None:
        assert_model_words_in(*exported)


@pytest.mark.parametrize("path", cases("pdf"))
def test_it_exports_to_a_pdf_with_every_word(path: Path) -> None:
    exported = export_or_refuse(path.name, path.read_bytes(), PDF)
    if exported is not None and UNREADABLE_PDF_TEXT not in path.name:
        assert_model_words_in(*exported)
