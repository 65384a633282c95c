r"""The typography transform, driven by fixture files in the markdown-it-py style.

Each file under ``tests/fixtures/typography/`` holds the cases of one language,
named by its BCP 47 tag (``de-CH.md``); ``de.guillemets.md`` runs with the
quote style "guillemets". A case is a title line, then the input and the
expected output, each closed by a line holding a single ``.``. Every line of
input is a paragraph of its own. Inside a line a tiny markup builds inline
nodes: ``*emphasis*``, ``**strong**``, `` `code` ``, ``[text](target)`` for a
link and ``[text]{lang=fr}`` for a passage in another language; a backslash
makes the next character plain text (``\```). Invisible
characters are written ``⟨nbsp⟩`` (U+00A0) and ``⟨nnbsp⟩`` (U+202F) so a
reader of the fixture sees them; the files hold none of them raw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from support.words import words

import exporter
from exporter.errors import OptionError
from exporter.model import (
    Chapter,
    Code,
    CodeBlock,
    DefinitionItem,
    DefinitionList,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Span,
    Strikethrough,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from exporter.options import QUOTE_STYLES, Options
from exporter.transforms.punctuation_rules import (
    CONVENTIONS,
    NBSP,
    NNBSP,
    conventions_for,
)
from exporter.transforms.typography import (
    address_spans,
    apply_typography,
    pair_quotes,
    typeset,
    typeset_text,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "typography"
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "nordkorea-kursk.de.txt"

VISIBLE = {"⟨nbsp⟩": NBSP, "⟨nnbsp⟩": NNBSP}


# --- fixture files ------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    title: str
    language: str
    quotes: str
    input: tuple[str, ...]
    expected: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def load_cases(path: Path) -> list[Case]:
    """The cases of one fixture file: the line before a ``.`` line is a
    title, then come the input and the expected output, each ended by ``.``."""
    language, _, style = path.name.removesuffix(".md").partition(".")
    lines = path.read_text(encoding="utf-8").splitlines()
    cases = []
    index = 0
    while index < len(lines):
        if lines[index] == "." and index > 0 and lines[index - 1].strip():
            title_line = index - 1
            end_input = lines.index(".", index + 1)
            end_expected = lines.index(".", end_input + 1)
            cases.append(
                Case(
                    path.name,
                    title_line + 1,
                    lines[title_line],
                    language,
                    style,
                    tuple(lines[index + 1 : end_input]),
                    tuple(lines[end_input + 1 : end_expected]),
                )
            )
            index = end_expected + 1
        else:
            index += 1
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(FIXTURES.glob("*.md")) for case in load_cases(path)]


CASES = all_cases()


def decode(line: str) -> str:
    for name, char in VISIBLE.items():
        line = line.replace(name, char)
    return line


def encode(text: str) -> str:
    for name, char in VISIBLE.items():
        text = text.replace(char, name)
    return text


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """The fixture markup as inline nodes (see the module docstring)."""
    nodes: list[Inline] = []
    buffer = ""
    index = 0

    def flush() -> None:
        nonlocal buffer
        if buffer:
            nodes.append(Text(buffer))
            buffer = ""

    while index < len(text):
        if text[index] == "\\":
            buffer += text[index + 1]
            index += 2
        elif text.startswith("**", index):
            end = text.index("**", index + 2)
            flush()
            nodes.append(Strong(parse_inlines(text[index + 2 : end])))
            index = end + 2
        elif text[index] in "*`":
            end = text.index(text[index], index + 1)
            flush()
            inner = text[index + 1 : end]
            nodes.append(Emphasis(parse_inlines(inner)) if text[index] == "*" else Code(inner))
            index = end + 1
        elif text[index] == "[":
            close = matching_bracket(text, index)
            flush()
            children = parse_inlines(text[index + 1 : close])
            if text.startswith("{lang=", close + 1):
                end = text.index("}", close)
                nodes.append(Span(children, text[close + 7 : end]))
            else:
                end = text.index(")", close)
                nodes.append(Link(text[close + 2 : end], children))
            index = end + 1
        else:
            buffer += text[index]
            index += 1
    flush()
    return tuple(nodes)


def matching_bracket(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise ValueError(f"unclosed [ in {text!r}")


def render_inlines(nodes: tuple[Inline, ...]) -> str:
    """The inverse of :func:`parse_inlines`."""
    parts = []
    for node in nodes:
        match node:
            case Text(text):
                parts.append(re.sub(r"([\\*`\[])", r"\\\1", text))
            case Code(text):
                parts.append(f"`{text}`")
            case Emphasis(children):
                parts.append(f"*{render_inlines(children)}*")
            case Strong(children):
                parts.append(f"**{render_inlines(children)}**")
            case Span(children, lang):
                parts.append(f"[{render_inlines(children)}]{{lang={lang}}}")
            case Link(target, children):
                parts.append(f"[{render_inlines(children)}]({target})")
    return "".join(parts)


def document_of(lines: tuple[str, ...], language: str) -> Document:
    paragraphs = tuple(Paragraph(parse_inlines(decode(line))) for line in lines)
    return Document(Metadata(language=language), paragraphs)


def lines_of(document: Document) -> tuple[str, ...]:
    return tuple(
        encode(render_inlines(block.children))
        for block in document.blocks
        if isinstance(block, Paragraph)
    )


# --- the fixture cases ----------------------------------------------------------------


def test_fixtures_exist_for_the_main_languages() -> None:
    languages = {case.language for case in CASES}
    assert {"de", "de-CH", "en", "en-GB", "fr", "es", "it", "nl", "pl"} <= languages
    assert len(CASES) > 100


def test_fixture_files_show_invisible_characters() -> None:
    for path in FIXTURES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert NBSP not in text and NNBSP not in text, f"{path.name}: write ⟨nbsp⟩, ⟨nnbsp⟩"


def test_fixture_markup_round_trips() -> None:
    line = "a *b [c](d) `e`* **f** [g]{lang=fr} \\` \\*"
    assert render_inlines(parse_inlines(line)) == line


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_typeset(case: Case) -> None:
    outcome = typeset(document_of(case.input, case.language), quotes=case.quotes)
    assert lines_of(outcome.document) == case.expected, case.title
    supported = conventions_for(case.language) is not None
    codes = [diagnostic.code for diagnostic in outcome.diagnostics]
    assert codes == ([] if supported else ["typography-unsupported-language"])


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_typeset_is_idempotent(case: Case) -> None:
    """Typesetting the expected output changes nothing, and neither does
    typesetting the input twice."""
    expected = document_of(case.expected, case.language)
    assert typeset(expected, quotes=case.quotes).document == expected, case.title
    once = typeset(document_of(case.input, case.language), quotes=case.quotes).document
    assert typeset(once, quotes=case.quotes).document == once, case.title


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_typeset_keeps_the_words(case: Case) -> None:
    """No word is dropped or invented, and the node structure is kept."""
    source = document_of(case.input, case.language)
    result = typeset(source, quotes=case.quotes).document
    for before, after in zip(source.blocks, result.blocks, strict=True):
        assert isinstance(before, Paragraph) and isinstance(after, Paragraph)
        # A closed em dash replaces " - ": count dashes as word separators.
        separate = str.maketrans("-–—", "   ")
        after_words = words(plain_text(after.children).translate(separate))
        assert after_words == words(plain_text(before.children).translate(separate))
        assert shape(after.children) == shape(before.children)


def shape(nodes: tuple[Inline, ...]) -> list[object]:
    return [
        (type(node).__name__, shape(node.children)) if hasattr(node, "children") else
        type(node).__name__
        for node in nodes
    ]  # fmt: skip


# --- what is never touched --------------------------------------------------------------


def test_code_link_targets_and_code_blocks_are_untouched() -> None:
    code = Code("x = \"a\" -- 'b' ... 1990-1995")
    link = Link('https://example.org/"q"--x...', (Text('"Seite" - hier'),))
    document = Document(
        Metadata(language="de"),
        (
            Paragraph((Text('Sieh "'), code, Text('" und '), link, Text("."))),
            CodeBlock('print("hi") -- ... 1990-1995'),
        ),
    )
    result = typeset(document).document
    paragraph, block = result.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.children[0] == Text("Sieh „")
    assert paragraph.children[1] is code
    assert paragraph.children[2] == Text("“ und ")
    typeset_link = paragraph.children[3]
    assert isinstance(typeset_link, Link)
    assert typeset_link.target == link.target
    assert typeset_link.children == (Text("„Seite“ – hier"),)
    assert block == document.blocks[1]


def test_addresses_in_text_are_found_without_trailing_punctuation() -> None:
    text = (
        "Siehe https://de.wikipedia.org/wiki/Kursk_(Stadt), www.example.org/a--b. "
        "oder (mail: jane.doe+x@example.co.uk)."
    )
    found = [text[start:end] for start, end in address_spans(text)]
    assert found == [
        "https://de.wikipedia.org/wiki/Kursk_(Stadt)",
        "www.example.org/a--b",
        "jane.doe+x@example.co.uk",
    ]


def test_every_container_of_inlines_is_typeset() -> None:
    quoted = (Text('"Zitat" - so'),)
    document = Document(
        Metadata(language="de"),
        (
            Heading(2, quoted),
            ListBlock((ListItem((Paragraph(quoted),)),)),
            Table((TableRow((TableCell(quoted, header=True),)),), (), caption=quoted),
            DefinitionList((DefinitionItem(quoted, ((Paragraph(quoted),),)),)),
            Paragraph((Superscript(quoted),)),
            Paragraph((Subscript(quoted),)),
        ),
    )
    result = typeset(document).document
    texts = re.findall(r"Text\(text='([^']*)'\)", repr(result))
    assert texts == ["„Zitat“ – so"] * 8


def test_quotes_pair_across_superscripts_and_subscripts() -> None:
    """A raised or lowered passage is part of the sentence: a quote opened
    before it closes after it."""
    paragraph = Paragraph(
        (
            Text('Am "1'),
            Superscript((Text("er"),)),
            Text(' Mai" - x'),
            Superscript((Text("2"),)),
            Text(", H"),
            Subscript((Text("2"),)),
            Text("O..."),
        )
    )
    document = Document(Metadata(language="fr"), (paragraph,))
    (result,) = typeset(document).document.blocks
    assert result.children == (
        Text(f"Am «{NNBSP}1"),
        Superscript((Text("er"),)),
        Text(f" Mai{NNBSP}» – x"),
        Superscript((Text("2"),)),
        Text(", H"),
        Subscript((Text("2"),)),
        Text("O…"),
    )
    again = typeset(replace(document, blocks=(result,))).document.blocks[0]
    assert again == result


def test_superscripts_are_typeset_as_runs_of_their_own() -> None:
    """Inside, quotes and dashes are set and a leading hyphen is a minus;
    outside, an exponent is no part of the number before it (no range
    "10–3") and "km" stays a unit."""
    paragraph = Paragraph(
        (
            Text("Der Wert 10"),
            Superscript((Text("-3"),)),
            Text(" auf 500 km"),
            Superscript((Text("2"),)),
            Text(" und"),
            Superscript((Text('"a" - b'),)),
            Text("."),
        )
    )
    (result,) = typeset(Document(Metadata(language="de"), (paragraph,))).document.blocks
    assert result.children == (
        Text("Der Wert 10"),
        Superscript((Text("\u22123"),)),
        Text(f" auf 500{NNBSP}km"),
        Superscript((Text("2"),)),
        Text(" und"),
        Superscript((Text("„a“ – b"),)),
        Text("."),
    )


def test_struck_text_is_set_as_part_of_its_sentence() -> None:
    paragraph = Paragraph(
        (Text('Er sagte "'), Strikethrough((Text("nein"),)), Text(' ja" - so.')),
    )
    (result,) = typeset(Document(Metadata(language="de"), (paragraph,))).document.blocks
    assert result.children == (
        Text("Er sagte „"),
        Strikethrough((Text("nein"),)),
        Text(" ja“ – so."),
    )


def test_each_chapter_is_set_in_its_own_language() -> None:
    quoted = (Paragraph((Text('"Zitat" - so'),)),)
    document = Document(
        Metadata(language="en"),
        (
            Chapter(Metadata(title='Ein "Titel"', language="de"), quoted),
            Chapter(Metadata(title='Un "titre"', language="fr"), quoted),
            Chapter(Metadata(title='A "title"'), quoted),
        ),
    )
    outcome = typeset(document)
    german, french, unset = outcome.document.blocks
    assert isinstance(german, Chapter) and isinstance(french, Chapter)
    assert isinstance(unset, Chapter)
    assert german.metadata.title == "Ein „Titel“"
    assert lines_of(replace(document, blocks=german.blocks)) == ("„Zitat“ – so",)
    assert french.metadata.title == f"Un «{NNBSP}titre{NNBSP}»"
    assert lines_of(replace(document, blocks=french.blocks)) == ("«⟨nnbsp⟩Zitat⟨nnbsp⟩» – so",)
    # A chapter without a language of its own takes the book's.
    assert unset.metadata.title == "A “title”"
    assert outcome.diagnostics == ()


def test_a_chapter_language_without_rules_is_warned_about() -> None:
    document = Document(
        Metadata(language="de"), (Chapter(Metadata(language="tlh"), (Paragraph((Text("x"),)),)),)
    )
    outcome = typeset(document)
    assert [d.code for d in outcome.diagnostics] == ["typography-unsupported-language"]
    assert "'tlh'" in outcome.diagnostics[0].message


# --- languages and options -----------------------------------------------------------------


def test_one_warning_per_unsupported_language() -> None:
    document = Document(
        Metadata(language="la"),
        (
            Paragraph((Text('"Ave" - '), Span((Text('"salve"'),), "tlh"))),
            Paragraph((Span((Text('"iterum"'),), "la"), Span((Text("x"),), "tlh"))),
            Paragraph((Span((Text('"Hallo"'),), "de"),)),
        ),
    )
    outcome = typeset(document)
    codes = [(d.level, d.code) for d in outcome.diagnostics]
    assert codes == [("warning", "typography-unsupported-language")] * 2
    assert "'la'" in outcome.diagnostics[0].message
    assert "'tlh'" in outcome.diagnostics[1].message
    first, _, third = outcome.document.blocks
    assert isinstance(first, Paragraph) and isinstance(third, Paragraph)
    assert plain_text(first.children) == '"Ave" – "salve"'
    assert plain_text(third.children) == "„Hallo“"


def test_supported_languages_give_no_diagnostics() -> None:
    document = document_of(("\"Hallo\" ['allo']{lang=fr-CA} [ja]{lang=}",), "de-AT")
    assert typeset(document).diagnostics == ()


def test_a_document_without_language_is_warned_about_once() -> None:
    outcome = typeset(document_of(('"a" ... b', '"c"'), ""))
    assert [d.code for d in outcome.diagnostics] == ["typography-unsupported-language"]
    assert lines_of(outcome.document) == ('"a" … b', '"c"')


def test_quote_style_missing_in_a_language_is_warned_about() -> None:
    document = document_of(('"Hallo" [and "hello"]{lang=en}',), "de")
    outcome = typeset(document, quotes="guillemets")
    assert lines_of(outcome.document) == ("»Hallo« [and “hello”]{lang=en}",)
    assert [d.code for d in outcome.diagnostics] == ["typography-quote-style-unavailable"]
    assert "'en'" in outcome.diagnostics[0].message


def test_unknown_quote_style_is_an_option_error() -> None:
    with pytest.raises(OptionError, match="unknown quote style 'curly'"):
        typeset(document_of(("x",), "de"), quotes="curly")


def test_the_transform_entry_reads_its_options() -> None:
    document = document_of(('"Hallo"',), "de")
    outcome = apply_typography(document, Options())
    assert lines_of(outcome.document) == ("„Hallo“",)


def test_typeset_text_for_metadata_strings() -> None:
    assert (
        typeset_text('Der "Held" von Kursk - ein Bericht', "de")
        == "Der „Held“ von Kursk – ein Bericht"
    )


def test_language_tags_fall_back_to_their_language() -> None:
    assert conventions_for("de-CH-1996") is CONVENTIONS["de-ch"]
    assert conventions_for("de_ch") is CONVENTIONS["de-ch"]
    assert conventions_for("en-US") is CONVENTIONS["en"]
    assert conventions_for("EN-gb") is CONVENTIONS["en-gb"]
    assert conventions_for("de-AT") is CONVENTIONS["de"]
    assert conventions_for("") is None
    assert conventions_for("tlh") is None


def test_the_table_is_consistent() -> None:
    for tag, conventions in CONVENTIONS.items():
        assert tag == tag.lower(), tag
        marks = conventions.quotes
        for mark in (marks.open, marks.close, marks.inner_open, marks.inner_close):
            assert len(mark) == 1 and mark not in "\"'", tag
        assert set(conventions.alternative_quotes) <= set(QUOTE_STYLES), tag


def test_pairing_decides_from_neighbours() -> None:
    roles = [(mark.position, mark.role) for mark in pair_quotes("\"Isn't it 'odd'?\" x'")]
    assert roles == [
        (0, "open"),
        (4, "apostrophe"),
        (10, "open"),
        (14, "close"),
        (16, "close"),
        (19, "apostrophe"),
    ]


# --- the real sample -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Document:
    """The sample as the reader gives it, in German (the detector may not be
    written yet, so the language is set here if it is missing)."""
    document = exporter.read(SAMPLE).document
    if not document.metadata.language:
        document = replace(document, metadata=replace(document.metadata, language="de"))
    return document


def test_sample_is_left_as_it_is(sample: Document) -> None:
    """The sample is already set with „…“ and –; its hyphenated compounds
    ("Win-Win-Situation", "PR-Schachzug") are words, not dashes."""
    outcome = typeset(sample)
    assert outcome.diagnostics == ()
    assert outcome.document == sample
    text = "\n".join(plain_text(b.children) for b in sample.blocks if isinstance(b, Paragraph))
    assert "Win-Win-Situation" in text and "PR-Schachzug" in text and "„" in text


def test_sample_typeset_from_straight_quotes_is_restored_and_idempotent(sample: Document) -> None:
    """The sample with its quotes and dashes typed on a typewriter comes back
    as it was, and typesetting that again changes nothing."""
    typewritten = typeset_blocks_text(sample, str.maketrans({"„": '"', "“": '"', "–": "-"}))
    result = typeset(typewritten).document
    assert result == sample
    assert typeset(result).document == result


def typeset_blocks_text(document: Document, table: dict[int, str]) -> Document:
    blocks = tuple(
        replace(block, children=tuple(
            replace(node, text=node.text.translate(table)) if isinstance(node, Text) else node
            for node in block.children
        ))
        if isinstance(block, Paragraph) else block
        for block in document.blocks
    )  # fmt: skip
    return replace(document, blocks=blocks)
