"""An EPUB read for checking: its package document and its XHTML pages.

Only what the checks need is kept, and names are normalised once: manifest
hrefs become archive names, metadata properties become full IRIs.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from exporter.check.report import Finding, error

CONTAINER = "META-INF/container.xml"
XHTML_TYPE = "application/xhtml+xml"

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{OPS}}}type"
NAMESPACES = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": OPF,
    "dc": DC,
    "h": XHTML,
}

#: Prefixes the EPUB 3 package document may use without declaring them.
RESERVED_PREFIXES: dict[str, str] = {
    "a11y": "http://www.idpf.org/epub/vocab/package/a11y/#",
    "dcterms": "http://purl.org/dc/terms/",
    "marc": "http://id.loc.gov/vocabulary/",
    "media": "http://www.idpf.org/epub/vocab/overlays/#",
    "onix": "http://www.editeur.org/ONIX/book/codelists/current.html#",
    "rendition": "http://www.idpf.org/vocab/rendition/#",
    "schema": "http://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: The vocabulary of unprefixed ``meta`` properties (``title-type``).
DEFAULT_VOCABULARY = "http://idpf.org/epub/vocab/package/meta/#"

#: No DTDs, no entities, no network: an EPUB is untrusted input.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True, slots=True)
class Item:
    """A manifest item; ``path`` is its name in the archive."""

    id: str
    path: str
    media_type: str
    properties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Package:
    """What the checks need from the package document (OPF)."""

    path: str
    version: str
    title: str
    languages: tuple[str, ...]
    #: Publication metadata (``meta`` and ``link``, not refinements) by
    #: expanded property IRI, values in document order.
    properties: Mapping[str, tuple[str, ...]]
    manifest: tuple[Item, ...]
    #: Archive names of the spine's items, in reading order.
    spine: tuple[str, ...]

    def item_with(self, property_name: str) -> Item | None:
        """The first manifest item with ``property_name`` (``nav``, ``cover-image``)."""
        return next((item for item in self.manifest if property_name in item.properties), None)


@dataclass(frozen=True, slots=True)
class ContentDocument:
    """A parsed XHTML item of the manifest."""

    path: str
    root: etree._Element


class EpubProblem(Exception):
    """The archive cannot be checked further; the message says why."""


def read_package(archive: zipfile.ZipFile) -> Package:
    container = parse_member(archive, CONTAINER)
    rootfile = container.find(".//c:rootfile", NAMESPACES)
    opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
    if not opf_path:
        raise EpubProblem(f"{CONTAINER} names no package document")
    opf = parse_member(archive, opf_path)
    base = posixpath.dirname(opf_path)
    manifest = tuple(
        Item(
            item.get("id", ""),
            resolve(base, item.get("href", "")),
            item.get("media-type", ""),
            tuple(item.get("properties", "").split()),
        )
        for item in opf.iterfind("opf:manifest/opf:item", NAMESPACES)
    )
    paths_by_id = {item.id: item.path for item in manifest}
    spine = tuple(
        paths_by_id[idref]
        for itemref in opf.iterfind("opf:spine/opf:itemref", NAMESPACES)
        if (idref := itemref.get("idref", "")) in paths_by_id
    )
    return Package(
        path=opf_path,
        version=opf.get("version", ""),
        title=" ".join(opf.findtext("opf:metadata/dc:title", "", NAMESPACES).split()),
        languages=tuple(
            (element.text or "").strip()
            for element in opf.iterfind("opf:metadata/dc:language", NAMESPACES)
        ),
        properties=publication_properties(opf),
        manifest=manifest,
        spine=spine,
    )


def parse_member(archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        data = archive.read(name)
    except KeyError:
        raise EpubProblem(f"{name} is missing") from None
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as problem:
        raise EpubProblem(f"{name} is not well-formed XML: {problem}") from None


def resolve(base: str, href: str) -> str:
    """The archive name of ``href`` relative to the folder ``base``."""
    return posixpath.normpath(posixpath.join(base, unquote(urlsplit(href).path)))


def publication_properties(opf: etree._Element) -> dict[str, tuple[str, ...]]:
    """The package's ``meta`` properties and ``link`` relations about the
    publication itself, keyed by expanded IRI, so that ``schema:accessMode``
    and ``s:accessMode`` with a declared ``s: http://schema.org/`` are one
    property. OPF 2 ``meta name content`` pairs count too: EPUB 3 allows them."""
    metadata = opf.find("opf:metadata", NAMESPACES)
    if metadata is None:
        return {}
    prefixes = {**RESERVED_PREFIXES, **declared_prefixes(opf.get("prefix", ""))}
    found: dict[str, list[str]] = {}
    for meta in metadata.iterfind("opf:meta", NAMESPACES):
        if meta.get("refines"):
            continue
        if meta.get("property"):
            name, value = meta.get("property", ""), meta.text or ""
        else:
            name, value = meta.get("name", ""), meta.get("content", "")
        found.setdefault(expand(name, prefixes), []).append(" ".join(value.split()))
    for link in metadata.iterfind("opf:link", NAMESPACES):
        if link.get("refines"):
            continue
        for rel in link.get("rel", "").split():
            found.setdefault(expand(rel, prefixes), []).append(link.get("href", ""))
    return {name: tuple(values) for name, values in found.items()}


def declared_prefixes(attribute: str) -> dict[str, str]:
    """The ``prefix`` attribute's ``name: IRI`` pairs."""
    return dict(re.findall(r"([A-Za-z_][\w.-]*):\s+(\S+)", attribute))


def expand(name: str, prefixes: Mapping[str, str]) -> str:
    prefix, colon, reference = name.partition(":")
    if colon and prefix in prefixes:
        return prefixes[prefix] + reference
    return name if colon else DEFAULT_VOCABULARY + name


def read_documents(
    archive: zipfile.ZipFile, package: Package
) -> tuple[tuple[ContentDocument, ...], tuple[Finding, ...]]:
    """Every XHTML item of the manifest, parsed; those that cannot be read
    are findings (EPUBCheck names them too, but it may not have run)."""
    names = set(archive.namelist())
    documents, findings = [], []
    for item in package.manifest:
        if item.media_type != XHTML_TYPE:
            continue
        if item.path not in names:
            findings.append(error("epub.missing-file", f"{item.path} is in the manifest only"))
            continue
        try:
            root = etree.fromstring(archive.read(item.path), PARSER)
        except etree.XMLSyntaxError as problem:
            findings.append(error("epub.not-xml", f"{item.path} is not well-formed XML: {problem}"))
            continue
        documents.append(ContentDocument(item.path, root))
    return tuple(documents), tuple(findings)


def document_at(documents: Iterable[ContentDocument], path: str) -> ContentDocument | None:
    return next((document for document in documents if document.path == path), None)


# --- images ----------------------------------------------------------------


def images(document: ContentDocument) -> Iterator[etree._Element]:
    """The ``img`` elements of a page. (An SVG ``image`` is labelled by its
    SVG's ``title``, not by ``alt``, so it is not one of them.)"""
    return document.root.iter(f"{{{XHTML}}}img")


def image_paths(document: ContentDocument) -> set[str]:
    """The archive names of every image a page shows, SVG ones included."""
    base = posixpath.dirname(document.path)
    sources = [img.get("src", "") for img in images(document)]
    sources += [
        image.get(f"{{{XLINK}}}href") or image.get("href") or ""
        for image in document.root.iter(f"{{{SVG}}}image")
    ]
    return {resolve(base, source) for source in sources if source}


def images_without_alt(documents: Iterable[ContentDocument]) -> list[str]:
    """``page: image`` for each ``img`` that is not described: no ``alt``
    attribute, or an empty one on the image of a ``figure``. ``alt=""``
    elsewhere marks an ornament; a figure is content, so an empty text there
    means the description is missing, not that there is nothing to say."""
    return [
        f"{document.path}: {img.get('src', '(no src)')}"
        for document in documents
        for img in images(document)
        if img.get("alt") is None or (not img.get("alt").strip() and in_figure(img))
    ]


def in_figure(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and etree.QName(parent).localname == "figure"


def image_count(documents: Iterable[ContentDocument]) -> int:
    return sum(1 for document in documents for _ in images(document))


def has_visual_content(package: Package, documents: Iterable[ContentDocument]) -> bool:
    """Whether the book has images: one in the manifest (the cover counts)
    or an ``img`` on a page."""
    in_manifest = any(item.media_type.startswith("image/") for item in package.manifest)
    return in_manifest or image_count(documents) > 0
