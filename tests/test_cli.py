"""The command line as a user drives it: one-line errors, exit codes, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exporter import __version__, model
from exporter.api import write_atomically
from exporter.cli import app, outline_lines
from exporter.errors import OutputError

runner = CliRunner()

ENGLISH = """Title of the Piece

By Jane Doe

The lead paragraph says what happened, and it is long enough to be body text.

A Heading

Then the body goes on for a while, in plain sentences that end with periods.
"""


def invoke(*args: str, stdin: str | bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def assert_one_line_error(result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("exporter: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"exporter {__version__}"


@pytest.mark.parametrize("command", ["export", "book", "inspect", "check"])
def test_command_help_shows_defaults_without_escapes(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "\\[" not in result.stdout
    if command == "export":
        assert "[default: epub,pdf]" in " ".join(result.stdout.split())


def test_help_shows_examples() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "exporter export article.txt" in result.stdout


@pytest.mark.parametrize(
    ("setup", "args", "code", "fragment"),
    [
        (None, ("export", "missing.txt"), 2, "no such file"),
        ("", ("export", "{path}"), 2, "empty"),
        ("   \n\n", ("export", "{path}"), 2, "empty"),
        (b"\x00\x01\x02\xff\xfe\x00PK\x03\x04" * 50, ("export", "{path}"), 2, ""),
        (ENGLISH, ("export", "{path}", "--from", "docx"), 2, "unknown input format"),
        (ENGLISH, ("export", "{path}", "--paper", "a3"), 2, "paper"),
        (ENGLISH, ("export", "{path}", "--format", "mobi"), 2, "format"),
        (ENGLISH, ("export", "{path}", "--lang", "not a tag!"), 2, "language"),
        (None, ("inspect", "."), 2, "folder"),
    ],
    ids=["missing", "empty", "blank", "binary", "from", "paper", "format", "lang", "folder"],
)
def test_bad_input_gets_one_line_and_a_nonzero_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setup, args, code, fragment
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "input.txt"
    if isinstance(setup, str):
        path.write_text(setup, encoding="utf-8")
    elif isinstance(setup, bytes):
        path.write_bytes(setup)
    result = invoke(*(arg.format(path=path) for arg in args))
    assert_one_line_error(result, code, fragment)
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["input.txt"] if setup is not None else []
    )


def test_export_epub_only_into_a_folder(tmp_path: Path) -> None:
    source = tmp_path / "piece.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    result = invoke("export", str(source), "--format", "epub", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["piece.epub"]
    assert f"wrote {tmp_path / 'out' / 'piece.epub'}" in result.stdout


def test_inspect_outlines_metadata_and_blocks(tmp_path: Path) -> None:
    source = tmp_path / "piece.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    result = invoke("inspect", str(source))
    assert result.exit_code == 0, result.output
    assert "title:      Title of the Piece" in result.stdout
    assert "authors:    Jane Doe" in result.stdout
    assert "language:   en" in result.stdout
    assert "## A Heading" in result.stdout
    assert "¶ The lead paragraph says what happened" in result.stdout


def test_inspect_json_is_the_model(tmp_path: Path) -> None:
    source = tmp_path / "piece.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    result = invoke("inspect", str(source), "--json", "--title", "Given", "--author", "A. B.")
    assert result.exit_code == 0, result.output
    document = model.from_json(result.stdout)
    assert document.metadata.title == "Given"
    assert document.metadata.authors == ("A. B.",)
    assert json.loads(result.stdout)["type"] == "Document"


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    result = invoke("inspect", "-", stdin=ENGLISH.encode())
    assert result.exit_code == 0, result.output
    assert "Title of the Piece" in result.stdout


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_atomically(blocker / "out.epub", b"data")
    target = tmp_path / "out.epub"
    (tmp_path / "out.epub").mkdir()  # a folder where the file should go
    with pytest.raises(OutputError):
        write_atomically(target, b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder", "out.epub"]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.md", b"just words", "markdown"),
        ("a.HTM", b"just words", "html"),
        ("a.txt", b"# Heading\n\n[link](x) and **strong**", "text"),
        ("stdin", b"<!-- saved -->\n<!DOCTYPE html><html><p>x</p></html>", "html"),
        ("stdin", b"---\ntitle: T\n---\n\nBody.", "markdown"),
        ("stdin", b"# Heading\n\nA [link](x) and **strong** words.", "markdown"),
        ("a.unknown", b"Plain words.\n\nMore plain words.", "text"),
    ],
)
def test_input_format_from_the_name_else_the_content(name: str, data: bytes, expected: str) -> None:
    from exporter.readers import detect_format
    from exporter.source import Source

    assert detect_format(Source(data, name)) == expected


def test_inspect_outline_shows_a_definition_list_and_its_terms() -> None:
    item = model.DefinitionItem(
        (model.Text("Pegel"),), ((model.Paragraph((model.Text("Messgerät"),)),),)
    )
    blocks = (model.BlockQuote((model.DefinitionList((item, item)),)),)
    assert list(outline_lines(blocks)) == [
        "> quote",
        "  : definition list of 2 terms",
        "    Pegel",
        "    Pegel",
    ]
