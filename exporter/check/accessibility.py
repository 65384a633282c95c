"""An EPUB's accessibility metadata, as EPUB Accessibility 1.1 asks for it.

Reading systems and shops show this metadata to readers who need to know,
before buying, whether a book works with their screen reader or large type.
Each property missing, or missing a value the book needs, is a warning: the
book still opens, but it says less about itself than it should.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from exporter.check.epub_archive import (
    RESERVED_PREFIXES,
    ContentDocument,
    Package,
    has_visual_content,
    image_count,
    images_without_alt,
)
from exporter.check.report import FactValue, Finding, info, warning

# The same standard our EPUB writer claims: the conformance statement, and the
# features every well-made text book has (``alternativeText`` is added when it
# has images and all of them have alt text).
from exporter.writers.accessibility import BASE_FEATURES, CONFORMANCE

SCHEMA = RESERVED_PREFIXES["schema"]
DCTERMS = RESERVED_PREFIXES["dcterms"]


#: The properties reported, by the name people know them by.
PROPERTIES: dict[str, str] = {
    "schema:accessMode": SCHEMA + "accessMode",
    "schema:accessModeSufficient": SCHEMA + "accessModeSufficient",
    "schema:accessibilityFeature": SCHEMA + "accessibilityFeature",
    "schema:accessibilityHazard": SCHEMA + "accessibilityHazard",
    "schema:accessibilitySummary": SCHEMA + "accessibilitySummary",
    "dcterms:conformsTo": DCTERMS + "conformsTo",
}


def expected_access_modes(visual: bool) -> tuple[str, ...]:
    """Text is always there; images add the visual mode."""
    return ("textual", "visual") if visual else ("textual",)


def expected_features(documents: tuple[ContentDocument, ...]) -> tuple[str, ...]:
    """``BASE_FEATURES``, plus ``alternativeText`` when the pages have images
    and every one has an ``alt``."""
    described = image_count(documents) > 0 and not images_without_alt(documents)
    return BASE_FEATURES + (("alternativeText",) if described else ())


def accessibility_findings(
    package: Package, documents: tuple[ContentDocument, ...]
) -> Iterator[Finding]:
    properties = package.properties
    values = {name: properties.get(iri, ()) for name, iri in PROPERTIES.items()}
    modes = expected_access_modes(has_visual_content(package, documents))
    yield from expected_values("schema:accessMode", values["schema:accessMode"], modes)
    if not values["schema:accessModeSufficient"]:
        yield missing("schema:accessModeSufficient", "e.g. textual")
    features = values["schema:accessibilityFeature"]
    yield from expected_values(
        "schema:accessibilityFeature", features, expected_features(documents)
    )
    if "alternativeText" in features and (without := images_without_alt(documents)):
        yield warning(
            "a11y.alternativeText-untrue",
            f"schema:accessibilityFeature claims alternativeText, but {len(without)} "
            f"image{'s' if len(without) > 1 else ''} have no alt text",
        )
    if not values["schema:accessibilityHazard"]:
        yield missing("schema:accessibilityHazard", "e.g. none")
    if not values["schema:accessibilitySummary"]:
        yield missing("schema:accessibilitySummary", "a sentence on what the book offers")
    claims = values["dcterms:conformsTo"]
    undescribed = images_without_alt(documents)
    if claims and undescribed:
        yield warning(
            "a11y.conformsTo-untrue",
            "dcterms:conformsTo claims WCAG conformance, but images have no alt text",
        )
    elif not claims and not undescribed:
        # A book with undescribed images cannot conform: asking for the
        # claim would ask for a false one (the missing alt text is reported).
        yield missing("dcterms:conformsTo", repr(CONFORMANCE))
    elif claims and CONFORMANCE not in claims:
        yield info("a11y.conformsTo-other", f"dcterms:conformsTo is {', '.join(map(repr, claims))}")


def expected_values(
    name: str, present: tuple[str, ...], expected: tuple[str, ...]
) -> Iterator[Finding]:
    if not present:
        yield missing(name, f"expected {', '.join(expected)}")
    elif lacking := [value for value in expected if value not in present]:
        yield warning(f"a11y.{local(name)}-incomplete", f"{name} lacks {', '.join(lacking)}")


def missing(name: str, hint: str) -> Finding:
    return warning(f"a11y.{local(name)}-missing", f"no {name} ({hint})")


def local(name: str) -> str:
    return name.partition(":")[2]


def accessibility_facts(properties: Mapping[str, tuple[str, ...]]) -> dict[str, FactValue]:
    """Which properties are present, and the values worth a glance (the
    summary is a paragraph, so only its presence is shown)."""

    def values(name: str) -> tuple[str, ...]:
        return properties.get(PROPERTIES[name], ())

    return {
        "accessibility_metadata": tuple(
            name for name, iri in PROPERTIES.items() if properties.get(iri)
        ),
        "access_modes": values("schema:accessMode"),
        "accessibility_features": values("schema:accessibilityFeature"),
        "accessibility_hazards": values("schema:accessibilityHazard"),
        "conforms_to": values("dcterms:conformsTo"),
    }
