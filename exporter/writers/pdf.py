"""The PDF writer: the XHTML renderer's output, laid out by WeasyPrint.

This writer decides no markup: it wraps what :mod:`exporter.writers.html`
renders into one HTML document and hands it to WeasyPrint with the print
stylesheet, the static Literata faces and a page layout for the chosen paper.
It is the only module that imports WeasyPrint, and the writers table imports it
only for PDF exports.

WeasyPrint may read nothing but our fonts, our stylesheets and the document's
own resources (served from memory): :class:`LocalFetcher` refuses the network
and every other file, so that exporting an article never leaks a request or
reads a file the user did not hand us.

Every date in the PDF (the information dictionary's and the XMP packet's) is
the document's ``metadata.modified``, which the API takes from the input: the
same input gives the same bytes, whenever it is exported.
"""

from __future__ import annotations

import bisect
import gc
import logging
import mimetypes
import re
import shutil
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree

from exporter import fonts, hyphenation
from exporter.errors import RenderError
from exporter.libraries import import_resolving_from_linker_cache
from exporter.model import Document, Metadata, Resource
from exporter.options import PAPER_SIZES, Options
from exporter.styles import read_style, stylesheet
from exporter.writers import html

# Before the imports below, which then find WeasyPrint loaded: its own search
# for Pango and the rest would spend 0.3 s in compiler subprocesses.
import_resolving_from_linker_cache("weasyprint")

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.document import DocumentMetadata  # noqa: E402
from weasyprint.pdf.metadata import NS as XMP_NAMESPACES  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

LOGGER = logging.getLogger(__name__)


def cache_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` build its tuple once per page
    count. WeasyPrint's PDF/UA tagging asks for it for every tagged box,
    and each time it was built again from every page: time growing with
    the square of the pages (under a profiler 4 s of 24 for 309 pages, and more
    with every page). The references are the same bytes."""
    import pydyf

    build = pydyf.PDF.page_references.fget
    if getattr(build, "cached", False):
        return

    def page_references(self: pydyf.PDF) -> tuple[bytes, ...]:
        count = len(self.pages["Kids"])
        cached = getattr(self, "_exporter_page_references", None)
        if cached is None or cached[0] != count:
            cached = (count, build(self))
            self._exporter_page_references = cached
        return cached[1]

    page_references.cached = True  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)  # type: ignore[method-assign]


cache_page_references()


def index_page_styles() -> None:
    """Make WeasyPrint's ``set_page_type_computed_styles`` look up the
    margin boxes of a page by the page rules' pseudo-elements: it went
    through the cascaded styles of every element of the document for each
    page, a time growing with elements times pages (1.6 billion steps for
    a PDF of 7,900 pages). The styles set are the same. Where WeasyPrint's
    insides are not as expected, its own function runs."""
    from weasyprint.layout import page as page_layout

    original = page_layout.set_page_type_computed_styles
    if getattr(original, "indexed", False):
        return

    def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
        pseudo_types = page_pseudo_types(style_for)
        if pseudo_types is None:
            original(page_type, html, style_for)
            return
        style_for.add_page_declarations(page_type)
        root = html.etree_element
        style_for.set_computed_styles(page_type, root=root, parent=root, base_url=html.base_url)
        cascaded = style_for.get_cascaded_styles()
        for pseudo_type in pseudo_types:
            if (page_type, pseudo_type) in cascaded:
                style_for.set_computed_styles(
                    page_type,
                    pseudo_type=pseudo_type,
                    root=root,
                    parent=page_type,
                    base_url=html.base_url,
                )

    set_page_type_computed_styles.indexed = True  # type: ignore[attr-defined]
    set_page_type_computed_styles.original = original  # type: ignore[attr-defined]
    page_layout.set_page_type_computed_styles = set_page_type_computed_styles


def page_pseudo_types(style_for: Any) -> tuple[str, ...] | None:
    """The pseudo-elements (margin boxes) the page rules of ``style_for``'s
    sheets name, once per document; ``None`` if its insides are unknown."""
    cached = getattr(style_for, "_exporter_page_pseudo_types", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    try:
        names = (
            selector[1]
            for sheet, _origin, _specificity in style_for._sheets
            for _rule, selectors, _declarations in sheet.page_rules
            for selector in selectors
        )
        pseudo_types = tuple(dict.fromkeys(name for name in names if name))
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    style_for._exporter_page_pseudo_types = pseudo_types
    return pseudo_types


index_page_styles()


def index_page_anchors() -> None:
    """Make WeasyPrint's ``make_page`` go through only the pages that hold
    anchors or counter lookups when it gathers those of the pages before
    it: it went through every page before, for each page, a time growing
    with the square of the pages (under a profiler 1.4 s for 840 pages and
    7.6 s for 2,526: 0.7 and 6.4 million steps). It gets a view of the
    page list whose slice from the start holds just those pages, in their
    order; the anchors and lookups it gathers are the same. Only
    ``make_page`` fills a page's lists, and only its own page's, so the
    pages noted after each call are all that hold any."""
    from weasyprint.layout import page as page_layout

    original = page_layout.make_page
    if getattr(original, "anchors_indexed", False):
        return

    def make_page(
        context: Any,
        root_box: Any,
        page_type: Any,
        resume_at: Any,
        page_number: int,
        page_state: Any,
    ) -> Any:
        page_maker = context.page_maker
        noted = context.__dict__.setdefault("_exporter_pages_with_anchors", [])
        context.page_maker = PagesWithAnchors(page_maker, noted)
        try:
            return original(context, root_box, page_type, resume_at, page_number, page_state)
        finally:
            context.page_maker = page_maker
            index = page_number - 1
            remake_state = page_maker[index][-1]
            if remake_state.get("anchors") or remake_state.get("content_lookups"):
                at = bisect.bisect_left(noted, index)
                if at == len(noted) or noted[at] != index:
                    noted.insert(at, index)

    make_page.anchors_indexed = True  # type: ignore[attr-defined]
    make_page.original = original  # type: ignore[attr-defined]
    page_layout.make_page = make_page


class PagesWithAnchors:
    """WeasyPrint's list of page states as ``make_page`` uses it, except
    that a slice from the start (``[:n]``) holds only the ``noted`` pages
    (a sorted list of indexes that includes every page whose anchors or
    counter lookups are not empty); everything else is the list's own."""

    def __init__(self, page_maker: list[Any], noted: list[int]) -> None:
        self.page_maker = page_maker
        self.noted = noted

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice) and key.start is None and key.step is None:
            stop = len(self.page_maker) if key.stop is None else key.stop
            if 0 <= stop <= len(self.page_maker):
                end = bisect.bisect_left(self.noted, stop)
                return [self.page_maker[index] for index in self.noted[:end]]
        return self.page_maker[key]

    def __len__(self) -> int:
        return len(self.page_maker)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.page_maker)


index_page_anchors()


def skip_absent_fixed_boxes() -> None:
    """Make WeasyPrint's ``layout_fixed_boxes`` return at once when no page
    of the layout has fixed boxes (``position: fixed``, repeated on every
    page). For each page it went through every other page looking for them:
    pages squared steps (under a profiler 1.1 s for 840 pages, 4 s for
    2,526). Whether any page has some is noted as ``make_all_pages`` hands
    out the pages of each pass; with some, WeasyPrint's own function runs."""
    from weasyprint import layout

    original = layout.layout_fixed_boxes
    if getattr(original, "skipping", False):
        return
    make_all_pages = layout.make_all_pages

    def noting_fixed_boxes(context: Any, root_box: Any, html: Any, pages: Any) -> Iterator[Any]:
        context._exporter_fixed_boxes = False
        for page in make_all_pages(context, root_box, html, pages):
            if page.fixed_boxes:
                context._exporter_fixed_boxes = True
            yield page

    def layout_fixed_boxes(context: Any, pages: Any, containing_page: Any) -> Iterator[Any]:
        if getattr(context, "_exporter_fixed_boxes", True) is False:
            return iter(())
        return original(context, pages, containing_page)  # type: ignore[no-any-return]

    layout_fixed_boxes.skipping = True  # type: ignore[attr-defined]
    layout_fixed_boxes.original = original  # type: ignore[attr-defined]
    noting_fixed_boxes.original = make_all_pages  # type: ignore[attr-defined]
    layout.layout_fixed_boxes = layout_fixed_boxes
    layout.make_all_pages = noting_fixed_boxes


skip_absent_fixed_boxes()


def find_earlier_strings_by_page() -> None:
    """Make WeasyPrint's ``get_string_or_element_for`` find the last page
    before this one that set a named string (or running element) among the
    pages that set it, not by trying every page number back to the first:
    a running head set once on the first page cost each page a step for
    every page before it (under a profiler 0.04 s for 840 pages, 0.23 s for
    2,526). On a page that sets the string itself, WeasyPrint's own method
    runs."""
    from weasyprint.layout import LayoutContext

    original = LayoutContext.get_string_or_element_for
    if getattr(original, "by_page", False):
        return

    def get_string_or_element_for(
        self: Any, store: Any, page: Any, name: str, keyword: str
    ) -> tuple[Any, ...]:
        current = self.current_page
        if keyword == "all-once" or not isinstance(current, int) or current in store[name]:
            return original(self, store, page, name, keyword)  # type: ignore[no-any-return]
        earlier = max(filter(range(1, current).__contains__, store[name]), default=None)
        return () if earlier is None else (store[name][earlier][-1],)

    get_string_or_element_for.by_page = True  # type: ignore[attr-defined]
    get_string_or_element_for.original = original  # type: ignore[attr-defined]
    LayoutContext.get_string_or_element_for = get_string_or_element_for  # type: ignore[method-assign]


find_earlier_strings_by_page()

#: The base URL of the HTML we lay out. No such folder exists: the fetcher maps
#: ``images/<name>`` under it to the document's in-memory resources and never
#: reads the disk there. A ``file:`` base is used because WeasyPrint resolves
#: relative URLs with ``urljoin``, which ignores unknown schemes.
DOCUMENT_ROOT = "/exporter-document/"
DOCUMENT_BASE_URL = "file://" + DOCUMENT_ROOT

#: Named in the generator meta, which WeasyPrint writes as the PDF Creator.
GENERATOR = "exporter"

#: A date WeasyPrint accepts as ``dcterms.created`` (W3C date, year first);
#: anything else would be logged as invalid, so we leave it out.
W3C_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?")

RDF = XMP_NAMESPACES["rdf"]
DC = XMP_NAMESPACES["dc"]
XMP = XMP_NAMESPACES["xmp"]


@dataclass(frozen=True, slots=True)
class PageLayout:
    """The page for one paper size: CSS ``@page`` size and margins, and the
    body type size.

    Margins follow the page: a wide A4 or letter page gets wide side margins so
    the measure stays near 65–70 characters at 11 pt; the small A5 and 6×9 in
    (trade paperback) pages get narrow margins and a slightly smaller type so
    that a line still holds about 60 characters. The foot margin is larger than
    the head margin, as in a book, and holds the folio.
    """

    size: str
    margin_top: str
    margin_side: str
    margin_bottom: str
    font_size: str

    def css(self, *, bleed: str = "", crop_marks: bool = False) -> str:
        """The page rules; ``bleed`` and crop marks are for a print shop, and
        lie outside the page size, which stays the trimmed size."""
        extras = (f" bleed: {bleed};" if bleed else "") + (" marks: crop;" if crop_marks else "")
        return (
            f"@page {{ size: {self.size}; margin: {self.margin_top} {self.margin_side}"
            f" {self.margin_bottom};{extras} }}\n"
            f"html {{ font-size: {self.font_size}; }}\n"
        )


PAGE_LAYOUTS: dict[str, PageLayout] = {
    "a4": PageLayout(PAPER_SIZES["a4"], "25mm", "37mm", "32mm", "11pt"),
    "a5": PageLayout(PAPER_SIZES["a5"], "17mm", "18mm", "22mm", "10.5pt"),
    "letter": PageLayout(PAPER_SIZES["letter"], "1in", "1.6in", "1.25in", "11pt"),
    "6x9in": PageLayout(PAPER_SIZES["6x9in"], "0.65in", "0.7in", "0.85in", "10.5pt"),
}


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    """The PDF and what WeasyPrint logged (warnings and errors) making it."""

    data: bytes
    messages: tuple[str, ...]


def write(document: Document, options: Options) -> bytes:
    """The PDF of ``document`` on ``options.paper``.

    WeasyPrint's warnings are passed on to this module's logger, where the CLI
    can show them; they never go to stderr on their own.
    """
    rendered = render_pdf(document, options)
    for message in rendered.messages:
        LOGGER.warning("PDF layout: %s", message)
    return rendered.data


def render_pdf(document: Document, options: Options) -> RenderedPdf:
    """Lay the document out and capture what WeasyPrint logs doing so."""
    hyphenation.preload_document(document)
    resources = {resource.name: resource for resource in document.resources}
    cover_page = ""
    if options.pdf_cover:
        image, alt = cover_of(document, options)
        resources[image.name] = image
        cover_page = cover_markup(image, alt)
    language = document.metadata.language
    with captured_log() as messages, font_configuration() as font_config, collector_paused():
        try:
            markup = html_document(document, cover_page)
            stacks = fonts.document_stacks(markup, language, fonts.THEME_FAMILIES[options.theme])
            faces = fonts.static_faces(fonts.stack_families(stacks))
            fetcher = LocalFetcher(
                resources=resources,
                allowed_dirs=(*dict.fromkeys(face.path.parent for face in faces), style_dir()),
            )
            page = HTML(
                string=markup,
                base_url=DOCUMENT_BASE_URL,
                url_fetcher=fetcher,
            )
            sheets = [
                CSS(
                    string=css,
                    base_url=DOCUMENT_BASE_URL,
                    url_fetcher=fetcher,
                    font_config=font_config,
                )
                # The user's sheet is parsed on its own, so that WeasyPrint's
                # messages about it give line numbers in the user's file.
                for css in (
                    print_stylesheet(faces, options, stacks, language),
                    fonts.with_stacks(book_stylesheet(document), stacks),
                    options.extra_css,
                )
                if css
            ]
            # Tagged: screen readers and reflowing viewers get headings and
            # paragraphs, not positioned glyphs; it costs a few KB.
            settings = {"pdf_tags": True, "pdf_variant": pdf_variant(options)}
            laid_out = page.render(stylesheets=sheets, font_config=font_config, **settings)
            laid_out.metadata = PublicationMetadata.of(
                laid_out.metadata, document.metadata, options.pdf_variant
            )
            data = laid_out.write_pdf(**settings)
        except RenderError:  # a missing face says so itself
            raise
        except Exception as error:  # a WeasyPrint failure on a valid model is our bug
            raise RenderError(f"PDF layout failed: {error}") from error
    return RenderedPdf(data, tuple(messages))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while WeasyPrint lays a document out.
    Its boxes are millions of objects that live to the end, and each full
    collection walked them all again: the time grew faster than the pages
    (11.4 s against 9.5 s for 309 pages; 4.4 times the time for 4 times the
    pages, against 4.1). Memory grows by a fifth there (262 to 318 MiB).
    The collector runs again afterwards, as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def html_document(document: Document, cover_page: str = "") -> str:
    """The cover page if any, the title page, a book's contents page and
    every section as one HTML document whose head
    carries the metadata WeasyPrint writes into the PDF: ``<title>`` (Title),
    ``author`` metas (Author), ``description`` (Subject), ``dcterms.created``
    and ``dcterms.modified`` (CreationDate, ModDate), ``generator`` (Creator)
    and ``lang`` (the catalog's Lang, which also selects the hyphenation
    dictionary)."""
    rendered = html.render(document, notes="page")
    body = in_short_runs(
        cover_page
        + rendered.title_page
        + rendered.contents
        + "".join(s.xhtml for s in rendered.sections)
    )
    metadata = document.metadata
    return html.xhtml_document(
        title=metadata.title,
        language=metadata.language,
        body=body,
        head=metadata_head(metadata),
    )


#: The longest text WeasyPrint gets in one piece (one text box). It lays out
#: the rest of a box again for every line it breaks off, so a paragraph of a
#: million characters took time growing with its square; cut into pieces,
#: time grows with its length.
MAX_RUN = 2000
RUN = re.compile(rf"[^<]{{{MAX_RUN + 1},}}")
#: Where a run may be cut: after a space or a break opportunity.
RUN_CUT = re.compile("[ \u200b]")
ZWSP = "\u200b"


def in_short_runs(body: str) -> str:
    """``body`` with each run of text longer than :data:`MAX_RUN` cut, after
    a space, by empty ``<span></span>`` (no text, no style, no break of its
    own), and each ``<wbr/>`` a zero width space, the break opportunity
    WeasyPrint's own stylesheet draws ``<wbr>`` as: as an element, each
    cost a style of its own, 5 ms (see :mod:`exporter.transforms.breaks`)."""
    return RUN.sub(
        lambda match: cut_run(match.group()),
        part_ligatures_at_break_points(body.replace("<wbr/>", ZWSP)),
    )


#: Invisible break points (a soft hyphen, a zero width space) after a letter
#: of the Latin, Greek or Cyrillic alphabets, whose ligatures are a face's
#: choice. Not after Arabic or Indic letters: a non-joiner there would
#: change the letters' shapes (it stops joining and conjuncts).
BREAK_POINT = re.compile(
    "(?<=[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u052f])[\u00ad\u200b]"
)
TEXT = re.compile(">[^<]+")
ZWNJ = "\u200c"


def part_ligatures_at_break_points(body: str) -> str:
    """``body`` with a zero width non-joiner before each soft hyphen and zero
    width space in its text (:data:`BREAK_POINT`). HarfBuzz looks through
    those invisible characters and forms a ligature across them
    ("Auf\u00adfahrt" set with an ff), and WeasyPrint then maps that glyph to
    no text: the PDF's text layer loses the letters ("Auahrt"), so search,
    copying and screen readers miss the word. A soft hyphen marks where a
    word's parts meet, where German typesetting keeps the letters apart
    anyway."""
    return TEXT.sub(lambda match: BREAK_POINT.sub(lambda m: ZWNJ + m.group(), match.group()), body)


def cut_run(run: str) -> str:
    pieces = []
    start = 0
    while len(run) - start > MAX_RUN:
        cut = max(
            (m.end() for m in RUN_CUT.finditer(run, start + MAX_RUN // 2, start + MAX_RUN)),
            default=None,
        )
        if cut is None:  # no space: a code line; left whole
            cut = next((m.end() for m in RUN_CUT.finditer(run, start + MAX_RUN)), len(run))
        pieces.append(run[start:cut])
        start = cut
    pieces.append(run[start:])
    return "<span></span>".join(piece for piece in pieces if piece)


def book_stylesheet(document: Document) -> str:
    """``styles/book.css`` for a book (chapter openings on a new page, the
    contents page with leaders and page numbers); nothing for an article."""
    return read_style(html.BOOK_STYLESHEET) if html.has_chapters(document) else ""


def metadata_head(metadata: Metadata) -> str:
    """The ``<meta>`` elements WeasyPrint reads.

    The PDF's creation and modification dates are both ``metadata.modified``:
    the moment the input fixes for this build (see :mod:`exporter.timestamps`),
    never the clock. The article's own date, when it is a W3C date, goes
    into the XMP packet as ``dc:date`` (:class:`PublicationMetadata`).
    """
    metas = [("author", author) for author in metadata.authors]
    if metadata.description:
        metas.append(("description", metadata.description))
    if W3C_DATE.fullmatch(metadata.modified):
        metas.append(("dcterms.created", metadata.modified))
        metas.append(("dcterms.modified", metadata.modified))
    metas.append(("generator", GENERATOR))
    return "".join(
        f'<meta name="{escape(name)}" content="{escape(content)}"/>' for name, content in metas
    )


def print_stylesheet(
    faces: tuple[fonts.StaticFace, ...],
    options: Options,
    stacks: dict[str, tuple[str, ...]] | None = None,
    language: str = "",
) -> str:
    """The ``@font-face`` rules for the static faces, the shared and print
    sheets (their font stacks naming the faces of the document's scripts),
    then the paper's page layout (last, so it wins)."""
    rules = "".join(
        fonts.font_face_rule(face.family, face.weight, face.style, face.path.as_uri())
        for face in faces
    )
    layout = PAGE_LAYOUTS[options.paper].css(bleed=options.bleed, crop_marks=options.crop_marks)
    extras = (cover_css(options.bleed) if options.pdf_cover else "") + (
        ARCHIVAL_CSS if options.pdf_variant.startswith("pdf/a") else ""
    )
    sheet = fonts.with_stacks(stylesheet("print", options.theme, language), stacks or {})
    return rules + sheet + "\n" + layout + extras


#: PDF/A forbids images that ask the viewer to smooth them (``/Interpolate
#: true``), which WeasyPrint writes for ``image-rendering: auto``.
ARCHIVAL_CSS = "img { image-rendering: crisp-edges; }\n"

#: Every margin box a stylesheet may fill (running heads, folios).
MARGIN_BOXES = tuple(
    f"{edge}-{place}"
    for edge, places in (
        ("top", ("left-corner", "left", "center", "right", "right-corner")),
        ("bottom", ("left-corner", "left", "center", "right", "right-corner")),
        ("left", ("top", "middle", "bottom")),
        ("right", ("top", "middle", "bottom")),
    )
    for place in places
)


def cover_of(document: Document, options: Options) -> tuple[Resource, str]:
    """The cover image (the user's or one drawn from the title) and its
    alternative text, as the EPUB has them."""
    # Imported here: only a PDF with a cover needs the cover drawn.
    from exporter import cover

    return cover.cover_image(document, options), cover.cover_description(document.metadata, options)


def cover_markup(image: Resource, alt: str) -> str:
    """The cover page: the image alone, which the tags present as a Figure
    with its alternative text (PDF/UA wants one on every figure) rather than
    as an Artifact, since the cover is the first thing a reader meets."""
    return (
        '<section class="pdf-cover" role="doc-cover">'
        f'<img src="{escape(html.resource_href(image.name))}" alt="{escape(alt)}"/></section>'
    )


def cover_css(bleed: str) -> str:
    """The cover page: no margins, running head or folio, the image scaled
    to cover the page and cropped (``object-fit: cover``), reaching into the
    bleed so that trimming leaves no white edge."""
    reach = f"calc(-1 * {bleed})" if bleed else "0"
    size = f"calc(100% + 2 * {bleed})" if bleed else "100%"
    empty = "".join(f" @{box} {{ content: none; }}" for box in MARGIN_BOXES)
    return (
        f"@page cover {{ margin: 0;{empty} }}\n"
        "section.pdf-cover { page: cover; break-after: page; }\n"
        f"section.pdf-cover img {{ position: absolute; top: {reach}; left: {reach};"
        f" width: {size}; height: {size}; max-width: none; object-fit: cover; }}\n"
    )


def pdf_variant(options: Options) -> str | None:
    """WeasyPrint's name for the PDF standard to follow; ``plain`` is none.

    PDF/UA-1 (the default) adds, on top of the tags every variant gets, an XMP
    packet that names the standard, so that checkers and assistive software
    know what to expect; PDF/A adds an sRGB output intent for archiving.
    """
    return None if options.pdf_variant == "plain" else options.pdf_variant


class PublicationMetadata(DocumentMetadata):
    """WeasyPrint's document metadata, whose XMP packet also says what a
    library catalogue asks of a publication: its language (``dc:language``),
    its date (``dc:date``) and when the metadata was made
    (``xmp:MetadataDate``).

    WeasyPrint 70 writes the XMP packet only for the PDF standards (``plain``
    gets none) with the title, authors, description, creator tool, producer
    and dates, but not these three; its ``xmp_metadata`` option could only add
    a second ``rdf:RDF`` after its own, which XMP readers may ignore. So this
    subclass adds one ``rdf:Description`` to WeasyPrint's ``rdf:RDF``.
    """

    def __init__(self, *, published: str = "", **fields: object) -> None:
        super().__init__(**fields)
        #: The article's date (W3C format) or empty.
        self.published = published

    @classmethod
    def of(
        cls, laid_out: DocumentMetadata, metadata: Metadata, variant: str
    ) -> PublicationMetadata:
        """WeasyPrint's ``laid_out`` metadata with our ``metadata``'s date;
        for PDF/A, the authors as one name (:func:`archival_authors`)."""
        # WeasyPrint's attributes are its constructor's keywords: a new one
        # that is not fails loudly here, in every test, rather than vanish.
        fields = dict(vars(laid_out))
        if variant.startswith("pdf/a"):
            fields["authors"] = archival_authors(laid_out.authors)
        published = metadata.date if W3C_DATE.fullmatch(metadata.date) else ""
        return cls(published=published, **fields)

    def generate_rdf_metadata(
        self, variant: str, version: int | None, conformance: str | None
    ) -> bytes:
        rdf = ElementTree.fromstring(super().generate_rdf_metadata(variant, version, conformance))
        description = ElementTree.Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        if self.lang:
            xmp_list(description, f"{{{DC}}}language", "Bag", self.lang)
        if self.published:
            xmp_list(description, f"{{{DC}}}date", "Seq", self.published)
        if self.modified:
            ElementTree.SubElement(description, f"{{{XMP}}}MetadataDate").text = self.modified
        if len(description):
            rdf.append(description)
        return ElementTree.tostring(rdf, encoding="utf-8")


def xmp_list(parent: ElementTree.Element, name: str, kind: str, value: str) -> None:
    """An XMP array property (``rdf:Bag`` or ``rdf:Seq``) of one item."""
    array = ElementTree.SubElement(ElementTree.SubElement(parent, name), f"{{{RDF}}}{kind}")
    ElementTree.SubElement(array, f"{{{RDF}}}li").text = value


def archival_authors(authors: list[str]) -> list[str]:
    """Rule: in a PDF/A, several authors are one name, "A, B" as WeasyPrint
    writes the information dictionary's Author. PDF/A wants that Author to
    equal the XMP ``dc:creator``, which validators (veraPDF) read as its only
    entry; WeasyPrint would list each author there."""
    return [", ".join(authors)] if len(authors) > 1 else authors


def style_dir() -> Path:
    """The folder of our packaged stylesheets."""
    return Path(str(files("exporter").joinpath("styles")))


class RefusedURLError(PermissionError):
    """A URL the PDF writer does not let WeasyPrint read."""


class LocalFetcher(URLFetcher):
    """Serves the document's resources from memory and reads files only from
    ``allowed_dirs``; refuses everything else, the network first of all.

    Paths are resolved (``..`` and symlinks followed) before the check, so
    neither can escape an allowed folder.
    """

    def __init__(self, resources: Mapping[str, Resource], allowed_dirs: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("data",))
        self.resources = dict(resources)
        self.allowed_dirs = tuple(folder.resolve() for folder in allowed_dirs)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURLError(f"not fetched: {url}")
        if parts.path.startswith(DOCUMENT_ROOT):
            return self.fetch_resource(url, unquote(parts.path.removeprefix(DOCUMENT_ROOT)))
        return self.fetch_file(url, Path(url2pathname(parts.path)))

    def fetch_resource(self, url: str, relative: str) -> URLFetcherResponse:
        folder, _, name = relative.partition("/")
        if folder != html.IMAGE_DIR or name not in self.resources or ".." in name.split("/"):
            raise RefusedURLError(f"not a resource of the document: {url}")
        resource = self.resources[name]
        return URLFetcherResponse(
            url, body=resource.data, headers=content_type(resource.media_type)
        )

    def fetch_file(self, url: str, path: Path) -> URLFetcherResponse:
        real = path.resolve()
        if not any(real.is_relative_to(folder) for folder in self.allowed_dirs):
            raise RefusedURLError(f"outside the allowed folders: {url}")
        media_type = mimetypes.guess_type(real.name)[0]
        return URLFetcherResponse(
            url, body=real.read_bytes(), headers=content_type(media_type or "")
        )


def content_type(media_type: str) -> dict[str, str]:
    return {"Content-Type": media_type or "application/octet-stream"}


class CapturingHandler(logging.Handler):
    """Collects the messages of one thread, so that concurrent renders do not
    see each other's."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def font_configuration() -> Iterator[FontConfiguration]:
    """One font configuration for the stylesheet that declares the faces and
    for the layout that uses them (with two, the faces would be unknown at
    layout), whose temporary folder is removed when the block ends.

    WeasyPrint copies every ``@font-face`` file into a temporary folder that it
    removes only when the configuration is garbage-collected; the layout's
    reference cycles keep it alive until a collection runs, so an export would
    leave the folder behind for a while, or for good if the process ends first.
    """
    font_config = FontConfiguration()
    try:
        yield font_config
    finally:
        folder = getattr(font_config, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def captured_log() -> Iterator[list[str]]:
    """WeasyPrint's warnings and errors (``weasyprint`` logger and its
    ``weasyprint.progress`` child) while the block runs."""
    messages: list[str] = []
    handler = CapturingHandler(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
