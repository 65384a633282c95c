"""Page debris: one table per rule, lines that are debris and lines that are prose."""

from __future__ import annotations

import pytest

from exporter.debris import (
    debris_kind,
    is_call_to_action,
    is_comment_count,
    is_comment_section_head,
    is_copyright_line,
    is_page_label,
    is_reading_time,
    is_share_label,
    is_tag_line,
)


@pytest.mark.parametrize(
    "line",
    [
        "SIGN UP FOR OUR NEWSLETTER",
        "Sign up for The Tide Table today to get the free letter delivered to your inbox.",
        "CLICK HERE TO GET THE COURIER APP",
        "Click here to subscribe to our newsletter",
        "Subscribe to our YouTube channel for the latest videos and reviews!",
        "Like this story? Share it with a friend!",
        "Email Jane Roe at jroe@example.com or follow her @janeroe.",
        "Follow us on Twitter @coastalcourier and on Facebook.",
        "Follow The Courier Opinion section on Facebook, Twitter and Instagram.",
        "Continue reading the main story",
        "Story continues below advertisement",
        "If you buy something through this post, the site may get a share of the sale.",
        "Disclosure: we may earn a commission from products on this page.",
        "Jetzt Newsletter abonnieren",
        "Get the Morning Briefing newsletter",
        "Newsletter sign-up",
        "The Tide Table newsletter",
        "NEWSLETTER: The week on the coast",
        "Anzeige",
        "Abonnez-vous à notre newsletter",
        "Assine nossa newsletter",
        "Подпишитесь на нашу рассылку",
        "Ikuti kami di Instagram",
        # a question put to the reader, then the offer
        "Need more seals? Subscribe to our sister title for the latest news from the coast!",
        # an audio player's label
        "Listen to this article",
        "Listen to the story · 4:12",
        "Artikel anhören",
        "Écouter cet article",
        # a paywall's prompts, a comment link, a share button with its platform
        "Log in to continue reading",
        "Already a subscriber?",
        "Create a free account",
        "Subscribers only",
        "Article réservé aux abonnés",
        "Jetzt lesen",
        "Comment on this story",
        "Read our full coverage",
        "Compartir en Whatsapp",
        "Partager sur Facebook",
        # an advertisement's label, alone or with what to do past it
        "Advertisement",
        "ADVERTISEMENT - SCROLL TO CONTINUE",
        "Publicité",
        "Reklama",
        "Iklan",
        "Bagikan artikel ini",
        "Berlangganan newsletter kami",
        # labels that open prose too, alone or with what they ask for
        "Sponsored",
        "Sponsored content",
        "Sponsored by Acme Insurance",
        "Jetzt abonnieren",
        "Anmelden",
        "Anmelden und weiterlesen",
        "Folgen Sie uns auf Instagram",
        "Teilen Sie diesen Artikel",
        "Assine",
        "Assine já",
        "Поделиться ссылкой",
        # anywhere in the line
        "Like this story? Sign up for The Tide Table.",
        "Click to sign up for our newsletter",
        "Get the best of the coast delivered straight to your inbox",
        "The coast's best stories, in your inbox every Friday",
        "Jane Doe covers the coast for the paper. Follow her on Bluesky.",
    ],
)
def test_calls_to_action(line: str) -> None:
    assert is_call_to_action(line)
    assert debris_kind(line) == "call to action"


@pytest.mark.parametrize(
    "line",
    [
        "Readers can sign up at the library from Monday, the council said.",
        "She followed the story for years before she wrote it down.",
        "The newsletter, founded in 1998, had forty thousand readers at its peak, and its"
        " editor says the decline began when the paper stopped printing the weekly page of"
        " letters that readers sent in from every corner of the island and beyond it.",
        "A colony that nearly vanished",
        "Follow the money",
        # A sentence naming a newsletter is prose (the long fuzz run found a
        # paragraph ending in the word dropped as a call to action).
        "The council said in its newsletter that the harbour fees would rise next spring.",
        "the the the the the the the the the the the NEWSLETTER",
        "Readers who subscribe to the paper get the tide tables on Fridays, the editor said.",
        # prose that opens like a paywall's prompt or a share button
        "Log in to your account and click Settings.",
        "Create a free account on GitHub, then clone the repository.",
        "Jetzt testen Forscher in Kiel einen Impfstoff.",
        "Compartir en familia es lo más importante, dijo.",
        "Already a subscriber to three papers, she reads them all.",
        "Subscribers only get the print edition on Sundays.",
        # prose that opens with the word for an advertisement, "share" or
        # "subscribe" (the long fuzz run found "BAGIKAN the the …" dropped)
        "Anzeige gegen den Fahrer wurde erstattet, teilte die Polizei am Montag mit.",
        "Iklan rokok dilarang di televisi sejak tahun lalu, kata pejabat itu.",
        "Reklama w telewizji kosztuje coraz więcej, mówią nadawcy.",
        "Publicidad engañosa: la multa llegó tres años después.",
        "Advertisement spending rose by a tenth last year.",
        "Bagikan data itu kepada publik, kata menteri pada hari Senin.",
        "BAGIKAN the the the the the the the the the the the",
        # prose that opens with a sponsor's label or a call's verb
        "Sponsored by the European Union, the project ran for six years.",
        "Anmelden müssen sich die Teilnehmer bis Freitag.",
        "Registrieren können sich Interessierte ab sofort im Rathaus.",
        "Folgen sie dem Aufruf nicht, drohen Strafen.",
        "Teilen sie sich die Kosten, wird es billiger.",
        "Assine o contrato até sexta-feira, disse o ministro.",
        "Поделиться своими впечатлениями смогут все желающие.",
        # prose that names signing up or an inbox (a cut paragraph's first half
        # was taken for a call to action and kept from its second)
        "Consumers can sign up for the service starting Tuesday, the company said.",
        "If you just want Disney+, you can sign up for a free 7-day trial.",
        "Phishing mails that land in your inbox look real, the agency warned.",
        "Millions follow her on Instagram, where she posts from the harbour.",
    ],
)
def test_prose_and_headings_are_not_calls_to_action(line: str) -> None:
    assert not is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    ["Facebook", "Twitter", "RSS", "Print", "Facebook Twitter WhatsApp", "Comments", "Loading …",
     "Previous article", "Next post", "Like this:", "Skip to content",
     # a gallery's and a teaser list's controls, left without their class names
     "Caption", "Close", "Read More", "Read Later", "Trending", "Caption Close",
     # a page's controls and the heads of its rails
     "Share full article", "Copy link to clipboard", "Enlarge this image", "Most viewed",
     "More on this story", "Zur Merkliste hinzufügen", "Link kopieren", "Copiar enlace"],
)  # fmt: skip
def test_share_labels(line: str) -> None:
    assert is_share_label(line)


@pytest.mark.parametrize(
    "line",
    ["Facebook bought the company in 2012.", "Print run", "The Comments", "Close to home",
     "Read more about the survey", "Save the Date", "Most Viewed Shows of 2023"],
)  # fmt: skip
def test_not_share_labels(line: str) -> None:
    assert not is_share_label(line)


@pytest.mark.parametrize(
    "line",
    ["Image", "Bild", "Foto", "Imagen", "Opinion", "Meinung", "Opinión", "OPINION",
     "1 of 5", "Photo 3 of 12", "Bild 2 von 8"],
)  # fmt: skip
def test_page_labels(line: str) -> None:
    assert is_page_label(line)
    assert debris_kind(line) == "page label"


@pytest.mark.parametrize(
    "line",
    ["Image of the week", "Opinion polls", "Das Bild der Woche", "Opinions differ",
     "1 of 5 residents voted."],
)  # fmt: skip
def test_words_in_a_heading_are_no_page_labels(line: str) -> None:
    assert not is_page_label(line)
    assert not debris_kind(line)


@pytest.mark.parametrize(
    "line",
    ["5 min read", "5-minute read", "3 Min. Lesezeit", "Lesezeit: 3 Min.",
     "Reading time: 4 minutes", "Temps de lecture : 3 min", "Tiempo de lectura: 2 minutos",
     "Jane Roe · Mar 3, 2024 · 5 min read", "Listen 5 min", "Listen (3 minutes)",
     "This article is more than 2 years old"],
)  # fmt: skip
def test_reading_times(line: str) -> None:
    assert is_reading_time(line)
    assert debris_kind(line) == "reading time"


@pytest.mark.parametrize(
    "line",
    ["It is a five minute read.", "The 5 minute rule", "Reading time for children doubled in 2023",
     "She ran the mile in 5 minutes and read the paper after it."],
)  # fmt: skip
def test_sentences_about_minutes_are_no_reading_times(line: str) -> None:
    assert not is_reading_time(line)


@pytest.mark.parametrize(
    "line",
    ["3 comments", "12 Replies", "5 thoughts on “Harbour seals return”", "Leave a Reply",
     "Comments are closed.", "2 Kommentare", "[ 167 comments ]", "(12 Comments)"],
)  # fmt: skip
def test_comment_counts(line: str) -> None:
    assert is_comment_count(line)


def test_a_sentence_about_comments_is_no_comment_count() -> None:
    assert not is_comment_count("3 comments from the minister caused an uproar.")


@pytest.mark.parametrize(
    "line",
    ["© 2024 Coastal Courier", "Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지",
     "© 2019 Associated Press. All Rights Reserved. This material may not be published."],
)  # fmt: skip
def test_copyright_lines(line: str) -> None:
    assert is_copyright_line(line)


def test_a_paragraph_on_copyright_law_is_not_a_copyright_line() -> None:
    assert not is_copyright_line("Copyright law in the EU changed in 2019 after a long fight.")
    assert debris_kind("The seals returned in record numbers this summer.") == ""


@pytest.mark.parametrize(
    "line",
    ["Tags: Apple, MacBook Pro", "Filed under: Politics |", "Topics: Seals, Wadden Sea",
     "Posted in News | Leave a comment", "Schlagworte: Robben · Wattenmeer", "Categoria: Saúde",
     "Mots-clés : phoques, mer des Wadden"],
)  # fmt: skip
def test_tag_lines(line: str) -> None:
    assert is_tag_line(line)
    assert debris_kind(line) == "tag list"


@pytest.mark.parametrize(
    "line",
    ["Topics: the council met on Monday and agreed on the budget.",
     "Posted in the middle of the night, the message said the council would meet",
     "Tags: a long list of the seals we counted from the small plane over the sandbanks"],
)  # fmt: skip
def test_sentences_opening_like_tag_lines_are_prose(line: str) -> None:
    assert not is_tag_line(line)


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("5 thoughts on “Harbour seals return”", True),
        ("12 Responses to “Harbour seals return”", True),
        ("Leave a Reply", True),
        ("Comments are closed.", True),
        ("12 comments", False),  # also a count on another story's teaser
    ],
)
def test_comment_section_heads(line: str, head: bool) -> None:
    assert is_comment_section_head(line) is head
