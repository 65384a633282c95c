"""Which blocks of the article container are the article, block by block.

The container trafilatura points at (:mod:`.content`) is the smallest element
holding most of its text, and so it also holds what trafilatura left out
around and between the paragraphs: teaser lists, newsletter boxes, comment
threads, author boxes. Measured on the public extraction benchmark, mapping
the whole container kept a sixth more text than the article; trafilatura's
own block choice is far more precise. So each text block of the container is
kept only where trafilatura kept its text, and the page's own elements are
still what is mapped (with their figures, ``lang``, list starts, tables).

Blocks are compared by their words, not their markup: trafilatura splits and
joins blocks differently (a ``<div>`` of ``<br>``-separated lines, a list
item holding a paragraph), so a block counts as kept when most of its word
4-grams are among trafilatura's, or, for a block of fewer than four words,
when trafilatura kept a block of exactly that text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from lxml.html import HtmlElement

from exporter.readers.html.mapping import image_source, is_block
from exporter.readers.html.notes import notes_finder
from exporter.readers.html.parse import (
    FLATTENED,
    NAME_PARTS,
    NESTING,
    drop,
    is_element,
    is_flattened,
    link_share,
    name_words,
    split_url,
    squashed,
)

WORD = re.compile(r"\w+")

#: Words per shingle: the benchmark's own unit of comparison.
SHINGLE = 4

#: A block is the article's when at least this share of its shingles are.
MIN_KEPT_SHARE = 0.5

#: Below this share of the container's words kept, trafilatura read another
#: part of the page than the container, and its choice says nothing there.
MIN_AGREEMENT = 0.3

#: Blocks judged as a whole: a table or a code listing is kept or left whole,
#: never cell by cell or line by line.
WHOLE_BLOCKS = frozenset({"table", "pre", "listing", "xmp", "plaintext"})


SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})

#: Class or id words of a standfirst ("story-deck", "standfirst", "dek").
STANDFIRST_NAMES = frozenset(
    {"standfirst", "deck", "dek", "subtitle", "subheadline", "subhead", "strapline"}
    | {"summary", "excerpt", "description", "teaser-text", "sapo", "chapeau"}
)


#: Parts of a name that describes a field's type, not its role: Drupal names
#: the body "field-type-text-with-summary".
FIELD_TYPE_PARTS = frozenset({"type", "with"})


def looks_like_standfirst(element: HtmlElement, container: HtmlElement) -> bool:
    """A heading (``h2``–``h6``), or an element named as a standfirst
    (:func:`is_named_standfirst`), itself or an ancestor inside ``container``."""
    if element.tag in SUBHEADINGS:
        return True
    for node in (element, *element.iterancestors()):
        if node is container:
            return False
        if is_named_standfirst(node):
            return True
    return False


def is_named_standfirst(element: HtmlElement) -> bool:
    """A class or id with a part in :data:`STANDFIRST_NAMES` ("story-deck",
    "article__summary"), unless the name describes a field's type
    (:data:`FIELD_TYPE_PARTS`)."""
    for word in name_words(element):
        parts = {part.lower() for part in NAME_PARTS.split(word) if part}
        if parts & STANDFIRST_NAMES and not parts & FIELD_TYPE_PARTS:
            return True
    return False


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text``, case-folded: what two copies of a text share
    whatever their quotes and spaces."""
    return tuple(WORD.findall(text.casefold()))


def shingles(words: Sequence[str]) -> list[tuple[str, ...]]:
    """The runs of :data:`SHINGLE` words of ``words``."""
    return list(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


@dataclass(frozen=True, slots=True)
class Extraction:
    """The text trafilatura kept: its blocks (squashed, for short blocks)
    and the word shingles of each."""

    blocks: frozenset[str]
    shingle_set: frozenset[tuple[str, ...]]
    #: Whether trafilatura gave paragraphs only, no heading and no list: what
    #: its fallback extractors give where its own rules found no article
    #: (on pages without class names), leaving out the story's subheadings
    #: and lists it would otherwise keep.
    paragraphs_only: bool = False

    @classmethod
    def of(cls, texts: Iterable[str], paragraphs_only: bool = False) -> Extraction:
        texts = [text for text in texts if text.strip()]
        grams: set[tuple[str, ...]] = set()
        for text in texts:
            grams.update(shingles(WORD.findall(text.casefold())))
        return cls(frozenset(squashed(text) for text in texts), frozenset(grams), paragraphs_only)

    def matched_shingles(self, text: str) -> list[tuple[str, ...]]:
        """The word shingles of ``text`` that trafilatura's text has too."""
        return [gram for gram in shingles(words_of(text)) if gram in self.shingle_set]

    def keeps(self, text: str) -> bool:
        """Whether ``text`` is among what trafilatura kept (see the module's docstring)."""
        words = WORD.findall(text.casefold())
        if not words:
            return True
        if len(words) < SHINGLE:
            return squashed(text) in self.blocks
        grams = shingles(words)
        kept = (
            len(self.shingle_set.intersection(grams))
            if len(set(grams)) == len(grams)
            else sum(gram in self.shingle_set for gram in grams)
        )
        return kept >= MIN_KEPT_SHARE * len(grams) or squashed(text) in self.blocks


@dataclass(frozen=True, slots=True)
class Removal:
    """A block to remove: its text, and how (an element, with or without
    its images, or a loose run)."""

    text: str
    element: HtmlElement | None = None
    run: tuple[Piece, ...] = ()
    whole: bool = False


def keep_extracted(
    container: HtmlElement,
    extraction: Extraction,
    spare: Callable[[str], bool] = lambda _text: False,
    *,
    located_by_extraction: bool = True,
) -> list[str]:
    """Remove the text blocks of ``container`` that trafilatura did not keep;
    the texts removed, for the user's notice.

    Leaf blocks (a paragraph, a heading, a list item, a caption: a block
    without blocks inside) are judged one by one, tables by their cells
    (:func:`keeps_table`), code listings whole, and text standing loose
    between blocks as one piece per run. Never judged: footnotes
    (trafilatura drops them, and the notes reader pairs them with their
    calls), the caption of a picture, wherever the picture is
    (:func:`captions_image`; trafilatura drops captions), what a figure
    shows besides (:func:`in_figure_showing_text`), markup
    nested too deep and flattened (``parse.is_flattened``: trafilatura reads
    none of it), elements without words (an image, a rule), and blocks
    ``spare`` names (a byline, which a later rule moves to the metadata),
    once: the same byline again and again signs a list of other stories.

    When the container was found otherwise (``located_by_extraction``
    false) and trafilatura's text hardly agrees with it (less than
    :data:`MIN_AGREEMENT` of its words kept), trafilatura read another part
    of the page, and nothing is removed.
    """
    removals: list[Removal] = []
    kept_words = 0
    spared: set[str] = set()
    kept_leaves: list[HtmlElement] = []
    holders_of_kept_prose: list[HtmlElement] = []
    noted = notes_finder(container)

    def judged(text: str) -> bool:
        nonlocal kept_words
        line = " ".join(text.split())
        if line not in spared and spare(line):
            spared.add(line)
            return True
        if extraction.keeps(text):
            kept_words += len(WORD.findall(text))
            return True
        return False

    if is_flattened(container):
        return []
    # Text nested too deep was flattened and is kept whole: trafilatura
    # cannot judge it (see flatten_deep_nesting).
    deep = holds_flattened(container)

    def judge(element: HtmlElement) -> None:
        nonlocal kept_words
        if noted(element) or captions_image(element) or in_figure_showing_text(element):
            return
        if deep and (is_flattened(element) or (holds_flattened(element) and is_leaf(element))):
            return
        text = element.text_content()
        if element.tag == "table":
            if not keeps_table(element, extraction):
                removals.append(Removal(text, element, whole=True))
            else:
                kept_words += len(WORD.findall(text))
            return
        if is_leaf(element):
            if not judged(text):
                removals.append(Removal(text, element))
            else:
                kept_leaves.append(element)
            return
        for child in [c for c in element if is_element(c) and is_block(c)]:
            judge(child)
        judge_loose_text(element)

    def judge_loose_text(element: HtmlElement) -> None:
        for run in loose_runs(element):
            if deep and any(p.kind == "inline" and holds_flattened(p.element) for p in run):
                continue
            text = run_text(run)
            if not judged(text):
                removals.append(Removal(text, run=tuple(run)))
            elif len(WORD.findall(text)) >= MIN_SPLIT_PARAGRAPH_WORDS:
                holders_of_kept_prose.append(element)

    for child in [c for c in container if is_element(c) and is_block(c)]:
        judge(child)
    judge_loose_text(container)
    removals = keep_split_paragraphs(removals, kept_leaves)
    removals = keep_loose_leads(removals, holders_of_kept_prose)
    if extraction.paragraphs_only:
        removals = keep_subheadings_over_kept_prose(removals, kept_leaves, container)
    removed_words = sum(len(WORD.findall(removal.text)) for removal in removals)
    if not located_by_extraction and kept_words < MIN_AGREEMENT * (kept_words + removed_words):
        return []
    # Runs first: dropping a block moves its tail, a run's piece, elsewhere.
    for removal in removals:
        if removal.run:
            clear_run(list(removal.run))
    for removal in removals:
        if removal.whole:
            drop(removal.element)
        elif not removal.run:
            keep_images_only(removal.element)
    return [" ".join(removal.text.split()) for removal in removals]


#: A paragraph trafilatura skipped is still the article's when this many
#: paragraphs it kept stand in elements of the same kind (:func:`block_kind`).
MIN_SAME_KIND_KEPT = 3

#: ... and when it is prose: this many words at least, …
MIN_SPLIT_PARAGRAPH_WORDS = 12

#: … at most this share of them in links, …
MAX_SPLIT_PARAGRAPH_LINK_SHARE = 0.3

#: … ending like a sentence (a caption or a credit ends in a bracket or none).
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")


def keep_split_paragraphs(removals: list[Removal], kept: list[HtmlElement]) -> list[Removal]:
    """The removals without the paragraphs of an article split into several
    containers, which trafilatura reads only the first of: a paragraph (a
    ``p``) it skipped is kept when it is prose (:data:`MIN_SPLIT_PARAGRAPH_WORDS`
    words or more, few of them links, ending like a sentence) and is of the
    same kind as :data:`MIN_SAME_KIND_KEPT` paragraphs it kept: the same tag
    and classes, in a parent and grandparent of the same tags and classes
    (:func:`block_kind`). A page that cuts its story into chunks between ads
    or pictures repeats the chunk's markup exactly; a teaser, a comment or a
    box around the story is marked up otherwise."""
    if not removals or len(kept) < MIN_SAME_KIND_KEPT:
        return removals
    kinds = Counter(block_kind(element) for element in kept if element.tag == "p")
    return [
        removal
        for removal in removals
        if not (
            removal.element is not None
            and not removal.whole
            and removal.element.tag == "p"
            and kinds[block_kind(removal.element)] >= MIN_SAME_KIND_KEPT
            and is_prose(removal.element)
        )
    ]


#: A subheading with more of its text in links (:func:`~.parse.link_share`)
#: heads a list of links (other stories, a menu), not the story's text.
MAX_SUBHEADING_LINK_SHARE = 0.5


def keep_subheadings_over_kept_prose(
    removals: list[Removal], kept: list[HtmlElement], container: HtmlElement
) -> list[Removal]:
    """The removals without the subheadings over paragraphs trafilatura
    kept, where it kept paragraphs only (:attr:`Extraction.paragraphs_only`):
    its fallback extractors leave a story's subheadings out, not only the
    boxes inside it. A subheading stays when the next block is prose
    trafilatura kept (:func:`is_prose`: a teaser's headline stands over a
    date, a summary cut short, another headline), and little of its text is
    in links (:data:`MAX_SUBHEADING_LINK_SHARE`)."""
    removed = {id(removal.element) for removal in removals if removal.element is not None}
    kept_ids = {id(element) for element in kept}
    leaves = [
        element for element in container.iter() if id(element) in removed or id(element) in kept_ids
    ]
    over_kept_prose = {
        id(heading)
        for heading, following in pairwise(leaves)
        if heading.tag in SUBHEADINGS
        and id(following) in kept_ids
        and is_prose(following)
        and link_share(heading) <= MAX_SUBHEADING_LINK_SHARE
    }
    return [
        removal
        for removal in removals
        if removal.whole or removal.element is None or id(removal.element) not in over_kept_prose
    ]


def keep_loose_leads(removals: list[Removal], holders: list[HtmlElement]) -> list[Removal]:
    """The removals without the runs of loose prose (:func:`is_prose_run`)
    in an element whose other loose text trafilatura kept (``holders``, an
    element per run of prose kept): where a story's paragraphs are text
    parted by line breaks, trafilatura skips the run before the element's
    first block (MacRumors' lead, above its first picture)."""
    if not holders:
        return removals
    return [
        removal
        for removal in removals
        if not (removal.run and run_holder(removal.run) in holders and is_prose_run(removal.run))
    ]


def run_holder(run: Sequence[Piece]) -> HtmlElement:
    """The element whose loose text ``run`` is."""
    first = run[0]
    return first.element if first.kind == "text" else first.element.getparent()


def is_prose_run(run: Sequence[Piece]) -> bool:
    """A run of loose text that reads as a paragraph, as :func:`is_prose`
    judges one."""
    links = (link for piece in run if piece.kind == "inline" for link in piece.element.iter("a"))
    return reads_as_prose(run_text(list(run)), links)


def block_kind(element: HtmlElement) -> tuple[tuple[str, str], ...]:
    """What makes blocks alike: the tag and classes of ``element``, its
    parent and its grandparent."""
    kind = []
    for node in (element, *element.iterancestors()):
        kind.append((node.tag, " ".join(sorted((node.get("class") or "").split()))))
        if len(kind) == 3:
            break
    return tuple(kind)


def is_prose(element: HtmlElement) -> bool:
    """A paragraph of running text: :data:`MIN_SPLIT_PARAGRAPH_WORDS` words
    or more, at most :data:`MAX_SPLIT_PARAGRAPH_LINK_SHARE` of them in links,
    ending like a sentence."""
    return reads_as_prose(element.text_content(), element.iter("a"))


def reads_as_prose(text: str, links: Iterable[HtmlElement]) -> bool:
    """Whether ``text``, with ``links`` in it, is prose as :func:`is_prose`
    says."""
    text = " ".join(text.split())
    words = len(WORD.findall(text))
    linked = sum(len(WORD.findall(link.text_content())) for link in links)
    return (
        words >= MIN_SPLIT_PARAGRAPH_WORDS
        and linked <= MAX_SPLIT_PARAGRAPH_LINK_SHARE * words
        and bool(SENTENCE_END.search(text))
    )


def take_standfirst(container: HtmlElement, description: str, extraction: Extraction) -> str:
    """The standfirst (dek) under the headline, taken out of ``container``.

    The first text block of the article is the standfirst when it repeats
    the page's description (``og:description``, JSON-LD; perhaps cut short
    with "…") and trafilatura did not count it as the article's text. News
    pages set it between the headline and the first paragraph as a summary;
    it becomes the subtitle, on the title page, rather than a paragraph the
    body repeats. When trafilatura kept it, it is the first paragraph, which
    many pages also give as their description, unless it is set as a
    heading or named as a standfirst (:func:`looks_like_standfirst`): a
    first paragraph never is.
    """
    summary = " ".join(description.split()).rstrip("…. ").casefold()
    if not summary:
        return ""
    first = next(
        (
            element
            for element in container.iter()
            if is_element(element)
            and element.text_content().strip()
            and (element.tag in WHOLE_BLOCKS or not has_block_child(element))
        ),
        None,
    )
    if first is None:
        return ""
    text = " ".join(first.text_content().split())
    folded = text.rstrip("…. ").casefold()
    if not folded or (not summary.startswith(folded) and not folded.startswith(summary)):
        return ""
    if extraction.keeps(text) and not looks_like_standfirst(first, container):
        return ""
    drop(first)
    return text


def keeps_table(table: HtmlElement, extraction: Extraction) -> bool:
    """A table is the article's when most of its cells' text is: trafilatura
    gives each cell as a block of its own. Cells of one character ("1",
    "–") do not count, as trafilatura's blocks leave them out."""
    cells = [squashed(cell.text_content()) for cell in table.iter("td", "th", "caption")]
    cells = [cell for cell in cells if len(cell) > 1]
    kept = sum(len(cell) for cell in cells if extraction.keeps(cell))
    return kept >= MIN_KEPT_SHARE * sum(len(cell) for cell in cells)


def captions_local_image(element: HtmlElement, shown: Callable[[str], bool] | None = None) -> bool:
    """Whether ``element`` is or belongs to the caption of a figure whose
    picture the book will show: one the page carries itself (``shown`` of
    its address; by default a relative path or a ``data:`` URI). The
    caption, and a credit line in it, stay with it."""
    figure = figure_of(element)
    shows = shown or is_local
    return figure is not None and any(shows(image_source(img)) for img in figure.iter("img"))


def captions_image(element: HtmlElement) -> bool:
    """Whether ``element`` is or belongs to the caption of a figure with a
    picture, wherever the picture is. trafilatura drops captions; whether
    it goes with a picture the book leaves out is the debris rules' call
    (:func:`~exporter.readers.html.chrome.is_stray_caption`)."""
    figure = figure_of(element)
    return figure is not None and any(image_source(img) for img in figure.iter("img"))


#: What a figure shows besides a picture: a table, a code listing, a quote.
FIGURE_TEXT = ("table", "pre", "blockquote")


def in_figure_showing_text(element: HtmlElement) -> bool:
    """Whether ``element`` is in a figure that shows a table, a code listing
    or a quote (:data:`FIGURE_TEXT`): trafilatura drops what is in a figure
    but the table, and a static site's code listing comes in one
    (``<figure class="highlight"><pre>``), its caption beside it."""
    figure = figure_of(element)
    return figure is not None and any(True for _ in figure.iter(*FIGURE_TEXT))


def figure_of(element: HtmlElement) -> HtmlElement | None:
    """The ``figure`` ``element`` is in (not the figure itself)."""
    figure = next((a for a in (element, *element.iterancestors()) if a.tag == "figure"), None)
    return None if figure is element else figure


def is_local(src: str) -> bool:
    return bool(src) and (
        src.startswith("data:")
        or (split_url(src) is not None and not split_url(src).scheme and not src.startswith("//"))
    )


def has_image(element: HtmlElement) -> bool:
    return any(True for _ in element.iter("img", "picture"))


def text_units(element: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The pieces of text under ``element`` as :func:`keep_extracted` judges
    them, in reading order, each with the element that holds it: the blocks
    without blocks inside (a paragraph, a heading, a list item; tables and
    code listings whole), and the runs of text standing loose between blocks."""
    run: Run = [Piece(element, "text")] if element.text else []
    for child in element:
        if is_element(child) and is_block(child):
            if run:
                yield element, run_text(run)
                run = []
            if child.tag in WHOLE_BLOCKS or not has_block_child(child):
                yield child, child.text_content()
            else:
                yield from text_units(child)
        elif is_element(child):
            run.append(Piece(child, "inline"))
        if child.tail:
            run.append(Piece(child, "tail"))
    if run:
        yield element, run_text(run)


def has_block_child(element: HtmlElement) -> bool:
    return any(is_element(child) and is_block(child) for child in element)


def keep_images_only(element: HtmlElement) -> None:
    """Drop ``element``'s text but keep the images inside it, which
    trafilatura does not judge: a picture whose caption went still shows."""
    images = list(element.iter("img"))
    if not images or element.tag in ("figcaption", "caption"):
        drop(element)
        return
    tail, attributes = element.tail, dict(element.attrib)
    for img in images:
        img.tail = None
        img.getparent().remove(img)
    element.clear()
    element.attrib.update(attributes)
    element.tail = tail
    element.extend(images)


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a loose run: ``element``'s own text (``kind`` "text"), an
    inline child's whole content ("inline") or a child's tail ("tail")."""

    element: HtmlElement
    kind: str

    @property
    def text(self) -> str:
        if self.kind == "text":
            return self.element.text or ""
        if self.kind == "tail":
            return self.element.tail or ""
        return self.element.text_content()


Run = list[Piece]


def is_leaf(element: HtmlElement) -> bool:
    """A block judged whole: one without blocks inside, or one of
    :data:`WHOLE_BLOCKS`."""
    return element.tag in WHOLE_BLOCKS or not has_block_child(element)


def holds_flattened(element: HtmlElement) -> bool:
    return bool(element.xpath(f"descendant-or-self::*[@{FLATTENED} or @{NESTING}]"))


def loose_runs(element: HtmlElement) -> list[Run]:
    """Runs of text and inline children between the block children of ``element``."""
    runs: list[Run] = []
    current: Run = [Piece(element, "text")] if element.text else []
    for child in element:
        if is_element(child) and is_block(child):
            if current:
                runs.append(current)
            current = []
        elif is_element(child):
            current.append(Piece(child, "inline"))
        if child.tail:
            current.append(Piece(child, "tail"))
    if current:
        runs.append(current)
    return runs


def run_text(run: Run) -> str:
    return " ".join(piece.text for piece in run)


def clear_run(run: Run) -> None:
    """Remove a loose run's text and inline elements (tails first: dropping
    an element moves its tail to its neighbour)."""
    for piece in run:
        if piece.kind == "text":
            piece.element.text = None
        elif piece.kind == "tail":
            piece.element.tail = None
    for piece in run:
        element = piece.element
        if piece.kind == "inline" and element.getparent() is not None and not has_image(element):
            element.drop_tree()
