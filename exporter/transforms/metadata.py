"""Metadata transforms: the user's choices win, and a document always has a title.

A title page and EPUB's ``dc:title`` need a title, and a pasted news article
often has none (the headline stayed on the web page). Rather than "Untitled",
we name the book after the start of its lead, which is what a reader would
call it, and say so, suggesting ``--title``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from exporter.debris import stands_before_a_title
from exporter.diagnostics import Outcome, notice, warning
from exporter.model import Document, Heading, Paragraph, Text, cut_at_space, plain_text
from exporter.options import Options
from exporter.transforms.language import normalize_language_tag

#: A derived title is at most this many words (then cut with "…").
MAX_DERIVED_WORDS = 10
#: ... and at most this many characters: ten words can be a paragraph of a
#: million characters without a space.
MAX_DERIVED_CHARS = 120

#: A title longer than this is not one (a page's heading that swallowed its
#: article, a front matter gone wrong): laid out, it would fill pages of the
#: title page, and every running head. It is cut, and its whole text stands
#: at the head of the body instead (:func:`limit_title`).
MAX_TITLE_CHARS = 2000

#: A clause before a colon, semicolon or dash is a title if it is this long.
MIN_CLAUSE_WORDS = 3

#: Title when there is no text at all to derive one from.
FALLBACK_TITLE = "Untitled"

#: Words that end with a period without ending the sentence (German, English,
#: French, Spanish, Italian), compared without the period and case-folded.
ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "etc", "nr", "no", "bzw", "ca"}
    | {"vgl", "usw", "inkl", "evtl", "ggf", "mme", "mlle", "sra", "sig", "dott", "ing"}
    | {"gen", "col", "lt", "sgt", "rev", "hon", "fig", "art"}
)

#: A sentence end: final punctuation, closing quotes or brackets, then space.
SENTENCE_END = re.compile(r"[.!?…]+[\"'»«“”’‘)\]]*(?=\s)")

#: Where a headline-like clause ends: a colon or semicolon before a space, a
#: spaced dash, or an unspaced em dash (English style). An unspaced en dash is
#: a range ("1990–1995") and a hyphen joins words: neither cuts.
CLAUSE_END = re.compile(r"[:;](?=\s|$)|\s[-–—]\s|—")

TRAILING_PUNCTUATION = " \t.,;:-–—"


def apply_overrides(document: Document, options: Options) -> Outcome:
    """``--title``, ``--author`` and ``--lang`` win over what the reader found."""
    metadata = document.metadata
    if options.title.strip():
        metadata = replace(metadata, title=options.title.strip())
    authors = tuple(name.strip() for name in options.authors if name.strip())
    if authors:
        metadata = replace(metadata, authors=authors)
    if options.language:
        metadata = replace(metadata, language=normalize_language_tag(options.language))
    return Outcome(replace(document, metadata=metadata))


def derive_title(document: Document, options: Options) -> Outcome:
    """Give an untitled document a title from its first sentence.

    The first paragraph's first sentence (:func:`first_sentence`), shortened
    by :func:`short_title`; a dateline, a picture credit, an editors' note
    or page debris above the text (:func:`~exporter.debris.stands_before_a_title`:
    "Berlin, 12. März 2024", "Correction: …", "5 min read") is not that
    paragraph. Without a paragraph, the first heading; without any
    text, :data:`FALLBACK_TITLE`.
    """
    if document.metadata.title:
        return Outcome(document)
    paragraphs = (b for b in document.blocks if isinstance(b, Paragraph))
    lead = next(
        (p for p in paragraphs if not stands_before_a_title(plain_text(p.children))), None
    ) or next((b for b in document.blocks if isinstance(b, Heading)), None)
    text = " ".join(plain_text(lead.children).split()) if lead is not None else ""
    if not text:
        title = FALLBACK_TITLE
        diagnostic = warning(
            "title.fallback",
            f'no title and no text to derive one from; using "{title}"; pass --title to set one',
        )
    else:
        title = short_title(first_sentence(text))
        diagnostic = notice(
            "title.derived",
            f'no title in the input; using "{title}" (derived from the first sentence); '
            "pass --title to set one",
        )
    metadata = replace(document.metadata, title=title)
    return Outcome(replace(document, metadata=metadata), (diagnostic,))


def first_sentence(text: str) -> str:
    """``text`` up to its first sentence end.

    A period after an abbreviation ("Dr.", "z. B."), an initial ("H."), a
    number ("am 3. Oktober") or inside a dotted word ("U.S.") does not end a
    sentence; neither does punctuation followed by a lower-case word.
    """
    for match in SENTENCE_END.finditer(text):
        rest = text[match.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        words = text[: match.start()].split()
        word = words[-1] if words else ""
        if text[match.start()] == "." and ends_abbreviation(word):
            continue
        return text[: match.end()]
    return text


def ends_abbreviation(word: str) -> bool:
    """Whether a period after ``word`` belongs to the word, not the sentence."""
    bare = word.lstrip("(\"'„“”‚‘’»«")
    return len(bare) <= 1 or bare[-1].isdigit() or "." in bare or bare.lower() in ABBREVIATIONS


def short_title(sentence: str) -> str:
    """A title from a sentence: the clause before its first colon, semicolon
    or dash if that has at least :data:`MIN_CLAUSE_WORDS` words ("Die Welt ist
    einmal mehr aufgeschreckt: Nordkorea hat…" gives "Die Welt ist einmal mehr
    aufgeschreckt"); then at most :data:`MAX_DERIVED_WORDS` words, cut at a
    word with "…". Trailing periods, commas, colons and dashes go; "?" and "!"
    stay, since they change what a title says."""
    title = sentence.strip()
    clause = CLAUSE_END.search(title)
    if clause and len(title[: clause.start()].split()) >= MIN_CLAUSE_WORDS:
        title = title[: clause.start()]
    words = title.split()
    if len(words) > MAX_DERIVED_WORDS:
        title = " ".join(words[:MAX_DERIVED_WORDS]).rstrip(TRAILING_PUNCTUATION) + "…"
    else:
        title = title.rstrip(TRAILING_PUNCTUATION)
    return cut_title(title, MAX_DERIVED_CHARS)


def cut_title(title: str, limit: int) -> str:
    """``title`` if it has at most ``limit`` characters, else cut with "…"
    at the last space before the limit (see :func:`cut_at_space`)."""
    return cut_at_space(title, limit, TRAILING_PUNCTUATION)


def limit_title(document: Document, options: Options) -> Outcome:
    """Rule: a title longer than :data:`MAX_TITLE_CHARS` is cut there (see
    :func:`cut_title`), and its whole text becomes the first paragraph of
    the body, so that no word of it is lost; a notice says so."""
    title = document.metadata.title
    if len(title) <= MAX_TITLE_CHARS:
        return Outcome(document)
    short = cut_title(title, MAX_TITLE_CHARS)
    metadata = replace(document.metadata, title=short)
    blocks = (Paragraph((Text(title),)), *document.blocks)
    return Outcome(
        replace(document, metadata=metadata, blocks=blocks),
        (
            notice(
                "title.too-long",
                f"the title has {len(title):,} characters, more than {MAX_TITLE_CHARS:,}: cut"
                " there with an ellipsis; the whole of it stands as the first paragraph",
            ),
        ),
    )
