"""The writing system of a language tag.

Fonts, stylesheets and the direction of a document all follow from the script
a language is written in (ISO 15924 codes, as BCP 47 script subtags spell
them). A tag's own script subtag wins (``zh-Hant``, ``sr-Latn``); otherwise the
script is the language's usual one, and for Chinese the region's (Taiwan, Hong
Kong and Macao write Traditional characters). Languages not listed here are
written in Latin, Greek or Cyrillic, which our own faces draw.
"""

from __future__ import annotations

#: The usual script of each language whose script our text faces lack.
LANGUAGE_SCRIPTS: dict[str, str] = {
    "ja": "Jpan",
    "ko": "Kore",
    "zh": "Hans",
    "ar": "Arab",
    "fa": "Arab",
    "ur": "Arab",
    "ps": "Arab",
    "ckb": "Arab",
    "sd": "Arab",
    "ug": "Arab",
    "he": "Hebr",
    "iw": "Hebr",
    "yi": "Hebr",
    "hi": "Deva",
    "mr": "Deva",
    "ne": "Deva",
    "sa": "Deva",
    "th": "Thai",
    "ta": "Taml",
    "te": "Telu",
    "km": "Khmr",
    "dv": "Thaa",
}
#: Scripts our own text faces draw.
OWN_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl"})
#: Chinese regions that write Traditional characters.
TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})
#: Scripts written from right to left.
RIGHT_TO_LEFT = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Samr", "Mand"})
#: Han-based scripts: set without hyphens or word spaces, with their own
#: rules for line breaks and emphasis.
CJK = frozenset({"Jpan", "Kore", "Hans", "Hant"})


def language_script(tag: str) -> str:
    """The ISO 15924 script of ``tag`` (``"Hant"`` for ``zh-TW``), or ``""``
    for a language our own faces draw (or an empty or undetermined tag)."""
    subtags = [subtag.lower() for subtag in tag.replace("_", "-").split("-") if subtag]
    if not subtags:
        return ""
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            script = subtag.title()
            return "" if script in OWN_SCRIPTS else script
    script = LANGUAGE_SCRIPTS.get(subtags[0], "")
    if script == "Hans" and any(subtag in TRADITIONAL_REGIONS for subtag in subtags[1:]):
        return "Hant"
    return script


def is_right_to_left(tag: str) -> bool:
    """Whether text in ``tag`` runs from right to left."""
    return language_script(tag) in RIGHT_TO_LEFT


def is_cjk(tag: str) -> bool:
    """Whether ``tag`` is written in Chinese characters (with kana or hangul)."""
    return language_script(tag) in CJK
