"""``exporter check`` on PDFs made with PyMuPDF and WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from exporter.check import FileReport, Severity, check_files, has_errors
from exporter.check.pdf import Claims, page_size, paper_name, xmp_claims


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
