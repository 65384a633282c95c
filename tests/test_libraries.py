"""Library look-ups from the linker cache: the same answers as ctypes, fast misses."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from exporter import libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux linker cache")

#: The names under which WeasyPrint finds its libraries on Linux.
WEASYPRINT_NAMES = ("gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0")

CACHE = """\
4 libs found in cache `/etc/ld.so.cache'
\tlibpango-1.0.so.0 (libc6) => /usr/lib/i386-linux-gnu/libpango-1.0.so.0
\tlibpango-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpango-1.0.so.0
\tlibpangoft2-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpangoft2-1.0.so.0
\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0
"""


@pytest.mark.parametrize("name", WEASYPRINT_NAMES)
def test_finds_what_ctypes_finds(name: str) -> None:
    finder = libraries.cache_finder(libraries.linker_cache())
    assert finder(name) == ctypes.util.find_library(name) is not None


@pytest.mark.parametrize("name", ["libgobject-2.0-0", "gobject-2.0-0", "harfbuzz-vector"])
def test_a_name_not_in_the_cache_is_a_quick_miss(name: str) -> None:
    assert libraries.cache_finder(libraries.linker_cache())(name) is None


def test_only_this_abi_and_only_the_exact_stem() -> None:
    finder = libraries.cache_finder(CACHE, abi="libc6,x86-64")
    assert finder("pango-1.0") == "libpango-1.0.so.0"
    assert finder("harfbuzz") == "libharfbuzz.so.0"
    # "pango" is not "pangoft2": the name ends at a dot.
    assert finder("pango") is None
    assert libraries.cache_finder(CACHE, abi="libc6,AArch64")("harfbuzz") is None


def test_find_library_is_restored_after_the_block_even_on_error() -> None:
    original = ctypes.util.find_library
    with pytest.raises(RuntimeError), libraries.resolving_with(lambda name: None):
        assert ctypes.util.find_library("c") is None
        raise RuntimeError
    assert ctypes.util.find_library is original


def test_an_import_the_cache_cannot_serve_is_retried_with_the_full_search(
    tmp_path, monkeypatch, capsys
) -> None:
    # Without a linker cache (as on musl) every look-up misses; cffi then
    # fails to open libc by its short name, and only ctypes' search finds it.
    (tmp_path / "opens_libc.py").write_text(
        "import cffi\nprint('opening libc')\nLIBC = cffi.FFI().dlopen('c')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(libraries, "linker_cache", lambda: "")
    module = libraries.import_resolving_from_linker_cache("opens_libc")
    assert module.LIBC is not None
    # The failed attempt said nothing; the one that counted did.
    assert capsys.readouterr().out == "opening libc\n"
    assert ctypes.util.find_library("c") is not None
    sys.modules.pop("opens_libc", None)


def test_the_pdf_writer_leaves_ctypes_as_it_was() -> None:
    from exporter.writers import pdf  # noqa: F401

    assert ctypes.util.find_library.__module__ == "ctypes.util"
