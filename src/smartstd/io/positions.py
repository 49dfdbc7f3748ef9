"""Where things are: from paths inside a document to lines and columns.

Parsing keeps no positions (that is what makes it fast); positions are worked
out afterwards, and only for the few records that have findings:

- :func:`locate` runs one pass of a small iterative JSON tokenizer over the
  text and maps each requested path to the 1-based line and column (counted
  in characters) where its value starts. Values that lie off every requested
  path are skipped by the C scanner of :mod:`json`, so even a 50 MB document
  is located in about the time it takes to parse it.
- :class:`PositionMap` is the same mapping for YAML, built from the parser's
  marks while the document is constructed.

A path that does not exist (a missing required field, say) gets the position
of its deepest existing parent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from smartstd.report import Path

__all__ = ["PositionMap", "locate"]

# Always matches (possibly nothing), so the match is never None.
_ws: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\n\r]*").match  # type: ignore[assignment]
# A string, or one structural character: enough to skip a value by hand.
_SKIP_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|[^\s,:\[\]{}"]+', re.S)
# The C scanners of the json module (untyped in typeshed): a string's value
# and end, and a value's end. Skipping is lenient (NaN, control characters)
# and builds as little as it can: objects become their number of keys and
# numbers their length, which makes it four times faster than parsing.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_skip_once: Callable[[str, int], tuple[object, int]] = json.JSONDecoder(  # type: ignore[attr-defined]
    strict=False, object_pairs_hook=len, parse_float=len, parse_int=len
).scan_once


class _Malformed(Exception):
    """The text stops being JSON here; what was found so far stands."""


class _Node:
    """One step of the trie of requested paths."""

    __slots__ = ("children", "done", "has_int", "has_str", "key_offsets", "offset", "want_keys")

    def __init__(self) -> None:
        self.children: dict[str | int, _Node] = {}
        self.offset: int | None = None
        self.want_keys = False
        self.done = False
        self.key_offsets: dict[str, list[int]] = {}
        self.has_int = False
        self.has_str = False

    def child(self, step: str | int) -> _Node:
        node = self.children.get(step)
        if node is None:
            node = self.children[step] = _Node()
            if isinstance(step, int):
                self.has_int = True
            else:
                self.has_str = True
        return node

    def member(self, key: str) -> _Node | None:
        node = self.children.get(key)
        if node is None and self.has_int and key.isascii() and key.isdigit():
            node = self.children.get(int(key))
        return node

    def item(self, index: int) -> _Node | None:
        node = self.children.get(index)
        if node is None and self.has_str:
            node = self.children.get(str(index))
        return node


def _skip(text: str, i: int) -> int:
    """The offset just after the value that starts at ``i``."""
    try:
        return _skip_once(text, i)[1]
    except StopIteration:
        raise _Malformed from None
    except (ValueError, RecursionError):
        return _skip_slowly(text, i)


def _skip_slowly(text: str, i: int) -> int:
    """:func:`_skip` without recursion, for values nested too deeply for C."""
    depth = 0
    for match in _SKIP_TOKEN.finditer(text, i):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
        elif token in ("]", "}"):
            depth -= 1
        if depth <= 0:
            return match.end()
    raise _Malformed


#: Texts longer than this are located with the first occurrence of a
#: repeated key, so a record with a million repeated keys costs a short scan.
_FIRST_WINS_CHARS = 1 << 20


def _scan(
    text: str, root: _Node, pending: int, *, first_wins: bool = False, max_keys: int = -1
) -> None:
    """Record offsets into the trie under ``root`` (one pass, no recursion).

    ``pending`` counts what is still to be found (each node's offset, and the
    end of each node whose keys are wanted); the scan stops early once
    nothing is pending and the current container is closed, or at once with
    ``first_wins``. It also stops once ``max_keys`` key offsets (if not
    negative) are recorded.
    """
    n = len(text)
    ws = _ws
    i = ws(text, 0).end()
    if i >= n:
        return
    root.offset = i
    pending -= 1
    if not (root.children or root.want_keys) or text[i] not in "{[":
        return
    stack: list[tuple[_Node, bool]] = [(root, text[i] == "{")]
    counts = [0]
    i += 1
    try:
        while stack:
            node, is_object = stack[-1]
            i = ws(text, i).end()
            if i >= n:
                return
            ch = text[i]
            if ch == "}" or ch == "]":
                stack.pop()
                counts.pop()
                i += 1
                if node.want_keys and not node.done:
                    node.done = True
                    pending -= 1
                if pending <= 0:
                    return
                continue
            if ch == ",":
                i = ws(text, i + 1).end()
                if i >= n:
                    return
            count = counts[-1]
            counts[-1] = count + 1
            child: _Node | None
            if is_object:
                if text[i] != '"':
                    return
                key_at = i
                key, i = _scanstring(text, i + 1, False)
                if node.want_keys:
                    node.key_offsets.setdefault(key, []).append(key_at)
                    max_keys -= 1
                    if max_keys == 0:
                        return
                i = ws(text, i).end()
                if i >= n or text[i] != ":":
                    return
                i = ws(text, i + 1).end()
                child = node.member(key) if node.children else None
            else:
                child = node.item(count) if node.children else None
            if child is None:
                i = _skip(text, i)
                continue
            if child.offset is None:
                pending -= 1
            child.offset = i
            if first_wins and pending <= 0:
                return
            if (child.children or child.want_keys) and i < n and text[i] in "{[":
                stack.append((child, text[i] == "{"))
                counts.append(0)
                i += 1
            else:
                i = _skip(text, i)
    except (_Malformed, ValueError, IndexError):
        return


def line_columns(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Map character offsets in ``text`` to 1-based (line, column), in one pass."""
    out: dict[int, tuple[int, int]] = {}
    line = 1
    prev = 0
    line_start = 0
    for off in sorted(set(offsets)):
        newlines = text.count("\n", prev, off)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", prev, off) + 1
        prev = off
        out[off] = (line, off - line_start + 1)
    return out


def _add(root: _Node, path: Path) -> _Node:
    node = root
    for step in path:
        node = node.child(step)
    return node


def _count(root: _Node) -> int:
    """How many things a scan of the trie under ``root`` has to find."""
    total = 0
    stack = [root]
    while stack:
        node = stack.pop()
        total += 1 + node.want_keys
        stack.extend(node.children.values())
    return total


def _resolve(root: _Node, path: Path) -> int | None:
    """The offset of ``path``, or of its deepest parent that was found."""
    best = root.offset
    node = root
    for step in path:
        nxt = node.children.get(step)
        if nxt is None or nxt.offset is None:
            break
        node = nxt
        best = node.offset
    return best


def locate(text: str, paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Find where the values at ``paths`` start in the JSON ``text``.

    Args:
        text: a JSON document (decoded; columns are counted in characters).
        paths: paths of keys and array indexes, outermost first.

    Returns:
        For every requested path, the 1-based (line, column) where its value
        starts; for a path that does not exist, where its deepest existing
        parent starts; ``(1, 1)`` when not even the root exists. When a key
        occurs twice, the position is that of the occurrence that wins (the
        last one in the object where the path was found); in a text of more
        than a MiB, the first one, so that a hostile record with a million
        repeated keys is not scanned to its end for each finding.
    """
    root = _Node()
    wanted = [tuple(p) for p in paths]
    for path in wanted:
        _add(root, path)
    _scan(text, root, _count(root), first_wins=len(text) > _FIRST_WINS_CHARS)
    offsets = {path: _resolve(root, path) for path in wanted}
    found = line_columns(text, (o for o in offsets.values() if o is not None))
    return {path: found[o] if o is not None else (1, 1) for path, o in offsets.items()}


def scan_details(
    text: str,
    value_paths: Iterable[Path],
    key_paths: Iterable[Path],
    max_keys: int | None = None,
) -> tuple[dict[Path, tuple[int, int]], dict[Path, dict[str, list[tuple[int, int]]]]]:
    """Positions of values, and of every key of some objects, in one pass.

    Args:
        text: the JSON text.
        value_paths: paths whose value positions are wanted (exact matches
            only: a path that is not found is left out).
        key_paths: paths of objects whose keys' positions are wanted, every
            occurrence of each key in document order.
        max_keys: at most this many key positions in all (the first ones,
            object by object, key by key); ``None`` for all. A million
            repeated keys then cost a million offsets, not a million
            positions.

    Returns:
        ``(values, keys)``: path to (line, column), and object path to key to
        the (line, column) of each of its occurrences.
    """
    root = _Node()
    vpaths = [tuple(p) for p in value_paths]
    kpaths = [tuple(p) for p in key_paths]
    for path in (*vpaths, *kpaths):
        _add(root, path)
    for path in kpaths:
        _add(root, path).want_keys = True
    _scan(text, root, _count(root), max_keys=-1 if max_keys is None else max_keys)
    offsets: list[int] = []
    vnodes: dict[Path, int] = {}
    for path in vpaths:
        node_or_none = _find(root, path)
        if node_or_none is not None and node_or_none.offset is not None:
            vnodes[path] = node_or_none.offset
            offsets.append(node_or_none.offset)
    knodes: dict[Path, dict[str, list[int]]] = {}
    budget = len(text) + 1 if max_keys is None else max_keys
    for path in kpaths:
        node_or_none = _find(root, path)
        if node_or_none is not None:
            kept: dict[str, list[int]] = {}
            for key, offs in node_or_none.key_offsets.items():
                if budget <= 0:
                    break
                kept[key] = offs[:budget]
                budget -= len(kept[key])
                offsets.extend(kept[key])
            knodes[path] = kept
    lc = line_columns(text, offsets)
    values = {path: lc[off] for path, off in vnodes.items()}
    keys = {
        path: {key: [lc[o] for o in offs] for key, offs in found.items()}
        for path, found in knodes.items()
    }
    return values, keys


def _find(root: _Node, path: Path) -> _Node | None:
    node: _Node | None = root
    for step in path:
        if node is None:
            return None
        node = node.children.get(step)
    return node


class PositionMap(Mapping[Path, tuple[int, int]]):
    """Paths of a parsed document mapped to 1-based (line, column).

    A read-only mapping with every node of the document (for YAML: built
    from the parser's marks; values reached through an alias map to where
    the anchored node is written).
    """

    __slots__ = ("_positions",)

    def __init__(
        self,
        positions: Mapping[Path, tuple[int, int]]
        | Iterable[tuple[Path, tuple[int, int]]]
        | None = None,
    ) -> None:
        self._positions: dict[Path, tuple[int, int]] = dict(positions or ())

    def __getitem__(self, path: Path) -> tuple[int, int]:
        return self._positions[tuple(path)]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __repr__(self) -> str:
        return f"PositionMap({len(self._positions)} paths)"

    def position(self, path: Path) -> tuple[int, int] | None:
        """Where ``path`` is, or its deepest existing parent; ``None`` if empty."""
        path = tuple(path)
        for end in range(len(path), -1, -1):
            found = self._positions.get(path[:end])
            if found is not None:
                return found
        return None
