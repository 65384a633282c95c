"""Site chrome: the parts of a saved page that are not the article.

Each rule is a named function that removes elements and returns a
:class:`Counter` of what it removed (by category, counting only elements that
had visible words), so the reader can tell the user exactly what was dropped.
Elements that hold the article (``keep``) and their ancestors are never
removed, whatever their classes say: a page wrapped in ``<form>`` (ASP.NET) or
a wrapper made ``aria-hidden`` by an open cookie dialog still has its article.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from lxml.html import HtmlElement

from exporter.debris import MAX_TAG_WORDS, debris_kind, is_author_note
from exporter.diagnostics import Diagnostic, notice
from exporter.news import (
    DATE_LABEL,
    TIME,
    is_credit_line,
    is_teaser_line,
    match_dateline,
    parse_byline,
)
from exporter.readers.html.metadata import normalize_date
from exporter.readers.html.notes import (
    candidate_links,
    element_ids,
    in_notes,
    is_declared_call,
    is_notes_element,
    link_fragments,
    note_of,
    notes_finder,
)
from exporter.readers.html.parse import (
    HTML_SPACE,
    NAME_PARTS,
    contains,
    drop,
    is_element,
    link_share,
    name_parts,
    name_words,
    squashed,
    visible_text,
    word_count,
)
from exporter.readers.html.selection import (
    Piece,
    Run,
    captions_image,
    captions_local_image,
    clear_run,
    figure_of,
    has_block_child,
    in_figure_showing_text,
    loose_runs,
    run_text,
    text_units,
)

#: Category -> (singular, plural) for the user's message.
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "navigation": ("navigation", "navigation menus"),
    "header": ("page header", "page headers"),
    "footer": ("page footer", "page footers"),
    "cookie": ("cookie banner", "cookie banners"),
    "share": ("share buttons", "share bars"),
    "newsletter": ("newsletter box", "newsletter boxes"),
    "comments": ("comments", "comment sections"),
    "ad": ("ad", "ads"),
    "teaser": ("related-article teaser", "related-article teasers"),
    "sidebar": ("sidebar", "sidebars"),
    "form": ("form", "forms"),
    "dialog": ("dialog", "dialogs"),
    "promotion": ("subscription promotion", "subscription promotions"),
    "tags": ("tag list", "tag lists"),
    "dateline": ("dateline", "datelines"),
    "kicker": ("section label above the headline", "section labels above the headline"),
    "hidden": ("hidden element", "hidden elements"),
    "hover card": ("hover card", "hover cards"),
    "frame": ("embedded frame", "embedded frames"),
    "media": ("video or audio player", "video or audio players"),
    "graphic": ("inline SVG graphic", "inline SVG graphics"),
    "formula": ("math formula", "math formulas"),
    "call to action": ("call to action", "calls to action"),
    "share label": ("share label", "share labels"),
    "page label": (
        "picture placeholder or section label",
        "picture placeholders or section labels",
    ),
    "reading time": ("reading time", "reading times"),
    "comment count": ("comment section head", "comment section heads"),
    "copyright line": ("copyright line", "copyright lines"),
    "tag list": ("line of tags", "lines of tags"),
    "credit": ("picture credit", "picture credits"),
    "stray caption": ("caption of a picture left out", "captions of pictures left out"),
    "closing heading": ("heading closing the article", "headings closing the article"),
    "teaser line": ("teaser line", "teaser lines"),
    "link teasers": ("list of headline links", "lists of headline links"),
    "repeated headline": ("repeated headline", "repeated headlines"),
    "repeated text": ("block said again word for word", "blocks said again word for word"),
    "author note": ("note about the author", "notes about the authors"),
    "comment thread": ("comment thread", "comment threads"),
}

#: Never content. Removed everywhere before anything else looks at the page;
#: the value is the category to report ("" for elements without reader text).
NON_CONTENT_TAGS: dict[str, str] = {
    "script": "",
    "style": "",
    "noscript": "",
    "template": "",
    "link": "",
    "meta": "",
    "base": "",
    "title": "",
    "head": "",
    "iframe": "frame",
    "frame": "frame",
    "frameset": "frame",
    "object": "frame",
    "embed": "frame",
    "applet": "frame",
    "canvas": "graphic",
    "svg": "graphic",
    "math": "formula",
    "video": "media",
    "audio": "media",
    "map": "",
    "button": "",
    "input": "",
    "select": "",
    "textarea": "",
}

#: class/id/data-component words (whole, or one part of a hyphenated,
#: underscored or camelCase name) that name chrome, and the category; in
#: English, and in the languages sites name theirs in beside it.
CHROME_WORD_LISTS: dict[str, str] = {
    "navigation": "nav navbar navigation menu mainmenu megamenu breadcrumb breadcrumbs"
    " skiplink skiplinks pagination pager sitemap"
    " navegacao navegação navegacion navegación navigazione paginacao paginacion",
    "cookie": "cookie cookies consent cmp gdpr cookiebanner",
    "share": "share sharing sharebar shareline social socials sharethis addthis follow"
    " teilen partager compartir compartilhar condividi condivisione delen bagikan",
    "newsletter": "newsletter signup subscribe optin",
    "comments": "comment comments kommentar kommentare discussion disqus"
    " comentarios comentario comentários commentaires commenti reacties kommentarer"
    " komentarze komentar yorumlar",
    "ad": "ad ads advert adverts advertisement advertising anzeige sponsored sponsor adslot"
    " adunit dfp outbrain taboola plista werbung publicidade publicidad anuncio anuncios"
    " publicite publicité pubblicita pubblicità advertentie reklame reklama iklan",
    "teaser": "related recommended recommendation recommendations readmore mostpopular"
    " mostread mostviewed trending morestories teaserlist relacionadas relacionados"
    " relacionada relacionado correlati correlate similares similaires empfehlungen"
    " meistgelesen gerelateerd",
    "promotion": "paywall promo promotion upsell subscription",
    "tags": "tags taglist keywords submeta etiquetas schlagworte stichworte",
    "dialog": "modal popup",
    "dateline": "dateline timestamp",
}
CHROME_WORDS: dict[str, str] = {
    word: category for category, words in CHROME_WORD_LISTS.items() for word in words.split()
}

#: Multi-part names that mean chrome only as a whole ("read-more", not "more").
CHROME_NAMES: dict[str, str] = {
    "skip-link": "navigation",
    "skip-to-content": "navigation",
    "read-more": "teaser",
    "most-popular": "teaser",
    "most-read": "teaser",
    "most-viewed": "teaser",
    "more-stories": "teaser",
    "also-read": "teaser",
    "tag-list": "tags",
    # the same boxes named in French, German, Italian, Portuguese and Spanish
    "lire-aussi": "teaser",
    "leia-tambem": "teaser",
    "veja-tambem": "teaser",
    "leggi-anche": "teaser",
    "lee-tambien": "teaser",
    "mais-lidas": "teaser",
    "mais-lidos": "teaser",
    "mas-leidas": "teaser",
    "mas-leidos": "teaser",
    "plus-lus": "teaser",
    "piu-lette": "teaser",
    "mehr-zum-thema": "teaser",
}

ROLE_CATEGORIES: dict[str, str] = {
    "navigation": "navigation",
    "menu": "navigation",
    "menubar": "navigation",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "search": "form",
    "dialog": "dialog",
    "alertdialog": "dialog",
}

TAG_CATEGORIES: dict[str, str] = {
    "nav": "navigation",
    "aside": "sidebar",
    "form": "form",
    "dialog": "dialog",
}

#: Sectioning elements inside which a header or footer belongs to a part of
#: the content (an article's header holds its headline) rather than the page.
SECTIONING = frozenset({"article", "main", "section"})


HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Screen-reader-only text: read aloud next to icons ("Share on Facebook"),
#: never shown, so not part of the article as printed.
SCREEN_READER_CLASSES = frozenset(
    {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "a11y-hidden"}
)

#: Openers of the boxes that point to other articles ("Lesen Sie auch: …").
TEASER_OPENING = re.compile(
    r"\W*(?:lesen sie (?:auch|mehr|hier|dazu)|mehr zum thema|mehr dazu|auch interessant"
    r"|das könnte sie auch interessieren|weitere artikel|empfohlene artikel|zum weiterlesen"
    r"|read more|read also|also read|more on this(?: story)?|related(?: articles| stories)?"
    r"|see also|recommended(?: for you)?|most (?:popular|read|viewed)|you may also like"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested(?: in)?)|related posts"
    r"|more like this|read next|more from)\b",
    re.IGNORECASE,
)

#: A teaser box is short, or mostly link text; a long paragraph that happens
#: to begin with "Read more" is prose.
MAX_TEASER_CHARS = 300
MIN_TEASER_LINK_SHARE = 0.3

#: Above the headline, only this much text is a kicker or breadcrumb trail.
MAX_KICKER_CHARS = 200

TEASER_TAGS = frozenset(
    {"p", "div", "section", "aside", "ul", "ol", "li", "dl", "span", "figure"}
    | {"h2", "h3", "h4", "h5", "h6"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

#: Where no teaser starts: inside text blocks, code, tables, figures.
TEASER_LEAVES = HEADINGS | {"p", "pre", "code", "table", "figure", "blockquote", "li", "dl"}

LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

# The candidate XPaths are single predicates over ``//*``, not unions
# (``//nav | //aside``), which libxml2 evaluates as one document scan each.

NON_CONTENT_XPATH = "//*[{}]".format(" or ".join(f"self::{tag}" for tag in NON_CONTENT_TAGS))

#: Elements a chrome rule could name. Inside ``pre`` and ``code`` there are
#: only syntax-highlighting spans, sometimes hundreds of thousands.
NAMED_XPATH = (
    "//*[self::nav or self::aside or self::form or self::dialog or self::header"
    " or self::footer or ((@class or @id or @role or @data-component)"
    " and not(ancestor::pre or ancestor::code))]"
)

#: Elements :func:`is_hidden` could name (a superset: the check is exact).
HIDDEN_XPATH = "//*[{}]".format(
    " or ".join(
        [
            "@hidden",
            "@aria-hidden",
            f"(@style and (contains({LOWER.format('@style')}, 'none')"
            f" or contains({LOWER.format('@style')}, 'hidden')))",
        ]
        + [
            f"({attribute} and (contains({attribute}, 'sr-only') or contains({attribute},"
            f" 'idden') or contains({attribute}, 'creen-reader')))"
            for attribute in ("@class", "@id", "@data-component")
        ]
    )
)


def chrome_category(element: HtmlElement, content: HtmlElement | None = None) -> str | None:
    """The chrome category of ``element`` by class/id name (most specific:
    a ``role=dialog`` with class ``cookie-consent`` is a cookie banner), tag
    or ARIA role, or ``None``. A header or footer is chrome when it belongs to the page, not
    to the article ``content`` or a sectioning element inside the page. Footnotes
    are never chrome, though an ``aside`` or ``footer`` may hold them."""
    if is_notes_element(element):
        return None
    for word in name_words(element):
        lowered = word.lower()
        parts = [p.lower() for p in NAME_PARTS.split(word) if p]
        if lowered in CHROME_NAMES:
            return CHROME_NAMES[lowered]
        inner = next((name for name in multi_part_names(parts) if name in CHROME_NAMES), None)
        if inner is not None and link_share(element) >= MIN_PART_NAME_LINK_SHARE:
            return CHROME_NAMES[inner]
        for part in (lowered, *parts):
            if part in CHROME_WORDS:
                category = CHROME_WORDS[part]
                if category == "promotion" and holds_prose(element):
                    return None  # the part of the article a paywall locks
                return category
    tag = element.tag
    if tag in TAG_CATEGORIES:
        return TAG_CATEGORIES[tag]
    if tag in ("header", "footer") and page_level(element, content):
        return tag
    role = (element.get("role") or "").strip().lower()
    if role in ("banner", "contentinfo"):
        return ROLE_CATEGORIES[role] if page_level(element, content) else None
    return ROLE_CATEGORIES.get(role)


#: A name holding one of :data:`CHROME_NAMES` inside a longer one marks
#: chrome only when this share of the element's text is links: "read-more-big"
#: on a link to another story is a teaser, "read-more-content" around the
#: rest of the article (shown by a button) is the article.
MIN_PART_NAME_LINK_SHARE = 0.5


#: A paywall's wrapper around the article's text holds this many paragraphs
#: of prose at least (:func:`holds_prose`); a subscription box holds none.
MIN_PROSE_PARAGRAPHS = 3
MIN_PROSE_WORDS = 15


def holds_prose(element: HtmlElement) -> bool:
    """Whether ``element`` holds :data:`MIN_PROSE_PARAGRAPHS` paragraphs of
    :data:`MIN_PROSE_WORDS` words or more ending like sentences: the article
    itself, which news sites wrap in a "paywall" element for their
    subscribers, not an offer to subscribe."""
    prose = 0
    for paragraph in element.iter("p"):
        text = visible_text(paragraph).strip()
        if len(text.split()) >= MIN_PROSE_WORDS and text.endswith((".", "!", "?", "”", '"')):
            prose += 1
            if prose >= MIN_PROSE_PARAGRAPHS:
                return True
    return False


def multi_part_names(parts: list[str]) -> Iterator[str]:
    """The runs of two and three consecutive parts of a class or id name,
    joined by hyphens as :data:`CHROME_NAMES` spells them: "read-more-big__title"
    and "readMoreBox" hold "read-more" (see :data:`MIN_PART_NAME_LINK_SHARE`)."""
    for size in (2, 3):
        for start in range(len(parts) - size + 1):
            yield "-".join(parts[start : start + size])


def page_level(element: HtmlElement, content: HtmlElement | None) -> bool:
    """Whether a header or footer belongs to the page: not inside the
    article (when the article is the whole body, that says nothing) nor
    inside a sectioning element."""
    if content is not None and content.tag not in ("html", "body") and contains(content, element):
        return False
    return not any(ancestor.tag in SECTIONING for ancestor in element.iterancestors())


def in_chrome(element: HtmlElement) -> bool:
    """Whether the element or an ancestor is chrome (for scoring candidates)."""
    return any(
        chrome_category(node) is not None
        for node in (element, *element.iterancestors())
        if node.tag not in ("html", "body")
    )


def has_chrome(root: HtmlElement) -> bool:
    """Whether the page has any site chrome at all; a page without is a clean
    fragment and is kept whole. Chrome is an element named as such
    (:func:`chrome_category`), or a bar of links (:func:`is_link_bar`):
    a site's menu and footer need no telling class to be chrome."""
    return any(
        chrome_category(element) is not None
        for element in root.xpath(NAMED_XPATH)
        if element.tag not in ("html", "body", "head")
    ) or any(is_link_bar(element) for element in root.xpath(LINK_BAR_XPATH))


#: A bar of links has at least this many, and links make up this share of its text.
MIN_BAR_LINKS = 3
MIN_BAR_LINK_SHARE = 0.7

#: Elements with three links among their children: candidates for a link bar.
LINK_BAR_XPATH = (
    "//*[self::div or self::ul or self::ol or self::p or self::footer][count(.//a) >= 3]"
)


def is_link_bar(element: HtmlElement) -> bool:
    """A menu or footer: three or more links among few other words (a
    "Home · News · Contact" bar, a copyright line with its links), outside
    a notes section. A list of further reading in an article is one too, and
    then the article is located as on any page with chrome."""
    if in_notes(element):
        return False
    links = [link for link in element.iter("a") if visible_text(link)]
    return len(links) >= MIN_BAR_LINKS and link_share(element) >= MIN_BAR_LINK_SHARE


def protected_by(keep: Iterable[HtmlElement | None]) -> list[HtmlElement]:
    """The elements that must stay: ``keep`` and all their ancestors."""
    out: list[HtmlElement] = []
    for element in keep:
        if element is not None:
            out.extend((element, *element.iterancestors()))
    return out


def remove_where(
    root: HtmlElement,
    candidates: str,
    category_of: Callable[[HtmlElement], str | None],
    protected: list[HtmlElement],
) -> Counter[str]:
    """Remove every unprotected element among ``candidates`` (an XPath, so
    that the many elements no rule could match are never looked at in
    Python) that ``category_of`` names, outermost first. ``""`` removes
    without counting, ``None`` keeps."""
    removed: Counter[str] = Counter()
    # ``protected`` keeps the proxies alive, so their ids stay theirs.
    protected_ids = {id(element) for element in protected}
    last_dropped: HtmlElement | None = None
    for element in root.xpath(candidates):
        if element.tag in ("html", "body") or id(element) in protected_ids:
            continue
        if last_dropped is not None and contains(last_dropped, element):
            continue  # went with an ancestor (candidates come in document order)
        category = category_of(element)
        if category is None:
            continue
        if category and visible_text(element):
            removed[category] += 1
        drop(element)
        last_dropped = element
    return removed


def remove_non_content(root: HtmlElement) -> Counter[str]:
    """Scripts, styles, frames, embedded players, form controls, inline SVG:
    nothing a reader of the article sees as text."""
    return remove_where(
        root, NON_CONTENT_XPATH, lambda element: NON_CONTENT_TAGS.get(element.tag), []
    )


def is_hidden(element: HtmlElement) -> bool:
    """``hidden``, ``aria-hidden="true"``, ``display: none``/``visibility:
    hidden`` inline styles, and screen-reader-only classes."""
    if element.get("hidden") is not None:
        return True
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    return any(word.lower() in SCREEN_READER_CLASSES for word in name_words(element))


def remove_hidden(root: HtmlElement) -> Counter[str]:
    """Remove hidden elements, except wrappers of the main content (sites set
    ``aria-hidden`` on the whole page while a cookie dialog is open) and
    notes shown only on demand (:func:`hidden_notes`)."""
    copies = hidden_copies(root)
    keep = [
        element
        for element in root.xpath(
            "//h1 | //main | //*[@role='main'] | //*[@itemprop='articleBody']"
        )
        if not any(contains(copy, element) for copy in copies)
    ]
    return remove_where(
        root,
        HIDDEN_XPATH,
        lambda e: "hidden" if is_hidden(e) else None,
        protected_by([*keep, *hidden_notes(root)]),
    )


#: The words of a hidden article compared with the shown text (:func:`hidden_copies`).
COPY_TEST_WORDS = 12


def hidden_copies(root: HtmlElement) -> list[HtmlElement]:
    """Hidden copies of the article: blocks of schema.org data (hidden,
    with ``itemscope``) that repeat the headline, the dates and the
    article's text for search engines, their ``articleBody`` opening with
    :data:`COPY_TEST_WORDS` words that the page shows elsewhere too."""
    page_text = " ".join(root.text_content().split())
    copies: list[HtmlElement] = []
    for body in root.xpath("//*[@itemprop='articleBody']"):
        holder = next(
            (
                node
                for node in (body, *body.iterancestors())
                if is_hidden(node) and node.get("itemscope") is not None
            ),
            None,
        )
        opening = " ".join(body.text_content().split()[:COPY_TEST_WORDS])
        if (
            holder is not None
            and len(opening.split()) == COPY_TEST_WORDS
            and page_text.count(opening) > 1
        ):
            copies.append(holder)
    return copies


def hidden_notes(root: HtmlElement) -> list[HtmlElement]:
    """Notes a page hides until their call is hovered or clicked (a tooltip,
    a collapsed notes list): a hidden note (:func:`~.notes.note_of`) that a
    visible link calls is part of the article, and its call would otherwise
    point at nothing."""
    hidden = [element for element in root.xpath(HIDDEN_XPATH) if is_hidden(element)]
    if not hidden:
        return []
    hidden_ids = {id(element) for element in hidden}

    def shown(node: HtmlElement) -> bool:
        return not any(id(n) in hidden_ids for n in (node, *node.iterancestors()))

    ids = element_ids(root)
    notes: list[HtmlElement] = []
    for link in candidate_links(root):
        for fragment in link_fragments(link, ()):
            target = ids.get(fragment)
            if target is None or shown(target) or not shown(link):
                continue
            note = note_of(target, is_declared_call(link))
            if note is not None:
                notes.append(note)
    return notes


def remove_chrome(
    root: HtmlElement,
    content: HtmlElement,
    headline: HtmlElement | None,
    located: HtmlElement | None = None,
) -> Counter[str]:
    """Remove navigation, page header and footer, cookie banners, share bars,
    comments, ads, forms, sidebars… anywhere on the page, except the article
    ``content`` itself, its ancestors and the headline, and the element the
    article was ``located`` in when ``content`` was widened around it (its
    class may sound like chrome: "article-body pagination-first")."""
    return remove_where(
        root,
        NAMED_XPATH,
        lambda e: chrome_category(e, content),
        protected_by((content, headline, located)),
    )


#: The share of a hover card's text its links make.
MIN_CARD_LINK_SHARE = 0.8

#: The inline element right after a link in running text: where sites put
#: the card shown when the link is hovered.
AFTER_LINK_XPATH = "//p//a/following-sibling::*[1][self::span or self::div]"


def remove_hover_cards(root: HtmlElement) -> Counter[str]:
    """Remove the cards a page shows over a link in running text
    (:func:`is_hover_card`): without the site's style sheet their text
    would run on inside the sentence ("Rep. Ilhan OmarIlhan OmarHillicon
    Valley: …")."""
    return remove_where(
        root, AFTER_LINK_XPATH, lambda e: "hover card" if is_hover_card(e) else None, []
    )


def is_hover_card(element: HtmlElement) -> bool:
    """An element right after a link, with no text between, that is about
    the link's subject – it opens with the link's text or with a link to
    the same address ("Kristi Noem" → "Kristi Lynn Noem", both to
    /people/kristi-noem) – and is mostly links
    (:data:`MIN_CARD_LINK_SHARE`, at least two): a person's card with
    their latest stories."""
    link = element.getprevious()
    if link is None or link.tag != "a" or (link.tail or "").strip():
        return False
    links = list(element.iter("a"))
    if len(links) < 2:
        return False
    name = " ".join(visible_text(link).split())
    text = " ".join(visible_text(element).split())
    about_the_link = (len(name) > 1 and text.startswith(name)) or (
        bool(link.get("href")) and links[0].get("href") == link.get("href")
    )
    return about_the_link and len(text) > len(name) and link_share(element) >= MIN_CARD_LINK_SHARE


def text_start(element: HtmlElement, length: int = 80) -> str:
    """The first characters of the element's text, without reading it all."""
    pieces: list[str] = []
    size = 0
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size >= length:
            break
    return HTML_SPACE.sub(" ", "".join(pieces)).strip()


def is_teaser(element: HtmlElement) -> bool:
    """A box that opens with "Lesen Sie auch", "Mehr zum Thema", "Read more",
    "Related", "Most popular"… and is a heading or a short or mostly-linked
    block with a link. Not in footnotes: a note may well begin "See also"
    and end in a back link."""
    if element.tag not in TEASER_TAGS or not TEASER_OPENING.match(text_start(element)):
        return False
    if in_notes(element):
        return False
    text = visible_text(element)
    if not TEASER_OPENING.match(text):
        return False
    if element.tag in HEADINGS:
        return len(text) <= MAX_TEASER_CHARS
    if element.find(".//a") is None:
        return False
    return len(text) <= MAX_TEASER_CHARS or link_share(element) >= 0.5


def remove_teasers(content: HtmlElement) -> Counter[str]:
    """Remove "read more" teasers inside the article; a teaser heading takes
    the list of links after it along ("Mehr zum Thema" + list)."""
    removed: Counter[str] = Counter()
    stack = [child for child in reversed(content) if is_element(child)]
    while stack:
        element = stack.pop()
        if element.getparent() is None:
            continue  # taken along by a teaser heading before
        if not is_teaser(element):
            if element.tag not in TEASER_LEAVES:
                stack.extend(child for child in reversed(element) if is_element(child))
            continue
        if element.tag in HEADINGS:
            following = element.getnext()
            if following is not None and link_share(following) >= 0.5:
                drop(following)
        removed["teaser"] += 1
        drop(element)
    return removed


def remove_other_articles(content: HtmlElement, headline: HtmlElement | None) -> Counter[str]:
    """Remove the ``article`` elements of ``content`` beside the one that
    holds the page's headline (``h1``): an ``article`` is one composition,
    so the others are other stories, listed after the page's own (a blog's
    next posts with their excerpts). Nothing goes when the headline stands
    in no ``article`` inside ``content``; an ``article`` inside the
    headline's, or around it, stays, and so does one with more words than
    the headline's (a page that sets its headline apart in an ``article`` of
    its own: the text is in the bigger one)."""
    removed: Counter[str] = Counter()
    if headline is None:
        return removed
    own = next((a for a in headline.iterancestors("article")), None)
    if own is None or not contains(content, own) or own is content:
        return removed
    own_words = word_count(visible_text(own))
    for other in list(content.iter("article")):
        if other is own or contains(other, own) or contains(own, other):
            continue
        if word_count(visible_text(other)) > own_words:
            continue
        if other.getparent() is None or not contains(content, other):
            continue  # inside an article removed before
        removed["teaser"] += 1
        drop(other)
    return removed


def is_time_stamp(text: str) -> bool:
    """A block that is nothing but the page's time stamp, a date after a
    label ("Published 18 November 2019", "Updated: March 12, 2024",
    "Aktualisiert am 12. März 2024", "UPDATED: Tue., Nov. 19, 2019", "Updated at
    1:23 p.m.": :data:`exporter.news.DATE_LABEL`):
    when the page was published or changed, not the article's text. A
    dateline naming places ("Berlin, 12. März 2024") is not one: some
    articles open with it."""
    match = match_dateline(text)
    return (match is not None and bool(match["label"])) or LABELLED_TIME.fullmatch(
        text.strip()
    ) is not None


#: A time after a time stamp's label, without a date: "Updated at 1:23 p.m.",
#: "Updated 2:30 PM ET".
LABELLED_TIME = re.compile(rf"(?:{DATE_LABEL})\s*:?{TIME}", re.IGNORECASE)


def remove_datelines(content: HtmlElement) -> Counter[str]:
    """Remove blocks that hold nothing but a ``<time datetime>`` (the dateline
    under a headline); a date inside a sentence stays, and so does a ``time``
    without ``datetime``, whose date could not move to the metadata."""
    removed: Counter[str] = Counter()
    for time in list(content.iter("time")):
        if time.getparent() is None or not contains(content, time):
            continue
        if not normalize_date(time.get("datetime") or ""):
            continue
        text = visible_text(time)
        top = time
        while (
            top.getparent() is not None
            and top.getparent() is not content
            and visible_text(top.getparent()) == text
        ):
            top = top.getparent()
        if top is time and visible_text(time.getparent()) != text:
            continue
        removed["dateline"] += 1
        drop(top)
    return removed


def remove_before_headline(content: HtmlElement, headline: HtmlElement | None) -> Counter[str]:
    """Remove what stands above the headline inside the article when it is
    short: kickers, breadcrumb trails, section labels ("Rail travel")."""
    if headline is None or not contains(content, headline) or headline is content:
        return Counter()
    before: list[HtmlElement] = []
    for ancestor in (headline, *headline.iterancestors()):
        if ancestor is content:
            break
        before.extend(sibling for sibling in ancestor.itersiblings(preceding=True))
    before = [element for element in before if is_element(element)]
    text = sum(len(visible_text(element)) for element in before)
    if not before or text > MAX_KICKER_CHARS:
        return Counter()
    for element in before:
        drop(element)
    return Counter({"kicker": sum(1 for element in before if element.text_content().strip())})


#: Headline links in a row: a list of other stories (two or more).
MIN_LINK_TEASERS = 2

#: A block is a headline link when links make up this share of its text.
MIN_HEADLINE_LINK_SHARE = 0.8


def debris_category(text: str, title: str) -> str | None:
    """The category of a block that is page debris, or ``None``: a call to
    action, a share label, a comment section's head or a copyright line
    (:func:`exporter.debris.debris_kind`), a picture credit or a "Read
    more:" teaser line (:mod:`exporter.news`), or the headline again (it
    stands on the title page)."""
    kind = debris_kind(text)
    if kind:
        return kind
    if is_credit_line(text):
        return "credit"
    if is_teaser_line(text):
        return "teaser line"
    if is_time_stamp(text):
        return "dateline"
    if title and squashed(text).casefold() == squashed(title).casefold():
        return "repeated headline"
    return None


def remove_debris(
    content: HtmlElement,
    title: str,
    authors: tuple[str, ...] = (),
    shown: Callable[[str], bool] | None = None,
) -> Counter[str]:
    """Remove the blocks of the article that are page debris
    (:func:`debris_category`), with the small box a call to action stands
    in (:func:`debris_box`); a comment section's head and all that follows
    it (comments end a page); notes about the ``authors`` among the last
    blocks (:func:`exporter.debris.is_author_note`); the captions of
    pictures and embeds the book leaves out (:func:`is_stray_caption`;
    ``shown`` tells, of a picture's address, whether the book shows it);
    and lists of headline links (:func:`remove_link_teasers`). Footnotes
    and quotes are never debris."""
    removed: Counter[str] = Counter()
    noted = notes_finder(content)
    units = [
        (element, " ".join(text.split()))
        for element, text in text_units(content)
        if element is not content and text.strip()
    ]
    teaser_bylines = signs_other_stories(units)
    run_reading = RunFinder()
    words_before = 0
    seen: set[str] = set()
    for element, text in units:
        if element.getparent() is None or not contains(content, element) or noted(element):
            continue
        words_before += len(text.split())
        if captions_local_image(element, shown):
            continue  # a credit under a picture the book shows is the picture's
        if any(a.tag in ("blockquote", "q") for a in (element, *element.iterancestors())):
            continue
        if not has_block_child(element) and has_paragraph_breaks(element):
            continue  # several paragraphs, judged as one here: a sign-off above a copyright line
        category = "teaser line" if text in teaser_bylines else debris_category(text, title)
        if category is None and is_a_copy(element, text, seen):
            category = "repeated text"
        if category is None and is_stray_caption(element, shown):
            category = "stray caption"
        if category is None and (run := run_reading(element, text)) and is_tag_cloud(run):
            category = "tag list"
        if category == "call to action" and is_a_step_among_steps(element):
            continue
        if category is None:
            continue
        if has_block_child(element):
            # The text runs loose between the blocks of ``element``: only it goes.
            removed[category] += clear_loose_text(element, text)
            continue
        if (
            category == "comment count"
            and words_before - len(text.split()) >= MIN_WORDS_ABOVE_COMMENTS
        ):
            removed["comment thread"] += 1
            drop_to_end(element, content)
            continue
        removed[category] += 1
        drop(debris_box(element, content) if category == "call to action" else element)
    removed += (
        remove_link_teasers(content)
        + remove_counted_link_lists(content)
        + remove_excerpt_lists(content)
    )
    ending = [
        (element, text)
        for element, text in text_units(content)
        if element is not content and text.strip()
    ][-MAX_AUTHOR_NOTE_POSITION:]
    for element, text in ending:
        if is_author_note(text, authors) and not noted(element):
            if has_block_child(element):
                removed["author note"] += clear_loose_text(element, " ".join(text.split()))
            else:
                removed["author note"] += 1
                drop(element)
    return removed


#: A list item this long that is no debris makes its list the story's steps.
MIN_STEP_WORDS = 6


def is_a_step_among_steps(element: HtmlElement) -> bool:
    """Whether ``element`` is (or stands in) an item of a list whose other
    items include one of :data:`MIN_STEP_WORDS` words or more that is no
    debris: a how-to's steps ("Sign up for a Hulu account…", "If you already
    have one, visit your account page…"), where "Sign up for" is an
    instruction, not the site asking. A list of calls to action alone
    ("Follow us", "Sign up for our newsletter") still goes."""
    item = next((node for node in (element, *element.iterancestors()) if node.tag == "li"), None)
    holder = item.getparent() if item is not None else None
    if holder is None:
        return False
    for other in holder:
        if other is item or not is_element(other) or other.tag != "li":
            continue
        text = " ".join(visible_text(other).split())
        if len(text.split()) >= MIN_STEP_WORDS and debris_category(text, "") is None:
            return True
    return False


#: Blocks the article's writer makes, which may say a thing twice.
TEXT_TAGS = HEADINGS | {"p", "li", "dd", "dt", "td", "th", "pre", "blockquote"}

#: A block this long said again word for word is a copy, not a refrain.
MIN_COPY_WORDS = 3


def is_a_copy(element: HtmlElement, text: str, seen: set[str]) -> bool:
    """Whether ``text`` stands in the article already, word for word (of
    :data:`MIN_COPY_WORDS` or more), outside a paragraph, a list or a
    heading: a gallery shows each caption with its slide and again in its
    overlay, a share box comes above and below the story. (A paragraph said
    twice is the article's own: a syndicated story repeats a sentence.)
    Records ``text`` in ``seen``."""
    if len(text.split()) < MIN_COPY_WORDS or element.tag in TEXT_TAGS:
        return False
    if text in seen:
        return True
    seen.add(text)
    return False


#: A byline standing this many times in the article signs other stories.
MIN_REPEATED_BYLINES = 3


def signs_other_stories(units: list[tuple[HtmlElement, str]]) -> frozenset[str]:
    """The bylines (:func:`exporter.news.parse_byline`) that stand
    :data:`MIN_REPEATED_BYLINES` times or more among the article's blocks:
    each signs a story in a list of others ("By JERUSALEM POST STAFF" under
    ten headlines), as the article's own byline stands once."""
    counts = Counter(text for _, text in units)
    return frozenset(
        text
        for text, count in counts.items()
        if count >= MIN_REPEATED_BYLINES and parse_byline(text) is not None
    )


#: Comments follow the article: a comment section's head cuts all after it
#: only below this many words of it. Above them, "[ 167 comments ]" beside
#: the byline is a link to the comments, and goes alone.
MIN_WORDS_ABOVE_COMMENTS = 50


def has_paragraph_breaks(element: HtmlElement) -> bool:
    """Whether ``element`` (a block without blocks inside) breaks its text
    into paragraphs with two ``<br>`` in a row, as the reader will: "정덕현
    칼럼니스트<br><br>저작권자 ⓒ …" is a sign-off and a copyright line, not
    one copyright line."""
    breaks = element.findall(".//br")
    return any(
        following is not None and following.tag == "br" and not (first.tail or "").strip()
        for first in breaks
        for following in [first.getnext()]
    )


def remove_debris_leaving_text(
    content: HtmlElement,
    title: str,
    authors: tuple[str, ...] = (),
    shown: Callable[[str], bool] | None = None,
) -> tuple[HtmlElement, Counter[str]]:
    """:func:`remove_debris`, unless it would leave the article no words
    at all (one short paragraph that mentions a newsletter): then the
    article is kept as it was, since a book with a line of debris beats no
    book. Returns the article's element (a copy put in its place when
    kept) and what was removed."""
    kept = copy.deepcopy(content)
    removed = remove_debris(content, title, authors, shown)
    parent = content.getparent()
    if word_count(visible_text(content)) or not word_count(visible_text(kept)) or parent is None:
        return content, removed
    kept.tail = content.tail
    parent.replace(content, kept)
    return kept, Counter()


#: Notes about the authors are looked for among this many last blocks.
MAX_AUTHOR_NOTE_POSITION = 3

#: A call to action's box (its head, its text, its button) has at most this
#: many words; a bigger ancestor holds more than the box.
MAX_BOX_WORDS = 60


def debris_box(element: HtmlElement, content: HtmlElement) -> HtmlElement:
    """The largest ancestor of ``element`` below ``content`` with at most
    :data:`MAX_BOX_WORDS` words: a newsletter box with its heading."""
    box = element
    for ancestor in element.iterancestors():
        if ancestor is content or len(visible_text(ancestor).split()) > MAX_BOX_WORDS:
            break
        box = ancestor
    return box


def clear_loose_text(element: HtmlElement, text: str) -> int:
    """Remove the run of loose text of ``element`` that reads ``text``
    (squashed), leaving the blocks around it; 1 if found, else 0."""
    for run in loose_runs(element):
        if " ".join(run_text(run).split()) == text:
            clear_run(run)
            return 1
    return 0


def drop_to_end(element: HtmlElement, content: HtmlElement) -> None:
    """Remove ``element`` and everything after it inside ``content``."""
    for node in (element, *element.iterancestors()):
        if node is content:
            break
        for sibling in list(node.itersiblings()):
            drop(sibling)
    drop(element)


#: A tag cloud has this many tags at least, …
MIN_CLOUD_TAGS = 8

#: … and its links hold this share of its words.
MIN_CLOUD_LINK_SHARE = 0.9


def is_tag_cloud(run: Sequence[Piece]) -> bool:
    """Whether ``run``, a block's content or loose text between blocks, is
    a cloud of tags: :data:`MIN_CLOUD_TAGS` links or more, each a tag of at
    most :data:`~exporter.debris.MAX_TAG_WORDS` words, and hardly a word
    besides (:data:`MIN_CLOUD_LINK_SHARE`): a blog's widget, whatever its
    class names. A sentence with many links has words of its own."""
    tags = [
        " ".join(visible_text(link).split())
        for piece in run
        if piece.kind == "inline"
        for link in ([piece.element] if piece.element.tag == "a" else piece.element.iter("a"))
    ]
    if len(tags) < MIN_CLOUD_TAGS or not all(0 < len(tag.split()) <= MAX_TAG_WORDS for tag in tags):
        return False
    words = len(run_text(list(run)).split())
    return sum(len(tag.split()) for tag in tags) >= MIN_CLOUD_LINK_SHARE * words


class RunFinder:
    """The loose run of an element that reads a given text, each element's
    runs read once (an element with thousands of blocks has as many runs)."""

    def __init__(self) -> None:
        self.runs: dict[HtmlElement, dict[str, Run]] = {}

    def __call__(self, element: HtmlElement, text: str) -> Run | None:
        if element not in self.runs:
            self.runs[element] = {
                " ".join(run_text(run).split()): run for run in loose_runs(element)
            }
        return self.runs[element].get(text)


def is_stray_caption(element: HtmlElement, shown: Callable[[str], bool] | None = None) -> bool:
    """A caption whose picture the book leaves out: text in a ``figure``
    without any picture, table, code listing or quote (an embedded video or
    post; :func:`~exporter.readers.html.selection.in_figure_showing_text`), or the
    ``figcaption`` of a picture on the network or outside the input's
    folder (never fetched, never read), or an element named as its caption
    (:func:`is_in_caption`). A figure is one piece: without its picture,
    the caption describes nothing the reader sees ("Kevin Mayer, the Disney
    executive, left"). Paragraphs a page sets beside its picture
    in a figure are the article's and stay; a picture the page carries
    itself shows, with its caption (:func:`captions_local_image`)."""
    figure = figure_of(element)
    if figure is None:
        return False
    if in_figure_showing_text(element):
        return False
    if not captions_image(element):
        return True
    return is_in_caption(element, figure) and not captions_local_image(element, shown)


#: Name parts of a figure's caption and credit lines.
CAPTION_NAMES = frozenset({"caption", "credit", "credits"})


def is_in_caption(element: HtmlElement, figure: HtmlElement) -> bool:
    """Whether ``element`` is or is inside a caption of ``figure``: a
    ``figcaption``, or an element named as a caption or a credit
    ("Figure-caption", "Figure-credit": "(Walt Disney Co.)")."""
    for node in (element, *element.iterancestors()):
        if node is figure:
            return False
        if node.tag == "figcaption" or name_parts(node) & CAPTION_NAMES:
            return True
    return False


def remove_link_teasers(content: HtmlElement) -> Counter[str]:
    """Remove runs of headline links: :data:`MIN_LINK_TEASERS` or more
    blocks, each made of a link (:data:`MIN_HEADLINE_LINK_SHARE`) that does
    not end like a sentence, in a row or each followed by its one-line
    summary (:data:`MAX_SUMMARY_WORDS`, not a link): other stories, listed
    between or after the paragraphs. A single link line stays (a "buy it
    here" line in a deals article is its text), and so does a paragraph
    between two links."""
    removed: Counter[str] = Counter()
    run: list[HtmlElement] = []
    links = summaries = 0
    summary: HtmlElement | None = None

    def alternating() -> bool:
        """Each link so far but the last had its summary: a list of stories
        with summaries, where the block after the last link is its summary."""
        return summaries == links - 1

    def flush() -> None:
        nonlocal links, summaries
        if links >= MIN_LINK_TEASERS:
            removed["link teasers"] += 1
            for element in run:
                drop(element)
        run.clear()
        links = summaries = 0

    for element, text in list(text_units(content)):
        words = text.split()
        if not words:
            continue
        if is_leaf_block(element, content) and is_headline_link(element, text):
            if summary is not None:
                run.append(summary)
                summaries += 1
            summary = None
            run.append(element)
            links += 1
        elif (
            run
            and summary is None
            and alternating()
            and is_leaf_block(element, content)
            and len(words) <= MAX_SUMMARY_WORDS
        ):
            summary = element  # kept if another headline link follows it
        else:
            if summary is not None and links >= MIN_LINK_TEASERS and summaries:
                run.append(summary)  # the last story's summary
            summary = None
            flush()
    if summary is not None and links >= MIN_LINK_TEASERS and summaries:
        run.append(summary)
    flush()
    return removed


#: A list of a site's sections or archives names each with how many posts
#: it holds: "Blog (2)", "November 2018 (14)".
COUNTED_LINK = re.compile(r"(?P<label>.+?)\s*\((?P<count>\d{1,6})\)")
MIN_COUNTED_LINKS = 3
MAX_SECTION_NAME_WORDS = 4


def remove_counted_link_lists(content: HtmlElement) -> Counter[str]:
    """Remove lists of :data:`MIN_COUNTED_LINKS` items or more that are each
    a link to a section or an archive and its count of posts ("Community
    Post (4824)"): a blog's sidebar, whatever its class names. An article's
    list of sources ("WHO (2019)", "CDC (2020)") gives years, not counts,
    and stays."""
    removed: Counter[str] = Counter()
    for listing in list(content.iter("ul", "ol")):
        items = [item for item in listing if is_element(item) and item.tag == "li"]
        if len(items) < MIN_COUNTED_LINKS:
            continue
        counts = [count for item in items if (count := counted_link(item)) is not None]
        if len(counts) == len(items) and not all(1800 <= count <= 2100 for count in counts):
            removed["navigation"] += 1
            drop(listing)
    return removed


def counted_link(item: HtmlElement) -> int | None:
    """The count of a list item that is a link of a few words and a count
    of posts, else ``None``."""
    match = COUNTED_LINK.fullmatch(" ".join(visible_text(item).split()))
    if match is None:
        return None
    links = item.findall(".//a")
    if not (
        len(links) == 1
        and " ".join(visible_text(links[0]).split()) == match["label"]
        and len(match["label"].split()) <= MAX_SECTION_NAME_WORDS
    ):
        return None
    return int(match["count"])


#: A list of other stories with their excerpts has this many items at least, …
MIN_EXCERPT_ITEMS = 3

#: … and this share of their excerpts cut short with an ellipsis.
MIN_CUT_EXCERPT_SHARE = 0.5

#: An excerpt cut short by the site: it ends in an ellipsis.
CUT_SHORT = re.compile(r"(?:…|\.\.\.)[\"'”’»)\]]*$")


def remove_excerpt_lists(content: HtmlElement) -> Counter[str]:
    """Remove lists of other stories (:data:`MIN_EXCERPT_ITEMS` items or
    more), each item opening with a link and most ending in an excerpt the
    site cut short ("Indian-origin man pleads guilty… NEW YORK: An
    Indian-origin man has…"), whatever the class names. An article's own
    list of links with notes ("Dashlane: a password manager") ends its
    notes as it likes; a site's excerpts end in an ellipsis."""
    removed: Counter[str] = Counter()
    for listing in list(content.iter("ul", "ol")):
        items = [item for item in listing if is_element(item) and item.tag == "li"]
        if len(items) < MIN_EXCERPT_ITEMS or not all(opens_with_link(item) for item in items):
            continue
        cut = sum(1 for item in items if CUT_SHORT.search(visible_text(item)))
        if cut >= MIN_CUT_EXCERPT_SHARE * len(items):
            removed["link teasers"] += 1
            drop(listing)
    return removed


def opens_with_link(item: HtmlElement) -> bool:
    """Whether the text of ``item`` opens with its first link's."""
    link = next(item.iter("a"), None)
    if link is None:
        return False
    headline = visible_text(link)
    return bool(headline) and visible_text(item).startswith(headline)


#: The summary line under a headline link in a list of other stories is short.
MAX_SUMMARY_WORDS = 25


def is_leaf_block(element: HtmlElement, content: HtmlElement) -> bool:
    """A block of ``content`` without blocks inside: one that may go whole.
    Text standing loose between blocks is judged with its own words, not
    its holder's (whose links would count for it, and which would go with
    it)."""
    return element is not content and not has_block_child(element)


def is_headline_link(element: HtmlElement, text: str) -> bool:
    """A block that is a link to another story: two words or more, mostly
    link text (:data:`MIN_HEADLINE_LINK_SHARE`), not ending like a sentence."""
    return (
        len(text.split()) >= 2
        and not text.rstrip().endswith((".", "!", "?", ":", ";", "…"))
        and link_share(element) >= MIN_HEADLINE_LINK_SHARE
    )


def chrome_notice(removed: Counter[str], outside_words: int) -> Diagnostic | None:
    """One notice listing what was dropped: "dropped site chrome: navigation,
    cookie banner, 3 related-article teasers, comments"."""
    parts = []
    for category, number in removed.items():
        if number <= 0:
            continue
        singular, plural = CATEGORY_NAMES.get(category, (category, category))
        parts.append(singular if number == 1 else f"{number} {plural}")
    if outside_words:
        parts.append(f"{outside_words} other words outside the article")
    if not parts:
        return None
    return notice("html.chrome-dropped", "dropped site chrome: " + ", ".join(parts))
