"""The web app of ``exporter serve``: one page, its forms, and the URLs its
pictures, downloads and check reports load from (Starlette).

The page is rendered on the server (Jinja2, every value escaped); a small
script of our own submits the choices when one changes, takes dropped files,
and fills in the PDF's pages and the check reports when they are ready. No
asset comes from anywhere but this server.
"""

from __future__ import annotations

import json
import re
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from exporter.errors import ExportError
from exporter.options import PAPER_SIZES, PDF_VARIANTS, QUOTE_STYLES, THEMES
from exporter.readers import EXTENSIONS
from exporter.serve.security import BodyTooLarge, Guard
from exporter.serve.work import PREVIEW_PAGES, Build, Gone, Layout, Session, Workshop, warm_up

#: Limits of one upload: files, bytes a file (the pasted text too), bytes in all.
MAX_FILES = 20
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_BODY_BYTES = 50 * 1024 * 1024

ASSETS = {"serve.css": "text/css; charset=utf-8", "serve.js": "text/javascript; charset=utf-8"}

QUOTE_LABELS = {"": "the language's own", "guillemets": "»…« (guillemets)", "low": "„…” (low)"}
#: What the CLI's hints mean on this page.
FIELD_NAMES = {
    "--title": "the title field",
    "--author": "the authors field",
    "--lang": "the language field",
    "--quotes": "the quotes field",
}


@dataclass(frozen=True, slots=True)
class OutlineItem:
    kind: str  # heading, paragraph or other
    level: int
    depth: int
    text: str


def create_app(host: str = "127.0.0.1", port: int = 8000, *, warm: bool = True) -> Guard:
    """The app for a server listening on ``host:port`` (the ``Host`` it answers to)."""
    workshop = Workshop()
    templates = jinja2.Environment(
        loader=jinja2.PackageLoader("exporter.serve", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    static = resources.files("exporter.serve") / "static"
    assets = {name: (static / name).read_bytes() for name in ASSETS}
    cookie = f"exporter-serve-{port}"

    def session_of(request: Request) -> Session:
        return workshop.session(request.cookies.get(cookie))

    def keep(response: Response, session: Session) -> Response:
        response.set_cookie(cookie, session.id, httponly=True, samesite="strict", path="/")
        response.headers["Cache-Control"] = response.headers.get("Cache-Control", "no-store")
        return response

    def page(session: Session, error: str = "", status: int = 200) -> Response:
        build = workshop.build(session)
        context = page_context(workshop, session, build, error)
        response = HTMLResponse(templates.get_template("page.html").render(context), status)
        if build is not None and build.timings:
            response.headers["Server-Timing"] = ", ".join(
                f"{name};dur={seconds * 1000:.1f}" for name, seconds in build.timings.items()
            )
        return keep(response, session)

    def back(session: Session) -> Response:
        return keep(RedirectResponse("/", status_code=303), session)

    async def home(request: Request) -> Response:
        session = session_of(request)
        return await run_in_threadpool(page, session)

    async def take_input(request: Request) -> Response:
        session = session_of(request)
        try:
            form = await request.form(
                max_files=MAX_FILES, max_fields=10, max_part_size=MAX_FILE_BYTES
            )
        except BodyTooLarge as error:
            return await run_in_threadpool(page, session, str(error), 413)
        except HTTPException as error:
            message = str(error.detail)
            if "files" in message.lower():
                message = f"Too many files: at most {MAX_FILES} at once."
            elif "part" in message.lower():
                message = f"The pasted text is too long: at most {mb(MAX_FILE_BYTES)}."
            return await run_in_threadpool(page, session, message, 413)
        inputs: list[tuple[str, bytes]] = []
        try:
            text = form.get("text")
            if isinstance(text, str) and text.strip():
                inputs.append(("pasted text", text.encode("utf-8")))
            for upload in form.getlist("files"):
                if not isinstance(upload, UploadFile) or not (upload.filename or upload.size):
                    continue
                name = upload.filename or "unnamed"
                if (upload.size or 0) > MAX_FILE_BYTES:
                    message = f"{shown(name)} is too large: at most {mb(MAX_FILE_BYTES)} a file."
                    return await run_in_threadpool(page, session, message, 413)
                if Path(name).suffix.lower() not in EXTENSIONS:
                    message = f"{shown(name)}: only .txt, .md and .html files can be read."
                    return await run_in_threadpool(page, session, message, 415)
                inputs.append((name, await upload.read(MAX_FILE_BYTES + 1)))
        finally:
            await form.close()
        if not inputs:
            message = "Nothing to read: paste some text or choose a file."
            return await run_in_threadpool(page, session, message, 400)
        workshop.set_articles(session, inputs)
        return back(session)

    async def choose(request: Request) -> Response:
        session = session_of(request)
        form = await request.form(max_files=0, max_fields=20, max_part_size=64 * 1024)
        values = {name: str(form.get(name, "")) for name in form}
        layout = Layout(
            theme=choice(values.get("theme"), THEMES, "book"),
            paper=choice(values.get("paper"), tuple(PAPER_SIZES), "a4"),
            quotes=choice(values.get("quotes"), QUOTE_STYLES, ""),
            pdf_variant=choice(values.get("pdf_variant"), PDF_VARIANTS, "pdf/ua-1"),
        )
        authors = tuple(
            name.strip() for name in values.get("authors", "").split(";") if name.strip()
        )
        await run_in_threadpool(
            workshop.correct,
            session,
            title=values.get("title", "").strip(),
            authors=authors,
            language=values.get("language", "").strip(),
            layout=layout,
        )
        return back(session)

    async def select(request: Request) -> Response:
        session = session_of(request)
        form = await request.form(max_files=0, max_fields=2, max_part_size=64)
        try:
            workshop.select(session, int(str(form.get("article", ""))))
        except (ValueError, Gone):
            return await run_in_threadpool(page, session, "No such article.", 404)
        return back(session)

    def build_of(request: Request) -> tuple[Session, Build]:
        """The build a URL names, in the session the cookie names: a request
        for a picture or a download never starts a session."""
        session = workshop.existing(request.cookies.get(cookie))
        if session is None:
            raise Gone("this session has ended: reload the page")
        fmt = request.path_params.get("fmt", "epub")
        if fmt not in ("epub", "pdf"):
            raise Gone("no such output")
        return session, workshop.find(session, request.path_params["key"])

    async def picture(request: Request) -> Response:
        fmt, number = request.path_params["fmt"], request.path_params["number"]
        try:
            session, build = build_of(request)
            png = await run_in_threadpool(workshop.picture, build, fmt, number)
        except Gone as error:
            return Response(str(error), 404, media_type="text/plain")
        except ExportError as error:
            return Response(str(error), 500, media_type="text/plain")
        headers = {"Cache-Control": "private, max-age=86400, immutable"}
        return keep(Response(png, media_type="image/png", headers=headers), session)

    async def pdf_pages(request: Request) -> Response:
        try:
            session, build = build_of(request)
            count = await run_in_threadpool(workshop.page_count, build, "pdf")
        except Gone as error:
            return JSONResponse({"error": str(error)}, 404)
        except ExportError as error:
            return JSONResponse({"error": str(error)}, 200)
        shown_pages = min(count, PREVIEW_PAGES)
        data = {
            "pages": count,
            "shown": shown_pages,
            "urls": [f"/b/{build.key}/pdf/{n}.png" for n in range(1, shown_pages + 1)],
            "error": "",
        }
        response = JSONResponse(data)
        if "pdf" in build.timings:
            response.headers["Server-Timing"] = f"pdf;dur={build.timings['pdf'] * 1000:.1f}"
        return keep(response, session)

    async def check(request: Request) -> Response:
        try:
            session, build = build_of(request)
            reports = await run_in_threadpool(workshop.checks, session, build)
        except Gone as error:
            return HTMLResponse(f"<p class='error'>{escape(str(error))}</p>", 404)
        except ExportError as error:
            return HTMLResponse(f"<p class='error'>{escape(str(error))}</p>", 500)
        context = {"reports": [report_view(report) for report in reports]}
        return keep(HTMLResponse(templates.get_template("check.html").render(context)), session)

    async def download(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        try:
            session, build = build_of(request)
            data = await run_in_threadpool(workshop.output, build, fmt)
        except Gone as error:
            return Response(str(error), 404, media_type="text/plain")
        except ExportError as error:
            return Response(str(error), 500, media_type="text/plain")
        media = "application/epub+zip" if fmt == "epub" else "application/pdf"
        return keep(attachment(data, f"{build.name}.{fmt}", media), session)

    async def download_all(request: Request) -> Response:
        session = workshop.existing(request.cookies.get(cookie))
        if session is None or not session.articles:
            return Response("Nothing to download yet.", 404, media_type="text/plain")
        data, errors = await run_in_threadpool(workshop.archive, session)
        response = attachment(data, "articles.zip", "application/zip")
        if errors:
            response.headers["X-Export-Errors"] = json.dumps(errors, ensure_ascii=True)[:2000]
        return keep(response, session)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return Response("Not found.", 404, media_type="text/plain")
        headers = {"Cache-Control": "no-cache"}
        return Response(assets[name], media_type=ASSETS[name], headers=headers)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        if workshop.pdf_pool._shutdown:  # served again after a shutdown (tests)
            workshop.start()
        if warm:
            # The first article then finds every import done and every face loaded.
            workshop.pdf_pool.submit(warm_up)
        yield
        workshop.close()

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/input", take_input, methods=["POST"]),
        Route("/options", choose, methods=["POST"]),
        Route("/select", select, methods=["POST"]),
        Route("/b/{key:str}/{fmt:str}/{number:int}.png", picture, methods=["GET"]),
        Route("/b/{key:str}/pdf/pages", pdf_pages, methods=["GET"]),
        Route("/b/{key:str}/check", check, methods=["GET"]),
        Route("/b/{key:str}/download/{fmt:str}", download, methods=["GET"]),
        Route("/download/articles.zip", download_all, methods=["GET"]),
        Route("/static/{name:str}", asset, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.workshop = workshop
    guard = Guard(app, host=host, port=port, max_body=MAX_BODY_BYTES)
    return guard


# --- what the page shows -------------------------------------------------------------


def page_context(
    workshop: Workshop, session: Session, build: Build | None, error: str
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "error": error,
        "articles": [article.name for article in session.articles],
        "current": session.current,
        "layout": session.layout,
        "build": build,
        "themes": THEMES,
        "papers": tuple(PAPER_SIZES),
        "quote_styles": [(value, QUOTE_LABELS[value]) for value in QUOTE_STYLES],
        "pdf_variants": PDF_VARIANTS,
        "max_files": MAX_FILES,
        "max_file_mb": MAX_FILE_BYTES // (1024 * 1024),
        "accept": ",".join(sorted(EXTENSIONS)),
        "fields": {},
        "meta": None,
        "recognised": None,
        "decisions": [],
        "outline": [],
        "epub_pages": [],
        "epub_more": 0,
    }
    if build is None:
        return context
    article = build.article
    recognised = build.recognised
    meta = build.document.metadata if build.document is not None else None
    context["meta"] = meta
    context["recognised"] = recognised
    context["fields"] = {
        "title": meta.title if meta else article.title or (recognised.title if recognised else ""),
        "authors": "; ".join(
            meta.authors if meta else article.authors or (recognised.authors if recognised else ())
        ),
        "language": meta.language
        if meta
        else article.language or (recognised.language if recognised else ""),
    }
    context["decisions"] = [(d.level, sentence(d.message)) for d in build.diagnostics]
    if build.document is not None:
        from exporter.cli import outline_lines

        context["outline"] = [outline_item(line) for line in outline_lines(build.document.blocks)]
    if build.epub and not build.error:
        try:
            count = workshop.page_count(build, "epub")
        except ExportError as problem:
            context["error"] = context["error"] or str(problem)
        else:
            shown_pages = min(count, PREVIEW_PAGES)
            context["epub_pages"] = [
                f"/b/{build.key}/epub/{n}.png" for n in range(1, shown_pages + 1)
            ]
            context["epub_more"] = count - shown_pages
    return context


def outline_item(line: str) -> OutlineItem:
    """A line of ``exporter inspect``'s outline, taken apart for the page."""
    stripped = line.lstrip(" ")
    depth = (len(line) - len(stripped)) // 2
    if match := re.match(r"(#+) (.*)", stripped):
        return OutlineItem("heading", len(match[1]), depth, match[2])
    if stripped.startswith("¶ "):
        return OutlineItem("paragraph", 0, depth, stripped[2:])
    return OutlineItem("other", 0, depth, stripped)


def sentence(message: str) -> str:
    """A reader's or transform's message as a sentence for this page."""
    text = re.sub(r"\bpass (--[a-z-]+)", lambda m: f"use {FIELD_NAMES.get(m[1], m[1])}", message)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def report_view(report: Any) -> dict[str, Any]:
    from exporter.check.report import (
        KIND_NAMES,
        SEVERITY_ORDER,
        fact_label,
        fact_text,
        verdict,
    )

    return {
        "name": str(report.path),
        "kind": KIND_NAMES[report.kind],
        "verdict": verdict(report),
        "ok": not report.has_errors,
        "findings": [
            (finding.severity.value, finding.message, finding.code)
            for severity in SEVERITY_ORDER
            for finding in report.findings
            if finding.severity is severity
        ],
        "facts": [(fact_label(name), fact_text(value)) for name, value in report.facts.items()],
    }


# --- small helpers ----------------------------------------------------------------------


def choice(value: str | None, choices: tuple[str, ...], default: str) -> str:
    return value if value in choices else default


def mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def shown(name: str) -> str:
    from exporter.serve.work import display_name

    return display_name(name)


def attachment(data: bytes, name: str, media_type: str) -> Response:
    """A download under ``name`` (already an ASCII file name of ours)."""
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type=media_type, headers=headers)
