"""The document's language, as a BCP 47 tag.

EPUB requires a language, and hyphenation, quotes and the reading system's
voice depend on it, so a document always leaves here with one: the user's
``--lang``, the reader's (HTML ``lang``), or detected from the text with
py3langid's model, which ships with it and needs no network (scored without
numpy by :mod:`exporter.transforms.language_model`), then by the letters where
the model cannot tell (:func:`by_script`): kana make a text Japanese, and
Chinese is tagged Simplified or Traditional by its characters.
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

#: Hiragana and katakana, which only Japanese writes.
KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
#: Chinese characters (Japanese kanji among them).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LETTER = re.compile(r"[^\W\d_]")

#: A text is Japanese when kana make up this share of its Chinese characters
#: and kana: even a headline dense with kanji ("中華人民共和国国務院総理李強氏は
#: 北京で会談") has a particle or two in kana, some 10 %, and Chinese writes none
#: (the odd "の" of a Taiwanese shop name aside).
MIN_KANA_SHARE = 0.05

#: ... and when those make up at least this share of its letters: an
#: English text quoting "こんにちは" is English.
MIN_CJK_SHARE = 0.5

#: Frequent characters written only in Simplified Chinese, and their
#: Traditional forms, which only Traditional Chinese writes, pair by pair
#: (这/這, 们/們, 个/個, 国/國, 说/說…). Characters that both write, or that
#: one uses for another word (后 "queen", 里 "mile", 台, 万, 干, 面), are left out.
SIMPLIFIED_ONLY = (
    "这们个国说来时会学对为发经动过还进现开关长门问间听见觉让认识话语车东电书买卖钱难边应该当没"
    "从头实样与业两种机论产员务区气总岁亲离乐华报导纪场际济处线级师传组织运营费达设计议选举变转"
    "条图团园龙马鸟鱼"
)
TRADITIONAL_ONLY = (
    "這們個國說來時會學對為發經動過還進現開關長門問間聽見覺讓認識話語車東電書買賣錢難邊應該當沒"
    "從頭實樣與業兩種機論產員務區氣總歲親離樂華報導紀場際濟處線級師傳組織運營費達設計議選舉變轉"
    "條圖團園龍馬鳥魚"
)
SIMPLIFIED_CHARS = re.compile(f"[{SIMPLIFIED_ONLY}]")
TRADITIONAL_CHARS = re.compile(f"[{TRADITIONAL_ONLY}]")

#: One script's characters must outnumber the other's this many times over
#: to decide: a Traditional text may quote a Simplified name, and the other
#: way round.
SCRIPT_MAJORITY = 2


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
    language, confidence, reason = by_script(text, language, confidence)
    if confidence >= MIN_CONFIDENCE:
        diagnostics.append(
            notice(
                "language.detected",
                f"language: {language} (detected, confidence {confidence:.2f}{reason}); "
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


def by_script(text: str, language: str, confidence: float) -> tuple[str, float, str]:
    """The model's ``language`` and ``confidence`` for ``text``, corrected
    by its letters where they say more, and why (", …" for the notice):

    - a text in Chinese characters with kana (:func:`writes_kana`) is
      Japanese, whatever the model said and however unsure it was (it takes
      a headline dense with kanji for Chinese, even for Wu Chinese);
    - Chinese ("zh") is "zh-Hant" or "zh-Hans" as :func:`chinese_script`
      decides, else stays "zh": the model has one label for both scripts.
    """
    if language != "ja" and writes_kana(text):
        return "ja", 1.0, ", written with kana"
    if language == "zh":
        script, simplified, traditional = chinese_script(text)
        if script:
            counts = f", {traditional} Traditional to {simplified} Simplified characters"
            return f"zh-{script}", confidence, counts
    return language, confidence, ""


def writes_kana(text: str) -> bool:
    """Whether ``text`` is Japanese by its letters: Chinese characters and kana
    make up most of them (:data:`MIN_CJK_SHARE`), and kana at least
    :data:`MIN_KANA_SHARE` of those. Only Japanese writes kana."""
    kana = len(KANA.findall(text))
    if not kana:
        return False
    cjk = kana + len(HAN.findall(text))
    return kana >= MIN_KANA_SHARE * cjk and cjk >= MIN_CJK_SHARE * len(LETTER.findall(text))


def chinese_script(text: str) -> tuple[str, int, int]:
    """Whether Chinese ``text`` is written in Simplified ("Hans") or
    Traditional ("Hant") characters, or "" when it cannot tell, with the
    counts of each script's own characters (Simplified, Traditional).

    The rule: count the frequent characters that only Simplified writes
    (:data:`SIMPLIFIED_ONLY`: 这 们 个 国 说 来 时 会 学 对…) and those that only
    Traditional writes (:data:`TRADITIONAL_ONLY`: 這 們 個 國 說 來 時 會 學 對…);
    the script whose own characters outnumber the other's
    :data:`SCRIPT_MAJORITY` times over is the text's. A text with neither, or
    a mix, stays plain Chinese.
    """
    simplified = len(SIMPLIFIED_CHARS.findall(text))
    traditional = len(TRADITIONAL_CHARS.findall(text))
    if traditional > SCRIPT_MAJORITY * simplified:
        return "Hant", simplified, traditional
    if simplified > SCRIPT_MAJORITY * traditional:
        return "Hans", simplified, traditional
    return "", simplified, traditional


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
