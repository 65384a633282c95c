"""An input as the readers see it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    """An input as bytes. ``base_dir`` is the only folder whose files the
    document may embed (images); ``None`` (stdin) allows none."""

    data: bytes
    name: str
    base_dir: Path | None = None
    #: The file's modification time (seconds since 1970), if it is a file.
    modified: float | None = None
