"""Many articles at once, on any ``concurrent.futures.Executor``.

The engine maps one pure function, :func:`run_job`, over the inputs: a job
carries its input's bytes and the options, and its result carries the outputs'
bytes and a report. Nothing in between touches a shared disk, so the same jobs
run in threads, in a local process pool, or on a Dask cluster; only the client
writes files (each input's every output whole, or none, as
:func:`exporter.api.export` does).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from exporter.api import load_source, make_folder, read, remove_empty_folders, render, write_files
from exporter.diagnostics import Diagnostic
from exporter.errors import ExportError, InputError
from exporter.options import Options
from exporter.readers import EXTENSIONS
from exporter.source import Source
from exporter.timestamps import source_date_epoch


@dataclass(frozen=True, slots=True)
class Job:
    """One input to export: its bytes, its name and the folder it came from."""

    source: Source
    options: Options


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a worker sends back: the outputs' bytes, or the error that stopped it."""

    name: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str = ""
    seconds: float = 0.0
    pages: int = 0


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One row of the summary: an input, the files written, and how it went."""

    input: str
    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    error: str
    seconds: float
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


def run_job(job: Job) -> JobResult:
    """Read, transform and render one input. It never raises, so that one
    broken article (or one bug it triggers) cannot stop a batch."""
    started = time.perf_counter()
    try:
        outcome = read(job.source, job.options)
        outputs = {fmt: render(outcome.document, fmt, job.options) for fmt in job.options.formats}
    except ExportError as error:
        return JobResult(job.source.name, error=str(error), seconds=time.perf_counter() - started)
    except Exception as error:  # a bug of ours must not stop the other articles either
        message = f"internal error: {type(error).__name__}: {error}"
        return JobResult(job.source.name, error=message, seconds=time.perf_counter() - started)
    return JobResult(
        job.source.name,
        outputs,
        outcome.diagnostics,
        seconds=time.perf_counter() - started,
        pages=pdf_page_count(outputs["pdf"]) if "pdf" in outputs else 0,
    )


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF, for the summary table (WeasyPrint compresses its page
    objects, so they cannot be counted in the bytes)."""
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as document:
        return document.page_count


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and folders searched recursively for known input
    endings, in a stable (sorted) order."""
    found: list[Path] = []
    for entry in map(Path, paths):
        if entry.is_dir():
            found.extend(
                sorted(
                    p for p in entry.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS
                )
            )
        else:
            found.append(entry)
    return found


def warm_up(temporary: str | None = None) -> None:
    """Import the heavy libraries once per worker process, not once per job.
    The worker's temporary files go to ``temporary`` (removed with the pool,
    also what a killed worker left there)."""
    if temporary is not None:
        tempfile.tempdir = temporary
        os.environ["TMPDIR"] = temporary
    from exporter import fonts
    from exporter.writers import pdf  # noqa: F401  (WeasyPrint, by our quick library search)

    fonts.static_faces()


def default_executor(jobs: int | None, temporary: str | None = None) -> Executor:
    workers = jobs or os.cpu_count() or 1
    return ProcessPoolExecutor(max_workers=workers, initializer=warm_up, initargs=(temporary,))


def export_many(
    inputs: Iterable[str | Path],
    *,
    out_dir: str | Path | None = None,
    options: Options = Options(),
    executor: Executor | None = None,
    jobs: int | None = None,
    on_done: Callable[[BatchItem], None] | None = None,
) -> tuple[BatchItem, ...]:
    """Export every input, in parallel, and write the outputs.

    ``executor`` may be any ``concurrent.futures.Executor`` (a Dask
    ``distributed.Client`` works through :func:`exporter.cluster.dask_executor`);
    by default a process pool of ``jobs`` workers. Results are written by this
    process as they arrive, each input's outputs all whole or none;
    ``on_done`` is called for each (a progress bar). The returned items are in
    input order.

    ``out_dir`` is made now and never again (see
    :func:`exporter.api.write_formats`), and removed at the end if it was
    made here and nothing was written to it.
    """
    paths = collect_inputs(inputs)
    if options.source_date_epoch is None:
        # Read here, where the user set it, not on a worker that may lack it.
        options = replace(options, source_date_epoch=source_date_epoch())
    made = make_folder(Path(out_dir).resolve()) if out_dir is not None and paths else ()
    temporary = private_temporary_folder() if executor is None else None
    pool = executor or default_executor(jobs, temporary)
    try:
        items = dict(export_each(paths, pool, out_dir, options, on_done))
    finally:
        if executor is None:
            pool.shutdown()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        remove_empty_folders(made)
    return tuple(items[index] for index in range(len(paths)))


def private_temporary_folder() -> str | None:
    """A temporary folder for the pool's workers, or None (they use the
    usual one) when none can be made: a full disk shows later, per input."""
    try:
        return tempfile.mkdtemp(prefix="exporter-batch-")
    except OSError:
        return None


def export_each(
    paths: list[Path],
    pool: Executor,
    out_dir: str | Path | None,
    options: Options,
    on_done: Callable[[BatchItem], None] | None,
) -> Iterator[tuple[int, BatchItem]]:
    futures: dict[Future[JobResult], tuple[int, Path]] = {}
    claimed: dict[Path, Path] = {}
    for index, path in enumerate(paths):
        target = output_folder(path, out_dir) / path.stem
        try:
            if target in claimed:
                raise InputError(f"{path}: its outputs would overwrite those of {claimed[target]}")
            claimed[target] = path
            source = load_source(path)
        except InputError as error:
            item = BatchItem(str(path), (), (), str(error), 0.0)
            if on_done:
                on_done(item)
            yield index, item
            continue
        futures[pool.submit(run_job, Job(source, options))] = (index, path)
    for future in as_completed(futures):
        index, path = futures[future]
        try:
            result = future.result()
        except Exception as error:  # the worker died (killed, a broken pool, a lost node)
            result = JobResult(path.name, error=f"the worker exporting it failed: {error}")
        item = write_result(path, result, out_dir)
        if on_done:
            on_done(item)
        yield index, item


def write_result(path: Path, result: JobResult, out_dir: str | Path | None) -> BatchItem:
    """Write one input's outputs, all whole or none (see
    :func:`exporter.api.write_files`); a failure is this input's error."""
    folder = output_folder(path, out_dir)
    written: tuple[Path, ...] = ()
    error = result.error
    if not error:
        try:
            written = write_files(
                {folder / f"{path.stem}.{fmt}": data for fmt, data in result.outputs.items()}
            )
        except ExportError as failure:
            error = str(failure)
    return BatchItem(str(path), written, result.diagnostics, error, result.seconds, result.pages)


def output_folder(path: Path, out_dir: str | Path | None) -> Path:
    return Path(out_dir).resolve() if out_dir is not None else path.resolve().parent
