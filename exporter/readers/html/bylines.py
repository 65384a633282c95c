"""Bylines: who wrote the article, found in the page and taken out of the body.

The names move to the metadata (the title page shows them), so the "Von
Maria Muster" line does not also stand in the text. Bylines are parsed by
:func:`exporter.news.parse_byline`, as in the other readers, so every input
format recognises the same bylines, and a news agency signing with the author
("By Jane Doe, Reuters") is kept apart: the publisher, never an author.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml.html import HtmlElement

from exporter.model import Block, Figure, Paragraph, plain_text
from exporter.news import parse_agencies, parse_byline
from exporter.readers.html.notes import in_notes
from exporter.readers.html.parse import drop, visible_text

#: Class/id words of byline containers (whole words, case-insensitive).
BYLINE_WORDS = frozenset(
    {"byline", "bylines", "author", "authors", "autor", "autoren", "author-name"}
    | {"authorname", "article-author", "byline-author", "contributor", "contributors"}
)

#: Author names inside quotes, figures and tables are content, not bylines.
CONTENT_PARENTS = frozenset({"blockquote", "figure", "table", "q", "cite"})

#: Longer "author" boxes are biographies ("Maria Muster ist Redakteurin…").
MAX_BYLINE_CHARS = 200

#: How many blocks at the top of the body may hold the byline (a lead, the
#: lead image and the byline, in any order).
MAX_BYLINE_POSITION = 4


@dataclass(frozen=True, slots=True)
class Byline:
    """Names found, the news agencies that signed with them, and the texts
    of the bylines they came from (for notices)."""

    names: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


def is_byline_element(element: HtmlElement) -> bool:
    """``.byline``, ``.author``, ``[itemprop=author]`` and kin: a short element
    outside quotes, figures, tables and footnotes (a note citing a book names
    the book's author, not the article's)."""
    words = {word.lower() for word in (element.get("class") or "").split()}
    words |= {(element.get("id") or "").lower()}
    marked = bool(words & BYLINE_WORDS) or "author" in (element.get("itemprop") or "").split()
    if not marked or len(visible_text(element)) > MAX_BYLINE_CHARS:
        return False
    if any(ancestor.tag in CONTENT_PARENTS for ancestor in element.iterancestors()):
        return False
    return not in_notes(element)


def byline_names(element: HtmlElement) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and agencies in a byline element: its ``itemprop=name`` parts,
    else its ``rel=author`` links (a part naming a known agency is the
    agency's), else its text read as a byline ("Von A und B", "By A,
    Reuters", or just "A and B": the element is known to be a byline)."""
    for query in (".//*[@itemprop='name']", ".//a[contains(concat(' ', @rel, ' '), ' author ')]"):
        parts = tuple(dict.fromkeys(visible_text(e) for e in element.xpath(query)))
        names = tuple(part for part in parts if part and not parse_agencies(part))
        agencies = tuple(part for part in parts if part and parse_agencies(part))
        if names:
            return names, agencies
    text = visible_text(element)
    byline = parse_byline(text) or parse_byline(f"By {text}")
    return (byline.authors, byline.agencies) if byline and byline.authors else ((), ())


def take_byline_elements(root: HtmlElement) -> Byline:
    """Remove byline elements from the page and return their names."""
    names: list[str] = []
    agencies: list[str] = []
    texts: list[str] = []
    candidates = root.xpath("//*[@class or @id or @itemprop][not(ancestor::pre or ancestor::code)]")
    for element in [e for e in candidates if is_byline_element(e)]:
        if any(is_byline_element(ancestor) for ancestor in element.iterancestors()):
            continue  # its outermost byline container is handled
        texts.append(visible_text(element))
        found, signed = byline_names(element)
        names.extend(name for name in found if name not in names)
        agencies.extend(agency for agency in signed if agency not in agencies)
        drop(element)
    return Byline(tuple(names), tuple(texts), tuple(agencies))


def rel_author_names(root: HtmlElement) -> tuple[str, ...]:
    """Texts of ``<a rel="author">`` links anywhere on the cleaned page."""
    links = root.xpath(".//a[contains(concat(' ', @rel, ' '), ' author ')]")
    return tuple(dict.fromkeys(t for t in (visible_text(link) for link in links) if t))


def take_body_byline(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], Byline]:
    """Take a byline paragraph ("Von Maria Muster", "By Jane Doe, Reuters",
    "Autor: X") out of the body: among the first blocks before the first
    heading (after a lead and a lead image), or the very last paragraph. It
    must name a person: an agency alone ("By Reuters") stays in the text."""
    candidates = []
    for index, block in enumerate(blocks[:MAX_BYLINE_POSITION]):
        if not isinstance(block, Paragraph | Figure):
            break
        candidates.append(index)
    if blocks and isinstance(blocks[-1], Paragraph):
        candidates.append(len(blocks) - 1)
    for index in dict.fromkeys(candidates):
        block = blocks[index]
        if not isinstance(block, Paragraph):
            continue
        line = plain_text(block.children).strip()
        byline = parse_byline(line) if "\n" not in line else None
        if byline and byline.authors:
            return blocks[:index] + blocks[index + 1 :], Byline(
                byline.authors, (line,), byline.agencies
            )
    return blocks, Byline()


def merge(first: Byline, second: Byline) -> Byline:
    names = first.names + tuple(n for n in second.names if n not in first.names)
    agencies = first.agencies + tuple(a for a in second.agencies if a not in first.agencies)
    return replace(first, names=names, texts=first.texts + second.texts, agencies=agencies)
