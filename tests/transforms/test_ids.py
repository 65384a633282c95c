"""Heading ids and the document identifier: unique, safe, stable."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from exporter.model import (
    BlockQuote,
    Chapter,
    DefinitionItem,
    DefinitionList,
    Document,
    Emphasis,
    FootnoteDef,
    FootnoteRef,
    Heading,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Text,
)
from exporter.options import Options
from exporter.readers import text
from exporter.source import Source
from exporter.transforms.ids import assign_ids, iter_headings, slugify

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"

#: What XML (NCName), CSS and URL fragments all accept without escaping.
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
UUID_URN = re.compile(
    r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
)


def heading(text: str, id_: str = "") -> Heading:
    return Heading(2, (Text(text),), id_)


def ids_of(document: Document) -> list[str]:
    return [h.id for h in iter_headings(assign_ids(document, Options()).document.blocks)]


def with_headings(*headings: Heading) -> Document:
    return Document(Metadata(title="T"), headings)


@pytest.fixture(scope="module")
def sample() -> Document:
    return text.read(Source(SAMPLE.read_bytes(), SAMPLE.name)).document


def test_sample_heading_ids(sample: Document) -> None:
    assert ids_of(sample) == [
        "ein-geheimes-bundnis-wird-sichtbar",
        "heldenstatus",
        "die-russische-bestatigung-und-was-dahintersteckt",
        "eine-neue-eskalationsstufe",
        "kiews-position-und-das-grosse-schweigen",
        "eine-welt-im-umbruch",
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Ein geheimes Bündnis wird sichtbar", "ein-geheimes-bundnis-wird-sichtbar"),
        ("Kiews Position – und das große Schweigen", "kiews-position-und-das-grosse-schweigen"),
        ("Café, Crème & Œuvre", "cafe-creme-oeuvre"),
        ("Łódź und Ærø", "lodz-und-aero"),
        ("Was nun?", "was-nun"),
        ("„Zitat“ (mit Klammern)", "zitat-mit-klammern"),
        ("2024: Ein Rückblick", "h-2024-ein-ruckblick"),  # ids start with a letter
        ("Section 3", "h-section-3"),  # would collide with the renderer's section ids
        ("Section: Intro", "h-section-intro"),
        ("FN 1", "h-fn-1"),  # would collide with footnote ids
        ("Россия и Северная Корея", "section"),  # nothing ASCII-foldable
        ("???", "section"),
        (
            "Ein sehr langer Zwischentitel, der weit mehr Wörter hat, als ein Link braucht",
            "ein-sehr-langer-zwischentitel-der-weit-mehr-worter-hat-als",
        ),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert SAFE_ID.fullmatch(slug)
    assert len(slug) <= 60


def test_duplicates_are_numbered_in_document_order() -> None:
    doc = with_headings(heading("Fazit"), heading("Fazit"), heading("fazit!"), heading("Fazit 2"))
    assert ids_of(doc) == ["fazit", "fazit-2", "fazit-3", "fazit-2-2"]


def test_preset_ids_are_kept_and_claimed_first() -> None:
    doc = with_headings(
        heading("Intro"),  # its slug "intro" belongs to the author's id below
        heading("Anything", "intro"),
        heading("Again", "intro"),  # a duplicate preset id is unique-ified
        heading("Unsafe", "2 bad id"),  # an unsafe preset id is made safe
        heading("Footnote-like", "fn-1"),
    )
    assert ids_of(doc) == ["intro-3", "intro", "intro-2", "h-2-bad-id", "h-fn-1"]


def test_headings_inside_quotes_and_lists_get_ids() -> None:
    doc = Document(
        Metadata(title="T"),
        (
            heading("Oben"),
            BlockQuote((heading("Oben"),)),
            ListBlock((ListItem((heading("Im Punkt"), Paragraph((Text("x"),)))),)),
        ),
    )
    result = assign_ids(doc, Options()).document
    assert [h.id for h in iter_headings(result.blocks)] == ["oben", "oben-2", "im-punkt"]
    assert result.blocks[2].items[0].blocks[1] == Paragraph((Text("x"),))


def test_headings_inside_definitions_get_ids() -> None:
    definition = (heading("Oben"), Paragraph((Text("x"),)))
    doc = Document(
        Metadata(title="T"),
        (heading("Oben"), DefinitionList((DefinitionItem((Text("Term"),), (definition,)),))),
    )
    result = assign_ids(doc, Options()).document
    assert [h.id for h in iter_headings(result.blocks)] == ["oben", "oben-2"]
    assert result.blocks[1].items[0].definitions[0][1] == Paragraph((Text("x"),))


def test_every_id_is_unique_and_safe(sample: Document) -> None:
    doc = replace(sample, blocks=sample.blocks + sample.blocks)
    ids = ids_of(doc)
    assert len(ids) == 12
    assert len(set(ids)) == 12
    assert all(SAFE_ID.fullmatch(id_) for id_ in ids)


def test_ids_are_stable_across_runs(sample: Document) -> None:
    assert ids_of(sample) == ids_of(sample)
    again = text.read(Source(SAMPLE.read_bytes(), SAMPLE.name)).document
    assert ids_of(again) == ids_of(sample)


def test_identifier_is_a_content_derived_uuid(sample: Document) -> None:
    first = assign_ids(sample, Options()).document.metadata.identifier
    assert UUID_URN.fullmatch(first)
    again = text.read(Source(SAMPLE.read_bytes(), SAMPLE.name)).document
    assert assign_ids(again, Options()).document.metadata.identifier == first
    changed = replace(sample, metadata=replace(sample.metadata, title="Anders"))
    assert assign_ids(changed, Options()).document.metadata.identifier != first
    edited = replace(sample, blocks=sample.blocks[:-1])
    assert assign_ids(edited, Options()).document.metadata.identifier != first


def test_identifier_does_not_depend_on_itself(sample: Document) -> None:
    derived = assign_ids(sample, Options()).document
    # running again on the finished document keeps everything
    assert assign_ids(derived, Options()).document == derived


def test_given_identifier_is_kept(sample: Document) -> None:
    doc = replace(sample, metadata=replace(sample.metadata, identifier="isbn:9783161484100"))
    assert assign_ids(doc, Options()).document.metadata.identifier == "isbn:9783161484100"


# --- books ---------------------------------------------------------------------------


def chapter(*blocks: object, id_: str = "") -> Chapter:
    return Chapter(Metadata(title="C"), blocks, id_)  # type: ignore[arg-type]


def note(label: str, words: str) -> tuple[Paragraph, FootnoteDef]:
    """A paragraph calling the note (inside an emphasis) and the note."""
    call = Paragraph((Emphasis((Text(words), FootnoteRef(label))),))
    return call, FootnoteDef(label, (Paragraph((Text(words),)),))


def test_chapters_get_ids_by_position_before_any_heading() -> None:
    doc = Document(
        Metadata(title="Buch"),
        (
            chapter(heading("Chapter 2"), heading("Fazit")),
            chapter(heading("Fazit"), id_="vorwort"),
            chapter(heading("Fazit")),
        ),
    )
    result = assign_ids(doc, Options()).document
    assert [c.id for c in result.blocks] == ["chapter-1", "vorwort", "chapter-3"]
    # Headings are unique across the book, and none takes a chapter's id.
    assert [h.id for h in iter_headings(result.blocks)] == [
        "chapter-2",
        "fazit",
        "fazit-2",
        "fazit-3",
    ]


def test_a_heading_slug_never_takes_a_chapter_id() -> None:
    doc = Document(Metadata(title="B"), (chapter(heading("Chapter 2")), chapter()))
    result = assign_ids(doc, Options()).document
    assert [c.id for c in result.blocks] == ["chapter-1", "chapter-2"]
    assert [h.id for h in iter_headings(result.blocks)] == ["chapter-2-2"]


def test_note_labels_are_made_unique_across_chapters() -> None:
    doc = Document(
        Metadata(title="Buch"),
        (chapter(*note("1", "eins")), chapter(*note("1", "zwei")), chapter(*note("2", "drei"))),
    )
    result = assign_ids(doc, Options()).document
    first, second, third = result.blocks
    assert first == replace(doc.blocks[0], id="chapter-1")  # the first keeps its labels
    call, definition = second.blocks
    assert call.children[0].children[1] == FootnoteRef("chapter-2-1")
    assert definition.label == "chapter-2-1"
    assert definition.blocks == (Paragraph((Text("zwei"),)),)
    assert third.blocks[1].label == "2"  # no collision, no rename
    assert assign_ids(result, Options()).document == result  # stable on a second run
