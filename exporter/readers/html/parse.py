"""From bytes to an lxml tree, and small tree helpers the other modules share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from html import escape
from urllib.parse import SplitResult, urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from exporter.errors import InputError
from exporter.readers.encoding import CONTROL

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
        return parsed(document_from_string, text)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(f"{name}: no HTML content to read") from None


def document_from_string(markup: str, parser: lxml.html.HTMLParser) -> HtmlElement:
    return lxml.html.document_fromstring(markup, parser=parser)


def html_parser() -> lxml.html.HTMLParser:
    """A parser that keeps deeply nested text: without ``huge_tree`` libxml2
    silently drops everything nested deeper than 256 elements, which broken
    pages (hundreds of unclosed ``div`` or ``font`` tags) reach."""
    return lxml.html.HTMLParser(huge_tree=True)


#: Markup lxml's fragment parser takes for a whole document: it then looks
#: for the one ``body`` and fails (an ``AssertionError``) where it finds none.
WHOLE_DOCUMENT = re.compile(r"\s*<(?:html|!doctype)", re.IGNORECASE)


def parse_fragment(markup: str) -> HtmlElement:
    """A piece of HTML (from Markdown) parsed into one ``div``; one that
    opens like a whole document (:data:`WHOLE_DOCUMENT`: "<!doctype", a
    fuzz run's "<!doctype---" over a front matter) is read as one, its body
    put in the ``div`` (:func:`body_in_a_div`)."""
    markup = XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return lxml.html.Element("div")
    try:
        if WHOLE_DOCUMENT.match(markup):
            return parsed(body_in_a_div, markup)
        return parsed(
            lambda text, parser: lxml.html.fragment_fromstring(
                text, create_parent="div", parser=parser
            ),
            markup,
        )
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.Element("div")


def body_in_a_div(markup: str, parser: lxml.html.HTMLParser) -> HtmlElement:
    """The body of ``markup`` parsed as a whole document, in a ``div`` (empty
    where the document has none: a doctype never closed holds all the text)."""
    div = lxml.html.Element("div")
    body = document_from_string(markup, parser).find("body")
    if body is not None:
        div.text = body.text
        div.extend(list(body))
    return div


def parsed(parse: Callable[[str, lxml.html.HTMLParser], HtmlElement], markup: str) -> HtmlElement:
    """``parse(markup)``, and if libxml2 stopped at its depth limit (2048
    levels even with ``huge_tree``, when it drops the rest of the page,
    not just what is nested deeper), ``parse`` of the markup flattened
    beforehand (:func:`flattened_markup`)."""
    parser = html_parser()
    root = parse(markup, parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        root = parse(flattened_markup(markup), html_parser())
    return without_controls(root)


def without_controls(root: HtmlElement) -> HtmlElement:
    """``root`` without the control characters and noncharacters that
    character references bring back after decoding dropped them ("&#x1;",
    "&#xFFFE;": :data:`exporter.readers.encoding.CONTROL`); XML, and so the
    EPUB and the PDF, cannot hold them."""
    for node in root.iter():
        if node.text and CONTROL.search(node.text):
            node.text = CONTROL.sub("", node.text)
        if node.tail and CONTROL.search(node.tail):
            node.tail = CONTROL.sub("", node.tail)
        for name, value in node.attrib.items():
            if CONTROL.search(value):
                node.set(name, CONTROL.sub("", value))
    return root


#: Below this depth the mapper's recursion would approach Python's limit.
MAX_DEPTH = 150

#: What survives below :data:`MAX_DEPTH`: paragraphs, line breaks, images.
FLAT_KEEP = frozenset({"p", "br", "img"})


#: Marks an element whose content was flattened (with how many elements
#: were unwrapped), and the outermost element of the nesting it ends
#: (:func:`nesting_top`): the article's selection keeps all that whole
#: (see :func:`is_flattened`).
FLATTENED = "data-exporter-flattened"
NESTING = "data-exporter-nesting"


def flatten_deep_nesting(root: HtmlElement) -> int:
    """Unwrap every element nested deeper than :data:`MAX_DEPTH` except
    paragraphs, line breaks and images, keeping all text in order. Real
    articles are nowhere near that deep; pages that are, are broken markup
    whose nesting means nothing. Returns how many elements were unwrapped.

    The element at the limit is marked (:data:`FLATTENED`): its content is
    kept whole, since trafilatura cannot judge it (it reads no text below
    libxml2's 256 levels, nor text in runs of inline elements)."""
    for element in root.xpath(f"//*[count(ancestor::*) = {MAX_DEPTH}]"):
        # Innermost first, so each unwrapped element's content is final.
        wrappers = [d for d in element.iterdescendants() if is_element(d)]
        unwrapped = 0
        for wrapper in reversed(wrappers):
            if wrapper.tag not in FLAT_KEEP:
                wrapper.drop_tag()
                unwrapped += 1
        if wrappers:
            element.set(FLATTENED, str(int(element.get(FLATTENED) or 0) + unwrapped))
    flattened = root.xpath(f"//*[@{FLATTENED}]")
    for element in flattened:
        nesting_top(element).set(NESTING, "")
    # With the elements flattened_markup dropped before parsing.
    return sum(int(element.get(FLATTENED) or 0) for element in flattened)


#: Elements whose end tag may be left out (a ``p`` ends where the next one
#: starts): never counted as a level by :func:`flattened_markup`.
OPTIONAL_END = frozenset(
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup rb rt rtc rp".split()  # noqa: SIM905
)
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
#: Elements that stand for a break in the text: beyond the limit each
#: becomes a ``<p>`` (which ends the one before), so that flattened text
#: keeps its paragraphs.
BLOCK_NAMES = (
    "address article aside blockquote center dd div dl dt fieldset figcaption figure"
    " footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul"
)
BLOCK_TAGS = frozenset(BLOCK_NAMES.split())


def flattened_markup(markup: str) -> str:
    """``markup`` with every tag nested deeper than :data:`MAX_DEPTH`
    dropped, as :func:`flatten_deep_nesting` does to a tree; a block's
    tags become ``<p>``, images and line breaks stay, and all text stays in
    order. The element at the limit is marked (:data:`FLATTENED`, with the
    count of elements dropped). The stdlib's parser reads the markup: it
    has no depth limit, and knows comments, scripts and character
    references as a browser does."""
    from html.parser import HTMLParser

    out: list[str] = []
    #: The open elements: their name and where their start tag is in ``out``.
    stack: list[tuple[str, int]] = []
    dropped: dict[int, int] = {}

    def drop_tag(tag: str) -> None:
        holder = stack[MAX_DEPTH - 1][1]
        dropped[holder] = dropped.get(holder, 0) + 1
        if tag in BLOCK_TAGS:
            out.append("<p>")
        elif tag in ("br", "img"):
            out.append(parser.get_starttag_text() or f"<{tag}>")

    class Flattener(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if len(stack) >= MAX_DEPTH:
                drop_tag(tag)
                if tag not in VOID and tag not in OPTIONAL_END:
                    stack.append((tag, -1))
                return
            out.append(self.get_starttag_text() or f"<{tag}>")
            if tag not in VOID and tag not in OPTIONAL_END:
                stack.append((tag, len(out) - 1))

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if len(stack) >= MAX_DEPTH:
                drop_tag(tag)
            else:
                out.append(self.get_starttag_text() or f"<{tag}/>")

        def handle_endtag(self, tag: str) -> None:
            names = [name for name, _index in stack]
            if tag in names:
                # Close it and whatever was left open inside it.
                depth = len(names) - 1 - names[::-1].index(tag)
                index = stack[depth][1]
                del stack[depth:]
                if index >= 0:
                    out.append(f"</{tag}>")
                elif tag in BLOCK_TAGS:
                    out.append("<p>")
            elif len(stack) < MAX_DEPTH:
                out.append(f"</{tag}>")

        def handle_data(self, data: str) -> None:
            out.append(escape(data, quote=False) if self.cdata_elem is None else data)

        def handle_entityref(self, name: str) -> None:
            out.append(f"&{name};")

        def handle_charref(self, name: str) -> None:
            out.append(f"&#{name};")

        def handle_comment(self, data: str) -> None:
            out.append(f"<!--{data}-->")

        def handle_decl(self, decl: str) -> None:
            out.append(f"<!{decl}>")

        def handle_pi(self, data: str) -> None:
            out.append(f"<?{data}>")

        def unknown_decl(self, data: str) -> None:
            out.append(f"<![{data}]>")

    parser = Flattener(convert_charrefs=False)
    parser.feed(markup)
    parser.close()
    for index, count in dropped.items():
        if index >= 0:
            tag = out[index]
            end = len(tag) - (2 if tag.endswith("/>") else 1)
            out[index] = f'{tag[:end]} {FLATTENED}="{count}"{tag[end:]}'
    return "".join(out)


#: A tag found this many times among an element's ancestors is a nesting
#: gone wrong (unclosed ``div``, ``font`` or ``b`` tags), not a design.
REPEATED_TAG = 10


def outside_deep_nesting(container: HtmlElement, root: HtmlElement) -> HtmlElement:
    """``container``, or, when it lies in a run of nested elements that
    :func:`flatten_deep_nesting` flattened the end of, the element holding
    that run: most of the page's text may be in it (everything after the
    first unclosed tag), but so is the text before it."""
    for top in root.xpath(f"//*[@{NESTING}]"):
        parent = top.getparent()
        if parent is not None and contains(top, container):
            container = parent
    return container


def nesting_top(element: HtmlElement) -> HtmlElement:
    """The outermost element of the run of nested elements ``element`` ends:
    its ancestors whose tags repeat (:data:`REPEATED_TAG`)."""
    ancestors = list(element.iterancestors())
    counts: dict[str, int] = {}
    for ancestor in ancestors:
        counts[ancestor.tag] = counts.get(ancestor.tag, 0) + 1
    top = element
    for ancestor in ancestors:
        if counts[ancestor.tag] < REPEATED_TAG:
            break
        top = ancestor
    return top


def is_flattened(element: HtmlElement) -> bool:
    """Whether ``element`` is or lies in content :func:`flatten_deep_nesting`
    flattened."""
    return bool(element.xpath(f"ancestor-or-self::*[@{FLATTENED} or @{NESTING}]"))


def split_url(url: str) -> SplitResult | None:
    """``urlsplit``, or ``None`` for what it refuses ("http://[::1" raises)."""
    try:
        return urlsplit(url.strip())
    except ValueError:
        return None


def is_http_url(url: str) -> bool:
    parts = split_url(url)
    return parts is not None and parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def is_element(node: object) -> bool:
    """True for elements, false for comments, processing instructions and entities."""
    return isinstance(node, HtmlElement) and isinstance(node.tag, str)


def elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Every element under ``root`` (itself included), skipping comments."""
    for node in root.iter():
        if isinstance(node.tag, str):
            yield node


#: Where a class or id name splits into words: "article-body", "storyDeck".
NAME_PARTS = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")


def name_words(element: HtmlElement) -> Iterator[str]:
    """The words of the element's class, id and ``data-component`` names."""
    for attribute in ("class", "id", "data-component"):
        yield from (element.get(attribute) or "").split()


def name_parts(element: HtmlElement) -> set[str]:
    """Every name word and each part of it, lower-cased: "story-deck" gives
    "story-deck", "story" and "deck"."""
    parts: set[str] = set()
    for word in name_words(element):
        parts.add(word.lower())
        parts.update(part.lower() for part in NAME_PARTS.split(word) if part)
    return parts


def body_of(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def link_share(element: HtmlElement) -> float:
    """The share of the element's text that stands in links (in characters)."""
    text = len(visible_text(element))
    if not text:
        return 0.0
    linked = sum(len(visible_text(link)) for link in element.iter("a"))
    return min(1.0, linked / text)


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


class TextOffsets:
    """Where each element's text starts and ends in the page's text, in
    reading order (counted in characters of text, not markup): how far apart
    two elements stand for a reader."""

    def __init__(self, root: HtmlElement) -> None:
        self.spans: dict[int, tuple[int, int]] = {}
        self.position = 0
        # lxml makes a proxy object per element while one is referenced: kept
        # here, every element keeps its proxy, and so its id.
        self.elements: list[HtmlElement] = []
        self.walk(root)

    def walk(self, element: HtmlElement) -> None:
        self.elements.append(element)
        start = self.position
        self.position += len((element.text or "").strip())
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child)
            self.position += len((child.tail or "").strip())
        self.spans[id(element)] = (start, self.position)

    def distance(self, first: HtmlElement, second: HtmlElement) -> int | None:
        """Characters of text between the two elements (0 if one holds the
        other); ``None`` for an element not in the page."""
        a, b = self.spans.get(id(first)), self.spans.get(id(second))
        if a is None or b is None:
            return None
        return max(0, max(a[0], b[0]) - min(a[1], b[1]))


#: Links to a site's home page: its root, on this host or any.
HOME_LINK = re.compile(r"(?:(?:https?:)?//[^/?#]+)?/?(?:index\.\w+)?", re.IGNORECASE)


def is_home_link(element: HtmlElement) -> bool:
    """A link to the site's home page ("/", "https://example.org/"), where
    a page sets its logo and its name."""
    return (
        element.tag == "a" and HOME_LINK.fullmatch((element.get("href") or "#").strip()) is not None
    )
