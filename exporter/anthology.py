"""Many articles as one book (an anthology): ``exporter book``.

Each article is read on its own with :func:`exporter.api.read`, so each gets
its own language, title, byline and typography, exactly as a single export
would. The articles then become the :class:`~exporter.model.Chapter` s of one
document, which runs through the same transforms (the book's title typeset,
ids unique across chapters) and the same writers as an article: nothing here
renders, and no writer knows where its chapters came from.

The book's metadata is the user's (``--title``, ``--author``, ``--lang`` or
``book.toml``), else derived from the chapters by the rules of
:func:`derive_book_metadata`, which never invent an author.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from exporter import api
from exporter.batch import collect_inputs
from exporter.cover import with_cover
from exporter.diagnostics import Diagnostic, Outcome, notice
from exporter.errors import InputError, OptionError
from exporter.model import METADATA_KEYS, Block, Chapter, Document, Figure, Metadata, Resource
from exporter.options import Options, check_choice
from exporter.transforms import run_transforms

#: How chapters are ordered: as given, by file name, by the articles' dates.
ORDERS: tuple[str, ...] = ("given", "name", "date")

#: Endings of a file that describes a book rather than being an article.
BOOK_FILE_SUFFIXES: tuple[str, ...] = (".toml", ".yaml", ".yml")

#: A date we can order by: a year, a month or a day, as ISO 8601 writes it
#: (what Markdown front matter and HTML metadata give); a time may follow.
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")

#: Book metadata nobody gave: everything is derived (a frozen, shared default).
UNSET = Metadata()

#: The output name of a book whose title has no letter we can spell in ASCII.
FALLBACK_STEM = "book"


@dataclass(frozen=True, slots=True)
class ChapterInput:
    """One article of a book and what the user says about it (a
    ``[[chapter]]`` of ``book.toml``); empty fields leave it to the article."""

    path: Path
    title: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""


@dataclass(frozen=True, slots=True)
class BookSpec:
    """A book as ``book.toml`` describes it (or the command line's inputs
    alone): its chapters, its metadata (empty fields are derived), the order,
    the output name, the cover, and the book file's folder, where its
    outputs go by default (``None`` without a book file)."""

    chapters: tuple[ChapterInput, ...]
    metadata: Metadata = field(default_factory=Metadata)
    order: str = "given"
    name: str = ""
    cover: Path | None = None
    folder: Path | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read for the book, before it becomes a chapter."""

    input: ChapterInput
    document: Document


# --- building the book ----------------------------------------------------------


def build_book(
    inputs: Sequence[str | Path | ChapterInput],
    options: Options = Options(),
    *,
    order: str = "given",
    book_metadata: Metadata = UNSET,
) -> Outcome:
    """Read every article and assemble them, in ``order``, as one book.

    ``book_metadata`` holds what the user said about the book; where it is
    empty, ``options.title``, ``options.authors`` and ``options.language``
    (the command line's) are used, then :func:`derive_book_metadata` derives the
    rest from the chapters. ``options`` otherwise apply to every article
    (input format, quote style); the book's cover is ``options.cover``.
    """
    check_choice("chapter order", order, ORDERS)
    if not (book_metadata.title or options.title).strip():
        # Checked before any article is read: no title can be derived.
        raise OptionError("a book needs a title: pass --title or set title in book.toml")
    articles, read_notes = read_articles(expand_inputs(inputs), options)
    diagnostics = list(read_notes)
    articles, order_notes = order_articles(articles, order)
    diagnostics.extend(order_notes)
    chapters, resources, resource_notes = as_chapters(articles)
    diagnostics.extend(resource_notes)

    given = replace(
        book_metadata,
        title=book_metadata.title or options.title,
        authors=book_metadata.authors or options.authors,
        language=book_metadata.language or options.language,
    )
    metadata, metadata_notes = derive_book_metadata(given, chapters)
    diagnostics.extend(metadata_notes)
    book = Document(metadata, tuple(chapters), tuple(resources))
    if options.cover is not None:
        book = with_cover(book, api.load_cover(options.cover))
    book_options = replace(
        options, title=metadata.title, authors=metadata.authors, language=metadata.language
    )
    transformed = run_transforms(book, book_options)
    diagnostics.extend(transformed.diagnostics)
    finished = replace(
        transformed.document,
        metadata=replace(transformed.document.metadata, modified=latest_modified(articles)),
    )
    return Outcome(finished, tuple(dict.fromkeys(diagnostics)))


def export_book(
    inputs: Sequence[str | Path | ChapterInput],
    *,
    out_dir: str | Path | None = None,
    name: str = "",
    options: Options = Options(),
    order: str = "given",
    book_metadata: Metadata = UNSET,
    parallel: bool = False,
) -> api.ExportResult:
    """Build the book and write it to ``out_dir`` (default: the current
    folder) as ``<name>.<format>``, ``name`` defaulting to the title's
    :func:`output_stem`, as :func:`exporter.api.export` writes an article
    (``parallel`` too)."""
    if "/" in name or "\\" in name or name in (".", ".."):
        raise OptionError(f"the output name {name!r} must be a file name, not a path")
    with api.started_helpers(options, parallel=parallel) as helpers:
        outcome = build_book(inputs, options, order=order, book_metadata=book_metadata)
        document = outcome.document
        folder = Path(out_dir) if out_dir is not None else Path.cwd()
        stem = name or output_stem(document.metadata.title)
        outputs = api.write_formats(document, options, folder, stem, helpers)
    return api.ExportResult(outputs, document, outcome.diagnostics)


def read_articles(
    chapter_inputs: Sequence[ChapterInput], options: Options
) -> tuple[list[Article], tuple[Diagnostic, ...]]:
    """Each article read as ``exporter export`` would read it, except that the
    book's title, authors, language and cover are not the article's."""
    article_options = replace(options, title="", authors=(), language="", cover=None)
    articles: list[Article] = []
    diagnostics: list[Diagnostic] = []
    for chapter_input in chapter_inputs:
        outcome = api.read(chapter_input.path, chapter_options(article_options, chapter_input))
        diagnostics.extend(about(chapter_input.path, d) for d in outcome.diagnostics)
        articles.append(Article(chapter_input, outcome.document))
    return articles, tuple(diagnostics)


def expand_inputs(inputs: Sequence[str | Path | ChapterInput]) -> list[ChapterInput]:
    """The chapters' files: folders give their articles in name order (as
    ``exporter export`` finds them); a file listed twice is refused, since
    a book with one article twice is a mistake, not an anthology."""
    found: list[ChapterInput] = []
    for entry in inputs:
        if isinstance(entry, ChapterInput):
            found.append(entry)
        else:
            found.extend(ChapterInput(path) for path in collect_inputs([entry]))
    if not found:
        raise InputError("a book needs at least one article")
    seen: dict[Path, Path] = {}
    for chapter_input in found:
        if str(chapter_input.path) == api.STDIN:
            raise InputError("a book's articles must be files, not standard input")
        key = chapter_input.path.resolve()
        if key in seen:
            raise InputError(f"{chapter_input.path}: listed twice in the book")
        seen[key] = chapter_input.path
    return found


def chapter_options(options: Options, chapter_input: ChapterInput) -> Options:
    """The options an article is read with: the book's, plus what the user
    said about this chapter (``book.toml``), which wins over the article."""
    return replace(
        options,
        title=chapter_input.title,
        authors=chapter_input.authors,
        language=chapter_input.language,
    )


def about(path: Path, diagnostic: Diagnostic) -> Diagnostic:
    """A chapter's diagnostic, naming its file: a book has many inputs (some
    readers name it already)."""
    if diagnostic.message.startswith(f"{path.name}:"):
        return diagnostic
    return replace(diagnostic, message=f"{path.name}: {diagnostic.message}")


# --- order -------------------------------------------------------------------------


def order_articles(
    articles: list[Article], order: str
) -> tuple[list[Article], tuple[Diagnostic, ...]]:
    """``given`` keeps the user's order; ``name`` sorts by file name, numbers
    by value (:func:`natural_key`: "2-b" before "10-a"); ``date`` sorts by
    each article's date, oldest first (:func:`date_key`), undated articles
    last in the order given, with a notice naming them."""
    if order == "name":
        return sorted(articles, key=lambda a: natural_key(a.input.path.name)), ()
    if order == "date":
        keyed = [(date_key(a.document.metadata.date), a) for a in articles]
        undated = [a.input.path.name for key, a in keyed if key is None]
        ordered = [a for key, a in sorted(keyed, key=lambda pair: (pair[0] is None, pair[0] or ()))]
        notes = ()
        if undated:
            notes = (
                notice(
                    "book.undated",
                    f"no date in {', '.join(undated)}: placed after the dated articles",
                ),
            )
        return ordered, notes
    return list(articles), ()


def natural_key(name: str) -> list[int | str]:
    """A file name's sort key, comparing runs of digits as numbers. Splitting
    at digit runs always yields text, number, text…, so keys compare."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def date_key(date: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO 8601 date; a missing month or day counts
    as 0, so "2024" sorts before "2024-01-15". ``None`` for no date or one in
    another form, which we cannot place."""
    match = ISO_DATE.match(date.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    return int(year), int(month or 0), int(day or 0)


# --- chapters ------------------------------------------------------------------------


def as_chapters(
    articles: list[Article],
) -> tuple[list[Chapter], list[Resource], tuple[Diagnostic, ...]]:
    """Each article as a chapter, with the images of all in one list.

    A chapter keeps its article's metadata but not its modification time
    (the book has one, :func:`latest_modified`) nor its cover, which would be
    one of many covers inside the book: the cover image stays only if the
    article shows it as a figure too. Image names are made unique across the
    book (:func:`merge_resources`)."""
    chapters: list[Chapter] = []
    resources: list[Resource] = []
    diagnostics: list[Diagnostic] = []
    for article in articles:
        document = article.document
        metadata = document.metadata
        shown = figure_sources(document.blocks)
        own = [r for r in document.resources if r.name != metadata.cover or r.name in shown]
        if metadata.cover and metadata.cover not in shown:
            diagnostics.append(
                notice(
                    "book.chapter-cover",
                    f"{article.input.path.name}: its cover image is not used in the book "
                    "(pass --cover for the book's cover)",
                )
            )
        renamed = merge_resources(resources, own)
        blocks = rename_figures(document.blocks, renamed) if renamed else document.blocks
        chapter_metadata = replace(metadata, modified="", cover="")
        chapters.append(Chapter(chapter_metadata, blocks))
    return chapters, resources, tuple(diagnostics)


def merge_resources(book: list[Resource], chapter: Iterable[Resource]) -> dict[str, str]:
    """Add a chapter's images to the book's list; return the renames made.

    Readers name images by their content, so the same image in two articles
    has the same name and is kept once. Two different images with one name
    (a document from elsewhere) must not overwrite each other: the later one
    becomes ``name-2.ext`` (or ``-3``…)."""
    taken = {resource.name: resource for resource in book}
    renamed: dict[str, str] = {}
    for resource in chapter:
        existing = taken.get(resource.name)
        if existing is not None and existing.data == resource.data:
            continue
        name = resource.name
        if existing is not None:
            stem, dot, suffix = name.rpartition(".")
            if not dot:
                stem, suffix = name, ""
            number = 2
            while (name := f"{stem}-{number}{dot}{suffix}") in taken:
                number += 1
            renamed[resource.name] = name
        resource = replace(resource, name=name)
        taken[name] = resource
        book.append(resource)
    return renamed


def figure_sources(blocks: tuple[Block, ...]) -> set[str]:
    """The resource names the figures of ``blocks`` show, at any depth."""
    sources: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, Figure):
            sources.add(node.src)
        if isinstance(node, tuple):
            for item in node:
                visit(item)
        elif is_dataclass(node) and not isinstance(node, Metadata | Resource | type):
            for child in fields(node):
                visit(getattr(node, child.name))

    visit(blocks)
    return sources


def rename_figures(blocks: tuple[Block, ...], renamed: dict[str, str]) -> tuple[Block, ...]:
    """``blocks`` with each figure's ``src`` renamed as ``renamed`` says."""

    def rename(node: Any) -> Any:
        if isinstance(node, tuple):
            return tuple(rename(item) for item in node)
        if not is_dataclass(node) or isinstance(node, Metadata | Resource | type):
            return node
        if isinstance(node, Figure):
            return replace(node, src=renamed.get(node.src, node.src))
        return replace(node, **{f.name: rename(getattr(node, f.name)) for f in fields(node)})

    return rename(blocks)


# --- the book's metadata ---------------------------------------------------------------


def derive_book_metadata(
    given: Metadata, chapters: Sequence[Chapter]
) -> tuple[Metadata, tuple[Diagnostic, ...]]:
    """The book's metadata: what the user gave, and where nothing was given:

    - title: none can be derived (an article's title is not the book's):
      :func:`build_book` requires one;
    - authors: the chapters' when they all name the same; otherwise none, as
      an anthology's cover names its editor or no one (never "Various", an
      author nobody is), with a notice suggesting ``--author``;
    - language: the one most chapters are in, ties going to the earlier;
    - date: the latest chapter's (ISO dates only), the day the last article
      appeared being the earliest the book could.
    """
    diagnostics: list[Diagnostic] = []
    metadata = given
    if not metadata.authors:
        metadata = replace(metadata, authors=shared_authors(chapters))
        named = list(dict.fromkeys(a for c in chapters for a in c.metadata.authors))
        if not metadata.authors and named:
            diagnostics.append(
                notice(
                    "book.authors",
                    f"the chapters have different authors ({'; '.join(named)}): the book "
                    "names none on its title page; pass --author to name its editor or authors",
                )
            )
    if not metadata.language:
        languages = Counter(c.metadata.language for c in chapters if c.metadata.language)
        if languages:
            # most_common keeps first-counted order among equals: ties go to
            # the language of the earlier chapter.
            language = languages.most_common(1)[0][0]
            metadata = replace(metadata, language=language)
            if len(languages) > 1:
                diagnostics.append(
                    notice(
                        "book.language",
                        f"the chapters are in {', '.join(languages)}: the book's language is "
                        f"{language} (most chapters'; in a tie, the earlier chapter's); "
                        "pass --lang to set it",
                    )
                )
    if not metadata.date:
        metadata = replace(metadata, date=latest_date(chapters))
    return metadata, tuple(diagnostics)


def shared_authors(chapters: Sequence[Chapter]) -> tuple[str, ...]:
    """The chapters' authors if every chapter names the same ones, else ()."""
    author_sets = {chapter.metadata.authors for chapter in chapters}
    return author_sets.pop() if len(author_sets) == 1 else ()


def latest_date(chapters: Sequence[Chapter]) -> str:
    """The latest ISO date among the chapters, as written, or ""."""
    dated = [
        (key, chapter.metadata.date.strip())
        for chapter in chapters
        if (key := date_key(chapter.metadata.date)) is not None
    ]
    if not dated:
        return ""
    key, date = max(dated)
    return ISO_DATE.match(date).group(0)  # type: ignore[union-attr]


def latest_modified(articles: Sequence[Article]) -> str:
    """When the book last changed: when its newest article did (the API
    stamps each from ``SOURCE_DATE_EPOCH``, its date or its file), never
    the clock. ISO 8601 UTC strings of one form compare as their times."""
    return max((a.document.metadata.modified for a in articles), default="")


def output_stem(title: str) -> str:
    """A file name from the book's title: ASCII letters and digits joined by
    hyphens ("Stimmen aus Europa" -> "stimmen-aus-europa"), or
    :data:`FALLBACK_STEM` for a title without any."""
    folded = unicodedata.normalize("NFKD", title.replace("ß", "ss"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return stem or FALLBACK_STEM


# --- book.toml -------------------------------------------------------------------------

#: Keys of ``[book]`` and their Metadata fields: those of front matter, but
#: for the identifier and source, which a book derives from its chapters.
BOOK_KEYS = {
    key: name for key, name in METADATA_KEYS.items() if name not in ("identifier", "source")
}
BOOK_OTHER_KEYS = ("order", "name", "cover")
CHAPTER_KEYS = ("file", "title", "author", "authors", "lang", "language")


def is_book_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in BOOK_FILE_SUFFIXES


def book_spec(inputs: Sequence[str | Path]) -> BookSpec:
    """The book the command line asks for: one book file, or articles and
    folders of articles (:func:`expand_inputs`)."""
    if any(is_book_file(entry) for entry in inputs):
        if len(inputs) > 1:
            raise OptionError("give either one book file (book.toml) or the articles, not both")
        return load_book_file(inputs[0])
    return BookSpec(tuple(expand_inputs(inputs)))


def load_book_file(path: str | Path) -> BookSpec:
    """A book described in TOML (``[book]`` and ``[[chapter]]`` tables) or the
    same structure in YAML (``book:`` and ``chapter:``). Chapter files and the
    cover are relative to the book file's folder. Unknown keys are errors, so
    that a misspelt key does not silently do nothing."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{file}: cannot read ({error})") from None
    data = parse_book_file(file, text)
    folder = file.resolve().parent
    book = data.get("book", {})
    chapters = data.get("chapter", data.get("chapters", []))
    unknown = set(data) - {"book", "chapter", "chapters"}
    if unknown:
        raise OptionError(
            f"{file}: unknown section {sorted(unknown)[0]!r} (use [book], [[chapter]])"
        )
    if not isinstance(book, dict) or not isinstance(chapters, list):
        raise OptionError(f"{file}: [book] must be a table and [[chapter]] a list of tables")
    check_keys(file, "[book]", book, (*BOOK_KEYS, *BOOK_OTHER_KEYS))
    values: dict[str, Any] = {}
    for key, name in BOOK_KEYS.items():
        if key in book:
            values[name] = (
                names(file, key, book[key]) if name == "authors" else text_of(file, key, book[key])
            )
    order = text_of(file, "order", book.get("order", "given"))
    check_choice("chapter order", order, ORDERS)
    cover = book.get("cover")
    return BookSpec(
        chapters=tuple(chapter_input(file, folder, entry) for entry in chapters),
        metadata=Metadata(**values),
        order=order,
        name=text_of(file, "name", book.get("name", "")),
        cover=folder / text_of(file, "cover", cover) if cover else None,
        folder=folder,
    )


def parse_book_file(file: Path, text: str) -> dict[str, Any]:
    if file.suffix.lower() == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise OptionError(f"{file}: not valid TOML ({error})") from None
    import yaml  # only YAML book files need it

    from exporter import safe_yaml

    try:
        data = safe_yaml.load(text)
    except safe_yaml.YamlLimitError as error:
        raise OptionError(f"{file}: refused: its YAML {error}") from None
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise OptionError(f"{file}: not valid YAML ({reason})") from None
    if not isinstance(data, dict):
        raise OptionError(f"{file}: expected book: and chapter: entries")
    return data


def chapter_input(file: Path, folder: Path, entry: Any) -> ChapterInput:
    if isinstance(entry, str):
        entry = {"file": entry}
    if not isinstance(entry, dict) or "file" not in entry:
        raise OptionError(f"{file}: every [[chapter]] needs a file")
    check_keys(file, "[[chapter]]", entry, CHAPTER_KEYS)
    authors = entry.get("authors", entry.get("author", ()))
    return ChapterInput(
        path=folder / text_of(file, "file", entry["file"]),
        title=text_of(file, "title", entry.get("title", "")),
        authors=names(file, "author", authors) if authors else (),
        language=text_of(file, "lang", entry.get("lang", entry.get("language", ""))),
    )


def check_keys(file: Path, table: str, values: dict[str, Any], known: Iterable[str]) -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise OptionError(
            f"{file}: unknown key {unknown[0]!r} in {table} (known: {', '.join(known)})"
        )


def text_of(file: Path, key: str, value: Any) -> str:
    """A string value; a YAML or TOML date is written as ISO 8601."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if not isinstance(value, str):
        raise OptionError(f"{file}: {key} must be text, not {value!r}")
    return value.strip()


def names(file: Path, key: str, value: Any) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise OptionError(f"{file}: {key} must be a name or a list of names")
    return tuple(v.strip() for v in values if v.strip())
