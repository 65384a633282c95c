"""Punctuation conventions per language, as data.

Like docutils' ``smartquotes.smartchars.quotes``, the quote characters (and here
also the dash, the no-break spaces and the abbreviations) of each language are a
table keyed by BCP 47 tag, so supporting a language means adding a row, not a
branch. The characters follow the docutils table (itself drawn from the
Wikipedia articles on quotation marks and national style guides) except where a
comment says otherwise.

A tag is looked up from its most specific form to its language alone
(``de-CH-1996`` -> ``de-ch`` -> ``de``), so ``en-US`` uses ``en`` and ``de-AT``
uses ``de``; then each other subtag is tried with the language alone, so
``de-Latn-CH`` finds ``de-ch`` and ``zh-yue-HK`` finds ``zh-hk``. Languages
missing here get only the universal rules.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

NBSP = "\u00a0"
#: NARROW NO-BREAK SPACE: the French "fine insécable", also used inside German
#: abbreviations and between a number and its unit.
NNBSP = "\u202f"
APOSTROPHE = "\u2019"
#: HEBREW PUNCTUATION GERESH, which Hebrew writers type as "'" ("ג'ירפה").
GERESH = "\u05f3"

#: How a dash between words (typed `` - `` or `` -- ``) is set:
#: ``spaced-en`` "a – b"; ``spaced-em`` "a — b" (Russian, Portuguese);
#: ``closed-em`` "a—b" (American English); ``raya`` Spanish incisos, where the
#: em dash clings to the aside it opens or closes: "a —inciso— b"; ``kept``
#: hyphens stay as typed (Chinese and Japanese: their dash "——" is two
#: characters wide and ranges take "—" or "〜", none of which a run of hyphens
#: stands for unambiguously).
DashStyle = Literal["spaced-en", "spaced-em", "closed-em", "raya", "kept"]


GUILLEMET_CHARACTERS = "«»‹›"


@dataclass(frozen=True, slots=True)
class Quotes:
    """Opening and closing marks for a quotation and for one inside it."""

    open: str
    close: str
    inner_open: str
    inner_close: str


def quotes(marks: str) -> Quotes:
    """Four marks as docutils writes them: primary open/close, secondary open/close."""
    if len(marks) != 4:
        raise ValueError(f"need four quote marks, not {marks!r}")
    return Quotes(*marks)


@dataclass(frozen=True, slots=True)
class Conventions:
    """What one language does with punctuation typed on a typewriter."""

    quotes: Quotes
    dash: DashStyle = "spaced-en"
    #: What a straight single quote that quotes nothing becomes ("don't").
    apostrophe: str = APOSTROPHE
    #: Other quote styles this language's typographers use, by option value.
    alternative_quotes: Mapping[str, Quotes] = field(default_factory=dict)
    #: The no-break space this language sets before a punctuation mark (French).
    space_before: Mapping[str, str] = field(default_factory=dict)
    #: The no-break space set after a punctuation mark (French "«").
    space_after: Mapping[str, str] = field(default_factory=dict)
    #: Whether an ordinary space between digit groups ("10 000") is a
    #: thousands separator here, to become a narrow no-break space.
    digit_group_spaces: bool = True
    #: Abbreviations written with inner spaces ("z. B."); those spaces become
    #: narrow no-break spaces so the abbreviation is never split.
    abbreviations: tuple[str, ...] = ()
    #: Abbreviations that stand before a number ("S. 12"): no break after them.
    before_numbers: tuple[str, ...] = ()
    #: Titles that stand before a name ("Dr. Müller"): no break after them.
    before_names: tuple[str, ...] = ()
    #: Spelled-out units and magnitudes ("3 Mio.", "5 Millionen"): no break
    #: between them and the number before.
    unit_words: tuple[str, ...] = ()

    def quotes_for(self, style: str) -> Quotes | None:
        """The marks for a ``quotes`` option value, or None if this language
        has no such style. A language whose own marks already are guillemets
        has the style "guillemets" too."""
        if not style:
            return self.quotes
        if style in self.alternative_quotes:
            return self.alternative_quotes[style]
        if style == "guillemets" and self.quotes.open in GUILLEMET_CHARACTERS:
            return self.quotes
        return None


#: Unit symbols that follow a number in every language we know. A narrow
#: no-break space joins them to the number ("5 km", "20 %", "12 °C").
#: Single capitals (A, V, W, K) are left out: "Gruppe 3 A" is not amperes.
UNIT_SYMBOLS: tuple[str, ...] = (
    "km", "m", "cm", "mm", "µm", "nm", "km²", "m²", "m³", "ha",
    "kg", "g", "mg", "t", "l", "ml", "cl", "dl", "hl",
    "h", "min", "s", "ms", "km/h", "m/s",
    "°C", "°F", "°", "%", "‰",
    "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "Hz", "kHz", "MHz", "GHz",
    "kB", "MB", "GB", "TB",
    "€", "$", "£", "¥", "CHF", "EUR", "USD", "GBP",
)  # fmt: skip

GERMAN = Conventions(
    quotes=quotes("„“‚‘"),
    alternative_quotes={"guillemets": quotes("»«›‹")},
    # Duden lists these with a space; a narrow one keeps them one word.
    abbreviations=(
        "z. B.", "d. h.", "u. a.", "u. Ä.", "o. Ä.", "u. ä.", "o. ä.", "s. o.",
        "s. u.", "i. d. R.", "m. E.", "v. a.", "z. T.", "u. U.", "z. Zt.",
        "u. v. a.", "u. v. m.", "v. Chr.", "n. Chr.", "a. D.", "i. A.", "i. V.",
        "d. J.", "z. Hd.", "u. s. w.",
    ),
    before_numbers=(
        "S.", "Nr.", "Abs.", "Art.", "Kap.", "Bd.", "Abb.", "Tab.", "Ziff.",
        "Anm.", "Fn.", "Jg.", "Bsp.", "Tel.", "Nrn.",
    ),
    before_names=("Dr.", "Prof.", "Hr.", "Fr.", "St."),
    unit_words=(
        "Mio.", "Mrd.", "Tsd.", "Bio.", "Millionen", "Million", "Milliarden",
        "Milliarde", "Prozent", "Prozentpunkte", "Euro", "Dollar", "Franken",
        "Cent", "Rappen", "Grad", "Kilometer", "Meter", "Stunden", "Minuten",
    ),
)  # fmt: skip

ENGLISH = Conventions(
    quotes=quotes("“”‘’"),
    dash="closed-em",
    digit_group_spaces=False,  # English groups with commas
    before_numbers=(
        "p.",
        "pp.",
        "No.",
        "no.",
        "Nos.",
        "Fig.",
        "fig.",
        "ch.",
        "Ch.",
        "vol.",
        "Vol.",
    ),
    before_names=("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St."),
    unit_words=("million", "billion", "trillion", "percent", "per cent"),
)

# Imprimerie nationale: a (justifying) no-break space before ":", a narrow one
# before ";", "!", "?"; the spec we follow puts narrow ones inside « ».
FRENCH = Conventions(
    quotes=quotes("«»“”"),
    space_before={"»": NNBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP, ":": NBSP},
    space_after={"«": NNBSP},
    before_numbers=("p.", "n°", "no", "t.", "vol.", "chap.", "fig.", "art."),
    before_names=("M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Me", "Pr"),
    unit_words=("millions", "million", "milliards", "milliard", "euros", "pour cent"),
)

SPANISH = Conventions(
    quotes=quotes("«»“”"),
    dash="raya",
    before_numbers=("p.", "pp.", "pág.", "págs.", "núm.", "n.º", "cap.", "art."),
    before_names=("Sr.", "Sra.", "Srta.", "Dr.", "Dra."),
    unit_words=("millones", "millón", "euros", "por ciento"),
)

ITALIAN = Conventions(
    quotes=quotes("«»“”"),
    before_numbers=("p.", "pp.", "pag.", "n.", "art.", "cap."),
    before_names=("Sig.", "Sig.ra", "Dott.", "Dr.", "Prof."),
    unit_words=("milioni", "milione", "miliardi", "euro", "per cento"),
)

PORTUGUESE = Conventions(quotes=quotes("«»“”"), dash="spaced-em")
RUSSIAN = Conventions(quotes=quotes("«»„“"), dash="spaced-em")
CZECH = Conventions(
    quotes=quotes("„“‚‘"),
    alternative_quotes={"guillemets": quotes("»«›‹")},
    abbreviations=("t. j.", "a. s.", "s. r. o."),
)
# Chinese and Japanese write no spaces between words: hyphens stay as typed
# (DashStyle "kept"), and numbers group with commas, never spaces. Simplified
# Chinese sets “…” ‘…’, Traditional Chinese and Japanese corner brackets
# 「…」 『…』 (docutils' zh-cn, zh-tw and ja; Wikipedia).
SIMPLIFIED_CHINESE = Conventions(quotes=quotes("“”‘’"), dash="kept", digit_group_spaces=False)
TRADITIONAL_CHINESE = replace(SIMPLIFIED_CHINESE, quotes=quotes("「」『』"))
JAPANESE = TRADITIONAL_CHINESE
KOREAN = Conventions(quotes=quotes("“”‘’"), digit_group_spaces=False)
# Indonesian: the spelling guide PUEBI, as Wikipedia cites it.
INDONESIAN = Conventions(quotes=quotes("“”‘’"), digit_group_spaces=False)
# Arabic and Persian (Wikipedia): « ». Guillemets are mirrored in right-to-left
# text, so the opening « is the right-hand mark, pointing outward. Neither
# source names inner marks; these are CLDR's Arabic ones, curly marks in the
# order right-to-left text types them (the opening ” first).
ARABIC = Conventions(quotes=quotes("«»”“"), digit_group_spaces=False)
# Hebrew: the Academy of the Hebrew Language's „…” ‚…’, the low mark opening
# (on the right), as Wikipedia gives it and docutils as its "altquot"; docutils'
# main ”…“ is the all-high style of texts typed on Hebrew keyboards, which lack
# „. A "'" typed in a word is a geresh (ג'ירפה); a '"' typed in one is a
# gershayim (צה"ל), left straight as pairing leaves it.
HEBREW = Conventions(quotes=quotes("„”‚’"), apostrophe=GERESH, digit_group_spaces=False)


def with_guillemets(conventions: Conventions) -> Conventions:
    """The row for a language that sets guillemets »…« ›…‹ as its other style."""
    return replace(conventions, alternative_quotes={"guillemets": quotes("»«›‹")})


#: Conventions by lower-case BCP 47 tag (read-only).
CONVENTIONS: Mapping[str, Conventions] = MappingProxyType({
    "af": Conventions(quotes=quotes("“”‘’")),
    "ar": ARABIC,
    "be": RUSSIAN,
    "bg": Conventions(quotes=quotes("„“‚‘"), dash="spaced-em"),
    "ca": replace(SPANISH, before_numbers=(), before_names=(), unit_words=()),
    "cs": CZECH,
    "da": Conventions(
        quotes=quotes("»«›‹"), alternative_quotes={"low": quotes("„“‚‘")}
    ),
    "de": GERMAN,
    # Swiss and Liechtenstein German set guillemets pointing outward, unspaced.
    "de-ch": replace(GERMAN, quotes=quotes("«»‹›"), alternative_quotes={}),
    "de-li": replace(GERMAN, quotes=quotes("«»‹›"), alternative_quotes={}),
    "el": Conventions(quotes=quotes("«»“”")),
    "en": ENGLISH,
    # British, Irish and Commonwealth style: a spaced en dash between words.
    "en-gb": replace(ENGLISH, dash="spaced-en"),
    "en-ie": replace(ENGLISH, dash="spaced-en"),
    "en-au": replace(ENGLISH, dash="spaced-en"),
    "en-nz": replace(ENGLISH, dash="spaced-en"),
    "es": SPANISH,
    "et": Conventions(quotes=quotes("„“‚‘")),
    "eu": Conventions(quotes=quotes("«»‹›")),
    "fa": ARABIC,
    "fi": Conventions(quotes=quotes("””’’")),
    "fr": FRENCH,
    # Canada (OQLF): no space before ";", "!", "?".
    "fr-ca": replace(FRENCH, space_before={"»": NNBSP, ":": NBSP}),
    # Switzerland (docutils, typoguide.ch): « » and ‹ › without spaces.
    "fr-ch": replace(FRENCH, quotes=quotes("«»‹›"), space_before={}, space_after={}),
    "gl": replace(SPANISH, before_numbers=(), before_names=(), unit_words=()),
    "he": HEBREW,
    "hi": Conventions(quotes=quotes("“”‘’"), digit_group_spaces=False),  # Wikipedia
    "hr": with_guillemets(Conventions(quotes=quotes("„”‘’"))),
    # Hungarian (AkH. 12, 256.) nests »…« pointing inward; docutils has «…».
    "hu": Conventions(quotes=quotes("„”»«")),
    "id": INDONESIAN,
    "in": INDONESIAN,  # the withdrawn code, still written by Java locales
    "is": Conventions(quotes=quotes("„“‚‘")),
    "it": ITALIAN,
    "it-ch": replace(ITALIAN, quotes=quotes("«»‹›")),
    "iw": HEBREW,  # the withdrawn code, still written by Java locales
    "ja": JAPANESE,
    "ko": KOREAN,
    # North Korea (Wikipedia): double and single angle brackets.
    "ko-kp": replace(KOREAN, quotes=quotes("《》〈〉")),
    "lb": GERMAN,
    "lt": Conventions(quotes=quotes("„“‚‘")),
    "lv": Conventions(quotes=quotes("„“‚‘")),
    "mk": Conventions(quotes=quotes("„“‚‘")),
    # Malay: in neither source; “…” ‘…’ as in Indonesian.
    "ms": INDONESIAN,
    "nb": Conventions(quotes=quotes("«»’’")),
    # Dutch: docutils' default “…” ‘…’, which Onze Taal calls the usual marks
    # today; the older low „…” is the alternative style "low".
    "nl": Conventions(
        quotes=quotes("“”‘’"), alternative_quotes={"low": quotes("„”‚’")}
    ),
    "nn": Conventions(quotes=quotes("«»’’")),
    "no": Conventions(quotes=quotes("«»’’")),
    "pl": Conventions(quotes=quotes("„”«»")),
    "pt": PORTUGUESE,
    "pt-br": replace(PORTUGUESE, quotes=quotes("“”‘’")),
    "ro": Conventions(quotes=quotes("„”«»")),
    "ru": RUSSIAN,
    "sk": CZECH,
    "sl": with_guillemets(Conventions(quotes=quotes("„“‚‘"))),
    "sq": Conventions(quotes=quotes("«»‹›")),
    "sr": Conventions(quotes=quotes("„”’’")),
    "sv": Conventions(quotes=quotes("””’’")),
    "th": Conventions(quotes=quotes("“”‘’"), digit_group_spaces=False),  # Wikipedia
    "tr": Conventions(quotes=quotes("“”‘’")),
    "uk": RUSSIAN,
    # Urdu (Wikipedia shows “…”, in left-to-right order): in right-to-left
    # text the opening mark, on the right, is typed ”, as CLDR's Arabic has it.
    "ur": Conventions(quotes=quotes("”“’‘"), digit_group_spaces=False),
    # Chinese: a script subtag decides; without one, the region (Taiwan, Hong
    # Kong and Macao write Traditional characters), else Simplified.
    "zh": SIMPLIFIED_CHINESE,
    "zh-hans": SIMPLIFIED_CHINESE,
    "zh-cn": SIMPLIFIED_CHINESE,
    "zh-sg": SIMPLIFIED_CHINESE,
    "zh-hant": TRADITIONAL_CHINESE,
    "zh-tw": TRADITIONAL_CHINESE,
    "zh-hk": TRADITIONAL_CHINESE,
    "zh-mo": TRADITIONAL_CHINESE,
})  # fmt: skip


@functools.lru_cache(maxsize=256)
def conventions_for(tag: str) -> Conventions | None:
    """The conventions for a BCP 47 tag: its longest prefix with a table row
    ("de-CH-1996" -> "de-ch"), else its language with one of its other
    subtags alone ("de-Latn-CH" -> "de-ch", "zh-yue-HK" -> "zh-hk"), else its
    language alone; None for a language we have no row for (and for the empty
    tag). Extensions and private use ("-u-…", "-x-…") are not looked at.
    Cached: the typography asks once for every run of text."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    singleton = next((i for i, part in enumerate(parts) if i and len(part) == 1), len(parts))
    language, *subtags = parts[:singleton]
    if not language:
        return None
    prefixes = ["-".join(parts[:end]) for end in range(singleton, 1, -1)]
    singles = [f"{language}-{subtag}" for subtag in subtags]
    for candidate in (*prefixes, *singles, language):
        found = CONVENTIONS.get(candidate)
        if found is not None:
            return found
    return None
