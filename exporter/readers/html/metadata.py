"""Metadata of a saved page: JSON-LD first, then OpenGraph and ``<meta>``,
then the page itself.

JSON-LD comes first because publishers fill it for search engines with
care (headline without the site name, authors as people, ISO dates), while
``<title>`` and ``og:title`` often carry " | Site" and ``<meta name=author>``
often names the site. The site's own names (og:site_name, the publisher) are
collected so that no rule ever takes the site for an author.
"""

from __future__ import annotations

import email.utils
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from exporter.news import clean_author
from exporter.readers.html.parse import HTML_SPACE, is_home_link, is_http_url

#: schema.org types whose node describes the article itself.
ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle"}
    | {"OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting"}
    | {"TechArticle", "ScholarlyArticle", "Report", "SocialMediaPosting", "AskPublicAction"}
)

#: Nodes of the page itself, which some sites (Yoast) give the author and
#: headline when they declare no article node.
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "MediaPage"})

#: Nodes naming the site or its owner: never an author.
SITE_TYPES = frozenset({"Organization", "NewsMediaOrganization", "WebSite", "Corporation"})

#: Between a title and a site or section name: "Title | Site", "Title - Site",
#: "Site: Title". Only ever cut where the cut-off part is the site's name.
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•»]\s+|:\s+")

#: Between a headline and a section name ("Headline | Travel"); a colon is
#: not one, as it is part of many headlines.
SECTION_SEPARATOR = re.compile(r"\s+[|\-–—·•»]\s+")

LANGUAGE_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")

ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")

#: A date outside these years is a placeholder, not a publication date: content
#: systems write "0001-01-01T00:00:00Z" for "none", and no web page is older
#: than 1990 or dated a century ahead.
PUBLICATION_YEARS = range(1900, 2100)
DOTTED_DATE = re.compile(r"\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")

LEADING_ARTICLE = re.compile(r"^(?:the|der|die|das|le|la|les|el|il)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the page's head and JSON-LD say; authors stay in their sources'
    order of trust for :func:`choose_authors`."""

    titles: tuple[str, ...]
    language: str
    date: str
    publisher: str
    description: str
    source: str
    author_sources: tuple[tuple[str, ...], ...]
    site_names: frozenset[str]
    #: Dates the page gives that name no day (unparsable, a placeholder year).
    ignored_dates: tuple[str, ...] = ()
    #: The publication date the page's other markup gives when its metadata
    #: names none (:func:`date_in_markup`).
    markup_date: str = ""
    #: Who holds the copyright (``<meta name="copyright">``), as site keys.
    rights_holders: frozenset[str] = frozenset()


#: Other ``<meta>`` naming the author, for newsletters, analytics and
#: libraries (less trusted than JSON-LD, ``author`` and ``article:author``):
#: Sailthru, Parse.ly, Dublin Core, the New York Times' "byl".
AUTHOR_META_KEYS = ("sailthru.author", "parsely-author", "dc.creator", "dcterms.creator", "byl")

#: A site's name is a few words; a home link saying more is a menu or a teaser.
MAX_SITE_NAME_WORDS = 4

#: The home links looked at for the site's name: the logo comes first.
MAX_HOME_LINKS = 3


def home_link_names(root: HtmlElement) -> list[str]:
    """The site's name as its first home links show it (:func:`~.parse.is_home_link`):
    their text or their logo's ``alt``, when a few words (:data:`MAX_SITE_NAME_WORDS`)."""
    names: list[str] = []
    for link in [a for a in root.iter("a") if is_home_link(a)][:MAX_HOME_LINKS]:
        for name in (link.text_content(), *(img.get("alt") or "" for img in link.iter("img"))):
            if 0 < len(name.split()) <= MAX_SITE_NAME_WORDS:
                names.append(" ".join(name.split()))
    return names


def read_page_metadata(root: HtmlElement) -> PageMetadata:
    """Everything the page states about itself, before any cleaning (JSON-LD
    lives in scripts, which cleaning removes)."""
    tags = meta_tags(root)
    nodes = json_ld_nodes(root)
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = next((node for node in nodes if has_type(node, ARTICLE_TYPES)), None) or next(
        (node for node in nodes if has_type(node, PAGE_TYPES) and node.get("author")), {}
    )
    publisher_names = tuple(n for n in names_of(article.get("publisher"), by_id) if n)
    site_names = {site_key(name) for name in publisher_names}
    for value in (meta(tags, "og:site_name"), meta(tags, "application-name")):
        site_names.add(site_key(value))
    site_names.add(site_key(meta(tags, "twitter:site").lstrip("@")))
    for node in nodes:
        if has_type(node, SITE_TYPES):
            site_names.add(site_key(text_value(node.get("name"))))
    site_names.update(site_key(name) for name in home_link_names(root))
    source = first_url(
        link_href(root, "canonical"),
        meta(tags, "og:url"),
        text_value(article.get("url")),
        text_value(article.get("mainEntityOfPage")),
    )
    dates = (
        text_value(article.get("datePublished")),
        meta(tags, "article:published_time"),
        meta(tags, "date"),
        meta(tags, "dc.date.issued"),
        meta(tags, "dc.date"),
        text_value(article.get("dateCreated")),
    )
    published = first_date(*dates)
    if source:
        site_names |= host_keys(urlsplit(source).hostname or "")  # valid: first_url checked
    site_names.discard("")
    return PageMetadata(
        titles=tuple(
            t
            for t in (
                text_value(article.get("headline")),
                meta(tags, "og:title"),
                text_value(article.get("name")),
            )
            if t
        ),
        language=first_language(
            root.get("lang") or root.get("xml:lang") or "",
            meta(tags, "og:locale"),
            text_value(article.get("inLanguage")),
            meta(tags, "content-language"),
            meta(tags, "language"),
        ),
        date=published,
        markup_date="" if published else date_in_markup(root, source),
        publisher=(publisher_names[0] if publisher_names else meta(tags, "og:site_name")),
        description=(
            meta(tags, "og:description")
            or meta(tags, "description")
            or text_value(article.get("description"))
        ),
        source=source,
        author_sources=(
            names_of(article.get("author"), by_id),
            split_names(meta(tags, "author")),
            tuple(
                name
                for value in tags.get("article:author", [])
                if not looks_like_url(value)
                for name in split_names(value)
            ),
            *(split_names(meta(tags, key)) for key in AUTHOR_META_KEYS),
        ),
        site_names=frozenset(site_names),
        ignored_dates=unusable_dates(*dates),
        rights_holders=frozenset(
            site_key(holder)
            for key in RIGHTS_META_KEYS
            if (holder := rights_holder(meta(tags, key)))
        ),
    )


#: ``<meta>`` naming who holds the copyright.
RIGHTS_META_KEYS = ("copyright", "dcterms.rightsholder", "rights")

#: The words around a copyright holder's name: "Copyright (c) Condé Nast
#: 2019", "© 2019 Example Media. All rights reserved."
RIGHTS_WORDS = re.compile(
    r"copyright|\(c\)|©|\ball rights reserved\b|\b(?:19|20)\d\d\b|[-–—,.]+\s*$",
    re.IGNORECASE,
)


def rights_holder(value: str) -> str:
    """The name in a copyright line: "Copyright (c) Condé Nast 2019" gives
    "Condé Nast"."""
    return clean_space(RIGHTS_WORDS.sub(" ", clean_space(value))).strip(" -–—,.")


def page_title_element(root: HtmlElement) -> str:
    title = root.find(".//title")
    return clean_space(title.text_content()) if title is not None else ""


def time_element_date(root: HtmlElement) -> str:
    """The date of the article's ``<time datetime>`` (published first)."""
    return first_date(*time_element_values(root))


def time_element_values(root: HtmlElement) -> list[str]:
    """The ``datetime`` of the article's ``<time>`` elements, published first."""
    times = root.xpath(
        ".//time[@itemprop='datePublished'][@datetime] | .//time[@pubdate][@datetime]"
    ) or root.xpath(".//time[@datetime]")
    return [time.get("datetime", "") for time in times]


# --- JSON-LD ---------------------------------------------------------------


def json_ld_nodes(root: HtmlElement) -> list[dict[str, Any]]:
    """Every node of every JSON-LD block, ``@graph`` and lists flattened.
    Broken JSON is skipped: many sites ship some."""
    nodes: list[dict[str, Any]] = []
    for script in root.xpath(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        text = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", text)
        try:
            data = json.loads(text)
        except ValueError:
            continue
        nodes.extend(flatten(data))
    return nodes


def flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from flatten(data["@graph"])


def has_type(node: dict[str, Any], types: frozenset[str]) -> bool:
    value = node.get("@type")
    listed = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1] in types for t in listed)


def names_of(value: Any, by_id: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """Names in an author or publisher value: a string, an object with a
    name (or an ``@id`` pointing to one), or a list of those."""
    if isinstance(value, list):
        return tuple(name for item in value for name in names_of(item, by_id))
    if isinstance(value, str):
        return split_names(value)
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        name = text_value(value.get("name"))
        return (name,) if name else ()
    return ()


def text_value(value: Any) -> str:
    """A JSON-LD value as text: strings as they are, ``{"@id"}``/``{"name"}``
    objects by their name or id, the first of a list."""
    if isinstance(value, list):
        return next((text for text in map(text_value, value) if text), "")
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("@value") or value.get("@id"))
    return clean_space(value) if isinstance(value, str) else ""


# --- <meta> and <link> ---------------------------------------------------------


def meta_tags(root: HtmlElement) -> dict[str, list[str]]:
    """The contents of every ``<meta>``, by its ``property``, ``name``,
    ``http-equiv`` or ``itemprop`` (lower-cased), in page order: one pass
    over the page instead of one per key."""
    tags: dict[str, list[str]] = {}
    for element in root.iter("meta"):
        for attribute in ("property", "name", "http-equiv", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                content = clean_space(element.get("content") or "")
                if content:
                    tags.setdefault(key, []).append(content)
                break
    return tags


def meta(tags: dict[str, list[str]], key: str) -> str:
    return tags.get(key, [""])[0]


def link_href(root: HtmlElement, rel: str) -> str:
    for link in root.iter("link"):
        if rel in (link.get("rel") or "").lower().split():
            return (link.get("href") or "").strip()
    return ""


# --- normalising values ----------------------------------------------------------


def clean_space(text: str) -> str:
    """White space collapsed, and character references a page escaped twice
    ("&#8216;", "&amp;") read: metadata values are text, never markup."""
    if "&" in text:
        text = html.unescape(text)
    return HTML_SPACE.sub(" ", text).strip()


def looks_like_url(text: str) -> bool:
    return bool(re.match(r"(?:https?:)?//|www\.", text.strip(), re.IGNORECASE))


def first_url(*candidates: str) -> str:
    for candidate in candidates:
        if is_http_url(candidate):
            return candidate
    return ""


def normalize_language(tag: str) -> str:
    """A BCP 47 tag in its conventional case ("de_DE" → "de-DE", "EN-gb" →
    "en-GB", "zh-hant-tw" → "zh-Hant-TW"), or "" if it is not one."""
    parts = tag.strip().replace("_", "-").split("-")
    if not parts or not re.fullmatch(r"[A-Za-z]{2,8}", parts[0]):
        return ""
    if not all(LANGUAGE_SUBTAG.fullmatch(part) for part in parts[1:]):
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def first_language(*candidates: str) -> str:
    for candidate in candidates:
        language = normalize_language(candidate)
        if language:
            return language
    return ""


def normalize_date(value: str) -> str:
    """An ISO 8601 calendar date (YYYY-MM-DD) from the usual forms: ISO date
    or date-time (the date as the publisher wrote it, in their time zone),
    RFC 2822 ("Wed, 30 Oct 2024 18:04:00 +0100"), or "30.10.2024"; "" for
    anything else, and for a day that does not exist or lies outside
    :data:`PUBLICATION_YEARS`."""
    match = ISO_DATE.match(value)
    if match:
        year, month, day = map(int, match.groups())
    else:
        dotted = DOTTED_DATE.match(value)
        if dotted:
            day, month, year = map(int, dotted.groups())
        else:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return ""
            year, month, day = parsed.year, parsed.month, parsed.day
    if year not in PUBLICATION_YEARS:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def date_in_markup(root: HtmlElement, source: str) -> str:
    """The publication date htmldate finds in the page's markup and address
    (``source``, the page's own: given, htmldate reads its date before a
    picture's "…/media/2016/04/05/…"): meta tags under other names
    ("og:article:published_time", "sailthru.date", "parsely-pub-date"),
    JSON-LD read more leniently, dated elements and classes, the address's
    "/2019/11/18/". Never in the article's prose (no extensive search: a
    date in the text is as often another day's). Not a first of the month:
    htmldate gives that for a month alone ("2019-11") and for a day that
    does not exist ("31.02.2024"), and a day made up is worse than none.
    Given an element, htmldate fetches nothing and prunes a copy of it, not
    ``root``."""
    from htmldate import find_date  # imported here: a tenth of a second, for few pages

    found = normalize_date(
        find_date(
            root,
            url=source or None,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        )
        or ""
    )
    return "" if found.endswith("-01") else found


def unusable_dates(*candidates: str) -> tuple[str, ...]:
    """The candidates that are given but name no day (:func:`normalize_date`)."""
    return tuple(
        dict.fromkeys(c.strip() for c in candidates if c.strip() and not normalize_date(c))
    )


def first_date(*candidates: str) -> str:
    for candidate in candidates:
        normalized = normalize_date(candidate)
        if normalized:
            return normalized
    return ""


# --- titles and names -------------------------------------------------------------


def site_key(name: str) -> str:
    """A name reduced for comparing site names: "the Guardian", "The
    Guardian" and "guardian.co.uk" all give "guardian"."""
    name = name.strip().lower()
    host = re.fullmatch(r"(?:www\.)?([a-z0-9-]+)\.[a-z.]{2,}", name)
    if host:
        name = host.group(1)
    return re.sub(r"\W+", "", LEADING_ARTICLE.sub("", name))


def host_keys(host: str) -> set[str]:
    """Site keys of a host name; "theguardian.com" also gives "guardian",
    as domains glue the article to the name."""
    key = site_key(host)
    return {key, key[3:]} if key.startswith("the") and len(key) > 5 else {key}


def is_site_name(name: str, site_names: frozenset[str]) -> bool:
    return site_key(name) in site_names


def strip_site_suffix(title: str, site_names: frozenset[str]) -> str:
    """ "Title | Site", "Title - Site", "Title – Site" → "Title" when "Site" is
    the site's name (og:site_name, the publisher); also "Site: Title"."""
    pieces = re.split(f"({TITLE_SEPARATOR.pattern})", title)
    while len(pieces) > 2 and is_site_name(pieces[-1], site_names):
        del pieces[-2:]
    while len(pieces) > 2 and is_site_name(pieces[0], site_names):
        del pieces[:2]
    return "".join(pieces).strip()


def prefer_headline(title: str, headline: str) -> str:
    """ "Headline | Section" → "Headline" when the page's headline is exactly
    the part before a separator."""
    if headline and title != headline and title.startswith(headline):
        rest = title[len(headline) :]
        if SECTION_SEPARATOR.match(rest):
            return headline
    return title


def clean_title(title: str, site_names: frozenset[str], headline: str) -> str:
    return prefer_headline(strip_site_suffix(clean_space(title), site_names), headline)


def split_names(value: str) -> tuple[str, ...]:
    """Author names from a free-text field ("A, B und C", "Von A"); an
    agency signing with them ("Jane Doe, Reuters") is not an author, but an
    agency alone is the author the field names."""
    value = clean_space(value)
    if not value or looks_like_url(value):
        return ()
    return clean_author(value) or (value,)


def choose_authors(
    sources: tuple[tuple[str, ...], ...],
    site_names: frozenset[str],
    visible: tuple[tuple[str, ...], ...] = (),
    rights_holders: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The persons of the first source that names any (:func:`person_names`:
    not the site's own names, URLs, e-mail addresses or organisations), or
    of a ``visible`` byline that names them and a few more ("By A, B and C"
    on the page where the metadata names only A). The holder of the page's
    copyright counts only where no source names anyone else: a magazine's
    ``<meta name="author">`` often names its publisher ("Condé Nast"), a
    blog's its writer, who holds the copyright too."""
    named = {
        site_key(name)
        for names in (*sources, *visible)
        for name in person_names(names, site_names)
        if site_key(name) not in rights_holders
    }
    if named:
        site_names = site_names | rights_holders  # everything below asks person_names
    first = next(
        (found for names in (*sources, *visible) if (found := person_names(names, site_names))), ()
    )
    confirmed = confirmed_byline(first, sources, visible, site_names)
    if confirmed:
        return confirmed
    for names in (person_names(names, site_names) for names in visible):
        if len(first) < len(names) <= MAX_BYLINE_NAMES and {n.casefold() for n in first} <= {
            n.casefold() for n in names
        }:
            return names
    return first


def confirmed_byline(
    first: tuple[str, ...],
    sources: tuple[tuple[str, ...], ...],
    visible: tuple[tuple[str, ...], ...],
    site_names: frozenset[str],
) -> tuple[str, ...]:
    """The persons a visible byline names where they are none of ``first``
    (the most trusted metadata's) and another metadata source names them
    too: a blog's JSON-LD names the account that posted the story (an
    editor), while the byline the reader sees, and the page's other
    metadata, name the writer. Else ()."""
    keys = {name.casefold() for name in first}
    for names in (person_names(names, site_names) for names in visible):
        shown = {name.casefold() for name in names}
        if not names or shown & keys:
            continue
        for source in sources:
            if shown == {name.casefold() for name in person_names(source, site_names)}:
                return names
    return ()


#: A byline names this many persons at most; a longer list is a page's
#: list of writers.
MAX_BYLINE_NAMES = 6


def person_names(names: tuple[str, ...], site_names: frozenset[str]) -> tuple[str, ...]:
    """The persons among ``names`` as metadata gives them: "By TOM KRISHER,
    AP Auto Writer" is "Tom Krisher" (:func:`exporter.news.clean_author`),
    the site's name and organisations ("PMJS - Coordenadoria de TI") are no
    persons, nor are URLs and e-mail addresses."""
    kept: list[str] = []
    for raw in names:
        name = clean_space(raw)
        if not name or looks_like_url(name) or "@" in name:
            continue
        for person in clean_author(name):
            person = without_site_name(person, site_names)
            if person and not is_site_name(person, site_names) and person not in kept:
                kept.append(person)
    return tuple(kept)


#: A site's name glued after an author's is at most this many words.
MAX_GLUED_SITE_WORDS = 3


def without_site_name(name: str, site_names: frozenset[str]) -> str:
    """``name`` without the site's name glued after it, as some pages print
    the byline ("Elliot Brownstein Florida Today" on floridatoday.com); a
    name left with one word was no name with a site after it."""
    words = name.split()
    for count in range(min(MAX_GLUED_SITE_WORDS, len(words) - 2), 0, -1):
        if is_site_name(" ".join(words[-count:]), site_names):
            return " ".join(words[:-count])
    return name
