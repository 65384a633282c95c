"""Where the article is on the page.

trafilatura finds the main text of real news pages better than simple rules,
but its output loses structure we need (figure captions, ``lang``, list
starts, table captions and alignment, no-break spaces, the lead). So we use it
only to *locate* the article: its paragraphs are matched back to the page's own
elements by their text, and the element holding most of them becomes the
content container, which :mod:`~exporter.readers.html.mapping` then maps with
full fidelity. When trafilatura finds nothing (tiny pages), structural rules
take over: ``article``, ``main``, ``[role=main]``, ``[itemprop=articleBody]``,
else the element with the densest paragraph text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml.etree import _Element
from lxml.html import HtmlElement

from exporter.readers.html.chrome import MAX_KICKER_CHARS, chrome_category, in_chrome
from exporter.readers.html.metadata import TITLE_SEPARATOR
from exporter.readers.html.parse import (
    TextOffsets,
    body_of,
    common_ancestor,
    contains,
    depth,
    is_element,
    is_home_link,
    name_parts,
    split_url,
    squashed,
    visible_text,
)
from exporter.readers.html.selection import Extraction, text_units, words_of

#: The container is the deepest element holding this share of the text
#: trafilatura kept; the rest may be a stray sidebar paragraph it let through.
CONTAINER_SHARE = 0.8

#: Below this many matched word shingles, trafilatura's answer is too thin to trust.
MIN_MATCHED_SHINGLES = 12

#: Inside chrome, trafilatura's answer is trusted only with this much text
#: (in word shingles, about as many words): on a page with next to no text it
#: settles for a help popup, while a real article body may carry a
#: chrome-like class ("article-body pagination-first").
MIN_CHROME_ARTICLE_SHINGLES = 150

#: Paragraph shorter than this do not count towards text density (captions,
#: link labels).
MIN_DENSE_PARAGRAPH = 25

#: Elements whose text trafilatura would emit as one paragraph, list item, etc.
TEXT_BLOCKS = frozenset(
    {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt"}
    | {"figcaption", "div", "section", "span", "address"}
)
TRAFILATURA_BLOCKS = ("p", "head", "item", "quote", "cell", "code")

#: Above this many elements, trafilatura takes seconds to minutes (a syntax-
#: highlighted source listing has a span per token); news pages have a few
#: thousand. Bigger pages go straight to the structural rules.
MAX_TRAFILATURA_ELEMENTS = 60_000

#: How :func:`locate_article` names trafilatura's finding.
TRAFILATURA = "trafilatura"

#: Wrappers that are never "the article": the whole page.
PAGE_ROOTS = frozenset({"html", "body"})


@dataclass(frozen=True, slots=True)
class Located:
    """The content container and how it was found (for ``inspect``), and
    trafilatura's text when it found it."""

    element: HtmlElement
    method: str
    extraction: Extraction | None = None


def locate_article(root: HtmlElement, html: str) -> Located:
    """The element that holds the article: trafilatura's choice, else the
    structural fallbacks, else the densest text; with trafilatura's text
    whenever it found some, which may still judge the blocks of a container
    found otherwise."""
    extraction = (
        trafilatura_extraction(html)
        if root.xpath("count(//*)") <= MAX_TRAFILATURA_ELEMENTS
        else None
    )
    container = trafilatura_container(root, extraction) if extraction else None
    if container is not None:
        return Located(container, TRAFILATURA, extraction)
    for method, finder in STRUCTURAL_FALLBACKS:
        found = finder(root)
        if found is not None:
            return Located(found, method, extraction)
    return Located(densest_container(root), "densest paragraph text", extraction)


def trafilatura_extraction(html: str) -> Extraction | None:
    """The text trafilatura extracts as main text, block by block, or
    ``None`` if it finds none."""
    import trafilatura  # imported here: half a second, and only pages with chrome need it

    document = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=False,
        deduplicate=False,
    )
    body = getattr(document, "body", None)
    if body is None:
        return None
    texts = [text for text in extracted_texts(body) if len(squashed(text)) > 1]
    if not texts:
        return None
    structure = next(body.iter("head", "list"), None)
    return Extraction.of(texts, paragraphs_only=structure is None)


def extracted_texts(body: _Element) -> Iterator[str]:
    """The text of each block of trafilatura's ``body``, and the text it
    leaves loose between blocks: the tail of a heading, a paragraph or a list
    ("<head>Deal</head>The price dropped…", "</p>Near-term outlook<p>"), kept
    from a page whose text or subheadings run loose between its blocks.
    trafilatura's own text output prints these; a tail inside a block is
    part of that block's text already."""
    yield from block_texts(body, inside_block=False)


def block_texts(element: _Element, *, inside_block: bool) -> Iterator[str]:
    """:func:`extracted_texts` under ``element``, in reading order; loose
    text only outside every block."""
    if not inside_block and element.text and element.text.strip():
        yield element.text
    for child in element:
        if child.tag in TRAFILATURA_BLOCKS:
            yield child.xpath("string()")
        yield from block_texts(child, inside_block=inside_block or child.tag in TRAFILATURA_BLOCKS)
        if not inside_block and child.tail and child.tail.strip():
            yield child.tail


def trafilatura_container(root: HtmlElement, extraction: Extraction) -> HtmlElement | None:
    """The deepest element of ``root`` that holds :data:`CONTAINER_SHARE` of
    the text trafilatura kept, its blocks matched to the page's pieces of
    text by their words (:meth:`Extraction.keeps`): trafilatura splits a
    ``<br>``-separated text into paragraphs the page does not have.

    A piece weighs what it adds to the text matched before it (its word
    shingles not yet seen): a page that repeats the story below it, in a
    print version or as one run of loose text, does not pull the container
    up to hold both copies.
    """
    weights: dict[int, int] = {}
    ancestors: dict[int, HtmlElement] = {}
    total = 0
    seen: set[tuple[str, ...]] = set()
    for holder, text in text_units(body_of(root)):
        if not text.strip() or not extraction.keeps(text):
            continue
        grams = set(extraction.matched_shingles(text)) or {words_of(text)}
        size = len(grams - seen)
        seen |= grams
        if not size:
            continue
        total += size
        for ancestor in (holder, *holder.iterancestors()):
            ancestors[id(ancestor)] = ancestor
            weights[id(ancestor)] = weights.get(id(ancestor), 0) + size
    if total < MIN_MATCHED_SHINGLES:
        return None
    candidates = [
        ancestors[key] for key, weight in weights.items() if weight >= CONTAINER_SHARE * total
    ]
    best = max(candidates, key=depth, default=None)
    if best is None or (in_chrome(best) and total < MIN_CHROME_ARTICLE_SHINGLES):
        return None
    return best


def article_element(root: HtmlElement) -> HtmlElement | None:
    """The ``article`` with the page's headline, else the one with most text
    (comments are often ``article`` elements too, hence not the first)."""
    articles = [a for a in root.iter("article") if not in_chrome(a)]
    with_headline = [a for a in articles if a.find(".//h1") is not None]
    pool = with_headline or articles
    return max(pool, key=lambda a: len(visible_text(a)), default=None)


def first_match(xpath: str) -> Callable[[HtmlElement], HtmlElement | None]:
    def find(root: HtmlElement) -> HtmlElement | None:
        found = [e for e in root.xpath(xpath) if visible_text(e) and not in_chrome(e)]
        return found[0] if found else None

    return find


STRUCTURAL_FALLBACKS: tuple[tuple[str, Callable[[HtmlElement], HtmlElement | None]], ...] = (
    ("the article element", article_element),
    ("the main element", first_match("//main")),
    ("the main role", first_match("//*[@role='main']")),
    ("itemprop=articleBody", first_match("//*[@itemprop='articleBody']")),
)


def densest_container(root: HtmlElement) -> HtmlElement:
    """The element whose paragraphs hold the most text (each paragraph counts
    fully for its parent, half for its grandparent), outside chrome."""
    scores: dict[int, float] = {}
    owners: dict[int, HtmlElement] = {}
    for paragraph in root.iter("p", "pre", "blockquote"):
        length = len(visible_text(paragraph))
        if length < MIN_DENSE_PARAGRAPH or in_chrome(paragraph):
            continue
        parent = paragraph.getparent()
        for share, element in (
            (1.0, parent),
            (0.5, parent.getparent() if parent is not None else None),
        ):
            if element is None:
                continue
            owners[id(element)] = element
            scores[id(element)] = scores.get(id(element), 0.0) + share * length
    if not scores:
        return body_of(root)
    return owners[max(scores, key=lambda key: scores[key])]


def article_headline(container: HtmlElement, root: HtmlElement) -> HtmlElement | None:
    """The article's ``h1``: the first one inside the container, else the
    one on the page closest to it in reading order, at most
    :data:`MAX_HEADLINE_DISTANCE_CHARS` away: a page's header may hold the
    headline (then it is no chrome), but not its logo, its menus or another
    story's teaser."""
    inside = [h for h in container.iter("h1") if visible_text(h)]
    if inside:
        return inside[0]
    outside = [h for h in root.iter("h1") if visible_text(h) and not in_frame(h, container)]
    if not outside:
        return None
    offsets = TextOffsets(root)
    distances = [(offsets.distance(h, container), index) for index, h in enumerate(outside)]
    near = [(d, i) for d, i in distances if d is not None and d <= MAX_HEADLINE_DISTANCE_CHARS]
    return outside[min(near)[1]] if near else None


#: A lone ``h1`` is the page's headline when it and the ``<title>`` share
#: this share of their words (of the longer's).
MIN_TITLE_AGREEMENT = 0.6


def lone_headline(root: HtmlElement, page_title: str) -> HtmlElement | None:
    """The page's only ``h1`` outside its frame, where it agrees with the
    ``<title>`` (:data:`MIN_TITLE_AGREEMENT` of the words of the title's
    longest part, "Headline - Site"): the article's headline, though a video
    or a gallery stands between it and the article, too far for
    :func:`article_headline`. It gives the title and a place for the byline,
    but does not widen the article."""
    lone = [h for h in root.iter("h1") if visible_text(h) and not in_frame(h)]
    parts = TITLE_SEPARATOR.split(page_title)
    if len(lone) != 1 or not page_title.strip():
        return None
    words = set(words_of(visible_text(lone[0])))
    title_words = set(words_of(max(parts, key=len)))
    shared = len(words & title_words)
    return lone[0] if shared >= MIN_TITLE_AGREEMENT * max(len(words), len(title_words), 1) else None


#: The headline stands at most this much text before (or after) the
#: article's container: a kicker, a date, a byline, a lead image's caption.
MAX_HEADLINE_DISTANCE_CHARS = 1000

#: Chrome that never holds the article's headline; a page's header may.
FRAME_CATEGORIES = frozenset(
    {"navigation", "footer", "cookie", "comments", "teaser", "sidebar", "dialog"}
)


def in_frame(element: HtmlElement, container: HtmlElement | None = None) -> bool:
    """Whether ``element`` is a site's logo (an image, a class that says
    so), is chrome itself, or stands in the page's frame: navigation, a
    footer, a sidebar, teasers or comments. Not in chrome of other names:
    the wrappers around a headline carry names of every kind ("paywall",
    "content__header--no-promo", "ad-margins"), nor in an element holding
    the article's ``container``, whatever its name ("article__content-well
    url-breadcrumb"): that is no frame."""
    if element.find(".//img") is not None and not visible_text(element).strip():
        return True
    if name_parts(element) & LOGO_NAMES or chrome_category(element) is not None:
        return True
    if links_home(element):
        return True
    return any(
        chrome_category(node) in FRAME_CATEGORIES
        for node in element.iterancestors()
        if node.tag not in ("html", "body") and (container is None or not contains(node, container))
    )


def links_home(element: HtmlElement) -> bool:
    """Whether ``element`` is a link to the site's home page, or inside one,
    or holds nothing but one: a site's name set as an ``h1`` ("<a
    href='/'><h1>Entermedia</h1></a>"), never a headline."""
    links = [a for a in (element, *element.iterancestors()) if a.tag == "a"]
    inner = element.findall(".//a")
    if len(inner) == 1 and visible_text(inner[0]).strip() == visible_text(element).strip():
        links.append(inner[0])
    return any(is_home_link(a) for a in links)


def links_elsewhere(headline: HtmlElement, source: str) -> bool:
    """Whether the ``h1`` is wholly a link to another site than the page's
    own (``source``, its address): the headline of a story the page
    recommends (an aggregator's featured story), not the page's own, which
    links to the page itself if at all. Unknown without the page's address."""
    own = split_url(source)
    if own is None or not own.hostname:
        return False
    text = visible_text(headline).strip()
    links = [a for a in (headline, *headline.iterancestors()) if a.tag == "a"]
    inner = headline.findall(".//a")
    if len(inner) == 1 and visible_text(inner[0]).strip() == text:
        links.append(inner[0])
    targets = [split_url((link.get("href") or "").strip()) for link in links]
    return any(
        target is not None
        and target.scheme in ("http", "https")
        and bool(target.hostname)
        and site_host(target.hostname) != site_host(own.hostname)
        for target in targets
    )


def site_host(host: str) -> str:
    """The site a host name belongs to: "edition.news.example" and
    "www.news.example" are one site, and so are "m.zeitung.co.uk" and
    "zeitung.co.uk" (a second-level label of three letters or fewer, as in
    "co.uk" or "com.br", is the country's, not the site's)."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


#: Names of a site's logo or title, which some pages set as their ``h1``.
LOGO_NAMES = frozenset({"logo", "site-logo", "site-title", "sitename", "brand", "masthead"})


def widen_to_headline(container: HtmlElement, headline: HtmlElement | None) -> HtmlElement:
    """The container grown to include the headline, so that what stands
    between them (the lead, the lead image) is kept: trafilatura often skips
    the lead. Not if that means the whole page."""
    if headline is None or contains(container, headline):
        return container
    common = common_ancestor(container, headline)
    return container if common.tag in PAGE_ROOTS else common


def describe(element: HtmlElement) -> str:
    """``<div class="article-body">``: how to name an element in a message."""
    attributes = "".join(
        f' {name}="{element.get(name)}"'
        for name in ("id", "class", "itemprop")
        if element.get(name)
    )
    return f"<{element.tag}{attributes}>"


def text_before(container: HtmlElement, element: HtmlElement) -> int:
    """How many characters of text stand before ``element`` inside ``container``."""
    count = 0
    for node in (element, *element.iterancestors()):
        if node is container:
            break
        parent = node.getparent()
        if parent is None:
            break
        count += len((parent.text or "").strip())
        for sibling in node.itersiblings(preceding=True):
            if is_element(sibling):
                count += len(sibling.text_content().strip())
            count += len((sibling.tail or "").strip())
    return count


def is_title_headline(container: HtmlElement, headline: HtmlElement) -> bool:
    """Whether the ``h1`` is the article's title (and leaves the body): at
    most a kicker's worth of text stands before it. An ``h1`` after real text
    is a section heading of a page that uses ``h1`` for sections."""
    return text_before(container, headline) <= MAX_KICKER_CHARS
