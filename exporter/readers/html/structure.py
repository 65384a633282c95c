"""Rules on the mapped blocks: heading levels and thematic breaks."""

from __future__ import annotations

from dataclasses import replace

from exporter.model import (
    Block,
    BlockQuote,
    DefinitionList,
    Heading,
    ListBlock,
    ListItem,
    SceneBreak,
)


def headings(blocks: tuple[Block, ...]) -> list[Heading]:
    found: list[Heading] = []
    for block in blocks:
        match block:
            case Heading():
                found.append(block)
            case BlockQuote(inner):
                found.extend(headings(inner))
            case ListBlock(items):
                for item in items:
                    found.extend(headings(item.blocks))
            case DefinitionList(items):
                for entry in items:
                    for definition in entry.definitions:
                        found.extend(headings(definition))
    return found


def normalize_heading_levels(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Shift heading levels so the shallowest one is 2 (level 1 is the
    title's), keeping the steps between levels; nothing goes beyond 6.

    Pages use whatever levels their template uses (an article's sections are
    often ``h3`` under a sidebar's ``h2``); the book's outline should start
    at the top.
    """
    levels = [heading.level for heading in headings(blocks)]
    if not levels:
        return blocks
    return shift_headings(blocks, 2 - min(levels))


def shift_headings(blocks: tuple[Block, ...], shift: int) -> tuple[Block, ...]:
    if shift == 0:
        return blocks
    out: list[Block] = []
    for block in blocks:
        match block:
            case Heading(level):
                out.append(replace(block, level=max(1, min(6, level + shift))))
            case BlockQuote(inner):
                out.append(BlockQuote(shift_headings(inner, shift)))
            case ListBlock(items):
                shifted = tuple(ListItem(shift_headings(item.blocks, shift)) for item in items)
                out.append(replace(block, items=shifted))
            case DefinitionList(items):
                entries = tuple(
                    replace(
                        entry,
                        definitions=tuple(
                            shift_headings(definition, shift) for definition in entry.definitions
                        ),
                    )
                    for entry in items
                )
                out.append(replace(block, items=entries))
            case _:
                out.append(block)
    return tuple(out)


def tidy_scene_breaks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """No thematic break at the start or end, none right after another, none
    next to a heading (which already breaks the text): left over where
    chrome between two rules was removed."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, SceneBreak) and (not out or isinstance(out[-1], SceneBreak | Heading)):
            continue
        if isinstance(block, Heading) and out and isinstance(out[-1], SceneBreak):
            out.pop()
        out.append(block)
    while out and isinstance(out[-1], SceneBreak):
        out.pop()
    return tuple(out)


def without_closing_headings(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], int]:
    """Leave out the headings that end the article, and say how many: they
    head nothing. On a page stripped of its chrome they headed a box that
    went with it ("Gallery", "Related stories", "Home"). An article of
    headings alone keeps them."""
    end = len(blocks)
    while end and isinstance(blocks[end - 1], Heading):
        end -= 1
    if not end:
        return blocks, 0
    return blocks[:end], len(blocks) - end
