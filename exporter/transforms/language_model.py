"""py3langid's language classifier, without numpy, read from one mmapped file.

py3langid keeps its model in numpy arrays: importing numpy alone costs about
0.15 s, and loading its 68 MB model as much again, together nearly half of
an EPUB export. Here the same model is written once per machine into a flat
file (:func:`build_model_file`) that is mmapped and read through
``memoryview.cast`` with no parsing, so only the pages a text touches are ever
read: for the sample article, 2,700 of its 16,700 pages. Scoring is plain
Python and gives py3langid's label and probability (to float32 rounding, as
it computes in float32 and we in float64).

The file, all arrays in this machine's byte order unless said otherwise::

    b"EXLANGID", header length (uint32 LE), JSON header (labels, class priors,
    the weight encoding below, each array's offset and length), then, each at a
    64-byte boundary:
    nextmove  uint32  DFA transitions: the next state is
                      nextmove[rowbase[state] + byte]
    rowbase   uint32  per state, where its row of 256 transitions starts
    output    int32   per state, the feature it completes, or -1
    weights   uint16 little-endian, one row per feature of one value per
                      language (padded to an even count): the feature's
                      log-probability ``p`` as ``round((top - p) * scale)``
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import mmap
import os
import re
import struct
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from exporter.cache import cached_file
from exporter.errors import ExportError

#: Bump when the file layout changes: the name changes with it, so an old
#: file is never read.
FORMAT = 1

MAGIC = b"EXLANGID"
HEAD = struct.Struct("<8sI")
ALIGN = 64

#: Each weight row is read as one integer of 16-bit fields; the even and the
#: odd fields are masked out into 32-bit fields, where the rows of a whole
#: text add up without carrying into each other (see :func:`weight_scale`).
FIELD_BITS = 16
SUM_BITS = 32


@dataclass(frozen=True, slots=True)
class LanguageModel:
    """A naive Bayes model over byte n-grams, as py3langid trains it."""

    labels: tuple[str, ...]
    #: Log prior of each language.
    priors: tuple[float, ...]
    nextmove: memoryview
    rowbase: memoryview
    output: memoryview
    #: Raw bytes: rows of ``row_width`` little-endian uint16.
    weights: memoryview
    row_width: int
    #: A weight ``p`` is stored as ``round((top - p) * scale)``.
    top: float
    scale: float
    #: (first, duplicate) columns of a label listed twice (py3langid's
    #: script aliases, "srl" read as "sr"): their probabilities add up.
    aliases: tuple[tuple[int, int], ...]

    @classmethod
    def open(cls, path: Path) -> LanguageModel:
        """The model in ``path``, mapped, not read: pages load as scoring touches them."""
        try:
            with open(path, "rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            magic, length = HEAD.unpack_from(mapped)
            header = json.loads(mapped[HEAD.size : HEAD.size + length])
            arrays = header["arrays"]
            if magic != MAGIC or header["format"] != FORMAT:
                raise ValueError("not our format")
            if any(offset + size > len(mapped) for offset, size in arrays.values()):
                raise ValueError("truncated")
        except (OSError, ValueError, KeyError, TypeError, struct.error):
            raise ExportError(
                f"the cached language model {path} is damaged; delete it and run again"
            ) from None
        view = memoryview(mapped)

        def array(name: str, typecode: str) -> memoryview:
            offset, size = arrays[name]
            return view[offset : offset + size].cast(typecode)

        labels = tuple(header["labels"])
        return cls(
            labels=labels,
            priors=tuple(header["priors"]),
            nextmove=array("nextmove", "I"),
            rowbase=array("rowbase", "I"),
            output=array("output", "i"),
            weights=array("weights", "B"),
            row_width=header["row_width"],
            top=header["top"],
            scale=header["scale"],
            aliases=alias_pairs(labels),
        )

    def classify(self, text: str) -> tuple[str, float]:
        """The most likely language of ``text`` and its probability (0–1).

        As py3langid with ``norm_probs``: the log-posteriors are divided by
        the square root of the text's length in bytes (a temperature that
        keeps the softmax calibrated across lengths), then normalised.
        """
        data = encode(text)
        counts = self.feature_counts(data)
        scores = self.scores(counts) if counts else [0.0] * len(self.labels)
        probabilities = softmax(scores, 1.0 / math.sqrt(len(data) or 1))
        for first, duplicate in self.aliases:
            probabilities[first] += probabilities[duplicate]
            probabilities[duplicate] = 0.0
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        return self.labels[best], probabilities[best]

    def feature_counts(self, data: bytes) -> Counter[int]:
        """How often each feature (byte n-gram) occurs in ``data``: one DFA step a byte."""
        nextmove, rowbase = self.nextmove, self.rowbase
        state = 0
        states: list[int] = []
        visit = states.append
        for byte in data:
            state = nextmove[rowbase[state] + byte]
            visit(state)
        counts = Counter(map(self.output.__getitem__, states))
        del counts[-1]
        return counts

    def scores(self, counts: Counter[int]) -> list[float]:
        """Each language's log-posterior: prior + Σ log1p(count) × feature weight.

        Features with the same count share a multiplier, so their weight rows
        are first summed as exact integers: a row is read as one big integer
        of 16-bit fields, split into its even and its odd columns with 32 bits
        of room each, and added in one big-integer addition (C speed, where a
        loop over 142 floats a feature is Python speed, about five times
        slower). Only then, once per distinct count, are the sums multiplied
        as floats.
        """
        width = self.row_width
        size = 2 * width
        even = int.from_bytes(b"\xff\xff\0\0" * (width // 2), "little")
        groups: dict[int, list[int]] = {}
        for feature, count in counts.items():
            start = feature * size
            row = int.from_bytes(self.weights[start : start + size].tobytes(), "little")
            group = groups.get(count)
            if group is None:
                groups[count] = [row & even, (row >> FIELD_BITS) & even, 1]
            else:
                group[0] += row & even
                group[1] += (row >> FIELD_BITS) & even
                group[2] += 1
        unpack = struct.Struct(f"<{width // 2}I").unpack
        totals = [0.0] * width
        base = 0.0
        for count, (evens, odds, features) in groups.items():
            weight = math.log1p(count)
            base += weight * features
            sums = [0] * width
            sums[0::2] = unpack(evens.to_bytes(size, "little"))
            sums[1::2] = unpack(odds.to_bytes(size, "little"))
            totals = [total + weight * value for total, value in zip(totals, sums, strict=True)]
        offset, scale = base * self.top, self.scale
        # The last column may be padding (an odd number of languages).
        real = totals[: len(self.priors)]
        return [
            prior + offset - total / scale for prior, total in zip(self.priors, real, strict=True)
        ]


def encode(text: str) -> bytes:
    """The bytes py3langid reads: all-caps text lowered (its model is mostly
    lower case), NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")


def softmax(scores: list[float], temperature: float) -> list[float]:
    """``scores × temperature`` as probabilities summing to 1."""
    scaled = [score * temperature for score in scores]
    highest = max(scaled)
    exps = [math.exp(score - highest) for score in scaled]
    total = sum(exps)
    return [value / total for value in exps]


def alias_pairs(labels: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(first column, later column) of each label that occurs twice or more."""
    first: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for column, label in enumerate(labels):
        if label in first:
            pairs.append((first[label], column))
        else:
            first[label] = column
    return tuple(pairs)


@functools.cache
def installed_model() -> LanguageModel:
    """The installed py3langid's model, mapped once per process."""
    return LanguageModel.open(model_path())


def model_path() -> Path:
    """Our file of the installed py3langid's model, converted on first use."""
    name = f"py3langid-{py3langid_version()}-model{FORMAT}-{sys.byteorder}.bin"
    return cached_file("language", name, build_model_file)


def py3langid_version() -> str:
    """py3langid's version, which names the cache file.

    Read from the name of the ``.dist-info`` folder beside the package, where
    pip installs it: ``importlib.metadata`` costs some 25 ms (its import alone
    20), and is only the fallback.
    """
    spec = importlib.util.find_spec("py3langid")
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent.parent
        found = [
            match[1]
            for entry in os.scandir(folder)
            if entry.name.startswith("py3langid-")
            and (match := re.fullmatch(r"py3langid-([^-]+)\.dist-info", entry.name))
        ]
        if len(found) == 1:
            return found[0]
    from importlib.metadata import version

    return version("py3langid")


def build_model_file() -> bytes:
    """py3langid's packaged model in our format (once per machine; seconds).

    The only place that imports numpy and py3langid's loader.
    """
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    weights = np.asarray(model.nb_ptc, dtype=np.float64)
    features, languages = weights.shape
    top = float(weights.max())
    scale = weight_scale(top - float(weights.min()), features)
    fields = np.rint((top - weights) * scale).astype("<u2")
    width = languages + languages % 2
    rows = np.zeros((features, width), dtype="<u2")
    rows[:, :languages] = fields
    arrays = {
        "nextmove": np.asarray(model.tk_nextmove, dtype=np.dtype("I")).tobytes(),
        "rowbase": (np.asarray(model.tk_row, dtype=np.dtype("I")) << 8).tobytes(),
        "output": np.asarray(model.tk_output, dtype=np.dtype("i")).tobytes(),
        "weights": rows.tobytes(),
    }
    header = {
        "format": FORMAT,
        "labels": [str(label) for label in model.nb_classes],
        "priors": [float(prior) for prior in np.asarray(model.nb_pc)],
        "row_width": width,
        "top": top,
        "scale": scale,
        "arrays": {},
    }
    # Offsets depend on the header's length, which depends on the offsets'
    # digits: reserve room generously, then pad to it.
    reserved = len(json.dumps(header)) + 64 * len(arrays) + ALIGN
    offset = aligned(HEAD.size + reserved)
    for name, data in arrays.items():
        header["arrays"][name] = [offset, len(data)]
        offset = aligned(offset + len(data))
    encoded = json.dumps(header).encode()
    if len(encoded) > reserved:
        raise AssertionError("language model header outgrew its room")
    out = bytearray(HEAD.pack(MAGIC, len(encoded)) + encoded)
    for name, data in arrays.items():
        out += bytes(header["arrays"][name][0] - len(out))
        out += data
    return bytes(out)


def weight_scale(spread: float, features: int) -> float:
    """The power of two by which weights become integers (see :data:`FIELD_BITS`).

    As large as possible for precision, but small enough that a stored weight
    fits its 16 bits and the sum over every feature of the model fits 32 bits.
    py3langid's weights are float16 log-probabilities between about -15 and
    -2.7: 2048 stores them exactly.
    """
    largest = min(2**FIELD_BITS - 1, (2**SUM_BITS - 1) // features)
    return 2.0 ** math.floor(math.log2(largest / spread))


def aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN
