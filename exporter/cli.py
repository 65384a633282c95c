"""The command line: a thin typer layer over :mod:`exporter.api`.

Commands only parse options, call the API and print. ``ExportError`` is caught
here and nowhere else, and becomes one line on stderr and the error's exit code.
"""

# No ``from __future__ import annotations`` here: typer would then evaluate
# every option's annotation from its string at each start-up (0.01 s).

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

# Imported where used: a single export need not pay for the batch engine,
# the anthology or rich's tables at start-up.
if TYPE_CHECKING:
    from rich.table import Table

    from exporter import batch

from exporter import api, model
from exporter.diagnostics import Diagnostic, readable
from exporter.errors import ExportError, InputError
from exporter.options import FORMATS, PAPER_SIZES, PDF_VARIANTS, THEMES, Options
from exporter.readers import READERS
from exporter.writers.html import author_line

EXAMPLES = """Examples:

\b
  exporter export article.txt                 # article.epub and article.pdf next to it
  exporter export article.txt --format epub --out books/
  exporter export article.txt --title "Nordkorea in Kursk" --author "Catherine H." --lang de
  exporter inspect article.txt                # what the reader recognised
  exporter inspect article.txt --json         # the document model as JSON
  exporter export articles/ -j 2              # every article in a folder, in parallel
  exporter check article.epub article.pdf     # validate what was made
  exporter book a.md b.txt c.md --title "Drei Stimmen"   # one book, a chapter each
  exporter book book.toml                     # a book described in a file
  exporter serve --open                       # the same in the browser, on this machine
"""

#: Exit code for a bug of ours (EX_SOFTWARE), kept apart from the user's errors.
INTERNAL_ERROR = 70


class PlainHelpCommand(TyperCommand):
    """A command whose help shows "[default: epub,pdf]" as written.

    Typer escapes those brackets for rich ("\\[default: …]") whenever rich
    is installed, even with rich markup off (typer 0.20), and with markup off
    nothing takes the backslash out again.
    """

    def get_help(self, ctx: typer.Context) -> str:
        return super().get_help(ctx).replace("\\[", "[")


app = typer.Typer(
    help="Turn an article into a valid EPUB and a typeset PDF.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def version_callback(value: bool) -> None:
    if value:
        from exporter import __version__

        typer.echo(f"exporter {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Turn an article into a valid EPUB and a typeset PDF."""


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn our errors into one line and an exit code; never show a traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except ExportError as error:
        typer.echo(f"exporter: error: {error}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("exporter: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as error:  # a bug of ours: still one line, unless debugging
        if os.environ.get("EXPORTER_DEBUG"):
            raise
        typer.echo(
            f"exporter: internal error: {type(error).__name__}: {error} "
            "(set EXPORTER_DEBUG=1 to see the traceback, and please report it)",
            err=True,
        )
        raise typer.Exit(INTERNAL_ERROR) from None


def print_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        typer.echo(f"{diagnostic.level}: {diagnostic.message}", err=True)


def parse_formats(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.split(",") if part.strip())


def make_options(
    *,
    title: str | None,
    authors: list[str] | None,
    lang: str | None,
    input_format: str | None,
    formats: str = ",".join(FORMATS),
    paper: str = "a4",
    **layout: Any,
) -> Options:
    """Options from the command line; ``layout`` holds the remaining
    :class:`Options` fields under their own names."""
    css = layout.pop("css", None)
    return Options(
        title=title or "",
        authors=tuple(a.strip() for a in authors or () if a.strip()),
        language=lang or "",
        input_format=input_format or "",
        formats=parse_formats(formats),
        paper=paper.lower(),
        extra_css=api.load_stylesheet(css) if css else "",
        **{name: value for name, value in layout.items() if value is not None},
    )


InputArg = Annotated[
    str, typer.Argument(metavar="INPUT", help="The article: a file, or - for standard input.")
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="Title (wins over the input's).")
]
AuthorOpt = Annotated[
    list[str] | None, typer.Option("--author", metavar="NAME", help="Author; repeat for several.")
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", metavar="TAG", help="Language as a BCP 47 tag, e.g. de, en-GB."),
]
FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="FORMAT", help=f"Input format ({', '.join(READERS)}); default: detected."
    ),
]

#: The default of ``--format``: every output.
ALL_FORMATS = ",".join(FORMATS)

FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", metavar="LIST", help="Outputs, comma-separated: epub,pdf."),
]
PaperOpt = Annotated[
    str,
    typer.Option("--paper", metavar="SIZE", help=f"PDF paper size: {'|'.join(PAPER_SIZES)}."),
]
ThemeOpt = Annotated[
    str, typer.Option("--theme", metavar="NAME", help=f"Design: {'|'.join(THEMES)}.")
]
QuotesOpt = Annotated[
    str | None,
    typer.Option(
        "--quotes",
        metavar="STYLE",
        help="guillemets (»…«) or low („…”) instead of the language's own quotes.",
    ),
]
CssOpt = Annotated[
    Path | None, typer.Option("--css", metavar="FILE", help="Your own stylesheet, added last.")
]
EmbedFontsOpt = Annotated[
    bool,
    typer.Option("--embed-fonts/--no-embed-fonts", help="Embed the text face in the EPUB."),
]
PdfVariantOpt = Annotated[
    str,
    typer.Option("--pdf-variant", metavar="NAME", help=f"PDF standard: {'|'.join(PDF_VARIANTS)}."),
]
BleedOpt = Annotated[
    str | None,
    typer.Option("--bleed", metavar="LENGTH", help="Bleed around each PDF page, e.g. 3mm."),
]
CropMarksOpt = Annotated[
    bool, typer.Option("--crop-marks", help="Print crop marks on each PDF page.")
]
CoverOpt = Annotated[
    Path | None,
    typer.Option("--cover", metavar="IMAGE", help="Cover image (JPEG or PNG); default: made."),
]
PdfCoverOpt = Annotated[
    bool, typer.Option("--pdf-cover", help="Put the cover on the PDF's first page.")
]


@app.command(cls=PlainHelpCommand)
def export(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Articles: files, folders (searched recursively), or - for standard input.",
        ),
    ],
    format: FormatOpt = ALL_FORMATS,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder for the outputs (default: beside each input).",
        ),
    ] = None,
    title: TitleOpt = None,
    author: AuthorOpt = None,
    lang: LangOpt = None,
    paper: PaperOpt = "a4",
    from_: FromOpt = None,
    theme: ThemeOpt = "book",
    quotes: QuotesOpt = None,
    css: CssOpt = None,
    embed_fonts: EmbedFontsOpt = True,
    pdf_variant: PdfVariantOpt = "pdf/ua-1",
    bleed: BleedOpt = None,
    crop_marks: CropMarksOpt = False,
    cover: CoverOpt = None,
    pdf_cover: PdfCoverOpt = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Parallel workers for several inputs (default: all cores).",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="ADDRESS",
            help="Run the jobs on a Dask cluster, e.g. tcp://host:8786.",
        ),
    ] = None,
) -> None:
    """Export articles to EPUB and PDF."""
    with reported_errors():
        options = make_options(
            title=title,
            authors=author,
            lang=lang,
            input_format=from_,
            formats=format,
            paper=paper,
            theme=theme.lower(),
            quotes=quotes,
            css=css,
            embed_fonts=embed_fonts,
            pdf_variant=pdf_variant.lower(),
            bleed=bleed,
            crop_marks=crop_marks,
            cover=cover,
            pdf_cover=pdf_cover,
        )
        if len(inputs) == 1 and not Path(inputs[0]).is_dir() and cluster is None:
            result = api.export(inputs[0], out_dir=out, options=options, parallel=True)
            print_diagnostics(result.diagnostics)
            for path in result.outputs:
                typer.echo(f"wrote {path}")
            return
        items = run_batch(inputs, out=out, options=options, jobs=jobs, cluster=cluster)
    if not all(item.ok for item in items):
        raise typer.Exit(1)


@app.command(cls=PlainHelpCommand)
def book(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="The articles, a chapter each (files or folders), or one book.toml "
            "(or .yaml) listing them with the book's title and author.",
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="The book's title (here or in book.toml)."),
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option(
            "--author",
            metavar="NAME",
            help="The book's author or editor; repeat for several "
            "(default: the articles' author, if they all have the same).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="TAG",
            help="The book's language (default: most chapters'); chapters keep their own.",
        ),
    ] = None,
    order: Annotated[
        str | None,
        typer.Option(
            "--order",
            metavar="ORDER",
            help="Chapter order: given|name|date (default: given).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder for the outputs (default: the book file's, or the current folder).",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="NAME", help="Output file name, no ending (default: from the title)."
        ),
    ] = None,
    format: FormatOpt = ALL_FORMATS,
    paper: PaperOpt = "a4",
    from_: FromOpt = None,
    theme: ThemeOpt = "book",
    quotes: QuotesOpt = None,
    css: CssOpt = None,
    embed_fonts: EmbedFontsOpt = True,
    pdf_variant: PdfVariantOpt = "pdf/ua-1",
    bleed: BleedOpt = None,
    crop_marks: CropMarksOpt = False,
    cover: CoverOpt = None,
    pdf_cover: PdfCoverOpt = False,
) -> None:
    """Make one book of several articles: a chapter each, with its title and
    author line, and a table of contents. Options given here win over book.toml."""
    from exporter import anthology

    with reported_errors():
        spec = anthology.book_spec(inputs)
        options = make_options(
            title=None,
            authors=None,
            lang=None,
            input_format=from_,
            formats=format,
            paper=paper,
            theme=theme.lower(),
            quotes=quotes,
            css=css,
            embed_fonts=embed_fonts,
            pdf_variant=pdf_variant.lower(),
            bleed=bleed,
            crop_marks=crop_marks,
            cover=cover or spec.cover,
            pdf_cover=pdf_cover,
        )
        authors = tuple(a.strip() for a in author or () if a.strip())
        metadata = replace(
            spec.metadata,
            title=title or spec.metadata.title,
            authors=authors or spec.metadata.authors,
            language=lang or spec.metadata.language,
        )
        result = anthology.export_book(
            spec.chapters,
            out_dir=out if out is not None else spec.folder,
            name=name or spec.name,
            options=options,
            order=(order or spec.order).lower(),
            book_metadata=metadata,
            parallel=True,
        )
        print_diagnostics(result.diagnostics)
        for path in result.outputs:
            typer.echo(f"wrote {path}")


def run_batch(
    inputs: list[str], *, out: Path | None, options: Options, jobs: int | None, cluster: str | None
) -> "tuple[batch.BatchItem, ...]":
    """Export many inputs with a progress bar, then print a summary table."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from exporter import batch
    from exporter.cluster import dask_executor

    paths = batch.collect_inputs(inputs)
    if not paths:
        raise InputError("no articles found in " + ", ".join(inputs))
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with ExitStack() as stack:
        executor = stack.enter_context(dask_executor(cluster)) if cluster is not None else None
        progress = stack.enter_context(Progress(*columns, console=console, transient=True))
        task = progress.add_task("exporting", total=len(paths))
        items = batch.export_many(
            paths,
            out_dir=out,
            options=options,
            executor=executor,
            jobs=jobs,
            on_done=lambda item: progress.advance(task),
        )
    console.print(summary_table(items))
    return items


def summary_table(items: "tuple[batch.BatchItem, ...]") -> "Table":
    from rich.table import Table

    table = Table(title="exporter", title_justify="left")
    for name in ("input", "outputs", "pages", "warnings", "time", "status"):
        figures = name in ("pages", "warnings", "time")
        # A name cut to "nordkorea-kursk.d…" names no file: long ones wrap.
        table.add_column(
            name, justify="right" if figures else "left", no_wrap=figures, overflow="fold"
        )
    for item in items:
        warnings = sum(1 for d in item.diagnostics if d.level == "warning")
        table.add_row(
            item.input,
            "\n".join(p.name for p in item.outputs),
            str(item.pages) if item.pages else "",
            str(warnings),
            f"{item.seconds:.2f} s",
            "ok" if item.ok else f"failed: {item.error}",
        )
    failed = sum(1 for item in items if not item.ok)
    table.caption = f"{len(items) - failed} exported, {failed} failed"
    return table


@app.command(cls=PlainHelpCommand)
def inspect(
    input: InputArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the document model as JSON.")
    ] = False,
    title: TitleOpt = None,
    author: AuthorOpt = None,
    lang: LangOpt = None,
    from_: FromOpt = None,
) -> None:
    """Show what the reader recognised: metadata and an outline of the blocks."""
    with reported_errors():
        options = make_options(title=title, authors=author, lang=lang, input_format=from_)
        outcome = api.read(input, options)
        if as_json:
            typer.echo(model.to_json(outcome.document, indent=2))
        else:
            typer.echo(describe(outcome.document))
        print_diagnostics(outcome.diagnostics)


@app.command(cls=PlainHelpCommand)
def check(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="EPUB and PDF files to validate.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the reports as JSON.")] = False,
) -> None:
    """Validate EPUBs (EPUBCheck, accessibility, languages, cover) and PDFs
    (fonts, missing glyphs, tags, PDF/A and PDF/UA claims, metadata); exit 1 on any error."""
    from exporter import check as checking

    with reported_errors():
        reports = checking.check_files(files)
        rendered = checking.to_json(reports) if as_json else checking.render_text(reports)
        typer.echo(rendered, nl=not rendered.endswith("\n"))
    if checking.has_errors(reports):
        raise typer.Exit(1)


@app.command(cls=PlainHelpCommand)
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host", metavar="ADDRESS", help="Address to listen on (default: this machine only)."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", min=0, max=65535, help="Port to listen on.")
    ] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in a browser.")
    ] = False,
) -> None:
    """Preview and export in the browser: paste or drop articles, correct what
    was recognised, see both outputs, download them (pip install 'exporter[serve]')."""
    with reported_errors():
        from exporter.serve import run

        run(host, port, open_browser=open_browser)


def describe(document: model.Document) -> str:
    """A human outline: metadata, then one line per block."""
    meta = document.metadata
    fields = [
        ("title", meta.title),
        ("authors", author_line(meta.authors) or "(none)"),
        ("language", meta.language),
    ]
    for name in ("subtitle", "date", "publisher", "source", "identifier"):
        if value := getattr(meta, name):
            fields.append((name, value))
    lines = [f"{name + ':':<12}{value}" for name, value in fields]
    lines.append("")
    lines.extend(outline_lines(document.blocks))
    return "\n".join(lines)


def outline_lines(blocks: tuple[model.Block, ...], depth: int = 0) -> Iterator[str]:
    indent = "  " * depth
    for block in blocks:
        match block:
            case model.Heading(level, children):
                yield f"{indent}{'#' * level} {model.plain_text(children)}"
            case model.Paragraph(children):
                yield f"{indent}¶ {first_words(model.plain_text(children))}"
            case model.BlockQuote(inner):
                yield f"{indent}> quote"
                yield from outline_lines(inner, depth + 1)
            case model.ListBlock(items, ordered):
                yield f"{indent}{'1.' if ordered else '-'} list of {len(items)} items"
            case model.DefinitionList(items):
                yield f"{indent}: definition list of {len(items)} terms"
                for entry in items:
                    yield f"{indent}  {first_words(model.plain_text(entry.term))}"
            case model.SceneBreak():
                yield f"{indent}* * *"
            case model.CodeBlock(text):
                yield f"{indent}``` {first_words(text)}"
            case model.Figure(src, alt):
                yield f"{indent}[figure {src}: {alt}]"
            case model.Table(head, body):
                yield f"{indent}[table {len(head) + len(body)} rows]"
            case model.FootnoteDef(label, inner):
                yield f"{indent}[^{label}] {first_words(plain_blocks(inner))}"
            case model.Chapter(metadata, inner):
                yield f"{indent}== {metadata.title} ({author_line(metadata.authors) or '-'})"
                yield from outline_lines(inner, depth + 1)


def plain_blocks(blocks: tuple[model.Block, ...]) -> str:
    return " ".join(
        model.plain_text(block.children) for block in blocks if isinstance(block, model.Paragraph)
    )


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return readable(" ".join(words[:count]) + (" …" if len(words) > count else ""))


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, prog_name="exporter")
    finally:
        # The process ends here. Without this, the interpreter's last garbage
        # collections walk every object of every module imported: 0.1 s, a
        # quarter of an EPUB export. Frozen objects are skipped; atexit
        # handlers still run, and the memory goes back with the process.
        gc.freeze()


if __name__ == "__main__":
    main(sys.argv[1:])
