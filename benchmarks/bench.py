"""Speed and memory of exporter, against pandoc on the same inputs.

Run from the project root after ``bash scripts/setup``::

    .venv/bin/python benchmarks/bench.py            # all cases, 5 runs each
    .venv/bin/python benchmarks/bench.py --runs 3 --quick

Prints one table (medians of the runs) as Markdown, ready for README.md. Every
exporter figure is a whole command (interpreter start included), as a user
runs it, except the WeasyPrint overhead case, which compares our PDF writer
with WeasyPrint alone on our final HTML, in one process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
#: The ``exporter`` command as a user runs it: the script pip installed next to
#: the interpreter (``python -m exporter.cli`` would add runpy's import).
EXPORTER = [str(Path(sys.executable).with_name("exporter"))]
#: pandoc's --pdf-engine=weasyprint runs the ``weasyprint`` command: ours, from the venv.
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of ``command`` and the peak RSS (MiB) of its children."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
        )
        times.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_together(cases: dict[str, list[list[str]]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each case (commands run one after the
    other), the cases taking turns run by run: on a shared machine whose speed
    drifts, both sides of a comparison then see the same drift."""
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, commands in cases.items():
            cpu, started = children_cpu(), time.perf_counter()
            for command in commands:
                subprocess.run(
                    command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    env=ENV,
                )  # fmt: skip
            walls[name].append(time.perf_counter() - started)
            cpus[name].append(children_cpu() - cpu)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in cases}


def import_report(command: list[str]) -> str:
    """Total import time of ``command`` by ``python -X importtime``, and
    whether it loaded the libraries an EPUB export must not need."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        check=True, capture_output=True, text=True, env=ENV,
    )  # fmt: skip
    modules = {}
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            _, cumulative, name = line.removeprefix("import time:").split("|")
            if not name.startswith("  "):
                modules[name.strip()] = int(cumulative)
    total = sum(modules.values()) / 1e6
    loaded = [name for name in ("weasyprint", "numpy", "py3langid") if name in modules]
    return f"imports {total:.2f} s; " + (
        f"loads {', '.join(loaded)}" if loaded else "no WeasyPrint, numpy or py3langid"
    )


def timed_call(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def book_text(pages: int) -> str:
    """The sample's text repeated into chapters: about 2.3 A4 pages a copy."""
    body = SAMPLE.read_text(encoding="utf-8").strip().removesuffix("Autor: Catherine H.")
    copies = max(1, round(pages / 2.3))
    chapters = [f"Kapitel {n}\n\n{body.strip()}" for n in range(1, copies + 1)]
    return "Ein langes Buch\n\n" + "\n\n".join(chapters) + "\n\nAutor: Catherine H.\n"


def pandoc_available() -> bool:
    return shutil.which("pandoc") is not None


def row(case: str, ours: float, theirs: float | None, note: str = "") -> str:
    other = f"{theirs:.2f} s" if theirs is not None else "n/a"
    ratio = f"{ours / theirs:.2f}×" if theirs else ""
    return f"| {case} | {ours:.2f} s | {other} | {ratio} | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 300-page and batch cases")
    args = parser.parse_args()
    runs = args.runs
    work = Path(tempfile.mkdtemp(prefix="exporter-bench-"))
    have_pandoc = pandoc_available()
    rows = [
        "| case | exporter | pandoc | ratio | note |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    # Bytecode as an installed package has it (an editable install has
    # none, and PYTHONDONTWRITEBYTECODE may forbid writing it), then one export
    # to warm our cache, so that no run pays for the first font instancing.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "exporter")], check=True)
    subprocess.run([*EXPORTER, "export", str(SAMPLE), "-f", "epub", "-o", str(work)], check=True)

    ours_epub = [*EXPORTER, "export", str(SAMPLE), "-f", "epub", "-o", str(work)]
    ours_both = [*EXPORTER, "export", str(SAMPLE), "-o", str(work)]
    cases = {"epub": [ours_epub], "both": [ours_both]}
    if have_pandoc:
        pandoc_epub = ["pandoc", str(SAMPLE), "-o", str(work / "p.epub")]
        pandoc_pdf = [
            "pandoc", str(SAMPLE), "-o", str(work / "p.pdf"), "--pdf-engine=weasyprint",
        ]  # fmt: skip
        cases |= {"pandoc epub": [pandoc_epub], "pandoc both": [pandoc_epub, pandoc_pdf]}
    measured = timed_together(cases, runs)
    theirs = {
        name: measured[f"pandoc {name}"][0] if have_pandoc else None for name in ("epub", "both")
    }
    epub_wall = measured["epub"][0]
    both_wall, both_cpu = measured["both"]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows.append(
        row(
            "sample → EPUB",
            epub_wall,
            theirs["epub"],
            f"target < 0.3 s; {import_report(ours_epub)}",
        )
    )
    pandoc_cpu = f", pandoc {measured['pandoc both'][1]:.2f} s" if have_pandoc else ""
    rows.append(
        row(
            "sample → EPUB + PDF",
            both_wall,
            theirs["both"],
            f"target ≤ pandoc; CPU {both_cpu:.2f} s{pandoc_cpu} (the PDF is laid out in a "
            f"second process); peak {peak:.0f} MiB",
        )
    )

    if not args.quick:
        rows.extend(book_rows(work, runs))
        rows.extend(batch_rows(work, max(1, runs // 2)))

    print(f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
          f"medians of {runs} runs\n")  # fmt: skip
    print("\n".join(rows))


def page_count(data: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as document:
        return document.page_count


def weasyprint_alone(document: object) -> Callable[[], bytes]:
    """WeasyPrint on our final HTML and CSS, with nothing of ours around it:
    the floor our PDF writer's own overhead is measured against."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from exporter import fonts
    from exporter.options import Options
    from exporter.writers import pdf

    markup = pdf.html_document(document)
    css = pdf.print_stylesheet(fonts.static_faces(), Options())

    def run() -> bytes:
        config = FontConfiguration()
        sheet = CSS(string=css, base_url=pdf.DOCUMENT_BASE_URL, font_config=config)
        page = HTML(string=markup, base_url=pdf.DOCUMENT_BASE_URL)
        return page.write_pdf(
            stylesheets=[sheet], font_config=config, pdf_tags=True, pdf_variant="pdf/ua-1"
        )

    return run


def book_rows(work: Path, runs: int) -> list[str]:
    """Long documents: linear cost, and our overhead over WeasyPrint alone."""
    from exporter import api

    rows = []
    per_page = []
    for pages in (10, 30, 100, 300):
        source = work / f"book-{pages}.txt"
        source.write_text(book_text(pages), encoding="utf-8")
        document = api.read(source).document
        epub_seconds = timed_call(lambda d=document: api.render(d, "epub"), runs)
        pdf_runs = max(1, runs // (3 if pages >= 100 else 1))
        pdf_seconds = timed_call(lambda d=document: api.render(d, "pdf"), pdf_runs)
        count = page_count(api.render(document, "pdf"))
        per_page.append(pdf_seconds / count)
        note = f"{count} pages, {1000 * pdf_seconds / count:.0f} ms/page; EPUB {epub_seconds:.2f} s"
        if pages == 300:
            bare = timed_call(weasyprint_alone(document), pdf_runs)
            note += f"; WeasyPrint alone {bare:.2f} s ({pdf_seconds / bare:.2f}×, target ≤ 1.1×)"
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            note += f"; peak {peak:.0f} MiB"
        rows.append(row(f"book of ~{pages} pages → PDF", pdf_seconds, None, note))
    flat = max(per_page) / min(per_page)
    rows.append(f"| time per page, max/min over 10–300 pages | {flat:.2f} | | | 1.00 = linear |")
    return rows


def batch_rows(work: Path, runs: int) -> list[str]:
    """100 articles: one process pool on all cores against one at a time."""
    folder = work / "batch"
    folder.mkdir(exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for n in range(100):
        (folder / f"article-{n:03}.txt").write_text(text, encoding="utf-8")
    out = work / "batch-out"
    base = [*EXPORTER, "export", str(folder), "-o", str(out), "-f", "epub,pdf"]
    parallel, _ = timed([*base, "-j", str(os.cpu_count() or 1)], runs)
    serial, _ = timed([*base, "-j", "1"], runs)
    single, _ = timed([*EXPORTER, "export", str(SAMPLE), "-o", str(out)], runs)
    return [
        row("100 articles, -j 1", serial, None, f"{serial / 100:.2f} s an article"),
        row(
            f"100 articles, -j {os.cpu_count()}",
            parallel,
            None,
            f"{serial / parallel:.2f}× faster than -j 1 (target ≥ 1.7×); "
            f"{parallel / 100:.2f} s an article against {single:.2f} s a process",
        ),
    ]


if __name__ == "__main__":
    main()
