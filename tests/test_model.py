"""The model: immutable, typed, with a lossless JSON round trip."""

from __future__ import annotations

import dataclasses

import pytest

from exporter import model as m


def every_node_document() -> m.Document:
    text = (m.Text("Käse „quoted“ "), m.Emphasis((m.Text("em"),)), m.LineBreak())
    return m.Document(
        m.Metadata(
            title="Titel",
            subtitle="Untertitel",
            authors=("A. Autor", "B. Autorin"),
            language="de",
            date="2025-04-28",
            publisher="Verlag",
            description="Beschreibung",
            rights="CC BY 4.0",
            identifier="urn:uuid:1",
            source="https://example.org/a",
        ),
        (
            m.Heading(2, (m.Text("Teil"),), id="teil"),
            m.Paragraph(
                (
                    *text,
                    m.Strong((m.Code("x < y"),)),
                    m.Link("https://example.org", (m.Text("link"),), title="t"),
                    m.FootnoteRef("1"),
                    m.Span((m.Text("hello"),), lang="en"),
                )
            ),
            m.BlockQuote((m.Paragraph((m.Text("q"),)),)),
            m.ListBlock((m.ListItem((m.Paragraph((m.Text("i"),)),)),), ordered=True, start=3),
            m.SceneBreak(),
            m.CodeBlock("print(1)\n", language="python"),
            m.Figure("a.png", "alt", caption=(m.Text("cap"),)),
            m.Table(
                head=(m.TableRow((m.TableCell((m.Text("h"),), header=True, align="right"),)),),
                body=(m.TableRow((m.TableCell((m.Text("c"),)),)),),
                caption=(m.Text("tab"),),
            ),
            m.FootnoteDef("1", (m.Paragraph((m.Text("note"),)),)),
            m.Chapter(
                m.Metadata(title="Kapitel", authors=("C. Autor",), language="fr"),
                (m.Heading(2, (m.Text("Partie"),), id="partie"), m.Paragraph((m.Text("p"),))),
                id="chapter-1",
            ),
        ),
        resources=(m.Resource("a.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\xff"),),
    )


def test_json_round_trip_keeps_every_node_and_byte() -> None:
    document = every_node_document()
    assert m.from_json(m.to_json(document)) == document


def test_json_is_plain_and_names_node_types() -> None:
    data = m.to_data(every_node_document())
    assert data["type"] == "Document"
    assert data["blocks"][0] == {
        "type": "Heading",
        "level": 2,
        "children": [{"type": "Text", "text": "Teil"}],
        "id": "teil",
    }


def test_every_node_type_is_in_the_round_trip_table() -> None:
    """A node type missing from NODE_TYPES would be written as a dict and
    come back as something else: every block must be listed."""
    assert set(m.Block.__args__) <= set(m.NODE_TYPES.values())  # type: ignore[attr-defined]
    assert set(m.Inline.__args__) <= set(m.NODE_TYPES.values())  # type: ignore[attr-defined]


def test_chapter_keeps_its_own_metadata_through_json() -> None:
    chapter = every_node_document().blocks[-1]
    assert isinstance(chapter, m.Chapter)
    data = m.to_data(chapter)
    assert data["type"] == "Chapter"
    assert data["metadata"]["language"] == "fr"
    assert m.from_data(data) == chapter


def test_nodes_are_immutable() -> None:
    paragraph = m.Paragraph((m.Text("a"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        paragraph.children = ()  # type: ignore[misc]
    assert not hasattr(paragraph, "__dict__")  # slotted


def test_heading_level_is_checked() -> None:
    with pytest.raises(ValueError, match="heading level"):
        m.Heading(7, (m.Text("x"),))


def test_from_json_refuses_a_non_document() -> None:
    with pytest.raises(ValueError):
        m.from_json('{"type": "Text", "text": "x"}')


def test_plain_text_flattens_markup_and_skips_note_calls() -> None:
    inlines = (
        m.Text("a "),
        m.Emphasis((m.Strong((m.Text("b"),)),)),
        m.FootnoteRef("1"),
        m.Link("u", (m.Text(" c"),)),
    )
    assert m.plain_text(inlines) == "a b c"
