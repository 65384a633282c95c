"""``exporter serve`` end to end: the real server, headless Chromium, the sample.

A person's path through the page: paste the sample, read what was
recognised, change the theme and see the preview change, download both
outputs; the EPUB then passes EPUBCheck, and the page's own check reports
both outputs clean.
"""

from __future__ import annotations

import os
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest
from support.browser import chromium, chromium_missing, downloaded, served
from support.epubcheck import check_in_one_jvm, run_epubcheck

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
TITLE = "Die Welt ist einmal mehr aufgeschreckt"
NAME = "die-welt-ist-einmal-mehr-aufgeschreckt"

missing = chromium_missing()
if missing and os.environ.get("CI"):
    raise RuntimeError(f"the browser test must run in CI: {missing}")
pytestmark = pytest.mark.skipif(bool(missing), reason=missing)


def fetched(driver, url: str) -> bytes:  # type: ignore[no-untyped-def]
    """What the browser's session gets at ``url`` (fetched with its cookie)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def epubcheck(epub: Path) -> list[object]:
    """EPUBCheck's failures for ``epub``; with a JDK in the quicker JVM of
    :func:`check_in_one_jvm` (this test runs beside the page's own check)."""
    return check_in_one_jvm([epub])[epub] if shutil.which("javac") else run_epubcheck(epub)


def epub_pictures(driver) -> list[str]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return [
        image.get_attribute("src")
        for image in driver.find_elements(By.CSS_SELECTOR, "#epub-preview img")
    ]


def test_paste_correct_preview_download(tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import Select, WebDriverWait

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with served() as url, chromium(downloads) as driver:
        wait = WebDriverWait(driver, 30)
        driver.get(url)

        # Paste the sample and read it.
        text = SAMPLE.read_text(encoding="utf-8")
        area = driver.find_element(By.ID, "text")
        driver.execute_script("arguments[0].value = arguments[1];", area, text)
        driver.find_element(By.ID, "read").click()

        # What was recognised.
        wait.until(ready.text_to_be_present_in_element((By.ID, "meta-title"), TITLE))
        assert driver.find_element(By.ID, "meta-authors").text == "Catherine H."
        assert driver.find_element(By.ID, "title").get_attribute("value") == TITLE
        assert driver.find_element(By.ID, "authors").get_attribute("value") == "Catherine H."
        assert driver.find_element(By.ID, "language").get_attribute("value") == "de"
        headings = driver.find_elements(By.CSS_SELECTOR, "#outline li.heading")
        assert [h.text for h in headings][:2] == [
            "Ein geheimes Bündnis wird sichtbar",
            "Heldenstatus",
        ]
        assert len(headings) == 6
        decisions = driver.find_element(By.ID, "decisions").text
        assert "Catherine H." in decisions and "--" not in decisions

        # The EPUB is shown at once, the PDF's pages follow.
        before = epub_pictures(driver)
        assert len(before) >= 4
        before_page = fetched(driver, before[2])
        assert before_page.startswith(b"\x89PNG")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pdf-preview img"))

        # Another theme: the page comes back with other pictures.
        Select(driver.find_element(By.ID, "theme")).select_by_value("news")
        wait.until(lambda d: epub_pictures(d) and epub_pictures(d) != before)
        after = epub_pictures(driver)
        assert driver.find_element(By.ID, "theme").get_attribute("value") == "news"
        assert fetched(driver, after[2]) != before_page
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#pdf-preview img"))
        first_pdf_page = driver.find_element(By.CSS_SELECTOR, "#pdf-preview img")
        wait.until(lambda d: d.execute_script("return arguments[0].naturalWidth", first_pdf_page))

        # Download both: EPUBCheck runs on the EPUB while the page checks both.
        driver.find_element(By.CSS_SELECTOR, "#check-details summary").click()
        driver.find_element(By.ID, "download-epub").click()
        driver.find_element(By.ID, "download-pdf").click()
        epub = downloaded(downloads, f"{NAME}.epub")
        pdf = downloaded(downloads, f"{NAME}.pdf")
        assert pdf.read_bytes().startswith(b"%PDF-")
        verdict: dict[str, object] = {}
        checking = threading.Thread(target=lambda: verdict.update(messages=epubcheck(epub)))
        checking.start()

        reports = WebDriverWait(driver, 60).until(
            lambda d: (
                len(found := d.find_elements(By.CSS_SELECTOR, "#check .report")) == 2 and found
            )
        )
        titles = [report.find_element(By.TAG_NAME, "h3").text for report in reports]
        assert titles == [f"{NAME}.epub: EPUB, ok", f"{NAME}.pdf: PDF, ok"]
        checking.join()
        assert verdict["messages"] == []
        # The browser saved what the server sent.
        link = driver.find_element(By.ID, "download-epub").get_attribute("href")
        assert epub.read_bytes() == fetched(driver, link)
