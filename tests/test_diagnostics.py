"""Messages for the user: one line a terminal can show."""

from __future__ import annotations

from exporter.diagnostics import MAX_QUOTED_WORD, notice, warning


def test_a_quoted_word_of_a_million_characters_is_shortened() -> None:
    word = "a" * 500_000 + "z" * 500_000
    message = notice("text.x", f'joined "…{word}" + "and more"').message
    quoted = f'"…{word}"'
    assert message == f'joined {quoted[:100]}…{quoted[-20:]} + "and more"'
    assert warning("x", word).message == "a" * 100 + "…" + "z" * 20


def test_messages_of_ordinary_words_are_kept_as_they_are() -> None:
    path = "/home/someone/" + "folder/" * 24 + "article.txt"
    assert len(path) < MAX_QUOTED_WORD
    assert notice("x", f"{path}: dropped 3 invisible control characters").message == (
        f"{path}: dropped 3 invisible control characters"
    )
