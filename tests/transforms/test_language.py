"""Language: the user's tag wins, else the input's, else detection, else English with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.python import python_output

from exporter.errors import OptionError
from exporter.model import (
    DefinitionItem,
    DefinitionList,
    Document,
    Metadata,
    Paragraph,
    Superscript,
    Text,
)
from exporter.options import Options
from exporter.readers import text
from exporter.source import Source
from exporter.transforms.language import body_text, detect_language, normalize_language_tag
from exporter.transforms.metadata import apply_overrides

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"

ENGLISH = (
    "Across Europe, sleeper trains that were written off a decade ago are running again. "
    "Operators report full berths on most routes, and new carriages are on order."
)
FRENCH = (
    "Les trains de nuit reviennent en Europe. Les opérateurs annoncent des couchettes "
    "complètes sur la plupart des lignes et de nouvelles voitures sont commandées."
)
ITALIAN = (
    "I treni notturni tornano in Europa. Gli operatori segnalano cuccette piene sulla "
    "maggior parte delle linee e nuove carrozze sono state ordinate."
)


def document(body: str, language: str = "") -> Document:
    blocks = (Paragraph((Text(body),)),) if body else ()
    return Document(Metadata(language=language), blocks)


def test_sample_is_detected_as_german() -> None:
    sample = text.read(Source(SAMPLE.read_bytes(), SAMPLE.name)).document
    outcome = detect_language(sample, Options())
    assert outcome.document.metadata.language == "de"
    [diagnostic] = outcome.diagnostics
    assert (diagnostic.level, diagnostic.code) == ("notice", "language.detected")
    assert diagnostic.message.startswith("language: de (detected, confidence ")


@pytest.mark.parametrize(
    ("body", "language"),
    [(ENGLISH, "en"), (FRENCH, "fr"), (ITALIAN, "it")],
)
def test_language_is_detected_from_the_text(body: str, language: str) -> None:
    outcome = detect_language(document(body), Options())
    assert outcome.document.metadata.language == language
    assert [d.code for d in outcome.diagnostics] == ["language.detected"]


@pytest.mark.parametrize("body", ["", "ok", "Hello world", "12 34 56"])
def test_too_little_text_falls_back_to_english_with_a_warning(body: str) -> None:
    outcome = detect_language(document(body), Options())
    assert outcome.document.metadata.language == "en"
    [diagnostic] = outcome.diagnostics
    assert diagnostic.level == "warning"
    assert "pass --lang" in diagnostic.message


def test_user_language_wins_over_detection_and_input() -> None:
    outcome = detect_language(document(ENGLISH, language="fr"), Options(language="de-at"))
    assert outcome.document.metadata.language == "de-AT"
    assert outcome.diagnostics == ()


def test_user_language_wins_through_the_pipeline_order() -> None:
    doc = apply_overrides(document(ENGLISH), Options(language="pt-BR")).document
    assert doc.metadata.language == "pt-BR"
    assert detect_language(doc, Options(language="pt-BR")).document.metadata.language == "pt-BR"


def test_language_from_the_input_is_kept() -> None:
    outcome = detect_language(document(ENGLISH, language="en-gb"), Options())
    assert outcome.document.metadata.language == "en-GB"
    assert outcome.diagnostics == ()


def test_malformed_language_from_the_input_is_replaced_by_detection() -> None:
    outcome = detect_language(document(FRENCH, language="french please"), Options())
    assert outcome.document.metadata.language == "fr"
    assert [d.code for d in outcome.diagnostics] == ["language.invalid", "language.detected"]


@pytest.mark.parametrize(
    ("tag", "normal"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("de-de", "de-DE"),
        ("de_DE", "de-DE"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("sr-Latn", "sr-Latn"),
        ("es-419", "es-419"),
        ("gsw", "gsw"),
        (" en ", "en"),
    ],
)
def test_normalize_language_tag(tag: str, normal: str) -> None:
    assert normalize_language_tag(tag) == normal


@pytest.mark.parametrize(
    "tag", ["german", "d", "de-", "de--DE", "de DE", "12", "en-toolongsubtag", ""]
)
def test_bad_language_tag_is_an_option_error(tag: str) -> None:
    with pytest.raises(OptionError) as raised:
        detect_language(document(ENGLISH), Options(language=tag or " "))
    assert "BCP 47" in str(raised.value)


def test_importing_exporter_does_not_load_the_language_model() -> None:
    code = (
        "import sys, exporter, exporter.transforms; "
        "print(sorted(m for m in ('numpy', 'py3langid', 'charset_normalizer') if m in sys.modules))"
    )
    output = python_output(code)
    assert output == "[]"


def test_body_text_reads_terms_definitions_and_superscripts() -> None:
    item = DefinitionItem(
        (Text("Train de nuit"),),
        ((Paragraph((Text("Un train du 1"), Superscript((Text("er"),)), Text(" mai"))),),),
    )
    assert body_text((DefinitionList((item,)),)) == "Train de nuit\nUn train du 1er mai"
