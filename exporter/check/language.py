"""The shape of a language tag, as EPUB and PDF both require BCP 47."""

from __future__ import annotations

import re

#: A well-formed BCP 47 tag (RFC 5646): language, extlang, script, region,
#: variants, extensions, private use; or a private-use tag alone. Two things
#: well-formed tags may have are refused: primary language subtags of 4 to 8
#: letters, as none is registered (``english`` is a mistake, not a tag), and
#: the deprecated grandfathered tags (``i-klingon``).
LANGUAGE_TAG = re.compile(
    r"""
    [a-z]{2,3}(?:-[a-z]{3}){0,3}
    (?:-[a-z]{4})?
    (?:-(?:[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?
    |x(?:-[a-z0-9]{1,8})+
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is shaped like a BCP 47 tag (``en``, ``de-CH``,
    ``sr-Latn-RS``). Shape only: ``xx`` passes, as no registry is consulted."""
    return LANGUAGE_TAG.fullmatch(tag) is not None
