"""Scores of the pasted-text shapes: what a reader of the book would check.

The document's blocks become units (a paragraph, a heading, a list item, a
quoted paragraph, a caption), compared with the truth's units after
:func:`~quality_pasted.normalized` (quotes, dashes, ellipses and spaces made
alike, as typography changes them on purpose).

For the paragraph score, a unit with line breaks counts as its lines: lines
the page set apart with ``<br>`` (a list of links, a tweet, a recipe's
steps) are read the same whether the book keeps them as lines of one
paragraph or as paragraphs of their own; glued into one line they are wrong.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

from quality_pasted import TITLED_SHAPES, Pasted, normalized

#: How much of a unit's end and the next unit's start must stand together in
#: one output block to count as a join of the two.
JOIN_CONTEXT = 40


@dataclass
class Counts:
    """Sums over pages, for one shape."""

    headings_true: int = 0
    headings_found: int = 0
    headings_right: int = 0
    shown_true: int = 0
    shown_right: int = 0
    units_true: int = 0
    units_found: int = 0
    units_right: int = 0
    splits: int = 0
    splits_joined: int = 0
    boundaries: int = 0
    false_joins: int = 0
    debris_items: int = 0
    debris_joined: int = 0
    debris_headings: int = 0
    titles: int = 0
    titles_right: int = 0
    authors: int = 0
    authors_right: int = 0
    authors_invented: int = 0
    pages: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
            else:
                getattr(self, name).extend(value)


def document_units(document) -> list[tuple[str, bool]]:
    """(text, is heading) of every text block, in reading order."""
    from exporter.model import (
        BlockQuote,
        DefinitionList,
        Figure,
        Heading,
        ListBlock,
        Paragraph,
        plain_text,
    )

    out: list[tuple[str, bool]] = []

    def visit(blocks) -> None:
        for block in blocks:
            match block:
                case Heading(_, children):
                    out.append((plain_text(children), True))
                case Paragraph(children):
                    out.append((plain_text(children), False))
                case BlockQuote(inner):
                    visit(inner)
                case ListBlock(items):
                    for item in items:
                        visit(item.blocks)
                case Figure(_, _, caption) if caption:
                    out.append((plain_text(caption), False))
                case DefinitionList(items):
                    for entry in items:
                        out.append((plain_text(entry.term), False))
                        for definition in entry.definitions:
                            visit(definition)

    visit(document.blocks)
    return [(normalized(text), heading) for text, heading in out if normalized(text)]


def same_names(found: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    return sorted(normalized(n) for n in found) == sorted(normalized(n) for n in wanted)


def score(pasted: Pasted, document) -> Counts:
    counts = Counts(pages=1)
    units = document_units(document)
    truth = [(normalized(unit.text), unit) for unit in pasted.units if normalized(unit.text)]
    found_headings = Counter(text for text, heading in units if heading)
    true_headings = Counter(text for text, unit in truth if unit.heading)
    counts.headings_true = sum(true_headings.values())
    counts.headings_found = sum(found_headings.values())
    counts.headings_right = sum((found_headings & true_headings).values())
    shown_headings = Counter(text for text, unit in truth if unit.shown_heading)
    counts.shown_true = sum(shown_headings.values())
    counts.shown_right = sum((found_headings & shown_headings).values())
    debris_texts = {text for text, unit in truth if unit.debris}
    counts.debris_items = sum(1 for _text, unit in truth if unit.debris)
    counts.debris_headings = sum(found_headings[text] for text in debris_texts)
    for text in (found_headings - true_headings).elements():
        counts.failures.append(f"false heading: {text[:70]!r}")
    for text in (true_headings - found_headings).elements():
        counts.failures.append(f"missed heading: {text[:70]!r}")

    # one line break is a paragraph break in the lines shape: a paragraph
    # of several lines there is paragraphs glued
    found_units = Counter(
        line
        for text, _heading in units
        for line in ([text] if pasted.shape == "titled-lines" else text.split("\n"))
    )
    true_units = Counter(line for text, _unit in truth for line in text.split("\n"))
    counts.units_true = sum(true_units.values())
    counts.units_found = sum(found_units.values())
    counts.units_right = sum((found_units & true_units).values())
    for text in (true_units - found_units).elements():
        counts.failures.append(f"paragraph missed: {text[:70]!r}")
    for text in (found_units - true_units).elements():
        counts.failures.append(f"paragraph not in the page: {text[:70]!r}")

    if pasted.split:
        counts.splits = 1
        counts.splits_joined = int(found_units[normalized(pasted.split)] > 0)
        if not counts.splits_joined:
            counts.failures.append(f"split not joined: {pasted.split[:60]!r}")
    for (before, first), (after, second) in itertools.pairwise(truth):
        counts.boundaries += 1
        joint = f"{before[-JOIN_CONTEXT:]} {after[:JOIN_CONTEXT]}"
        if any(joint in text for text, _h in units):
            counts.false_joins += 1
            if first.debris or second.debris:
                counts.debris_joined += 1
            counts.failures.append(f"joined: {before[-30:]!r} + {after[:30]!r}")

    if pasted.shape in TITLED_SHAPES and pasted.title:
        counts.titles = 1
        counts.titles_right = int(normalized(document.metadata.title) == normalized(pasted.title))
        if not counts.titles_right:
            counts.failures.append(f"title {document.metadata.title[:60]!r}")
    if pasted.authors:
        counts.authors = 1
        counts.authors_right = int(same_names(document.metadata.authors, pasted.authors))
        if not counts.authors_right:
            counts.failures.append(f"authors {document.metadata.authors} != {pasted.authors}")
    elif document.metadata.authors:
        counts.authors_invented = 1
    return counts


#: Why a heading the page marks was not found, in the order the text reader
#: decides (``exporter.readers.headings``): the line is not a block of its
#: own, its shape rules it out, it stands over nothing it could head (a
#: heading the page marks too, another short line, or the end), it is kept
#: from headings as debris (a pull quote, a name alone, a repeated label), or
#: the model's odds fall short.
MISS_REASONS = (
    "not a block of its own",
    "not a candidate",
    "over a heading",
    "over a short line",
    "at the end",
    "kept as debris",
    "odds below threshold",
)


def heading_misses(pasted: Pasted) -> Counter[str]:
    """For each heading the page marks that the text reader does not find in
    ``pasted``, the first of :data:`MISS_REASONS` that rules it out: counts
    only, so that a part kept out of tuning can say where its headings go
    without showing them."""
    from exporter.readers.headings import Judge, headed_block, is_kept_from_headings, may_head
    from exporter.readers.text import analyse, heading_view

    blocks = [heading_view(chunk) for chunk in analyse(pasted.text).chunks]
    judge = Judge(blocks)
    flags = judge.flags()
    wanted = Counter(normalized(unit.text) for unit in pasted.units if unit.heading)
    headings = set(wanted)
    reasons: Counter[str] = Counter()
    for index, block in enumerate(blocks):
        text = normalized(block.text)
        if not wanted[text]:
            continue
        wanted[text] -= 1
        if flags[index]:
            continue
        if not block.candidate:
            reasons["not a candidate"] += 1
        elif not may_head(blocks, index):
            following = headed_block(blocks, index)
            if following is None:
                reasons["at the end"] += 1
            elif normalized(following.text) in headings:
                reasons["over a heading"] += 1
            else:
                reasons["over a short line"] += 1
        elif is_kept_from_headings(block, judge.stats):
            reasons["kept as debris"] += 1
        else:
            reasons["odds below threshold"] += 1
    reasons["not a block of its own"] += sum(wanted.values())
    return reasons
