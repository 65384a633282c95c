"""What a reader or transform tells the user besides the document itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from exporter.model import Document

Level = Literal["notice", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One message for the user. ``code`` is stable, for tests and ``--json``."""

    level: Level
    code: str
    message: str


#: A message quotes the input's words; a "word" longer than this (a run of
#: a million characters without a space) is quoted by its start and end.
MAX_QUOTED_WORD = 200
LONG_WORD = re.compile(rf"\S{{{MAX_QUOTED_WORD + 1},}}")


def notice(code: str, message: str) -> Diagnostic:
    return Diagnostic("notice", code, readable(message))


def warning(code: str, message: str) -> Diagnostic:
    return Diagnostic("warning", code, readable(message))


def readable(message: str) -> str:
    """``message`` with each word longer than :data:`MAX_QUOTED_WORD`
    shortened to its first and last characters around "…": one line a
    terminal can show."""
    if len(message) <= MAX_QUOTED_WORD:
        return message
    return LONG_WORD.sub(lambda match: f"{match.group()[:100]}…{match.group()[-20:]}", message)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A document and what was noticed while making it: the result of every
    reader and every transform, so that messages travel with the tree instead
    of through a global logger."""

    document: Document
    diagnostics: tuple[Diagnostic, ...] = ()
