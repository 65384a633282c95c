"""Work done in a forked helper process, its imports begun before its input exists.

Some work needs big imports and little of the input. A PDF first costs
WeasyPrint's import (half a second), longer than reading an article and
writing its EPUB; a generated cover needs Pillow and the title, nothing else.
With a core to spare nobody need wait for those imports: a
:class:`HelperProcess` is forked when an export starts and imports while this
process reads and transforms the input; the input is handed over as soon as it
exists, and the result comes back with the helper's log records and exception,
which are raised here as if the work had run in this process.

A helper killed at its work (by the out-of-memory killer, or by hand) stops
the export with a :class:`RenderError` that says so: doing the work again
here would cost the same memory in a process that holds more. Whatever the
helper leaves in its own temporary folder (WeasyPrint copies the faces into
one) is removed with the helper, however it ended.

Only plain data crosses (pickled, through two pipes), so the result is the one
this process would have made. The helper is forked, not spawned: it starts
with our package imported, where a fresh interpreter would import it again
(the ``multiprocessing`` machinery would also cost an EPUB export a tenth of
what the cover saves). Fork is safe only where the system's libraries allow it
(Linux); elsewhere :func:`helpers_available` says no and the work runs here.

Fork every helper before submitting to any: a submission sends from a thread,
and a process with threads should not fork.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import BinaryIO, Generic, NoReturn, TypeVar

from exporter.errors import RenderError
from exporter.writers import PREPARATIONS, writer_for

T = TypeVar("T")


def helpers_available() -> bool:
    """Whether a helper may run: fork is safe here, and this process may use
    a second core (affinity counts, not the machine's total: a container or
    ``taskset`` may allow only one)."""
    if not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) > 1


class HelperProcess(Generic[T]):
    """A forked process that calls ``load()`` at once (its imports) and, when
    :meth:`submit` hands over the arguments, the function ``load`` returned.

    ``prepare`` runs on the same arguments in a second thread of the helper
    while ``load`` imports: work that needs none of those imports, done in the
    time the import spends waiting on files and libraries. ``name`` says
    whose helper it is ("PDF writer's helper"), should it be killed.

    The helper's temporary files go to a folder of its own, removed by
    :meth:`close`: a helper killed mid-work cannot clean up after itself.
    """

    def __init__(
        self,
        load: Callable[[], Callable[..., T]],
        *,
        prepare: Callable[..., object] | None = None,
        name: str = "helper",
    ) -> None:
        self.name = name
        self.temporary = tempfile.mkdtemp(prefix="exporter-helper-")
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a limit reached): the caller works alone
            for end in (jobs_read, jobs_write, results_read, results_write):
                os.close(end)
            shutil.rmtree(self.temporary, ignore_errors=True)
            raise
        if pid == 0:
            os.close(jobs_write)
            os.close(results_read)
            jobs, results = os.fdopen(jobs_read, "rb"), os.fdopen(results_write, "wb")
            serve(load, prepare, jobs, results, self.temporary)
        os.close(jobs_read)
        os.close(results_write)
        self.pid = pid
        self._reaped = False
        self._load = load
        self._jobs = os.fdopen(jobs_write, "wb")
        self._results = os.fdopen(results_read, "rb")
        self._sender: threading.Thread | None = None
        self._args: tuple[object, ...] | None = None
        self._running = True

    def submit(self, *args: object) -> None:
        """Hand over the arguments; the helper calls its function as soon as
        its imports are done. Never waits: a thread sends them."""
        self._args = args
        payload = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=send, args=(self._jobs, payload), daemon=True)
        self._sender.start()

    def result(self) -> T:
        """The function's value, or its exception raised here.

        Should the helper be killed by a signal, :class:`RenderError` says
        so. Should it end otherwise without a whole answer (one that cannot be
        sent or read back), the function is called here instead.
        """
        if self._args is None:
            raise RuntimeError("HelperProcess.result() before submit()")
        try:
            status, payload, records = pickle.loads(read_message(self._results))
        except Exception:  # nothing, or not a whole answer
            self._raise_if_killed()
            return self._load()(*self._args)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if status == "error":
            raise payload
        return payload

    def _raise_if_killed(self) -> None:
        """Wait for the helper, which closed its end of the pipe: it ended.
        Raise :class:`RenderError` if a signal ended it."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # reaped already (SIGCHLD ignored): cannot tell
            return
        self._reaped = True
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            cause = " (out of memory?)" if number == signal.SIGKILL else ""
            raise RenderError(
                f"the {self.name} process was killed by {signal.Signals(number).name}{cause}"
            )

    def close(self) -> None:
        """Stop the helper, whether or not it did anything (an input that
        fails to read must not wait for an import nobody needs), and remove
        its temporary folder."""
        if not self._running:
            return
        self._running = False
        with contextlib.suppress(OSError):
            self._results.close()
        if self._sender is None:
            self._jobs.close()
        # Still ours to signal: a child keeps its pid until it is reaped below.
        with contextlib.suppress(ChildProcessError):  # reaped already (SIGCHLD ignored)
            if not self._reaped and os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        self._reaped = True
        shutil.rmtree(self.temporary, ignore_errors=True)
        if self._sender is not None:
            self._sender.join()

    def __enter__(self) -> HelperProcess[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def send(jobs: BinaryIO, payload: bytes) -> None:
    """Write the job as one message and close the pipe."""
    with contextlib.suppress(OSError), jobs:  # the helper is gone: result() does the work
        write_message(jobs, payload)


def write_message(stream: BinaryIO, data: bytes) -> None:
    """``data`` after its length. The reader cannot wait for the end of the
    pipe instead: a helper forked later holds a copy of this end too."""
    stream.write(len(data).to_bytes(8, "big"))
    stream.write(data)
    stream.flush()


def read_message(stream: BinaryIO) -> bytes:
    """One message of :func:`write_message`, or EOFError when the other end
    closed before a whole one (it died, or had nothing to say)."""
    header = stream.read(8)
    data = stream.read(int.from_bytes(header, "big")) if len(header) == 8 else b""
    if len(header) < 8 or len(data) < int.from_bytes(header, "big"):
        raise EOFError("the other process ended before a whole message")
    return data


def writer_process(fmt: str) -> HelperProcess[bytes]:
    """A helper that imports the writer of ``fmt`` now and writes one
    ``(document, options)`` later, after its preparation (see
    :data:`exporter.writers.PREPARATIONS`)."""
    return HelperProcess(
        functools.partial(writer_for, fmt),
        prepare=PREPARATIONS.get(fmt),
        name=f"{fmt.upper()} writer's helper",
    )


def cover_process(theme: str) -> HelperProcess[bytes]:
    """A helper that imports Pillow and opens ``theme``'s faces now, and
    draws one generated cover later (the arguments of
    :func:`exporter.cover_images.draw_cover`)."""
    return HelperProcess(functools.partial(cover_drawer, theme), name="cover's helper")


def cover_drawer(theme: str) -> Callable[[str, str, str, str], bytes]:
    from exporter.cover_images import draw_cover, warm_up

    warm_up(theme)
    return draw_cover


# --- in the helper ---------------------------------------------------------------


def serve(
    load: Callable[[], Callable[..., object]],
    prepare: Callable[..., object] | None,
    jobs: BinaryIO,
    results: BinaryIO,
    temporary: str,
) -> NoReturn:
    """The helper's whole life. It never returns into the code that forked
    it, and ends without the interpreter's clean-up, which belongs to the
    parent (its buffers, its files, its atexit handlers). Its temporary files
    go to ``temporary``, which the parent removes."""
    status = 1
    try:
        tempfile.tempdir = temporary
        os.environ["TMPDIR"] = temporary
        answer(load, prepare, jobs, results)
        status = 0
    finally:
        os._exit(status)


def answer(
    load: Callable[[], Callable[..., object]],
    prepare: Callable[..., object] | None,
    jobs: BinaryIO,
    results: BinaryIO,
) -> None:
    """Import, take the job, send back the outcome and the log records."""
    received: list[tuple[object, ...]] = []
    receiver = threading.Thread(target=receive, args=(jobs, prepare, received), daemon=True)
    receiver.start()
    # Records go back to the parent, whose handlers show them once; the
    # handlers inherited by fork would show them a second time.
    collector = RecordCollector()
    logging.getLogger().handlers = [collector]
    outcome: tuple[str, object]
    try:
        function = imported(load)
        receiver.join()
        if not received:
            return
        outcome = ("ok", function(*received[0]))
    except Exception as error:  # the import's or the function's: raised in the parent
        # The traceback stays behind; its text travels as a note, which
        # EXPORTER_DEBUG=1 shows under the parent's.
        error.add_note(f"raised in a helper process:\n{traceback.format_exc()}")
        outcome = ("error", error)
    try:
        data = pickle.dumps((*outcome, collector.records), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable exception: the parent does the work again
        return
    with results:
        write_message(results, data)


def receive(
    jobs: BinaryIO, prepare: Callable[..., object] | None, received: list[tuple[object, ...]]
) -> None:
    """Wait for the job, keep it in ``received`` and prepare it. The pipe
    ends empty when the parent closes it unused or dies: then there is none."""
    try:
        job = pickle.loads(read_message(jobs))
    except Exception:
        return
    received.append(job)
    if prepare is not None:
        # A failure here is the function's to report: it does the same work again.
        with contextlib.suppress(Exception):
            prepare(*job)


def imported(load: Callable[[], Callable[..., object]]) -> Callable[..., object]:
    """``load()``, run with the garbage collector paused.

    An import makes hundreds of thousands of objects that live as long as the
    process and no garbage: the collector would run a hundred times for
    nothing, some 80 ms of WeasyPrint's import. Frozen afterwards, they are
    not walked again by the collections the work triggers.
    """
    gc.disable()
    try:
        return load()
    finally:
        gc.freeze()
        gc.enable()


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
