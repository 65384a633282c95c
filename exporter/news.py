"""Conventions of news text: agencies, picture credits, datelines, bylines.

Plain text pasted from a news site carries these as bare lines: "Foto:
Michael Kappeler/dpa" under a picture, "Berlin, 12. März 2024" over the
text, "Von Anna Schmidt, dpa" at its end. Each is recognised here by a named
rule, for the readers (never a heading, never the title; a byline's persons
are the authors, its agency the publisher, in every input format alike) and
for the transform that derives a missing title (never a dateline or a
credit). The name shapes are those of bylines and credits alike.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

#: The rules below are pure functions of one line, asked of the same lines
#: again and again (a heading candidate's neighbours, a wrap's next line):
#: each remembers its last answers.
LINE_CACHE = 4096

# --- names and agencies -----------------------------------------------------------

#: Abbreviations that may end a name with a period besides initials.
NAME_ABBREVIATIONS = frozenset({"Jr.", "Sr.", "Dr.", "Prof.", "St."})
#: Combining marks of the scripts that write them inside a word, which
#: ``\w`` does not match: Devanagari's vowel signs and virama, Bengali's and
#: the other Indic scripts', Thai's, Lao's and Myanmar's vowels and tone
#: marks, Hebrew and Arabic points ("राहुल", "ใจดี" are each one word).
WORD_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962\u0963"
    "\u0981-\u0983\u09bc\u09be-\u09cd\u09d7\u09e2\u09e3"
    "\u0a01-\u0a03\u0a3c-\u0a51\u0a70\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0acd"
    "\u0ae2\u0ae3\u0b01-\u0b03\u0b3c\u0b3e-\u0b57\u0b62\u0b63\u0b82\u0bbe-\u0bcd\u0bd7"
    "\u0c00-\u0c04\u0c3c\u0c3e-\u0c56\u0c62\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cd6"
    "\u0ce2\u0ce3\u0d00-\u0d03\u0d3b\u0d3c\u0d3e-\u0d57\u0d62\u0d63\u0d81-\u0d83"
    "\u0dca-\u0ddf\u0df2\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc"
    "\u0ec8-\u0ece\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d"
    "\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d"
)
NAME_WORD = re.compile(rf"[^\W\d_][\w{WORD_MARKS}'’.-]*")
#: A particle written onto the name after it: "al-Baghdadi", "el-Sisi", "d'Alembert".
PARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|d|l)[-'’][^\W\d_a-z][\w'’-]*")
INITIAL = re.compile(r"(?:[^\W\d_]\.-?)+")


#: News agencies as they sign articles, case-folded. An agency is not an
#: author: a byline's trailing agency ("Von Anna Schmidt, dpa") and a bare
#: agency line ("(dpa)", "dpa/AFP") go to the publisher. A list, not a
#: pattern, because "Von Berlin, der Hauptstadt" and "By Jane Doe, Oxford"
#: have the same shape.
NEWS_AGENCIES = frozenset(
    name.casefold()
    for name in (
        # German-speaking countries
        "dpa", "dpa-AFX", "Deutsche Presse-Agentur", "epd", "KNA", "dts", "ddp", "dapd",
        "SID", "APA", "SDA", "Keystone-SDA", "AWP",
        # international and English-speaking
        "AFP", "Agence France-Presse", "Agence France Presse", "Reuters", "Thomson Reuters",
        "AP", "Associated Press", "The Associated Press", "Bloomberg", "Bloomberg News",
        "Dow Jones", "UPI", "PA", "PA Media", "Press Association", "AAP", "CP",
        "Canadian Press", "The Canadian Press", "Xinhua", "Kyodo", "Kyodo News", "Yonhap",
        "TASS", "Interfax", "Ukrinform", "EPA",
        # other European agencies
        "ANP", "Belga", "EFE", "Agencia EFE", "Europa Press", "ANSA", "AGI", "Adnkronos",
        "LaPresse", "Lusa", "ANA-MPA", "ČTK", "CTK", "PAP", "MTI", "HINA", "BTA", "Agerpres",
        "TT", "NTB", "Ritzau", "STT",
    )
)  # fmt: skip


# --- picture credits --------------------------------------------------------------

#: Labels of picture and source credits in German, English, French, Spanish
#: and Italian ("Foto: dpa", "Crédit photo : AFP", "Fotografía: EFE"),
#: case-folded; two may be combined ("Foto/Grafik: dpa").
CREDIT_LABELS = frozenset(
    label.casefold()
    for label in (
        "Foto", "Fotos", "Fotografie", "Fotograf", "Fotografin", "Bild", "Bilder", "Bildquelle",
        "Bildrechte", "Symbolbild", "Archivbild", "Titelbild", "Quelle", "Grafik", "Grafiken",
        "Illustration", "Karte", "Video", "Copyright",
        "Photo", "Photos", "Photograph", "Photographs", "Photography", "Image", "Images",
        "Picture", "Pictures", "Photo credit", "Photo credits", "Image credit",
        "Picture credit", "Credit", "Credits", "Source", "Graphic", "Graphics", "Map",
        "Crédit", "Crédits", "Crédit photo", "Crédits photo", "Photographie", "Infographie",
        "Carte",
        "Fotografía", "Fotografías", "Imagen", "Imágenes", "Fuente", "Crédito", "Créditos",
        "Ilustración", "Gráfico", "Infografía", "Mapa",
        "Immagine", "Immagini", "Fonte", "Credito", "Crediti", "Illustrazione", "Grafica",
        "Infografica", "Mappa",
        # Portuguese, Dutch, Scandinavian, Polish, Czech, Turkish, Indonesian
        "Imagem", "Imagens", "Fotografia", "Beeld", "Bron", "Kilde", "Källa", "Zdjęcie",
        "Źródło", "Zdroj", "Fotoğraf", "Kaynak", "Sumber", "Sumber foto", "Sumber gambar",
        # Russian, Ukrainian, Arabic, Chinese, Japanese, Korean
        "Фото", "Фотография", "Источник", "Джерело", "صورة", "المصدر",
        "图", "图片", "摄影", "圖", "圖片", "攝影", "写真", "画像", "사진", "자료",
    )
)  # fmt: skip

#: Labels that may also say "by": "Photo by X", "Foto von X", "Foto di X".
CREDIT_BY_LABELS = frozenset(
    {"photo", "photos", "photograph", "photographs", "image", "images", "picture", "pictures"}
    | {"illustration", "illustrations", "graphic", "photography", "video"}
    | {"foto", "fotos", "fotografía", "immagine", "illustrazione", "ilustración", "grafik"}
)

#: "Label: credit", "Label by credit", "Credit credit", "© credit". The label
#: is one or two words (checked against :data:`CREDIT_LABELS`), or two labels
#: joined by "/" or "&"; the colon may be a full-width one, "=" (Korean
#: "사진=연합뉴스") or an ellipsis (The New York Times' "Credit…Jane Doe").
CREDIT = re.compile(
    r"(?P<labels>[^\W\d_]+(?:\s+[^\W\d_]+)?(?:\s*[/&]\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)?)"
    r"\s*(?:[:：=]|…|\.{3})\s*(?:©\s*)?(?P<labelled>.+)"
    r"|(?P<by_label>[^\W\d_]+)\s+(?:by|von|di|de|par|por)\s+(?P<by>.+)"
    r"|(?P<space_label>credits?|photograph|photo|foto|image)\s+(?P<spaced>[^:：=\s].*)"
    r"|(?:©|\(c\)|Copyright\s*©?)\s*(?P<copyright>.+)"
    r"|(?:photos?\s+)?(?P<courtesy>courtesy\s+(?:of\s+)?.+)",
    re.IGNORECASE,
)

#: Photo agencies and services that sign a picture without a label ("AP
#: Photo/Evan Vucci", "Bloomberg via Getty Images"), case-folded.
PHOTO_SOURCES = NEWS_AGENCIES | frozenset(
    {"getty", "shutterstock", "istock", "istockphoto", "alamy", "imago", "unsplash", "pexels"}
    | {"pixabay", "picture-alliance", "ap photo", "afp photo", "epa-efe", "reuters/", "nasa"}
    | {"handout", "courtesy", "wireimage", "filmmagic", "corbis", "magnum", "sipa", "rex"}
)

#: Services that sign nothing but pictures: their name alone on a line is
#: a credit (a news agency's may be a byline or a dateline).
PHOTO_SERVICES = frozenset(
    {"getty images", "shutterstock", "istock", "istockphoto", "alamy", "imago", "unsplash"}
    | {"pexels", "pixabay", "picture alliance", "picture-alliance", "imago images"}
    | {"ap photo", "afp photo", "reuters photo", "epa-efe", "dpa-bildfunk", "wireimage"}
)

#: The photo sources of more than one word, found inside the credit's text.
PHOTO_PHRASES = tuple(source for source in PHOTO_SOURCES if " " in source or "/" in source)

#: A caption that ends with its credit: after a sentence end, a bar or a
#: spaced dash ("Kim Jong Un in Pjöngjang. Foto: KCNA/dpa"), or in
#: parentheses at the end ("Kim Jong Un in Pjöngjang (Foto: KCNA/dpa)"); a
#: label with an ellipsis may be glued to the sentence end, as text copied
#: from The New York Times has it ("…at dusk.Credit…Jane Doe for The New
#: York Times").
CAPTION_SEPARATOR = re.compile(
    r"(?<=\S)(?:[.!?…][\"'“”»«’)]*\s+|\s+[|–—-]\s+)(?=[^()\[\]]+$)"
    r"|(?<=[^\W\d_][.!?])(?=[^\W\d_]+(?:…|\.{3}))"
)
BRACKETED_END = re.compile(r"\s+[(\[](?P<credit>[^()\[\]]+)[)\]]$")

#: Lower-case words in a credit: photo agencies and services ("picture
#: alliance", "imago", "dpa"), "privat", and the particles and joints of
#: names ("von", "und", "via"). Articles and "in" are not among them, so "Grafik:
#: Die Lage in Kursk" and "Video: So lief der Gipfel" are not credits.
CREDIT_WORDS = NEWS_AGENCIES | frozenset(
    {"picture", "alliance", "picture-alliance", "imago", "images", "photo", "photos", "foto"}
    | {"privat", "archiv", "zvg", "handout", "screenshot", "pool", "hersteller", "infografik"}
    | {"getty", "istock", "istockphoto", "shutterstock", "unsplash", "pexels", "pixabay"}
    | {"von", "vom", "van", "de", "di", "da", "du", "del", "della", "dos", "ten", "ter", "zu"}
    | {"bin", "ibn", "al", "und", "and", "et", "y", "e", "&", "via", "for", "on", "für", "per"}
    | {"pour", "para", "/", "|", "©", "-", "–", "courtesy", "of", "the", "family"}
)  # fmt: skip

#: A picture credit with its caption, or a dateline, is at most this long.
MAX_STANDALONE_CHARS = 400

#: A credit names a source or two, not a sentence.
MAX_CREDIT_WORDS = 10


@functools.lru_cache(maxsize=LINE_CACHE)
def is_credit_line(line: str) -> bool:
    """A picture or source credit, which stands under a picture, not over a
    section: never a heading, never joined to the text around it.

    The line is "Label: credit" with a credit label (:data:`CREDIT_LABELS`:
    "Foto:", "Bild:", "Quelle:", "Photo:", "Image:", "Credit:", "Crédit photo
    :", "Fotografía:", "Fonte:"…), "Photo by credit" ("Foto von", "Foto di"),
    or "© credit", perhaps in parentheses; a picture signed without a label
    (:func:`is_signed_picture`: "AP Photo/Evan Vucci", "Shutterstock"); or a
    caption ending in such a credit (:func:`caption_endings`). The credit must
    look like one (:func:`looks_like_credit`), so that "Foto-Streit im
    Bundestag", "Bilder einer Ausstellung" and "Video: So lief der Gipfel" stay
    headings.
    """
    line = line.strip()
    if credit_match(line) or is_signed_picture(line):
        return True
    return any(is_credit_after_caption(credit) for credit in caption_endings(line))


def caption_endings(line: str) -> list[str]:
    """What may be the credit of a caption: the text after each of its
    sentence ends and bars, or in brackets at its end."""
    endings = [line[match.end() :] for match in CAPTION_SEPARATOR.finditer(line)]
    bracketed = BRACKETED_END.search(line)
    if bracketed:
        endings.append(bracketed["credit"])
    return [ending for ending in endings if ending.strip()]


def is_credit_after_caption(credit: str) -> bool:
    """A credit as it follows a caption; there a photo source alone signs
    the picture ("… in Pjöngjang. Reuters")."""
    if credit.strip().casefold() in PHOTO_SOURCES:
        return True
    return credit_match(credit) or is_signed_picture(credit)


def is_signed_picture(text: str) -> bool:
    """A credit without a label: the photographer and agency as a picture is
    signed, "AP Photo/Evan Vucci", "Bloomberg via Getty Images", "Jane
    Doe/AOL": it looks like a credit (:func:`looks_like_credit`) and names a
    photo source (:data:`PHOTO_SOURCES`) or a person's full name before a
    slash."""
    text = text.strip().strip("()[]").strip()
    if text.casefold() in PHOTO_SERVICES:
        return True  # "Shutterstock", "Getty Images": only pictures are signed so
    pieces = re.split(r"[\s/]+", text)
    if not 2 <= len(pieces) <= MAX_CREDIT_WORDS or not looks_like_credit(text):
        return False  # a lone agency name may be a byline, a title, a teaser
    person, slash, outlet = text.partition("/")
    if slash and len(person.split()) >= 2 and looks_like_name(person.strip()) and outlet.strip():
        return True  # "Jane Doe/AOL": the photographer, then where the picture ran
    return names_photo_source(text)


def names_photo_source(text: str) -> bool:
    """Whether ``text`` names an agency or service that signs pictures
    (:data:`PHOTO_SOURCES`, :data:`PHOTO_PHRASES`: "Getty Images")."""
    folded = text.casefold()
    parts = set(re.split(r"[\s/|,]+", folded))
    return bool(parts & PHOTO_SOURCES) or any(source in folded for source in PHOTO_PHRASES)


def credit_match(text: str) -> bool:
    """Whether ``text`` is a whole labelled credit (see :func:`is_credit_line`),
    perhaps in brackets, full-width ones too ("（写真：共同）", "【사진=연합뉴스】")."""
    text = text.strip()
    if text[:1] in "([（［【" and text[-1:] in ")]）］】":
        text = text[1:-1].strip()
    match = CREDIT.fullmatch(text)
    if match is None:
        return False
    if match["labels"]:
        labels = (" ".join(label.split()) for label in re.split(r"\s*[/&]\s*", match["labels"]))
        if not all(label.casefold() in CREDIT_LABELS for label in labels):
            return False
    elif match["by_label"] and match["by_label"].casefold() not in CREDIT_BY_LABELS:
        return False
    if match["courtesy"]:
        return len(match["courtesy"].split()) <= MAX_CREDIT_WORDS
    return looks_like_credit(
        match["labelled"] or match["by"] or match["spaced"] or match["copyright"]
    )


def looks_like_credit(text: str) -> bool:
    """At most :data:`MAX_CREDIT_WORDS` words, split also at "/" and "|"
    ("Michael Kappeler/dpa"), each capitalised, a year, an initial, or one of
    :data:`CREDIT_WORDS` ("dpa", "picture alliance", "privat", "und"); no
    sentence punctuation, a period only after an initial or "Jr."."""
    words = re.sub(r"\s*([/|])\s*", r" \1 ", text).split()
    if not 1 <= len(words) <= MAX_CREDIT_WORDS:
        return False
    # A photo agency's contributor signs with a handle: "gargantiopa / Getty Images".
    handles = names_photo_source(text) and "/" in text
    for word in words:
        bare = word.rstrip(",;")
        if not bare:
            return False
        first = bare.split("-")[0].casefold()
        if bare.casefold() in CREDIT_WORDS or first in CREDIT_WORDS:
            continue
        if (INITIAL.fullmatch(bare) and bare[0].isupper()) or bare in NAME_ABBREVIATIONS:
            continue
        if bare in COMPANY_ABBREVIATIONS or re.fullmatch(r"(?:19|20)\d\d", bare):
            continue
        if handles and HANDLE.fullmatch(bare):
            continue
        if not NAME_WORD.fullmatch(bare) or not is_capital(bare[0]) or bare.endswith("."):
            return False
    return True


#: The abbreviations closing a company's name in a credit: "Sierra Nevada Corp.".
COMPANY_ABBREVIATIONS = frozenset({"Corp.", "Inc.", "Ltd.", "Co.", "Inc", "Ltd", "LLC", "GmbH"})

#: A stock photographer's user name: letters and digits, perhaps "_", "." or "-".
HANDLE = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def is_capital(char: str) -> bool:
    """Upper case, or a letter of a script without case (Chinese, Japanese,
    Korean, Arabic, Hebrew, Indic, Thai), where every name starts alike."""
    return char.isupper() or (char.isalpha() and char.upper() == char.lower())


#: Month names and their usual abbreviations in German, English, French,
#: Spanish and Italian (where two languages share a name, they agree on the month).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "januar jänner jan january janvier janv enero gennaio",
            "februar feber feb february février fevrier févr fevr febrero febbraio",
            "märz mär mrz march mar mars marzo",
            "april apr avril avr abril aprile",
            "mai may mayo maggio",
            "juni jun june juin junio giugno",
            "juli jul july juillet juil julio luglio",
            "august aug août aout agosto",
            "september sep sept septembre septiembre setiembre settembre",
            "oktober okt october oct octobre octubre ottobre",
            "november nov novembre noviembre",
            "dezember dez december dec décembre decembre déc diciembre dicembre",
        ),
        start=1,
    )
    for name in names.split()
}

#: Weekday names, which may stand before the date ("Montag, 12. März 2024").
WEEKDAYS = frozenset(
    {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend"}
    | {"sonntag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
    | {"sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
    | {"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado"}
    | {"domingo", "lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi"}
    | {"giovedì", "giovedi", "venerdì", "venerdi", "sabato", "domenica"}
)

#: Words right before a date: "den 12. März", "le 12 mars", "el 12 de marzo".
DATE_ARTICLES = frozenset({"den", "am", "le", "el", "il", "on"})

#: English weekdays as news pages shorten them before a date ("Tue., Nov. 19, 2019").
WEEKDAY_ABBREVIATIONS = frozenset(
    {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)

#: The date forms of a dateline: "12. März 2024", "12 March 2024", "1er mars
#: 2024", "12 de marzo de 2024", "March 12, 2024", "12.03.2024", "2024-03-12".
#: A month name is any word here, looked up in :data:`MONTHS` afterwards.
DATE_FORMS = (
    r"{day}(?:\.|er|st|nd|rd|th|º|°)?\s*(?:de\s+)?{month_name}\s*(?:del?\s+)?,?\s*{year}",
    r"{month_name}\s*{day}(?:st|nd|rd|th)?,?\s+{year}",
    r"{day}\.\s?{month}\.\s?{year}",
    r"{year}-{month}-{day}",
)


def numbered_date_form(form: str, number: int) -> str:
    """A :data:`DATE_FORMS` pattern with groups of its own (``day_0``…): one
    regular expression may not use a group name twice."""
    return form.format(
        day=rf"(?P<day_{number}>[0-3]?\d)",
        month=rf"(?P<month_{number}>[01]?\d)",
        month_name=rf"(?P<month_name_{number}>[^\W\d_]{{3,10}})\.?",
        year=rf"(?P<year_{number}>(?:19|20)\d\d)",
    )


#: Places before the date: up to three comma-separated groups of up to four
#: words each ("Kiew/Moskau", "Frankfurt am Main", "Washington, D.C.").
PLACE_WORD = r"[^\W\d_][\w'’.-]*"
PLACE = rf"{PLACE_WORD}(?:(?:\s+|\s*/\s*){PLACE_WORD}){{0,3}}"

#: Lower-case words inside place names ("Frankfurt am Main", "Rio de Janeiro").
PLACE_PARTICLES = frozenset(
    {"am", "an", "im", "in", "de", "del", "da", "do", "di", "sur", "upon", "on", "la", "le"}
)

#: A time after the date: "12.03.2024, 14:35 Uhr", "March 12, 2024 2:35 p.m. ET".
TIME = (
    r"\s*[,|–-]?\s*(?:um\s+|at\s+|à\s+|alle\s+|a\s+las\s+)?[0-2]?\d[:.h][0-5]\d"
    r"(?:\s*(?:Uhr|h|[ap]\.?\s?m\.?))?(?:\s+[A-Z]{2,4})?"
)

#: The labels of a page's time stamp, which stand where a dateline's places
#: would: "Stand: 12.03.2024 14:05 Uhr", "Aktualisiert am 12. März 2024",
#: "Updated: March 12, 2024", "Publié le 12 mars 2024", "First published on
#: Mon 4 Mar 2024", "Last modified on …".
DATE_LABEL = (
    r"stand|(?:zuletzt\s+)?aktualisiert|veröffentlicht|erstellt|erschienen"
    r"|(?:last\s+)?(?:updated|modified)|(?:first\s+)?published|posted"
    r"|mis\s+à\s+jour|publié|modifié|actualizado|publicado|aggiornato|pubblicato"
)

#: Places or a time stamp's label, then a weekday or article ("Montag",
#: "le"), then the date and a time.
DATELINE = re.compile(
    rf"(?:(?P<label>{DATE_LABEL})(?:\s+on)?\s*:?\s+"
    rf"|(?P<places>{PLACE}(?:\s*,\s*{PLACE}){{0,2}})\s*,\s*)?"
    r"(?:(?P<lead>[^\W\d_]+)\.?,?\s+)?"
    + "(?:"
    + "|".join(numbered_date_form(form, number) for number, form in enumerate(DATE_FORMS))
    + rf")(?:{TIME})?",
    re.IGNORECASE,
)


def parse_dateline(line: str) -> str:
    """The date of a dateline (:func:`is_dateline`) as a W3C date
    (YYYY-MM-DD); "" if ``line`` is no dateline or its day does not exist
    ("31.02.2024")."""
    match = match_dateline(line)
    return w3c_date(match) if match else ""


@functools.lru_cache(maxsize=LINE_CACHE)
def is_dateline(line: str) -> bool:
    """A line that is nothing but a date, perhaps after places and a weekday
    and before a time: "Berlin, 12. März 2024", "12.03.2024", "March 12,
    2024", "Kiew/Moskau, 5. August 2024", "Paris, le 12 mars 2024", "Madrid,
    12 de marzo de 2024", "Roma, 12 marzo 2024", "Montag, 12. März 2024, 14:35
    Uhr".

    A page's time stamp is one too: "Stand: 12.03.2024 14:05 Uhr",
    "Aktualisiert am 12. März 2024", "Updated: March 12, 2024"
    (:data:`DATE_LABEL`).

    Month names in German, English, French, Spanish and Italian
    (:data:`MONTHS`), or numbers as day.month.year (never month/day, which the
    US and Europe read differently). Each place starts with a capital, its
    other words capitalised or particles ("Frankfurt am Main"), and places end
    with a comma: "Wahl am 12. März 2024" is a title and "Seit dem 12. März
    2024 gilt…" a sentence. A mistyped day ("31.02.2024") still makes a
    dateline, without a date (:func:`parse_dateline`).
    """
    return match_dateline(line) is not None


DIGIT = re.compile(r"\d")


def match_dateline(line: str) -> re.Match[str] | None:
    """The :data:`DATELINE` match of a dateline (see :func:`is_dateline`)."""
    if DIGIT.search(line) is None:
        return None  # spares the pattern most lines
    match = DATELINE.fullmatch(line.strip())
    if match is None or not looks_like_places(match["places"] or ""):
        return None
    lead = (match["lead"] or "").casefold()
    if lead and lead not in WEEKDAYS | DATE_ARTICLES | WEEKDAY_ABBREVIATIONS:
        return None
    month_name = date_group(match, "month_name")
    if month_name and month_name.casefold() not in MONTHS:
        return None
    return match


def date_group(match: re.Match[str], name: str) -> str:
    """A group of whichever :data:`DATE_FORMS` pattern matched ("day", "month"…)."""
    return next(
        (
            value
            for key, value in match.groupdict().items()
            if value and key.rpartition("_")[0] == name
        ),
        "",
    )


def looks_like_places(places: str) -> bool:
    """Each comma-separated place starts with a capital, or is a weekday
    ("martes, 12 de marzo"); its other words are capitalised or
    :data:`PLACE_PARTICLES`."""
    for place in filter(None, (part.strip() for part in places.split(","))):
        first, *rest = re.split(r"\s+|\s*/\s*", place)
        if not (first[0].isupper() or (not rest and first.casefold() in WEEKDAYS)):
            return False
        if not all(word[0].isupper() or word in PLACE_PARTICLES for word in rest):
            return False
    return True


def w3c_date(match: re.Match[str]) -> str:
    """YYYY-MM-DD from a :func:`match_dateline` match, or "" if no such day exists."""
    month_name = date_group(match, "month_name")
    month = MONTHS[month_name.casefold()] if month_name else int(date_group(match, "month"))
    year, day = int(date_group(match, "year")), int(date_group(match, "day"))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


#: Labels of a line that points away from the text, to a video, a gallery,
#: a podcast, a live blog or another article ("Video: Merz in Paris",
#: "Lesen Sie auch: …", "Read more: …"), in the five languages, case-folded.
TEASER_LABELS = frozenset(
    label.casefold()
    for label in (
        "Video", "Videos", "Audio", "Podcast", "Bildergalerie", "Fotostrecke", "Fotogalerie",
        "Galerie", "Liveblog", "Live-Blog", "Livestream", "Lesen Sie auch", "Lesen Sie mehr",
        "Mehr zum Thema", "Zum Thema", "Auch interessant",
        "Watch", "Listen", "Gallery", "Slideshow", "Live", "Read more", "Read also",
        "Also read", "See also", "Related",
        "Vidéo", "Diaporama", "Lire aussi", "À lire aussi", "A lire aussi", "En direct",
        "Galería", "Lee también", "Leer más", "En directo", "Lea también",
        "Te puede interesar", "Voir aussi", "Galleria", "Leggi anche", "Leggi anche su",
        "Potrebbe interessarti", "Diretta", "See more", "Watch more", "Don't miss",
        "Don’t miss", "Read", "Related stories", "Related articles", "Recommended",
        # Portuguese, Dutch, Scandinavian, Polish, Czech, Turkish, Indonesian
        "Leia também", "Leia mais", "Veja também", "Saiba mais", "Lees ook", "Lees meer",
        "Läs också", "Läs mer", "Læs også", "Les også", "Czytaj też", "Czytaj także",
        "Zobacz też", "Zobacz także", "Čtěte také", "Přečtěte si také", "Čítajte aj",
        "İlgili haber", "İlgili haberler", "Baca juga", "Simak juga", "Lihat juga",
        # Russian, Ukrainian, Arabic, Chinese, Japanese, Korean
        "Читайте также", "Читайте також", "По теме", "Смотрите также", "اقرأ أيضا",
        "اقرأ أيضاً", "相关阅读", "延伸阅读", "相关新闻", "相關閱讀", "延伸閱讀", "関連記事",
        "あわせて読みたい", "関連", "관련기사", "관련 기사", "함께 보면 좋은 기사",
    )
)  # fmt: skip

#: "Label: what it points to", perhaps in brackets ("[Read: …]", "(Leggi
#: anche: …)"), or after a bar ("Lire aussi | …"), or "[Label] what": the
#: label is checked against :data:`TEASER_LABELS`.
TEASER = re.compile(
    r"[\[(]?\s*(?P<label>[^\W\d_][^:：|\]]{0,24}?)\s*[:：|]\s*\S.*"
    r"|[\[【]\s*(?P<bracketed>[^\]】]{1,24}?)\s*[\]】]\s*\S.*"
)


@functools.lru_cache(maxsize=LINE_CACHE)
def is_teaser_line(line: str) -> bool:
    """A line that points away from the text, as news pages set them
    between paragraphs: "Video: Merz und Macron in Paris", "Lesen Sie auch:
    Die Lage in Kursk", "Read more: …" (:data:`TEASER_LABELS`). What follows
    the label may read like a title, yet the line heads no section: it stays
    a paragraph, with all its words."""
    match = TEASER.fullmatch(line.strip())
    if match is None:
        return False
    label = " ".join((match["label"] or match["bracketed"]).split()).casefold()
    return label in TEASER_LABELS


def is_teaser_label(line: str) -> bool:
    """A teaser's label of two words or more alone on its line, over the
    link it leads to: "Leggi anche", "Read more:", "[Lesen Sie auch]". One
    word alone ("Live", "Watch") may be a wrapped line's last word."""
    bare = " ".join(line.split()).strip("[]()【】 ").rstrip(":：").strip()
    return " " in bare and bare.casefold() in TEASER_LABELS


#: The label of a note the editors set over or under the article, then its
#: text: "Editor's note: …", "Correction: …", "Update: …", "Anmerkung der
#: Redaktion: …", "Note de la rédaction : …", "Nota del editor: …".
EDITORS_NOTE = re.compile(
    r"(?:editor['’]?s['’]?\s+note|note\s+from\s+the\s+editors?|corrections?|clarification|update"
    r"|anmerkung\s+der\s+redaktion|hinweis\s+der\s+redaktion|korrektur"
    r"|transparenzhinweis|note\s+de\s+la\s+rédaction|rectificatif|nota\s+del\s+editor"
    r"|nota\s+de\s+la\s+redacción|fe\s+de\s+errores|nota\s+della\s+redazione"
    r"|nota\s+do\s+editor|nota\s+da\s+redação|correção)\s*[:：]\s*\S",
    re.IGNORECASE,
)


def is_editors_note(line: str) -> bool:
    """A note of the editors on the article (:data:`EDITORS_NOTE`): the
    article's text, never its title nor a heading, however short; unlike a
    credit (:func:`stands_alone`) it is prose, which a page break may cut."""
    return EDITORS_NOTE.match(line.strip()) is not None


@functools.lru_cache(maxsize=LINE_CACHE)
def stands_alone(line: str) -> bool:
    """A picture credit (:func:`is_credit_line`), a dateline
    (:func:`is_dateline`), a teaser (:func:`is_teaser_line`,
    :func:`is_teaser_label`) or a writer's role under the byline
    (:func:`is_role_line`): a paragraph of its own, neither a heading nor a
    title nor a piece of a paragraph split by a page break. All are short
    (:data:`MAX_STANDALONE_CHARS`), which spares a paragraph the tests."""
    return len(line) <= MAX_STANDALONE_CHARS and (
        is_credit_line(line)
        or is_dateline(line)
        or is_teaser_line(line)
        or is_teaser_label(line)
        or is_role_line(line)
    )


#: Nouns naming a writer's job as a page sets it under the byline
#: ("Transport correspondent", "Senior Reporter", "Film critic",
#: "Korrespondentin in Washington", "Envoyé spécial"), case-folded.
ROLE_NOUNS = frozenset((
    "correspondent", "reporter", "editor", "writer", "columnist", "journalist", "contributor",
    "commentator", "photographer", "critic",
    "korrespondent", "korrespondentin", "reporterin", "redakteur", "redakteurin",
    "journalistin", "kolumnist", "kolumnistin",
    "correspondant", "correspondante", "journaliste", "rédacteur", "rédactrice", "chroniqueur",
    "chroniqueuse", "envoyé", "envoyée",
    "corresponsal", "periodista", "redactor", "redactora", "columnista",
    "giornalista", "corrispondente", "inviato", "inviata", "redattore", "redattrice",
    "repórter", "correspondente", "jornalista", "colunista",
))  # fmt: skip

#: Words that make a role noun a phrase's ("Letters to the Editor", "Dear
#: Editor", "Ask a Reporter"), not a byline's: articles, prepositions,
#: possessives before it.
NOT_BEFORE_A_ROLE = frozenset((
    "the", "a", "an", "to", "from", "of", "for", "our", "my", "your", "dear", "ask",
    "der", "die", "das", "den", "dem", "ein", "eine", "le", "la", "les", "un", "une",
    "el", "los", "las", "una", "il", "lo", "gli", "o", "os", "as", "um", "uma",
))  # fmt: skip

#: What may follow the role: its place or desk after a preposition
#: ("…correspondent in Washington", "…at the BBC") or after a comma
#: ("Reporter, The Times").
ROLE_TAIL = re.compile(
    r"(?:,\s*|\s+(?:in|at|for|für|bei|à|en|a|em|de|da|di|del|du)\s+)(?P<rest>.+)"
)

#: What Romance languages set after the role noun: "Envoyé spécial",
#: "Rédacteur en chef", "Corresponsal permanente".
ROLE_QUALIFIER_AFTER = re.compile(
    r"^(?:spéciale?|especial|speciale|permanente?|en\s+chef|in\s+capo|jefe)\b\s*", re.IGNORECASE
)

#: A handle or an e-mail address alone, under the writer's name.
CONTACT_ALONE = re.compile(r"@\w{2,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

#: Words of a role line: the role and its qualifiers, then a short tail.
MAX_ROLE_WORDS = 4
MAX_ROLE_TAIL_WORDS = 4


@functools.lru_cache(maxsize=LINE_CACHE)
def is_role_line(line: str) -> bool:
    """A writer's role on its own line, as pages set it under the byline: up
    to :data:`MAX_ROLE_WORDS` words ending with a role noun
    (:data:`ROLE_NOUNS`: "Transport correspondent", "Senior Reporter"), none
    of them an article or a preposition (:data:`NOT_BEFORE_A_ROLE`: "Letters
    to the Editor" is a section), perhaps with its place or outlet after it
    (:data:`ROLE_TAIL`: "Korrespondentin in Washington", "Reporter, The
    Times"); or the writer's handle or e-mail address alone ("@janedoe")."""
    line = line.strip()
    if CONTACT_ALONE.fullmatch(line):
        return True
    words = line.split()
    for index, word in enumerate(words[:MAX_ROLE_WORDS]):
        if word.rstrip(",").casefold() not in ROLE_NOUNS:
            continue
        if any(before.casefold() in NOT_BEFORE_A_ROLE for before in words[:index]):
            return False
        after = ROLE_QUALIFIER_AFTER.sub("", " ".join(words[index + 1 :]), count=1)
        if not after:
            return not word.endswith(",")
        match = ROLE_TAIL.fullmatch(("," if word.endswith(",") else " ") + after)
        if match is None:
            return False
        rest = [w for w in match["rest"].split() if w.casefold() not in NOT_BEFORE_A_ROLE]
        return (
            0 < len(rest) <= MAX_ROLE_TAIL_WORDS
            and all(w[:1].isupper() for w in rest)
            and not rest[-1].endswith((".", "!", "?", ":", ";"))
        )
    return False


# --- bylines -----------------------------------------------------------------------

#: A byline is short; a longer line starting with "Von" is a sentence.
MAX_BYLINE_WORDS = 16


#: Labels of a byline ("Autor: X"), case-folded, in the languages the
#: readers know: German, English, French, Spanish, Italian, Portuguese,
#: Dutch, the Scandinavian languages, Polish, Czech, Slovak, Russian,
#: Ukrainian, Turkish, Indonesian, Chinese, Japanese, Korean, Arabic, Greek
#: ("Συντάκτης: X"), Hindi ("लेखक: X") and Thai ("ผู้เขียน: X").
BYLINE_LABELS = (
    "Autor", "Autorin", "Autoren", "Autorinnen", "Text", "Reporter", "Reporterin",
    "Author", "Authors", "Writer", "Words", "Reporting",
    "Auteur", "Auteure", "Auteurs", "Autrice", "Texte",
    "Autora", "Autores", "Texto", "Autore", "Autori", "Testo",
    "Tekst", "Författare", "Forfatter", "Autorka", "Autorzy", "Autoři", "Autori",
    "Автор", "Авторы", "Автори", "Авторка", "Текст",
    "Yazar", "Yazan", "Penulis", "Pewarta", "Wartawan",
    "作者", "记者", "記者", "撰文", "文", "筆者", "著者", "글", "الكاتب", "كتب",
    "Συντάκτης", "Συντάκτρια", "Κείμενο", "लेखक", "लेखिका", "ผู้เขียน",
)  # fmt: skip

#: "Label: names": "Autor: X", "Auteur : X" (the French space before the
#: colon), "作者：X" (a full-width colon), "文/X" (a slash after a Chinese label).
BYLINE_LABEL = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, BYLINE_LABELS), key=len, reverse=True)) + ")"
    r"\s*(?::|：|(?<=[文者])\s*[/／])\s*(?P<names>.+)",
    re.IGNORECASE,
)

#: "Preposition names": "Von X", "By X", "Reporting by X", "Par X", "Por X", "Di X", "Door X",
#: "Av X", "Af X", "Oleh X", "بقلم X", Hebrew "מאת X", Hindi "द्वारा X", Thai
#: "โดย X", Greek "Γράφει ο X", "记者 X", "本报记者 X" (the paper's own
#: reporter), "Publicado por: X" (a colon may follow: "By: Jane Roe").
BYLINE_PREPOSITION = re.compile(
    r"(?:Von|By|Written by|Reported by|Words by|(?:Analysis|Commentary|Opinion|Review|Story"
    r"|Reporting|Interview|Text and photos|Words and pictures) by"
    r"|Par|Écrit par|Por|Escrito por|Di|Scritto da|Text von|Ein Beitrag von"
    r"|Geschrieben von|Door|Av|Af|Skrevet af|Skrevet av|Oleh|Publicado por|Publicada por"
    r"|Pubblicato da|Publié par|Posted by|Reportagem de|Texto de|بقلم|كتب|מאת|द्वारा|โดย"
    r"|Γράφει [οη]|Γράφει|记者|記者|本报记者|本報記者|撰文)"
    r"\s*:?\s+(?P<names>.+)",
    re.IGNORECASE,
)

#: Korean titles of who wrote a piece: reporter, correspondent, columnist,
#: critic, editorial writer.
KOREAN_WRITER_TITLES = "기자|특파원|칼럼니스트|평론가|논설위원|편집위원"

#: "Names suffix", as Korean, Japanese and Chinese bylines put the title
#: after the name: "홍길동 기자", "정덕현 칼럼니스트", "山田太郎記者", "李华 特派员".
BYLINE_SUFFIX = re.compile(
    rf"(?P<names>\S.*?)\s*(?:{KOREAN_WRITER_TITLES}|記者|特派員|记者|特派员|通讯员|通訊員)"
)

#: A Korean title before the name, as columns sign: "칼럼니스트 박생강"; the
#: name is one word of two to four syllables, so no sentence reads as one.
BYLINE_TITLE_FIRST = re.compile(rf"(?:{KOREAN_WRITER_TITLES})\s+(?P<names>[가-힣]{{2,4}})")

#: "Reporter names／place report", as Taiwan's papers sign: "記者陳怡君／台北報導",
#: "記者陳怡君、林志明／綜合報導"; the place (or "綜合", "即時") is not a name.
BYLINE_REPORT = re.compile(
    r"[记記]者\s*(?P<names>[^\s／/][^／/]*?)\s*[／/]\s*[^\s／/]{0,16}?(?:報導|报道|報道)"
)

#: "And" between two names, in the languages of :data:`BYLINE_LABELS`.
NAME_AND = r"und|and|et|y|e|&|en|och|og|i|a|и|і|ve|dan"

#: "And" in a byline set in capitals ("BY JANE DOE AND JOHN ROE"); the
#: one-letter ones ("Y", "E", "I", "A") would be initials there.
NAME_AND_CAPITALS = r"AND|UND|ET|EN|OCH|OG|VE|DAN|И"

#: Between two names: "and" (:data:`NAME_AND`, :data:`NAME_AND_CAPITALS`) or
#: a comma (with an optional "and" after it, the Oxford comma); "、", "，",
#: "·" or "・" in Chinese, Japanese and Korean, "和" or "与" between Chinese
#: names, and Arabic "و", written onto the next name.
NAME_SEPARATOR = re.compile(
    rf"\s*,\s*(?:(?:{NAME_AND})\s+)?|\s+(?:{NAME_AND}|{NAME_AND_CAPITALS})\s+|\s*[、，·・]\s*"
    r"|(?<=[\u4e00-\u9fff])[和与](?=[\u4e00-\u9fff])|\s+و(?=\S)"
)

#: Lower-case words that belong inside names ("Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"von", "vom", "van", "der", "den", "de", "du", "des", "da", "di", "del", "della", "dei"}
    | {"la", "le", "ten", "ter", "zu", "bin", "ibn", "al", "el", "dos", "das"}
)


#: Between two agencies: "dpa/AFP", "dpa, AFP", "dpa und AFP", "AP & Reuters".
AGENCY_SEPARATOR = re.compile(r"\s*[/,&]\s*|\s+(?:und|and|et|y|e)\s+", re.IGNORECASE)

#: Where a byline's agency starts: a comma, a slash, a bar or a spaced dash
#: ("Von Anna Schmidt, dpa", "By Jane Doe / Reuters"), or a parenthesis
#: ("Von Anna Schmidt (dpa)").
AGENCY_TAIL = re.compile(r"\s*[,/|]\s*|\s+[-–—]\s+|\s*\(\s*")

#: A bare agency line: "dpa", "(dpa)", "[AFP]", "dpa/AFP", "(mit Material von
#: dpa)", "with reporting from Reuters".
AGENCY_CREDIT = re.compile(
    r"(?P<open>[(\[])?\s*"
    r"(?:(?:mit\s+Material\s+(?:von|der)|mit|with\s+(?:material|reporting)\s+(?:from|by)"
    r"|with|avec|con)\s+)?"
    r"(?P<agencies>[^()\[\]]+?)\s*(?(open)[)\]])",
    re.IGNORECASE,
)


#: A writer's handle in brackets after the name: "Molly Wood (@mollywood)".
HANDLE_IN_BRACKETS = r"\(@?\w+\)"

#: A handle after a name in a byline, with its "@": "By Jane Roe (@janeroe)";
#: "(Reuters)" there names the agency.
NAME_HANDLE = re.compile(r"\s*\(@\w+\)")

#: Where a byline's names end though the line goes on: the outlet the
#: writer wrote for ("By JANE ROE FOR MAILONLINE").
NAMES_END = re.compile(r"\s+for\s+(?:the\s+)?(?=\S)", re.IGNORECASE)


def without_outlet(names: str) -> str:
    """A byline's names without the outlet written for (:data:`NAMES_END`):
    after a full name of two words or more, a capitalised outlet ("Jane Roe
    for The Guardian"); "By Monday for sure" names no one."""
    match = NAMES_END.search(names)
    if match is None:
        return names
    head, outlet = names[: match.start()], names[match.end() :]
    return head if len(head.split()) >= 2 and is_capital(outlet[0]) else names


@dataclass(frozen=True, slots=True)
class Byline:
    """What a byline names: the persons who wrote the text and the agencies
    it came from (a byline may name either or both)."""

    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


def parse_authors(line: str) -> tuple[str, ...] | None:
    """The authors a byline names, or ``None`` if ``line`` is not a byline.

    A byline is a label ("Autor:", "Author:", "Text:", "Auteur :", "Autore:"…)
    or a preposition ("Von", "By", "Par", "Por", "Di") followed by names
    separated by commas, "und"/"and"/"et"/"y"/"e" or "&". Each name must
    look like a name, which guards against sentences such as "Von Montag an
    galt…": one to five words, each capitalised, an initial ("H."), or a
    particle inside the name ("von", "de"); a period only after an initial or
    "Jr."/"Dr.". The whole line is at most :data:`MAX_BYLINE_WORDS` words.

    This knows nothing of news agencies ("By Jane Doe, Reuters" names two
    persons here); :func:`parse_byline` does.
    """
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    match = byline_match(line)
    if match is None:
        return None
    return parse_names(match["names"])


def byline_match(line: str) -> re.Match[str] | None:
    """The match of a byline's label, preposition, title after or before the
    name, or Taiwan's "記者X／台北報導" (:data:`BYLINE_REPORT`), with its
    ``names`` group."""
    line = line.strip()
    return (
        BYLINE_LABEL.fullmatch(line)
        or BYLINE_PREPOSITION.fullmatch(line)
        or BYLINE_SUFFIX.fullmatch(line)
        or BYLINE_TITLE_FIRST.fullmatch(line)
        or BYLINE_REPORT.fullmatch(line)
    )


def parse_names(text: str) -> tuple[str, ...] | None:
    """Names separated as in a byline (see :func:`parse_authors`), without
    the job titles that follow them (:func:`without_job_titles`), or ``None``
    if any part does not look like a name."""
    text = text.strip()
    parts = [name.strip() for name in NAME_SEPARATOR.split(text)]
    if is_place_or_outlet_after_names(parts, NAME_SEPARATOR.findall(text)):
        parts = parts[:-1]
    names = without_job_titles(parts)
    if not names or not all(looks_like_name(name) for name in names):
        return None
    return tuple(name_from_capitals(name) for name in names)


#: The particles a name writes in lower case, restored in a name set in
#: capitals; "Le", "La", "El", "Al", "Bin" are often capitalised ("Marine
#: Le Pen") and stay so.
LOWER_CASE_PARTICLES = NAME_PARTICLES - {"la", "le", "el", "al", "bin", "ibn"}

#: A letter run of a name, between spaces, hyphens, apostrophes and periods.
NAME_LETTERS = re.compile(r"[^\W\d_]+")


def name_from_capitals(name: str) -> str:
    """A name a byline sets in capitals as the name is written: "JANE DOE"
    → "Jane Doe", "MARY-JANE O'NEIL" → "Mary-Jane O'Neil", "J.R.R. TOLKIEN"
    → "J.R.R. Tolkien", "URSULA VON DER LEYEN" → "Ursula von der Leyen"
    (:data:`LOWER_CASE_PARTICLES`), "MARINE LE PEN" → "Marine Le Pen",
    "MCDONALD" → "McDonald". A name in mixed case is left as it is, and so
    is one word in capitals, an agency's or a station's ("PTI", "KWCH")
    rather than a person's."""
    if not name.isupper() or CJK.search(name) or len(name.split()) < 2:
        return name
    words = NAME_LETTERS.sub(lambda run: run[0][0] + run[0][1:].lower(), name).split()
    for position, word in enumerate(words):
        if 0 < position < len(words) - 1 and word.lower() in LOWER_CASE_PARTICLES:
            words[position] = word.lower()
        elif word.startswith("Mc") and len(word) > 3:
            words[position] = "Mc" + word[2].upper() + word[3:]
    return " ".join(words)


def is_place_or_outlet_after_names(parts: list[str], separators: list[str]) -> bool:
    """Whether the last of a byline's ``parts`` is a place, an outlet or a
    degree, not a person: one word after a comma, behind a full name ("Von
    Anna Schmidt, Berlin", "By Jane Roe, CNN", "Jane Roe, PhD"), capitalised
    (a sentence goes on in lower case: "Von Anna Schmidt, dpa."). A last
    name joined by "and" is a person ("By Jane Roe and Li")."""
    return (
        len(parts) > 1
        and separators[-1].strip() == ","
        and len(parts[-1].split()) == 1
        and is_capital(parts[-1][0])
        and not CJK.match(parts[-1])
        and any(len(part.split()) > 1 for part in parts[:-1])
    )


#: The nouns that end a job title: "Staff Writer", "AP Auto Writer",
#: "Senior Correspondent", "Redakteur", "corresponsal".
JOB_TITLE_NOUNS = frozenset(
    {"writer", "reporter", "editor", "correspondent", "columnist", "contributor", "producer"}
    | {"analyst", "critic", "intern", "staff", "redakteur", "redakteurin"}
    | {"korrespondent", "korrespondentin", "correspondant", "correspondante", "journaliste"}
    | {"rédacteur", "rédactrice", "corresponsal", "periodista", "redactor", "redactora"}
    | {"giornalista", "inviato", "inviata", "corrispondente", "repórter", "correspondente"}
    | {"jornalista", "redacteur", "verslaggever", "журналист", "корреспондент"}
    | {"journalist", "journalistin", "envoyé", "envoyée", "chroniqueur", "chroniqueuse"}
    | {"kolumnist", "kolumnistin", "cronista", "colunista"}
)


def without_job_titles(names: list[str]) -> tuple[str, ...]:
    """A byline's names without the job titles and outlets after them: from
    a part after a comma that is one (:func:`is_affiliation`: "Jane Roe, Staff
    Writer", "Tom Krisher, AP Auto Writer", "Juan Pérez, corresponsal en
    Bruselas"), and a title run onto the last name ("Meg James Staff
    Writer"): words ending in a job noun (:data:`JOB_TITLE_NOUNS`), with the
    affiliation words and acronyms before it, while two words of the name
    stay."""
    ends = [index for index, name in enumerate(names) if index and is_affiliation(name)]
    kept = names[: ends[0]] if ends else list(names)
    if kept:
        words = kept[-1].split()
        if len(words) > 2 and words[-1].casefold() in JOB_TITLE_NOUNS:
            while len(words) > 2 and (
                words[-1].casefold().strip(".,") in AFFILIATION_WORDS
                or (words[-1].isupper() and len(words[-1]) <= 4)
            ):
                words.pop()
            kept[-1] = " ".join(words)
    return tuple(kept)


def looks_like_name(name: str) -> bool:
    """One to five capitalised words, initials or name particles (see :func:`parse_authors`)."""
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    for position, word in enumerate(words):
        if word.lower() in NAME_PARTICLES and 0 < position < len(words) - 1:
            continue
        if position and PARTICLE_PREFIX.fullmatch(word):
            continue  # "al-Baghdadi", "d'Alembert"
        if INITIAL.fullmatch(word) and word[0].isupper():
            continue
        if not NAME_WORD.fullmatch(word) or not is_capital(word[0]):
            return False
        if word.endswith(".") and word not in NAME_ABBREVIATIONS:
            return False
        if CJK.match(word) and len(word) > MAX_CJK_NAME_CHARS:
            return False  # a Chinese, Japanese or Korean name is short; this is a phrase
    return True


#: Chinese, Japanese (kana) and Korean letters, which write names without
#: spaces, and full-width punctuation.
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")

#: The longest name written in those scripts without a space (Japanese
#: names in kanji and kana reach six).
MAX_CJK_NAME_CHARS = 6


#: Words of a job title or an outlet after a name ("AP Auto Writer", "CNN
#: Editor-at-large", "Sputnik International"), case-folded.
AFFILIATION_WORDS = JOB_TITLE_NOUNS | frozenset(
    {"news", "business", "international", "press"}
    | {"magazine", "times", "post", "journal", "daily", "senior", "chief", "political"}
    | {"national", "security", "sports", "auto", "science", "health", "tech", "large"}
    | {"stories", "articles", "posts", "recent", "latest", "profile", "agency", "association"}
    | {"institute", "university", "ministry", "department", "office", "council", "committee"}
    | {"foundation", "team", "desk", "newsroom", "editors", "editorial", "bureau", "wire"}
    | {"services", "media", "group", "company", "inc", "ltd", "llc", "gmbh"}
    | {"bio", "view", "all", "full", "more", "read"}
    # links beside a byline to pages about the author ("Biography", "Website")
    | {"biography", "biographie", "biografie", "biografia", "biografía", "homepage", "website"}
)

#: A possessive inside a name: "Ryan Reed's Most Recent Stories".
POSSESSIVE = re.compile(r"\w['’]s\b")


def clean_author(text: str) -> tuple[str, ...]:
    """The persons a metadata author field names, as they would be printed:
    a byline's label or preposition and trailing agency go ("By Jane Doe,
    Reuters"), so do a job title or outlet after a comma or period ("Tom
    Krisher, AP Auto Writer", "Finian Cunningham. Sputnik International",
    "Victor Tangermann, Futurism"), names in capitals get their case ("TOM
    KRISHER" is "Tom Krisher"), and what is left must look like a person's
    name (:func:`looks_like_name`), else it is no person ("Staff", an office)."""
    text = " ".join(text.split())
    byline = parse_byline(text) or parse_byline(f"By {text}")
    candidates = byline.authors if byline and byline.authors else (text,)
    if not (byline and byline.authors):
        head = re.split(r"\s*[,.;|]\s+|\s+[-–—]\s+", text, maxsplit=1)[0]
        candidates = (head,)
    names: list[str] = []
    for index, name in enumerate(candidates):
        if index and (is_affiliation(name) or (len(name.split()) == 1 < len(names[0].split()))):
            continue  # "Jane Doe, CNN": the outlet after a full name
        name = re.split(r"(?<=\w\w)\.\s+(?=[A-Z])", name, maxsplit=1)[0]  # "Name. Outlet"
        if len(name.split()) == 1 and name.isupper():
            continue  # an acronym ("PMJS"), an office, not a person
        label = len(name.split()) == 1 and byline_match(f"{name} Jane Doe") is not None
        if parse_agencies(name) or label or POSSESSIVE.search(name):
            continue  # an agency, a byline's label alone ("By"), "Jane Roe's stories"
        name = name_case(name)
        if looks_like_name(name) and not is_affiliation(name):
            names.append(name)
    return tuple(names)


def is_affiliation(text: str) -> bool:
    """A job title or outlet rather than a person: one word after a name
    ("Futurism"), or words of :data:`AFFILIATION_WORDS` ("AP National
    Political Writer", "CNN Business")."""
    words = re.split(r"[\s-]+", text)
    return any(word.casefold().strip(".,") in AFFILIATION_WORDS for word in words)


def name_case(name: str) -> str:
    """A name written in capitals in its usual case: "TOM KRISHER" is "Tom
    Krisher", "O'NEIL" "O'Neil"; a name in mixed case stays as it is."""
    letters = [char for char in name if char.isalpha()]
    if len(letters) < 4 or not all(char.isupper() for char in letters if char.isalpha()):
        return name
    if any(char.lower() == char.upper() for char in letters):
        return name  # a script without case
    return " ".join(part.title() if len(part) > 2 else part for part in name.split())


def parse_agencies(text: str) -> tuple[str, ...] | None:
    """The agencies ``text`` names, as written, if it names nothing but known
    agencies (:data:`NEWS_AGENCIES`) separated by "/", ",", "&" or a
    conjunction; else ``None``."""
    parts = tuple(part.strip() for part in AGENCY_SEPARATOR.split(text.strip()))
    if not parts or not all(part.casefold() in NEWS_AGENCIES for part in parts):
        return None
    return tuple(dict.fromkeys(parts))


#: An e-mail address closing a byline: "홍길동 기자 hong@yna.co.kr".
TRAILING_EMAIL = re.compile(r"[\s,;]*[(<\[]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>\]]?\s*$")


@functools.lru_cache(maxsize=LINE_CACHE)
def parse_byline(line: str) -> Byline | None:
    """The persons and agencies a byline names, or ``None`` if ``line`` is
    not a byline.

    A byline as :func:`parse_authors` reads it, whose names may end with the
    agencies that distributed the text: after a comma, a slash, a bar or a
    spaced dash, or in parentheses – "Von Anna Schmidt, dpa", "Von Anna
    Schmidt und Tom Berg, AFP", "By Jane Doe, Reuters", "Par Jean Dupont, AFP",
    "Von Anna Schmidt (dpa)". The agencies must be known ones
    (:data:`NEWS_AGENCIES`), so "Von Berlin, der Hauptstadt, …" stays a
    sentence; the persons must look like names as before. A byline naming
    only agencies ("By Reuters", "Von dpa") has no authors. Without a label
    or preposition, a job title or an agency after the names makes a
    byline too (:func:`signed_with_title`). An e-mail address may close it,
    as Korean papers sign: "홍길동 기자 hong@yna.co.kr"; a semicolon ends it
    before others' credits ("Reporting by Jane Roe; Editing by Tom Berg");
    a handle after a name ("(@janeroe)") and the outlet written for ("By
    Jane Roe for MailOnline", :data:`NAMES_END`) are no part of the names.
    """
    line = TRAILING_EMAIL.sub("", line).split(";", 1)[0]  # "; Editing by …" credits others
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    match = byline_match(line)
    if match is None:
        return signed_with_title(line)
    text = without_outlet(NAME_HANDLE.sub("", match["names"]).strip())
    agencies = parse_agencies(text)
    if agencies:
        return Byline((), agencies)
    for tail in AGENCY_TAIL.finditer(text):
        rest = text[tail.end() :]
        if "(" in tail.group():
            if not rest.endswith(")"):
                continue
            rest = rest[:-1]
        agencies = parse_agencies(rest)
        if agencies is None:
            continue
        names = parse_names(text[: tail.start()])
        return Byline(names, agencies) if names else None
    names = parse_names(text)
    return Byline(names) if names else None


def signed_with_title(line: str) -> Byline | None:
    """A byline without a label or preposition, which what follows the
    names' last comma marks: a job title ("Tom Krisher, AP Auto Writer",
    :func:`is_job_title`) or known agencies ("Meg Kinnard and Errin Haines,
    Associated Press"). Each name has two words or more (or is written in
    Chinese, Japanese or Korean) and opens without an article: "Paris, AFP"
    is a dateline, "Der Bericht, die Redakteurin" a phrase."""
    parted = TITLE_SEPARATOR.split(line.strip())
    if len(parted) < 2:
        return None
    head, tail = line.strip()[: -len(parted[-1])].rstrip(" ,|-–—"), parted[-1]
    agencies = parse_agencies(tail.strip())
    if agencies is None and not is_job_title(tail):
        return None
    names = parse_names(head)
    if not names or any(
        (len(name.split()) < 2 and not CJK.match(name)) or name.split()[0].casefold() in ARTICLES
        for name in names
    ):
        return None
    return Byline(names, agencies or ())


#: Between a byline's names and the job title or agency after them: "Tom
#: Krisher, AP Auto Writer", "Jane Roe | Staff Writer", "Jane Roe – Reuters".
TITLE_SEPARATOR = re.compile(r"\s*[,|]\s*|\s+[-–—]\s+")


#: Articles, which open capitalised phrases but no name ("Der Bericht").
ARTICLES = frozenset(
    {"the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une"}
    | {"el", "los", "las", "il", "lo", "gli", "os", "het", "een"}
)


#: A job title is a few words: "AP National Political Writer".
MAX_JOB_TITLE_WORDS = 6


def is_job_title(text: str) -> bool:
    """A few words ending in a job's noun (:data:`JOB_TITLE_NOUNS`): "Staff
    Writer", "AP Auto Writer", "CNN Editor-at-large"."""
    words = text.split()
    if not 1 <= len(words) <= MAX_JOB_TITLE_WORDS:
        return False
    last = words[-1].casefold().strip(".")
    return last in JOB_TITLE_NOUNS or last.split("-")[0] in JOB_TITLE_NOUNS


#: A note about the writer opens with the name, perhaps a handle, and says
#: what they are: "Dallas Robinson is a freelance writer living in
#: Minneapolis", "Molly Wood (@mollywood) is an Ideas contributor at WIRED",
#: "Anna Schmidt ist Redakteurin im Ressort Politik", "Claire Martin est
#: journaliste au Monde".
WRITER_NOTE = re.compile(
    rf"(?P<name>[^()@,:;]+?)\s+(?:{HANDLE_IN_BRACKETS}\s+)?"
    r"(?:is|was|has\s+been|ist|war|est|es|è|é)\s+"
    r"(?:(?:an?|the|ein|eine|un|une|uno|una|um|uma)\s+)?(?P<title>.*)",
    re.IGNORECASE,
)

#: The job's noun comes within this many words: "a freelance writer", "an
#: Ideas contributor", "a senior staff writer".
MAX_NOTE_TITLE_WORDS = 4


#: A note about the writer is a few sentences; a longer block is prose.
MAX_WRITER_NOTE_WORDS = 60


def writer_of_note(text: str) -> str | None:
    """The writer a note about them names (:data:`WRITER_NOTE`): a name of
    two words or more (:func:`looks_like_name`) opening a short block
    (:data:`MAX_WRITER_NOTE_WORDS`), then "is a" and a job's noun within a
    few words (:data:`JOB_TITLE_NOUNS`). "Mike Wall is a great read" and
    "The Times is a newspaper" name no writer."""
    text = " ".join(text.split())
    if len(text.split()) > MAX_WRITER_NOTE_WORDS:
        return None
    match = WRITER_NOTE.match(text)
    if match is None:
        return None
    name = match["name"]
    title: list[str] = []
    for word in match["title"].split()[:MAX_NOTE_TITLE_WORDS]:
        title.append(word.casefold().strip(".,;:").split("-")[0])
        if word[-1] in ".,;:":
            break  # the title's phrase ends here
    if not JOB_TITLE_NOUNS.intersection(title):
        return None
    if len(name.split()) < 2 or name.split()[0].casefold() in ARTICLES:
        return None
    return name if looks_like_name(name) else None


def parse_agency_credit(line: str) -> tuple[str, ...] | None:
    """The agencies of a bare agency line, or ``None``.

    News texts that carry no person's byline end with the agencies they came
    from: "dpa", "(dpa)", "[AFP]", "dpa/AFP", "(AFP/Reuters)", "(mit Material
    von dpa)", "with reporting from Reuters". Only known agencies count
    (:func:`parse_agencies`): "(lh/dpa)" with an editor's initials is text.
    """
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    match = AGENCY_CREDIT.fullmatch(line.strip())
    return parse_agencies(match["agencies"]) if match else None
