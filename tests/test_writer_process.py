"""A writer in a second process gives what it gives in this one: the same
bytes, the same exceptions, the same log messages."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from exporter.api import ExportResult, export
from exporter.errors import InputError, RenderError
from exporter.model import Document, Metadata
from exporter.options import Options
from exporter.writer_process import WriterProcess, receive


def test_the_pdf_is_byte_identical_to_one_written_here(
    sample_export: ExportResult, sample_pdf: Path
) -> None:
    with WriterProcess("pdf") as process:
        process.submit(sample_export.document, Options())
        assert process.result() == sample_pdf.read_bytes()


def test_the_writers_exception_is_raised_here() -> None:
    broken = Document(Metadata(title="T", language="en"), ("not a block",))  # type: ignore[arg-type]
    with WriterProcess("pdf") as process:
        process.submit(broken, Options())
        with pytest.raises(RenderError, match="PDF layout failed: not a block") as raised:
            process.result()
    (note,) = raised.value.__notes__
    assert note.startswith("raised in the pdf writer process:\nTraceback")
    assert "render_pdf" in note


def test_its_warnings_reach_this_process_logging(
    sample_export: ExportResult, caplog: pytest.LogCaptureFixture
) -> None:
    options = Options(extra_css="p { frobnicate: 1 }")
    with caplog.at_level(logging.WARNING), WriterProcess("pdf") as process:
        process.submit(sample_export.document, options)
        process.result()
    messages = [r.getMessage() for r in caplog.records if r.name == "exporter.writers.pdf"]
    assert any("frobnicate" in message for message in messages), messages


def test_a_killed_process_costs_time_not_the_output(
    sample_export: ExportResult, sample_epub: Path
) -> None:
    with WriterProcess("epub") as process:
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        process.submit(sample_export.document, Options())
        assert process.result() == sample_epub.read_bytes()


def test_closing_stops_a_process_that_got_no_work() -> None:
    process = WriterProcess("pdf")
    process.close()
    with pytest.raises(ProcessLookupError):
        os.kill(process.pid or 0, 0)


def test_the_job_is_received_and_prepared_while_the_writer_imports(
    sample_export: ExportResult,
) -> None:
    jobs: multiprocessing.Queue = multiprocessing.Queue()
    jobs.put((sample_export.document, Options()))
    prepared: list[Document] = []
    received: list[tuple[Document, Options]] = []
    receive(jobs, prepared.append, received)
    assert received == [(sample_export.document, Options())]
    assert prepared == [sample_export.document]


def test_a_failed_preparation_is_left_for_the_writer_to_report(
    sample_export: ExportResult,
) -> None:
    def failing(document: Document) -> None:
        raise OSError("cache not writable")

    jobs: multiprocessing.Queue = multiprocessing.Queue()
    jobs.put((sample_export.document, Options()))
    received: list[tuple[Document, Options]] = []
    receive(jobs, failing, received)
    assert len(received) == 1


def test_a_parallel_export_writes_the_same_files(
    sample_export: ExportResult, sample_path: Path, tmp_path: Path
) -> None:
    result = export(sample_path, out_dir=tmp_path, parallel=True)
    assert [path.name for path in result.outputs] == [p.name for p in sample_export.outputs]
    for ours, reference in zip(result.outputs, sample_export.outputs, strict=True):
        assert ours.read_bytes() == reference.read_bytes(), ours.name


def test_a_parallel_export_of_a_missing_input_fails_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        export(tmp_path / "missing.txt", out_dir=tmp_path / "out", parallel=True)
    assert not (tmp_path / "out").exists()


def test_a_writer_that_cannot_be_imported_fails_here_without_a_traceback_there(
    sample_export: ExportResult, capfd: pytest.CaptureFixture[str]
) -> None:
    with WriterProcess("no-such-format") as process:
        process.submit(sample_export.document, Options())
        with pytest.raises(KeyError, match="no-such-format"):
            process.result()
    assert capfd.readouterr().err == ""
