"""Strategies and checks for the property-based fuzz tests (``tests/fuzz/``).

Two properties run on every input the strategies make:

- **No crash:** reading or exporting gives a document (or files) or an
  :class:`~exporter.errors.ExportError`, never another exception.
- **No lost word:** every word of a *readable* input is in the model, in
  order. What counts as the input's words is defined per reader by the tests
  (the decoded text for plain text, the generated paragraphs for Markdown and
  HTML); :func:`fuzz_words` says how words are compared.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pymupdf
from hypothesis import settings
from hypothesis import strategies as st
from lxml import etree

import exporter
from exporter import model as m
from exporter.api import ExportResult
from exporter.diagnostics import Outcome
from exporter.errors import ExportError, InputError
from exporter.options import Options
from exporter.readers import text as text_reader
from exporter.source import Source
from support.words import words

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# --- comparing words ---------------------------------------------------------------

#: Scripts written without spaces between words, and Korean, whose words
#: lines break inside: each character counts as a word, since a wrapped
#: Chinese line is joined without a space and a PDF's line may end inside a
#: Korean word.
NO_SPACE = (
    "[\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u3130-\u318f"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
TOKEN = re.compile(rf"{NO_SPACE}|(?:(?!{NO_SPACE})[^\W_])+")


def fuzz_words(text: str) -> list[str]:
    """The words of ``text`` as :func:`support.words.words` finds them, but
    with underscores not part of words (``___`` is a scene break, ``_x_``
    emphasis) and each character of a script written without spaces a word
    of its own (see :data:`NO_SPACE`), after
    NFC, as every reader normalises its input."""
    text = unicodedata.normalize("NFC", text)
    # Two hyphens or more at a line's end are a dash, not a word's hyphenation,
    # and so is a hyphen before a line (or paragraph) that starts with no word.
    text = DASH_AT_LINE_END.sub(r"\1|\n", text)
    return [token for word in words(text) for token in TOKEN.findall(word)]


DASH_AT_LINE_END = re.compile(r"(-{2,}|-(?=[ \t]*\n\s*[^\w\s]))[ \t]*\n")


def missing_in_order(
    expected: Sequence[str], actual: Sequence[str], broken: bool = False
) -> list[str]:
    """The words of ``expected`` not found, in order, in ``actual`` (linear:
    fuzz inputs can be long). With ``broken``, a word may also be found cut
    into consecutive pieces: a page breaks a word too long for a table's
    cell anywhere, without a hyphen."""
    missing = []
    position = 0
    for word in expected:
        found = find_word(word, actual, position, broken)
        if found is None:
            missing.append(word)
        else:
            position = found
    return missing


def find_word(word: str, actual: Sequence[str], start: int, broken: bool) -> int | None:
    """The position after ``word`` found in ``actual`` from ``start``, or ``None``."""
    for index in range(start, len(actual)):
        if actual[index] == word:
            return index + 1
        if broken and word.startswith(actual[index]):
            joined, end = actual[index], index + 1
            while end < len(actual) and len(joined) < len(word):
                joined += actual[end]
                end += 1
            if joined == word:
                return end
    return None


def without_run(haystack: list[str], run: Sequence[str], last: bool = False) -> list[str]:
    """``haystack`` without the first (or ``last``) occurrence of ``run`` as
    consecutive words (unchanged if there is none)."""
    size = len(run)
    if not size:
        return haystack
    starts = range(len(haystack) - size + 1)
    for start in reversed(starts) if last else starts:
        if haystack[start : start + size] == list(run):
            return haystack[:start] + haystack[start + size :]
    return haystack


# --- the model's text --------------------------------------------------------------


def block_texts(blocks: Sequence[m.Block], numbers: bool = True) -> Iterator[str]:
    """The text of ``blocks`` in reading order, as a reader would read it
    aloud: footnote calls (a space) and scene breaks left out, list numbers included
    unless ``numbers`` is false (outputs number lists without text)."""
    for block in blocks:
        match block:
            case m.Heading(_, children) | m.Paragraph(children):
                yield spoken_text(children)
            case m.BlockQuote(inner) | m.FootnoteDef(_, inner):
                yield from block_texts(inner, numbers)
            case m.ListBlock(items, ordered, start):
                for number, item in enumerate(items, start):
                    if ordered and numbers:
                        yield str(number)
                    yield from block_texts(item.blocks, numbers)
            case m.DefinitionList(items):
                for entry in items:
                    yield spoken_text(entry.term)
                    for definition in entry.definitions:
                        yield from block_texts(definition, numbers)
            case m.CodeBlock(text):
                yield text
            case m.Figure(_, alt, caption):
                yield alt
                yield spoken_text(caption)
            case m.Table(head, body, caption):
                yield spoken_text(caption)
                for row in head + body:
                    for cell in row.cells:
                        yield spoken_text(cell.children)
            case m.Chapter(metadata, inner):
                yield metadata.title
                yield from block_texts(inner, numbers)


def spoken_text(inlines: tuple[m.Inline, ...]) -> str:
    """:func:`exporter.model.plain_text` with a space for each footnote call:
    a call parts the words around it ("1^[note]0" is "1", a call, "0"), as
    :func:`element_text` reads an EPUB's note call."""
    return "".join(
        " "
        if isinstance(node, m.FootnoteRef)
        else spoken_text(node.children)
        if isinstance(node, m.InlineContainer)
        else m.plain_text((node,))
        for node in inlines
    )


def body_words(document: m.Document, numbers: bool = True) -> list[str]:
    """The words of the document's blocks (not its metadata), in order."""
    return fuzz_words("\n".join(block_texts(document.blocks, numbers)))


def metadata_words(document: m.Document) -> list[str]:
    meta = document.metadata
    return fuzz_words(
        " ".join((meta.title, meta.subtitle, *meta.authors, meta.publisher, meta.date))
    )


BYLINE_NOTICE = re.compile(r'.*?byline "(?P<line>.*)":? ')


def moved_lines(outcome: Outcome) -> list[str]:
    """The lines a reader says it moved out of the text into the metadata:
    bylines (``text.byline``, ``markdown.byline``)."""
    lines = []
    for diagnostic in outcome.diagnostics:
        if diagnostic.code in ("text.byline", "markdown.byline"):
            match = BYLINE_NOTICE.match(diagnostic.message)
            assert match is not None, diagnostic.message
            lines.append(match["line"])
    return lines


def expected_body_words(text: str, outcome: Outcome) -> list[list[str]]:
    """The words of ``text`` that must stay in the body: all of them but the
    title and the bylines the reader took into the metadata (which it names).

    Each is cut out of the text as the lines it was (its words separated by
    any white space), so that a hyphen at its end does not join its last
    word to the next line's first; failing that (a title whose hyphenated
    line end the reader rejoined), as a run of words. Which of several equal
    lines the reader took is not said (a byline is taken at the start or the
    end): each is cut out at its first or its last occurrence, which gives
    several candidates. A byline whose tail stays in the body ("Jane Roe –
    Berlin") is cut out of the start of its line with the separator the
    reader drops, the tail left as a line of its own under the line above
    (:func:`body_words` sets the document's blocks a line apart)."""
    moved = [line for line in (outcome.document.metadata.title, *moved_lines(outcome)) if line]
    candidates = []
    for ends in itertools.product((0, -1), repeat=len(moved)):
        rest, runs = text, []
        for line, end in zip(moved, ends, strict=True):
            words_pattern = r"\s+".join(map(line_word, line.split()))
            for pattern, gap in (
                (rf"(?m)^\s*{words_pattern}\s*$", "\n\n"),
                (rf"(?m)^\s*{words_pattern}{BYLINE_TAIL_SEPARATOR}(?=\S)", "\n"),
            ):
                matches = list(re.finditer(pattern, rest))
                if matches:
                    match = matches[end]
                    rest = rest[: match.start()] + gap + rest[match.end() :]
                    break
            else:
                runs.append((fuzz_words(line), end))
        expected = fuzz_words(rest)
        for run, end in runs:
            expected = without_run(expected, run, last=end == -1)
        candidates.append(expected)
    return candidates


#: What parts a byline from its tail on its line: the text reader's own
#: separators ("Jane Roe | Berlin", "Jane Roe, May 4"), or a space.
BYLINE_TAIL_SEPARATOR = rf"(?:{text_reader.BYLINE_TAIL_SEPARATOR.pattern}|\s+)"


def line_word(word: str) -> str:
    """A pattern for a word of a moved line as the text has it: a hyphen in
    it may have ended a line ("0-" and "A-" on two lines make "0-A-"), and
    a word hyphenated at a line's end comes back whole ("A-" "a" make "Aa")."""
    rejoined = r"(?:-[ \t]*\n\s*)?"
    return rejoined.join(r"-\s*" if char == "-" else re.escape(char) for char in word)


def missing_body_words(text: str, outcome: Outcome) -> list[str]:
    """The words of ``text`` (see :func:`expected_body_words`) missing, in
    order, from the body of ``outcome``'s document: none if any candidate
    is found whole."""
    body = body_words(outcome.document)
    return min(
        (missing_in_order(expected, body) for expected in expected_body_words(text, outcome)),
        key=len,
    )


# --- running ------------------------------------------------------------------------


def read_or_refuse(read: Callable[[Source], Outcome], source: Source) -> Outcome | None:
    """``read(source)``: the outcome, or ``None`` when it refused the input
    with an :class:`ExportError` (a clear answer). Any other exception is a
    bug and propagates, failing the test."""
    try:
        outcome = read(source)
    except ExportError as error:
        assert str(error).strip(), "an ExportError without a message"
        assert "\n" not in str(error).strip(), "the CLI prints an error as one line"
        return None
    assert isinstance(outcome, Outcome)
    assert isinstance(outcome.document, m.Document)
    # The model survives its own round trip (how it travels to helper processes).
    assert m.from_json(m.to_json(outcome.document)) == outcome.document
    return outcome


# --- strategies: text ---------------------------------------------------------------

#: Real words in several scripts, so that the language detection, the
#: typography and the fonts for each script all run.
VOCABULARY = (  # noqa: SIM905 (a text is easier to read than a list of words)
    "the night train to Vienna leaves at nine and arrives early"
    " der Nachtzug nach Wien fährt um neun ab und kommt früh an"
    " le train de nuit pour Vienne part à neuf heures"
    " el tren nocturno sale a las nueve"
    " ночной поезд уходит в девять"
    " νυχτερινό τρένο φεύγει"
    " 夜行列车 九点 出发 夜行列車 出発します"
    " 야간 열차는 아홉 시에 출발한다"
    " القطار الليلي يغادر"
    " רכבת הלילה יוצאת"
    " रात की ट्रेन नौ बजे"
    " รถไฟกลางคืน"
    " Nord-Süd 2024 12. März dpa AP Reuters"
).split()

word = st.one_of(
    st.sampled_from(VOCABULARY),
    st.text(st.characters(categories=["Lu", "Ll", "Lo", "Nd"]), min_size=1, max_size=12),
)

#: What may stand between words: spaces, punctuation, quotes, dashes, the
#: odd invisible character, a line end (hard wrapping) and a hyphen at a line end.
separator = st.sampled_from(
    [" "] * 12
    + [", ", ". ", "! ", "? ", ": ", "; ", " – ", " - ", "-", "'", '"', " „", "“ ", " «", "» "]
    + ["...", "\u00a0", "\u00ad", "\u200b", "\t", "\n", "-\n", " (", ") ", "/", "&", "#"]
)


#: Scripts whose PDF text no extraction reads back in order (shaped or
#: reordered glyphs mapped to text by glyph: tests/test_scripts_end_to_end.py).
UNREADABLE_IN_PDF = re.compile("[\u0590-\u08ff\u0900-\u097f\u0e00-\u0e7f]")

#: Words a PDF shows and gives back as text: letters of the alphabets our
#: faces draw (a PDF draws a character no face has as an empty box, which
#: ``check`` reports; MuPDF reads some rare letters such as the digraph "Ǌ"
#: back as others), none in :data:`UNREADABLE_IN_PDF`.
printable_word = st.one_of(
    st.sampled_from([w for w in VOCABULARY if not UNREADABLE_IN_PDF.search(w)]),
    st.text(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        "äöüßÄÖÜéèêàçñøåæœÉÀÇŁłřšžčěůαβγδλμπσωΔΣΩабвгджзиклмнпрстЖЗИКЛМН",
        min_size=1,
        max_size=12,
    ),
)


@st.composite
def sentence(draw: st.DrawFn, max_words: int = 30, words: st.SearchStrategy[str] = word) -> str:
    parts = [draw(words)]
    for _ in range(draw(st.integers(0, max_words))):
        parts.append(draw(separator))
        parts.append(draw(words))
    parts.append(draw(st.sampled_from(["", ".", "!", "?", ":", "…", '."'])))
    return "".join(parts)


#: Lines people paste around an article: bylines, datelines, credits,
#: teasers, list items, scene breaks, numbered headings.
SPECIAL_LINES = tuple(
    [
        "By Jane Doe and John Smith",
        "Von Anna Schmidt, dpa",
        "Autor: Catherine H.",
        "(dpa)",
        "Reuters",
        "Berlin, 12. März 2024",
        "Stand: 12.03.2024 14:05 Uhr",
        "Updated: March 12, 2024",
        "Foto: dpa",
        "AP Photo/Evan Vucci",
        "[Read: The night train returns]",
        "Lesen Sie auch: Der Nachtzug",
        "SIGN UP FOR OUR NEWSLETTER",
        "***",
        "* * *",
        "⁂",
        "#",
        "---",
        "- first item",
        "* second item",
        "• third item",
        "1. one",
        "2. two",
        "3) three",
        "7) The night train to Vienna",
        "The night train",
        "DER NACHTZUG",
        "记者 王芳",
        "بقلم أحمد خالد",
        "\f",
    ]
)
SPECIAL_LINE = st.sampled_from(SPECIAL_LINES)
#: Those a PDF gives back as text (see :data:`UNREADABLE_IN_PDF`).
PRINTABLE_SPECIAL_LINE = st.sampled_from(
    [line for line in SPECIAL_LINES if not UNREADABLE_IN_PDF.search(line)]
)


@st.composite
def article_text(
    draw: st.DrawFn,
    words: st.SearchStrategy[str] = word,
    lines: st.SearchStrategy[str] = SPECIAL_LINE,
) -> str:
    """An article as people paste it: a title, bylines, datelines, paragraphs
    hard-wrapped or not, headings, lists, scene breaks and page breaks, of
    ``words`` and special ``lines``."""
    blocks = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["paragraph"] * 4 + ["line", "special", "list"]))
        if kind == "paragraph":
            text = " ".join(draw(st.lists(sentence(words=words), min_size=1, max_size=4)))
            width = draw(st.sampled_from([0, 0, 40, 60, 72]))
            blocks.append(wrap(text, width) if width else text)
        elif kind == "line":
            blocks.append(draw(sentence(max_words=6, words=words)))
        elif kind == "special":
            blocks.append(draw(lines))
        else:
            blocks.append("\n".join(draw(st.lists(lines, min_size=1, max_size=4))))
    gaps = st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", "\n \n", "\f", "\r\n\r\n"])
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(gaps) + block
    return text


def wrap(text: str, width: int) -> str:
    """``text`` hard-wrapped at ``width`` characters, as pasted from e-mail."""
    lines: list[str] = []
    line = ""
    for token in text.split(" "):
        if line and len(line) + 1 + len(token) > width:
            lines.append(line)
            line = token
        else:
            line = f"{line} {token}" if line else token
    lines.append(line)
    return "\n".join(lines)


#: Any text a user might hand us: arbitrary Unicode, or an article.
any_text = st.one_of(st.text(), article_text())

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "cp1252", "latin-1")


@st.composite
def encoded_text(draw: st.DrawFn) -> tuple[str, bytes]:
    """Text and its bytes in one of the encodings people save text in (those
    that cannot encode a character replace it)."""
    text = draw(any_text)
    encoding = draw(st.sampled_from(ENCODINGS))
    return text, text.encode(encoding, errors="replace")


# --- strategies: mutating real inputs -----------------------------------------------


def fixture_files(*patterns: str) -> list[Path]:
    return sorted(path for pattern in patterns for path in FIXTURES.glob(pattern))


TAG = re.compile(rb"<[A-Za-z][^<>]*>.*?</[A-Za-z][^<>]*>|<[^<>]+>", re.DOTALL)


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[bytes]) -> bytes:
    """One of ``seeds`` changed a few times as fuzzers do: bytes flipped,
    inserted or deleted, the input truncated, two inputs spliced, a tag (with
    its content) duplicated, moved or dropped."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(
            st.sampled_from(["flip", "insert", "delete", "truncate", "splice", "tag", "untag"])
        )
        at = draw(st.integers(0, len(data)))
        if operation == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif operation == "truncate":
            del data[at:]
        elif operation == "splice":
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:] = other[start:]
        elif operation in ("tag", "untag"):
            tags = list(TAG.finditer(bytes(data)))
            if not tags:
                continue
            tag = draw(st.sampled_from(tags))
            if operation == "untag":
                del data[tag.start() : tag.end()]
            else:
                copies = draw(st.integers(1, 50))
                data[at:at] = tag.group() * copies
    return bytes(data)


def examples(share: float, least: int = 1) -> settings:
    """Settings for a slow test: ``share`` of the profile's examples, at
    least ``least`` (the profile is loaded before the test modules)."""
    return settings(max_examples=max(least, round(settings.default.max_examples * share)))


# --- strategies: Markdown -----------------------------------------------------------

#: A word of letters only: nothing Markdown or HTML could read as markup.
letters = st.one_of(
    st.sampled_from([w for w in VOCABULARY if w.isalpha()]),
    st.text(st.characters(categories=["Lu", "Ll", "Lo"]), min_size=1, max_size=10),
)


@st.composite
def marked_words(draw: st.DrawFn, min_size: int = 1, max_size: int = 12) -> tuple[str, str]:
    """Words with inline Markdown around some of them: (Markdown, visible text)."""
    source, visible = [], []
    for text in draw(st.lists(letters, min_size=min_size, max_size=max_size)):
        mark = draw(
            st.sampled_from(
                ["{}"] * 6
                + ["*{}*", "**{}**", "_{}_", "`{}`", "~~{}~~", "[{}](https://example.org/x)"]
                + ["<em>{}</em>", "<sup>{}</sup>", "<span lang=de>{}</span>", "{}\\", "{}  "]
            )
        )
        source.append(mark.format(text) + ("\n" if mark.endswith(("\\", "  ")) else ""))
        visible.append(text)
    return " ".join(source).replace("\n ", "\n"), " ".join(visible)


@st.composite
def markdown_document(draw: st.DrawFn) -> tuple[str, str]:
    """A Markdown document of headings, paragraphs, lists, quotes, code,
    tables, definition lists and HTML blocks: (Markdown, visible text)."""
    source, visible = [], []
    if draw(st.booleans()):
        source.append("---\nlang: en\ndate: 2024-03-12\n---")
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(
                ["paragraph"] * 3
                + ["heading", "list", "ordered", "quote", "code", "table"]
                + ["deflist", "html", "break"]
            )
        )
        md, text = draw(marked_words())
        if kind == "paragraph":
            source.append(md)
            visible.append(text)
        elif kind == "heading":
            plain = " ".join(draw(st.lists(letters, min_size=1, max_size=6)))
            source.append("#" * draw(st.integers(1, 6)) + " " + plain)
            visible.append(plain)
        elif kind in ("list", "ordered"):
            items = draw(st.lists(marked_words(max_size=5), min_size=1, max_size=4))
            for number, (item, text) in enumerate(items, 1):
                marker = f"{number}." if kind == "ordered" else "-"
                source.append(f"{marker} " + item.replace("\n", "\n   "))
                visible.append(text)
            source.append("")
        elif kind == "quote":
            source.append("> " + md.replace("\n", "\n> "))
            visible.append(text)
        elif kind == "code":
            code = " ".join(draw(st.lists(letters, min_size=1, max_size=6)))
            source.append(f"```\n{code}\n```")
            visible.append(code)
        elif kind == "table":
            cells = draw(st.lists(letters, min_size=4, max_size=4))
            source.append(
                f"| {cells[0]} | {cells[1]} |\n| --- | --- |\n| {cells[2]} | {cells[3]} |"
            )
            visible.append(" ".join(cells))
        elif kind == "deflist":
            term = draw(letters)
            definition = " ".join(draw(st.lists(letters, min_size=1, max_size=6)))
            source.append(f"{term}\n: {definition}")
            visible.append(f"{term} {definition}")
        elif kind == "html":
            plain = " ".join(draw(st.lists(letters, min_size=1, max_size=6)))
            source.append(f"<div>\n<p>{plain}</p>\n</div>")
            visible.append(plain)
        else:
            source.append(draw(st.sampled_from(["***", "---", "___", "* * *"])))
    return "\n\n".join(source) + "\n", "\n\n".join(visible)


#: Pieces of Markdown syntax, for soups that test the parser's corners.
MARKDOWN_PIECES = (
    "#", "## ", "*", "**", "_", "`", "```", "~~~", "~~", "[", "]", "(", ")", "![", "](",
    "[^1]", "[^1]: ", "[^x]", "<", ">", "> ", "-", "- ", "+ ", "1. ", "2) ", "|", "| --- |",
    ": ", "---", "***", "\n", "\n\n", " ", "    ", "\t", "\\", "&amp;", "&#0;", "&#x110000;",
    "<div>", "</div>", "<p>", "<sup>", "</sup>", "<em>", "<script>", "<!--", "-->",
    "<img src=x.png alt=y>", "<a href='javascript:x'>", "https://example.org", "file:///etc/passwd",
    "word", "Wort", "слово", "词", "كلمة", "By Jane Doe", "title: x", "lang: de", "author:",
    "- a", "cover: ../x.png", "{", "}", "&", "'", '"', "\u00a0", "\u200b", "\u202e",
)  # fmt: skip

markdown_soup = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=60).map("".join)
any_markdown = st.one_of(st.text(), markdown_soup, markdown_document().map(lambda d: d[0]))


# --- strategies: HTML ---------------------------------------------------------------

HTML_TAGS = (
    "p", "div", "span", "article", "main", "section", "header", "footer", "nav", "aside",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tr", "td", "th", "caption", "figure", "figcaption", "blockquote", "pre", "code",
    "em", "strong", "b", "i", "a", "sup", "sub", "s", "del", "br", "hr", "img", "script",
    "style", "noscript", "form", "button", "template", "svg", "math", "iframe", "time", "q",
    "small", "picture", "source", "title", "meta", "head", "body", "html",
)  # fmt: skip

HTML_ATTRIBUTES = (
    'class="share"', 'class="byline"', 'class="author"', 'class="footnote"', 'class="ad"',
    'class="newsletter"', 'class="caption"', 'class="comments"', 'id="fn1"', 'href="#fn1"',
    'href="/author/jane"', 'href="https://example.org"', 'href="javascript:alert(1)"',
    'rel="author"', 'role="doc-noteref"', 'role="doc-endnotes"', 'epub:type="footnote"',
    "hidden", 'style="display:none"', 'aria-hidden="true"', 'lang="de"', 'lang="x-!!"',
    'dir="rtl"', 'src="media/route-map.png"', 'src="../secret.png"',
    'src="data:image/png;base64,AAAA"',
    'src="file:///etc/passwd"', 'alt="a picture"', 'colspan="3"', 'rowspan="0"',
    'colspan="99999"', 'start="5"', 'start="-1"', 'datetime="0001-01-01"', 'datetime="2024-13-45"',
    'property="og:title" content="x"', 'name="author" content="Jane Doe"', 'charset="utf-16"',
    'charset="x-unknown"', 'itemprop="author"', 'property="article:published_time" content="nope"',
)  # fmt: skip

HTML_TEXT = st.one_of(
    st.sampled_from(
        [
            "The night train to Vienna leaves at nine and arrives early in the morning.",
            "By Jane Doe", "Share", "Read more", "© 2024 Example News", "Sign up", "Foto: dpa",
            "1", "[1]", "↩", "&amp;", "&nbsp;", "&#0;", "&lt;script&gt;", " ", "\n",
        ]
    ),
    st.text(max_size=20),
)  # fmt: skip

JSON_LD = st.sampled_from(
    [
        '{"@type": "NewsArticle", "headline": "A night train", "author": {"name": "Jane Doe"},'
        ' "datePublished": "2024-03-12T10:00:00Z"}',
        '{"@type": "NewsArticle", "datePublished": "0001-01-01", "author": [{"name": 1}]}',
        '{"@type": "NewsArticle", "datePublished": "2024-99-99T99:99", "author": "x"}',
        '{"@graph": [{"@type": "Person", "name": null}], "datePublished": 20240312}',
        '[{"@type": "NewsArticle", "dateModified": "März 2024", "headline": []}]',
        "{not json",
    ]
)


@st.composite
def html_element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(HTML_TAGS))
    attributes = draw(st.lists(st.sampled_from(HTML_ATTRIBUTES), max_size=3))
    opening = "<" + " ".join([tag, *attributes]) + ">"
    children = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        if draw(st.booleans()):
            children.append(draw(HTML_TEXT))
        else:
            children.append(draw(html_element(depth + 1)))
    closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))
    return opening + "".join(children) + closing


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """A page of random elements around, and sometimes inside, an article."""
    head = draw(
        st.lists(
            st.one_of(
                st.sampled_from(HTML_ATTRIBUTES).map(lambda a: f"<meta {a}>"),
                JSON_LD.map(lambda j: f'<script type="application/ld+json">{j}</script>'),
                HTML_TEXT.map(lambda t: f"<title>{t}</title>"),
            ),
            max_size=4,
        )
    )
    body = draw(st.lists(html_element(), max_size=6))
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0'?>"]))
    return f"{doctype}<html><head>{''.join(head)}</head><body>{''.join(body)}</body></html>"


#: Pieces of HTML syntax for soups: half-open tags, comments, entities.
HTML_PIECES = (
    "<", ">", "</", "/>", "<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "</h1>",
    "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "&", "&amp;", "&#x0;", "&#99999999;",
    "<script>", "</script>", "<style>", "<table>", "<td colspan=0>", "<ol start=99999999999>",
    "<sup>", "<a href=#fn1>", "<li id=fn1>", "<img src=x>", "<meta charset=utf-7>", "=", '"',
    "'", " ", "\n", "word", "Wort", "слово", "词", "\x00", "\u202e", "<math>", "<svg>",
)  # fmt: skip

html_soup = st.lists(st.sampled_from(HTML_PIECES), max_size=80).map("".join)
any_html = st.one_of(st.text(), html_soup, html_page())


@st.composite
def html_article(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A clean article page with some site chrome around it: (HTML, the
    plain paragraphs' texts). The paragraphs are long runs of letters-only
    words, like no chrome: every word of them must be kept."""
    paragraphs = [
        " ".join(draw(st.lists(letters, min_size=12, max_size=40)))
        for _ in range(draw(st.integers(1, 6)))
    ]
    title = " ".join(draw(st.lists(letters, min_size=1, max_size=8)))
    chrome = draw(
        st.lists(
            st.sampled_from(
                [
                    '<nav><a href="/">Home</a> <a href="/world">World</a></nav>',
                    '<div class="share">Share on Facebook</div>',
                    '<aside class="newsletter">Sign up for our newsletter</aside>',
                    "<footer>© 2024 Example News</footer>",
                    '<p class="byline">By Jane Doe</p>',
                    "<figure><figcaption>A caption</figcaption></figure>",
                ]
            ),
            max_size=3,
        )
    )
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    page = (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{''.join(chrome[:1])}"
        f"<article><h1>{title}</h1>{''.join(chrome[1:])}{body}</article></body></html>"
    )
    return page, paragraphs


# --- exporting and reading the outputs ----------------------------------------------

EPUB = Options(formats=("epub",), source_date_epoch=0)
PDF = Options(formats=("pdf",), source_date_epoch=0)


def export_or_refuse(name: str, data: bytes, options: Options) -> tuple[ExportResult, str] | None:
    """Export ``data`` as the file ``name`` to a fresh folder: the result and
    the text of its one output, or ``None`` when the input was refused (an
    :class:`InputError`: a writer's error or one writing to a fresh folder
    is a bug). A refused export leaves no file behind."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        try:
            result = exporter.export(Source(data, name, None), out_dir=out, options=options)
        except InputError as error:
            assert str(error).strip()
            assert list(out.iterdir()) == [], "a refused export left files behind"
            return None
        [output] = result.outputs
        assert output.stat().st_size > 0
        text = epub_text(output) if output.suffix == ".epub" else pdf_text(output)
        assert [path.name for path in out.iterdir()] == [output.name], "stray files"
        return result, text


#: Characters a page shows as nothing: between two words they join them
#: for whoever reads the page (a PDF's text has no trace of them).
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


LINE_END_HYPHEN = re.compile(r"([-\u00ad\u2010\u2011])[ \t]*\n")


def assert_model_words_in(result: ExportResult, text: str) -> None:
    """Every word of the exported document's body is in the output's text, in
    order, and every footnote's: the model keeps a note after the block that
    calls it, the book sets the notes at the end of their section."""
    blocks = result.document.blocks
    notes = [block for block in blocks if isinstance(block, m.FootnoteDef)]
    running = [block for block in blocks if not isinstance(block, m.FootnoteDef)]
    broken = result.outputs[0].suffix == ".pdf"
    if broken:
        # A hyphen at a line's end may be the hyphenation's or the text's
        # own ("the- the" broken after the hyphen): keep the pieces apart,
        # and let missing_in_order join them where the model has one word.
        text = LINE_END_HYPHEN.sub(r"\1|\n", text)
    found = fuzz_words(INVISIBLE.sub("", text))
    for part in (running, *([note] for note in notes)):
        expected = fuzz_words(
            INVISIBLE.sub("", BLOCK_SEPARATOR.join(block_texts(part, numbers=False)))
        )
        missing = missing_in_order(expected, found, broken)
        assert missing == [], f"model: {expected}\noutput: {text!r}"


OPF_NS = {"opf": "http://www.idpf.org/2007/opf"}


#: Put between blocks and pages: no word, and no white space, so that a
#: hyphen ending one block does not join its word to the next block's first
#: (:func:`support.words.words` joins words hyphenated at a line's end).
BLOCK_SEPARATOR = "\n|\n"

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
#: Elements whose text starts and ends a block of its own.
BLOCK_TAGS = frozenset(
    XHTML + tag
    for tag in (
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "aside"),
        *("header", "footer", "nav", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption"),
        *("thead", "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption", "blockquote"),
        *("pre", "hr", "img"),
    )
)


def element_text(element: etree._Element) -> str:
    """The text of ``element`` as a reading system shows it: inline elements
    run on, blocks are set apart, a ``<br>`` ends a line."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            pass
        elif child.tag == XHTML + "br":
            parts.append("\n")
        elif child.get(EPUB_TYPE) == "noteref":
            parts.append(" ")  # a call's number is not a word of the text
        elif child.tag in BLOCK_TAGS:
            parts.append(BLOCK_SEPARATOR + element_text(child) + BLOCK_SEPARATOR)
        else:
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def epub_text(path: Path) -> str:
    """The text of an EPUB's content documents in spine order, as a reading
    system shows it (the navigation document left out)."""
    with zipfile.ZipFile(path) as book:
        container = etree.fromstring(book.read("META-INF/container.xml"))
        opf_name = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(book.read(opf_name))
        folder = posixpath.dirname(opf_name)
        hrefs = {
            item.get("id"): item.get("href")
            for item in opf.findall("opf:manifest/opf:item", OPF_NS)
            if "nav" not in (item.get("properties") or "").split()
        }
        texts = []
        for ref in opf.findall("opf:spine/opf:itemref", OPF_NS):
            href = hrefs.get(ref.get("idref"))
            if href is None:
                continue
            page = etree.fromstring(book.read(posixpath.join(folder, href)))
            texts.append(element_text(page.find(XHTML + "body")))
        return BLOCK_SEPARATOR.join(texts)


def pdf_text(path: Path) -> str:
    """The text of a PDF's pages, without their running heads and folios:
    the text of an A4 page (the default) runs between 25 mm from the top and
    32 mm from the foot; a head or a folio between a word's halves
    hyphenated across a page would part them. A raised span (a note's
    call) stands apart from the words around it, as in the EPUB's text."""
    with pymupdf.open(path) as pdf:
        return BLOCK_SEPARATOR.join(
            "\n".join(
                block_text(block)
                for block in page.get_text("dict")["blocks"]
                if block["bbox"][3] > 0.074 * page.rect.height
                and block["bbox"][1] < 0.9 * page.rect.height
            )
            for page in pdf
        )


def block_text(block: dict[str, Any]) -> str:
    """A text block of MuPDF's ``dict`` as ``blocks`` gives it (lines ended
    by a line break), with a raised span (its baseline above the line's)
    set apart by spaces."""
    return "".join(
        "".join(
            f" {span['text']} " if is_raised(span, line) else span["text"] for span in line["spans"]
        )
        + "\n"
        for line in block.get("lines", ())
    )


def is_raised(span: dict[str, Any], line: dict[str, Any]) -> bool:
    baseline = max(other["origin"][1] for other in line["spans"])
    return bool(span["origin"][1] < baseline - 0.2 * span["size"])
