"""The document model: the one tree every reader returns and every writer accepts.

Like pandoc's ``Pandoc Meta [Block]``, a document is metadata plus a small closed
set of block and inline node types. Nodes are frozen, slotted dataclasses holding
tuples, so a transform cannot edit a tree in place: it builds a new one with
``dataclasses.replace``. ``to_json``/``from_json`` give a lossless round trip,
which is how documents travel between processes and how ``inspect --json``
shows them.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

# --- inlines ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


class InlineContainer:
    """The inlines that hold inlines, in ``children`` (emphasis, strong,
    links, passages, super- and subscripts): code that walks inline content
    goes into all of them alike, as ``case InlineContainer(children=…)``."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Emphasis(InlineContainer):
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong(InlineContainer):
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """Inline code: typography transforms never touch it."""

    text: str


@dataclass(frozen=True, slots=True)
class Link(InlineContainer):
    target: str
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A reference to the :class:`FootnoteDef` with the same label."""

    label: str


@dataclass(frozen=True, slots=True)
class Span(InlineContainer):
    """A passage in another language than the document's (``lang`` is BCP 47)."""

    children: tuple[Inline, ...]
    lang: str


@dataclass(frozen=True, slots=True)
class Superscript(InlineContainer):
    """Text set above the line as part of what it says: an exponent (m²), an
    ordinal (1er), an abbreviation (Mme). A footnote call is not one: that is
    a :class:`FootnoteRef`, whose number the writers set themselves."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Subscript(InlineContainer):
    """Text set below the line: a count in a formula (H₂O), an index (xᵢ)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strikethrough(InlineContainer):
    """Text struck through: words the author shows as withdrawn or no longer
    true ("Der Minister ~~tritt zurück~~ bleibt im Amt"). Read as plain text
    they would say the opposite, so the stroke is kept."""

    children: tuple[Inline, ...]


Inline = (
    Text
    | Emphasis
    | Strong
    | Strikethrough
    | Code
    | Link
    | LineBreak
    | FootnoteRef
    | Span
    | Superscript
    | Subscript
)

# --- blocks ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading. Level 1 is the document title's; sections start at 2."""

    level: int
    children: tuple[Inline, ...]
    id: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 6:
            raise ValueError(f"heading level must be 1..6, not {self.level}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class BlockQuote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True, slots=True)
class SceneBreak:
    """A thematic break between passages (``***`` in text, ``<hr>`` in HTML)."""


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """An image. ``src`` names a :class:`Resource` of the document."""

    src: str
    alt: str
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell; ``colspan``/``rowspan`` say how many columns and rows it covers
    (a header over two columns), as HTML's attributes of the same names."""

    children: tuple[Inline, ...]
    header: bool = False
    align: Literal["", "left", "center", "right"] = ""
    colspan: int = 1
    rowspan: int = 1

    def __post_init__(self) -> None:
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError(f"cell spans must be 1 or more, not {self.colspan}×{self.rowspan}")


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[TableCell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    head: tuple[TableRow, ...]
    body: tuple[TableRow, ...]
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class DefinitionItem:
    """One entry of a :class:`DefinitionList`: a term and its definitions, each
    a tuple of blocks (a definition may run to several paragraphs). An item
    without definitions shares those of the item after it: several terms with
    one meaning, as consecutive ``<dt>`` in HTML."""

    term: tuple[Inline, ...]
    definitions: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True, slots=True)
class DefinitionList:
    """Terms and their definitions (a glossary), HTML's ``<dl>``."""

    items: tuple[DefinitionItem, ...]


@dataclass(frozen=True, slots=True)
class FootnoteDef:
    """The text of a footnote; writers place it (popup aside, page foot)."""

    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Chapter:
    """One article of a book (an anthology): its own metadata (title,
    authors, language, date) and its blocks, whose headings start at level 2
    as in an article. Writers render the title and author line, and set the
    chapter's language; transforms read the language for its blocks."""

    metadata: Metadata
    blocks: tuple[Block, ...]
    #: The link target of the chapter's title ("chapter-1"); set by the ids transform.
    id: str = ""


Block = (
    Heading
    | Paragraph
    | BlockQuote
    | ListBlock
    | DefinitionList
    | SceneBreak
    | CodeBlock
    | Figure
    | Table
    | FootnoteDef
    | Chapter
)

# --- document --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""
    date: str = ""
    publisher: str = ""
    description: str = ""
    rights: str = ""
    identifier: str = ""
    source: str = ""
    #: When the publication was last modified (ISO 8601, UTC): set from the
    #: input, never from the clock, so that builds are reproducible.
    modified: str = ""
    #: The name of the :class:`Resource` that is the book's cover image
    #: ("" = none given: writers that need one generate it).
    cover: str = ""


#: The names people write for metadata in front matter and book files, and
#: the :class:`Metadata` field each fills (``author`` and ``authors`` both
#: take one name or a list).
METADATA_KEYS: dict[str, str] = {
    "title": "title",
    "subtitle": "subtitle",
    "author": "authors",
    "authors": "authors",
    "lang": "language",
    "language": "language",
    "date": "date",
    "publisher": "publisher",
    "description": "description",
    "rights": "rights",
    "identifier": "identifier",
    "source": "source",
}


@dataclass(frozen=True, slots=True)
class Resource:
    """A file the document embeds (an image), carried as bytes so that a
    document needs no disk to be written."""

    name: str
    media_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Document:
    metadata: Metadata
    blocks: tuple[Block, ...]
    resources: tuple[Resource, ...] = ()


# --- JSON round trip ---------------------------------------------------------

NODE_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Text,
        Emphasis,
        Strong,
        Strikethrough,
        Code,
        Link,
        LineBreak,
        FootnoteRef,
        Span,
        Superscript,
        Subscript,
        Heading,
        Paragraph,
        BlockQuote,
        ListItem,
        ListBlock,
        DefinitionItem,
        DefinitionList,
        SceneBreak,
        CodeBlock,
        Figure,
        TableCell,
        TableRow,
        Table,
        FootnoteDef,
        Chapter,
        Metadata,
        Resource,
        Document,
    )
}


def to_data(node: Any) -> Any:
    """Plain JSON-able data for a node: ``{"type": name, field: value...}``."""
    if isinstance(node, tuple):
        return [to_data(item) for item in node]
    if isinstance(node, bytes):
        return {"base64": base64.b64encode(node).decode("ascii")}
    if type(node).__name__ in NODE_TYPES and type(node) is NODE_TYPES[type(node).__name__]:
        data: dict[str, Any] = {"type": type(node).__name__}
        for f in fields(node):
            data[f.name] = to_data(getattr(node, f.name))
        return data
    return node


def from_data(data: Any) -> Any:
    """Inverse of :func:`to_data`."""
    if isinstance(data, list):
        return tuple(from_data(item) for item in data)
    if isinstance(data, dict):
        if set(data) == {"base64"}:
            return base64.b64decode(data["base64"])
        cls = NODE_TYPES[data["type"]]
        return cls(**{key: from_data(value) for key, value in data.items() if key != "type"})
    return data


def to_json(document: Document, *, indent: int | None = None) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=indent)


def from_json(text: str) -> Document:
    document = from_data(json.loads(text))
    if not isinstance(document, Document):
        raise ValueError("JSON does not hold a Document")
    return document


# --- helpers shared by transforms and writers --------------------------------


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text a reader sees, without markup (footnote references omitted)."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text) | Code(text):
                parts.append(text)
            case LineBreak():
                parts.append("\n")
            case FootnoteRef():
                pass
            case InlineContainer(children=children):
                parts.append(plain_text(children))
    return "".join(parts)


def footnote_calls(blocks: tuple[Block, ...]) -> list[str]:
    """Labels of the footnote references in ``blocks``, in reading order
    (references inside a note's own text count after the body's)."""
    labels: list[str] = []
    for block in blocks:
        match block:
            case Heading(_, children) | Paragraph(children):
                labels.extend(inline_footnote_calls(children))
            case BlockQuote(inner) | FootnoteDef(_, inner):
                labels.extend(footnote_calls(inner))
            case ListBlock(items):
                for item in items:
                    labels.extend(footnote_calls(item.blocks))
            case DefinitionList(items):
                for entry in items:
                    labels.extend(inline_footnote_calls(entry.term))
                    for definition in entry.definitions:
                        labels.extend(footnote_calls(definition))
            case Figure(_, _, caption):
                labels.extend(inline_footnote_calls(caption))
            case Table(head, body, caption):
                labels.extend(inline_footnote_calls(caption))
                for row in (*head, *body):
                    for cell in row.cells:
                        labels.extend(inline_footnote_calls(cell.children))
    return labels


def inline_footnote_calls(inlines: tuple[Inline, ...]) -> list[str]:
    labels: list[str] = []
    for node in inlines:
        match node:
            case FootnoteRef(label):
                labels.append(label)
            case InlineContainer(children=children):
                labels.extend(inline_footnote_calls(children))
    return labels


def document_languages(document: Document) -> list[str]:
    """The document's language and those of its chapters and passages
    (:class:`Span`), in order of appearance."""
    languages = [document.metadata.language]

    def visit(node: object) -> None:
        if isinstance(node, Span) and node.lang:
            languages.append(node.lang)
        if isinstance(node, Chapter) and node.metadata.language:
            languages.append(node.metadata.language)
        if isinstance(node, tuple):
            for item in node:
                visit(item)
        elif is_dataclass(node):
            for child in fields(node):
                visit(getattr(node, child.name))

    visit(document.blocks)
    return languages


def cut_at_space(text: str, limit: int, trailing: str | None = None) -> str:
    """``text`` if it has at most ``limit`` characters, else cut with "…" at
    the last space before the limit (anywhere, when a word is longer than
    half of it), without the ``trailing`` characters (whitespace by default)
    the cut leaves at its end."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(trailing) + "…"
