"""The benchmark's data: the public corpus, our labels, and the split.

The split puts every page of one site on the same side, chosen by a hash of
the site's name, so that a rule fitted to a site's markup on the
development side cannot score on the held-out side.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "article-extraction-benchmark"
LABELS = DATA / "labels.json"

#: One site in this many is held out of all tuning and training.
HELD_OUT_ONE_IN = 3

PARTS = ("dev", "held-out")


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    url: str
    body: str

    @property
    def site(self) -> str:
        return urlsplit(self.url).hostname.removeprefix("www.")

    @property
    def part(self) -> str:
        digest = hashlib.sha256(self.site.encode()).digest()
        return "held-out" if digest[0] % HELD_OUT_ONE_IN == 0 else "dev"


@dataclass(frozen=True, slots=True)
class Label:
    """What a person reading the page sees: ``None`` where the page shows none."""

    title: str | None
    authors: tuple[str, ...] | None
    agency: str | None
    language: str
    date: str | None


def load_pages() -> list[Page]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(key, item["url"], item["articleBody"]) for key, item in sorted(truth.items())]


def load_labels() -> dict[str, Label]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    return {
        key: Label(
            title=item["title"],
            authors=tuple(item["authors"]) if item["authors"] is not None else None,
            agency=item.get("agency"),
            language=item["language"],
            date=item["date"],
        )
        for key, item in data["pages"].items()
    }
