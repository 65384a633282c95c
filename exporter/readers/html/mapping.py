"""Map cleaned HTML elements to model blocks and inlines.

The rules follow what a browser shows: block elements make blocks, inline
elements make inlines, white space collapses (except in ``pre``), ``lang``
on a passage in another language becomes a :class:`Span`. Nothing is dropped
silently here: chrome was removed before, and anything this module cannot
represent keeps its text (an inline icon keeps its alt text, a layout table
its cells as paragraphs, a ``dl`` without terms its definitions).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urljoin

from lxml.html import HtmlElement

from exporter.model import (
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Emphasis,
    Figure,
    Heading,
    Inline,
    InlineContainer,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    SceneBreak,
    Span,
    Strikethrough,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
)
from exporter.readers.html.metadata import normalize_language
from exporter.readers.html.notes import PageNotes
from exporter.readers.html.parse import HTML_SPACE, is_element, is_http_url, split_url
from exporter.readers.images import ImageCollector

BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog"}
    | {"div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2"}
    | {"h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main"}
    | {"menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot"}
    | {"th", "thead", "tr", "ul", "caption", "listing", "xmp", "plaintext", "search"}
)
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font"}
    | {"i", "img", "ins", "kbd", "label", "mark", "picture", "q", "rp", "rt", "ruby", "s"}
    | {"samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var"}
    | {"wbr", "big", "nobr"}
)
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
EMPHASIS_TAGS = frozenset({"em", "i", "cite", "dfn", "var"})
STRONG_TAGS = frozenset({"strong", "b"})
#: Struck-through text: withdrawn (``del``) or no longer true (``s``).
STRUCK_TAGS = frozenset({"s", "strike", "del"})
CODE_TAGS = frozenset({"code", "kbd", "samp", "tt"})
PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})
LIST_TAGS = frozenset({"ul", "ol", "menu"})

LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-url", "data-srcset")
#: A ``src`` this short that is a data: URI is a lazy-loading placeholder
#: (a transparent 1×1 GIF or SVG), not the picture.
MAX_PLACEHOLDER_URI = 400
#: Images at most this many pixels wide and high stand for characters
#: (emoji, icons): they keep their alt text in the line instead of a figure.
MAX_ICON_PIXELS = 32

#: The most columns or rows a cell may span: HTML's own limit for
#: ``colspan``; :func:`fit_spans` then cuts spans to the table.
MAX_SPAN = 1000
SPAN_DIGITS = re.compile(r"[ \t\n\r\f]*\+?(\d+)")

ALIGN = re.compile(r"text-align\s*:\s*(left|center|right)", re.IGNORECASE)
CODE_LANGUAGE = re.compile(r"^(?:language|lang|highlight|brush)[-:](\S+)$")


@dataclass
class Mapper:
    """Maps one document's elements. Holds the image collector, the base URL
    for relative links and the document language, the page's footnotes (calls
    become references, notes stay out of the body), and the figures met inside
    inline content, which are placed after the block they were in."""

    images: ImageCollector | None
    base_url: str = ""
    language: str = ""
    notes: PageNotes = field(default_factory=PageNotes)
    floating: list[Figure] = field(default_factory=list)

    # --- blocks ---------------------------------------------------------------

    def blocks(self, element: HtmlElement, lang: str | None = None) -> list[Block]:
        """The blocks of ``element``'s content: block children map on their
        own, runs of text and inline children become paragraphs."""
        lang = self.lang_of(element, lang)
        out: list[Block] = []
        run: list[Inline] = []

        def flush() -> None:
            if run:
                out.extend(self.paragraphs(run, lang))
                run.clear()
            out.extend(self.take_floating())

        if element.text:
            run.append(Text(element.text))
        for child in element:
            if is_element(child) and not self.notes.holds(child):
                if is_block(child):
                    flush()
                    out.extend(self.block(child, lang))
                    out.extend(self.take_floating())
                else:
                    run.extend(self.inline(child, lang))
            if child.tail:
                run.append(Text(child.tail))
        flush()
        return out

    def block(self, element: HtmlElement, lang: str) -> list[Block]:
        tag = element.tag
        if tag in HEADING_LEVELS:
            return self.heading(element, lang)
        if tag in LIST_TAGS:
            return self.list_block(element, lang)
        if tag == "blockquote":
            inner = self.blocks(element, lang)
            return [BlockQuote(tuple(inner))] if inner else []
        if tag in PRE_TAGS:
            return code_block(element)
        if tag == "figure":
            return self.figure(element, lang)
        if tag == "table":
            return self.table(element, lang)
        if tag == "dl":
            return self.definition_list(element, lang)
        if tag == "hr":
            return [SceneBreak()]
        if tag == "dt":
            inlines = self.inlines(element, self.lang_of(element, lang))
            return [Paragraph((Strong(inlines),))] if inlines else []
        return self.blocks(element, lang)

    def heading(self, element: HtmlElement, lang: str) -> list[Block]:
        own = self.lang_of(element, lang)
        inlines = with_language(self.inlines(element, own), own, self.language)
        if not inlines:
            return []
        return [Heading(HEADING_LEVELS[element.tag], inlines)]

    def list_block(self, element: HtmlElement, lang: str) -> list[Block]:
        """``ul``/``ol``; an ordered list keeps its ``start``. Stray content
        between items joins the item before it."""
        lang = self.lang_of(element, lang)
        items: list[list[Block]] = []
        stray: list[Block] = []
        for child in element:
            if is_element(child) and self.notes.holds(child):
                continue
            if is_element(child) and child.tag == "li":
                items.append(self.blocks(child, lang))
                if stray and len(items) == 1:
                    items[0][:0] = stray
                    stray = []
            elif is_element(child):
                target = items[-1] if items else stray
                target.extend(self.blocks_of_child(child, lang))
        if stray:
            items.append(stray)
        kept = tuple(ListItem(tuple(blocks)) for blocks in items if blocks)
        if not kept:
            return []
        ordered = element.tag == "ol"
        return [ListBlock(kept, ordered, list_start(element) if ordered else 1)]

    def definition_list(self, element: HtmlElement, lang: str) -> list[Block]:
        """``dl``: each ``dt`` a term, each ``dd`` a definition of the terms
        before it; ``div`` groups (as HTML allows) are read through.

        A ``dl`` without any ``dt`` is indentation, not a glossary (wikis
        indent lines so): it maps as its content. Definitions before the first
        term stand before the list; other stray content joins the definition
        before it, or starts one."""
        lang = self.lang_of(element, lang)
        parts = list(definition_parts(element))
        if not any(is_element(part) and part.tag == "dt" for part in parts):
            return self.blocks(element, lang)
        before: list[Block] = []
        items: list[tuple[tuple[Inline, ...], list[list[Block]]]] = []
        for part in parts:
            if isinstance(part, str):
                blocks = self.paragraphs([Text(part)], lang)
            elif part.tag == "dt":
                own = self.lang_of(part, lang)
                items.append((with_language(self.inlines(part, own), own, self.language), []))
                continue
            else:
                blocks = (
                    self.blocks(part, lang)
                    if part.tag == "dd"
                    else self.blocks_of_child(part, lang)
                )
            if not blocks:
                continue
            if not items:
                before.extend(blocks)
            elif part_is_definition(part) or not items[-1][1]:
                items[-1][1].append(blocks)
            else:
                items[-1][1][-1].extend(blocks)
        entries = tuple(
            DefinitionItem(term, tuple(tuple(blocks) for blocks in definitions))
            for term, definitions in items
            if term or definitions
        )
        return [*before, DefinitionList(entries)] if entries else before

    def blocks_of_child(self, child: HtmlElement, lang: str) -> list[Block]:
        if is_block(child):
            return self.block(child, lang)
        return self.paragraphs(self.inline(child, lang), lang)

    def figure(self, element: HtmlElement, lang: str) -> list[Block]:
        """A figure with images: one :class:`Figure` per image, the caption
        (``figcaption`` and any credit line beside it) on the last. A figure
        without images (a quote, a table) maps as its content. If every image
        is refused, the caption stays as a paragraph: its words are the
        author's."""
        lang = self.lang_of(element, lang)
        images = [img for img in element.iter("img") if not inside(img, "figcaption", element)]
        if not images:
            return self.blocks(element, lang)
        figures = [f for f in (self.image_figure(img) for img in images) if f is not None]
        caption = with_language(self.inlines(element, lang, skip_images=True), lang, self.language)
        if not figures:
            return [Paragraph(caption)] if caption else []
        figures[-1] = replace(figures[-1], caption=caption)
        return list(figures)

    def image_figure(self, img: HtmlElement) -> Figure | None:
        """A :class:`Figure` for ``img``, or ``None`` (refused, tracking pixel)."""
        if self.images is None or is_tracking_pixel(img):
            return None
        src = image_source(img)
        if not src:
            return None
        name = self.images.add(src)
        if name is None:
            return None
        return Figure(name, collapse(img.get("alt") or ""))

    def table(self, element: HtmlElement, lang: str) -> list[Block]:
        """A data table with head and body rows, header cells and alignment;
        a layout table (one column, nested tables, ``role=presentation``) is
        read as the blocks in its cells."""
        lang = self.lang_of(element, lang)
        rows = table_rows(element)
        if is_layout_table(element, rows):
            out: list[Block] = []
            for _section, _group, row in rows:
                for cell in row:
                    out.extend(self.blocks(cell, lang))
            return out
        groups: list[tuple[str, list[TableRow]]] = []
        for section, group, row in rows:
            if len(groups) <= group:
                groups.append((section, []))
            groups[group][1].append(TableRow(tuple(self.cell(cell, lang) for cell in row)))
        groups = promote_header_row(groups)
        groups = fit_spans(groups)
        head = [row for section, group_rows in groups if section == "thead" for row in group_rows]
        body = [row for section, group_rows in groups if section != "thead" for row in group_rows]
        if not head and not body:
            return []
        caption_element = element.find("caption")
        caption: tuple[Inline, ...] = ()
        if caption_element is not None:
            caption = with_language(self.inlines(caption_element, lang), lang, self.language)
        return [Table(tuple(head), tuple(body), caption)]

    def cell(self, element: HtmlElement, lang: str) -> TableCell:
        own = self.lang_of(element, lang)
        inlines = with_language(self.inlines(element, own), own, self.language)
        return TableCell(
            inlines,
            element.tag == "th",
            cell_align(element),
            colspan=cell_span(element, "colspan"),
            rowspan=cell_span(element, "rowspan"),
        )

    def paragraphs(self, run: Sequence[Inline], lang: str) -> list[Block]:
        """Paragraphs from a run of inline content: white space collapsed, a
        double line break starts a new paragraph, empty ones vanish."""
        out: list[Block] = []
        for part in split_at_double_breaks(normalize_space(run)):
            if has_text(part):
                out.append(Paragraph(with_language(part, lang, self.language)))
        return out

    def take_floating(self) -> list[Block]:
        floating, self.floating = self.floating, []
        return list(floating)

    # --- inlines --------------------------------------------------------------

    def inlines(
        self, element: HtmlElement, lang: str, *, skip_images: bool = False
    ) -> tuple[Inline, ...]:
        """The element's content as one line of inlines; block children are
        separated by line breaks (a caption with a credit line under it)."""
        return normalize_space(self.inline_content(element, lang, skip_images), max_breaks=1)

    def inline_content(self, element: HtmlElement, lang: str, skip_images: bool) -> list[Inline]:
        out: list[Inline] = []
        if element.text:
            out.append(Text(element.text))
        for child in element:
            if is_element(child):
                if skip_images and child.tag in ("img", "picture"):
                    pass
                elif is_block(child):
                    own = self.lang_of(child, lang)
                    inner = tuple(self.inline_content(child, own, skip_images))
                    wrapped = with_language(inner, own, lang) if own != lang else inner
                    out.extend((LineBreak(), *wrapped, LineBreak()))
                else:
                    out.extend(self.inline(child, lang, skip_images))
            if child.tail:
                out.append(Text(child.tail))
        return out

    def inline(self, element: HtmlElement, lang: str, skip_images: bool = False) -> list[Inline]:
        """One inline element (and its content) as inlines."""
        call = self.notes.call(element)
        if call is not None:
            return [call]
        if self.notes.holds(element):
            return []
        tag = element.tag
        own = self.lang_of(element, lang)
        if tag == "br":
            return [LineBreak()]
        if tag in ("img", "picture"):
            return [] if skip_images else self.inline_image(element)
        if tag in CODE_TAGS:
            text = element.text_content()
            return [Code(text)] if text else []
        if tag == "wbr":
            return []
        children = tuple(self.inline_content(element, own, skip_images))
        if not children:
            return []
        node: list[Inline]
        if tag in EMPHASIS_TAGS:
            node = [Emphasis(children)]
        elif tag in STRONG_TAGS:
            node = [Strong(children)]
        elif tag in STRUCK_TAGS:
            node = [Strikethrough(children)]
        elif tag in ("sup", "sub") and has_text(children):
            # A raised space is a space: only text is worth raising.
            node = [Superscript(children) if tag == "sup" else Subscript(children)]
        elif tag == "q":
            node = quoted(children, element)
        elif tag == "a":
            target = link_target(element.get("href") or "", self.base_url)
            node = (
                [Link(target, children, collapse(element.get("title") or ""))]
                if target
                else list(children)
            )
        else:
            node = list(children)
        if own != lang and not same_language(own, lang):
            return [Span(tuple(node), own)]
        return node

    def inline_image(self, element: HtmlElement) -> list[Inline]:
        """An image inside text: an icon or emoji keeps its alt text in the
        line; a picture becomes a figure placed after the block."""
        img = element if element.tag == "img" else element.find(".//img")
        if img is None:
            return []
        alt = collapse(img.get("alt") or "")
        if is_icon(img) or self.images is None:
            return [Text(alt)] if alt else []
        figure = self.image_figure(img)
        if figure is not None:
            self.floating.append(figure)
        return []

    # --- language -------------------------------------------------------------

    def lang_of(self, element: HtmlElement, inherited: str | None) -> str:
        """The language in effect inside ``element``."""
        own = normalize_language(element.get("lang") or element.get("xml:lang") or "")
        if own:
            return own
        return self.language if inherited is None else inherited


# --- helpers (pure) ----------------------------------------------------------------


def is_block(element: HtmlElement) -> bool:
    """Block-level by tag; an inline or unknown (custom) element is a block
    when it holds blocks, as a browser splits it around them (a card link
    ``<a><div><h3>…</h3><p>…</p></div></a>``, unclosed ``<b>`` around divs).
    Such an element's own formatting is not carried into its blocks."""
    if element.tag in BLOCK_TAGS:
        return True
    if element.tag in ("img", "picture", "br", "wbr", "code", "kbd", "samp", "tt"):
        return False
    return any(is_element(child) and is_block(child) for child in element)


def inside(element: HtmlElement, tag: str, stop: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag == tag:
            return True
    return False


def same_language(first: str, second: str) -> bool:
    """ "en" and "en-GB" count as the same language for marking passages;
    an unknown document language matches nothing."""
    if not first or not second:
        return False
    a, b = first.lower(), second.lower()
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def with_language(inlines: tuple[Inline, ...], lang: str, document: str) -> tuple[Inline, ...]:
    """Wrap a block's inlines in a :class:`Span` when its language is not the
    document's."""
    if not inlines or not lang or same_language(lang, document):
        return inlines
    return (Span(inlines, lang),)


def collapse(text: str) -> str:
    return HTML_SPACE.sub(" ", text).strip()


def list_start(element: HtmlElement) -> int:
    try:
        return int((element.get("start") or "1").strip())
    except ValueError:
        return 1


def code_block(element: HtmlElement) -> list[Block]:
    """Preformatted text as it is, ``<br>`` as a new line; the language from a
    ``language-x`` class on ``pre`` or its ``code``."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if is_element(child):
                if child.tag == "br":
                    parts.append("\n")
                else:
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    text = "".join(parts)
    if text.startswith("\n"):
        text = text[1:]
    text = text.rstrip()
    if not text.strip():
        return []
    return [CodeBlock(text, code_language(element))]


def code_language(element: HtmlElement) -> str:
    code = element.find("code")
    for node in (element, code) if code is not None else (element,):
        if node.get("data-lang"):
            return node.get("data-lang").strip()
        for word in (node.get("class") or "").split():
            match = CODE_LANGUAGE.match(word)
            if match:
                return match.group(1)
    return ""


def table_rows(table: HtmlElement) -> list[tuple[str, int, list[HtmlElement]]]:
    """Rows of a table (not of tables nested in it) with their section and
    row group (numbered 0, 1…: each ``thead``, ``tbody`` and ``tfoot``, and
    each run of ``tr`` outside them, as a browser groups them), ``tfoot``
    rows last. Rows without cells are left out."""
    groups: list[tuple[str, list[list[HtmlElement]]]] = []
    footers: list[tuple[str, list[list[HtmlElement]]]] = []
    bare: list[list[HtmlElement]] | None = None
    for child in table:
        if not is_element(child):
            continue
        if child.tag in ("thead", "tbody", "tfoot"):
            bare = None
            group = [row_cells(tr) for tr in child if is_element(tr) and tr.tag == "tr"]
            (footers if child.tag == "tfoot" else groups).append((child.tag, group))
        elif child.tag == "tr":
            if bare is None:
                bare = []
                groups.append(("tbody", bare))
            bare.append(row_cells(child))
    rows: list[tuple[str, int, list[HtmlElement]]] = []
    for section, group in (*groups, *footers):
        kept = [cells for cells in group if cells]
        if kept:
            number = rows[-1][1] + 1 if rows else 0
            rows.extend((section, number, cells) for cells in kept)
    return rows


def row_cells(tr: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in tr if is_element(cell) and cell.tag in ("td", "th")]


def is_layout_table(table: HtmlElement, rows: list[tuple[str, int, list[HtmlElement]]]) -> bool:
    """A table used for page layout: ``role=presentation``, a table inside it,
    or a single column."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    if any(True for _ in table.iterdescendants("table")):
        return True
    return bool(rows) and all(len(cells) <= 1 for _section, _group, cells in rows)


def cell_align(cell: HtmlElement) -> str:
    match = ALIGN.search(cell.get("style") or "")
    value = (match.group(1) if match else cell.get("align") or "").strip().lower()
    return value if value in ("left", "center", "right") else ""


def cell_span(cell: HtmlElement, name: str) -> int:
    """``colspan`` or ``rowspan`` as a browser reads it: the digits at the
    start ("2px" is 2), 1 when there are none, at most :data:`MAX_SPAN`.
    ``rowspan="0"`` means "to the end of the row group": :data:`MAX_SPAN`,
    which :func:`fit_spans` cuts to the group; ``colspan="0"`` is 1."""
    match = SPAN_DIGITS.match(cell.get(name) or "")
    if match is None:
        return 1
    value = int(match.group(1)[:6])
    if value == 0:
        return MAX_SPAN if name == "rowspan" else 1
    return min(value, MAX_SPAN)


def promote_header_row(
    groups: list[tuple[str, list[TableRow]]],
) -> list[tuple[str, list[TableRow]]]:
    """A table without ``thead`` whose first row holds only header cells
    has its head there: that row becomes the head (a group of its own),
    with the rows its cells span down into, if those hold only header
    cells too; else nothing moves, since cutting the spans would shift
    the cells below."""
    if not groups or any(section == "thead" for section, _rows in groups):
        return groups
    section, rows = groups[0]
    size = index = 0
    while index <= size and index < len(rows):
        size = max(size, index + max(cell.rowspan for cell in rows[index].cells) - 1)
        index += 1
    head, rest = rows[: size + 1], rows[size + 1 :]
    if not all(cell.header for row in head for cell in row.cells):
        return groups
    return [("thead", head), *([(section, rest)] if rest else []), *groups[1:]]


def fit_spans(groups: list[tuple[str, list[TableRow]]]) -> list[tuple[str, list[TableRow]]]:
    """Cell spans cut to the table, as a browser lays it out.

    A ``rowspan`` ends with its row group (``thead``, ``tbody``…). A
    ``colspan`` covers only columns in which some cell starts: a column
    where none starts is covered only by cells that also cover the one
    before it, so it adds nothing but width (``colspan="1000"`` on a
    three-column table would lay out a thousand empty columns).
    """
    placed: list[list[tuple[int, TableCell]]] = []
    #: Columns held by cells spanning down from rows above: (first, end, last row).
    held: list[tuple[int, int, int]] = []
    row_number = 0
    for _section, rows in groups:
        group_end = row_number + len(rows)
        for row in rows:
            held = sorted(span for span in held if span[2] >= row_number)
            column = 0
            cells: list[tuple[int, TableCell]] = []
            for cell in row.cells:
                for first, end, _last in held:
                    if first <= column < end:
                        column = end
                rowspan = min(cell.rowspan, group_end - row_number)
                if rowspan > 1:
                    held.append((column, column + cell.colspan, row_number + rowspan - 1))
                cells.append((column, replace(cell, rowspan=rowspan)))
                column += cell.colspan
            placed.append(cells)
            row_number += 1
        held = []
    starts = sorted({column for cells in placed for column, _cell in cells})
    fitted = iter(
        TableRow(
            tuple(
                replace(
                    cell,
                    colspan=bisect_left(starts, column + cell.colspan)
                    - bisect_left(starts, column),
                )
                for column, cell in cells
            )
        )
        for cells in placed
    )
    return [(section, [next(fitted) for _row in rows]) for section, rows in groups]


def definition_parts(element: HtmlElement) -> list[HtmlElement | str]:
    """The content of a ``dl`` in order: its elements, with ``div`` groups
    opened, and any text outside them."""
    parts: list[HtmlElement | str] = []
    if element.text and element.text.strip():
        parts.append(element.text)
    for child in element:
        if is_element(child):
            if child.tag == "div":
                parts.extend(definition_parts(child))
            else:
                parts.append(child)
        if child.tail and child.tail.strip():
            parts.append(child.tail)
    return parts


def part_is_definition(part: HtmlElement | str) -> bool:
    return not isinstance(part, str) and part.tag == "dd"


def image_source(img: HtmlElement) -> str:
    """The image a browser would show: ``src``, unless it is missing or a
    lazy-loading placeholder and a ``data-src``-style attribute holds the
    real one; else the first ``srcset`` candidate."""
    src = (img.get("src") or "").strip()
    lazy = next((img.get(name).strip() for name in LAZY_SOURCES if img.get(name)), "")
    if lazy and (not src or (src.startswith("data:") and len(src) < MAX_PLACEHOLDER_URI)):
        src = lazy.split(",")[0].split()[0] if lazy else ""
    if not src:
        srcset = (img.get("srcset") or "").strip()
        src = srcset.split(",")[0].split()[0] if srcset else ""
    return src


def pixel_size(img: HtmlElement, name: str) -> int | None:
    try:
        return int(float((img.get(name) or "").strip().removesuffix("px")))
    except ValueError:
        return None


def is_tracking_pixel(img: HtmlElement) -> bool:
    """A 1×1 (or 0×0) image: a counter, never a picture."""
    width, height = pixel_size(img, "width"), pixel_size(img, "height")
    return width is not None and height is not None and width <= 1 and height <= 1


def is_icon(img: HtmlElement) -> bool:
    """An emoji or icon image: marked so by class, or tiny by its size."""
    words = (img.get("class") or "").lower()
    if any(word in words for word in ("emoji", "icon", "smiley")):
        return True
    width, height = pixel_size(img, "width"), pixel_size(img, "height")
    return (
        width is not None
        and height is not None
        and width <= MAX_ICON_PIXELS
        and height <= MAX_ICON_PIXELS
    )


def link_target(href: str, base_url: str) -> str:
    """An absolute http(s) or mailto target, or "" for links that lead
    nowhere from an ebook: ``javascript:``, in-page ``#anchors``, relative
    links when the page's address is unknown."""
    href = href.strip()
    parts = split_url(href)
    if not href or href.startswith("#") or parts is None:
        return ""
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return href if len(href) > len("mailto:") else ""
    if not scheme:
        if href.startswith("//"):
            href = "https:" + href
        elif base_url:
            try:
                href = urljoin(base_url, href)
            except ValueError:
                return ""
        else:
            return ""
    if not is_http_url(href):
        return ""
    return quote(href, safe=":/?#[]@!$&'()*+,;=%~")


# --- white space ------------------------------------------------------------------


def normalize_space(
    inlines: Sequence[Inline], *, trim: bool = True, max_breaks: int = 2
) -> tuple[Inline, ...]:
    """Collapse white space as a browser renders it: runs of spaces, tabs
    and newlines become one space, across element boundaries; no space at
    the start or end of a line (``trim``), none around a line break. Empty
    elements vanish, neighbouring texts merge, line breaks at the edges go
    and at most ``max_breaks`` stand in a row (two mean a paragraph break in
    a run of text; in a caption or cell, the breaks around block elements
    merge into one)."""
    at_line_start = [trim]
    collapsed = collapse_runs(inlines, at_line_start)
    if trim:
        collapsed = strip_end(collapsed)
        collapsed = trim_breaks(collapsed, max_breaks)
    return tuple(collapsed)


def collapse_runs(inlines: Sequence[Inline], after_space: list[bool]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        match node:
            case Text(text) | Code(text):
                text = HTML_SPACE.sub(" ", text)
                if after_space[0] and text.startswith(" "):
                    text = text[1:]
                if not text:
                    continue
                after_space[0] = text.endswith(" ")
                if isinstance(node, Text) and out and isinstance(out[-1], Text):
                    out[-1] = Text(out[-1].text + text)
                else:
                    out.append(replace(node, text=text))
            case LineBreak():
                out = strip_end(out)
                out.append(node)
                after_space[0] = True
            case InlineContainer(children=children):
                inner = collapse_runs(children, after_space)
                if inner:
                    out.append(replace(node, children=tuple(inner)))
            case _:
                out.append(node)
    return out


def strip_end(inlines: list[Inline]) -> list[Inline]:
    """Remove white space at the end of a line (recursively into the last
    element)."""
    out = list(inlines)
    while out:
        last = out[-1]
        match last:
            case Text(text) | Code(text):
                stripped = text.rstrip(" ")
                if stripped:
                    out[-1] = replace(last, text=stripped)
                    return out
                out.pop()
            case InlineContainer(children=children):
                inner = strip_end(list(children))
                if inner:
                    out[-1] = replace(last, children=tuple(inner))
                    return out
                out.pop()
            case _:
                return out
    return out


def trim_breaks(inlines: list[Inline], max_breaks: int) -> list[Inline]:
    """No line break at the start or end, at most ``max_breaks`` in a row."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, LineBreak):
            run = 0
            while run < len(out) and isinstance(out[-1 - run], LineBreak):
                run += 1
            if not out or run >= max_breaks:
                continue
        out.append(node)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    return out


def split_at_double_breaks(inlines: Sequence[Inline]) -> list[tuple[Inline, ...]]:
    """Split at two line breaks in a row: pages that write paragraphs as
    ``text<br><br>text`` mean two paragraphs."""
    parts: list[list[Inline]] = [[]]
    index = 0
    while index < len(inlines):
        node = inlines[index]
        if (
            isinstance(node, LineBreak)
            and index + 1 < len(inlines)
            and isinstance(inlines[index + 1], LineBreak)
        ):
            parts.append([])
            while index < len(inlines) and isinstance(inlines[index], LineBreak):
                index += 1
            continue
        parts[-1].append(node)
        index += 1
    return [tuple(part) for part in parts if part]


def has_text(inlines: Sequence[Inline]) -> bool:
    for node in inlines:
        match node:
            case Text(text) | Code(text):
                if text.strip():
                    return True
            case InlineContainer(children=children):
                if has_text(children):
                    return True
    return False


#: Marks a text may already open with, which a ``<q>`` then does not double.
QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「『"


def quoted(children: tuple[Inline, ...], element: HtmlElement) -> list[Inline]:
    """``<q>``'s content between the quotes a browser shows around it: a
    double straight quote, a single one inside another ``q``, which the
    typography transform then sets in the language's style („…“, «…»). A
    ``q`` whose own text already opens and closes with marks gets none more
    (a nested ``q``'s marks are not its own)."""
    last = element[-1].tail if len(element) else element.text
    opens = (element.text or "").lstrip()[:1]
    closes = (last or "").rstrip()[-1:]
    if opens and closes and opens in QUOTE_MARKS and closes in QUOTE_MARKS:
        return list(children)
    mark = "'" if any(True for _ in element.iterancestors("q")) else '"'
    return [Text(mark), *children, Text(mark)]
