"""What ``exporter serve`` keeps and does, with no HTTP in it: sessions, the
articles dropped into them, and a build per article and set of choices, with
its outputs, their previews and their check reports.

Everything runs through the Python API (:func:`exporter.api.read`,
:func:`exporter.api.render`, :func:`exporter.check.check_files`), in this
process, whose imports stay warm between requests. What the browser sends is
data only: an upload's name is shown and cleaned into a download name, never
used as a path; the articles stay in memory, and the only files written are
the outputs handed to ``check``, under generated names in a folder of our own.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from exporter import api
from exporter.cover import cover_text, drawn_cover_needed, generated_cover, with_cover
from exporter.diagnostics import Diagnostic, Outcome
from exporter.errors import ExportError
from exporter.model import Document, Metadata
from exporter.options import Options
from exporter.readers import EXTENSIONS
from exporter.source import Source
from exporter.transforms.ids import unique

#: Sessions kept at once; the one used least recently goes first.
MAX_SESSIONS = 16
#: Builds (an article under one set of choices) kept per session, so that
#: going back to an earlier choice is instant.
MAX_BUILDS = 6
#: Reads (an article under one set of title, authors, language, quotes) kept per session.
MAX_READS = 8
#: Pages shown of each output; a longer one says how many more there are.
PREVIEW_PAGES = 40
#: The reading system's page, in points, and the font size it is set at;
#: the pictures are drawn at ``EPUB_SCALE`` pixels a point (sharp on HiDPI screens).
EPUB_PAGE = (380.0, 560.0)
EPUB_FONT_SIZE = 11.0
EPUB_SCALE = 1.5
#: PDF pages are drawn at this many pixels a point (A4: 744 pixels wide).
PDF_SCALE = 1.25
#: How long a request waits for the PDF or a check before it says so.
PDF_WAIT = 120.0
CHECK_WAIT = 600.0

PASTED = "pasted text"

#: Every PyMuPDF call in the server holds this: MuPDF is not thread-safe.
MUPDF_LOCK = threading.Lock()


class Gone(LookupError):
    """A build, page or article that this session does not have (any more)."""


# --- names ------------------------------------------------------------------------


def safe_stem(name: str, fallback: str = "article") -> str:
    """A download name's stem from anything the browser sent or the article
    says: ASCII letters, digits, dots, hyphens and underscores, at most 80,
    never empty, never starting with a dot."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-._")[:80].strip("-._")
    return stem or fallback


def display_name(name: str) -> str:
    """An upload's name as shown in the page: its last path part, no control
    characters, at most 120 characters."""
    last = re.split(r"[\\/]", name)[-1]
    cleaned = "".join(ch for ch in last if unicodedata.category(ch)[0] != "C").strip()
    return cleaned[:120] or "unnamed"


def reader_name(name: str) -> str:
    """The name the reader sees: the upload's ending only (it picks the reader);
    pasted text has none, so its content decides."""
    suffix = Path(display_name(name)).suffix.lower()
    return f"upload{suffix}" if suffix in EXTENSIONS else PASTED


# --- the model of a session ---------------------------------------------------------


@dataclass
class Article:
    """One input: pasted text or a dropped file, in memory, with the user's
    corrections of what was recognised ("" and () leave it to the reader)."""

    id: str
    name: str
    data: bytes
    stem: str
    title: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""

    @property
    def source(self) -> Source:
        # No folder (nothing beside it may be embedded) and no time stamp:
        # outputs are dated as from standard input, reproducibly.
        return Source(self.data, reader_name(self.name), None, None)


@dataclass(frozen=True, slots=True)
class Layout:
    """The choices that apply to every article of a session."""

    theme: str = "book"
    paper: str = "a4"
    quotes: str = ""
    pdf_variant: str = "pdf/ua-1"


@dataclass
class Build:
    """One article exported with one set of options: the document and the
    EPUB at once, the PDF when first asked for, previews and checks on demand."""

    key: str
    article: Article
    options: Options
    error: str = ""
    document: Document | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    recognised: Metadata | None = None
    epub: bytes = b""
    timings: dict[str, float] = field(default_factory=dict)
    pdf: Future[bytes] | None = None
    check: Future[list[Any]] | None = None
    pages: dict[str, int] = field(default_factory=dict)
    pictures: dict[tuple[str, int], bytes] = field(default_factory=dict)
    #: The outputs opened by PyMuPDF (the EPUB laid out once), by format.
    opened: dict[str, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def name(self) -> str:
        """The outputs' file name stem."""
        if self.article.name != PASTED:
            return self.article.stem
        title = self.document.metadata.title if self.document else ""
        return safe_stem(title.lower(), self.article.stem)


@dataclass
class Session:
    """One browser's work: its articles, the one shown, its layout choices."""

    id: str
    articles: list[Article] = field(default_factory=list)
    current: int = 0
    layout: Layout = Layout()
    builds: OrderedDict[str, Build] = field(default_factory=OrderedDict)
    #: The key of the build last shown: only its check is worth running.
    shown: str = ""
    reads: OrderedDict[tuple[Any, ...], Outcome | ExportError] = field(default_factory=OrderedDict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def article(self) -> Article | None:
        return self.articles[self.current] if self.articles else None


# --- the engine ------------------------------------------------------------------------


class Workshop:
    """The sessions and the work done for them.

    Reading and the EPUB run in the request's thread (a tenth of a second);
    the PDF in one worker thread of its own, started as soon as a build
    exists, so that it is ready or nearly so when the page asks for its
    pictures; checks (EPUBCheck's JVM takes seconds) in another, one at a time.
    """

    def __init__(self, max_sessions: int = MAX_SESSIONS) -> None:
        self.max_sessions = max_sessions
        self.sessions: OrderedDict[str, Session] = OrderedDict()
        self.lock = threading.Lock()
        self.start()

    def start(self) -> None:
        """The worker threads and the folder for checks (again after :meth:`close`)."""
        self.pdf_pool = ThreadPoolExecutor(1, thread_name_prefix="serve-pdf")
        self.check_pool = ThreadPoolExecutor(1, thread_name_prefix="serve-check")
        self.folder = Path(tempfile.mkdtemp(prefix="exporter-serve-"))

    def close(self) -> None:
        self.pdf_pool.shutdown(wait=False, cancel_futures=True)
        self.check_pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    # sessions

    def session(self, token: str | None) -> Session:
        """The session of ``token``, or a new one (under a new random token)
        when the token is unknown: a browser cannot choose its session."""
        with self.lock:
            if token and token in self.sessions:
                self.sessions.move_to_end(token)
                return self.sessions[token]
            session = Session(secrets.token_urlsafe(24))
            self.sessions[session.id] = session
            while len(self.sessions) > self.max_sessions:
                self.sessions.popitem(last=False)
            return session

    def existing(self, token: str | None) -> Session | None:
        """The session of ``token``, if there is one."""
        with self.lock:
            return self.sessions.get(token) if token else None

    # articles and choices

    def set_articles(self, session: Session, inputs: list[tuple[str, bytes]]) -> None:
        """Replace the session's articles with ``inputs`` (name, bytes)."""
        articles = []
        taken: set[str] = set()
        for name, data in inputs:
            stem = unique(safe_stem(Path(display_name(name)).stem), taken)
            articles.append(Article(secrets.token_hex(8), display_name(name), data, stem))
        with session.lock:
            session.articles = articles
            session.current = 0
            session.builds.clear()
            session.reads.clear()

    def select(self, session: Session, index: int) -> None:
        with session.lock:
            if not 0 <= index < len(session.articles):
                raise Gone("no such article")
            session.current = index

    def correct(
        self,
        session: Session,
        *,
        title: str,
        authors: tuple[str, ...],
        language: str,
        layout: Layout,
    ) -> None:
        """The user's choices from the form. The fields come filled with what
        was recognised: a field left as it was corrects nothing (so that the
        reader's own notices, a title derived, stay true)."""
        with session.lock:
            session.layout = layout
            article = session.article
            if article is None:
                return
            found = self.recognised(session, article)
            article.title = "" if found and title == found.title else title
            article.authors = () if found and authors == found.authors else authors
            article.language = "" if found and language == found.language else language

    # builds

    def options(self, session: Session, article: Article) -> Options:
        layout = session.layout
        return Options(
            title=article.title,
            authors=article.authors,
            language=article.language,
            theme=layout.theme,
            paper=layout.paper,
            quotes=layout.quotes,
            pdf_variant=layout.pdf_variant,
        )

    def build(self, session: Session, index: int | None = None) -> Build | None:
        """The build of the shown article (or the ``index``-th) under the
        session's current choices: made now (read and EPUB) if not kept, its
        PDF started in the background."""
        with session.lock:
            if not session.articles:
                return None
            article = session.articles[session.current if index is None else index]
            try:
                options = self.options(session, article)
            except ExportError as error:
                return Build(new_key(article, repr(error)), article, Options(), str(error))
            key = new_key(article, repr(options))
            if index is None:
                session.shown = key
            if key in session.builds:
                session.builds.move_to_end(key)
                return session.builds[key]
            build = Build(key, article, options)
            self.make(session, build)
            session.builds[key] = build
            while len(session.builds) > MAX_BUILDS:
                session.builds.popitem(last=False)
            return build

    def make(self, session: Session, build: Build) -> None:
        """Read (or reuse the read) and write the EPUB; start the PDF."""
        started = time.perf_counter()
        build.recognised = self.recognised(session, build.article)
        outcome = self.read(session, build.article, build.options)
        read_done = time.perf_counter()
        build.timings["read"] = read_done - started
        if isinstance(outcome, ExportError):
            build.error = str(outcome)
            return
        build.document = covered(outcome.document, build.options)
        build.diagnostics = outcome.diagnostics
        try:
            build.epub = api.render(build.document, "epub", build.options)
        except ExportError as error:
            build.error = f"EPUB: {error}"
        except Exception as error:  # a bug of ours: one line, and the server goes on
            build.error = f"EPUB: internal error: {type(error).__name__}: {error}"
        build.timings["epub"] = time.perf_counter() - read_done
        build.pdf = self.pdf_pool.submit(timed, build, "pdf", render_pdf, build)

    def read(self, session: Session, article: Article, options: Options) -> Outcome | ExportError:
        """:func:`exporter.api.read`, kept per session by what changes a read."""
        key = (article.id, options.title, options.authors, options.language, options.quotes)
        with session.lock:
            if key in session.reads:
                session.reads.move_to_end(key)
                return session.reads[key]
        try:
            outcome: Outcome | ExportError = api.read(article.source, options)
        except ExportError as error:
            outcome = error
        except Exception as error:  # a bug of ours
            outcome = ExportError(f"internal error: {type(error).__name__}: {error}")
        with session.lock:
            session.reads[key] = outcome
            while len(session.reads) > MAX_READS:
                session.reads.popitem(last=False)
        return outcome

    def recognised(self, session: Session, article: Article) -> Metadata | None:
        """What the reader found with no corrections: the fields' defaults."""
        outcome = self.read(session, article, Options())
        return None if isinstance(outcome, ExportError) else outcome.document.metadata

    def find(self, session: Session, key: str) -> Build:
        with session.lock:
            build = session.builds.get(key)
        if build is None:
            raise Gone("this version is no longer kept: reload the page")
        return build

    # outputs

    def output(self, build: Build, fmt: str) -> bytes:
        """The bytes of ``fmt`` (waiting for the PDF); an ExportError if it failed."""
        if build.error:
            raise ExportError(build.error)
        if fmt == "epub":
            return build.epub
        assert build.pdf is not None
        try:
            return build.pdf.result(timeout=PDF_WAIT)
        except FutureTimeout:
            raise ExportError("the PDF is taking too long; try again") from None

    def page_count(self, build: Build, fmt: str) -> int:
        """Pages of the output as shown (for the EPUB: as a reading system lays it out)."""
        data = self.output(build, fmt)
        with build.lock, MUPDF_LOCK:
            return self.opened(build, fmt, data).page_count

    def picture(self, build: Build, fmt: str, number: int) -> bytes:
        """Page ``number`` (from 1) of an output as a PNG, drawn once."""
        data = self.output(build, fmt)
        if not 1 <= number <= min(self.page_count(build, fmt), PREVIEW_PAGES):
            raise Gone("no such page")
        with build.lock:
            if (fmt, number) not in build.pictures:
                started = time.perf_counter()
                with MUPDF_LOCK:
                    page = self.opened(build, fmt, data)[number - 1]
                    build.pictures[(fmt, number)] = draw_page(page, fmt)
                build.timings[f"{fmt}-page"] = time.perf_counter() - started
            return build.pictures[(fmt, number)]

    @staticmethod
    def opened(build: Build, fmt: str, data: bytes) -> Any:
        """The output opened by PyMuPDF, once per build. Hold :data:`MUPDF_LOCK`."""
        if fmt not in build.opened:
            build.opened[fmt] = open_output(data, fmt)
        return build.opened[fmt]

    def checks(self, session: Session, build: Build) -> list[Any]:
        """``exporter check``'s report on each output (EPUB, then PDF)."""
        with build.lock:
            if build.check is None:
                build.check = self.check_pool.submit(self.run_checks, session, build)
            future = build.check
        try:
            return future.result(timeout=CHECK_WAIT)
        except FutureTimeout:
            raise ExportError("the check is taking too long") from None

    def run_checks(self, session: Session, build: Build) -> list[Any]:
        from exporter.check import check_files

        if session.shown != build.key:
            # Queued behind another check while the user chose again: skipped
            # (and asked for again should the page come back to it).
            build.check = None
            raise ExportError("the choices have changed since: reload the page")
        reports = []
        for fmt in ("epub", "pdf"):
            try:
                data = self.output(build, fmt)
            except ExportError:
                continue
            # The file is ours, under a generated name, and gone once checked.
            path = self.folder / f"{secrets.token_hex(8)}.{fmt}"
            path.write_bytes(data)
            try:
                # check's PDF part reads the file with PyMuPDF; its EPUB part
                # (EPUBCheck's JVM) needs no lock, and must not hold up previews.
                if fmt == "pdf":
                    with MUPDF_LOCK:
                        (report,) = check_files([path])
                else:
                    (report,) = check_files([path])
            finally:
                path.unlink(missing_ok=True)
            reports.append(replace(report, path=Path(f"{build.name}.{fmt}")))
        return reports

    def archive(self, session: Session) -> tuple[bytes, list[str]]:
        """A zip of every article's EPUB and PDF under the session's choices,
        and the one-line errors of those that failed."""
        with session.lock:
            count = len(session.articles)
        buffer = io.BytesIO()
        errors = []
        taken: set[str] = set()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for index in range(count):
                build = self.build(session, index)
                if build is None:
                    continue
                name = unique(build.name, taken)
                for fmt in ("epub", "pdf"):
                    try:
                        data = self.output(build, fmt)
                    except ExportError as error:
                        errors.append(f"{build.article.name}: {error}")
                        break
                    archive.writestr(zip_entry(f"{name}.{fmt}"), data)
        return buffer.getvalue(), errors


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date: the same outputs give the same zip."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info


def new_key(article: Article, options: str) -> str:
    """The build's name in URLs: the same article and options give the same key."""
    return hashlib.sha256(f"{article.id}\n{options}".encode()).hexdigest()[:20]


def timed(build: Build, name: str, work: Callable[[Build], bytes], *args: Any) -> bytes:
    started = time.perf_counter()
    try:
        return work(*args)
    finally:
        build.timings[name] = time.perf_counter() - started


def render_pdf(build: Build) -> bytes:
    assert build.document is not None
    try:
        return api.render(build.document, "pdf", build.options)
    except ExportError as error:
        raise ExportError(f"PDF: {error}") from None
    except Exception as error:  # a bug of ours: one line, and the server goes on
        raise ExportError(f"PDF: internal error: {type(error).__name__}: {error}") from None


# --- covers and pictures ---------------------------------------------------------------


def covered(document: Document, options: Options) -> Document:
    """``document`` with its generated cover, drawn once per title, author,
    theme and language (as :func:`exporter.api.write_formats` does with a
    helper process's cover): the EPUB writer then draws none."""
    if not drawn_cover_needed(document, options):
        return document
    png = drawn_cover(*cover_text(document, options))
    return with_cover(document, generated_cover(document, png))


@functools.lru_cache(maxsize=64)
def drawn_cover(title: str, author: str, theme: str, language: str) -> bytes:
    from exporter.cover_images import draw_cover

    return draw_cover(title, author, theme, language)


def open_output(data: bytes, fmt: str) -> Any:
    """The output opened by PyMuPDF; an EPUB laid out as a reading system
    would, on a small screen. Hold :data:`MUPDF_LOCK`."""
    import pymupdf

    document = pymupdf.open(stream=data, filetype=fmt)
    if fmt == "epub":
        width, height = EPUB_PAGE
        document.layout(width=width, height=height, fontsize=EPUB_FONT_SIZE)
    return document


def draw_page(page: Any, fmt: str) -> bytes:
    """A page as a PNG. Hold :data:`MUPDF_LOCK`."""
    import pymupdf

    scale = EPUB_SCALE if fmt == "epub" else PDF_SCALE
    pixmap = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    return pixmap.tobytes("png")


def warm_up() -> None:
    """Import everything a request needs and run it once on a short text, so
    that the first article is as fast as the next (fonts, hyphenation
    patterns, the cover's faces, PyMuPDF)."""
    for module in ("exporter.check", "exporter.readers.html", "exporter.readers.markdown"):
        importlib.import_module(module)

    text = (
        "Ein kurzer Text\n\nVon Erika Muster\n\nDer erste Absatz, damit etwas da ist.\n\n"
        "Eine Überschrift\n\nUnd ein zweiter Absatz mit „Anführungszeichen“ – fertig.\n"
    ).encode()
    article = Article("warm-up", PASTED, text, "warm-up")
    options = Options()
    outcome = api.read(article.source, options)
    document = covered(outcome.document, options)
    for fmt in ("epub", "pdf"):
        data = api.render(document, fmt, options)
        with MUPDF_LOCK:
            output = open_output(data, fmt)
            draw_page(output[0], fmt)
            output.close()
