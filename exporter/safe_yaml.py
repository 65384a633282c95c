"""YAML with limits: front matter and book files, read without surprises.

``yaml.safe_load`` builds no objects it should not, but YAML's aliases let a
few lines stand for billions of values ("billion laughs": nine lists of nine
references to the list before): loading takes no time, since the references
share one object, but every use of the value walks them all, for minutes.
An alias to its own ancestor makes a value that contains itself, and deep
brackets (``[[[[…]]]]``) exhaust Python's recursion while parsing. So the
document is composed first, measured, and only then built; past a limit it
is refused with a :class:`YamlLimitError` naming it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

#: The most values a document may hold, each alias counted as all it
#: stands for: front matter holds a few dozen.
MAX_YAML_NODES = 10_000
#: The most aliases (``*name``) a document may use.
MAX_YAML_ALIASES = 100
#: The deepest nesting of lists and mappings.
MAX_YAML_DEPTH = 50


class YamlLimitError(ValueError):
    """A YAML document past one of the limits; the message names it."""


class LimitedLoader(yaml.SafeLoader):
    """The safe loader, counting aliases and nesting as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        if self.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise YamlLimitError(f"uses more than {MAX_YAML_ALIASES} aliases (the limit)")
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                raise YamlLimitError(
                    f"nests lists or mappings more than {MAX_YAML_DEPTH} deep (the limit)"
                )
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


def construct_timestamp(loader: LimitedLoader, node: Node) -> Any:
    """A date or time as YAML reads it, or, for one that names no real day
    or hour (``2019-02-30``), its text, for the caller to judge: PyYAML
    raises a ``ValueError`` there."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)


def load(text: str) -> Any:
    """The YAML document in ``text``, as ``yaml.safe_load`` gives it.

    Raises :class:`YamlLimitError` past :data:`MAX_YAML_ALIASES`,
    :data:`MAX_YAML_DEPTH` or :data:`MAX_YAML_NODES`, or for a value that
    contains itself, and ``yaml.YAMLError`` for invalid YAML.
    """
    loader = LimitedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded_size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def expanded_size(root: Node) -> int:
    """How many values ``root`` stands for with every alias expanded (each
    shared node measured once); past :data:`MAX_YAML_NODES`, an error. A
    loop, not recursion: aliases can chain nestings far deeper than the
    document's own."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if children_done:
            size = 1 + sum(sizes[id(child)] for child in children(node))
            if size > MAX_YAML_NODES:
                raise YamlLimitError(
                    f"stands for more than {MAX_YAML_NODES:,} values once its aliases are"
                    " expanded (the limit)"
                )
            sizes[key] = size
            open_nodes.discard(key)
            continue
        if key in open_nodes:
            raise YamlLimitError(
                "holds a value that contains itself (an alias inside its own anchor)"
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children(node) if id(child) not in sizes)
    return sizes[id(root)]


def children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
