"""User overrides and the derived title."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.errors import OptionError
from exporter.model import Document, Heading, Metadata, Paragraph, SceneBreak, Text
from exporter.options import Options
from exporter.readers import text
from exporter.source import Source
from exporter.transforms.metadata import (
    MAX_DERIVED_CHARS,
    MAX_TITLE_CHARS,
    apply_overrides,
    derive_title,
    first_sentence,
    limit_title,
    short_title,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"


def document(*paragraphs: str, **metadata: object) -> Document:
    return Document(
        Metadata(**metadata),  # type: ignore[arg-type]
        tuple(Paragraph((Text(p),)) for p in paragraphs),
    )


# --- apply_overrides ---------------------------------------------------------------

FOUND = Metadata(title="Found", authors=("Found Author",), language="fr")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (Options(), FOUND),
        (Options(title="Given"), Metadata("Given", authors=("Found Author",), language="fr")),
        (Options(title="  Given  "), Metadata("Given", authors=("Found Author",), language="fr")),
        (Options(authors=("A", "B")), Metadata("Found", authors=("A", "B"), language="fr")),
        (Options(authors=(" A ", "")), Metadata("Found", authors=("A",), language="fr")),
        (Options(language="de_ch"), Metadata("Found", authors=("Found Author",), language="de-CH")),
        (
            Options(title="T", authors=("A",), language="en"),
            Metadata("T", authors=("A",), language="en"),
        ),
        (Options(title="   "), FOUND),  # blank is "not given"
    ],
)
def test_apply_overrides(options: Options, expected: Metadata) -> None:
    doc = Document(FOUND, (Paragraph((Text("Body."),)),))
    outcome = apply_overrides(doc, options)
    assert outcome.document.metadata == expected
    assert outcome.document.blocks == doc.blocks


def test_apply_overrides_refuses_a_bad_language() -> None:
    with pytest.raises(OptionError, match="'deutsch' is not a BCP 47 tag"):
        apply_overrides(document("Body."), Options(language="deutsch"))


# --- derive_title -----------------------------------------------------------------


def test_sample_title_is_the_clause_before_the_first_colon() -> None:
    sample = text.read(Source(SAMPLE.read_bytes(), SAMPLE.name)).document
    outcome = derive_title(sample, Options())
    assert outcome.document.metadata.title == "Die Welt ist einmal mehr aufgeschreckt"
    assert outcome.document.blocks == sample.blocks  # the lead stays in the body
    [diagnostic] = outcome.diagnostics
    assert (diagnostic.level, diagnostic.code) == ("notice", "title.derived")
    assert diagnostic.message == (
        'no title in the input; using "Die Welt ist einmal mehr aufgeschreckt" '
        "(derived from the first sentence); pass --title to set one"
    )


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            "Die Welt ist einmal mehr aufgeschreckt: Nordkorea hat…",
            "Die Welt ist einmal mehr aufgeschreckt",
        ),
        ("Sleeper trains are back; operators report full berths.", "Sleeper trains are back"),
        ("The night trains came back – and nobody expected it.", "The night trains came back"),
        ("The night trains came back—and nobody expected it.", "The night trains came back"),
        # too short before the colon: cut the whole sentence at ten words instead
        (
            "Fest steht: Die Zahl der Reisenden stieg im vergangenen Jahr um ein Drittel an.",
            "Fest steht: Die Zahl der Reisenden stieg im vergangenen Jahr…",
        ),
        ("Ein kurzer Satz. Und noch einer.", "Ein kurzer Satz"),
        ("Was nun? Das weiß niemand.", "Was nun?"),
        # abbreviations, initials, ordinals and dotted words do not end a sentence
        (
            "Dr. Müller kam am 3. Oktober nach Berlin. Dann ging er.",
            "Dr. Müller kam am 3. Oktober nach Berlin",
        ),
        ("Catherine H. Muster schreibt heute. Morgen nicht.", "Catherine H. Muster schreibt heute"),
        ("The U.S. economy grew fast. Then it slowed.", "The U.S. economy grew fast"),
        ("Es gibt z. B. Äpfel und Birnen. Sonst nichts.", "Es gibt z. B. Äpfel und Birnen"),
        # a range and a hyphen do not cut
        (
            "Von 1990–1995 wuchs die Stadt schnell. Danach nicht.",
            "Von 1990–1995 wuchs die Stadt schnell",
        ),
        # no sentence end at all
        ("Nur ein Satzanfang ohne Ende", "Nur ein Satzanfang ohne Ende"),
        # ten words exactly stay whole; eleven are cut
        (
            "Eins zwei drei vier fünf sechs sieben acht neun zehn.",
            "Eins zwei drei vier fünf sechs sieben acht neun zehn",
        ),
        (
            "Eins zwei drei vier fünf sechs sieben acht neun zehn, elf.",
            "Eins zwei drei vier fünf sechs sieben acht neun zehn…",
        ),
    ],
)
def test_derived_title(lead: str, title: str) -> None:
    outcome = derive_title(document(lead, "Second paragraph."), Options())
    assert outcome.document.metadata.title == title


def test_title_comes_from_the_first_paragraph_not_a_heading() -> None:
    doc = Document(
        Metadata(),
        (
            SceneBreak(),
            Heading(2, (Text("Abschnitt"),)),
            Paragraph((Text("Der erste Satz. Mehr."),)),
        ),
    )
    assert derive_title(doc, Options()).document.metadata.title == "Der erste Satz"


@pytest.mark.parametrize(
    "above",
    ["Berlin, 12. März 2024", "Foto: Michael Kappeler/dpa", "March 12, 2024, 14:35",
     # an editors' note and page debris
     "Correction: An earlier version misstated the date", "5 min read", "Image"],
)  # fmt: skip
def test_title_skips_a_dateline_or_credit_above_the_text(above: str) -> None:
    outcome = derive_title(document(above, "Der erste Satz. Mehr."), Options())
    assert outcome.document.metadata.title == "Der erste Satz"


def test_title_from_a_heading_when_there_is_no_paragraph() -> None:
    doc = Document(Metadata(), (Heading(2, (Text("Nur eine Überschrift"),)),))
    assert derive_title(doc, Options()).document.metadata.title == "Nur eine Überschrift"


def test_title_without_any_text_is_untitled_with_a_warning() -> None:
    outcome = derive_title(Document(Metadata(), (SceneBreak(),)), Options())
    assert outcome.document.metadata.title == "Untitled"
    assert [(d.level, d.code) for d in outcome.diagnostics] == [("warning", "title.fallback")]


def test_existing_title_is_kept_silently() -> None:
    outcome = derive_title(document("Der erste Satz.", title="Gegeben"), Options())
    assert outcome.document.metadata.title == "Gegeben"
    assert outcome.diagnostics == ()


def test_first_sentence_and_short_title_compose() -> None:
    sentence = first_sentence("Eins: zwei drei vier. Fünf.")
    assert sentence == "Eins: zwei drei vier."
    assert short_title(sentence) == "Eins: zwei drei vier"


# --- titles too long ---------------------------------------------------------------


def test_a_title_derived_from_a_word_of_a_million_characters_is_cut() -> None:
    lead = "x" * 1_000_000 + " and after."
    outcome = derive_title(document(lead), Options())
    title = outcome.document.metadata.title
    assert title == "x" * (MAX_DERIVED_CHARS - 1) + "…"
    assert outcome.document.blocks == document(lead).blocks
    assert len(outcome.diagnostics[0].message) < 400


def test_a_derived_title_of_long_words_is_cut_at_a_word() -> None:
    lead = " ".join(["Donaudampfschifffahrtsgesellschaftskapitän"] * 5) + "."
    title = derive_title(document(lead), Options()).document.metadata.title
    assert len(title) <= MAX_DERIVED_CHARS and title.endswith("kapitän…")


def test_a_title_past_the_limit_is_cut_and_its_words_stand_first_in_the_text() -> None:
    title = " ".join(["Nacht"] * 100_000)
    outcome = limit_title(document("Der Text.", title=title), Options())
    metadata, blocks = outcome.document.metadata, outcome.document.blocks
    assert len(metadata.title) <= MAX_TITLE_CHARS and metadata.title.endswith("Nacht…")
    assert blocks == (Paragraph((Text(title),)), Paragraph((Text("Der Text."),)))
    assert [(d.code, d.message) for d in outcome.diagnostics] == [
        (
            "title.too-long",
            "the title has 599,999 characters, more than 2,000: cut there with an ellipsis;"
            " the whole of it stands as the first paragraph",
        )
    ]


def test_a_title_up_to_the_limit_is_left_alone() -> None:
    doc = document("Der Text.", title="T" * MAX_TITLE_CHARS)
    assert limit_title(doc, Options()).document is doc
