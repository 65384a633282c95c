"""Take docs/serve.png: the page of ``exporter serve`` with the sample pasted,
as headless Chromium shows it (the browser and server of the browser test,
tests/support/browser.py).

Run from the repository root after ``bash scripts/setup``:
``.venv/bin/python docs/serve_picture.py``. The previews are scrolled to the
first page of text of each output; the picture is reduced to 128 colours to
stay small.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import chromium, served  # noqa: E402

SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
PICTURE = ROOT / "docs" / "serve.png"
WIDTH, HEIGHT = 1400, 900
COLOURS = 128


def main() -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with (
        tempfile.TemporaryDirectory() as downloads,
        served() as url,
        chromium(Path(downloads), width=WIDTH, height=HEIGHT) as driver,
    ):
        wait = WebDriverWait(driver, 60)
        driver.get(url)
        area = driver.find_element(By.ID, "text")
        driver.execute_script(
            "arguments[0].value = arguments[1];", area, SAMPLE.read_text(encoding="utf-8")
        )
        driver.find_element(By.ID, "read").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#pdf-preview img")) >= 2)
        # The first page of text in each preview: the EPUB's third (after the
        # cover and the title page), the PDF's second.
        driver.execute_script(
            """
            for (const [pane, index] of [["epub-preview", 2], ["pdf-preview", 1]]) {
              const box = document.getElementById(pane);
              const page = box.querySelectorAll("img")[index];
              page.loading = "eager";
              box.scrollTop = page.offsetTop - box.offsetTop - 8;
            }
            """
        )
        wait.until(
            lambda d: d.execute_script(
                "return [...document.querySelectorAll('.preview img')]"
                ".slice(0, 4).every(i => i.complete && i.naturalWidth > 0)"
            )
        )
        png = driver.get_screenshot_as_png()
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    picture.quantize(COLOURS, method=Image.Quantize.MEDIANCUT).save(PICTURE, optimize=True)
    print(f"wrote {PICTURE.relative_to(ROOT)} ({PICTURE.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
