"""Every script reads: one pasted article in each of ten languages
(``tests/fixtures/scripts/``), read end to end, then one table per rule the
articles needed (bylines, headings, paragraphs, debris, the language)."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pytest

from exporter.api import read as api_read
from exporter.debris import debris_kind
from exporter.diagnostics import Outcome
from exporter.model import Heading, Paragraph, plain_text
from exporter.news import is_credit_line, looks_like_name, parse_byline
from exporter.options import Options
from exporter.readers.headings import Block, ends_like_a_sentence, is_candidate, word_count
from exporter.readers.text import ends_mid_sentence, read
from exporter.source import Source
from exporter.transforms.language import by_script, chinese_script, writes_kana

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scripts"


class Article(NamedTuple):
    author: str
    heading: str
    language: str


ARTICLES = {
    "zh-Hans": Article("王芳", "票价与安全保障", "zh-Hans"),
    "zh-Hant": Article("陳怡君", "維修作業時間遭壓縮", "zh-Hant"),
    "ja": Article("山田太郎", "利用者減少に歯止めを", "ja"),
    "ko": Article("김민준", "에너지 효율도 함께 개선", "ko"),
    "ar": Article("أحمد خالد", "تعاون دولي وتحديات تقنية", "ar"),
    "he": Article("דנה לוי", "מחקרים על איי חום עירוניים", "he"),
    "hi": Article("राहुल शर्मा", "प्रदूषण कम करने की पहल", "hi"),
    "th": Article("สมชาย ใจดี", "เสียงสะท้อนจากชุมชน", "th"),
    "ru": Article("Анна Петрова", "Экспонаты собирали десять лет", "ru"),
    "el": Article("Γιώργος Παπαδόπουλος", "Οι αντιδράσεις των κατοίκων", "el"),
}
TAGS = list(ARTICLES)


def source(tag: str) -> Source:
    path = FIXTURES / f"{tag}.txt"
    return Source(path.read_bytes(), path.name, path.parent)


def paste(tag: str) -> list[str]:
    """The fixture's blocks between blank lines: title, byline, then the body."""
    text = (FIXTURES / f"{tag}.txt").read_text(encoding="utf-8")
    return [block.strip() for block in text.split("\n\n") if block.strip()]


@functools.cache
def reader_outcome(tag: str) -> Outcome:
    """The plain-text reader's model, before any transform."""
    return read(source(tag))


@functools.cache
def exported(tag: str) -> Outcome:
    """The model as it is exported: read and transformed (``exporter.read``)."""
    return api_read(source(tag), Options())


def words(text: str) -> list[str]:
    """The words of ``text``: letters, digits and the combining marks
    written inside words (Hindi vowel signs, Thai tone marks, which ``\\w``
    leaves out, cutting "राहुल" into three), between anything else. A run of
    Chinese or Japanese between punctuation counts as one word."""
    found: list[str] = []
    current: list[str] = []
    for char in text:
        if char.isalnum() or unicodedata.category(char).startswith("M"):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def outline(outcome: Outcome) -> list[tuple[str, str]]:
    kinds = []
    for block in outcome.document.blocks:
        match block:
            case Heading(_, children):
                kinds.append(("h", plain_text(children)))
            case Paragraph(children):
                kinds.append(("p", plain_text(children)))
            case _:
                kinds.append((type(block).__name__, ""))
    return kinds


# --- the articles ------------------------------------------------------------------


def test_every_language_has_its_article() -> None:
    assert sorted(path.stem for path in FIXTURES.glob("*.txt")) == sorted(TAGS)


@pytest.mark.parametrize("tag", TAGS)
def test_the_title_is_the_first_line(tag: str) -> None:
    title = paste(tag)[0]
    assert reader_outcome(tag).document.metadata.title == title
    assert exported(tag).document.metadata.title == title


@pytest.mark.parametrize("tag", TAGS)
def test_the_byline_names_the_author_and_leaves_the_body(tag: str) -> None:
    byline = paste(tag)[1]
    author = ARTICLES[tag].author
    assert reader_outcome(tag).document.metadata.authors == (author,)
    assert exported(tag).document.metadata.authors == (author,)
    body = "\n".join(text for _kind, text in outline(reader_outcome(tag)))
    assert byline not in body
    assert author not in body


@pytest.mark.parametrize("tag", TAGS)
def test_the_heading_is_a_heading_and_every_paragraph_a_paragraph(tag: str) -> None:
    heading = ARTICLES[tag].heading
    expected = [("h" if block == heading else "p", block) for block in paste(tag)[2:]]
    assert ("h", heading) in expected
    assert outline(reader_outcome(tag)) == expected
    # and after the transforms, which may change punctuation but not words
    assert [(kind, words(text)) for kind, text in outline(exported(tag))] == [
        (kind, words(text)) for kind, text in expected
    ]


@pytest.mark.parametrize("tag", TAGS)
def test_every_word_of_the_body_is_kept_in_order(tag: str) -> None:
    expected = words("\n".join(paste(tag)[2:]))
    document_text = "\n".join(text for _kind, text in outline(exported(tag)))
    assert words(document_text) == expected


@pytest.mark.parametrize("tag", TAGS)
def test_the_language_is_detected(tag: str) -> None:
    metadata = exported(tag).document.metadata
    assert metadata.language == ARTICLES[tag].language
    [notice] = [d for d in exported(tag).diagnostics if d.code == "language.detected"]
    assert notice.message.startswith(f"language: {ARTICLES[tag].language} (detected")


@pytest.mark.parametrize(
    ("tag", "inside"), [("ar", ["Reuters", "NASA", "2028"]), ("he", ["Nature", "2030"])]
)
def test_latin_names_and_numbers_stay_inside_right_to_left_sentences(
    tag: str, inside: list[str]
) -> None:
    paragraphs = [text for kind, text in outline(exported(tag)) if kind == "p"]
    for name in inside:
        [paragraph] = [text for text in paragraphs if name in text]
        assert not paragraph.startswith(name) and not paragraph.endswith(name)


# --- bylines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("作者：李华", ("李华",)),
        ("记者 王芳", ("王芳",)),
        ("本报记者 王芳", ("王芳",)),
        ("本報記者 陳怡君", ("陳怡君",)),
        ("文／陳怡君", ("陳怡君",)),
        ("記者陳怡君／台北報導", ("陳怡君",)),
        ("記者陳怡君、林志明／綜合報導", ("陳怡君", "林志明")),
        ("记者王芳/北京报道", ("王芳",)),
        ("記者　山田太郎", ("山田太郎",)),
        ("文：山田太郎", ("山田太郎",)),
        ("山田太郎記者", ("山田太郎",)),
        ("홍길동 기자", ("홍길동",)),
        ("بقلم أحمد خالد", ("أحمد خالد",)),
        ("מאת דנה לוי", ("דנה לוי",)),
        ("लेखक: राहुल शर्मा", ("राहुल शर्मा",)),
        ("लेखिका: प्रिया वर्मा", ("प्रिया वर्मा",)),
        ("द्वारा राहुल शर्मा", ("राहुल शर्मा",)),
        ("โดย สมชาย ใจดี", ("สมชาย ใจดี",)),
        ("ผู้เขียน: สมชาย ใจดี", ("สมชาย ใจดี",)),
        ("Автор: Анна Петрова", ("Анна Петрова",)),
        ("Συντάκτης: Γιώργος Παπαδόπουλος", ("Γιώργος Παπαδόπουλος",)),
        ("Συντάκτρια: Μαρία Κωνσταντίνου", ("Μαρία Κωνσταντίνου",)),
        ("Γράφει ο Γιώργος Παπαδόπουλος", ("Γιώργος Παπαδόπουλος",)),
        ("Γράφει η Μαρία Κωνσταντίνου", ("Μαρία Κωνσταντίνου",)),
    ],
)
def test_bylines_as_each_language_writes_them(line: str, authors: tuple[str, ...]) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors


@pytest.mark.parametrize(
    "line",
    [
        "記者手記",  # "a reporter's notes": a heading
        "記者會上，他說／台北報導的內容並不正確",
        "Γράφει ο Guardian ότι η κυβέρνηση θα παραιτηθεί",
        "โดยเฉพาะในช่วงฤดูฝน",  # "especially in the rainy season": no space after โดย
        "记者从市交通委员会获悉，自下月起，本市将新增十二条夜班公交线路",
    ],
)
def test_lines_that_start_like_bylines_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize("name", ["राहुल शर्मा", "สมชาย ใจดี", "ใจดี", "দীপিকা সেন", "דנה לוי"])
def test_names_with_combining_marks_look_like_names(name: str) -> None:
    """Vowel signs and tone marks are part of the word ("ी" in "ใจดี")."""
    assert looks_like_name(name)


# --- headings and paragraphs -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Экспонаты собирали десять лет", 4),
        ("票价与安全保障", 4),  # seven characters, two to a word
        ("利用者減少に歯止めを", 5),
        ("Apple 公司", 2),
        ("เสียงสะท้อนจากชุมชน", 5),  # nineteen characters, four to a word
        ("에너지 효율도 함께 개선", 4),  # Korean spaces its words
    ],
)
def test_word_count_counts_words_where_no_spaces_are_written(text: str, count: int) -> None:
    assert word_count(text) == count


@pytest.mark.parametrize(
    "text",
    [
        "这次扩容以后，夜班公交将连接主要地铁换乘站和大型医院，方便市民错峰出行。",
        "「我們希望讓民眾在週末晚上有更多選擇。」",
        "予約は発売初日にほぼ埋まったという。",
        "ये बसें पूरी तरह वातानुकूलित हैं।",
        "هل تنجح المهمة؟",
        "สวนจะเปิดให้บริการทุกวัน โดยไม่เก็บค่าเข้าชม",  # Thai marks no sentence end
    ],
)
def test_sentences_end_in_every_script(text: str) -> None:
    assert ends_like_a_sentence(text)


@pytest.mark.parametrize(
    "text",
    [
        "交通委有关负责人表示，近年来夜间出行需求增长明显。不少市民下班较晚",
        "記者從市政府獲悉，捷運將延長營運時間。",
        "利用者は減少している。会社は観光客を",
        "नई बसें सड़कों पर उतरीं। यात्री खुश हैं",
        "وقال مدير المشروع،",
    ],
)
def test_a_sentence_or_clause_in_any_script_is_no_heading_candidate(text: str) -> None:
    assert not is_candidate(Block(text))


@pytest.mark.parametrize(
    "text", ["票价与安全保障", "維修作業時間遭壓縮", "利用者減少に歯止めを", "प्रदूषण कम करने की पहल"]
)
def test_a_short_line_in_any_script_is_a_heading_candidate(text: str) -> None:
    assert is_candidate(Block(text))


def test_thai_paragraphs_are_not_joined_as_if_cut_mid_sentence() -> None:
    """Thai ends a paragraph with its last word, no full stop: two paragraphs
    are two, not one cut by a page break."""
    assert not ends_mid_sentence("สวนจะเปิดให้บริการทุกวัน โดยไม่เก็บค่าเข้าชม")
    assert not ends_mid_sentence("ทั้งในฝั่งพระนครและฝั่งธนบุรี")  # ends with a vowel sign
    assert ends_mid_sentence("The night train to Vienna and")
    first, second = paste("th")[2:4]
    text = f"{paste('th')[0]}\n\n{first}\n\n{second}\n"
    outcome = read(Source(text.encode("utf-8"), "th.txt"))
    assert [kind for kind, _text in outline(outcome)] == ["p", "p"]


def test_a_latin_name_alone_in_a_korean_text_is_no_heading() -> None:
    """A text without case makes no line a name by its capitals, but a Latin
    name in it is still a name (a co-author's, a photographer's)."""
    first, second, _heading, third, fourth = paste("ko")[2:]
    text = "\n\n".join([paste("ko")[0], first, second, "Jane Doe", third, fourth]) + "\n"
    outcome = read(Source(text.encode("utf-8"), "ko.txt"))
    assert ("p", "Jane Doe") in outline(outcome)


# --- debris and credits ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "阅读全文",
        "点击查看更多",
        "广告",
        "廣告",
        "続きを読む",
        "ニュースレターに登録",
        "広告",
        "뉴스레터 구독하기",
        "기사 공유하기",
        "광고",
        "اقرأ المزيد",
        "إعلان",
        "לחצו כאן",
        "פרסומת",
        "और पढ़ें",
        "विज्ञापन",
        "อ่านต่อ",
        "โฆษณา",
    ],
)
def test_calls_to_action_in_every_script_are_debris(line: str) -> None:
    assert debris_kind(line) == "call to action"


@pytest.mark.parametrize(
    "line",
    [
        "广告收入比去年增长了三成。",
        "分享到朋友圈的照片显示，这家餐厅在开业第一天就排起了长队，不少市民专程赶来排队。",
        "広告業界の再編",
        "광고 시장의 변화",
        "विज्ञापन कंपनियों ने नए नियमों का विरोध किया।",
    ],
)
def test_prose_and_headings_opening_with_those_words_are_not_debris(line: str) -> None:
    assert debris_kind(line) == ""


@pytest.mark.parametrize("line", ["（写真：共同）", "（写真：Jane Doe/AOL）", "【사진=연합뉴스】"])
def test_credits_in_full_width_brackets_are_credits(line: str) -> None:
    assert is_credit_line(line)


# --- the language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("这是一个测试，我们会说中国的事情。", "Hans"),
        ("這是一個測試，我們會說中國的事情。", "Hant"),
        ("台北市政府今日宣布", ""),  # no character only one script writes
        ("这個國家", ""),  # one to two: no majority
    ],
)
def test_chinese_script_by_characters_only_one_script_writes(text: str, script: str) -> None:
    assert chinese_script(text)[0] == script


@pytest.mark.parametrize(
    ("text", "japanese"),
    [
        ("中華人民共和国国務院総理李強氏は北京で会談", True),
        ("習近平国家主席と会談 経済協力強化で一致", True),
        ("这是一个测试", False),
        (
            "小清新の生活：台北市政府今天宣布新的文化政策，鼓励市民参与各类艺术活动和社区展览。",
            False,
        ),
        (
            "The word こんにちは means hello in Japanese, as every guide to the language says.",
            False,
        ),
    ],
)
def test_kana_make_a_text_japanese(text: str, japanese: bool) -> None:
    assert writes_kana(text) is japanese


def test_the_script_corrects_the_model() -> None:
    # a headline dense with kanji, which the model takes for Chinese or Wu Chinese
    assert by_script("中華人民共和国国務院総理李強氏は北京で会談", "zh", 0.39)[:2] == ("ja", 1.0)
    assert by_script("習近平国家主席と会談 経済協力強化で一致", "wuu", 0.5)[:2] == ("ja", 1.0)
    assert by_script("這是一個測試", "zh", 0.9)[:2] == ("zh-Hant", 0.9)
    assert by_script("这是一个测试", "zh", 0.9)[:2] == ("zh-Hans", 0.9)
    assert by_script("台北市政府今日宣布", "zh", 0.9) == ("zh", 0.9, "")
    assert by_script("Die Nacht ist kurz.", "de", 0.99) == ("de", 0.99, "")
