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
from html import escape

from ebooklib import epub
from lxml import etree

from exporter import cover, fonts, styles
from exporter.errors import RenderError
from exporter.model import Document, Metadata, Resource
from exporter.options import Options
from exporter.timestamps import FALLBACK, modified_time
from exporter.transforms.ids import assign_ids
from exporter.writers import accessibility, html

COVER_PAGE = "cover.xhtml"
TITLE_PAGE = "titlepage.xhtml"
CONTENTS = "contents.xhtml"
NAV = "nav.xhtml"
#: Where ebooklib writes the package document, in its folder.
PACKAGE_DOCUMENT = "content.opf"
#: The id of the nav's table of contents, which the "toc" landmark points at.
TOC_ID = "toc"
COVER_IMAGE_ID = "cover-image"
STYLESHEET = "style.css"
FONT_DIR = "fonts"
XHTML_MEDIA_TYPE = "application/xhtml+xml"

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

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


#: The cover page's own style: the image fills the screen without being cut
#: or stretched. Inline, because it concerns this one page only.
COVER_STYLE = (
    "html, body { margin: 0; padding: 0; height: 100%; } "
    "section.cover { height: 100%; margin: 0; padding: 0; text-align: center; } "
    "section.cover img { max-width: 100%; max-height: 100%; }"
)


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
    labels = html.labels_for(language)
    rendered = html.render(document)

    cover_image = cover.cover_image(document, options)
    front = [
        cover_document(cover_image, metadata, options, language, labels),
        content_document(TITLE_PAGE, title, language, rendered.title_page),
    ]
    if rendered.is_book:  # the printed contents page follows the title page
        front.append(content_document(CONTENTS, labels.contents, language, rendered.contents))
    body = body_documents(rendered, title, language)
    locations = id_locations(body)
    for doc in [*front, *body]:
        link_across_documents(doc, locations)
    for doc in front[1:]:
        mark_matter(doc, "frontmatter")
    for doc in body:
        mark_matter(doc, "bodymatter")
    text = book_text([*front, *body], labels)
    stacks = fonts.document_stacks(text, language, fonts.THEME_FAMILIES[options.theme])
    faces = (
        fonts.embedded_faces(text, fonts.drawing_families(text, stacks))
        if options.embed_fonts
        else ()
    )

    book = epub.EpubBook()
    set_metadata(book, metadata, title, language)
    set_accessibility(book, accessibility_claims([*front, *body], language))
    add_files(
        book,
        faces,
        document.resources,
        cover_image,
        options,
        is_book=rendered.is_book,
        stacks=stacks,
        language=language,
    )
    direction = html.text_direction(language)
    add_spine(book, [*front, *body], direction)
    start = body[0].file_name
    add_navigation(book, toc(rendered.outline, locations, start, title), start, labels)
    modified = modification_time(metadata)
    files = unpacked(package(book, modified, labels))
    opf = f"{book.FOLDER_NAME}/{PACKAGE_DOCUMENT}"
    files[opf] = package_in_language(files[opf], language)
    nav = f"{book.FOLDER_NAME}/{NAV}"
    files[nav] = finished_nav(
        files[nav], foreign_entries(rendered.outline, locations, start, language), direction
    )
    return normalized_zip(files, modified)


def add_files(
    book: epub.EpubBook,
    faces: tuple[fonts.FontFace, ...],
    resources: tuple[Resource, ...],
    cover_image: Resource,
    options: Options,
    *,
    is_book: bool = False,
    stacks: dict[str, tuple[str, ...]] | None = None,
    language: str = "",
) -> None:
    """The stylesheet, the fonts it declares, the cover image and the other images.

    The cover goes in as ebooklib's ``EpubCover``, the one item class it
    writes with ``properties="cover-image"`` (how EPUB 3 readers find the
    cover), plus the EPUB 2 ``<meta name="cover">`` that older readers and
    converters look for. ebooklib's ``set_cover`` would also make a cover page
    of its own (without our language, title or alt text); ours is made by
    :func:`cover_document`.
    """
    book.add_item(
        epub.EpubItem(
            uid="style",
            file_name=STYLESHEET,
            media_type="text/css",
            content=book_stylesheet(
                faces, options, is_book=is_book, stacks=stacks, language=language
            ).encode("utf-8"),
        )
    )
    # A face without italics serves both styles from one file.
    files = {face.file_name: face for face in faces}
    for number, face in enumerate(files.values(), start=1):
        book.add_item(
            epub.EpubItem(
                uid=f"font-{number}",
                file_name=f"{FONT_DIR}/{face.file_name}",
                media_type=face.media_type,
                content=face.data,
            )
        )
    image = epub.EpubCover(uid=COVER_IMAGE_ID, file_name=html.resource_href(cover_image.name))
    image.media_type = cover_image.media_type
    image.content = cover_image.data
    book.add_item(image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": COVER_IMAGE_ID})
    others = (resource for resource in resources if resource.name != cover_image.name)
    for number, resource in enumerate(others, start=1):
        book.add_item(
            epub.EpubItem(
                uid=f"image-{number}",
                file_name=html.resource_href(resource.name),
                media_type=resource.media_type,
                content=resource.data,
            )
        )


def add_spine(
    book: epub.EpubBook, documents: list[ContentDocument], direction: html.Direction = "ltr"
) -> None:
    """The content documents, in reading order: the cover page first (so
    that the book opens on it), then the title page, then the text.

    A book in a right-to-left language turns its pages the other way: the
    spine says so (``page-progression-direction="rtl"``, which ebooklib
    writes for ``set_direction``), so that a reading system lays spreads out
    and swipes from left to right. A left-to-right book gets no attribute
    (the default), and so stays as it was.

    They go in as plain items holding our finished bytes: ebooklib's EpubHtml
    re-parses its content with an HTML (not XML) parser and pretty-prints it,
    which puts visible whitespace into ``<pre>``.
    """
    spine = []
    for doc in documents:
        item = epub.EpubItem(
            uid=doc.file_name.removesuffix(".xhtml"),
            file_name=doc.file_name,
            media_type=XHTML_MEDIA_TYPE,
            content=serialize(doc.tree),
        )
        book.add_item(item)
        spine.append(item)
    book.spine = spine
    if direction == "rtl":
        book.set_direction(direction)


def add_navigation(book: epub.EpubBook, entries: list, start: str, labels: html.Labels) -> None:
    """The EPUB 3 navigation document (toc and landmarks) and the NCX.

    ebooklib writes both from ``book.toc`` and ``book.guide``, but only for
    items added by hand. The guide becomes the landmarks (its "text" the
    "bodymatter" one): the cover, the title page, the start of the text
    (``start``, where a reader's "go to the beginning" lands) and the toc.

    The navigation document joins the spine, last and out of the reading
    order (``linear="no"``): a landmark may only point into the spine, and a
    reader who follows the "toc" one sees the contents as a page.
    """
    nav = epub.EpubNav(file_name=NAV, title=labels.contents)
    nav.add_link(href=STYLESHEET, rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.spine = [*book.spine, (nav, "no")]
    book.toc = entries
    book.guide = [
        {"href": COVER_PAGE, "title": labels.cover, "type": "cover"},
        {"href": TITLE_PAGE, "title": labels.title_page, "type": "titlepage"},
        {"href": start, "title": labels.start, "type": "text"},
        {"href": f"{NAV}#{TOC_ID}", "title": labels.contents, "type": "toc"},
    ]


def package_in_language(data: bytes, language: str) -> bytes:
    """ebooklib's package document with the book's language on its root
    (``xml:lang``), as for any XML in a language: ``dc:language`` names the
    publication's, not that of the package's own text (title, authors,
    description), and DAISY Ace counts the missing one a serious failure."""
    tree = etree.fromstring(data)
    tree.set(XML_LANG, language)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", pretty_print=True)


def finished_nav(
    data: bytes, languages: dict[str, str], direction: html.Direction = "ltr"
) -> bytes:
    """ebooklib's navigation document, with its toc's id ``toc`` (ebooklib
    calls it ``id``, which the "toc" landmark would have to point at), the
    landmarks ``hidden`` (they are for the reading system's menus, not a list
    to show on the contents page), and the entry of each link in ``languages``
    (href -> language) in that language, its subentries with it.

    A right-to-left book's nav says so on its root (``dir="rtl"``), as our
    other documents do (ebooklib would put it on the ``body`` only), and an
    entry in a language of the other direction says its own."""
    tree = etree.fromstring(data)
    if direction == "rtl":
        tree.set("dir", direction)
    for nav in tree.iter(f"{{{html.XHTML_NS}}}nav"):
        kind = nav.get(f"{{{html.EPUB_NS}}}type")
        if kind == "toc":
            nav.set("id", TOC_ID)
            for link in nav.iter(f"{{{html.XHTML_NS}}}a"):
                language = languages.get(link.get("href", ""))
                entry = link.getparent()
                if language and entry is not None:
                    entry.set("lang", language)
                    entry.set(XML_LANG, language)
                    if html.text_direction(language) != direction:
                        entry.set("dir", html.text_direction(language))
        elif kind == "landmarks":
            nav.set("hidden", "hidden")
    return serialize(tree)


def package(book: epub.EpubBook, modified: datetime, labels: html.Labels) -> bytes:
    """ebooklib's zip of ``book``."""
    buffer = io.BytesIO()
    try:
        epub.write_epub(
            buffer,
            book,
            {
                # Without this, ebooklib reports a failed write as False.
                "raise_exceptions": True,
                # An intermediate zip, unpacked at once: compressing it
                # would be work thrown away.
                "compresslevel": 0,
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


def content_document(file_name: str, title: str, language: str, body: str) -> ContentDocument:
    xhtml = html.xhtml_document(
        title=title, language=language, body=body, stylesheets=(STYLESHEET,)
    )
    try:
        # huge_tree: libxml2 refuses a text node over 10 MB (a long
        # paragraph), which is not what this check is for.
        tree = etree.fromstring(xhtml.encode("utf-8"), etree.XMLParser(huge_tree=True))
    except etree.XMLSyntaxError as error:
        raise RenderError(f"{file_name}: the rendered XHTML is not well-formed ({error})") from None
    return ContentDocument(file_name, title, tree)


def cover_document(
    image: Resource, metadata: Metadata, options: Options, language: str, labels: html.Labels
) -> ContentDocument:
    """The cover page: the cover image alone, marked as the cover for reading
    systems (``epub:type``) and screen readers (``role``), and described in
    words (in English, marked as such, where we lack the book's language)."""
    description = cover.cover_description(metadata, options)
    spoken = cover.description_language(language)
    own = (
        "" if spoken == language.split("-")[0].lower() else f' lang="{spoken}" xml:lang="{spoken}"'
    )
    body = (
        '<section class="cover" epub:type="cover">'
        f'<img src="{escape(html.resource_href(image.name))}" alt="{escape(description)}"'
        f' role="doc-cover"{own}/></section>'
    )
    xhtml = html.xhtml_document(
        title=labels.cover,
        language=language,
        body=body,
        stylesheets=(STYLESHEET,),
        head=f"<style>{COVER_STYLE}</style>",
    )
    return ContentDocument(COVER_PAGE, labels.cover, etree.fromstring(xhtml.encode("utf-8")))


def mark_matter(doc: ContentDocument, kind: str) -> None:
    """Say on the ``body`` which part of the book a document is (EPUB's
    ``frontmatter``, ``bodymatter``), as reading systems and Standard Ebooks do."""
    body = doc.tree.find(f"{{{html.XHTML_NS}}}body")
    if body is not None:
        body.set(f"{{{html.EPUB_NS}}}type", kind)


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


def book_text(documents: list[ContentDocument], labels: html.Labels) -> str:
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
        href = nav_href(heading, locations, first_file)
        children: list = []
        stack[-1][1].append((epub.Link(href, heading.title, f"nav-{number}"), children))
        stack.append((heading.level, children))
    return [toc_entry(entry) for entry in root]


def nav_href(heading: html.Section, locations: dict[str, str], first_file: str) -> str:
    return f"{locations.get(heading.id, first_file)}#{heading.id}"


def foreign_entries(
    outline: tuple[html.Section, ...], locations: dict[str, str], first_file: str, language: str
) -> dict[str, str]:
    """The nav's links to chapters in another language than the book's, with
    that language: a reading system voices "Kapitel" and "chapter" apart."""
    return {
        nav_href(heading, locations, first_file): heading.language
        for heading in outline
        if heading.language and heading.language != language
    }


def toc_entry(entry: tuple[epub.Link, list]) -> epub.Link | tuple[epub.Link, list]:
    link, children = entry
    return (link, [toc_entry(child) for child in children]) if children else link


def book_stylesheet(
    faces: tuple[fonts.FontFace, ...],
    options: Options,
    *,
    is_book: bool = False,
    stacks: dict[str, tuple[str, ...]] | None = None,
    language: str = "",
) -> str:
    """The one stylesheet of the book: the embedded faces, the shared sheet
    (its font stacks naming the faces of the book's scripts), a book's
    chapter and contents rules, then the user's own rules, last so that they
    win."""
    rules = "".join(
        fonts.font_face_rule(face.family, face.weight, face.style, f"{FONT_DIR}/{face.file_name}")
        for face in faces
    )
    sheet = styles.stylesheet("epub", options.theme, language)
    if is_book:
        sheet += "\n" + styles.read_style(html.BOOK_STYLESHEET)
    sheet = rules + "\n" + fonts.with_stacks(sheet, stacks or {})
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


def accessibility_claims(documents: list[ContentDocument], language: str) -> accessibility.Claims:
    """What the book can claim, judged on the pages as written: every ``img``
    (the cover's too), whether each has alt text, whether ARIA roles are used."""
    images = [img for doc in documents for img in doc.tree.iter(f"{{{html.XHTML_NS}}}img")]
    undescribed = sum(1 for img in images if not img.get("alt", "").strip())
    aria = any(element.get("role") for doc in documents for element in doc.tree.iter())
    return accessibility.claims(
        images=len(images), undescribed=undescribed, aria=aria, language=language
    )


def set_accessibility(book: epub.EpubBook, claims: accessibility.Claims) -> None:
    """The schema.org accessibility properties and the conformance claim
    (EPUB Accessibility 1.1 discovery metadata), one ``meta`` per value."""
    properties = (
        ("schema:accessMode", claims.access_modes),
        ("schema:accessModeSufficient", claims.access_modes_sufficient),
        ("schema:accessibilityFeature", claims.features),
        ("schema:accessibilityHazard", claims.hazards),
        ("dcterms:conformsTo", claims.conforms_to),
    )
    for name, values in properties:
        for value in values:
            book.add_metadata(None, "meta", value, {"property": name})
    book.add_metadata(
        None,
        "meta",
        claims.summary,
        {"property": "schema:accessibilitySummary", XML_LANG: claims.summary_language},
    )


def modification_time(metadata: Metadata) -> datetime:
    """When the book was last modified: ``metadata.modified``, which the API
    sets from the input (see :mod:`exporter.timestamps`), never the clock."""
    if metadata.modified:
        return datetime.fromisoformat(metadata.modified.replace("Z", "+00:00"))
    return modified_time(metadata.date, None, None)


# --- the container -----------------------------------------------------------------


def unpacked(data: bytes) -> dict[str, bytes]:
    """The files of a zip, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


#: Files already compressed by their format: deflating them again gains a few
#: bytes for the time it takes.
COMPRESSED_ENDINGS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2")
#: zlib's default: level 9 saves some 400 bytes on an article for thrice the time.
ZIP_LEVEL = 6


def normalized_zip(entries: dict[str, bytes], modified: datetime) -> bytes:
    """Re-pack ebooklib's files for byte-identical output.

    ebooklib stamps entries with the current time. Here every entry gets the
    modification time (clamped to zip's 1980 minimum), fixed permissions and
    a sorted place after ``mimetype``, which OCF requires to come first and
    uncompressed. Images are stored as they are.
    """
    stamp = max(modified, FALLBACK).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ["mimetype", *sorted(entries.keys() - {"mimetype"})]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, whatever machine writes the file
            info.external_attr = 0o644 << 16
            if name == "mimetype" or name.lower().endswith(COMPRESSED_ENDINGS):
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, entries[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, entries[name], compresslevel=ZIP_LEVEL)
    return out.getvalue()
