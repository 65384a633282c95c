"""``exporter check`` on EPUBs: real EPUBCheck runs, once per file, checked
many ways; the rules that need no Java on small inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from exporter.check import FileReport, Severity, check_files, has_errors
from exporter.check.epub import is_cover_page, named
from exporter.check.epub_archive import ContentDocument, publication_properties
from exporter.check.epubcheck_runner import epubcheck_jar, read_result, run_batch
from exporter.check.language import is_language_tag

SCHEMA = "http://schema.org/"


def codes(report: FileReport, severity: Severity | None = None) -> list[str]:
    return [f.code for f in report.findings if severity is None or f.severity is severity]


def message(report: FileReport, code: str) -> str:
    return next(f.message for f in report.findings if f.code == code)


def problems(report: FileReport) -> list[str]:
    return [
        f"{f.severity.name} {f.code}: {f.message}"
        for f in report.findings
        if f.severity is not Severity.INFO
    ]


# --- with EPUBCheck --------------------------------------------------------


@pytest.fixture(scope="module")
def valid_report(valid_epub: Path) -> FileReport:
    """The valid EPUB alone: EPUBCheck in its own JVM."""
    (report,) = check_files([valid_epub])
    return report


@pytest.fixture(scope="module")
def batch_reports(broken_epub: Path, cover_epub: Path) -> tuple[FileReport, ...]:
    """Two EPUBs in one call: EPUBCheck checks both in one JVM."""
    return check_files([broken_epub, cover_epub])


@pytest.fixture(scope="module")
def broken_report(batch_reports: tuple[FileReport, ...]) -> FileReport:
    return batch_reports[0]


@pytest.fixture(scope="module")
def cover_report(batch_reports: tuple[FileReport, ...]) -> FileReport:
    return batch_reports[1]


def test_valid_epub_is_clean(valid_report: FileReport) -> None:
    assert valid_report.kind == "epub"
    assert problems(valid_report) == []
    assert not has_errors([valid_report])


def test_valid_epub_passes_epubcheck(valid_report: FileReport) -> None:
    summary = valid_report.facts["epubcheck"]
    assert str(summary).startswith("5.")
    assert str(summary).endswith(": 0 fatal, 0 errors, 0 warnings")
    assert not [code for code in codes(valid_report) if code.startswith("epubcheck.")]


def test_valid_epub_facts(valid_report: FileReport) -> None:
    facts = valid_report.facts
    assert facts["epub_version"] == "3.0"
    assert facts["title"] == "A Minimal Article"
    assert facts["language"] == "en"
    assert facts["spine_items"] == 1
    assert facts["toc_entries"] == 1
    assert facts["images"] == 0
    assert facts["cover_image"] == ""
    assert facts["cover_page_first"] is False
    assert facts["access_modes"] == ("textual",)
    assert facts["accessibility_hazards"] == ("none",)
    assert facts["conforms_to"] == ("EPUB Accessibility 1.1 - WCAG 2.2 Level AA",)
    assert len(facts["accessibility_metadata"]) == 6


def test_valid_epub_without_a_cover_gets_a_note(valid_report: FileReport) -> None:
    assert codes(valid_report, Severity.INFO) == ["epub.cover-missing"]


def test_broken_epub_has_errors(broken_report: FileReport) -> None:
    assert broken_report.has_errors
    assert has_errors([broken_report])
    errors = codes(broken_report, Severity.ERROR)
    assert "epub.language-missing" in errors
    assert "epub.nav-missing" in errors


def test_broken_epub_fails_epubcheck(broken_report: FileReport) -> None:
    epubcheck_errors = [
        c for c in codes(broken_report, Severity.ERROR) if c.startswith("epubcheck.")
    ]
    assert epubcheck_errors, problems(broken_report)
    assert "0 errors" not in str(broken_report.facts["epubcheck"])
    # EPUBCheck's messages say where: the archive path of the package document.
    assert any(
        "EPUB/package.opf" in f.message
        for f in broken_report.findings
        if f.code in epubcheck_errors
    )


def test_broken_epub_language_mismatch_names_the_page(broken_report: FileReport) -> None:
    text = message(broken_report, "epub.document-language-mismatch")
    assert "EPUB/text.xhtml" in text
    assert "'en'" in text and "'de'" in text


def test_broken_epub_names_the_image_without_alt(broken_report: FileReport) -> None:
    assert "EPUB/text.xhtml: figure.svg" in message(broken_report, "epub.image-without-alt")
    assert message(broken_report, "epub.image-without-alt").count("figure.svg") == 1


def test_broken_epub_missing_accessibility_metadata_is_a_warning(broken_report: FileReport) -> None:
    warnings = codes(broken_report, Severity.WARNING)
    assert "a11y.accessibilitySummary-missing" in warnings
    # The image makes the book visual, which its metadata does not say.
    assert "a11y.accessMode-incomplete" in warnings
    assert "visual" in message(broken_report, "a11y.accessMode-incomplete")
    assert "schema:accessibilitySummary" not in broken_report.facts["accessibility_metadata"]


def test_cover_epub_is_clean_and_has_a_cover_page(cover_report: FileReport) -> None:
    assert problems(cover_report) == []
    assert str(cover_report.facts["epubcheck"]).endswith("0 errors, 0 warnings")
    assert cover_report.facts["cover_image"] == "EPUB/cover.svg"
    assert cover_report.facts["cover_page_first"] is True
    assert cover_report.facts["images"] == 1
    assert cover_report.facts["access_modes"] == ("textual", "visual")
    assert "epub.cover-missing" not in codes(cover_report)


def test_reports_keep_the_order_of_the_paths(
    batch_reports: tuple[FileReport, ...], broken_epub: Path, cover_epub: Path
) -> None:
    assert [report.path for report in batch_reports] == [broken_epub, cover_epub]


# --- without Java ----------------------------------------------------------


def test_without_java_the_other_checks_still_run(
    broken_epub: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    (report,) = check_files([broken_epub])
    assert "Java" in message(report, "epubcheck.not-run")
    assert "not run" in str(report.facts["epubcheck"])
    assert {"epub.language-missing", "epub.nav-missing"} <= set(codes(report, Severity.ERROR))


def test_epubcheck_without_a_report_is_a_warning(tmp_path: Path) -> None:
    validation = read_result(tmp_path / "none.json", "Error: something broke")
    (finding,) = validation.findings
    assert finding.severity is Severity.WARNING
    assert "something broke" in finding.message


# --- rules -----------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "de-CH",
        "sr-Latn-RS",
        "zh-Hant-TW",
        "es-419",
        "de-DE-1996",
        "en-US-x-twain",
        "x-klingon",
    ],
)
def test_language_tags_accepted(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    "tag", ["", "english", "en_GB", "de-", "123", "en--GB", "e", "de DE", "ſv"]
)
def test_language_tags_refused(tag: str) -> None:
    assert not is_language_tag(tag)


def page(body: str, path: str = "EPUB/cover.xhtml") -> ContentDocument:
    root = etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"<head><title>t</title></head><body>{body}</body></html>"
    )
    return ContentDocument(path, root)


COVER = "EPUB/images/cover.jpg"


def test_cover_page_by_epub_type() -> None:
    assert is_cover_page(page('<section epub:type="cover"><p>Anything</p></section>'), "")


def test_cover_page_by_role() -> None:
    assert is_cover_page(page('<div role="doc-cover"><img src="x.jpg" alt=""/></div>'), COVER)


def test_cover_page_by_cover_image_and_little_text() -> None:
    assert is_cover_page(page('<h1>A Title</h1><img src="images/cover.jpg" alt="Cover"/>'), COVER)


def test_cover_page_with_svg_image() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="images/cover.jpg"/></svg>'
    )
    assert is_cover_page(page(svg), COVER)


def test_a_page_with_the_cover_image_and_much_text_is_not_a_cover_page() -> None:
    text = "<p>" + "Many words in a paragraph. " * 10 + "</p>"
    assert not is_cover_page(page(f'<img src="images/cover.jpg" alt="Cover"/>{text}'), COVER)


def test_a_page_without_the_cover_image_is_not_a_cover_page() -> None:
    assert not is_cover_page(page('<img src="images/other.jpg" alt="Other"/>'), COVER)


def test_accessibility_properties_follow_declared_prefixes_and_opf2_metas() -> None:
    opf = etree.fromstring(
        '<package xmlns="http://www.idpf.org/2007/opf" prefix="s: http://schema.org/">'
        "<metadata>"
        '<meta property="s:accessMode">textual</meta>'
        '<meta name="schema:accessibilityHazard" content="none"/>'
        '<meta refines="#creator" property="role">aut</meta>'
        '<link rel="dcterms:conformsTo" href="http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa"/>'
        "</metadata></package>"
    )
    properties = publication_properties(opf)
    assert properties[SCHEMA + "accessMode"] == ("textual",)
    assert properties[SCHEMA + "accessibilityHazard"] == ("none",)
    assert properties["http://purl.org/dc/terms/conformsTo"][0].endswith("#wcag-aa")
    assert not any(name.endswith("role") for name in properties)


def test_named_counts_what_it_does_not_show() -> None:
    assert named(["a", "b"]) == "a, b"
    assert named([str(n) for n in range(10)]) == "0, 1, 2, 3, 4, 5, 6, 7 and 2 more"


def test_batch_gives_way_when_java_cannot_compile_it(
    valid_epub: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A Java runtime without the compiler module cannot run the batch
    source file: then each EPUB gets its own JVM instead."""
    java, jar = shutil.which("java"), epubcheck_jar()
    if java is None or jar is None:
        pytest.skip("needs Java and the epubcheck package")
    monkeypatch.setenv("JDK_JAVA_OPTIONS", "--limit-modules java.se")
    outputs = {valid_epub: tmp_path / "1.json", valid_epub.with_name("x.epub"): tmp_path / "2.json"}
    assert run_batch(java, jar, outputs) is None
