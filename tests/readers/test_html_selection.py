"""Which blocks of the article container are kept: trafilatura's choice, block by block."""

from __future__ import annotations

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from exporter.readers.html.content import (
    extracted_texts,
    trafilatura_container,
    trafilatura_extraction,
)
from exporter.readers.html.parse import visible_text
from exporter.readers.html.selection import (
    Extraction,
    captions_image,
    captions_local_image,
    keep_extracted,
    take_standfirst,
)

FIRST = (
    "Wardens counting harbour seals from a plane found more pups than in any year since the"
    " survey began in 1975."
)
SECOND = "The survey counted just over nine thousand pups, a tenth more than last year."
BOX = "Our weekly letter brings the coast's best stories to your inbox every Friday morning."


def container(markup: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def test_a_long_block_is_kept_when_most_of_its_word_shingles_are() -> None:
    extraction = Extraction.of([FIRST, SECOND])
    assert extraction.keeps(FIRST)
    # trafilatura spaces inline elements differently, and splits blocks otherwise
    assert extraction.keeps(FIRST.replace("pups", "pups ").upper())
    assert extraction.keeps(FIRST + " " + SECOND)
    assert not extraction.keeps(BOX)


def test_a_short_block_is_kept_only_when_trafilatura_kept_exactly_that_text() -> None:
    extraction = Extraction.of([FIRST, "A colony that nearly vanished"])
    assert extraction.keeps("A colony that  nearly vanished")
    assert not extraction.keeps("Sign me up")
    assert not extraction.keeps("colony that")
    assert extraction.keeps("   ")  # no words: nothing to judge


def test_blocks_trafilatura_left_out_are_removed_and_named() -> None:
    element = container(
        f"<p>{FIRST}</p><div class='box'><p>Get the Tide Table</p><p>{BOX}</p></div><p>{SECOND}</p>"
    )
    removed = keep_extracted(element, Extraction.of([FIRST, SECOND]))
    assert removed == ["Get the Tide Table", BOX]
    assert [visible_text(p) for p in element.iter("p")] == [FIRST, SECOND]


def test_loose_text_between_blocks_is_judged_as_one_run() -> None:
    element = container(f"<p>{FIRST}</p>Share this <a href='/s'>story</a> now<p>{SECOND}</p>")
    removed = keep_extracted(element, Extraction.of([FIRST, SECOND]))
    assert removed == ["Share this story now"]
    assert "Share" not in visible_text(element) and "story now" not in visible_text(element)


def test_kept_loose_text_stays() -> None:
    element = container(f"{FIRST}<br><br>{SECOND}<div>Related: other things</div>")
    keep_extracted(element, Extraction.of([FIRST, SECOND]))
    assert FIRST in visible_text(element) and SECOND in visible_text(element)
    assert "Related" not in visible_text(element)


def test_a_byline_is_spared_for_the_byline_rules() -> None:
    element = container(f"<p>By Ingrid Vos</p><p>{FIRST}</p>")
    keep_extracted(element, Extraction.of([FIRST]), spare=lambda text: text.startswith("By "))
    assert "By Ingrid Vos" in visible_text(element)


def test_a_byline_repeated_under_a_list_of_stories_is_spared_once() -> None:
    teasers = "".join(
        f"<div><h3>Other story {n}</h3><p>By Courier Staff</p></div>" for n in range(3)
    )
    element = container(f"<p>By Courier Staff</p><p>{FIRST}</p>{teasers}")
    keep_extracted(element, Extraction.of([FIRST]), spare=lambda text: text.startswith("By "))
    assert visible_text(element).count("By Courier Staff") == 1


def test_a_table_is_judged_by_its_cells() -> None:
    table = (
        "<table><caption>Pups counted</caption><tr><th>Year</th><th>Pups</th></tr>"
        "<tr><td>2024</td><td>8,200</td></tr></table>"
    )
    element = container(f"<p>{FIRST}</p>{table}")
    cells = ["Pups counted", "Year", "Pups", "2024", "8,200"]
    assert keep_extracted(element, Extraction.of([FIRST, *cells])) == []
    assert element.find(".//table") is not None
    element = container(f"<p>{FIRST}</p>{table}")
    assert keep_extracted(element, Extraction.of([FIRST])) != []
    assert element.find(".//table") is None


def test_the_caption_of_a_picture_the_page_carries_stays() -> None:
    local = container(
        f"<p>{FIRST}</p><figure><img src='seal.jpg' alt='A seal'>"
        "<figcaption>A pup on Griend. Photo: Wim Dijk</figcaption></figure>"
    )
    keep_extracted(local, Extraction.of([FIRST]))
    assert "A pup on Griend" in visible_text(local)
    assert local.find(".//img") is not None
    remote = container(
        f"<p>{FIRST}</p><figure><img src='https://cdn.example/seal.jpg' alt='A seal'>"
        "<figcaption>A pup on Griend. Photo: Wim Dijk</figcaption></figure>"
    )
    keep_extracted(remote, Extraction.of([FIRST]))
    assert "A pup on Griend" in visible_text(remote)  # the author's words stay
    assert remote.find(".//img") is not None  # the mapper leaves it out, with a warning


def test_captions_local_image_needs_a_figure_and_a_local_picture() -> None:
    element = container("<figure><img src='data:image/png;base64,AAAA'><figcaption>x</figcaption>")
    assert captions_local_image(element.find(".//figcaption"))
    assert not captions_local_image(element.find(".//figure"))
    assert not captions_local_image(container("<p>x</p>").find("p"))
    remote = container("<figure><img src='https://x.example/a.png'><figcaption>x</figcaption>")
    assert not captions_local_image(remote.find(".//figcaption"))
    assert captions_image(remote.find(".//figcaption"))
    assert not captions_image(container("<figure><figcaption>x</figcaption>").find(".//figcaption"))


def test_nothing_is_removed_where_trafilatura_read_another_part_of_the_page() -> None:
    element = container(f"<p>{FIRST}</p><p>{SECOND}</p><p>{BOX}</p>")
    other = Extraction.of(["Some other text of the page entirely."])
    assert keep_extracted(element, other, located_by_extraction=False) == []
    assert len(list(element.iter("p"))) == 3


def test_a_standfirst_repeating_the_description_becomes_the_subtitle() -> None:
    deck = "Nine thousand pups: the colony has recovered from two epidemics at last."
    element = container(f"<div class='deck'>{deck}</div><p>{FIRST}</p>")
    assert take_standfirst(element, deck, Extraction.of([FIRST])) == deck
    assert deck not in visible_text(element)
    # cut short in the description
    element = container(f"<p>{deck}</p><p>{FIRST}</p>")
    assert take_standfirst(element, deck[:40] + "…", Extraction.of([FIRST])) == deck


def test_a_first_paragraph_given_as_the_description_stays() -> None:
    element = container(f"<p>{FIRST}</p><p>{SECOND}</p>")
    assert take_standfirst(element, FIRST, Extraction.of([FIRST, SECOND])) == ""
    assert FIRST in visible_text(element)


def test_a_standfirst_set_as_a_heading_is_one_even_when_trafilatura_kept_it() -> None:
    deck = "Nine thousand pups: the colony has recovered from two epidemics at last."
    element = container(f"<h2>{deck}</h2><p>{FIRST}</p>")
    assert take_standfirst(element, deck, Extraction.of([deck, FIRST])) == deck


def test_a_first_paragraph_in_drupal_s_body_field_is_no_standfirst() -> None:
    # Drupal names its body field's type "text with summary": no standfirst
    body = "<div class='field field-type-text-with-summary'><p>{}</p><p>{}</p></div>"
    element = container(body.format(FIRST, SECOND))
    assert take_standfirst(element, FIRST, Extraction.of([FIRST, SECOND])) == ""
    assert FIRST in visible_text(element)
    # a summary named as such is one
    element = container(f"<div class='article__summary'>{FIRST}</div><p>{SECOND}</p>")
    assert take_standfirst(element, FIRST, Extraction.of([FIRST, SECOND])) == FIRST


def test_a_table_of_numbers_is_kept_though_one_figure_cells_are_not_blocks() -> None:
    # trafilatura's blocks leave out one-character cells ("1", "0")
    rows = "".join(
        f"<tr><td>{i}</td><td>Driver {i}</td><td>{4000 - 37 * i}</td></tr>" for i in range(1, 10)
    )
    element = container(f"<p>{FIRST}</p><table>{rows}</table>")
    cells = [text for i in range(1, 10) for text in (f"Driver {i}", str(4000 - 37 * i))]
    assert keep_extracted(element, Extraction.of([FIRST, *cells])) == []
    assert element.find(".//table") is not None


def test_the_container_holds_one_copy_of_a_story_the_page_repeats() -> None:
    # A page that repeats the story below it as one run of loose text (a print
    # copy) must not pull the container up around both copies.
    paragraphs = [FIRST, SECOND, BOX.replace("Our weekly letter", "The colony")]
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = lxml.html.document_fromstring(
        f"<html><body><div id='outer'><div id='story'>{story}</div>"
        f"{' '.join(paragraphs)}</div></body></html>"
    )
    found = trafilatura_container(page, Extraction.of(paragraphs))
    assert found is not None and found.get("id") == "story"


def test_text_trafilatura_leaves_loose_after_a_heading_counts_as_kept() -> None:
    body = lxml.etree.fromstring(
        f"<body><head rend='h2'>Pups</head>{FIRST}<p>{SECOND}</p>"
        "<p>A <hi>word</hi> in a paragraph</p></body>"
    )
    assert list(extracted_texts(body)) == ["Pups", FIRST, SECOND, "A word in a paragraph"]


def test_text_trafilatura_leaves_loose_between_paragraphs_counts_as_kept() -> None:
    # A subheading set as <strong> between paragraphs: trafilatura's text
    # output prints it, its body leaves it as a paragraph's tail.
    body = lxml.etree.fromstring(
        f"<body><p>{FIRST}</p>Counting from the air<p>{SECOND}</p>"
        "<list><item>One</item></list>A closing line</body>"
    )
    assert list(extracted_texts(body)) == [
        FIRST,
        "Counting from the air",
        SECOND,
        "One",
        "A closing line",
    ]
    page = container(f"<p>{FIRST}</p><strong>Counting from the air</strong><br><p>{SECOND}</p>")
    assert keep_extracted(page, Extraction.of(extracted_texts(body))) == []
    assert "Counting from the air" in visible_text(page)


def test_paragraphs_of_a_story_split_into_chunks_stay_though_trafilatura_read_one_chunk() -> None:
    first_chunk = [
        FIRST,
        SECOND,
        "Most pups were born on the sandbanks east of the island, far from the ferry routes.",
    ]
    second_chunk = [
        "Counting from the air began when the colony had fallen to a few hundred animals.",
        "The wardens will fly again in August, when the grey seals moult on the same banks.",
    ]

    def chunk(paragraphs: list[str]) -> str:
        inner = "".join(f"<p>{p}</p>" for p in paragraphs)
        return f"<div class='chunk'><div class='body-text'>{inner}</div></div>"

    element = container(
        chunk(first_chunk)
        + "<div class='ad'>Advertisement</div>"
        + chunk(second_chunk)
        + f"<div class='newsletter'><div class='box'><p>{BOX}</p></div></div>"
        + "<div class='chunk'><div class='body-text'><p>Wardens on Griend (Photo)</p></div></div>"
    )
    removed = keep_extracted(element, Extraction.of(first_chunk))
    text = visible_text(element)
    assert all(p in text for p in first_chunk + second_chunk)
    # a paragraph marked up otherwise, and a chunk's line that is no prose, still go
    assert removed == ["Advertisement", BOX, "Wardens on Griend (Photo)"]


def test_a_lead_standing_loose_before_the_first_picture_stays() -> None:
    # paragraphs parted by line breaks; trafilatura skips the run before the
    # first block (the picture's caption)
    caption = "<center><em>Harbour seals on Griend</em></center>"
    element = container(
        f"<div class='content'>{FIRST}<br><br><img src='s.jpg'>{caption}<br>{SECOND}"
        "<div class='ad'>Advertisement</div>Follow us<br><br></div>"
    )
    removed = keep_extracted(element, Extraction.of([SECOND]))
    assert visible_text(element) == f"{FIRST}{SECOND}"
    # a run that is no prose still goes, as does all loose text where none was kept
    assert removed == ["Harbour seals on Griend", "Advertisement", "Follow us"]
    element = container(f"<div>{FIRST}<div>{SECOND}</div></div>")
    assert keep_extracted(element, Extraction.of([SECOND])) == [FIRST]


def test_loose_text_after_a_block_that_goes_goes_too() -> None:
    # dropping the block moves its tail, the loose text, to its neighbour
    element = container(
        f"<p>{FIRST}</p><div class='ad'>Advertisement</div>Follow us<p>{SECOND}</p>"
    )
    assert keep_extracted(element, Extraction.of([FIRST, SECOND])) == ["Advertisement", "Follow us"]
    assert visible_text(element) == FIRST + SECOND


def test_what_a_figure_shows_besides_a_picture_is_never_judged() -> None:
    # trafilatura drops a figure's code listing and caption; the table stays
    code = "<pre><code>def count(photo):\n    return len(find_seals(photo))</code></pre>"
    caption = "<figcaption>Table 1: pups counted</figcaption>"
    table = "<table><tr><td>Griend</td><td>9,000 pups</td></tr></table>"
    element = container(
        f"<p>{FIRST}</p><figure class='highlight'>{code}</figure>"
        f"<figure>{table}{caption}</figure><p>{SECOND}</p>"
    )
    assert keep_extracted(element, Extraction.of([FIRST, SECOND, "Griend", "9,000 pups"])) == []
    assert "find_seals" in visible_text(element) and "Table 1" in visible_text(element)


def test_subheadings_over_kept_prose_stay_where_trafilatura_kept_paragraphs_only() -> None:
    markup = (
        f"<p>{FIRST}</p><h2>A colony that nearly vanished</h2><p>{SECOND}</p>"
        "<h3>More from the coast</h3><p>May 15, 2017</p>"
        f"<h2><a href='/a'>Seals</a> <a href='/b'>Birds</a></h2><p>{FIRST}</p>"
    )
    # trafilatura's fallback extractors give paragraphs only (no heading,
    # no list), leaving the story's subheadings out with the boxes
    fallback = Extraction.of([FIRST, SECOND, "May 15, 2017"], paragraphs_only=True)
    element = container(markup)
    removed = keep_extracted(element, fallback)
    assert [visible_text(h) for h in element.iter("h2", "h3")] == ["A colony that nearly vanished"]
    # a headline over a date, and one of links, still go
    assert removed == ["More from the coast", "Seals Birds"]
    # where trafilatura read the structure, the heading it left out goes
    element = container(markup)
    keep_extracted(element, Extraction.of([FIRST, SECOND, "May 15, 2017"]))
    assert not list(element.iter("h2", "h3"))


def test_an_extraction_says_whether_trafilatura_gave_paragraphs_only() -> None:
    paragraphs = "".join(f"<p>Paragraph {n}: {FIRST}</p>" for n in range(6))
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article>{}</article>"
        "<footer>© 2024 The Coast</footer></body></html>"
    )
    structured = trafilatura_extraction(
        page.format(f"{paragraphs}<h2>A colony that nearly vanished</h2>{paragraphs}")
    )
    assert structured is not None and not structured.paragraphs_only
    plain = trafilatura_extraction(page.format(paragraphs + paragraphs))
    assert plain is not None and plain.paragraphs_only
