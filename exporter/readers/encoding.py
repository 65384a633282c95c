"""Bytes to clean text, for every reader.

A reader should see one kind of text whatever the user's editor saved: Unicode
in NFC, ``\\n`` line ends, no control characters. This module decides how the
bytes are encoded and normalises the result; it knows nothing of any input
format, so the Markdown and HTML readers share it (HTML passes the charset its
``<meta>`` declares).

The order of evidence follows the WHATWG encoding sniffing rules, simplified:
a byte-order mark wins; then a declared charset; then UTF-8 if the bytes are
valid UTF-8; then detection (charset-normalizer), which is named in a warning
because a guess can be wrong. Anything that is not text raises
:class:`~exporter.errors.InputError` rather than producing garbage.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass

from exporter.diagnostics import Diagnostic, notice, warning
from exporter.errors import InputError

#: Byte-order marks, longest first: the UTF-32 LE mark begins with UTF-16 LE's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: When several legacy encodings decode the bytes equally well, the one people
#: most likely saved with wins: Windows-1252 is what "ANSI" means on most
#: Western machines, and it is a superset of Latin-1's printable characters.
PREFERRED_LEGACY: tuple[str, ...] = (
    "cp1252",
    "iso8859_15",
    "latin_1",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "mac_roman",
    "cp932",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "cp949",
    "euc_kr",
)

#: WHATWG: these labels mean windows-1252 in practice (web pages that say
#: "iso-8859-1" use the C1 range for curly quotes and dashes).
DECLARED_ALIASES: dict[str, str] = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
}

#: Above this charset-normalizer "chaos" (share of odd-looking characters),
#: the best guess is garbage, not text.
MAX_CHAOS = 0.25

#: Above this share of control characters (and this many), decoded bytes are
#: not prose; a few stray ones in a short text are dropped instead.
MAX_CONTROL_SHARE = 0.05
MIN_BINARY_CONTROLS = 8

#: File signatures worth naming when someone passes the wrong file.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (EPUB, DOCX, ODT…)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
)

#: Characters that mean "new line" or "new paragraph" in some tradition.
#: A form feed is a page break (pdftotext puts one between pages): it becomes a
#: blank line, and the text reader's page-break repair decides whether the
#: paragraph really ended there.
LINE_SEPARATORS = str.maketrans(
    {
        "\f": "\n\n",
        "\v": "\n",
        "\x85": "\n",
        "\u2028": "\n",
        "\u2029": "\n\n",
    }
)

NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text and how we got it (for messages and tests)."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode(
    data: bytes, name: str, declared: str | None = None
) -> tuple[str, tuple[Diagnostic, ...]]:
    """Decode ``data`` (the input called ``name``) to normalised text.

    ``declared`` is a charset the format itself names (HTML's ``<meta
    charset>``); plain text has none. Raises ``InputError`` for binary or
    undecodable input.
    """
    kind = signature_kind(data)
    if kind is not None:
        raise InputError(f"{name}: this is {kind}, not text")
    decoded = decode_bytes(data, name, declared)
    if looks_binary(decoded.text):
        raise InputError(f"{name}: {binary_kind(data)}, not text")
    text, dropped = normalize_text(decoded.text)
    diagnostics = decoded.diagnostics
    if dropped:
        diagnostics += (controls_dropped(name, dropped, nul="\x00" in decoded.text),)
    return text, diagnostics


def controls_dropped(name: str, dropped: int, *, nul: bool) -> Diagnostic:
    """The message on dropped control characters: a notice, or a warning when
    NUL bytes were among them, which text never holds and a damaged copy
    (a disk error, a transfer cut short) leaves: the user should look."""
    plural = "s" if dropped != 1 else ""
    if nul:
        return warning(
            "encoding.controls-dropped",
            f"{name}: dropped {dropped} invisible control character{plural}, NUL bytes"
            " among them (a damaged copy?); check the text around them",
        )
    return notice(
        "encoding.controls-dropped",
        f"{name}: dropped {dropped} invisible control character{plural}",
    )


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Pick the encoding: byte-order mark, declared charset, UTF-8, detection.

    One exception to the declaration winning: bytes that are valid UTF-8 with
    some non-ASCII in them are UTF-8, whatever a ``<meta>`` claims. Legacy
    text practically never forms valid multi-byte UTF-8 by chance, while
    pages re-saved as UTF-8 often keep a stale declaration.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return decode_strictly(data[len(bom) :], name, encoding)
    diagnostics: tuple[Diagnostic, ...] = ()
    if declared and not data.isascii() and is_utf8(data):
        encoding = DECLARED_ALIASES.get(declared.strip().lower(), declared.strip().lower())
        if not is_utf8_label(encoding):
            diagnostics = (
                warning(
                    "encoding.declared-wrong",
                    f"{name}: declares {declared} but is valid UTF-8; read as UTF-8",
                ),
            )
        declared = None
    if declared:
        outcome = decode_declared(data, name, declared)
        if isinstance(outcome, Decoded):
            return outcome
        diagnostics = (outcome,)
    utf16 = guess_bomless_utf16(data) if b"\x00" in data else None
    if utf16 is None and b"\x00" in data and mostly_controls(data):
        raise InputError(f"{name}: {binary_kind(data)}, not text (it contains NUL bytes)")
    if utf16 is not None:
        # Otherwise a few NULs in text (a damaged copy): read on, they are dropped.
        decoded = decode_strictly(data, name, utf16)
        return Decoded(
            decoded.text,
            utf16,
            (
                *diagnostics,
                warning(
                    "encoding.detected",
                    f"{name}: decoded as {utf16} (detected, no byte-order mark); "
                    "pass a UTF-8 file to be sure",
                ),
            ),
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8", diagnostics)
    except UnicodeDecodeError:
        pass
    mixed = decode_mostly_utf8(data, name)
    if mixed is not None:
        return Decoded(mixed.text, mixed.encoding, diagnostics + mixed.diagnostics)
    detected = detect_legacy(data, name)
    return Decoded(detected.text, detected.encoding, diagnostics + detected.diagnostics)


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def is_utf8_label(label: str) -> bool:
    try:
        return codecs.lookup(label).name == "utf-8"
    except LookupError:
        return False


def decode_strictly(data: bytes, name: str, encoding: str) -> Decoded:
    """Decode with a known encoding; bytes that do not fit it are an error."""
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid {encoding} at byte {error.start} although it says it is"
        ) from None


def decode_declared(data: bytes, name: str, declared: str) -> Decoded | Diagnostic:
    """Decode with the charset the input declares, or say why we cannot."""
    label = declared.strip().lower()
    encoding = DECLARED_ALIASES.get(label, label)
    if not is_text_encoding(encoding):
        return warning(
            "encoding.declared-unknown",
            f"{name}: declares the unknown charset {declared!r}; detecting instead",
        )
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return warning(
            "encoding.declared-wrong",
            f"{name}: is not {declared} as it declares; detecting instead",
        )


def is_text_encoding(label: str) -> bool:
    """Whether ``label`` names a codec that decodes bytes to text. Python
    also knows codecs that are not ("uu", "hex", "zlib", "rot13"), which a
    page may declare by mistake or mischief: ``bytes.decode`` refuses them
    with a ``LookupError``, as it does unknown names."""
    try:
        b" ".decode(label)  # not b"": decoding nothing skips the check
    except LookupError:
        return False
    except UnicodeDecodeError:
        pass  # a text codec that wants more bytes (UTF-16, UTF-32)
    return True


def guess_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, recognised by its NUL pattern.

    Text in a Latin, Greek or Cyrillic script saved as UTF-16 has a NUL in
    most high bytes and almost none in the low bytes; binary files have NULs
    scattered anywhere. Returns the codec name, or ``None`` for binary.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * half and others.count(0) <= 0.01 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if looks_binary(text) else encoding
    return None


def decode_mostly_utf8(data: bytes, name: str) -> Decoded | None:
    """UTF-8 with a few stray legacy bytes (text pasted together from two
    sources). Decoding it all as a legacy encoding would garble every correct
    UTF-8 character, so only the stray bytes are read as Windows-1252.

    Applies when the valid non-ASCII UTF-8 characters outnumber the invalid
    bytes; a real legacy file almost never forms valid UTF-8 sequences.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for char in text if "\udc80" <= char <= "\udcff")
    valid = sum(1 for char in text if char > "\x7f" and not "\udc80" <= char <= "\udcff")
    if not valid or stray >= valid:
        return None
    repaired = "".join(
        bytes([ord(char) - 0xDC00]).decode("cp1252", errors="replace")
        if "\udc80" <= char <= "\udcff"
        else char
        for char in text
    )
    return Decoded(
        repaired,
        "utf-8",
        (
            warning(
                "encoding.stray-bytes",
                f"{name}: {stray} byte{'s' if stray != 1 else ''} not valid UTF-8, "
                "read as cp1252; check the characters around them",
            ),
        ),
    )


def detect_legacy(data: bytes, name: str) -> Decoded:
    """Detect a legacy encoding with charset-normalizer and say which.

    Only encodings that read ASCII bytes as ASCII qualify (no EBCDIC, no
    BOM-less UTF-16 guesses for ordinary text). Among guesses with the same
    "chaos" (share of odd-looking characters) the most common encoding wins
    (:data:`PREFERRED_LEGACY`), not charset-normalizer's language coherence:
    on a short text that score cannot tell Windows-1252 from Windows-1250 or
    ISO 8859-14, and the wrong one turns "naïve" into "naďve" and "«" into
    "ḋ". The price: a short Turkish or Lithuanian text in its legacy encoding
    may come out as Windows-1252, which the warning makes the user check.
    """
    import charset_normalizer  # imported here: only legacy input needs it

    candidates = []
    for match in charset_normalizer.from_bytes(data, cp_exclusion=ascii_incompatible()):
        names = [match.encoding, *match.could_be_from_charset]
        usable = [encoding for encoding in names if is_ascii_compatible(encoding)]
        if not usable or match.chaos > MAX_CHAOS:
            continue
        encoding = min(usable, key=preference)
        key = (round(match.chaos, 2), preference(encoding), -match.coherence)
        candidates.append((key, encoding, str(match)))
    if not candidates:
        raise InputError(f"{name}: {binary_kind(data)}, or text in an encoding we cannot tell")
    _key, encoding, text = min(candidates)
    if looks_binary(text):
        raise InputError(f"{name}: {binary_kind(data)}, not text")
    return Decoded(
        text,
        encoding,
        (
            warning(
                "encoding.detected",
                f"{name}: decoded as {encoding} (detected); pass a UTF-8 file to be sure",
            ),
        ),
    )


def preference(encoding: str) -> int:
    normal = codecs.lookup(encoding).name.replace("-", "_")
    for rank, preferred in enumerate(PREFERRED_LEGACY):
        if codecs.lookup(preferred).name.replace("-", "_") == normal:
            return rank
    return len(PREFERRED_LEGACY)


ASCII_PROBE = bytes(range(0x20, 0x7F)) + b"\t\n\r"


@functools.cache
def ascii_incompatible() -> list[str]:
    """charset-normalizer's encodings that would misread ASCII. Excluding them
    up front matters: the detector stops early on a confident wrong match."""
    from charset_normalizer.constant import IANA_SUPPORTED

    return [encoding for encoding in IANA_SUPPORTED if not is_ascii_compatible(encoding)]


def is_ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` reads printable ASCII bytes as themselves."""
    try:
        return ASCII_PROBE.decode(encoding) == ASCII_PROBE.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def signature_kind(data: bytes) -> str | None:
    """What a file starting with a known binary signature is ("a PNG image"):
    refused whatever follows, since a ZIP that stores its files uncompressed
    is mostly text with a few control bytes, and so is an old PDF."""
    return next((kind for signature, kind in SIGNATURES if data.startswith(signature)), None)


def binary_kind(data: bytes) -> str:
    kind = signature_kind(data)
    return f"this is {kind}" if kind is not None else "looks like a binary file"


#: :data:`BINARY_CONTROL` in bytes of any ASCII-compatible encoding.
BINARY_CONTROL_BYTES = re.compile(rb"\x00+|[\x01-\x08\x0e-\x1f\x7f]")


def mostly_controls(data: bytes) -> bool:
    """:func:`looks_binary` on the bytes, before decoding."""
    controls = sum(1 for _ in BINARY_CONTROL_BYTES.finditer(data))
    return controls >= MIN_BINARY_CONTROLS and controls > MAX_CONTROL_SHARE * len(data)


#: Control characters we drop: C0 and C1 controls (Unicode category Cc) except
#: tab and newline, U+FEFF, which inside a text is a stray byte-order mark
#: from concatenated files, and the noncharacters U+FFFE and U+FFFF, which
#: stand for no text and which XML forbids (the PDF's layout failed on them).
#: Other format characters stay: the soft hyphen (U+00AD) is the author's
#: hyphenation hint, joiners and bidi marks shape some scripts. A regular
#: expression, because a per-character loop took seconds on a large saved page.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
#: The same, less the line-layout controls (CR, FF, VT) that text files use;
#: a run of NULs counts once: a damaged copy (a disk error, a transfer cut
#: short) leaves a block of them in text, while binary data scatters every
#: kind of control character.
BINARY_CONTROL = re.compile("\x00+|[\x01-\x08\x0e-\x1f\x7f-\x9f\ufeff]")


def is_control(char: str) -> bool:
    """Whether :data:`CONTROL` drops ``char``."""
    return CONTROL.fullmatch(char) is not None


def looks_binary(text: str) -> bool:
    """Mostly control characters: bytes that happen to decode, not prose.
    Text with a handful of them (fewer than :data:`MIN_BINARY_CONTROLS`, or
    at most :data:`MAX_CONTROL_SHARE` of its characters) is text: they are
    dropped, and the user is told how many."""
    if not text:
        return False
    controls = sum(1 for _ in BINARY_CONTROL.finditer(text))
    return controls >= MIN_BINARY_CONTROLS and controls > MAX_CONTROL_SHARE * len(text)


def normalize_text(text: str) -> tuple[str, int]:
    """``\\n`` line ends, NFC, no control characters.

    Returns the text and how many control characters were dropped. NFC first
    composes "u" + U+0308 into "ü" so that search, hyphenation and fonts see
    one character, as every other tool does.
    """
    text = NEWLINES.sub("\n", text).translate(LINE_SEPARATORS)
    text = unicodedata.normalize("NFC", text)
    kept = CONTROL.sub("", text)
    return kept, len(text) - len(kept)
