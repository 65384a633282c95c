"""``exporter check`` on PDFs made with PyMuPDF and WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from typer.testing import CliRunner

from exporter.check import FileReport, Severity, check_files, has_errors
from exporter.check.pdf import (
    Claims,
    MissingGlyphs,
    character_label,
    encoded_notdefs,
    missing_glyph_finding,
    missing_glyphs,
    notdef_codes,
    page_size,
    paper_name,
    unicode_mappings,
    xmp_claims,
)
from exporter.cli import app


def codes(report: FileReport, severity: Severity | None = None) -> list[str]:
    return [f.code for f in report.findings if severity is None or f.severity is severity]


@pytest.fixture(scope="module")
def reports(unembedded_font_pdf: Path, ua_pdf: Path, a3b_pdf: Path) -> dict[str, FileReport]:
    found = check_files([unembedded_font_pdf, ua_pdf, a3b_pdf])
    return {report.path.name: report for report in found}


def test_unembedded_font_is_an_error_naming_it(reports: dict[str, FileReport]) -> None:
    report = reports["helvetica.pdf"]
    assert report.kind == "pdf"
    (finding,) = [f for f in report.findings if f.code == "pdf.font-not-embedded"]
    assert finding.severity is Severity.ERROR
    assert "Helvetica" in finding.message
    assert has_errors([report])


def test_pdf_without_language_is_an_error(reports: dict[str, FileReport]) -> None:
    assert "pdf.language-missing" in codes(reports["helvetica.pdf"], Severity.ERROR)
    assert reports["helvetica.pdf"].facts["language"] == ""


def test_pdf_ua_from_weasyprint(reports: dict[str, FileReport]) -> None:
    report = reports["ua.pdf"]
    assert codes(report, Severity.ERROR) == []
    assert codes(report, Severity.WARNING) == []
    facts = report.facts
    assert facts["tagged"] is True
    assert facts["pdf_ua"] == "PDF/UA-1"
    assert facts["pdf_a"] == ""
    assert facts["title"] == "Ein Titel"
    assert facts["author"] == "Jane Doe"
    assert facts["language"] == "de"
    assert facts["pages"] == 1
    assert facts["page_size"] == "210 × 297 mm (A4)"
    assert facts["fonts"], "WeasyPrint embeds the fonts it uses"


def test_pdf_a_3b_from_weasyprint(reports: dict[str, FileReport]) -> None:
    report = reports["a3b.pdf"]
    assert codes(report, Severity.ERROR) == []
    facts = report.facts
    assert facts["pdf_a"] == "PDF/A-3b"
    assert facts["pdf_ua"] == ""
    # Level b does not require tags, and WeasyPrint writes none for it.
    assert facts["tagged"] is False
    assert codes(report, Severity.WARNING) == ["pdf.untagged"]
    assert codes(report, Severity.INFO) == ["pdf.author-missing"]
    assert facts["language"] == "en-GB"
    assert facts["pages"] == 2
    assert facts["page_size"] == "148 × 210 mm (A5)"


def test_pdf_ua_claim_without_tags_is_an_error(ua_pdf: Path, tmp_path: Path) -> None:
    untagged = tmp_path / "untagged-ua.pdf"
    with pymupdf.open(ua_pdf) as document:
        document.xref_set_key(document.pdf_catalog(), "StructTreeRoot", "null")
        document.save(untagged)
    (report,) = check_files([untagged])
    assert report.facts["tagged"] is False
    assert "pdf.claim-untagged" in codes(report, Severity.ERROR)
    assert "pdf.tags-incomplete" in codes(report, Severity.WARNING)


def test_encrypted_pdf_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "locked.pdf"
    with pymupdf.open() as document:
        document.new_page()
        document.save(target, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    (report,) = check_files([target])
    assert codes(report) == ["pdf.encrypted"]
    assert report.has_errors


def test_damaged_pdf_is_an_error_not_an_exception(tmp_path: Path) -> None:
    target = tmp_path / "damaged.pdf"
    target.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n")
    (report,) = check_files([target])
    assert report.kind == "pdf"
    assert report.has_errors


@pytest.mark.parametrize(
    ("width", "height", "name"),
    [
        (210, 297, "A4"),
        (209.9, 297.0, "A4"),
        (297, 210, "A4 landscape"),
        (148, 210, "A5"),
        (215.9, 279.4, "letter"),
        (200, 300, ""),
    ],
)
def test_paper_names(width: float, height: float, name: str) -> None:
    assert paper_name(width, height) == name


def test_page_size_text() -> None:
    assert page_size(215.9, 279.4) == "215.9 × 279.4 mm (letter)"
    assert page_size(100.04, 100) == "100 × 100 mm"


def test_xmp_claims_as_elements() -> None:
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        "<rdf:Description><pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>"
        "<pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    claims = xmp_claims(xmp)
    assert claims == Claims("PDF/A-2a", "PDF/UA-1")
    assert claims.need_tags


def test_no_xmp_no_claims() -> None:
    assert xmp_claims("") == Claims("", "")
    assert not Claims("PDF/A-3b", "").need_tags


# --- missing glyphs --------------------------------------------------------

#: What the machine's fonts lack, in the fixture, in order of first use.
MISSING = "\U00013000 U+13000, \U00013001 U+13001, \U00010000 U+10000"
MISSING_LINE = f"3 characters have no glyph in the PDF's fonts (page 2: {MISSING})"
FONTS_HINT = "do the machine's fonts cover them now? fc-list ':charset=13000'"


def test_missing_glyphs_are_an_error_naming_the_characters(missing_glyphs_pdf: Path) -> None:
    (report,) = check_files([missing_glyphs_pdf])
    found = [f for f in report.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.message) for f in found] == [("pdf.missing-glyphs", MISSING_LINE)], (
        FONTS_HINT
    )
    # The rest of the file is right: the glyphs are its only error.
    assert report.facts["pdf_ua"] == "PDF/UA-1"
    assert report.facts["tagged"] is True


def test_cli_fails_a_pdf_with_missing_glyphs(missing_glyphs_pdf: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(missing_glyphs_pdf)])
    assert result.exit_code == 1, result.output
    assert f"ERROR   {MISSING_LINE} [pdf.missing-glyphs]" in result.output
    assert f"{missing_glyphs_pdf}: PDF, 1 error\n" in result.output


def test_weasyprint_writes_a_code_per_missing_character(missing_glyphs_pdf: Path) -> None:
    """What the check relies on: WeasyPrint draws glyph 0 (.notdef), four
    times on page 2, with a code per character that its encoding CMap maps to
    CID 0 and its /ToUnicode to the character. MuPDF's own text for glyph 0
    is one character for all of them, so the CMaps must be read."""
    with pymupdf.open(missing_glyphs_pdf) as document:
        notdefs = [
            (page.number + 1, character[1])
            for page in document
            for span in page.get_texttrace()
            for character in span["chars"]
            if character[1] == 0
        ]
        assert notdefs == [(2, 0)] * 4, FONTS_HINT
        (font,) = {xref for xref, *_ in document[1].get_fonts(full=True)}
        assert encoded_notdefs(document, font) == ("\U00013000", "\U00013001", "\U00010000")


def test_no_missing_glyphs_in_our_own_export(sample_pdf: Path) -> None:
    """The sample's German typography (quotes, dashes, ligatures) has glyphs."""
    with pymupdf.open(sample_pdf) as document:
        assert missing_glyphs(document) is None


def test_glyph_zero_of_a_type3_font_is_an_ordinary_glyph(tmp_path: Path) -> None:
    """Type 3 glyphs are numbered by code: code 0 draws the font's own box."""
    target = tmp_path / "type3.pdf"
    with pymupdf.open() as document:
        page = document.new_page()
        procedure = document.get_new_xref()
        document.update_object(procedure, "<<>>")
        document.update_stream(procedure, b"500 0 0 0 500 500 d1 0 0 500 500 re f")
        font = document.get_new_xref()
        document.update_object(
            font,
            "<< /Type /Font /Subtype /Type3 /Name /Boxes /FontBBox [0 0 500 500]"
            " /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /box "
            f"{procedure} 0 R >> /Encoding << /Type /Encoding /Differences [0 /box] >>"
            " /FirstChar 0 /LastChar 0 /Widths [500] >>",
        )
        document.xref_set_key(page.xref, "Resources", f"<< /Font << /F1 {font} 0 R >> >>")
        contents = document.get_new_xref()
        document.update_object(contents, "<<>>")
        document.update_stream(contents, b"BT /F1 20 Tf 72 700 Td <00> Tj ET")
        document.xref_set_key(page.xref, "Contents", f"{contents} 0 R")
        document.save(target)
    with pymupdf.open(target) as document:
        assert [c[1] for s in document[0].get_texttrace() for c in s["chars"]] == [0]
        assert missing_glyphs(document) is None


def test_missing_glyph_finding_names_the_first_few() -> None:
    characters = ("\u5317", "\u4eac", "\u0301", " ", "\ue000", "", "x", "y")
    finding = missing_glyph_finding(MissingGlyphs(characters, 3))
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "8 characters have no glyph in the PDF's fonts (page 3: \u5317 U+5317, \u4eac U+4EAC,"
        " U+0301, U+0020, U+E000, a character without Unicode mapping, …)"
    )
    one = missing_glyph_finding(MissingGlyphs(("\U00013000",), 1))
    assert one.message == "1 character has no glyph in the PDF's fonts (page 1: \U00013000 U+13000)"


def test_character_label_of_a_cluster() -> None:
    assert character_label("e\u0301") == "e\u0301 U+0065 U+0301"
    assert character_label("\u0007") == "U+0007"


ENCODING_CMAP = b"""%!PS-Adobe-3.0 Resource-CMap
/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
1 begincodespacerange <0000> <ffff> endcodespacerange
3 begincidchar <0003> 3 <0dc8> 0 <0dc9> 0 endcidchar
2 begincidrange <0010> <0020> 16 <0100> <0102> 0 endcidrange
endcmap CMapName currentdict /CMap defineresource pop end end"""

TO_UNICODE_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <ffff> endcodespacerange
2 beginbfchar <0dc8> <d80cdc00> <0dc9> <0041 0301> endbfchar
2 beginbfrange <0100> <0101> <4e00> <0102> <0102> [<5317>] endbfrange
1 beginbfrange <41> <42> [<0058> <0059>] endbfrange
endcmap end end"""


def test_notdef_codes_of_an_encoding_cmap() -> None:
    assert list(notdef_codes(ENCODING_CMAP)) == [b"\x0d\xc8", b"\x0d\xc9", b"\x01\x00"]


def test_unicode_mappings_of_a_to_unicode_cmap() -> None:
    codes = [b"\x0d\xc8", b"\x0d\xc9", b"\x01\x01", b"\x01\x02", b"\x42", b"\x00\x42"]
    assert unicode_mappings(TO_UNICODE_CMAP, codes) == {
        b"\x0d\xc8": "\U00013000",
        b"\x0d\xc9": "A\u0301",
        b"\x01\x01": "\u4e01",
        b"\x01\x02": "\u5317",
        b"\x42": "Y",
    }
