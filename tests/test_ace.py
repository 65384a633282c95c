"""DAISY Ace on what we make: 0 violations of any impact.

The sample in each theme, the Japanese and the Arabic test articles (a
right-to-left book), the saved pages of the HTML end-to-end tests (figures,
notes, tables), the Markdown article (notes, tables, definition lists) and a
book of three chapters in three languages with its contents page: each
exported once as an EPUB and checked by one Ace run (one browser). Skipped
where Ace is not installed, except in CI (see ``support.ace``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.ace import require_ace, run_ace_many
from typer.testing import CliRunner

import exporter
from exporter.api import ExportResult
from exporter.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "nordkorea-kursk.de.txt"

#: name -> (input, theme); the sample in the book theme comes from the
#: session's own export of it (``sample_epub``).
ARTICLES: dict[str, tuple[Path, str]] = {
    "sample-news": (SAMPLE, "news"),
    "sample-large-print": (SAMPLE, "large-print"),
    "ja": (FIXTURES / "scripts" / "ja.txt", "book"),
    "ar": (FIXTURES / "scripts" / "ar.txt", "book"),
    "html-de": (FIXTURES / "html" / "schlei-faehre.de.html", "book"),
    "html-en": (FIXTURES / "html" / "night-trains.en.html", "book"),
    "html-notes": (FIXTURES / "html" / "salt-marsh.notes.en.html", "book"),
    "html-seals": (FIXTURES / "html" / "harbour-seals.en.html", "book"),
    "markdown": (FIXTURES / "markdown" / "article.md", "book"),
}
BOOKS = ["sample-book", *ARTICLES, "anthology"]


def epub_of(result: ExportResult) -> Path:
    (epub,) = (path for path in result.outputs if path.suffix == ".epub")
    return epub


@pytest.fixture(scope="module")
def books(sample_epub: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_ace()  # before the exports, which are of no use without it
    out = tmp_path_factory.mktemp("ace")
    found = {"sample-book": sample_epub}
    for name, (source, theme) in ARTICLES.items():
        options = exporter.Options(theme=theme, formats=("epub",))
        found[name] = epub_of(exporter.export(source, out_dir=out / name, options=options))
    folder = out / "anthology"
    book_toml = FIXTURES / "anthology" / "book.toml"
    result = CliRunner().invoke(
        app, ["book", str(book_toml), "--format", "epub", "--out", str(folder)]
    )
    assert result.exit_code == 0, result.output
    (found["anthology"],) = folder.glob("*.epub")
    return found


@pytest.fixture(scope="module")
def violations(books: dict[str, Path]) -> dict[str, list[str]]:
    reports = run_ace_many(books.values())
    return {name: reports[path] for name, path in books.items()}


@pytest.mark.parametrize("name", BOOKS)
def test_ace_finds_no_violation(violations: dict[str, list[str]], name: str) -> None:
    assert violations[name] == []
