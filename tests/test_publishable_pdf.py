"""Issue 5, "Publishable as it comes out", for PDFs: checked end to end as a
library, a print shop or a screen reader's user would check the file.

The sample is exported once per run (``sample_pdf``, ``sample_epub``); its
PDF/A-3b twin once per module. ``exporter check`` runs through the CLI twice,
each run starting EPUBCheck's JVM once.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pymupdf
import pytest
from lxml import etree
from typer.testing import CliRunner

import exporter
from exporter.check import FileReport, Severity, check_files
from exporter.cli import app
from exporter.options import Options

TITLE = "Die Welt ist einmal mehr aufgeschreckt"
AUTHOR = "Catherine H."

OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def archival_pdf(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as PDF/A-3b, as ``--pdf-variant pdf/a-3b`` makes it."""
    options = Options(pdf_variant="pdf/a-3b", formats=("pdf",))
    result = exporter.export(sample_path, out_dir=tmp_path_factory.mktemp("pdfa"), options=options)
    (path,) = result.outputs
    return path


def xmp(path: Path) -> str:
    with pymupdf.open(path) as opened:
        return opened.get_xml_metadata()


# --- what poppler and the XMP packet say ------------------------------------------


def pdfinfo(path: Path) -> dict[str, str]:
    """``pdfinfo``'s fields: poppler, the engine of most Linux PDF viewers."""
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: scripts/setup installs poppler-utils")
    output = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in output.splitlines())
    )


@pytest.mark.parametrize("which", ["sample", "archival"])
def test_poppler_sees_a_tagged_pdf_with_metadata(
    which: str, sample_pdf: Path, archival_pdf: Path
) -> None:
    info = pdfinfo(sample_pdf if which == "sample" else archival_pdf)
    assert info["Tagged"] == "yes"
    assert info["Metadata Stream"] == "yes"
    assert info["Title"] == TITLE
    assert info["Author"] == AUTHOR


def test_sample_declares_pdf_ua_1(sample_pdf: Path) -> None:
    packet = xmp(sample_pdf)
    assert 'pdfuaid:part="1"' in packet
    assert "pdfaid:" not in packet


def test_pdf_a_3b_declares_part_3_conformance_b_with_an_srgb_output_intent(
    archival_pdf: Path,
) -> None:
    packet = xmp(archival_pdf)
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in packet
    assert "pdfuaid:" not in packet
    with pymupdf.open(archival_pdf) as opened:
        kind, intents = opened.xref_get_key(opened.pdf_catalog(), "OutputIntents")
    assert kind == "array"
    assert "/S/GTS_PDFA1" in intents.replace(" ", "")
    assert "sRGB" in intents


@pytest.mark.parametrize("which", ["sample", "archival"])
def test_xmp_holds_title_author_language_and_dates(
    which: str, sample_pdf: Path, archival_pdf: Path
) -> None:
    packet = xmp(sample_pdf if which == "sample" else archival_pdf)
    assert f'<rdf:li xml:lang="x-default">{TITLE}</rdf:li>' in packet
    assert f"<dc:creator><rdf:Seq><rdf:li>{AUTHOR}</rdf:li></rdf:Seq></dc:creator>" in packet
    assert "<dc:language><rdf:Bag><rdf:li>de</rdf:li></rdf:Bag></dc:language>" in packet
    dates = re.findall(r"<xmp:(CreateDate|ModifyDate|MetadataDate)>([^<]+)<", packet)
    assert [name for name, _ in dates] == ["CreateDate", "ModifyDate", "MetadataDate"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value) for _, value in dates)


def test_bookmarks_follow_the_headings(sample_pdf: Path) -> None:
    with pymupdf.open(sample_pdf) as opened:
        toc = opened.get_toc()
    assert toc[0] == [1, TITLE, 1]
    assert {level for level, _title, _page in toc[1:]} == {2}
    assert len(toc) == 7


# --- exporter check ----------------------------------------------------------------


@pytest.fixture(scope="module")
def reports(sample_pdf: Path, archival_pdf: Path) -> dict[str, FileReport]:
    found = check_files([sample_pdf, archival_pdf])
    return {"sample": found[0], "archival": found[1]}


@pytest.mark.parametrize("which", ["sample", "archival"])
def test_check_finds_nothing_wrong(which: str, reports: dict[str, FileReport]) -> None:
    report = reports[which]
    assert [f.code for f in report.findings if f.severity is not Severity.INFO] == []


@pytest.mark.parametrize(
    ("which", "pdf_ua", "pdf_a"), [("sample", "PDF/UA-1", ""), ("archival", "", "PDF/A-3b")]
)
def test_check_states_the_claims(
    which: str, pdf_ua: str, pdf_a: str, reports: dict[str, FileReport]
) -> None:
    facts = reports[which].facts
    assert (facts["pdf_ua"], facts["pdf_a"]) == (pdf_ua, pdf_a)
    assert facts["tagged"] is True
    assert facts["language"] == "de"
    assert facts["title"] == TITLE
    assert facts["page_size"] == "210 × 297 mm (A4)"
    assert all(name.startswith("Literata") for name in facts["fonts"])


def unembedded_font_pdf(target: Path) -> Path:
    """Text in Helvetica, one of the 14 standard fonts PDF readers are
    expected to have, so PyMuPDF does not embed it."""
    with pymupdf.open() as document:
        document.new_page().insert_text((72, 72), "Hallo", fontname="helv")
        document.save(target)
    return target


def broken_epub(source: Path, target: Path) -> Path:
    """Our EPUB with two faults a reading system trips over: the package
    names no language (``dc:language``) and has no navigation document."""
    with zipfile.ZipFile(source) as original:
        entries = [(info, original.read(info)) for info in original.infolist()]
    for index, (info, data) in enumerate(entries):
        if not info.filename.endswith(".opf"):
            continue
        package = etree.fromstring(data)
        (language,) = package.iterfind("opf:metadata/dc:language", OPF_NS)
        language.getparent().remove(language)
        (nav,) = [i for i in package.iterfind("opf:manifest/opf:item", OPF_NS) if nav_item(i)]
        for itemref in package.iterfind("opf:spine/opf:itemref", OPF_NS):
            if itemref.get("idref") == nav.get("id"):
                itemref.getparent().remove(itemref)
        nav.getparent().remove(nav)
        entries[index] = (info, etree.tostring(package, xml_declaration=True, encoding="utf-8"))
    with zipfile.ZipFile(target, "w") as archive:
        for info, data in entries:  # mimetype stays first and stored
            archive.writestr(info, data)
    return target


def nav_item(item: etree._Element) -> bool:
    return "nav" in item.get("properties", "").split()


def verdicts(output: str) -> dict[str, str]:
    """Each report's header line, ``<path>: <kind>, <verdict>``, by file name."""
    found = re.findall(r"^(\S+): (?:EPUB|PDF), (.+)$", output, flags=re.MULTILINE)
    return {Path(path).name: verdict for path, verdict in found}


@pytest.fixture(scope="module")
def passing_run(sample_epub: Path, sample_pdf: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(sample_epub), str(sample_pdf)])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def failing_run(
    sample_epub: Path, sample_pdf: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, str]:
    folder = tmp_path_factory.mktemp("check")
    good = shutil.copy(sample_pdf, folder / "good.pdf")
    bad = unembedded_font_pdf(folder / "bad.pdf")
    broken = broken_epub(sample_epub, folder / "broken.epub")
    result = CliRunner().invoke(app, ["check", str(good), str(bad), str(broken)])
    return result.exit_code, result.output


def test_cli_passes_our_own_epub_and_pdf(passing_run: tuple[int, str]) -> None:
    exit_code, output = passing_run
    assert exit_code == 0, output
    assert "ERROR" not in output


def test_cli_warns_about_nothing_in_our_own_epub_and_pdf(passing_run: tuple[int, str]) -> None:
    assert set(verdicts(passing_run[1]).values()) == {"ok"}, passing_run[1]


def test_cli_fails_a_pdf_with_an_unembedded_font_and_names_it(
    failing_run: tuple[int, str],
) -> None:
    exit_code, output = failing_run
    assert exit_code == 1
    found = verdicts(output)
    assert found["good.pdf"] == "ok"
    assert "error" in found["bad.pdf"]
    assert re.search(r"ERROR +font Helvetica .*not embedded.*\[pdf\.font-not-embedded\]", output)


def test_cli_fails_an_epub_without_language_or_navigation(failing_run: tuple[int, str]) -> None:
    _exit_code, output = failing_run
    assert "error" in verdicts(output)["broken.epub"]
    assert "[epub.language-missing]" in output
    assert "[epub.nav-missing]" in output


# --- reproducible --------------------------------------------------------------------

VARIANTS = ("pdf/ua-1", "pdf/a-3b", "plain")
ARTICLE = """Ein kurzer Titel

Von Ann Autorin

Der erste Absatz sagt, was geschah, und ist lang genug, um hier als Fließtext zu gelten.

Ein Abschnitt

Noch ein Absatz, damit es eine Gliederung gibt.
"""


def export_variants(source: Path, out: Path) -> dict[str, bytes]:
    """The PDF of ``source`` in each variant, exported as the CLI exports."""
    exported = {}
    for variant in VARIANTS:
        options = Options(pdf_variant=variant, formats=("pdf",))
        result = exporter.export(source, out_dir=out / variant.replace("/", "-"), options=options)
        exported[variant] = result.outputs[0].read_bytes()
    return exported


def test_exports_at_different_times_are_byte_identical_in_every_variant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "artikel.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = export_variants(source, tmp_path / "first")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    first_epoch = export_variants(source, tmp_path / "first-epoch")
    time.sleep(1.1)
    second_epoch = export_variants(source, tmp_path / "second-epoch")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    second = export_variants(source, tmp_path / "second")
    assert first == second
    assert first_epoch == second_epoch
    for variant, data in first_epoch.items():
        with pymupdf.open(stream=data) as opened:
            assert opened.metadata["creationDate"] == "D:20200913122640Z", variant
        assert data != first[variant]
