"""From bytes to an lxml tree, and small tree helpers the other modules share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from exporter.errors import InputError

#: The charset a page declares in ``<meta charset>``, ``<meta http-equiv=
#: "Content-Type" content="…; charset=…">`` or an XML declaration. Only the
#: first bytes are looked at, as browsers do (the WHATWG prescan reads 1024).
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.IGNORECASE,
)

PRESCAN_BYTES = 2048

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

#: What HTML counts as white space; NBSP is not in it and must survive.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def declared_charset(data: bytes) -> str | None:
    """The charset the page says it is in, from its first bytes.

    A page that declares UTF-16 in ASCII cannot really be UTF-16 (its
    declaration would not be readable as ASCII), so, as browsers do, that
    declaration is ignored and the byte-order mark or detection decides.
    """
    match = DECLARED_CHARSET.search(data[:PRESCAN_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    return None if label.startswith("utf-16") else label


def parse_document(text: str, name: str) -> HtmlElement:
    """The page as an lxml tree (always with ``html`` and ``body``)."""
    text = XML_DECLARATION.sub("", text, count=1)
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(f"{name}: no HTML content to read") from None


def parse_fragment(markup: str) -> HtmlElement:
    """A piece of HTML (from Markdown) parsed into one ``div``."""
    markup = XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return lxml.html.Element("div")
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.Element("div")


def is_element(node: object) -> bool:
    """True for elements, false for comments, processing instructions and entities."""
    return isinstance(node, HtmlElement) and isinstance(node.tag, str)


def elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Every element under ``root`` (itself included), skipping comments."""
    for node in root.iter():
        if isinstance(node.tag, str):
            yield node


def body_of(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def visible_text(element: HtmlElement) -> str:
    """The element's text with white space collapsed, as a reader sees it."""
    return HTML_SPACE.sub(" ", element.text_content()).strip()


def squashed(text: str) -> str:
    """Text with all white space removed: a key for comparing the same text
    extracted by two tools that space inline elements differently."""
    return "".join(unicodedata.normalize("NFC", text).split())


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def drop(element: HtmlElement) -> None:
    """Remove ``element`` and its content, keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def depth(element: HtmlElement) -> int:
    return sum(1 for _ in element.iterancestors())


def common_ancestor(first: HtmlElement, second: HtmlElement) -> HtmlElement:
    """The deepest element containing both (either may be the other)."""
    # A list, not ids: it keeps lxml's proxies alive, so ``is`` stays meaningful.
    chain = [first, *first.iterancestors()]
    for node in (second, *second.iterancestors()):
        if any(node is mine for mine in chain):
            return node
    return first.getroottree().getroot()


def contains(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return element is ancestor or any(node is ancestor for node in element.iterancestors())
