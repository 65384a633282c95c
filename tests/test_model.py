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
                    m.Text(" m"),
                    m.Superscript((m.Text("2"),)),
                    m.Text(" H"),
                    m.Subscript((m.Emphasis((m.Text("2"),)),)),
                    m.Strikethrough((m.Text("alt"),)),
                )
            ),
            m.BlockQuote((m.Paragraph((m.Text("q"),)),)),
            m.ListBlock((m.ListItem((m.Paragraph((m.Text("i"),)),)),), ordered=True, start=3),
            m.DefinitionList(
                (
                    m.DefinitionItem((m.Text("Watt"),), ()),
                    m.DefinitionItem(
                        (m.Text("Priel"),),
                        (
                            (m.Paragraph((m.Text("a"),)), m.Paragraph((m.Text("b"),))),
                            (m.ListBlock((m.ListItem((m.Paragraph((m.Text("c"),)),)),)),),
                        ),
                    ),
                )
            ),
            m.SceneBreak(),
            m.CodeBlock("print(1)\n", language="python"),
            m.Figure("a.png", "alt", caption=(m.Text("cap"),)),
            m.Table(
                head=(
                    m.TableRow(
                        (m.TableCell((m.Text("h"),), header=True, align="right", colspan=2),)
                    ),
                ),
                body=(
                    m.TableRow(
                        (m.TableCell((m.Text("c"),), rowspan=2), m.TableCell((m.Text("d"),)))
                    ),
                    m.TableRow((m.TableCell((m.Text("e"),)),)),
                ),
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


def test_definitions_are_tuples_of_blocks_after_the_round_trip() -> None:
    (deflist,) = [
        block
        for block in m.from_json(m.to_json(every_node_document())).blocks
        if isinstance(block, m.DefinitionList)
    ]
    definitions = deflist.items[1].definitions
    assert isinstance(definitions, tuple) and all(isinstance(d, tuple) for d in definitions)
    assert [len(definition) for definition in definitions] == [2, 1]


def test_json_without_cell_spans_still_reads_as_single_cells() -> None:
    """Documents saved before cells had spans hold no colspan/rowspan keys."""
    data = {"type": "TableCell", "children": [{"type": "Text", "text": "x"}], "header": False}
    cell = m.from_data(data)
    assert (cell.colspan, cell.rowspan) == (1, 1)


@pytest.mark.parametrize("spans", [{"colspan": 0}, {"rowspan": 0}, {"colspan": -2}])
def test_cell_spans_below_one_are_refused(spans: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="spans"):
        m.TableCell((m.Text("x"),), **spans)


def test_plain_text_keeps_superscripts_and_subscripts() -> None:
    inlines = (
        m.Text("12 m"),
        m.Superscript((m.Text("2"),)),
        m.Text(", H"),
        m.Subscript((m.Text("2"),)),
        m.Text("O"),
    )
    assert m.plain_text(inlines) == "12 m2, H2O"
