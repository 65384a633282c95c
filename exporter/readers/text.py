"""Plain-text reader: an article as people paste it, into the model.

Plain text has no markup, only layout: blank lines, short lines, line ends.
Each heuristic that reads structure from layout is a named function below with
its rule in the docstring, applied in this order:

1. :func:`split_blocks` – blocks between blank lines; in a text that puts
   a paragraph on each line without blank lines
   (:func:`puts_a_paragraph_on_each_line`), its lines.
2. :func:`extract_byline` – "Autor: X" / "By X" at the very start or end
   becomes the authors (:func:`~exporter.news.parse_byline`); a news agency
   named with them ("Von Anna Schmidt, dpa") or alone at the end ("(dpa)",
   :func:`~exporter.news.parse_agency_credit`) becomes the publisher, not an
   author.
3. :func:`find_dateline` – a line of the front matter that is only a date,
   perhaps after places ("Berlin, 12. März 2024", :func:`~exporter.news.is_dateline`),
   gives the date (:func:`~exporter.news.parse_dateline`); the line stays in the text.
4. :func:`detect_title_line` – a first short line before the body is the
   title; a dateline or picture credit is not, and may stand above it.
5. :func:`parse_list` / :func:`is_scene_break` – simple lists and "***".
6. :func:`unwrap_hard_wrapped_lines` – lines wrapped at a fixed width become
   one paragraph (:func:`rejoin_hyphenated_words` at each line end); other
   line breaks stay.
7. :func:`join_page_break_splits` – a paragraph cut in two by a page break is
   one paragraph again.
8. :func:`~exporter.readers.headings.heading_flags` – a short bare line with
   text to head is a section heading when the heading model, weighing many
   signals (its length, ending, case, neighbours…), says so; a picture
   credit ("Foto: dpa", :func:`~exporter.news.is_credit_line`), a dateline,
   a teaser or page debris (:mod:`exporter.debris`) never is, and stays a
   paragraph.

The text itself is kept verbatim: no quote, dash or space is changed here
(typography is a transform's job), and no word is dropped except the byline,
which moves to the metadata (names to the authors, agencies to the publisher).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from exporter.debris import debris_kind, stands_before_a_title
from exporter.diagnostics import Diagnostic, Outcome, notice
from exporter.errors import InputError
from exporter.model import (
    Block,
    Document,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    SceneBreak,
    Text,
)
from exporter.news import (
    BYLINE_LABEL,
    MAX_STANDALONE_CHARS,
    NAME_PARTICLES,
    Byline,
    is_credit_line,
    is_dateline,
    is_role_line,
    is_teaser_line,
    match_dateline,
    parse_agency_credit,
    parse_byline,
    parse_names,
    stands_alone,
    w3c_date,
    writer_of_note,
)
from exporter.readers.encoding import decode
from exporter.readers.headings import (
    FULL_STOP_INSIDE,
    NON_NAME_WORDS,
    QUESTION_MARKS,
    UNMARKED_SENTENCE_END,
    Judge,
    ends_like_a_sentence,
    ends_with_dangling_word,
    has_open_quote,
    is_name_alone,
    is_repeated_label,
    is_shop_button,
    is_web_address,
    opens_a_letter,
    opens_with_an_ellipsis,
    repeats_a_sentence,
    starts_like_a_heading,
    word_count,
)
from exporter.readers.headings import Block as HeadingBlock
from exporter.source import Source

#: A heading is at most this many words: section headings in articles are
#: 1–8 words, the shortest body paragraphs are sentences that end in a period.
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 100

#: The title line may be longer than a section heading ("X: what it means
#: for Y"), but it is still one line without a final period.
MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 160

#: A line right above the byline is the headline though it is longer than
#: a title line may be (never a line ending with a period: a lead paragraph
#: may stand above a byline too).
MAX_HEADLINE_WORDS = 30
MAX_HEADLINE_CHARS = 250

#: Nobody hard-wraps prose wider than this; a longer line of running text is
#: a whole paragraph (web pages pasted with single newlines between them).
MAX_WRAP_WIDTH = 100

#: Lines narrower than this are not wrapped prose but verse, addresses, lists.
MIN_WRAP_WIDTH = 50

#: A line ends at a wrap if its next word would not have fit within this
#: share of the block's widest line (text copied from a PDF was wrapped by
#: glyph widths, so its character counts vary by some 10 %).
WRAP_TOLERANCE = 0.85

#: A block is hard-wrapped prose if at least this share of its line ends are
#: wraps, and at least two of them (one in a block of two lines): the widest
#: line always passes the wrap test, so one wrap in a longer block proves nothing.
MIN_WRAP_SHARE = 0.5

#: A notice lists at most this many rejoined words: enough to check a few.
MAX_LISTED_WORDS = 10

#: Blocks of short lines at the start where a title and byline may stand.
MAX_FRONT_MATTER_BLOCKS = 3


@dataclass(frozen=True, slots=True)
class RawBlock:
    """Lines between blank lines, stripped, as the user typed them.
    ``after_a_line`` says no blank line parted it from the block before (a
    line of a text of a paragraph per line, :func:`split_blocks`); ``front``
    that it is a line of the page's front matter kept in the text (a
    standfirst or a kicker: :func:`mark_standfirsts`,
    :func:`is_kicker_over_title`): a paragraph, never a heading nor half of
    a page-break split."""

    lines: tuple[str, ...]
    after_a_line: bool = False
    front: bool = False


@dataclass(frozen=True, slots=True)
class TextChunk:
    """A text block after unwrapping: one line for a prose paragraph, several
    for lines whose breaks are meant (verse, an address). ``single`` says the
    input had it on one line, which a heading needs, or on two that a wrapper
    made of one (a heading longer than the wrap width)."""

    lines: tuple[str, ...]
    single: bool
    after_a_line: bool = False
    front: bool = False


@dataclass(frozen=True, slots=True)
class ListChunk:
    """A simple list; ``source`` keeps the lines in case it turns out not to be one."""

    ordered: bool
    start: int
    items: tuple[str, ...]
    source: tuple[str, ...]


Chunk = TextChunk | ListChunk | SceneBreak


def read(source: Source) -> Outcome:
    """Read a plain-text article."""
    text, diagnostics = decode(source.data, source.name)
    analysis = analyse(text, source.name)
    metadata = Metadata(
        title=analysis.title,
        authors=analysis.byline.authors,
        date=analysis.date,
        publisher=", ".join(analysis.byline.agencies),
    )
    judge = Judge([heading_view(chunk) for chunk in analysis.chunks])
    document = Document(metadata, build_blocks(analysis.chunks, judge))
    debris = debris_notice(analysis.chunks, judge)
    return Outcome(document, (*diagnostics, *analysis.notes, *debris))


@dataclass(frozen=True, slots=True)
class Analysis:
    """The text's blocks before they become the model's, and what was found
    around them: for :func:`read`, and for training the heading model on
    exactly what the reader sees (``benchmarks/train_headings.py``)."""

    chunks: tuple[Chunk, ...]
    title: str
    byline: Byline
    date: str
    notes: tuple[Diagnostic, ...]


def analyse(text: str, name: str = "input", join_splits: bool = True) -> Analysis:
    """Steps 1 to 7 of the module's docstring on decoded ``text`` (without
    joining page-break splits when ``join_splits`` is false: the blocks the
    join weighs, for training the heading model on them)."""
    blocks = split_blocks(text)
    if not blocks:
        raise InputError(f"{name}: the input holds no text")
    vocabulary = word_forms(text)
    rejoined: list[str] = []
    measure = page_width(blocks)
    tight = measure is not None and is_wrapped_by_count(blocks, measure)
    blocks = split_front_lines(unwrap_front_matter(blocks, vocabulary, rejoined, measure, tight))
    headline = is_headline_over_byline(blocks)
    blocks, byline, byline_notes = extract_byline(blocks, headline, lower_case_words(text))
    blocks = mark_standfirst_over_dateline(blocks)
    date, dateline_notes = find_dateline(blocks)
    blocks, title = detect_title_line(blocks, headline, text)
    if not blocks:
        raise InputError(f"{name}: the input holds a title or byline but no text")
    notes: list[Diagnostic] = [*byline_notes, *dateline_notes]
    if title:
        notes.append(notice("text.title", f'title: "{title}" (the first line)'))
    chunks = merge_lists(
        [chunk_block(block, vocabulary, rejoined, measure, tight) for block in blocks]
    )
    if join_splits:
        judge = Judge([heading_view(chunk) for chunk in chunks])
        chunks, joins = join_page_break_splits(chunks, vocabulary, rejoined, judge, text)
        notes.extend(joins)
    if rejoined:
        shown = ", ".join(rejoined[:MAX_LISTED_WORDS])
        more = len(rejoined) - MAX_LISTED_WORDS
        notes.append(
            notice(
                "text.hyphen-rejoined",
                "rejoined words hyphenated at a line end: "
                + shown
                + (f" and {more} more" if more > 0 else ""),
            )
        )
    return Analysis(tuple(chunks), title, byline, date, tuple(notes))


# --- blocks -----------------------------------------------------------------------


def unwrap_front_matter(
    blocks: Sequence[RawBlock],
    vocabulary: frozenset[str],
    rejoined: list[str],
    measure: int | None = None,
    tight: bool = False,
) -> list[RawBlock]:
    """The first blocks with hard-wrapped lines joined
    (:func:`unwrap_hard_wrapped_lines`), before the title and the byline are
    looked for: a title longer than the wrap width comes as two lines, and
    would otherwise be neither a title nor a heading. Lists and scene breaks
    are left as they are, for :func:`chunk_block`."""
    out = list(blocks)
    for index, block in enumerate(out[:MAX_FRONT_MATTER_BLOCKS]):
        if len(block.lines) < 2 or parse_list(block) is not None:
            continue
        out[index] = RawBlock(
            unwrap_hard_wrapped_lines(block.lines, vocabulary, rejoined, measure, tight)
        )
    return out


#: A block of front matter set without blank lines has at most this many lines.
MAX_FRONT_LINES = 6


def split_front_lines(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    """Each line of a block of the front matter set without blank lines
    ("Travel" / "The Night Train Returns" / "By Jane Doe" / "Published 4
    March 2024", as copied from a page's head) as a block of its own, so that
    the kicker, the title, the standfirst, the byline and the date are found
    as they are between blank lines. A block of the first
    :data:`MAX_FRONT_MATTER_BLOCKS` with more text after it, of two to
    :data:`MAX_FRONT_LINES` lines that unwrapping kept apart, each of a
    headline's length (:data:`MAX_HEADLINE_WORDS`), neither a list nor
    verse, holding a byline, a dateline, a credit, a writer's role or page
    debris (:func:`is_front_line`); or the first block of up to three lines, a
    title line over a longer line (a standfirst: "The Night Train Returns" /
    "Why Europe is falling in love with sleepers again", marked ``front``),
    perhaps the writer's name under them."""
    out: list[RawBlock] = []
    for index, block in enumerate(blocks):
        lines = block.lines
        standfirst = index == 0 and len(lines) >= 2 and is_title_over_standfirst(*lines[:2])
        if (
            index < min(MAX_FRONT_MATTER_BLOCKS, len(blocks) - 1)
            and 2 <= len(lines) <= MAX_FRONT_LINES
            and all(len(line.split()) <= MAX_HEADLINE_WORDS for line in lines)
            and parse_list(block) is None
            and not looks_like_verse(lines)
            and ((standfirst and len(lines) <= 3) or any(is_front_line(line) for line in lines))
        ):
            out.extend(
                RawBlock((line,), after_a_line=position > 0, front=standfirst and position == 1)
                for position, line in enumerate(lines)
            )
        else:
            out.append(block)
    return out


def is_front_line(line: str) -> bool:
    """A line of a page's head that is no title: a byline (perhaps with its
    date, :func:`byline_with_tail`), a dateline, a credit, a writer's role
    (:func:`~exporter.news.stands_alone`) or page debris
    (:func:`~exporter.debris.stands_before_a_title`)."""
    return (
        parse_byline(line) is not None
        or byline_with_tail(line) is not None
        or stands_before_a_title(line)
    )


def is_title_over_standfirst(first: str, second: str) -> bool:
    """Whether ``first`` is a title line and ``second`` a standfirst under
    it: a line of more words, :data:`MIN_STANDFIRST_WORDS` at least ("12
    Harbour Road" under "Anna Example" is an address), that starts as a
    heading may. A title wrapped in two lines is joined before this is asked
    (:func:`unwrap_front_matter`)."""
    return (
        is_title_line(first)
        and len(second.split()) > max(len(first.split()), MIN_STANDFIRST_WORDS - 1)
        and starts_like_a_heading(second)
        and parse_byline(second) is None
    )


def split_blocks(text: str) -> list[RawBlock]:
    """Blocks are separated by one or more blank (or whitespace-only) lines.

    Two kinds of line also stand as a block of their own even without blank
    lines around them: a scene break ("***"), and a line of running text wider
    than any hard wrap (:data:`MAX_WRAP_WIDTH`, at least ten words), because
    text copied from a web page puts single newlines between paragraphs.
    In a text that does so throughout (:func:`puts_a_paragraph_on_each_line`)
    every line of a block that holds such a paragraph stands alone: a heading
    or a short paragraph is no line of the paragraph under it. A block of
    short lines alone (an address, a price box) stays one.
    """
    blocks: list[RawBlock] = []
    current: list[str] = []
    lines = [raw.strip() for raw in text.split("\n")]
    short = sets_sentences_line_by_line(lines)
    line_per_paragraph = puts_a_paragraph_on_each_line(lines, short)

    def flush() -> None:
        if line_per_paragraph and any(is_paragraph_line(line, short) for line in current):
            blocks.extend(
                RawBlock((line,), after_a_line=index > 0) for index, line in enumerate(current)
            )
        elif current:
            blocks.append(RawBlock(tuple(current)))
        current.clear()

    for line in lines:
        if not line:
            flush()
        elif is_scene_break(line) or (is_long_prose_line(line) and not line_per_paragraph):
            flush()
            blocks.append(RawBlock((line,)))
        else:
            current.append(line)
    flush()
    return blocks


def is_long_prose_line(line: str) -> bool:
    return len(line) > MAX_WRAP_WIDTH and len(line.split()) >= 10


#: Characters of a script written without spaces that make a line prose.
MIN_UNSPACED_PROSE = 20

#: Paragraph lines set among other lines that make a text one of a
#: paragraph per line, in number and as a share of its paragraph lines.
MIN_LINES_AMONG_LINES = 2
MIN_SHARE_AMONG_LINES = 0.8


def is_paragraph_line(line: str, short: bool) -> bool:
    """A line no hard wrap made: longer than any (:data:`MAX_WRAP_WIDTH`
    characters: a wrapper that counts characters, not columns, makes lines
    of Korean up to twice as wide), of ten words or more or of Chinese or
    Japanese characters (written without spaces), ending a sentence (not
    :func:`ends_mid_sentence`): a paragraph on one line. With ``short`` (a
    text that sets its sentences line by line, :func:`sets_sentences_line_by_line`),
    also a shorter line ending a sentence (:func:`is_sentence_line`): short
    paragraphs are common, in Chinese and Japanese the rule."""
    return (
        len(line) > MAX_WRAP_WIDTH
        and (len(line.split()) >= 10 or len(UNSPACED.findall(line)) >= MIN_UNSPACED_PROSE)
        and not ends_mid_sentence(line)
    ) or (short and is_sentence_line(line))


#: A line of prose has this many words at least (Chinese or Japanese
#: characters counted as words are, :func:`~exporter.readers.headings.word_count`).
MIN_SENTENCE_LINE_WORDS = 6


def is_sentence_line(line: str) -> bool:
    """A line of prose (:data:`MIN_SENTENCE_LINE_WORDS` words or more)
    ending with a sentence (:func:`closes_a_sentence`: "…and the count went
    on.", "…と考えます。")."""
    return word_count(line) >= MIN_SENTENCE_LINE_WORDS and closes_a_sentence(line)


#: A text setting its sentences line by line has at most this many runs of
#: blank lines for each line ending a sentence.
MAX_BLANKS_PER_SENTENCE_LINE = 0.1


def sets_sentences_line_by_line(lines: Sequence[str]) -> bool:
    """Whether most of the text's lines of prose (:data:`MIN_SENTENCE_LINE_WORDS`
    words or more; at least :data:`MIN_LINES_AMONG_LINES`,
    :data:`MIN_SHARE_AMONG_LINES` of them) end with a sentence
    (:func:`is_sentence_line`), and hardly a blank line parts them
    (:data:`MAX_BLANKS_PER_SENTENCE_LINE`): paragraphs copied one to a line.
    A hard wrap cuts lines mid-sentence, all but a paragraph's last; a text
    setting each sentence on a line of its own (semantic line breaks) parts
    its paragraphs with blank lines."""
    prose = [line for line in lines if word_count(line) >= MIN_SENTENCE_LINE_WORDS]
    ending = sum(map(is_sentence_line, prose))
    # a blank line or more between two lines of text, not at either end
    blank_runs = sum(1 for before, line in itertools.pairwise(lines) if not before and line)
    blank_runs -= bool(lines) and not lines[0]
    return (
        ending >= max(MIN_LINES_AMONG_LINES, MIN_SHARE_AMONG_LINES * len(prose))
        and blank_runs <= MAX_BLANKS_PER_SENTENCE_LINE * ending
    )


def puts_a_paragraph_on_each_line(lines: Sequence[str], short: bool) -> bool:
    """Whether the text puts one newline between paragraphs and no blank
    line, as text copied from an app, an e-mail or a browser's reading view
    does: at least :data:`MIN_LINES_AMONG_LINES` of its paragraph lines
    (:func:`is_paragraph_line`, with ``short`` short ones too), and most of them
    (:data:`MIN_SHARE_AMONG_LINES`), have a line of text right above or
    below. A text with blank lines between its paragraphs sets a long line
    among others only where the page broke lines within a paragraph (a
    quoted tweet, a table of players' figures), and a hard-wrapped text ends
    few of its long lines with a sentence."""
    paragraphs = among_lines = 0
    for index, line in enumerate(lines):
        if not is_paragraph_line(line, short):
            continue
        paragraphs += 1
        neighbours = lines[max(0, index - 1) : index] + lines[index + 1 : index + 2]
        among_lines += any(neighbours)
    return among_lines >= max(MIN_LINES_AMONG_LINES, MIN_SHARE_AMONG_LINES * paragraphs)


SCENE_BREAK = re.compile(r"(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:~\s*){3,}|#|⁂")


def is_scene_break(line: str) -> bool:
    """A line of only "***", "* * *", "---", "___", "~~~", "#" or "⁂"."""
    return SCENE_BREAK.fullmatch(line) is not None


# --- byline (parsed by exporter.news) -------------------------------------------


def is_headline_over_byline(blocks: Sequence[RawBlock]) -> bool:
    """Whether the first block is a headline set over the byline: one line
    of up to :data:`MAX_HEADLINE_WORDS` words that starts as a heading may
    and ends as one may (:data:`SENTENCE_END`: not with a period or a comma;
    but one sentence of a title's length, :data:`MAX_TITLE_WORDS`, may end
    with a period, as some papers set their headlines), and the next block
    starts with a byline (:func:`~exporter.news.parse_byline`). Above a
    byline a line longer than a title line may be is the title still."""
    if not byline_follows_a_line(blocks):
        return False
    line = blocks[0].lines[0]
    headline_end = line[-1] not in SENTENCE_END or (
        line.endswith(".")
        and len(line.split()) <= MAX_TITLE_WORDS
        and INNER_SENTENCE_END.search(line[:-1]) is None
    )
    return (
        len(line.split()) <= MAX_HEADLINE_WORDS
        and len(line) <= MAX_HEADLINE_CHARS
        and headline_end
        and starts_like_a_heading(line)
        and not (stands_alone(line) or list_marker(line) or parse_byline(line))
    )


#: Where one sentence ends and another starts inside a line.
INNER_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+\S")


def byline_follows_a_line(blocks: Sequence[RawBlock]) -> bool:
    """Whether the text opens with a block of one line and the next block
    starts with a byline (:func:`~exporter.news.parse_byline`), more text
    after them: a headline or a lead over the byline. Not after a line
    ending with a colon, which leads into what follows it."""
    return (
        len(blocks) >= 3
        and len(blocks[0].lines) == 1
        and not blocks[0].lines[0].rstrip().endswith((":", "："))
        and parse_byline(blocks[1].lines[0]) is not None
    )


def extract_byline(
    blocks: Sequence[RawBlock], headline: bool = False, lower_words: frozenset[str] = frozenset()
) -> tuple[list[RawBlock], Byline, list[Diagnostic]]:
    """Take the byline out of the body into the metadata.

    A byline (:func:`parse_byline`) stands at the very start or the very end
    of the article:

    - at the start, any line of the front matter (:func:`is_front_matter`),
      the first blocks made only of short lines (title, byline, dateline,
      picture credit, in any order, with or without a blank line between
      them), before the first body text, and after a ``headline`` or a
      one-line lead over the byline (:func:`is_headline_over_byline`,
      :func:`byline_follows_a_line`) or a standfirst under the title
      (:func:`is_standfirst_over_byline`); an agency alone there must be in
      parentheses ("(dpa)"), since a bare "Reuters" may be a title;
    - at the end, the last block if it is a single line, or the last line of
      the last block if it is labelled ("Autor: X") or an agency in
      parentheses ("(dpa)"), since a bare "Von X" glued under a paragraph may
      be part of it. A bare agency line (:func:`parse_agency_credit`) counts
      here; after an agency line the line before it may be the byline, and
      the other way round ("Von Anna Schmidt" then "(dpa)").

    Under a title line, a line of names alone is the byline without its
    label (:func:`unlabelled_byline_under_title`: "Jane Doe", "Jane Doe and
    John Roe, CNN"), the words of ``lower_words`` being those the text also
    writes in lower case.

    At the start, a date, a place or a reading time after the byline on its
    line stays in the text (:func:`byline_with_tail`: "By Jane Doe | March 4,
    2024"), where a date gives the article's date.

    A byline found at both ends names the authors once, start first; the
    agencies likewise. Without one, a note about the writer closing the
    text names the author (:func:`~exporter.news.writer_of_note`: "Jane Roe
    is a reporter at the Courier."); it stays in the text.
    """
    kept = list(blocks)
    authors: list[str] = []
    agencies: list[str] = []
    notes: list[Diagnostic] = []

    def take(index: int, line_index: int, byline: Byline, rest: str = "") -> None:
        block = kept[index]
        line = block.lines[line_index]
        authors.extend(name for name in byline.authors if name not in authors)
        agencies.extend(name for name in byline.agencies if name not in agencies)
        taken = line.removesuffix(rest).rstrip(" ,|·•-–—") if rest else line
        notes.append(notice("text.byline", f'byline "{taken}": {byline_summary(byline)}'))
        kept_line = (rest,) if rest else ()
        lines = block.lines[:line_index] + kept_line + block.lines[line_index + 1 :]
        if lines:
            kept[index] = RawBlock(lines)
        else:
            del kept[index]

    found = False
    lead_over_byline = byline_follows_a_line(kept)
    for index, block in enumerate(kept[:MAX_FRONT_MATTER_BLOCKS]):
        if not (
            is_front_matter(block)
            or ((headline or lead_over_byline) and index == 0)
            or is_standfirst_over_byline(kept, index)
        ):
            break
        for line_index, line in enumerate(block.lines):
            byline = parse_byline(line) or parenthesised_agency_credit(line)
            if byline:
                take(index, line_index, byline)
                found = True
                break
            tailed = byline_with_tail(line)
            if tailed:
                take(index, line_index, *tailed)
                found = True
                break
        if found:
            mark_standfirsts(kept, index)
            if index == 2 and is_kicker_over_title(kept):
                kept[0] = replace(kept[0], front=True)
            break
    # under a kicker, the title is the second block; a standfirst may stand
    # between the title and the names
    first = 1 if is_kicker_over_title(kept) else 0
    for skipped in (0, 1) if not found else ():
        if skipped and not is_standfirst_line(kept, first + 1):
            break
        under_title = kept[first : first + 1] + kept[first + 1 + skipped :]
        unlabelled = unlabelled_byline_under_title(under_title, lower_words)
        if unlabelled is not None:
            mark_standfirsts(kept, first + 1 + skipped)
            if first:
                kept[0] = replace(kept[0], front=True)
            take(first + 1 + skipped, 0, *unlabelled)
            break
    taken_kinds: set[bool] = set()
    while kept:
        last = kept[-1]
        line = last.lines[-1]
        agency = parse_agency_credit(line)
        byline = parse_byline(line) or (Byline((), agency) if agency else None)
        if byline is None or (
            len(last.lines) > 1
            and not BYLINE_LABEL.fullmatch(line)
            and parenthesised_agency_credit(line) is None
        ):
            break
        kind = bool(byline.authors)  # a person's byline, or an agency line
        if kind in taken_kinds:
            break
        take(len(kept) - 1, len(last.lines) - 1, byline)
        taken_kinds.add(kind)
    writer = writer_of_note(" ".join(kept[-1].lines)) if kept and not authors else None
    if writer:
        # The note is the article's text, said about its writer: it stays.
        authors.append(writer)
        notes.append(notice("text.byline", f"the note about the writer names author {writer}"))
    return kept, Byline(tuple(authors), tuple(agencies)), notes


#: A standfirst is a sentence or two; a longer block is the article's text.
MAX_STANDFIRST_WORDS = 60


def mark_standfirsts(blocks: list[RawBlock], byline_index: int) -> None:
    """Mark as ``front`` the one-line blocks between the first block (the
    title) and the byline found in block ``byline_index``: a standfirst
    ("Why Europe is falling in love with sleepers again") reads like a
    heading, but heads nothing; it stays in the text as a paragraph."""
    for index in range(1, byline_index):
        if len(blocks[index].lines) == 1:
            blocks[index] = replace(blocks[index], front=True)


def mark_standfirst_over_dateline(blocks: Sequence[RawBlock]) -> list[RawBlock]:
    """Mark as ``front`` a standfirst (:func:`is_standfirst_line`) between a
    title line and a dateline ("Ascom announces a partnership…" / "Ascom
    and GE Healthcare announce…" / "2017-10-12"), as
    :func:`mark_standfirsts` does over a byline: a paragraph, no heading,
    and the dateline under it still dates the article."""
    out = list(blocks)
    if (
        len(out) > 3
        and len(out[0].lines) == 1
        and is_title_line(out[0].lines[0])
        and is_standfirst_line(out, 1)
        and is_dateline(out[2].lines[0])
    ):
        out[1] = replace(out[1], front=True)
    return out


#: A standfirst over a byline without a label is a phrase at least this long.
MIN_STANDFIRST_WORDS = 6


def is_standfirst_line(blocks: Sequence[RawBlock], index: int) -> bool:
    """Whether ``blocks[index]`` may be a standfirst over names without a
    label: one line of :data:`MIN_STANDFIRST_WORDS` to
    :data:`MAX_STANDFIRST_WORDS` words."""
    return (
        index < len(blocks)
        and len(blocks[index].lines) == 1
        and MIN_STANDFIRST_WORDS <= len(blocks[index].lines[0].split()) <= MAX_STANDFIRST_WORDS
    )


def is_standfirst_over_byline(blocks: Sequence[RawBlock], index: int) -> bool:
    """Whether ``blocks[index]`` is a standfirst (a dek): the one-line
    summary news pages set under the headline and over the byline, "The
    town votes to keep its crossing open, but the money may not last." A
    block of one line of at most :data:`MAX_STANDFIRST_WORDS` words, after
    the first block (the title), directly over a block that opens with a
    byline. It stays in the text, as its first paragraph."""
    return (
        0 < index < len(blocks) - 1
        and len(blocks[index].lines) == 1
        and len(blocks[index].lines[0].split()) <= MAX_STANDFIRST_WORDS
        and parse_byline(blocks[index + 1].lines[0]) is not None
    )


#: Between a byline and what its line sets after it: a bar, a middle dot, a
#: bullet or a spaced dash; a comma or "on" before a date. Names without a
#: label take only the first ones (``unlabelled``): "Stock Car - Calendar"
#: under a headline is no "Stock Car".
BYLINE_TAIL_SEPARATOR = re.compile(
    r"(?P<unlabelled>\s+[|·•]\s+|\s+[–—]\s+)|\s+-\s+|(?P<before_date>,\s+|\s+on\s+)"
)

#: A place after a byline is a few capitalised words: "London", "New York".
MAX_PLACE_WORDS = 3


def byline_with_tail(line: str) -> tuple[Byline, str] | None:
    """A byline naming persons (:func:`~exporter.news.parse_byline`) with a
    date, a place or a reading time after it on its line, and that tail: "By
    Jane Doe | March 4, 2024", "By Jane Doe, March 4, 2024", "By Jane Doe on
    Updated March 4, 2024", "Por Juan Pérez | Madrid", "By Jane Doe · 5 min
    read". After a comma or "on" only a date (:func:`~exporter.news.is_dateline`)."""
    for match in BYLINE_TAIL_SEPARATOR.finditer(line):
        byline = parse_byline(line[: match.start()])
        if byline is None or not byline.authors:
            continue
        tail = line[match.end() :].strip()
        if is_dateline(tail):
            return byline, tail
        if match["before_date"] is None and (
            debris_kind(tail) == "reading time" or is_place_name(tail)
        ):
            return byline, tail
    return None


def is_place_name(text: str) -> bool:
    """A place's name alone: one to :data:`MAX_PLACE_WORDS` capitalised words."""
    words = text.split()
    return 0 < len(words) <= MAX_PLACE_WORDS and all(
        word[:1].isupper() and word.replace("-", "").replace(".", "").isalpha() for word in words
    )


#: A person's name in an unlabelled byline has this many words.
UNLABELLED_NAME_WORDS = range(2, 4)

#: Words of a news page's labels, which no person is called: "Breaking
#: News", "Live Updates" under a headline are no byline. (A label is still
#: no heading: "Staff Reports" is a name alone to the heading test.)
NEWS_LABEL_WORDS = frozenset(
    {"news", "live", "breaking", "update", "updates", "report", "reports", "analysis"}
    | {"opinion", "review", "special", "exclusive", "guide", "video", "photos", "watch"}
    | {"latest", "today", "daily", "weekly", "staff", "team", "editors", "editorial"}
)


def unlabelled_byline_under_title(
    blocks: Sequence[RawBlock], lower_words: frozenset[str]
) -> tuple[Byline, str] | None:
    """The byline many pages set without "By" under the headline, and what
    follows the names on its line (kept in the text, as by
    :func:`byline_with_tail`): the second block, one line of persons' names
    alone (:func:`~exporter.news.parse_names`, perhaps with an outlet after a
    comma, or a date after "·", "|" or a spaced en or em dash), perhaps
    with the writer's role or handle on the next line
    (:func:`~exporter.news.is_role_line`: "Transport correspondent",
    "@janedoe", which stays in the text), under a first block of one title
    line (:func:`is_title_line`), more text after it.
    Each name is two or three capitalised words, none of them a word the
    text writes in lower case (``lower_words``: "Key Findings" in a text
    about findings) or one no name is made of
    (:data:`~exporter.readers.headings.NON_NAME_WORDS`: "What Comes Next";
    :data:`NEWS_LABEL_WORDS`: "Breaking News"); a name's particles aside
    ("Ursula von der Leyen")."""
    if len(blocks) < 3 or len(blocks[0].lines) != 1:
        return None
    if not (
        len(blocks[1].lines) == 1
        or (len(blocks[1].lines) == 2 and is_role_line(blocks[1].lines[1]))
    ):
        return None
    if not is_title_line(blocks[0].lines[0]):
        return None
    line = blocks[1].lines[0]
    separator = next(
        (match for match in BYLINE_TAIL_SEPARATOR.finditer(line) if match["unlabelled"]), None
    )
    head, tail = (line[: separator.start()], line[separator.end() :]) if separator else (line, "")
    names = parse_names(head) if len(head.split()) <= MAX_HEADING_WORDS else None
    if not names:
        return None
    for name in names:
        words = [word for word in WORD.findall(name) if word not in NAME_PARTICLES]
        folded = [word.casefold() for word in words]
        if len(words) not in UNLABELLED_NAME_WORDS or any(
            word in lower_words or word in NON_NAME_WORDS or word in NEWS_LABEL_WORDS
            for word in folded
        ):
            return None
    return Byline(names, ()), tail.strip()


def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case somewhere."""
    return frozenset(word for word in WORD.findall(text) if word.islower())


def parenthesised_agency_credit(line: str) -> Byline | None:
    """An agency line in parentheses or brackets ("(dpa)", "[AFP]"): one that
    cannot be a title or part of a sentence."""
    if not line.startswith(("(", "[")):
        return None
    agencies = parse_agency_credit(line)
    return Byline((), agencies) if agencies else None


def byline_summary(byline: Byline) -> str:
    """What a notice says a byline gave: "author A", "authors A, B, publisher dpa"."""
    parts = []
    if byline.authors:
        plural = "s" if len(byline.authors) > 1 else ""
        parts.append(f"author{plural} {', '.join(byline.authors)}")
    if byline.agencies:
        parts.append(f"publisher {', '.join(byline.agencies)}")
    return ", ".join(parts) + " (left the body)"


def is_front_matter(block: RawBlock) -> bool:
    """At most three lines, each a short title-like line, a byline (perhaps
    with its date, :func:`byline_with_tail`), a dateline, a picture credit or
    page debris (:func:`stands_before_a_title`)."""
    return len(block.lines) <= 3 and all(
        parse_byline(line)
        or byline_with_tail(line)
        or parenthesised_agency_credit(line)
        or is_title_line(line)
        or stands_before_a_title(line)
        for line in block.lines
    )


def find_dateline(blocks: Sequence[RawBlock]) -> tuple[str, list[Diagnostic]]:
    """The date of the first dateline (:func:`~exporter.news.is_dateline`) among the front
    matter's lines (:func:`is_front_matter`), for the metadata; a standfirst
    (``front``) is passed over, and not counted among the first
    :data:`MAX_FRONT_MATTER_BLOCKS`.

    The line itself stays in the text, where it stood: the metadata has no
    field for the places, and the reader of a news article expects the
    dateline above it. A dateline whose day does not exist gives no date, and
    a notice says so.
    """
    front = [block for block in blocks if not block.front][:MAX_FRONT_MATTER_BLOCKS]
    for block in front:
        if not is_front_matter(block):
            break
        for line in block.lines:
            match = match_dateline(line)
            if match is None:
                continue
            date = w3c_date(match)
            if not date:
                message = f'the dateline "{line}" names no existing day; no date is set'
                return "", [notice("text.dateline-invalid", message)]
            return date, [notice("text.dateline", f'date {date} from the dateline "{line}"')]
    return "", []


# --- title and headings ---------------------------------------------------------

SENTENCE_END = ".,;:…"


def is_heading_line(
    line: str, max_words: int = MAX_HEADING_WORDS, max_chars: int = MAX_HEADING_CHARS
) -> bool:
    """A line that can be a heading: short (≤ ``max_words`` words and
    ``max_chars`` characters), starting as a heading may
    (:func:`~exporter.readers.headings.starts_like_a_heading`: not in lower
    case, but "7 key questions" and "iPhone 11 review"), and not ending like
    a sentence or clause (".", ",", ";", ":", "…").

    A heading may end with "?" ("Was nun?" is a common section heading in
    journalism) but not with "!", which in prose is an exclamation; list items,
    scene breaks, picture credits and datelines (:func:`~exporter.news.stands_alone`) are
    never headings.
    """
    words = line.split()
    if not 1 <= len(words) <= max_words or len(line) > max_chars:
        return False
    if line[-1] in SENTENCE_END or line.endswith("!"):
        return False
    if not starts_like_a_heading(line):
        return False
    return not (is_scene_break(line) or list_marker(line) or stands_alone(line))


def is_title_line(line: str) -> bool:
    """A line that can be the title: as a heading (:func:`is_heading_line`),
    up to :data:`MAX_TITLE_WORDS` words, and it may end with "!" (a
    headline may exclaim, where a section heading in prose does not)."""
    return is_heading_line(line.removesuffix("!"), MAX_TITLE_WORDS, MAX_TITLE_CHARS) and not (
        line.endswith("!!")
    )


def detect_title_line(
    blocks: Sequence[RawBlock], headline: bool = False, text: str = ""
) -> tuple[list[RawBlock], str]:
    """The first block is the title if it is one line that could head the
    text (:func:`is_heading_line`, up to :data:`MAX_TITLE_WORDS` words), or
    the ``headline`` that stood over the byline (:func:`is_headline_over_byline`),
    and more text follows it, not continuing it (then it is the start of a
    sentence cut by a page break, :func:`continues_across`). A title leaves
    the body for the metadata.

    A dateline, a picture credit, an editors' note or page debris
    (:func:`~exporter.debris.stands_before_a_title`) is never the title, but
    may stand above it ("12.03.2024", "Opinion", then the headline): the
    title is then the first block after such one-line blocks, and they stay
    in the body; so do such lines under the title in its own block
    (:func:`stands_over_front_lines`), and a kicker over the title
    (:func:`is_kicker_over_title`), as a paragraph, where the page's head
    under the title says so: the byline was there (:func:`extract_byline`
    marks the kicker ``front``) or a dateline is (a two-word title over a
    first heading is the title still). A standfirst under it
    (``front``, :func:`mark_standfirsts`) does not continue it, though it
    may open with the title's last words ("…and More" / "Black Friday is
    Next Week").
    """
    blocks = list(blocks)
    start = 0
    while (
        start < MAX_FRONT_MATTER_BLOCKS - 1
        and start < len(blocks)
        and len(blocks[start].lines) == 1
        and stands_before_a_title(blocks[start].lines[0])
    ):
        start += 1
    if is_kicker_over_title(blocks[start:]) and (
        blocks[start].front or stands_alone(blocks[start + 2].lines[0])
    ):
        blocks[start] = replace(blocks[start], front=True)
        start += 1
    if len(blocks) > start + 1 and len(blocks[start].lines) == 1:
        line = blocks[start].lines[0]
        following = blocks[start + 1]
        if (is_title_line(line) or (headline and start == 0)) and (
            following.front or not continues_across(line, following.lines[0], text)
        ):
            return [*blocks[:start], *blocks[start + 1 :]], line
    if len(blocks) > start + 1 and stands_over_front_lines(blocks[start]):
        first, *rest = blocks[start].lines
        return [*blocks[:start], RawBlock(tuple(rest)), *blocks[start + 1 :]], first
    return list(blocks), ""


#: A kicker is short; the headline under it is longer by this factor, and
#: at least this many words.
MAX_KICKER_WORDS = 2
KICKER_TO_TITLE_WORDS = 2
MIN_KICKED_TITLE_WORDS = 4


def is_kicker_over_title(blocks: Sequence[RawBlock]) -> bool:
    """Whether the first block is a kicker: the section or topic a page
    sets over its headline ("Travel", "Analysis", "Climate crisis", "Euro
    2024"): one line of at most :data:`MAX_KICKER_WORDS` words ("Opening
    Bell 11.18.19" is a title) without a comma ("BAAR, SWITZERLAND" is a
    dateline's place), shaped as a title (:func:`is_title_line`) but not a
    question, over a one-line title at
    least :data:`KICKER_TO_TITLE_WORDS` times as long and of
    :data:`MIN_KICKED_TITLE_WORDS` words or more, more text after it. A
    headline of three words is rare; a section heading over a subheading
    ("Introduction" / "What the study found") has body text, not a byline,
    to head, and the title is looked for at the top only; the callers ask
    for a byline or dateline under the title besides."""
    if len(blocks) < 3 or len(blocks[0].lines) != 1 or len(blocks[1].lines) != 1:
        return False
    kicker, title = blocks[0].lines[0], blocks[1].lines[0]
    kicker_words, title_words = len(kicker.split()), len(title.split())
    return (
        kicker_words <= MAX_KICKER_WORDS
        and "," not in kicker
        and is_title_line(kicker)
        and not kicker.endswith(tuple(QUESTION_MARKS))
        and title_words >= max(MIN_KICKED_TITLE_WORDS, KICKER_TO_TITLE_WORDS * kicker_words)
        and is_title_line(title)
        and parse_byline(title) is None
    )


def stands_over_front_lines(block: RawBlock) -> bool:
    """Whether ``block`` is a title line over lines a page sets under its
    headline, without a blank line between them (as text copied from some
    pages comes): a dateline, a credit, an editors' note or page debris
    (:func:`stands_on_its_own`, :func:`~exporter.debris.stands_before_a_title`):
    "The Bridge We Lost" / "March 4, 2024"."""
    first, *rest = block.lines
    return (
        bool(rest)
        and is_title_line(first)
        and all(stands_on_its_own(line) or stands_before_a_title(line) for line in rest)
    )


def continues_across(line: str, following: str, text: str = "") -> bool:
    """Whether the first line's sentence runs on into ``following``, as a
    page break leaves it: ``following`` starts in lower case, or the line
    ends with a word that leads into more text ("…and the",
    :func:`~exporter.readers.headings.ends_with_dangling_word`), or
    ``following`` opens with a number its sentence goes on from
    (:func:`opens_with_a_number_in_a_sentence`: "…a deal to purchase" / "30
    of Boeing's jets, …"), or the
    break falls inside a name the whole ``text`` writes elsewhere
    (:func:`splits_a_phrase`: "…created by Michael" / "Anastassiades,
    acclaimed…", where "Michael Anastassiades" recurs). Such a line is the
    start of a paragraph, not a title. No sentence runs on into a line that
    stands alone (:func:`~exporter.news.stands_alone`: a credit, a writer's
    handle "@janedoe")."""
    return not stands_alone(following) and (
        starts_lower_case(following)
        or ends_with_dangling_word(line)
        or opens_with_a_number_in_a_sentence(following)
        or (bool(text) and splits_a_phrase(line, following, text))
    )


# --- lists --------------------------------------------------------------------------

BULLET = re.compile(r"[-*•]\s+(?P<text>\S.*)")
NUMBER = re.compile(r"(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)")

#: A line led by one sign, perhaps in its emoji form (U+FE0F) or with a
#: skin tone, then a space: "✅ Free delivery", "▪ eins", "👉🏽 one".
SIGN_ITEM = re.compile(r"(?P<sign>\S[\ufe0f\U0001f3fb-\U0001f3ff]?)\s+(?P<text>\S.*)")

#: Arrows set as bullets; other signs are Unicode's symbols ("So") but
#: those that belong to what follows them ("© 2024", "° C").
ARROW_BULLETS = frozenset("→⇒➝‣")
NO_BULLETS = frozenset("©®℗™°№℮")


def bullet_sign(line: str) -> str | None:
    """The sign ``line`` opens with as a bullet, if it does: a symbol
    (Unicode's category "So": "▪", "►", "✓", "✅", "👉") or an arrow
    (:data:`ARROW_BULLETS`), then a space and the item. Newsletters and
    posts set lists so; :func:`parse_list` takes such lines as a list only
    where each item repeats the same sign."""
    match = SIGN_ITEM.fullmatch(line)
    if match is None:
        return None
    first = match["sign"][0]
    if first in NO_BULLETS:
        return None
    return match["sign"] if unicodedata.category(first) == "So" or first in ARROW_BULLETS else None


def list_marker(line: str) -> tuple[bool, int] | None:
    """``(ordered, number)`` if ``line`` starts a list item, else ``None``."""
    if BULLET.fullmatch(line):
        return False, 0
    match = NUMBER.fullmatch(line)
    if match:
        return True, int(match["number"])
    return None


def parse_list(
    block: RawBlock, vocabulary: frozenset[str] = frozenset(), rejoined: list[str] | None = None
) -> ListChunk | None:
    """A block whose first line starts with "- ", "* ", "• ", "1. " or "1)"
    is a list. Each such line starts an item, other lines continue the item
    before them (a wrapped item, a word hyphenated at its line's end
    rejoined as in a paragraph: :func:`rejoin_hyphenated_words`, which lists
    it in ``rejoined``). Bullets and numbers may not mix, and numbers must
    count up by one, else it is not a list but text.

    A sign as the bullet (:func:`bullet_sign`: "✅ ", "▪ ") makes a list
    where every item has the same: "✅ Fast" over "❌ Expensive" sets
    meanings apart, which the signs keep as text."""
    sign = bullet_sign(block.lines[0])
    if sign is not None:
        return parse_signed_list(block, sign, vocabulary, rejoined)
    first = list_marker(block.lines[0])
    if first is None:
        return None
    ordered, start = first
    items: list[str] = []
    for line in block.lines:
        marker = list_marker(line)
        if marker is None:
            items[-1] = rejoin_hyphenated_words(
                items[-1], line, vocabulary, [] if rejoined is None else rejoined
            )
            continue
        if marker[0] != ordered or (ordered and marker[1] != start + len(items)):
            return None
        match = (NUMBER if ordered else BULLET).fullmatch(line)
        assert match is not None
        items.append(match["text"])
    return ListChunk(ordered, start, tuple(items), block.lines)


def parse_signed_list(
    block: RawBlock, sign: str, vocabulary: frozenset[str], rejoined: list[str] | None
) -> ListChunk | None:
    """:func:`parse_list` for a list whose bullet is ``sign``: a line led by
    another sign or bullet makes the block text."""
    items: list[str] = []
    for line in block.lines:
        match = SIGN_ITEM.fullmatch(line)
        if match is not None and match["sign"] == sign:
            items.append(match["text"])
        elif bullet_sign(line) is not None or list_marker(line) is not None:
            return None
        else:
            items[-1] = rejoin_hyphenated_words(
                items[-1], line, vocabulary, [] if rejoined is None else rejoined
            )
    return ListChunk(False, 0, tuple(items), block.lines)


def merge_lists(chunks: Sequence[Chunk]) -> list[Chunk]:
    """Join list blocks that follow each other (items separated by blank
    lines; with a sign for a bullet, the same sign), then turn numbered
    "lists" of one item back into text: "1. Mai war ein Feiertag." on its
    own is a sentence, not a list; so is a dash going on with a clause
    (:func:`is_dash_before_a_clause`), and one line led by a sign ("👉 Read
    the full report")."""
    merged: list[Chunk] = []
    for chunk in chunks:
        previous = merged[-1] if merged else None
        if (
            isinstance(chunk, ListChunk)
            and isinstance(previous, ListChunk)
            and chunk.ordered == previous.ordered
            and bullet_sign(chunk.source[0]) == bullet_sign(previous.source[0])
            and (not chunk.ordered or chunk.start == previous.start + len(previous.items))
        ):
            merged[-1] = replace(
                previous,
                items=previous.items + chunk.items,
                source=previous.source + chunk.source,
            )
        else:
            merged.append(chunk)
    return [
        TextChunk(chunk.source, len(chunk.source) == 1)
        if isinstance(chunk, ListChunk)
        and (
            ((chunk.ordered or bullet_sign(chunk.source[0])) and len(chunk.items) < 2)
            or is_dash_before_a_clause(chunk)
        )
        else chunk
        for chunk in merged
    ]


def is_dash_before_a_clause(chunk: ListChunk) -> bool:
    """Whether ``chunk`` is a "list" of one item marked with a hyphen that
    opens in lower case: a dash set as punctuation with spaces around it,
    which a page break left at a line's start ("…known as the ‘black death"
    / "- which affects lymph nodes…"). A list's item opens in upper case, or
    stands among others."""
    return (
        not chunk.ordered
        and len(chunk.items) == 1
        and chunk.source[0].startswith("- ")
        and starts_lower_case(chunk.items[0])
    )


# --- unwrapping --------------------------------------------------------------------


def chunk_block(
    block: RawBlock,
    vocabulary: frozenset[str],
    rejoined: list[str],
    measure: int | None = None,
    tight: bool = False,
) -> Chunk:
    """Classify one block: scene break, list, or text (unwrapped)."""
    if len(block.lines) == 1 and is_scene_break(block.lines[0]):
        return SceneBreak()
    parsed = parse_list(block, vocabulary, rejoined)
    if parsed is not None:
        return parsed
    lines = unwrap_hard_wrapped_lines(block.lines, vocabulary, rejoined, measure, tight)
    single = len(block.lines) == 1 or (len(block.lines) == 2 and len(lines) == 1)
    return TextChunk(lines, single, block.after_a_line, block.front)


def page_width(blocks: Sequence[RawBlock]) -> int | None:
    """The width the text was hard-wrapped at, if it was: the 90th
    percentile of the lengths of the lines that end a wrap (all but the last
    of blocks of three lines or more), when at least
    :data:`MIN_MEASURED_LINES` such lines set it between
    :data:`MIN_WRAP_WIDTH` and :data:`MAX_WRAP_WIDTH`. A block of two lines
    (a title too long for the width) is judged by it, where its own widest
    line says little.

    A text whose lines often run past that width
    (:data:`MAX_OVERRUN_SHARE`) was not wrapped at it: its paragraphs are
    single long lines, and its blocks of several lines are lists."""
    lengths = sorted(
        columns(line) for block in blocks if len(block.lines) >= 3 for line in block.lines[:-1]
    )
    if len(lengths) < MIN_MEASURED_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    lines = [line for block in blocks for line in block.lines]
    overruns = sum(columns(line) > OVERRUN * width for line in lines)
    return width if overruns <= MAX_OVERRUN_SHARE * len(lines) else None


def is_wrapped_by_count(blocks: Sequence[RawBlock], measure: int) -> bool:
    """Whether the text was wrapped by counting characters, as a fixed-width
    wrapper does (not from a PDF's glyph widths): at every line end that
    surely is a wrap (the next line goes on in lower case), the next word
    would have run past ``measure``; at least :data:`MIN_MEASURED_LINES`
    such line ends."""
    ends = [
        columns(line) + 1 + columns(first_unit(following))
        for block in blocks
        if len(block.lines) >= 3
        for line, following in itertools.pairwise(block.lines)
        if starts_lower_case(following)
    ]
    return len(ends) >= MIN_MEASURED_LINES and all(end > measure for end in ends)


#: Lines needed to measure the width a text was wrapped at.
MIN_MEASURED_LINES = 6

#: A line longer than this many times the measured width overruns it. A
#: wrapped text has few such lines (a long address, a wide table row); one
#: whose paragraphs are single lines has many (a fifth to two fifths of the
#: lines of the benchmark's unwrapped texts that have lists).
OVERRUN = 1.15
MAX_OVERRUN_SHARE = 0.1


def unwrap_hard_wrapped_lines(
    lines: Sequence[str],
    vocabulary: frozenset[str],
    rejoined: list[str],
    measure: int | None = None,
    tight: bool = False,
) -> tuple[str, ...]:
    """Join lines that were wrapped at a fixed width; keep meant line breaks.

    A line end is a wrap when the next line's first word would not have fit
    on the line: ``len(line) + 1 + len(next word) > WRAP_TOLERANCE * W``,
    ``W`` being the block's widest line. That is how every wrapper decides,
    and it also accepts a short line before a long word or URL. A block is
    hard-wrapped prose when it is at least :data:`MIN_WRAP_WIDTH` wide and
    at least half of its line ends, and two, are wraps (:data:`MIN_WRAP_SHARE`);
    then wraps are joined
    (:func:`rejoin_hyphenated_words`) and any other break stays a line break
    ("Hi Bob," above a wrapped e-mail), and so does a break before a line
    that stands on its own (:func:`stands_on_its_own`: "By Jane Roe" under
    the title). Otherwise – verse
    (:func:`looks_like_verse`), an address, a list of short lines – every
    line break stays.

    Where the whole text's wrap width is known (``measure``, from
    :func:`page_width`), ``W`` is at least that, and lines that fill it are
    prose whatever their capitals say (a news paragraph of names is no poem).
    Where that width was kept to the character (``tight``,
    :func:`is_wrapped_by_count`), a line end is a wrap only if the next word
    would not have fit within it: a list item that ends short of the width
    by more than its next line's first word was no wrap.
    """
    if len(lines) < 2:
        return tuple(lines)
    width = max(columns(line) for line in lines)
    if measure is not None:
        width = max(width, measure)
    limit = measure if tight and measure is not None else WRAP_TOLERANCE * width
    wraps = [
        columns(line) + 1 + columns(first_unit(following)) > limit
        # a line filling the measure is wrapped prose, no line of its own
        and (columns(following) >= WRAP_TOLERANCE * width or not stands_on_its_own(following))
        for line, following in itertools.pairwise(lines)
    ]
    fills_measure = measure is not None and all(
        columns(line) >= WRAP_TOLERANCE * measure for line in lines[:-1]
    )
    if (
        width < MIN_WRAP_WIDTH
        or sum(wraps) < max(MIN_WRAP_SHARE * len(wraps), min(2, len(wraps)))
        or (looks_like_verse(lines) and not fills_measure)
        or (measure is None and capitalises_every_line(lines))
    ):
        if measure is None or looks_like_verse(lines):
            return tuple(lines)
        # A block of short lines in a wrapped text: only a line the wrapper
        # itself broke, one filling the measure, goes on in the next.
        wraps = [
            wrap and is_wrapped_at_measure(line, following, measure)
            for (line, following), wrap in zip(itertools.pairwise(lines), wraps, strict=True)
        ]
    joined = [lines[0]]
    for line, wrap in zip(lines[1:], wraps, strict=True):
        if wrap:
            joined[-1] = rejoin_hyphenated_words(joined[-1], line, vocabulary, rejoined)
        else:
            joined.append(line)
    return tuple(joined)


def is_wrapped_at_measure(line: str, following: str, measure: int) -> bool:
    """Whether a wrapper working at ``measure`` columns broke ``line``
    before ``following``, in a block whose other breaks are meant (a list of
    concert dates, a table of players' figures): the line fills the measure
    (:data:`WRAP_TOLERANCE`) and plainly goes on: ``following`` starts in
    lower case ("…1 QH, 1" / "pass defended."), the line ends with a comma
    or a dash ("…Amphitheatre)," / "Alpharetta, GA"), or ``following`` is a
    short tail (:data:`WRAP_TAIL_SHARE` of the measure: "…(formerly Verizon"
    / "Amphitheatre)"). A full line before another that starts in upper case
    is the list's next line."""
    if columns(line) < WRAP_TOLERANCE * measure:
        return False
    return (
        starts_lower_case(following)
        or line[-1] in ",-–—"
        or columns(following) <= WRAP_TAIL_SHARE * measure
    )


#: The longest tail of a wrapped line in a list, as a share of the measure.
WRAP_TAIL_SHARE = 0.33


#: Characters a fixed-width font draws two columns wide (Unicode's East Asian
#: Width "W" and "F": Hangul, CJK, kana, full-width forms).
WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def columns(line: str) -> int:
    """The width of ``line`` in a fixed-width font: Chinese, Japanese and
    Korean characters take two columns, as wrappers count them."""
    if line.isascii():
        return len(line)
    return len(line) + len(WIDE.findall(line))


def first_unit(line: str) -> str:
    """What a wrapper would have had to fit first of ``line``: its first
    word, or its first character in a script without spaces."""
    word = line.split()[0]
    return word[0] if UNSPACED.match(word) else word


def stands_on_its_own(line: str) -> bool:
    """A line no wrap leads into: a byline, an agency in parentheses, a
    credit, a dateline or a teaser (:func:`~exporter.news.stands_alone`)
    under the line before it."""
    return (
        parse_byline(line) is not None
        or parenthesised_agency_credit(line) is not None
        or stands_alone(line)
    )


LINE_END_PUNCTUATION = ",.;:!?…–—"


def capitalises_every_line(lines: Sequence[str]) -> bool:
    """At least three lines, each starting with a capital letter: verse
    (:func:`looks_like_verse`) or, in a text not wrapped at a width (no
    measure), a list of lines ("Your email list will grow" / "Your products
    will benefit"), where wrapped prose would go on in lower case on most of
    its lines."""
    return len(lines) >= 3 and all(
        next((char for char in line if char.isalpha()), "a").isupper() for line in lines
    )


def looks_like_verse(lines: Sequence[str]) -> bool:
    """Verse: at least three lines, each starting with a capital letter, and
    at least half of the line ends (the last aside) on punctuation.

    Wrapped prose continues mid-sentence, mostly in lower case, and its line
    ends fall on punctuation only where a clause happens to end; a poem
    capitalises every line and ends most on a comma or period. Checked on top
    of the width rule, since a sonnet's lines are as even as wrapped prose.
    """
    if not capitalises_every_line(lines):
        return False
    ends = sum(1 for line in lines[:-1] if line[-1] in LINE_END_PUNCTUATION)
    return ends >= (len(lines) - 1) / 2


WORD = re.compile(r"\w+(?:-\w+)*")

#: Letters and punctuation of scripts written without spaces between words
#: (Chinese, Japanese; not Korean, which spaces its words).
UNSPACED = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
HYPHENATED_END = re.compile(r"(?<!\w)(?P<left>\w+)(?P<hyphen>[-\u2010\u00ad])$")
LEADING_WORD = re.compile(r"\w+")


def word_forms(text: str) -> frozenset[str]:
    """Every word and hyphenated compound of the text, lower-cased: the
    evidence :func:`rejoin_hyphenated_words` checks a spelling against."""
    return frozenset(WORD.findall(text.lower()))


def rejoin_hyphenated_words(
    left: str, right: str, vocabulary: frozenset[str], rejoined: list[str]
) -> str:
    """Join two wrapped lines; a word hyphenated across them is rejoined only
    where that is safe.

    For "…Nach-" + "richten…" (a letter, a hyphen, the line end), in order:

    1. a soft hyphen (U+00AD) at the end was a break hint: the word is joined
       and the soft hyphen kept (it is invisible and still a break hint);
    2. if the second half starts with a capital or a digit, the hyphen is
       real and stays: "Nord-Süd", "Win-Win", "E-Mail", "Covid-19" – a word
       broken for layout continues in lower case;
    3. if the first half is a single letter ("x-ray") or ends in a digit
       ("20-jährig"), the hyphen stays;
    4. if the text spells the word elsewhere, that spelling wins: "well-known"
       elsewhere keeps "well-\\nknown" hyphenated, "Nachrichten" joins it;
    5. otherwise the hyphen was a line-end break and is removed: "Nachrichten".

    Rule 5 joins a compound with a lower-case second half that the text
    never spells out ("well-\\nknown" alone becomes "wellknown"); every word
    joined that way is listed in a notice so the user can check it.
    """
    match = HYPHENATED_END.search(left)
    first = LEADING_WORD.match(right)
    if UNSPACED.match(left[-1:]) and UNSPACED.match(right[:1]):
        return left + right  # Chinese and Japanese put no space between words
    if match is None or first is None:
        return f"{left} {right}"
    head, hyphen, tail = match["left"], match["hyphen"], first.group()
    if hyphen == "\u00ad":
        return left + right
    if not tail[0].isalpha() or tail[0].isupper() or head[-1].isdigit() or len(head) == 1:
        return left + right
    hyphenated, closed = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
    if hyphenated in vocabulary and closed not in vocabulary:
        return left + right
    rejoined.append(head + tail)
    return left[: -len(hyphen)] + right


# --- page breaks ------------------------------------------------------------------

URL_OR_EMAIL = re.compile(
    r"(?:\w+://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*|\S+@\S+\.\w+|[#@]\w+"
)


#: A signature after a dash that follows a sentence's end, closing a letter
#: or a quotation: "…a beautiful country? -- FEELING LIKE SECOND RATE",
#: "…never give up.” — Jane Roe".
SIGNATURE_AFTER_A_SENTENCE = re.compile(
    r"[.!?…][\"'”’»)]*\s+(?:--|—|–)\s*(?P<name>[^\W\d_][^.!?…]*)$"
)

#: A signature is a name or a pen name, capitalised: a longer tail after a
#: dash, or one in lower case, is prose.
MAX_SIGNATURE_WORDS = 6


def ends_mid_sentence(text: str) -> bool:
    """Whether ``text`` stops inside a sentence: it ends with a letter, a
    digit, a comma or a hyphen/dash, not with sentence-final punctuation
    (. ! ? … : ;), a closing quote or bracket, and its last word is not a URL
    (also a domain with a path: "pic.twitter.com/4p7SXk7JPW" ends an embedded
    post), an e-mail address, a hashtag or a handle (which often end a
    paragraph without a period), nor a signature after a dash that follows a
    sentence (:data:`SIGNATURE_AFTER_A_SENTENCE`, up to
    :data:`MAX_SIGNATURE_WORDS` words: a letter's writer, a quotation's
    author). A text in a script that marks no sentence end (Thai, Lao:
    :data:`~exporter.readers.headings.UNMARKED_SENTENCE_END`) never shows that
    it stops mid-sentence: every paragraph ends with a letter there."""
    last = text[-1]
    if not (last.isalnum() or last in ",-–—") or UNMARKED_SENTENCE_END.match(last):
        return False
    if URL_OR_EMAIL.fullmatch(text.split()[-1]) is not None:
        return False
    # the signature follows the text's last sentence end: no need to search
    end = max(map(text.rfind, ".!?…"))
    signature = SIGNATURE_AFTER_A_SENTENCE.match(text, end) if end >= 0 else None
    return (
        signature is None
        or not signature["name"][0].isupper()
        or len(signature["name"].split()) > MAX_SIGNATURE_WORDS
    )


def starts_lower_case(text: str) -> bool:
    """Whether ``text`` starts with a word in lower case ("und dann", not
    "16th Venice Biennale", whose first letter follows a number, nor a name
    in mixed case, "iPhone" or "eBay", which opens a sentence so too)."""
    word = next((w for w in text.split() if any(c.isalnum() for c in w)), "")
    if not word or word.lstrip("\"'“„«‘(")[:1].isdigit():
        return False
    run = FIRST_LETTERS.search(word)
    return run is not None and run[0][0].islower() and not any(c.isupper() for c in run[0])


#: English prepositions a heading may strand ("Sign in", "Who it's for"),
#: which :data:`~exporter.readers.headings.DANGLING_WORDS` leaves out.
PREPOSITIONS = frozenset((
    "in", "on", "at", "for", "to", "from", "about", "after", "before", "during", "under",
    "between", "through", "without", "within", "including", "like", "via", "per", "toward",
    "towards", "among", "across", "near", "until", "since",
))  # fmt: skip

#: The fewest words of a line that :func:`ends_with_a_preposition`: a heading
#: that strands one is short.
MIN_WORDS_BEFORE_A_PREPOSITION_BREAK = 6


def ends_with_a_preposition(line: str) -> bool:
    """Whether ``line`` is a clause of at least
    :data:`MIN_WORDS_BEFORE_A_PREPOSITION_BREAK` words ending with a
    preposition ("…at the Ryman Auditorium in", "…was last updated in"): its
    object is what follows, when that opens with a name or a number ("Nashville,
    Tennessee…", "July, while…"), not with a word that opens a sentence."""
    words = line.split()
    return (
        len(words) >= MIN_WORDS_BEFORE_A_PREPOSITION_BREAK
        and line[-1:].isalpha()
        and words[-1] in PREPOSITIONS
    )


def leads_on(line: str) -> bool:
    """A line that cannot end a paragraph: it ends with a word that leads
    into more text or inside a quotation it opened."""
    return ends_with_dangling_word(line) or has_open_quote(line)


def is_text(chunk: Chunk) -> bool:
    """A text block that is no page debris: what a cut sentence may continue in."""
    return isinstance(chunk, TextChunk) and not any(debris_kind(line) for line in chunk.lines)


#: A block whose heading odds reach this is never joined to a capitalised
#: block after it: a page break is rarer than a heading over a paragraph.
JOIN_HEADING_ODDS = 0.2

#: A bare line of at most this many words is never joined to capitalised
#: text, whatever its heading odds: labels, names and short headings the
#: model cannot see as such are that short. Between this and
#: :data:`MAX_HEADING_WORDS`, the odds decide (a cut sentence's first half
#: of nine to twelve words was kept apart though the odds said prose).
MAX_BARE_LINE_WORDS = 8


def is_body_text(chunk: Chunk, odds: float = 0.0) -> bool:
    """Prose that a page break may have cut: text that is not a short bare
    line (:func:`is_heading_line` of at most :data:`MAX_BARE_LINE_WORDS`
    words, holding no sentence end: :func:`holds_a_sentence_end`), a
    numbered line or page debris (:func:`~exporter.debris.debris_kind`), and
    unlikely to be a heading (``odds`` below :data:`JOIN_HEADING_ODDS`)."""
    if not isinstance(chunk, TextChunk):
        return False
    if chunk.single and (
        (
            is_heading_line(chunk.lines[0], max_words=MAX_BARE_LINE_WORDS)
            and not holds_a_sentence_end(chunk.lines[0])
        )
        or NUMBER.fullmatch(chunk.lines[0])
        or debris_kind(chunk.lines[0])
    ):
        return False
    return odds < JOIN_HEADING_ODDS


def holds_a_sentence_end(line: str) -> bool:
    """Whether a sentence ends inside ``line`` before more text, after a word
    in lower case ("…Thomas-Brooks 18 points. Adrianna Knight…") or in a
    script without spaces ("…了。他…"): no heading does. A period after
    capitals ends an abbreviation more often ("Volkswagen ID. Space Vizzion",
    "Dr. Sherlock")."""
    for match in FULL_STOP_INSIDE.finditer(line):
        if not match[0][0].isalpha() or line[: match.start() + 2].split()[-1].islower():
            return True
    return False


def is_standalone_chunk(chunk: Chunk | None) -> bool:
    """A text block of one line that stands alone: a credit, a dateline or a
    teaser (:func:`~exporter.news.stands_alone`), page debris
    (:func:`~exporter.debris.debris_kind`: "Continue reading the main story"),
    a bare web address (:func:`~exporter.readers.headings.is_web_address`: a
    source under a paragraph, in lower case but continuing nothing) or a
    quoted post's signature (:func:`is_post_signature`)."""
    if not isinstance(chunk, TextChunk) or len(chunk.lines) != 1:
        return False
    line = chunk.lines[0]
    return (
        stands_alone(line)
        or bool(debris_kind(line))
        or is_web_address(line)
        or is_post_signature(line)
    )


#: A handle on a social network: "@NGRSenate", "(@jane_roe)".
HANDLE = re.compile(r"(?<![\w.])@\w{2,}")


def is_post_signature(line: str) -> bool:
    """The signature under a quoted post, as pasted from an embedded tweet:
    a line opening with a dash that names a handle ("— Jane Roe (@janeroe)
    4 November 2019"). It ends the quotation, however it ends, and is
    continued by nothing."""
    return line.lstrip()[:1] in "—–-" and HANDLE.search(line) is not None


#: The fewest columns a paragraph's text before a page break fills: the
#: page's last line is a full one, and the paragraph may only have begun on
#: it. Shorter lines ending without a period are a list's items ("three
#: eggs" / "two cups of flour") or a heading in lower case.
MIN_CUT_LINE_COLUMNS = 20


def join_page_break_splits(
    chunks: Sequence[Chunk],
    vocabulary: frozenset[str],
    rejoined: list[str],
    judge: Judge | None = None,
    text: str = "",
) -> tuple[list[Chunk], list[Diagnostic]]:
    """Join a paragraph that a page break cut in two.

    Two neighbouring text blocks, each one prose paragraph (not verse with
    kept line breaks), are one paragraph when the first
    :func:`ends_mid_sentence` and either

    - the second starts in lower case: only a continuation does, or with a
      number its sentence goes on from in lower case
      (:func:`opens_with_a_number_in_a_sentence`: "…plunged" / "10 percent
      last month…"); or
    - the first ends with a word that leads into more text, an article, a
      conjunction ("…and the", "…die Anwesenheit der"; see
      :func:`~exporter.readers.headings.ends_with_dangling_word`), or inside a
      quotation it opened (:func:`~exporter.readers.headings.has_open_quote`); or
    - the break falls inside a phrase that ``text`` (the whole input) uses
      elsewhere (:func:`splits_a_phrase`: "…a Hong" / "Kong court…"); or
    - the first is a clause ending with a preposition
      (:func:`ends_with_a_preposition`: "…at the Ryman Auditorium in") and
      the second does not open with a word capitalised for opening a
      sentence (:meth:`~exporter.readers.headings.Judge.opens_a_sentence`:
      "Nashville, Tennessee…" goes on, "The tour…" does not) nor is debris
      that reads like text (a photographer's name alone); or
    - neither may be a heading: by the heading model's odds for each block
      (``judge``, :class:`~exporter.readers.headings.Judge`, made of
      ``chunks`` when not given; :meth:`~exporter.readers.headings.Judge.odds`
      below :data:`JOIN_HEADING_ODDS`), and neither is a numbered line ("7)
      The night train to Vienna" heads what follows). The second may then
      start in upper case – German nouns and names do ("Diese Entwicklung
      dürfte" / "Kiew in seiner Forderung…") – but not with a word capitalised
      for opening a sentence (:func:`opens_a_sentence_after`: "Here's",
      "The"), which a cut sentence never goes on with. Debris that
      reads like text (:meth:`~exporter.readers.headings.Judge.is_debris`: a
      pull quote repeating a sentence, a co-author's name alone) has nil
      odds for that reason, not for being prose, and is not joined so; nor
      is a line in headline style
      (:meth:`~exporter.readers.headings.Judge.is_headline_style`: another
      story's headline over a credit), which no prose is set in, nor a
      caption signed by its photographer's name
      (:meth:`~exporter.readers.headings.Judge.is_signed_by_a_name`), nor a
      line over a picture credit that ends without a sentence's end
      (:meth:`~exporter.readers.headings.Judge.stands_over_a_credit`: the
      picture's caption, "Tom Hanks discovers he's related to Fred Rogers:
      report" / "© Jane Doe"; the rest of a paragraph a page break cut ends
      as the paragraph does). The
      odds alone join nothing in a text that leaves paragraphs without
      their period elsewhere (:func:`drops_final_periods`), nor a line to
      the line above it in a text of a paragraph per line
      (:func:`puts_a_paragraph_on_each_line`, ``after_a_line``): copied from
      a screen and not from pages, a line without a period there is a list's
      line or an address.

    A block ending with a period, or a heading followed by capitalised text,
    is never joined, nor one shorter than a page's last line
    (:data:`MIN_CUT_LINE_COLUMNS`: a list's item, a heading in lower case);
    nor is a picture credit or a dateline
    (:func:`~exporter.news.stands_alone`) on either side, though "Foto: dpa" and "Berlin,
    12. März 2024" end without a period; nor is page debris
    (:func:`~exporter.debris.debris_kind`) to what follows it, not even in
    lower case: "Continue reading the main story" ends without a period too;
    nor a bare web address or a post's signature (:func:`is_standalone_chunk`);
    nor a person's name alone
    (:meth:`~exporter.readers.headings.Judge.is_name_alone`: a credit) to
    anything, not even to lower case or a number ("Maria Lopez" / "10 p.m.");
    nor a block opening with an ellipsis (:func:`opens_with_an_ellipsis`)
    or a letter's salutation (:func:`~exporter.readers.headings.opens_a_letter`).
    """
    judge = judge or Judge([heading_view(chunk) for chunk in chunks])
    periods_kept = not drops_final_periods(judge)
    result: list[Chunk] = []
    notes: list[Diagnostic] = []
    previous_index: int | None = None  # the chunk ``result[-1]`` is, unless joined
    for index, chunk in enumerate(chunks):
        previous = result[-1] if result else None
        if (
            isinstance(previous, TextChunk)
            and isinstance(chunk, TextChunk)
            and len(previous.lines) == 1
            and len(chunk.lines) == 1
            and not (previous.front or chunk.front)
            and ends_mid_sentence(previous.lines[0])
            and columns(previous.lines[0]) >= MIN_CUT_LINE_COLUMNS
            and not (is_standalone_chunk(previous) or is_standalone_chunk(chunk))
            and not (previous_index is not None and judge.is_name_alone(previous_index))
            and not opens_with_an_ellipsis(chunk.lines[0])
            and not opens_a_letter(chunk.lines[0])
            and (
                starts_lower_case(chunk.lines[0])
                or (
                    is_text(chunk)
                    and (
                        ends_with_dangling_word(previous.lines[0])
                        or opens_with_a_number_in_a_sentence(chunk.lines[0])
                        or has_open_quote(previous.lines[0])
                        or splits_a_phrase(previous.lines[0], chunk.lines[0], text)
                        or (
                            ends_with_a_preposition(previous.lines[0])
                            and not judge.opens_a_sentence(index)
                            and not judge.is_debris(index)
                        )
                    )
                )
                or (
                    periods_kept
                    and not chunk.after_a_line
                    and is_body_text(previous, odds_before_a_break(judge, previous_index))
                    and is_body_text(chunk, odds_of(judge, index))
                    and not (
                        previous_index is not None
                        and (
                            judge.is_debris(previous_index)
                            or judge.is_headline_style(previous_index)
                            or judge.is_signed_by_a_name(previous_index)
                        )
                    )
                    and not judge.is_debris(index)
                    and not judge.is_headline_style(index)
                    and not (
                        judge.stands_over_a_credit(index) and not closes_a_sentence(chunk.lines[0])
                    )
                    and not opens_a_sentence_after(judge, previous_index, index)
                )
            )
        ):
            before, after = previous.lines[0], chunk.lines[0]
            result[-1] = TextChunk(
                (rejoin_hyphenated_words(before, after, vocabulary, rejoined),), False
            )
            notes.append(
                notice(
                    "text.page-break-joined",
                    f'joined a paragraph split by a page break: "…{last_words(before)}" + '
                    f'"{first_words(after)}…"',
                )
            )
            previous_index = None
        else:
            result.append(chunk)
            previous_index = index
    return result, notes


def closes_a_sentence(line: str) -> bool:
    """Whether ``line`` ends with a sentence's punctuation, perhaps before
    closing quotes or brackets ('…what did we do to deserve this?"'); "Fred
    Rogers: report" and "Bad Romance (Images)" do not."""
    return line.rstrip().rstrip("\"'”’»)]」』").endswith(tuple(".!?…。！？"))


#: A number opening a line (a price, a score, a date), the words after it.
OPENING_NUMBER = re.compile(r"(?P<number>[$€£¥(]?\d[\d.,:/%-]*\)?[,;]?)\s+(?P<rest>.*)")
FIRST_LETTERS = re.compile(r"[^\W\d_]+")

#: A year alone: the one number a sentence often opens with in digits.
YEAR = re.compile(r"(1[5-9]|20)\d\d")


def opens_with_a_number_in_a_sentence(line: str) -> bool:
    """Whether ``line`` is a sentence opening with a number that it goes on
    from: the first word after the number is in lower case ("16 letters
    that…", "$449,000, according to…", "26, 2016 — they got…") and the line
    ends as a sentence does. A numbered heading goes on in upper case ("7)
    The night train…"); a recipe's ingredient ("2 cups sugar") ends with no
    period. A year alone proves nothing: a paragraph under a heading opens
    with one ("Year in review" / "2019 was a good year…"), where style guides
    would spell any other number out."""
    match = OPENING_NUMBER.match(line)
    if match is None or not ends_like_a_sentence(line) or YEAR.fullmatch(match["number"]):
        return False
    word = FIRST_LETTERS.search(match["rest"])
    return word is not None and word[0].islower()


#: The longest word :func:`splits_a_phrase` looks for (a CJK line has no spaces).
MAX_PHRASE_WORD = 30


def splits_a_phrase(before: str, after: str, text: str) -> bool:
    """Whether a break between ``before`` and ``after`` falls inside a name:
    the last word before it and the first after it, both capitalised, stand
    side by side (a space between them) elsewhere in ``text`` ("Hong" / "Kong court…", where "Hong
    Kong" recurs; "Digital" / "Foundry"). A heading does not end inside a
    name that its paragraph then completes."""
    last = before.split()[-1]
    first = after.split()[0].rstrip(".,;:!?…)]\"'”’»")
    if not (
        last.isalpha()
        and first.isalpha()
        and last[0].isupper()
        and first[0].isupper()
        and last.casefold() != first.casefold()
        and max(len(last), len(first)) <= MAX_PHRASE_WORD
    ):
        return False
    if f"{last} {first}" not in text:
        return False
    return re.search(rf"(?<!\w){re.escape(last)} {re.escape(first)}(?!\w)", text) is not None


def odds_of(judge: Judge, index: int | None) -> float:
    """The heading odds of the chunk at ``index``; 0 for one already joined
    (two joined halves are prose)."""
    return 0.0 if index is None else judge.odds(index)


def odds_before_a_break(judge: Judge, index: int | None) -> float:
    """The heading odds of the chunk at ``index`` where a page break may
    follow it: as :func:`odds_of`, and 0 for a long line that reads as prose
    (:meth:`~exporter.readers.headings.Judge.reads_as_prose`), which a
    sentence cut there leaves. (After the break, such a line is a paragraph
    of its own as often: a caption, a pull quote.)"""
    if index is not None and judge.reads_as_prose(index):
        return 0.0
    return odds_of(judge, index)


def opens_a_sentence_after(judge: Judge, previous_index: int | None, index: int) -> bool:
    """Whether the block at ``index`` opens a sentence where it follows the
    one at ``previous_index`` (``None``: joined halves). After a long line
    that reads as prose (:meth:`~exporter.readers.headings.Judge.reads_as_prose`)
    and stops mid-sentence, only a word the text opens sentences with does
    (:meth:`~exporter.readers.headings.Judge.surely_opens_a_sentence`): there
    a page break more likely cut a name ("…according to The Washington
    Post's" / "Fact Checker…") than a caption lost its period. After a
    shorter line, any capitalised word the text also writes in lower case
    does (:meth:`~exporter.readers.headings.Judge.opens_a_sentence`)."""
    if previous_index is not None and judge.reads_as_prose(previous_index):
        return judge.surely_opens_a_sentence(index)
    return judge.opens_a_sentence(index)


def drops_final_periods(judge: Judge) -> bool:
    """Whether the text ends paragraphs of prose without a period: a line
    that reads as prose (:meth:`~exporter.readers.headings.Judge.reads_as_prose`)
    ends mid-sentence and the next block opens with a word the text opens
    sentences with (:meth:`~exporter.readers.headings.Judge.surely_opens_a_sentence`:
    "…signing of Athletic Bilbao keeper Kepa Arrizabalaga" / "This has
    freed…"; not "…The Washington Post's" / "Fact Checker…", where the page
    break is the cause). There, a line ending without a period shows no page
    break by that alone."""
    return any(
        view.kind == "text"
        and "\n" not in view.text
        and ends_mid_sentence(view.text)
        and judge.reads_as_prose(index)
        and judge.surely_opens_a_sentence(index + 1)
        for index, view in enumerate(judge.blocks[:-1])
    )


def last_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[-count:])


def first_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[:count])


# --- the model ------------------------------------------------------------------------


def build_blocks(chunks: Sequence[Chunk], judge: Judge | None = None) -> tuple[Block, ...]:
    """Model blocks; a single line the heading model calls a heading
    (``judge``, :class:`~exporter.readers.headings.Judge`) is one."""
    judge = judge or Judge([heading_view(chunk) for chunk in chunks])
    flags = judge.flags()
    blocks: list[Block] = []
    for chunk, heading in zip(chunks, flags, strict=True):
        match chunk:
            case SceneBreak():
                blocks.append(chunk)
            case ListChunk(ordered, start, items, _source):
                list_items = tuple(ListItem((Paragraph((Text(item),)),)) for item in items)
                blocks.append(ListBlock(list_items, ordered, start if ordered else 1))
            case TextChunk(lines, _single):
                if heading:
                    blocks.append(Heading(2, (Text(lines[0]),)))
                else:
                    blocks.append(Paragraph(line_inlines(lines)))
    return tuple(blocks)


def heading_view(chunk: Chunk) -> HeadingBlock:
    """What the heading model knows of a chunk."""
    match chunk:
        case TextChunk(lines, single, _after_a_line, front):
            return HeadingBlock("\n".join(lines), single and len(lines) == 1 and not front, "text")
        case ListChunk(_ordered, _start, items, _source):
            return HeadingBlock("\n".join(items), False, "list")
    return HeadingBlock("", False, "break")


#: The notice on probable debris quotes this many lines.
MAX_LISTED_DEBRIS = 8


def debris_kinds(chunks: Sequence[Chunk], judge: Judge) -> list[tuple[str, str]]:
    """(line, kind) for every single-line block that is probably not the
    article's text but what the page printed around it: page debris
    (:func:`~exporter.debris.debris_kind`), a picture credit, a teaser, a
    pull quote repeating a sentence of the text, a name alone, a label
    standing more than once (:func:`~exporter.readers.headings.is_repeated_label`),
    or a shop button (:func:`~exporter.readers.headings.is_shop_button`).
    They stay paragraphs (no word is dropped from pasted text); the user may
    delete them."""
    found = []
    for chunk, view in zip(chunks, judge.blocks, strict=True):
        if not isinstance(chunk, TextChunk) or len(chunk.lines) != 1:
            continue
        line = chunk.lines[0]
        kind = debris_kind(line)
        if not kind and len(line) <= MAX_STANDALONE_CHARS and is_credit_line(line):
            kind = "picture credit"
        elif not kind and is_teaser_line(line):
            kind = "teaser"
        elif not kind and repeats_a_sentence(view, judge.stats):
            kind = "pull quote"
        elif not kind and is_name_alone(view, judge.stats):
            kind = "a name alone"
        elif not kind and is_repeated_label(view, judge.stats):
            kind = "repeated line"
        elif not kind and is_shop_button(line):
            kind = "shop button"
        if kind:
            found.append((line, kind))
    return found


def debris_notice(chunks: Sequence[Chunk], judge: Judge) -> tuple[Diagnostic, ...]:
    """One notice listing the probable debris (:func:`debris_kinds`)."""
    found = debris_kinds(chunks, judge)
    if not found:
        return ()
    shown = ", ".join(f'"{line}" ({kind})' for line, kind in found[:MAX_LISTED_DEBRIS])
    more = len(found) - MAX_LISTED_DEBRIS
    return (
        notice(
            "text.debris",
            "probable page debris, kept as paragraphs: "
            + shown
            + (f" and {more} more" if more > 0 else ""),
        ),
    )


def line_inlines(lines: Sequence[str]) -> tuple[Inline, ...]:
    inlines: list[Inline] = []
    for line in lines:
        if inlines:
            inlines.append(LineBreak())
        inlines.append(Text(line))
    return tuple(inlines)
