"""The document's language, as a BCP 47 tag.

EPUB requires a language, and hyphenation, quotes and the reading system's
voice depend on it, so a document always leaves here with one: the user's
``--lang``, the reader's (HTML ``lang``), or detected from the text with
py3langid's model, which ships with it and needs no network (scored without
numpy by :mod:`exporter.transforms.language_model`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from exporter.diagnostics import Diagnostic, Outcome, notice, warning
from exporter.errors import OptionError
from exporter.model import (
    Block,
    BlockQuote,
    DefinitionList,
    Document,
    Figure,
    FootnoteDef,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    plain_text,
)
from exporter.options import Options
from exporter.transforms.language_model import installed_model

#: Loose BCP 47 shape: a 2–3 letter language, then subtags of 2–8 letters or
#: digits (script, region, variant). Catches typos like "german" or "d e"
#: without shipping the IANA registry.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

#: Below this confidence a detected language is a guess we do not trust.
MIN_CONFIDENCE = 0.8

#: The language when detection fails: a wrong tag is still a valid EPUB, and
#: the warning tells the user how to set the right one.
FALLBACK_LANGUAGE = "en"

#: Enough text to decide; more only costs time.
SAMPLE_CHARS = 20_000


def normalize_language_tag(tag: str) -> str:
    """``tag`` in canonical case ("DE_de" -> "de-DE"), or ``OptionError``.

    An underscore is accepted for a hyphen (POSIX locales spell "de_DE"). Case
    follows BCP 47 conventions: language lower, script title, region upper.
    """
    candidate = tag.strip().replace("_", "-")
    if not LANGUAGE_TAG.fullmatch(candidate):
        raise OptionError(
            f"language {tag!r} is not a BCP 47 tag (examples: de, en-GB, pt-BR, zh-Hant)"
        )
    language, *subtags = candidate.split("-")
    cased = [language.lower()]
    for subtag in subtags:
        if len(subtag) == 4 and subtag.isalpha():
            cased.append(subtag.title())
        elif len(subtag) == 2 and subtag.isalpha():
            cased.append(subtag.upper())
        else:
            cased.append(subtag.lower())
    return "-".join(cased)


def detect_language(document: Document, options: Options) -> Outcome:
    """Set ``metadata.language`` when nobody gave it.

    ``--lang`` wins (already applied by ``apply_overrides``; validated here
    too so this transform is safe on its own). A language the reader found is
    kept if it is a well-formed tag. Otherwise py3langid decides from the body
    text; below :data:`MIN_CONFIDENCE` we fall back to
    :data:`FALLBACK_LANGUAGE` and warn.
    """
    metadata = document.metadata
    if options.language:
        language = normalize_language_tag(options.language)
        return Outcome(replace(document, metadata=replace(metadata, language=language)))
    diagnostics: list[Diagnostic] = []
    if metadata.language:
        try:
            language = normalize_language_tag(metadata.language)
        except OptionError:
            diagnostics.append(
                warning(
                    "language.invalid",
                    f"the input declares the language {metadata.language!r}, "
                    "which is not a BCP 47 tag; detecting it instead",
                )
            )
        else:
            return Outcome(replace(document, metadata=replace(metadata, language=language)))
    text = body_text(document.blocks)[:SAMPLE_CHARS]
    language, confidence = classify(text) if text.strip() else ("", 0.0)
    if confidence >= MIN_CONFIDENCE:
        diagnostics.append(
            notice(
                "language.detected",
                f"language: {language} (detected, confidence {confidence:.2f}); "
                "pass --lang to set it",
            )
        )
    else:
        reason = f"unsure ({language}, confidence {confidence:.2f})" if text.strip() else "no text"
        language = FALLBACK_LANGUAGE
        diagnostics.append(
            warning(
                "language.fallback",
                f"could not detect the language: {reason}; using {language}, pass --lang to set it",
            )
        )
    return Outcome(
        replace(document, metadata=replace(metadata, language=language)), tuple(diagnostics)
    )


def classify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` and its probability (0–1).

    py3langid's model and scoring (:mod:`exporter.transforms.language_model`),
    without numpy, whose import alone would cost half the time an export may
    take.
    """
    return installed_model().classify(text)


def body_text(blocks: tuple[Block, ...]) -> str:
    """All running text of ``blocks``, one block a line."""
    parts: list[str] = []
    for block in blocks:
        match block:
            case Heading(_, children) | Paragraph(children):
                parts.append(plain_text(children))
            case BlockQuote(inner) | FootnoteDef(_, inner):
                parts.append(body_text(inner))
            case ListBlock(items):
                parts.extend(body_text(item.blocks) for item in items)
            case DefinitionList(items):
                for entry in items:
                    parts.append(plain_text(entry.term))
                    parts.extend(body_text(definition) for definition in entry.definitions)
            case Figure(_src, alt, caption):
                parts.append(plain_text(caption) or alt)
            case Table(head, body, caption):
                parts.append(plain_text(caption))
                parts.extend(plain_text(cell.children) for row in head + body for cell in row.cells)
    return "\n".join(part for part in parts if part)
