"""Authors and titles of saved pages: who wrote it and what it is called, as
a reader of the page would say."""

from __future__ import annotations

import lxml.html
import pytest

from exporter.model import Link, Paragraph, Text, plain_text
from exporter.news import clean_author
from exporter.readers.html import names_the_site, read
from exporter.readers.html.bylines import before_date, read_byline, take_body_byline
from exporter.readers.html.content import article_headline, in_frame, site_host
from exporter.source import Source

BODY = "".join(
    f"<p>Paragraph {n}: the wardens counted the seals on the sandbanks from a small plane"
    f" and found more pups than in any year since the survey began in 1975.</p>"
    for n in range(1, 6)
)


def read_page(markup: str):
    return read(Source(markup.encode("utf-8"), "page.html")).document.metadata


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("By TOM KRISHER, AP Auto Writer", ("Tom Krisher",)),
        ("Finian Cunningham. Sputnik International", ("Finian Cunningham",)),
        ("Victor Tangermann, Futurism", ("Victor Tangermann",)),
        ("by Madeline Fry", ("Madeline Fry",)),
        ("By Sandee LaMotte, CNN", ("Sandee LaMotte",)),
        ("By MEG KINNARD and ERRIN HAINES, Associated Press", ("Meg Kinnard", "Errin Haines")),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ("Chris Cillizza",)),
        ("Jane Doe, John Roe", ("Jane Doe", "John Roe")),
        ("Sarah E. Needleman", ("Sarah E. Needleman",)),
        ("Josh", ("Josh",)),
        ("PMJS - Coordenadoria de TI", ()),  # an office
        ("CNN Business", ()),
        ("Staff", ()),
        ("European Space Agency", ()),
        ("Reuters", ()),  # an agency is the publisher
        ("Ryan Reed's Most Recent Stories", ()),
    ],
)
def test_clean_author(value: str, names: tuple[str, ...]) -> None:
    assert clean_author(value) == names


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("By Jane Roe Monday, November 18, 2019, 04:05 pm PT", "By Jane Roe"),
        ("by Jeff Foust 18.11.2019", "by Jeff Foust"),
        ("Von Anna Schmidt | Aktualisiert am 3. März 2024", "Von Anna Schmidt"),
        ("By Jane Roe", ""),  # no date in it
        ("By Jane Roe on November 18, 2019", "By Jane Roe"),  # the date's "on" goes with it
        ("Posted by Jane Roe on 11/18/2019", "Posted by Jane Roe"),  # "Posted" opens no date
    ],
)
def test_a_byline_loses_its_date(text: str, byline: str) -> None:
    assert before_date(text) == byline


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        # the card shown over the name on hover, printed after it
        (
            "By Sarah E. Needleman Sarah E. Needleman, The Wall Street Journal, Biography",
            ("Sarah E. Needleman",),
        ),
        ("Von Anna Schmidt Anna Schmidt Redakteurin", ("Anna Schmidt",)),
        ("By Jane Roe and John Doe John Doe, Staff Writer", ("Jane Roe", "John Doe")),
        # "By" and the name in two blocks
        ("By, Dan Evon", ("Dan Evon",)),
        ("By Jane Roe", ("Jane Roe",)),
    ],
)
def test_a_byline_s_text_reads_past_the_way_the_page_sets_it(
    text: str, authors: tuple[str, ...]
) -> None:
    byline = read_byline(text)
    assert byline is not None and byline.authors == authors


def test_a_byline_named_in_part_of_a_class_name_gives_the_authors() -> None:
    metadata = read_page(
        "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<div class='story'><h2 class='ap-story-headline'>Seals return</h2>"
        "<div class='ap-story-byline'><div>By LISA MASCARO and ERIC TUCKER</div>"
        f"<div>Associated Press</div></div>{BODY}</div></body></html>"
    )
    assert metadata.authors == ("Lisa Mascaro", "Eric Tucker")


def test_a_byline_beside_the_headline_in_the_page_header_counts() -> None:
    metadata = read_page(
        "<html><body><header class='site-header'><nav><a href='/'>Home</a><a href='/a'>A</a>"
        "<a href='/b'>B</a></nav><h1>Seals return</h1><p class='byline'>By Jane Roe"
        f" <time datetime='2024-08-14'>14 August</time></p></header><article>{BODY}</article>"
        "</body></html>"
    )
    assert metadata.authors == ("Jane Roe",)


def test_bylines_of_teasers_and_comments_name_no_author() -> None:
    teasers = "".join(
        f"<div class='teaser'><a href='/s{n}'>Other story {n}</a>"
        f"<span class='byline'>By Writer Number{n}</span><p>{'Words of a teaser. ' * 20}</p></div>"
        for n in range(3)
    )
    metadata = read_page(
        "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        f"<article><h1>Seals return</h1><p class='byline'>By Jane Roe</p>{BODY}"
        "<section class='comments'><div class='comment-author'>Sandbank Sally</div>"
        f"<p>Lovely.</p></section></article><aside class='more'>{teasers}</aside></body></html>"
    )
    assert metadata.authors == ("Jane Roe",)


def test_the_visible_byline_adds_the_authors_the_metadata_leaves_out() -> None:
    metadata = read_page(
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Stefan Becket"}}</script></head><body>'
        "<nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<article><h1>Key moments</h1><p class='content__meta-byline'>By Stefan Becket,"
        f" Kathryn Watson, Grace Segers</p>{BODY}</article></body></html>"
    )
    assert metadata.authors == ("Stefan Becket", "Kathryn Watson", "Grace Segers")


def test_a_link_to_an_author_page_names_the_author_but_not_inside_a_paragraph() -> None:
    metadata = read_page(
        "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<article><h1>Seals return</h1><div class='meta'><a href='/author/jose-altoveros'>"
        "Jose Altoveros</a></div><p>The governor, <a href='/people/kristi-noem'>Kristi Noem</a>,"
        f" welcomed the count and said the state would fund another survey.</p>{BODY}"
        "</article></body></html>"
    )
    assert metadata.authors == ("Jose Altoveros",)


def test_the_json_ld_page_node_names_the_author_when_no_article_node_does() -> None:
    metadata = read_page(
        '<html><head><script type="application/ld+json">{"@graph":['
        '{"@type":"WebPage","@id":"p","author":{"@id":"#josh"}},'
        '{"@type":"Person","@id":"#josh","name":"Josh"}]}</script></head>'
        f"<body><article><h1>Seals return</h1>{BODY}</article></body></html>"
    )
    assert metadata.authors == ("Josh",)


def test_the_title_is_the_headline_the_page_shows() -> None:
    metadata = read_page(
        '<html><head><meta property="og:title" content="Opinion | Republicans Are Following'
        ' Trump to Nowhere"><title>Opinion | Republicans - The Times</title></head><body>'
        "<nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        f"<article><h1>Republicans Are Following Trump to Nowhere</h1>{BODY}</article>"
        "</body></html>"
    )
    assert metadata.title == "Republicans Are Following Trump to Nowhere"


def test_an_h1_naming_the_blog_is_not_the_title() -> None:
    assert names_the_site("Kabar Dunia", "Jangan Membenci | Kabar Dunia", ("Jangan Membenci",))
    assert not names_the_site(
        "Seeking a bigger role", "The Space Review: Seeking a bigger role", ()
    )
    assert names_the_site("The Space Review", "The Space Review: Seeking a bigger role", ())


def test_an_h1_heading_the_title_is_the_headline_though_og_title_has_a_suffix() -> None:
    """og:title often repeats the ``<title>`` with the site's name after the
    headline; that does not make the ``h1`` the site's name."""
    title = "Lexus wants you to go topless with the 2020 LC500 Convertible - Auto News"
    headline = "Lexus wants you to go topless with the 2020 LC500 Convertible"
    assert not names_the_site(headline, title, (title,))
    metadata = read_page(
        f'<html><head><title>{title}</title><meta property="og:title" content="{title}">'
        f"</head><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        f"<h1>{headline}</h1><article>{BODY}</article></body></html>"
    )
    assert metadata.title == headline


def test_a_title_escaped_twice_is_read() -> None:
    metadata = read_page(
        '<html><head><meta property="og:title" content="&amp;#8216;The Medium&amp;#8217;:'
        ' the festival"></head>'
        f"<body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>{BODY}"
        "</body></html>"
    )
    assert metadata.title == "‘The Medium’: the festival"


def test_the_headline_in_the_page_header_is_the_title() -> None:
    """Many sites set the headline in a page-level header with names that
    sound like chrome ('paywall', 'no-promo'); it is still the headline."""
    metadata = read_page(
        '<html><head><meta property="og:title" content="Disney+ glitches blamed on demand">'
        "</head><body><header class='site-header'><nav><a href='/'>Home</a><a href='/a'>A"
        "</a><a href='/b'>B</a></nav><h1 class='site-logo'><a href='/'><img src='l.png'></a>"
        "</h1></header><div class='page-ad-margins'><div class='content paywall'>"
        "<header class='content__header--no-promo'><h1>‘We had some issues,’ exec says</h1>"
        f"</header><article>{BODY}</article></div></div></body></html>"
    )
    assert metadata.title == "‘We had some issues,’ exec says"


def test_another_story_s_headline_far_from_the_article_is_not_the_title() -> None:
    between = "<p>More words of the page between the two stories.</p>" * 30
    metadata = read_page(
        '<html><head><meta property="og:title" content="The early reviews are here">'
        "</head><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        f"<article>{BODY}{BODY}</article><div>{between}</div>"
        "<div><h1>Why don't you go fight for the reindeer?</h1><p>A teaser.</p></div>"
        "</body></html>"
    )
    assert metadata.title == "The early reviews are here"


def test_an_h1_linking_home_is_the_site_s_name_and_names_the_site() -> None:
    """A site that sets its name as an h1 in its home link: the title comes
    from <title>, without the site's name that the logo's alt text gives."""
    metadata = read_page(
        "<html><head><title>Seal pups return to the sandbanks - Coastwatch</title></head>"
        "<body><div id='header'><a href='/'><img src='logo.gif' alt='Coastwatch'></a>"
        "<a href='/'><h1>Coast Watch Daily</h1></a><ul><li><a href='/news'>News</a></li>"
        "<li><a href='/tv'>TV</a></li></ul></div>"
        f"<div class='newsContent'><dl><dt>Seal pups return to the sandbanks</dt></dl>{BODY}"
        "</div></body></html>"
    )
    assert metadata.title == "Seal pups return to the sandbanks"


@pytest.mark.parametrize(
    ("author", "name"),
    [
        ("Elliot Brownstein Florida Today", "Elliot Brownstein"),
        ("Elliot Brownstein", "Elliot Brownstein"),
        # a one-word name is left whole
        ("Elliot Florida Today", "Elliot Florida Today"),
    ],
)
def test_a_site_name_glued_after_the_author_goes(author: str, name: str) -> None:
    metadata = read_page(
        '<html><head><link rel="canonical" href="https://www.floridatoday.com/story/1">'
        f'<meta name="author" content="{author}"><title>Seals</title></head>'
        f"<body><article><h1>Seals</h1>{BODY}</article></body></html>"
    )
    assert metadata.authors == (name,)


def test_a_details_line_holding_the_byline_gives_the_author_and_leaves_the_body() -> None:
    outcome = read(
        Source(
            (
                "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
                "<div class='col'><p class='titulo'>Atendimento registra arrombamento</p>"
                "<p><small>05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde</small>"
                f"</p>{BODY}</div></body></html>"
            ).encode(),
            "page.html",
        )
    )
    assert outcome.document.metadata.authors == ("Clarissa Borba",)
    assert "Publicado" not in " ".join(
        " ".join(getattr(i, "text", "") for i in b.children)
        for b in outcome.document.blocks
        if hasattr(b, "children")
    )


def test_byline_parts_in_header_wrappers_named_like_promotions_count() -> None:
    metadata = read_page(
        "<html><body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<article><header class='content__header--no-promo'><h1>Key moments</h1>"
        "<p class='content__meta-byline'>By Stefan Becket, Kathryn Watson, Grace Segers</p>"
        f"</header>{BODY}</article></body></html>"
    )
    assert metadata.authors == ("Stefan Becket", "Kathryn Watson", "Grace Segers")


def test_a_contributor_linked_to_her_author_page_is_no_author() -> None:
    metadata = read_page(
        '<html><head><meta name="author" content="Ingrid Vos"></head><body>'
        "<nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<article><h1>Seals return</h1><div class='byline'>By <a href='/author/ingrid-vos'"
        f" rel='author'>Ingrid Vos</a></div>{BODY}<p><em>Additional reporting by"
        " <a href='/author/wim-dijk'>Wim Dijk</a></em></p></article></body></html>"
    )
    assert metadata.authors == ("Ingrid Vos",)


def test_the_byline_the_page_shows_wins_when_other_metadata_confirms_it() -> None:
    # The JSON-LD names the account that posted the story; the byline and a
    # newsletter's <meta> name the writer.
    metadata = read_page(
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Anna Berg"}}</script>'
        '<meta name="sailthru.author" content="By Ingrid Vos"></head><body>'
        "<nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        f"<article><h1>Seals return</h1><p class='byline'>By Ingrid Vos</p>{BODY}</article>"
        "</body></html>"
    )
    assert metadata.authors == ("Ingrid Vos",)


def test_a_byline_no_metadata_confirms_does_not_overrule_the_json_ld() -> None:
    metadata = read_page(
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Ingrid Vos"}}</script></head><body>'
        "<nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        f"<article><h1>Seals return</h1><p class='byline'>By Wim Dijk</p>{BODY}</article>"
        "</body></html>"
    )
    assert metadata.authors == ("Ingrid Vos",)


def test_authors_from_newsletter_and_dublin_core_meta() -> None:
    for key in ("sailthru.author", "parsely-author", "dc.creator", "byl"):
        metadata = read_page(
            f'<html><head><meta name="{key}" content="By Ingrid Vos"></head><body>'
            f"<article><h1>Seals return</h1>{BODY}</article></body></html>"
        )
        assert metadata.authors == ("Ingrid Vos",), key


def test_an_h1_linking_to_another_site_s_story_is_not_the_title() -> None:
    head = (
        '<head><link rel="canonical" href="https://www.news.example/2024/seals-return">'
        '<meta property="og:title" content="The Seals Are Back on the Sandbanks"></head>'
    )
    featured = read_page(
        f"<html>{head}<body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<article><h1><a href='https://other.example/whales?utm_source=news'>Whales at"
        f" Dawn</a></h1>{BODY}</article></body></html>"
    )
    assert featured.title == "The Seals Are Back on the Sandbanks"
    # a headline linking to the page itself is its title
    own = read_page(
        f"<html>{head}<body><nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"
        "<article><h1><a href='https://news.example/2024/seals-return'>Seals Return</a></h1>"
        f"{BODY}</article></body></html>"
    )
    assert own.title == "Seals Return"
    assert site_host("edition.news.example") == site_host("www.news.example")
    assert site_host("m.zeitung.co.uk") == "zeitung.co.uk" != site_host("blatt.co.uk")


NAV = "<nav><a href='/'>Home</a><a href='/a'>A</a><a href='/b'>B</a></nav>"


def test_a_microformats_author_card_names_the_author() -> None:
    # class="p-author h-card": "card" alone marks an author's box, not here
    metadata = read_page(
        f"<html><body>{NAV}<article><h1>Seals return</h1><div class='p-author h-card'>"
        "<span class='p-name'>By <a href='/staff/ingrid-vos/'>Ingrid Vos</a></span>"
        "<a class='u-email' href='mailto:ingrid@news.example'>ingrid@news.example</a>"
        f"<a class='p-tel' href='tel:+15094595382'>(509) 459-5382</a></div>{BODY}</article>"
        "</body></html>"
    )
    assert metadata.authors == ("Ingrid Vos",)


def test_the_name_in_an_author_box_names_the_author() -> None:
    metadata = read_page(
        f"<html><body>{NAV}<article><h1>Seals return</h1>{BODY}<div class='author-box'>"
        "<img src='a.png' alt=''><h4 class='author-box__name'>Pamela Wilson</h4>"
        "</div></article></body></html>"
    )
    assert metadata.authors == ("Pamela Wilson",)


def test_a_byline_s_handle_and_e_mail_links_are_no_part_of_the_name() -> None:
    metadata = read_page(
        f"<html><body>{NAV}<article><h1>Seals return</h1><div class='ArticleHeader-author'>"
        "<a href='/natasha-turak/'>Natasha Turak</a><a href='https://twitter.com/NT'>"
        f"@NatashaTurak</a></div>{BODY}</article></body></html>"
    )
    assert metadata.authors == ("Natasha Turak",)


def test_a_link_to_the_author_s_biography_is_no_name() -> None:
    assert clean_author("Biography") == ()
    metadata = read_page(
        f"<html><body>{NAV}<article><h1>Seals return</h1><p class='meta'>"
        "<a href='/news/author/1460'>Biography</a></p>"
        f"<div class='byline'>By <span itemprop='name'>Sarah E. Needleman</span></div>{BODY}"
        "</article></body></html>"
    )
    assert metadata.authors == ("Sarah E. Needleman",)


def test_the_copyright_holder_named_as_author_yields_to_the_byline() -> None:
    head = (
        '<head><meta name="author" content="Condé Nast">'
        '<meta name="copyright" content="Copyright (c) Condé Nast 2019"></head>'
    )
    magazine = read_page(
        f"<html>{head}<body>{NAV}<article><h1>Seals return</h1>"
        f"<p class='byline'>By Molly Wood</p>{BODY}</article></body></html>"
    )
    assert magazine.authors == ("Molly Wood",)
    # a blog's writer holds the copyright too, and is its author
    blog = read_page(
        '<html><head><meta name="author" content="Pamela Wilson"><meta name="copyright"'
        ' content="© 2019 Pamela Wilson. All rights reserved."></head>'
        f"<body>{NAV}<article><h1>Seals return</h1>{BODY}</article></body></html>"
    )
    assert blog.authors == ("Pamela Wilson",)


def test_the_page_s_only_h1_far_from_the_article_is_the_title_where_title_agrees() -> None:
    between = "<p>A playlist of videos between the headline and the story.</p>" * 30
    page = (
        "<html><head><title>Why you can't trust the doctors' notes - News Politics</title>"
        f"</head><body>{NAV}<div><h1>Why you just can't trust the doctors' notes</h1></div>"
        f"<div class='playlist'>{between}</div><article>{BODY}{BODY}</article></body></html>"
    )
    assert read_page(page).title == "Why you just can't trust the doctors' notes"
    # an h1 that the <title> does not confirm is another story's
    other = page.replace("<h1>Why you just can't trust the doctors' notes</h1>", "<h1>Whales</h1>")
    assert read_page(other).title == "Why you can't trust the doctors' notes - News Politics"


def test_the_byline_under_the_page_s_only_h1_far_from_the_article_names_the_author() -> None:
    between = "<p>A playlist of videos between the headline and the story.</p>" * 30
    page = (
        "<html><head><title>Why you can't trust the doctors' notes - News Politics</title>"
        f"</head><body>{NAV}<div><h1>Why you just can't trust the doctors' notes</h1>"
        "<p>By Maria Lopez, CNN</p></div>"
        f"<div class='playlist'>{between}</div><article>{BODY}{BODY}</article></body></html>"
    )
    assert read_page(page).authors == ("Maria Lopez",)


def test_an_article_wrapper_named_like_chrome_does_not_hide_its_headline() -> None:
    # "url-breadcrumb" on the element holding the whole story is no navigation
    root = lxml.html.document_fromstring(
        f"<html><body>{NAV}<main><article class='content-well url-breadcrumb'>"
        "<div class='header'><h1>The Brothers Set 50th Anniversary Tour</h1></div>"
        f"<div class='article__body'>{BODY}</div></article></main></body></html>"
    )
    body = root.find(".//div[@class='article__body']")
    headline = article_headline(body, root)
    assert headline is not None and headline.text == "The Brothers Set 50th Anniversary Tour"
    # the same wrapper around a headline elsewhere is navigation
    assert in_frame(headline)


def article_with(header: str, inside: str = "") -> str:
    return (
        f"<html><body>{NAV}<div class='top'><h1>Seals return to the sandbanks</h1>{header}</div>"
        f"<article>{inside}{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        # only the words say it is a byline: no class, itemprop or author link
        ("<p>By <a href='/staff/5'>Jane Roe</a> - 11/19/19 06:56 AM EST</p>", ("Jane Roe",)),
        (
            "<p><span class='when'>11/19/2019</span> by <a href='/x'>Lars Brandle</a></p>",
            ("Lars Brandle",),
        ),
        ("<div>Monday November 18, 2019 7:45 am PST by Joe Rossignol</div>", ("Joe Rossignol",)),
        ("<p>Por Carlos Nadalim</p>", ("Carlos Nadalim",)),
        ("<p>Von Anna Schmidt und Jan Weber</p>", ("Anna Schmidt", "Jan Weber")),
        # no "By": the job title or the agency after the names says it
        ("<p>Tom Krisher, AP Auto Writer</p>", ("Tom Krisher",)),
        ("<p>Meg Kinnard and Errin Haines, Associated Press</p>", ("Meg Kinnard", "Errin Haines")),
        # the date parts the names from the section after it
        (
            "<p>By Mike Wall <time datetime='2019-11-18'>2019-11-18T20:51:19Z</time>"
            " <a href='/science'>Science &amp; Astronomy</a></p>",
            ("Mike Wall",),
        ),
        # the date in an element of its own leaves the dash before it
        (
            "<div><span>By Jane Roe - <span class='submitted-date'>11/18/19 11:04 PM EST"
            "</span></span></div>",
            ("Jane Roe",),
        ),
        # one word after "By" may be anything
        ("<p>By Monday</p>", ()),
        # a link's title, as in a menu of radio shows, is no byline
        ("<ul><li><a href='/radio'>By Any Means Necessary</a></li></ul>", ()),
        # a picture's credit is none either
        ("<p>Photo by Jane Roe</p>", ()),
    ],
)
def test_a_byline_only_its_words_mark_names_the_authors(
    header: str, authors: tuple[str, ...]
) -> None:
    metadata = read_page(article_with(header))
    assert metadata.authors == authors


@pytest.mark.parametrize(
    ("top", "authors"),
    [
        # no mark at all: a name under the headline beside the date or handle
        ("<div><a href='/x'>Maria Lopez</a><span>Nov 19, 2019, 10:31 pm CST</span></div>", True),
        ("<div><time>Published Nov 19 2019</time><a href='/x'>Maria Lopez</a></div>", True),
        ("<div><span>Maria Lopez</span><span>1 day ago</span></div>", True),
        ("<div><span>Maria Lopez</span><time datetime='2019-11-19T06:56'>06:56</time></div>", True),
        ("<div><a href='/x'>Maria Lopez</a><a href='/t'>@marialopez</a></div>", True),
        (
            "<div><div><a href='/x'>Maria Lopez</a></div><div>Senior Contributor</div>"
            "<div>Opinions expressed by contributors are their own.</div></div>",
            True,
        ),
        # the list of the story's sections beside it is no sentence around it
        (
            "<div><time>Nov 19, 2019</time> <a href='/x'>Maria Lopez</a><ul>"
            + "".join(f"<li><a href='/s{n}'>Section of the magazine {n}</a></li>" for n in range(9))
            + "</ul></div>",
            True,
        ),
        # a name alone says nothing: a section, a tag, a person in the story
        ("<div><span>Maria Lopez</span></div>", False),
        # a handle goes after its own name, not before the next
        ("<div><a href='/t'>@marialopez</a><span>Maria Lopez</span></div>", False),
        # a teaser's heading
        ("<div><h5>Maria Lopez</h5><time>Nov 19, 2019</time></div>", False),
        # a photographer's credit behind a camera icon
        (
            "<div><span><i class='fi-camera'></i>Maria Lopez</span><span>Nov 19, 2019</span></div>",
            False,
        ),
        # a portrait of the author beside the name is no camera
        (
            "<div><img class='author-photo' src='a.jpg' alt=''><span>Maria Lopez</span>"
            "<span>Nov 19, 2019</span></div>",
            True,
        ),
        # a name inside a sentence
        (
            "<p>At dawn on the dunes <a href='/x'>Maria Lopez</a> and her team of volunteers"
            " set out with their counters and their long lenses, walking the tideline from the"
            " lighthouse to the harbour wall as they have done every year.</p>"
            "<time>Nov 19, 2019</time>",
            False,
        ),
        # the person the story is about, named in its lead
        (
            "<div><a href='/x'>Maria Lopez</a><time>Nov 19, 2019</time></div>"
            "<p>BERLIN — Maria Lopez counted the seals again.</p>",
            False,
        ),
    ],
)
def test_a_name_under_the_headline_beside_a_date_names_the_author(top: str, authors: bool) -> None:
    document = read(Source(article_with("", inside=top).encode("utf-8"), "page.html")).document
    assert document.metadata.authors == (("Maria Lopez",) if authors else ())
    body = " ".join(plain_text(block.children) for block in document.blocks)
    assert ("Maria Lopez" in body) is not authors


@pytest.mark.parametrize(
    "top",
    [
        # a label
        "<div><strong>Filed Under:</strong><time>Nov 19, 2019</time></div>",
        # words the article writes in lower case ("…since the survey began")
        "<div><span>Wildlife Survey</span><time>Nov 19, 2019</time></div>",
    ],
)
def test_words_beside_a_date_that_are_no_name_name_no_author(top: str) -> None:
    assert read_page(article_with("", inside=top)).authors == ()


def test_a_name_the_headline_speaks_of_is_no_author() -> None:
    page = (
        f"<html><body>{NAV}<div class='top'><h1>Lopez counts the seals</h1>"
        f"<div><a href='/x'>Maria Lopez</a><time>Nov 19, 2019</time></div></div>"
        f"<article>{BODY}</article></body></html>"
    )
    assert read_page(page).authors == ()


def test_a_byline_line_deep_in_the_story_is_not_the_article_s() -> None:
    late = "".join(
        f"<p>More of the story, paragraph {n}, with many words in it.</p>" for n in range(20)
    )
    metadata = read_page(article_with("", inside=f"{BODY}{late}<p>By Jane Roe</p>"))
    assert metadata.authors == ()


def read_article_ending_with(closing: str):
    page = f"<html><body>{NAV}<h1>Seals return</h1><article>{BODY}{closing}</article></body></html>"
    return read(Source(page.encode("utf-8"), "page.html"))


@pytest.mark.parametrize(
    ("sign_off", "authors"),
    [
        ("정덕현 칼럼니스트 thekian1@example.co.kr", ("정덕현",)),
        ("칼럼니스트 박생강 pillgoo9@example.com", ("박생강",)),
        ("홍길동 기자 hong@example.co.kr", ("홍길동",)),
        ("By Jane Roe, Staff Writer", ("Jane Roe",)),
    ],
)
def test_a_sign_off_before_the_closing_credit_and_copyright_names_the_author(
    sign_off: str, authors: tuple[str, ...]
) -> None:
    """Korean articles close with the writer's name, title and e-mail, then
    the picture credits and the paper's copyright line."""
    closing = (
        f"<div>{sign_off}<br><br>[사진=MBC, SBS]<br><br>"
        "저작권자 ⓒ 엔터미디어(www.example.co.kr), 무단전재 및 재배포금지</div>"
    )
    outcome = read_article_ending_with(closing)
    assert outcome.document.metadata.authors == authors
    text = " ".join(plain_text(block.children) for block in outcome.document.blocks)
    assert sign_off not in text


def test_a_closing_paragraph_that_names_no_one_stays() -> None:
    closing = "<p>Jane Roe contributed reporting.</p><p>© 2019 Example Media</p>"
    outcome = read_article_ending_with(closing)
    assert outcome.document.metadata.authors == ()
    text = " ".join(plain_text(block.children) for block in outcome.document.blocks)
    assert "Jane Roe contributed reporting." in text


def test_a_job_title_set_apart_only_by_style_is_not_part_of_the_name() -> None:
    """ "<a>Meg James</a><span>Staff Writer</span>" reads "Meg JamesStaff
    Writer" as text, though the page shows two lines."""
    byline = "<div><span>By <a href='/x'>Meg James</a><span>Staff Writer</span></span></div>"
    assert read_page(article_with("", inside=byline)).authors == ("Meg James",)
    paragraph = Paragraph(
        (Text("By "), Link("/people/meg-james", (Text("Meg James"),)), Text("Staff Writer"))
    )
    kept, found = take_body_byline((paragraph, Paragraph((Text("Body."),))))
    assert found.names == ("Meg James",) and len(kept) == 1


@pytest.mark.parametrize(
    "note",
    [
        "<p>Jane Roe is a freelance writer living in Minneapolis.</p>",
        "<div class='box'><p><a href='/x'>Jane Roe</a> (@janeroe) is an Ideas contributor"
        " at the Courier.</p></div>",
    ],
)
def test_a_note_about_the_writer_at_the_end_names_the_author_and_goes(note: str) -> None:
    """A page that marks no byline still says who wrote it, in a note under
    the article; the note is no part of the article."""
    outcome = read_article_ending_with(note)
    assert outcome.document.metadata.authors == ("Jane Roe",)
    text = " ".join(plain_text(block.children) for block in outcome.document.blocks)
    assert "Minneapolis" not in text and "contributor" not in text


def test_a_paragraph_about_a_writer_inside_the_story_names_no_author() -> None:
    """The story may be about a writer: only a note at its end is about its own."""
    about = "<p>Jane Roe is a freelance writer who lived on the islands for ten years.</p>"
    page = f"<html><body>{NAV}<h1>Seals return</h1><article>{about}{BODY}</article></body></html>"
    outcome = read(Source(page.encode("utf-8"), "page.html"))
    assert outcome.document.metadata.authors == ()
    text = " ".join(plain_text(block.children) for block in outcome.document.blocks)
    assert "lived on the islands" in text
