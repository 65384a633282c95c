"""Many articles at once: a local pool, a Dask cluster, and one bad input."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

import exporter
from exporter.batch import collect_inputs, export_many
from exporter.cli import app

ARTICLE = """{title}

The first paragraph of article {n} tells the reader what happened on the day in question.

A Section Heading

The second paragraph of article {n} goes on with details, figures and a quotation or two.

By Writer Number{n}
"""


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for n, title in enumerate(("Alpha Report", "Beta Story", "Gamma Notes"), start=1):
        (folder / f"article-{n}.txt").write_text(ARTICLE.format(title=title, n=n))
    nested = folder / "more"
    nested.mkdir()
    (nested / "article-4.txt").write_text(ARTICLE.format(title="Delta Piece", n=4))
    (nested / "ignored.json").write_text("{}")
    return folder


def test_folders_are_searched_recursively_for_known_endings(articles: Path) -> None:
    names = [p.relative_to(articles).as_posix() for p in collect_inputs([articles])]
    assert names == ["article-1.txt", "article-2.txt", "article-3.txt", "more/article-4.txt"]


def test_local_pool_and_dask_cluster_give_identical_bytes(articles: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    options = exporter.Options(formats=("epub", "pdf"))
    local = export_many([articles], out_dir=tmp_path / "local", options=options, jobs=2)
    assert all(item.ok for item in local), [item.error for item in local]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = export_many(
            [articles], out_dir=tmp_path / "dask", options=options, executor=client.get_executor()
        )
    assert [item.input for item in remote] == [item.input for item in local]
    local_files = sorted((tmp_path / "local").iterdir())
    assert [p.name for p in local_files] == sorted(p.name for p in (tmp_path / "dask").iterdir())
    assert len(local_files) == 8
    for path in local_files:
        assert path.read_bytes() == (tmp_path / "dask" / path.name).read_bytes(), path.name


def test_any_executor_works_and_results_keep_input_order(articles: Path, tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        items = export_many(
            [articles],
            out_dir=tmp_path,
            options=exporter.Options(formats=("epub",)),
            executor=pool,
        )
    assert [Path(item.input).name for item in items] == [
        "article-1.txt",
        "article-2.txt",
        "article-3.txt",
        "article-4.txt",
    ]
    assert all(item.ok and item.outputs[0].suffix == ".epub" for item in items)


def test_one_bad_input_does_not_stop_the_others(articles: Path, tmp_path: Path) -> None:
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "broken.txt").write_bytes(b"\x00\x9f\x92\x96PK\x03\x04" * 64)
    (bad / "empty.txt").write_text("")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "export",
            str(articles / "article-1.txt"),
            str(bad),
            "--format",
            "epub",
            "-j",
            "2",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["article-1.epub"]
    assert "broken.txt" in result.stderr
    assert "empty.txt" in result.stderr
    assert "1 exported, 2 failed" in result.stderr


def test_the_summary_names_every_file_whole_in_a_narrow_terminal(tmp_path: Path) -> None:
    from rich.console import Console

    from exporter.cli import summary_table

    article = tmp_path / "a-rather-long-article-name-from-the-archive-1.txt"
    article.write_text(ARTICLE.format(title="Alpha Report", n=1))
    items = export_many(
        [article], out_dir=tmp_path / "out", options=exporter.Options(formats=("epub",)), jobs=1
    )
    console = Console(width=60, record=True, file=io.StringIO())
    console.print(summary_table(items))
    text = console.export_text()
    rows = [line.split("│")[1:3] for line in text.splitlines() if line.startswith("│")]
    inputs, outputs = (
        "".join(cell.strip() for cell in column) for column in zip(*rows, strict=True)
    )
    assert "…" not in text
    assert inputs.endswith("a-rather-long-article-name-from-the-archive-1.txt")
    assert outputs == "a-rather-long-article-name-from-the-archive-1.epub"


def test_two_inputs_with_one_output_name_are_refused_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.txt").write_text(ARTICLE.format(title="Same", n=folder))
    items = export_many(
        [tmp_path / "a", tmp_path / "b"],
        out_dir=tmp_path / "out",
        options=exporter.Options(formats=("epub",)),
        jobs=1,
    )
    assert items[0].ok
    assert not items[1].ok
    assert "would overwrite" in items[1].error
