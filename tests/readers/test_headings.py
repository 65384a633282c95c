"""The heading decision of the text reader: the structural rules, the
features, and the trained model on clear cases of each kind of short line."""

from __future__ import annotations

import json

import pytest

from exporter.readers.headings import (
    MODEL_FILE,
    OVER_A_CREDIT_THRESHOLD,
    Block,
    Judge,
    TextStats,
    ends_with_a_possessive,
    features,
    has_open_quote,
    headed_block,
    heading_flags,
    heading_odds,
    is_candidate,
    is_headline_style,
    is_name_alone,
    is_photo_note,
    is_place_dateline,
    is_repeated_label,
    is_shop_button,
    is_signed_by_a_name,
    is_web_address,
    may_head,
    model,
    opens_a_letter,
    repeats_a_sentence,
)

PROSE = Block(
    "The survey, flown each August over the sandbanks, counted just over nine thousand pups,"
    " about a tenth more than last year, and biologists were surprised.",
    single=True,
)


def text(line: str) -> Block:
    return Block(line, single=True)


@pytest.mark.parametrize(
    "line",
    ["A colony that nearly vanished", "Was nun?", "16-inch MacBook Pro review",
     "7) The night train to Vienna", "NISSAN SENTRA", "东京的早晨", "#MeToo, two years on"],
)  # fmt: skip
def test_candidates(line: str) -> None:
    assert is_candidate(text(line))


@pytest.mark.parametrize(
    "line",
    [
        "The seals returned.",  # a sentence
        "Here's the thing:",  # a clause introducing what follows
        "And then…",
        "Erstens,",
        "and what it means",  # continues in lower case
        "The count ended. Nobody had expected it",  # a sentence end inside
        "By Jane Roe and Tom Berg",  # a byline
        "Photo: Getty Images",  # a credit
        "Read more: Seals in the Baltic",  # a teaser
        "SIGN UP FOR OUR NEWSLETTER",  # page debris
        " ".join(["word"] * 26),  # too long
        "https://seals.example.org/survey/2024.html",  # a source's address
        "www.wattenmeer-zaehlung.example",
        "<wardens@example.org>",  # a contact
        "Reuters",  # an agency's credit alone
        "(AFP)",
        "See it now: Seal Shop",  # shop buttons
        "Get it at the Harbour Store for $24.99",
        "[Buy now]",
        "Check price at Seal Shop",
        "Click for the full tide tables",
        "Hanna Petersen submitted photo",  # a picture's note of origin
        "Wardens/File photo",
        "Photo submitted by the park",
        "Seal Pup Watch on the Outer Sandbank #Wattenmeer #nature",  # a shared post's caption
    ],
)
def test_not_candidates(line: str) -> None:
    assert not is_candidate(text(line))


def test_a_multi_line_block_or_a_list_is_no_candidate() -> None:
    assert not is_candidate(Block("Line one\nLine two", single=False))
    assert not is_candidate(Block("Apples", kind="list"))


def test_a_heading_needs_text_to_head() -> None:
    heading = text("A colony that nearly vanished")
    assert may_head([heading, PROSE], 0)
    assert not may_head([PROSE, heading], 1)  # nothing after it
    assert not may_head([heading, text("Another short line"), PROSE], 0)  # a line, not text
    assert may_head([heading, Block("Apples\nPears", single=False, kind="list")], 0)


def test_a_web_address_or_an_ellipsis_is_nothing_to_head() -> None:
    title = text("Seals counted on the sandbanks")
    assert not may_head([title, text("https://wattenmeer.example.org/zaehlung"), PROSE], 0)
    going_on = Block("… and the wardens were surprised by the count, they said on Monday.")
    assert not may_head([title, going_on, PROSE], 0)
    assert may_head([title, PROSE], 0)


def test_a_dateline_of_places_heads_nothing_at_the_top() -> None:
    place = text("HUSUM, GERMANY")
    assert is_place_dateline(place.text)
    assert not may_head([place, PROSE], 0)
    # further down, a place may head a part of a travel story
    assert may_head([PROSE, text("Kyoto, Japan"), PROSE], 1)
    assert not is_place_dateline("Out with the old, in with the new")
    assert not is_place_dateline("Husum")
    # under the page's head: a standfirst the reader keeps from headings, a date
    standfirst = Block("Seals return to the Wadden Sea in record numbers", single=False)
    assert not may_head([standfirst, text("2024-03-04"), place, PROSE], 2)


def test_a_heading_looks_past_a_credit_but_not_to_a_continuation() -> None:
    heading, credit = text("Zwischentitel"), text("Foto: Michael Kappeler/dpa")
    assert headed_block([heading, credit, PROSE], 0) is PROSE
    continuation = text("noch lange nachwirken, sagen Beobachter in Seoul und Tokio.")
    assert headed_block([heading, credit, continuation], 0) is None
    assert headed_block([heading, continuation], 0) is continuation


def test_features_name_what_they_see() -> None:
    blocks = [PROSE, text("Was nun?"), PROSE]
    signals = features(blocks, 1, TextStats.of(blocks))
    assert signals["ends with a question mark"] == 1.0
    assert signals["a short question"] == 1.0
    assert signals["after prose"] == 1.0 and signals["before prose"] == 1.0
    assert signals["starts with a number"] == 0.0
    numbered = [PROSE, text("7) The night train to Vienna"), PROSE]
    assert features(numbered, 1, TextStats.of(numbered))["starts with a number"] == 1.0


def test_a_shop_button_is_short() -> None:
    assert is_shop_button("Get it at the Harbour Store for $24.99")
    assert not is_shop_button(
        "See it now through May at the harbour museum, where the wardens show their maps"
    )
    assert not is_shop_button("Get it right the first time")
    assert not is_shop_button("Buying it now makes sense")


def test_a_photo_note_is_short_and_says_where_the_picture_came_from() -> None:
    assert is_photo_note("Courtesy image")
    assert not is_photo_note("The file photo that started it all")
    assert not is_photo_note("A stock photo of a seal on the sandbank")


def test_a_web_address_is_the_whole_line() -> None:
    assert is_web_address("(https://seals.example.org/survey)")
    assert not is_web_address("Visit seals.example.org for the count")
    assert not is_web_address("Counting seals at www.example.org and elsewhere")


def test_a_phrase_standing_twice_in_the_text_is_a_label_never_a_heading() -> None:
    label = text("Buy it now: Seal Shop")
    blocks = [PROSE, label, PROSE, label, PROSE]
    assert is_repeated_label(blocks[1], TextStats.of(blocks))
    assert heading_odds(blocks)[1] == heading_odds(blocks)[3] == 0.0
    once = [PROSE, label, PROSE]
    assert not is_repeated_label(once[1], TextStats.of(once))
    # a word or two may head each of several parts alike
    parts = [PROSE, text("Ingredients"), PROSE, text("Ingredients"), PROSE]
    assert not is_repeated_label(parts[1], TextStats.of(parts))


def test_a_line_repeating_words_of_the_text_is_a_pull_quote_never_a_heading() -> None:
    quote = "Counted just over nine thousand pups this year"
    body = Block(
        "The wardens flew all week and counted just over nine thousand pups this year, they said."
    )
    blocks = [body, text(quote), PROSE]
    assert repeats_a_sentence(blocks[1], TextStats.of(blocks))
    assert heading_odds(blocks)[1] == 0.0
    assert not repeats_a_sentence(blocks[2], TextStats.of(blocks))  # itself only


def test_the_model_file_names_every_feature_and_a_threshold() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    blocks = [PROSE, text("A heading"), PROSE]
    assert set(data["weights"]) == set(features(blocks, 1, TextStats.of(blocks)))
    assert 0.0 < model().threshold < 1.0


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("A colony that nearly vanished", True),
        ("Was nun?", True),
        ("Die russische Bestätigung – und was dahintersteckt", True),
        ("7) The night train to Vienna", True),
        ("Jane Doe/AOL", False),  # a photo credit
        ("Credit Maria Lopez", False),
        ("[Read: How the talks failed]", False),  # a bracketed teaser
        ("Continue reading the main story", False),  # a call to action
        ("View photo", False),
    ],
)
def test_the_model_on_clear_cases(line: str, heading: bool) -> None:
    blocks = [PROSE, text(line), PROSE]
    assert heading_flags(blocks)[1] is heading


@pytest.mark.parametrize(
    ("line", "possessive"),
    [
        ("to pressure the country's", True),
        ("in the closing seconds of last week’s", True),
        ("a deal to purchase 30 of Boeing 's", True),  # set apart, as tokenised
        ("Layoffs at Macy's", False),  # a shop's name
        ("Music of the 1990's", False),  # a decade
        ("Into The Enterprise’", False),  # a closing quote
    ],
)
def test_ends_with_a_possessive(line: str, possessive: bool) -> None:
    assert ends_with_a_possessive(line) is possessive


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("The seals were counted from a small plane. Maria Lopez", True),
        # the caption's sentence ends with a place or a bracket
        ("The house where he was born in Braunau am Inn, Austria. Maria Lopez", True),
        ("Tim Sloan (Wells Fargo). Maria Lopez", True),
        ("Lady Beaten And Disgraced For Sleeping With Her Friend (Photos). Maria Lopez", True),
        ("The count was checked by Dr. Jane Doe", False),  # an abbreviation's period
        ("The count was checked by Sen. Jane Doe", False),  # a title's
        ("The count was checked by John F. Kennedy", False),  # an initial's
        # a caption of two sentences; prose cut after the name opening its next sentence
        ("A duvet on the dresser against a blurred window. Household. Maria Lopez", True),
        (
            "The Steelers spent Monday trying to distance themselves from the fight that led"
            " to suspensions for Browns pass rusher Myles Garrett and Pittsburgh center"
            " Maurkice Pouncey. Cleveland DL Larry",
            False,
        ),
        # a sentence in Korean ends with no capital: "현재 MBC는" is no name
        ("주말 밤 9시 MBC와 SBS는 막장극의 대결로 붙는 경우가 흔하다. 현재 MBC는", False),
        ("The seals were counted. Maria said", False),  # a sentence going on
        ("The seals were counted from a small plane. Maria", False),  # one word
        ("The seals were counted from a small plane. Survey Results", False),  # "survey"
    ],
)
def test_is_signed_by_a_name(line: str, signed: bool) -> None:
    blocks = [PROSE, text(line), PROSE]
    assert is_signed_by_a_name(blocks[1], TextStats.of(blocks)) is signed


def test_a_caption_signed_by_a_name_is_no_heading() -> None:
    caption = Block("Tim Sloan (Wells Fargo). Maria Lopez")
    assert is_candidate(caption)
    assert heading_flags([PROSE, caption, PROSE]) == [False, False, False]


def test_a_name_alone_is_no_heading_but_a_german_noun_phrase_may_be() -> None:
    english = Block(
        "The survey counted the seals of the sandbanks from a small plane, and the wardens"
        " were surprised by the count.",
    )
    blocks = [english, text("Jane Doe"), english]
    assert is_name_alone(blocks[1], TextStats.of(blocks))
    assert heading_odds(blocks)[1] == 0.0
    # the text writes "survey" in lower case: "Survey Results" is no name
    blocks = [english, text("Survey Results"), english]
    assert not is_name_alone(blocks[1], TextStats.of(blocks))
    german = Block(
        "Die Zählung der Seehunde auf den Sandbänken ergab mehr Jungtiere als in jedem Jahr"
        " seit dem Beginn der Zählung, und die Biologen sind nicht sicher, warum.",
    )
    blocks = [german, text("Offene Fragen"), german]
    assert TextStats.of(blocks).capitalises_nouns
    assert not is_name_alone(blocks[1], TextStats.of(blocks))


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # a short text may never write "what" or "why" in lower case: no name has them
        ("What Comes Next", False),
        ("Why It Matters", False),
        ("How Tides Work", False),
        ("Jane Doe", True),
        ("Anna De Luca", True),  # a name's particle, though "de" is a preposition too
    ],
)
def test_no_name_is_made_of_question_words_and_pronouns(line: str, name: bool) -> None:
    short = Block("The survey counted the seals of the sandbanks from a small plane.")
    blocks = [short, text(line), short]
    assert is_name_alone(blocks[1], TextStats.of(blocks)) is name


REVIEW = Block(
    "The seal survey is the best in years: the streaming quality of the video from the plane"
    " was mostly excellent over a solid internet connection, the count is only necessary once"
    " a year, and you have a record of it for the wardens, who seem to be playing a long game.",
)


def test_a_line_over_a_picture_credit_needs_higher_odds_to_be_a_heading() -> None:
    line = text("Who counts the seals?")
    over_prose = [PROSE, line, PROSE]
    over_credit = [PROSE, line, text("Photo: Jane Doe/AOL"), PROSE]
    assert heading_flags(over_prose)[1]
    # a heading by the model's own threshold, but over a credit it is a caption
    assert model().threshold <= heading_odds(over_credit)[1] < OVER_A_CREDIT_THRESHOLD
    assert not heading_flags(over_credit)[1]


def test_a_caption_over_its_credit_needs_near_certain_odds() -> None:
    """Odds that would make a heading of a line over prose twice over do not
    make one of a caption over its credit."""
    caption = text("SEALS ON THE SANDBANK IN 2019")
    blocks = [PROSE, caption, text("Photo: Jane Doe/AOL"), PROSE]
    assert heading_odds(blocks)[1] > 0.95
    assert not heading_flags(blocks)[1]


def test_an_agency_alone_under_a_line_signs_a_picture() -> None:
    caption = text("SEALS ON THE SANDBANK IN 2019")
    assert heading_flags([PROSE, caption, PROSE])[1]
    assert not heading_flags([PROSE, caption, text("Reuters"), PROSE])[1]


def test_a_caption_over_its_credit_in_headline_style_is_left_to_the_model() -> None:
    caption = text(
        "Provided You Have A Solid Internet Connection, The Seal Survey Is Mostly Excellent"
    )
    blocks = [REVIEW, caption, text("Photo: Jane Doe/AOL"), REVIEW]
    assert is_headline_style(caption, TextStats.of(blocks))
    assert not heading_flags(blocks)[1]


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        # long, with a comma: the model alone reads it as a sentence
        (
            "Provided You Have A Solid Internet Connection, The Streaming Quality Seems To Be"
            " Mostly Excellent",
            True,
        ),
        ("Why the Count Is Only Necessary Once a Year", True),  # minor words in lower case
        ("New Video of the Plane: Survey Record for $169.99 (Was $279)", True),  # numbers aside
        ("The count is only necessary once a year", False),  # sentence case
        ("Bob Marley, Bruno Mars, Frank Sinatra and Drake", False),  # names, not lower-case words
        ("THE SURVEY IS THE BEST IN YEARS", False),  # capitals say nothing of the kind
        ("The Survey Is The Best Video of the Plane in years", False),  # "years" is no minor word
    ],
)
def test_headline_style_capitalises_words_the_text_writes_in_lower_case(
    line: str, headline: bool
) -> None:
    blocks = [REVIEW, text(line), REVIEW]
    stats = TextStats.of(blocks)
    assert is_headline_style(blocks[1], stats) is headline
    if headline:  # a heading, whatever the model weighs
        assert heading_flags(blocks)[1]


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("Here's the other important thing.", True),  # the text writes "here's"
        ("The wardens were surprised.", True),
        ("I counted them twice.", True),  # "I" is a word of its own
        ("Kiel had the most seals.", False),  # a name: never in lower case
        ("NASA flew the survey.", False),
        ("Survey results came in late.", True),  # "survey" stands in lower case
        ("16 letters came in.", False),
    ],
)
def test_a_capital_for_opening_a_sentence(line: str, opens: bool) -> None:
    prose = Block(
        "The survey counted the seals, and here's what i think: the wardens counted well.",
    )
    judge = Judge([prose, text(line), prose])
    assert judge.opens_a_sentence(1) is opens


#: A hundred words and more of prose: what a word written once in lower case
#: is among them says little.
SEAL_REPORT = Block(
    "The wardens counted the grey seals on the outer sandbank again this autumn,"
    " and they found more pups than in any year since the count began, but fewer"
    " cows. Officials of the park said the colony had grown because the fishing boats now keep"
    " their distance, and because the winter storms were mild. She said the"
    " survey would go on next year. The wardens will fly over the banks in"
    " December, when the pups are old enough to be counted from the air, and"
    " they will publish the figures in the spring. She thanked the volunteers"
    " who walked the dunes, and she asked visitors to keep their dogs on a"
    " lead. Health care for the injured pups is paid by the park's officials."
)


@pytest.mark.parametrize(
    ("line", "surely"),
    [
        ("The wardens were surprised.", True),  # an article
        ("But the wardens were surprised.", True),  # a conjunction
        ("She counted them twice.", True),  # "she" is one word in a hundred
        ("Officials counted them twice.", True),  # it opens another sentence
        ("“Care for the seals,” the sign says.", True),  # a quotation opens it
        ("Care Act funds paid for the boat.", False),  # "care": once in lower case
        ("Kiel had the most seals.", False),  # no capital for a sentence at all
    ],
)
def test_a_word_the_text_opens_sentences_with(line: str, surely: bool) -> None:
    """After a long line stopping mid-sentence, only a word the text opens
    sentences with opens one: a noun it writes in lower case once may be the
    rest of a name that a page break cut."""
    judge = Judge([SEAL_REPORT, text(line), SEAL_REPORT])
    assert judge.surely_opens_a_sentence(1) is surely


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("DEAR FEELING: Of course you should go.", True),
        ("Dear Abby: My husband and I were married last year.", True),
        ("Liebe Leserin, vielen Dank für Ihren Brief.", True),
        ("Chère Madame, merci pour votre lettre.", True),
        ("Dearborn police said the road was closed.", False),
        ("Liebe und Hass und Neid und Gier und Angst, sagte er", False),  # no salutation
    ],
)
def test_a_letter_opens_with_a_salutation(line: str, opens: bool) -> None:
    assert opens_a_letter(line) is opens


@pytest.mark.parametrize(
    ("line", "open_"),
    [
        ('He said "the count', True),
        ('The new 34" monitor', False),  # an inch mark
        ('the 34" and 27" models "for', True),
        ('Use code "HARBOUR24" to get it', False),  # a quoted code ending with a digit
        ('"34" was the count', False),  # a quoted number
        ("„Die Zählung", True),
        ("„Die Zählung“ ergab", False),
    ],
)
def test_an_open_quotation_counts_straight_quotes_in_pairs_inch_marks_aside(
    line: str, open_: bool
) -> None:
    assert has_open_quote(line) is open_
