"""A study, not yet a model in the product: would a small classifier decide
page-break joins better than the text reader's rules?

Run from the project root after ``bash scripts/setup``::

    .venv/bin/python benchmarks/join_model_study.py            # dev, by-site CV
    .venv/bin/python benchmarks/join_model_study.py --held-out # then held-out once

Every development page is pasted in the ``untitled`` shape with many cuts
(``quality_pasted.many_splits``). For each text, the reader's chunks before
joining are taken, and every pair of neighbouring one-line text blocks the
rules would consider (the first ends mid-sentence; neither is a credit, a
dateline or page debris) becomes a sample: features of the pair, and whether
it is the cut (positive) or two blocks of the page (negative; each counted
once per page). A logistic regression (the heading model's trainer,
``train_headings.fit``) is scored by five-fold cross-validation grouped by
site, beside the rules' own decisions on the same pairs. ``--held-out`` trains
on all development pages and scores the held-out part once.

On 2026-12-07 (README.md, Quality) the model beat the rules under
cross-validation on the development part (at 0.8: 1,664 cuts joined of
1,714 and 14 other pairs of 331, against the rules' 1,644 and 11) but not
on the held-out part (695 of 714 and 24 of 230, against 694 and 17): the
rules stay, and a model would need features that carry over first.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quality_data import load_labels, load_pages  # noqa: E402
from quality_pasted import many_splits, normalized  # noqa: E402
from train_headings import fit  # noqa: E402

import exporter.readers.text as text_reader  # noqa: E402
from exporter.readers.headings import WORD, Judge, ends_with_dangling_word  # noqa: E402

FOLDS = 5
PENALTY = 1.0
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def pair_features(first: str, second: str, index: int, judge: Judge, text: str) -> dict[str, float]:
    """What may tell a cut sentence from a paragraph end, for the pair of
    blocks ``index - 1`` and ``index``."""
    opening = WORD.search(second)
    first_word = opening[0] if opening else ""
    words = re.findall(r"\w+", first)
    last_word = words[-1] if words else ""
    return {
        "bias": 1.0,
        "odds of the first": judge.odds(index - 1),
        "odds of the second": judge.odds(index),
        "words of the first": min(len(first.split()), 25) / 10,
        "words of the second": min(len(second.split()), 60) / 30,
        "first is a heading line": float(text_reader.is_heading_line(first)),
        "second starts in lower case": float(text_reader.starts_lower_case(second)),
        "second opens with a number": float(text_reader.opens_with_a_number_in_a_sentence(second)),
        "second opens a sentence": float(judge.opens_a_sentence(index)),
        "second opens with a name": float(
            first_word[:1].isupper() and first_word.lower() not in judge.stats.lower_words
        ),
        "first ends with a dangling word": float(ends_with_dangling_word(first)),
        "first ends in lower case": float(last_word.islower()),
        "first holds a comma": float("," in first),
        "either is debris": float(judge.is_debris(index) or judge.is_debris(index - 1)),
        "splits a phrase": float(text_reader.splits_a_phrase(first, second, text)),
        "first opens a quotation": float(text_reader.has_open_quote(first)),
        "second ends a sentence": float(second.rstrip()[-1:] in ".!?…\"”'’)"),
    }


def samples(part: str) -> list[tuple[str, dict[str, float], int, int]]:
    """(site, features, is the cut, the rules joined it) for every pair."""
    labels = load_labels()
    captured: dict[str, object] = {}
    join = text_reader.join_page_break_splits

    def capture(chunks, vocabulary, rejoined, judge=None, text=""):
        result = join(chunks, vocabulary, rejoined, judge, text)
        captured.update(chunks=list(chunks), judge=judge, text=text, result=result[0])
        return result

    text_reader.join_page_break_splits = capture
    rows = []
    seen: set[tuple[str, str, str]] = set()
    try:
        for page in load_pages():
            if page.part != part:
                continue
            for pasted in many_splits(page, labels[page.key]):
                text_reader.analyse(pasted.text)
                chunks, judge, text = captured["chunks"], captured["judge"], captured["text"]
                joined = {
                    chunk.lines[0]
                    for chunk in captured["result"]
                    if isinstance(chunk, text_reader.TextChunk) and len(chunk.lines) == 1
                }
                for index in range(1, len(chunks)):
                    first, second = chunks[index - 1], chunks[index]
                    if not (
                        isinstance(first, text_reader.TextChunk)
                        and isinstance(second, text_reader.TextChunk)
                        and len(first.lines) == len(second.lines) == 1
                        and text_reader.ends_mid_sentence(first.lines[0])
                        and not text_reader.is_standalone_chunk(first)
                        and not text_reader.is_standalone_chunk(second)
                    ):
                        continue
                    before, after = first.lines[0], second.lines[0]
                    cut = normalized(f"{before} {after}") == normalized(pasted.split)
                    if not cut and (page.key, before, after) in seen:
                        continue
                    seen.add((page.key, before, after))
                    rules = any(line.startswith(before) and after in line for line in joined)
                    features = pair_features(before, after, index, judge, text)
                    rows.append((page.site, features, int(cut), int(rules)))
    finally:
        text_reader.join_page_break_splits = join
    return rows


def counts(decided: np.ndarray, truth: np.ndarray) -> str:
    right = int((decided & (truth == 1)).sum())
    wrong = int((decided & (truth == 0)).sum())
    cuts, others = int(truth.sum()), int((truth == 0).sum())
    return f"cuts joined {right} of {cuts}, other pairs joined {wrong} of {others}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", action="store_true", help="also score the held-out part")
    args = parser.parse_args()

    rows = samples("dev")
    names = list(rows[0][1])
    x = np.array([[row[1][name] for name in names] for row in rows])
    y = np.array([row[2] for row in rows], dtype=float)
    rules = np.array([row[3] for row in rows], dtype=bool)
    sites = sorted({row[0] for row in rows})
    probability = np.zeros(len(rows))
    for fold in range(FOLDS):
        test = np.array([sites.index(row[0]) % FOLDS == fold for row in rows])
        weights = fit(x[~test], y[~test], np.ones(int((~test).sum())), PENALTY)
        probability[test] = 1 / (1 + np.exp(-np.clip(x[test] @ weights, -30, 30)))
    print(f"dev, the rules:           {counts(rules, y)}")
    for threshold in THRESHOLDS:
        print(f"dev, model (cv) at {threshold:.1f}:  {counts(probability >= threshold, y)}")

    weights = fit(x, y, np.ones(len(y)), PENALTY)
    for name, weight in sorted(zip(names, weights, strict=True), key=lambda item: -abs(item[1])):
        print(f"  {weight:+6.2f}  {name}")
    if args.held_out:
        held = samples("held-out")
        hx = np.array([[row[1][name] for name in names] for row in held])
        hy = np.array([row[2] for row in held], dtype=float)
        hrules = np.array([row[3] for row in held], dtype=bool)
        hp = 1 / (1 + np.exp(-np.clip(hx @ weights, -30, 30)))
        print(f"held-out, the rules:      {counts(hrules, hy)}")
        for threshold in THRESHOLDS:
            print(f"held-out, model at {threshold:.1f}:   {counts(hp >= threshold, hy)}")


if __name__ == "__main__":
    main()
