"""YAML with limits: aliases, nesting and values counted before anything is built."""

from __future__ import annotations

import time

import pytest
import yaml

from exporter import safe_yaml


def billion_laughs(levels: int = 9) -> str:
    """Nine lists of nine references to the list before: 9**levels values."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join([*lines, f"title: *a{levels - 1}"])


def test_ordinary_yaml_loads_as_safe_load_gives_it() -> None:
    text = (
        "title: Die Nachtzüge\nauthors: [Anna, Bernd]\ndate: 2024-03-12\n"
        "base: &base {name: Anna}\nauthor: *base\n"
    )
    assert safe_yaml.load(text) == yaml.safe_load(text)
    assert safe_yaml.load("") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (billion_laughs(), "stands for more than 10,000 values once its aliases are expanded"),
        (billion_laughs(4), "stands for more than 10,000 values once its aliases are expanded"),
        ("title: &a [*a]", "holds a value that contains itself"),
        ("title: " + "[" * 5000 + "]" * 5000, "nests lists or mappings more than 50 deep"),
        ("a: &a x\n" + "".join(f"k{n}: *a\n" for n in range(101)), "uses more than 100 aliases"),
    ],
)
def test_yaml_past_a_limit_is_refused_at_once(text: str, message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(safe_yaml.YamlLimitError, match=message):
        safe_yaml.load(text)
    assert time.perf_counter() - started < 1


def test_the_limits_leave_room_for_any_front_matter() -> None:
    assert safe_yaml.load(billion_laughs(3))["title"][8][8] == ["lol"] * 9  # 729 values
    nested = "title: " + "[" * 48 + "x" + "]" * 48  # in a mapping: 49 levels
    assert safe_yaml.load(nested)["title"] is not None
