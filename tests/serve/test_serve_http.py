"""``exporter serve`` over plain HTTP: the rules a local server keeps (its
Host, foreign origins, upload limits, names that are never paths), a failing
export that leaves the server serving, and two browsers apart."""

from __future__ import annotations

import asyncio
import io
import socket
import urllib.error
import urllib.request
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    # Starlette 1.x would rather have httpx's fork httpx2; httpx still works.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from support.browser import served

from exporter.serve.app import MAX_FILE_BYTES, MAX_FILES, create_app
from exporter.serve.security import Guard, allowed_hosts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "nordkorea-kursk.de.txt"
BASE = "http://127.0.0.1:8000"
TITLE = "Die Welt ist einmal mehr aufgeschreckt"


@pytest.fixture(scope="module")
def app() -> Guard:
    return create_app("127.0.0.1", 8000, warm=False)


@pytest.fixture
def client(app: Guard) -> Iterator[TestClient]:
    """A browser of its own: its own cookie jar, so its own session."""
    with TestClient(app, base_url=BASE, follow_redirects=False) as browser:
        yield browser


def read_sample(client: TestClient) -> str:
    answer = client.post("/input", data={"text": SAMPLE.read_text(encoding="utf-8")})
    assert answer.status_code == 303, answer.text
    page = client.get("/")
    assert page.status_code == 200
    return page.text


# --- Host and Origin ---------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1:9999", "localhost", "127.0.0.2:8000"]
)
def test_a_foreign_host_is_refused(client: TestClient, host: str) -> None:
    answer = client.get("/", headers={"Host": host})
    assert answer.status_code == 421
    assert "only to its own address" in answer.text
    assert "set-cookie" not in answer.headers


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_our_own_names_are_served(client: TestClient, host: str) -> None:
    answer = client.get("/", headers={"Host": host})
    assert answer.status_code == 200
    assert "Paste the text" in answer.text


def test_the_host_check_holds_on_the_real_server() -> None:
    with served() as url:
        port = url.rstrip("/").rsplit(":", 1)[1]
        request = urllib.request.Request(url, headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 421
        with urllib.request.urlopen(url, timeout=30) as page:
            assert page.status == 200


def test_a_post_from_another_site_is_refused(client: TestClient) -> None:
    text = {"text": "Titel\n\nEin Absatz.\n"}
    foreign = client.post("/input", data=text, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    assert client.post("/input", data=text, headers={"Origin": "null"}).status_code == 403
    cross = client.post("/input", data=text, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    assert client.post("/input", data=text, headers={"Origin": BASE}).status_code == 303
    # Reading is not changing: a foreign page may not read it either (CORS), but a GET passes.
    assert client.get("/", headers={"Origin": "http://evil.example"}).status_code == 200


def test_every_answer_forbids_outside_resources(client: TestClient) -> None:
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert headers["x-frame-options"] == "DENY"
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()


# --- uploads -------------------------------------------------------------------------


def test_a_file_above_the_limit_is_refused_with_a_message(client: TestClient) -> None:
    big = b"Ein Satz.\n\n" * (MAX_FILE_BYTES // 11 + 10)
    answer = client.post("/input", files={"files": ("big.txt", big, "text/plain")})
    assert answer.status_code == 413
    assert "big.txt is too large: at most 10 MB a file." in answer.text


def test_too_many_files_are_refused_with_a_message(client: TestClient) -> None:
    files = [
        ("files", (f"{n}.txt", b"Titel\n\nEin Absatz.\n", "text/plain"))
        for n in range(MAX_FILES + 1)
    ]
    answer = client.post("/input", files=files)
    assert answer.status_code == 413
    assert f"Too many files: at most {MAX_FILES} at once." in answer.text


def test_a_body_above_the_limit_is_refused_before_it_is_read(app: Guard) -> None:
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        raise AssertionError("the body was read")

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/input",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"content-length", b"999999999999")],
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert b"at most 50 MB" in sent[1]["body"]  # type: ignore[operator]


def test_only_articles_are_taken(client: TestClient) -> None:
    answer = client.post("/input", files={"files": ("paper.pdf", b"%PDF-1.7", "application/pdf")})
    assert answer.status_code == 415
    assert "paper.pdf: only .txt, .md and .html files can be read." in answer.text


def test_an_upload_name_is_never_a_path(client: TestClient, tmp_path: Path) -> None:
    name = f"../../{tmp_path.name}/x/..\\evil name.md"
    data = b"# Ein Titel\n\nVon Erika Muster\n\n## Teil\n\nEin Absatz.\n"
    answer = client.post("/input", files={"files": (name, data, "text/markdown")})
    assert answer.status_code == 303
    page = client.get("/").text
    assert "Ein Titel" in page
    assert list(tmp_path.iterdir()) == []
    link = next(part for part in page.split('"') if part.endswith("/download/epub"))
    download = client.get(link)
    assert download.headers["content-disposition"] == 'attachment; filename="evil-name.epub"'
    assert download.content.startswith(b"PK")


# --- the page -------------------------------------------------------------------------------


def test_the_page_shows_what_was_recognised(client: TestClient) -> None:
    page = read_sample(client)
    assert f'id="meta-title">{TITLE}<' in page
    assert 'id="meta-authors">Catherine H.<' in page
    assert page.count('class="heading level-2') == 6
    assert "Autor: Catherine H." in page  # the byline's decision, as a sentence
    assert "use the title field to set one." in page
    assert page.count('alt="EPUB page') >= 4
    assert 'data-pages="/b/' in page


def test_a_correction_exports_again(client: TestClient) -> None:
    read_sample(client)
    choices = {
        "title": "Nordkorea in Kursk",
        "authors": "Catherine H.; Erika Muster",
        "language": "de",
        "theme": "news",
        "paper": "a5",
        "quotes": "guillemets",
        "pdf_variant": "pdf/a-2b",
    }
    assert client.post("/options", data=choices).status_code == 303
    page = client.get("/").text
    assert 'value="Nordkorea in Kursk"' in page
    assert 'value="Catherine H.; Erika Muster"' in page
    assert '<option value="news" selected>' in page
    link = next(part for part in page.split('"') if part.endswith("/pdf/pages"))
    pages = client.get(link).json()
    assert pages["error"] == "" and pages["pages"] >= 4
    picture = client.get(pages["urls"][0])
    assert picture.headers["content-type"] == "image/png"
    pdf = client.get(link.replace("/pdf/pages", "/download/pdf"))
    assert pdf.headers["content-disposition"] == 'attachment; filename="nordkorea-in-kursk.pdf"'
    with pymupdf.open(stream=pdf.content, filetype="pdf") as document:
        assert document.metadata["title"] == "Nordkorea in Kursk"
        assert round(document[0].rect.width) == 420  # A5


def test_a_failing_export_says_why_and_the_server_goes_on(app: Guard) -> None:
    with TestClient(app, base_url=BASE, follow_redirects=False) as client:
        binary = {"files": ("broken.txt", b"\x00\x01\x02\x03" * 200, "text/plain")}
        assert client.post("/input", files=binary).status_code == 303
        page = client.get("/")
        assert page.status_code == 200
        assert "looks like a binary file, not text" in page.text
        read_sample(client)
        client.post("/options", data={"language": "not a tag!", "theme": "book"})
        page = client.get("/").text
        assert "is not a BCP 47 tag" in page
        assert 'value="not a tag!"' in page
    with TestClient(app, base_url=BASE, follow_redirects=False) as other:
        assert TITLE in read_sample(other)


def test_two_browsers_get_their_own_results(app: Guard) -> None:
    with (
        TestClient(app, base_url=BASE, follow_redirects=False) as first,
        TestClient(app, base_url=BASE, follow_redirects=False) as second,
    ):
        first.post("/input", data={"text": "Erster Titel\n\nVon Anna Alt\n\nEin Absatz hier.\n"})
        second.post("/input", data={"text": "Second title\n\nBy Ben Bold\n\nA paragraph here.\n"})
        assert 'id="meta-title">Erster Titel<' in first.get("/").text
        assert 'id="meta-title">Second title<' in second.get("/").text
        assert first.cookies != second.cookies
        # One's pictures are not the other's.
        link = next(p for p in first.get("/").text.split('"') if p.endswith("/epub/1.png"))
        assert first.get(link).status_code == 200
        assert second.get(link).status_code == 404


def test_the_zip_holds_every_article(client: TestClient) -> None:
    files = [
        ("files", ("eins.md", b"# Eins\n\nVon Anna Alt\n\nErster Absatz.\n", "text/markdown")),
        ("files", ("zwei.txt", b"Zwei\n\nBy Ben Bold\n\nA second text.\n", "text/plain")),
    ]
    assert client.post("/input", files=files).status_code == 303
    page = client.get("/").text
    assert ">eins.md</button>" in page and ">zwei.txt</button>" in page
    archive = zipfile.ZipFile(io.BytesIO(client.get("/download/articles.zip").content))
    assert archive.namelist() == ["eins.epub", "eins.pdf", "zwei.epub", "zwei.pdf"]
    assert client.post("/select", data={"article": "1"}).status_code == 303
    assert 'id="meta-title">Zwei<' in client.get("/").text


# --- the command ------------------------------------------------------------------------


def test_a_port_taken_is_one_line_and_exit_2() -> None:
    from typer.testing import CliRunner

    from exporter.cli import app as cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"exporter: error: cannot listen on 127.0.0.1:{port} (Address already in use)"
    )


def test_listening_beyond_this_machine_warns_and_still_checks_the_host(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    import exporter.serve

    # Bound to loopback all the same (a test opens no port to the network),
    # and served not at all: what matters is what the command says.
    loopback = exporter.serve.listening_socket
    monkeypatch.setattr(
        exporter.serve, "listening_socket", lambda host, port: loopback("127.0.0.1", 0)
    )
    served_apps: list[object] = []
    monkeypatch.setattr(
        uvicorn.Server, "run", lambda self, sockets: served_apps.append(self.config.app)
    )
    exporter.serve.run("0.0.0.0", 8000)
    warning, serving = capsys.readouterr().err.splitlines()
    assert warning.startswith("exporter: warning: listening on 0.0.0.0, not only on this machine")
    assert serving.startswith("exporter: serving on http://127.0.0.1:")
    assert len(served_apps) == 1
    hosts = allowed_hosts("0.0.0.0", 8000)
    assert "127.0.0.1:8000" in hosts and "0.0.0.0:8000" not in hosts
    assert f"{socket.gethostname().lower()}:8000" in hosts
    assert "evil.example:8000" not in hosts
