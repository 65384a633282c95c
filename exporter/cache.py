"""Files we derive once per machine and keep: static font instances, the
language model in a quick-to-load form.

Deriving them takes seconds; reading them back, milliseconds. Everything here
is a pure function of the installed packages, so a file's name carries the
versions it was made from, and a stale file is simply never asked for again.
``EXPORTER_CACHE_DIR`` moves the cache (default: ``$XDG_CACHE_HOME/exporter``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from exporter.errors import OutputError


def cache_dir(kind: str) -> Path:
    base = os.environ.get("EXPORTER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "exporter"
    )
    return Path(base) / kind


def cached_file(kind: str, name: str, make: Callable[[], bytes]) -> Path:
    """The cache file ``kind/name``, made with ``make()`` if it is missing.

    It is written to a temporary file and renamed, so that concurrent exports
    (a batch) never read a half-written file.
    """
    target = cache_dir(kind) / name
    if target.exists():
        return target
    data = make()
    temp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException as error:
        if temp is not None:  # a full disk or Ctrl-C leaves no half-written file
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if not isinstance(error, OSError):
            raise
        raise OutputError(
            f"cannot write the cache in {target.parent} ({error.strerror}); "
            "set EXPORTER_CACHE_DIR to a writable folder"
        ) from None
    return target
