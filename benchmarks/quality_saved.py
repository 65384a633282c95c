"""Saved pages: each page of the public benchmark through the whole pipeline.

A page is read by the HTML reader, transformed and written as an EPUB, as a
user's export would; its text is then read back from the EPUB's body
documents, as a reader sees it (not the cover, title page or navigation), and
scored with the benchmark's own metric (its ``evaluate.py``).
"""

from __future__ import annotations

import gzip
import io
import re
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from quality_data import CORPUS

#: Elements after which a reader sees a new line: text of two blocks never
#: runs together into one token.
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre"}
    | {"figcaption", "td", "th", "tr", "div", "section", "aside", "hr", "br", "table"}
    | {"caption", "figure", "ol", "ul", "dl"}
)

#: ``epub:type`` of documents that are not the article's text.
MATTER_TYPES = frozenset({"cover", "titlepage", "toc", "frontmatter"})

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
OPF = "{http://www.idpf.org/2007/opf}"


@dataclass(frozen=True, slots=True)
class SavedResult:
    """What the pipeline made of one page."""

    key: str
    text: str = ""
    title: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""
    date: str = ""
    seconds: float = 0.0
    error: str = ""
    notices: tuple[str, ...] = field(default=())


def page_html(key: str) -> bytes:
    return gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes())


def export_page(key: str, strip: Callable[[bytes], bytes] | None = None) -> SavedResult:
    """Read, transform and write one page as an EPUB (``strip`` first
    removing a part of it: :func:`without_class_names`); its body text and
    metadata."""
    from exporter.api import read, render
    from exporter.errors import ExportError
    from exporter.options import Options
    from exporter.source import Source

    options = Options(formats=("epub",))
    html = page_html(key) if strip is None else strip(page_html(key))
    started = time.perf_counter()
    try:
        outcome = read(Source(html, f"{key}.html"), options)
        epub = render(outcome.document, "epub", options)
    except ExportError as error:
        return SavedResult(key, error=f"{type(error).__name__}: {error}")
    except Exception as error:  # a crash is what the benchmark counts
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        return SavedResult(key, error=f"crash {type(error).__name__} at {where}: {error}")
    seconds = time.perf_counter() - started
    metadata = outcome.document.metadata
    return SavedResult(
        key,
        text=epub_body_text(epub),
        title=metadata.title,
        authors=metadata.authors,
        language=metadata.language,
        date=metadata.date,
        seconds=seconds,
        notices=tuple(d.message for d in outcome.diagnostics),
    )


def epub_body_text(epub: bytes) -> str:
    """The text of an EPUB's body documents in spine order, a line per block."""
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        folder = opf_path.rpartition("/")[0]
        items = {
            item.get("id"): item
            for item in opf.iter(f"{OPF}item")
            if item.get("media-type") == "application/xhtml+xml"
        }
        texts = []
        for itemref in opf.iter(f"{OPF}itemref"):
            item = items.get(itemref.get("idref"))
            if item is None or "nav" in (item.get("properties") or "").split():
                continue
            href = f"{folder}/{item.get('href')}" if folder else item.get("href")
            document = etree.fromstring(archive.read(href))
            body = document.find(f"{XHTML}body")
            if body is None or is_matter(body):
                continue
            texts.append(block_text(body))
    return "\n\n".join(text for text in texts if text.strip())


def is_matter(body: etree._Element) -> bool:
    """A cover, title page or contents: its body or first section says so."""
    marked = [body, *body.findall(f"{XHTML}section")[:1]]
    return any(set((element.get(EPUB_TYPE) or "").split()) & MATTER_TYPES for element in marked)


def block_text(element: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def trafilatura_page(key: str, strip: Callable[[bytes], bytes] | None = None) -> SavedResult:
    """trafilatura alone, as installed, with its defaults: the baseline we run inside."""
    import trafilatura

    html = page_html(key) if strip is None else strip(page_html(key))
    started = time.perf_counter()
    text = trafilatura.extract(html) or ""
    return SavedResult(key, text=text, seconds=time.perf_counter() - started)


#: The page's own metadata, removed to see how far the visible page alone
#: carries the title and the authors: JSON-LD, and the ``<meta>`` that name
#: the title, the authors or the site.
JSON_LD = re.compile(rb"<script[^>]*application/ld\+json[^>]*>.*?</script>", re.S | re.I)
NAMING_META = re.compile(
    rb"<meta[^>]*(?:name|property)=[\"'](?:author|article:author|og:title|twitter:title|title"
    rb"|sailthru\.author|parsely-author|dc\.creator|dcterms\.creator|byl|og:site_name)[\"'][^>]*>",
    re.I,
)
#: Class, id, ``itemprop`` and ``rel`` values that mark a byline, and links to
#: an author's page: what sites name in words of their own.
BYLINE_MARKUP = re.compile(
    rb"\s(?:class|id|itemprop|rel)=([\"'])[^\"']*(?:author|byline|contributor)[^\"']*\1",
    re.I,
)
AUTHOR_LINK = re.compile(
    rb"href=([\"'])[^\"']*/(?:author|authors|autor|profile|writers?|people|staff|contributor)/"
    rb"[^\"']*\1",
    re.I,
)


def without_metadata(html: bytes) -> bytes:
    return NAMING_META.sub(b"", JSON_LD.sub(b"", html))


#: Every ``class`` and ``id`` attribute: sites whose names are generated by
#: their CSS tools ("sc-1jc3ukb-3 fmiFaO") or in words of another language
#: give the chrome rules nothing to go on, and an unseen set holds such sites.
CLASS_NAMES = re.compile(rb"\s(?:class|id)=([\"'])[^\"']*\1", re.I)


def without_class_names(html: bytes) -> bytes:
    return CLASS_NAMES.sub(b"", html)


LESS_METADATA = {
    "no JSON-LD": lambda html: JSON_LD.sub(b"", html),
    "no naming meta": lambda html: NAMING_META.sub(b"", html),
    "neither": without_metadata,
    "neither, nor byline markup": lambda html: AUTHOR_LINK.sub(
        b'href="/x"', BYLINE_MARKUP.sub(b"", without_metadata(html))
    ),
}


def less_metadata_page(key: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Title and authors read from the page without parts of its metadata
    (:data:`LESS_METADATA`): a page of a site that fills less of it, as an
    unseen set of articles will hold. Only reading, no EPUB."""
    from exporter.api import read
    from exporter.errors import ExportError
    from exporter.source import Source

    html = page_html(key)
    found = {}
    for name, strip in LESS_METADATA.items():
        try:
            metadata = read(Source(strip(html), f"{key}.html")).document.metadata
        except ExportError:
            found[name] = ("", ())
        else:
            found[name] = (metadata.title, metadata.authors)
    return found
