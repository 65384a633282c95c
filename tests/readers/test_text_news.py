"""The plain-text reader and news conventions: picture credits, agency
bylines and datelines; one table per rule, then one article end to end."""

from __future__ import annotations

import pytest
from support.words import missing_in_order, words

from exporter.api import read as api_read
from exporter.diagnostics import Outcome
from exporter.model import Heading, ListBlock, Paragraph, SceneBreak, plain_text
from exporter.news import (
    Byline,
    is_credit_line,
    is_dateline,
    is_editors_note,
    is_role_line,
    is_teaser_label,
    is_teaser_line,
    name_from_capitals,
    parse_agency_credit,
    parse_authors,
    parse_byline,
    parse_dateline,
    stands_alone,
    writer_of_note,
)
from exporter.options import Options
from exporter.readers.text import (
    RawBlock,
    TextChunk,
    detect_title_line,
    extract_byline,
    is_heading_line,
    join_page_break_splits,
    read,
)
from exporter.source import Source

BODY = "Dies ist ein Absatz mit genug Text, um als Fließtext zu gelten."


def read_text(text: str) -> Outcome:
    return read(Source(text.encode("utf-8"), "input.txt"))


def texts(outcome: Outcome) -> list[tuple[str, str]]:
    """(kind, text) per block: what a reader sees in the outline."""
    result = []
    for block in outcome.document.blocks:
        match block:
            case Heading(level, children):
                result.append((f"h{level}", plain_text(children)))
            case Paragraph(children):
                result.append(("p", plain_text(children)))
            case ListBlock(items, ordered):
                kind = "ol" if ordered else "ul"
                result.extend((kind, plain_text(item.blocks[0].children)) for item in items)
            case SceneBreak():
                result.append(("hr", ""))
    return result


def codes(outcome: Outcome) -> list[str]:
    return [diagnostic.code for diagnostic in outcome.diagnostics]


# --- picture credits ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Foto: dpa",
        "Foto: Michael Kappeler/dpa",
        "FOTO: DPA",
        "Fotos: Anna Muster und Tom Berg",
        "Bild: Reuters",
        "Foto: picture alliance / dpa",
        "(Foto: picture alliance / dpa)",
        "[Foto: imago images]",
        "Foto: privat",
        "Grafik: dpa-infografik",
        "Foto/Grafik: dpa",
        "Quelle: AFP",
        "Symbolbild: Jens Büttner/dpa-Zentralbild",
        "Photo: AP Photo/Evan Vucci",
        "Image: Getty Images",
        "Credit: Jane Doe",
        "Photograph: Jane Doe/The Guardian",
        "Photo by Jane Doe on Unsplash",
        "© Reuters",
        "© 2024 Jane Doe",
        "Copyright: Keystone-SDA",
        "Photo : AFP",  # French space before the colon
        "Crédit photo : Jean Dupont",
        "Crédits : AFP",
        "Fotografía: EFE",
        "Foto de Juan Pérez",
        "Fuente: Europa Press",
        "Immagine: Mario Rossi",
        "Foto di Mario Rossi",
        "Fonte: ANSA",
        "Foto: Catherine H.",  # an initial's period
        # a caption that ends with its credit
        "Kim Jong Un in Pjöngjang. Foto: KCNA/dpa",
        "Kim Jong Un in Pjöngjang (Foto: KCNA/dpa)",
        "Kim Jong Un in Pjöngjang | Bild: Reuters",
    ],
)
def test_is_credit_line(line: str) -> None:
    assert is_credit_line(line)
    assert not is_heading_line(line)
    assert not is_heading_line(line, 20, 160)  # nor a title


@pytest.mark.parametrize(
    "line",
    [
        "Foto-Streit im Bundestag",  # the label is part of a word
        "Bilder einer Ausstellung",
        "Quelle der Macht",
        "Video: So lief der Gipfel",  # a sentence after the label, not a source
        "Grafik: Die Lage in Kursk",
        "Das Bild: ein Rätsel",  # the label is not the first word
        "Foto de familia en Bruselas",
        "Image by image: a history",
        "Written by Jane Doe",  # a byline, not a credit
        "Heldenstatus",
        "Foto: Das war ein Fehler.",
        "Foto: " + " ".join(["Anna Muster"] * 6),  # longer than a credit
        "Wir sahen das Bild. Es war schön",  # a sentence end, no credit after it
        "Image: seals on the sandbank",  # small words only with a photo source's handle
    ],
)
def test_is_credit_line_rejects_headings_and_sentences(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    "line", ["Foto-Streit im Bundestag", "Bilder einer Ausstellung", "Videobeweis im Fußball"]
)
def test_headings_that_start_like_credits_stay_headings(line: str) -> None:
    assert texts(read_text(f"{BODY}\n\n{line}\n\n{BODY}")) == [
        ("p", BODY),
        ("h2", line),
        ("p", BODY),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Video: So lief der Gipfel",
        "Video: Merz und Macron in Paris",
        "Lesen Sie auch: Die Lage in Kursk",
        "Mehr zum Thema: Nordkoreas Truppen",
        "Read more: How the talks failed",
        "Lire aussi : La situation à Koursk",
        "Podcast: Der Krieg und wir",
    ],
)
def test_a_teaser_line_is_a_paragraph_with_all_its_words_not_a_heading(line: str) -> None:
    assert is_teaser_line(line)
    assert texts(read_text(f"{BODY}\n\n{line}\n\n{BODY}")) == [
        ("p", BODY),
        ("p", line),
        ("p", BODY),
    ]


@pytest.mark.parametrize(
    "line", ["Interview: Was jetzt?", "Videobeweis: Was er taugt", "Live und in Farbe", "Video"]
)
def test_lines_that_only_start_like_teasers_are_not_teasers(line: str) -> None:
    assert not is_teaser_line(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # between paragraphs: a paragraph of its own, every word kept
        (f"{BODY}\n\nFoto: dpa\n\n{BODY}", [("p", BODY), ("p", "Foto: dpa"), ("p", BODY)]),
        (
            f"{BODY}\n\n(Foto: picture alliance / dpa)\n\n{BODY}",
            [("p", BODY), ("p", "(Foto: picture alliance / dpa)"), ("p", BODY)],
        ),
        # under a heading: the heading stays one, looking past the credit
        (
            f"{BODY}\n\nZwischentitel\n\nFoto: Michael Kappeler/dpa\n\n{BODY}",
            [
                ("p", BODY),
                ("h2", "Zwischentitel"),
                ("p", "Foto: Michael Kappeler/dpa"),
                ("p", BODY),
            ],
        ),
        # but not to text in lower case, which continues the line above
        (
            f"{BODY}\n\nDie Entwicklung dürfte\n\nFoto: dpa\n\nnoch lange nachwirken.",
            [
                ("p", BODY),
                ("p", "Die Entwicklung dürfte"),
                ("p", "Foto: dpa"),
                ("p", "noch lange nachwirken."),
            ],
        ),
        # a heading over nothing but a credit is no heading
        (
            f"{BODY}\n\nZwischentitel\n\nFoto: dpa",
            [("p", BODY), ("p", "Zwischentitel"), ("p", "Foto: dpa")],
        ),
        # above the headline: the credit stays, the headline is the title
        (f"Foto: dpa\n\nDer Titel\n\n{BODY}", [("p", "Foto: dpa"), ("p", BODY)]),
    ],
)
def test_credit_lines_are_paragraphs(text: str, expected: list[tuple[str, str]]) -> None:
    assert texts(read_text(text)) == expected


def test_credit_line_is_not_the_title() -> None:
    blocks = [RawBlock(("Foto: dpa",)), RawBlock(("Der Titel",)), RawBlock((BODY,))]
    assert detect_title_line(blocks) == ([blocks[0], blocks[2]], "Der Titel")
    assert detect_title_line([blocks[0], blocks[2]]) == ([blocks[0], blocks[2]], "")


LONG_UNFINISHED = (
    "Die ukrainische Führung hatte immer wieder auf die Präsenz in den Grenzregionen "
    "hingewiesen. Diese Entwicklung dürfte"
)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a credit ends without a period, but no sentence runs on into the text
        ("Foto: dpa", "Die Regierung in Berlin hat am Montag beschlossen, was sie wollte."),
        ("Foto: dpa", "die Regierung in Berlin hat am Montag beschlossen, was sie wollte."),
        # nor does a paragraph run on into a credit
        (LONG_UNFINISHED, "Foto: Michael Kappeler/dpa"),
        (LONG_UNFINISHED, "Berlin, 12. März 2024"),
        ("Berlin, 12. März 2024", "Die Regierung in Berlin hat am Montag beschlossen."),
    ],
)
def test_credits_and_datelines_are_not_joined_across_page_breaks(first: str, second: str) -> None:
    chunks = [TextChunk((first,), True), TextChunk((second,), True)]
    assert join_page_break_splits(chunks, frozenset(), []) == (chunks, [])


# --- agency bylines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors", "agencies"),
    [
        ("Von Anna Schmidt, dpa", ("Anna Schmidt",), ("dpa",)),
        ("Von Anna Schmidt und Tom Berg, AFP", ("Anna Schmidt", "Tom Berg"), ("AFP",)),
        ("Von Anna Schmidt, Tom Berg, dpa/AFP", ("Anna Schmidt", "Tom Berg"), ("dpa", "AFP")),
        ("Von Anna Schmidt (dpa)", ("Anna Schmidt",), ("dpa",)),
        ("Von Anna Schmidt, dpa und Reuters", ("Anna Schmidt",), ("dpa", "Reuters")),
        ("By Jane Doe, Reuters", ("Jane Doe",), ("Reuters",)),
        ("By Jane Doe / Reuters", ("Jane Doe",), ("Reuters",)),
        ("By Jane Doe, The Associated Press", ("Jane Doe",), ("The Associated Press",)),
        ("Par Jean Dupont, AFP", ("Jean Dupont",), ("AFP",)),
        ("Por María José, EFE", ("María José",), ("EFE",)),
        ("Di Mario Rossi (ANSA)", ("Mario Rossi",), ("ANSA",)),
        ("Autor: Anna Schmidt, APA", ("Anna Schmidt",), ("APA",)),
        # only agencies: no author
        ("By Reuters", (), ("Reuters",)),
        ("Von dpa", (), ("dpa",)),
        # no agency: as parse_authors reads it
        ("Von Catherine H. und Max Mustermann", ("Catherine H.", "Max Mustermann"), ()),
        ("Von Ursula von der Leyen", ("Ursula von der Leyen",), ()),
    ],
)
def test_parse_byline(line: str, authors: tuple[str, ...], agencies: tuple[str, ...]) -> None:
    assert parse_byline(line) == Byline(authors, agencies)


@pytest.mark.parametrize(
    "line",
    [
        "Von Berlin, der Hauptstadt, fuhr sie nach Hamburg.",
        "Von Berlin, der Hauptstadt, fuhr sie nach Hamburg",
        "Von Berlin, der Hauptstadt",
        "Von Montag an galt die neue Regel",
        "By the end of the day, Reuters had the story",
        "Von Anna Schmidt, dpa.",  # a sentence-final period
        "Von Anna Schmidt (lh/dpa)",  # an editor's initials are no agency
        "Von dpa-Korrespondentin Anna Schmidt",
        "Par conséquent, AFP",
        "Die dpa meldet",
        "dpa",  # an agency without a byline's label: parse_agency_credit's job
    ],
)
def test_parse_byline_rejects_sentences(line: str) -> None:
    assert parse_byline(line) is None


def test_parse_authors_still_reads_names_only() -> None:
    """Other readers call parse_authors; its answers do not change."""
    assert parse_authors("Von Anna Schmidt, dpa") is None
    assert parse_authors("Von Anna Schmidt und Tom Berg") == ("Anna Schmidt", "Tom Berg")


@pytest.mark.parametrize(
    ("line", "agencies"),
    [
        ("dpa", ("dpa",)),
        ("(dpa)", ("dpa",)),
        ("[AFP]", ("AFP",)),
        ("dpa/AFP", ("dpa", "AFP")),
        ("(AFP/Reuters)", ("AFP", "Reuters")),
        ("(dpa, AFP)", ("dpa", "AFP")),
        ("AP", ("AP",)),
        ("(mit Material von dpa)", ("dpa",)),
        ("mit Material der dpa", ("dpa",)),
        ("With reporting from Reuters", ("Reuters",)),
        ("(lh/dpa)", None),  # an editor's initials: text
        ("(dpa", None),
        ("Die dpa meldet", None),
        ("dpa meldet", None),
        ("Reuters Institute", None),
        ("Foto: dpa", None),  # a picture credit, not the text's source
    ],
)
def test_parse_agency_credit(line: str, agencies: tuple[str, ...] | None) -> None:
    assert parse_agency_credit(line) == agencies


@pytest.mark.parametrize(
    ("text", "authors", "publisher", "body"),
    [
        (f"Von Anna Schmidt, dpa\n\n{BODY}", ("Anna Schmidt",), "dpa", [BODY]),
        (f"Titel\nVon Anna Schmidt (dpa)\n\n{BODY}", ("Anna Schmidt",), "dpa", [BODY]),
        (f"{BODY}\n\nBy Jane Doe, Reuters", ("Jane Doe",), "Reuters", [BODY]),
        (
            f"{BODY}\n\nVon Anna Schmidt und Tom Berg, AFP",
            ("Anna Schmidt", "Tom Berg"),
            "AFP",
            [BODY],
        ),
        # a bare agency line at the end, alone or glued under the paragraph
        (f"{BODY}\n\n(dpa)", (), "dpa", [BODY]),
        (f"{BODY}\n\ndpa/AFP", (), "dpa, AFP", [BODY]),
        (f"{BODY}\n(dpa)", (), "dpa", [BODY]),
        # a byline and an agency line at the end, in either order
        (f"{BODY}\n\nVon Anna Schmidt\n\n(dpa)", ("Anna Schmidt",), "dpa", [BODY]),
        (f"{BODY}\n\n(dpa)\n\nVon Anna Schmidt", ("Anna Schmidt",), "dpa", [BODY]),
        # agencies at both ends are named once, start first
        (f"Von Anna Schmidt, AFP\n\n{BODY}\n\n(dpa/AFP)", ("Anna Schmidt",), "AFP, dpa", [BODY]),
        # only one agency line is taken at the end
        (f"{BODY}\n\n(dpa)\n\n(AFP)", (), "AFP", [BODY, "(dpa)"]),
        # unknown initials: the line stays text
        (f"{BODY}\n\n(lh/dpa)", (), "", [BODY, "(lh/dpa)"]),
        # a bare agency glued under a paragraph may be part of it
        (f"{BODY}\ndpa", (), "", [f"{BODY} dpa"]),
        # an agency in the middle of the text is text
        (f"{BODY}\n\n(dpa)\n\n{BODY}", (), "", [BODY, "(dpa)", BODY]),
        # a bare agency at the start may be a title; in parentheses it is not
        (f"Reuters\n\n{BODY}", (), "", [BODY]),
        (f"(Reuters)\n\n{BODY}", (), "Reuters", [BODY]),
        # prose that starts like an agency byline
        (
            f"Von Berlin, der Hauptstadt, fuhr sie nach Hamburg.\n\n{BODY}",
            (),
            "",
            ["Von Berlin, der Hauptstadt, fuhr sie nach Hamburg.", BODY],
        ),
    ],
)
def test_agency_bylines_through_the_reader(
    text: str, authors: tuple[str, ...], publisher: str, body: list[str]
) -> None:
    outcome = read_text(text)
    metadata = outcome.document.metadata
    assert (metadata.authors, metadata.publisher) == (authors, publisher)
    assert [t for _k, t in texts(outcome)] == body
    # every word is somewhere: in the body, the title, the authors or the publisher
    kept = words(" ".join([*body, metadata.title, *metadata.authors, metadata.publisher]))
    assert [w for w in words(text) if w not in kept and w not in {"Von", "By", "und"}] == []


def test_agency_byline_notice_names_authors_and_publisher() -> None:
    _blocks, byline, notes = extract_byline(
        [RawBlock(("Von Anna Schmidt und Tom Berg, dpa",)), RawBlock((BODY,))]
    )
    assert byline == Byline(("Anna Schmidt", "Tom Berg"), ("dpa",))
    assert [n.message for n in notes] == [
        'byline "Von Anna Schmidt und Tom Berg, dpa": authors Anna Schmidt, Tom Berg, '
        "publisher dpa (left the body)"
    ]


# --- datelines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Berlin, 12. März 2024", "2024-03-12"),
        ("BERLIN, 12. MÄRZ 2024", "2024-03-12"),
        ("12.03.2024", "2024-03-12"),
        ("1.3.2024", "2024-03-01"),
        ("2024-03-12", "2024-03-12"),
        ("March 12, 2024", "2024-03-12"),
        ("Sept. 5, 2024", "2024-09-05"),
        ("12 March 2024", "2024-03-12"),
        ("Kiew/Moskau, 5. August 2024", "2024-08-05"),
        ("Frankfurt am Main, 1. Mai 2024", "2024-05-01"),
        ("Washington, D.C., March 12, 2024", "2024-03-12"),
        ("Berlin, den 12. März 2024", "2024-03-12"),
        ("Wien, 3. Jänner 2025", "2025-01-03"),
        ("Montag, 12. März 2024", "2024-03-12"),
        ("Berlin, Montag, 12. März 2024", "2024-03-12"),
        ("Tuesday, March 12, 2024", "2024-03-12"),
        ("12.03.2024, 14:35 Uhr", "2024-03-12"),
        ("March 12, 2024 2:35 p.m. ET", "2024-03-12"),
        ("Paris, le 12 mars 2024", "2024-03-12"),
        ("Paris, mardi 12 mars 2024", "2024-03-12"),
        ("1er août 2024", "2024-08-01"),
        ("Madrid, 12 de marzo de 2024", "2024-03-12"),
        ("martes, 12 de marzo de 2024", "2024-03-12"),
        ("Roma, 12 marzo 2024", "2024-03-12"),
        ("Milano, 5 giugno 2024", "2024-06-05"),
        # a page's time stamp
        ("Stand: 12.03.2024 14:05 Uhr", "2024-03-12"),
        ("Aktualisiert am 12. März 2024, 14:05 Uhr", "2024-03-12"),
        ("Zuletzt aktualisiert: 12.03.2024", "2024-03-12"),
        ("Updated: March 12, 2024 at 2:35 p.m. ET", "2024-03-12"),
        ("Published 12 March 2024", "2024-03-12"),
        ("Publié le 12 mars 2024", "2024-03-12"),
        ("Actualizado el 12 de marzo de 2024", "2024-03-12"),
        ("Aggiornato il 12 marzo 2024", "2024-03-12"),
        ("First published on Mon 4 Mar 2024 10.32 GMT", "2024-03-04"),  # The Guardian's
        ("Last modified on Mon 4 Mar 2024 12.00 GMT", "2024-03-04"),
        # not datelines
        ("Berlin, 12. Märchen 2024", ""),  # no such month
        ("03/12/2024", ""),  # month and day in an order nobody agrees on
        ("12. März", ""),  # no year
        ("März 2024", ""),  # no day
        ("Wahl am 12. März 2024", ""),  # a title: no comma after a place
        ("Seit dem 12. März 2024 gilt die Regel", ""),
        ("Berlin, der 12. März 2024", ""),
        ("berlin, 12. März 2024", ""),  # a place is capitalised
        ("Es war der 12.03.2024", ""),
        ("BERLIN (dpa) – Die Regierung hat am 12.03.2024 beschlossen", ""),
        ("Stand der Dinge am 12.03.2024", ""),  # not a label
        ("Stand: Berlin, 12.03.2024", ""),  # a label, or places, not both
    ],
)
def test_parse_dateline(line: str, date: str) -> None:
    assert parse_dateline(line) == date
    assert is_dateline(line) is bool(date)
    if date:
        assert not is_heading_line(line)
        assert not is_heading_line(line, 20, 160)  # nor a title


@pytest.mark.parametrize("line", ["31.02.2024", "Berlin, 31. Februar 2024", "30. Feb. 2023"])
def test_a_dateline_with_a_mistyped_day_has_no_date(line: str) -> None:
    assert is_dateline(line)
    assert parse_dateline(line) == ""
    assert not is_heading_line(line, 20, 160)


@pytest.mark.parametrize(
    ("text", "title", "date", "body"),
    [
        # the first line: not the title; the date goes to the metadata, the
        # line stays where it stood
        (
            f"Berlin, 12. März 2024\n\n{BODY}",
            "",
            "2024-03-12",
            [("p", "Berlin, 12. März 2024"), ("p", BODY)],
        ),
        (f"12.03.2024\n\n{BODY}", "", "2024-03-12", [("p", "12.03.2024"), ("p", BODY)]),
        (f"March 12, 2024\n\n{BODY}", "", "2024-03-12", [("p", "March 12, 2024"), ("p", BODY)]),
        # a page's time stamp under the headline: the same, never a heading
        (
            f"Der Titel\n\nStand: 12.03.2024 14:05 Uhr\n\n{BODY}",
            "Der Titel",
            "2024-03-12",
            [("p", "Stand: 12.03.2024 14:05 Uhr"), ("p", BODY)],
        ),
        # above the headline: the headline is the title
        (
            f"12.03.2024\n\nDer Titel\n\n{BODY}",
            "Der Titel",
            "2024-03-12",
            [("p", "12.03.2024"), ("p", BODY)],
        ),
        # under the headline: not a section heading
        (
            f"Der Titel\n\nKiew/Moskau, 5. August 2024\n\n{BODY}",
            "Der Titel",
            "2024-08-05",
            [("p", "Kiew/Moskau, 5. August 2024"), ("p", BODY)],
        ),
        # in one block under the headline (no blank line between them): the
        # headline is the title still, and the dateline stays
        (
            f"Der Titel\nBerlin, 12. März 2024\n\n{BODY}",
            "Der Titel",
            "2024-03-12",
            [("p", "Berlin, 12. März 2024"), ("p", BODY)],
        ),
        (
            f"Der Titel\nFoto: dpa\nLesezeit: 3 Min.\n\n{BODY}",
            "Der Titel",
            "",
            # each line a paragraph of its own, as between blank lines
            [("p", "Foto: dpa"), ("p", "Lesezeit: 3 Min."), ("p", BODY)],
        ),
        # two title-like lines: perhaps a title wrapped, no title found
        (
            f"Der Titel\nund noch mehr\n\n{BODY}",
            "",
            "",
            [("p", "Der Titel\nund noch mehr"), ("p", BODY)],
        ),
        # a dateline that begins the first paragraph stays body text, as written
        (
            f"BERLIN (dpa) – Die Regierung hat am Montag beschlossen.\n\n{BODY}",
            "",
            "",
            [("p", "BERLIN (dpa) – Die Regierung hat am Montag beschlossen."), ("p", BODY)],
        ),
        # a day that does not exist: a dateline without a date (a notice says so)
        (
            f"Berlin, 31. Februar 2024\n\n{BODY}",
            "",
            "",
            [("p", "Berlin, 31. Februar 2024"), ("p", BODY)],
        ),
        (f"31.02.2024\n\n{BODY}", "", "", [("p", "31.02.2024"), ("p", BODY)]),
        # in the middle of the text: no date for the article, and no heading
        (
            f"{BODY}\n\nBerlin, 12. März 2024\n\n{BODY}",
            "",
            "",
            [("p", BODY), ("p", "Berlin, 12. März 2024"), ("p", BODY)],
        ),
        # the first dateline gives the date
        (
            f"Berlin, 12. März 2024\n\nBerlin, 13. März 2024\n\n{BODY}",
            "",
            "2024-03-12",
            [("p", "Berlin, 12. März 2024"), ("p", "Berlin, 13. März 2024"), ("p", BODY)],
        ),
    ],
)
def test_datelines_through_the_reader(
    text: str, title: str, date: str, body: list[tuple[str, str]]
) -> None:
    outcome = read_text(text)
    assert (outcome.document.metadata.title, outcome.document.metadata.date) == (title, date)
    assert texts(outcome) == body
    assert ("text.dateline" in codes(outcome)) is bool(date)
    assert ("text.dateline-invalid" in codes(outcome)) is ("Februar" in text or "31.02" in text)


def test_dateline_after_title_and_agency_byline() -> None:
    outcome = read_text(f"Der Titel\n\nVon Anna Schmidt, dpa\n\nBerlin, 12. März 2024\n\n{BODY}")
    metadata = outcome.document.metadata
    assert (metadata.title, metadata.authors, metadata.publisher, metadata.date) == (
        "Der Titel",
        ("Anna Schmidt",),
        "dpa",
        "2024-03-12",
    )
    assert texts(outcome) == [("p", "Berlin, 12. März 2024"), ("p", BODY)]
    [message] = [d.message for d in outcome.diagnostics if d.code == "text.dateline"]
    assert message == 'date 2024-03-12 from the dateline "Berlin, 12. März 2024"'


# --- one article end to end ----------------------------------------------------------

TITLE = "Nordkorea bestätigt Einsatz in Kursk"
BYLINE = "Von Anna Schmidt und Tom Berg, dpa"
AGENCY_LINE = "(dpa/AFP)"
ARTICLE = f"""\
{TITLE}

{BYLINE}

Pjöngjang/Seoul, 28. April 2025

Nordkorea hat erstmals offiziell bestätigt, Truppen nach Russland entsandt zu haben. \
Die Soldaten hätten bei der "Befreiung" der Region Kursk mitgewirkt, meldete die Staatsagentur.

Foto: Kim Won Jin/AFP

Ein geheimes Bündnis wird sichtbar

Schon seit Monaten hatten Kiew, Südkorea und westliche Geheimdienste die Anwesenheit \
nordkoreanischer Soldaten in Russland vermutet. Bislang hielten sich beide Seiten bedeckt.

Kim Jong Un in Pjöngjang. Foto: KCNA/dpa

Was nun?

Das Abkommen zwischen Russland und Nordkorea trägt Früchte, sagen Beobachter in Seoul.

{AGENCY_LINE}
"""


@pytest.fixture(scope="module")
def article() -> Outcome:
    return api_read(Source(ARTICLE.encode("utf-8"), "kursk.txt"), Options())


def test_article_metadata(article: Outcome) -> None:
    metadata = article.document.metadata
    assert metadata.title == TITLE
    assert metadata.authors == ("Anna Schmidt", "Tom Berg")
    assert metadata.publisher == "dpa, AFP"
    assert metadata.date == "2025-04-28"
    assert metadata.language == "de"


def test_article_headings(article: Outcome) -> None:
    headings = [b for b in article.document.blocks if isinstance(b, Heading)]
    assert [plain_text(h.children) for h in headings] == [
        "Ein geheimes Bündnis wird sichtbar",
        "Was nun?",
    ]


def test_article_keeps_every_body_word_in_order(article: Outcome) -> None:
    body = " ".join(plain_text(b.children) for b in article.document.blocks)
    expected = words(ARTICLE.replace(TITLE, "").replace(BYLINE, "").replace(AGENCY_LINE, ""))
    assert missing_in_order(expected, words(body)) == []
    assert words(body) == expected  # and nothing else
    assert body.startswith("Pjöngjang/Seoul, 28. April 2025")


def test_article_words_left_out_of_the_body_are_in_the_metadata(article: Outcome) -> None:
    metadata = article.document.metadata
    kept = words(" ".join([metadata.title, *metadata.authors, metadata.publisher]))
    labels = {"Von", "und"}
    left_out = words(f"{TITLE} {BYLINE} {AGENCY_LINE}")
    assert [w for w in left_out if w not in labels and w not in kept] == []


def test_article_credits_are_paragraphs_of_their_own(article: Outcome) -> None:
    paragraphs = [
        plain_text(b.children) for b in article.document.blocks if isinstance(b, Paragraph)
    ]
    assert "Foto: Kim Won Jin/AFP" in paragraphs
    assert "Kim Jong Un in Pjöngjang. Foto: KCNA/dpa" in paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "Credit Reuters",  # a label without its colon
        "AP Photo/Evan Vucci",  # signed, no label
        "Bloomberg via Getty Images",
        "Jane Doe/AOL",  # a person, then where the picture ran
        "Photo: Courtesy of the family",
        "Imagem: Bloomberg via Getty Images",  # Portuguese
        "Sumber foto: Michael Kappeler/dpa",  # Indonesian
        "Фото: Иван Петров",  # Russian
        "[사진=JTBC, 이매진아시아]",  # Korean, "=" for the colon, in brackets
        "写真：ロイター",  # Japanese, a full-width colon
        "2020 Audi e-tron Sportback revealed as a coupe. Credit Maria Lopez",
    ],
)
def test_credits_of_more_shapes_and_languages(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line", ["Maria Lopez", "Reuters", "Credit card debt is rising", "Photo finish in Paris"]
)
def test_names_and_headings_are_not_credits(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "[Read: How the talks failed]",
        "(Leggi anche su: I Cavalieri dello Zodiaco)",
        "Veja também: Como educar seus filhos",
        "Baca juga: Sejarah pecahnya Islam",
        "Lees ook: De terugkeer van de nachttrein",
        "Czytaj też: Noc w pociągu",
        "Читайте также: Ночной поезд",
        "[관련기사] 야간열차의 귀환",
        "関連記事：夜行列車の復活",
        "相关阅读：夜班火车回归",
        "Lire aussi | Le vieux pont fermé aux voitures",  # Le Monde's bar
    ],
)
def test_teasers_of_more_shapes_and_languages(line: str) -> None:
    assert is_teaser_line(line)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Von Anna Schmidt und Tom Berg", ("Anna Schmidt", "Tom Berg")),  # German
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),  # English
        ("Par Claire Martin et Julien Roux", ("Claire Martin", "Julien Roux")),  # French
        ("Auteur : Claire Martin", ("Claire Martin",)),
        ("Por Lucía Gómez y Pablo Ruiz", ("Lucía Gómez", "Pablo Ruiz")),  # Spanish
        ("Di Mario Rossi e Anna Bianchi", ("Mario Rossi", "Anna Bianchi")),  # Italian
        ("Por Ana Souza e João Lima", ("Ana Souza", "João Lima")),  # Portuguese
        ("Door Jan de Vries en Piet Bakker", ("Jan de Vries", "Piet Bakker")),  # Dutch
        ("Av Anna Svensson och Erik Lund", ("Anna Svensson", "Erik Lund")),  # Swedish
        ("Av Kari Nordmann og Ola Hansen", ("Kari Nordmann", "Ola Hansen")),  # Norwegian
        ("Af Mette Hansen og Lars Nielsen", ("Mette Hansen", "Lars Nielsen")),  # Danish
        ("Autor: Jan Kowalski i Anna Nowak", ("Jan Kowalski", "Anna Nowak")),  # Polish
        ("Autor: Jana Nováková a Petr Novák", ("Jana Nováková", "Petr Novák")),  # Czech
        ("Autor: Ján Kováč a Mária Horváthová", ("Ján Kováč", "Mária Horváthová")),  # Slovak
        ("Автор: Иван Петров и Анна Смирнова", ("Иван Петров", "Анна Смирнова")),  # Russian
        ("Автор: Іван Петренко і Олена Коваль", ("Іван Петренко", "Олена Коваль")),  # Ukrainian
        ("Yazar: Ahmet Yılmaz ve Ayşe Demir", ("Ahmet Yılmaz", "Ayşe Demir")),  # Turkish
        ("Oleh Budi Santoso dan Siti Rahayu", ("Budi Santoso", "Siti Rahayu")),  # Indonesian
        ("作者：李华", ("李华",)),  # Chinese
        ("作者：李华、王明", ("李华", "王明")),
        ("记者 李华", ("李华",)),
        ("文/李华", ("李华",)),
        ("文：山田太郎", ("山田太郎",)),  # Japanese
        ("山田太郎記者", ("山田太郎",)),
        ("홍길동 기자", ("홍길동",)),  # Korean
        ("홍길동·김철수 기자", ("홍길동", "김철수")),
        ("정덕현 칼럼니스트", ("정덕현",)),  # a columnist signs so
        ("칼럼니스트 박생강", ("박생강",)),  # or with the title first
        ("بقلم أحمد خالد", ("أحمد خالد",)),  # Arabic
        # Arabic names in Latin letters write the article onto the name
        ("By Yasmin el-Sisi and Omar al-Masri", ("Yasmin el-Sisi", "Omar al-Masri")),
    ],
)
def test_bylines_in_twenty_languages(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize(
    "line",
    [
        "Von Montag an galt das Gesetz",
        "作者：这是一个很长的句子不是名字",
        "Door open, lights off",
        "기자 회견이 열렸다",  # "press conference was held"
        "칼럼니스트 박생강은 말했다",  # "columnist Park said"
        "Reporting by the minute; more at noon",
        "By law for three years the ban held",
        "By Monday for sure",  # one word before "for": no full name
        "By Friday for the first time the council met",
    ],
)
def test_sentences_that_start_like_bylines_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("Tom Krisher, AP Auto Writer", Byline(("Tom Krisher",))),
        ("Chris Cillizza, CNN Editor-at-large", Byline(("Chris Cillizza",))),
        (
            "Meg Kinnard and Errin Haines, Associated Press",
            Byline(("Meg Kinnard", "Errin Haines"), ("Associated Press",)),
        ),
        ("Paris, AFP", None),  # a dateline: a name has two words
        ("Der Bericht, die Redakteurin", None),  # an article opens no name
        ("It was late, the writer", None),
        ("Jane Roe, Staff Photographer", None),  # a picture's credit, not the text's
    ],
)
def test_a_job_title_or_agency_after_names_makes_a_byline_without_by(
    line: str, byline: Byline | None
) -> None:
    assert parse_byline(line) == byline


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Roe, Staff Writer", ("Jane Roe",)),
        ("By Meg James Staff Writer", ("Meg James",)),
        ("By Tom Krisher AP Auto Writer", ("Tom Krisher",)),
        ("By Jane Roe and John Doe, Senior Correspondents", ("Jane Roe", "John Doe")),
        ("Von Anna Schmidt, Redakteurin", ("Anna Schmidt",)),
        ("Por Juan Pérez, corresponsal en Bruselas", ("Juan Pérez",)),
        # a name is kept whole where the title would leave one word
        ("By Jane Editor", ("Jane Editor",)),
        ("By Jane Roe, John Doe and Ann Lee", ("Jane Roe", "John Doe", "Ann Lee")),
    ],
)
def test_a_job_title_after_a_byline_s_names_is_no_name(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        # others' credits after a semicolon, as Reuters closes its stories
        (
            "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly, Saqib Iqbal"
            " Ahmed and Gertrude Chavez-Dreyfuss; Editing by Nick Zieminski",
            ("Rodrigo Campos",),
        ),
        ("Story by Jane Roe; photos by Tom Berg", ("Jane Roe",)),
        ("BY JANE ROE FOR MAILONLINE", ("Jane Roe",)),  # the outlet written for
        ("By Jane Roe for The Guardian", ("Jane Roe",)),
        ("By Jane Roe (@janeroe)", ("Jane Roe",)),  # a handle
        ("Interview by Jane Roe", ("Jane Roe",)),
        # one capitalised word after a comma, behind a full name: no person
        ("Von Anna Schmidt, Berlin", ("Anna Schmidt",)),
        ("By Jane Roe, CNN", ("Jane Roe",)),
        ("By Jane Roe, PhD", ("Jane Roe",)),
        ("By Jane Roe, M.D.", ("Jane Roe",)),
        ("By Jane Roe and Li", ("Jane Roe", "Li")),  # joined by "and": a person
        ("By Jane, Tom and Ann", ("Jane", "Tom", "Ann")),  # no full name before
        # a job title after a bar or a dash
        ("Jane Roe | Staff Writer", ("Jane Roe",)),
        ("Jane Roe – Senior Correspondent", ("Jane Roe",)),
        ("Par Jean Dupont, envoyé spécial à Kiev", ("Jean Dupont",)),
    ],
)
def test_what_follows_a_byline_s_names_is_no_name(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize(
    ("note", "writer"),
    [
        ("Dallas Robinson is a freelance writer living in Minneapolis", "Dallas Robinson"),
        ("Molly Wood (@mollywood) is an Ideas contributor at WIRED.", "Molly Wood"),
        ("Jane Roe is a senior staff writer at the Courier.", "Jane Roe"),
        ("Jane Roe is a writer, editor and critic.", "Jane Roe"),
        ("Anna Schmidt ist Redakteurin im Ressort Politik.", "Anna Schmidt"),
        ("Claire Martin est journaliste au Monde.", "Claire Martin"),
        ("Mike Wall is a great read.", None),  # no job
        ("The Times is a newspaper of record.", None),  # no person
        ("Tom Berg is a father of three, a lawyer and a writer.", None),  # the job comes late
        ("Jane Roe is a reporter. " + "She covered the coast for ten years. " * 10, None),
        ("Berg is a writer.", None),  # one word names no one for sure
    ],
)
def test_a_note_about_the_writer_names_the_writer(note: str, writer: str | None) -> None:
    assert writer_of_note(note) == writer


@pytest.mark.parametrize(
    ("ending", "authors"),
    [
        ("Autor: Jana Nováková", ("Jana Nováková",)),
        ("作者：李华", ("李华",)),
        ("Par Claire Martin et Julien Roux", ("Claire Martin", "Julien Roux")),
        ("Автор: Иван Петров", ("Иван Петров",)),
        ("홍길동 기자 hong@example.co.kr", ("홍길동",)),  # Korean papers sign with an e-mail
    ],
)
def test_a_byline_last_in_the_text_names_the_authors(ending: str, authors: tuple[str, ...]) -> None:
    outcome = read_text(f"{BODY}\n\n{BODY}\n\n{ending}\n")
    assert outcome.document.metadata.authors == authors
    assert all(ending not in plain_text(b.children) for b in outcome.document.blocks)


def test_a_note_about_the_writer_closing_the_text_names_the_author_and_stays() -> None:
    note = "Jane Roe is a freelance writer living on the coast of Maine."
    outcome = read_text(f"{BODY}\n\n{BODY}\n\n{note}\n")
    assert outcome.document.metadata.authors == ("Jane Roe",)
    assert plain_text(outcome.document.blocks[-1].children) == note


def test_a_byline_beats_a_note_about_another_writer() -> None:
    note = "Tom Berg is a reporter for the Courier."
    outcome = read_text(f"By Jane Roe\n\n{BODY}\n\n{note}\n")
    assert outcome.document.metadata.authors == ("Jane Roe",)


@pytest.mark.parametrize(
    "line",
    [
        "NASA/JPL-Caltech",  # a slash parts the names
        "Shutterstock",  # a photo service alone
        "Jared Kushner at the synagogue. Credit EPA-EFE/Mark R. Cristino",  # an initial's period
        "Cat found in New Mexico - Photo. Photograph: EPA-EFE/Mark R. Cristino",
        "Tata Steel to cut jobs and more. Shutterstock",  # a photo source after a caption
        "(Image: gargantiopa / Getty Images)",  # a stock photographer's handle
        "(Image credit: Sierra Nevada Corp.)",  # a company's abbreviation
        # The New York Times' label, with an ellipsis, glued to the caption when copied
        "Credit...Jane Doe for The New York Times",
        "Credit…Jane Doe for The New York Times",
        "Illustration by Jane Doe",
        "Grafik von Jana Nováková",
        "The old bridge at dusk.Credit...Jane Doe for The New York Times",
    ],
)
def test_credits_after_captions_and_alone(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    ["He said so...Then he left the room", "Wait...What Happened Next", "Credit...where it is due"],
)
def test_an_ellipsis_before_no_credit_makes_no_credit(line: str) -> None:
    assert not is_credit_line(line)


ENGLISH_BODY = (
    "The council met on Monday evening and voted to keep the old bridge open to cyclists."
)


@pytest.mark.parametrize(
    "label",
    ["Image", "Bild", "Opinion", "Listen to this article", "5 min read", "Lesezeit: 3 Min.",
     "Credit...Jane Doe for The New York Times"],
)  # fmt: skip
def test_page_labels_are_paragraphs_and_never_the_title(label: str) -> None:
    """Above the headline or between paragraphs, a picture's placeholder, the
    section's label, an audio player's label and the reading time stay in
    the text as paragraphs: never the title, never a heading."""
    outcome = read_text(f"{label}\n\nThe Bridge We Lost\n\nBy Jane Doe\n\n{ENGLISH_BODY}")
    assert outcome.document.metadata.title == "The Bridge We Lost"
    assert outcome.document.metadata.authors == ("Jane Doe",)
    assert texts(outcome)[0][0] == "p"
    between = texts(read_text(f"{ENGLISH_BODY}\n\n{label}\n\n{ENGLISH_BODY}"))
    assert [kind for kind, _text in between] == ["p", "p", "p"]


#: Lines a page prints between the paragraphs, as copying keeps them: its
#: controls, the heads of its rails, a paywall's prompts, a gallery's
#: counter, time stamps and notices, from The New York Times, The Guardian,
#: BBC, CNN, NPR, Der Spiegel, Le Monde, El País and the like.
PAGE_CHROME = [
    "Share full article", "Skip to main content", "Copy link to clipboard", "Save",
    "Enlarge this image", "toggle caption", "Show caption", "Reuse this content", "Most viewed",
    "More on this story", "Explore more on these topics", "Story highlights", "Photo 3 of 12",
    "1 of 5", "This article is more than 2 years old", "Listen 5 min", "Log in to continue",
    "Already a subscriber?", "Create a free account", "Comment on this story",
    "Read our full coverage", "First published on Mon 4 Mar 2024 10.32 GMT",
    "Zur Merkliste hinzufügen", "Link kopieren", "Artikel hören", "Bild vergrößern",
    "Empfohlener redaktioneller Inhalt", "Article réservé aux abonnés",
    "Lire aussi | Le vieux pont fermé", "Compartir en Whatsapp", "Illustration by Jane Doe",
]  # fmt: skip


@pytest.mark.parametrize("line", PAGE_CHROME)
def test_page_chrome_between_paragraphs_is_a_paragraph_never_a_heading(line: str) -> None:
    found = texts(read_text(f"{ENGLISH_BODY}\n\n{line}\n\n{ENGLISH_BODY}"))
    assert [kind for kind, _text in found] == ["p", "p", "p"]


@pytest.mark.parametrize(
    "note",
    ["Editor's note: This story has been updated",
     "Correction: An earlier version misstated the date", "Update: The council met again",
     "Anmerkung der Redaktion: Der Text wurde ergänzt"],
)  # fmt: skip
def test_an_editors_note_over_the_headline_is_text_never_the_title(note: str) -> None:
    outcome = read_text(f"{note}\n\nThe Bridge We Lost\n\nBy Jane Doe\n\n{ENGLISH_BODY}")
    assert outcome.document.metadata.title == "The Bridge We Lost"
    assert texts(outcome) == [("p", note), ("p", ENGLISH_BODY)]


@pytest.mark.parametrize("line", ["Corrections and Clarifications", "Update on the Bridge"])
def test_headings_naming_corrections_are_no_editors_notes(line: str) -> None:
    assert not is_editors_note(line)


def test_a_caption_glued_to_its_credit_is_a_paragraph() -> None:
    caption = "The old bridge at dusk.Credit...Jane Doe for The New York Times"
    found = texts(read_text(f"{ENGLISH_BODY}\n\nImage\n\n{caption}\n\n{ENGLISH_BODY}"))
    assert [kind for kind, _text in found] == ["p", "p", "p", "p"]


# --- a headline over the byline ---------------------------------------------------

LONG_HEADLINE = (
    "Header Bidding Explained: Why the Auction Before the Auction Brings the Greatest"
    " Revenue for Publishers Today"
)


@pytest.mark.parametrize(
    ("headline", "is_title"),
    [
        # longer than a title line may be, but right above the byline
        (LONG_HEADLINE, True),
        # one sentence of a title's length may end with a period, as some
        # papers set their headlines
        ("Seals return to the sandbanks.", True),
        # two sentences are a lead paragraph
        ("They said it could not be done. They just might be.", False),
        # a whole lead paragraph above the byline is no headline
        (" ".join(["The committee met on Monday and decided to go on."] * 4), False),
    ],
)
def test_a_headline_over_the_byline_is_the_title(headline: str, is_title: bool) -> None:
    outcome = read_text(f"{headline}\n\nBy Jane Roe and Tom Lee\n\n{BODY}\n\n{BODY}")
    assert (outcome.document.metadata.title == headline) is is_title
    # the byline under a headline or a lead is found either way
    assert outcome.document.metadata.authors == ("Jane Roe", "Tom Lee")
    assert (("p", headline) in texts(outcome)) is not is_title
    assert all("Jane Roe" not in text for _, text in texts(outcome))


def test_a_byline_after_a_line_ending_with_a_colon_is_what_it_introduces() -> None:
    headline = "Here is what the committee decided on Monday:"
    outcome = read_text(f"{headline}\n\nBy Jane Roe and Tom Lee\n\n{BODY}\n\n{BODY}")
    assert outcome.document.metadata.authors == ()
    assert ("p", "By Jane Roe and Tom Lee") in texts(outcome)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Leggi anche", True),
        ("Read more:", True),
        ("[Lesen Sie auch]", True),
        ("Live", False),  # one word may end a wrapped line
        ("Read more about the seals", False),
    ],
)
def test_a_teaser_s_label_alone_stands_alone(line: str, label: bool) -> None:
    assert is_teaser_label(line) is label
    assert stands_alone(line) is label


@pytest.mark.parametrize(
    ("name", "written"),
    [("JANE DOE", "Jane Doe"), ("J.R.R. TOLKIEN", "J.R.R. Tolkien"), ("Jane DOE", "Jane DOE"),
     ("MARINE LE PEN", "Marine Le Pen"), ("CHARLES DE GAULLE", "Charles de Gaulle"),
     ("KWCH", "KWCH"), ("PTI", "PTI")],
)  # fmt: skip
def test_a_name_in_capitals_is_written_as_names_are_but_an_acronym_stays(
    name: str, written: str
) -> None:
    assert name_from_capitals(name) == written


# --- a writer's role under the byline ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Transport correspondent", True),
        ("Senior Reporter", True),
        ("Film critic", True),
        ("Korrespondentin in Washington", True),
        ("Reporter, The Times", True),
        ("Political editor at the BBC", True),
        ("Envoyée spéciale à Kiev", True),
        ("Rédacteur en chef", True),
        ("@janedoe", True),
        ("jane.doe@example.com", True),
        # a role noun in a phrase, or a sentence
        ("Letters to the Editor", False),
        ("Dear Editor", False),
        ("Editor's note", False),
        ("The reporter said so.", False),
        ("Reporter in the field", False),
        ("Writer and director", False),
        ("Correspondent in Washington and Beijing for many years", False),
    ],
)
def test_is_role_line(line: str, expected: bool) -> None:
    assert is_role_line(line) is expected


@pytest.mark.parametrize("role", ["Transport correspondent", "@janedoe"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize("byline", ["Jane Doe", "By Jane Doe"])
def test_a_role_under_the_byline_stays_a_paragraph(role: str, gap: str, byline: str) -> None:
    """The name is the author, with or without "By"; the role or handle under
    it stays in the text as a paragraph, neither heading nor title."""
    outcome = read_text(
        f"Rail fares to rise in March\n\n{byline}{gap}{role}\n\n{ENGLISH_BODY}\n\n{ENGLISH_BODY}"
    )
    assert outcome.document.metadata.title == "Rail fares to rise in March"
    assert outcome.document.metadata.authors == ("Jane Doe",)
    assert texts(outcome) == [("p", role), ("p", ENGLISH_BODY), ("p", ENGLISH_BODY)]
