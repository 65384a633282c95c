"""What a reader or transform tells the user besides the document itself."""

from __future__ import annotations

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


def notice(code: str, message: str) -> Diagnostic:
    return Diagnostic("notice", code, message)


def warning(code: str, message: str) -> Diagnostic:
    return Diagnostic("warning", code, message)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A document and what was noticed while making it: the result of every
    reader and every transform, so that messages travel with the tree instead
    of through a global logger."""

    document: Document
    diagnostics: tuple[Diagnostic, ...] = ()
