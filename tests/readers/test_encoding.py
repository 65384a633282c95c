"""Input decoding shared by the readers: what comes out is the text the user wrote."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from exporter.errors import InputError
from exporter.model import plain_text
from exporter.options import Options
from exporter.readers.encoding import decode

GERMAN = (
    "Die Welt ist einmal mehr aufgeschreckt: Nordkorea hat am Montag offiziell bestätigt, "
    "Truppen nach Russland entsandt zu haben. „Größe“ – naïve Äpfel für 5 €."
)
FRENCH = "L'été dernier, nous sommes allés à Noël chez ma sœur ; « c'était très agréable »."
RUSSIAN = (
    "Сегодня хорошая погода, и мы идём гулять в парк. Вечером мы будем читать книги "
    "и пить чай с друзьями."
)


def codes(diagnostics: tuple) -> list[str]:
    return [diagnostic.code for diagnostic in diagnostics]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (GERMAN.encode("utf-8"), GERMAN),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), GERMAN),
        (codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), GERMAN),
        (codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), GERMAN),
        (GERMAN.encode("utf-32"), GERMAN),
        (b"plain ASCII", "plain ASCII"),
        (b"", ""),
    ],
)
def test_unicode_is_decoded_without_a_word(data: bytes, text: str) -> None:
    assert decode(data, "in.txt") == (text, ())


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (GERMAN, "cp1252", "cp1252"),
        ("Café", "cp1252", "cp1252"),  # too short to tell: the common encoding wins
        ("Größe und Übermut; naïve fiancée.", "cp1252", "cp1252"),  # not cp1250's "naďve"
        (FRENCH.replace("œ", "oe"), "latin-1", "cp1252"),  # Latin-1 is a subset
        (GERMAN, "mac_roman", "mac_roman"),
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8_r", "koi8_r"),
    ],
)
def test_legacy_encodings_are_detected_and_named(text: str, encoding: str, named: str) -> None:
    decoded, diagnostics = decode(text.encode(encoding), "in.txt")
    assert decoded == text
    [diagnostic] = diagnostics
    assert diagnostic.level == "warning"
    assert diagnostic.message == (
        f"in.txt: decoded as {named} (detected); pass a UTF-8 file to be sure"
    )


def test_cp1252_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Schöne Grüße\r\naus Köln – „bis bald“\r\n".encode("cp1252"))
    text, diagnostics = decode(path.read_bytes(), path.name)
    assert text == "Schöne Grüße\naus Köln – „bis bald“\n"
    assert codes(diagnostics) == ["encoding.detected"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(encoding: str) -> None:
    text, diagnostics = decode(GERMAN.encode(encoding), "in.txt")
    assert text == GERMAN
    assert codes(diagnostics) == ["encoding.detected"]
    assert encoding in diagnostics[0].message


def test_stray_legacy_bytes_in_utf8_keep_the_utf8_characters() -> None:
    data = "Grüße aus Köln und Zürich, ".encode() + "Café".encode("cp1252")
    text, diagnostics = decode(data, "in.txt")
    assert text == "Grüße aus Köln und Zürich, Café"
    assert codes(diagnostics) == ["encoding.stray-bytes"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"),
        ("Zu\u0308rich, Ame\u0301lie", "Zürich, Amélie"),  # NFC
        ("tab\tstays", "tab\tstays"),
        ("bell\x07 and escape\x1b go", "bell and escape go"),
        ("C1\x80\x9f controls go", "C1 controls go"),
        ("stray\ufeffbom goes", "straybom goes"),
        ("soft\u00adhyphen stays", "soft\u00adhyphen stays"),
        ("zero\u200dwidth joiner stays", "zero\u200dwidth joiner stays"),
        ("page\fbreak", "page\n\nbreak"),
        ("line\u2028separator and\u2029paragraph", "line\nseparator and\n\nparagraph"),
    ],
)
def test_text_is_normalised(text: str, expected: str) -> None:
    decoded, _diagnostics = decode(text.encode("utf-8"), "in.txt")
    assert decoded == expected


def test_dropped_controls_are_counted_in_a_notice() -> None:
    _text, diagnostics = decode(b"a\x07b\x07c\x1bd", "in.txt")
    assert [(d.level, d.message) for d in diagnostics] == [
        ("notice", "in.txt: dropped 3 invisible control characters")
    ]


def test_noncharacters_are_dropped_as_controls() -> None:
    # Found by the long fuzz run: a text of U+FFFE exported to EPUB but made
    # the PDF's layout fail ("not well-formed"): XML forbids U+FFFE and U+FFFF.
    text, diagnostics = decode("Nacht\ufffezug\uffff".encode(), "in.txt")
    assert text == "Nachtzug"
    assert [d.message for d in diagnostics] == ["in.txt: dropped 2 invisible control characters"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 4, "in.bin: looks like a binary file, not text"),
        (b"\x00\x01\x02\x03text" * 20, "in.bin: looks like a binary file, not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "in.bin: this is a PDF file, not text"),
        (b"PK\x03\x04\x14\x00\x00\x00", "in.bin: this is a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "in.bin: this is a PNG image"),
        (bytes(range(1, 32)) * 10, "in.bin: looks like a binary file, not text"),
        (os.urandom(4096).replace(b"\x00", b"\x01"), "in.bin: looks like a binary file"),
    ],
)
def test_binary_input_is_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        decode(data, "in.bin")
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_few_stray_controls_and_nuls_are_dropped_with_one_warning() -> None:
    # What a bad copy leaves: a NUL here and there, a block of them where a
    # write was cut short, a stray control or two.
    paragraphs = [f"Paragraph {n} tells of the night trains of Europe." for n in range(20)]
    data = (
        "\n\n".join(paragraphs[:10]).encode()
        + b"\x00\x01 stray\x00 bytes\x1b "
        + b"\x00" * 4096
        + "\n\n".join(["", *paragraphs[10:]]).encode()
    )
    text, diagnostics = decode(data, "in.txt")
    assert text == "\n\n".join(paragraphs[:10]) + " stray bytes " + "\n\n".join(
        ["", *paragraphs[10:]]
    )
    assert [(d.level, d.message) for d in diagnostics] == [
        (
            "warning",
            "in.txt: dropped 4100 invisible control characters, NUL bytes among them"
            " (a damaged copy?); check the text around them",
        )
    ]


def test_bom_that_lies_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not valid utf-8"):
        decode(codecs.BOM_UTF8 + b"caf\xe9", "in.txt")


@pytest.mark.parametrize(
    ("data", "declared", "text", "diagnostic_codes"),
    [
        ("Grüße".encode("cp1252"), "windows-1252", "Grüße", []),
        # WHATWG: a page that says ISO-8859-1 is read as windows-1252
        ("„Grüße“".encode("cp1252"), "ISO-8859-1", "„Grüße“", []),
        ("Привет".encode("koi8_r"), "koi8-r", "Привет", []),
        # a byte-order mark wins over the declaration
        (codecs.BOM_UTF8 + "Grüße".encode(), "iso-8859-1", "Grüße", []),
        ("Grüße".encode(), "UTF-8", "Grüße", []),
        # valid UTF-8 is UTF-8 whatever the page declares (a stale <meta>)
        ("Grüße aus Köln".encode(), "us-ascii", "Grüße aus Köln", ["encoding.declared-wrong"]),
        ("Grüße aus Köln".encode(), "shift_jis", "Grüße aus Köln", ["encoding.declared-wrong"]),
        # a declaration that does not fit, or an unknown one: detect instead
        (
            "Grüße".encode("cp1252"),
            "utf-8",
            "Grüße",
            ["encoding.declared-wrong", "encoding.detected"],
        ),
        (
            "Grüße".encode("cp1252"),
            "x-unknown",
            "Grüße",
            ["encoding.declared-unknown", "encoding.detected"],
        ),
        # Python codecs that are not text encodings (found by the long fuzz run:
        # "uu" ended in a LookupError, exit 70)
        *(
            (
                "Grüße".encode("cp1252"),
                label,
                "Grüße",
                ["encoding.declared-unknown", "encoding.detected"],
            )
            for label in ("uu", "hex", "rot13", "zlib")
        ),
    ],
)
def test_declared_charset(
    data: bytes, declared: str, text: str, diagnostic_codes: list[str]
) -> None:
    decoded, diagnostics = decode(data, "page.html", declared)
    assert decoded == text
    assert codes(diagnostics) == diagnostic_codes


def binary_files(folder: Path) -> dict[str, bytes]:
    """Real binary files, each as a user might pass it by mistake."""
    import io
    import zipfile

    import pymupdf
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(png, "PNG")
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), "A page of text in a PDF.")
    # A ZIP that stores its file uncompressed is mostly text: only its
    # signature tells it from a text file with a few stray control bytes.
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as stored:
        stored.writestr("article.txt", GERMAN * 200)
    return {"png": png.getvalue(), "pdf": pdf.tobytes(), "zip": archive.getvalue()}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("png", "this is a PNG image, not text"),
        ("pdf", "this is a PDF file, not text"),
        ("zip", "this is a ZIP archive (EPUB, DOCX, ODT…), not text"),
    ],
)
def test_binary_files_renamed_txt_are_refused_in_one_line(
    tmp_path: Path, kind: str, message: str
) -> None:
    from exporter import api

    path = tmp_path / f"{kind}.txt"
    path.write_bytes(binary_files(tmp_path)[kind])
    with pytest.raises(InputError) as raised:
        api.read(path)
    assert str(raised.value) == f"{kind}.txt: {message}"


def test_a_text_with_stray_nuls_exports(tmp_path: Path) -> None:
    from exporter import api

    path = tmp_path / "damaged.txt"
    path.write_bytes(
        b"The night train\n\n"
        + GERMAN.encode().replace(b"Montag", b"Mon\x00tag")
        + b"\x00\x00\x00\n\nDer zweite Absatz\x01 endet hier."
    )
    result = api.export(path, out_dir=tmp_path / "out", options=Options(formats=("epub",)))
    assert [output.name for output in result.outputs] == ["damaged.epub"]
    dropped = [d for d in result.diagnostics if d.code == "encoding.controls-dropped"]
    assert [(d.level, d.message.split(",")[0]) for d in dropped] == [
        ("warning", "damaged.txt: dropped 5 invisible control characters")
    ]
    text = " ".join(plain_text(block.children) for block in result.document.blocks)
    assert "Montag" in text and "Der zweite Absatz endet hier." in text
