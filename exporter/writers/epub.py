"""The EPUB 3 writer: packages the shared XHTML renderer's output with ebooklib.

Markup is decided in :mod:`exporter.writers.html`; this module only cuts the
rendered body into content documents, adds the title page, the navigation
document (and an NCX for EPUB 2 reading systems), the stylesheet with subset
fonts and the images, and writes the package metadata. Output is
deterministic: the same document gives byte-identical EPUBs, so an export can
be checked into version control or compared against an earlier one.

ebooklib is used for what it does well (the package document, the nav and the
NCX). Where it would change our markup or the bytes, we go around it, each
time for a reason given where it happens.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

from ebooklib import epub
from lxml import etree

from exporter import fonts, styles
from exporter.errors import RenderError
from exporter.model import Document, Metadata, Resource
from exporter.options import Options
from exporter.timestamps import FALLBACK, modified_time
from exporter.transforms.ids import assign_ids
from exporter.writers import html

TITLE_PAGE = "titlepage.xhtml"
CONTENTS = "contents.xhtml"
NAV = "nav.xhtml"
STYLESHEET = "style.css"
FONT_DIR = "fonts"
XHTML_MEDIA_TYPE = "application/xhtml+xml"

#: Language of last resort for ``dc:language``, which EPUB requires: the
#: BCP 47 tag for "undetermined", rather than a guess.
UNDETERMINED = "und"

#: ``dc:title`` is required; used only when neither the document nor the
#: options give a title.
UNTITLED = "Untitled"

#: The W3C date-time profile EPUB asks ``dc:date`` to follow; a date in any
#: other form is left out of the package metadata (it stays on the title page).
W3CDTF = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?")

#: Characters a reading system draws without their being in the text: list
#: markers (the bullet, numbers). Kept in the subset fonts so that markers are
#: set in the same face as the items. (Literata has no ◦ or ▪ for nested lists.)
MARKER_CHARACTERS = "0123456789.•"


@dataclass(frozen=True, slots=True)
class NavLabels:
    """The few words the writer itself puts into a book, in its language."""

    contents: str
    landmarks: str
    title_page: str
    start: str


NAV_LABELS: dict[str, NavLabels] = {
    "en": NavLabels("Contents", "Landmarks", "Title page", "Start of text"),
    "de": NavLabels("Inhalt", "Orientierung", "Titelseite", "Textbeginn"),
    "fr": NavLabels("Table des matières", "Repères", "Page de titre", "Début du texte"),
    "es": NavLabels("Índice", "Puntos de referencia", "Portada", "Comienzo del texto"),
    "it": NavLabels("Indice", "Punti di riferimento", "Frontespizio", "Inizio del testo"),
}


@dataclass(frozen=True, slots=True)
class ContentDocument:
    """One XHTML file of the spine, kept parsed: the writer links across
    files and measures text on the tree, and serializes it only at the end."""

    file_name: str
    title: str
    tree: etree._Element


def write(document: Document, options: Options) -> bytes:
    """The EPUB file for ``document``, as bytes."""
    # The ids transform has normally run already (then this changes
    # nothing); a document handed to the writer directly still needs heading
    # ids for its navigation and an identifier for its package.
    document = assign_ids(document, options).document
    metadata = document.metadata
    title = metadata.title or options.title or UNTITLED
    language = metadata.language or options.language or UNDETERMINED
    labels = nav_labels(language)
    rendered = html.render(document)

    front = [content_document(TITLE_PAGE, title, language, rendered.title_page)]
    if rendered.is_book:  # the printed contents page follows the title page
        front.append(content_document(CONTENTS, labels.contents, language, rendered.contents))
    body = body_documents(rendered, title, language)
    locations = id_locations(body)
    for doc in [*front, *body]:
        link_across_documents(doc, locations)
    faces = (
        fonts.embedded_faces(
            book_text([*front, *body], labels), fonts.THEME_FAMILIES[options.theme]
        )
        if options.embed_fonts
        else ()
    )

    book = epub.EpubBook()
    set_metadata(book, metadata, title, language)
    add_files(book, faces, document.resources, options, is_book=rendered.is_book)
    add_spine(book, [*front, *body])
    add_navigation(book, toc(rendered.outline, locations, body[0].file_name, title), labels)
    modified = modification_time(metadata)
    return normalized_zip(package(book, modified, labels), modified)


def add_files(
    book: epub.EpubBook,
    faces: tuple[fonts.FontFace, ...],
    resources: tuple[Resource, ...],
    options: Options,
    *,
    is_book: bool = False,
) -> None:
    """The stylesheet, the fonts it declares and the images."""
    book.add_item(
        epub.EpubItem(
            uid="style",
            file_name=STYLESHEET,
            media_type="text/css",
            content=book_stylesheet(faces, options, is_book=is_book).encode("utf-8"),
        )
    )
    for number, face in enumerate(faces, start=1):
        book.add_item(
            epub.EpubItem(
                uid=f"font-{number}",
                file_name=f"{FONT_DIR}/{face.file_name}",
                media_type=face.media_type,
                content=face.data,
            )
        )
    for number, resource in enumerate(resources, start=1):
        book.add_item(
            epub.EpubItem(
                uid=f"image-{number}",
                file_name=html.resource_href(resource.name),
                media_type=resource.media_type,
                content=resource.data,
            )
        )


def add_spine(book: epub.EpubBook, documents: list[ContentDocument]) -> None:
    """The content documents, in reading order, the title page first.

    They go in as plain items holding our finished bytes: ebooklib's EpubHtml
    re-parses its content with an HTML (not XML) parser and pretty-prints it,
    which puts visible whitespace into ``<pre>``.
    """
    spine = []
    for number, doc in enumerate(documents):
        item = epub.EpubItem(
            uid="titlepage" if number == 0 else f"text-{number}",
            file_name=doc.file_name,
            media_type=XHTML_MEDIA_TYPE,
            content=serialize(doc.tree),
        )
        book.add_item(item)
        spine.append(item)
    book.spine = spine


def add_navigation(book: epub.EpubBook, entries: list, labels: NavLabels) -> None:
    """The EPUB 3 navigation document (toc and landmarks) and the NCX.

    ebooklib writes both from ``book.toc`` and ``book.guide``, but only for
    items added by hand. The guide's "text" becomes the "bodymatter" landmark.
    """
    nav = epub.EpubNav(file_name=NAV, title=labels.contents)
    nav.add_link(href=STYLESHEET, rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = entries
    start = next(item.file_name for item in book.spine[1:] if item.file_name != CONTENTS)
    book.guide = [
        {"href": TITLE_PAGE, "title": labels.title_page, "type": "titlepage"},
        {"href": start, "title": labels.start, "type": "text"},
    ]


def package(book: epub.EpubBook, modified: datetime, labels: NavLabels) -> bytes:
    """ebooklib's zip of ``book``."""
    buffer = io.BytesIO()
    try:
        epub.write_epub(
            buffer,
            book,
            {
                # Without this, ebooklib reports a failed write as False.
                "raise_exceptions": True,
                # ebooklib writes the datetime as given, followed by "Z".
                "mtime": modified.astimezone(UTC),
                "landmark_title": labels.landmarks,
                # ebooklib would list every element with an id and an
                # epub:type (chapters, footnotes) as a print page.
                "epub3_pages": False,
                "play_order": {"enabled": True, "start_from": 1},
            },
        )
    except (OSError, ValueError, etree.LxmlError) as error:
        raise RenderError(f"EPUB writer failed: {error}") from None
    return buffer.getvalue()


# --- the document --------------------------------------------------------------


def nav_labels(language: str) -> NavLabels:
    return NAV_LABELS.get(language.split("-")[0].lower(), NAV_LABELS["en"])


def content_document(file_name: str, title: str, language: str, body: str) -> ContentDocument:
    xhtml = html.xhtml_document(
        title=title, language=language, body=body, stylesheets=(STYLESHEET,)
    )
    try:
        tree = etree.fromstring(xhtml.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise RenderError(f"{file_name}: the rendered XHTML is not well-formed ({error})") from None
    return ContentDocument(file_name, title, tree)


def body_documents(rendered: html.Rendered, title: str, language: str) -> list[ContentDocument]:
    """One content document for the whole body, or one per top-level section
    when the text is longer than :data:`html.CHAPTER_SPLIT_CHARS`; a book
    gets one per chapter, each in the chapter's language."""
    if not rendered.is_book:
        whole = content_document(
            "text.xhtml", title, language, "".join(s.xhtml for s in rendered.sections)
        )
        if len(rendered.sections) < 2 or len(text_of(whole.tree)) <= html.CHAPTER_SPLIT_CHARS:
            return [whole]
    return [
        content_document(
            f"text-{number}.xhtml",
            section.title or title,
            section.language or language,
            section.xhtml,
        )
        for number, section in enumerate(rendered.sections, start=1)
    ]


def id_locations(documents: list[ContentDocument]) -> dict[str, str]:
    """Which file each id is in: after splitting, a link's target may be in another."""
    return {
        element.get("id"): doc.file_name
        for doc in documents
        for element in doc.tree.iter()
        if element.get("id")
    }


def link_across_documents(doc: ContentDocument, locations: dict[str, str]) -> None:
    """Point ``href="#id"`` at ``file#id`` when the id lives in another file
    (a footnote defined in a later section than its call, an internal link)."""
    for anchor in doc.tree.iter(f"{{{html.XHTML_NS}}}a"):
        href = anchor.get("href", "")
        target = locations.get(href[1:]) if href.startswith("#") else None
        if target and target != doc.file_name:
            anchor.set("href", f"{target}{href}")


def serialize(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def text_of(tree: etree._Element) -> str:
    """The text a reader sees in a content document's body, alt texts included."""
    body = tree.find(f"{{{html.XHTML_NS}}}body")
    if body is None:
        return ""
    alts = (element.get("alt", "") for element in body.iter(f"{{{html.XHTML_NS}}}img"))
    return "".join(body.itertext()) + "".join(alts)


def book_text(documents: list[ContentDocument], labels: NavLabels) -> str:
    """Every character the book can show, so the subset fonts lack none."""
    shown = "".join(text_of(doc.tree) + doc.title for doc in documents)
    nav = "".join((labels.contents, labels.landmarks, labels.title_page, labels.start))
    return shown + nav + MARKER_CHARACTERS


def toc(
    outline: tuple[html.Section, ...], locations: dict[str, str], first_file: str, title: str
) -> list:
    """The headings as ebooklib's nested toc: ``(Link, [children])`` for a
    heading with subheadings, a bare ``Link`` otherwise (an empty child list
    would become an empty ``<ol>``, which is invalid).

    A heading goes under the closest earlier heading of a lower level, so a
    skipped level (h2 then h4) still nests once. A document without headings
    lists its start, because an empty toc is invalid.
    """
    if not outline:
        return [epub.Link(first_file, title, "nav-1")]
    root: list[tuple[epub.Link, list]] = []
    stack: list[tuple[int, list]] = [(0, root)]
    for number, heading in enumerate(outline, start=1):
        while stack[-1][0] >= heading.level:
            stack.pop()
        href = f"{locations.get(heading.id, first_file)}#{heading.id}"
        children: list = []
        stack[-1][1].append((epub.Link(href, heading.title, f"nav-{number}"), children))
        stack.append((heading.level, children))
    return [toc_entry(entry) for entry in root]


def toc_entry(entry: tuple[epub.Link, list]) -> epub.Link | tuple[epub.Link, list]:
    link, children = entry
    return (link, [toc_entry(child) for child in children]) if children else link


def book_stylesheet(
    faces: tuple[fonts.FontFace, ...], options: Options, *, is_book: bool = False
) -> str:
    """The one stylesheet of the book: the embedded faces, the shared sheet,
    a book's chapter and contents rules, then the user's own rules, last so
    that they win."""
    rules = "".join(
        fonts.font_face_rule(face.family, face.weight, face.style, f"{FONT_DIR}/{face.file_name}")
        for face in faces
    )
    sheet = rules + "\n" + styles.stylesheet("epub", options.theme)
    if is_book:
        sheet += "\n" + styles.read_style(html.BOOK_STYLESHEET)
    return sheet + "\n" + options.extra_css if options.extra_css else sheet


# --- package metadata ------------------------------------------------------------


def set_metadata(book: epub.EpubBook, metadata: Metadata, title: str, language: str) -> None:
    book.set_identifier(metadata.identifier)
    book.set_language(language)
    book.title = title  # ebooklib's NCX and nav read it
    book.add_metadata("DC", "title", title, {"id": "title"})
    if metadata.subtitle:
        book.add_metadata("DC", "title", metadata.subtitle, {"id": "subtitle"})
        book.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
        book.add_metadata(
            None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"}
        )
    for number, author in enumerate(metadata.authors, start=1):
        book.add_author(author, role="aut", uid=f"creator-{number}")
    if W3CDTF.fullmatch(metadata.date):
        book.add_metadata("DC", "date", metadata.date)
    for name in ("publisher", "description", "rights", "source"):
        value = getattr(metadata, name)
        if value:
            book.add_metadata("DC", name, value)
    # ebooklib names itself and its version in a generator meta; that says
    # nothing to a reader and would change our output with every upgrade.
    book.metadata[epub.NAMESPACES["OPF"]].pop("generator", None)


def modification_time(metadata: Metadata) -> datetime:
    """When the book was last modified: ``metadata.modified``, which the API
    sets from the input (see :mod:`exporter.timestamps`), never the clock."""
    if metadata.modified:
        return datetime.fromisoformat(metadata.modified.replace("Z", "+00:00"))
    return modified_time(metadata.date, None, None)


# --- the container -----------------------------------------------------------------


def normalized_zip(data: bytes, modified: datetime) -> bytes:
    """Re-pack ebooklib's zip for byte-identical output.

    ebooklib stamps entries with the current time. Here every entry gets the
    modification time (clamped to zip's 1980 minimum), fixed permissions and
    a sorted place after ``mimetype``, which OCF requires to come first and
    uncompressed.
    """
    stamp = max(modified, FALLBACK).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ["mimetype", *sorted(entries.keys() - {"mimetype"})]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, whatever machine writes the file
            info.external_attr = 0o644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, entries[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()
