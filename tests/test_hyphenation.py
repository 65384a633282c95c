"""Hyphenation patterns come from our cache and hyphenate exactly as pyphen's own."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from exporter import hyphenation
from exporter.model import Document, Metadata, Paragraph, Span, Text


@pytest.fixture
def fresh_pyphen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXPORTER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    return tmp_path


def test_preloaded_patterns_hyphenate_as_pyphen_does(fresh_pyphen: Path) -> None:
    hyphenation.preload(["de", "en-GB", "und", ""])
    assert sorted(p.name for p in (fresh_pyphen / "hyphenation").iterdir()) == [
        f"pyphen-{pyphen.__version__}-hyph_de_AT.pickle",
        f"pyphen-{pyphen.__version__}-hyph_en_GB.pickle",
    ]
    words = ["Partnerschaftsabkommen", "Zündschnur-Stück", "Eskalationsstufe"]
    cached = [pyphen.Pyphen(lang="de").inserted(word) for word in words]
    pyphen.hdcache.clear()
    parsed = [pyphen.Pyphen(lang="de").inserted(word) for word in words]
    assert cached == parsed
    assert "-" in cached[0].replace("Partnerschaftsabkommen", "")


def test_a_second_process_reads_the_cache_instead_of_parsing(
    fresh_pyphen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hyphenation.preload(["fr"])
    monkeypatch.setattr(pyphen, "hdcache", {})

    def no_parsing(self: object, path: object) -> None:
        raise AssertionError("parsed the patterns again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    hyphenation.preload(["fr"])
    assert len(pyphen.hdcache) == 1


def test_a_documents_patterns_are_those_of_all_its_languages(fresh_pyphen: Path) -> None:
    document = Document(
        Metadata(title="T", language="de"),
        (Paragraph((Text("Ein Satz mit "), Span((Text("a French phrase"),), lang="fr"))),),
    )
    hyphenation.preload_document(document)
    assert sorted(p.name for p in (fresh_pyphen / "hyphenation").iterdir()) == [
        f"pyphen-{pyphen.__version__}-hyph_de_AT.pickle",
        f"pyphen-{pyphen.__version__}-hyph_fr.pickle",
    ]
