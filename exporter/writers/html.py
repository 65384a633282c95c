"""The one XHTML renderer of the model.

Both the EPUB and the PDF writer start from what this module makes, as pandoc's
EPUB writer starts from its HTML writer: markup is decided once, here, so the
ebook and the printed page cannot drift apart. Output is XHTML 1.1-compatible
polyglot markup (well-formed XML that is also valid HTML5) with EPUB 3
``epub:type`` semantics and the matching DPUB-ARIA roles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from html import escape
from typing import Literal

from exporter.model import (
    Block,
    BlockQuote,
    Chapter,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Document,
    Emphasis,
    Figure,
    FootnoteDef,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    SceneBreak,
    Span,
    Strikethrough,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
    footnote_calls,
    plain_text,
)
from exporter.scripts import is_right_to_left
from exporter.transforms.breaks import BREAK_MARK, marked_breaks
from exporter.transforms.ids import map_headings

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"

#: Where footnote texts go: the end of their section (screens) or the foot
#: of the page (print).
NotePlacement = Literal["section", "page"]

#: Folder, relative to the content documents, where writers put resources.
IMAGE_DIR = "images"

#: Above this many characters of text, the EPUB gets one content document per
#: top-level section: long single files make e-ink readers slow to open and
#: paginate, while short articles read better without a page break per section.
CHAPTER_SPLIT_CHARS = 30_000

#: The stylesheet (in ``styles/``) both writers add for a book: chapter
#: openings and the contents page, with leaders and page numbers on paper.
BOOK_STYLESHEET = "book.css"


@dataclass(frozen=True, slots=True)
class Labels:
    """The few words the writers themselves put into a book, in its language:
    the contents page's heading, the title page's name for screen readers,
    and the EPUB's landmarks."""

    contents: str
    landmarks: str
    title_page: str
    start: str
    cover: str


LABELS: dict[str, Labels] = {
    "en": Labels("Contents", "Landmarks", "Title page", "Start of text", "Cover"),
    "de": Labels("Inhalt", "Orientierung", "Titelseite", "Textbeginn", "Cover"),
    "fr": Labels("Table des matières", "Repères", "Page de titre", "Début du texte", "Couverture"),
    "es": Labels("Índice", "Puntos de referencia", "Portada", "Comienzo del texto", "Cubierta"),
    "it": Labels("Indice", "Punti di riferimento", "Frontespizio", "Inizio del testo", "Copertina"),
    "ar": Labels("المحتويات", "معالم الكتاب", "صفحة العنوان", "بداية النص", "الغلاف"),
    "he": Labels("תוכן העניינים", "ציוני דרך", "עמוד השער", "תחילת הטקסט", "כריכה"),
    "iw": Labels("תוכן העניינים", "ציוני דרך", "עמוד השער", "תחילת הטקסט", "כריכה"),
    "fa": Labels("فهرست مطالب", "نشانه‌ها", "صفحهٔ عنوان", "آغاز متن", "جلد"),
}


def labels_for(language: str) -> Labels:
    """The labels of ``language`` (a BCP 47 tag), English where we have none."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level section: its heading (``None`` for text before the first
    heading) and the XHTML of its content, heading included."""

    id: str
    title: str
    level: int
    xhtml: str
    #: The section's own language, where it has one (a chapter of a book).
    language: str = ""


@dataclass(frozen=True, slots=True)
class Rendered:
    title_page: str
    sections: tuple[Section, ...]
    outline: tuple[Section, ...]
    #: A book's printed table of contents, to follow the title page; empty
    #: for a document without chapters (an article), which needs none.
    contents: str = ""

    @property
    def is_book(self) -> bool:
        """Whether the document is a book of chapters: writers then give each
        chapter a file (EPUB) or page (PDF) of its own and add the contents."""
        return bool(self.contents)


def resource_href(name: str) -> str:
    return f"{IMAGE_DIR}/{name}"


def render(document: Document, *, notes: NotePlacement = "section") -> Rendered:
    """Render the title page and the body: an article split at top-level
    headings (:func:`render_article`), or a book chapter by chapter
    (:func:`render_book`). ``notes`` says where footnote texts go."""
    title_page = render_title_page(document.metadata)
    if has_chapters(document):
        return render_book(document, title_page, notes)
    direction = text_direction(document.metadata.language)
    sections, outline = render_article(document.blocks, notes, direction)
    return Rendered(title_page, sections, outline)


def has_chapters(document: Document) -> bool:
    """Whether ``document`` is a book: chapters at its top level."""
    return any(isinstance(block, Chapter) for block in document.blocks)


def render_book(document: Document, title_page: str, notes: NotePlacement) -> Rendered:
    """A book: one section per chapter, and a contents page listing them.

    Blocks between chapters (a foreword without a chapter of its own) are
    rendered as an article's body is, where they stand.
    """
    direction = text_direction(document.metadata.language)
    sections: list[Section] = []
    outline: list[Section] = []
    chapters: list[Chapter] = []
    run: list[Block] = []
    for block in (*document.blocks, None):
        if block is not None and not isinstance(block, Chapter):
            run.append(block)
            continue
        if run:
            run_sections, run_outline = render_article(tuple(run), notes, direction)
            sections.extend(run_sections)
            outline.extend(run_outline)
            run = []
        if block is not None:
            section, entries = render_chapter(block, notes, direction)
            sections.append(section)
            outline.extend(entries)
            chapters.append(block)
    contents = render_contents(chapters, document.metadata.language)
    return Rendered(title_page, tuple(sections), tuple(outline), contents)


def render_chapter(
    chapter: Chapter, notes: NotePlacement = "section", direction: Direction = "ltr"
) -> tuple[Section, tuple[Section, ...]]:
    """A chapter's section and its outline entries (its own, then its headings').

    The chapter title is an ``h2`` under the book title's ``h1``, and the
    article's own headings move one level down (:func:`deepen_headings`),
    so the book has one outline. Notes are numbered from 1 in each chapter,
    as books number them; on screens they stand at the chapter's end. The
    section carries the chapter's language for hyphenation and the reading
    system's voice, and its direction where that differs from the book's
    (``direction``).
    """
    metadata = chapter.metadata
    own = text_direction(metadata.language) if metadata.language else direction
    blocks = deepen_headings(chapter.blocks)
    note_numbers = footnote_numbers(blocks)
    inline = InlineRenderer(note_numbers, footnote_definitions(blocks), notes, own)
    calls = frozenset(footnote_calls(blocks))
    placed = shown_notes(place_footnotes([(None, blocks)]), calls, notes)[0]
    title = directed_text(metadata.title, own)
    head = [f'<h2{id_attr(chapter.id)} class="chapter-title">{title}</h2>']
    if metadata.subtitle:
        subtitle = directed_text(metadata.subtitle, own)
        head.append(f'<p class="chapter-subtitle">{subtitle}</p>')
    if metadata.authors:
        names = directed_text(author_line(metadata.authors), own)
        head.append(f'<p class="chapter-author">{names}</p>')
    body = "".join(render_block(block, inline) for block in blocks)
    aside = notes_aside(render_footnotes(placed, inline, note_numbers, calls))
    labelled = f' aria-labelledby="{escape(chapter.id)}"' if chapter.id else ""
    xhtml = (
        '<section class="chapter" epub:type="chapter" role="doc-chapter"'
        f"{lang_attrs(metadata.language)}{dir_attr(metadata.language, direction)}{labelled}>"
        f"{''.join(head)}{body}{aside}</section>"
    )
    section = Section(chapter.id, metadata.title, 2, xhtml, metadata.language)
    entries = tuple(
        Section(block.id, plain_text(block.children), block.level, "")
        for block in blocks
        if isinstance(block, Heading)
    )
    return section, (replace(section, xhtml=""), *entries)


def deepen_headings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A chapter's headings one level deeper than in its article (level 2
    becomes ``h3``), and never above ``h3``: the chapter title is the ``h2``."""
    return map_headings(blocks, lambda h: replace(h, level=min(max(h.level + 1, 3), 6)))


def render_contents(chapters: list[Chapter], language: str) -> str:
    """The printed table of contents: each chapter's title, linked to it, and
    its author line. The print stylesheet adds leaders and page numbers from
    the links (``target-counter``); the EPUB's nav stays the machine-readable
    toc. A title in another language than the book's says so (``lang``),
    and so does one in another direction (``dir``)."""
    label = labels_for(language).contents
    direction = text_direction(language)
    items = []
    for chapter in chapters:
        metadata = chapter.metadata
        own = metadata.language if metadata.language != language else ""
        shown = text_direction(own) if own else direction
        title = directed_text(metadata.title, shown)
        link = f'<a href="#{escape(chapter.id)}">{title}</a>' if chapter.id else title
        author = ""
        if metadata.authors:
            names = directed_text(author_line(metadata.authors), shown)
            author = f'<span class="contents-author">{names}</span>'
        items.append(f"<li{lang_attrs(own)}{dir_attr(own, direction)}>{link}{author}</li>")
    return (
        '<nav class="contents" epub:type="toc" role="doc-toc">'
        f'<h2 class="contents-title">{escape(label)}</h2><ol>{"".join(items)}</ol></nav>'
    )


def id_attr(id_: str) -> str:
    return f' id="{escape(id_)}"' if id_ else ""


def lang_attrs(language: str) -> str:
    """``lang`` and ``xml:lang``: HTML readers read the one, XML the other."""
    return f' lang="{escape(language)}" xml:lang="{escape(language)}"' if language else ""


# --- direction ---------------------------------------------------------------

#: The direction text runs in: HTML's ``dir`` values.
Direction = Literal["ltr", "rtl"]


def text_direction(language: str) -> Direction:
    """``rtl`` for a language written from right to left (Arabic, Hebrew,
    Persian, Urdu…, or any tag whose script subtag is such a script:
    :func:`exporter.scripts.is_right_to_left`), ``ltr`` for every other
    tag, the empty and undetermined ones too."""
    return "rtl" if is_right_to_left(language) else "ltr"


def dir_attr(language: str, context: Direction) -> str:
    """``dir`` for an element in ``language`` inside text running in
    ``context``: only where the direction changes (an English chapter in a
    Hebrew book, an Arabic quotation in a German article), so that a
    left-to-right document gains no attribute. An element without a language
    of its own keeps its parent's direction."""
    if not language:
        return ""
    own = text_direction(language)
    return f' dir="{own}"' if own != context else ""


#: Bidi classes (``unicodedata.bidirectional``) of letters written from right
#: to left, and of the Arabic-Indic digits that go with them.
RIGHT_TO_LEFT_CLASSES = frozenset({"R", "AL", "AN"})
#: What may stand at the edges of a left-to-right run without help: strong
#: left-to-right characters (letters), European digits, and combining marks,
#: which take the class of the letter they sit on.
SELF_ORDERING_CLASSES = frozenset({"L", "EN", "NSM"})
#: Punctuation that closes the surrounding sentence rather than a Latin name
#: ("قال Reuters." — the full stop is the Arabic sentence's).
SENTENCE_PUNCTUATION = frozenset(".,;:!?…،؛؟")
#: Brackets and quotation marks, opening to closing: one at a run's edge
#: belongs to the run only when its partner is in it too ("Reuters (UK)").
PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "‘": "’", '"': '"', "'": "'"}
CLOSERS = {closing: opening for opening, closing in PAIRS.items()}
WORD = re.compile(r"\S+")


def isolate_ltr_runs(text: str) -> str:
    """``text`` as escaped XHTML for a right-to-left paragraph, each run of
    Latin-script words that the Unicode bidi algorithm would disorder
    wrapped in ``<span dir="ltr">``, which isolates it (HTML gives ``dir``
    ``unicode-bidi: isolate``; WeasyPrint lays the span out left to right).

    The rule. A run is a sequence of words with left-to-right letters and no
    right-to-left ones ("Reuters", "C++", "COVID-19"; of a word joined to a
    Hebrew prefix, the part from its first Latin letter: "ב-C++"), together
    with the words of digits and punctuation between and after them
    ("C++ 3.0", "Windows 11"), as the bidi algorithm groups them too: a
    European number after a Latin letter counts as Latin (rule W7), and
    neutral characters (spaces, punctuation) between two left-to-right
    characters take their direction (N1). Sentence punctuation at the run's end (".", ",", "؟"…),
    a bracket or quotation mark whose partner lies outside the run, and a
    pair around all of it ("(Reuters)", "«Reuters»") are not part of it:
    they belong to the right-to-left sentence around it.

    Only a run that ends in a neutral character, or has one before its first
    letter, needs isolating: at the run's edge such a character sits between
    it and right-to-left text (or the paragraph's end) and takes the
    paragraph's direction, so that "C++" shows as "++C", "#MeToo" as
    "MeToo#" and, where a reader lacks the bracket-pair rule (N0), "Reuters
    (UK)" as "(Reuters (UK". Runs that start with a letter (or digits joined
    to it: "3D") and end with a letter or digit ("NASA", "New York Times",
    "COVID-19", "C++ 3.0") keep their order by themselves and get no markup.
    """
    out: list[str] = []
    position = 0
    for start, end in ltr_runs(text):
        out.append(escape(text[position:start], quote=False))
        out.append(f'<span dir="ltr">{escape(text[start:end], quote=False)}</span>')
        position = end
    out.append(escape(text[position:], quote=False))
    return "".join(out)


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each run :func:`isolate_ltr_runs` wraps."""
    words = [
        (start, end, word_kind(text[start:end]))
        for match in WORD.finditer(text)
        for start, end in word_parts(text, match.start(), match.end())
    ]
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        if words[index][2] != "latin":
            index += 1
            continue
        last = index
        while last + 1 < len(words) and words[last + 1][2] != "rtl":
            last += 1
        # Numbers after the last Latin word stay in it (W7); punctuation alone does not.
        while words[last][2] == "neutral":
            last -= 1
        start, end = trimmed(text, words[index][0], words[last][1])
        if needs_isolation(text[start:end]):
            runs.append((start, end))
        index = last + 1
    return runs


def word_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The word ``text[start:end]`` cut where its letters change direction:
    Hebrew joins prefixes to a Latin name ("ב-C++", "in C++"), and only the
    name is left to right. A cut falls before the first letter or digit of
    the new direction, so the joining hyphen stays with the prefix."""
    parts: list[tuple[int, int]] = []
    side = ""
    for position in range(start, end):
        kind = unicodedata.bidirectional(text[position])
        new = "rtl" if kind in RIGHT_TO_LEFT_CLASSES else "ltr" if kind in ("L", "EN") else ""
        if new and side and new != side:
            parts.append((start, position))
            start = position
        side = new or side
    parts.append((start, end))
    return parts


def word_kind(word: str) -> str:
    """``rtl`` for a word with a right-to-left letter or digit, ``latin``
    for one with a left-to-right letter, ``number`` for one with European
    digits (and punctuation), ``neutral`` for punctuation alone."""
    classes = {unicodedata.bidirectional(character) for character in word}
    if classes & RIGHT_TO_LEFT_CLASSES:
        return "rtl"
    if "L" in classes:
        return "latin"
    return "number" if "EN" in classes else "neutral"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The run ``text[start:end]`` without the sentence punctuation after it,
    the unpaired brackets and quotation marks at its edges, and a pair that
    encloses all of it: "(Reuters)" and "«Reuters»" are the right-to-left
    sentence's parenthesis and quotation around a name."""
    while start < end:
        run = text[start:end]
        last, first = run[-1], run[0]
        if last in SENTENCE_PUNCTUATION or (last in CLOSERS and not paired(run, CLOSERS[last])):
            end -= 1
        elif first in PAIRS and not paired(run, first):
            start += 1
        elif first in PAIRS and encloses(run):
            start, end = start + 1, end - 1
        else:
            break
    return start, end


def paired(run: str, opening: str) -> bool:
    """Whether the run holds both the bracket or quotation mark ``opening``
    and its partner (for a straight quote, one at each end)."""
    closing = PAIRS[opening]
    if opening == closing:
        return len(run) > 1 and run[0] == run[-1] == opening
    return opening in run and closing in run


def encloses(run: str) -> bool:
    """Whether the run's first character opens a pair its last closes:
    "(UK)" but not "(a) (b)"."""
    opening, closing = run[0], PAIRS[run[0]]
    if len(run) < 2 or run[-1] != closing:
        return False
    if opening == closing:
        return True
    depth = 0
    for character in run[:-1]:
        depth += (character == opening) - (character == closing)
        if depth == 0:
            return False
    return True


def needs_isolation(run: str) -> bool:
    """Whether the bidi algorithm would carry part of the run to the wrong
    side: a neutral character at its end, or before its first letter
    anything but European digits (which join the letter: "3D", not "3-D")."""
    if not run:
        return False
    classes = [unicodedata.bidirectional(character) for character in run]
    if "L" not in classes:
        return False
    lead = classes[: classes.index("L")]
    return classes[-1] not in SELF_ORDERING_CLASSES or any(c != "EN" for c in lead)


def directed_text(text: str, direction: Direction, *, quote: bool = False) -> str:
    """``text`` escaped, its Latin runs isolated where it runs right to left,
    and a word too long for any line given places to break (``<wbr/>``, see
    :mod:`exporter.transforms.breaks`)."""
    marked = marked_breaks(text)
    shown = isolate_ltr_runs(marked) if direction == "rtl" else escape(marked, quote=quote)
    return shown.replace(BREAK_MARK, "<wbr/>") if marked is not text else shown


def code_dir(direction: Direction) -> str:
    """Program code runs left to right, in right-to-left text too: without
    ``dir`` an Arabic paragraph would show ``f(x)`` as ``(f(x``."""
    return ' dir="ltr"' if direction == "rtl" else ""


def render_article(
    blocks: tuple[Block, ...], notes: NotePlacement = "section", direction: Direction = "ltr"
) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """An article's body, split at top-level headings, and its outline.

    With ``notes="section"`` (screens) each footnote text is placed at the end
    of the section that first calls it, wherever the input defined it
    (Markdown defines notes at the end): an EPUB popup note must live in the
    same content document as its call, and a split book puts each section in
    a file of its own. With ``notes="page"`` (print) the text stands at its
    first call, marked up for the layout engine to float it to the foot of the
    page (CSS ``float: footnote``). ``direction`` is the text's (the
    document's), which decides where Latin runs need isolating.
    """
    note_numbers = footnote_numbers(blocks)
    inline = InlineRenderer(note_numbers, footnote_definitions(blocks), notes, direction)
    groups = split_at_top_headings(blocks)
    calls = frozenset(footnote_calls(blocks))
    notes_by_group = shown_notes(place_footnotes(groups), calls, notes)
    sections = []
    for (heading, content), placed in zip(groups, notes_by_group, strict=True):
        body = "".join(render_block(block, inline) for block in content)
        aside = notes_aside(render_footnotes(placed, inline, note_numbers, calls))
        if heading is None:
            sections.append(Section("", "", 0, f'<section class="lead">{body}{aside}</section>'))
            continue
        xhtml = (
            f'<section id="section-{heading.id}" epub:type="chapter" role="doc-chapter"'
            f' aria-labelledby="{heading.id}">{render_block(heading, inline)}{body}'
            f"{aside}</section>"
        )
        sections.append(Section(heading.id, plain_text(heading.children), heading.level, xhtml))
    outline = tuple(
        Section(block.id, plain_text(block.children), block.level, "")
        for block in blocks
        if isinstance(block, Heading)
    )
    return tuple(sections), outline


def place_footnotes(
    groups: list[tuple[Heading | None, tuple[Block, ...]]],
) -> list[list[FootnoteDef]]:
    """For each group, the notes it shows: those first called in it, in call
    order; a note nobody calls stays in the group that defines it."""
    definitions = {
        block.label: block
        for _heading, blocks in groups
        for block in blocks
        if isinstance(block, FootnoteDef)
    }
    placed: set[str] = set()
    result: list[list[FootnoteDef]] = []
    for _heading, blocks in groups:
        called = []
        for label in footnote_calls(blocks):
            if label in definitions and label not in placed:
                placed.add(label)
                called.append(definitions[label])
        result.append(called)
    for index, (_heading, blocks) in enumerate(groups):
        result[index].extend(
            block
            for block in blocks
            if isinstance(block, FootnoteDef) and block.label not in placed
        )
    return result


def shown_notes(
    placed: list[list[FootnoteDef]], calls: frozenset[str], notes: NotePlacement
) -> list[list[FootnoteDef]]:
    """The notes each group shows at its end: on paper the notes nobody calls
    only (the others stand at their calls, at the foot of the page); on
    screens all of them."""
    if notes == "section":
        return placed
    return [[note for note in group if note.label not in calls] for group in placed]


def render_title_page(metadata: Metadata) -> str:
    """The title page: title, subtitle, author line, date and publisher."""
    direction = text_direction(metadata.language)

    def shown(text: str) -> str:
        return directed_text(text, direction, quote=True)

    parts = [f'<h1 class="title">{shown(metadata.title)}</h1>']
    if metadata.subtitle:
        parts.append(f'<p class="subtitle">{shown(metadata.subtitle)}</p>')
    if metadata.authors:
        parts.append(f'<p class="author">{shown(author_line(metadata.authors))}</p>')
    if metadata.date or metadata.publisher:
        details = " · ".join(shown(part) for part in (metadata.publisher, metadata.date) if part)
        parts.append(f'<p class="imprint">{details}</p>')
    label = labels_for(metadata.language).title_page
    return (
        f'<section class="titlepage" epub:type="titlepage" aria-label="{label}">'
        + "".join(parts)
        + "</section>"
    )


def author_line(authors: tuple[str, ...]) -> str:
    """Join names as a reader says them: "A", "A & B", "A, B & C"."""
    if len(authors) <= 1:
        return "".join(authors)
    return ", ".join(authors[:-1]) + " & " + authors[-1]


def split_at_top_headings(
    blocks: tuple[Block, ...],
) -> list[tuple[Heading | None, tuple[Block, ...]]]:
    """Group blocks under the shallowest heading level the document uses; the
    blocks before the first such heading form a group without a heading."""
    levels = [block.level for block in blocks if isinstance(block, Heading)]
    top = min(levels, default=0)
    groups: list[tuple[Heading | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if isinstance(block, Heading) and block.level == top:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return [(heading, tuple(content)) for heading, content in groups if heading or content]


def footnote_numbers(blocks: tuple[Block, ...]) -> dict[str, int]:
    """Number footnotes 1, 2, … in the order a reader meets their calls (so
    numbers rise through the text whatever order the input defined them in);
    notes nobody calls follow."""
    defined = footnote_definitions(blocks)
    labels = dict.fromkeys(label for label in footnote_calls(blocks) if label in defined)
    labels.update(dict.fromkeys(defined))
    return {label: number for number, label in enumerate(labels, start=1)}


def footnote_definitions(blocks: tuple[Block, ...]) -> dict[str, FootnoteDef]:
    return {block.label: block for block in blocks if isinstance(block, FootnoteDef)}


def notes_aside(notes: str) -> str:
    return f'<section class="footnotes" epub:type="footnotes">{notes}</section>' if notes else ""


def render_footnotes(
    notes: list[FootnoteDef],
    inline: InlineRenderer,
    numbers: dict[str, int],
    calls: frozenset[str],
) -> str:
    return "".join(
        render_footnote(note, inline, numbers)
        if note.label in calls
        else render_uncalled_note(note, inline)
        for note in notes
    )


def render_uncalled_note(note: FootnoteDef, inline: InlineRenderer) -> str:
    """A note nothing calls, as plain text among the notes: without a
    number (no call shows one), a way back, or the footnote type, with which
    reading systems hide a note until a call opens it (nothing would)."""
    body = "".join(render_block(block, inline) for block in note.blocks)
    return f'<div id="fn-{escape(note.label)}" class="footnote uncalled">{body}</div>'


def render_footnote(note: FootnoteDef, inline: InlineRenderer, numbers: dict[str, int]) -> str:
    number = numbers[note.label]
    body = "".join(render_block(block, inline) for block in note.blocks)
    # ↑ rather than the usual ↩: Literata has no ↩, which would fall back to another face.
    back = f'<a class="backlink" href="#fnref-{escape(note.label)}" role="doc-backlink">↑</a>'
    return (
        f'<aside id="fn-{escape(note.label)}" class="footnote" epub:type="footnote"'
        f' role="doc-footnote"><span class="note-number">{number}</span>{body}{back}</aside>'
    )


def render_block(block: Block, inline: InlineRenderer) -> str:
    match block:
        case Heading(level, children, id_):
            attr = f' id="{escape(id_)}"' if id_ else ""
            return f"<h{level}{attr}>{inline(children)}</h{level}>"
        case Paragraph(children):
            return f"<p>{inline(children)}</p>"
        case BlockQuote(blocks):
            return f"<blockquote>{''.join(render_block(b, inline) for b in blocks)}</blockquote>"
        case ListBlock(items, ordered, start):
            tag = "ol" if ordered else "ul"
            # WeasyPrint 70 ignores ``start``; the list-item counter says the
            # same to it and to reading systems alike.
            attr = (
                f' start="{start}" style="counter-reset: list-item {start - 1}"'
                if ordered and start != 1
                else ""
            )
            lis = "".join(
                f"<li>{''.join(render_block(b, inline) for b in item.blocks)}</li>"
                for item in items
            )
            return f"<{tag}{attr}>{lis}</{tag}>"
        case DefinitionList(items):
            return f"<dl>{render_definitions(items, inline)}</dl>"
        case SceneBreak():
            return '<hr class="scene-break"/>'
        case CodeBlock(text, language):
            attr = f' class="language-{escape(language)}"' if language else ""
            return f"<pre{code_dir(inline.direction)}><code{attr}>{escape(text)}</code></pre>"
        case Figure(src, alt, caption):
            cap = f"<figcaption>{inline(caption)}</figcaption>" if caption else ""
            img = f'<img src="{escape(resource_href(src))}" alt="{escape(alt)}"/>'
            return f"<figure>{img}{cap}</figure>"
        case Table(head, body, caption):
            cap = f"<caption>{inline(caption)}</caption>" if caption else ""
            thead = f"<thead>{render_rows(head, inline)}</thead>" if head else ""
            return f"<table>{cap}{thead}<tbody>{render_rows(body, inline)}</tbody></table>"
        case FootnoteDef():
            return ""  # placed at the end of its section by render()
        case Chapter():
            return render_chapter(block, direction=inline.direction)[0].xhtml
    raise TypeError(f"not a block: {block!r}")


def render_definitions(items: tuple[DefinitionItem, ...], inline: InlineRenderer) -> str:
    """Each term a ``dt``, each definition a ``dd`` after it. An item without
    definitions shares the next one's (``dt dt dd``); if the last item has
    none, an empty ``dd`` ends the list, since HTML allows no ``dl`` to end
    on a term."""
    out = []
    for entry in items:
        out.append(f"<dt>{inline(entry.term)}</dt>")
        for definition in entry.definitions:
            out.append(f"<dd>{''.join(render_block(block, inline) for block in definition)}</dd>")
    if items and not items[-1].definitions:
        out.append("<dd></dd>")
    return "".join(out)


def render_rows(rows: tuple[TableRow, ...], inline: InlineRenderer) -> str:
    out = []
    for row in rows:
        cells = []
        for cell in row.cells:
            tag = "th" if cell.header else "td"
            cells.append(f"<{tag}{cell_attrs(cell)}>{inline(cell.children)}</{tag}>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return "".join(out)


def cell_attrs(cell: TableCell) -> str:
    """A cell's spans (only those over 1, the default) and alignment."""
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.align:
        attrs += f' style="text-align: {cell.align}"'
    return attrs


class InlineRenderer:
    """Renders inline nodes; knows the footnotes, so that a call shows its
    number (and, placing notes on the page, carries the note's text)."""

    def __init__(
        self,
        note_numbers: dict[str, int],
        definitions: dict[str, FootnoteDef] | None = None,
        notes: NotePlacement = "section",
        direction: Direction = "ltr",
    ) -> None:
        self.note_numbers = note_numbers
        self.definitions = definitions or {}
        self.notes = notes
        #: The direction of the text being rendered: the document's, or a
        #: passage's (:class:`Span`) while its content is rendered.
        self.direction: Direction = direction
        #: References made so far to each note: a note referenced twice (Markdown
        #: allows it) needs a distinct id per reference, ids being unique.
        self.note_calls: dict[str, int] = {}

    def __call__(self, inlines: tuple[Inline, ...]) -> str:
        return "".join(self.render(node) for node in inlines)

    def render(self, node: Inline) -> str:
        match node:
            case Text(text):
                return directed_text(text, self.direction)
            case Emphasis(children):
                return f"<em>{self(children)}</em>"
            case Strong(children):
                return f"<strong>{self(children)}</strong>"
            case Strikethrough(children):
                return f"<s>{self(children)}</s>"
            case Superscript(children):
                return f"<sup>{self(children)}</sup>"
            case Subscript(children):
                return f"<sub>{self(children)}</sub>"
            case Code(text):
                return f"<code{code_dir(self.direction)}>{escape(text, quote=False)}</code>"
            case Link(target, children, title):
                attr = f' title="{escape(title)}"' if title else ""
                return f'<a href="{escape(target)}"{attr}>{self(children)}</a>'
            case LineBreak():
                return "<br/>"
            case FootnoteRef(label):
                number = self.note_numbers.get(label)
                if number is None:
                    return ""
                calls = self.note_calls[label] = self.note_calls.get(label, 0) + 1
                if self.notes == "page" and calls == 1 and label in self.definitions:
                    return self.page_note(self.definitions[label], number)
                ref_id = f"fnref-{label}" if calls == 1 else f"fnref-{label}-{calls}"
                return (
                    f'<a id="{escape(ref_id)}" class="noteref" href="#fn-{escape(label)}"'
                    f' epub:type="noteref" role="doc-noteref">{number}</a>'
                )
            case Span(children, lang):
                inner = self.within(children, lang)
                return (
                    f'<span lang="{escape(lang)}" xml:lang="{escape(lang)}"'
                    f"{dir_attr(lang, self.direction)}>{inner}</span>"
                )
        raise TypeError(f"not an inline: {node!r}")

    def within(self, children: tuple[Inline, ...], language: str) -> str:
        """``children`` of a passage in ``language``, rendered in its direction."""
        outer = self.direction
        self.direction = text_direction(language) if language else outer
        try:
            return self(children)
        finally:
            self.direction = outer

    def page_note(self, note: FootnoteDef, number: int) -> str:
        """A note's text at its call, for print. Its blocks become spans: a
        ``<p>`` inside the calling paragraph would end that paragraph."""
        paragraphs = "".join(
            f'<span class="footnote-paragraph">{self(block.children)}</span>'
            if isinstance(block, Paragraph)
            else f'<span class="footnote-paragraph">{escape(block_text(block))}</span>'
            for block in note.blocks
        )
        return (
            f'<span id="fn-{escape(note.label)}" class="footnote" role="doc-footnote"'
            f' data-number="{number}">{paragraphs}</span>'
        )


def block_text(block: Block) -> str:
    """The words of a block, for places that take text only."""
    match block:
        case Heading(_, children) | Paragraph(children):
            return plain_text(children)
        case BlockQuote(blocks) | FootnoteDef(_, blocks):
            return " ".join(block_text(inner) for inner in blocks)
        case ListBlock(items):
            return " ".join(block_text(inner) for item in items for inner in item.blocks)
        case DefinitionList(items):
            return " ".join(
                " ".join(
                    [plain_text(entry.term)]
                    + [
                        block_text(inner)
                        for definition in entry.definitions
                        for inner in definition
                    ]
                )
                for entry in items
            )
        case CodeBlock(text):
            return text
        case Figure(_, alt, caption):
            return plain_text(caption) or alt
        case Table(head, body, caption):
            cells = [plain_text(cell.children) for row in (*head, *body) for cell in row.cells]
            return " ".join([plain_text(caption), *cells]).strip()
    return ""


def xhtml_document(
    *, title: str, language: str, body: str, stylesheets: tuple[str, ...] = (), head: str = ""
) -> str:
    """A complete XHTML document around ``body`` (for writers that need one),
    its root in ``language`` and, where that is written from right to left,
    saying so (``dir="rtl"``): the base direction of everything in it."""
    links = "".join(
        f'<link rel="stylesheet" type="text/css" href="{escape(href)}"/>' for href in stylesheets
    )
    lang = escape(language)
    root = f'lang="{lang}" xml:lang="{lang}"{dir_attr(language, "ltr")}'
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}" {root}>'
        f'<head><meta charset="utf-8"/><title>{escape(title)}</title>{links}{head}</head>'
        f"<body>{body}</body></html>"
    )
