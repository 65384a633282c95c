"""Bylines: who wrote the article, found in the page and taken out of the body.

The names move to the metadata (the title page shows them), so the "Von
Maria Muster" line does not also stand in the text. Bylines are parsed by
:func:`exporter.news.parse_byline`, as in the other readers, so every input
format recognises the same bylines, and a news agency signing with the author
("By Jane Doe, Reuters") is kept apart: the publisher, never an author.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

from exporter.debris import is_copyright_line
from exporter.model import Block, Figure, Paragraph, plain_text
from exporter.news import (
    CJK,
    DATE_ARTICLES,
    DATE_LABEL,
    JOB_TITLE_NOUNS,
    MONTHS,
    NEWS_AGENCIES,
    WEEKDAYS,
    clean_author,
    is_credit_line,
    looks_like_name,
    parse_agencies,
    parse_byline,
    writer_of_note,
)
from exporter.news import Byline as ParsedByline
from exporter.readers.html.chrome import HEADINGS, chrome_category
from exporter.readers.html.content import text_before
from exporter.readers.html.mapping import is_block
from exporter.readers.html.notes import in_notes
from exporter.readers.html.parse import (
    NAME_PARTS,
    TextOffsets,
    contains,
    drop,
    is_element,
    name_parts,
    name_words,
    visible_text,
)
from exporter.readers.html.selection import text_units

#: Class/id words of byline containers (whole words, case-insensitive).
BYLINE_WORDS = frozenset(
    {"byline", "bylines", "author", "authors", "autor", "autoren", "author-name"}
    | {"authorname", "article-author", "byline-author", "contributor", "contributors"}
    # microformats2: the author property of a post (``class="p-author h-card"``)
    | {"p-author"}
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


#: Parts of class or id names that mark a byline ("ap-story-byline",
#: "article__author"), unless a part says it is about the author instead.
BYLINE_PARTS = frozenset({"byline", "bylines", "author", "authors", "autor", "autoren"})
NOT_BYLINE_PARTS = frozenset(
    {"bio", "biography", "img", "image", "avatar", "photo", "pic", "box", "desc", "about"}
    | {"description", "info", "social", "follow", "more", "list", "link", "links", "card"}
)


#: Any of :data:`BYLINE_WORDS` and :data:`BYLINE_PARTS` contains one of these.
BYLINE_HINT = re.compile(r"byline|author|autor|contributor", re.IGNORECASE)


def is_byline_element(element: HtmlElement) -> bool:
    """``.byline``, ``.author``, ``[itemprop=author]`` and kin (a name or a
    part of one: "ap-story-byline"; not an author's bio, picture or
    links): a short element outside quotes, figures, tables and footnotes (a
    note citing a book names the book's author, not the article's)."""
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
    if not BYLINE_HINT.search(names):
        return False  # spares the parsing of names for most elements
    words = {word.lower() for word in (element.get("class") or "").split()}
    words |= {(element.get("id") or "").lower()}
    parts = name_parts(element)
    marked = (
        bool(words & BYLINE_WORDS)
        or "author" in (element.get("itemprop") or "").split()
        or (bool(parts & BYLINE_PARTS) and not parts & NOT_BYLINE_PARTS)
        or names_the_author(element)
    )
    if not marked or len(visible_text(element)) > MAX_BYLINE_CHARS:
        return False
    return not quotes_or_notes(element)


def quotes_or_notes(element: HtmlElement) -> bool:
    """Whether ``element`` stands in a quote, a figure, a table of data
    (:data:`CONTENT_PARENTS`; not a table laying out the page) or the
    notes, where a name is a quoted byline, a credit or a cited book's
    author, never the article's."""
    return in_notes(element) or any(
        ancestor.tag in CONTENT_PARENTS and not is_layout(ancestor)
        for ancestor in element.iterancestors()
    )


def names_the_author(element: HtmlElement) -> bool:
    """A class or id word naming the author's name itself, "name" its last
    part ("author-box__name", "authorName"; not "author-box--name-yes", a
    setting of the whole box): a byline even inside an author's box or
    card, whose other parts (the bio, the picture) are not."""
    for word in name_words(element):
        parts = [part.lower() for part in NAME_PARTS.split(word) if part]
        if len(parts) > 1 and parts[-1] == "name" and BYLINE_PARTS.intersection(parts):
            return True
    return False


#: A table holding this much text lays out a page, as old sites do; a
#: table of data is smaller.
MIN_LAYOUT_TABLE_CHARS = 2000


def is_layout(element: HtmlElement) -> bool:
    """A table that lays out the page rather than holding data: a byline
    inside one is the page's."""
    return element.tag == "table" and len(visible_text(element)) >= MIN_LAYOUT_TABLE_CHARS


def byline_names(element: HtmlElement) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and agencies in a byline element: its ``itemprop=name`` parts
    (or microformats' ``p-name``), else its ``rel=author`` links (a part
    naming a known agency is the agency's), else its text read as a byline
    ("Von A und B", "By A, Reuters", or just "A and B": the element is
    known to be a byline)."""
    for query in (
        ".//*[@itemprop='name']",
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' p-name ')]",
        ".//a[contains(concat(' ', @rel, ' '), ' author ')]",
    ):
        parts = tuple(dict.fromkeys(visible_text(e) for e in element.xpath(query)))
        names = tuple(part for part in parts if part and not parse_agencies(part))
        agencies = tuple(part for part in parts if part and parse_agencies(part))
        if names:
            return names, agencies
    text = byline_text(element)
    byline = parse_byline(text) or parse_byline(f"By {text}") or meta_line_byline(text)
    if not (byline and byline.authors):
        cut = before_date(text)
        byline = parse_byline(cut) or parse_byline(f"By {cut}") if cut else None
    return (byline.authors, byline.agencies) if byline and byline.authors else ((), ())


def byline_text(element: HtmlElement) -> str:
    """The byline element's text without the date and time it often holds
    (a ``<time>``, an element named for the date: a bar stands in its
    place, parting the fields around it) or the author's handle and e-mail
    address (:func:`is_contact_link`), its blocks and lines apart ("ERIC
    TUCKER" and "Associated Press" in two ``div``)."""
    copy = deepcopy(element)
    for node in list(copy.iter()):
        if node is copy or not isinstance(node.tag, str) or node.getparent() is None:
            continue
        if node.tag == "time" or name_parts(node) & DATE_PARTS:
            node.tail = " | " + (node.tail or "")  # a field apart: "By X <time> Science"
            drop(node)
        elif is_contact_link(node):
            drop(node)
        elif node.tag == "br" or is_block(node):
            node.tail = ", " + (node.tail or "")
        elif runs_into(node.getprevious(), node):
            node.getprevious().tail = ", "
    return " ".join(visible_text(copy).strip(" ,|").split()).replace(" ,", ",")


def runs_into(previous: HtmlElement | None, node: HtmlElement) -> bool:
    """Whether ``node``'s text runs on from ``previous``'s, with no space
    between (:func:`runs_on`)."""
    if previous is None or not isinstance(previous.tag, str) or (previous.tail or ""):
        return False
    return runs_on(previous.text_content(), node.text_content())


def runs_on(before: str, after: str) -> bool:
    """Whether ``after`` starts with a capital right after a small letter
    ending ``before``: two elements the page's style sets apart,
    "<a>Meg James</a><span>Staff Writer</span>", not one word."""
    return bool(before) and before[-1].islower() and bool(after) and after[0].isupper()


def is_contact_link(node: HtmlElement) -> bool:
    """A link to write to or follow the author, beside the name in many
    bylines: an e-mail address or a social handle ("@NatashaTurak"), whose
    text runs into the name's ("Natasha Turak@NatashaTurak")."""
    if node.tag != "a":
        return False
    text = visible_text(node).strip()
    return (node.get("href") or "").startswith("mailto:") or text.startswith("@") or "@" in text


#: Name parts of the date inside a byline ("datetime", "post-date").
DATE_PARTS = frozenset({"date", "datetime", "time", "timestamp", "published", "updated"})

#: Where a date starts after the names in a byline's text.
DATE_START = re.compile(
    r"\b(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r"|"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\b\.?\s*\d|\b(?:"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\b"
    r"|\b\d{1,2}\.?\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b(?:" + DATE_LABEL + r")\b",
    re.IGNORECASE,
)


def before_date(text: str) -> str:
    """``text`` up to where a date starts ("By Jane Roe Monday, November 18,
    2019" is "By Jane Roe"; "By Jane Roe on November 18" too), or "" if no
    date starts in it."""
    match = next((m for m in DATE_START.finditer(text) if m.start()), None)
    if match is None:
        return ""
    cut = text[: match.start()].strip(" ,|·-–—")
    head, _, last = cut.rpartition(" ")
    return head.rstrip(" ,|·-–—") if head and last.casefold() in DATE_ARTICLES else cut


#: Byline elements this close in reading order (characters of text between
#: them) name the article's authors together ("By <span>A</span>, <span>B</span>").
MAX_BYLINE_GAP_CHARS = 120


@dataclass
class ArticleRegion:
    """Where the article's own byline may stand: inside its container, or
    close to it or to its headline in reading order
    (:data:`MAX_BYLINE_DISTANCE_CHARS`), not inside comments, teasers,
    sidebars or ads, whose bylines name other writers."""

    root: HtmlElement
    container: HtmlElement
    headline: HtmlElement | None = None

    _offsets: TextOffsets | None = None

    @property
    def offsets(self) -> TextOffsets:
        """The page's text offsets, counted when first needed: most bylines
        stand inside the container."""
        if self._offsets is None:
            self._offsets = TextOffsets(self.root)
        return self._offsets

    def distance(self, first: HtmlElement, second: HtmlElement) -> int:
        gap = self.offsets.distance(first, second)
        return gap if gap is not None else len(self.offsets.elements)

    def holds(self, element: HtmlElement) -> bool:
        if any(
            chrome_category(node) in OTHER_CONTENT
            for node in (element, *element.iterancestors())
            if node.tag not in ("html", "body")
        ):
            return False
        if contains(self.container, element):
            return True
        anchors = [self.container] if self.headline is None else [self.container, self.headline]
        return any(self.distance(element, a) <= MAX_BYLINE_DISTANCE_CHARS for a in anchors)


#: A byline outside the article's container belongs to it when at most this
#: much text stands between them, or between it and the headline: the header
#: above the article, not a teaser further down the page.
MAX_BYLINE_DISTANCE_CHARS = 300

#: Chrome that holds other writers' names: comments, teasers, sidebars (not an
#: "ad" or "promo" wrapper, as the wrappers of a headline and byline are named too).
OTHER_CONTENT = frozenset({"comments", "teaser", "sidebar", "newsletter"})


def take_byline_elements(root: HtmlElement, region: ArticleRegion | None = None) -> Byline:
    """Remove byline elements from the page and return the names of the
    article's: those in its ``region``, the first of them and any others
    close after it (:data:`MAX_BYLINE_GAP_CHARS`). A byline further down
    names another story's writer."""
    names: list[str] = []
    agencies: list[str] = []
    texts: list[str] = []
    last: HtmlElement | None = None
    candidates = root.xpath("//*[@class or @id or @itemprop][not(ancestor::pre or ancestor::code)]")
    for element in [e for e in candidates if is_byline_element(e)]:
        if any(is_byline_element(ancestor) for ancestor in element.iterancestors()):
            continue  # its outermost byline container is handled
        taken = region is None or (
            region.holds(element)
            and (last is None or region.distance(last, element) <= MAX_BYLINE_GAP_CHARS)
        )
        if taken:
            found, signed = byline_names(element)
            if found or signed:
                texts.append(visible_text(element))
                names.extend(name for name in found if name not in names)
                agencies.extend(agency for agency in signed if agency not in agencies)
                last = element
        drop(element)
    return Byline(tuple(names), tuple(texts), tuple(agencies))


#: Words that open a byline in the languages :func:`exporter.news.parse_byline`
#: reads: where to start looking for one that no class name marks.
BYLINE_OPENING = re.compile(
    r"(?i)\b(?:by|von|por|par|di|door|av|af|oleh|written|posted|publicado|publicada"
    r"|pubblicato|publié|scritto|geschrieben|skrevet|texto|text|reportagem|autor|author"
    r"|auteur|autore|yazar|автор)\b|بقلم|كتب|מאת|द्वारा|โดย|Γράφει|记者|記者|撰文|作者|기자|文"
)

#: What marks an element's own text as perhaps a byline: a word opening one,
#: or a job title's noun or an agency after the names ("Tom Krisher, AP Auto
#: Writer", "Meg Kinnard and Errin Haines, Associated Press").
BYLINE_MARK = re.compile(
    BYLINE_OPENING.pattern
    + r"|(?i:\b(?:"
    + "|".join(sorted(JOB_TITLE_NOUNS))
    + r")\b)|,\s*(?i:[^,]*\b(?:"
    + "|".join(sorted(map(re.escape, NEWS_AGENCIES), key=len, reverse=True))
    + r")\b)"
)

#: Inside the article's container, a byline no class marks stands this
#: close to its start: above or after a lead, not in the story.
MAX_TEXT_BYLINE_OFFSET = 600


def take_text_byline(root: HtmlElement, region: ArticleRegion) -> Byline:
    """Remove and return a byline that only its words mark ("By Jane Roe",
    "Von A und B", "Por Carlos Nadalim | 18/11/2019"): no class, id or
    ``itemprop`` says so, as sites name theirs in words of their own
    ("writer", "firma", "credit"). The first element of the article's
    ``region`` in reading order whose whole text (without a date, a handle,
    an e-mail address) reads as a byline naming persons of two words or
    more (after "By" one word may be anything: "By Monday"), short
    (:data:`MAX_BYLINE_CHARS`), outside quotes, figures, tables and notes,
    and near the start of the article if inside it
    (:data:`MAX_TEXT_BYLINE_OFFSET`)."""
    seen: set[HtmlElement] = set()  # the elements themselves: an id() is reused once freed
    for start in root.iter():
        if not is_element(start) or not BYLINE_MARK.search(own_text(start)):
            continue
        node: HtmlElement | None = start
        while node is not None and node.tag not in ("body", "html"):
            if node in seen or len(visible_text(node)) > MAX_BYLINE_CHARS:
                break
            seen.add(node)
            byline = text_byline(node, region)
            if byline.names:
                drop(node)
                return byline
            node = node.getparent()
    return Byline()


#: Pieces of text on each side of a bare name that may hold its date or
#: handle: "Chris Davies" / "Nov 19, 2019", "Elliot Brownstein" / "Florida
#: Today" / "Published 2:16 AM EST Nov 20, 2019".
MAX_NAME_NEIGHBOURS = 2

#: A time said relative to now ("1 day ago", "2 hours"), where a page gives
#: a byline's date so.
RELATIVE_TIME = re.compile(r"(?i)\b(?:\d+|an?)\s+(?:minute|hour|day|week|month|year)s?\b|\bago\b")

#: A social handle standing beside a writer's name ("@NatashaTurak").
SOCIAL_HANDLE = re.compile(r"@\w+")


def take_dated_name(root: HtmlElement, region: ArticleRegion) -> Byline:
    """Remove and return a byline that neither markup nor an opening word
    marks: a person's name alone under the headline, beside the date or the
    writer's handle (:func:`dates_a_name`: "Chris Davies" / "Nov 19, 2019",
    "Natasha Turak" / "@NatashaTurak"), as a news site's header sets them.
    The first element after the headline, at most
    :data:`MAX_BYLINE_DISTANCE_CHARS` of text from it, whose whole text is a
    name of two to four words (:func:`~exporter.news.looks_like_name`) none
    of which the article writes in lower case ("Key Points", "Florida
    Today" are not names) and that neither the headline nor the article
    speaks of (:func:`is_a_subject`: "Rafael Nadal" under "Nadal keeps Spain
    alive…" is the story's player, "New Delhi" its place), not a label
    ("Filed Under:"), not a heading (a teaser's), not inside prose, quotes,
    figures or notes."""
    if region.headline is None:
        return Byline()
    pieces = pieces_after(region, MAX_SUBJECT_DISTANCE_CHARS)
    for index, (element, text) in enumerate(pieces):
        if region.distance(region.headline, element) > MAX_BYLINE_DISTANCE_CHARS:
            break
        name = TRAILING_SEPARATOR.sub("", text)
        if text.endswith(":") or not (2 <= len(name.split()) <= 4 and looks_like_name(name)):
            continue
        if not dates_a_name(pieces, index) or quotes_or_notes(element):
            continue
        if in_heading_or_prose(element) or is_a_subject(name, element, region, pieces):
            continue
        if credits_a_picture(element):
            continue
        drop(element)
        return Byline((name,), (text,))
    return Byline()


#: Class name parts of a picture credit or of the camera icon set before one
#: ("fi-camera", "fa-camera", "photographer"). Not "photo" (the author's
#: portrait beside a byline) nor "credit" (some sites name bylines so).
PICTURE_CREDIT_PARTS = frozenset({"camera", "photographer", "photocredit"})


def credits_a_picture(element: HtmlElement) -> bool:
    """Whether ``element``, or the line it stands in up to its block, is
    named as a picture's credit or holds a camera's icon (``<i
    class="fi-camera">``): "Brent Co" there took the picture, not the story."""
    line = next((node for node in (element, *element.iterancestors()) if is_block(node)), None)
    if line is None:
        line = element.getroottree().getroot()
    return any(name_parts(part) & PICTURE_CREDIT_PARTS for part in line.iter())


def in_heading_or_prose(element: HtmlElement) -> bool:
    """Whether ``element`` is or stands in a heading (a teaser's: "Ben
    Patton Trinity") or in a block whose own line is longer than a byline
    (:data:`MAX_BYLINE_CHARS`; :func:`inline_text`, without the blocks
    inside it: a list of the story's sections beside the name is not
    prose): a name inside a sentence."""
    for node in (element, *element.iterancestors()):
        if node.tag in HEADINGS:
            return True
        if is_block(node):
            return len(inline_text(node)) > MAX_BYLINE_CHARS
    return False


def inline_text(element: HtmlElement) -> str:
    """The text of ``element`` outside the blocks inside it, with white
    space collapsed: the line it shows around them."""
    parts = [element.text or ""]
    for child in element:
        if is_element(child) and not is_block(child):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


#: How far after the headline a name the story speaks of shows it is its
#: subject: the lead, a picture's caption ("MADRID — Rafael Nadal kept
#: Spain's hopes alive…"), not an author's note at the end.
MAX_SUBJECT_DISTANCE_CHARS = 1200


def is_a_subject(
    name: str,
    element: HtmlElement,
    region: ArticleRegion,
    pieces: list[tuple[HtmlElement, str]],
) -> bool:
    """Whether the story speaks of ``name`` rather than being signed by it:
    a word of it stands in the headline ("Nadal keeps Spain alive"), the
    whole name in the text of another of the ``pieces`` after the headline
    (the lead, a caption), or one of its words in lower case in the
    article's text ("Key Points", "Florida Today" are no person's)."""
    words = WORD.findall(name)
    headline = region.headline
    if headline is not None and {word.casefold() for word in words} & {
        word.casefold() for word in WORD.findall(visible_text(headline))
    }:
        return True
    if any(name in own_text(other) for other, _text in pieces if other is not element):
        return True
    text = visible_text(region.container)
    lower_case = {word for word in WORD.findall(text) if word[0].islower()}
    return any(word.lower() in lower_case for word in words)


#: A word, with its apostrophes and hyphens ("Nadal's", "Jean-Luc").
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def pieces_after(region: ArticleRegion, reach: int) -> list[tuple[HtmlElement, str]]:
    """The elements after the region's headline in reading order, each
    with its whole text, that hold text of their own, up to ``reach``
    characters of text from the headline."""
    headline = region.headline
    elements = region.offsets.elements
    start = next((i for i, element in enumerate(elements) if element is headline), None)
    if headline is None or start is None:
        return []
    pieces: list[tuple[HtmlElement, str]] = []
    for element in elements[start + 1 :]:
        if contains(headline, element) or not is_element(element):
            continue
        if region.distance(headline, element) > reach:
            break
        if own_text(element).strip():
            pieces.append((element, visible_text(element)))
    return pieces


def dates_a_name(pieces: list[tuple[HtmlElement, str]], index: int) -> bool:
    """Whether a piece next to the one at ``index`` (at most
    :data:`MAX_NAME_NEIGHBOURS` away) is a date (a ``<time>``, a date or its
    label, a time relative to now) or, after it, a social handle or a job
    title (:func:`is_job_title`): what stands beside a writer's name, not
    beside a section's or a picture's ("Key Points" after "Natasha Turak" /
    "@NatashaTurak" is no name)."""
    low, high = max(0, index - MAX_NAME_NEIGHBOURS), index + MAX_NAME_NEIGHBOURS + 1
    return any(is_a_date(element, text) for element, text in pieces[low:index]) or any(
        is_a_date(element, text) or SOCIAL_HANDLE.fullmatch(text) or is_job_title(text)
        for element, text in pieces[index + 1 : high]
    )


#: A job title is a few words ("AP National Political Writer").
MAX_JOB_TITLE_WORDS = 4


def is_job_title(text: str) -> bool:
    """A few words ending with a job's noun (:data:`~exporter.news.JOB_TITLE_NOUNS`:
    "Senior Contributor", "Staff Writer", "Redakteurin")."""
    words = text.split()
    return 0 < len(words) <= MAX_JOB_TITLE_WORDS and words[-1].casefold() in JOB_TITLE_NOUNS


def is_a_date(element: HtmlElement, text: str) -> bool:
    """A ``<time>``, a date or its label, or a time relative to now."""
    return (
        element.tag == "time"
        or DATE_START.search(text) is not None
        or RELATIVE_TIME.search(text) is not None
    )


#: A note about the writer is looked for among this many last blocks of the
#: article, or near it outside (an author's box): a paragraph opening "Jane
#: Roe is a reporter" further up is about someone else.
MAX_WRITER_NOTE_POSITION = 3

#: The pieces of text holding a verb of :data:`exporter.news.WRITER_NOTE`: its
#: candidates, found by libxml2 rather than by reading every element's text.
WRITER_NOTE_TEXTS = "//text()[{}]".format(
    " or ".join(
        f"contains(., ' {verb} ')"
        for verb in ("is", "was", "has been", "ist", "war", "est", "es", "è", "é")
    )
)


def writer_note_names(root: HtmlElement, region: ArticleRegion) -> tuple[str, ...]:
    """The writers that notes about them name ("Dallas Robinson is a
    freelance writer living in Minneapolis",
    :func:`exporter.news.writer_of_note`): a block among the article's last
    (:data:`MAX_WRITER_NOTE_POSITION`) or one in its region outside it, not
    in quotes, figures or notes. Nothing is removed here: with the names
    known, the note goes as debris about the authors."""
    ending: list[HtmlElement] | None = None
    names: list[str] = []
    seen: set[HtmlElement] = set()
    for piece in root.xpath(WRITER_NOTE_TEXTS):
        element = piece.getparent()
        if element is not None and piece.is_tail:
            element = element.getparent()
        if element is None or element in seen or not is_element(element):
            continue
        seen.add(element)
        if contains(region.container, element):
            if ending is None:
                units = [unit for unit, text in text_units(region.container) if text.strip()]
                ending = units[-MAX_WRITER_NOTE_POSITION:]
            if not any(contains(unit, element) or contains(element, unit) for unit in ending):
                continue
        elif not region.holds(element):
            continue
        name = writer_of_note(visible_text(element))
        if name and name not in names and not quotes_or_notes(element):
            names.append(name)
    return tuple(names)


def own_text(element: HtmlElement) -> str:
    """The element's text before its first child, and after each child."""
    return " ".join([element.text or "", *(child.tail or "" for child in element)])


def text_byline(element: HtmlElement, region: ArticleRegion) -> Byline:
    """The byline ``element``'s text is, where it may stand (see
    :func:`take_text_byline`), else an empty one."""
    byline = next(
        (b for b in map(read_byline, byline_openings(byline_text(element))) if b and b.authors),
        None,
    )
    if byline is None:
        return Byline()
    names = tuple(
        name
        for author in byline.authors
        for name in clean_author(author)
        if len(name.split()) > 1 or CJK.match(name)
    )
    if not names or quotes_or_notes(element) or not region.holds(element):
        return Byline()
    if in_link_or_menu(element, region.container):
        return Byline()
    if contains(region.container, element) and (
        text_before(region.container, element) > MAX_TEXT_BYLINE_OFFSET
    ):
        return Byline()
    return Byline(names, (visible_text(element),), byline.agencies)


def byline_openings(text: str) -> list[str]:
    """``text``, and what follows each word that may open a byline in it
    after a date ("11/19/2019 by Lars Brandle", "Monday 7:45 am PST by Joe
    Rossignol"); not after other words: "Photo by Jane Roe" credits a
    picture, "Seals return By Any Means Necessary" is a headline and a title."""
    return [
        text,
        *(
            text[m.start() :]
            for m in BYLINE_OPENING.finditer(text)
            if m.start() and DATE_START.search(text[: m.start()])
        ),
    ]


#: What separates a byline from the date after it, left at its end where
#: the date stands in an element of its own: "By Jane Roe -".
TRAILING_SEPARATOR = re.compile(r"[\s\-–—|·•,;:]+$")


#: A byline's opening word set apart from the names ("By, Dan Evon": "By"
#: and the name in two blocks).
OPENING_SET_APART = re.compile(
    r"^(" + BYLINE_OPENING.pattern.removeprefix("(?i)") + r"),\s+", re.IGNORECASE
)

#: A name said again at once: the card that shows over a byline's name on
#: hover, printed after it ("By Sarah E. Needleman Sarah E. Needleman, The
#: Wall Street Journal, Biography").
REPEATED_NAME = re.compile(r"^(.*?\b([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,3}))\s+\2\b")


def read_byline(text: str) -> ParsedByline | None:
    """``text`` read as a byline, whole (without a separator left at its
    end, an opening word set apart, :data:`OPENING_SET_APART`, and all
    after a name said again, :data:`REPEATED_NAME`), as a line of a post's
    details, or up to the date after the names."""
    text = OPENING_SET_APART.sub(r"\1 ", TRAILING_SEPARATOR.sub("", text))
    repeated = REPEATED_NAME.match(text)
    if repeated:
        text = repeated[1]
    byline = parse_byline(text) or meta_line_byline(text)
    if byline and byline.authors:
        return byline
    cut = before_date(text)
    return (parse_byline(cut) or meta_line_byline(cut)) if cut else None


def in_link_or_menu(element: HtmlElement, container: HtmlElement) -> bool:
    """Whether ``element`` is a link, inside one, or all of its text is one
    link's ("By Any Means Necessary", a radio show in a menu), or stands in
    navigation or a footer (not one holding the article's ``container``,
    whatever its name): such words are a title, not a byline."""
    if element.tag == "a" or next(element.iterancestors("a"), None) is not None:
        return True
    text = visible_text(element).strip()
    if any(visible_text(link).strip() == text for link in element.iter("a")):
        return True
    return any(
        chrome_category(node) in ("navigation", "footer")
        for node in (element, *element.iterancestors())
        if node.tag not in ("html", "body") and not contains(node, container)
    )


def rel_author_names(root: HtmlElement, region: ArticleRegion | None = None) -> tuple[str, ...]:
    """Texts of ``<a rel="author">`` links and of links to an author's page
    ("/author/jane-roe") in the article's ``region`` of the cleaned page."""
    links = [
        link
        for link in root.xpath(".//a[@rel or @href]")
        if (
            " author " in f" {link.get('rel', '')} "
            or (AUTHOR_PAGE.search(link.get("href", "")) and stands_apart(link))
        )
        and (region is None or region.holds(link))
        and not credits_contribution(link)
    ]
    return tuple(dict.fromkeys(t for t in (visible_text(link) for link in links) if t))


#: A line crediting help, not authorship: "Additional reporting by X",
#: "X contributed reporting", "X contributed to this report", "With
#: reporting by X".
CONTRIBUTION = re.compile(
    r"\b(?:additional|further|more|with|contributed)\s+reporting\b|\bcontributed\s+to\b"
    r"|\bcontributing\b",
    re.IGNORECASE,
)


def credits_contribution(link: HtmlElement) -> bool:
    """Whether ``link`` stands in a line crediting a contribution
    (:data:`CONTRIBUTION`: "Additional reporting by <a>Jane Roe</a>"): she
    helped with the story but did not write it, and the byline names the
    authors."""
    block = next((a for a in link.iterancestors() if is_block(a)), None)
    return block is not None and bool(CONTRIBUTION.search(visible_text(block)))


#: The address of a page about one author: "/author/jane-roe", "/autor/…",
#: "/authors/…", "/profile/…", "/writers/…", "/people/…".
AUTHOR_PAGE = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|profile|writers?|people)/[\w.-]+", re.IGNORECASE
)

#: A link to an author's page names the author when it is this share of its
#: block's text at least: "Jose Altoveros · 2 days ago", not a sentence.
MIN_AUTHOR_LINK_SHARE = 0.4


def stands_apart(link: HtmlElement) -> bool:
    """A link that is not inside running text: its nearest block does not
    end like a sentence (a byline: "By Jane Roe | 2 days ago"), or the link
    is most of it (:data:`MIN_AUTHOR_LINK_SHARE`); not a paragraph that
    links a politician's name to their profile."""
    block = next((a for a in link.iterancestors() if is_block(a)), None)
    if block is None:
        return True
    text = visible_text(block)
    if not text.endswith((".", "!", "?", "…", ".”", '."')):
        return True
    return len(visible_text(link)) >= MIN_AUTHOR_LINK_SHARE * len(text)


def take_body_byline(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], Byline]:
    """Take a byline paragraph ("Von Maria Muster", "By Jane Doe, Reuters",
    "Autor: X", or a line of the post's details that holds one:
    :func:`meta_line_byline`) out of the body: among the first blocks before
    the first heading (after a lead and a lead image), or the last paragraph
    (:func:`closing_paragraph`: a sign-off, "정덕현 칼럼니스트
    thekian1@entermedia.co.kr"). It must name a person: an agency alone
    ("By Reuters") stays in the text."""
    candidates = []
    for index, block in enumerate(blocks[:MAX_BYLINE_POSITION]):
        if not isinstance(block, Paragraph | Figure):
            break
        candidates.append(index)
    closing = closing_paragraph(blocks)
    if closing is not None:
        candidates.append(closing)
    for index in dict.fromkeys(candidates):
        block = blocks[index]
        if not isinstance(block, Paragraph):
            continue
        line = paragraph_line(block).strip()
        byline = (parse_byline(line) or meta_line_byline(line)) if "\n" not in line else None
        if byline and byline.authors:
            return blocks[:index] + blocks[index + 1 :], Byline(
                byline.authors, (line,), byline.agencies
            )
    return blocks, Byline()


def paragraph_line(paragraph: Paragraph) -> str:
    """A paragraph's text read as a byline: where one inline's text runs on
    into the next's (:func:`runs_on`), a comma between them."""
    line = ""
    for child in paragraph.children:
        text = plain_text((child,))
        if runs_on(line, text):
            line += ", "
        line += text
    return line


#: At most this many credit and copyright lines close an article after its sign-off.
MAX_CLOSING_LINES = 3


def closing_paragraph(blocks: tuple[Block, ...]) -> int | None:
    """The index of the article's last paragraph, before the picture credits
    and the copyright line that may close it ("[사진=MBC, SBS]", "저작권자 ⓒ
    …, 무단전재 및 재배포금지"; at most :data:`MAX_CLOSING_LINES`), or
    ``None`` when the article ends otherwise (a list, a figure)."""
    index = len(blocks) - 1
    while index >= 0 and len(blocks) - 1 - index < MAX_CLOSING_LINES:
        block = blocks[index]
        if not isinstance(block, Paragraph):
            return None
        text = plain_text(block.children).strip()
        if not (is_credit_line(text) or is_copyright_line(text)):
            return index
        index -= 1
    return index if index >= 0 and isinstance(blocks[index], Paragraph) else None


#: Between the fields of a post's details line: "05/10/2018 — By X — News".
FIELD_SEPARATOR = re.compile(r"\s+[-|—–·•]\s+")

#: The other fields of a details line are short (a date, a category, tags).
MAX_FIELD_WORDS = 8


def meta_line_byline(line: str) -> ParsedByline | None:
    """The byline in a line of a post's details, where fields stand between
    bars or dashes ("05/10/2018 — Publicado por: Clarissa Borba — Categoria:
    Saúde", "By Jane Roe | March 3, 2024 | Politics"): one field is a byline,
    the others are short."""
    fields = FIELD_SEPARATOR.split(line)
    if len(fields) < 2 or any(len(field.split()) > MAX_FIELD_WORDS for field in fields):
        return None
    for field in fields:
        byline = parse_byline(field.strip())
        if byline and byline.authors:
            return byline
    return None


def merge(first: Byline, second: Byline) -> Byline:
    names = first.names + tuple(n for n in second.names if n not in first.names)
    agencies = first.agencies + tuple(a for a in second.agencies if a not in first.agencies)
    return replace(first, names=names, texts=first.texts + second.texts, agencies=agencies)
