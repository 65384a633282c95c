"""The Python API: read, transform, write, as docutils' ``Publisher.publish``.

No component here knows another's insides: readers return a model, transforms
return a model, writers return bytes. This module only wires them together and
owns the two things that touch the disk: reading the input and writing outputs
atomically.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.diagnostics import Diagnostic, Outcome
from exporter.errors import InputError, OptionError, OutputError
from exporter.model import Document, Resource
from exporter.options import Options
from exporter.readers import detect_format, reader_for
from exporter.source import Source
from exporter.timestamps import source_date_epoch, stamp
from exporter.writers import writer_for

if TYPE_CHECKING:
    from exporter.helper_process import HelperProcess

STDIN = "-"
PDF = "pdf"

#: A cover file above this is refused unread: no cover needs it, and a wrong
#: path (a video) should not fill memory.
MAX_COVER_FILE_BYTES = 50 * 1024 * 1024
#: An input above this is refused unread: the longest novels are 5 MB of
#: text, a saved page with its pictures inline a few dozen; an export takes
#: 1 to 2.5 s and 25 to 65 MiB of memory a megabyte of text.
MAX_INPUT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ExportResult:
    outputs: tuple[Path, ...]
    document: Document
    diagnostics: tuple[Diagnostic, ...]


def load_source(path: str | Path) -> Source:
    """Read the input's bytes; ``-`` reads standard input (and may embed nothing)."""
    if str(path) == STDIN:
        return checked_size(Source(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "stdin", None))
    file = Path(path)
    try:
        if file.is_file() and file.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(too_large(str(file)))
        data = file.read_bytes()
        modified = file.stat().st_mtime
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{file}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{file}: cannot read ({error.strerror})") from None
    return Source(data, file.name, file.resolve().parent, modified)


def checked_size(source: Source) -> Source:
    if len(source.data) > MAX_INPUT_BYTES:
        raise InputError(too_large(source.name))
    return source


def too_large(name: str) -> str:
    return f"{name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB, the most an input may have"


def load_stylesheet(path: str | Path) -> str:
    """The user's own stylesheet (``--css``), read as UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise OptionError(f"{path}: cannot read this stylesheet ({error})") from None


def load_cover(path: str | Path) -> Resource:
    """The user's cover image (``--cover``), checked to be a JPEG or PNG and
    scaled down when huge (see :func:`exporter.cover_images.checked_cover`)."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_COVER_FILE_BYTES:
            raise OptionError(f"{file}: the cover image is larger than 50 MB")
        data = file.read_bytes()
    except FileNotFoundError:
        raise OptionError(f"{file}: no such cover image") from None
    except IsADirectoryError:
        raise OptionError(f"{file}: is a folder, not a cover image") from None
    except OSError as error:
        raise OptionError(f"{file}: cannot read the cover image ({error.strerror})") from None
    from exporter.cover_images import checked_cover

    return checked_cover(data, str(file))


def read(source: str | Path | Source, options: Options = Options()) -> Outcome:
    """Parse an input into the model and apply every transform."""
    if not isinstance(source, Source):
        source = load_source(source)
    if not source.data.strip():
        raise InputError(f"{source.name}: the input is empty")
    checked_size(source)
    fmt = options.input_format or detect_format(source)
    read_outcome = reader_for(fmt)(source)
    document = read_outcome.document
    if options.cover is not None:
        from exporter.cover import with_cover

        document = with_cover(document, load_cover(options.cover))
    # Imported here, not above: ``import exporter`` stays light, and a writer
    # process (``export(parallel=True)``) starts before this import.
    from exporter.transforms import run_transforms

    transformed = run_transforms(document, options)
    epoch = options.source_date_epoch
    if epoch is None:
        epoch = source_date_epoch()
    document = stamp(transformed.document, source.modified, epoch)
    return Outcome(document, read_outcome.diagnostics + transformed.diagnostics)


def render(document: Document, fmt: str, options: Options = Options()) -> bytes:
    """The bytes of one output format for a finished document."""
    return writer_for(fmt)(document, options)


def export(
    source: str | Path | Source,
    *,
    out_dir: str | Path | None = None,
    options: Options = Options(),
    parallel: bool = False,
) -> ExportResult:
    """Export one input to every format in ``options.formats``.

    Outputs go to ``out_dir`` (default: next to the input) as
    ``<input stem>.<format>``, written by :func:`write_formats`: a failure
    never leaves a half-written or mismatched set of files. ``parallel``: see
    :func:`started_helpers`.
    """
    with started_helpers(options, parallel=parallel) as helpers:
        if not isinstance(source, Source):
            source = load_source(source)
        outcome = read(source, options)
        folder = Path(out_dir) if out_dir is not None else (source.base_dir or Path.cwd())
        stem = Path(source.name).stem if source.base_dir is not None else "stdin"
        outputs = write_formats(outcome.document, options, folder, stem, helpers)
    return ExportResult(outputs, outcome.document, outcome.diagnostics)


@dataclass(frozen=True, slots=True)
class Helpers:
    """Helper processes of one export (see :mod:`exporter.helper_process`):
    ``writers`` write those formats, ``cover`` draws the generated cover."""

    writers: Mapping[str, HelperProcess[bytes]] = field(default_factory=dict)
    cover: HelperProcess[bytes] | None = None


@contextmanager
def started_helpers(options: Options, *, parallel: bool) -> Iterator[Helpers]:
    """The helper processes for an export with ``options``, started now.

    With ``parallel`` and a core to spare, the PDF's helper imports WeasyPrint
    (half a second) and the cover's imports Pillow while this process reads
    the input; each then does its part of the writing (see
    :func:`write_formats`). Otherwise none: everything is done here.
    """
    from exporter.cover import cover_shown

    # A cover given on the command line needs no drawing; one in a Markdown
    # front matter is known only once the input is read (then the helper idles).
    drawing = cover_shown(options) and options.cover is None
    if not (parallel and (PDF in options.formats or drawing)):
        yield Helpers()
        return
    # Imported here: an export without helpers needs none of it.
    from exporter.helper_process import cover_process, helpers_available, writer_process

    if not helpers_available():
        yield Helpers()
        return
    with ExitStack() as stack:
        try:
            cover = stack.enter_context(cover_process(options.theme)) if drawing else None
            writers = (
                {PDF: stack.enter_context(writer_process(PDF))} if PDF in options.formats else {}
            )
        except OSError:  # no process to spare (a limit reached): everything is done here
            stack.close()
            cover, writers = None, {}
        yield Helpers(writers, cover)


def write_formats(
    document: Document,
    options: Options,
    folder: Path,
    stem: str,
    helpers: Helpers | None = None,
) -> tuple[Path, ...]:
    """Render every format of ``options.formats`` and only then write them
    all, as ``folder/stem.<format>``, by :func:`write_files`: every output
    whole, or none.

    ``folder`` is made now, before the rendering, and never again: should it
    disappear meanwhile (removed, its drive unmounted) the export fails
    rather than write into a new folder of that name. A folder made here is
    removed again when the export fails.

    With ``helpers``, the cover is drawn by its helper while this process
    imports its writers, and the formats with a helper of their own are
    written there; the bytes are the same.
    """
    # Imported here, as in started_helpers: ``import exporter`` stays light
    # (the cover's module imports the HTML writer).
    from exporter.cover import cover_text, drawn_cover_needed, generated_cover, with_cover

    made = make_folder(folder)
    try:
        helpers = helpers or Helpers()
        drawing = helpers.cover if drawn_cover_needed(document, options) else None
        if drawing is not None:
            drawing.submit(*cover_text(document, options))
        writers = {fmt: writer_for(fmt) for fmt in options.formats if fmt not in helpers.writers}
        if drawing is not None:
            document = with_cover(document, generated_cover(document, drawing.result()))
        for process in helpers.writers.values():
            process.submit(document, options)
        rendered = {fmt: write(document, options) for fmt, write in writers.items()}
        rendered.update((fmt, process.result()) for fmt, process in helpers.writers.items())
        return write_files({folder / f"{stem}.{fmt}": rendered[fmt] for fmt in options.formats})
    except BaseException:
        remove_empty_folders(made)
        raise


def make_folder(folder: Path) -> tuple[Path, ...]:
    """Make ``folder`` and any missing parents; return those made, innermost first."""
    made: list[Path] = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        made.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot write here ({error.strerror})") from None
    return tuple(made)


def remove_empty_folders(folders: tuple[Path, ...]) -> None:
    """Remove ``folders`` (innermost first) as long as they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def write_files(files: Mapping[Path, bytes]) -> tuple[Path, ...]:
    """Write every file whole, or none.

    Each is first written to a temporary file beside its target (where a full
    disk, a missing folder or an interruption shows), and only when all are
    there are they renamed into place. On any failure, Ctrl-C included, the
    temporary files go and so do the outputs already renamed: nothing partial
    stays behind, and no set of outputs from two different exports. The
    folders must exist: a folder that disappeared is not made again.
    """
    temporary: list[str] = []
    placed: list[Path] = []
    target: Path | None = None
    try:
        for target, data in files.items():
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            temporary.append(name)
            try:
                write_all(fd, data)
                os.fchmod(fd, 0o644)
            finally:
                os.close(fd)
        for target, name in zip(files, temporary, strict=True):
            os.replace(name, target)
            placed.append(target)
    except BaseException as error:
        for leftover in (*temporary, *placed):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        if isinstance(error, OSError) and target is not None:
            raise write_error(target, error) from None
        raise
    return tuple(files)


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to the file ``fd``; a short write is continued, a full
    disk raises ``OSError``."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_error(target: Path, error: OSError) -> OutputError:
    """The one line that says why ``target`` could not be written."""
    if error.errno in (errno.ENOENT, errno.ENOTDIR) and not target.parent.is_dir():
        return OutputError(
            f"{target.parent}: the output folder disappeared during the export; nothing was written"
        )
    return OutputError(f"{target}: cannot write ({error.strerror}); nothing was written")


def write_atomically(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` (making its folder) via a temporary file
    in the same folder, as :func:`write_files` does."""
    make_folder(target.parent)
    return write_files({target: data})[0]
