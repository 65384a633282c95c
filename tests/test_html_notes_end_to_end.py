"""A saved page with pandoc's footnotes, end to end: in the EPUB every call
is a noteref to a footnote aside holding the note's text, a note nobody
calls stands among them as text, the page's notes list and back arrows are
gone, nothing of the text or the notes is lost, and EPUBCheck finds nothing
to report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from support.epubcheck import run_epubcheck
from support.words import missing_in_order, words

import exporter

PAGE = Path(__file__).resolve().parent / "fixtures" / "html" / "salt-marsh.notes.en.html"
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

TEXT = [
    "The salt marsh floods twice a day, and twice a day the mud gives back what the tide"
    " brought in: weed, shells, the odd plank from a boat that sank long ago.",
    "Walking it at low water takes patience and good boots.",
    "Redshanks are the first to call when someone crosses the creek.",
    "Samphire grows where the water lingers longest.",
]
NOTES = [
    "The harbour master keeps a list of the wrecks; the oldest dates from 1783.",
    "See also the county bird report, which counts the breeding pairs every June.",
    "Sea purslane tolerates a flood only for a few hours. It marks the highest tides of the year.",
]
#: A fourth note in the list that no call names (its back link leads nowhere).
UNCALLED = "Tide tables for the estuary are posted at the harbour office."
CHROME = ["Archive", "Privacy", "Imprint"]


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("notes")
    result = exporter.export(PAGE, out_dir=out, options=exporter.Options(formats=("epub",)))
    (path,) = result.outputs
    return path


@pytest.fixture(scope="module")
def content(epub: Path) -> list[etree._Element]:
    """The book's content documents (not the nav, title page or cover)."""
    with zipfile.ZipFile(epub) as book:
        names = [
            n
            for n in book.namelist()
            if n.endswith(".xhtml")
            and not n.rsplit("/", 1)[-1].startswith(("nav", "title", "cover"))
        ]
        return [etree.fromstring(book.read(name)) for name in names]


def text_of(element: etree._Element) -> str:
    """The element's text, a space between elements (between paragraphs)."""
    return " ".join(" ".join(element.itertext()).split())


def test_epubcheck_finds_nothing(epub: Path) -> None:
    assert run_epubcheck(epub) == []


def test_every_call_is_a_noteref_to_an_aside_with_its_note(
    content: list[etree._Element],
) -> None:
    asides = {
        aside.get("id"): aside
        for doc in content
        for aside in doc.iter("{*}aside")
        if aside.get(EPUB_TYPE) == "footnote"
    }
    calls = [
        link for doc in content for link in doc.iter("{*}a") if link.get(EPUB_TYPE) == "noteref"
    ]
    assert [link.text for link in calls] == ["1", "2", "3"]
    targets = [asides[link.get("href").removeprefix("#")] for link in calls]
    for aside, note in zip(targets, NOTES, strict=True):
        assert note in text_of(aside)
        assert "↩" not in text_of(aside)


def test_the_notes_list_is_not_in_the_body(content: list[etree._Element]) -> None:
    assert [ol for doc in content for ol in doc.iter("{*}ol")] == []
    assert [hr for doc in content for hr in doc.iter("{*}hr")] == []


def test_no_word_of_text_or_notes_lost_and_none_of_the_chrome(
    content: list[etree._Element],
) -> None:
    book = " ".join(text_of(doc) for doc in content)
    assert missing_in_order(words(" ".join(TEXT)), words(book)) == []
    assert missing_in_order(words(" ".join(NOTES)), words(book)) == []
    assert [word for word in CHROME if word in book] == []


def test_a_note_nobody_calls_is_among_the_notes_without_number_or_arrow(
    content: list[etree._Element],
) -> None:
    (uncalled,) = [
        element
        for doc in content
        for element in doc.iter("{*}div")
        if "uncalled" in (element.get("class") or "").split()
    ]
    assert text_of(uncalled) == UNCALLED
