"""Markdown reader: CommonMark with GFM tables, footnotes, definition lists,
strikethrough and YAML front matter, parsed by markdown-it-py.

markdown-it gives a token tree; this module maps it onto the model and decides
what the model cannot say:

- Raw HTML never reaches the output as written: HTML blocks and inline HTML go
  through the HTML reader's sanitising fragment functions, so a ``<script>``
  in Markdown vanishes and ``<em>x</em>`` becomes :class:`Emphasis`.
- Images are blocks in the model (:class:`Figure`), so a paragraph with an
  image in its middle is split around it; an image that cannot be a block (in
  a heading, a link, a table cell) keeps its alt text in the flow.
- Footnote definitions are placed right after the top-level block holding
  their first reference, which keeps them in that block's section (where the
  XHTML renderer puts notes) and numbers them in reading order.
- ``~~struck~~`` text stays struck through (:class:`Strikethrough`): a
  withdrawn word read as plain text says the opposite. Superscript and
  subscript have no Markdown syntax: inline ``<sup>``/``<sub>`` HTML gives
  them, through the HTML reader like all raw HTML.
- Document-level rules run after the mapping, in this order:
  :func:`take_title_heading`, :func:`take_byline`, :func:`place_footnotes`,
  :func:`shift_heading_levels`.

No word is dropped: where markdown-it itself would lose text (links it
refuses to parse, blocks nested past its limit) we parse or refuse loudly
instead (:func:`accept_every_link`, :func:`nesting_guard`).

Typographer and smart quotes stay off: typography is a language-aware
transform of ours, not the parser's.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.front_matter.index import _front_matter_rule

from exporter import safe_yaml
from exporter.diagnostics import Diagnostic, Outcome, notice, warning
from exporter.errors import InputError
from exporter.model import (
    METADATA_KEYS,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Document,
    Emphasis,
    Figure,
    FootnoteDef,
    FootnoteRef,
    Heading,
    Inline,
    InlineContainer,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Resource,
    SceneBreak,
    Strikethrough,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    footnote_calls,
    plain_text,
)
from exporter.news import parse_byline
from exporter.readers import html as html_reader
from exporter.readers.encoding import decode
from exporter.readers.html.metadata import normalize_date
from exporter.readers.images import ImageCollector
from exporter.source import Source
from exporter.timestamps import FULL_DATE


def make_parser(front_matter: bool = True) -> MarkdownIt:
    """A fresh markdown-it for one document (its plugins keep state in ``env``).

    Footnote definitions stay where they are written (``move_to_end=False``):
    the plugin's own tail step drops definitions nobody references, and those
    words must not vanish. Without ``front_matter``, a first line ``---`` is
    a thematic break (see :func:`read_front_matter`).
    """
    md = MarkdownIt("commonmark", {"typographer": False, "linkify": False, "html": True})
    md.enable(["table", "strikethrough"])
    if front_matter:
        md.use(front_matter_plugin)
        md.block.ruler.at("front_matter", front_matter_at_the_top)
    md.use(footnote_plugin, move_to_end=False).use(deflist_plugin)
    md.validateLink = accept_every_link
    md.options["maxNesting"] = MAX_NESTING + 1
    md.block.ruler.before("table", "nesting_guard", nesting_guard)
    return md


def front_matter_at_the_top(
    state: StateBlock, start_line: int, end_line: int, silent: bool
) -> bool:
    """The front matter plugin's rule, only where front matter stands: the
    document's first line, outside any list or quote, three dashes. The
    plugin (mdit-py-plugins 0.7) checks the source's first character but
    counts the dashes from the line's content, so "- 0--" (a list item) was
    front matter, a block nothing maps, and the export failed. As in pandoc,
    a blank line right after the opening dashes makes them a thematic break:
    "---", a blank line and "# Heading" is a rule over a heading, whose
    words YAML would have taken for a comment and dropped."""
    if state.level or state.blkIndent or not state.src.startswith("---"):
        return False
    if start_line + 1 < end_line and state.isEmpty(start_line + 1):
        return False
    return _front_matter_rule(state, start_line, end_line, silent)


#: Deepest nesting of block quotes and lists we read. markdown-it silently
#: skips everything nested deeper than its ``maxNesting``; :func:`nesting_guard`
#: turns that loss of words into an error.
MAX_NESTING = 50


def nesting_guard(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule tried before all others: refuse blocks nested deeper than
    :data:`MAX_NESTING` instead of letting markdown-it drop them unseen."""
    if state.level >= MAX_NESTING:
        raise InputError(
            f"quotes or lists nested more than {MAX_NESTING} levels deep; "
            "this is not an article we can lay out"
        )
    return False


def accept_every_link(url: str) -> bool:
    """Let markdown-it parse every link and image; we judge targets ourselves.

    markdown-it's own check leaves ``![x](file:///etc/passwd)`` or
    ``[x](javascript:…)`` as literal Markdown in the text. We would rather
    refuse the image with the warning that names every refused image, and keep
    an unsafe link's words without the link (:func:`is_safe_link`).
    """
    return True


#: Link schemes that run code or read the reader's disk: never a link in a book.
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def is_safe_link(target: str) -> bool:
    """Whether a link target may become a link (scheme checked as browsers
    read it: case and whitespace or control characters ignored)."""
    compact = re.sub(r"[\x00-\x20]", "", target).lower()
    return not compact.startswith(UNSAFE_SCHEMES)


def read(source: Source) -> Outcome:
    """Read a Markdown document into the model."""
    text, decode_diagnostics = decode(source.data, source.name)
    context = Context(source.name, source.base_dir, make_parser())
    context.diagnostics.extend(decode_diagnostics)
    tree = SyntaxTreeNode(context.md.parse(text, context.env))

    metadata = Metadata()
    body = list(tree.children)
    if body and body[0].type == "front_matter":
        front = read_front_matter(body[0].content, context)
        if front is None:  # not front matter: read again as the text it is
            diagnostics = context.diagnostics
            context = Context(source.name, source.base_dir, make_parser(front_matter=False))
            context.diagnostics = diagnostics
            body = list(SyntaxTreeNode(context.md.parse(text, context.env)).children)
        else:
            metadata = front
            body.pop(0)
    blocks = convert_blocks(body, context)

    metadata, blocks = take_title_heading(metadata, blocks)
    metadata, blocks, byline = take_byline(metadata, blocks)
    if byline:
        context.diagnostics.append(
            notice("markdown.byline", f'{source.name}: byline "{byline}" moved to the authors')
        )
    blocks, orphans = place_footnotes(blocks, context.definitions)
    if orphans:
        context.diagnostics.append(
            warning(
                "markdown.footnote-unreferenced",
                f"{source.name}: {count(len(orphans), 'footnote')} never referenced, "
                f"kept at the end: {', '.join(orphans)}",
            )
        )
    blocks, clamped = shift_heading_levels(blocks)
    if clamped:
        context.diagnostics.append(
            notice(
                "markdown.heading-clamped",
                f"{source.name}: {count(clamped, 'heading')} deeper than level 6 after "
                "shifting kept at level 6",
            )
        )
    context.report()
    resources = document_resources(blocks, context.images, context.cover)
    if context.cover is not None:
        metadata = replace(metadata, cover=cover_name(context.cover))
    document = Document(metadata, tuple(blocks), resources)
    return Outcome(document, tuple(context.diagnostics))


# --- reading state ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InlineImage:
    """An image met among inlines, before we know whether it can be a block."""

    src: str
    alt: str
    title: str


Item = Inline | InlineImage


@dataclass
class Context:
    """What one read collects on its way: messages, embedded resources,
    footnote definitions. One per call of :func:`read`, never shared."""

    name: str
    base_dir: Path | None
    md: MarkdownIt
    env: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    images: ImageCollector = field(init=False)
    #: The resource name of the front matter's cover image.
    cover: str | None = None
    #: Markdown label -> XML-safe model label.
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, tuple[Block, ...]] = field(default_factory=dict)
    images_as_text: int = 0
    unsafe_links: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.images = ImageCollector(self.base_dir)

    def label_for(self, raw: str) -> str:
        """The model label for a Markdown footnote label (see :func:`safe_label`)."""
        if raw not in self.labels:
            self.labels[raw] = safe_label(raw, set(self.labels.values()))
        return self.labels[raw]

    def report(self) -> None:
        """Add the messages that sum up the whole document, one per kind."""
        self.diagnostics.extend(self.images.diagnostics())
        if self.unsafe_links:
            self.diagnostics.append(
                warning(
                    "markdown.links-unsafe",
                    f"{self.name}: kept the words but not the target of "
                    f"{count(len(self.unsafe_links), 'link')} that would run code or read "
                    f"files: {', '.join(self.unsafe_links)}",
                )
            )
        if self.images_as_text:
            self.diagnostics.append(
                notice(
                    "markdown.image-as-text",
                    f"{self.name}: {count(self.images_as_text, 'image')} inside a heading, "
                    "link, emphasis or table kept as alt text (images are blocks in the model)",
                )
            )


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def safe_label(raw: str, taken: set[str]) -> str:
    """An XML name for a footnote label, unique among ``taken``.

    Writers build ids from labels (``fn-<label>``), and EPUB content documents
    must be valid XML, so a label keeps only ASCII letters, digits, ``-``,
    ``_`` and ``.`` (accents are stripped, anything else becomes ``-``) and
    starts with a letter (``1`` becomes ``note-1``).
    """
    spelled = raw.replace("ß", "ss").replace("ẞ", "SS")  # NFKD leaves ß alone
    ascii_label = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    label = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_label).strip("-.")
    if not label or not label[0].isalpha():
        label = f"note-{label}" if label else "note"
    candidate, number = label, 2
    while candidate in taken:
        candidate, number = f"{label}-{number}", number + 1
    return candidate


# --- front matter ---------------------------------------------------------------


def read_front_matter(text: str, context: Context) -> Metadata | None:
    """Metadata from YAML front matter, or ``None`` where it is none.

    Front matter is a YAML mapping ("key: value" lines). Anything else
    between two ``---`` lines (invalid YAML, a list, plain words) is
    Markdown, as pandoc reads it: text between two thematic breaks, whose
    words must not vanish. A warning says so, naming the line where the
    YAML failed, in case metadata was meant. YAML past the limits of
    :mod:`exporter.safe_yaml` (aliases that expand to billions of values)
    is refused at once, an :class:`InputError` naming the limit. Unknown
    keys are listed in a notice.
    ``cover`` names an image that is embedded as resource ``cover.<ext>``
    (see :func:`document_resources`).
    """
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YamlLimitError as error:
        raise InputError(f"{context.name}: front matter refused: its YAML {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        context.diagnostics.append(
            warning(
                "markdown.front-matter-invalid",
                f"{context.name}: front matter is not valid YAML{where}: {problem}; read as text",
            )
        )
        return None
    if data is None:
        return Metadata()
    if not isinstance(data, dict):
        context.diagnostics.append(
            warning(
                "markdown.front-matter-invalid",
                f"{context.name}: front matter is not a list of 'key: value' lines; read as text",
            )
        )
        return None

    values: dict[str, Any] = {}
    unknown: list[str] = []
    for key, value in data.items():
        name = str(key).strip().lower()
        if name == "cover":
            context.cover = context.images.add(str(value))
        elif name in METADATA_KEYS:
            target = METADATA_KEYS[name]
            converted = authors_value(value) if target == "authors" else scalar_value(value)
            if target == "date" and isinstance(converted, str) and names_no_day(converted):
                context.diagnostics.append(
                    notice(
                        "markdown.date-ignored",
                        f"{context.name}: ignored the front matter's date {converted!r}:"
                        " it names no day of publication",
                    )
                )
                continue
            if converted:
                values[target] = converted
        else:
            unknown.append(str(key))
    if unknown:
        context.diagnostics.append(
            notice(
                "markdown.front-matter-unknown",
                f"{context.name}: ignored front matter key{'s' if len(unknown) > 1 else ''} "
                f"{', '.join(unknown)}",
            )
        )
    return Metadata(**values)


def names_no_day(date: str) -> bool:
    """Rule: a date written as a day (``2019-02-30``, ``0001-01-01``,
    ``9999-12-31T00:00:00``) that is no day of publication (see
    :func:`~exporter.readers.html.metadata.normalize_date`) is ignored, as
    a page's is; a year or a month alone ("2024", "Spring 2024") stays."""
    return FULL_DATE.fullmatch(date.strip()) is not None and not normalize_date(date)


def scalar_value(value: Any) -> str:
    """A front matter value as metadata text; YAML dates become ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(scalar_value(item) for item in value if scalar_value(item))
    if isinstance(value, dict):
        return scalar_value(value.get("name") or value.get("text") or "")
    return " ".join(str(value).split())


def authors_value(value: Any) -> tuple[str, ...]:
    """Authors from a string, a list of strings, or a list of ``{name: ...}``."""
    items = value if isinstance(value, list) else [value]
    return tuple(name for name in (scalar_value(item) for item in items) if name)


# --- images ---------------------------------------------------------------------


def figure_for(image: InlineImage, context: Context) -> Figure | None:
    """A figure for an image; its title (``![alt](src "title")``) is the caption.
    ``None`` when the image may not be embedded (the collector reports it)."""
    name = context.images.add(image.src)
    if name is None:
        return None
    caption = (Text(image.title),) if image.title else ()
    return Figure(name, image.alt, caption)


def document_resources(
    blocks: list[Block], images: ImageCollector, cover: str | None
) -> tuple[Resource, ...]:
    """The embedded images, the cover renamed ``cover.<ext>`` (the name
    ``metadata.cover`` gives). An image that is both the cover and a figure
    is embedded under both names.
    """
    resources = list(images.resources)
    if cover is None:
        return tuple(resources)
    image = next(resource for resource in resources if resource.name == cover)
    if cover not in figure_sources(blocks):
        resources.remove(image)
    return (*resources, replace(image, name=cover_name(cover)))


def cover_name(source: str) -> str:
    return f"cover{PurePosixPath(source).suffix}"


def figure_sources(blocks: list[Block] | tuple[Block, ...]) -> set[str]:
    sources: set[str] = set()
    for block in blocks:
        match block:
            case Figure(src):
                sources.add(src)
            case BlockQuote(children) | FootnoteDef(_, children):
                sources |= figure_sources(children)
            case ListBlock(items):
                for item in items:
                    sources |= figure_sources(item.blocks)
            case DefinitionList(items):
                for entry in items:
                    for definition in entry.definitions:
                        sources |= figure_sources(definition)
    return sources


# --- blocks -----------------------------------------------------------------------


def convert_blocks(nodes: list[SyntaxTreeNode], context: Context) -> list[Block]:
    blocks: list[Block] = []
    for node in nodes:
        blocks.extend(convert_block(node, context))
    return blocks


def convert_block(node: SyntaxTreeNode, context: Context) -> list[Block]:
    match node.type:
        case "paragraph":
            return paragraph_blocks(convert_inline_node(node.children[0], context), context)
        case "heading":
            level = int(node.tag[1])
            children = line_inlines(node.children[0], context)
            return [Heading(level, children)] if children else []
        case "blockquote":
            return [BlockQuote(tuple(convert_blocks(node.children, context)))]
        case "bullet_list" | "ordered_list":
            items = tuple(
                ListItem(tuple(convert_blocks(item.children, context))) for item in node.children
            )
            start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
            return [ListBlock(items, ordered=node.type == "ordered_list", start=start)]
        case "fence":
            return [CodeBlock(strip_final_newline(node.content), fence_language(node.info))]
        case "code_block":
            return [CodeBlock(strip_final_newline(node.content))]
        case "hr":
            return [SceneBreak()]
        case "table":
            return [convert_table(node, context)]
        case "html_block":
            return list(html_blocks(node.content, context))
        case "dl":
            return [convert_deflist(node, context)]
        case "footnote_reference":
            label = context.label_for(node.meta["label"])
            context.definitions[label] = tuple(convert_blocks(node.children, context))
            return []
    raise AssertionError(f"Markdown block {node.type!r} is not mapped to the model")


def strip_final_newline(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


def fence_language(info: str) -> str:
    """The language of a fenced code block: the info string's first word,
    reduced to characters that make a clean class name."""
    words = info.split()
    return re.sub(r"[^\w+#.-]", "", words[0]) if words else ""


def paragraph_blocks(items: list[Item], context: Context) -> list[Block]:
    """A paragraph, split around the images it holds.

    The model's images are blocks, so an image becomes a :class:`Figure` and
    the text before and after it stays in paragraphs of their own; a paragraph
    holding only an image becomes just the figure. Whitespace left at a split
    is dropped. A refused image leaves nothing behind (it is listed in a
    warning).
    """
    blocks: list[Block] = []
    run: list[Inline] = []

    def flush() -> None:
        children = strip_edges(merge_text(run))
        if children:
            blocks.append(Paragraph(children))
        run.clear()

    for item in items:
        if isinstance(item, InlineImage):
            flush()
            figure = figure_for(item, context)
            if figure is not None:
                blocks.append(figure)
        else:
            run.append(item)
    flush()
    return blocks


def convert_table(node: SyntaxTreeNode, context: Context) -> Table:
    head: list[TableRow] = []
    body: list[TableRow] = []
    for section in node.children:
        rows = head if section.type == "thead" else body
        for row in section.children:
            cells = tuple(
                TableCell(
                    line_inlines(cell.children[0], context) if cell.children else (),
                    header=cell.type == "th",
                    align=cell_alignment(cell),
                )
                for cell in row.children
            )
            rows.append(TableRow(cells))
    return Table(tuple(head), tuple(body))


Alignment = Literal["", "left", "center", "right"]

#: markdown-it's cell style (from the ``:--:`` rule) -> the model's alignment.
ALIGNMENTS: dict[str, Alignment] = {
    "text-align:left": "left",
    "text-align:center": "center",
    "text-align:right": "right",
}


def cell_alignment(cell: SyntaxTreeNode) -> Alignment:
    return ALIGNMENTS.get(str(cell.attrs.get("style", "")).replace(" ", ""), "")


def convert_deflist(node: SyntaxTreeNode, context: Context) -> DefinitionList:
    """A definition list: each ``dt`` a term, each ``dd`` (``: …`` line and
    what is indented under it) one definition of the term before it."""
    terms: list[tuple[Inline, ...]] = []
    definitions: list[list[tuple[Block, ...]]] = []
    for child in node.children:
        if child.type == "dt":
            terms.append(line_inlines(child.children[0], context))
            definitions.append([])
        elif terms:
            definitions[-1].append(tuple(convert_blocks(child.children, context)))
    return DefinitionList(
        tuple(
            DefinitionItem(term, tuple(entries))
            for term, entries in zip(terms, definitions, strict=True)
        )
    )


def html_blocks(markup: str, context: Context) -> tuple[Block, ...]:
    """Blocks from raw HTML, through the HTML reader's sanitising; its images
    join this document's (one collector, one warning for refused images)."""
    fragment = html_reader.fragment_blocks(markup, context.base_dir, images=context.images)
    for diagnostic in fragment.diagnostics:
        if diagnostic not in context.diagnostics:
            context.diagnostics.append(diagnostic)
    return fragment.blocks


# --- inlines ----------------------------------------------------------------------


def convert_inline_node(node: SyntaxTreeNode, context: Context) -> list[Item]:
    """The items of an ``inline`` token (a paragraph's, heading's or cell's content)."""
    return convert_inlines(node.children, context)


def line_inlines(node: SyntaxTreeNode, context: Context) -> tuple[Inline, ...]:
    """The inlines of a one-line container (heading, table cell, term), where
    images cannot become figures."""
    return strip_edges(inlines_only(convert_inline_node(node, context), context))


def convert_inlines(nodes: list[SyntaxTreeNode], context: Context) -> list[Item]:
    items: list[Item] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if node.type == "html_inline":
            end = html_segment_end(nodes, index)
            items.extend(html_inlines(nodes[index : end + 1], context))
            index = end + 1
            continue
        items.extend(convert_inline(node, context))
        index += 1
    return merge_text(items)


def convert_inline(node: SyntaxTreeNode, context: Context) -> list[Item]:
    match node.type:
        case "text":
            return [Text(node.content)] if node.content else []
        case "softbreak":
            return [Text(" ")]
        case "hardbreak":
            return [LineBreak()]
        case "code_inline":
            return [Code(node.content)]
        case "em":
            return [Emphasis(inlines_only(convert_inlines(node.children, context), context))]
        case "strong":
            return [Strong(inlines_only(convert_inlines(node.children, context), context))]
        case "s":
            return [Strikethrough(inlines_only(convert_inlines(node.children, context), context))]
        case "link":
            children = inlines_only(convert_inlines(node.children, context), context)
            target = str(node.attrs.get("href", ""))
            if not is_safe_link(target):
                context.unsafe_links.append(target)
                return list(children)
            return [Link(target, children, str(node.attrs.get("title", "")))]
        case "image":
            alt = plain_text(inlines_only(convert_inlines(node.children, context), context))
            return [
                InlineImage(
                    str(node.attrs.get("src", "")), alt, str(node.attrs.get("title", "") or "")
                )
            ]
        case "footnote_ref":
            return [footnote_reference(node, context)]
    raise AssertionError(f"Markdown inline {node.type!r} is not mapped to the model")


def footnote_reference(node: SyntaxTreeNode, context: Context) -> FootnoteRef:
    """A reference; an inline footnote (``^[text]``) also defines its note here."""
    if "label" in node.meta:
        return FootnoteRef(context.label_for(node.meta["label"]))
    number = node.meta["id"]
    label = context.label_for(f"\0inline-{number}")
    note = context.env["footnotes"]["list"][number]
    tree = SyntaxTreeNode(note["tokens"])
    items = inlines_only(convert_inlines(tree.children, context), context)
    context.definitions[label] = (Paragraph(strip_edges(items)),)
    return FootnoteRef(label)


def inlines_only(items: list[Item], context: Context) -> tuple[Inline, ...]:
    """Inlines where a figure cannot go: each image is replaced by its alt text
    (counted for one notice) so that its words stay where the author put them."""
    result: list[Inline] = []
    for item in items:
        if isinstance(item, InlineImage):
            context.images_as_text += 1
            if item.alt:
                result.append(Text(item.alt))
        else:
            result.append(item)
    return tuple(merge_text(result))


def merge_text(items: list[Any]) -> list[Any]:
    """Join neighbouring :class:`Text` nodes, as a reader sees one run of text
    (joined once: adding each text to the run so far took quadratic time)."""
    merged: list[Any] = []
    run: list[str] = []
    for item in items:
        if isinstance(item, Text):
            run.append(item.text)
            continue
        if run:
            merged.append(Text("".join(run)))
            run = []
        merged.append(item)
    if run:
        merged.append(Text("".join(run)))
    return merged


def strip_edges(inlines: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Drop whitespace at the start and end of a paragraph's inlines, and
    collapse runs of spaces in its text (see :func:`collapse_spaces`)."""
    items = [collapse_spaces(item) for item in merge_text(list(inlines))]
    while items and isinstance(items[0], Text) and not items[0].text.strip():
        items.pop(0)
    while items and isinstance(items[-1], Text) and not items[-1].text.strip():
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
    return tuple(items)


SPACES = re.compile(r"[ \t]{2,}")


def collapse_spaces(node: Inline) -> Inline:
    """One space where the text has several, as both outputs show them.

    Runs appear where removed inline HTML stood between two spaces (``und
    <script>…</script> ohne``); keeping them would give the typography
    transforms and the word-by-word tests a text nobody wrote. Code keeps its
    spaces.
    """
    match node:
        case Text(text):
            return Text(SPACES.sub(" ", text))
        case InlineContainer(children=children):
            return replace(node, children=tuple(collapse_spaces(child) for child in children))
    return node


# --- inline HTML ------------------------------------------------------------------

OPENING_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>\Z", re.DOTALL)
CLOSING_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")

#: HTML elements that never have a closing tag.
VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def html_segment_end(nodes: list[SyntaxTreeNode], start: int) -> int:
    """The index of the node closing the HTML element opened at ``start``.

    markdown-it gives each inline tag as its own token, with the Markdown
    between them parsed as usual; ``<span>a *b*</span>`` is three siblings.
    The HTML reader needs the element whole, so we find its closing tag among
    the following siblings (counting nested elements of the same name). A tag
    that is void, self-closed, a comment, or never closed at this level is a
    segment by itself.
    """
    opening = OPENING_TAG.match(nodes[start].content.strip())
    if not opening or opening.group(2) or opening.group(1).lower() in VOID_ELEMENTS:
        return start
    name = opening.group(1).lower()
    depth = 0
    for index in range(start, len(nodes)):
        if nodes[index].type != "html_inline":
            continue
        content = nodes[index].content.strip()
        other = OPENING_TAG.match(content)
        if other and not other.group(2) and other.group(1).lower() == name:
            depth += 1
        closing = CLOSING_TAG.match(content)
        if closing and closing.group(1).lower() == name:
            depth -= 1
            if depth == 0:
                return index
    return start


#: Private-use characters marking where a footnote reference or an image sat
#: while a segment passes through the HTML reader; they cannot occur in
#: decoded input that reached this point as text of ours.
MARK_START, MARK_END = "\ue000", "\ue001"
MARK = re.compile(f"{MARK_START}(\\d+){MARK_END}")


def html_inlines(nodes: list[SyntaxTreeNode], context: Context) -> list[Item]:
    """Inlines from a segment of inline HTML (with the Markdown inside it).

    The segment is rendered back to HTML by markdown-it and converted by the
    HTML reader, so raw HTML is sanitised in one place. Footnote references and
    images inside it are carried through as placeholder marks and restored
    afterwards, since they are ours, not the HTML's.
    """
    tokens: list[Token] = []
    kept: list[Item] = []
    for node in nodes:
        for token in node.to_tokens():
            if token.type in ("footnote_ref", "image"):
                item = convert_inline(SyntaxTreeNode([token]).children[0], context)[0]
                tokens.append(Token("text", "", 0, content=f"{MARK_START}{len(kept)}{MARK_END}"))
                kept.append(item)
            else:
                tokens.append(token)
    markup = context.md.renderer.render(tokens, context.md.options, context.env)
    inlines = html_reader.fragment_inlines(markup)
    return restore_marks(list(inlines), kept)


def restore_marks(inlines: list[Inline], kept: list[Item]) -> list[Item]:
    """Put back the footnote references and images :func:`html_inlines` marked.

    Marks nested inside a container (an image inside ``<a>``) come back as
    inlines only: images there become their alt text.
    """
    result: list[Item] = []
    for node in inlines:
        match node:
            case Text(text) if MARK_START in text:
                for index, part in enumerate(MARK.split(text)):
                    if index % 2:
                        result.append(kept[int(part)])
                    elif part:
                        result.append(Text(part))
            case InlineContainer(children=children):
                restored = restore_marks(list(children), kept)
                flat = [
                    Text(item.alt) if isinstance(item, InlineImage) else item for item in restored
                ]
                result.append(replace(node, children=tuple(merge_text(flat))))
            case _:
                result.append(node)
    return result


# --- document-level rules ---------------------------------------------------------


def take_title_heading(metadata: Metadata, blocks: list[Block]) -> tuple[Metadata, list[Block]]:
    """A document that opens with its only ``#`` heading has its title there.

    When the front matter gives no title and the first block is a level-1
    heading that no other level-1 heading follows, that heading's text becomes
    the title and leaves the body. Several ``#`` headings are sections, not a
    title; a heading after some text is a section too.
    """
    if metadata.title or not blocks:
        return metadata, blocks
    first = blocks[0]
    if not isinstance(first, Heading) or first.level != 1:
        return metadata, blocks
    if any(isinstance(block, Heading) and block.level == 1 for block in blocks[1:]):
        return metadata, blocks
    title = " ".join(plain_text(first.children).split())
    return replace(metadata, title=title), blocks[1:]


def take_byline(metadata: Metadata, blocks: list[Block]) -> tuple[Metadata, list[Block], str]:
    """A byline paragraph at the very start or end becomes the authors.

    The paragraph must be one line of plain (or emphasised) text that
    :func:`exporter.news.parse_byline` accepts, as the text reader does ("Von X und
    Y", "By X", "Autor: X", "By X, Reuters"). Its persons become the authors,
    and a news agency signing with them the publisher (never an author),
    unless the front matter names one. It is taken only when the front matter
    names no authors, or names the same ones (then the line would repeat the
    title page). Returns the byline's text, empty if none was taken.
    """
    for index in (0, len(blocks) - 1) if blocks else ():
        line = byline_text(blocks[index])
        byline = parse_byline(line) if line else None
        if byline is None or not byline.authors:
            continue
        if metadata.authors and not set(byline.authors) <= set(metadata.authors):
            continue
        taken = replace(
            metadata,
            authors=metadata.authors or byline.authors,
            publisher=metadata.publisher or ", ".join(byline.agencies),
        )
        return taken, blocks[:index] + blocks[index + 1 :], line
    return metadata, blocks, ""


def byline_text(block: Block) -> str:
    """The text of a one-line paragraph of plain or emphasised text, else ""."""
    if not isinstance(block, Paragraph):
        return ""

    def plain(inlines: tuple[Inline, ...]) -> bool:
        return all(
            isinstance(node, Text) or (isinstance(node, Emphasis | Strong) and plain(node.children))
            for node in inlines
        )

    text = plain_text(block.children)
    return text.strip() if plain(block.children) and "\n" not in text else ""


def shift_heading_levels(blocks: list[Block]) -> tuple[list[Block], int]:
    """Shift headings so that the top sections are at level 2.

    Level 1 is the title's, and both outputs start sections at level 2: a
    document whose top remaining headings are ``#`` (a front matter title with
    ``#`` sections) moves every heading down one level, one whose top is
    ``###`` moves them up. Levels past 6 stay at 6; returns how many did.
    """
    levels = [block.level for block in blocks if isinstance(block, Heading)]
    if not levels or min(levels) == 2:
        return blocks, 0
    shift = 2 - min(levels)
    clamped = 0

    def shifted(block: Block) -> Block:
        nonlocal clamped
        match block:
            case Heading(level):
                new_level = level + shift
                if new_level > 6:
                    clamped += 1
                return replace(block, level=min(6, max(2, new_level)))
            case BlockQuote(children) | FootnoteDef(_, children):
                return replace(block, blocks=tuple(shifted(child) for child in children))
            case ListBlock(items):
                return replace(
                    block,
                    items=tuple(
                        replace(item, blocks=tuple(shifted(child) for child in item.blocks))
                        for item in items
                    ),
                )
            case DefinitionList(items):
                return replace(
                    block,
                    items=tuple(
                        replace(
                            entry,
                            definitions=tuple(
                                tuple(shifted(child) for child in definition)
                                for definition in entry.definitions
                            ),
                        )
                        for entry in items
                    ),
                )
        return block

    return [shifted(block) for block in blocks], clamped


def place_footnotes(
    blocks: list[Block], definitions: dict[str, tuple[Block, ...]]
) -> tuple[list[Block], list[str]]:
    """Put each footnote definition right after the top-level block holding
    its first reference (a note referenced inside another note follows that
    note). Notes nobody references go to the end; their labels are returned.
    """
    placed: set[str] = set()
    result: list[Block] = []

    def place_after(block: Block) -> None:
        result.append(block)
        for label in footnote_calls((block,)):
            if label in definitions and label not in placed:
                placed.add(label)
                place_after(FootnoteDef(label, definitions[label]))

    for block in blocks:
        place_after(block)
    # A note called only from an unreferenced note follows that note, as any
    # note called from a note does: placed once, and not counted an orphan
    # (unless notes call only each other, in a circle nothing else enters).
    called = set(footnote_calls(tuple(FootnoteDef(label, d) for label, d in definitions.items())))
    unplaced = [label for label in definitions if label not in placed]
    roots: list[str] = []
    for label in [*(label for label in unplaced if label not in called), *unplaced]:
        if label not in placed:
            roots.append(label)
            placed.add(label)
            place_after(FootnoteDef(label, definitions[label]))
    return result, roots


# --- sniffing ---------------------------------------------------------------------

#: Markdown constructs rare in plain text, for :func:`looks_like_markdown`.
MARKDOWN_SIGNS: dict[str, re.Pattern[str]] = {
    "heading": re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    "fence": re.compile(r"^(```|~~~)", re.MULTILINE),
    "link": re.compile(r"!?\[[^\]\n]+\]\([^)\s]+(\s+\"[^\"]*\")?\)"),
    "footnote": re.compile(r"\[\^[^\]\s]+\]"),
    "table": re.compile(r"^\|?\s*:?-{3,}:?\s*\|", re.MULTILINE),
    "strong": re.compile(r"(\*\*|__)\S[^\n]*?\S\1"),
    "list": re.compile(r"^[ \t]{0,3}[-*+][ \t]+\S", re.MULTILINE),
}

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n)*?[A-Za-z_][\w-]*:[^\n]*\n(?:[^\n]*\n)*?---")


def looks_like_markdown(text: str) -> bool:
    """Whether text of unknown format (stdin, an odd file name) is Markdown.

    YAML front matter alone decides. Otherwise two different Markdown signs
    must appear (an ATX heading, a code fence, a link or image, a footnote, a
    table rule, ``**strong**``, a bullet list): plain text often has one
    dash-list or a stray ``#``, rarely two kinds of markup.
    """
    if FRONT_MATTER.match(text):
        return True
    return sum(1 for pattern in MARKDOWN_SIGNS.values() if pattern.search(text)) >= 2
