"""Images a document refers to, turned into embedded :class:`Resource` s.

Shared by the HTML and Markdown readers. The safety rule of the whole tool
lives here: the only files a document may embed are files inside the input's
folder, and nothing is ever fetched. A reference is classified from its text
alone (scheme, path, symlink-resolved location) *before* any file is opened,
so a refused reference never causes a read or a network connection.

Accepted bytes are checked to really be an image of a type every EPUB reader
must show (the EPUB 3 core media types JPEG, PNG, GIF, WebP and SVG). Other
raster formats Pillow can decode (BMP, TIFF…) are converted to PNG; anything
else is left out with a warning. Resource names are derived from the content
hash: the same picture used twice is embedded once, and names are safe in
XML, URLs and ZIP paths whatever the original file was called.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from lxml import etree
from PIL import Image, UnidentifiedImageError

from exporter.diagnostics import Diagnostic, notice, warning
from exporter.model import Resource

#: Bigger files are not images an article needs; refusing them before reading
#: keeps a mistaken reference (a video, a disk image) from filling memory.
MAX_IMAGE_BYTES = 50 * 1024 * 1024
#: An image with more pixels is refused unread beyond its header: decoding
#: it would take gigabytes (a "decompression bomb"). Pillow's own limit.
MAX_IMAGE_PIXELS = 89_478_485
#: The most images, and bytes of images, one document embeds; the images
#: after are left out, unread, with a warning: a book of thousands of
#: pictures is not an article, and every reading system would choke on it.
MAX_IMAGES = 1000
MAX_IMAGES_BYTES = 250 * 1024 * 1024

#: Pillow format name -> (media type, file extension) for EPUB core media types.
CORE_RASTER: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

RefusalKind = Literal["remote", "outside", "missing", "invalid"]


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an image reference was not embedded.

    ``remote`` and ``outside`` are the safety refusals (never fetched, never
    read); ``missing`` and ``invalid`` are files we looked for but could not use.
    """

    src: str
    kind: RefusalKind
    reason: str


@dataclass(frozen=True, slots=True)
class LoadedImage:
    """The result of :func:`load_image`: a resource, or the refusal."""

    resource: Resource | None
    refusal: Refusal | None = None
    converted_from: str = ""


def load_image(src: str, base_dir: Path | None) -> LoadedImage:
    """Embed the image ``src`` refers to, if it is allowed and really an image.

    ``src`` is the reference as written in the input (a URL or a path relative
    to the input); ``base_dir`` is the input's folder, ``None`` for stdin.
    """
    src = src.strip()
    if src.lower().startswith("data:"):
        data = decode_data_uri(src)
        if data is None:
            return refused(src, "invalid", "not a valid data: URI")
        return image_from_bytes(src, data)
    target = local_target(src, base_dir)
    if isinstance(target, Refusal):
        return LoadedImage(None, target)
    return image_from_bytes(src, target.read_bytes())


def refused(src: str, kind: RefusalKind, reason: str) -> LoadedImage:
    return LoadedImage(None, Refusal(src, kind, reason))


def local_target(src: str, base_dir: Path | None) -> Path | Refusal:
    """The file ``src`` names, if it may be read: inside ``base_dir`` after
    resolving ``..`` and symlinks, an existing regular file of sane size.
    Only ``stat``-like calls happen here, never a read."""
    if not src:
        return Refusal(src, "invalid", "empty reference")
    try:
        parts = urlsplit(src)
    except ValueError:
        return Refusal(src, "invalid", "not a valid reference")
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "ftp") or src.startswith("//"):
        return Refusal(src, "remote", "on the network")
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return Refusal(src, "remote", "on another machine")
    elif scheme:
        # A one-letter scheme is a Windows drive ("C:/…"): absolute, so outside.
        kind: RefusalKind = "outside" if len(scheme) == 1 else "invalid"
        return Refusal(src, kind, f"unsupported reference type {scheme}:")
    if base_dir is None:
        return Refusal(src, "outside", "no input folder (read from standard input)")
    if not parts.path:
        return Refusal(src, "invalid", "empty path")
    base = base_dir.resolve()
    for written in dict.fromkeys((unquote(parts.path), parts.path)):
        candidate = (base / written).resolve()
        if not candidate.is_relative_to(base) or candidate == base:
            return Refusal(src, "outside", "outside the input's folder")
        if candidate.is_file():
            if candidate.stat().st_size > MAX_IMAGE_BYTES:
                return Refusal(src, "invalid", "larger than 50 MB")
            return candidate
    return Refusal(src, "missing", "no such file")


def is_shown_picture(src: str, base_dir: Path | None) -> bool:
    """Whether the book will show the picture at ``src``: one in a ``data:``
    URI or in a file :func:`local_target` may read. Nothing is read."""
    return src.startswith("data:") or isinstance(local_target(src, base_dir), Path)


def decode_data_uri(uri: str) -> bytes | None:
    """The bytes of a ``data:`` URI (base64 or percent-encoded), or ``None``."""
    header, comma, payload = uri.partition(",")
    if not comma:
        return None
    if header.lower().endswith(";base64"):
        try:
            return base64.b64decode("".join(unquote(payload).split()), validate=True)
        except (binascii.Error, ValueError):
            return None
    return unquote_to_bytes(payload)


def image_from_bytes(src: str, data: bytes) -> LoadedImage:
    """Check ``data`` is an image and make the resource, converting formats an
    EPUB reader need not support to PNG."""
    if looks_like_svg(data):
        svg = clean_svg(data)
        if svg is None:
            return refused(src, "invalid", "not a valid SVG image")
        return LoadedImage(resource("image/svg+xml", "svg", svg))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format or ""
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    return refused(src, "invalid", "more than 89 megapixels")
                probe.verify()
            if kind in CORE_RASTER:
                media_type, extension = CORE_RASTER[kind]
                return LoadedImage(resource(media_type, extension, data))
            return LoadedImage(resource("image/png", "png", to_png(data)), converted_from=kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return refused(src, "invalid", "too many pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return refused(src, "invalid", "not an image")


def to_png(data: bytes) -> bytes:
    """Re-encode the first frame of any image Pillow reads as PNG."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        out = io.BytesIO()
        image.save(out, format="PNG")
    return out.getvalue()


def resource(media_type: str, extension: str, data: bytes) -> Resource:
    digest = hashlib.sha256(data).hexdigest()[:16]
    return Resource(f"img-{digest}.{extension}", media_type, data)


def looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in (
        data[:4096].lower()
    )


def clean_svg(data: bytes) -> bytes | None:
    """The SVG without what an EPUB must not carry: scripts, event handlers,
    embedded HTML, and references to other files or the network (which the
    reader would try to load). Parsed without DTDs, entities or network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None or root.tag != f"{{{SVG_NS}}}svg":
        return None
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in ("script", "foreignObject"):
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if unsafe_svg_attribute(name, element.attrib[name]):
                del element.attrib[name]
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def unsafe_svg_attribute(name: str, value: str) -> bool:
    """Event handlers, and links to anything but the SVG itself or inline data."""
    if etree.QName(name).localname.lower().startswith("on"):
        return True
    return name in ("href", XLINK_HREF) and not value.strip().startswith(("#", "data:image/"))


class ImageCollector:
    """The images of one document: loads each reference once, names the
    resources, and turns refusals into diagnostics at the end.

    One collector per read; the Markdown reader and raw HTML inside it share
    one, so the user gets one warning for all refused images of a document.
    """

    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = base_dir
        self._loaded: dict[str, LoadedImage] = {}
        #: The bytes of each resource embedded so far, by name.
        self._sizes: dict[str, int] = {}

    def add(self, src: str) -> str | None:
        """The resource name for ``src``, or ``None`` when it was refused
        (past :data:`MAX_IMAGES`, unread, or :data:`MAX_IMAGES_BYTES`)."""
        if src not in self._loaded:
            if len(self._sizes) >= MAX_IMAGES:
                loaded = refused(src, "invalid", f"past the {MAX_IMAGES} images a book takes")
            else:
                loaded = self.within_bytes(load_image(src, self.base_dir), src)
            self._loaded[src] = loaded
        loaded = self._loaded[src]
        return loaded.resource.name if loaded.resource else None

    def within_bytes(self, loaded: LoadedImage, src: str) -> LoadedImage:
        resource = loaded.resource
        if resource is None or resource.name in self._sizes:
            return loaded
        if sum(self._sizes.values()) + len(resource.data) > MAX_IMAGES_BYTES:
            return refused(src, "invalid", "past the 250 MB of images a book takes")
        self._sizes[resource.name] = len(resource.data)
        return loaded

    @property
    def resources(self) -> tuple[Resource, ...]:
        unique = {
            loaded.resource.name: loaded.resource
            for loaded in self._loaded.values()
            if loaded.resource
        }
        return tuple(unique.values())

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        refusals = [loaded.refusal for loaded in self._loaded.values() if loaded.refusal]
        converted = [
            (src, loaded.converted_from)
            for src, loaded in self._loaded.items()
            if loaded.converted_from
        ]
        return refusal_diagnostics(refusals) + conversion_notices(converted)


def refusal_diagnostics(refusals: list[Refusal]) -> tuple[Diagnostic, ...]:
    """At most two warnings: one listing every image we would not fetch or
    read (the safety rule), one listing files we tried and could not use."""
    out: list[Diagnostic] = []
    unsafe = [r for r in refusals if r.kind in ("remote", "outside")]
    if unsafe:
        out.append(
            warning(
                "images.not-embedded",
                f"left out {count(len(unsafe), 'image')} not in the input's folder "
                "(images are never downloaded or read from elsewhere): "
                + ", ".join(f"{short_src(r.src)} ({r.reason})" for r in unsafe),
            )
        )
    broken = [r for r in refusals if r.kind in ("missing", "invalid")]
    if broken:
        out.append(
            warning(
                "images.unusable",
                f"left out {count(len(broken), 'image')} that could not be used: "
                + ", ".join(f"{short_src(r.src)} ({r.reason})" for r in broken),
            )
        )
    return tuple(out)


def conversion_notices(converted: list[tuple[str, str]]) -> tuple[Diagnostic, ...]:
    if not converted:
        return ()
    listed = ", ".join(f"{short_src(src)} ({kind})" for src, kind in converted)
    return (notice("images.converted", f"converted to PNG for e-readers: {listed}"),)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def short_src(src: str) -> str:
    """A reference as shown in a message: data: URIs cut to their type."""
    if src.lower().startswith("data:"):
        return src.split(",", 1)[0] + ",…"
    return src
