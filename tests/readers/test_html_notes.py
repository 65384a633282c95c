"""Footnotes in saved web pages: each common shape becomes FootnoteRef and
FootnoteDef, the notes list leaves the body, back links go, chrome removal
leaves the notes alone, and no word of the text or the notes is lost."""

from __future__ import annotations

import time
from dataclasses import fields, is_dataclass

import lxml.html
import pytest
from support.words import missing_in_order, words

from exporter.diagnostics import Outcome
from exporter.model import (
    Block,
    Code,
    FootnoteDef,
    FootnoteRef,
    Heading,
    ListBlock,
    Paragraph,
    SceneBreak,
    Text,
    plain_text,
)
from exporter.readers.html import read
from exporter.readers.html.chrome import chrome_category, has_chrome, is_teaser
from exporter.readers.html.notes import PageNotes, attach_notes, find_notes, note_label
from exporter.source import Source

# --- helpers ---------------------------------------------------------------------------


def read_page(body: str, head: str = "") -> Outcome:
    """A page with ``body``; without chrome it is read whole."""
    markup = f'<!DOCTYPE html><html lang="en"><head><title>T</title>{head}</head><body>{body}'
    return read(Source((markup + "</body></html>").encode(), "page.html", None))


def body_blocks(outcome: Outcome) -> list[Block]:
    return [b for b in outcome.document.blocks if not isinstance(b, FootnoteDef)]


def notes(outcome: Outcome) -> dict[str, str]:
    """Each footnote's label and text, in document order."""
    return {
        b.label: " | ".join(block_text(inner) for inner in b.blocks)
        for b in outcome.document.blocks
        if isinstance(b, FootnoteDef)
    }


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph | Heading):
        return plain_text(block.children)
    return " ".join(inline_texts(block))


def refs(node: object) -> list[str]:
    """The labels of the footnote references in ``node``, in order."""
    if isinstance(node, FootnoteRef):
        return [node.label]
    if isinstance(node, tuple | list):
        return [label for item in node for label in refs(item)]
    if is_dataclass(node):
        return [label for f in fields(node) for label in refs(getattr(node, f.name))]
    return []


def inline_texts(node: object) -> list[str]:
    """Every text in ``node`` (blocks, inlines, footnotes), in order."""
    if isinstance(node, Text | Code):
        return [node.text]
    if isinstance(node, tuple | list):
        return [text for item in node for text in inline_texts(item)]
    if is_dataclass(node):
        return [text for f in fields(node) for text in inline_texts(getattr(node, f.name))]
    return []


def document_words(outcome: Outcome) -> list[str]:
    return words(" ".join(inline_texts(outcome.document.blocks)))


def lists(outcome: Outcome) -> list[ListBlock]:
    return [b for b in outcome.document.blocks if isinstance(b, ListBlock)]


def codes(outcome: Outcome) -> list[str]:
    return [d.code for d in outcome.diagnostics]


def message(outcome: Outcome, code: str) -> str:
    return next(d.message for d in outcome.diagnostics if d.code == code)


# --- the shapes ------------------------------------------------------------------------

PANDOC = """<p>The first claim.<a href="#fn1" class="footnote-ref" id="fnref1"
role="doc-noteref"><sup>1</sup></a> The second claim.<a href="#fn2" class="footnote-ref"
id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol>
<li id="fn1"><p>The first note.<a href="#fnref1" class="footnote-back"
role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>The second note, in two paragraphs.</p><p>Its second paragraph.<a
href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol></section>"""


def test_pandoc_notes_become_footnotes_and_leave_the_body() -> None:
    outcome = read_page(PANDOC)
    (paragraph,) = body_blocks(outcome)
    assert paragraph == Paragraph(
        (
            Text("The first claim."),
            FootnoteRef("note-1"),
            Text(" The second claim."),
            FootnoteRef("note-2"),
        )
    )
    assert notes(outcome) == {
        "note-1": "The first note.",
        "note-2": "The second note, in two paragraphs. | Its second paragraph.",
    }
    assert "html.footnotes" in codes(outcome)


HIDDEN_NOTES = (
    "<p>The harbour closed early.<sup><a href='#fn1' id='r1'>1</a></sup> Ships waited.</p>"
    "<div class='footnotes' style='display:none'><ol>"
    "<li id='fn1'>The warning came from the coast guard. <a href='#r1'>↩</a></li>"
    "</ol></div>"
)


def test_notes_a_page_hides_until_called_are_kept_and_called() -> None:
    outcome = read_page(HIDDEN_NOTES)
    (paragraph,) = body_blocks(outcome)
    assert refs(paragraph) == ["note-1"]
    assert notes(outcome) == {"note-1": "The warning came from the coast guard."}


def test_a_hidden_tooltip_note_named_by_aria_describedby_is_kept() -> None:
    outcome = read_page(
        "<p>The harbour closed early.<sup class='modern-footnotes-footnote'>"
        "<a href='javascript:void(0)' aria-describedby='mfn-content-1'>1</a></sup>"
        " Ships waited.<span id='mfn-content-1' class='modern-footnotes-footnote__note'"
        " role='tooltip' style='display:none'>The warning came from the coast guard.</span></p>"
    )
    assert "The warning came from the coast guard." in notes(outcome).values()


def test_hidden_things_that_are_no_called_notes_still_go() -> None:
    outcome = read_page(
        "<a href='#menu'>Menu</a><nav id='menu' hidden><ul><li>Home</li></ul></nav>"
        "<p>The harbour closed early. Ships waited outside for the whole day.</p>"
        # a hidden call to a hidden note: nothing on the page shows either
        "<div hidden><sup><a href='#fn9'>9</a></sup>"
        "<ol class='footnotes'><li id='fn9'>A hidden note.</li></ol></div>"
    )
    text = " ".join(block_text(block) for block in outcome.document.blocks)
    assert "Home" not in text and "A hidden note" not in text


def test_the_notes_section_is_no_list_and_its_rule_no_scene_break() -> None:
    outcome = read_page(PANDOC)
    assert lists(outcome) == []
    assert not any(isinstance(b, SceneBreak) for b in outcome.document.blocks)


def test_older_pandoc_with_the_sup_outside_the_link() -> None:
    outcome = read_page(
        '<p>Old pandoc<sup id="fnref1"><a href="#fn1" class="footnote-ref">1</a></sup>'
        " wrote it so.</p>"
        '<div class="footnotes"><hr /><ol><li id="fn1"><p>The old note.'
        '<a href="#fnref1" class="footnote-back">↩</a></p></li></ol></div>'
    )
    (paragraph,) = body_blocks(outcome)
    assert paragraph.children == (Text("Old pandoc"), FootnoteRef("note-1"), Text(" wrote it so."))
    assert notes(outcome) == {"note-1": "The old note."}


def test_dpub_aria_and_epub_notes_in_asides() -> None:
    outcome = read_page(
        '<p>One call<a role="doc-noteref" href="#n1">1</a> and another'
        '<a epub:type="noteref" href="#n2">2</a>.</p>'
        '<aside role="doc-footnote" id="n1"><p>The ARIA note.</p></aside>'
        '<aside epub:type="footnote" id="n2"><p>The EPUB note.</p></aside>'
    )
    (paragraph,) = body_blocks(outcome)
    assert refs(paragraph) == ["note-1", "note-2"]
    assert notes(outcome) == {"note-1": "The ARIA note.", "note-2": "The EPUB note."}


def test_a_page_whose_only_aside_is_a_note_has_no_chrome() -> None:
    root = lxml.html.document_fromstring(
        '<html><body><p>Text</p><aside role="doc-footnote" id="n1">Note</aside></body></html>'
    )
    assert not has_chrome(root)


WIKIPEDIA = """<div class="mw-parser-output">
<p>The town was founded in 1212.<sup id="cite_ref-founding_3-0" class="reference"><a
href="#cite_note-founding-3"><span class="cite-bracket">[</span>3<span
class="cite-bracket">]</span></a></sup> It grew quickly<sup id="cite_ref-4"
class="reference"><a href="#cite_note-4">[4]</a></sup> and was rebuilt after the
fire.<sup id="cite_ref-founding_3-1" class="reference"><a
href="#cite_note-founding-3">[3]</a></sup></p>
<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>
<div class="reflist"><div class="mw-references-wrap"><ol class="references">
<li id="cite_note-founding-3"><span class="mw-cite-backlink">^ <a
href="#cite_ref-founding_3-0"><sup><i><b>a</b></i></sup></a> <a
href="#cite_ref-founding_3-1"><sup><i><b>b</b></i></sup></a></span> <span
class="reference-text">Smith, <i>A History of the Town</i>, 1990.</span></li>
<li id="cite_note-4"><span class="mw-cite-backlink"><b><a
href="#cite_ref-4">^</a></b></span> <span class="reference-text">Jones 2001, p. 12.</span></li>
</ol></div></div></div>"""


def test_wikipedia_references_keep_their_numbers_and_repeated_calls() -> None:
    outcome = read_page(WIKIPEDIA)
    (paragraph,) = body_blocks(outcome)
    assert refs(paragraph) == ["note-3", "note-4", "note-3"]
    assert plain_text(paragraph.children) == (
        "The town was founded in 1212. It grew quickly and was rebuilt after the fire."
    )
    assert notes(outcome) == {
        "note-3": "Smith, A History of the Town, 1990.",
        "note-4": "Jones 2001, p. 12.",
    }


def test_a_heading_over_nothing_but_the_notes_goes_with_a_notice() -> None:
    outcome = read_page(WIKIPEDIA)
    assert not any(isinstance(b, Heading) for b in outcome.document.blocks)
    assert '"References"' in message(outcome, "html.footnotes")


def test_a_note_nobody_calls_goes_with_the_notes_not_into_a_list_of_its_own() -> None:
    outcome = read_page(
        '<p>Called<sup class="reference"><a href="#cite_note-1">[1]</a></sup>.</p>'
        '<h2>References</h2><ol class="references"><li id="cite_note-1">Called note.</li>'
        '<li id="cite_note-2">Uncalled note. <a href="#cite_ref-2">^</a></li></ol>'
    )
    # No leftover list numbering "Uncalled note" 1 again, and no heading
    # over nothing: both notes are footnotes, the second without a call.
    assert lists(outcome) == []
    assert not [b for b in body_blocks(outcome) if isinstance(b, Heading)]
    assert notes(outcome) == {"note-1": "Called note.", "note-cite_note-2": "Uncalled note."}
    assert refs(outcome.document.blocks) == ["note-1"]


@pytest.mark.parametrize(
    "markup",
    [
        # Python-Markdown
        '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> ends.</p>'
        '<div class="footnote"><hr /><ol><li id="fn:1"><p>The note.&#160;<a'
        ' class="footnote-backref" href="#fnref:1" title="Jump back">&#8617;</a></p></li>'
        "</ol></div>",
        # kramdown
        '<p>Text<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote"'
        ' rel="footnote">1</a></sup> ends.</p><div class="footnotes" role="doc-endnotes">'
        '<ol><li id="fn:1" role="doc-endnote"><p>The note. <a href="#fnref:1"'
        ' class="reversefootnote" role="doc-backlink">&#8617;</a></p></li></ol></div>',
        # markdown-it (VuePress, Hugo-like)
        '<p>Text<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup> ends.</p>'
        '<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">'
        '<li id="fn1" class="footnote-item"><p>The note. <a href="#fnref1"'
        ' class="footnote-backref">↩︎</a></p></li></ol></section>',
        # WordPress Easy Footnotes: absolute links to the page itself
        '<p>Text<span class="easy-footnote-margin-adjust" id="easy-footnote-1-53"></span>'
        '<span class="easy-footnote"><a href="https://blog.example.com/post/#easy-footnote-'
        'bottom-1-53" title="The note."><sup>1</sup></a></span> ends.</p>'
        '<div class="easy-footnotes-wrapper"><ol class="easy-footnotes-wrapper"><li><span'
        ' id="easy-footnote-bottom-1-53" class="easy-footnote-margin-adjust"></span>The note.'
        '<a class="easy-footnote-to-top" href="https://blog.example.com/post/#easy-footnote-'
        '1-53"></a></li></ol></div>',
        # WordPress Modern Footnotes: a tooltip right after the call
        '<p>Text<sup class="modern-footnotes-footnote" data-mfn="1"><a aria-describedby='
        '"mfn-content-7-1" href="javascript:void(0)" role="button">1</a></sup><span'
        ' id="mfn-content-7-1" role="tooltip" class="modern-footnotes-footnote__note"'
        ' data-mfn="1">The note.</span> ends.</p>',
        # Substack: one box per note, the number a back link
        '<p>Text<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a>'
        ' ends.</p><div class="footnote"><a id="footnote-1" href="#footnote-anchor-1"'
        ' class="footnote-number">1</a><div class="footnote-content"><p>The note.</p></div>'
        "</div>",
        # Microsoft Word's "Save as Web Page": anchors by name, notes by style
        '<p>Text<a style="mso-footnote-id:ftn1" href="#_ftn1" name="_ftnref1"><span'
        ' class="MsoFootnoteReference">[1]</span></a> ends.</p><div style="mso-element:'
        'footnote-list"><hr align="left" size="1" width="33%"><div style="mso-element:'
        'footnote" id="ftn1"><p class="MsoFootnoteText"><a href="#_ftnref1" name="_ftn1">'
        '<span class="MsoFootnoteReference">[1]</span></a> The note.</p></div></div>',
    ],
    ids=[
        "python-markdown",
        "kramdown",
        "markdown-it",
        "easy-footnotes",
        "modern-footnotes",
        "substack",
        "word",
    ],
)
def test_blog_and_cms_shapes(markup: str) -> None:
    outcome = read_page(markup, head='<link rel="canonical" href="https://blog.example.com/post/">')
    assert body_blocks(outcome) == [
        Paragraph((Text("Text"), FootnoteRef("note-1"), Text(" ends.")))
    ]
    assert notes(outcome) == {"note-1": "The note."}


# --- back links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        'The note. <a href="#r1">↩</a>',
        'The note. <a href="#r1">^</a>',
        'The note. <a href="#r1">↑</a>',
        'The note. ↩ <a href="#r1">back</a>',
        '^ <a href="#r1"><b>a</b></a> The note.',
        'The note.&#160;<a class="footnote-backref" href="#elsewhere">&#8617;</a>',
        'The note.<a role="doc-backlink" href="#elsewhere">↩︎</a>',
    ],
    ids=["hook", "caret", "up", "arrow-outside", "caret-outside", "backref-class", "role"],
)
def test_back_links_and_their_arrows_leave_the_note(note: str) -> None:
    outcome = read_page(
        f'<p>Call<sup id="r1"><a href="#n1">1</a></sup>.</p>'
        f'<ol class="footnotes"><li id="n1">{note}</li></ol>'
    )
    assert notes(outcome) == {"note-1": "The note."}


def test_a_link_from_a_note_to_a_section_keeps_its_words() -> None:
    outcome = read_page(
        '<h2 id="method">Method</h2><p>Call<a href="#n1" class="footnote-ref">1</a>.</p>'
        '<ol class="footnotes"><li id="n1">See <a href="#method">the method</a>.'
        ' <a href="#n1-back" class="footnote-back">↩</a></li></ol>'
    )
    assert notes(outcome) == {"note-1": "See the method."}


# --- what is not a note ----------------------------------------------------------------


def test_a_call_whose_note_is_missing_stays_as_it_is() -> None:
    outcome = read_page('<p>A claim<sup><a href="#fn9">9</a></sup> stands.</p>')
    (paragraph,) = body_blocks(outcome)
    assert plain_text(paragraph.children) == "A claim9 stands."
    assert refs(outcome.document.blocks) == []
    assert "html.footnotes" not in codes(outcome)


def test_in_page_links_to_text_are_no_calls() -> None:
    outcome = read_page(
        '<p>See <a href="#later">below</a> and <a href="#item">the item</a>.</p>'
        '<h2 id="later">Later</h2><ol><li id="item">An ordinary item.</li></ol>'
    )
    assert refs(outcome.document.blocks) == []
    (items,) = lists(outcome)
    assert block_text(items.items[0].blocks[0]) == "An ordinary item."


def test_a_call_to_an_ordinary_block_counts_when_the_link_says_it_is_one() -> None:
    outcome = read_page(
        '<p>Text<a href="#n1" role="doc-noteref">1</a>.</p><p id="n1">A plain note.</p>'
    )
    assert body_blocks(outcome) == [Paragraph((Text("Text"), FootnoteRef("note-1"), Text(".")))]
    assert notes(outcome) == {"note-1": "A plain note."}


def test_a_link_to_another_page_is_no_call() -> None:
    outcome = read_page(
        '<p>Text<sup><a href="https://elsewhere.example.net/a/#fn1">1</a></sup>.</p>'
        '<ol class="footnotes"><li id="fn1">This page\'s own note.</li></ol>',
        head='<link rel="canonical" href="https://blog.example.com/post/">',
    )
    assert refs(outcome.document.blocks) == []
    (items,) = lists(outcome)
    assert block_text(items.items[0].blocks[0]) == "This page's own note."


def test_a_call_inside_code_stays_code() -> None:
    outcome = read_page(
        '<pre><code>x = y<a href="#fn1">1</a></code></pre>'
        '<ol class="footnotes"><li id="fn1">A note.</li></ol>'
    )
    assert refs(outcome.document.blocks) == []
    assert "A note." in " ".join(inline_texts(outcome.document.blocks))


def test_a_note_that_is_only_a_back_link_is_no_note() -> None:
    outcome = read_page(
        '<p>Text<sup id="r1"><a href="#n1">1</a></sup>.</p>'
        '<ol class="footnotes"><li id="n1"><a href="#r1">↩</a></li></ol>'
    )
    assert refs(outcome.document.blocks) == []
    assert plain_text(body_blocks(outcome)[0].children) == "Text1."


# --- labels and order ------------------------------------------------------------------


def test_labels_follow_the_first_calls_and_are_unique() -> None:
    outcome = read_page(
        '<p>A<a href="#a1" class="footnote-ref">1</a> B<a href="#b1" class="footnote-ref">1</a>'
        ' C<a href="#a2" class="footnote-ref">*</a></p>'
        '<section class="footnotes"><ol><li id="a1">First.</li><li id="a2">Starred.</li>'
        "</ol></section>"
        '<section class="footnotes"><ol><li id="b1">Second list.</li></ol></section>'
    )
    assert notes(outcome) == {"note-1": "First.", "note-1-2": "Second list.", "note-a2": "Starred."}
    assert refs(body_blocks(outcome)) == ["note-1", "note-1-2", "note-a2"]


def test_note_label_is_an_xml_name() -> None:
    assert note_label("1", "fn1", set()) == "note-1"
    assert note_label("", "fn:1", set()) == "note-fn-1"
    assert note_label("ä", "", {"note-a"}) == "note-a-2"
    assert note_label("†", "", set()) == "note"


def test_a_call_inside_a_note_calls_another_note() -> None:
    outcome = read_page(
        '<p>Text<a href="#n1" class="footnote-ref">1</a>.</p><section class="footnotes"><ol>'
        '<li id="n1">Outer, with a call<a href="#n2" class="footnote-ref">2</a>.</li>'
        '<li id="n2">Inner.</li></ol></section>'
    )
    assert notes(outcome) == {"note-1": "Outer, with a call.", "note-2": "Inner."}
    (outer, _inner) = [b for b in outcome.document.blocks if isinstance(b, FootnoteDef)]
    assert refs(outer) == ["note-2"]
    assert lists(outcome) == []


def test_a_note_whose_call_was_lost_is_kept_among_the_notes() -> None:
    root = lxml.html.document_fromstring(
        '<html><body><p>Text<a href="#n1" class="footnote-ref">1</a>.</p>'
        '<ol class="footnotes"><li id="n1">Lost call.</li></ol></body></html>'
    )
    page_notes = find_notes(root, root.find("body"))
    assert isinstance(page_notes, PageNotes) and len(page_notes.notes) == 1
    from exporter.readers.html.mapping import Mapper

    body = (Paragraph((Text("Text."),)),)  # as if a rule had removed the call
    blocks, diagnostics = attach_notes(body, page_notes, Mapper(None, notes=page_notes).blocks)
    assert blocks == (*body, FootnoteDef("note-1", (Paragraph((Text("Lost call."),)),)))
    assert "1 without a call kept among the notes" in diagnostics[0].message


# --- chrome removal and the article's container ----------------------------------------

CHROME_PAGE = """<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>The river crossing</h1>
<p>The ferry has crossed the river for two hundred years, carrying farmers and their carts
to the market on the other bank.<sup id="fnref:1"><a class="footnote-ref"
href="#fn:1">1</a></sup> Nobody remembers a winter without it.</p>
<p>In the last decade the numbers fell sharply, and the council debated the subsidy every
spring.<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup> This year it
voted to end it.</p>
<aside class="footnotes" role="doc-endnotes"><hr /><ol>
<li id="fn:1"><p>See also the county records, which list every ferryman since
1820.&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>
<li id="fn:2"><p>Read more in the council minutes of March.&#160;<a
class="footnote-backref" href="#fnref:2">&#8617;</a></p></li>
</ol></aside>
</article>
<footer>Copyright Example News, all rights reserved</footer>"""

CHROME_PAGE_TEXT = [
    "The ferry has crossed the river for two hundred years, carrying farmers and their carts"
    " to the market on the other bank. Nobody remembers a winter without it.",
    "In the last decade the numbers fell sharply, and the council debated the subsidy every"
    " spring. This year it voted to end it.",
    "See also the county records, which list every ferryman since 1820.",
    "Read more in the council minutes of March.",
]


def test_chrome_removal_leaves_a_notes_aside_that_reads_like_teasers() -> None:
    outcome = read_page(CHROME_PAGE)
    assert "html.chrome-dropped" in codes(outcome)  # the page went through chrome removal
    assert notes(outcome) == {
        "note-1": "See also the county records, which list every ferryman since 1820.",
        "note-2": "Read more in the council minutes of March.",
    }
    text = " ".join(inline_texts(outcome.document.blocks))
    assert "Home" not in text and "Copyright" not in text


def test_no_word_is_lost_from_text_or_notes() -> None:
    outcome = read_page(CHROME_PAGE)
    assert missing_in_order(words(" ".join(CHROME_PAGE_TEXT)), document_words(outcome)) == []


def test_notes_and_their_containers_are_never_chrome_nor_teasers() -> None:
    root = lxml.html.fragment_fromstring(CHROME_PAGE, create_parent="div")
    aside = root.find(".//aside")
    assert chrome_category(aside) is None
    note_aside = lxml.html.fragment_fromstring('<aside epub:type="footnote">x</aside>')
    assert chrome_category(note_aside) is None
    assert chrome_category(lxml.html.fragment_fromstring("<aside>x</aside>")) == "sidebar"
    first_note = root.find(".//li")
    assert not is_teaser(first_note)
    teaser = lxml.html.fragment_fromstring('<div>See also <a href="/x">our story</a></div>')
    assert is_teaser(teaser)


def test_notes_outside_the_article_are_read_and_not_counted_as_dropped() -> None:
    page = (
        "<nav><a href='/'>Home</a> <a href='/a'>Archive</a></nav><main>"
        + "".join(
            f"<p>Paragraph {n} of the article has enough words to be found as its text by"
            f" the extractor.<a href='#fn{n}' class='footnote-ref'><sup>{n}</sup></a></p>"
            for n in range(1, 4)
        )
        + "</main><section class='footnotes'><ol>"
        + "".join(f"<li id='fn{n}'>Note number {n}.</li>" for n in range(1, 4))
        + "</ol></section><footer>Imprint</footer>"
    )
    outcome = read_page(page)
    assert "<main>" in message(outcome, "html.article")
    assert notes(outcome) == {f"note-{n}": f"Note number {n}." for n in range(1, 4)}
    assert "other words" not in message(outcome, "html.chrome-dropped")


def test_an_encyclopedia_article_of_references_is_read_in_linear_time() -> None:
    """Hundreds of calls, each note with back links: checking every back
    link against every call took twenty seconds here; it must take well
    under one."""
    count = 1500
    text = "".join(
        f'<p>Claim {n}.<sup id="r{n}" class="reference"><a href="#n{n}">[{n}]</a></sup></p>'
        for n in range(count)
    )
    items = "".join(
        f'<li id="n{n}"><span class="mw-cite-backlink"><a href="#r{n}">^</a></span>'
        f' Source {n}, <a href="#r{(n * 7) % count}">also</a> here.</li>'
        for n in range(count)
    )
    root = lxml.html.document_fromstring(
        f'<html><body><div>{text}<ol class="references">{items}</ol></div></body></html>'
    )
    started = time.perf_counter()
    page_notes = find_notes(root, root.find("body"))
    assert time.perf_counter() - started < 5
    assert len(page_notes.notes) == count


def test_an_author_cited_in_a_note_stays_in_the_note() -> None:
    outcome = read_page(
        '<p>A claim.<a href="#fn1" class="footnote-ref"><sup>1</sup></a></p>'
        '<section class="footnotes"><ol><li id="fn1"><span class="author">Jane Smith</span>,'
        " <i>The Marsh</i>, 1990.</li></ol></section>"
    )
    assert notes(outcome) == {"note-1": "Jane Smith, The Marsh, 1990."}
    assert outcome.document.metadata.authors == ()
