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
    apply_overrides,
    derive_title,
    first_sentence,
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
    ["Berlin, 12. März 2024", "Foto: Michael Kappeler/dpa", "March 12, 2024, 14:35"],
)
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
