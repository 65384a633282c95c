"""Typography beyond Latin, Greek and Cyrillic letters (issue 12, "every
script prints"): the quote marks of Indonesian, Malay, Chinese, Japanese,
Korean, Arabic, Persian, Urdu, Hebrew, Hindi and Thai, the language tags that
lead to them, and Chinese and Japanese text whose punctuation is left as
typed."""

from __future__ import annotations

import pytest

import exporter
from exporter.model import Document, Metadata, Paragraph, Span, Text, plain_text
from exporter.options import Options
from exporter.source import Source
from exporter.transforms.punctuation_rules import CONVENTIONS, conventions_for
from exporter.transforms.typography import typeset


def typeset_line(line: str, language: str) -> tuple[str, list[str]]:
    """One paragraph in ``language`` through the transform: its text and the
    codes of the diagnostics."""
    outcome = typeset(Document(Metadata(language=language), (Paragraph((Text(line),)),)))
    (paragraph,) = outcome.document.blocks
    assert isinstance(paragraph, Paragraph)
    return plain_text(paragraph.children), [d.code for d in outcome.diagnostics]


# --- straight quotes become the language's marks ----------------------------------------------

QUOTED = [
    ("id", "Dia berkata, \"Saya 'pasti' datang.\"", "Dia berkata, “Saya ‘pasti’ datang.”"),
    ("id-ID", 'Katanya "besok" saja.', "Katanya “besok” saja."),
    ("ms", "Dia berkata, \"Saya 'pasti' datang.\"", "Dia berkata, “Saya ‘pasti’ datang.”"),
    ("ms-MY", 'Katanya "esok" sahaja.', "Katanya “esok” sahaja."),
    # A Korean particle clings to the quotation before it.
    ("ko", '그는 "안녕하세요."라고 말했다.', "그는 “안녕하세요.”라고 말했다."),
    ("ko-KR", "그는 \"'좋다'고 했다\"라고 말했다.", "그는 “‘좋다’고 했다”라고 말했다."),
    ("ko-KP", '그는 "안녕"이라고 말했다.', "그는 《안녕》이라고 말했다."),
    ("ar", 'وصف المشروع بأنه "اختبار حقيقي" للفريق.', "وصف المشروع بأنه «اختبار حقيقي» للفريق."),
    ("ar-EG", "قال \"إنه 'مهم' جدا\".", "قال «إنه ”مهم“ جدا»."),
    ("fa", 'او گفت "سلام" و رفت.', "او گفت «سلام» و رفت."),
    ("fa-IR", 'او گفت "سلام" و رفت.', "او گفت «سلام» و رفت."),
    ("ur", 'اس نے کہا "سلام" اور چلا گیا۔', "اس نے کہا ”سلام“ اور چلا گیا۔"),
    ("hi", "उसने कहा, \"यह 'सही' है।\"", "उसने कहा, “यह ‘सही’ है।”"),
    ("hi-IN", 'इसे "सही दिशा में एक कदम" बताया।', "इसे “सही दिशा में एक कदम” बताया।"),
    ("he", 'היא כינתה אותם "המזגן של העיר".', "היא כינתה אותם „המזגן של העיר”."),
    ("he-IL", "הוא אמר \"זה 'טוב' מאוד\".", "הוא אמר „זה ‚טוב’ מאוד”."),
    ("th", 'ป้ายเขียนไว้ว่า "สวนของทุกคน" ซึ่ง', "ป้ายเขียนไว้ว่า “สวนของทุกคน” ซึ่ง"),
    # Chinese: a script subtag decides, else the region, else Simplified.
    ("zh", '站牌上标注"夜间停靠"字样。', "站牌上标注“夜间停靠”字样。"),
    ("zh-Hans", '站牌上标注"夜间停靠"字样。', "站牌上标注“夜间停靠”字样。"),
    ("zh-CN", "他说：\"我读了'好书'。\"", "他说：“我读了‘好书’。”"),
    ("zh-SG", '站牌上标注"夜间停靠"字样。', "站牌上标注“夜间停靠”字样。"),
    ("zh-Hans-TW", '站牌上标注"夜间停靠"字样。', "站牌上标注“夜间停靠”字样。"),
    ("zh-Hant", '委託廠商分擔部分"非關鍵性"的項目。', "委託廠商分擔部分「非關鍵性」的項目。"),
    ("zh-TW", "他說：\"我讀了'好書'。\"", "他說：「我讀了『好書』。」"),
    ("zh-HK", '委託廠商分擔部分"非關鍵性"的項目。', "委託廠商分擔部分「非關鍵性」的項目。"),
    ("zh-Hant-TW", '委託廠商分擔部分"非關鍵性"的項目。', "委託廠商分擔部分「非關鍵性」的項目。"),
    ("zh-yue-HK", '委託廠商分擔部分"非關鍵性"的項目。', "委託廠商分擔部分「非關鍵性」的項目。"),
    (
        "ja",
        '地元の農家と協力して"駅弁"の開発を進めた。',
        "地元の農家と協力して「駅弁」の開発を進めた。",
    ),
    ("ja-JP", "彼は\"'はい'と言った\"と書いた。", "彼は「『はい』と言った」と書いた。"),
]


@pytest.mark.parametrize(("language", "line", "expected"), QUOTED, ids=[q[0] for q in QUOTED])
def test_straight_quotes_take_the_marks_of_the_language(
    language: str, line: str, expected: str
) -> None:
    assert typeset_line(line, language) == (expected, [])


@pytest.mark.parametrize(("language", "line", "expected"), QUOTED, ids=[q[0] for q in QUOTED])
def test_typesetting_set_quotes_again_changes_nothing(
    language: str, line: str, expected: str
) -> None:
    assert typeset_line(expected, language) == (expected, [])


def test_a_passage_in_japanese_takes_corner_brackets_in_a_german_text() -> None:
    paragraph = Paragraph((Text('Er sagte "ja" und '), Span((Text('"はい"と言った'),), "ja")))
    outcome = typeset(Document(Metadata(language="de"), (paragraph,)))
    assert plain_text(outcome.document.blocks[0].children) == "Er sagte „ja“ und 「はい」と言った"
    assert outcome.diagnostics == ()


# --- Chinese and Japanese: quotes where words have no spaces between them ---------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Between two letters, a mark opens unless one is open: then it closes.
        ('他说"你好"，然后"再见"。', "他说“你好”，然后“再见”。"),
        # After punctuation that ends a sentence, a mark closes what is open ...
        ('他说："你好！"然后走了。', "他说：“你好！”然后走了。"),
        # ... and after an opening bracket it opens.
        ('（"你好"）', "（“你好”）"),
        # Next to Latin letters and digits inside Chinese text.
        ('他说"OK"了，买了"5G"手机。', "他说“OK”了，买了“5G”手机。"),
        # After a digit, a lone mark is an inch sign and stays straight.
        ('一台5"屏幕的手机', '一台5"屏幕的手机'),
    ],
)
def test_chinese_quotes_pair_between_letters(line: str, expected: str) -> None:
    assert typeset_line(line, "zh-CN") == (expected, [])


def test_japanese_quotes_without_spaces_become_corner_brackets() -> None:
    line = '社長は"この列車を楽しんでほしい"と語った。社員は"\'またね\'と言いたい"と話した。'
    expected = (
        "社長は「この列車を楽しんでほしい」と語った。社員は「『またね』と言いたい」と話した。"
    )
    assert typeset_line(line, "ja") == (expected, [])


# --- Chinese and Japanese: punctuation as typed -----------------------------------------------

FULL_WIDTH = {
    "zh-Hans": "你好，世界！这是（测试）：对吗？是的；好。“已有”‘引号’——破折号……省略号、顿号。",
    "zh-Hant": "你好，世界！這是（測試）：對嗎？是的；好。「已有」『引號』——破折號……省略號、頓號。",
    "ja": "こんにちは、世界！これは（テスト）：本当？はい；そう。「既に」『引用』――線……点。",
}


@pytest.mark.parametrize("language", FULL_WIDTH)
def test_full_width_punctuation_is_kept_as_typed(language: str) -> None:
    """No space is added around 、。，！？：；（）「」, nothing is replaced,
    and the two-character dash and ellipsis stay as they are."""
    line = FULL_WIDTH[language]
    assert typeset_line(line, language) == (line, [])


@pytest.mark.parametrize("language", ["zh", "zh-TW", "ja"])
def test_hyphens_are_kept_where_the_dash_is_two_characters_wide(language: str) -> None:
    """No typed hyphen stands for ——, nor for the range marks — and 〜: they
    stay as typed, between words, numbers and letters alike."""
    line = "东京 - 大阪，A--B，C---D，1990-1995年，第3-5页"
    assert typeset_line(line, language) == (line, [])


def test_no_no_break_spaces_between_digit_groups_in_chinese_and_japanese() -> None:
    """They group digits with commas; "2024 100" are two numbers."""
    for language in ("zh", "zh-Hant", "ja"):
        assert typeset_line("在2024 100人参加", language) == ("在2024 100人参加", [])


# --- Hebrew -----------------------------------------------------------------------------------


def test_hebrew_geresh_is_set_and_gershayim_left() -> None:
    """A "'" in a word is a geresh (U+05F3: ג׳ירפה); a '"' in a word stands
    for gershayim (צה"ל) and is no quotation mark."""
    text, codes = typeset_line("ראיתי ג'ירפה ליד בסיס צה\"ל.", "he")
    assert text == 'ראיתי ג\u05f3ירפה ליד בסיס צה"ל.'
    assert codes == []


# --- language tags ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "row"),
    [
        ("id-ID", "id"),
        ("id_ID", "id"),
        ("ms-Latn-MY", "ms"),
        ("zh-TW", "zh-tw"),
        ("zh-Hant-TW", "zh-hant"),
        ("zh-Hans-TW", "zh-hans"),
        ("zh-Hant-CN", "zh-hant"),
        ("zh-yue-HK", "zh-hk"),
        ("zh-MO", "zh-mo"),
        ("zh-Hans-CN-u-nu-hanidec", "zh-hans"),
        ("ja-JP", "ja"),
        ("ko-KP", "ko-kp"),
        ("ar-EG", "ar"),
        ("he-IL", "he"),
        ("iw", "he"),
        # A script subtag before the region no longer hides the region's row.
        ("de-Latn-CH", "de-ch"),
        ("en-Latn-GB", "en-gb"),
        ("pt-Latn-BR", "pt-br"),
    ],
)
def test_region_and_script_subtags_find_their_row(tag: str, row: str) -> None:
    assert conventions_for(tag) is CONVENTIONS[row]


def test_traditional_chinese_is_the_region_default_only_without_a_script() -> None:
    assert CONVENTIONS["zh-tw"].quotes.open == "「"
    assert CONVENTIONS["zh-hans"].quotes.open == "“"
    assert conventions_for("zh-Hans-TW") is not conventions_for("zh-TW")


def test_an_indonesian_article_is_not_warned_about() -> None:
    """An article saved from an Indonesian site (lang="id-ID") used to log
    "no punctuation rules for language 'id-ID'" and keep its straight quotes."""
    html = (
        '<!DOCTYPE html><html lang="id-ID"><head><meta charset="utf-8">'
        "<title>Kereta malam kembali</title></head><body><article>"
        "<h1>Kereta malam kembali</h1>"
        '<p>Menurut operator, kereta malam kini "hampir selalu penuh" pada akhir pekan. '
        "Pemerintah menyebut proyek itu 'langkah yang tepat' untuk mengurangi penerbangan "
        "jarak pendek, dan gerbong baru sudah dipesan dari pabrik di Madiun.</p>"
        "</article></body></html>"
    )
    outcome = exporter.read(Source(html.encode(), "kereta.html"), Options())
    assert outcome.document.metadata.language == "id-ID"
    messages = [d.message for d in outcome.diagnostics]
    assert not [m for m in messages if "no punctuation rules" in m], messages
    text = "\n".join(
        plain_text(block.children)
        for block in outcome.document.blocks
        if isinstance(block, Paragraph)
    )
    assert "“hampir selalu penuh”" in text and "‘langkah yang tepat’" in text
