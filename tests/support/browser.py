"""``exporter serve`` as a user meets it: the real server in a process of its
own, and Debian's headless Chromium driven through selenium and chromedriver.

Chromium starts with the flags this machine needs (no sandbox as root, no
GPU, none of its background connections, which the closed network would
refuse) and a fresh profile; it never downloads a browser or a driver.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
SERVING = re.compile(r"serving on (http://\S+)")


def chromium_missing() -> str:
    """Why the browser tests cannot run here ("" when they can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for program in (CHROMIUM, CHROMEDRIVER):
        if not Path(program).exists():
            return f"{program} is missing (bash scripts/setup installs chromium-driver)"
    return ""


@contextmanager
def served(*arguments: str, timeout: float = 30.0) -> Iterator[str]:
    """``exporter serve --port 0 ARGUMENTS`` running; yields its URL.

    The server runs in a process group of its own, so that ending it also
    ends what it started (EPUBCheck's JVM in the middle of a check).
    """
    command = [sys.executable, "-m", "exporter.cli", "serve", "--port", "0", *arguments]
    with tempfile.NamedTemporaryFile("w+", prefix="exporter-serve-", suffix=".log") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while not (match := SERVING.search(Path(log.name).read_text())):
                if process.poll() is not None or time.monotonic() > deadline:
                    output = Path(log.name).read_text()
                    raise RuntimeError(f"exporter serve did not start:\n{output}")
                time.sleep(0.05)
            yield match[1]
        finally:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass


@contextmanager
def chromium(downloads: Path, *, width: int = 1400, height: int = 1000) -> Iterator[Any]:
    """A headless Chromium under selenium, saving downloads into ``downloads``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Selenium Manager would look for a driver online: ours is Debian's.
    os.environ.setdefault("SE_OFFLINE", "true")
    profile = Path(tempfile.mkdtemp(prefix="exporter-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def downloaded(folder: Path, name: str, timeout: float = 30.0) -> Path:
    """``folder/name`` once the browser has finished writing it."""
    path = folder / name
    deadline = time.monotonic() + timeout
    while not path.exists() or any(folder.glob("*.crdownload")):
        if time.monotonic() > deadline:
            present = sorted(p.name for p in folder.iterdir())
            raise AssertionError(f"{name} was not downloaded (the folder has {present})")
        time.sleep(0.05)
    return path
