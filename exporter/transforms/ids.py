"""Heading ids and the document identifier: names that must be stable.

Heading ids become fragment links in the EPUB's table of contents and PDF
bookmarks; readers store positions and highlights by them, so the same
heading must get the same id in every export, and an id must be safe in XML
(``xml:id``/NCName), CSS selectors and URLs alike: ASCII letters, digits and
hyphens, starting with a letter. The book identifier is likewise derived
from the content, so re-exporting an unchanged article replaces the book in
a reader's library instead of adding a copy.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from typing import Any

from exporter.diagnostics import Outcome
from exporter.model import (
    Block,
    BlockQuote,
    Chapter,
    DefinitionList,
    Document,
    FootnoteDef,
    FootnoteRef,
    Heading,
    ListBlock,
    Metadata,
    Resource,
    plain_text,
    to_json,
)
from exporter.options import Options

#: Namespace of our content-derived identifiers (any fixed UUID would do).
IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:exporter:document")

#: Letters NFKD does not decompose to ASCII, spelled as their languages do.
FOLDS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
    }
)

#: Prefixes of ids the XHTML renderer derives itself (``section-<heading
#: id>``, ``fn-<label>``, ``fnref-<label>``): a heading id starting with one
#: could collide with them, so it gets :data:`SAFE_PREFIX` in front.
RESERVED_PREFIXES = ("section-", "fn-", "fnref-")
SAFE_PREFIX = "h-"

#: A chapter's id without one set: "chapter-1", "chapter-2"… by position.
CHAPTER_ID = "chapter-{}"

#: Slugs longer than this are cut at a hyphen: ids are for links, not reading.
MAX_SLUG_CHARS = 60

#: The slug of a heading without a single ASCII-foldable letter (Cyrillic,
#: CJK): pandoc's choice; duplicates become "section-2" and so on.
EMPTY_SLUG = "section"

VALID_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """An id from heading text: ASCII-folded, lower case, hyphen-separated.

    Umlauts and accents lose their marks ("Bündnis" -> "bundnis", "Café" ->
    "cafe"), as URLs and most slug tools spell them; the German "ue" spelling
    would be wrong for every other language. A slug that would start with a
    digit or a reserved prefix gets "h-" in front.
    """
    folded = unicodedata.normalize("NFKD", text.translate(FOLDS))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    slug = NOT_ALNUM.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        cut = slug[: MAX_SLUG_CHARS + 1].rsplit("-", 1)[0]
        slug = cut if cut else slug[:MAX_SLUG_CHARS]
        slug = slug.strip("-")
    if not slug:
        return EMPTY_SLUG
    if slug[0].isdigit() or slug.startswith(RESERVED_PREFIXES):
        return SAFE_PREFIX + slug
    return slug


def usable_id(existing: str) -> str:
    """An id a reader set (Markdown ``{#id}``), made safe if it is not."""
    if VALID_ID.fullmatch(existing) and not existing.startswith(RESERVED_PREFIXES):
        return existing
    return slugify(existing)


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free; marks it taken."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def assign_ids(document: Document, options: Options) -> Outcome:
    """Give every heading a unique id and the document an identifier.

    Ids a reader set are kept (made safe and unique) and claimed first, so a
    generated id never takes an author's; then each heading without one gets
    the slug of its text (:func:`slugify`), "-2", "-3" for repeats, in
    document order. In a book, chapter ids (:func:`assign_chapter_ids`) are
    claimed before any heading's, and footnote labels are made unique across
    chapters (:func:`unique_note_labels`). ``metadata.identifier``, when
    empty, becomes :func:`content_identifier`.
    """
    taken: set[str] = set()
    document = replace(document, blocks=assign_chapter_ids(document.blocks, taken))
    document = replace(document, blocks=unique_note_labels(document.blocks))
    headings = list(iter_headings(document.blocks))
    preset = {
        index: unique(usable_id(heading.id), taken)
        for index, heading in enumerate(headings)
        if heading.id
    }
    ids = [
        preset[index] if index in preset else unique(slugify(plain_text(heading.children)), taken)
        for index, heading in enumerate(headings)
    ]
    new_ids = iter(ids)
    blocks = map_headings(document.blocks, lambda heading: replace(heading, id=next(new_ids)))
    document = replace(document, blocks=blocks)
    if not document.metadata.identifier:
        metadata = replace(document.metadata, identifier=content_identifier(document))
        document = replace(document, metadata=metadata)
    return Outcome(document)


def assign_chapter_ids(blocks: tuple[Block, ...], taken: set[str]) -> tuple[Block, ...]:
    """Every top-level chapter's id: its own if set (made safe and unique),
    else :data:`CHAPTER_ID` with its position, "chapter-3" for the third;
    all marked taken, so that no heading can take a chapter's link target."""
    chapters = [block for block in blocks if isinstance(block, Chapter)]
    preset = {
        number: unique(usable_id(chapter.id), taken)
        for number, chapter in enumerate(chapters, start=1)
        if chapter.id
    }
    ids = iter(
        preset.get(number) or unique(CHAPTER_ID.format(number), taken)
        for number in range(1, len(chapters) + 1)
    )
    return tuple(replace(b, id=next(ids)) if isinstance(b, Chapter) else b for b in blocks)


def unique_note_labels(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Footnote labels unique across chapters, since they become ids.

    Each article numbers its notes from "1": a chapter's label that the text
    before it already uses becomes ``<chapter id>-<label>`` (made unique), in
    its definition and every reference to it within the chapter. Labels
    already unique are kept, so running this again changes nothing.
    """
    taken: set[str] = set()
    result: list[Block] = []
    for block in blocks:
        labels = dict.fromkeys(note_labels(block))
        if isinstance(block, Chapter):
            renamed = {
                label: unique(f"{block.id}-{label}", taken) for label in labels if label in taken
            }
            taken.update(label for label in labels if label not in renamed)
            result.append(relabel_notes(block, renamed) if renamed else block)
        else:
            taken.update(labels)
            result.append(block)
    return tuple(result)


def note_labels(node: Any) -> Iterator[str]:
    """The labels of the footnote definitions and references in ``node``."""
    if isinstance(node, FootnoteRef | FootnoteDef):
        yield node.label
    if isinstance(node, tuple):
        for item in node:
            yield from note_labels(item)
    elif is_dataclass(node) and not isinstance(node, Metadata | Resource):
        for child in fields(node):
            yield from note_labels(getattr(node, child.name))


def relabel_notes(node: Any, renamed: dict[str, str]) -> Any:
    """``node`` with footnote labels replaced as ``renamed`` says. The walk
    follows every dataclass field, so no container of inlines is missed."""
    if isinstance(node, tuple):
        return tuple(relabel_notes(item, renamed) for item in node)
    if not is_dataclass(node) or isinstance(node, Metadata | Resource | type):
        return node
    if isinstance(node, FootnoteRef | FootnoteDef) and node.label in renamed:
        node = replace(node, label=renamed[node.label])
    changes = {
        child.name: relabel_notes(getattr(node, child.name), renamed) for child in fields(node)
    }
    return replace(node, **changes)


def content_identifier(document: Document) -> str:
    """``urn:uuid:`` + a UUID 5 of the document's JSON without its identifier:
    the same content gives the same identifier, any change a new one."""
    blank = replace(document, metadata=replace(document.metadata, identifier=""))
    return f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, to_json(blank))}"


def iter_headings(blocks: tuple[Block, ...]) -> Iterator[Heading]:
    """Every heading in document order, including those in quotes, lists,
    notes and chapters."""
    for block in blocks:
        match block:
            case Heading():
                yield block
            case BlockQuote(inner) | FootnoteDef(_, inner) | Chapter(_, inner):
                yield from iter_headings(inner)
            case ListBlock(items):
                for item in items:
                    yield from iter_headings(item.blocks)
            case DefinitionList(items):
                for entry in items:
                    for definition in entry.definitions:
                        yield from iter_headings(definition)


def map_headings(
    blocks: tuple[Block, ...], change: Callable[[Heading], Heading]
) -> tuple[Block, ...]:
    """``blocks`` with ``change`` applied to every heading, in the order of
    :func:`iter_headings`."""
    result: list[Block] = []
    for block in blocks:
        match block:
            case Heading():
                result.append(change(block))
            case BlockQuote(inner):
                result.append(replace(block, blocks=map_headings(inner, change)))
            case FootnoteDef(_, inner) | Chapter(_, inner):
                result.append(replace(block, blocks=map_headings(inner, change)))
            case ListBlock(items):
                new_items = tuple(
                    replace(item, blocks=map_headings(item.blocks, change)) for item in items
                )
                result.append(replace(block, items=new_items))
            case DefinitionList(items):
                new_entries = tuple(
                    replace(
                        entry,
                        definitions=tuple(
                            map_headings(definition, change) for definition in entry.definitions
                        ),
                    )
                    for entry in items
                )
                result.append(replace(block, items=new_entries))
            case _:
                result.append(block)
    return tuple(result)
