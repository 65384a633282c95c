"""The shared XHTML renderer: well-formed, escaped, semantic."""

from __future__ import annotations

from lxml import etree

from exporter import model as m
from exporter.writers import html

NS = {"h": html.XHTML_NS, "epub": html.EPUB_NS}


def parse(fragment: str) -> etree._Element:
    """Parse a fragment as XHTML (it must be well-formed XML)."""
    return etree.fromstring(
        f'<div xmlns="{html.XHTML_NS}" xmlns:epub="{html.EPUB_NS}">{fragment}</div>'
    )


def doc(*blocks: m.Block, **meta: object) -> m.Document:
    return m.Document(m.Metadata(**meta), blocks)  # type: ignore[arg-type]


def test_text_is_escaped_and_stays_well_formed() -> None:
    rendered = html.render(doc(m.Paragraph((m.Text("a < b & c > d"),)), title="x < y"))
    root = parse(rendered.sections[0].xhtml)
    assert "".join(root.itertext()) == "a < b & c > d"
    assert "".join(parse(rendered.title_page).itertext()).startswith("x < y")


def test_title_page_holds_title_author_line_and_imprint() -> None:
    rendered = html.render(
        doc(
            m.Paragraph((m.Text("body"),)),
            title="Titel",
            subtitle="Unter",
            authors=("A", "B", "C"),
            date="2025-04-28",
            publisher="Verlag",
        )
    )
    root = parse(rendered.title_page)
    section = root.find("h:section", NS)
    assert section.get(f"{{{html.EPUB_NS}}}type") == "titlepage"
    assert section.find("h:h1", NS).text == "Titel"
    assert section.find("h:p[@class='author']", NS).text == "A, B & C"
    assert "body" not in "".join(root.itertext())


def test_sections_split_at_the_top_heading_level_with_lead_first() -> None:
    rendered = html.render(
        doc(
            m.Paragraph((m.Text("lead"),)),
            m.Heading(2, (m.Text("One"),), id="one"),
            m.Paragraph((m.Text("p1"),)),
            m.Heading(3, (m.Text("Sub"),), id="sub"),
            m.Heading(2, (m.Text("Two"),), id="two"),
        )
    )
    assert [s.title for s in rendered.sections] == ["", "One", "Two"]
    assert [(s.id, s.level) for s in rendered.outline] == [("one", 2), ("sub", 3), ("two", 2)]
    one = parse(rendered.sections[1].xhtml)
    assert [h.text for h in one.iter(f"{{{html.XHTML_NS}}}h3")] == ["Sub"]
    assert one.find("h:section", NS).get("role") == "doc-chapter"


def test_footnotes_are_numbered_linked_both_ways_and_kept_in_their_section() -> None:
    rendered = html.render(
        doc(
            m.Heading(2, (m.Text("A"),), id="a"),
            m.Paragraph((m.Text("x"), m.FootnoteRef("n1"))),
            m.FootnoteDef("n1", (m.Paragraph((m.Text("the note"),)),)),
        )
    )
    root = parse(rendered.sections[0].xhtml)
    ref = root.find(".//h:a[@class='noteref']", NS)
    aside = root.find(".//h:aside", NS)
    assert ref.text == "1"
    assert ref.get("href") == "#" + aside.get("id")
    assert aside.get(f"{{{html.EPUB_NS}}}type") == "footnote"
    assert aside.find(".//h:a[@role='doc-backlink']", NS).get("href") == "#" + ref.get("id")


def test_every_block_type_renders_to_its_element() -> None:
    rendered = html.render(
        doc(
            m.BlockQuote((m.Paragraph((m.Text("q"),)),)),
            m.ListBlock((m.ListItem((m.Paragraph((m.Text("i"),)),)),), ordered=True, start=4),
            m.SceneBreak(),
            m.CodeBlock("a<b", "py"),
            m.Figure("f.png", "Alt text", (m.Text("Cap"),)),
            m.Table((m.TableRow((m.TableCell((m.Text("h"),), header=True),)),), ()),
        )
    )
    root = parse(rendered.sections[0].xhtml)
    assert root.find(".//h:blockquote/h:p", NS).text == "q"
    assert root.find(".//h:ol", NS).get("start") == "4"
    assert root.find(".//h:hr", NS) is not None
    assert root.find(".//h:pre/h:code", NS).text == "a<b"
    img = root.find(".//h:figure/h:img", NS)
    assert (img.get("src"), img.get("alt")) == ("images/f.png", "Alt text")
    assert root.find(".//h:table/h:thead/h:tr/h:th", NS).text == "h"


def test_superscript_and_subscript_render_as_sup_and_sub_apart_from_note_calls() -> None:
    rendered = html.render(
        doc(
            m.Paragraph(
                (
                    m.Text("12 m"),
                    m.Superscript((m.Text("2"),)),
                    m.Text(" H"),
                    m.Subscript((m.Emphasis((m.Text("2"),)),)),
                    m.Text("O"),
                    m.FootnoteRef("n"),
                )
            ),
            m.FootnoteDef("n", (m.Paragraph((m.Text("note"),)),)),
        )
    )
    paragraph = parse(rendered.sections[0].xhtml).find(".//h:p", NS)
    assert [child.tag.split("}")[1] for child in paragraph] == ["sup", "sub", "a"]
    assert paragraph.find("h:sup", NS).text == "2"
    assert paragraph.find("h:sub/h:em", NS).text == "2"
    assert paragraph.find("h:a", NS).get("class") == "noteref"
    assert "".join(paragraph.itertext()) == "12 m2 H2O1"


def test_struck_text_renders_as_s() -> None:
    rendered = html.render(
        doc(m.Paragraph((m.Text("Er "), m.Strikethrough((m.Text("geht"),)), m.Text(" bleibt."))))
    )
    paragraph = parse(rendered.sections[0].xhtml).find(".//h:p", NS)
    assert paragraph.find("h:s", NS).text == "geht"
    assert "".join(paragraph.itertext()) == "Er geht bleibt."


def test_definition_list_renders_terms_and_their_definitions() -> None:
    rendered = html.render(
        doc(
            m.DefinitionList(
                (
                    m.DefinitionItem((m.Text("Watt"),), ()),
                    m.DefinitionItem(
                        (m.Strong((m.Text("Wad"),)),),
                        (
                            (m.Paragraph((m.Text("Boden"),)), m.Paragraph((m.Text("des Meeres"),))),
                            (m.Paragraph((m.Text("zweite Bedeutung"),)),),
                        ),
                    ),
                )
            )
        )
    )
    dl = parse(rendered.sections[0].xhtml).find(".//h:dl", NS)
    assert [(child.tag.split("}")[1], "".join(child.itertext())) for child in dl] == [
        ("dt", "Watt"),
        ("dt", "Wad"),
        ("dd", "Bodendes Meeres"),
        ("dd", "zweite Bedeutung"),
    ]
    assert len(dl.findall("h:dd[1]/h:p", NS)) == 2


def test_a_definition_list_never_ends_on_a_term() -> None:
    """HTML allows no ``dl`` to end with a ``dt``: a last term without
    definitions gets an empty ``dd``."""
    rendered = html.render(doc(m.DefinitionList((m.DefinitionItem((m.Text("Watt"),), ()),))))
    dl = parse(rendered.sections[0].xhtml).find(".//h:dl", NS)
    assert [child.tag.split("}")[1] for child in dl] == ["dt", "dd"]


def test_a_note_called_in_a_definition_is_numbered_and_placed() -> None:
    rendered = html.render(
        doc(
            m.DefinitionList(
                (
                    m.DefinitionItem(
                        (m.Text("Term"), m.FootnoteRef("t")),
                        ((m.Paragraph((m.Text("d"), m.FootnoteRef("d"))),),),
                    ),
                )
            ),
            m.FootnoteDef("d", (m.Paragraph((m.Text("on the definition"),)),)),
            m.FootnoteDef("t", (m.Paragraph((m.Text("on the term"),)),)),
        )
    )
    root = parse(rendered.sections[0].xhtml)
    assert [a.text for a in root.iterfind(".//h:a[@class='noteref']", NS)] == ["1", "2"]
    assert [a.get("id") for a in root.iter(f"{{{html.XHTML_NS}}}aside")] == ["fn-t", "fn-d"]


def test_cell_spans_are_written_only_above_one() -> None:
    table = m.Table(
        (m.TableRow((m.TableCell((m.Text("Tiefe"),), header=True, colspan=2),)),),
        (
            m.TableRow(
                (
                    m.TableCell((m.Text("Nord"),), rowspan=2),
                    m.TableCell((m.Text("12"),), align="right"),
                )
            ),
            m.TableRow((m.TableCell((m.Text("7"),)),)),
        ),
    )
    root = parse(html.render(doc(table)).sections[0].xhtml)
    th = root.find(".//h:th", NS)
    assert (th.get("colspan"), th.get("rowspan")) == ("2", None)
    cells = root.findall(".//h:td", NS)
    assert [(td.get("colspan"), td.get("rowspan")) for td in cells] == [
        (None, "2"),
        (None, None),
        (None, None),
    ]
    assert cells[1].get("style") == "text-align: right"


def test_block_text_reads_definition_lists_for_print_notes() -> None:
    deflist = m.DefinitionList(
        (m.DefinitionItem((m.Text("Watt"),), ((m.Paragraph((m.Text("Boden"),)),),)),)
    )
    assert html.block_text(deflist) == "Watt Boden"


def test_xhtml_document_declares_language_twice() -> None:
    text = html.xhtml_document(title="T", language="de", body="<p>x</p>")
    root = etree.fromstring(text.encode())
    assert root.get("lang") == "de"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"


def test_author_line_joins_names_as_spoken() -> None:
    assert html.author_line(()) == ""
    assert html.author_line(("A",)) == "A"
    assert html.author_line(("A", "B")) == "A & B"


def test_a_note_defined_at_the_end_goes_to_the_section_that_calls_it() -> None:
    rendered = html.render(
        doc(
            m.Heading(2, (m.Text("A"),), id="a"),
            m.Paragraph((m.Text("x"), m.FootnoteRef("late"))),
            m.Heading(2, (m.Text("B"),), id="b"),
            m.Paragraph((m.Text("y"),)),
            m.FootnoteDef("late", (m.Paragraph((m.Text("called in A"),)),)),
            m.FootnoteDef("orphan", (m.Paragraph((m.Text("never called"),)),)),
        )
    )
    first, second = (parse(section.xhtml) for section in rendered.sections)
    assert [a.get("id") for a in first.iter(f"{{{html.XHTML_NS}}}aside")] == ["fn-late"]
    assert [a.get("id") for a in second.iter(f"{{{html.XHTML_NS}}}aside")] == []
    uncalled = [d.get("id") for d in second.iter() if d.get("class") == "footnote uncalled"]
    assert uncalled == ["fn-orphan"]


def test_a_note_nobody_calls_is_text_at_its_sections_end_on_paper_too() -> None:
    rendered = html.render(
        doc(
            m.Paragraph((m.Text("x"), m.FootnoteRef("called"))),
            m.FootnoteDef("called", (m.Paragraph((m.Text("at the call"),)),)),
            m.FootnoteDef("orphan", (m.Paragraph((m.Text("never called"),)),)),
        ),
        notes="page",
    )
    (section,) = rendered.sections
    tree = parse(section.xhtml)
    (notes,) = (
        s for s in tree.iter(f"{{{html.XHTML_NS}}}section") if s.get("class") == "footnotes"
    )
    assert [(e.tag.split("}")[1], e.get("id")) for e in notes] == [("div", "fn-orphan")]
    assert "at the call" in section.xhtml  # floated from its call, not listed here
    assert "backlink" not in etree.tostring(notes, encoding="unicode")


def test_for_print_a_note_stands_at_its_first_call_numbered_in_call_order() -> None:
    rendered = html.render(
        doc(
            m.Paragraph((m.Text("x"), m.FootnoteRef("b"), m.Text(" y"), m.FootnoteRef("a"))),
            m.Paragraph((m.Text("again"), m.FootnoteRef("b"))),
            m.FootnoteDef("a", (m.Paragraph((m.Text("note a"),)),)),
            m.FootnoteDef("b", (m.Paragraph((m.Text("note b"),)), m.CodeBlock("code"))),
        ),
        notes="page",
    )
    root = parse(rendered.sections[0].xhtml)
    first, second = root.iterfind("h:section/h:p", NS)
    notes = first.findall("h:span[@class='footnote']", NS)
    assert [(n.get("id"), n.get("data-number")) for n in notes] == [("fn-b", "1"), ("fn-a", "2")]
    assert ["".join(p.itertext()) for p in notes[0]] == ["note b", "code"]
    assert second.find("h:a[@class='noteref']", NS).text == "1"
    assert root.find(".//h:aside", NS) is None


# --- books -------------------------------------------------------------------------


def chapter(number: int, title: str, author: str, language: str, *blocks: m.Block) -> m.Chapter:
    metadata = m.Metadata(title=title, authors=(author,), language=language)
    return m.Chapter(metadata, blocks, id=f"chapter-{number}")


def book() -> m.Document:
    """Two chapters in other languages than the book's, each with a note "1"
    (made unique by the ids transform, as in a real book) and a section."""
    return doc(
        chapter(
            1,
            "Erstes",
            "Anna Beispiel",
            "de",
            m.Paragraph((m.Text("eins"), m.FootnoteRef("1"))),
            m.Heading(2, (m.Text("Teil"),), id="teil"),
            m.FootnoteDef("1", (m.Paragraph((m.Text("Note A"),)),)),
        ),
        chapter(
            2,
            "Second",
            "John Example",
            "en",
            m.Paragraph((m.Text("two"), m.FootnoteRef("chapter-2-1"))),
            m.Heading(3, (m.Text("Deep"),), id="deep"),
            m.FootnoteDef("chapter-2-1", (m.Paragraph((m.Text("Note B"),)),)),
        ),
        title="Buch",
        language="fr",
    )


def test_a_book_renders_one_section_per_chapter_in_its_language() -> None:
    rendered = html.render(book())
    assert rendered.is_book
    assert [(s.id, s.title, s.language) for s in rendered.sections] == [
        ("chapter-1", "Erstes", "de"),
        ("chapter-2", "Second", "en"),
    ]
    section = parse(rendered.sections[0].xhtml).find("h:section", NS)
    assert section.get(f"{{{html.EPUB_NS}}}type") == "chapter"
    assert section.get("role") == "doc-chapter"
    assert section.get("lang") == "de"
    assert section.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert section.get("aria-labelledby") == "chapter-1"
    title = section.find("h:h2", NS)
    assert (title.get("id"), title.get("class"), title.text) == (
        "chapter-1",
        "chapter-title",
        "Erstes",
    )
    assert section.find("h:p[@class='chapter-author']", NS).text == "Anna Beispiel"


def test_chapter_headings_sit_below_the_chapter_title() -> None:
    rendered = html.render(book())
    first = parse(rendered.sections[0].xhtml)
    assert first.find(".//h:h3", NS).get("id") == "teil"
    assert first.find(".//h:h2[@id='teil']", NS) is None
    second = parse(rendered.sections[1].xhtml)
    assert second.find(".//h:h4", NS).get("id") == "deep"
    assert [(s.id, s.level) for s in rendered.outline] == [
        ("chapter-1", 2),
        ("teil", 3),
        ("chapter-2", 2),
        ("deep", 4),
    ]
    assert all(s.xhtml == "" for s in rendered.outline)


def test_chapter_notes_are_numbered_from_one_and_stay_in_their_chapter() -> None:
    for placement in ("section", "page"):
        rendered = html.render(book(), notes=placement)
        for section, text in zip(rendered.sections, ("Note A", "Note B"), strict=True):
            root = parse(section.xhtml)
            if placement == "section":
                assert root.find(".//h:a[@class='noteref']", NS).text == "1"
            else:
                assert root.find(".//h:span[@class='footnote']", NS).get("data-number") == "1"
            assert text in "".join(root.itertext())


def test_contents_link_every_chapter_with_its_author_and_language() -> None:
    rendered = html.render(book())
    nav = parse(rendered.contents).find("h:nav", NS)
    assert nav.get(f"{{{html.EPUB_NS}}}type") == "toc"
    assert nav.get("role") == "doc-toc"
    assert nav.find("h:h2", NS).text == "Table des matières"  # the book's language
    items = nav.findall("h:ol/h:li", NS)
    assert [(li.find("h:a", NS).get("href"), li.find("h:a", NS).text) for li in items] == [
        ("#chapter-1", "Erstes"),
        ("#chapter-2", "Second"),
    ]
    assert [li.find("h:span", NS).text for li in items] == ["Anna Beispiel", "John Example"]
    assert [li.get("lang") for li in items] == ["de", "en"]


def test_an_article_has_no_contents() -> None:
    rendered = html.render(doc(m.Paragraph((m.Text("x"),)), title="T"))
    assert rendered.contents == ""
    assert not rendered.is_book


def test_blocks_between_chapters_render_where_they_stand() -> None:
    foreword = m.Paragraph((m.Text("Vorwort"),))
    document = doc(foreword, *book().blocks, language="de")
    rendered = html.render(document)
    assert [s.id for s in rendered.sections] == ["", "chapter-1", "chapter-2"]
    assert "Vorwort" in rendered.sections[0].xhtml
