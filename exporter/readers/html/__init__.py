"""HTML reader: a saved web page (or a clean HTML file) to the model.

A saved news page is mostly not the article: navigation, cookie banners,
share bars, teasers, comments, ads. The reader works in five steps, each in
its own module:

1. :mod:`.parse` – bytes to text with the charset the page declares (through
   the shared :func:`~exporter.readers.encoding.decode`), then to an lxml tree.
2. :mod:`.metadata` – title, authors, date, language, publisher from JSON-LD,
   OpenGraph and ``<meta>``, before cleaning removes the scripts holding them.
3. :mod:`.content` – where the article is: trafilatura locates it (it is
   strong on real news pages), structural rules take over where it finds
   nothing. A page without any chrome is a clean fragment and is kept whole.
4. :mod:`.chrome` and :mod:`.bylines` – named rules remove the chrome and
   teasers inside the article and move bylines to the metadata, counting what
   they removed for one notice.
5. :mod:`.notes` and :mod:`.mapping` – footnote calls paired with their
   notes, then the article's own DOM mapped to the model. We map the
   page's elements rather than trafilatura's output because its output loses
   figure captions, ``lang`` passages, list starts, table captions and
   alignment, thematic breaks and no-break spaces, and often the lead.

``fragment_blocks`` and ``fragment_inlines`` give the Markdown reader the same
sanitising and mapping for raw HTML inside Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from exporter.debris import is_comment_section_head
from exporter.diagnostics import Diagnostic, Outcome, notice
from exporter.errors import InputError
from exporter.model import Block, Document, Inline, Metadata, Resource, Text
from exporter.news import parse_byline
from exporter.readers.encoding import decode
from exporter.readers.html.bylines import (
    ArticleRegion,
    Byline,
    merge,
    rel_author_names,
    take_body_byline,
    take_byline_elements,
    take_dated_name,
    take_text_byline,
    writer_note_names,
)
from exporter.readers.html.chrome import (
    CATEGORY_NAMES,
    chrome_notice,
    has_chrome,
    remove_before_headline,
    remove_chrome,
    remove_datelines,
    remove_debris_leaving_text,
    remove_hidden,
    remove_hover_cards,
    remove_non_content,
    remove_other_articles,
    remove_teasers,
)
from exporter.readers.html.content import (
    TRAFILATURA,
    article_headline,
    describe,
    is_title_headline,
    links_elsewhere,
    locate_article,
    lone_headline,
    widen_to_headline,
)
from exporter.readers.html.mapping import Mapper, normalize_space
from exporter.readers.html.metadata import (
    TITLE_SEPARATOR,
    PageMetadata,
    choose_authors,
    clean_title,
    page_title_element,
    read_page_metadata,
    time_element_date,
    time_element_values,
    unusable_dates,
)
from exporter.readers.html.notes import attach_notes, find_notes
from exporter.readers.html.parse import (
    MAX_DEPTH,
    body_of,
    contains,
    declared_charset,
    drop,
    flatten_deep_nesting,
    is_http_url,
    outside_deep_nesting,
    parse_document,
    parse_fragment,
    visible_text,
    word_count,
)
from exporter.readers.html.selection import keep_extracted, take_standfirst
from exporter.readers.html.structure import (
    normalize_heading_levels,
    tidy_scene_breaks,
    without_closing_headings,
)
from exporter.readers.images import ImageCollector, is_shown_picture
from exporter.source import Source

__all__ = [
    "Fragment",
    "fragment_blocks",
    "fragment_inlines",
    "looks_like_html",
    "read",
]

#: File name endings of this format (for the registry in ``readers/__init__``).

#: What may stand before ``<!doctype html>``/``<html>`` in a saved page: white
#: space, an XML declaration, comments (browsers write ``<!-- saved from
#: url=… -->`` first).
PAGE_PREAMBLE = re.compile(r"(?:\s+|<\?xml[^>]*\?>|<!--.*?-->)*", re.DOTALL)
PAGE_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
SNIFF_BYTES = 1024


def looks_like_html(data: bytes) -> bool:
    """Whether input without a telling file name is an HTML page: after an
    optional byte-order mark, white space, XML declaration and comments, it
    starts with ``<!doctype html`` or ``<html``. A bare ``<div>`` or ``<p>``
    at the start is not enough: Markdown files begin with raw HTML too."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    start = PAGE_PREAMBLE.match(text)
    return bool(PAGE_START.match(text, start.end() if start else 0))


def read(source: Source) -> Outcome:
    """Read a saved web page or HTML file into a document."""
    text, diagnostics = decode(source.data, source.name, declared_charset(source.data))
    root = parse_document(text, source.name)
    flattened = flatten_deep_nesting(root)
    hover_cards = remove_hover_cards(root)
    if flattened or hover_cards:
        # trafilatura parses the page itself, and would read none of the
        # text nested below libxml2's limit, and read hover cards into the
        # sentences: it gets the page as mended.
        text = lxml.html.tostring(root, encoding="unicode")
    page = read_page_metadata(root)
    page_title = page_title_element(root)
    removed = hover_cards + remove_non_content(root) + remove_hidden(root)
    body = body_of(root)
    located = None
    if has_chrome(root):
        located = locate_article(root, text)
        headline = article_headline(located.element, root)
        container = widen_to_headline(located.element, headline)
        if flattened:
            container = outside_deep_nesting(container, root)
    else:
        container = body
        headline = article_headline(body, root)
    # Bylines first: a page often sets the byline in its header, which goes
    # with the chrome.
    far_headline = lone_headline(root, page_title) if headline is None else None
    region = ArticleRegion(root, container, headline if far_headline is None else far_headline)
    rel_names = rel_author_names(root, region)
    element_byline = take_byline_elements(root, region)
    if not element_byline.names:
        element_byline = merge(element_byline, take_text_byline(root, region))
    if not element_byline.names:
        element_byline = merge(element_byline, take_dated_name(root, region))
    note_names: tuple[str, ...] = ()
    if not (element_byline.names or any(page.author_sources)):
        # The last resort, and the dearest to look for: it reads every text.
        note_names = writer_note_names(root, region)
    if located is not None:
        removed += remove_chrome(root, container, headline, located.element)
        removed += remove_teasers(container)
        removed += remove_other_articles(container, headline)
        removed += remove_before_headline(container, headline)
        method = f"{located.method}: {describe(container)}"
    else:
        method = "the whole page (it has no site chrome)"
    time_date = time_element_date(container) or time_element_date(root)
    ignored_dates = page.ignored_dates
    if not page.date and not time_date:
        # Said only when no date is found: comments carry times of their own.
        ignored_dates += unusable_dates(*time_element_values(root))[:MAX_QUOTED_BLOCKS]
    removed += remove_datelines(container)
    headline_text = ""
    if headline is not None and is_title_headline(container, headline):
        headline_text = visible_text(headline)
        drop(headline)
    elif headline is not None and not contains(container, headline):
        headline_text = visible_text(headline)  # the page's headline, above the article
    if headline is not None and links_elsewhere(headline, page.source):
        headline_text = ""  # another site's story, which the page features: not the title
    if not headline_text and far_headline is not None:
        headline_text = visible_text(far_headline)
    standfirst = ""
    unextracted: list[str] = []
    if located is not None and located.extraction is not None:
        standfirst = take_standfirst(container, page.description, located.extraction)
        unextracted = keep_extracted(
            container,
            located.extraction,
            spare=is_spared_text,
            located_by_extraction=located.method == TRAFILATURA,
        )
    if located is not None:
        container, debris = remove_debris_leaving_text(
            container,
            choose_title(page, headline_text, page_title),
            (
                *element_byline.names,
                *note_names,
                *(name for names in page.author_sources for name in names),
            ),
            partial(is_shown_picture, base_dir=source.base_dir),
        )
        removed += debris
    outside_words = max(0, word_count(visible_text(body)) - word_count(visible_text(container)))

    images = ImageCollector(source.base_dir)
    address = base_url(root, page)
    page_notes = find_notes(root, container, tuple({address, page.source} - {""}))
    outside_words = max(0, outside_words - page_notes.words_outside(container))
    mapper = Mapper(images, address, page.language, notes=page_notes)
    blocks, body_byline = take_body_byline(tuple(mapper.blocks(container)))
    blocks, footnote_notices = attach_notes(tidy_scene_breaks(blocks), page_notes, mapper.blocks)
    blocks = normalize_heading_levels(blocks)
    if located is not None:
        blocks, removed["closing heading"] = without_closing_headings(blocks)
    if not blocks:
        raise InputError(f"{source.name}: found no article text in this HTML page")

    byline = merge(element_byline, body_byline)
    authors = choose_authors(
        page.author_sources,
        page.site_names,
        visible=(rel_names, element_byline.names, body_byline.names, note_names),
        rights_holders=page.rights_holders,
    )
    metadata = Metadata(
        title=choose_title(page, headline_text, page_title),
        subtitle=standfirst,
        authors=authors,
        language=page.language,
        date=page.date or time_date or page.markup_date,
        # An agency signing the byline is the publisher, unless the page names one.
        publisher=page.publisher or ", ".join(byline.agencies),
        description=page.description,
        source=page.source,
    )
    notes = [notice("html.article", f"article found by {method}")]
    if flattened:
        notes.append(
            notice(
                "html.flattened",
                f"unwrapped {flattened} elements nested more than {MAX_DEPTH} levels deep"
                " (broken markup); their text is kept",
            )
        )
    chrome = chrome_notice(removed, outside_words)
    if chrome is not None:
        notes.append(chrome)
    if standfirst:
        notes.append(notice("html.standfirst", f'subtitle: "{standfirst}" (the standfirst)'))
    if unextracted:
        notes.append(unextracted_notice(unextracted))
    notes.extend(byline_notices(byline, authors))
    notes.extend(
        notice(
            "html.date-ignored",
            f'ignored the page\'s date "{value}": it names no day of publication',
        )
        for value in dict.fromkeys(ignored_dates)
    )
    notes.extend(footnote_notices)
    return Outcome(
        Document(metadata, blocks, images.resources),
        (*diagnostics, *notes, *images.diagnostics()),
    )


def is_spared_text(text: str) -> bool:
    """A block a later rule needs though trafilatura left it out: a byline
    ("By Jane Doe"), which the byline rules move to the metadata, and the
    head of the comment section ("5 thoughts on “…”"), at which the debris
    rule cuts off the comments trafilatura kept."""
    return parse_byline(text) is not None or is_comment_section_head(text)


#: The notice on blocks left out quotes this many of them.
MAX_QUOTED_BLOCKS = 3


def unextracted_notice(texts: list[str]) -> Diagnostic:
    """ "left out 4 blocks (83 words) inside the article that are not its
    text: "Sign up for…", "Read more…", …": the user can check them."""
    words = sum(word_count(text) for text in texts)
    quoted = ", ".join(f'"{shorten(text)}"' for text in texts[:MAX_QUOTED_BLOCKS])
    more = ", …" if len(texts) > MAX_QUOTED_BLOCKS else ""
    plural = "s" if len(texts) > 1 else ""
    return notice(
        "html.unextracted",
        f"left out {len(texts)} block{plural} ({words} words) inside the article that are"
        f" not its text (boxes, link lists, comments): {quoted}{more}",
    )


def shorten(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def choose_title(page: PageMetadata, headline: str, page_title: str) -> str:
    """The article's headline as the page shows it (its ``h1``), else the
    JSON-LD headline, og:title, then ``<title>``; each without a " | Site"
    suffix. The shown headline comes first: the metadata's is often the one
    written for search engines ("Opinion | …", a shorter or longer wording)."""
    shown = "" if names_the_site(headline, page_title, page.titles) else headline
    for candidate in (shown, *page.titles, page_title):
        title = clean_title(candidate, page.site_names, headline)
        if title:
            return title
    return ""


def names_the_site(headline: str, page_title: str, titles: tuple[str, ...]) -> bool:
    """Whether the page's ``h1`` is the site's name, as blogs set it: it is
    one end of the ``<title>`` ("Post | Blog name", "Blog name: Post"), and
    the page's other ``titles`` name the other part as the article's; where
    they say neither (one is the whole "Post - Blog name"), it is the
    shorter part."""
    if not headline or not page_title:
        return False
    parts = [" ".join(part.split()).casefold() for part in TITLE_SEPARATOR.split(page_title)]
    key = " ".join(headline.split()).casefold()
    if len(parts) < 2 or key not in (parts[0], parts[-1]):
        return False
    named = {" ".join(title.split()).casefold() for title in titles}
    if key in named:
        return False
    if named & (set(parts) - {key}):
        return True
    return len(key) < max(len(part) for part in parts)


def base_url(root: HtmlElement, page: PageMetadata) -> str:
    """The address relative links are relative to: ``<base href>``, else the
    page's canonical address."""
    base = root.find(".//base[@href]")
    if base is not None:
        href = base.get("href", "").strip()
        if is_http_url(href):
            return href
    return page.source


def byline_notices(byline: Byline, authors: tuple[str, ...]) -> list[Diagnostic]:
    if not byline.texts:
        return []
    quoted = ", ".join(f'"{text}"' for text in byline.texts)
    named = f" (authors: {', '.join(authors)})" if authors else ""
    return [notice("html.byline", f"byline {quoted} moved from the text to the metadata{named}")]


# --- raw HTML inside Markdown ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fragment:
    """Blocks from a piece of HTML, the images they embed, and what was said."""

    blocks: tuple[Block, ...]
    resources: tuple[Resource, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def fragment_blocks(
    markup: str, base_dir: Path | None, *, images: ImageCollector | None = None
) -> Fragment:
    """Raw HTML blocks (from Markdown) through the same sanitising and
    mapping as a page: no scripts, frames, forms or hidden elements; images
    only from ``base_dir``. Headings keep their levels (the caller's document
    decides). Pass the caller's ``images`` collector to share one set of
    resources and one refused-images warning per document; then the result's
    ``resources`` is empty and image diagnostics come from the collector."""
    element = parse_fragment(markup)
    flatten_deep_nesting(element)
    removed = remove_non_content(element) + remove_hidden(element)
    collector = images if images is not None else ImageCollector(base_dir)
    blocks = tuple(Mapper(collector).blocks(element))
    diagnostics = fragment_notices(removed)
    if images is not None:
        return Fragment(blocks, (), diagnostics)
    return Fragment(blocks, collector.resources, diagnostics + collector.diagnostics())


def fragment_inlines(markup: str) -> tuple[Inline, ...]:
    """Raw inline HTML (from Markdown) as inlines: emphasis, code, links,
    ``lang`` spans, line breaks; images become their alt text. White space
    is collapsed but a single space at either end is kept, since the piece
    sits inside a line."""
    element = parse_fragment(markup)
    flatten_deep_nesting(element)
    remove_non_content(element)
    remove_hidden(element)
    run = Mapper(None).inline_content(element, "", skip_images=False)
    # The HTML parser drops white space before the first element; it matters
    # inside a line ("foo <b>bar</b>" arrives as " <b>bar</b>").
    if markup[:1].isspace():
        run.insert(0, Text(" "))
    return normalize_space(run, trim=False)


def fragment_notices(removed: Counter[str]) -> tuple[Diagnostic, ...]:
    parts = [
        CATEGORY_NAMES.get(category, (category, category))[0 if number == 1 else 1]
        for category, number in removed.items()
        if number
    ]
    if not parts:
        return ()
    return (notice("html.fragment-dropped", "dropped from raw HTML: " + ", ".join(parts)),)
