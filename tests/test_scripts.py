"""The writing system of a language tag (exporter.scripts)."""

from __future__ import annotations

import pytest

from exporter.scripts import is_cjk, is_right_to_left, language_script


@pytest.mark.parametrize(
    ("tag", "script"),
    [
        ("ja", "Jpan"),
        ("ko-KR", "Kore"),
        ("zh", "Hans"),
        ("zh-CN", "Hans"),
        ("zh-TW", "Hant"),  # Taiwan writes Traditional characters
        ("zh-HK", "Hant"),
        ("zh-Hant", "Hant"),
        ("zh-Hans-HK", "Hans"),  # the script subtag wins over the region
        ("ar-EG", "Arab"),
        ("fa", "Arab"),
        ("he", "Hebr"),
        ("hi", "Deva"),
        ("th", "Thai"),
        ("de", ""),
        ("ru", ""),
        ("el", ""),
        ("sr-Latn", ""),  # our own faces draw Latin, Greek and Cyrillic
        ("", ""),
        ("und", ""),
    ],
)
def test_language_script(tag: str, script: str) -> None:
    assert language_script(tag) == script


def test_right_to_left_and_cjk() -> None:
    assert [is_right_to_left(tag) for tag in ("ar", "he", "ur", "en", "ja")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert [is_cjk(tag) for tag in ("ja", "zh-TW", "ko", "ar", "de")] == [
        True,
        True,
        True,
        False,
        False,
    ]
