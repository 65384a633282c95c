"""One writer run in a process of its own, started before the document exists.

A PDF first costs WeasyPrint's import: about a second (cffi parses Pango's
headers, ctypes searches for the libraries), longer than reading an article
and writing its EPUB. With a core to spare nobody need wait for it: a
:class:`WriterProcess` is started when the export starts and imports its writer
while this process reads, transforms and writes the other formats; then it
writes the finished document. Its bytes come back, and so do its log records
and exceptions, which are raised here as if the writer had run in this process.

Only the document and the options cross over (both plain data), so the result
is byte-identical to a writer run in this process.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import queue
import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from exporter.model import Document
from exporter.options import Options
from exporter.writers import PREPARATIONS, Preparation, Writer, writer_for

if TYPE_CHECKING:
    from multiprocessing.connection import Connection


def spare_core() -> bool:
    """Whether this process may use a second core (affinity counts, not the
    machine's total: a container or ``taskset`` may allow only one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) > 1
    return (os.cpu_count() or 1) > 1


#: How often a waiting writer process checks that its parent still lives.
PARENT_CHECK_SECONDS = 1.0


class WriterProcess:
    """A process that imports the writer of ``fmt`` now and writes one document later."""

    def __init__(self, fmt: str) -> None:
        # fork shares what this process already imported (our package); where
        # it is not the safe default, a fresh interpreter imports it again.
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self._fmt = fmt
        self._jobs = context.Queue()
        # A job may be larger than a pipe's buffer while the process is still
        # importing: the queue sends it from a thread, so ``submit`` never
        # waits; nothing need be flushed at exit if the process is gone.
        self._jobs.cancel_join_thread()
        self._results, child_end = context.Pipe(duplex=False)
        self._process = context.Process(
            target=serve, args=(fmt, self._jobs, child_end), name=f"exporter-{fmt}", daemon=True
        )
        self._process.start()
        # Only the child may hold the sending end: its exit then ends our recv().
        child_end.close()
        self._submitted: tuple[Document, Options] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def submit(self, document: Document, options: Options) -> None:
        """Hand over the document; the process writes it as soon as its import is done."""
        self._submitted = (document, options)
        self._jobs.put(self._submitted)

    def result(self) -> bytes:
        """The written bytes, or the writer's exception raised here.

        Should the process die (killed, out of memory), the document is
        written here instead: slower, never lost.
        """
        if self._submitted is None:
            raise RuntimeError("WriterProcess.result() before submit()")
        try:
            status, payload, records = self._results.recv()
        except (EOFError, OSError):
            return writer_for(self._fmt)(*self._submitted)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if status == "error":
            raise payload
        return payload

    def close(self) -> None:
        """Stop the process, whether or not it wrote anything (an input that
        fails to read must not wait a second for an import nobody needs)."""
        self._results.close()
        self._jobs.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()

    def __enter__(self) -> WriterProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class RecordCollector(logging.Handler):
    """Keeps log records to send back, as plain messages (their arguments
    need not be picklable)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)


def imported_writer(fmt: str) -> Writer:
    """The writer of ``fmt``, imported with the garbage collector paused.

    An import makes hundreds of thousands of objects that live as long as the
    process and no garbage: the collector would run a hundred times for
    nothing, some 80 ms of WeasyPrint's import. Frozen afterwards, they are
    not walked again by the collections the layout triggers.
    """
    gc.disable()
    try:
        return writer_for(fmt)
    finally:
        gc.freeze()
        gc.enable()


def serve(fmt: str, jobs: multiprocessing.Queue, results: Connection) -> None:
    """The process's body: import, write one document, send the outcome back.

    The document is taken off the queue by a second thread as soon as it is
    sent, which runs the writer's preparation on it (hyphenation patterns)
    while this thread imports: much of that import waits on subprocesses and
    files (ctypes looking for Pango), time in which the other thread runs.
    """
    received: list[tuple[Document, Options]] = []
    receiver = threading.Thread(
        target=receive, args=(jobs, PREPARATIONS.get(fmt), received), daemon=True
    )
    receiver.start()
    # Records go back to the parent, whose handlers show them once; the
    # handlers inherited by fork would show them a second time.
    collector = RecordCollector()
    logging.getLogger().handlers = [collector]
    try:
        writer = imported_writer(fmt)
        receiver.join()
        if not received:
            return
        outcome: tuple[str, object] = ("ok", writer(*received[0]))
    except KeyboardInterrupt:
        return
    except Exception as error:  # the import's or the writer's, raised in the parent
        # The traceback stays behind; its text travels as a note, which
        # EXPORTER_DEBUG=1 shows under the parent's.
        error.add_note(f"raised in the {fmt} writer process:\n{traceback.format_exc()}")
        outcome = ("error", error)
    try:
        results.send((*outcome, collector.records))
    except Exception:  # an unpicklable exception: the parent writes it again itself
        return


def receive(
    jobs: multiprocessing.Queue,
    prepare: Preparation | None,
    received: list[tuple[Document, Options]],
) -> None:
    """Wait for the job, keep it in ``received`` and prepare it. Gives up when
    the parent is gone (a killed parent sends nothing and closes nothing)."""
    parent = os.getppid()
    while True:
        try:
            job = jobs.get(timeout=PARENT_CHECK_SECONDS)
            break
        except queue.Empty:
            if os.getppid() != parent:
                return
        except Exception:  # a closed or broken queue: the parent is done with us
            return
    received.append(job)
    if prepare is not None:
        # A failure here is the writer's to report: it does the same work again.
        with contextlib.suppress(Exception):
            prepare(job[0])
