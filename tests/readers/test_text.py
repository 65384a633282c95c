"""The plain-text reader: the real sample, then one table per rule."""

from __future__ import annotations

import codecs
import textwrap
from pathlib import Path

import pytest
from support.words import missing_in_order, words

from exporter.diagnostics import Outcome
from exporter.errors import InputError
from exporter.model import (
    Heading,
    LineBreak,
    ListBlock,
    Paragraph,
    SceneBreak,
    Text,
    plain_text,
)
from exporter.news import Byline, parse_authors
from exporter.readers.headings import Judge
from exporter.readers.text import (
    JOIN_HEADING_ODDS,
    RawBlock,
    TextChunk,
    analyse,
    detect_title_line,
    ends_with_a_preposition,
    extract_byline,
    heading_view,
    is_heading_line,
    is_scene_break,
    is_wrapped_by_count,
    join_page_break_splits,
    looks_like_verse,
    opens_with_a_number_in_a_sentence,
    page_width,
    puts_a_paragraph_on_each_line,
    read,
    rejoin_hyphenated_words,
    sets_sentences_line_by_line,
    split_blocks,
    splits_a_phrase,
    unwrap_hard_wrapped_lines,
    word_forms,
)
from exporter.source import Source

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "text"

SAMPLE_HEADINGS = [
    "Ein geheimes Bündnis wird sichtbar",
    "Heldenstatus",
    "Die russische Bestätigung – und was dahintersteckt",
    "Eine neue Eskalationsstufe",
    "Kiews Position – und das große Schweigen",
    "Eine Welt im Umbruch",
]


def read_text(text: str, name: str = "input.txt") -> Outcome:
    return read(Source(text.encode("utf-8"), name))


def read_fixture(name: str) -> Outcome:
    path = FIXTURES / name
    return read(Source(path.read_bytes(), path.name, path.parent))


def texts(outcome: Outcome) -> list[tuple[str, str]]:
    """(kind, text) per block: what a reader sees in the outline."""
    result = []
    for block in outcome.document.blocks:
        match block:
            case Heading(level, children):
                result.append((f"h{level}", plain_text(children)))
            case Paragraph(children):
                result.append(("p", plain_text(children)))
            case ListBlock(items, ordered):
                kind = "ol" if ordered else "ul"
                for item in items:
                    result.append((kind, plain_text(item.blocks[0].children)))
            case SceneBreak():
                result.append(("hr", ""))
    return result


def body_words(outcome: Outcome) -> list[str]:
    return words(" ".join(text for _kind, text in texts(outcome)))


def codes(outcome: Outcome) -> list[str]:
    return [diagnostic.code for diagnostic in outcome.diagnostics]


# --- the sample ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Outcome:
    return read(Source(SAMPLE.read_bytes(), SAMPLE.name, SAMPLE.parent))


def test_sample_has_exactly_the_six_section_headings_in_order(sample: Outcome) -> None:
    headings = [b for b in sample.document.blocks if isinstance(b, Heading)]
    assert [plain_text(h.children) for h in headings] == SAMPLE_HEADINGS
    assert {h.level for h in headings} == {2}


def test_sample_starts_with_the_lead_and_has_no_title_line(sample: Outcome) -> None:
    first = sample.document.blocks[0]
    assert isinstance(first, Paragraph)
    assert plain_text(first.children).startswith("Die Welt ist einmal mehr aufgeschreckt:")
    assert sample.document.metadata.title == ""


def test_sample_page_break_paragraph_is_one_paragraph(sample: Outcome) -> None:
    paragraphs = [
        plain_text(b.children)
        for b in sample.document.blocks
        if isinstance(b, Paragraph) and "dürfte" in plain_text(b.children)
    ]
    assert len(paragraphs) == 1
    assert "Diese Entwicklung dürfte Kiew in seiner Forderung" in paragraphs[0]
    assert paragraphs[0].startswith("Die ukrainische Führung")
    assert paragraphs[0].endswith("gegen die Ukraine formiere.")
    assert codes(sample).count("text.page-break-joined") == 1


def test_sample_keeps_the_paragraph_before_three_blank_lines_apart(sample: Outcome) -> None:
    kinds = texts(sample)
    index = next(i for i, (_k, t) in enumerate(kinds) if t.endswith("sichtbar machen."))
    assert kinds[index + 1] == ("h2", "Die russische Bestätigung – und was dahintersteckt")


def test_sample_byline_becomes_the_author_and_leaves_the_body(sample: Outcome) -> None:
    assert sample.document.metadata.authors == ("Catherine H.",)
    body = " ".join(text for _kind, text in texts(sample))
    assert "Autor" not in body
    assert "Catherine" not in body
    assert body.endswith("ein gutes Stück kürzer gemacht.")


def test_sample_keeps_every_other_word_in_order(sample: Outcome) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    expected = words(text.rstrip().removesuffix("Autor: Catherine H."))
    assert body_words(sample) == expected


def test_sample_text_is_verbatim(sample: Outcome) -> None:
    body = " ".join(text for _kind, text in texts(sample))
    assert "„Teileinheiten der Streitkräfte“" in body
    assert "Win-Win-Situation" in body
    assert "Zündschnur-Stück" in body


# --- other whole articles ---------------------------------------------------------


@pytest.fixture(scope="module")
def english() -> Outcome:
    return read_fixture("night-trains.en.txt")


def test_english_article_title_byline_and_headings(english: Outcome) -> None:
    metadata = english.document.metadata
    assert metadata.title == "Why the Night Trains Came Back"
    assert metadata.authors == ("Jane Doe", "John Roe")
    assert [t for k, t in texts(english) if k == "h2"] == [
        "A Slow Revival",
        "What passengers want",
        "Is it here to stay?",
    ]
    assert texts(english)[0][1].startswith("Across Europe")


def test_english_article_lower_case_continuation_is_joined(english: Outcome) -> None:
    paragraphs = [t for k, t in texts(english) if k == "p"]
    assert any("full most nights of the year, and the company ordered" in p for p in paragraphs)
    assert "Surveys show that travellers value the time" in paragraphs[2]
    assert paragraphs[2].endswith("the lower emissions.")
    assert paragraphs[3].startswith("Not every route pays")


def test_english_article_keeps_every_word_but_title_and_byline(english: Outcome) -> None:
    text = (FIXTURES / "night-trains.en.txt").read_text(encoding="utf-8")
    text = text.replace("Why the Night Trains Came Back", "").replace(
        "By Jane Doe and John Roe", ""
    )
    assert body_words(english) == words(text)


@pytest.fixture(scope="module")
def wrapped() -> Outcome:
    return read_fixture("hard-wrapped.de.txt")


def test_hard_wrapped_text_becomes_two_paragraphs(wrapped: Outcome) -> None:
    assert wrapped.document.metadata.title == "Zeitungen im Wandel"
    kinds = texts(wrapped)
    assert [k for k, _t in kinds] == ["p", "p"]
    assert all(LineBreak() not in b.children for b in wrapped.document.blocks)
    assert kinds[0][1].startswith("Die Zeitung erschien jeden Morgen um sechs Uhr, und wer")
    assert "Uhr, und wer die neuen" in kinds[0][1]


@pytest.mark.parametrize(
    "expected",
    [
        "die neuen Nachrichten lesen",  # lower-case second half: rejoined
        "Das Nord-Süd-Gefälle",  # capital second half: the hyphen is real
        "eine Win-Win-Situation",  # left alone, not at a line end
        "nur die Druckerei klagte",
        "der Schwarz-Weiß-Seiten",
        "Kein Druck war mehr schwarz-weiß als",  # spelled so elsewhere: kept
    ],
)
def test_hard_wrapped_text_hyphenation(wrapped: Outcome, expected: str) -> None:
    assert expected in " ".join(t for _k, t in texts(wrapped))


def test_hard_wrapped_text_lists_the_rejoined_words(wrapped: Outcome) -> None:
    [message] = [d.message for d in wrapped.diagnostics if d.code == "text.hyphen-rejoined"]
    assert message.endswith("Nachrichten, Druckerei")


def test_rejoined_words_notice_stays_short() -> None:
    line = "Die Zeitung erschien jeden Morgen um sechs Uhr, und wer die neuen Nach-"
    text = "\n".join([line, "richten lesen wollte, stand schon früh am Kiosk an der Ecke."] * 12)
    [message] = [d.message for d in read_text(text).diagnostics if d.code == "text.hyphen-rejoined"]
    assert message.endswith(", Nachrichten and 2 more")
    assert message.count("Nachrichten") == 10


def test_verse_and_address_keep_their_line_breaks() -> None:
    outcome = read_fixture("verse-and-address.en.txt")
    blocks = outcome.document.blocks
    address = next(b for b in blocks if "Harbour" in plain_text(b.children))
    assert plain_text(address.children).split("\n") == [
        "It was addressed to me at",
        "Anna Example",
        "12 Harbour Road",
        "Seaton EX12 2AB",
    ]
    poem = next(b for b in blocks if "summer's day" in plain_text(b.children))
    assert isinstance(poem, Paragraph)
    assert sum(isinstance(node, LineBreak) for node in poem.children) == 3
    assert not any(isinstance(b, Heading) for b in blocks)


# --- split_blocks ------------------------------------------------------------------

LONG = "This line of running text is longer than anyone would hard-wrap prose, " * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\n\ntwo", [("one",), ("two",)]),
        ("one\n\n\n\n\ntwo", [("one",), ("two",)]),
        ("one\n  \t \ntwo", [("one",), ("two",)]),
        ("\n\n\none\ntwo\n\n", [("one", "two")]),
        ("  indented\t\nline  ", [("indented", "line")]),
        ("before\n***\nafter", [("before",), ("***",), ("after",)]),
        (f"Title\n{LONG}\n{LONG}", [("Title",), (LONG.strip(),), (LONG.strip(),)]),
    ],
)
def test_split_blocks(text: str, expected: list[tuple[str, ...]]) -> None:
    assert split_blocks(text) == [RawBlock(lines) for lines in expected]


# --- a paragraph per line ---------------------------------------------------------

#: An article copied from an app: one newline between paragraphs, no blank line.
ONE_NEWLINE_ARTICLE = "\n".join((
    "The Night Train Returns to Vienna",
    "By Jane Doe",
    "After a decade away, the sleeper service from Zurich is back, and the carriages are full"
    " on most nights.",
    "Railways across the continent have added routes since 2020, when demand for low-carbon"
    " travel rose sharply.",
    "What the passengers say",
    "Most travellers we spoke to chose the train for the view as much as for the climate.",
    '"It is slower, but I arrive rested," said Anna Berger, a teacher from Graz.',
    "The operator plans three more lines by 2027, among them a night train from Paris to Vienna.",
    "",
))  # fmt: skip

#: Paragraphs a blank line apart; one of them keeps the page's line breaks.
PARAGRAPH = (
    "A paragraph of the article, set on one line and long enough to be running text that no"
    " hard wrapper would ever have made."
)
LINE_BREAKS_IN_ONE_PARAGRAPH = f"""{PARAGRAPH}

{PARAGRAPH}

{PARAGRAPH}
{PARAGRAPH}
A short line of the same quoted post

{PARAGRAPH}
"""

#: Korean wrapped by a wrapper counting characters: 72 to a line, 130 columns
#: wide, most lines cut mid-sentence (a text whose every line ends a sentence
#: reads as a paragraph per line, :func:`sets_sentences_line_by_line`).
KOREAN_WRAPPED = textwrap.fill(
    "시작은 엘제이의 일방적인 사진 공개로부터 시작됐다. 사실 남녀 관계라는 것이 당사자들이 아니면 "
    "그 속사정을 알기는 어려운 일이다. 그래서 더 조심스럽다. " * 6,
    72,
)


#: Japanese paragraphs shorter than any hard wrap, one to a line, as an app
#: or a reading view copies them.
JAPANESE_LINES = (
    "港の灯台が百年ぶりに修理されることになりました。\n"
    "灯台は明治時代に建てられ、長い間この港に入る船の安全を守ってきました。\n"
    "市の担当者によると、工事は来年の春に始まり、秋には終わる予定です。\n"
    "地元の人々は、灯台が再び光ることを楽しみにしていると話しています。\n"
    "工事の費用は、市と県が半分ずつ負担するということです。"
)

#: Short paragraphs of a sentence or two, one to a line, as news sites write
#: them and an app copies them: no line as long as a hard wrap's.
SHORT_PARAGRAPH_LINES = (
    "The harbour seals are back on the outer sandbank.\n"
    "Wardens counted 212 pups this summer, the most since 1990.\n"
    "“We had not expected so many,” said the chief warden.\n"
    "The count was made from a small plane on a calm morning.\n"
    "It will be repeated in December."
)

#: Three of those sentences each on a line of its own, twice, the two
#: paragraphs parted by a blank line (semantic line breaks): the line breaks
#: are no paragraph breaks.
SENTENCE_PER_LINE = "\n\n".join(
    [SHORT_PARAGRAPH_LINES.split("\n", 2)[2], SHORT_PARAGRAPH_LINES.split("\n", 2)[2]]
)

#: The same as paragraphs of five sentences, each wrapped by a wrapper
#: counting characters, 40 to a line: each paragraph's last line ends a
#: sentence and has a line above it.
JAPANESE_WRAPPED = "\n\n".join([textwrap.fill(JAPANESE_LINES.replace("\n", ""), 40)] * 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ONE_NEWLINE_ARTICLE, True),
        (ONE_NEWLINE_ARTICLE.replace("\n", "\n\n"), False),
        (LINE_BREAKS_IN_ONE_PARAGRAPH, False),
        (KOREAN_WRAPPED, False),
        (textwrap.fill(LONG * 6, 120), False),
        (JAPANESE_LINES, True),
        (JAPANESE_LINES.replace("\n", "\n\n"), False),
        (JAPANESE_WRAPPED, False),
        (SHORT_PARAGRAPH_LINES, True),
        (SENTENCE_PER_LINE, False),
    ],
    ids=[
        "one newline",
        "blank lines",
        "a paragraph's line breaks",
        "korean wrapped",
        "wrapped wide",
        "japanese one newline",
        "japanese blank lines",
        "japanese wrapped",
        "short paragraphs",
        "a sentence per line",
    ],
)
def test_puts_a_paragraph_on_each_line(text: str, expected: bool) -> None:
    lines = [line.strip() for line in text.split("\n")]
    short = sets_sentences_line_by_line(lines)
    assert puts_a_paragraph_on_each_line(lines, short) is expected


def test_short_paragraphs_one_to_a_line_keep_the_title_and_the_byline() -> None:
    """Short paragraphs pasted one to a line under a title and a byline, no
    line longer than a hard wrap's: each line is a paragraph, the title and
    the byline are found, not one paragraph of all."""
    title = "Record number of seal pups on the outer sandbank"
    outcome = read_text(f"{title}\nBy Jane Roe\n{SHORT_PARAGRAPH_LINES}\n")
    assert outcome.document.metadata.title == title
    assert outcome.document.metadata.authors == ("Jane Roe",)
    assert texts(outcome) == [("p", line) for line in SHORT_PARAGRAPH_LINES.split("\n")]


def test_a_japanese_article_of_a_paragraph_per_line_keeps_its_paragraphs() -> None:
    """Chinese and Japanese paragraphs are often shorter than a hard wrap's
    line; copied one to a line, each is still a paragraph, and the title
    line over them a title, not the start of one paragraph of all."""
    title = "港の灯台、百年ぶりに修理へ"
    outcome = read_text(f"{title}\n{JAPANESE_LINES}\n")
    assert outcome.document.metadata.title == title
    assert texts(outcome) == [("p", line) for line in JAPANESE_LINES.split("\n")]


def test_each_line_of_a_one_newline_article_is_a_block_of_its_own() -> None:
    outcome = read_text(ONE_NEWLINE_ARTICLE)
    assert outcome.document.metadata.title == "The Night Train Returns to Vienna"
    assert outcome.document.metadata.authors == ("Jane Doe",)
    assert [kind for kind, _text in texts(outcome)] == ["p", "p", "h2", "p", "p", "p"]
    assert texts(outcome)[2] == ("h2", "What the passengers say")
    paragraphs = [b for b in outcome.document.blocks if isinstance(b, Paragraph)]
    assert not any(isinstance(node, LineBreak) for p in paragraphs for node in p.children)


def test_a_block_of_short_lines_in_a_one_newline_text_stays_one() -> None:
    """An address between blank lines holds no paragraph: its lines are one block."""
    address = "Flos Showroom\nCorso Monforte, 15, Milan\n9.30 a.m. / 7.00 p.m."
    blocks = split_blocks(f"{ONE_NEWLINE_ARTICLE}\n{address}\n")
    assert RawBlock(tuple(address.split("\n"))) in blocks
    assert RawBlock(("What the passengers say",), after_a_line=True) in blocks


def test_lines_without_a_period_in_a_one_newline_text_are_not_joined() -> None:
    """No page break falls in a text copied from a screen: a tour's dates,
    each line ending without a period, stay lines of their own."""
    dates = (
        "June 8 – Coral Sky Amphitheatre, West Palm Beach, FL\n"
        "June 10 – MidFlorida Credit Union Amphitheatre, Tampa, FL\n"
        "June 14 – Ameris Bank Amphitheatre, Alpharetta, GA\n"
    )
    outcome = read_text(ONE_NEWLINE_ARTICLE + dates)
    assert texts(outcome)[-3:] == [("p", line) for line in dates.strip().split("\n")]


# --- scene breaks and lists ------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("***", True),
        ("* * *", True),
        ("---", True),
        ("- - -", True),
        ("#", True),
        ("⁂", True),
        ("**", False),
        ("# Heading", False),
        ("--- no", False),
    ],
)
def test_is_scene_break(line: str, expected: bool) -> None:
    assert is_scene_break(line) is expected


def test_scene_break_becomes_a_scene_break_block() -> None:
    outcome = read_text("First part ends here.\n\n* * *\n\nSecond part begins here.")
    assert texts(outcome) == [
        ("p", "First part ends here."),
        ("hr", ""),
        ("p", "Second part begins here."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wir brauchen:\n\n- Brot\n- Milch\n- Eier",
            [("p", "Wir brauchen:"), ("ul", "Brot"), ("ul", "Milch"), ("ul", "Eier")],
        ),
        ("* one\n* two", [("ul", "one"), ("ul", "two")]),
        ("• eins\n• zwei", [("ul", "eins"), ("ul", "zwei")]),
        ("1. first\n2. second", [("ol", "first"), ("ol", "second")]),
        ("1) first\n2) second", [("ol", "first"), ("ol", "second")]),
        # a wrapped item continues on the next line
        (
            "- a long item\n  that wraps\n- short",
            [("ul", "a long item that wraps"), ("ul", "short")],
        ),
        # a word hyphenated at a wrapped item's line end is rejoined as in a
        # paragraph; a real hyphen stays (found by the long fuzz run: "0-" "0")
        (
            "- die neuesten Nach-\n  richten\n- Nord-\n  Süd\n- Covid-\n  19",
            [("ul", "die neuesten Nachrichten"), ("ul", "Nord-Süd"), ("ul", "Covid-19")],
        ),
        # items separated by blank lines are one list
        ("- one\n\n- two\n\n- three", [("ul", "one"), ("ul", "two"), ("ul", "three")]),
        ("1. one\n\n2. two", [("ol", "one"), ("ol", "two")]),
        # one numbered line is a sentence, not a list
        (
            "1. Mai war ein Feiertag.\n\nAlle hatten frei.",
            [("p", "1. Mai war ein Feiertag."), ("p", "Alle hatten frei.")],
        ),
        # a hyphen going on with a clause is a dash a page break left at a
        # line's start: the sentence goes on; a list of one item opens in
        # upper case (or stands with others: "- one\n\n- two" above)
        (
            "It is known as the black death\n\n- which affects lymph nodes, doctors say.",
            [("p", "It is known as the black death - which affects lymph nodes, doctors say.")],
        ),
        ("Wir brauchen:\n\n- Brot vom Markt", [("p", "Wir brauchen:"), ("ul", "Brot vom Markt")]),
        # numbers that do not count up, or mixed markers: text
        ("1. one\n3. three", [("p", "1. one\n3. three")]),
        ("- one\n1. two", [("p", "- one\n1. two")]),
        # a sign or an emoji repeated as the bullet of each line (as
        # newsletters and social posts set lists), in emoji form or not
        (
            "What you get:\n\n✅ Free delivery\n✅ Two years of warranty\n✅ No contract",
            [
                ("p", "What you get:"),
                ("ul", "Free delivery"),
                ("ul", "Two years of warranty"),
                ("ul", "No contract"),
            ],
        ),
        ("▪ eins\n▪ zwei", [("ul", "eins"), ("ul", "zwei")]),
        ("→ one\n\n→ two", [("ul", "one"), ("ul", "two")]),
        ("✔️ one\n✔️ two", [("ul", "one"), ("ul", "two")]),
        ("👉🏽 one\n👉🏽 two", [("ul", "one"), ("ul", "two")]),
        # different signs carry a meaning of their own (for and against), and
        # one line led by a sign is no list: the signs stay
        ("✅ Fast\n❌ Expensive", [("p", "✅ Fast\n❌ Expensive")]),
        ("© 2024 Jane Doe\n© 2024 Getty", [("p", "© 2024 Jane Doe\n© 2024 Getty")]),
        (
            "👉 Read the full report on our website.\n\nThe rest follows.",
            [("p", "👉 Read the full report on our website."), ("p", "The rest follows.")],
        ),
    ],
)
def test_lists(text: str, expected: list[tuple[str, str]]) -> None:
    assert texts(read_text(text)) == expected


def test_ordered_list_keeps_its_start_number() -> None:
    [block] = read_text("3. three\n4. four").document.blocks
    assert isinstance(block, ListBlock)
    assert (block.ordered, block.start, len(block.items)) == (True, 3, 2)


# --- headings and the title -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Heldenstatus", True),
        ("Ein geheimes Bündnis wird sichtbar", True),
        ("Kiews Position – und das große Schweigen", True),
        ("Was nun?", True),
        ("„Wir sind Helden“", True),
        ("2024: Was bleibt", True),
        ("Das hat sich nun geändert.", False),  # a sentence
        ("Die Gründe:", False),  # introduces what follows
        ("Erstens,", False),
        ("Und dann…", False),
        ("Was für ein Tag!", False),  # an exclamation is prose
        ("und was dahintersteckt", False),  # starts in lower case
        ("Eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn", False),
        ("* * *", False),
        ("- Punkt", False),
        ("1. Punkt", False),
        ("123", False),
    ],
)
def test_is_heading_line(line: str, expected: bool) -> None:
    assert is_heading_line(line) is expected


BODY = "Dies ist ein Absatz mit genug Text, um als Fließtext zu gelten."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{BODY}\n\nZwischentitel\n\n{BODY}", ["p", "h2", "p"]),
        (f"{BODY}\n\nWas nun?\n\n{BODY}", ["p", "h2", "p"]),
        # a heading needs body text after it: two short lines are not headings
        (f"{BODY}\n\nErste Zeile\n\nZweite Zeile\n\n{BODY}", ["p", "p", "h2", "p"]),
        (f"{BODY}\n\nAm Ende", ["p", "p"]),
        (f"{BODY}\n\nZwischentitel\n\n- eins\n- zwei", ["p", "h2", "ul", "ul"]),
        (f"{BODY}\n\nDas hat sich nun geändert.\n\n{BODY}", ["p", "p", "p"]),
    ],
)
def test_headings_need_body_text_after_them(text: str, expected: list[str]) -> None:
    assert [kind for kind, _text in texts(read_text(text))] == expected


@pytest.mark.parametrize(
    ("text", "title", "first"),
    [
        (f"Der Titel\n\n{BODY}", "Der Titel", "p"),
        (f"\n\n  Der Titel  \n\n\n{BODY}", "Der Titel", "p"),
        (f"Der Titel\n\nAbschnitt\n\n{BODY}", "Der Titel", "h2"),
        (f"{BODY}\n\nAbschnitt\n\n{BODY}", "", "p"),  # the lead comes first: no title
        ("Der Titel\nund mehr Text\n\n" + BODY, "", "p"),  # two lines are not a title line
        ("Nur eine Zeile", "", "p"),  # nothing follows: it is the text
    ],
)
def test_title_line(text: str, title: str, first: str) -> None:
    outcome = read_text(text)
    assert outcome.document.metadata.title == title
    assert texts(outcome)[0][0] == first
    if title:
        assert title not in [t for _k, t in texts(outcome)]
        assert "text.title" in codes(outcome)


def test_detect_title_line_leaves_other_blocks_alone() -> None:
    blocks = [RawBlock(("Titel",)), RawBlock((BODY,))]
    assert detect_title_line(blocks) == ([RawBlock((BODY,))], "Titel")
    assert detect_title_line(blocks[1:]) == ([RawBlock((BODY,))], "")


def test_a_first_line_running_on_into_the_next_is_no_title() -> None:
    # the break falls inside a name the text writes elsewhere
    first = "The new seal count on the sandbanks was flown this week by Hanna"
    rest = (
        "Petersen, who has counted the colony from the air since 2009 for the park."
        " This year Hanna Petersen counted more pups than ever before."
    )
    outcome = read_text(f"{first}\n\n{rest}\n\n{BODY}")
    assert outcome.document.metadata.title == ""
    assert texts(outcome)[0] == ("p", f"{first} {rest}")
    # the line ends with a word that leads into more text
    blocks = [RawBlock(("Die Zählung der Seehunde ergab mehr als die",)), RawBlock((BODY,))]
    assert detect_title_line(blocks)[1] == ""
    # the next line opens with a number its sentence goes on from
    blocks = [
        RawBlock(("Dubai's flagship carrier Emirates finalized a deal to purchase",)),
        RawBlock(("30 of Boeing's 787-9 Dreamliner jets, executives said on Wednesday.",)),
    ]
    assert detect_title_line(blocks)[1] == ""


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        (
            "Sweden has dropped its investigation into a rape allegation against",
            "Julian Assange after a review of the evidence, prosecutors said on Tuesday.",
        ),
        (
            "It is the first time in his long career at the company that he has worked with",
            "Disney on a project of this size, he told reporters in Burbank on Monday.",
        ),
    ],
)
def test_a_cut_after_a_preposition_is_joined_and_no_title(first: str, rest: str) -> None:
    """An English preposition leads into more text as an article does: the
    line is the start of a sentence cut by a page break, first or not."""
    for text in (f"{first}\n\n{rest}\n\n{BODY}", f"{BODY}\n\n{first}\n\n{rest}"):
        outcome = read_text(text)
        assert outcome.document.metadata.title == ""
        assert ("p", f"{first} {rest}") in texts(outcome)
    # a name that recurs nowhere else does not hold the title back
    blocks = [RawBlock(("Seals counted by Hanna",)), RawBlock((BODY,))]
    assert detect_title_line(blocks, text="Seals counted by Hanna\n\n" + BODY)[1] != ""


# --- bylines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Autor: Catherine H.", ("Catherine H.",)),
        ("Autorin: Maria Muster", ("Maria Muster",)),
        ("Autoren: Anna Beispiel und Bernd Muster", ("Anna Beispiel", "Bernd Muster")),
        ("Von Catherine H. und Max Mustermann", ("Catherine H.", "Max Mustermann")),
        ("Von Ursula von der Leyen", ("Ursula von der Leyen",)),
        ("Text: Jörg Schönenborn", ("Jörg Schönenborn",)),
        ("By Jane Doe", ("Jane Doe",)),
        # a byline set in capitals names the authors as names are written
        ("BY JANE DOE", ("Jane Doe",)),
        ("BY JANE DOE AND JOHN ROE", ("Jane Doe", "John Roe")),
        ("BY MARY-JANE O'NEIL", ("Mary-Jane O'Neil",)),
        ("VON URSULA VON DER LEYEN", ("Ursula von der Leyen",)),
        ("By JOHN MCDONALD", ("John McDonald",)),
        ("PAR CLAIRE MARTIN ET JULIEN ROUX", ("Claire Martin", "Julien Roux")),
        ("By JANE A. DOE", ("Jane A. Doe",)),  # "A." an initial, not "and"
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By Jane Doe, John Roe, and Max Poe", ("Jane Doe", "John Roe", "Max Poe")),
        ("By Martin Luther King Jr.", ("Martin Luther King Jr.",)),
        ("Author: J. R. R. Tolkien", ("J. R. R. Tolkien",)),
        ("Par Jean Dupont et Marie Curie", ("Jean Dupont", "Marie Curie")),
        ("Auteur : Jean-Luc Godard", ("Jean-Luc Godard",)),
        (
            "Por Gabriel García Márquez y Isabel Allende",
            ("Gabriel García Márquez", "Isabel Allende"),
        ),
        ("Autora: María José", ("María José",)),
        ("Di Mario Rossi e Anna Bianchi", ("Mario Rossi", "Anna Bianchi")),
        ("Autore: Mario Rossi", ("Mario Rossi",)),
        ("Von Anna A., Bernd B. & Clara C.", ("Anna A.", "Bernd B.", "Clara C.")),
        # sentences that start like bylines
        ("Von Montag an galt die neue Regel.", None),
        ("Von Montag an galt die neue Regel", None),
        ("Von Berlin aus fuhr er weiter", None),
        ("By the end of the day, nobody cared.", None),
        ("By then it was too late", None),
        ("Par conséquent, rien ne change.", None),
        ("Di solito arriva tardi", None),
        ("Von Catherine Huber.", None),  # a sentence-final period after a name
        ("Autor: unbekannt", None),
        ("Catherine H.", None),  # no label: could be anything
        ("Von " + " ".join(["Anna Muster"] * 9), None),  # too long for a byline
    ],
)
def test_parse_authors(line: str, authors: tuple[str, ...] | None) -> None:
    assert parse_authors(line) == authors


@pytest.mark.parametrize(
    ("text", "authors", "title", "body"),
    [
        (f"Von Anna Muster\n\n{BODY}", ("Anna Muster",), "", [BODY]),
        (f"{BODY}\n\nAutor: Anna Muster", ("Anna Muster",), "", [BODY]),
        (f"{BODY}\n\n\nVon Anna Muster", ("Anna Muster",), "", [BODY]),
        (f"Titel\n\nVon Anna Muster\n\n{BODY}", ("Anna Muster",), "Titel", [BODY]),
        (f"Von Anna Muster\n\nTitel\n\n{BODY}", ("Anna Muster",), "Titel", [BODY]),
        (f"Titel\nVon Anna Muster\n\n{BODY}", ("Anna Muster",), "Titel", [BODY]),
        # labelled under the last paragraph without a blank line
        (f"{BODY}\nAutor: Anna Muster", ("Anna Muster",), "", [BODY]),
        # the same author at both ends is named once
        (f"Von Anna Muster\n\n{BODY}\n\nAutorin: Anna Muster", ("Anna Muster",), "", [BODY]),
        # a byline in the middle of the text is text
        (
            f"{BODY}\n\n{BODY}\n\nVon Anna Muster\n\n{BODY}",
            (),
            "",
            [BODY, BODY, "Von Anna Muster", BODY],
        ),
        # under a lead of one line it is the byline (a lead of one sentence
        # there would be the headline)
        (
            f"{BODY} {BODY}\n\nVon Anna Muster\n\n{BODY}",
            ("Anna Muster",),
            "",
            [f"{BODY} {BODY}", BODY],
        ),
        # under a standfirst under the title: the standfirst stays as the lead
        (
            f"Titel\n\nDie Stadt stimmt für die Brücke, doch das Geld reicht kaum.\n\n"
            f"Von Anna Muster\n\n{BODY}",
            ("Anna Muster",),
            "Titel",
            ["Die Stadt stimmt für die Brücke, doch das Geld reicht kaum.", BODY],
        ),
        # a sentence at the start is not a byline
        (
            f"Von Montag an galt die neue Regel.\n\n{BODY}",
            (),
            "",
            ["Von Montag an galt die neue Regel.", BODY],
        ),
    ],
)
def test_byline_at_start_or_end(
    text: str, authors: tuple[str, ...], title: str, body: list[str]
) -> None:
    outcome = read_text(text)
    assert outcome.document.metadata.authors == authors
    assert outcome.document.metadata.title == title
    assert [t for _k, t in texts(outcome)] == body
    assert ("text.byline" in codes(outcome)) is bool(authors)


ENGLISH = (
    "The council met on Monday evening and voted to keep the old bridge open to cyclists,"
    " after a long debate about the findings of the engineers."
)


@pytest.mark.parametrize(
    ("second", "authors"),
    [
        # many pages set the writer's name under the headline without "By"
        ("Jane Doe", ("Jane Doe",)),
        ("Jane Doe and John Roe, CNN", ("Jane Doe", "John Roe")),
        ("Jane Doe · Mar 4, 2024", ("Jane Doe",)),
        ("Ursula von der Leyen", ("Ursula von der Leyen",)),
        # capitalised words that are no names
        ("Key Findings", ()),  # the text writes "findings" in lower case
        ("Breaking News", ()),  # a page's label
        ("What Comes Next", ()),  # a question word
        ("Jane", ()),  # one word: a name is two or three
        ("Stock Car - Calendar", ()),  # a spaced hyphen parts a headline's halves
    ],
)
def test_a_name_alone_under_the_title_is_the_byline(second: str, authors: tuple[str, ...]) -> None:
    outcome = read_text(f"The Bridge We Lost\n\n{second}\n\n{ENGLISH}\n\n{ENGLISH}")
    assert outcome.document.metadata.title == "The Bridge We Lost"
    assert outcome.document.metadata.authors == authors
    body = [t for _k, t in texts(outcome)]
    if not authors:
        assert body == [second, ENGLISH, ENGLISH]
    elif " · " in second:  # the date after the names stays in the text
        assert body == [second.partition(" · ")[2], ENGLISH, ENGLISH]
    else:
        assert body == [ENGLISH, ENGLISH]


FRONT_TITLE = "The Night Train Returns"
STANDFIRST = "Why Europe is falling in love with sleepers again"


@pytest.mark.parametrize(
    ("front", "date", "kept"),
    [
        # a standfirst between the title and the byline is no heading
        (f"{FRONT_TITLE}\n\n{STANDFIRST}\n\nBy Jane Doe", "", [STANDFIRST]),
        # nor between the title and names without "By"
        (f"{FRONT_TITLE}\n\n{STANDFIRST}\n\nJane Doe", "", [STANDFIRST]),
        # a kicker over the title stays a paragraph; the title is under it
        (f"Travel\n\n{FRONT_TITLE}\n\nBy Jane Doe", "", ["Travel"]),
        (f"Climate crisis\n\n{FRONT_TITLE}\n\nJane Doe", "", ["Climate crisis"]),
        # the same lines without blank lines, as copied from a page's head
        (f"{FRONT_TITLE}\n{STANDFIRST}\n\nBy Jane Doe", "", [STANDFIRST]),
        (f"{FRONT_TITLE}\n{STANDFIRST}\nJane Doe", "", [STANDFIRST]),
        (
            f"Travel\n{FRONT_TITLE}\nBy Jane Doe\nPublished 4 March 2024",
            "2024-03-04",
            ["Travel", "Published 4 March 2024"],
        ),
        (
            f"{FRONT_TITLE}\n\nJane Doe\nTravel editor\n@janedoe",
            "",
            ["Travel editor", "@janedoe"],
        ),
    ],
)
def test_a_page_head_gives_title_byline_and_date(front: str, date: str, kept: list[str]) -> None:
    """Kicker, title, standfirst, byline, role and date, with or without
    blank lines between them: the title and the author go to the metadata,
    the rest stays in the text, each line a paragraph, none a heading."""
    outcome = read_text(f"{front}\n\n{ENGLISH}\n\n{ENGLISH}")
    assert outcome.document.metadata.title == FRONT_TITLE
    assert outcome.document.metadata.authors == ("Jane Doe",)
    assert outcome.document.metadata.date == date
    assert texts(outcome) == [("p", line) for line in kept] + [("p", ENGLISH), ("p", ENGLISH)]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_standfirst_over_a_date_without_a_byline(gap: str) -> None:
    """Title, a long standfirst and a date, no byline: the date dates the
    article, the standfirst is a paragraph, and the place opening the body
    heads nothing."""
    standfirst = (
        "The town votes to keep its old crossing open to cyclists and walkers, but the money for"
        " its repair may not last beyond the winter."
    )
    text = f"{FRONT_TITLE}{gap}{standfirst}{gap}2024-03-04\n\nBAAR, SWITZERLAND\n\n{ENGLISH}"
    outcome = read_text(f"{text}\n\n{ENGLISH}")
    assert (outcome.document.metadata.title, outcome.document.metadata.date) == (
        FRONT_TITLE,
        "2024-03-04",
    )
    assert texts(outcome) == [
        ("p", standfirst),
        ("p", "2024-03-04"),
        ("p", "BAAR, SWITZERLAND"),
        ("p", ENGLISH),
        ("p", ENGLISH),
    ]


def test_a_standfirst_opening_with_the_titles_last_words_does_not_continue_it() -> None:
    """ "…and More" / "Black Friday is Next Week…": the words run on as in
    the text ("More Black Friday deals"), but a standfirst over the byline
    starts a line of its own."""
    title = "Daily Deals: Controllers, Headphones and More"
    standfirst = "Black Friday is Next Week, But Several Deals Go Live Today"
    body = "More Black Friday deals arrive every day this week, and we list the best of them here."
    outcome = read_text(f"{title}\n{standfirst}\nBy Eric Song\n\n{body}\n\n{ENGLISH}")
    assert outcome.document.metadata.title == title
    assert texts(outcome)[0] == ("p", standfirst)


@pytest.mark.parametrize("byline", ["", "By Jane Doe\n\n"])
def test_a_two_word_title_over_a_first_heading_is_the_title(byline: str) -> None:
    """A kicker needs the page's head under the headline (a byline, a
    dateline) to tell it from a short title over the text's first heading."""
    heading = "What happened on the night of the fire"
    outcome = read_text(f"Story Timeline\n\n{byline}{heading}\n\n{ENGLISH}\n\n{ENGLISH}")
    assert outcome.document.metadata.title == "Story Timeline"
    assert texts(outcome)[0][1] == heading


def test_a_short_title_over_a_first_heading_is_no_kicker() -> None:
    """A kicker is one or two words: "Opening Bell 11.18.19" is the title."""
    text = f"Opening Bell 11.18.19\n\nLOOK WHAT YOU MADE ME DO\n\n{ENGLISH}\n\n{ENGLISH}"
    assert read_text(text).document.metadata.title == "Opening Bell 11.18.19"


def test_a_place_over_a_paragraph_cut_by_a_page_break_is_no_kicker() -> None:
    """A place (a comma in it) over the first half of a cut paragraph: the
    halves are joined, and the place is no kicker over a title."""
    first, rest = ENGLISH.split(" open to ")
    first, second = f"{first} open", f"to {rest}"
    outcome = read_text(f"BAAR, SWITZERLAND\n\n{first}\n\n{second}\n\n{ENGLISH}")
    assert (outcome.document.metadata.title, texts(outcome)[-2:]) == (
        "BAAR, SWITZERLAND",
        [("p", ENGLISH), ("p", ENGLISH)],
    )


def test_a_name_over_an_address_is_no_title_over_a_standfirst() -> None:
    outcome = read_text(f"Anna Example\n12 Harbour Road\n\n{ENGLISH}")
    assert outcome.document.metadata.title == ""
    assert texts(outcome) == [("p", "Anna Example\n12 Harbour Road"), ("p", ENGLISH)]


@pytest.mark.parametrize(
    ("line", "kept", "date"),
    [
        ("By Jane Doe | March 4, 2024", "March 4, 2024", "2024-03-04"),
        ("By Jane Doe, March 4, 2024", "March 4, 2024", "2024-03-04"),
        ("By Jane Doe on March 4, 2024", "March 4, 2024", "2024-03-04"),
        ("By Jane Doe | Updated March 4, 2024", "Updated March 4, 2024", "2024-03-04"),
        ("Por Juan Pérez | Madrid", "Madrid", ""),
        ("Von Anna Schmidt | 12.03.2024, 14:05 Uhr", "12.03.2024, 14:05 Uhr", "2024-03-12"),
    ],
)
def test_a_byline_with_its_date_or_place_on_its_line(line: str, kept: str, date: str) -> None:
    """The names go to the authors; what follows them stays in the text, and
    a date there dates the article."""
    outcome = read_text(f"The Bridge We Lost\n\n{line}\n\n{ENGLISH}")
    assert len(outcome.document.metadata.authors) == 1
    assert outcome.document.metadata.date == date
    assert [t for _k, t in texts(outcome)] == [kept, ENGLISH]


@pytest.mark.parametrize(
    "line", ["By Jane Doe | the council voted", "By the river | March 4, 2024"]
)
def test_what_follows_a_bar_must_be_a_date_or_place_and_precede_it_a_byline(line: str) -> None:
    outcome = read_text(f"The Bridge We Lost\n\n{line}\n\n{ENGLISH}")
    assert outcome.document.metadata.authors == ()


def test_a_name_alone_under_a_paragraph_is_no_byline() -> None:
    outcome = read_text(f"{ENGLISH}\n\nJane Doe\n\n{ENGLISH}")
    assert outcome.document.metadata.authors == ()


def test_extract_byline_reports_what_it_took() -> None:
    blocks, byline, notes = extract_byline([RawBlock((BODY,)), RawBlock(("Autor: A. Muster",))])
    assert (blocks, byline) == ([RawBlock((BODY,))], Byline(("A. Muster",)))
    assert [n.message for n in notes] == [
        'byline "Autor: A. Muster": author A. Muster (left the body)'
    ]


# --- unwrapping --------------------------------------------------------------------

GUTENBERG = """\
It is a truth universally acknowledged, that a single man in possession
of a good fortune, must be in want of a wife. However little known the
feelings or views of such a man may be on his first entering a
neighbourhood, this truth is so well fixed in the minds of the
surrounding families, that he is considered as the rightful property of
some one or other of their daughters."""


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a Project Gutenberg paragraph wrapped at 72 columns
        (GUTENBERG.split("\n"), (" ".join(GUTENBERG.split("\n")),)),
        # an e-mail: the greeting keeps its line, the wrapped rest is joined
        (
            [
                "Hi Bob,",
                "thanks for the draft. I read it on the train this morning and I think",
                "the second part needs a clearer argument before we send it out to the",
                "whole team next week.",
            ],
            (
                "Hi Bob,",
                "thanks for the draft. I read it on the train this morning and I think "
                "the second part needs a clearer argument before we send it out to the "
                "whole team next week.",
            ),
        ),
        # a short line before a long URL is still a wrap
        (
            [
                "The full report, with all the tables and the methods, is at",
                "https://example.org/reports/2024/sleeper-trains-in-europe-final.pdf",
                "and it is worth reading in full if you have an afternoon free for it.",
            ],
            (
                "The full report, with all the tables and the methods, is at "
                "https://example.org/reports/2024/sleeper-trains-in-europe-final.pdf "
                "and it is worth reading in full if you have an afternoon free for it.",
            ),
        ),
        # an address: short lines keep their breaks
        (["Anna Example", "12 Harbour Road", "Seaton EX12 2AB"], None),
        # a sonnet: even lines, but each capitalised and ending on punctuation
        (
            [
                "Shall I compare thee to a summer's day?",
                "Thou art more lovely and more temperate:",
                "Rough winds do shake the darling buds of May,",
                "And summer's lease hath all too short a date.",
            ],
            None,
        ),
        # a list of capitalised lines in a text not wrapped at a width
        (
            [
                "You'll go from imagining the people you want to serve to serving real people",
                "Your email list will begin to grow",
                "Your products and services will all benefit from the interaction",
                "Your revenues and impact will grow year-by-year",
            ],
            None,
        ),
        # long lines of very different length are meant, not wrapped
        (
            [
                "Zutaten für vier Personen, alles frisch vom Markt am Samstag:",
                "200 g Mehl",
                "3 Eier und eine Prise Salz, dazu ein halber Liter Milch",
            ],
            None,
        ),
    ],
)
def test_unwrap_hard_wrapped_lines(lines: list[str], expected: tuple[str, ...] | None) -> None:
    rejoined: list[str] = []
    result = unwrap_hard_wrapped_lines(lines, frozenset(), rejoined)
    assert result == (expected if expected is not None else tuple(lines))


#: A list of concert dates and figures, some lines too long for the text's
#: 72 columns.
TOUR_DATES = [
    "June 14 – Ameris Bank Amphitheatre (formerly Verizon Amphitheatre),",
    "Alpharetta, GA",
    "June 20 – Raleigh, NC",
    "June 23 – Alpharetta, GA @ Ameris Bank Amphitheatre (formerly Verizon",
    "Amphitheatre)",
    "June 30 – Wantagh, NY",
    "July 2 – Mohegan Sun Arena, Uncasville, CT",
    "July 26 – Linebacker Joe Schobert, 74 snaps: 7 tackles, 3 assists, 1",
    "sack and 2 interceptions.",
]


def test_a_list_in_a_wrapped_text_joins_only_the_lines_the_wrapper_broke() -> None:
    lines = unwrap_hard_wrapped_lines(TOUR_DATES, frozenset(), [], measure=72)
    assert lines == (
        "June 14 – Ameris Bank Amphitheatre (formerly Verizon Amphitheatre), Alpharetta, GA",
        "June 20 – Raleigh, NC",
        "June 23 – Alpharetta, GA @ Ameris Bank Amphitheatre (formerly Verizon Amphitheatre)",
        "June 30 – Wantagh, NY",
        "July 2 – Mohegan Sun Arena, Uncasville, CT",
        "July 26 – Linebacker Joe Schobert, 74 snaps: 7 tackles, 3 assists, 1 sack and 2"
        " interceptions.",
    )
    # not wrapped at a known width: every break is meant
    assert unwrap_hard_wrapped_lines(TOUR_DATES, frozenset(), []) == tuple(TOUR_DATES)


#: Two items of a list, each wrapped at 72 columns by counting characters.
COUNTED_ITEMS = [
    "Alibaba's leaders have denied claims made in a viral post that said the",
    "company misreported its sales on Singles Day, the shopping day.",
    "Google has bought CloudSimple, a startup that was once a key part of",
    "Microsoft's cloud strategy, for an undisclosed sum of money.",
]


def test_a_text_wrapped_by_counting_keeps_a_break_the_next_word_fit_before() -> None:
    """ "Google" would have fit after "…the shopping day.": no wrapper broke
    there. Text from a PDF, wrapped by glyph widths, gets the tolerance."""
    kept = unwrap_hard_wrapped_lines(COUNTED_ITEMS, frozenset(), [], 72, tight=True)
    assert kept == (" ".join(COUNTED_ITEMS[:2]), " ".join(COUNTED_ITEMS[2:]))
    assert len(unwrap_hard_wrapped_lines(COUNTED_ITEMS, frozenset(), [], 72)) == 1


def test_is_wrapped_by_count() -> None:
    prose = " ".join(["the text goes on in lower case after every wrap, as prose does"] * 6)
    counted = RawBlock(tuple(textwrap.wrap(prose, 72)))
    assert is_wrapped_by_count([counted, counted], 72)
    # from a PDF: a line ends early although the next word would have fit
    loose = RawBlock(("the text goes on in lower case", *counted.lines))
    assert not is_wrapped_by_count([loose, counted], 72)


def test_a_text_of_long_single_lines_has_no_wrap_width() -> None:
    """Its blocks of several lines are lists; their widest lines do not make
    the text wrapped."""
    paragraph = RawBlock((" ".join(["A long paragraph on one line, as pasted from a page."] * 4),))
    listing = RawBlock(tuple(TOUR_DATES[:3] + TOUR_DATES[5:7]))
    wrapped = RawBlock(tuple(textwrap.wrap(paragraph.lines[0], 72)))
    assert page_width([paragraph, listing, listing, paragraph, paragraph]) is None
    assert page_width([wrapped, listing, wrapped, wrapped]) is not None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Shall I compare thee,", "Thou art more lovely:", "Rough winds do shake."], True),
        (["Zwei Zeilen,", "Mehr nicht."], False),  # too few lines to tell
        (["It is a truth", "universally acknowledged,", "that a single man."], False),
        (["Ein Anfang", "Eine Mitte", "Ein Ende"], False),  # no line ends on punctuation
    ],
)
def test_looks_like_verse(lines: list[str], expected: bool) -> None:
    assert looks_like_verse(lines) is expected


VOCABULARY = word_forms("Sie war well-known. Das Wort schwarzweiß. Die E-Mail kam.")


@pytest.mark.parametrize(
    ("left", "right", "expected", "rejoined"),
    [
        ("die neuesten Nach-", "richten des Tages", "die neuesten Nachrichten des Tages", True),
        ("das Nord-", "Süd-Gefälle", "das Nord-Süd-Gefälle", False),
        ("eine Win-", "Win-Situation", "eine Win-Win-Situation", False),
        ("eine E-", "Mail", "eine E-Mail", False),
        ("an x-", "ray image", "an x-ray image", False),  # one letter before the hyphen
        ("ein 20-", "jähriger Mann", "ein 20-jähriger Mann", False),
        ("the Covid-", "19 rules", "the Covid-19 rules", False),
        ("a well-", "known fact", "a well-known fact", False),  # spelled so elsewhere
        ("ganz schwarz-", "weiß", "ganz schwarzweiß", True),  # spelled so elsewhere
        ("sehr schön -", "und dann", "sehr schön - und dann", False),  # a spaced dash
        ("Ende –", "und dann", "Ende – und dann", False),
        ("Sil\u00ad", "be", "Sil\u00adbe", False),  # a soft hyphen stays a hint
        ("plain", "words", "plain words", False),
    ],
)
def test_rejoin_hyphenated_words(left: str, right: str, expected: str, rejoined: bool) -> None:
    joined: list[str] = []
    assert rejoin_hyphenated_words(left, right, VOCABULARY, joined) == expected
    assert bool(joined) is rejoined


# --- page breaks -------------------------------------------------------------------

LEAD_DE = "Die ukrainische Führung hatte immer wieder auf die Präsenz hingewiesen."
SPLIT_DE = (
    "Die ukrainische Führung hatte immer wieder auf die Präsenz in den Grenzregionen "
    "hingewiesen. Diese Entwicklung dürfte"
)
REST_DE = "Kiew in seiner Forderung nach weiterer Unterstützung bestärken."
SPLIT_EN = "The trains were full most nights of the year, and the"
REST_EN = "company ordered new carriages within three years."


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        # German: the continuation starts with a capitalised name
        (SPLIT_DE, REST_DE, f"{SPLIT_DE} {REST_DE}"),
        # English: the continuation starts in lower case
        (SPLIT_EN, REST_EN, f"{SPLIT_EN} {REST_EN}"),
        # ends on a comma
        (
            "Als der Zug endlich kam, waren alle Reisenden müde,",
            REST_DE,
            f"Als der Zug endlich kam, waren alle Reisenden müde, {REST_DE}",
        ),
        # a short unfinished line before capitalised text is a heading candidate
        ("Die Entwicklung dürfte", REST_DE, None),
        # a word hyphenated across the page break
        (
            "Sie lasen am Morgen die neuesten Nach-",
            "richten aus aller Welt und gingen dann zur Arbeit.",
            "Sie lasen am Morgen die neuesten Nachrichten aus aller Welt "
            "und gingen dann zur Arbeit.",
        ),
        # a finished sentence is a paragraph end, however many blank lines follow
        (LEAD_DE, REST_DE, None),
        ("Was bedeutet das für die Ukraine?", REST_DE, None),
        ("Er sagte: „Wir bleiben.“", REST_DE, None),
        ("Die Liste der Gründe ist lang:", REST_DE, None),
        # a heading before body text is not joined to it
        ("Eine neue Eskalationsstufe", REST_DE, None),
        # a short bare line after an unfinished block is a heading candidate
        (SPLIT_DE, "Eine Welt im Umbruch", None),
        # a paragraph ending with a link has no period but is finished
        ("Den vollständigen Bericht gibt es unter https://example.org/bericht", REST_DE, None),
        # a source's address under its title: lower case, but it continues nothing
        ("Seehunde im Wattenmeer gezählt", "https://wattenmeer.example.org/zaehlung", None),
        # a writer carrying a sentence on into a paragraph of its own on purpose
        (SPLIT_EN, "... and that was only the start of it.", None),
        ("The wardens counted again the next morning", "…and found even more pups.", None),
        # the continuation opens with a number its sentence goes on from
        (
            "New car sales in the region plunged",
            "10 percent last month, despite low interest rates.",
            "New car sales in the region plunged 10 percent last month,"
            " despite low interest rates.",
        ),
        (
            "On one of those nights — April",
            "26, 2016 — they got a strong signal of the whales.",
            "On one of those nights — April 26, 2016 — they got a strong signal of the whales.",
        ),
        # a numbered heading goes on in upper case
        ("Where to stay in Vienna", "7) The night train to Vienna leaves at ten.", None),
        ("Where to stay in Vienna", "2019 Was the Year the Night Train Came Back", None),
        ("Ingredients for the pie", "2 cups of sugar", None),
        # a name in mixed case opens a sentence in lower case: no continuation
        ("Tom Berg", "iPhone sales rose again in May.", None),
        ("Tom Berg", "※「iPhone」は、Apple Inc.の商標です。", None),
        # …though a sentence cut after a word that leads on goes on with one
        (
            "The wardens counted the seals of the sandbank with the",
            "iPhone app and found more pups.",
            "The wardens counted the seals of the sandbank with the iPhone app and found"
            " more pups.",
        ),
        # an embedded post ends with its picture's address, no period
        ("The count is on. pic.twitter.com/4p7SXk7JPW", "dell xps 13 2 in 1", None),
        # a short line holding a sentence's end is prose, however it looks
        (
            "Harbour (2-1): Lena Berg 18 points. Ida Holm 12 points. Maja",
            "Lund 6 points. Sara Ek 4 points.",
            "Harbour (2-1): Lena Berg 18 points. Ida Holm 12 points. Maja Lund 6 points."
            " Sara Ek 4 points.",
        ),
        # …but a period after capitals ends an abbreviation, not a sentence
        ("Volkswagen ID. Harbour Edition", "Volkswagen showed it to the wardens.", None),
        # nine words or more: the heading odds decide, and say prose here
        (
            "At the same time, however, the wardens who believe Kiel's",
            "Harbour Office counted wrong are mistaken.",
            "At the same time, however, the wardens who believe Kiel's Harbour Office counted"
            " wrong are mistaken.",
        ),
        # a quoted code closes its quotation, though its last character is a digit
        ('Use code "HARBOUR24" to get the count for $7.99', "Seal Survey Kit for $24.99", None),
        # a paragraph opening with a quotation opens a sentence
        (
            "Former harbour master Jane Doe told the wardens on Monday that she had watched a key",
            "“September is the month,” the wardens said.",
            None,
        ),
        # a quoted post's signature ends the quotation
        ("— Seal Wardens (@sealwardens) 4 May 2024", "Wardens said the count was the best.", None),
        ("— Seal Wardens (@sealwardens) 4 May 2024", "the wardens said later.", None),
    ],
)
def test_join_page_break_splits(first: str, second: str, joined: str | None) -> None:
    chunks = [TextChunk((first,), True), TextChunk((second,), True)]
    result, notes = join_page_break_splits(chunks, frozenset(), [])
    if joined is None:
        assert result == chunks
        assert notes == []
    else:
        assert result == [TextChunk((joined,), False)]
        assert [n.code for n in notes] == ["text.page-break-joined"]


@pytest.mark.parametrize(
    ("before", "after", "splits"),
    [
        # the name recurs in the text: the break falls inside it
        ("This comes as China has denounced a Hong", "Kong court ruling on masks.", True),
        ("analysts at Digital", "Foundry, the Stadia port is not smooth.", True),
        # a name that does not recur, or words that are no name
        ("analysts at Digital", "Trends, the Stadia port is not smooth.", False),
        ("Eat more fiber", "Fiber moves slowly through your digestive tract.", False),
        ("Die Lage in Kursk", "Kursk ist seit August umkämpft.", False),
    ],
)
def test_splits_a_phrase(before: str, after: str, splits: bool) -> None:
    text = (
        "Protests in Hong Kong went on. The Digital Foundry team measured it."
        " Eat more fiber Fiber moves slowly. Kursk Kursk."
    )
    assert splits_a_phrase(before, after, text) is splits


def test_a_long_line_in_sentence_case_is_prose_before_a_page_break() -> None:
    prose = TextChunk(
        ("The wardens counted the seals of the sandbank from a small plane on a key day, and"
         " she told them that they had watched a record count.",),
        True,
    )  # fmt: skip
    cuts = [
        (
            "Former harbour master Jane Doe told the wardens on Monday that she had watched a key",
            "September count from the dunes with the survey team.",
        ),
        # twelve words, the fewest that make a line prose
        (
            "The wardens counted the grey seals of the outer sandbank with Captain",
            "Maria Lopez at the helm of the survey boat.",
        ),
    ]
    for cut, rest in cuts:
        chunks = [prose, TextChunk((cut,), True), TextChunk((rest,), True), prose]
        # without a period: the heading odds alone would keep it apart
        assert Judge([heading_view(chunk) for chunk in chunks]).odds(1) >= JOIN_HEADING_ODDS
        result, _notes = join_page_break_splits(chunks, frozenset(), [])
        assert result == [prose, TextChunk((f"{cut} {rest}",), False), prose]
    # in headline style it is a heading, however long
    headline = (
        "Former Harbour Master Jane Doe Told The Wardens On Monday That She Had Watched A Key"
    )
    chunks = [prose, TextChunk((headline,), True), TextChunk((cuts[0][1],), True), prose]
    result, _notes = join_page_break_splits(chunks, frozenset(), [])
    assert result == chunks


#: A text seen dropping its periods: a long line of prose ends without one
#: before a paragraph that opens a sentence.
DROPPED_PERIOD = [
    TextChunk(
        ("The wardens counted a record number of grey seals on the outer sandbank this"
         " September",),
        True,
    ),
    TextChunk(("This year the count was made from a small plane.",), True),
]  # fmt: skip


def test_a_text_that_drops_its_periods_shows_no_page_break_by_a_long_line() -> None:
    """Where a long paragraph ends without its period before a sentence, a
    long line without one before a name is a paragraph of its own too."""
    line = "This has freed the survey boat for the count of the harbour seals by Captain"
    name = "Maria Lopez will take the boat out to the dunes on Monday."
    chunks = [*DROPPED_PERIOD, TextChunk((line,), True), TextChunk((name,), True)]
    result, _notes = join_page_break_splits(chunks, frozenset(), [])
    assert result == chunks
    # without the habit shown, the same lines read as one sentence a page break cut
    result, _notes = join_page_break_splits(chunks[1:], frozenset(), [])
    assert len(result) == 2


def test_lines_without_periods_in_a_text_that_drops_them_stay_apart() -> None:
    """Items of a list written without bullets or periods read as prose to
    the heading model; where the text is seen dropping its periods, the odds
    alone join none of them."""
    items = [
        TextChunk((line,), True)
        for line in (
            "If you are …",
            "Hoping to count the seals but you are short of time",
            "Wanting to leave a record of the colony for your children",
        )
    ]
    chunks = [*DROPPED_PERIOD, *items]
    result, _notes = join_page_break_splits(chunks, frozenset(), [])
    assert result == chunks
    result, _notes = join_page_break_splits(chunks[1:], frozenset(), [])
    assert len(result) == 3  # without the habit seen, the two items are one paragraph


def test_a_page_break_inside_a_name_after_a_long_line_is_joined() -> None:
    """A long line of prose stopping at a capitalised word, over a line
    opening with a noun the text writes once in lower case: a page break
    cut a name ("the Affordable" / "Care Act"), not a paragraph that lost
    its period. The same line over an article stays a paragraph of its own."""
    first = (
        "The Democratic candidate, whose father had also served as governor, said that"
        " he would defend the Affordable"
    )
    second = "Care Act in the state, which gives health care to 400,000 people."
    opening = (
        "Voters in Kentucky went to the polls on Tuesday in a race that both parties"
        " watched closely, and the turnout was higher than in any election for governor"
        " since the state began to keep such records."
    )
    closing = (
        "The governor conceded nothing on the night. He told his supporters that the"
        " count was not over, and that he would ask for a review of the ballots cast"
        " in the largest counties, where the margin was thinnest."
    )
    outcome = read_text(f"{opening}\n\n{first}\n\n{second}\n\n{closing}")
    assert ("p", f"{first} {second}") in texts(outcome)
    outcome = read_text(f"{opening}\n\n{first}\n\n{closing}")
    assert ("p", first) in texts(outcome)


def test_a_page_break_inside_a_recurring_name_is_joined() -> None:
    # the first half alone is heading-like: capitalised, no period, before prose
    first = "This comes as China has denounced a Hong"
    second = "Kong court ruling declaring the government's mask ban unconstitutional."
    outcome = read_text(
        f"Police in Hong Kong fired tear gas at students on the campus again.\n\n"
        f"{first}\n\n{second}\n\nThe decision weakens the chief executive."
    )
    assert ("p", f"{first} {second}") in texts(outcome)


def test_analysis_without_joins_keeps_the_halves_of_a_cut_paragraph() -> None:
    text = "The minister said on Tuesday that the\n\nplan would go ahead as agreed."
    assert len(analyse(text).chunks) == 1
    assert len(analyse(text, join_splits=False).chunks) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Bad Company played on Monday night at the Ryman Auditorium in", True),
        ("The entry-level 13-inch MacBook Pro was last updated in", True),
        ("Sign in", False),  # a heading may strand a preposition
        ("What to look out for", False),
        ("The band played on Monday night at the Ryman Auditorium", False),
        ("The band played on Monday night at the Ryman Auditorium in.", False),
    ],
)
def test_ends_with_a_preposition(line: str, expected: bool) -> None:
    assert ends_with_a_preposition(line) is expected


def test_a_page_break_after_a_preposition_is_joined_before_a_name_only() -> None:
    first = "The band played on Monday night at the Ryman Auditorium in"
    name = "Nashville, Tennessee, part of a short tour before the album comes out."
    outcome = read_text(f"{BODY}\n\n{first}\n\n{name}\n\n{BODY}")
    assert ("p", f"{first} {name}") in texts(outcome)
    # a word that opens sentences elsewhere in the text starts one here too
    sentence = "The tour goes on in the spring, and the band will play the old songs."
    outcome = read_text(f"{BODY}\n\n{first}\n\n{sentence}\n\n{BODY}")
    assert ("p", f"{first} {sentence}") not in texts(outcome)
    # a photographer's name alone is a credit, not the preposition's object
    english = "The crowd was small, but it sang along to every song the band played."
    outcome = read_text(f"{english}\n\n{first}\n\nMaria Lopez\n\n{english}")
    assert ("p", "Maria Lopez") in texts(outcome)


def test_short_lines_without_periods_are_not_joined_as_a_cut() -> None:
    """Lines shorter than a page's last line, in lower case and without
    periods, are a list's items or a heading in lower case, not the two
    halves of a sentence a page break cut."""
    prose = "The council met on Monday evening and voted to keep the old bridge open."
    items = ["three eggs", "two cups of flour", "a pinch of salt"]
    outcome = read_text("\n\n".join([prose, "You will need:", *items, prose]))
    assert [("p", item) for item in items] == texts(outcome)[2:5]
    heading = "what happens next"
    outcome = read_text(f"{prose}\n\n{heading}\n\nthe council will meet in spring.\n\n{prose}")
    assert ("p", heading) in texts(outcome)


def test_a_name_alone_is_continued_by_nothing() -> None:
    """A photographer's or co-author's name on its own line ends there, even
    before a line in lower case (a page's keywords) or a sentence opening
    with a number (a live blog's "10 p.m."), which may go on from a cut."""
    english = "The crowd was small, but it sang along to every song the band played."
    for following in (
        "dell xps 13 2 in 1 laptops windows",
        "10 p.m. police said the suspect had been taken into custody.",
    ):
        outcome = read_text(f"{english}\n\nMaria Lopez\n\n{following}\n\n{english}")
        assert ("p", "Maria Lopez") in texts(outcome)


def test_lines_in_headline_style_are_not_joined_as_a_cut_sentence() -> None:
    """Two lines in title case, the second a teaser over its picture's
    credit: neither has a heading's odds there, but no prose is set so."""
    prose = (
        "Playing on a phone is only possible with a pad, but the pad is very comfortable, and "
        "the audience will never forget how it reacted during the scene in the test."
    )
    first = "The Pad Is Only Necessary For Playing On A TV, But It Is Very Comfortable"
    second = "Rob Lowe Will Never Forget How The Audience Reacted During The Scene"
    outcome = read_text(
        f"{prose}\n\n{first}\n\n{second}\n\nPhotograph: Michael Kappeler/dpa\n\n{prose}"
    )
    assert [("p", first), ("p", second)] == texts(outcome)[1:3]


def test_a_caption_signed_by_its_photographer_is_not_joined_to_a_name() -> None:
    """A caption ending with the photographer's name after its sentence,
    over a paragraph opening with another name: two blocks. A sentence cut
    after its subject's name goes on in lower case, and is joined."""
    prose = "The committee heard from four witnesses, and the hearing went on until late."
    caption = "The witnesses were sworn in before the committee in the old room. Maria Lopez"
    following = "Andrew also spent the morning explaining where he had been on the night."
    outcome = read_text(f"{prose}\n\n{caption}\n\n{following}\n\n{prose}")
    assert [("p", caption), ("p", following)] == texts(outcome)[1:3]
    # the caption's sentence may end with a place; the next paragraph opens
    # with a word the text writes nowhere else in lower case
    caption = "The house in which he was born in Braunau am Inn, Austria. Maria Lopez"
    following = "Recent governments have, however, recognized that there was little resistance."
    outcome = read_text(f"{prose}\n\n{caption}\n\n{following}\n\n{prose}")
    assert [("p", caption), ("p", following)] == texts(outcome)[1:3]
    cut = "The witnesses were sworn in before the committee. Maria Lopez"
    outcome = read_text(f"{prose}\n\n{cut}\n\nsaid she had seen them.\n\n{prose}")
    assert ("p", f"{cut} said she had seen them.") in texts(outcome)


def test_a_heading_over_a_paragraph_opening_with_a_year_is_not_joined() -> None:
    outcome = read_text(
        "Dealers had hoped for a strong autumn after a slow summer.\n\n"
        "Year in review\n\n2019 was a good year for the company, which grew by a third."
        "\n\nTrucks sold best, as they have for years."
    )
    assert ("h2", "Year in review") in texts(outcome)


@pytest.mark.parametrize(
    ("line", "goes_on"),
    [
        ("16 letters that the chamber received.", True),
        ("$449,000, according to the paper.", True),
        ("0.4 percent of the population!", True),
        ("(D-Minn.), the office said.", False),  # a bracket, not a number
        ("5-4, but capitalised on their chance.", True),
        ("26, 2016 — they got a signal.", True),
        ("2 cups sugar", False),  # an ingredient, no sentence
        ("2019 was a good year for the company.", False),  # a year opens sentences
        ("7) The night train to Vienna", False),
        ("2019 Was the Year", False),
        ("2024", False),
        ("Rockledge 14 11 6 15", False),
    ],
)
def test_opens_with_a_number_in_a_sentence(line: str, goes_on: bool) -> None:
    assert opens_with_a_number_in_a_sentence(line) is goes_on


def test_a_page_break_before_a_number_is_joined() -> None:
    # the first half alone is heading-like: short, capitalised, no period
    first = "Sales of new vehicles in the Houston area plunged"
    second = "10 percent last month, despite low interest rates and strong hiring."
    outcome = read_text(
        f"Dealers had hoped for a strong autumn after a slow summer.\n\n"
        f"{first}\n\n{second}\n\nTrucks sold best, as they have for years."
    )
    assert ("p", f"{first} {second}") in texts(outcome)


def test_a_page_break_after_a_possessive_is_joined_but_a_shop_ends_a_title() -> None:
    """ "…to pressure the country's" / "President…": the possessive's noun
    comes after, though "President" opens sentences elsewhere in the text.
    A title may end with a shop's name in the possessive ("Macy's")."""
    first = "The aid was withheld to pressure the country's"
    second = "President Volodymyr Zelensky into announcing an inquiry, officials said."
    outcome = read_text(
        f"Layoffs at Macy's\n\nThe president of the company spoke on Monday.\n\n"
        f"{first}\n\n{second}\n\nPresident Trump denied it."
    )
    assert outcome.document.metadata.title == "Layoffs at Macy's"
    assert ("p", f"{first} {second}") in texts(outcome)


#: A paragraph ending without a period, and a sentence repeated as a pull quote.
CELEBRATION = (
    "Residents, who had campaigned for years, gathered on the old bridge with music and food"
)
PULL_QUOTE = "Mayor Lisa Berg said the council would close the old bridge to cars for good."


def test_debris_reading_like_text_is_not_joined_as_prose() -> None:
    first, quote = CELEBRATION, PULL_QUOTE
    article = TextChunk((f"{quote} The decision had been years in the making.",), True)
    chunks = [article, TextChunk((first,), True), TextChunk((quote,), True)]
    result, _notes = join_page_break_splits(chunks, frozenset(), [])
    assert result == chunks
    # a sentence said once is prose, and two prose blocks are one paragraph cut by a page break
    chunks = [TextChunk((first,), True), TextChunk((quote,), True)]
    assert len(join_page_break_splits(chunks, frozenset(), [])[0]) == 1


def test_a_capital_opening_a_sentence_is_no_page_break_inside_one() -> None:
    schedule = (
        "It was the thing I wanted most, because it gave me complete control over my schedule"
    )
    other = "Here's the other important thing: here's what the work paid for all those years."
    chunks = [TextChunk((schedule,), True), TextChunk((other,), True)]
    assert join_page_break_splits(chunks, frozenset(), [])[0] == chunks
    # a name keeps its capital inside a sentence
    chunks = [TextChunk((SPLIT_DE,), True), TextChunk((REST_DE,), True)]
    assert len(join_page_break_splits(chunks, frozenset(), [])[0]) == 1


def test_a_pull_quote_is_not_joined_to_the_paragraph_before_it() -> None:
    # the paragraph before ends without a period; the pull quote repeats a
    # sentence of the article, which makes it debris, not prose
    first, quote = CELEBRATION, PULL_QUOTE
    outcome = read_text(
        f"{quote} The decision had been years in the making.\n\n"
        f"{first}\n\n{quote}\n\nShops on both banks expect more visitors on foot."
    )
    assert ("p", first) in texts(outcome)
    assert ("p", quote) in texts(outcome)


def test_comma_split_joins_through_the_reader() -> None:
    first = "Als der Zug endlich kam, waren alle Reisenden müde,"
    outcome = read_text(f"{first}\n\n\n\ndoch niemand beschwerte sich darüber.")
    assert texts(outcome) == [("p", f"{first} doch niemand beschwerte sich darüber.")]


def test_verse_is_not_joined_to_what_follows() -> None:
    verse = "Über allen Gipfeln\nIst Ruh,\nIn allen Wipfeln\nSpürest du\nKaum einen Hauch"
    outcome = read_text(
        f"{verse}\n\nDie Vögelein schweigen im Walde, warte nur, balde ruhest du auch."
    )
    assert [k for k, _t in texts(outcome)] == ["p", "p"]


def test_three_pieces_of_one_paragraph_are_joined() -> None:
    outcome = read_text(
        f"{SPLIT_EN}\n\n\ncompany, which had\n\n\nordered new carriages, was happy."
    )
    assert texts(outcome) == [
        ("p", f"{SPLIT_EN} company, which had ordered new carriages, was happy.")
    ]


# --- input decoding through the reader ----------------------------------------------

UMLAUTS = "Größe: „Übermut“ – naïve Äpfel für 5 €."


@pytest.mark.parametrize(
    ("data", "warned"),
    [
        (UMLAUTS.encode("utf-8"), False),
        (codecs.BOM_UTF8 + UMLAUTS.encode("utf-8"), False),
        (UMLAUTS.encode("utf-16"), False),  # with BOM, native order
        (codecs.BOM_UTF16_BE + UMLAUTS.encode("utf-16-be"), False),
        (UMLAUTS.encode("cp1252"), True),
    ],
)
def test_reader_decodes_encodings(data: bytes, warned: bool) -> None:
    outcome = read(Source(data, "input.txt"))
    assert texts(outcome) == [("p", UMLAUTS)]
    assert ("encoding.detected" in codes(outcome)) is warned


def test_reader_normalises_line_ends_controls_and_composition() -> None:
    data = "Titel\r\n\r\nZu\u0308rich liegt am\x07 See.\rEin Satz.\r\n".encode()
    outcome = read(Source(data, "input.txt"))
    assert outcome.document.metadata.title == "Titel"
    assert texts(outcome) == [("p", "Zürich liegt am See.\nEin Satz.")]


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02\x03binary\x00\x00\xff", b"   \n\n\t\n", b"\x07\x07\n"],
)
def test_reader_refuses_input_without_text(data: bytes) -> None:
    with pytest.raises(InputError) as raised:
        read(Source(data, "input.txt"))
    assert "input.txt" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_reader_refuses_a_byline_without_text() -> None:
    with pytest.raises(InputError, match="no text"):
        read_text("Autor: Anna Muster")


def test_reader_builds_text_nodes_and_line_breaks() -> None:
    [block] = read_text("Anna Example\n12 Harbour Road").document.blocks
    assert block == Paragraph((Text("Anna Example"), LineBreak(), Text("12 Harbour Road")))


# --- what pastes from news sites carry -------------------------------------------------

#: The night-trains paste: its headings, and its debris, line by line, as the
#: page printed them (captions with credits, a pull quote, a co-author's name,
#: a bracketed teaser, calls to action, a price box).
PASTE_HEADINGS = [
    "Why the trains came back",
    "7) The night train to Vienna",
    "8) The night train to Prague",
]
PASTE_DEBRIS = [
    "View photo",
    "Passengers board the sleeper at Brussels Midi. Jane Doe/AOL",
    "SIGN UP FOR OUR NEWSLETTER",
    "Tomás Okafor",
    "Tickets on popular routes sell out within hours of release",
    "Credit Maria Lopez",
    "[Read: How Europe's railways learned to love the night]",
    "Monthly\n$7/month\nBilled monthly",
    "Continue reading the main story",
]


@pytest.fixture(scope="module")
def paste() -> Outcome:
    return read_fixture("night-trains-paste.en.txt")


def test_paste_headings_are_the_real_ones_and_numbered_ones(paste: Outcome) -> None:
    assert [t for kind, t in texts(paste) if kind == "h2"] == PASTE_HEADINGS


@pytest.mark.parametrize("line", PASTE_DEBRIS)
def test_paste_debris_is_a_paragraph_of_its_own(paste: Outcome, line: str) -> None:
    """Never a heading, never glued to a paragraph, every word kept; the
    price box keeps its lines."""
    paragraphs = [plain_text(b.children) for b in paste.document.blocks if isinstance(b, Paragraph)]
    assert line in paragraphs


def test_paste_metadata(paste: Outcome) -> None:
    metadata = paste.document.metadata
    assert metadata.title == "The quiet return of the night train"
    assert metadata.authors == ("Priya Raman", "Tomás Okafor")


def test_paste_probable_debris_is_listed_for_inspect(paste: Outcome) -> None:
    (note,) = [d.message for d in paste.diagnostics if d.code == "text.debris"]
    for line in ("View photo", "Jane Doe/AOL", "Credit Maria Lopez", "[Read:", "SIGN UP"):
        assert line in note


def test_paste_keeps_every_word_in_order(paste: Outcome) -> None:
    source = (FIXTURES / "night-trains-paste.en.txt").read_text(encoding="utf-8")
    body = source.split("\n\n", 2)[2]  # without the title and byline
    got = " ".join(
        plain_text(b.children) for b in paste.document.blocks if isinstance(b, Paragraph | Heading)
    )
    assert missing_in_order(words(body), words(got)) == []


@pytest.fixture(scope="module")
def czech() -> Outcome:
    return read_fixture("nocni-vlak.cs.txt")


def test_wrapped_czech_title_byline_and_page_break(czech: Outcome) -> None:
    """Hard-wrapped at 72 columns: the two-line title is the title, the
    byline glued under the last paragraph names both authors, and the
    paragraph a page break cut after "a" is one again."""
    metadata = czech.document.metadata
    assert metadata.title == "Noční vlaky se vracejí do Evropy a jezdí častěji než kdykoli předtím"
    assert metadata.authors == ("Jana Nováková", "Petr Novák")
    kinds = texts(czech)
    assert [k for k, _t in kinds] == ["p", "p", "p"]
    assert "levnými aeroliniemi a Evropskou agenturou" in kinds[1][1]
    assert "Autor" not in kinds[2][1]


def test_wrapped_lines_that_fill_the_measure_are_prose_not_verse() -> None:
    """Three capitalised lines ending on a period look like verse, but in a
    text wrapped at 72 columns lines that reach the margin are wrapped prose."""
    filler = (
        "The survey counted just over nine thousand pups, a tenth more than last\n"
        "year, and biologists who had expected the numbers to level off after a\n"
        "decade of steady growth said they were surprised by the count this time.\n"
    )
    text = (
        f"{filler}\n"
        "A New York man pleaded guilty to charges he threatened to kill Rep.\n"
        "Ilhan Omar (D-Minn.), the U.S. Attorney's Office for the Western\n"
        "District of New York announced Monday.\n\n"
        f"{filler}"
    )
    paragraphs = [p for kind, p in texts(read_text(text)) if kind == "p"]
    assert (
        "kill Rep. Ilhan Omar (D-Minn.), the U.S. Attorney's Office for the Western District"
        in (paragraphs[1])
    )


def test_wrapped_chinese_lines_join_without_a_space() -> None:
    """Wrapped at 72 columns, where a Chinese character takes two: 36 a line."""
    sentence = "夜班火车正在回归欧洲，从布鲁塞尔开出的列车并不像一场革命，但餐车总是满的。"
    text = sentence * 4
    wrapped = "\n".join(text[i : i + 36] for i in range(0, len(text), 36))
    (paragraph,) = [p for kind, p in texts(read_text(wrapped + "\n")) if kind == "p"]
    assert paragraph == text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # an inch mark is no open quotation
        (
            'Dell Alienware 34" curved gaming monitor with RGB, now $649.99',
            "Star Wars Jedi: Fallen Order review",
        ),
        # a call to action, then a line starting with a number
        ("Sign up for our daily newsletter", "16th Venice Architecture Biennale 2018"),
        ("Continue reading the main story", "queen Elizabeth, the palace said, is well."),
        # a caption whose credit follows its last sentence
        (
            "In The News | Yes Bank promoters exit; Tata Steel to cut 3000 jobs. Shutterstock",
            '"We see risks to all these points," the analysts wrote in their note to clients.',
        ),
        # a reader's letter signed at its end, then the columnist's answer
        (
            "My husband's brother is getting married and we were not invited to the"
            " wedding, though his parents were. Should we go to the party after it? -- FEELING"
            " LIKE SECOND RATE",
            "DEAR FEELING: Of course you should go, and take your husband along with you.",
        ),
        # a signed letter, then a picture's caption in sentence case
        (
            "Should we go to the party after it, or stay at home? -- LEFT OUT IN LEEDS",
            "Advice column signature. Photo illustration of a letter on a kitchen table.",
        ),
        (
            "He said the sea would give back what it took from us. — Maria Lopez",
            "Picture of the harbour wall after the storm, taken from the ferry.",
        ),
        # a teaser's label of two words over its link
        (
            "Leggi anche",
            "I Cavalieri dello Zodiaco diventeranno un film dei produttori del Signore degli"
            " Anelli, e la notizia ha fatto il giro del web in poche ore.",
        ),
    ],
)
def test_debris_and_captions_are_never_joined(first: str, second: str) -> None:
    outcome = read_text(f"{BODY}\n\n{first}\n\n{second}\n\n{BODY}")
    paragraphs = [text for kind, text in texts(outcome) if kind in ("p", "h2")]
    assert first in paragraphs and second in paragraphs


def test_a_caption_over_its_credit_is_not_joined_to_the_paragraph_above() -> None:
    """A paragraph the page leaves without its period, then a picture's
    caption over its credit: the caption is no second half of the paragraph."""
    paragraph = "The singer issued a statement about the recordings she made there, at the AMAs"
    caption = "Tom Hanks discovers he's related to Fred Rogers: report"
    outcome = read_text(f"{BODY}\n\n{paragraph}\n\n{caption}\n\n© Maria Lopez\n\n{BODY}")
    assert [("p", paragraph), ("p", caption), ("p", "© Maria Lopez")] == texts(outcome)[1:4]


def test_a_paragraph_cut_over_a_credit_is_joined_when_it_ends_a_sentence() -> None:
    """The rest of a paragraph a page break cut ends as the paragraph does,
    though a source in brackets (a credit's shape) follows it."""
    first = "Moving forward, the singer has a new record deal in place with Universal Music"
    second = 'Group, and the fund will be left to wonder: "what did we do to deserve this?"'
    source = "Why Can't She Perform Her Own Songs? It's Complicated [ Bloomberg ]"
    outcome = read_text(f"{BODY}\n\n{first}\n\n{second}\n\n{source}\n\n{BODY}")
    assert ("p", f"{first} {second}") in texts(outcome)


def test_a_heading_wider_than_the_wrap_width_stays_a_heading() -> None:
    heading = "Stadia Is Essentially A Beta Version Until 2020, But The Price Tag Isn't Cheap"
    blocks = [
        "Stadia isn't a console. It's a platform for streaming games from the cloud, and you can"
        " play its titles on a TV, on a computer or on a phone, with limits on each of these.",
        "What Does Stadia Offer?",
        "Google has promised a lot: the ability to play basically any game at up to 4K on your"
        " TV, phone, tablet or laptop, with no lag and on the internet you already have.",
        heading,
        "Come November 19, those who paid for the Founder's Edition will receive a controller,"
        " a Chromecast Ultra and three months of the service, and can play at once.",
        "The reviews agree.",
    ]
    unwrapped = texts(read_text("\n\n".join(blocks) + "\n"))
    assert ("h2", heading) in unwrapped
    assert "\n" in textwrap.fill(heading, 72)
    wrapped = texts(read_text("\n\n".join(textwrap.fill(block, 72) for block in blocks) + "\n"))
    assert wrapped == unwrapped
