"""Compare texts as a reader would: the same words, in the same order."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")

#: A hyphen (or the minus sign it may become) between two digits, perhaps at
#: a line's end.
DIGITS_HYPHEN = re.compile(r"(?<=\d)[-\u2212](?:[ \t]*\n\s*)?(?=\d)")


def words(text: str) -> list[str]:
    """The words of ``text``, ignoring punctuation, hyphens (and the minus
    sign a hyphen may become) and line-end hyphenation, so that typographic
    changes and hyphenated line breaks in a PDF do not count as changed words;
    nor do the zero width spaces where the PDF may break a word of over 100
    characters (exporter/transforms/breaks.py). A hyphen or minus sign
    between digits parts them, as the en dash a hyphen may become does ("3-1"
    and "3–1" are the same two numbers, "10-3" and "10−3" too), also where a
    PDF line ends at it."""
    text = DIGITS_HYPHEN.sub(" ", text)
    text = re.sub(r"[-\u00ad\u2010\u2011\u200b]\s*\n\s*", "", text)
    text = re.sub(r"[-\u00ad\u2010\u2011\u2212\u200b]", "", text)
    return WORD.findall(text)


def missing_in_order(expected: list[str], actual: list[str]) -> list[str]:
    """The words of ``expected`` not found, in order, in ``actual`` (an empty
    list means ``expected`` is a subsequence of ``actual``). Extra words in
    ``actual`` are allowed: running heads, page numbers, a title page."""
    missing = []
    position = 0
    for word in expected:
        try:
            position = actual.index(word, position) + 1
        except ValueError:
            missing.append(word)
    return missing
