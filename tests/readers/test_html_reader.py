"""The HTML reader on saved news pages, clean fragments and hostile input.

The two fixture pages copy the shape of real news sites (a German Spiegel-like
page, an English Guardian-like page). Their chrome uses distinctive words, so
"no chrome word in the book" is a real check, and every article paragraph is
listed here so that "all article text, in order" is one too.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from PIL import Image
from support.guards import guard_reads
from support.words import missing_in_order, words

import exporter
from exporter.diagnostics import Outcome
from exporter.errors import InputError
from exporter.model import (
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Emphasis,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    SceneBreak,
    Span,
    Strong,
    Table,
    Text,
    plain_text,
)
from exporter.options import Options
from exporter.readers.html import content, fragment_blocks, fragment_inlines, looks_like_html, read
from exporter.readers.html.bylines import take_body_byline, take_byline_elements
from exporter.readers.html.chrome import (
    chrome_category,
    is_hidden,
    is_hover_card,
    is_teaser,
    remove_before_headline,
    remove_datelines,
    remove_hidden,
    remove_teasers,
)
from exporter.readers.html.content import densest_container, locate_article, widen_to_headline
from exporter.readers.html.mapping import image_source, link_target
from exporter.readers.html.metadata import (
    choose_authors,
    normalize_date,
    normalize_language,
    prefer_headline,
    read_page_metadata,
    site_key,
    split_names,
    strip_site_suffix,
)
from exporter.readers.html.parse import body_of, declared_charset, parse_document, visible_text
from exporter.readers.html.structure import (
    headings,
    normalize_heading_levels,
    tidy_scene_breaks,
    without_closing_headings,
)
from exporter.readers.images import ImageCollector
from exporter.source import Source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"

# --- helpers ---------------------------------------------------------------------


def read_file(path: Path) -> Outcome:
    return read(Source(path.read_bytes(), path.name, path.resolve().parent))


def read_markup(markup: str, base_dir: Path | None = None, name: str = "page.html") -> Outcome:
    return read(Source(markup.encode("utf-8"), name, base_dir))


def block_texts(blocks: tuple[Block, ...]) -> list[str]:
    """Every piece of visible text, in reading order."""
    out: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(children) | Heading(_, children):
                out.append(plain_text(children))
            case BlockQuote(inner):
                out.extend(block_texts(inner))
            case ListBlock(items):
                for item in items:
                    out.extend(block_texts(item.blocks))
            case CodeBlock(text):
                out.append(text)
            case Figure(_, alt, caption):
                out.extend((alt, plain_text(caption)))
            case Table(head, body, caption):
                out.append(plain_text(caption))
                for row in head + body:
                    out.extend(plain_text(cell.children) for cell in row.cells)
    return out


def all_text(outcome: Outcome) -> str:
    return "\n".join(block_texts(outcome.document.blocks))


def paragraphs(blocks: tuple[Block, ...]) -> list[str]:
    """Texts of the paragraphs, also those inside quotes, in order."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(plain_text(block.children))
        elif isinstance(block, BlockQuote):
            out.extend(paragraphs(block.blocks))
    return out


def heading_outline(blocks: tuple[Block, ...]) -> list[tuple[int, str]]:
    return [(b.level, plain_text(b.children)) for b in blocks if isinstance(b, Heading)]


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 2), (0, 128, 0)).save(out, format="PNG")
    return out.getvalue()


def messages(outcome: Outcome, level: str | None = None) -> list[str]:
    return [d.message for d in outcome.diagnostics if level is None or d.level == level]


# --- the German news page -------------------------------------------------------------

#: Under the headline, repeating the page's description: the subtitle.
GERMAN_STANDFIRST = (
    "Seit 1927 pendelt eine Seilfähre über die Schlei. Jetzt soll Schluss sein – und ein"
    " ganzes Dorf wehrt sich."
)
GERMAN_PARAGRAPHS = [
    "Morgens um halb sechs riecht die Schlei nach Tang und Diesel. Jens Lorenzen zieht die"
    " Schranke hoch, zwei Pendler rollen mit ihren Kleinwagen auf das Deck, ein Radfahrer"
    " schiebt hinterher. Dann greift das Stahlseil, und die Missunde\u00a0II setzt sich"
    " knirschend in Bewegung.",
    "Knapp hundert Meter sind es bis zum anderen Ufer, drei Minuten dauert die Fahrt. Für die"
    " Menschen in Missunde und Brodersby ist diese Strecke trotzdem eine Lebensader: Ohne"
    " Fähre führt der Umweg über Schleswig, mehr als dreißig Kilometer lang.",
    "Der Kreis hat angekündigt, den Betrieb zum Jahresende einzustellen. Der Rumpf sei marode,"
    " die Werftkosten für eine Generalüberholung lägen bei geschätzten 1,4\u00a0Millionen Euro."
    " Eine neue Fähre würde das Dreifache kosten.",
    "Im Gasthof am Anleger sitzt Hauke Petersen, Bürgermeister von Brodersby, vor einem Stapel"
    " Unterschriftenlisten. Gut viertausend Namen habe man gesammelt, sagt er, mehr als die"
    " Gemeinde Einwohner zählt. Viele Stammgäste kämen aus Kiel, Flensburg und sogar aus"
    " Dänemark.",
    "Wer die Fähre abschafft, schneidet uns vom Rest der Welt ab. Die Schulkinder, die"
    " Pflegedienste, die Handwerker – alle nehmen das Seil.",
    "Petersen hat ausgerechnet, dass allein der Schulbus täglich vierzig zusätzliche Kilometer"
    " fahren müsste. Die Pflegedienste rechnen mit längeren Anfahrten und weniger Zeit für"
    " ihre Patienten.",
    "Im Kreishaus klingt die Rechnung anders. Die Fähre schreibe seit Jahren Verluste, heißt"
    " es aus der Verwaltung, im vergangenen Jahr rund 310.000 Euro. Gleichzeitig fehle"
    " Personal: Lorenzen ist einer von nur noch zwei ausgebildeten Fährführern.",
    "Einige Anwohner wollen deshalb einen Förderverein gründen, der den Betrieb übernehmen"
    " könnte. Vorbild ist eine Gierseilfähre an der Weser, die seit zwanzig Jahren"
    " ehrenamtlich fährt und sich über Spenden, Fahrgeld und Hochzeitsfeiern an Bord"
    " finanziert.",
    "Ob das an der Schlei gelingt, ist offen. Der Kreistag will im Dezember entscheiden. Bis"
    " dahin pendelt Lorenzen weiter, Schicht um Schicht, hundert Meter hin, hundert Meter"
    " zurück.",
    "Am Abend, als die letzte Fuhre übergesetzt hat, klopft er zweimal auf das Geländer. »Die"
    " hält noch«, sagt er. »Die hält länger als die Kreisverwaltung.«",
]

GERMAN_CHROME_WORDS = [
    "Cookie",
    "Cookies",
    "Datenschutzeinstellungen",
    "Datenschutz",
    "Akzeptieren",
    "Kommentare",
    "Kommentarwort",
    "Impressum",
    "Teilen",
    "Facebook",
    "Abonnieren",
    "Anzeige",
    "Newsletter",
    "Startseite",
    "Ressorts",
    "Küstenfähren",
    "Brückensanierung",
    "Kreistagswahl",
    "VersteckterTrackingText",
    "Nutzungsbedingungen",
    "Zum Inhalt",
    "Mehr zum Thema",
    "Lesen Sie auch",
    "Uhr",
]


@pytest.fixture(scope="module")
def german() -> Outcome:
    return read_file(FIXTURES / "schlei-faehre.de.html")


def test_german_metadata(german: Outcome) -> None:
    meta = german.document.metadata
    assert meta.title == "Fährverkehr an der Schlei: Die letzte Überfahrt"
    assert meta.authors == ("Maria Muster",)
    assert meta.language == "de"
    assert meta.date == "2024-10-30"
    assert meta.publisher == "DER SPIEGEL"
    assert meta.source.startswith("https://www.spiegel.de/panorama/")
    assert meta.description.startswith("Seit 1927 pendelt")


def test_german_headings_keep_their_levels_without_the_title(german: Outcome) -> None:
    assert heading_outline(german.document.blocks) == [
        (2, "Ein Dorf hängt am Seil"),
        (2, "Kosten ohne Ende"),
        (3, "Ein Verein als Retter?"),
    ]


def test_german_every_article_paragraph_in_order_and_nothing_else(german: Outcome) -> None:
    assert paragraphs(german.document.blocks) == GERMAN_PARAGRAPHS


def test_german_standfirst_is_the_subtitle(german: Outcome) -> None:
    assert german.document.metadata.subtitle == GERMAN_STANDFIRST
    assert GERMAN_STANDFIRST not in all_text(german)


def test_german_article_words_all_there(german: Outcome) -> None:
    expected = words(" ".join(GERMAN_PARAGRAPHS))
    assert missing_in_order(expected, words(all_text(german))) == []


@pytest.mark.parametrize("chrome", GERMAN_CHROME_WORDS)
def test_german_no_chrome_word(german: Outcome, chrome: str) -> None:
    assert chrome not in all_text(german)


def test_german_byline_left_the_body(german: Outcome) -> None:
    assert "Von Maria Muster" not in all_text(german)
    assert any("Von Maria Muster" in m for m in messages(german))


def test_german_title_is_not_repeated_in_the_body(german: Outcome) -> None:
    assert "Die letzte Überfahrt" not in all_text(german)


def test_german_emphasis_strong_and_quote_survive(german: Outcome) -> None:
    blocks = german.document.blocks
    body = [b for b in blocks if isinstance(b, Paragraph)]
    assert Emphasis((Text("Missunde\u00a0II"),)) in body[0].children
    assert Strong((Text("Lebensader"),)) in body[1].children
    assert any(isinstance(b, BlockQuote) for b in blocks)


def test_german_lead_figure_with_caption_alt_and_embedded_image(german: Outcome) -> None:
    (figure,) = [b for b in german.document.blocks if isinstance(b, Figure)]
    assert figure.alt == "Die Seilfähre Missunde II am Anleger im Morgennebel"
    assert figure.caption == (
        Text("Fährmann Jens Lorenzen legt am Nordufer an"),
        LineBreak(),
        Text("Foto: Anna Knipser"),
    )
    (resource,) = german.document.resources
    assert resource.name == figure.src
    assert resource.media_type == "image/jpeg"
    assert resource.data == (FIXTURES / "bilder" / "faehre-missunde.jpg").read_bytes()


def test_german_notice_says_what_was_dropped(german: Outcome) -> None:
    assert 'article found by trafilatura: <article class="article">' in messages(german)
    (dropped,) = [d for d in german.diagnostics if d.code == "html.chrome-dropped"]
    for part in ("navigation", "cookie banner", "share buttons", "2 related-article teasers"):
        assert part in dropped.message
    assert "comments" in dropped.message and "page footer" in dropped.message
    assert not [d for d in german.diagnostics if d.level == "warning"]


# --- the English news page ------------------------------------------------------------

ENGLISH_STANDFIRST = (
    "Sleeper services are multiplying across Europe. We rode four of them to find out"
    " whether the romance survives the timetable."
)
ENGLISH_PARAGRAPHS = [
    "The 21.04 from Brussels Midi does not look like a revolution. Its carriages are"
    " second-hand, its corridors narrow, and the couchette attendant greets passengers with"
    " a clipboard rather than a smile. Yet by the time it rattles past Liège the bar car is"
    " full.",
    "Ten years ago most European sleeper routes were being cut. Operators called them"
    " loss-making relics, squeezed between budget airlines and high-speed rail. Today new"
    " services are announced almost monthly, and tickets on popular routes sell out within"
    " hours of release.",
    "The reasons are partly environmental. A passenger on an overnight train emits a fraction"
    " of the carbon of the same trip by plane, according to figures collected by the European"
    " Environment Agency. But travellers we met talked more about time than about emissions.",
    "Marguerite Dallaire, a translator from Lyon, had booked the whole compartment for"
    " herself. She called the journey une petite parenthèse, a small pause between two"
    " lives.\nHer colleagues, she said, still think she is eccentric.",
    "Our checklist for the first night:",
    "The Austrian operator runs the busiest network, and its timetable shows why the model"
    " works when distances are right. Departures are late enough for dinner, arrivals early"
    " enough for a full day.",
    "Not everything works. Heating failed in one carriage near Villach, and a cancelled"
    " connection left a family of four stranded in Salzburg until the afternoon.",
    "Back in Brussels, the attendant with the clipboard is already checking names for the"
    " next departure. “People used to apologise for taking the train,” he says. “Now they"
    " boast about it.”",
]

ENGLISH_CHROME_WORDS = [
    "NavNewsSection",
    "NavSportSection",
    "SupportBannerAppeal",
    "Back to home",
    "FacebookShareButton",
    "TwitterShareButton",
    "CommentCount",
    "ReadMoreTeaser",
    "Read more",
    "Newsletter",
    "NewsletterSignupButton",
    "Privacy Notice",
    "MostPopularHeadline",
    "Most viewed",
    "CommentAuthorAlpha",
    "Comments",
    "FooterPrivacyPolicy",
    "Cookie",
    "ConsentOverlayText",
    "KeywordRailTravel",
    "Rail travel",
    "Last modified",
    "GMT",
]


@pytest.fixture(scope="module")
def english() -> Outcome:
    return read_file(FIXTURES / "night-trains.en.html")


def test_english_metadata(english: Outcome) -> None:
    meta = english.document.metadata
    assert meta.title == "The quiet return of the night train"
    assert meta.authors == ("Priya Raman", "Tomás Okafor")
    assert meta.language == "en-GB"
    assert meta.date == "2024-03-14"
    assert meta.publisher == "The Guardian"


def test_english_paragraphs_in_order(english: Outcome) -> None:
    assert paragraphs(english.document.blocks) == ENGLISH_PARAGRAPHS


def test_english_standfirst_is_the_subtitle(english: Outcome) -> None:
    assert english.document.metadata.subtitle == ENGLISH_STANDFIRST


@pytest.mark.parametrize("chrome", ENGLISH_CHROME_WORDS)
def test_english_no_chrome_word(english: Outcome, chrome: str) -> None:
    assert chrome not in all_text(english)


def test_english_byline_is_not_in_the_text(english: Outcome) -> None:
    assert "Priya Raman" not in all_text(english)


def test_english_structure(english: Outcome) -> None:
    blocks = english.document.blocks
    assert heading_outline(blocks) == [(2, "Brussels to Prague"), (2, "Vienna to Venice")]
    (numbered,) = [b for b in blocks if isinstance(b, ListBlock)]
    assert numbered.ordered and numbered.start == 3
    assert len(numbered.items) == 3
    nested = numbered.items[1].blocks[-1]
    assert isinstance(nested, ListBlock) and not nested.ordered
    assert [plain_text(item.blocks[0].children) for item in nested.items] == [
        "dried apricots",
        "salted crackers",
    ]
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1


def test_english_inline_markup(english: Outcome) -> None:
    blocks = [b for b in english.document.blocks if isinstance(b, Paragraph)]
    inlines = [node for b in blocks for node in b.children]
    assert Span((Text("une petite parenthèse"),), "fr") in inlines
    assert Link("https://www.eea.europa.eu/", (Text("European Environment Agency"),)) in inlines
    assert LineBreak() in inlines


def test_english_table_keeps_header_caption_and_alignment(english: Outcome) -> None:
    (table,) = [b for b in english.document.blocks if isinstance(b, Table)]
    assert plain_text(table.caption) == "Sample overnight connections, spring timetable"
    (head,) = table.head
    assert [plain_text(c.children) for c in head.cells] == ["Route", "Departs", "Hours"]
    assert all(c.header for c in head.cells)
    assert [c.align for c in head.cells] == ["", "center", "right"]
    assert [[plain_text(c.children) for c in row.cells] for row in table.body] == [
        ["Vienna–Venice", "21.27", "11"],
        ["Brussels–Prague", "19.22", "14"],
    ]


def test_english_figure_embeds_the_local_map(english: Outcome) -> None:
    (figure,) = [b for b in english.document.blocks if isinstance(b, Figure)]
    assert figure.alt.startswith("Map of the four sleeper routes")
    assert plain_text(figure.caption).endswith("Illustration: Dana Lindqvist")
    (resource,) = english.document.resources
    assert resource.name == figure.src and resource.media_type == "image/png"


# --- images that must not be read or fetched ---------------------------------------


@pytest.fixture
def guarded_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A page folder next to a real secret.png; any network connection or any
    file opened for reading outside the folder fails the test."""
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "secret.png").write_bytes(png_bytes())
    base = site.resolve()
    guard_reads(monkeypatch, lambda path: path.is_relative_to(base))
    return site


def test_outside_and_remote_images_are_left_out_with_one_warning(guarded_site: Path) -> None:
    page = """<html lang="en"><body><article><h1>Pictures</h1>
      <p>First paragraph of the picture story, long enough to be the article text.</p>
      <figure><img src="file:///etc/passwd" alt="a"><figcaption>Caption one</figcaption></figure>
      <p><img src="../secret.png" alt="b"> Second paragraph keeps its words.</p>
      <img src="https://tracker.example.com/photo.jpg" alt="c">
      <p>Third paragraph closes the story.</p></article></body></html>"""
    outcome = read_markup(page, guarded_site)
    assert outcome.document.resources == ()
    assert not any(isinstance(b, Figure) for b in outcome.document.blocks)
    (warned,) = [d for d in outcome.diagnostics if d.level == "warning"]
    for src in ("file:///etc/passwd", "../secret.png", "https://tracker.example.com/photo.jpg"):
        assert src in warned.message
    # The caption of a refused image is the author's text: it stays.
    assert "Caption one" in all_text(outcome)
    assert "Second paragraph keeps its words." in all_text(outcome)


def test_stdin_page_embeds_no_local_image(guarded_site: Path) -> None:
    (guarded_site / "pic.png").write_bytes(png_bytes())
    outcome = read_markup('<p>Text here.</p><img src="pic.png" alt="x">', None)
    assert outcome.document.resources == ()
    assert [d.code for d in outcome.diagnostics if d.level == "warning"] == ["images.not-embedded"]


def test_data_uri_png_is_embedded() -> None:
    png = png_bytes()
    uri = "data:image/png;base64," + base64.b64encode(png).decode()
    outcome = read_markup(f'<p>Before.</p><figure><img src="{uri}" alt="green"></figure>')
    (figure,) = [b for b in outcome.document.blocks if isinstance(b, Figure)]
    (resource,) = outcome.document.resources
    assert figure.src == resource.name and figure.alt == "green"
    assert resource.data == png and resource.media_type == "image/png"


# --- clean fragments and HTML structures ---------------------------------------------


def test_clean_fragment_without_html_or_body_is_kept_whole() -> None:
    outcome = read_markup(
        "<h2>Intro</h2><p>First <em>short</em> line.</p><p>Second.</p>"
        "<footer-note>Written at sea.</footer-note>"
    )
    assert heading_outline(outcome.document.blocks) == [(2, "Intro")]
    assert paragraphs(outcome.document.blocks) == [
        "First short line.",
        "Second.",
        "Written at sea.",
    ]
    assert any("whole page" in m for m in messages(outcome))


def test_clean_page_takes_h1_as_title_and_shifts_deeper_headings() -> None:
    outcome = read_markup(
        "<html><head><title>Notes</title></head><body><h1>Field notes</h1>"
        "<p>Opening.</p><h3>Morning</h3><p>Cold.</p><h4>Later</h4><p>Warm.</p></body></html>"
    )
    assert outcome.document.metadata.title == "Field notes"
    assert heading_outline(outcome.document.blocks) == [(2, "Morning"), (3, "Later")]
    assert "Field notes" not in all_text(outcome)


def test_h1_after_text_is_a_section_not_the_title() -> None:
    outcome = read_markup(
        "<p>" + "A long opening paragraph that is clearly body text. " * 6 + "</p>"
        "<h1>Part one</h1><p>Body.</p><h1>Part two</h1><p>More.</p>"
    )
    assert heading_outline(outcome.document.blocks) == [(2, "Part one"), (2, "Part two")]


def test_table_with_header_row_in_tbody() -> None:
    outcome = read_markup(
        "<table><tr><th>Name</th><th>Count</th></tr><tr><td>Eels</td><td>3</td></tr>"
        "<tr><td>Carp</td><td>12</td></tr></table>"
    )
    (table,) = outcome.document.blocks
    assert isinstance(table, Table)
    assert [plain_text(c.children) for c in table.head[0].cells] == ["Name", "Count"]
    assert len(table.body) == 2 and not table.body[0].cells[0].header


def test_layout_table_reads_as_paragraphs() -> None:
    outcome = read_markup(
        '<table role="presentation"><tr><td><p>Left column text.</p></td>'
        "<td><p>Right column text.</p></td></tr></table>"
    )
    assert paragraphs(outcome.document.blocks) == ["Left column text.", "Right column text."]


def test_nested_lists() -> None:
    outcome = read_markup(
        "<ul><li>Fruit<ol start='4'><li>Apple</li><li>Pear<ul><li>Conference</li></ul></li>"
        "</ol></li><li>Bread</li></ul>"
    )
    (outer,) = outcome.document.blocks
    assert isinstance(outer, ListBlock) and not outer.ordered
    fruit = outer.items[0].blocks
    assert plain_text(fruit[0].children) == "Fruit"
    inner = fruit[1]
    assert isinstance(inner, ListBlock) and inner.ordered and inner.start == 4
    deepest = inner.items[1].blocks[1]
    assert isinstance(deepest, ListBlock)
    assert plain_text(deepest.items[0].blocks[0].children) == "Conference"


def test_preformatted_code_keeps_whitespace_and_language() -> None:
    outcome = read_markup(
        "<p>Run <code>make   all</code> first.</p>"
        '<pre><code class="language-python">def f():\n    return  1\n</code></pre>'
    )
    para, code = outcome.document.blocks
    assert Code("make all") in para.children
    assert code == CodeBlock("def f():\n    return  1", "python")


def test_windows_1252_page_decodes_right() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Grüße</title></head>'
        "<body><p>Grüße aus Köln – „Zitat“ … 5 €.</p></body></html>"
    ).encode("cp1252")
    outcome = read(Source(page, "alt.html", None))
    assert paragraphs(outcome.document.blocks) == ["Grüße aus Köln – „Zitat“ … 5 €."]


def test_http_equiv_charset_is_honoured() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
        "</head><body><p>Preis: 5 € für Bücher</p></body></html>"
    ).encode("iso-8859-15")
    outcome = read(Source(page, "alt.html", None))
    assert paragraphs(outcome.document.blocks) == ["Preis: 5 € für Bücher"]


def test_xhtml_with_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"'
        ' xml:lang="fr" lang="fr"><head><title>Essai</title></head><body><p>Bonjour à'
        " tous.</p></body></html>"
    )
    outcome = read_markup(page, name="essai.xhtml")
    assert outcome.document.metadata.language == "fr"
    assert paragraphs(outcome.document.blocks) == ["Bonjour à tous."]


def test_binary_input_is_a_clear_error() -> None:
    with pytest.raises(InputError):
        read(Source(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "x.html", None))


def test_page_with_only_chrome_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        read_markup("<html><body><nav><a href='/'>Home</a></nav></body></html>")


# --- inline rules -----------------------------------------------------------------


def test_whitespace_collapses_as_in_a_browser() -> None:
    outcome = read_markup("<p>\n  One\t two  <em> three </em>\n four&nbsp;&nbsp;five  </p>")
    (para,) = outcome.document.blocks
    assert para.children == (
        Text("One two "),
        Emphasis((Text("three "),)),
        Text("four\u00a0\u00a0five"),
    )


def test_double_line_break_splits_paragraphs() -> None:
    outcome = read_markup("<div>First part.<br><br>Second part.<br>Same paragraph.</div>")
    assert paragraphs(outcome.document.blocks) == [
        "First part.",
        "Second part.\nSame paragraph.",
    ]


def test_links_keep_absolute_targets_and_drop_scripts() -> None:
    outcome = read_markup(
        "<html><head><link rel='canonical' href='https://news.example.org/a/story'></head>"
        "<body><p><a href='javascript:void(0)'>click</a>, <a href='mailto:x@example.org'>mail</a>,"
        " <a href='/b/other'>other</a>, <a href='#fn1'>note</a>,"
        " <a href='https://example.com/x y'>spaced</a></p></body></html>"
    )
    (para,) = outcome.document.blocks
    links = [node for node in para.children if isinstance(node, Link)]
    assert [link.target for link in links] == [
        "mailto:x@example.org",
        "https://news.example.org/b/other",
        "https://example.com/x%20y",
    ]
    assert plain_text(para.children) == "click, mail, other, note, spaced"


def test_lang_passages_become_spans_only_in_another_language() -> None:
    outcome = read_markup(
        '<html lang="de"><body><p lang="en">Whole English paragraph.</p>'
        '<p>Deutsch mit <i lang="la">carpe diem</i> und <span lang="de-AT">Jänner</span>.</p>'
        "</body></html>"
    )
    first, second = outcome.document.blocks
    assert first.children == (Span((Text("Whole English paragraph."),), "en"),)
    assert Span((Emphasis((Text("carpe diem"),)),), "la") in second.children
    assert Text("Deutsch mit ") in second.children
    assert not any(isinstance(n, Span) and n.lang == "de-AT" for n in second.children)


def test_icon_images_keep_alt_text_and_tracking_pixels_vanish(tmp_path: Path) -> None:
    (tmp_path / "px.gif").write_bytes(b"GIF89a")
    outcome = read_markup(
        '<p>Great <img class="emoji" src="smile.png" alt="😀"> news'
        '<img src="px.gif" width="1" height="1" alt=""></p>',
        tmp_path,
    )
    (para,) = outcome.document.blocks
    assert plain_text(para.children) == "Great 😀 news"
    assert outcome.document.resources == ()
    assert not [d for d in outcome.diagnostics if d.level == "warning"]


def test_lazy_loaded_image_uses_its_real_source(tmp_path: Path) -> None:
    (tmp_path / "real.png").write_bytes(png_bytes())
    placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    outcome = read_markup(
        f'<p>Text.</p><figure><img src="{placeholder}" data-src="real.png" alt="r"></figure>',
        tmp_path,
    )
    (resource,) = outcome.document.resources
    assert resource.data == png_bytes()


# --- fragments for the Markdown reader ---------------------------------------------------


def test_fragment_blocks_sanitise_and_embed(tmp_path: Path) -> None:
    (tmp_path / "chart.png").write_bytes(png_bytes())
    fragment = fragment_blocks(
        '<div class="note"><p>Kept <b>bold</b>.</p><script>alert(1)</script>'
        '<iframe src="https://evil.example"></iframe><p hidden>secret</p>'
        '<figure><img src="chart.png" alt="Chart"><figcaption>Sales</figcaption></figure>'
        '<img src="https://x.example/y.png"></div>',
        tmp_path,
    )
    para, figure = fragment.blocks
    assert para == Paragraph((Text("Kept "), Strong((Text("bold"),)), Text(".")))
    assert isinstance(figure, Figure) and figure.caption == (Text("Sales"),)
    assert [r.name for r in fragment.resources] == [figure.src]
    assert [d.code for d in fragment.diagnostics if d.level == "warning"] == ["images.not-embedded"]
    assert "secret" not in str(fragment.blocks) and "alert" not in str(fragment.blocks)


def test_fragment_blocks_share_a_collector(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(png_bytes())
    images = ImageCollector(tmp_path)
    first = fragment_blocks('<img src="a.png" alt="A">', tmp_path, images=images)
    second = fragment_blocks('<img src="https://x.example/b.png">', tmp_path, images=images)
    assert first.resources == second.resources == ()
    assert len(images.resources) == 1
    assert [d.code for d in images.diagnostics()] == ["images.not-embedded"]


def test_fragment_inlines() -> None:
    inlines = fragment_inlines(
        ' <span lang="fr">la  vie</span> <kbd>Ctrl</kbd><br><a href="javascript:x()">js</a> '
    )
    assert inlines == (
        Text(" "),
        Span((Text("la vie"),), "fr"),
        Text(" "),
        Code("Ctrl"),
        LineBreak(),
        Text("js "),
    )


# --- one test per named rule ------------------------------------------------------------


def tree(markup: str) -> HtmlElement:
    return parse_document(markup, "t.html")


def test_declared_charset_from_meta_and_xml_but_not_utf16() -> None:
    assert declared_charset(b'<meta charset="Windows-1252">') == "windows-1252"
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?>') == "iso-8859-1"
    assert declared_charset(b'<meta charset="utf-16">') is None
    assert declared_charset(b" " * 3000 + b'<meta charset="koi8-r">') is None


def test_is_hidden() -> None:
    root = tree(
        '<div hidden>a</div><div aria-hidden="true">b</div><p style="display: none">c</p>'
        '<span class="sr-only">d</span><p aria-hidden="false">e</p><p style="color:red">f</p>'
    )
    flags = [is_hidden(e) for e in body_of(root)]
    assert flags == [True, True, True, True, False, False]


CARD_STORIES = (
    '<a href="/news/1">Governor defends the new campaign</a> '
    '<a href="/news/2">State drops pipeline protest laws after lawsuit</a>'
)


@pytest.mark.parametrize(
    ("markup", "card"),
    [
        # the card names the link's text again, then lists stories
        (f'<a href="/people/noem">Kristi Noem</a><span>Kristi Noem {CARD_STORIES}</span>', True),
        # or opens with a link to the same address, the name said in full
        (
            '<a href="/people/noem">Kristi Noem</a><span><img src="n.jpg" alt="">'
            f'<a href="/people/noem">Kristi Lynn Noem</a>{CARD_STORIES}</span>',
            True,
        ),
        # running text after a link
        ('<a href="/people/noem">Kristi Noem</a><span> said on Monday</span>', False),
        # the link's text again, but a sentence, not a card
        (
            '<a href="/people/noem">Kristi Noem</a><span>Kristi Noem, the governor, said'
            " so on Monday in a long speech to the legislature.</span>",
            False,
        ),
        # stories after text between them and the link
        (
            f'<a href="/people/noem">Kristi Noem</a> and <span>Kristi Noem {CARD_STORIES}</span>',
            False,
        ),
    ],
)
def test_is_hover_card(markup: str, card: bool) -> None:
    paragraph = body_of(tree(f"<p>Gov. {markup} is defending it.</p>"))[0]
    assert is_hover_card(paragraph.xpath("a/following-sibling::*[1]")[0]) is card


def test_a_hover_card_leaves_its_sentence_whole() -> None:
    card = (
        '<span class="rollover-block"><a href="/people/noem">Kristi Lynn Noem</a>'
        f"{CARD_STORIES}</span>"
    )
    lead = (
        f'South Dakota Gov. <a href="/people/noem">Kristi Noem</a>{card} (R) is defending the'
        " state's launch of an anti-drug campaign with the slogan “Meth, we're on it.”"
    )
    rest = "".join(
        f"<p>The campaign, one of {n} in the state this year, cost roughly $449,000, according"
        " to the Sioux Falls Argus Leader, and drew a mix of criticism and ridicule.</p>"
        for n in range(2, 6)
    )
    outcome = read_markup(
        "<html><head><meta name='description' content=\"South Dakota Gov. Kristi Noem (R) is"
        " defending the state's launch of an anti-drug campaign\"></head><body>"
        "<nav><a href='/'>Home</a><a href='/a'>News</a><a href='/b'>Sport</a></nav>"
        "<article><h1>Meth, we're on it</h1><div class='field-type-text-with-summary'>"
        f"<p>{lead}</p>{rest}</div></article></body></html>"
    )
    first = plain_text(outcome.document.blocks[0].children)
    assert first.startswith("South Dakota Gov. Kristi Noem (R) is defending")
    assert "pipeline" not in all_text(outcome)
    assert outcome.document.metadata.subtitle == ""


def test_remove_hidden_keeps_a_hidden_wrapper_of_the_article() -> None:
    root = tree(
        '<div aria-hidden="true"><main><h1>T</h1><p>Body text.</p></main></div>'
        '<div aria-hidden="true">Overlay</div>'
    )
    removed = remove_hidden(root)
    assert "Body text." in root.text_content() and "Overlay" not in root.text_content()
    assert removed["hidden"] == 1


def test_remove_hidden_drops_a_hidden_schema_copy_of_the_shown_article() -> None:
    story = "Wardens counting harbour seals from a plane found more pups than in any year."
    copy = (
        '<div style="display:none" itemscope itemtype="http://schema.org/NewsArticle">'
        "<h1>Seals return</h1><p itemprop='datePublished'>2019-11-19T08:57:40+01:00</p>"
        f"<div itemprop='articleBody'>{story}</div></div>"
    )
    root = tree(f"<article><h1>Seals return</h1><p>{story}</p>{copy}</article>")
    remove_hidden(root)
    assert root.text_content().count(story) == 1 and "2019-11-19" not in root.text_content()
    # the only copy of the text is the article, hidden or not
    root = tree(f"<article><h1>Seals return</h1>{copy}</article>")
    remove_hidden(root)
    assert story in root.text_content()


@pytest.mark.parametrize(
    ("markup", "category"),
    [
        ('<div class="share-bar">', "share"),
        ('<div class="shareBar">', "share"),
        ('<div id="cmp-banner">', "cookie"),
        ('<div class="ad-slot">', "ad"),
        ('<section class="read-more">', "teaser"),
        # a multi-part name inside a longer one: "Also on rt.com" boxes
        ('<a class="read-more-big" href="/news/1">', "teaser"),
        ('<div class="storyReadMoreBox"><a href="/news/1">Also on</a> ', "teaser"),
        # … but not around text: the rest of an article a button unfolds
        ('<div class="read-more-content">', None),
        ('<div class="more-to-read">', None),
        ('<div data-component="most-popular">', "teaser"),
        ('<div class="comment-list">', "comments"),
        ('<div role="navigation">', "navigation"),
        ("<nav>", "navigation"),
        ("<aside>", "sidebar"),
        ("<form>", "form"),
        ('<div class="shadow">', None),
        ('<div class="download-box">', None),
        ('<div class="masthead-image">', None),
        ('<div class="leadtext">', None),
        ('<div class="commentary">', None),
        # named in the site's own language
        ('<section class="noticias-relacionadas">', "teaser"),
        ('<div id="comentarios">', "comments"),
        ('<div class="bloc-commentaires">', "comments"),
        ('<div class="werbung-container">', "ad"),
        ('<div class="box-publicidade">', "ad"),
        ('<div class="boxLeiaTambem"><a href="/n/1">Leia também</a> ', "teaser"),
        ('<div class="barra-compartilhar">', "share"),
        ('<div class="noticia-relacionada-texto">', "teaser"),
    ],
)
def test_chrome_category(markup: str, category: str | None) -> None:
    element = body_of(tree(markup + "x"))[0]
    assert chrome_category(element) == category


def test_a_paywall_wrapper_around_the_article_s_text_is_the_article() -> None:
    """News sites wrap the part of the article only subscribers see in an
    element named "paywall"; the page saved by a subscriber holds it. The
    offer to subscribe is chrome."""
    paragraphs = "".join(
        f"<p>On survey flight {n}, the wardens counted more seal pups on the sandbanks"
        " than in any year before.</p>"
        for n in range(1, 4)
    )
    lead = "<p>Harbour seals are back on the North Sea coast in numbers not seen for decades.</p>"
    locked = f'<div class="paywall">{paragraphs}</div>'
    offer = '<div class="paywall-offer"><p>Subscribe now to continue reading.</p></div>'
    outcome = read_markup(
        "<html><body><nav><a href='/'>Home</a><a href='/a'>News</a><a href='/b'>Sport</a></nav>"
        f"<article><h1>Seals return</h1>{lead}{locked}{offer}</article></body></html>"
    )
    text = all_text(outcome)
    assert text.count("more seal pups") == 3
    assert "Subscribe now" not in text
    assert chrome_category(body_of(tree(offer))[0]) == "promotion"
    assert chrome_category(body_of(tree(locked))[0]) is None


def test_header_and_footer_are_chrome_only_at_page_level() -> None:
    root = tree(
        "<header>Site</header><article><header><h1>T</h1></header></article><footer>F</footer>"
    )
    page_header, article, footer = body_of(root)
    assert chrome_category(page_header) == "header"
    assert chrome_category(article[0]) is None
    assert chrome_category(footer) == "footer"


@pytest.mark.parametrize(
    ("markup", "teaser"),
    [
        ('<p><b>Lesen Sie auch:</b> <a href="/x">Anderer Artikel</a></p>', True),
        ('<div>Mehr zum Thema <a href="/y">Y</a> <a href="/z">Z</a></div>', True),
        ('<p>Read more: <a href="/r">Other story</a></p>', True),
        ("<h2>Mehr zum Thema</h2>", True),
        (
            '<div><div>You may also be interested in...</div><a href="/a"><h3>Seals in the'
            ' Baltic</h3></a><a href="/b"><h3>The night train to Vienna</h3></a></div>',
            True,
        ),
        ("<p>You may also be interested to hear that the ferry runs again.</p>", False),
        ("<p>Read more books, the minister said, without any link.</p>", False),
        (
            "<p>Related research "
            + "shows how the ferry changed the village. " * 10
            + '<a href="/s">study</a></p>',
            False,
        ),
    ],
)
def test_is_teaser(markup: str, teaser: bool) -> None:
    assert is_teaser(body_of(tree(markup))[0]) is teaser


def test_teaser_heading_takes_its_link_list_along() -> None:
    root = tree(
        '<article><p>Story text.</p><h2>Mehr zum Thema</h2><ul><li><a href="/a">A</a></li>'
        '<li><a href="/b">B</a></li></ul><p>After.</p></article>'
    )
    article = body_of(root)[0]
    assert remove_teasers(article) == {"teaser": 1}
    assert [e.tag for e in article] == ["p", "p"]


def test_remove_datelines_keeps_dates_inside_sentences() -> None:
    root = tree(
        '<article><div class="meta"><time datetime="2024-01-02">2. Januar</time></div>'
        '<p>Am <time datetime="2024-01-01">Neujahrstag</time> war es still.</p></article>'
    )
    article = body_of(root)[0]
    assert remove_datelines(article) == {"dateline": 1}
    assert visible_text(article) == "Am Neujahrstag war es still."


def test_remove_before_headline_only_drops_a_short_kicker() -> None:
    root = tree('<div><a href="/s">Rail travel</a><h1>Title</h1><p>Text.</p></div>')
    container = body_of(root)[0]
    assert remove_before_headline(container, container.find("h1")) == {"kicker": 1}
    assert "Rail travel" not in container.text_content()
    long_intro = "<p>" + "Real text before the heading. " * 10 + "</p>"
    root = tree(f"<div>{long_intro}<h1>Title</h1></div>")
    container = body_of(root)[0]
    assert remove_before_headline(container, container.find("h1")) == {}
    assert "Real text" in container.text_content()


def test_byline_elements() -> None:
    root = tree(
        '<div class="byline">Von <span itemprop="author" itemscope><span itemprop="name">'
        "Jana Beispiel</span></span></div>"
        "<blockquote><p>Sein oder Nichtsein.</p>"
        "<cite class='author'>Shakespeare</cite></blockquote>"
        "<p class='author'>Ola Nordmann und Kari Nordmann</p>"
    )
    byline = take_byline_elements(root)
    assert byline.names == ("Jana Beispiel", "Ola Nordmann", "Kari Nordmann")
    assert "Shakespeare" in root.text_content()
    assert "Jana" not in root.text_content()


def test_body_byline_at_start_or_end_but_not_a_sentence() -> None:
    para = lambda text: Paragraph((Text(text),))  # noqa: E731
    blocks = (para("Lead."), para("Von Maria Muster"), para("Body."))
    kept, byline = take_body_byline(blocks)
    assert byline.names == ("Maria Muster",) and kept == (para("Lead."), para("Body."))
    kept, byline = take_body_byline((para("Body."), para("Autor: Kai Kurz")))
    assert byline.names == ("Kai Kurz",)
    sentence = (para("Von Montag an galt die neue Regel für alle Fähren."), para("Body."))
    assert take_body_byline(sentence) == (sentence, take_body_byline(())[1])


def test_an_agency_signing_a_byline_element_is_not_an_author() -> None:
    root = tree(
        '<p class="byline">By Jane Doe, Reuters</p>'
        '<div class="author"><span itemprop="name">Tom Berg</span>'
        '<span itemprop="name">dpa</span></div>'
    )
    byline = take_byline_elements(root)
    assert byline.names == ("Jane Doe", "Tom Berg")
    assert byline.agencies == ("Reuters", "dpa")


def test_an_agency_signing_the_body_byline_is_kept_apart_and_alone_stays_text() -> None:
    para = lambda text: Paragraph((Text(text),))  # noqa: E731
    kept, byline = take_body_byline((para("Von Anna Schmidt, dpa"), para("Body.")))
    assert (byline.names, byline.agencies) == (("Anna Schmidt",), ("dpa",))
    assert kept == (para("Body."),)
    alone = (para("Body."), para("By Reuters"))
    assert take_body_byline(alone)[0] == alone


def test_the_agency_of_a_byline_is_the_publisher_unless_the_page_names_one() -> None:
    article = "<p>" + "Der Hafen blieb am Morgen geschlossen. " * 8 + "</p>"
    page = "<html lang='en'><head>{head}</head><body><article><h1>Port closed</h1>"
    page += "<p>By Jane Doe, Reuters</p>" + article + "</article></body></html>"
    bare = read_markup(page.format(head="")).document.metadata
    assert (bare.authors, bare.publisher) == (("Jane Doe",), "Reuters")
    named = page.format(head='<meta property="og:site_name" content="Harbour Times">')
    metadata = read_markup(named).document.metadata
    assert (metadata.authors, metadata.publisher) == (("Jane Doe",), "Harbour Times")


def test_an_author_field_naming_an_agency_with_the_person_gives_the_person() -> None:
    assert split_names("Jane Doe, Reuters") == ("Jane Doe",)
    assert split_names("Reuters") == ("Reuters",)
    assert split_names("Von Anna Schmidt und Tom Berg") == ("Anna Schmidt", "Tom Berg")


def test_site_name_is_never_an_author() -> None:
    outcome = read_markup(
        '<html><head><meta property="og:site_name" content="Der Tagesbote">'
        '<meta name="author" content="DER TAGESBOTE">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
        ' "author": {"@type": "Organization", "name": "Der Tagesbote"},'
        ' "publisher": {"name": "Der Tagesbote"}}</script></head>'
        "<body><p>Text.</p></body></html>"
    )
    assert outcome.document.metadata.authors == ()
    assert outcome.document.metadata.publisher == "Der Tagesbote"


def test_json_ld_authors_as_string_object_list_and_graph_reference() -> None:
    def authors_of(ld: str) -> tuple[str, ...]:
        page = read_page_metadata(tree(f'<script type="application/ld+json">{ld}</script><p>x</p>'))
        return choose_authors(page.author_sources, page.site_names)

    assert authors_of('{"@type":"Article","author":"Anna Alt und Bert Bauer"}') == (
        "Anna Alt",
        "Bert Bauer",
    )
    assert authors_of('{"@type":"BlogPosting","author":{"name":"Cem Can"}}') == ("Cem Can",)
    assert authors_of(
        '{"@graph":[{"@type":"Person","@id":"#p","name":"Dora Dahl"},'
        '{"@type":["ReportageNewsArticle"],"author":[{"@id":"#p"},{"name":"Eva Ek"}]}]}'
    ) == ("Dora Dahl", "Eva Ek")
    assert authors_of('{"@type": broken json') == ()


def test_meta_article_author_url_is_not_a_name() -> None:
    page = read_page_metadata(
        tree('<meta property="article:author" content="https://x.example/profile/a"><p>x</p>')
    )
    assert choose_authors(page.author_sources, page.site_names) == ()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Die letzte Überfahrt | DER SPIEGEL", "Die letzte Überfahrt"),
        ("Die letzte Überfahrt - Der Spiegel", "Die letzte Überfahrt"),
        ("Die letzte Überfahrt – DER SPIEGEL", "Die letzte Überfahrt"),
        ("DER SPIEGEL: Die letzte Überfahrt", "Die letzte Überfahrt"),
        ("Fähre: Die letzte Überfahrt", "Fähre: Die letzte Überfahrt"),
        ("Wer - wie - was", "Wer - wie - was"),
    ],
)
def test_strip_site_suffix(title: str, expected: str) -> None:
    assert strip_site_suffix(title, frozenset({site_key("DER SPIEGEL")})) == expected


def test_title_from_og_title_or_title_element_without_site_name() -> None:
    outcome = read_markup(
        '<html><head><meta property="og:site_name" content="the Guardian">'
        "<title>Night trains | Travel | The Guardian</title></head>"
        "<body><h1>Night trains</h1><p>Text.</p></body></html>"
    )
    assert outcome.document.metadata.title == "Night trains"
    assert prefer_headline("Night trains | Travel", "Night trains") == "Night trains"
    assert prefer_headline("Fähre: Ende", "Fähre") == "Fähre: Ende"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("de", "de"),
        ("de-DE", "de-DE"),
        ("de_DE", "de-DE"),
        ("EN-gb", "en-GB"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("x", ""),
        ("not a tag", ""),
        ("", ""),
    ],
)
def test_normalize_language(tag: str, expected: str) -> None:
    assert normalize_language(tag) == expected


def test_language_falls_back_to_og_locale_then_json_ld() -> None:
    page = read_page_metadata(tree('<meta property="og:locale" content="pt_BR"><p>x</p>'))
    assert page.language == "pt-BR"
    page = read_page_metadata(
        tree('<script type="application/ld+json">{"@type":"Article","inLanguage":"nl"}</script>')
    )
    assert page.language == "nl"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-30T18:04:00+01:00", "2024-10-30"),
        ("2024-03-14", "2024-03-14"),
        ("Wed, 30 Oct 2024 18:04:00 +0100", "2024-10-30"),
        ("30.10.2024, 18.04 Uhr", "2024-10-30"),
        ("2024-13-45", ""),
        ("yesterday", ""),
        ("0001-01-01T00:00:00Z", ""),
        ("2999-01-01", ""),
    ],
)
def test_normalize_date(value: str, expected: str) -> None:
    assert normalize_date(value) == expected


def test_placeholder_date_is_ignored_with_a_notice_and_the_page_exports(tmp_path: Path) -> None:
    # As five pages of the public benchmark: a CMS writes year 1 for "no date".
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
        '"headline":"A Headline","datePublished":"0001-01-01T00:00:00Z"}</script></head>'
        "<body><article><h1>A Headline</h1><p>Body text of the article.</p></article></body>"
        "</html>",
        encoding="utf-8",
    )
    result = exporter.export(page, out_dir=tmp_path, options=Options(formats=("epub",)))
    assert result.document.metadata.date == ""
    assert any(
        d.code == "html.date-ignored" and "0001-01-01T00:00:00Z" in d.message
        for d in result.diagnostics
    )
    assert (tmp_path / "page.epub").stat().st_size > 0


@pytest.mark.parametrize(
    ("head", "body", "value"),
    [
        ('<meta property="article:published_time" content="0000-00-00T00:00:00">', "", "0000"),
        ('<meta name="date" content="31.02.2024">', "", "31.02.2024"),
        ('<meta name="date" content="9999-12-31">', "", "9999-12-31"),
        (
            '<script type="application/ld+json">{"@type":"NewsArticle",'
            '"datePublished":["2019-13-45", null]}</script>',
            "",
            "2019-13-45",
        ),
        ("", '<time datetime="2019-02-30">30 February</time>', "2019-02-30"),
        ("", '<time pubdate datetime="0001-01-01T00:00:00Z">-</time>', "0001-01-01"),
    ],
)
def test_a_date_that_names_no_day_anywhere_in_a_page_is_ignored_with_a_notice(
    tmp_path: Path, head: str, body: str, value: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>T</title>{head}</head><body><article><h1>A Headline</h1>{body}"
        "<p>Body text of the article, long enough to be one.</p></article></body></html>",
        encoding="utf-8",
    )
    result = exporter.export(page, out_dir=tmp_path, options=Options(formats=("epub",)))
    assert result.document.metadata.date == ""
    (ignored,) = [d for d in result.diagnostics if d.code == "html.date-ignored"]
    assert value in ignored.message and ignored.message.endswith("names no day of publication")
    assert (tmp_path / "page.epub").stat().st_size > 0


def test_date_from_time_element_when_head_has_none() -> None:
    outcome = read_markup(
        '<article><h1>T</h1><p class="d"><time datetime="2023-05-06T10:00">6. Mai</time></p>'
        "<p>Body text.</p></article>"
    )
    assert outcome.document.metadata.date == "2023-05-06"
    assert paragraphs(outcome.document.blocks) == ["Body text."]


def page_date(head: str, body: str = "<p>Body text of the article.</p>") -> str:
    """The date the reader gives a page with ``head`` and an article of ``body``."""
    outcome = read_markup(
        f"<html><head><title>T</title>{head}</head><body><article><h1>T</h1>{body}"
        "</article></body></html>"
    )
    return outcome.document.metadata.date


@pytest.mark.parametrize(
    "head",
    [
        # names the standard leaves to others: Reuters', Sailthru's, Parse.ly's
        '<meta property="og:article:published_time" content="2019-11-19T21:57:01+0000">',
        '<meta name="sailthru.date" content="2019-11-19T21:57:01+0000">',
        '<meta name="parsely-pub-date" content="2019-11-19T21:57:01Z">',
    ],
)
def test_a_date_under_another_name_in_the_head_is_the_date(head: str) -> None:
    assert page_date(head) == "2019-11-19"


def test_the_address_dates_the_page_before_a_picture_does() -> None:
    # A stock picture's address holds the day it was uploaded, years before.
    head = (
        '<meta content="https://cdn.example.org/media/2016/04/05/Brevard/soccerball.jpg"'
        ' property="og:image">'
        '<meta content="https://news.example.org/story/sports/2019/11/20/roundup/4246736002/"'
        ' property="og:url">'
    )
    assert page_date(head) == "2019-11-20"


def test_a_page_dated_nowhere_has_no_date() -> None:
    body = "<p>On 18 November 2019 the council met; it meets again on 3 December.</p>"
    assert page_date("", body) == ""


def test_structural_fallback_when_trafilatura_finds_nothing() -> None:
    root = tree(
        "<nav><a href='/'>Home</a></nav><article><h1>Short</h1><p>Tiny page.</p></article>"
        "<footer>Footer text</footer>"
    )
    located = locate_article(root, "<p>Tiny page.</p>")
    assert located.element.tag == "article" and located.method == "the article element"


def test_densest_container_fallback() -> None:
    root = tree(
        "<div id='menu'><p>Home</p><p>About</p></div><div id='story'>"
        + "<p>A sentence long enough to count as prose in the article.</p>" * 4
        + "</div>"
    )
    assert densest_container(root).get("id") == "story"


def test_widen_to_headline_includes_the_lead_but_never_the_whole_page() -> None:
    root = tree(
        "<div id='a'><h1>T</h1><p>Lead.</p><div id='b'><p>Body.</p></div></div><h1>Other</h1>"
    )
    body = root.get_element_by_id("b")
    assert widen_to_headline(body, root.get_element_by_id("a").find("h1")).get("id") == "a"
    assert widen_to_headline(body, body_of(root)[-1]) is body


def test_normalize_heading_levels() -> None:
    blocks = (Heading(4, (Text("a"),)), BlockQuote((Heading(5, (Text("b"),)),)))
    shifted = normalize_heading_levels(blocks)
    assert shifted[0].level == 2 and shifted[1].blocks[0].level == 3


def test_tidy_scene_breaks() -> None:
    p = Paragraph((Text("x"),))
    blocks = (
        SceneBreak(),
        p,
        SceneBreak(),
        SceneBreak(),
        p,
        SceneBreak(),
        Heading(2, (Text("h"),)),
        SceneBreak(),
    )
    assert tidy_scene_breaks(blocks) == (p, SceneBreak(), p, Heading(2, (Text("h"),)))


def test_without_closing_headings() -> None:
    p = Paragraph((Text("x"),))
    related, more = Heading(2, (Text("Related"),)), Heading(3, (Text("More"),))
    assert without_closing_headings((related, p, related, more)) == ((related, p), 2)
    assert without_closing_headings((related, p)) == ((related, p), 0)
    assert without_closing_headings((related, more)) == ((related, more), 0)


def news_page(headline: str, *blocks: str) -> str:
    """A page with a site menu (chrome, so the article is looked for) and an article."""
    menu = "<nav><a href='/'>Home</a><a href='/a'>News</a><a href='/b'>Sport</a></nav>"
    return (
        f"<html><body>{menu}<article><h1>{headline}</h1>{''.join(blocks)}</article></body></html>"
    )


def long_paragraph(sentence: str) -> str:
    """A paragraph long enough for trafilatura to count it: the sentence four times."""
    return "<p>" + " ".join([sentence] * 4) + "</p>"


def test_a_heading_left_with_nothing_under_it_goes() -> None:
    outcome = read_markup(
        news_page(
            "Seals return",
            long_paragraph("Harbour seals are back on the North Sea coast, the wardens said."),
            "<h2>The count</h2>",
            long_paragraph("They counted more pups on the sandbanks than in any year before."),
            "<h2>Seal pups Gallery</h2><p>Photo: Jane Roe/AP</p>",
        )
    )
    assert [plain_text(h.children) for h in headings(outcome.document.blocks)] == ["The count"]
    assert all_text(outcome).endswith("than in any year before.")
    (dropped,) = [d for d in outcome.diagnostics if d.code == "html.chrome-dropped"]
    assert "picture credit, heading closing the article" in dropped.message


def test_image_source_prefers_real_source_over_placeholder() -> None:
    img = lambda attrs: body_of(tree(f"<img {attrs}>"))[0]  # noqa: E731
    assert image_source(img('src="a.png" data-src="b.png"')) == "a.png"
    assert image_source(img('src="data:image/gif;base64,R0lG" data-src="b.png"')) == "b.png"
    assert image_source(img('srcset="c.png 1x, d.png 2x"')) == "c.png"


@pytest.mark.parametrize(
    ("href", "target"),
    [
        ("https://a.example/x", "https://a.example/x"),
        ("//cdn.example/x", "https://cdn.example/x"),
        ("/y", "https://base.example/y"),
        ("javascript:alert(1)", ""),
        ("#top", ""),
        ("mailto:", ""),
        ("ftp://files.example/z", ""),
        ("data:text/html,hi", ""),
    ],
)
def test_link_target(href: str, target: str) -> None:
    assert link_target(href, "https://base.example/a/b") == target


def test_trafilatura_finds_the_story_in_div_soup() -> None:
    """No article or main element, and a promotional rail whose one box holds
    more text than any one story block: the densest-box rule would take the
    rail; trafilatura takes the story."""
    story = "".join(
        f'<div class="blk"><p>Absatz {i}: Die Gemeinde Quellental stritt monatelang über den'
        " neuen Brunnen am Marktplatz, bis der Rat im Frühjahr einlenkte.</p></div>"
        for i in range(8)
    )
    rail = (
        '<div class="rail"><div class="box"><p>'
        + "Unser Verlag steht seit hundert Jahren für unabhängigen Journalismus. " * 5
        + "</p><p>"
        + "Werden Sie jetzt Teil unserer Gemeinschaft mit einem Digitalabo. " * 5
        + "</p></div></div>"
    )
    page = (
        '<html lang="de"><body><nav><a href="/">Start</a></nav><div id="wrap"><div class="col">'
        f'<h1>Der Brunnenstreit</h1><div class="story">{story}</div></div>{rail}</div>'
        "</body></html>"
    )
    outcome = read_markup(page)
    assert [p.split(":")[0] for p in paragraphs(outcome.document.blocks)] == [
        f"Absatz {i}" for i in range(8)
    ]
    assert "Verlag" not in all_text(outcome) and "Digitalabo" not in all_text(outcome)
    assert outcome.document.metadata.title == "Der Brunnenstreit"
    assert any(m.startswith("article found by trafilatura") for m in messages(outcome))
    assert densest_container(tree(page)).get("class") == "box"  # why trafilatura is needed


def test_time_without_datetime_keeps_its_text() -> None:
    root = tree("<article><p><time>Gestern</time></p><p>Text.</p></article>")
    article = body_of(root)[0]
    assert remove_datelines(article) == {}
    assert "Gestern" in article.text_content()


def test_xml_lang_alone_sets_the_language() -> None:
    page = read_page_metadata(tree('<html xml:lang="it"><body><p>Ciao.</p></body></html>'))
    assert page.language == "it"


def test_malformed_urls_are_plain_text_not_a_crash() -> None:
    outcome = read_markup(
        "<p><a href='http://[::1'>broken link</a> and text.</p><img src='http://[::1/x.png'>"
    )
    (para,) = outcome.document.blocks
    assert para.children == (Text("broken link and text."),)
    assert [d.code for d in outcome.diagnostics if d.level == "warning"] == ["images.unusable"]


def test_text_nested_deeper_than_libxml2s_limit_is_kept() -> None:
    """libxml2 drops text below 256 levels unless told otherwise; broken pages
    with hundreds of unclosed divs get there."""
    page = "<body>" + "<div><b>" * 400 + "<p>Tief <i>drin</i>.</p>" + "</b></div>" * 400
    outcome = read_markup(page + "<p>Danach.</p></body>")
    assert paragraphs(outcome.document.blocks) == ["Tief drin.", "Danach."]
    assert any(d.code == "html.flattened" for d in outcome.diagnostics)


def deep_page(depth: int, opening: str, closing: str, *, paragraphs: bool) -> tuple[str, list[str]]:
    """A news page with site chrome whose article ends in markup nested
    ``depth`` levels deep, with text every fifth level; and its article's words."""
    lead = [f"lead{n}" for n in range(600)]
    deep = [f"deep{n}" for n in range(depth // 5 * 8)]
    parts = [
        "<html><head><title>Deep page</title></head><body>",
        '<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>',
        "<main><article><h1>The deep page</h1>",
        *(f"<p>{' '.join(lead[n : n + 40])}.</p>" for n in range(0, len(lead), 40)),
    ]
    for level in range(depth):
        parts.append(opening)
        if level % 5 == 0:
            text = " ".join(deep[level // 5 * 8 : level // 5 * 8 + 8]) + "."
            parts.append(f"<p>{text}</p>" if paragraphs else text)
    parts.append(closing * depth)
    parts.append("</article></main><footer><p>Copyright 2026 Example News</p></footer>")
    return "".join(parts) + "</body></html>", lead + deep


@pytest.mark.parametrize(
    ("opening", "closing", "in_paragraphs"),
    [
        ("<div>", "</div>", True),
        ("<div>", "</div>", False),
        ("<font>", "</font>", False),
        ("<span><b>", "</b></span>", False),
        ("<blockquote>", "</blockquote>", True),
    ],
)
def test_every_word_nested_thousands_of_levels_deep_is_kept(
    opening: str, closing: str, in_paragraphs: bool
) -> None:
    """trafilatura reads no text below libxml2's 256 levels, nor text in runs
    of inline elements: the flattened part of the page is kept whole."""
    page, expected = deep_page(3000, opening, closing, paragraphs=in_paragraphs)
    outcome = read_markup(page)
    assert missing_in_order(expected, words(all_text(outcome))) == []
    (flattened,) = [d for d in outcome.diagnostics if d.code == "html.flattened"]
    assert flattened.message.endswith("(broken markup); their text is kept")
    assert not [d for d in outcome.diagnostics if d.code == "html.unextracted"]


def page_with_pictures(place: str) -> tuple[str, list[str]]:
    """A news page whose article has a picture per paragraph, each of them
    at ``place`` (a folder, a URL…): inline, in a figure with its caption,
    in a figure with paragraphs beside it; and the article's words."""
    words = [f"word{n}" for n in range(400)]

    def text(start: int, count: int) -> str:
        return " ".join(words[start : start + count]) + "."

    blocks = []
    for n in range(10):
        start = n * 40
        picture = f"<img src='{place}picture{n}.png' alt='A picture'>"
        blocks.append(
            [
                f"<p>{text(start, 20)} {picture} {text(start + 20, 20)}</p>",
                f"<figure>{picture}<figcaption>{text(start, 12)}</figcaption></figure>"
                f"<p>{text(start + 12, 28)}</p>",
                f"<figure><a href='{place}large{n}.png'>{picture}</a>"
                f"<p>{text(start, 20)}</p><p>{text(start + 20, 20)}</p></figure>",
                f"<p>{text(start, 40)}</p><p><picture><source srcset='{place}p{n}.webp'>"
                f"{picture}</picture></p>",
            ][n % 4]
        )
    page = (
        "<html><head><title>Night trains | Example News</title>"
        f"<link rel='stylesheet' href='{place}site.css'></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<main><article><h1>The night trains</h1>{''.join(blocks)}</article></main>"
        "<footer><p>Copyright 2026 Example News</p></footer></body></html>"
    )
    return page, words


@pytest.mark.parametrize(
    "place", ["../shared/", "https://cdn.example.com/", "file:///srv/pictures/", "/srv/pictures/"]
)
def test_pictures_outside_the_folder_go_with_their_captions_and_every_other_word_stays(
    tmp_path: Path, place: str
) -> None:
    folder = tmp_path / "page"
    folder.mkdir()
    page, expected = page_with_pictures(place)
    outcome = read_markup(page, folder)
    # the figcaptions (every fourth picture's, from the second): they would
    # describe nothing the reader sees; the paragraphs beside a picture stay
    captions = {f"word{n * 40 + k}" for n in range(1, 10, 4) for k in range(12)}
    text = words(all_text(outcome))
    assert missing_in_order([w for w in expected if w not in captions], text) == []
    assert not captions & set(text)
    assert outcome.document.resources == ()
    (warned,) = [d for d in outcome.diagnostics if d.code == "images.not-embedded"]
    assert warned.message.startswith("left out 10 images not in the input's folder")
    (dropped,) = [d for d in outcome.diagnostics if d.code == "html.chrome-dropped"]
    assert "3 captions of pictures left out" in dropped.message
    # every word, captions too, where the pictures are in the page's folder, and shown
    (folder / "pictures").mkdir()
    for n in range(10):
        (folder / "pictures" / f"picture{n}.png").write_bytes(png_bytes())
    local = read_markup(page_with_pictures("pictures/")[0], folder)

    def article_words(read: Outcome) -> list[str]:
        return [word for word in words(all_text(read)) if word.startswith("word")]

    assert missing_in_order(expected, article_words(local)) == []
    assert len(local.document.resources) == 1  # the same picture, embedded once


def test_a_code_listing_in_a_figure_stays_as_static_sites_set_it() -> None:
    outcome = read_markup(
        news_page(
            "Counting seals with Python",
            long_paragraph("We wrote a small script to count the seals in the survey photos."),
            "<figure class='highlight'><pre><code class='language-python'>def count(photo):\n"
            "    return len(find_seals(photo))\n</code></pre></figure>",
            long_paragraph("The script runs in a few seconds per photo on a laptop."),
        )
    )
    (code,) = [b for b in outcome.document.blocks if isinstance(b, CodeBlock)]
    assert "return len(find_seals(photo))" in code.text


def test_inline_element_around_blocks_is_split_like_a_browser() -> None:
    outcome = read_markup(
        '<a href="https://x.example/story"><div><h3>Card title</h3><p>Card text.</p></div></a>'
        "<p>Normal <b>bold</b> text.</p>"
    )
    assert heading_outline(outcome.document.blocks) == [(2, "Card title")]
    assert paragraphs(outcome.document.blocks) == ["Card text.", "Normal bold text."]


@pytest.mark.parametrize(
    ("head", "html"),
    [
        (b"<!DOCTYPE html><html><body>", True),
        (b"\xef\xbb\xbf\n  <html lang='de'>", True),
        (b"<!-- saved from url=(0042)https://example.com/ -->\r\n<!DOCTYPE html>", True),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
        ("<!doctype html>".encode("utf-16"), True),
        (b'<p align="center"><img src="logo.png"></p>\n\n# Project', False),
        (b"<div>Raw HTML in Markdown</div>", False),
        (b"# Heading\n\nText with <html> mentioned.", False),
        (b"<htmlish>", False),
    ],
)
def test_looks_like_html(head: bytes, html: bool) -> None:
    assert looks_like_html(head) is html


def test_huge_pages_skip_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura takes minutes on a syntax-highlighted listing with a span
    per token; above the element limit the structural rules decide alone."""
    monkeypatch.setattr(content, "MAX_TRAFILATURA_ELEMENTS", 10)
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><main><h1>Listing</h1><pre>"
        + "".join(f"<span class='kw'>token{i}</span> " for i in range(40))
        + "</pre></main></body></html>"
    )
    outcome = read_markup(page)
    assert "article found by the main element: <main>" in messages(outcome)
    (code,) = outcome.document.blocks
    assert isinstance(code, CodeBlock) and code.text.startswith("token0 token1")


def test_page_header_and_footer_go_even_when_the_article_is_the_whole_body() -> None:
    outcome = read_markup(
        "<html><body><header>SiteHeaderWords</header><div><p>Only a short text.</p></div>"
        "<footer>SiteFooterWords</footer></body></html>"
    )
    assert paragraphs(outcome.document.blocks) == ["Only a short text."]


def test_a_popup_is_never_the_article() -> None:
    """On a page with next to no text (an mdBook chapter stub), trafilatura
    settles for the keyboard-help popup; the structural rules find main."""
    page = (
        '<html><body><div id="book-help-popup"><h2>Keyboard shortcuts</h2>'
        "<p>Press <kbd>←</kbd> or <kbd>→</kbd> to navigate between chapters</p>"
        "<p>Press <kbd>S</kbd> or <kbd>/</kbd> to search in the book</p>"
        "<p>Press <kbd>?</kbd> to show this help</p><p>Press <kbd>Esc</kbd> to hide this help</p>"
        '</div><nav class="sidebar"><a href="/a">Chapter</a></nav>'
        "<main><h1>Rust 2024</h1><p>Short.</p></main></body></html>"
    )
    outcome = read_markup(page)
    assert paragraphs(outcome.document.blocks) == ["Short."]
    assert outcome.document.metadata.title == "Rust 2024"
    assert "article found by the main element: <main>" in messages(outcome)


# --- a page whose boxes, lists and comments stand inside the article ---------------------

#: Every paragraph of the harbour-seals page's article, in order; the page
#: holds a newsletter box, a list of other stories, a note on the writer and
#: a comment thread inside the article's own element, and no class name that
#: says chrome.
SEALS_PARAGRAPHS = [
    "Wardens counting harbour seals from a low-flying plane over the Wadden Sea this summer"
    " found more pups than in any year since the survey began in 1975, a sign that the colony"
    " has recovered from the virus outbreaks that halved it twice.",
    "The survey, flown each August over the sandbanks between Den Helder and Esbjerg, counted"
    " just over nine thousand pups, about a tenth more than last year. Biologists had expected"
    " the numbers to level off after a decade of steady growth.",
    "“We keep waiting for the curve to flatten, and it keeps climbing,” said Marten de Wit, who"
    " has flown the survey for eighteen years. He credits cleaner water and the closure of large"
    " parts of the sandbanks to boats during the pupping season.",
    "The seals have not always fared so well. In 1988 and again in 2002 a distemper virus swept"
    " through the colony, killing more than half of the animals within weeks. Hunting, banned in"
    " the 1960s, had already reduced the population to a few thousand.",
    "Not everyone welcomes the recovery. Fishermen on the islands say the seals follow their"
    " nets, and some have asked for a limited cull. The governments of the three countries that"
    " share the Wadden Sea have so far refused.",
    "For now, the wardens say, the greatest threat is disturbance. A seal mother chased off a"
    " sandbank by a speedboat may abandon her pup, and every summer volunteers find dozens of"
    " them alone on the beaches.",
]

#: Words only the boxes, lists, notes and comments around the article use.
SEALS_DEBRIS_WORDS = [
    "Tide Table", "Sign me up", "More from Nature", "Oystercatchers", "covers the coast",
    "All her stories", "replies", "Sandbank Sally", "grandfather", "Privacy", "Weather",
]  # fmt: skip


@pytest.fixture(scope="module")
def seals() -> Outcome:
    return read_file(FIXTURES / "harbour-seals.en.html")


def test_seals_every_article_paragraph_in_order_and_nothing_else(seals: Outcome) -> None:
    assert paragraphs(seals.document.blocks) == SEALS_PARAGRAPHS
    headings = [b for b in seals.document.blocks if isinstance(b, Heading)]
    assert [plain_text(h.children) for h in headings] == ["A colony that nearly vanished"]


@pytest.mark.parametrize("debris", SEALS_DEBRIS_WORDS)
def test_seals_no_debris_word(seals: Outcome, debris: str) -> None:
    assert debris not in all_text(seals)


def test_seals_metadata_and_what_was_dropped_is_said(seals: Outcome) -> None:
    meta = seals.document.metadata
    assert meta.title == "Harbour seals return to the Wadden Sea in record numbers"
    assert meta.authors == ("Ingrid Vos",)
    assert meta.subtitle == "Counters found more pups than in any year since the survey began."
    dropped = next(m for m in messages(seals) if m.startswith("dropped site chrome"))
    for part in ("call to action", "comment thread", "note about the author"):
        assert part in dropped


def test_other_articles_listed_after_the_page_s_own_are_left_out() -> None:
    others = "".join(
        f"<article class='post'><h2><a href='/p{n}'>Other post {n}</a></h2>"
        f"<p>An excerpt of the other post number {n}, about the tides and the herons.</p>"
        "</article>"
        for n in range(3)
    )
    page = (
        "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<div id='primary'><article class='post'><h1>Seals return</h1>"
        "<p>Wardens counting harbour seals from a plane found more pups than in any year"
        " since the survey began in 1975, and the colony has recovered from two epidemics.</p>"
        f"</article>{others}</div><footer>© The Courier</footer></body></html>"
    )
    document = read(Source(page.encode(), "page.html")).document
    text = " ".join(plain_text(block.children) for block in document.blocks)
    assert "Wardens counting harbour seals" in text
    assert "Other post" not in text and "excerpt" not in text


def test_an_article_holding_only_the_headline_leaves_the_story_beside_it() -> None:
    story = "".join(
        f"<p>Paragraph {n}: wardens counting harbour seals from a plane found more pups than"
        " in any year since the survey began in 1975.</p>"
        for n in range(4)
    )
    page = (
        "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<main><article class='head'><h1>Seals return</h1></article>"
        f"<article class='body'>{story}</article></main><footer>© The Courier</footer>"
        "</body></html>"
    )
    document = read(Source(page.encode(), "page.html")).document
    text = " ".join(plain_text(block.children) for block in document.blocks)
    assert all(f"Paragraph {n}:" in text for n in range(4))


def test_control_characters_from_character_references_are_dropped() -> None:
    # "&#xFFFE;" decodes after the text's controls were dropped; XML (the EPUB
    # and the PDF's layout) cannot hold it.
    outcome = read(
        Source(
            b"<html><body><p>Nacht&#xFFFE;zug&#x1; nach Wien, und weiter.</p>"
            b"<p>Ein Absatz&#xFFFF; mehr.</p></body></html>",
            "page.html",
        )
    )
    assert " ".join(block_texts(outcome.document.blocks)).split() == [
        "Nachtzug",
        "nach",
        "Wien,",
        "und",
        "weiter.",
        "Ein",
        "Absatz",
        "mehr.",
    ]
