"""Shared libraries found by name from the linker cache, without a compiler.

WeasyPrint opens GLib, Pango, HarfBuzz and Fontconfig by trying several names
for each, the Windows and macOS spellings first. cffi hands every name it
cannot open to :func:`ctypes.util.find_library`, which on Linux reads the
linker cache and, when the name is not there, runs gcc and ld in
subprocesses to look again. WeasyPrint's import misses sixteen times, and
those subprocesses took about 0.3 s of every PDF export: a fifth of the whole
command.

:func:`import_resolving_from_linker_cache` answers those look-ups from one
reading of the linker cache (``ldconfig -p``, as ctypes reads it first), so a
miss costs nothing. Should an import fail that way (a library only gcc's
search path holds), it is imported again with ctypes' full search: the
shortcut can cost a retry, never a library.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from types import ModuleType

#: ldconfig's ABI tag for this interpreter's word size, as ctypes matches it.
ABI_TAGS = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}

#: One entry of ``ldconfig -p``: "\tlibz.so.1 (libc6,x86-64) => /lib/…/libz.so.1".
CACHE_ENTRY = re.compile(r"^\s+(?P<file>lib\S+)\s+\((?P<abi>[^)]*)\)", re.MULTILINE)


def import_resolving_from_linker_cache(module: str) -> ModuleType:
    """Import ``module``, its library look-ups answered from the linker cache
    on Linux; on failure, import it again with ctypes' own search."""
    if not sys.platform.startswith("linux"):
        return importlib.import_module(module)
    finder = cache_finder(linker_cache())
    try:
        # A failed attempt prints WeasyPrint's installation advice: only the
        # full search below may speak.
        with resolving_with(finder), contextlib.redirect_stdout(io.StringIO()):
            return importlib.import_module(module)
    except OSError:
        return importlib.import_module(module)


def linker_cache() -> str:
    """The text of ``ldconfig -p``, or "" where there is no such cache (musl)."""
    try:
        return subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        ).stdout.decode("utf-8", "surrogateescape")
    except OSError:
        return ""


def abi_tag() -> str:
    word = "64" if sys.maxsize > 2**32 else "32"
    return ABI_TAGS.get(f"{os.uname().machine}-{word}", "libc6")


def cache_finder(cache: str, abi: str | None = None) -> Callable[[str], str | None]:
    """A ``find_library`` answering as ctypes' linker-cache step does: the
    first file of this ABI named ``lib<name>.…``, or None."""
    abi = abi or abi_tag()
    names = tuple(
        entry["file"] for entry in CACHE_ENTRY.finditer(cache) if entry["abi"].startswith(abi)
    )

    def find_library(name: str) -> str | None:
        prefix = f"lib{name}."
        return next((file for file in names if file.startswith(prefix)), None)

    return find_library


@contextlib.contextmanager
def resolving_with(finder: Callable[[str], str | None]) -> Iterator[None]:
    """``ctypes.util.find_library`` is ``finder`` while the block runs: cffi
    calls it through the module, so this is the one place to answer it."""
    original = ctypes.util.find_library
    ctypes.util.find_library = finder
    try:
        yield
    finally:
        ctypes.util.find_library = original
