"""The HTML reader's mapping of superscripts, subscripts, definition lists and
cell spans: what pages mean by them is kept, not flattened."""

from __future__ import annotations

import pytest

from exporter.api import read as api_read
from exporter.model import (
    Block,
    DefinitionList,
    Emphasis,
    Heading,
    Link,
    Paragraph,
    Span,
    Strikethrough,
    Subscript,
    Superscript,
    Table,
    Text,
    plain_text,
)
from exporter.readers.html import fragment_blocks, fragment_inlines, read
from exporter.source import Source


def blocks(markup: str) -> tuple[Block, ...]:
    return fragment_blocks(markup, None).blocks


def only(markup: str) -> Block:
    (block,) = blocks(markup)
    return block


def texts(deflist: DefinitionList) -> list[tuple[str, list[list[str]]]]:
    """Each term with the paragraph texts of each of its definitions."""
    return [
        (
            plain_text(item.term),
            [[plain_text(block.children) for block in d] for d in item.definitions],
        )
        for item in deflist.items
    ]


def spans(table: Table) -> list[list[tuple[str, int, int]]]:
    return [
        [(plain_text(cell.children), cell.colspan, cell.rowspan) for cell in row.cells]
        for row in (*table.head, *table.body)
    ]


# --- superscript and subscript ---------------------------------------------------------


def test_sup_and_sub_become_superscript_and_subscript() -> None:
    paragraph = only("<p>Le 1<sup>er</sup> mai, 12 m<sup>2</sup> de H<sub>2</sub>O.</p>")
    assert paragraph.children == (
        Text("Le 1"),
        Superscript((Text("er"),)),
        Text(" mai, 12 m"),
        Superscript((Text("2"),)),
        Text(" de H"),
        Subscript((Text("2"),)),
        Text("O."),
    )
    assert plain_text(paragraph.children) == "Le 1er mai, 12 m2 de H2O."


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Er sagte <q>Ja</q>.</p>", 'Er sagte "Ja".'),
        (
            "<p><q>Das stimmt <q>so</q> nicht</q>, hieß es.</p>",
            "\"Das stimmt 'so' nicht\", hieß es.",
        ),
        ("<p>Er sagte <q>„Ja“</q>.</p>", "Er sagte „Ja“."),  # its marks already there
    ],
)
def test_q_keeps_the_quotes_a_browser_shows_around_it(markup: str, text: str) -> None:
    assert plain_text(only(markup).children) == text


def test_q_is_set_in_the_languages_quotes() -> None:
    page = (
        '<html lang="de"><body><article><p>Der Sprecher sagte <q>Wir bleiben <q>hier</q></q>'
        " und ging.</p></article></body></html>"
    )
    document = api_read(Source(page.encode(), "q.html", None)).document
    assert "sagte „Wir bleiben ‚hier‘“ und ging." in plain_text(document.blocks[0].children)


@pytest.mark.parametrize("tag", ["s", "del", "strike"])
def test_struck_text_keeps_its_stroke(tag: str) -> None:
    paragraph = only(f"<p>Der Minister <{tag}>tritt zurück</{tag}> bleibt im Amt.</p>")
    assert paragraph.children == (
        Text("Der Minister "),
        Strikethrough((Text("tritt zurück"),)),
        Text(" bleibt im Amt."),
    )


def test_markup_inside_sup_is_kept_and_white_space_collapses_through_it() -> None:
    paragraph = only('<p>x<sup>  <em>n</em>\n</sup> <a href="https://e.org/">y<sub>i</sub></a></p>')
    assert paragraph.children == (
        Text("x"),
        Superscript((Text(" "), Emphasis((Text("n"),)), Text(" "))),
        Link("https://e.org/", (Text("y"), Subscript((Text("i"),)))),
    )


def test_an_empty_sup_vanishes_and_one_in_another_language_is_a_span() -> None:
    paragraph = only('<p>a<sup> </sup>b<sup lang="fr">er</sup></p>')
    assert paragraph.children == (Text("a b"), Span((Superscript((Text("er"),)),), "fr"))


def test_a_paragraph_of_only_a_superscript_is_kept() -> None:
    assert only("<p><sup>*</sup></p>") == Paragraph((Superscript((Text("*"),)),))


def test_raw_inline_html_from_markdown_keeps_sup_and_sub() -> None:
    assert fragment_inlines(" m<sup>2</sup> H<sub>2</sub>O") == (
        Text(" m"),
        Superscript((Text("2"),)),
        Text(" H"),
        Subscript((Text("2"),)),
        Text("O"),
    )


# --- definition lists ------------------------------------------------------------------


def test_dl_becomes_a_definition_list_of_terms_and_definitions() -> None:
    deflist = only(
        "<dl><dt>Pegel</dt><dd>Ein Messgerät.</dd>"
        "<dt>Priel</dt><dd><p>Ein Wasserlauf.</p><p>Auch bei Ebbe.</p></dd>"
        "<dd>Ein Name.</dd></dl>"
    )
    assert isinstance(deflist, DefinitionList)
    assert texts(deflist) == [
        ("Pegel", [["Ein Messgerät."]]),
        ("Priel", [["Ein Wasserlauf.", "Auch bei Ebbe."], ["Ein Name."]]),
    ]


def test_several_terms_share_the_definition_after_them() -> None:
    deflist = only("<dl><dt>Watt</dt><dt>Wad</dt><dd>Der Meeresboden.</dd></dl>")
    assert texts(deflist) == [("Watt", []), ("Wad", [["Der Meeresboden."]])]


def test_div_groups_inside_dl_are_read_through() -> None:
    deflist = only(
        "<dl><div><dt>Pegel</dt><dd>Messgerät</dd></div><div><dt>Priel</dt><dd>Lauf</dd></div></dl>"
    )
    assert texts(deflist) == [("Pegel", [["Messgerät"]]), ("Priel", [["Lauf"]])]


def test_dl_without_terms_is_indentation_and_reads_as_its_content() -> None:
    """Wikis indent lines with ``<dl><dd>``: that is no glossary."""
    assert blocks("<dl><dd>Eingerückt.</dd><dd>Noch eine Zeile.</dd></dl>") == (
        Paragraph((Text("Eingerückt."),)),
        Paragraph((Text("Noch eine Zeile."),)),
    )


def test_stray_content_in_a_dl_keeps_its_words() -> None:
    """Definitions before the first term stand before the list; text and
    other elements join the definition before them, or start one."""
    result = blocks(
        "<dl><dd>Vorweg.</dd><dt>Term</dt>lose<p>Absatz</p><dd>Definition</dd><p>Nachsatz</p></dl>"
    )
    assert result[0] == Paragraph((Text("Vorweg."),))
    assert texts(result[1]) == [("Term", [["lose", "Absatz"], ["Definition", "Nachsatz"]])]


def test_empty_terms_without_definitions_leave_no_list() -> None:
    assert blocks("<dl><dt> </dt><dt></dt></dl><p>Weiter.</p>") == (Paragraph((Text("Weiter."),)),)


def test_a_term_in_another_language_is_a_span_and_terms_keep_markup() -> None:
    deflist = only('<dl lang="de"><dt lang="fr"><i>Estran</i></dt><dd>Watt</dd></dl>')
    assert deflist.items[0].term == (Span((Emphasis((Text("Estran"),)),), "fr"),)


def test_headings_inside_definitions_are_shifted_with_the_rest() -> None:
    page = (
        "<html><body><h3>Begriffe</h3><dl><dt>Pegel</dt><dd><h4>Geschichte</h4>"
        "<p>Seit 1880 in Betrieb.</p></dd></dl></body></html>"
    )
    document = read(Source(page.encode(), "page.html", None)).document
    heading, deflist = document.blocks
    assert heading.level == 2
    assert isinstance(deflist, DefinitionList)
    inner = deflist.items[0].definitions[0][0]
    assert isinstance(inner, Heading) and inner.level == 3


# --- table cell spans -------------------------------------------------------------------


def test_a_header_over_two_columns_keeps_its_span() -> None:
    table = only(
        "<table><tr><th></th><th colspan=2>Tiefe</th></tr>"
        "<tr><th>Station</th><th>Ebbe</th><th>Flut</th></tr>"
        "<tr><td rowspan=2>Nord</td><td>2</td><td>5</td></tr>"
        "<tr><td>3</td><td>6</td></tr></table>"
    )
    assert isinstance(table, Table)
    assert spans(table) == [
        [("", 1, 1), ("Tiefe", 2, 1)],
        [("Station", 1, 1), ("Ebbe", 1, 1), ("Flut", 1, 1)],
        [("Nord", 1, 2), ("2", 1, 1), ("5", 1, 1)],
        [("3", 1, 1), ("6", 1, 1)],
    ]
    assert len(table.head) == 1  # the first all-header row, as before


def test_a_header_spanning_two_rows_takes_both_into_the_head() -> None:
    table = only(
        "<table><tr><th rowspan=2>Jour</th><th colspan=2>Pleine mer</th></tr>"
        "<tr><th>Matin</th><th>Soir</th></tr><tr><td>Lundi</td><td>6</td><td>18</td></tr></table>"
    )
    assert [[plain_text(cell.children) for cell in row.cells] for row in table.head] == [
        ["Jour", "Pleine mer"],
        ["Matin", "Soir"],
    ]
    assert spans(table)[0] == [("Jour", 1, 2), ("Pleine mer", 2, 1)]


def test_a_row_header_spanning_into_data_rows_stays_in_the_body() -> None:
    table = only(
        "<table><tr><th rowspan=2>Nord</th><th>Ebbe</th></tr><tr><td>2 m</td></tr></table>"
    )
    assert table.head == ()
    assert spans(table) == [[("Nord", 1, 2), ("Ebbe", 1, 1)], [("2 m", 1, 1)]]


@pytest.mark.parametrize(
    ("value", "span"),
    [("2px", 2), (" 3", 3), ("x", 1), ("", 1), ("-2", 1), ("0", 1), ("2.9", 2)],
)
def test_colspan_is_read_as_a_browser_reads_it(value: str, span: int) -> None:
    table = only(
        f'<table><tr><td colspan="{value}">a</td><td>b</td></tr>'
        "<tr><td>c</td><td>d</td><td>e</td></tr></table>"
    )
    assert table.body[0].cells[0].colspan == span


def test_an_absurd_colspan_is_cut_to_the_table() -> None:
    table = only(
        '<table><tr><td colspan="99999999">wide</td></tr>'
        "<tr><td>a</td><td>b</td><td>c</td></tr></table>"
    )
    assert spans(table)[0] == [("wide", 3, 1)]


def test_a_colspan_covers_only_columns_where_cells_start() -> None:
    """Columns past the last cell start add nothing but width: a span into
    them ends at the table's edge, and a cell after it stays in its row."""
    table = only(
        '<table><tr><td colspan="1000">a</td><td>b</td></tr>'
        "<tr><td>x</td><td>y</td><td>z</td></tr></table>"
    )
    assert spans(table) == [[("a", 3, 1), ("b", 1, 1)], [("x", 1, 1), ("y", 1, 1), ("z", 1, 1)]]


def test_rowspans_end_with_their_row_group() -> None:
    table = only(
        "<table><thead><tr><th rowspan=5>Kopf</th><th>a</th></tr></thead>"
        '<tbody><tr><td rowspan="0">bis zum Ende</td><td>1</td></tr><tr><td>2</td></tr></tbody>'
        '<tbody><tr><td rowspan="3">zu lang</td><td>3</td></tr><tr><td>4</td></tr></tbody>'
        "</table>"
    )
    assert [[rowspan for _text, _colspan, rowspan in row] for row in spans(table)] == [
        [1, 1],
        [2, 1],
        [1],
        [2, 1],
        [1],
    ]


def test_a_span_over_rows_moves_later_cells_right() -> None:
    """A cell under a rowspan starts after it, so a colspan in that row is
    measured from there."""
    table = only(
        "<table><tr><td rowspan=2>a</td><td>b</td><td>c</td><td>d</td></tr>"
        "<tr><td colspan=9>e</td></tr></table>"
    )
    assert spans(table)[1] == [("e", 3, 1)]
