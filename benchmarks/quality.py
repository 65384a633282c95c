"""Quality of the structure exporter recovers from real articles.

Run from the project root after ``bash scripts/setup``::

    .venv/bin/python benchmarks/quality.py              # everything, both parts
    .venv/bin/python benchmarks/quality.py --only saved --worst 20
    .venv/bin/python benchmarks/quality.py --json out.json

Two benchmarks on the 181 real pages of the public article-extraction
benchmark (``benchmarks/data/``, MIT licence), each reported for the
development part and the held-out part (one site in three, by a hash of its
name: see ``quality_data.py``), whose gap is the over-fitting:

- **Saved pages** (``quality_saved.py``): every page exported to EPUB, its
  body text read back as a reader sees it and scored with the benchmark's own
  ``evaluate.py`` beside the published leaderboard and trafilatura alone;
  crashes counted; titles and authors against our labels (``data/labels.json``).
- **Pasted text** (``quality_pasted.py``): each page's article body pasted in
  seven shapes, scored on headings, paragraphs, page-break joins, debris, title
  and authors (``quality_scoring.py``); and the untitled shape again with
  many more cuts, for page-break joins on a larger sample.

Prints Markdown tables, ready for README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quality_data import CORPUS, PARTS, Label, Page, load_labels, load_pages  # noqa: E402

sys.path.insert(0, str(CORPUS))
import evaluate  # noqa: E402  (the benchmark's own scorer, as published)

#: The benchmark's published results (its README, same pages, same scorer).
PUBLISHED = (
    ("AutoExtract (commercial, Nov 2019)", 0.970, 0.984, 0.956),
    ("rs_trafilatura", 0.970, 0.951, 0.990),
    ("go_trafilatura", 0.960, 0.940, 0.980),
    ("trafilatura 2.0.0", 0.958, 0.938, 0.978),
    ("Diffbot (commercial)", 0.951, 0.958, 0.944),
    ("newspaper4k", 0.949, 0.964, 0.934),
    ("Readability.js 0.6.0", 0.947, 0.914, 0.982),
    ("goose3", 0.896, 0.940, 0.856),
)

#: The shape whose missed headings are sorted by reason (wrapping and debris
#: change the lines around a heading, not why it is missed).
MISSES_SHAPE = "titled"


# --- workers (run in child processes) ----------------------------------------------


def saved_worker(key: str) -> dict:
    from quality_saved import export_page

    return asdict(export_page(key))


def unnamed_worker(key: str) -> dict:
    from quality_saved import export_page, trafilatura_page, without_class_names

    ours = asdict(export_page(key, without_class_names))
    return {**ours, "trafilatura": trafilatura_page(key, without_class_names).text}


def trafilatura_worker(key: str) -> dict:
    from quality_saved import trafilatura_page

    return asdict(trafilatura_page(key))


def less_metadata_worker(key: str) -> dict:
    from quality_saved import less_metadata_page

    return {"key": key, "variants": less_metadata_page(key)}


def pasted_worker(job: tuple[Page, Label]) -> list[dict]:
    from quality_pasted import make_shapes
    from quality_scoring import Counts, heading_misses, score

    from exporter.api import read
    from exporter.errors import ExportError
    from exporter.source import Source

    page, label = job
    results = []
    for pasted in make_shapes(page, label):
        started = time.perf_counter()
        try:
            document = read(Source(pasted.text.encode(), f"{page.key}.txt")).document
        except ExportError as error:
            counts = Counts(pages=1, failures=[f"error: {error}"])
        else:
            counts = score(pasted, document)
        seconds = time.perf_counter() - started
        misses = heading_misses(pasted) if pasted.shape == MISSES_SHAPE else {}
        results.append(
            {
                "key": page.key,
                "shape": pasted.shape,
                "seconds": seconds,
                "counts": asdict(counts),
                "heading misses": dict(misses),
            }
        )
    return results


def summed_scores(key: str, texts) -> dict:
    """One page's pasted texts read and scored, their counts summed."""
    from quality_scoring import Counts, score

    from exporter.api import read
    from exporter.source import Source

    total = Counts()
    for pasted in texts:
        total.add(score(pasted, read(Source(pasted.text.encode(), f"{key}.txt")).document))
    return {"key": key, "counts": asdict(total)}


def many_splits_worker(job: tuple[Page, Label]) -> dict:
    from quality_pasted import many_splits

    page, label = job
    return summed_scores(page.key, many_splits(page, label))


def more_cuts_worker(job: tuple[Page, Label, int]) -> dict:
    from quality_pasted import many_splits

    page, label, seeds = job
    texts = (
        pasted
        for seed in range(1, seeds + 1)
        for pasted in many_splits(page, label, seed=f"many splits {seed}")
    )
    return summed_scores(page.key, texts)


def more_debris_worker(job: tuple[Page, Label, int]) -> dict:
    from quality_pasted import make_shapes, with_debris

    page, label, seeds = job
    units = list(make_shapes(page, label)[0].units)
    texts = (with_debris(page, label, units, seed) for seed in range(1, seeds + 1))
    return summed_scores(page.key, texts)


# --- saved pages ------------------------------------------------------------------


def page_metrics(pages: list[Page], texts: dict[str, str]) -> dict[str, float]:
    scores = [evaluate.string_shingle_matching(page.body, texts[page.key]) for page in pages]
    return evaluate.metrics_from_tp_fp_fns(scores)


def names_match(found: list[str], wanted: tuple[str, ...]) -> bool:
    from quality_pasted import normalized

    return sorted(normalized(n) for n in found) == sorted(normalized(n) for n in wanted)


def saved_report(pages, labels, results, baseline, worst: int) -> list[str]:

    texts = {key: result["text"] for key, result in results.items()}
    lines = [
        "### Saved pages",
        "",
        "| extractor | part | pages | F1 | precision | recall |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, f1, precision, recall in PUBLISHED:
        lines.append(
            f"| {name} (published) | all | 181 | {f1:.3f} | {precision:.3f} | {recall:.3f} |"
        )
    for part in (*PARTS, "all"):
        chosen = [p for p in pages if part == "all" or p.part == part]
        if not chosen:
            continue
        m = page_metrics(chosen, texts)
        lines.append(
            f"| **exporter** (EPUB body text) | {part} | {len(chosen)} | **{m['f1']:.3f}** |"
            f" {m['precision']:.3f} | {m['recall']:.3f} |"
        )
    if baseline:
        import trafilatura

        version = getattr(trafilatura, "__version__", "?")
        for part in (*PARTS, "all"):
            chosen = [p for p in pages if part == "all" or p.part == part]
            if not chosen:
                continue
            m = page_metrics(chosen, {k: r["text"] for k, r in baseline.items()})
            lines.append(
                f"| trafilatura {version} alone (installed) | {part} | {len(chosen)} |"
                f" {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} |"
            )
    crashes = [r for r in results.values() if r["error"].startswith("crash")]
    refused = [r for r in results.values() if r["error"] and not r["error"].startswith("crash")]
    lines += ["", "| part | crashes | refused | titles | authors | dates | time per page |"]
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for part in (*PARTS, "all"):
        chosen = [p for p in pages if part == "all" or p.part == part]
        if not chosen:
            continue
        dated = [p for p in chosen if labels[p.key].date]
        titles, authors = title_and_author_scores(
            chosen, labels, lambda key: (results[key]["title"], results[key]["authors"])
        )
        dates = sum(results[p.key]["date"] == labels[p.key].date for p in dated)
        seconds = [results[p.key]["seconds"] for p in chosen if not results[p.key]["error"]]
        lines.append(
            f"| {part} | {sum(r['key'] in {p.key for p in chosen} for r in crashes)} |"
            f" {sum(r['key'] in {p.key for p in chosen} for r in refused)} |"
            f" {titles} | {authors} | {percent(dates, len(dated))} |"
            f" {statistics.mean(seconds) * 1000:.0f} ms |"
        )
    if baseline:
        lines += [
            "",
            LOST_HEAD,
            "",
            "| part | lines | words | pages |",
            "| --- | ---: | ---: | ---: |",
        ]
        for part in (*PARTS, "all"):
            chosen = [p for p in pages if part == "all" or p.part == part]
            lost = {
                p.key: lost_lines(p.body, texts[p.key], baseline[p.key]["text"]) for p in chosen
            }
            lines.append(
                f"| {part} | {sum(map(len, lost.values()))} |"
                f" {sum(len(line.split()) for found in lost.values() for line in found)} |"
                f" {sum(1 for found in lost.values() if found)} |"
            )
    ranked = sorted(
        pages,
        key=lambda p: f1_of(evaluate.string_shingle_matching(p.body, texts[p.key])),
    )
    lines += ["", f"The {worst} worst pages:", "", "| F1 | P | R | part | page |"]
    lines.append("| ---: | ---: | ---: | --- | --- |")
    for page in ranked[:worst]:
        tp_fp_fn = evaluate.string_shingle_matching(page.body, texts[page.key])
        note = f" ({results[page.key]['error']})" if results[page.key]["error"] else ""
        lines.append(
            f"| {f1_of(tp_fp_fn):.2f} | {evaluate.precision_score(*tp_fp_fn):.2f} |"
            f" {evaluate.recall_score(*tp_fp_fn):.2f} | {page.part} | {page.url}{note} |"
        )
    for result in crashes:
        lines.append(f"\ncrash: {result['key']}: {result['error']}")
    return lines


LOST_HEAD = (
    "Lines of the article (the benchmark's truth) that trafilatura alone keeps and the book"
    " drops, most of their word 4-grams in its text and not in ours:"
)


def lost_lines(truth: str, ours: str, theirs: str) -> list[str]:
    """The lines of ``truth`` of four words or more that ``theirs`` (trafilatura
    alone) holds and ``ours`` lacks, each for most of its word 4-grams: what
    our rules on top of trafilatura lose of the article."""
    ours_grams, their_grams = set(evaluate._ngrams(ours, 4)), set(evaluate._ngrams(theirs, 4))
    lost = []
    for line in truth.split("\n"):
        grams = evaluate._ngrams(line, 4)
        missing = [gram for gram in grams if gram in their_grams and gram not in ours_grams]
        if grams and len(missing) > len(grams) / 2:
            lost.append(line)
    return lost


def f1_of(tp_fp_fn: tuple[float, float, float]) -> float:
    precision = evaluate.precision_score(*tp_fp_fn)
    recall = evaluate.recall_score(*tp_fp_fn)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def percent(right: int, total: int) -> str:
    return f"{100 * right / total:.0f} % ({right}/{total})" if total else "–"


def ratio(right: int, total: int) -> str:
    return f"{right / total:.3f}" if total else "–"


def title_and_author_scores(chosen, labels, found) -> tuple[str, str]:
    """Titles and authors right among the ``chosen`` pages that have them
    labelled, as percentages; ``found(key)`` gives a page's (title, authors)."""
    from quality_pasted import normalized

    titled = [p for p in chosen if labels[p.key].title]
    authored = [p for p in chosen if labels[p.key].authors]
    titles = sum(normalized(found(p.key)[0]) == normalized(labels[p.key].title) for p in titled)
    authors = sum(names_match(list(found(p.key)[1]), labels[p.key].authors) for p in authored)
    return percent(titles, len(titled)), percent(authors, len(authored))


def names_where_none(chosen, labels, found) -> str:
    """How many of the ``chosen`` pages labelled without an author (a page
    that shows none) got names all the same: authors invented."""
    authorless = [p for p in chosen if not labels[p.key].authors]
    named = sum(bool(found(p.key)[1]) for p in authorless)
    return f"{named} of {len(authorless)}"


def less_metadata_report(pages, labels, rows: dict[str, dict], full: dict[str, dict]) -> list[str]:
    """Titles and authors found with all of each page's metadata (``full``,
    the saved pages' results) and with parts of it removed (``rows``)."""

    names = list(next(iter(rows.values()))["variants"]) if rows else []
    lines = [
        "",
        "With less metadata (the same pages read again without their JSON-LD, without the"
        " `<meta>` naming title, authors or site, without both, and also without the class"
        " names, `itemprop` and links to author pages that mark bylines; the last column counts"
        " the pages that show no author where names were found all the same):",
        "",
        "| metadata | part | titles | authors | names where none |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    variants = {
        "all of it": lambda key: (full[key]["title"], tuple(full[key]["authors"])),
        **{name: lambda key, name=name: tuple(rows[key]["variants"][name]) for name in names},
    }
    for name, found in variants.items():
        for part in (*PARTS, "all"):
            chosen = [p for p in pages if part == "all" or p.part == part]
            if not chosen:
                continue
            titles, authors = title_and_author_scores(chosen, labels, found)
            invented = names_where_none(chosen, labels, found)
            lines.append(f"| {name} | {part} | {titles} | {authors} | {invented} |")
    return lines


def unnamed_report(pages, results: dict[str, dict]) -> list[str]:
    """The text scores of the pages read without class and id names."""
    lines = [
        "",
        "Without class names (the same pages with every `class` and `id` attribute removed,"
        " as sites whose names their CSS tools generate give none to go on):",
        "",
        "| extractor | part | pages | F1 | precision | recall |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    extractors = (("**exporter** (EPUB body text)", "text"), ("trafilatura alone", "trafilatura"))
    for name, field in extractors:
        for part in (*PARTS, "all"):
            chosen = [p for p in pages if part == "all" or p.part == part]
            if not chosen:
                continue
            m = page_metrics(chosen, {key: r[field] for key, r in results.items()})
            lines.append(
                f"| {name} | {part} | {len(chosen)} | {m['f1']:.3f} | {m['precision']:.3f}"
                f" | {m['recall']:.3f} |"
            )
    crashes = sum(r["error"].startswith("crash") for r in results.values())
    return [*lines, "", f"Crashes without class names: {crashes}."]


# --- pasted text ------------------------------------------------------------------


def pasted_report(pages, rows: list[dict], show_failures: int) -> list[str]:
    from quality_pasted import SHAPES
    from quality_scoring import Counts

    part_of = {page.key: page.part for page in pages}
    lines = [
        "### Pasted text",
        "",
        "| shape | part | heading P | heading R | shown P / R | paragraph F1 | page-break joins |"
        " false joins | debris joined / as heading | title | author | time |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for shape in SHAPES:
        for part in (*PARTS, "all"):
            chosen = [
                r
                for r in rows
                if r["shape"] == shape and (part == "all" or part_of[r["key"]] == part)
            ]
            if not chosen:
                continue
            total = Counts()
            for row in chosen:
                total.add(Counts(**row["counts"]))
            precision = total.units_right / total.units_found if total.units_found else 0.0
            recall = total.units_right / total.units_true if total.units_true else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            seconds = statistics.mean(r["seconds"] for r in chosen)
            debris = (
                f"{total.debris_joined} / {total.debris_headings}" if shape == "debris" else "–"
            )
            lines.append(
                f"| {shape} | {part} | {ratio(total.headings_right, total.headings_found)} |"
                f" {ratio(total.headings_right, total.headings_true)} |"
                f" {ratio(total.shown_right, total.headings_found)} /"
                f" {ratio(total.shown_right, total.shown_true)} | {f1:.3f} |"
                f" {percent(total.splits_joined, total.splits)} |"
                f" {total.false_joins} of {total.boundaries} | {debris} |"
                f" {percent(total.titles_right, total.titles)} |"
                f" {percent(total.authors_right, total.authors)} | {seconds * 1000:.0f} ms |"
            )
    if show_failures:
        lines += ["", "Some failures (development part):", ""]
        shown = 0
        for row in rows:
            if part_of[row["key"]] != "dev":
                continue
            for failure in row["counts"]["failures"]:
                lines.append(f"- {row['shape']} {row['key'][:8]}: {failure}")
                shown += 1
            if shown >= show_failures:
                break
    return lines


def heading_misses_report(pages, rows: list[dict]) -> list[str]:
    """Why the headings the pages mark are missed in the titled shape
    (:data:`~quality_scoring.MISS_REASONS`), and how many headings were made
    of lines the page does not mark (and of those, how many it does not show
    as headings either), counted per part, with the number of pages they
    come from: where the held-out part's headings go, and whether a site or
    two or many, without showing a line of it."""
    from quality_scoring import MISS_REASONS

    part_of = {page.key: page.part for page in pages}
    lines = [
        f"Why headings the page marks are missed (`{MISSES_SHAPE}` shape):",
        "",
        "| part | headings | found | " + " | ".join(MISS_REASONS) + " | not marked | nor shown |",
        "| --- | ---: | ---: |" + " ---: |" * (len(MISS_REASONS) + 2),
    ]
    for part in (*PARTS, "all"):
        chosen = [
            row
            for row in rows
            if row["shape"] == MISSES_SHAPE and (part == "all" or part_of[row["key"]] == part)
        ]
        if not chosen:
            continue
        true = sum(row["counts"]["headings_true"] for row in chosen)
        per_row = [
            [row["heading misses"].get(r, 0) for r in MISS_REASONS]
            + [
                row["counts"]["headings_found"] - row["counts"]["headings_right"],
                row["counts"]["headings_found"] - row["counts"]["shown_right"],
            ]
            for row in chosen
        ]
        misses = [sum(column) for column in zip(*per_row, strict=True)]
        spread = [sum(map(bool, column)) for column in zip(*per_row, strict=True)]
        cells = " | ".join(
            f"{count} ({pages} p.)" if count else "0"
            for count, pages in zip(misses, spread, strict=True)
        )
        found = true - sum(misses[: len(MISS_REASONS)])
        lines.append(f"| {part} | {true} | {found} | {cells} |")
    return lines


def counts_by_part(pages, rows: list[dict]):
    """(part, summed counts) for each part and all pages, where any were scored."""
    from quality_scoring import Counts

    part_of = {page.key: page.part for page in pages}
    for part in (*PARTS, "all"):
        total = Counts()
        for row in rows:
            if part == "all" or part_of[row["key"]] == part:
                total.add(Counts(**row["counts"]))
        if total.pages:
            yield part, total


def parts_table(pages, rows: list[dict], caption: str, columns: dict) -> list[str]:
    """A table of summed counts per part: ``columns`` maps each heading
    after "part" and "texts" to the cell it takes from the sum."""
    lines = [
        caption,
        "",
        "| part | texts | " + " | ".join(columns) + " |",
        "| --- | ---: |" + " ---: |" * len(columns),
    ]
    for part, total in counts_by_part(pages, rows):
        cells = " | ".join(str(cell(total)) for cell in columns.values())
        lines.append(f"| {part} | {total.pages} | {cells} |")
    return lines


def many_splits_report(pages, rows: list[dict], seeds: int = 0) -> list[str]:
    caption = (
        "Page-break joins over many cuts (the `untitled` shape again with up to eight"
        " paragraphs of each page cut, at two points each):"
        if not seeds
        else f"Page-break joins over many cuts with {seeds} more seeds (the same, cut at"
        " other points):"
    )
    return parts_table(
        pages,
        rows,
        caption,
        {
            "page-break joins": lambda total: percent(total.splits_joined, total.splits),
            "false joins": lambda total: f"{total.false_joins} of {total.boundaries}",
        },
    )


def more_debris_report(pages, rows: list[dict], seeds: int) -> list[str]:
    return parts_table(
        pages,
        rows,
        f"Debris with {seeds} more seeds (the `debris` shape again, other debris in other places):",
        {
            "debris items": lambda total: total.debris_items,
            "debris joined": lambda total: total.debris_joined,
            "debris as heading": lambda total: total.debris_headings,
            "false joins": lambda total: f"{total.false_joins} of {total.boundaries}",
        },
    )


# --- main -------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("saved", "pasted"), help="run one benchmark")
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worst", type=int, default=10, help="list this many worst pages")
    parser.add_argument("--failures", type=int, default=0, help="list pasted-text failures")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura alone")
    parser.add_argument("--json", type=Path, help="also write every result here")
    parser.add_argument(
        "--no-less-metadata",
        action="store_true",
        help="skip reading pages again without metadata and without class names",
    )
    parser.add_argument(
        "--no-many-splits", action="store_true", help="skip page-break joins over many cuts"
    )
    parser.add_argument(
        "--cut-seeds",
        type=int,
        default=0,
        help="also score the many cuts with this many more seeds (~30 s each)",
    )
    parser.add_argument(
        "--debris-seeds",
        type=int,
        default=0,
        help="also score the debris shape with this many more seeds (~15 s each)",
    )
    args = parser.parse_args()

    pages = [p for p in load_pages() if args.part == "all" or p.part == args.part]
    labels = load_labels()
    keys = [page.key for page in pages]
    out: dict[str, object] = {}
    lines = [
        f"Taken on {datetime.date.today().isoformat()} on {platform.machine()}"
        f" ({os.cpu_count()} cores, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}), {len(pages)} pages.",
        "",
    ]
    with ProcessPoolExecutor(args.jobs) as pool:
        if args.only in (None, "saved"):
            results = {r["key"]: r for r in pool.map(saved_worker, keys, chunksize=2)}
            baseline = {}
            if not args.no_trafilatura:
                baseline = {r["key"]: r for r in pool.map(trafilatura_worker, keys, chunksize=4)}
            lines += saved_report(pages, labels, results, baseline, args.worst)
            out["saved"] = results
            if not args.no_less_metadata:
                less = {r["key"]: r for r in pool.map(less_metadata_worker, keys, chunksize=2)}
                lines += less_metadata_report(pages, labels, less, results)
                unnamed = {r["key"]: r for r in pool.map(unnamed_worker, keys, chunksize=2)}
                lines += unnamed_report(pages, unnamed)
                out["saved without class names"] = unnamed
        if args.only in (None, "pasted"):
            jobs = [(page, labels[page.key]) for page in pages]
            rows = [row for rows in pool.map(pasted_worker, jobs, chunksize=2) for row in rows]
            lines += ["", *pasted_report(pages, rows, args.failures)]
            lines += ["", *heading_misses_report(pages, rows)]
            out["pasted"] = rows
            if not args.no_many_splits:
                many = list(pool.map(many_splits_worker, jobs, chunksize=2))
                lines += ["", *many_splits_report(pages, many)]
                out["pasted, many splits"] = many
            if args.cut_seeds:
                seeded = [(page, label, args.cut_seeds) for page, label in jobs]
                cut = list(pool.map(more_cuts_worker, seeded, chunksize=2))
                lines += ["", *many_splits_report(pages, cut, args.cut_seeds)]
                out["pasted, more cuts"] = cut
            if args.debris_seeds:
                seeded = [(page, label, args.debris_seeds) for page, label in jobs]
                more = list(pool.map(more_debris_worker, seeded, chunksize=2))
                lines += ["", *more_debris_report(pages, more, args.debris_seeds)]
                out["pasted, more debris"] = more
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
