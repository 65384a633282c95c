"""Our numpy-free classifier gives py3langid's answers, from a file it only maps."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from support.python import python_output

from exporter.errors import ExportError
from exporter.transforms import language
from exporter.transforms.language_model import (
    LanguageModel,
    alias_pairs,
    encode,
    installed_model,
    model_path,
    py3langid_version,
    softmax,
    weight_scale,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "samples" / "nordkorea-kursk.de.txt").read_text(encoding="utf-8")

TEXTS = {
    "sample": SAMPLE,
    "sample, as long as detection reads": (SAMPLE * 5)[: language.SAMPLE_CHARS],
    "sample in capitals": SAMPLE[:2000].upper(),
    "english": "Across Europe, sleeper trains that were written off a decade ago run again.",
    "french": "Les trains de nuit reviennent en Europe, et de nouvelles voitures sont commandées.",
    "italian": "I treni notturni tornano in Europa. Gli operatori segnalano cuccette piene.",
    "polish": "Pociągi nocne wracają do Europy, a przewoźnicy zamawiają nowe wagony sypialne.",
    "russian": "Ночные поезда возвращаются в Европу, и перевозчики заказывают новые вагоны.",
    "greek in capitals": "ΤΑ ΝΥΧΤΕΡΙΝΑ ΤΡΕΝΑ ΕΠΙΣΤΡΕΦΟΥΝ ΣΤΗΝ ΕΥΡΩΠΗ",
    "japanese": "夜行列車がヨーロッパに戻ってきました。新しい車両も発注されています。",
    "chinese": "夜间列车正在欧洲回归，运营商订购了新的车厢。",
    "arabic": "تعود قطارات الليل إلى أوروبا، وتطلب الشركات عربات نوم جديدة.",
    "serbian, latin (alias column)": "Noćni vozovi se vraćaju u Evropu, stižu novi vagoni.",
    "serbian, cyrillic": "Ноћни возови се враћају у Европу и превозници наручују нове вагоне.",
    "uzbek, cyrillic (alias column)": "Тунги поездлар Европага қайтмоқда, вагонлар буюрилмоқда.",
    "mixed scripts": "Mixed text: Привет, hello, 日本語, ελληνικά, שלום, and some English words.",
    "empty": "",
    "whitespace": " \n\t ",
    "digits": "12 34 56",
    "one word": "ok",
    "two words": "Hello world",
    "punctuation and emoji": "!!! ??? 🙂🙂 — …",
    "decomposed accents (NFC)": "Cafe\u0301 au lait, et une cre\u0300me bru\u0302le\u0301e.",
}


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    """py3langid itself (about a second to load)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture(scope="module")
def model() -> LanguageModel:
    return installed_model()


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_classify_agrees_with_py3langid(reference: LanguageIdentifier, text: str) -> None:
    expected_language, expected_confidence = reference.classify(text)
    detected_language, confidence = language.classify(text)
    assert detected_language == expected_language
    assert confidence == pytest.approx(float(expected_confidence), abs=1e-3)


def test_every_weight_is_stored_exactly(
    reference: LanguageIdentifier, model: LanguageModel
) -> None:
    """The integer encoding loses nothing of py3langid's float16 weights."""
    languages = len(reference.nb_classes)
    stored = np.frombuffer(model.weights, dtype="<u2").reshape(-1, model.row_width)
    weights = model.top - stored[:, :languages] / model.scale
    assert np.array_equal(weights, np.asarray(reference.nb_ptc, dtype=np.float64))
    assert np.array_equal(np.asarray(model.priors), np.asarray(reference.nb_pc, np.float64))
    assert model.labels == tuple(reference.nb_classes)


def test_the_automaton_is_stored_unchanged(
    reference: LanguageIdentifier, model: LanguageModel
) -> None:
    assert np.array_equal(np.asarray(model.nextmove), np.asarray(reference.tk_nextmove))
    assert np.array_equal(
        np.asarray(model.rowbase), np.asarray(reference.tk_row, dtype=np.int64) << 8
    )
    assert np.array_equal(np.asarray(model.output), np.asarray(reference.tk_output))


def test_detection_imports_neither_numpy_nor_py3langid(model: LanguageModel) -> None:
    """With the cache built (by the fixture), a fresh process classifies
    without numpy, whose import alone costs a large part of an export."""
    code = (
        "import sys\n"
        "from exporter.transforms.language import classify\n"
        "print(classify(sys.stdin.read())[0])\n"
        "print(sorted(m for m in ('numpy', 'py3langid') if m in sys.modules))\n"
    )
    output = python_output(code, stdin=SAMPLE)
    assert output.split("\n")[:2] == ["de", "[]"]


def test_cache_file_is_named_by_py3langid_version() -> None:
    assert py3langid_version() == version("py3langid")


def test_a_damaged_cache_file_is_a_clear_error(model: LanguageModel, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.bin"
    with model_path().open("rb") as whole:
        truncated.write_bytes(whole.read(1 << 20))
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"not a model at all" * 10)
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    for path in (truncated, garbage, empty):
        with pytest.raises(ExportError, match=r"language model .* is damaged; delete it"):
            LanguageModel.open(path)


def test_all_caps_text_is_lowered_and_composed() -> None:
    """py3langid's model is mostly lower case: text in capitals only is lowered."""
    assert encode("ÉTÉ") == "été".encode()
    assert encode("Été") == "Été".encode()
    assert encode("e\u0301") == "é".encode()


def test_alias_pairs_join_a_label_listed_twice() -> None:
    assert alias_pairs(("sr", "de", "sr", "uz", "uz")) == ((0, 2), (3, 4))
    assert alias_pairs(("de", "en")) == ()


def test_softmax_is_a_distribution_and_keeps_the_order() -> None:
    probabilities = softmax([-1000.0, -1001.0, -1003.0], 0.5)
    assert sum(probabilities) == pytest.approx(1.0)
    assert probabilities == sorted(probabilities, reverse=True)
    assert softmax([0.0, 0.0], 1.0) == [0.5, 0.5]


def test_weight_scale_is_the_largest_power_of_two_that_fits() -> None:
    """16 bits a weight, 32 bits for a sum over every feature."""
    scale = weight_scale(12.25, 100_053)
    assert scale == 2048
    assert 12.25 * scale < 2**16
    assert 12.25 * scale * 100_053 < 2**32
    assert 12.25 * scale * 2 * 100_053 >= 2**32
