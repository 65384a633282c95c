"""Typography worthy of print: quotes, apostrophes, dashes, ellipses and
no-break spaces as the text's language sets them.

The transform changes Text nodes only, so the EPUB and the PDF get the very
same characters and no writer needs to know about it.

Each run of inline content (a paragraph, a heading, a table cell, a caption) is
typeset as one stream of characters, so that a quote opened before an emphasis
closes after it. Superscripts and subscripts are runs of their own
(:func:`typeset_raised`). A :class:`Stream` keeps, for each character, the Text node it
came from and its language (a :class:`Span` switches it), and masks verbatim
characters: inline code, link text that is an address, and URLs and e-mail
addresses found in the text. Rules see the masked string and return
:class:`Edit` s; an edit that would touch a verbatim character or straddle
two nodes is dropped. At the end every Text node gets back exactly its own
(edited) characters.

Rules are named functions over that string, each with one job, applied in a
fixed order (:data:`BEFORE_QUOTES`, the quote pairing, :data:`AFTER_QUOTES`).
None of them produces what it or an earlier rule would change again, so the
transform is idempotent: typesetting a typeset text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import groupby
from typing import Literal

from exporter.diagnostics import Diagnostic, Outcome, warning
from exporter.errors import OptionError
from exporter.model import (
    Block,
    BlockQuote,
    Chapter,
    Code,
    DefinitionList,
    Document,
    Figure,
    FootnoteDef,
    FootnoteRef,
    Heading,
    Inline,
    InlineContainer,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Span,
    Subscript,
    Superscript,
    Table,
    TableRow,
    Text,
    document_languages,
    plain_text,
)
from exporter.options import QUOTE_STYLES, Options
from exporter.transforms.punctuation_rules import (
    APOSTROPHE,
    NBSP,
    NNBSP,
    UNIT_SYMBOLS,
    Conventions,
    conventions_for,
    quotes,
)

#: What rules see in place of a verbatim character: a letter-like object, so
#: that a quote next to inline code or a URL pairs as it would next to a word.
MASK = "\ufffc"

#: The conventions for a language we have no row for: only the rules that
#: mean the same everywhere (ellipsis, typed dashes) run with them.
UNIVERSAL = Conventions(quotes=quotes('""' + "''"), digit_group_spaces=False)


# --- entry -------------------------------------------------------------------


def apply_typography(document: Document, options: Options) -> Outcome:
    """The transform: :func:`typeset` with the user's quote style."""
    return typeset(document, quotes=options.quotes)


def typeset(document: Document, *, quotes: str = "") -> Outcome:
    """Typeset every Text node of ``document`` in its language.

    ``quotes`` picks another quote style where a language has one
    ("guillemets": German »…«). Languages without conventions keep their
    straight quotes; each such language gets one warning.
    """
    if quotes not in QUOTE_STYLES:
        choices = ", ".join(repr(style) for style in QUOTE_STYLES if style)
        raise OptionError(f"unknown quote style {quotes!r} (choose from {choices})")
    metadata = document.metadata
    language = metadata.language
    blocks = typeset_blocks(document.blocks, language, quotes)
    # The title page shows these: they get the text's punctuation too.
    metadata = replace(
        metadata,
        title=typeset_text(metadata.title, language, quotes=quotes),
        subtitle=typeset_text(metadata.subtitle, language, quotes=quotes),
    )
    diagnostics = language_warnings(document_languages(document), quotes)
    return Outcome(replace(document, metadata=metadata, blocks=blocks), diagnostics)


def typeset_text(text: str, language: str, *, quotes: str = "") -> str:
    """One string typeset as a paragraph in ``language`` (for metadata such
    as a title, which is not made of Text nodes)."""
    (paragraph,) = typeset_blocks((Paragraph((Text(text),)),), language, quotes)
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.children)


def language_warnings(languages: Iterable[str], style: str) -> tuple[Diagnostic, ...]:
    """One warning per language we cannot set quotes for, and one per language
    that has no such quote style as the user asked for."""
    diagnostics = []
    for language in dict.fromkeys(languages):
        conventions = conventions_for(language)
        if conventions is None:
            name = repr(language) if language else "unknown"
            diagnostics.append(
                warning(
                    "typography-unsupported-language",
                    f"no punctuation rules for language {name}: straight quotes are "
                    "kept, only dashes and ellipses are set",
                )
            )
        elif conventions.quotes_for(style) is None:
            diagnostics.append(
                warning(
                    "typography-quote-style-unavailable",
                    f"quote style {style!r} is not used in {language!r}: "
                    "its own quotes are set instead",
                )
            )
    return tuple(diagnostics)


# --- walking the tree ----------------------------------------------------------


def typeset_blocks(blocks: tuple[Block, ...], language: str, style: str) -> tuple[Block, ...]:
    return tuple(typeset_block(block, language, style) for block in blocks)


def typeset_block(block: Block, language: str, style: str) -> Block:
    """The block with every inline run typeset; code blocks are left as they are.
    A chapter is set in its own language (an anthology mixes them), its title too."""
    match block:
        case Chapter(metadata, blocks):
            own = metadata.language or language
            metadata = replace(
                metadata,
                title=typeset_text(metadata.title, own, quotes=style),
                subtitle=typeset_text(metadata.subtitle, own, quotes=style),
            )
            return replace(block, metadata=metadata, blocks=typeset_blocks(blocks, own, style))
        case Paragraph(children) | Heading(_, children):
            return replace(block, children=typeset_inlines(children, language, style))
        case BlockQuote(blocks) | FootnoteDef(_, blocks):
            return replace(block, blocks=typeset_blocks(blocks, language, style))
        case ListBlock(items):
            return replace(
                block,
                items=tuple(
                    replace(item, blocks=typeset_blocks(item.blocks, language, style))
                    for item in items
                ),
            )
        case DefinitionList(items):
            return replace(
                block,
                items=tuple(
                    replace(
                        item,
                        term=typeset_inlines(item.term, language, style),
                        definitions=tuple(
                            typeset_blocks(definition, language, style)
                            for definition in item.definitions
                        ),
                    )
                    for item in items
                ),
            )
        case Figure(caption=caption):
            return replace(block, caption=typeset_inlines(caption, language, style))
        case Table(head, body, caption):
            return replace(
                block,
                head=tuple(typeset_row(row, language, style) for row in head),
                body=tuple(typeset_row(row, language, style) for row in body),
                caption=typeset_inlines(caption, language, style),
            )
    return block


def typeset_row(row: TableRow, language: str, style: str) -> TableRow:
    cells = tuple(
        replace(cell, children=typeset_inlines(cell.children, language, style))
        for cell in row.cells
    )
    return replace(row, cells=cells)


@dataclass(frozen=True, slots=True)
class Stream:
    """An inline run as one string, with where each character came from.

    A character is verbatim (never edited) if it belongs to no editable Text
    node (``slot`` -1: code, a line break, an address link) or is masked in
    ``view`` (an address inside a Text node).
    """

    #: The characters themselves.
    chars: str
    #: What rules see: verbatim characters masked, except white space, so a
    #: space in code or a line break still separates words.
    view: str
    #: For each character, the index of the editable Text node it belongs to.
    slots: tuple[int, ...]
    #: For each character, its language.
    langs: tuple[str, ...]
    #: The distinct languages, in order (edits never add one).
    languages: tuple[str, ...]


def typeset_inlines(inlines: tuple[Inline, ...], language: str, style: str) -> tuple[Inline, ...]:
    """One inline run typeset as a single stream, mapped back into its nodes."""
    if not inlines:
        return inlines
    inlines = typeset_raised(inlines, language, style)
    texts: list[str] = []
    stream = typeset_stream(protect_addresses(flatten(inlines, language, texts)), style)
    new_texts = list(texts)
    position = 0
    for slot, run in groupby(stream.slots):
        length = len(list(run))
        if slot >= 0:
            new_texts[slot] = stream.chars[position : position + length]
        position += length
    if new_texts == texts:
        return inlines
    return rebuild(inlines, iter(new_texts))


def typeset_raised(inlines: tuple[Inline, ...], language: str, style: str) -> tuple[Inline, ...]:
    """Each superscript and subscript typeset as a run of its own.

    To the sentence around it, raised or lowered text is one verbatim,
    letter-like object (:func:`flatten` masks it): an exponent is no part of
    the number before it ("10<sup>-3</sup>" is no range "10–3"), and "km" in
    "500 km<sup>2</sup>" is still a unit. Quotes and dashes inside it are set
    in the language in effect there, and its leading hyphen is a minus
    (:func:`minus_signs`): "10<sup>−3</sup>".
    """
    result: list[Inline] = []
    changed = False
    for node in inlines:
        match node:
            case Superscript(children) | Subscript(children):
                new = replace(node, children=typeset_inlines(children, language, style))
            case Link() if is_verbatim_link(node):
                new = node
            case Span(children, lang):
                new = replace(node, children=typeset_raised(children, lang or language, style))
            case InlineContainer(children=children):  # emphasis, strong, struck, links
                new = replace(node, children=typeset_raised(children, language, style))
            case _:
                new = node
        changed = changed or new != node
        result.append(new)
    return tuple(result) if changed else inlines


def flatten(inlines: tuple[Inline, ...], language: str, texts: list[str]) -> Stream:
    """The stream of ``inlines``; the text of each editable Text node is
    appended to ``texts``, its index there being its characters' slot."""
    chars: list[str] = []
    view: list[str] = []
    slots: list[int] = []
    langs: list[str] = []

    def add(text: str, slot: int, lang: str) -> None:
        chars.append(text)
        view.append(text if slot >= 0 else re.sub(r"\S", MASK, text))
        slots.extend([slot] * len(text))
        langs.extend([lang] * len(text))

    def visit(nodes: tuple[Inline, ...], lang: str) -> None:
        for node in nodes:
            match node:
                case Text(text):
                    texts.append(text)
                    add(text, len(texts) - 1, lang)
                case Code(text):
                    add(text, -1, lang)
                case LineBreak():
                    add("\n", -1, lang)
                case FootnoteRef():
                    pass
                case Link() if is_verbatim_link(node):
                    add(plain_text(node.children), -1, lang)
                case Superscript(children) | Subscript(children):
                    add(plain_text(children), -1, lang)
                case Span(children, span_lang):
                    visit(children, span_lang or lang)
                case InlineContainer(children=children):  # emphasis, strong, struck, links
                    visit(children, lang)

    visit(inlines, language)
    return Stream(
        "".join(chars), "".join(view), tuple(slots), tuple(langs), tuple(dict.fromkeys(langs))
    )


def rebuild(inlines: tuple[Inline, ...], texts: Iterator[str]) -> tuple[Inline, ...]:
    """``inlines`` with each editable Text node's text taken from ``texts``,
    in the order :func:`flatten` numbered them."""
    result: list[Inline] = []
    for node in inlines:
        match node:
            case Text():
                result.append(replace(node, text=next(texts)))
            case Link() if is_verbatim_link(node):
                result.append(node)
            case Superscript() | Subscript():
                result.append(node)  # typeset as runs of their own (typeset_raised)
            case InlineContainer(children=children):
                result.append(replace(node, children=rebuild(children, texts)))
            case _:
                result.append(node)
    return tuple(result)


def is_verbatim_link(link: Link) -> bool:
    """Whether a link's text is an address (its own target, a URL, an e-mail
    address) that must be shown exactly as written."""
    text = plain_text(link.children).strip()
    if not text:
        return False
    bare_target = re.sub(r"^(?:[a-z][a-z0-9+.-]*:(?://)?)", "", link.target, flags=re.I)
    if text in (link.target, bare_target, bare_target.rstrip("/")):
        return True
    return any(start == 0 and end == len(text) for start, end in address_spans(text))


# --- addresses -----------------------------------------------------------------

ADDRESS = re.compile(
    r"""
      (?:https?|ftps?|file)://[^\s<>"]+     # a URL with its scheme
    | (?:mailto|tel):[^\s<>"]+
    | (?<![\w.])www\.[^\s<>"]+              # a web address without one
    | (?<![\w.+'-])[\w.+-]+(?:'[\w.+-]+)*@[\w-]+(?:\.[\w-]+)+  # an e-mail address
    """,
    re.VERBOSE,
)
#: Punctuation that ends a sentence rather than an address it follows.
ADDRESS_TRAILER = ".,;:!?'\"’”»›)]}…"


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where URLs and e-mail addresses are in ``text``, without the sentence
    punctuation that may follow them (a closing parenthesis stays if the
    address opened one, as Wikipedia URLs do, and so does a closing
    apostrophe: "?q='a'")."""
    spans = []
    for match in ADDRESS.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in ADDRESS_TRAILER:
            last = text[end - 1]
            if last == ")" and text.count("(", start, end) >= text.count(")", start, end):
                break
            if last == "'" and text.count("'", start, end) % 2 == 0:
                break
            end -= 1
        spans.append((start, end))
    return spans


def protect_addresses(stream: Stream) -> Stream:
    """The stream with URLs and e-mail addresses masked, so no rule edits them."""
    view = stream.view
    for start, end in address_spans(stream.chars):
        view = view[:start] + MASK * (end - start) + view[end:]
    return replace(stream, view=view)


# --- applying rules --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``view[start:end]`` by ``text``."""

    start: int
    end: int
    text: str


Rule = Callable[[str, Conventions], Iterable[Edit]]


def apply_edits(stream: Stream, edits: Iterable[Edit]) -> Stream:
    """The stream with ``edits`` made. An edit is dropped if it overlaps an
    earlier one, touches a verbatim character or spans two Text nodes (its
    new characters could belong to neither)."""
    chars: list[str] = []
    view: list[str] = []
    slots: list[int] = []
    langs: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        start, end = edit.start, edit.end
        if start < position or end <= start:
            continue
        slot = stream.slots[start]
        if slot < 0 or stream.slots[start:end].count(slot) != end - start:
            continue
        if MASK in stream.view[start:end]:
            continue
        chars += (stream.chars[position:start], edit.text)
        view += (stream.view[position:start], edit.text)
        slots += (*stream.slots[position:start], *[slot] * len(edit.text))
        langs += (*stream.langs[position:start], *[stream.langs[start]] * len(edit.text))
        position = end
    if not position:
        return stream
    chars.append(stream.chars[position:])
    view.append(stream.view[position:])
    slots += stream.slots[position:]
    langs += stream.langs[position:]
    return replace(
        stream, chars="".join(chars), view="".join(view), slots=tuple(slots), langs=tuple(langs)
    )


def apply_rule(stream: Stream, rule: Rule, universal: bool) -> Stream:
    """Run ``rule`` once per language of the stream with that language's
    conventions, keeping the edits that start in that language's text.
    Languages we have no conventions for get ``universal`` rules only."""
    edits: list[Edit] = []
    for language in stream.languages:
        conventions = conventions_for(language)
        if conventions is None:
            if not universal:
                continue
            conventions = UNIVERSAL
        found = rule(stream.view, conventions)
        if len(stream.languages) == 1:
            edits.extend(found)
        else:
            edits.extend(edit for edit in found if stream.langs[edit.start] == language)
    return apply_edits(stream, edits)


def typeset_stream(stream: Stream, style: str) -> Stream:
    for rule, universal in BEFORE_QUOTES:
        stream = apply_rule(stream, rule, universal)
    stream = apply_edits(stream, quote_edits(stream.view, stream.langs, style))
    for rule, universal in AFTER_QUOTES:
        stream = apply_rule(stream, rule, universal)
    return stream


# --- rules: ellipses and dashes -----------------------------------------------------


def ellipses(view: str, conventions: Conventions) -> Iterator[Edit]:
    """Three full stops are an ellipsis "…". Other runs of dots are left: four
    may be an ellipsis and a full stop, more a leader."""
    for match in re.finditer(r"(?<!\.)\.\.\.(?!\.)", view):
        yield Edit(match.start(), match.end(), "…")


#: A hyphen or two between spaces, with words (or anything not a space) around.
SPACED_DASH = re.compile(r"(?<=\S)([ \u00a0])(--?)( )(?=\S)")


def typed_dashes(view: str, conventions: Conventions) -> Iterator[Edit]:
    """``---`` is an em dash; ``--`` not between spaces is an en dash, or an
    em dash between letters where the language's dash is a closed em dash
    (American "word--word"). Longer runs of hyphens are left (a rule), and so
    is every hyphen where the language keeps them (Chinese, Japanese)."""
    if conventions.dash == "kept":
        return
    between_words = {match.start(2) for match in SPACED_DASH.finditer(view)}
    for match in re.finditer(r"(?<!-)(-{2,3})(?!-)", view):
        start, end = match.span()
        if match.group(1) == "---":
            yield Edit(start, end, "—")
        elif start not in between_words:  # spaced_dashes sets those
            before = view[start - 1] if start else " "
            after = view[end] if end < len(view) else " "
            closed = conventions.dash == "closed-em" and before.isalpha() and after.isalpha()
            yield Edit(start, end, "—" if closed else "–")


def spaced_dashes(view: str, conventions: Conventions) -> Iterator[Edit]:
    """A hyphen (or two) with a space on either side, between words, is the
    language's dash: "a – b" (most of Europe, British English), "a — b"
    (Russian, Portuguese), "a—b" (American English), or for Spanish an em
    dash that clings to the aside: "a —inciso— b", opening and closing in
    turn within a sentence. Between numbers it is an en dash ("5 – 10").
    Where the language keeps hyphens (Chinese, Japanese) they stay."""
    if conventions.dash == "kept":
        return
    aside_open = False
    last_end = 0
    for match in SPACED_DASH.finditer(view):
        start, end = match.span()
        space = match.group(1)
        if re.search(r"[.!?…]\s", view[last_end:start]):
            aside_open = False  # a new sentence: an unclosed aside ended with the old one
        last_end = end
        if view[start - 1].isdigit() and view[end].isdigit():
            yield Edit(start, end, f"{space}– ")
            continue
        match conventions.dash:
            case "spaced-en":
                yield Edit(start, end, f"{space}– ")
            case "spaced-em":
                yield Edit(start, end, f"{space}— ")
            case "closed-em":
                yield Edit(start, end, "—")
            case "raya":
                yield Edit(start, end, "— " if aside_open else f"{space}—")
                aside_open = not aside_open


def number_ranges(view: str, conventions: Conventions) -> Iterator[Edit]:
    """A hyphen between two numbers of up to four digits is an en dash
    ("1990–1995", "S. 12–15", "3–1"), unless the numbers are part of
    something else: a date or ISBN (more hyphens: "2024-06-01"), a phone
    number (a leading zero: "030-1234", or the shape of an American one:
    "555-1234"), a postcode (Polish "30-150"), a decimal, or an identifier
    ("A-1", "F-16", "COVID-19" have a letter before the hyphen). Where the
    language keeps hyphens (Chinese, Japanese: "1990—1995", "3〜5") they stay."""
    if conventions.dash == "kept":
        return
    pattern = r"(?<![\w+/#.,:\-–])([1-9]\d{0,3})(-)([1-9]\d{0,3})(?!\w|[-–./,:]\d)"
    for match in re.finditer(pattern, view):
        shape = (len(match.group(1)), len(match.group(3)))
        if shape not in ((3, 4), (2, 3)):
            yield Edit(match.start(2), match.end(2), "–")


#: What may stand right before a minus sign: nothing, a space, an opening
#: bracket or a relation ("x = -2", "(-3)", "< -10").
MINUS_SIGN = re.compile(r"(?<![^\s(\[{=<>≤≥±×/])-(?=\d)")


def minus_signs(view: str, conventions: Conventions) -> Iterator[Edit]:
    """A hyphen before a number that follows no word or number is a minus
    sign (U+2212): "-5 Grad", "(-3)", "x = -2", and an exponent's "-3" in
    "10<sup>-3</sup>" (typeset as a run of its own). A hyphen after a word or
    number joins them ("COVID-19", "2024-06-01", "030-1234"), or makes a
    range (:func:`number_ranges`)."""
    for match in MINUS_SIGN.finditer(view):
        yield Edit(match.start(), match.end(), "\u2212")


# --- rules: apostrophes and quotes -------------------------------------------------


def misused_accents(view: str, conventions: Conventions) -> Iterator[Edit]:
    """An acute or grave accent typed between letters stands for an
    apostrophe ("geht´s", "gibt`s")."""
    for match in re.finditer(r"(?<=[^\W\d_])[´`](?=[^\W\d_])", view):
        yield Edit(match.start(), match.end(), conventions.apostrophe)


def elision_apostrophes(view: str, conventions: Conventions) -> Iterator[Edit]:
    """Apostrophes that quote pairing would take for quotes: both marks of
    "rock 'n' roll" and the one before a decade ("the '90s", "die '80er")."""
    for match in re.finditer(r"(?<!\S)'n'(?!\S)", view):
        yield Edit(match.start(), match.end(), f"{APOSTROPHE}n{APOSTROPHE}")
    for match in re.finditer(r"(?<![\w'])'(?=\d\d(?:s|er|ern)(?!\w))", view):
        yield Edit(match.start(), match.end(), APOSTROPHE)


def spaced_straight_quotes(view: str, conventions: Conventions) -> Iterator[Edit]:
    """Where quotes are set with spaces inside (French « … »), writers type
    straight quotes that way too: ``" mot "``. Such a pair, a space on both
    sides of each mark, cannot be told apart by its neighbours, so it is
    paired here in reading order; punctuation_spaces then sets the spaces."""
    marks = conventions.quotes
    if marks.open not in conventions.space_after:
        return
    for match in re.finditer(r'(?<!\S)"( [^"\n]*?\S )"(?![\w\ufffc])', view):
        yield Edit(match.start(), match.start() + 1, marks.open)
        yield Edit(match.end() - 1, match.end(), marks.close)


Role = Literal["open", "close", "apostrophe"]


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """What a straight quote in the stream turned out to be. A closing mark
    knows its opening one, whose language both take."""

    position: int
    double: bool
    role: Role
    opener: int | None = None


def is_letter(char: str) -> bool:
    return char.isalnum() or char == MASK


def is_punctuation(char: str) -> bool:
    return char != MASK and unicodedata.category(char)[0] in "PS"


def pair_quotes(view: str) -> list[QuoteMark]:
    """Decide for every straight quote whether it opens, closes or is an
    apostrophe, from its neighbours, as CommonMark decides emphasis.

    A mark can open if a word follows it, close if a word precedes it; with a
    word on both sides (``don't``) it does neither and is an apostrophe. Marks
    pair last-in-first-out with the nearest open mark of the same kind (``"``
    with ``"``, ``'`` with ``'``), so nesting needs no counting. Left over: a
    single mark is an apostrophe ('s, 'Twas, Hans'), a double one opens or
    closes alone (a quotation running over paragraphs), and a double one that
    follows a digit without closing anything is an inch sign and stays
    straight, as does one inside a word.
    """
    marks: dict[int, QuoteMark] = {}
    openers: list[int] = []
    stack: list[tuple[int, bool]] = []
    for position, char in enumerate(view):
        if char not in "\"'":
            continue
        double = char == '"'
        can_open, can_close = flanking(view, position)
        if can_close:
            match_at = next(
                (i for i in range(len(stack) - 1, -1, -1) if stack[i][1] == double), None
            )
            if match_at is not None:
                opener = stack[match_at][0]
                del stack[match_at:]
                marks[opener] = QuoteMark(opener, double, "open")
                marks[position] = QuoteMark(position, double, "close", opener)
                continue
        if can_open:
            stack.append((position, double))
            openers.append(position)
        elif not double:
            marks[position] = QuoteMark(position, double, "apostrophe")
        elif can_close and not view[position - 1].isdigit():
            marks[position] = QuoteMark(position, double, "close")
    for position in openers:
        if position not in marks:
            double = view[position] == '"'
            marks[position] = QuoteMark(position, double, "open" if double else "apostrophe")
    return [marks[position] for position in sorted(marks)]


def is_wide_letter(char: str) -> bool:
    """A letter of a script written without spaces between words (Chinese,
    Japanese), or of Korean, whose particles cling to the quotation before
    them: the East Asian wide and fullwidth letters (and halfwidth kana)."""
    return char.isalnum() and unicodedata.east_asian_width(char) in "WFH"


def flanking(view: str, position: int) -> tuple[bool, bool]:
    """Whether the mark at ``position`` can open and whether it can close.
    The ends of the stream count as spaces.

    Next to a wide letter (:func:`is_wide_letter`) the neighbours cannot
    tell: in 他说"你好"然后 both marks stand between letters, and in
    他说："你好！"然后 the closing one stands after punctuation, like an
    opening one, and in 他说"'好'" an opening one before punctuation. There a
    mark may do either, and :func:`pair_quotes` closes what is open or else
    opens; a mark between a digit and a letter ("5"屏幕") only closes.
    """
    before = view[position - 1] if position else " "
    after = view[position + 1] if position + 1 < len(view) else " "
    can_open = not after.isspace() and (
        not is_punctuation(after) or before.isspace() or is_punctuation(before)
    )
    can_close = not before.isspace() and (
        not is_punctuation(before) or after.isspace() or is_punctuation(after)
    )
    wide = is_wide_letter(before) or is_wide_letter(after)
    if can_open and can_close:
        if wide:  # between letters
            return not before.isdigit(), True
        # Between punctuation ("foo-"-bar"): open after it, close before it.
        return is_punctuation(before), is_punctuation(after)
    if can_open and wide and is_punctuation(before) and not is_opening(before):
        return True, True  # 你好！"然后: a letter after a sentence's end
    if can_close and wide and (after in "\"'" or is_opening(after)):
        return True, True  # 他说"'好'": a letter before another opening
    return can_open, can_close


def is_opening(char: str) -> bool:
    """An opening bracket or quotation mark, after which a quote opens."""
    return unicodedata.category(char) in ("Ps", "Pi")


def quote_edits(view: str, languages: tuple[str, ...], style: str) -> Iterator[Edit]:
    """Straight quotes replaced by the marks of their language (a pair takes
    the language of its opening mark); languages without conventions keep
    them straight."""
    for mark in pair_quotes(view):
        anchor = mark.position if mark.opener is None else mark.opener
        conventions = conventions_for(languages[anchor])
        if conventions is None:
            continue
        marks = conventions.quotes_for(style) or conventions.quotes
        if mark.role == "apostrophe":
            char = conventions.apostrophe
        elif mark.double:
            char = marks.open if mark.role == "open" else marks.close
        else:
            char = marks.inner_open if mark.role == "open" else marks.inner_close
        yield Edit(mark.position, mark.position + 1, char)


# --- rules: no-break spaces ----------------------------------------------------------


@cache
def words_pattern(template: str, words: tuple[str, ...]) -> re.Pattern[str]:
    """``template`` with ``WORDS`` replaced by an alternation of ``words``,
    longest first so none hides another; compiled once per table row."""
    choices = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(template.replace("WORDS", choices))


def abbreviation_spaces(view: str, conventions: Conventions) -> Iterator[Edit]:
    """The spaces inside an abbreviation like "z. B." or "i. d. R." are narrow
    no-break spaces, so it is never split and reads as one word (the
    typographer's "z. B."; Duden and DIN 5008 write a plain space, which may
    break)."""
    if not conventions.abbreviations:
        return
    capitalized = (abbr[0].upper() + abbr[1:] for abbr in conventions.abbreviations)
    variants = tuple(dict.fromkeys((*conventions.abbreviations, *capitalized)))
    for match in words_pattern(r"(?<![\w.])(?:WORDS)(?!\w)", variants).finditer(view):
        for offset, char in enumerate(match.group()):
            if char == " ":
                yield Edit(match.start() + offset, match.start() + offset + 1, NNBSP)


def abbreviation_number_spaces(view: str, conventions: Conventions) -> Iterator[Edit]:
    """No line break between "S.", "Nr.", "§" and the number they announce,
    nor between a title and the name it belongs to ("Dr. Müller"): a no-break
    space of full width, as between words."""
    numbered = (*conventions.before_numbers, "§", "§§")
    for match in words_pattern(r"(?<![\w.])(?:WORDS)( )(?=\d)", numbered).finditer(view):
        yield Edit(match.start(1), match.end(1), NBSP)
    if conventions.before_names:
        titles = words_pattern(r"(?<![\w.])(?:WORDS)( )(?=[^\W\d_])", conventions.before_names)
        for match in titles.finditer(view):
            if view[match.end()].isupper():
                yield Edit(match.start(1), match.end(1), NBSP)


def unit_spaces(view: str, conventions: Conventions) -> Iterator[Edit]:
    """A number and its unit stay on one line: a narrow no-break space before
    a unit symbol ("5 km", "20 %", "12 °C"), a no-break space before a
    spelled-out unit or magnitude ("3 Mio.", "5 Millionen"). Only a space
    that is there is replaced: "20%" stays as written."""
    symbols = words_pattern(r"(?<=\d)( )(?:WORDS)(?![\w²³/])", UNIT_SYMBOLS)
    for match in symbols.finditer(view):
        yield Edit(match.start(1), match.end(1), NNBSP)
    if conventions.unit_words:
        words = words_pattern(r"(?<=\d)( )(?:WORDS)(?!\w)", conventions.unit_words)
        for match in words.finditer(view):
            yield Edit(match.start(1), match.end(1), NBSP)


def digit_group_spaces(view: str, conventions: Conventions) -> Iterator[Edit]:
    """Where a language separates thousands with a space, the spaces of a
    number typed that way ("10 000", "1 234 567") are narrow no-break spaces.
    Digits are never regrouped: "10000" and "10.000" stay as written."""
    if not conventions.digit_group_spaces:
        return
    for match in re.finditer(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)", view):
        for offset, char in enumerate(match.group()):
            if char == " ":
                yield Edit(match.start() + offset, match.start() + offset + 1, NNBSP)


OPENING_BRACKETS = "([{«‹“‘„‚"
SENTENCE_MARKS = ";:!?"


def punctuation_spaces(view: str, conventions: Conventions) -> Iterator[Edit]:
    """The no-break spaces a language sets next to punctuation (French: before
    ";", ":", "!", "?", "»" and after "«"). A plain space there becomes the
    no-break one; a missing one is inserted, but not inside a token ("10:30",
    "a:b"), not after an opening bracket, and only before the first mark of a
    run ("Quoi ?!"). A no-break space already typed is kept."""
    marks = "".join(dict.fromkeys((*conventions.space_before, *conventions.space_after)))
    if not marks:
        return
    for found in re.finditer(f"[{re.escape(marks)}]", view):
        position, char = found.start(), found.group()
        before = view[position - 1] if position else ""
        after = view[position + 1] if position + 1 < len(view) else ""
        space = conventions.space_before.get(char)
        if space is not None:
            inside_token = is_letter(after) and char != "»"
            if inside_token or (char in SENTENCE_MARKS and before in SENTENCE_MARKS):
                pass
            elif before == " ":
                if position >= 2 and not view[position - 2].isspace():
                    yield Edit(position - 1, position, space)
            elif before and not before.isspace() and before not in OPENING_BRACKETS:
                yield Edit(position, position + 1, space + char)
        space = conventions.space_after.get(char)
        if space is not None:
            if after == " ":
                if position + 2 < len(view) and not view[position + 2].isspace():
                    yield Edit(position + 1, position + 2, space)
            elif after and not after.isspace() and after not in "»›":
                yield Edit(position, position + 1, char + space)


#: (rule, universal): universal rules also run for languages without
#: conventions. Order matters: dashes before quotes (a quote after a dash
#: opens), quotes before spaces (French spaces go inside new guillemets).
BEFORE_QUOTES: tuple[tuple[Rule, bool], ...] = (
    (ellipses, True),
    (typed_dashes, True),
    (spaced_dashes, True),
    (minus_signs, True),
    (number_ranges, False),
    (misused_accents, False),
    (elision_apostrophes, False),
    (spaced_straight_quotes, False),
)
AFTER_QUOTES: tuple[tuple[Rule, bool], ...] = (
    (abbreviation_spaces, False),
    (abbreviation_number_spaces, False),
    (unit_spaces, False),
    (digit_group_spaces, False),
    (punctuation_spaces, False),
)
