"""Footnotes of a web page: calls in the text, notes in a list or an aside.

Pages write footnotes in a handful of shapes: pandoc's, Python-Markdown's,
kramdown's and markdown-it's ``<section|div class="footnotes"><ol><li
id="fn1">``, DPUB-ARIA and EPUB roles (``role="doc-footnote"``,
``epub:type="footnote"``), Wikipedia's ``<ol class="references">``, the
WordPress plugins' and Substack's boxes. They share one structure, which is
what this module looks for rather than any one generator's class names: a
*call* is an in-page link whose target is a *note* (an item of a notes list,
an element with a note role, a one-note box).

:func:`find_notes` pairs calls with notes in the tree, before mapping, and
takes the notes' back links out (:func:`remove_back_links`). The mapper turns
each call into a :class:`~exporter.model.FootnoteRef` and leaves the notes out
of the body (:meth:`PageNotes.call`, :meth:`PageNotes.holds`);
:func:`attach_notes` then maps each note's content into a
:class:`~exporter.model.FootnoteDef` after the body. A call whose target is
missing or is no note stays as it is (its number as text), and a note nobody
calls stays where it is on the page, so no word is lost either way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from urllib.parse import unquote

from lxml.html import HtmlElement

from exporter.diagnostics import Diagnostic, notice
from exporter.model import Block, FootnoteDef, FootnoteRef
from exporter.readers.html.parse import (
    HTML_SPACE,
    contains,
    drop,
    is_element,
    split_url,
    visible_text,
    word_count,
)

#: ``role`` and ``epub:type`` values of one note, and of a container of notes.
NOTE_ROLES = frozenset({"doc-footnote", "doc-endnote"})
NOTE_TYPES = frozenset({"footnote", "endnote", "rearnote", "note"})
NOTES_ROLES = frozenset({"doc-endnotes", "doc-footnotes"})
NOTES_TYPES = frozenset({"footnotes", "endnotes", "rearnotes"})
#: Microsoft Word's "Save as Web Page" marks its notes and their list by style.
WORD_NOTE = re.compile(r"mso-element\s*:\s*(?:foot|end)note\s*(?:;|$)", re.IGNORECASE)
WORD_NOTES = re.compile(r"mso-element\s*:\s*(?:foot|end)note-list", re.IGNORECASE)

#: Class words of an element holding a list of notes: pandoc, markdown-it
#: (``footnotes``, ``footnotes-list``), Python-Markdown (``footnote``),
#: Wikipedia (``references``, ``reflist``), WordPress plugins.
NOTES_CLASSES = frozenset(
    {"footnotes", "footnote", "footnotes-list", "references", "reflist", "endnotes", "notes"}
    | {"easy-footnotes-wrapper", "modern-footnotes-list", "footnote-list"}
)
#: Class words of an element holding one note: Substack's ``div.footnote``
#: (one per note, no list), markdown-it's item, Modern Footnotes' tooltip.
NOTE_CLASSES = frozenset(
    {"footnote", "footnote-item", "modern-footnotes-footnote__note", "footnote-body"}
)

#: What marks a link (or the ``sup``/``span`` around it) as a call, for the
#: one case where that matters: a target outside any notes container.
CALL_ROLES = frozenset({"doc-noteref"})
CALL_TYPES = frozenset({"noteref"})
CALL_CLASSES = frozenset(
    {"footnote-ref", "footnote", "footnote-anchor", "footnote-reference", "reference"}
    | {"easy-footnote", "modern-footnotes-footnote", "noteref", "fn-ref"}
)

#: Class words of back links, or of a box of them (Wikipedia's
#: ``mw-cite-backlink`` holds "^" and the letters a, b, c of several calls).
BACK_LINK_CLASS = re.compile(
    r"back-?link|back-?ref|footnote-back|reversefootnote|to-top|footnote-return|footnote-number",
    re.IGNORECASE,
)
#: What a back link leaves behind when its arrow stands outside the link.
BACK_ARROWS = re.compile(r"[\s\u21a9\u21aa\u2191\u2934\u2b8f\u2b11^\ufe0e\ufe0f]+$")

#: Where a declared call's note may be when no container says so: the
#: target's nearest block of one of these.
NOTE_BLOCKS = frozenset({"li", "p", "div", "aside", "section", "dd", "blockquote"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LISTS = frozenset({"ol", "ul"})
#: Elements that may wrap a call's link and nothing else (``<sup><a>1</a></sup>``).
CALL_WRAPPERS = frozenset({"sup", "span", "small", "b", "strong", "em", "i"})
#: A call's own marks around its number: "[3]", "(2)".
CALL_MARKS = "[]()\u200b \u00a0"

#: The titles of a heading that heads nothing but the notes, lower case.
NOTES_TITLES = frozenset(
    {"notes", "footnotes", "endnotes", "references", "notes and references"}
    | {"references and notes", "sources", "citations", "anmerkungen", "fußnoten"}
    | {"einzelnachweise", "quellen", "belege", "nachweise", "quellen und anmerkungen"}
    | {"notes et références", "références", "notas", "referencias", "referências"}
    | {"note", "riferimenti", "noten", "voetnoten", "bronnen"}
)

#: The longest page marker a label is made from ("12", "a", "note 3").
MAX_MARKER = 12


@dataclass(frozen=True, slots=True)
class Note:
    """A note of the page: its model label and the element holding its text."""

    label: str
    element: HtmlElement


@dataclass(frozen=True, slots=True)
class PageNotes:
    """The calls and notes of one page, keyed by element identity. The
    elements themselves are kept so that lxml keeps their proxies (and so
    their ids) alive while the mapper runs."""

    notes: tuple[Note, ...] = ()
    calls: dict[int, str] = field(default_factory=dict)
    held: frozenset[int] = frozenset()
    #: Headings left out because they headed only the notes ("References").
    headings: tuple[str, ...] = ()
    elements: tuple[HtmlElement, ...] = ()

    def call(self, element: HtmlElement) -> FootnoteRef | None:
        """The reference ``element`` stands for, if it is a call."""
        label = self.calls.get(id(element)) if self.calls else None
        return None if label is None else FootnoteRef(label)

    def words_outside(self, container: HtmlElement) -> int:
        """How many words the notes outside ``container`` hold: they are
        read, though trafilatura left them out of the article."""
        return sum(
            word_count(visible_text(note.element))
            for note in self.notes
            if not contains(container, note.element)
        )

    def holds(self, element: HtmlElement) -> bool:
        """Whether the body leaves ``element`` out: a note (it becomes a
        footnote) or a heading of nothing but notes."""
        return bool(self.held) and id(element) in self.held


# --- recognising notes -------------------------------------------------------------


def class_words(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").lower().split())


def attribute_words(element: HtmlElement, name: str) -> set[str]:
    return set((element.get(name) or "").lower().split())


def has_note_role(element: HtmlElement) -> bool:
    """``role="doc-footnote"``/``doc-endnote``, ``epub:type="footnote"``
    (``endnote``, ``rearnote``, ``note``) or Word's ``mso-element:footnote``
    style: the page says this is one note."""
    return bool(
        attribute_words(element, "role") & NOTE_ROLES
        or attribute_words(element, "epub:type") & NOTE_TYPES
        or WORD_NOTE.search(element.get("style") or "")
    )


def is_notes_container(element: HtmlElement) -> bool:
    """A container of notes by its role (:func:`has_notes_role`), or by a
    notes class (``footnotes``, ``references``…) on an element that holds a
    list (Substack's ``div.footnote`` holds one note and no list: that is a
    note box, :func:`is_note_box`)."""
    if has_notes_role(element):
        return True
    if not class_words(element) & NOTES_CLASSES:
        return False
    return (
        element.tag in LISTS
        or element.find(".//ol") is not None
        or element.find(".//ul") is not None
    )


def has_notes_role(element: HtmlElement) -> bool:
    """``role="doc-endnotes"``, ``epub:type="footnotes"`` (``endnotes``,
    ``rearnotes``) or Word's ``mso-element:footnote-list``."""
    return bool(
        attribute_words(element, "role") & NOTES_ROLES
        or attribute_words(element, "epub:type") & NOTES_TYPES
        or WORD_NOTES.search(element.get("style") or "")
    )


def is_note_box(element: HtmlElement) -> bool:
    """An element that holds one note by its class (``footnote-item``,
    Modern Footnotes' tooltip, Substack's ``div.footnote`` without a list)."""
    return bool(class_words(element) & NOTE_CLASSES) and not is_notes_container(element)


def is_notes_element(element: HtmlElement) -> bool:
    """Whether ``element`` is a note or a container of notes by its role,
    ``epub:type`` or class: never site chrome or a teaser, whatever else its
    tag (``aside``, ``footer``) or names say."""
    return bool(
        has_note_role(element)
        or has_notes_role(element)
        or class_words(element) & (NOTES_CLASSES | NOTE_CLASSES)
    )


def in_notes(element: HtmlElement) -> bool:
    """Whether ``element`` or an ancestor is a note or a notes container."""
    return any(is_notes_element(node) for node in (element, *element.iterancestors()))


class NotesFinder:
    """:func:`in_notes` for the elements inside one scope, asked many times:
    the notes in it are found once (most pages have none)."""

    def __init__(self, scope: HtmlElement) -> None:
        self.scope = scope
        self.everywhere = in_notes(scope)
        # The list keeps lxml's proxies alive, so their ids stay theirs.
        self.notes = [e for e in scope.iter() if isinstance(e.tag, str) and is_notes_element(e)]
        self.ids = {id(note) for note in self.notes}

    def __call__(self, element: HtmlElement) -> bool:
        if self.everywhere:
            return True
        if not self.ids:
            return False
        for node in (element, *element.iterancestors()):
            if id(node) in self.ids:
                return True
            if node is self.scope:
                return False
        return False


def notes_finder(scope: HtmlElement) -> Callable[[HtmlElement], bool]:
    """A :class:`NotesFinder` for ``scope``."""
    return NotesFinder(scope)


def note_of(target: HtmlElement, declared: bool) -> HtmlElement | None:
    """The note an in-page link's ``target`` stands for, or ``None``.

    Walking up from the target: an element with a note role is the note; in
    a notes container, the outermost list item on the way (the target may be
    an empty anchor inside it, as in Easy Footnotes), else the container's
    child holding the target; a note box is the note. A link that says it is
    a call (:func:`is_declared_call`) may also point at a plain block outside
    any container: the target's nearest block, unless it holds headings (a
    section is no note)."""
    item: HtmlElement | None = None
    previous: HtmlElement | None = None
    node: HtmlElement | None = target
    while node is not None and node.tag not in ("body", "html"):
        if has_note_role(node) or is_note_box(node):
            return node
        if is_notes_container(node):
            if item is not None:
                return item
            return previous if previous is not None and previous.tag in NOTE_BLOCKS else None
        if node.tag == "li":
            item = node
        previous, node = node, node.getparent()
    if not declared:
        return None
    block = next(
        (n for n in (target, *target.iterancestors()) if n.tag in NOTE_BLOCKS | {"body"}), None
    )
    if block is None or block.tag == "body":
        return None
    if any(True for _ in block.iterdescendants(*HEADINGS)):
        return None
    return block


def is_declared_call(link: HtmlElement) -> bool:
    """Whether the link, or the ``sup``/``span`` right around it, says it
    is a note call: ``role="doc-noteref"``, ``epub:type="noteref"``,
    ``rel="footnote"`` or a call class (``footnote-ref``, ``reference``…)."""
    node: HtmlElement | None = link
    for _level in range(3):
        if node is None or node.tag not in CALL_WRAPPERS | {"a"}:
            return False
        if (
            attribute_words(node, "role") & CALL_ROLES
            or attribute_words(node, "epub:type") & CALL_TYPES
            or "footnote" in attribute_words(node, "rel")
            or class_words(node) & CALL_CLASSES
        ):
            return True
        node = node.getparent()
    return False


# --- finding calls -------------------------------------------------------------------


def element_ids(root: HtmlElement) -> dict[str, HtmlElement]:
    """Every ``id`` on the page, and every ``<a name>`` (old pages and Word
    anchor their notes so), the first holder winning as in a browser."""
    ids: dict[str, HtmlElement] = {}
    for element in root.xpath("//*[@id] | //a[@name]"):
        for name in (element.get("id"), element.get("name") if element.tag == "a" else None):
            if name and name not in ids:
                ids[name] = element
    return ids


def same_page(url: str, addresses: tuple[str, ...]) -> bool:
    """Whether ``url`` (without its fragment) is this page: empty, or one of
    its known ``addresses`` (scheme, ``www.``, query and a final slash
    aside); any URL, when the page's address is unknown (a saved page whose
    plugin wrote absolute links to itself)."""
    if not url:
        return True
    if not addresses:
        return True
    return page_key(url) in {page_key(address) for address in addresses}


def page_key(url: str) -> str:
    parts = split_url(url)
    if parts is None:
        return url
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def link_fragments(link: HtmlElement, addresses: tuple[str, ...]) -> list[str]:
    """The ids a link may name its note by: the fragment of an ``href`` to
    this page (:func:`same_page`), then those in ``aria-describedby``
    (tooltip notes, as Modern Footnotes writes them)."""
    out: list[str] = []
    href = (link.get("href") or "").strip()
    if "#" in href:
        url, _hash, fragment = href.partition("#")
        if fragment and same_page(url, addresses):
            out.append(unquote(fragment))
    out.extend((link.get("aria-describedby") or "").split())
    return out


def call_wrapper(link: HtmlElement) -> HtmlElement:
    """The element that is the whole call: the link, or the ``sup``/``span``
    around it that holds nothing else but brackets (``<sup>[<a>3</a>]</sup>``),
    so that the call's number and marks go with it."""
    marker = call_marker(link)
    node = link
    parent = node.getparent()
    while (
        parent is not None
        and parent.tag in CALL_WRAPPERS
        and visible_text(parent).strip(CALL_MARKS) == marker
    ):
        node, parent = parent, parent.getparent()
    return node


def call_marker(element: HtmlElement) -> str:
    """A call's number or letter as the page shows it, without brackets."""
    return visible_text(element).strip(CALL_MARKS)


def candidate_links(scope: HtmlElement) -> list[HtmlElement]:
    """Links in ``scope`` (itself included) that could be calls: with a
    fragment or ``aria-describedby``, outside code (the mapper keeps code
    as text, so a call there would lose its note)."""
    found = scope.xpath(
        "descendant-or-self::a[(contains(@href, '#') or @aria-describedby)"
        " and not(ancestor::pre or ancestor::code)]"
    )
    return [link for link in found if is_element(link)]


# --- back links ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CallPlaces:
    """Where the calls stand: each call, what is inside it and the inline
    wrappers around it (``<sup id="fnref1">``), as a set of element ids, so
    that a note's links are checked in constant time, not against every
    call (an encyclopedia article has hundreds)."""

    ids: frozenset[int]
    #: Keeps the proxies alive, so that their ids stay theirs.
    elements: tuple[HtmlElement, ...]

    @classmethod
    def of(cls, calls: list[HtmlElement]) -> CallPlaces:
        places: list[HtmlElement] = []
        for call in calls:
            places.extend((call, *call.iterdescendants()))
            for ancestor in call.iterancestors():
                if ancestor.tag not in CALL_WRAPPERS | {"a"}:
                    break
                places.append(ancestor)
        return cls(frozenset(id(place) for place in places), tuple(places))

    def at(self, target: HtmlElement) -> bool:
        """Whether a link target is where a call stands, or an empty anchor
        right before one (Easy Footnotes)."""
        if id(target) in self.ids:
            return True
        following = target.getnext()
        return following is not None and id(following) in self.ids and not visible_text(target)


def is_back_link(link: HtmlElement, ids: dict[str, HtmlElement], calls: CallPlaces) -> bool:
    """A link from a note back to its call: ``role="doc-backlink"``, a back
    link class (``footnote-back``, ``footnote-backref``, ``reversefootnote``),
    an in-page link whose target is where a call stands, or a bare arrow
    ("↩", "^") linking to no element at all (the call of a note nobody calls)."""
    if "doc-backlink" in attribute_words(link, "role"):
        return True
    if any(BACK_LINK_CLASS.search(word) for word in class_words(link)):
        return True
    href = (link.get("href") or "").strip()
    if "#" not in href:
        return False
    target = ids.get(unquote(href.partition("#")[2]))
    if target is None:
        return BACK_ARROWS.fullmatch(visible_text(link)) is not None
    return calls.at(target)


def remove_back_links(note: HtmlElement, ids: dict[str, HtmlElement], calls: CallPlaces) -> None:
    """Take the back links out of a note: the links (:func:`is_back_link`),
    boxes of them (a back link class on a ``span``, as Wikipedia's "^ a b"),
    and a bare arrow ("↩", "^", "↑") left just before one. They lead back to
    the call, which the writers link themselves."""
    boxes = [
        node
        for node in note.iterdescendants()
        if is_element(node)
        and node.tag != "a"
        and any(BACK_LINK_CLASS.search(word) for word in class_words(node))
    ]
    links = [
        link
        for link in note.iterdescendants("a")
        if not any(contains(box, link) for box in boxes) and is_back_link(link, ids, calls)
    ]
    for element in (*boxes, *links):
        if element.getparent() is None:
            continue
        strip_arrow_before(element)
        drop(element)


def strip_arrow_before(element: HtmlElement) -> None:
    """Remove a run of back arrows ("↩", "^", "↑") and spaces that ends
    right before ``element``, in its parent's text or its previous sibling's
    tail: the arrow some pages set outside the back link, the no-break space
    Python-Markdown sets before it. Words before it stay."""
    previous = element.getprevious()
    parent = element.getparent()
    text = previous.tail if previous is not None else parent.text if parent is not None else None
    match = BACK_ARROWS.search(text or "")
    if text is None or match is None:
        return
    kept = text[: match.start()] + (" " if match.group()[0].isspace() else "")
    if previous is not None:
        previous.tail = kept
    elif parent is not None:
        parent.text = kept


# --- labels and headings -------------------------------------------------------------


def note_label(marker: str, note_id: str, taken: set[str]) -> str:
    """A model label for a note, unique among ``taken``: from the call's
    marker as the page shows it ("1" → ``note-1``, "a" → ``note-a``), else
    (a "*", a long text) from the note's id, kept to what an XML id allows
    (ASCII letters, digits, ``-``, ``_``, ``.``; writers make ids of labels)."""
    short = marker if len(marker) <= MAX_MARKER else ""
    label = next((part for part in map(xml_name, (short, note_id)) if part), "")
    label = f"note-{label}" if label else "note"
    candidate, number = label, 2
    while candidate in taken:
        candidate, number = f"{label}-{number}", number + 1
    return candidate


def xml_name(raw: str) -> str:
    """``raw`` in ASCII letters, digits, ``-``, ``_`` and ``.``: accents
    stripped, anything else a hyphen."""
    spelled = unicodedata.normalize("NFKD", raw.replace("ß", "ss"))
    ascii_text = spelled.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_text).strip("-.")


def is_notes_title(element: HtmlElement) -> bool:
    text = HTML_SPACE.sub(" ", element.text_content()).strip().strip(":").lower()
    return text in NOTES_TITLES


def heading_in(element: HtmlElement) -> HtmlElement | None:
    """``element`` if it is a heading, or the heading it alone wraps
    (Wikipedia's ``<div class="mw-heading"><h2>…</h2></div>``)."""
    if element.tag in HEADINGS:
        return element
    inner = [child for child in element if is_element(child)]
    if (
        len(inner) == 1
        and inner[0].tag in HEADINGS
        and visible_text(inner[0]) == visible_text(element)
    ):
        return element
    return None


def notes_furniture(notes: list[HtmlElement]) -> list[HtmlElement]:
    """The rules and titles that belong to nothing but a list of notes: the
    ``<hr>`` pandoc and markdown-it set before their notes, and a heading
    "Notes", "References", "Fußnoten"… (:data:`NOTES_TITLES`), right before
    the list or before the wrappers holding only that list. Once the notes
    are footnotes they would separate or head nothing. Only for a list whose
    items are all notes: a list with an item nobody calls keeps its heading."""
    chosen = {id(note) for note in notes}
    lists: dict[int, HtmlElement] = {}
    for note in notes:
        parent = note.getparent()
        if note.tag == "li" and parent is not None and parent.tag in LISTS:
            lists[id(parent)] = parent
    out: list[HtmlElement] = []
    for notes_list in lists.values():
        items = [child for child in notes_list if is_element(child) and child.tag == "li"]
        if all(id(item) in chosen for item in items):
            out.extend(furniture_before(notes_list))
    return out


def furniture_before(notes_list: HtmlElement) -> list[HtmlElement]:
    """Rules and a notes title right before ``notes_list``, or before each
    wrapper up the tree that holds no other text (pandoc's ``<section
    class="footnotes"><hr><ol>``, markdown-it's ``<hr><section>``,
    Wikipedia's heading before ``div.reflist``). A heading ends the search."""
    found: list[HtmlElement] = []
    node = notes_list
    text = visible_text(notes_list)
    while True:
        sibling = node.getprevious()
        while sibling is not None:
            if is_element(sibling):
                heading = heading_in(sibling)
                if heading is not None and is_notes_title(heading):
                    return [*found, heading]
                if sibling.tag != "hr":
                    break
                found.append(sibling)
            sibling = sibling.getprevious()
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html") or visible_text(parent) != text:
            return found
        node = parent


# --- the page's notes ----------------------------------------------------------------


def find_notes(root: HtmlElement, scope: HtmlElement, addresses: tuple[str, ...] = ()) -> PageNotes:
    """Pair the calls in ``scope`` (the article) with their notes anywhere on
    the page (trafilatura often leaves a notes section outside the article),
    following calls inside notes too. A note is kept only if it has text
    once its back links are gone; notes are labelled in the order of their
    first call, the page's own numbering order."""
    links = candidate_links(scope)
    if not links:
        return PageNotes()
    ids = element_ids(root)
    pairs: list[tuple[HtmlElement, HtmlElement, str]] = []
    found: dict[int, HtmlElement] = {}
    seen: set[int] = set()
    index = 0
    while index < len(links):  # grows with the calls inside notes
        link = links[index]
        index += 1
        if id(link) in seen:
            continue
        seen.add(id(link))
        note = link_note(link, ids, addresses)
        if note is None:
            continue
        pairs.append((call_wrapper(link), note, call_marker(link)))
        if id(note) not in found:
            found[id(note)] = note
            links.extend(candidate_links(note))
    if not pairs:
        return PageNotes()
    calls = [call for call, _note, _marker in pairs]
    places = CallPlaces.of(calls)
    uncalled = uncalled_items(list(found.values()))
    for note in (*found.values(), *uncalled):
        remove_back_links(note, ids, places)
    labels: dict[int, str] = {}
    taken: set[str] = set()
    notes: list[Note] = []
    call_labels: dict[int, str] = {}
    for call, note, marker in pairs:
        if id(note) not in labels and visible_text(note):
            labels[id(note)] = note_label(marker, note.get("id") or "", taken)
            taken.add(labels[id(note)])
            notes.append(Note(labels[id(note)], note))
        if id(note) in labels:
            call_labels[id(call)] = labels[id(note)]
    for item in uncalled:
        if visible_text(item):
            notes.append(Note(note_label("", item.get("id") or "", taken), item))
            taken.add(notes[-1].label)
    note_elements = [note.element for note in notes]
    furniture = notes_furniture(note_elements)
    return PageNotes(
        notes=tuple(notes),
        calls=call_labels,
        held=frozenset(id(element) for element in (*note_elements, *furniture)),
        headings=tuple(visible_text(e) for e in furniture if e.tag != "hr"),
        elements=(*calls, *note_elements, *furniture),
    )


def uncalled_items(notes: list[HtmlElement]) -> list[HtmlElement]:
    """The other items of the notes lists that hold called notes, in list
    order. A note nobody calls is still a note: it goes with the others,
    where a list of the leftovers would number them again from 1."""
    chosen = {id(note) for note in notes}
    lists: dict[int, HtmlElement] = {}
    for note in notes:
        parent = note.getparent()
        if note.tag == "li" and parent is not None and parent.tag in LISTS and in_notes(parent):
            lists[id(parent)] = parent
    return [
        item
        for notes_list in lists.values()
        for item in notes_list
        if is_element(item) and item.tag == "li" and id(item) not in chosen
    ]


def link_note(
    link: HtmlElement, ids: dict[str, HtmlElement], addresses: tuple[str, ...]
) -> HtmlElement | None:
    """The note ``link`` calls: the first of its targets (:func:`link_fragments`)
    that is a note (:func:`note_of`) and does not hold the link itself, or
    ``None``: the link is no call, or its note is missing."""
    declared = is_declared_call(link)
    for fragment in link_fragments(link, addresses):
        target = ids.get(fragment)
        if target is None:
            continue
        note = note_of(target, declared)
        if note is not None and not contains(note, link):
            return note
    return None


def attach_notes(
    blocks: tuple[Block, ...],
    notes: PageNotes,
    map_blocks: Callable[[HtmlElement], list[Block]],
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """The body followed by one :class:`FootnoteDef` per note, its content
    mapped by ``map_blocks``. A note nobody calls (an item of the notes list
    without a call, or one whose call did not reach the body) is a footnote
    too: the writers set it among the notes as text, without a number or a
    back link, so its words stay and lead nowhere."""
    if not notes.notes:
        return blocks, ()
    mapped = [(note, tuple(map_blocks(note.element))) for note in notes.notes]
    called = footnote_labels((blocks, *(content for _note, content in mapped)))
    definitions: list[Block] = []
    uncalled: list[Block] = []
    for note, content in mapped:
        if not content:
            continue
        (definitions if note.label in called else uncalled).append(FootnoteDef(note.label, content))
    parts = [
        "1 footnote linked to its call"
        if len(definitions) == 1
        else f"{len(definitions)} footnotes linked to their calls"
    ]
    if notes.headings:
        quoted = ", ".join(f'"{heading}"' for heading in notes.headings)
        parts.append(f"heading {quoted} dropped with the notes list it headed")
    if uncalled:
        parts.append(f"{len(uncalled)} without a call kept among the notes")
    return (*blocks, *definitions, *uncalled), (notice("html.footnotes", "; ".join(parts)),)


def footnote_labels(node: object) -> set[str]:
    """The labels of every :class:`FootnoteRef` in ``node`` (blocks,
    inlines, tuples of them), whatever node types hold them."""
    return set(iter_refs(node))


def iter_refs(node: object) -> Iterator[str]:
    if isinstance(node, FootnoteRef):
        yield node.label
    elif isinstance(node, tuple):
        for item in node:
            yield from iter_refs(item)
    elif is_dataclass(node):
        for child in fields(node):
            yield from iter_refs(getattr(node, child.name))
