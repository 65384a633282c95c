"""Work in a helper process gives what it gives in this one: the same bytes,
the same exceptions, the same log messages; and a helper never outlives its use."""

from __future__ import annotations

import io
import logging
import os
import pickle
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.python import python_output

from exporter import anthology, cover_images
from exporter.api import ExportResult, export
from exporter.errors import InputError, RenderError
from exporter.helper_process import (
    HelperProcess,
    cover_process,
    read_message,
    receive,
    write_message,
    writer_process,
)
from exporter.model import Document, Metadata
from exporter.options import Options

ROOT = Path(__file__).resolve().parent.parent


def test_the_pdf_is_byte_identical_to_one_written_here(
    sample_export: ExportResult, sample_pdf: Path
) -> None:
    with writer_process("pdf") as process:
        process.submit(sample_export.document, Options())
        assert process.result() == sample_pdf.read_bytes()


def test_the_cover_is_the_one_drawn_here() -> None:
    with cover_process("news") as process:
        process.submit("Die Welt ist einmal mehr aufgeschreckt", "Catherine H.", "news")
        drawn = process.result()
    assert drawn == cover_images.draw_cover(
        "Die Welt ist einmal mehr aufgeschreckt", "Catherine H.", "news"
    )


def test_the_writers_exception_is_raised_here() -> None:
    broken = Document(Metadata(title="T", language="en"), ("not a block",))  # type: ignore[arg-type]
    with writer_process("pdf") as process:
        process.submit(broken, Options())
        with pytest.raises(RenderError, match="PDF layout failed: not a block") as raised:
            process.result()
    (note,) = raised.value.__notes__
    assert note.startswith("raised in a helper process:\nTraceback")
    assert "render_pdf" in note


def test_its_warnings_reach_this_process_logging(
    sample_export: ExportResult, caplog: pytest.LogCaptureFixture
) -> None:
    options = Options(extra_css="p { frobnicate: 1 }")
    with caplog.at_level(logging.WARNING), writer_process("pdf") as process:
        process.submit(sample_export.document, options)
        process.result()
    messages = [r.getMessage() for r in caplog.records if r.name == "exporter.writers.pdf"]
    assert any("frobnicate" in message for message in messages), messages


def test_a_process_killed_before_its_job_stops_the_work_with_one_error(
    sample_export: ExportResult,
) -> None:
    with writer_process("epub") as process:
        os.kill(process.pid, signal.SIGKILL)
        process.submit(sample_export.document, Options())
        with pytest.raises(RenderError) as raised:
            process.result()
    assert str(raised.value) == (
        "the EPUB writer's helper process was killed by SIGKILL (out of memory?)"
    )


def test_a_process_killed_at_work_stops_the_work_with_one_error() -> None:
    # Doing the work again here would cost the memory the out-of-memory killer
    # just took back, in a process that holds more.
    with HelperProcess(square_slowly_in_a_helper, name="squaring's helper") as process:
        process.submit(12)
        time.sleep(0.2)
        os.kill(process.pid, signal.SIGTERM)
        with pytest.raises(RenderError) as raised:
            process.result()
    assert str(raised.value) == "the squaring's helper process was killed by SIGTERM"


def test_a_killed_process_leaves_no_temporary_file() -> None:
    process = HelperProcess(temporary_file_in_a_helper)
    process.submit(12)
    deadline = time.monotonic() + 30
    while not os.listdir(process.temporary) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert os.listdir(process.temporary)
    os.kill(process.pid, signal.SIGKILL)
    with pytest.raises(RenderError):
        process.result()
    process.close()
    assert not os.path.exists(process.temporary)


def test_an_answer_that_cannot_be_sent_back_has_the_work_done_here() -> None:
    with HelperProcess(unsendable_in_a_helper) as process:
        process.submit(12)
        assert process.result() == 144


TEST_PROCESS = os.getpid()


def square_slowly_in_a_helper() -> Callable[[int], int]:
    """A squaring that takes half a minute in a helper (time to kill it)."""

    def square(number: int) -> int:
        time.sleep(30)
        return number * number

    return square


def temporary_file_in_a_helper() -> Callable[[int], int]:
    """Makes a temporary file, as WeasyPrint does, and waits to be killed."""

    def work(number: int) -> int:
        tempfile.mkstemp()
        time.sleep(30)
        return number

    return work


def unsendable_in_a_helper() -> Callable[[int], object]:
    """In a helper, an answer that cannot be pickled; here, the square."""
    in_helper = os.getpid() != TEST_PROCESS

    def square(number: int) -> object:
        return (lambda: number) if in_helper else number * number

    return square


def test_closing_stops_a_process_that_got_no_work() -> None:
    process = writer_process("pdf")
    process.close()
    with pytest.raises(ProcessLookupError):
        os.kill(process.pid, 0)


def test_a_helper_forked_later_does_not_keep_the_first_waiting() -> None:
    # The later helper holds a copy of the first one's job pipe: the job
    # must be a whole message, not "everything until the pipe closes".
    with cover_process("book") as first, writer_process("epub"):
        first.submit("Titel", "Autorin", "book")
        assert first.result().startswith(b"\x89PNG")


def test_a_helper_ends_when_its_parent_dies_without_closing_it(tmp_path: Path) -> None:
    script = (
        "import os\n"
        "from exporter.helper_process import writer_process\n"
        "print(writer_process('pdf').pid, flush=True)\n"
        "os._exit(0)\n"
    )
    output = python_output(script)
    helper = int(output)
    deadline = time.monotonic() + 20
    while alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(helper)


def alive(pid: int) -> bool:
    """Running, not gone or a zombie waiting for a reaper."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_the_job_is_received_and_prepared_while_the_function_imports(
    sample_export: ExportResult,
) -> None:
    prepared: list[tuple[Document, Options]] = []
    received: list[tuple[object, ...]] = []
    receive(message(sample_export.document, Options()), lambda *job: prepared.append(job), received)
    assert received == [(sample_export.document, Options())]
    assert prepared == [(sample_export.document, Options())]


def test_a_failed_preparation_is_left_for_the_function_to_report(
    sample_export: ExportResult,
) -> None:
    def failing(document: Document, options: Options) -> None:
        raise OSError("cache not writable")

    received: list[tuple[object, ...]] = []
    receive(message(sample_export.document, Options()), failing, received)
    assert len(received) == 1


def test_a_pipe_closed_before_a_whole_message_is_no_job() -> None:
    whole = message("a", "b")
    cut = io.BytesIO(whole.getvalue()[:-3])
    received: list[tuple[object, ...]] = []
    receive(cut, None, received)
    assert received == []
    with pytest.raises(EOFError):
        read_message(io.BytesIO(b""))


def message(*args: object) -> io.BytesIO:
    stream = io.BytesIO()
    write_message(stream, pickle.dumps(args))
    stream.seek(0)
    return stream


def test_a_parallel_export_writes_the_same_files(
    sample_export: ExportResult, sample_path: Path, tmp_path: Path
) -> None:
    result = export(sample_path, out_dir=tmp_path, parallel=True)
    assert [path.name for path in result.outputs] == [p.name for p in sample_export.outputs]
    for ours, reference in zip(result.outputs, sample_export.outputs, strict=True):
        assert ours.read_bytes() == reference.read_bytes(), ours.name


def test_a_parallel_export_with_the_cover_in_the_pdf_writes_the_same_files(
    sample_path: Path, tmp_path: Path
) -> None:
    options = Options(pdf_cover=True)
    here = export(sample_path, out_dir=tmp_path / "here", options=options)
    helped = export(sample_path, out_dir=tmp_path / "helped", options=options, parallel=True)
    for ours, reference in zip(helped.outputs, here.outputs, strict=True):
        assert ours.read_bytes() == reference.read_bytes(), ours.name


def test_a_book_made_with_helpers_is_the_book_made_alone(tmp_path: Path) -> None:
    chapters = [ROOT / "tests" / "fixtures" / "anthology" / name for name in ANTHOLOGY]
    options = Options(formats=("epub",), title="Drei Stimmen")
    alone = anthology.export_book(chapters, out_dir=tmp_path / "alone", options=options)
    helped = anthology.export_book(
        chapters, out_dir=tmp_path / "helped", options=options, parallel=True
    )
    assert helped.outputs[0].read_bytes() == alone.outputs[0].read_bytes()


ANTHOLOGY = ("bergwerk.de.txt", "lighthouse.en.md", "marche.fr.md")


def test_an_epub_export_with_helpers_leaves_pillow_to_the_cover_helper(
    sample_path: Path, tmp_path: Path
) -> None:
    script = (
        "import sys\n"
        "from exporter.api import export\n"
        "from exporter.options import Options\n"
        f"export({str(sample_path)!r}, out_dir={str(tmp_path)!r}, "
        "options=Options(formats=('epub',)), parallel=True)\n"
        "print(sorted(m for m in ('PIL', 'weasyprint') if m in sys.modules))\n"
    )
    output = python_output(script)
    assert output == "[]"
    assert (tmp_path / f"{sample_path.stem}.epub").stat().st_size > 10_000


def test_an_export_that_cannot_fork_is_done_here_and_leaks_no_pipe(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = Options(formats=("epub",))
    here = export(sample_path, out_dir=tmp_path / "here", options=options)

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    open_before = len(os.listdir("/proc/self/fd"))
    alone = export(sample_path, out_dir=tmp_path / "alone", options=options, parallel=True)
    assert len(os.listdir("/proc/self/fd")) == open_before
    assert alone.outputs[0].read_bytes() == here.outputs[0].read_bytes()


def test_a_parallel_export_of_a_missing_input_fails_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        export(tmp_path / "missing.txt", out_dir=tmp_path / "out", parallel=True)
    assert not (tmp_path / "out").exists()


def test_a_writer_that_cannot_be_imported_fails_here_without_a_traceback_there(
    sample_export: ExportResult, capfd: pytest.CaptureFixture[str]
) -> None:
    with writer_process("no-such-format") as process:
        process.submit(sample_export.document, Options())
        with pytest.raises(KeyError, match="no-such-format"):
            process.result()
    assert capfd.readouterr().err == ""
