"""Export time against input size: does ten times the input take ten times as long?

Run from the project root after ``bash scripts/setup``::

    .venv/bin/python benchmarks/scaling.py            # every case, 3 runs each
    .venv/bin/python benchmarks/scaling.py --runs 1 --quick
    .venv/bin/python benchmarks/scaling.py --runs 1 --only pdf --large-pdf

Each case exports a small and a large input made here (one-line paragraphs of
varied words, numbered, so that no two are alike) with the whole ``exporter``
command as a user runs it, interpreter start included, and prints the median
times and their ratio as a Markdown table for README.md. The target: the time
grows at most 1.2 times as fast as the input (ten times the input in at most
twelve times the time). PDFs are measured at a tenth of the EPUB sizes: a PDF
of 200,000 paragraphs is 8,500 pages, minutes and 6 GB of memory here
(``--large-pdf`` adds 20,000 to 200,000). Beside the wall time, the CPU
time (user and system) of the command: on a machine busy with other work
the wall time says little.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: The ``exporter`` command as a user runs it (see benchmarks/bench.py).
EXPORTER = [str(Path(sys.executable).with_name("exporter"))]
#: The target: time may grow this much faster than the input.
MAX_GROWTH = 1.2

VOCABULARY = (
    "the night train to Vienna leaves Berlin at ten and arrives in the morning after a quiet"
    " journey through snow along rivers past sleeping towns with a dining car and old couchettes"
)
WORDS = VOCABULARY.split()


def paragraph(number: int, rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + f", says report {number}."


def paragraphs(count: int, *, separator: str = "\n\n", heading: str = "") -> str:
    """``count`` one-line paragraphs under a title line (or a Markdown title)."""
    rng = random.Random(count)
    body = separator.join(paragraph(number, rng) for number in range(count))
    return f"{heading}The night trains of Europe\n\n{body}\n"


def text_of_size(size: int) -> str:
    """Plain text of about ``size`` bytes: paragraphs of 40 to 90 words."""
    rng = random.Random(size)
    parts = ["The night trains of Europe"]
    total = 0
    number = 0
    while total < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        part = " ".join(words).capitalize() + f", says report {number}."
        parts.append(part)
        total += len(part) + 2
        number += 1
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Case:
    name: str
    small: tuple[str, str]  # (label, file name)
    large: tuple[str, str]
    fmt: str


def write_inputs(folder: Path, only: str | None, large_pdf: bool) -> list[Case]:
    """The inputs of every case, written into ``folder``."""
    inputs = {
        "p20k.txt": paragraphs(20_000),
        "p200k.txt": paragraphs(200_000),
        "p20k.md": paragraphs(20_000, heading="# "),
        "p200k.md": paragraphs(200_000, heading="# "),
        # Markdown joins lines without a blank one: one paragraph of them all.
        "l20k.md": paragraphs(20_000, separator="\n", heading="# "),
        "l200k.md": paragraphs(200_000, separator="\n", heading="# "),
        "s100k.txt": text_of_size(100_000),
        "s10m.txt": text_of_size(10_000_000),
        "p2k.txt": paragraphs(2_000),
        "p20k-pdf.txt": paragraphs(20_000),
    }
    for name, text in inputs.items():
        (folder / name).write_text(text, encoding="utf-8")
    cases = [
        Case("text, one-line paragraphs", ("20,000", "p20k.txt"), ("200,000", "p200k.txt"), "epub"),
        Case(
            "Markdown, one-line paragraphs", ("20,000", "p20k.md"), ("200,000", "p200k.md"), "epub"
        ),
        Case(
            "Markdown, one paragraph of lines",
            ("20,000", "l20k.md"),
            ("200,000", "l200k.md"),
            "epub",
        ),
        Case("text of a size", ("100 KB", "s100k.txt"), ("10 MB", "s10m.txt"), "epub"),
        Case("text, one-line paragraphs", ("2,000", "p2k.txt"), ("20,000", "p20k-pdf.txt"), "pdf"),
    ]
    if large_pdf:
        cases.append(
            Case(
                "text, one-line paragraphs", ("20,000", "p20k.txt"), ("200,000", "p200k.txt"), "pdf"
            )
        )
    return [case for case in cases if only in (None, case.fmt)]


def timed(path: Path, fmt: str, out: Path, runs: int) -> tuple[float, float, float]:
    """Median wall and CPU time of exporting ``path`` to ``fmt``, and the
    peak memory (MiB) of the largest child so far."""
    times, cpu_times = [], []
    for _ in range(runs):
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [*EXPORTER, "export", str(path), "--format", fmt, "--out", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), statistics.median(cpu_times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per input (median)")
    parser.add_argument("--quick", action="store_true", help="EPUB cases only")
    parser.add_argument("--only", choices=("epub", "pdf"), help="cases of one format")
    parser.add_argument(
        "--large-pdf", action="store_true", help="also the PDF of 20,000 to 200,000 paragraphs"
    )
    args = parser.parse_args()
    only = "epub" if args.quick else args.only
    print(
        "| input | format | small | time (CPU) | large | time (CPU) | input × | time × (CPU ×)"
        " | growth (CPU) |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for case in write_inputs(folder, only, args.large_pdf):
            small_path, large_path = folder / case.small[1], folder / case.large[1]
            small, small_cpu, _ = timed(small_path, case.fmt, folder / "out", args.runs)
            large, large_cpu, peak = timed(large_path, case.fmt, folder / "out", args.runs)
            factor = large_path.stat().st_size / small_path.stat().st_size
            growth = (large / small) / factor
            cpu_growth = (large_cpu / small_cpu) / factor
            verdict = "met" if growth <= MAX_GROWTH else "**not met**"
            print(
                f"| {case.name} | {case.fmt.upper()} | {case.small[0]}"
                f" | {small:.2f} s ({small_cpu:.2f} s) | {case.large[0]}"
                f" | {large:.2f} s ({large_cpu:.2f} s) | {factor:.1f}"
                f" | {large / small:.1f} ({large_cpu / small_cpu:.1f})"
                f" | {growth:.2f} ({cpu_growth:.2f}) ({verdict}) |",
                flush=True,
            )
    print(
        f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"medians of {args.runs} runs; peak memory {peak:.0f} MiB; "
        f"{time.strftime('%Y-%m-%d')}."
    )


if __name__ == "__main__":
    main()
