"""Pasted text: each page's article body as users paste it, in seven shapes.

From a page's ``articleBody`` (its paragraphs) and our labels (title,
authors, language), this makes the text a user pastes from a news site:

- ``titled``: the title line and a byline in the page's language on top
  ("By …", "Von …", "Par …", "作者：…"), then the paragraphs;
- ``untitled``: no title; one paragraph split mid-sentence by a blank line,
  as a page break does; the byline last, labelled as the language writes it
  ("Author: …", "Autor: …", "Автор: …", "作者：…");
- ``titled-wrapped`` and ``untitled-wrapped``: the same, hard-wrapped at 72
  columns;
- ``titled-lines``: ``titled`` with one line break between paragraphs and
  no blank line, as text copied from an app, an e-mail or some browsers'
  reading views comes; a paragraph's own line breaks (``<br>``) can no
  longer be told from paragraph breaks there, so each line is a unit;
- ``titled-head``: ``titled`` with the page's head as copying from it
  gives, one line each and no blank line between them: the title, the
  page's description as a standfirst, the byline and the date (ISO); the
  standfirst and the date are paragraphs of the truth, never headings;
- ``debris``: ``titled`` with paste debris between the paragraphs: captions
  with their credits, photo credits alone, a pull quote, "Read more" teasers
  (the page's own headlines of other articles), calls to action, a price box,
  a co-author's name alone.

For page-break joins alone, :func:`many_splits` makes the ``untitled`` shape
again with many other cuts of each page; for debris alone, :func:`with_debris`
takes other seeds.

The truth is known for each line: the paragraphs, which of them the page
marks as headings (an ``h2`` to ``h4`` with that text), the split paragraph
and the debris, each debris item a paragraph of its own, never a heading.
Every choice (which paragraph splits, where, which debris goes where) comes
from a random generator seeded with the page's key: the texts are the same
on every run and every machine.
"""

from __future__ import annotations

import gzip
import hashlib
import random
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field, replace

import lxml.html
from quality_data import CORPUS, Label, Page

SHAPES = (
    "titled", "untitled", "titled-wrapped", "untitled-wrapped", "titled-lines", "titled-head",
    "debris",
)  # fmt: skip
TITLED_SHAPES = frozenset({"titled", "titled-wrapped", "titled-lines", "titled-head", "debris"})

#: A page's description serves as the standfirst when it has this many words.
STANDFIRST_WORDS = range(6, 61)
WRAP_WIDTH = 72

#: Byline forms: (at the top, at the end, the word for "and", the separator
#: of more names). ``{names}`` is filled with the names joined.
BYLINES: dict[str, tuple[str, str, str, str]] = {
    "en": ("By {names}", "Author: {names}", " and ", ", "),
    "de": ("Von {names}", "Autor: {names}", " und ", ", "),
    "fr": ("Par {names}", "Auteur : {names}", " et ", ", "),
    "es": ("Por {names}", "Autor: {names}", " y ", ", "),
    "it": ("Di {names}", "Autore: {names}", " e ", ", "),
    "pt": ("Por {names}", "Autor: {names}", " e ", ", "),
    "nl": ("Door {names}", "Auteur: {names}", " en ", ", "),
    "sv": ("Av {names}", "Författare: {names}", " och ", ", "),
    "nb": ("Av {names}", "Forfatter: {names}", " og ", ", "),
    "da": ("Af {names}", "Forfatter: {names}", " og ", ", "),
    "pl": ("Autor: {names}", "Autor: {names}", " i ", ", "),
    "cs": ("Autor: {names}", "Autor: {names}", " a ", ", "),
    "sk": ("Autor: {names}", "Autor: {names}", " a ", ", "),
    "ru": ("Автор: {names}", "Автор: {names}", " и ", ", "),
    "uk": ("Автор: {names}", "Автор: {names}", " і ", ", "),
    "tr": ("Yazar: {names}", "Yazar: {names}", " ve ", ", "),
    "id": ("Oleh {names}", "Penulis: {names}", " dan ", ", "),
    "zh": ("作者：{names}", "作者：{names}", "、", "、"),
    "ja": ("文：{names}", "文：{names}", "、", "、"),
    "ko": ("{names} 기자", "{names} 기자", "·", "·"),
    "ar": ("بقلم {names}", "بقلم {names}", " و", "، "),
}

#: Debris labels and calls to action as sites print them, per language.
READ_MORE = {
    "en": ("Read more: {}", "[Read: {}]", "READ MORE: {}", "Related: {}", "See also: {}"),
    "de": ("Lesen Sie auch: {}", "Mehr zum Thema: {}", "Auch interessant: {}"),
    "pt": ("Leia também: {}", "Veja também: {}", "LEIA MAIS: {}"),
    "it": ("Leggi anche: {}", "Potrebbe interessarti: {}"),
    "ru": ("Читайте также: {}", "По теме: {}"),
    "id": ("Baca juga: {}", "Baca Juga: {}"),
    "ja": ("関連記事：{}", "あわせて読みたい：{}"),
    "ko": ("관련기사: {}", "[관련기사] {}"),
}
CALLS_TO_ACTION = {
    "en": (
        "SIGN UP FOR OUR NEWSLETTER", "Continue reading the main story", "View photo",
        "Advertisement", "Sign up for our daily newsletter", "Subscribe now",
        "Click here to get the app", "Share this article", "Story continues below advertisement",
        "Get the latest news delivered to your inbox", "Follow us on Twitter",
    ),
    "de": ("Newsletter abonnieren", "Anzeige", "Jetzt abonnieren", "Artikel teilen"),
    "pt": ("Assine nossa newsletter", "Publicidade", "Continua depois da publicidade"),
    "it": ("Iscriviti alla newsletter", "Pubblicità", "Continua a leggere"),
    "ru": ("Подпишитесь на нашу рассылку", "Реклама", "Поделиться"),
    "id": ("Berlangganan newsletter", "Iklan", "Bagikan artikel ini"),
    "ja": ("ニュースレターに登録", "広告", "続きを読む"),
    "ko": ("뉴스레터 구독하기", "광고", "기사 공유하기"),
}  # fmt: skip
CREDIT_FORMS = {
    "en": ("Photo: {}", "(Image credit: {})", "{}", "Credit {}", "Photograph: {}", "© {}"),
    "de": ("Foto: {}", "Bild: {}", "© {}"),
    "pt": ("Foto: {}", "Imagem: {}", "Crédito: {}"),
    "it": ("Foto: {}", "Credito: {}"),
    "ru": ("Фото: {}", "Фото {}"),
    "id": ("Foto: {}", "Sumber foto: {}"),
    "ja": ("写真：{}", "（写真：{}）"),
    "ko": ("사진={}", "[사진={}]"),
}
CREDIT_SOURCES = (
    "Reuters", "Getty Images", "AP Photo/Evan Vucci", "Jane Doe/AOL", "Maria Lopez",
    "AFP via Getty Images", "Michael Kappeler/dpa", "Shutterstock", "EPA-EFE/Mark R. Cristino",
    "Bloomberg via Getty Images", "NASA/JPL-Caltech", "Courtesy of the family",
)  # fmt: skip
PRICE_BOXES = (
    ("Monthly", "$7/month", "Billed monthly", "Annual", "$60/year", "Save 28%"),
    ("Digital", "£1 for 4 weeks", "Then £9.99 a month", "Cancel anytime"),
)
COAUTHORS = ("Jane Doe", "Tom Berg", "Maria Lopez", "Ahmed Khan", "Li Wei", "Anna Schmidt")


@dataclass(frozen=True, slots=True)
class Unit:
    """One truth block of a pasted text: its text (lines joined by "\\n"),
    whether it is a heading, and the debris kind ("" for article text)."""

    text: str
    heading: bool = False
    debris: str = ""
    shown_heading: bool = False


@dataclass(frozen=True, slots=True)
class Pasted:
    """A pasted text and its truth."""

    key: str
    shape: str
    text: str
    units: tuple[Unit, ...]
    title: str | None
    authors: tuple[str, ...] | None
    split: str = ""  # the paragraph a page break split, as it should come out
    extra: dict[str, str] = field(default_factory=dict)


def clean(text: str) -> str:
    """A body paragraph as the page shows it: zero-width characters gone,
    spaces collapsed on each line, empty lines dropped."""
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def normalized(text: str) -> str:
    """For comparing: NFKC, quotes straight, dashes, minus and two or three
    hyphens as "-" without spaces around (typography sets a spaced hyphen
    and a typed "--" as the language's dash),
    ellipsis as "...", no soft hyphens, spaces collapsed (line breaks kept)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"[“”„‟«»″〝〞「」『』]", '"', text)
    text = re.sub(r"[‘’‚‛‹›′]", "'", text)
    # "it - meth" is "it—meth" in English, and "9 -- Miami" is "9—Miami": a typed dash
    text = re.sub(r"\s*(?:--+|[-‐‑‒–—―−])\s*", "-", text)
    text = text.replace("…", "...")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line).casefold()


def page_headings(key: str) -> frozenset[str]:
    """The normalized texts of the page's ``h2`` to ``h4``."""
    root = lxml.html.fromstring(gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()))
    return frozenset(normalized(h.text_content()) for h in root.iter("h2", "h3", "h4"))


def page_shown_headings(key: str) -> frozenset[str]:
    """The normalized texts of the lines the page shows as headings, more
    broadly than its ``h2`` to ``h4``: also ``h5``/``h6``, a paragraph set
    wholly in bold, and a short paragraph in capitals. For training only
    (``train_headings.py --truth shown``) and a second score beside the one on
    the ``h2`` to ``h4``."""
    root = lxml.html.fromstring(gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()))
    shown = {normalized(h.text_content()) for h in root.iter("h2", "h3", "h4", "h5", "h6")}
    for element in root.iter("p", "div", "li"):
        text = normalized(element.text_content())
        if not text or len(text.split()) > 20:
            continue
        children = [child for child in element if isinstance(child.tag, str)]
        bold = (
            len(children) == 1
            and children[0].tag in ("strong", "b")
            and normalized(children[0].text_content()) == text
            and not (element.text or "").strip()
        )
        raw = " ".join(element.text_content().split())
        capitals = len(text.split()) <= 8 and raw.upper() == raw and any(c.isalpha() for c in raw)
        if bold or (element.tag == "p" and capitals):
            shown.add(text)
    return frozenset(shown)


def page_link_headlines(key: str, body: str) -> list[str]:
    """Link texts of the page that read like other articles' headlines: 5 to
    14 words, capitalised, not in the article body. Real "Read more" targets."""
    root = lxml.html.fromstring(gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()))
    seen: dict[str, None] = {}
    folded = normalized(body)
    for link in root.iter("a"):
        text = " ".join(link.text_content().split())
        words = text.split()
        if 5 <= len(words) <= 14 and text[:1].isupper() and normalized(text) not in folded:
            seen.setdefault(text, None)
    return list(seen)


def page_description(key: str) -> str:
    """The page's description (``<meta name="description">``, else
    ``og:description``) of :data:`STANDFIRST_WORDS` words, on one line: the
    standfirst a page shows under its headline, or close to it."""
    root = lxml.html.fromstring(gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()))
    for query in ('//meta[@name="description"]', '//meta[@property="og:description"]'):
        for element in root.xpath(query):
            text = " ".join((element.get("content") or "").split())
            # mojibake (UTF-8 read as Latin-1) would score as a lost paragraph
            if len(text.split()) in STANDFIRST_WORDS and not re.search("[\x80-\x9f]", text):
                return text
    return ""


def page_captions(key: str) -> list[str]:
    """The page's figure captions and image descriptions of a few words."""
    root = lxml.html.fromstring(gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()))
    found: dict[str, None] = {}
    for element in root.iter("figcaption"):
        text = " ".join(element.text_content().split())
        if 3 <= len(text.split()) <= 40:
            found.setdefault(text, None)
    for img in root.iter("img"):
        text = " ".join((img.get("alt") or "").split())
        if 4 <= len(text.split()) <= 30:
            found.setdefault(text, None)
    return list(found)


def rng_for(key: str, shape: str) -> random.Random:
    return random.Random(hashlib.sha256(f"{key}:{shape}".encode()).digest())


def byline(authors: tuple[str, ...], language: str, *, at_end: bool) -> str:
    top, end, and_word, separator = BYLINES.get(language, BYLINES["en"])
    if len(authors) == 1:
        names = authors[0]
    else:
        names = separator.join(authors[:-1]) + and_word + authors[-1]
    return (end if at_end else top).format(names=names)


def split_point(paragraph: str, rng: random.Random) -> int | None:
    """Where a page break may cut ``paragraph``: a space in its middle part
    after a word that does not end a sentence or clause."""
    spaces = [m.start() for m in re.finditer(" ", paragraph)]
    middle = [
        i
        for i in spaces
        if 0.3 * len(paragraph) < i < 0.7 * len(paragraph) and paragraph[i - 1].isalnum()
    ]
    return rng.choice(middle) if middle else None


def make_shapes(page: Page, label: Label) -> list[Pasted]:
    """The seven pasted texts of one page (see the module's docstring)."""
    headings = page_headings(page.key)
    shown = page_shown_headings(page.key)
    paragraphs = [text for text in (clean(p) for p in page.body.split("\n\n")) if text]
    units = [
        Unit(
            text,
            heading=normalized(text) in headings,
            shown_heading=normalized(text) in headings | shown,
        )
        for text in paragraphs
    ]
    authors = label.authors or ()
    language = language_for_byline(label)
    title = label.title

    rng = rng_for(page.key, "split")
    candidates = split_candidates(units)
    split_index = split_at = None
    if candidates:
        for index in rng.sample(candidates, len(candidates)):
            point = split_point(units[index].text, rng)
            if point is not None:
                split_index, split_at = index, point
                break

    front = [title] if title else []
    if authors:
        front.append(byline(authors, language, at_end=False))

    def titled(wrap: bool) -> Pasted:
        blocks = front + [unit.text for unit in units]
        return Pasted(
            page.key,
            "titled-wrapped" if wrap else "titled",
            join_blocks(blocks, wrap),
            tuple(units),
            title,
            label.authors,
        )

    def untitled(wrap: bool) -> Pasted:
        return split_at_point(page, label, units, split_index, split_at, wrap)

    def titled_lines() -> Pasted:
        lines = [replace(unit, text=line) for unit in units for line in unit.text.split("\n")]
        text = "\n".join(front + [unit.text for unit in lines]) + "\n"
        return Pasted(page.key, "titled-lines", text, tuple(lines), title, label.authors)

    def titled_head() -> Pasted:
        standfirst = page_description(page.key)
        if units and normalized(standfirst) in normalized(units[0].text):
            standfirst = ""  # the page's lead itself, or none
        head = [Unit(standfirst)] if standfirst else []
        lines = ([title] if title else []) + [unit.text for unit in head]
        if authors:
            lines.append(byline(authors, language, at_end=False))
        if label.date:
            head.append(Unit(label.date))
            lines.append(label.date)
        text = "\n".join(lines) + "\n\n" + "\n\n".join(unit.text for unit in units) + "\n"
        return Pasted(page.key, "titled-head", text, tuple(head + units), title, label.authors)

    return [
        titled(False),
        untitled(False),
        titled(True),
        untitled(True),
        titled_lines(),
        titled_head(),
        with_debris(page, label, units),
    ]


def split_candidates(units: list[Unit]) -> list[int]:
    """The paragraphs a page break may cut: prose of 16 words or more."""
    return [
        index
        for index, unit in enumerate(units)
        if not unit.heading and "\n" not in unit.text and len(unit.text.split()) >= 16
    ]


def split_at_point(
    page: Page,
    label: Label,
    units: list[Unit],
    split_index: int | None,
    split_at: int | None,
    wrap: bool = False,
) -> Pasted:
    """The ``untitled`` shape: paragraph ``split_index`` cut at character
    ``split_at`` (none when ``None``), the byline last."""
    blocks = []
    for index, unit in enumerate(units):
        if index == split_index:
            blocks += [unit.text[:split_at], unit.text[split_at + 1 :]]
        else:
            blocks.append(unit.text)
    if label.authors:
        blocks.append(byline(label.authors, language_for_byline(label), at_end=True))
    return Pasted(
        page.key,
        "untitled-wrapped" if wrap else "untitled",
        join_blocks(blocks, wrap),
        tuple(units),
        None,
        label.authors,
        split=units[split_index].text if split_index is not None else "",
    )


#: How many paragraphs of a page :func:`many_splits` cuts, at two points each.
MANY_SPLIT_PARAGRAPHS = 8


def many_splits(page: Page, label: Label, seed: str = "many splits") -> list[Pasted]:
    """The ``untitled`` shape again and again, each time with another cut:
    up to :data:`MANY_SPLIT_PARAGRAPHS` paragraphs, at two points each. One
    cut per page is a small sample (123 on the development part); this one
    is some 1,700. Another ``seed`` cuts at other places (the heading
    model's training, ``train_headings.py --cut-weight``; ``quality.py --cut-seeds``)."""
    units = list(make_shapes(page, label)[0].units)
    rng = rng_for(page.key, seed)
    candidates = split_candidates(units)
    rng.shuffle(candidates)
    texts = []
    for index in candidates[:MANY_SPLIT_PARAGRAPHS]:
        for _ in range(2):
            point = split_point(units[index].text, rng)
            if point is not None:
                texts.append(split_at_point(page, label, units, index, point))
    return texts


def with_debris(page: Page, label: Label, units: list[Unit], seed: int = 0) -> Pasted:
    """``titled`` with debris between paragraphs (never before the first:
    the top is the title's and the byline's). A caption and its credit, and
    the lines of a price box, stay together. Another ``seed`` mixes other
    debris in other places."""
    rng = rng_for(page.key, "debris" if seed == 0 else f"debris {seed}")
    language = label.language if label.language in CALLS_TO_ACTION else "en"
    body = "\n\n".join(unit.text for unit in units)
    groups: list[list[Unit]] = []
    captions = page_captions(page.key)
    credit_forms = CREDIT_FORMS.get(language, CREDIT_FORMS["en"])

    def credit() -> str:
        return rng.choice(credit_forms).format(rng.choice(CREDIT_SOURCES))

    if captions:
        caption = rng.choice(captions)
        if rng.random() < 0.5:
            groups.append([Unit(caption, debris="caption"), Unit(credit(), debris="credit")])
        else:
            ending = "" if caption.endswith((".", "!", "?")) else "."
            groups.append([Unit(f"{caption}{ending} {credit()}", debris="caption")])
    groups.append([Unit(credit(), debris="credit")])
    sentences = [
        s
        for s in re.split(r"(?<=[.!?])\s+", body.replace("\n", " "))
        if 8 <= len(s.split()) <= 30 and s[:1].isupper()
    ]
    if sentences:
        groups.append([Unit(rng.choice(sentences), debris="pull quote")])
    headlines = page_link_headlines(page.key, body)
    if headlines:
        form = rng.choice(READ_MORE.get(language, READ_MORE["en"]))
        groups.append([Unit(form.format(rng.choice(headlines)), debris="teaser")])
    calls = CALLS_TO_ACTION.get(language, CALLS_TO_ACTION["en"])
    groups += [[Unit(call, debris="call to action")] for call in rng.sample(calls, 2)]
    if language == "en" and rng.random() < 0.3:
        groups.append([Unit("\n".join(rng.choice(PRICE_BOXES)), debris="price box")])
    if rng.random() < 0.3:
        groups.append([Unit(rng.choice(COAUTHORS), debris="co-author")])
    # each group goes between two slots, never inside an earlier group
    slots = [[unit] for unit in units]
    for group in groups:
        position = rng.randint(1, max(1, len(slots) - 1))
        slots[position:position] = [group]
    out = [unit for slot in slots for unit in slot]
    blocks = [label.title] if label.title else []
    if label.authors:
        blocks.append(byline(label.authors, language_for_byline(label), at_end=False))
    blocks += [unit.text for unit in out]
    return Pasted(
        page.key, "debris", join_blocks(blocks, False), tuple(out), label.title, label.authors
    )


def language_for_byline(label: Label) -> str:
    return label.language if label.language in BYLINES else "en"


def join_blocks(blocks: list[str], wrap: bool) -> str:
    if wrap:
        blocks = [
            "\n".join(
                textwrap.fill(line, WRAP_WIDTH, break_long_words=False, break_on_hyphens=False)
                for line in block.split("\n")
            )
            for block in blocks
        ]
    return "\n\n".join(blocks) + "\n"
