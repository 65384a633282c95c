"""Faults while writing: a full disk, an output folder removed mid-export, a
killed helper, Ctrl-C. The export fails with one of our errors (one line from
the CLI), and no partial or temporary file stays behind, in the output folder
or in the temporary folder: every output is written whole, or none is."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

import exporter
from exporter import api
from exporter.api import ExportResult
from exporter.batch import export_many
from exporter.cli import app
from exporter.errors import OutputError, RenderError
from exporter.helper_process import helpers_available

ROOT = Path(__file__).resolve().parent.parent
EXPORTER = Path(sys.executable).parent / "exporter"

ARTICLE = """{title}

The first paragraph of article {n} tells the reader what happened on the day in question.

A Section Heading

The second paragraph of article {n} goes on with details, figures and a quotation or two.

By Writer Number{n}
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "inputs" / "piece.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE.format(title="Alpha Report", n=1), encoding="utf-8")
    return path


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of this test (and of the processes it forks or
    starts): it must be empty once an export has failed."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


#: Not ours: PyMuPDF (which counts a batch's pages) keeps a session id in the
#: temporary folder, made once and read by every later run.
PYMUPDF_SESSION = ".ses"


def leftovers(*folders: Path) -> list[str]:
    """Everything in ``folders``, hidden files and folders included."""
    return sorted(
        str(path)
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.name != PYMUPDF_SESSION
    )


def assert_one_line_error(result, code: int, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("exporter: "), lines
    assert fragment in lines[0], lines
    assert "Traceback" not in result.output


# --- a full disk ------------------------------------------------------------------


def fill_disk_at(monkeypatch: pytest.MonkeyPatch, name: str, nth: int) -> None:
    """From the ``nth`` byte written to a file whose name contains ``name``
    on, writes fail as on a full disk (after a short write, as the kernel's)."""
    real_write = os.write
    written: dict[int, int] = {}

    def write(fd: int, data: bytes) -> int:
        if name not in os.readlink(f"/proc/self/fd/{fd}"):
            return real_write(fd, data)
        room = nth - written.get(fd, 0)
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = real_write(fd, bytes(data[:room]))
        written[fd] = written.get(fd, 0) + count
        return count

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("fmt", ["epub", "pdf"])
def test_a_disk_full_in_either_output_leaves_neither(
    fmt: str, article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    fill_disk_at(monkeypatch, f"piece.{fmt}", 1000)
    with pytest.raises(OutputError, match="No space left on device"):
        exporter.export(article, out_dir=out)
    assert leftovers(out, temporary) == []
    assert not out.exists()  # made by the export, and removed again


def test_the_cli_says_the_disk_is_full_in_one_line(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fill_disk_at(monkeypatch, "piece.pdf", 4096)
    result = CliRunner().invoke(app, ["export", str(article), "--out", str(out)])
    assert_one_line_error(result, 3, "piece.pdf: cannot write (No space left on device)")
    assert leftovers(out, temporary) == []
    assert out.is_dir()  # the user's folder stays


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """A real file system of a given size (a tmpfs): mounting one needs root,
    as on CI; elsewhere the test is skipped."""
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        folder = tmp_path / f"disk-{len(mounted)}"
        folder.mkdir()
        command = ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)]
        try:
            done = subprocess.run(command, capture_output=True, check=False)
        except FileNotFoundError:
            pytest.skip("no mount command")
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


def room_for_the_epub_only(sample_export: ExportResult) -> int:
    """A size that holds the sample's EPUB but not its PDF besides."""
    epub, pdf = (path.stat().st_size for path in sample_export.outputs)
    page = os.sysconf("SC_PAGE_SIZE")
    assert pdf > 2 * page
    return (epub // page + 2) * page


def test_a_really_full_disk_leaves_no_file(
    sample_export: ExportResult,
    sample_path: Path,
    small_disk: Callable[[int], Path],
    temporary: Path,
) -> None:
    disk = small_disk(room_for_the_epub_only(sample_export))
    with pytest.raises(OutputError, match="No space left on device"):
        exporter.export(sample_path, out_dir=disk)
    assert leftovers(disk, temporary) == []


def test_the_cli_on_a_really_full_disk(
    sample_export: ExportResult,
    sample_path: Path,
    small_disk: Callable[[int], Path],
    tmp_path: Path,
) -> None:
    disk = small_disk(room_for_the_epub_only(sample_export))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = subprocess.run(
        [str(EXPORTER), "export", str(sample_path), "--out", str(disk)],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("exporter: error: ")
    assert "No space left on device" in line
    assert leftovers(disk, temporary) == []


# --- the output folder removed ----------------------------------------------------


def test_the_output_folder_removed_while_the_pdf_renders(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exporter.writers import pdf

    out = tmp_path / "out"
    real_write = pdf.write

    def write_then_remove_the_folder(*args: object) -> bytes:
        data = real_write(*args)  # type: ignore[arg-type]
        shutil.rmtree(out)
        return data

    monkeypatch.setattr(pdf, "write", write_then_remove_the_folder)
    with pytest.raises(OutputError, match="the output folder disappeared"):
        exporter.export(article, out_dir=out)
    assert not out.exists()  # not made again
    assert leftovers(temporary) == []


def remove_after_first_output(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The first output renamed into ``folder``, the folder is removed."""
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        real_replace(source, target)
        if Path(target).parent == folder:
            shutil.rmtree(folder)

    monkeypatch.setattr(os, "replace", replace)


def test_the_output_folder_removed_between_the_epub_and_the_pdf(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    remove_after_first_output(monkeypatch, out)
    with pytest.raises(OutputError, match="the output folder disappeared"):
        exporter.export(article, out_dir=out)
    assert not out.exists()  # a PDF alone is not written into a new folder
    assert leftovers(temporary) == []


# --- Ctrl-C -----------------------------------------------------------------------


def raise_at_replace(monkeypatch: pytest.MonkeyPatch, name: str, error: BaseException) -> None:
    """Renaming the output ``name`` into place raises ``error``."""
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        if Path(target).name == name:
            raise error
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)


def interrupt_at_replace(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Ctrl-C as the output ``name`` is renamed into place."""
    raise_at_replace(monkeypatch, name, KeyboardInterrupt())


def test_ctrl_c_between_the_epub_and_the_pdf_leaves_neither(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    interrupt_at_replace(monkeypatch, "piece.pdf")
    with pytest.raises(KeyboardInterrupt):
        exporter.export(article, out_dir=out)
    assert leftovers(out, temporary) == []


def test_ctrl_c_while_writing_leaves_nothing_and_the_cli_says_interrupted(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    interrupt_at_replace(monkeypatch, "piece.epub")
    result = CliRunner().invoke(app, ["export", str(article), "--out", str(out)])
    assert_one_line_error(result, 130, "exporter: interrupted")
    assert leftovers(out, temporary) == []


# --- a killed helper ------------------------------------------------------------------

needs_helpers = pytest.mark.skipif(
    not helpers_available(), reason="helper processes need Linux and two cores"
)


def kill_the_pdf_helper_mid_layout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The PDF's helper, once WeasyPrint has copied a face into its temporary
    folder, tells its pid and waits; a thread of this process then kills it
    with SIGKILL, as the out-of-memory killer would."""
    from weasyprint.text.fonts import FontConfiguration

    here = os.getpid()
    marker = tmp_path / "helper-at-work"
    real_add = FontConfiguration.add_font_face

    def add_font_face(self: FontConfiguration, *args: object) -> object:
        added = real_add(self, *args)
        if os.getpid() != here:
            marker.write_text(str(os.getpid()))
            time.sleep(120)
        return added

    monkeypatch.setattr(FontConfiguration, "add_font_face", add_font_face)

    def kill() -> None:
        deadline = time.monotonic() + 120
        while not marker.exists() or not marker.read_text():
            if time.monotonic() > deadline:
                return
            time.sleep(0.02)
        os.kill(int(marker.read_text()), signal.SIGKILL)

    threading.Thread(target=kill, daemon=True).start()


@needs_helpers
def test_a_killed_pdf_helper_stops_the_export_and_leaves_nothing(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    kill_the_pdf_helper_mid_layout(monkeypatch, tmp_path)
    with pytest.raises(RenderError, match="the PDF writer's helper process was killed by SIGKILL"):
        exporter.export(article, out_dir=out, parallel=True)
    assert leftovers(out, temporary) == []  # WeasyPrint's copies of the faces too
    assert not out.exists()


@needs_helpers
def test_the_cli_says_the_pdf_helper_was_killed_in_one_line(
    article: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    kill_the_pdf_helper_mid_layout(monkeypatch, tmp_path)
    result = CliRunner().invoke(app, ["export", str(article), "--out", str(out)])
    assert_one_line_error(result, 4, "the PDF writer's helper process was killed by SIGKILL")
    assert leftovers(out, temporary) == []


# --- many inputs ----------------------------------------------------------------------


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n, title in enumerate(("Alpha Report", "Beta Story", "Gamma Notes"), start=1):
        (folder / f"article-{n}.txt").write_text(ARTICLE.format(title=title, n=n))
    return folder


def fail_at_replace(monkeypatch: pytest.MonkeyPatch, name: str, error: int) -> None:
    """Renaming the output ``name`` into place fails with ``error``."""
    raise_at_replace(monkeypatch, name, OSError(error, os.strerror(error)))


def test_a_batch_writes_every_other_input_whole_and_nothing_of_the_failed_one(
    articles: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    fail_at_replace(monkeypatch, "article-2.pdf", errno.ENOSPC)
    with ThreadPoolExecutor(2) as pool:
        items = export_many([articles], out_dir=out, executor=pool)
    assert [item.ok for item in items] == [True, False, True]
    assert "article-2.pdf: cannot write (No space left on device)" in items[1].error
    assert items[1].outputs == ()
    names = ["article-1.epub", "article-1.pdf", "article-3.epub", "article-3.pdf"]
    assert sorted(path.name for path in out.iterdir()) == names
    assert leftovers(temporary) == []


def test_a_batch_from_the_cli_with_two_workers_leaves_no_partial_input(
    articles: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    fail_at_replace(monkeypatch, "article-3.pdf", errno.ENOSPC)
    result = CliRunner().invoke(app, ["export", f"{articles}/", "-j", "2", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "2 exported, 1 failed" in result.stderr
    names = ["article-1.epub", "article-1.pdf", "article-2.epub", "article-2.pdf"]
    assert sorted(path.name for path in out.iterdir()) == names
    assert leftovers(temporary) == []


def test_a_batch_whose_output_folder_is_removed_writes_nothing_more(
    articles: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    remove_after_first_output(monkeypatch, out)
    with ThreadPoolExecutor(1) as pool:
        items = export_many(
            [articles], out_dir=out, options=exporter.Options(formats=("epub",)), executor=pool
        )
    assert sum(item.ok for item in items) == 1
    assert all("the output folder disappeared" in item.error for item in items if not item.ok)
    assert not out.exists()
    assert leftovers(temporary) == []


def test_a_killed_batch_worker_fails_its_inputs_and_leaves_nothing(
    articles: Path, tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    kill_the_pdf_helper_mid_layout(monkeypatch, tmp_path)  # a pool's worker here
    items = export_many([articles], out_dir=out, jobs=1)
    assert not any(item.ok for item in items)
    assert all("terminated abruptly" in item.error for item in items), [i.error for i in items]
    assert not out.exists()
    assert leftovers(temporary) == []


def test_write_files_leaves_an_existing_folder_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.epub"
    assert api.write_files({target: b"whole"}) == (target,)
    assert target.read_bytes() == b"whole"
    assert oct(target.stat().st_mode & 0o777) == "0o644"


@pytest.mark.parametrize(
    "fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()]
)
def test_a_cache_file_that_cannot_be_written_leaves_no_temporary_file(
    fault: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exporter import cache

    monkeypatch.setenv("EXPORTER_CACHE_DIR", str(tmp_path / "cache"))

    def replace(source: str, target: str) -> None:
        raise fault

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError if isinstance(fault, OSError) else KeyboardInterrupt):
        cache.cached_file("faces", "face.ttf", lambda: b"data" * 1000)
    assert leftovers(tmp_path / "cache") == [str(tmp_path / "cache" / "faces")]
