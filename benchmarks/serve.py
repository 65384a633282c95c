"""How fast ``exporter serve`` answers a change, measured through the running server.

Run from the project root after ``bash scripts/setup``::

    .venv/bin/python benchmarks/serve.py            # 12 changes of each kind
    .venv/bin/python benchmarks/serve.py --rounds 6

Starts ``exporter serve`` on a free port, pastes the sample as a browser
would (a form post, with the server's cookie), then makes changes and times
each from the form's submission: until the page comes back with the EPUB
rendered (and laid out for its preview), until its first preview picture,
until the PDF is laid out (its page list answers), and until the PDF's first
picture. Every change asks for a build the server has not kept (theme and
paper go round twelve combinations, more than the six it keeps), so every
figure is a render, not a cache hit. Prints a Markdown table for README.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import itertools
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
EXPORTER = str(Path(sys.executable).with_name("exporter"))
THEMES = ("news", "large-print", "book")
PAPERS = ("a5", "letter", "6x9in", "a4")
TARGETS = {"epub": 0.15, "pdf": 1.0}


@contextmanager
def server() -> Iterator[str]:
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        process = subprocess.Popen(
            [EXPORTER, "serve", "--port", "0"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            while not (found := re.search(r"serving on (\S+)", Path(log.name).read_text())):
                if process.poll() is not None:
                    raise SystemExit(Path(log.name).read_text())
                time.sleep(0.05)
            yield found[1]
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()


class Browser:
    """A client with a cookie jar, as a browser posts forms."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[bytes, Message]:
        with self.opener.open(self.base + path, timeout=120) as answer:
            return answer.read(), answer.headers

    def post(self, path: str, fields: dict[str, str]) -> bytes:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data, timeout=120) as answer:
            return answer.read()  # the page, after the redirect


def server_timing(headers: Message, name: str) -> float:
    found = re.search(rf"{name};dur=([\d.]+)", headers.get("Server-Timing", ""))
    return float(found[1]) / 1000 if found else float("nan")


def change(browser: Browser, fields: dict[str, str]) -> dict[str, float]:
    """One change, timed from the form's submission."""
    started = time.perf_counter()
    browser.post("/options", fields)
    page, headers = browser.get("/")  # the redirect's target, with its timing header
    shown = time.perf_counter()
    text = page.decode()
    epub_picture = re.search(r'src="(/b/\w+/epub/1\.png)"', text)[1]  # type: ignore[index]
    browser.get(epub_picture)
    pictured = time.perf_counter()
    pages_url = re.search(r'data-pages="([^"]+)"', text)[1]  # type: ignore[index]
    listing, pdf_headers = browser.get(pages_url)
    laid_out = time.perf_counter()
    pdf_picture = re.search(r'"(/b/\w+/pdf/1\.png)"', listing.decode())[1]  # type: ignore[index]
    browser.get(pdf_picture)
    done = time.perf_counter()
    return {
        "page with EPUB": shown - started,
        "EPUB render (server)": server_timing(headers, "epub"),
        "read (server)": server_timing(headers, "read"),
        "first EPUB picture": pictured - started,
        "PDF laid out": laid_out - started,
        "PDF render (server)": server_timing(pdf_headers, "pdf"),
        "first PDF picture": done - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=12)
    arguments = parser.parse_args()
    with server() as base:
        browser = Browser(base)
        browser.post("/input", {"text": SAMPLE.read_text(encoding="utf-8")})
        # Wait for the first PDF and for the server's warm-up.
        warm = change(browser, {"theme": "book", "paper": "a4"})
        layouts = itertools.cycle(itertools.product(THEMES, PAPERS))
        layout_runs = [
            change(browser, {"theme": theme, "paper": paper})
            for theme, paper in itertools.islice(layouts, arguments.rounds)
        ]
        title_runs = [
            change(browser, {"title": f"Nordkorea in Kursk, Fassung {n}", "theme": "book"})
            for n in range(1, arguments.rounds + 1)
        ]
    print(
        f"exporter serve, sample (samples/{SAMPLE.name}); {time.strftime('%Y-%m-%d')}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{arguments.rounds} changes each, after a first one of {warm['PDF laid out']:.2f} s"
    )
    print()
    print("| change | measured from the form's submission | median | min | max | target |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for change_name, runs in (("theme and paper", layout_runs), ("title", title_runs)):
        for name in runs[0]:
            values = [run[name] for run in runs]
            target = ""
            if name == "EPUB render (server)":
                target = verdict(statistics.median(values), TARGETS["epub"])
            elif name == "PDF render (server)":
                target = verdict(statistics.median(values), TARGETS["pdf"])
            print(
                f"| {change_name} | {name} | {statistics.median(values):.3f} s "
                f"| {min(values):.3f} s | {max(values):.3f} s | {target} |"
            )


def verdict(value: float, target: float) -> str:
    return f"≤ {target:g} s: {'met' if value <= target else '**not met**'}"


if __name__ == "__main__":
    main()
