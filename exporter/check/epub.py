"""The EPUB checks EPUBCheck does not make: language tags, the navigation
document, the cover, alt text and accessibility metadata.

EPUBCheck answers "is this a valid EPUB?"; these answer "will a reading
system, a screen reader and a shop treat it well?". They need only
``zipfile`` and ``lxml``, so they run where Java is missing too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from exporter.check.accessibility import accessibility_facts, accessibility_findings
from exporter.check.epub_archive import (
    EPUB_TYPE,
    NAMESPACES,
    XHTML,
    XML_LANG,
    ContentDocument,
    EpubProblem,
    Package,
    document_at,
    image_count,
    image_paths,
    images_without_alt,
    read_documents,
    read_package,
)
from exporter.check.language import is_language_tag
from exporter.check.report import FactValue, FileReport, Finding, error, info, warning

#: A cover page holds the cover image and a title's worth of text at most.
COVER_PAGE_MAX_TEXT = 100

#: How many pages or images a finding names before it counts the rest.
NAMED_AT_MOST = 8


def check_epub(path: Path) -> FileReport:
    """Every check of this module on the EPUB at ``path``."""
    try:
        with zipfile.ZipFile(path) as archive:
            package = read_package(archive)
            documents, unreadable = read_documents(archive, package)
    except (zipfile.BadZipFile, OSError, EpubProblem) as problem:
        return FileReport(path, "epub", (error("epub.unreadable", str(problem)),))
    findings = (
        *unreadable,
        *language_findings(package, documents),
        *navigation_findings(package, documents),
        *cover_findings(package, documents),
        *alt_text_findings(documents),
        *accessibility_findings(package, documents),
    )
    return FileReport(path, "epub", findings, epub_facts(package, documents))


# --- language --------------------------------------------------------------


def language_findings(package: Package, documents: Iterable[ContentDocument]) -> Iterator[Finding]:
    """dc:language is present and a BCP 47 tag; every page states its
    language in both ``lang`` (read by HTML reading systems) and ``xml:lang``
    (read by XML ones), and the two agree."""
    if not package.languages:
        yield error("epub.language-missing", f"no dc:language in {package.path}")
    for tag in package.languages:
        if not is_language_tag(tag):
            yield error("epub.language-invalid", f"dc:language {tag!r} is not a BCP 47 tag")
    book = package.languages[0].lower() if package.languages else ""
    missing, partial, other = [], [], []
    for document in documents:
        lang, xml_lang = document.root.get("lang"), document.root.get(XML_LANG)
        if lang is None and xml_lang is None:
            missing.append(document.path)
            continue
        if lang is None or xml_lang is None:
            partial.append(document.path)
        elif lang.lower() != xml_lang.lower():
            yield error(
                "epub.document-language-mismatch",
                f"{document.path}: lang={lang!r} but xml:lang={xml_lang!r}",
            )
        tag = lang if lang is not None else xml_lang or ""
        if not is_language_tag(tag):
            yield error(
                "epub.document-language-invalid", f"{document.path}: {tag!r} is not a BCP 47 tag"
            )
        elif book and tag.lower() != book:
            other.append(f"{document.path} ({tag})")
    if missing:
        yield error(
            "epub.document-language-missing",
            f"no lang or xml:lang on the html element of {named(missing)}",
        )
    if partial:
        yield warning(
            "epub.document-language-partial",
            f"lang or xml:lang missing on the html element of {named(partial)}",
        )
    if other:
        yield info("epub.document-language-other", f"not in the book's language: {named(other)}")


# --- navigation ------------------------------------------------------------


def toc_nav(package: Package, documents: Iterable[ContentDocument]) -> etree._Element | None:
    """The ``nav epub:type="toc"`` of the navigation document."""
    item = package.item_with("nav")
    document = document_at(documents, item.path) if item else None
    if document is None:
        return None
    navs = document.root.iter(f"{{{XHTML}}}nav")
    return next((nav for nav in navs if "toc" in nav.get(EPUB_TYPE, "").split()), None)


def navigation_findings(
    package: Package, documents: Iterable[ContentDocument]
) -> Iterator[Finding]:
    """An EPUB 3 needs a navigation document with a table of contents: it is
    how reading systems, and their users, move through the book."""
    if package.item_with("nav") is None:
        yield error(
            "epub.nav-missing", 'no navigation document (a manifest item with properties="nav")'
        )
    elif toc_nav(package, documents) is None:
        yield error("epub.nav-toc-missing", 'the navigation document has no nav epub:type="toc"')


# --- cover -----------------------------------------------------------------


def is_cover_page(document: ContentDocument, cover_path: str) -> bool:
    """A page is a cover page if it says so (``epub:type="cover"`` or
    ``role="doc-cover"`` on any element), or if it shows the cover image
    with a title's worth of text at most (``COVER_PAGE_MAX_TEXT`` characters)."""
    for element in document.root.iter():
        if "cover" in element.get(EPUB_TYPE, "").split() or element.get("role") == "doc-cover":
            return True
    if not cover_path or cover_path not in image_paths(document):
        return False
    body = document.root.find("h:body", NAMESPACES)
    text = " ".join("".join(body.itertext()).split()) if body is not None else ""
    return len(text) <= COVER_PAGE_MAX_TEXT


def first_page_is_cover(package: Package, documents: Iterable[ContentDocument]) -> bool:
    cover = package.item_with("cover-image")
    first = document_at(documents, package.spine[0]) if package.spine else None
    return first is not None and is_cover_page(first, cover.path if cover else "")


def cover_findings(package: Package, documents: Iterable[ContentDocument]) -> Iterator[Finding]:
    """A cover is optional (an article may have none), so these are notes."""
    if package.item_with("cover-image") is None:
        yield info(
            "epub.cover-missing", 'no cover image (a manifest item with properties="cover-image")'
        )
    elif not first_page_is_cover(package, documents):
        yield info("epub.cover-page-missing", "the first page in reading order is not a cover page")


# --- images ----------------------------------------------------------------


def alt_text_findings(documents: Iterable[ContentDocument]) -> Iterator[Finding]:
    """An image without ``alt`` is a hole for a screen reader's user."""
    if missing := images_without_alt(documents):
        yield warning("epub.image-without-alt", f"images without alt text: {named(missing)}")


# --- facts -----------------------------------------------------------------


def epub_facts(package: Package, documents: tuple[ContentDocument, ...]) -> dict[str, FactValue]:
    toc = toc_nav(package, documents)
    cover = package.item_with("cover-image")
    return {
        "epub_version": package.version,
        "title": package.title,
        "language": ", ".join(package.languages),
        "spine_items": len(package.spine),
        "toc_entries": len(list(toc.iter(f"{{{XHTML}}}a"))) if toc is not None else 0,
        "cover_image": cover.path if cover else "",
        "cover_page_first": first_page_is_cover(package, documents),
        "images": image_count(documents),
        **accessibility_facts(package.properties),
    }


def named(names: list[str]) -> str:
    """``a, b, c`` or ``a, b, … and 4 more``: a finding stays one line."""
    shown = ", ".join(names[:NAMED_AT_MOST])
    rest = len(names) - NAMED_AT_MOST
    return f"{shown} and {rest} more" if rest > 0 else shown
