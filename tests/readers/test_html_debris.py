"""The article's own debris, removed block by block: one example per rule."""

from __future__ import annotations

import lxml.html
import pytest
from lxml.html import HtmlElement

from exporter.readers.html.chrome import (
    is_time_stamp,
    remove_debris,
    remove_debris_leaving_text,
    remove_link_teasers,
)
from exporter.readers.html.parse import visible_text

TEXT = "The survey counted just over nine thousand pups, a tenth more than last year."
MORE = "Fishermen on the islands say the seals follow their nets and ask for a cull."


def article(markup: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def test_a_credit_a_teaser_line_and_the_headline_again_go() -> None:
    content = article(
        f"<p>{TEXT}</p><p>Photo: Getty Images</p><p>Read more: Seals in the Baltic</p>"
        f"<p>Harbour seals return</p><p>{MORE}</p>"
    )
    removed = remove_debris(content, "Harbour seals return")
    assert removed == {"credit": 1, "teaser line": 1, "repeated headline": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_a_picture_placeholder_and_a_reading_time_go() -> None:
    content = article(f"<p>5 min read</p><p>{TEXT}</p><p>Image</p><p>{MORE}</p>")
    assert remove_debris(content, "") == {"reading time": 1, "page label": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_a_call_to_action_goes_with_its_small_box() -> None:
    content = article(
        f"<p>{TEXT}</p><div class='box'><h3>The Tide Table</h3>"
        "<p>Sign up for our letter, every Friday in your inbox.</p></div>"
        f"<p>{MORE}</p>"
    )
    assert remove_debris(content, "") == {"call to action": 1}
    assert "Tide Table" not in visible_text(content)
    assert MORE in visible_text(content)


def test_an_article_that_is_all_debris_is_kept_whole() -> None:
    # Found by the long fuzz run: an article of one short paragraph that
    # mentions a newsletter lost it, and the page was refused as empty.
    line = "Ten years of the seal count, told in our newsletter"
    page = lxml.html.fromstring(f"<html><body><article><p>{line}</p></article></body></html>")
    content, removed = remove_debris_leaving_text(page.find(".//article"), "")
    assert removed == {}
    assert visible_text(content) == line
    assert content.getparent() is page.find("body")


def test_debris_goes_when_the_article_keeps_text() -> None:
    page = lxml.html.fromstring(
        f"<html><body><article><p>{TEXT}</p><p>Sign up for our newsletter</p>"
        "</article></body></html>"
    )
    content, removed = remove_debris_leaving_text(page.find(".//article"), "")
    assert removed == {"call to action": 1}
    assert visible_text(content) == TEXT


@pytest.mark.parametrize(
    "head", ["<h3>2 comments</h3>", "<p><a href='#c'>[ 167 comments ]</a></p>"]
)
def test_a_comment_section_head_takes_the_comments_after_it(head: str) -> None:
    story = f"<p>{TEXT}</p><p>{MORE}</p>" * 2
    content = article(f"{story}<div>{head}<p>Great story!</p><p>Not for fishermen.</p></div>")
    assert remove_debris(content, "") == {"comment thread": 1}
    assert visible_text(content) == f"{TEXT}{MORE}" * 2


def test_a_comment_count_above_the_story_goes_alone() -> None:
    """Beside the byline, "[ 12 comments ]" links to the comments below."""
    content = article(f"<p><a href='#c'>[ 12 comments ]</a></p><p>{TEXT}</p><p>{MORE}</p>")
    assert remove_debris(content, "") == {"comment count": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_debris_standing_loose_between_blocks_goes_alone() -> None:
    content = article(
        f"<section><p>{TEXT}</p>Sign up for our letter, every Friday in your inbox.<p>{MORE}</p>"
        "</section>"
    )
    assert remove_debris(content, "") == {"call to action": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_a_note_about_the_author_at_the_end_goes() -> None:
    note = "Ingrid Vos covers the coast and the islands for the Courier."
    content = article(f"<p>{TEXT}</p><p>{MORE}</p><p>{note}</p>")
    assert remove_debris(content, "", ("Ingrid Vos",)) == {"author note": 1}
    # not in the middle, and not someone else
    content = article(f"<p>{note}</p><p>{TEXT}</p><p>{MORE}</p><p>{TEXT}</p>")
    assert remove_debris(content, "", ("Ingrid Vos",)) == {}
    content = article(f"<p>{TEXT}</p><p>{note}</p>")
    assert remove_debris(content, "", ("Jane Roe",)) == {}
    content = article(f"<section><p>{TEXT}</p><p>{MORE}</p>{note}</section>")  # loose
    assert remove_debris(content, "", ("Ingrid Vos",)) == {"author note": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_a_picture_goes_with_its_caption_and_stays_with_it() -> None:
    # The book leaves a picture on the network out (it fetches nothing): its
    # caption would describe nothing the reader sees, and goes with it.
    content = article(
        f"<p>{TEXT}</p><figure><img src='https://cdn.example/seal.jpg'>"
        "<figcaption>A pup on Griend</figcaption><p>Photo: Wim Dijk/ANP</p></figure>"
    )
    assert remove_debris(content, "") == {"stray caption": 1, "credit": 1}
    assert visible_text(content) == TEXT
    # a picture the page carries itself shows, with its caption and credit
    local = article(
        "<figure><img src='seal.jpg'><figcaption>A pup on Griend</figcaption>"
        "<p>Photo: Wim Dijk/ANP</p></figure>"
    )
    assert remove_debris(local, "") == {}
    assert "A pup on Griend" in visible_text(local)
    # as the book will show it or not, wherever it is
    outside = "<figure><img src='../seal.jpg'><figcaption>A pup on Griend</figcaption></figure>"
    content = article(f"<p>{TEXT}</p>{outside}")
    assert remove_debris(content, "", shown=lambda src: False) == {"stray caption": 1}
    content = article(f"<p>{TEXT}</p>{outside}")
    assert remove_debris(content, "", shown=lambda src: True) == {}


def test_a_caption_named_as_one_goes_with_its_picture_text_beside_it_stays() -> None:
    content = article(
        f"<figure><img src='https://cdn.example/seal.jpg'><div class='Figure-caption'>"
        "A pup on Griend</div><div class='Figure-credit'>(Wadden Trust)</div>"
        f"<p>{MORE}</p></figure><p>{TEXT}</p>"
    )
    assert remove_debris(content, "") == {"stray caption": 2}
    assert visible_text(content) == f"{MORE}{TEXT}"


def test_the_caption_of_an_embed_the_book_leaves_out_goes() -> None:
    content = article(
        f"<p>{TEXT}</p><figure><iframe src='https://video.example/x'></iframe>"
        "<figcaption>Pups on Griend, filmed by the warden</figcaption></figure>"
    )
    assert remove_debris(content, "") == {"stray caption": 1}


@pytest.mark.parametrize(
    "shown",
    [
        "<table><tr><td>Griend</td><td>9,000 pups</td></tr></table>",
        "<pre><code>count(photo)</code></pre>",
        "<blockquote><p>The seals are back.</p></blockquote>",
    ],
)
def test_the_caption_of_a_table_a_listing_or_a_quote_stays(shown: str) -> None:
    content = article(
        f"<p>{TEXT}</p><figure>{shown}<figcaption>Jane Roe, 2019</figcaption></figure>"
    )
    assert remove_debris(content, "") == {}
    assert "Jane Roe, 2019" in visible_text(content)


def test_links_loose_between_blocks_never_take_their_holder_along() -> None:
    # Each link stands loose in a box that also holds a short paragraph of
    # the story: judged by the box's links, two "headline links" took the box.
    box = (
        "<div><a href='/a'>Oystercatchers lose their feeding beds</a><hr>"
        "<a href='/b'>Why the salt marsh keeps growing</a><p>Pups: 9,000.</p></div>"
    )
    content = article(f"<p>{TEXT}</p>{box}<p>{MORE}</p>")
    remove_link_teasers(content)
    assert "Pups: 9,000." in visible_text(content)


def test_a_quote_is_never_debris() -> None:
    content = article("<blockquote><p>Sign up for our letter, every Friday.</p></blockquote>")
    assert remove_debris(content, "") == {}


def test_runs_of_headline_links_go_a_single_link_line_stays() -> None:
    content = article(
        f"<p>{TEXT}</p>"
        "<p><a href='/a'>Oystercatchers lose their feeding beds</a></p>"
        "<p><a href='/b'>Why the salt marsh keeps growing</a></p>"
        f"<p>{MORE}</p><p><a href='/buy'>Get the field guide for $12</a></p>"
    )
    assert remove_link_teasers(content) == {"link teasers": 1}
    assert "Oystercatchers" not in visible_text(content)
    assert "field guide" in visible_text(content)


def test_a_list_of_stories_each_with_its_summary_goes() -> None:
    stories = "".join(
        f"<p><a href='/s{n}'>Other story number {n}</a></p><p>What happened in story {n}</p>"
        for n in range(3)
    )
    content = article(f"<p>{TEXT}</p>{stories}<p>{MORE}</p>")
    assert remove_link_teasers(content) == {"link teasers": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_a_short_paragraph_after_a_list_of_links_stays() -> None:
    content = article(
        f"<p>{TEXT}</p><p><a href='/a'>Oystercatchers lose their beds</a></p>"
        "<p><a href='/b'>Why the salt marsh keeps growing</a></p>"
        "<p>Editor's note: this story was updated with the final count.</p>"
    )
    assert remove_link_teasers(content) == {"link teasers": 1}
    assert "Editor's note" in visible_text(content)


def test_the_page_s_time_stamp_goes_a_dateline_with_places_stays() -> None:
    content = article(
        f"<p>Published 18 November 2024</p><p>Texel, 17 November 2024</p><p>{TEXT}</p>"
        f"<p>Updated: November 19, 2024</p><p>{MORE}</p>"
        "<p>It was published 18 November 2024 in the journal.</p>"
    )
    assert remove_debris(content, "") == {"dateline": 2}
    text = visible_text(content)
    assert "Published 18" not in text and "Updated" not in text
    assert "Texel, 17 November 2024" in text and "It was published" in text


@pytest.mark.parametrize(
    ("stamp", "debris"),
    [
        ("UPDATED: Tue., Nov. 19, 2019", True),  # a shortened weekday before the date
        ("Posted: Tue, Nov 19, 2019 9:01 AM", True),
        ("Updated at 1:23 p.m.", True),  # a time alone after the label
        ("Updated 2:30 PM ET", True),
        ("Updated at the council meeting", False),
        ("Sun, Nov 19, 2019", False),  # no label: perhaps the story's own dateline
    ],
)
def test_time_stamps_in_the_forms_news_pages_print(stamp: str, debris: bool) -> None:
    assert is_time_stamp(stamp) is debris


def test_a_block_of_paragraphs_broken_by_two_br_is_not_judged_as_one() -> None:
    """A sign-off and a copyright line in one ``<div>``, two ``<br>`` apart,
    are two paragraphs to the reader: the copyright line does not take the
    sign-off with it. One line break is no paragraph break."""
    signed = article(f"<p>{TEXT}</p><div>Jane Roe, Staff Writer<br><br>© 2019 Example Media</div>")
    assert remove_debris(signed, "") == {}
    assert "Jane Roe" in visible_text(signed)
    one_line = article(f"<p>{TEXT}</p><div>© 2019 Example Media<br>All rights reserved.</div>")
    assert remove_debris(one_line, "") == {"copyright line": 1}


def test_a_line_of_tags_under_the_story_goes() -> None:
    content = article(f"<p>{TEXT}</p><p>{MORE}</p><p>Tags: Seals, Wadden Sea, Fishing</p>")
    assert remove_debris(content, "") == {"tag list": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_comments_after_a_head_trafilatura_leaves_out_go_with_it() -> None:
    """trafilatura may drop a comment section's head and keep the comments
    under it, where no class name says what they are."""
    from exporter.model import plain_text
    from exporter.readers.html import read
    from exporter.source import Source

    story = "".join(f"<p>{TEXT} {MORE}</p>" for _ in range(4))
    comments = "".join(
        f"<div><p>Reader {n}</p><p>November {n}, 2019 at 3:17 pm</p><p>I saw the seals myself"
        f" last summer from the ferry, more of them than ever before, reader {n} wrote.</p></div>"
        for n in range(1, 5)
    )
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><div>"
        f"<h1>Seals return</h1>{story}<h3>4 thoughts on “Seals return”</h3>{comments}</div>"
        "</body></html>"
    )
    outcome = read(Source(page.encode("utf-8"), "page.html"))
    text = " ".join(plain_text(block.children) for block in outcome.document.blocks)
    assert "ferry" not in text and "Reader 1" not in text
    assert text.count(TEXT) == 4


def test_a_byline_standing_three_times_signs_other_stories() -> None:
    others = "".join(
        f"<p><a href='/n/{n}'>Seals seen off the coast, part {n}</a></p><p>By COURIER STAFF</p>"
        for n in range(3)
    )
    content = article(f"<p>By Jane Roe</p><p>{TEXT}</p><p>{MORE}</p>{others}")
    removed = remove_debris(content, "")
    assert removed["teaser line"] == 3
    assert "COURIER STAFF" not in visible_text(content)
    assert "By Jane Roe" in visible_text(content)  # the article's own, once


def test_a_list_of_sections_with_their_counts_of_posts_goes() -> None:
    sections = "".join(
        f"<li><a href='/c/{name.lower()}'>{name}</a> ({count})</li>"
        for name, count in (("Blog", 2), ("Community Post", 4824), ("Entertainment", 1914))
    )
    content = article(f"<p>{TEXT}</p><p>{MORE}</p><ul>{sections}</ul>")
    assert remove_debris(content, "") == {"navigation": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


def test_a_list_of_sources_with_their_years_stays() -> None:
    sources = "".join(
        f"<li><a href='https://example.org/{name}'>{name}</a> ({year})</li>"
        for name, year in (("WHO", 2019), ("CDC", 2020), ("NIH", 2021))
    )
    content = article(f"<p>{TEXT}</p><ul>{sources}</ul>")
    assert remove_debris(content, "") == {}
    assert "CDC (2020)" in visible_text(content)


def test_a_list_of_other_stories_with_excerpts_cut_short_goes() -> None:
    stories = "".join(
        f"<li><a href='/{n}'>{headline}</a> <span>{excerpt}</span></li>"
        for n, (headline, excerpt) in enumerate(
            (
                ("Ferry strike ends after two weeks", "HARLINGEN: The crews of the island…"),
                (
                    "Dike repairs start in spring",
                    "GRONINGEN: Work on the sea wall will begin as...",
                ),
                ("New harbour master named", "DEN HELDER: The town council has chosen a"),
            )
        )
    )
    content = article(f"<p>{TEXT}</p><ul>{stories}</ul><p>{MORE}</p>")
    assert remove_debris(content, "") == {"link teasers": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"


@pytest.mark.parametrize(
    "items",
    [
        # the article's own links with notes, ending as they like
        (
            "<a href='/a'>Dashlane</a>: a password manager, free for one device…",
            "<a href='/b'>1Password</a>: for families, $5 a month",
            "<a href='/c'>Bitwarden</a>: open source, free",
        ),
        # excerpts cut short, but not after a link each
        ("Ferry strike ends…", "Dike repairs start…", "<a href='/c'>Harbour master</a> named…"),
    ],
)
def test_lists_that_are_no_excerpts_of_other_stories_stay(items: tuple[str, ...]) -> None:
    content = article(f"<p>{TEXT}</p><ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>")
    assert remove_debris(content, "") == {}


TAGS = ("seals", "wadden sea", "wildlife", "griend", "ferries", "fishing", "dikes", "tides")


def test_a_cloud_of_tags_goes_in_a_block_or_loose() -> None:
    cloud = " ".join(f"<a href='/tag/{tag}'>{tag}</a>" for tag in TAGS)
    content = article(f"<p>{TEXT}</p><div>{cloud}</div><p>{MORE}</p>")
    assert remove_debris(content, "") == {"tag list": 1}
    assert visible_text(content) == f"{TEXT}{MORE}"
    # loose after the box's head
    content = article(f"<p>{TEXT}</p><p>{MORE}</p><div><blockquote>Tags</blockquote>{cloud}</div>")
    remove_debris(content, "")
    assert "wildlife" not in visible_text(content) and MORE in visible_text(content)


def test_a_sentence_with_many_links_is_no_cloud_of_tags() -> None:
    links = ", ".join(f"<a href='/tag/{tag}'>{tag}</a>" for tag in TAGS)
    content = article(f"<p>{TEXT}</p><p>The survey covered {links} and much besides.</p>")
    assert remove_debris(content, "") == {}


def test_a_caption_a_gallery_shows_again_goes_a_paragraph_said_twice_stays() -> None:
    caption = "Harbour seals rest on a sandbank off Helgoland on Tuesday."
    content = article(
        f"<div><div><span>{caption}</span></div><div><span>{caption}</span></div></div>"
        f"<p>{TEXT}</p><p>{MORE}</p><p>{TEXT}</p>"
    )
    assert remove_debris(content, "") == {"repeated text": 1}
    assert visible_text(content) == f"{caption}{TEXT}{MORE}{TEXT}"


def test_a_speaker_s_name_said_again_in_a_transcript_stays() -> None:
    content = article(
        f"<div><div>Maria Lopez</div><p>{TEXT}</p><div>Jan Weber</div><p>{MORE}</p>"
        "<div>Maria Lopez</div><p>We counted again in the autumn.</p></div>"
    )
    assert remove_debris(content, "") == {}
    assert visible_text(content).count("Maria Lopez") == 2


def test_a_step_opening_like_a_call_to_action_stays_in_its_list_of_steps() -> None:
    steps = (
        "<ul><li>Sign up for a harbour pass at the ferry office</li>"
        "<li>If you already have a pass, show it to the warden at the gate</li>"
        "<li>Sign up for the boat trip with the same name as on your pass</li></ul>"
    )
    content = article(f"<p>{TEXT}</p>{steps}<p>{MORE}</p>")
    assert remove_debris(content, "") == {}
    assert len(list(content.iter("li"))) == 3
    # a list of the site's calls to action alone still goes
    calls = (
        "<ul><li>Follow us on Twitter</li><li>Sign up for our weekly newsletter</li>"
        "<li>Podcasts</li></ul>"
    )
    content = article(f"<p>{TEXT}</p>{calls}<p>{MORE}</p>")
    assert set(remove_debris(content, "")) == {"call to action"}
    assert visible_text(content) == f"{TEXT}{MORE}"
