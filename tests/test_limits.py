"""Every size that can grow has a limit, and past it a clear answer.

The limits are documented in one table of README.md ("### Limits"): each row
names its constant, and the value the README gives is the one in the code.
Past a limit an export either degrades and says so, keeping every word, or
stops at once with one line naming the limit. The limits with a behaviour of
their own are tested beside the code they belong to (tests/readers/,
tests/transforms/, tests/test_cover.py, tests/test_safe_yaml.py); here are
the input's size, the images of a document, and the table itself.
"""

from __future__ import annotations

import importlib
import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from support.guards import guard_reads
from typer.testing import CliRunner

from exporter import api
from exporter.cli import app
from exporter.errors import InputError
from exporter.readers import images
from exporter.readers.images import ImageCollector
from exporter.source import Source

ROOT = Path(__file__).resolve().parent.parent
EXPORTER = str(Path(sys.executable).with_name("exporter"))


def png(colour: tuple[int, int, int], size: tuple[int, int] = (4, 3)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


# --- the input -------------------------------------------------------------------


def test_an_input_over_the_limit_is_refused_unread_in_one_line(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:  # sparse: no disk is filled, and reading it would take long
        file.truncate(api.MAX_INPUT_BYTES + 1)
    started = time.perf_counter()
    result = subprocess.run(
        [EXPORTER, "export", str(huge), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert time.perf_counter() - started < 10
    assert result.returncode == 2
    message = f"{huge}: larger than 50 MB, the most an input may have"
    assert result.stderr == f"exporter: error: {message}\n"
    assert not (tmp_path / "out").exists()


def test_standard_input_and_the_api_keep_the_limit_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_INPUT_BYTES", 1000)
    result = CliRunner().invoke(app, ["export", "-", "--out", "unused"], input=b"word " * 300)
    assert result.exit_code == 2
    assert result.stderr.startswith("exporter: error: stdin: larger than")
    assert result.stderr.endswith("MB, the most an input may have\n")
    with pytest.raises(InputError, match="the most an input may have"):
        api.read(Source(b"word " * 300, "article.txt", None))
    assert api.read(Source(b"A few words.", "article.txt", None)).document.blocks


# --- the images of a document --------------------------------------------------------


def test_images_past_the_count_are_left_out_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images, "MAX_IMAGES", 2)
    for number in range(4):
        (tmp_path / f"{number}.png").write_bytes(png((number * 60, 0, 0)))
    opened = guard_reads(monkeypatch, lambda path: path.name in ("0.png", "1.png"))
    collector = ImageCollector(tmp_path)
    names = [collector.add(f"{number}.png") for number in range(4)]
    assert names[0] and names[1] and names[2:] == [None, None]
    assert collector.add("0.png") == names[0]  # an image already in stays
    assert len(collector.resources) == 2
    assert not any(path.endswith(("2.png", "3.png")) for path in opened)
    (warning,) = collector.diagnostics()
    assert warning.message == (
        "left out 2 images that could not be used: 2.png (past the 2 images a book takes),"
        " 3.png (past the 2 images a book takes)"
    )


def test_images_past_the_bytes_of_a_book_are_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = png((255, 0, 0)), png((0, 255, 0))
    monkeypatch.setattr(images, "MAX_IMAGES_BYTES", len(first) + len(second) - 1)
    (tmp_path / "a.png").write_bytes(first)
    (tmp_path / "b.png").write_bytes(second)
    collector = ImageCollector(tmp_path)
    assert collector.add("a.png") is not None
    assert collector.add("b.png") is None
    assert "b.png (past the 250 MB of images a book takes)" in collector.diagnostics()[0].message


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 100)
    loaded = images.image_from_bytes("big.png", png((0, 0, 255), (11, 10)))
    assert loaded.resource is None
    assert loaded.refusal == images.Refusal("big.png", "invalid", "more than 89 megapixels")
    assert images.image_from_bytes("small.png", png((0, 0, 255), (10, 10))).resource is not None


# --- the table in README.md ------------------------------------------------------------


def limits_table() -> list[list[str]]:
    """The rows of the table under "### Limits" in README.md, as cells."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Limits", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def test_every_limit_in_the_readme_is_the_one_in_the_code() -> None:
    """Each row names its constants (`module.NAME`) and gives their values,
    as written in the row: "50 MB", "100 characters", "1,000 images"."""
    checked = 0
    for row in limits_table():
        text = " ".join(row)
        for module_name, name in re.findall(r"`([a-z_.]+)\.([A-Z_]+)`", text):
            module = importlib.import_module(f"exporter.{module_name}")
            value = getattr(module, name)
            shown = shown_value(value)
            assert shown in text, f"README's Limits row for {name} does not say {shown}: {row}"
            checked += 1
    assert checked >= 15


def shown_value(value: float) -> str:
    """How the README writes a limit: megabytes for byte sizes, thousands with commas."""
    if isinstance(value, float):
        return f"{value:.0%}"
    if value >= 1024 * 1024 and value % (1024 * 1024) == 0:
        return f"{value // (1024 * 1024)} MB"
    return f"{value:,}"
