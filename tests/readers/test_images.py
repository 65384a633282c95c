"""Image loading: what gets embedded, and that nothing else is ever read or fetched."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image
from support.guards import guard_reads

from exporter.readers.images import ImageCollector, is_shown_picture, load_image


def image_bytes(fmt: str, size: tuple[int, int] = (4, 3)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=fmt)
    return out.getvalue()


PNG = image_bytes("PNG")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The input's folder, next to a secret file that must never be read."""
    base = tmp_path / "article"
    base.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    return base


@pytest.fixture
def guarded(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail the test on any network connection or any file opened for reading
    outside ``folder``; returns the files opened for reading."""
    base = folder.resolve()
    return guard_reads(monkeypatch, lambda path: path.is_relative_to(base))


def test_local_png_is_embedded_under_a_safe_name(folder: Path, guarded: list[str]) -> None:
    (folder / "pics").mkdir()
    (folder / "pics" / "Mein Bild (1).png").write_bytes(PNG)
    loaded = load_image("pics/Mein%20Bild%20(1).png", folder)
    assert loaded.refusal is None
    assert loaded.resource is not None
    assert loaded.resource.media_type == "image/png"
    assert loaded.resource.data == PNG
    assert loaded.resource.name.startswith("img-")
    assert loaded.resource.name.endswith(".png")
    assert all(c.isalnum() or c in "-." for c in loaded.resource.name)
    assert set(guarded) == {str((folder / "pics" / "Mein Bild (1).png").resolve())}


def test_is_shown_picture_says_what_the_book_will_show_without_reading(
    folder: Path, guarded: list[str]
) -> None:
    (folder / "pup.png").write_bytes(PNG)
    assert is_shown_picture("pup.png", folder)
    assert is_shown_picture("data:image/png;base64,iVBORw0KGgo=", folder)
    for src in ("https://cdn.example/pup.png", "../secret.png", "missing.png", "/etc/passwd"):
        assert not is_shown_picture(src, folder)
    assert not is_shown_picture("pup.png", None)
    assert guarded == []


def test_type_comes_from_the_bytes_not_the_name(folder: Path) -> None:
    (folder / "photo.png").write_bytes(image_bytes("JPEG"))
    loaded = load_image("photo.png", folder)
    assert loaded.resource is not None
    assert loaded.resource.media_type == "image/jpeg"
    assert loaded.resource.name.endswith(".jpg")


def test_formats_outside_epub_core_types_are_converted_to_png(folder: Path) -> None:
    (folder / "scan.bmp").write_bytes(image_bytes("BMP"))
    collector = ImageCollector(folder)
    name = collector.add("scan.bmp")
    (res,) = collector.resources
    assert name == res.name and res.media_type == "image/png"
    assert Image.open(io.BytesIO(res.data)).format == "PNG"
    (diag,) = collector.diagnostics()
    assert diag.level == "notice" and "scan.bmp" in diag.message and "BMP" in diag.message


def test_a_file_that_is_not_an_image_is_left_out_with_a_warning(folder: Path) -> None:
    (folder / "fake.png").write_text("just some text, not pixels")
    collector = ImageCollector(folder)
    assert collector.add("fake.png") is None
    assert collector.add("gone.jpg") is None
    assert collector.resources == ()
    (diag,) = collector.diagnostics()
    assert diag.level == "warning"
    assert "fake.png (not an image)" in diag.message
    assert "gone.jpg (no such file)" in diag.message


def test_truncated_png_is_refused(folder: Path) -> None:
    (folder / "cut.png").write_bytes(PNG[: len(PNG) // 2])
    assert load_image("cut.png", folder).resource is None


@pytest.mark.parametrize(
    "src",
    [
        "https://example.com/a.png",
        "http://example.com/a.png",
        "//cdn.example.com/a.png",
        "file:///etc/passwd",
        "file://otherhost/share/a.png",
        "../secret.png",
        "pics/../../secret.png",
        "/etc/passwd",
        "C:/Windows/win.ini",
    ],
)
def test_remote_and_outside_images_are_never_read(
    src: str, folder: Path, guarded: list[str]
) -> None:
    loaded = load_image(src, folder)
    assert loaded.resource is None
    assert loaded.refusal is not None and loaded.refusal.kind in ("remote", "outside")
    assert guarded == []


def test_absolute_path_to_the_secret_is_refused(folder: Path, guarded: list[str]) -> None:
    secret = (folder.parent / "secret.png").resolve()
    for src in (str(secret), secret.as_uri()):
        loaded = load_image(src, folder)
        assert loaded.resource is None and loaded.refusal.kind == "outside"
    assert guarded == []


def test_symlink_pointing_outside_is_refused(folder: Path, guarded: list[str]) -> None:
    (folder / "innocent.png").symlink_to(folder.parent / "secret.png")
    loaded = load_image("innocent.png", folder)
    assert loaded.resource is None and loaded.refusal.kind == "outside"
    assert guarded == []


def test_stdin_input_reads_no_local_file(folder: Path, guarded: list[str]) -> None:
    (folder / "a.png").write_bytes(PNG)
    loaded = load_image("a.png", None)
    assert loaded.resource is None and loaded.refusal.kind == "outside"
    assert guarded == []


def test_data_uris_are_decoded(guarded: list[str]) -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    loaded = load_image(uri, None)
    assert loaded.resource is not None and loaded.resource.data == PNG
    svg = "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A//www.w3.org/2000/svg%22/%3E"
    loaded = load_image(svg, None)
    assert loaded.resource is not None and loaded.resource.media_type == "image/svg+xml"
    assert load_image("data:image/png;base64,%%%notbase64", None).resource is None


def test_svg_loses_scripts_handlers_and_external_links(folder: Path) -> None:
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' onload="steal()"><script>alert(1)</script>'
        '<image xlink:href="https://tracker.example/p.png"/><use href="#shape"/>'
        '<circle id="shape" r="4"/></svg>'
    )
    loaded = load_image("logo.svg", folder)
    assert loaded.resource is not None
    svg = loaded.resource.data.decode()
    assert "script" not in svg and "onload" not in svg and "tracker" not in svg
    assert 'href="#shape"' in svg and "<circle" in svg


def test_svg_with_entities_is_not_expanded(folder: Path) -> None:
    (folder / "bomb.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    )
    loaded = load_image("bomb.svg", folder)
    assert loaded.resource is None or b"root:" not in loaded.resource.data


def test_collector_embeds_each_picture_once_and_warns_once(
    folder: Path, guarded: list[str]
) -> None:
    (folder / "a.png").write_bytes(PNG)
    (folder / "copy.png").write_bytes(PNG)
    collector = ImageCollector(folder)
    names = [
        collector.add(src)
        for src in ("a.png", "copy.png", "a.png", "https://x.org/b.png", "../secret.png")
    ]
    assert names[0] == names[1] == names[2] is not None
    assert names[3] is None and names[4] is None
    assert len(collector.resources) == 1
    (diag,) = collector.diagnostics()
    assert diag.level == "warning"
    assert "https://x.org/b.png" in diag.message and "../secret.png" in diag.message
