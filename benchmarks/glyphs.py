"""Every script prints: the PDF of every saved page of the public benchmark,
read back for characters drawn as empty boxes (``.notdef``), by language.

Run from the repository root: ``.venv/bin/python benchmarks/glyphs.py [-j N]``.
It prints a Markdown table: per detected language, the pages, how many of
their PDFs hold missing glyphs, and which characters; and the pages that
failed to export. The check is ``exporter check``'s own
(:func:`exporter.check.pdf.missing_glyphs`).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality_data import load_pages
from quality_saved import page_html


@dataclass(frozen=True, slots=True)
class GlyphResult:
    key: str
    language: str = ""
    missing: tuple[str, ...] = ()
    error: str = ""


def check_page(key: str) -> GlyphResult:
    """Export one page to PDF and list the characters it draws as boxes."""
    import pymupdf

    from exporter.api import read, render
    from exporter.check.pdf import missing_glyphs
    from exporter.errors import ExportError
    from exporter.options import Options
    from exporter.source import Source

    options = Options(formats=("pdf",))
    try:
        outcome = read(Source(page_html(key), f"{key}.html"), options)
        data = render(outcome.document, "pdf", options)
    except ExportError as error:
        return GlyphResult(key, error=f"{type(error).__name__}: {error}")
    language = outcome.document.metadata.language
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        found = missing_glyphs(pdf)
    return GlyphResult(key, language, found.characters if found else ())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    arguments = parser.parse_args()
    keys = [page.key for page in load_pages()]
    with ProcessPoolExecutor(max_workers=arguments.jobs) as pool:
        results = list(pool.map(check_page, keys, chunksize=4))
    by_language: dict[str, list[GlyphResult]] = defaultdict(list)
    for result in results:
        if not result.error:
            by_language[result.language.split("-")[0] or "und"].append(result)
    machine = f"{platform.machine()} ({os.cpu_count()} cores, Python {platform.python_version()})"
    print(f"Taken on {date.today().isoformat()} on {machine}, {len(keys)} pages.\n")
    print("| language | pages | PDFs with missing glyphs | characters |")
    print("| --- | ---: | ---: | --- |")
    for language, group in sorted(by_language.items(), key=lambda item: -len(item[1])):
        bad = [result for result in group if result.missing]
        characters = Counter(c for result in bad for c in result.missing)
        shown = " ".join(f"U+{ord(c):04X}" for c, _ in characters.most_common(6))
        print(f"| {language} | {len(group)} | {len(bad)} | {shown or '–'} |")
    total_bad = sum(1 for result in results if result.missing)
    exported = sum(1 for result in results if not result.error)
    print(f"| all | {exported} | {total_bad} | |")
    for result in results:
        if result.error:
            print(f"\nnot exported: {result.key}: {result.error}")


if __name__ == "__main__":
    main()
