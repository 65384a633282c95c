"""Words too long to lay out: where the writers may break them.

A line can break only between words (or where hyphenation finds a place),
so a "word" longer than a line (a pasted hash, a run of letters a broken
copy left, a URL of hundreds of characters) runs off the page in a PDF and
off the screen in many reading systems, and its end is lost to the reader.
CSS can let such a word break anywhere (``overflow-wrap: anywhere``), but
WeasyPrint then lays the rest of the word out again for every line it
breaks: a word of 200,000 characters takes minutes. So, past
:data:`MAX_UNBROKEN` characters, the HTML writer marks a break opportunity
(``<wbr/>``) every :data:`BREAK_EVERY` characters; that is markup, not text,
so every character stays and none is added. This module says where, and
:func:`note_long_words` tells the user.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import fields, is_dataclass

from exporter.diagnostics import Outcome, notice
from exporter.model import Code, CodeBlock, Document, Text
from exporter.options import Options

#: The longest run of characters without a space that is laid out as one
#: word. The longest words of German and Finnish run to 40–60 letters, a
#: long link to about a hundred characters.
MAX_UNBROKEN = 100
#: A longer run may break after every this many characters.
BREAK_EVERY = 20

LONG_RUN = re.compile(rf"\S{{{MAX_UNBROKEN + 1},}}")

#: What the writer puts at each break opportunity before escaping: a
#: character no text holds (the readers drop control characters), replaced
#: by ``<wbr/>`` after escaping.
BREAK_MARK = "\x00"
ZWJ = "\u200d"


def marked_breaks(text: str) -> str:
    """``text`` with :data:`BREAK_MARK` every :data:`BREAK_EVERY` characters
    inside each run longer than :data:`MAX_UNBROKEN`, never before a mark
    or a joiner (which belong to the character before them)."""
    if len(text) <= MAX_UNBROKEN or LONG_RUN.search(text) is None:
        return text
    out: list[str] = []
    position = 0
    for match in LONG_RUN.finditer(text):
        out.append(text[position : match.start()])
        run = match.group()
        start = 0
        for cut in range(BREAK_EVERY, len(run), BREAK_EVERY):
            if unicodedata.category(run[cut]).startswith("M") or run[cut] == ZWJ:
                continue
            out.append(run[start:cut])
            out.append(BREAK_MARK)
            start = cut
        out.append(run[start:])
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def note_long_words(document: Document, options: Options) -> Outcome:
    """One notice when the document has words longer than
    :data:`MAX_UNBROKEN` characters: how many, the longest, and that they
    may break without a hyphen. Nothing is changed here."""
    lengths = [
        len(match.group())
        for text in texts(document)
        if len(text) > MAX_UNBROKEN
        for match in LONG_RUN.finditer(text)
    ]
    if not lengths:
        return Outcome(document)
    count = len(lengths)
    words = "a word" if count == 1 else f"{count:,} words"
    return Outcome(
        document,
        (
            notice(
                "layout.long-words",
                f"{words} longer than {MAX_UNBROKEN} characters (the longest has "
                f"{max(lengths):,}) may break after every {BREAK_EVERY} characters, so that"
                " no line runs off the page; every character is kept",
            ),
        ),
    )


def texts(node: object) -> Iterator[str]:
    """Every text the writers lay out as words: the model's :class:`Text`
    nodes and the metadata's title page lines (code is set as it is)."""
    if isinstance(node, Document):
        metadata = node.metadata
        yield from (metadata.title, metadata.subtitle, metadata.date, metadata.publisher)
        yield from metadata.authors
        yield from texts(node.blocks)
        return
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Text):
            yield item.text
        elif isinstance(item, tuple):
            stack.extend(reversed(item))
        elif is_dataclass(item) and not isinstance(item, Code | CodeBlock):
            stack.extend(
                value
                for name in reversed(child_fields(type(item)))
                if isinstance(value := getattr(item, name), tuple) or is_dataclass(value)
            )


@functools.cache
def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type, once per type (``dataclasses.fields`` is slow)."""
    return tuple(field.name for field in fields(kind))
