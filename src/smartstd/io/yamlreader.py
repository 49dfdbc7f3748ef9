"""Parsing YAML safely into the JSON data model, with positions.

:func:`parse_yaml` reads the parser's events (libyaml when available) and
builds the value itself, without recursion and without any of PyYAML's
constructors. That is what makes it safe and bounded:

- Only the JSON data model comes out: mappings with string keys, sequences,
  strings, integers, floats, booleans and null. Any other tag
  (``!!python/object/apply:os.system``, ``!!binary``, ``!Ref``) is SC100 with
  reason ``yaml-tag`` and the node's value is ``None``; nothing is ever
  called or imported.
- Plain scalars follow the YAML 1.2 core schema: only ``true``/``false``
  (any case form the spec allows) are booleans, so ``yes``, ``no``, ``on``
  and ``off`` stay strings; dates and timestamps stay strings (the models
  parse them); ``0o17`` and ``0x1F`` are integers. Where the core schema
  would read ``0123`` as the integer 123, it stays the string ``"0123"``
  (like JSON, which has no leading zeros), so codes and phone numbers keep
  their zeros. ``.nan`` and ``.inf`` are SC100 with reason ``nan``.
- Scalar mapping keys are the text as written (``1: x`` has the key
  ``"1"``); a sequence or mapping as a key is SC100 ``yaml-complex-key``; the
  YAML 1.1 merge key ``<<`` is SC100 ``yaml-merge`` (write the keys out).
- A key written twice in one mapping is SC102 (the last value wins).
- Aliases are expanded into copies, and every node an alias expands to
  counts against :attr:`Limits.max_yaml_aliases`: the "billion laughs"
  stop with SC109 after a few thousand nodes instead of exhausting memory.
  Nesting deeper than :attr:`Limits.max_depth` is SC109 as well.
- One document per file: a second one is SC100 ``multiple-documents``.

After an SC100 syntax error or an SC109 limit, the document has no value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from smartstd.io._findings import DUPLICATE_KEY, PARSE_ERROR, error, limit
from smartstd.io.jsonreader import TOO_LARGE as _TOO_LARGE
from smartstd.io.jsonreader import max_int_digits, too_many_digits
from smartstd.io.limits import Limits
from smartstd.io.positions import PositionMap
from smartstd.report import Finding, Path

if TYPE_CHECKING:
    from yaml.error import Mark

__all__ = ["parse_yaml"]

_CORE = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
#: Bits per decimal digit, and decimal digits per bit.
_MAX_INT_BITS = math.log2(10)
_LOG10_2 = math.log10(2)
_INT10 = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_INT10_ZEROS = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = re.compile(r"(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")
_MAP_TAGS = frozenset({None, "!", _CORE + "map"})
_SEQ_TAGS = frozenset({None, "!", _CORE + "seq"})
_AS_STRING_TAGS = frozenset({_CORE + "str", _CORE + "timestamp"})
_LIBYAML_MAX_DEPTH = 1000


class _Stop(Exception):
    """A limit was reached or the document is unusable: stop reading."""


class _Skip:
    """A mapping entry whose key was rejected: its value is dropped."""


_SKIP = _Skip()


@dataclass
class _Frame:
    """A mapping or sequence being built."""

    container: Any  # dict[str, Any] | list[Any]
    is_map: bool
    path: Path | None  # None: inside a key, where no position is recorded
    mark: Mark
    anchor: str | None
    pos_start: int
    nodes_start: int
    bad: bool = False
    key: str | _Skip | None = None  # a map's pending key; None: a key is next
    key_marks: dict[str, Mark] = field(default_factory=dict)
    depth_below: int = 0


@dataclass
class _Anchor:
    value: Any
    positions: list[tuple[Path, tuple[int, int]]]
    size: int
    depth: int
    key_text: str | _Skip | None


def _pos(mark: Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Builder:
    """Builds the value from parser events, keeping positions and limits."""

    def __init__(self, file: str | None, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.findings: list[Finding] = []
        self.positions: list[tuple[Path, tuple[int, int]]] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.expanded = 0
        self.root: Any = None
        self.has_root = False
        self.root_empty = False
        self.documents = 0
        self.replaced: set[Path] = set()  # entries written twice: the first is lost

    def position_map(self) -> PositionMap:
        """The positions of the nodes in the value (none of a lost duplicate)."""
        if not self.replaced:
            return PositionMap(self.positions)
        out: dict[Path, tuple[int, int]] = {}
        for path, pos in self.positions:
            if path in self.replaced:
                size = len(path)
                for stale in [p for p in out if p[:size] == path]:
                    del out[stale]
            out[path] = pos
        return PositionMap(out)

    # -- findings -------------------------------------------------------------

    def fail(self, mark: Mark | None, path: Path | None, **params: Any) -> None:
        line, column = _pos(mark) if mark is not None else (None, None)
        self.findings.append(
            error(PARSE_ERROR, file=self.file, line=line, column=column, path=path or (), **params)
        )

    def over(self, name: str, value: int, maximum: int, mark: Mark, path: Path | None) -> None:
        line, column = _pos(mark)
        self.findings.append(
            limit(name, value, maximum, file=self.file, line=line, column=column, path=path or ())
        )
        raise _Stop

    # -- where the next node goes ---------------------------------------------

    def child_path(self) -> Path | None:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.path is None:
            return None
        if frame.is_map:
            if frame.key is None or isinstance(frame.key, _Skip):
                return None
            return (*frame.path, frame.key)
        return (*frame.path, len(frame.container))

    def complete(
        self,
        value: Any,
        mark: Mark,
        *,
        path: Path | None,
        anchor: str | None,
        depth: int,
        pos_start: int,
        nodes_start: int,
        key_text: str | _Skip | None,
        plain: bool = False,
    ) -> None:
        """Attach a finished node to its parent (and remember its anchor)."""
        if anchor is not None:
            self.open_anchors.discard(anchor)
            cut = len(path) if path is not None else 0
            relative = [(p[cut:], pos) for p, pos in self.positions[pos_start:]]
            self.anchors[anchor] = _Anchor(
                value, relative, self.nodes - nodes_start, depth, key_text
            )
        if not self.stack:
            self.root = value
            self.has_root = True
            return
        frame = self.stack[-1]
        frame.depth_below = max(frame.depth_below, depth)
        if not frame.is_map:
            frame.container.append(value)
            return
        if frame.key is None:
            self.take_key(frame, key_text, mark, plain)
            return
        if not isinstance(frame.key, _Skip):
            frame.container[frame.key] = value
        frame.key = None

    def take_key(self, frame: _Frame, key: str | _Skip | None, mark: Mark, plain: bool) -> None:
        if key is None:
            self.fail(
                mark,
                frame.path,
                reason="yaml-complex-key",
                detail="a mapping key must be a string, not a sequence or a mapping",
            )
            frame.key = _SKIP
        elif isinstance(key, _Skip):
            frame.key = _SKIP
        elif key == "<<" and plain:
            self.fail(
                mark,
                frame.path,
                reason="yaml-merge",
                detail="merge keys (<<) are not part of YAML 1.2; write the keys out",
            )
            frame.key = _SKIP
        else:
            first = frame.key_marks.get(key)
            if first is None:
                frame.key_marks[key] = mark
            else:
                if frame.path is not None:
                    self.replaced.add((*frame.path, key))
                line, column = _pos(mark)
                first_line, first_column = _pos(first)
                self.findings.append(
                    error(
                        DUPLICATE_KEY,
                        file=self.file,
                        line=line,
                        column=column,
                        path=frame.path or (),
                        key=key,
                        first_line=first_line,
                        first_column=first_column,
                    )
                )
            frame.key = key

    # -- events ---------------------------------------------------------------

    def expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None

    def scalar(self, event: Any) -> None:
        mark = event.start_mark
        self.nodes += 1
        path = self.child_path()
        pos_start = len(self.positions)
        if path is not None:
            self.positions.append((path, _pos(mark)))
        tag = event.tag
        plain = tag is None and bool(event.implicit[0]) and not event.style
        key_text: str | _Skip | None = event.value
        if self.expecting_key():
            value = None
            if tag not in (None, "!") and tag not in _AS_STRING_TAGS:
                self.fail(mark, path, reason="yaml-tag", tag=tag, detail=f"tag {tag} on a key")
                key_text = _SKIP
        else:
            value = self.resolve(event.value, tag, plain, mark, path)
            if not self.stack and plain and event.value == "":
                self.root_empty = True
        self.complete(
            value,
            mark,
            path=path,
            anchor=event.anchor,
            depth=0,
            pos_start=pos_start,
            nodes_start=self.nodes - 1,
            key_text=key_text,
            plain=plain,
        )

    def resolve(
        self, text: str, tag: str | None, plain: bool, mark: Mark, path: Path | None
    ) -> Any:
        """The value of a scalar (YAML 1.2 core schema, JSON data model only)."""
        if plain:
            return self.plain(text, mark, path)
        if tag is None or tag == "!" or tag in _AS_STRING_TAGS:
            return text
        kind = tag[len(_CORE) :] if tag.startswith(_CORE) else None
        value: Any = None
        ok = False
        if kind == "int":
            if _INT10_ZEROS.match(text):
                value, ok = self.integer(text, 10, mark, path), True
            elif _INT8.match(text):
                value, ok = self.integer(text[2:], 8, mark, path), True
            elif _INT16.match(text):
                value, ok = self.integer(text[2:], 16, mark, path), True
        elif kind == "float":
            if _FLOAT.match(text):
                value, ok = self.floating(text, mark, path), True
            elif _SPECIAL_FLOAT.match(text):
                value, ok = self.special_float(text, mark, path), True
        elif kind == "bool":
            if text in _BOOLS:
                value, ok = _BOOLS[text], True
        elif kind == "null":
            ok = text in _NULLS
        else:
            self.fail(
                mark,
                path,
                reason="yaml-tag",
                tag=tag,
                detail=f"the tag {tag} is not allowed: only JSON values are read",
            )
            return None
        if not ok:
            self.fail(
                mark,
                path,
                reason="yaml-value",
                tag=tag,
                detail=f"{text!r} is not a valid {kind}",
            )
        return value

    def plain(self, text: str, mark: Mark, path: Path | None) -> Any:
        if text in _NULLS:
            return None
        first = text[0]
        if first in "tTfF" and text in _BOOLS:
            return _BOOLS[text]
        if first in "0123456789+-.":
            if _INT10.match(text):
                return self.integer(text, 10, mark, path)
            if first == "0" and len(text) > 2:
                if _INT8.match(text):
                    return self.integer(text[2:], 8, mark, path)
                if _INT16.match(text):
                    return self.integer(text[2:], 16, mark, path)
            if ("." in text or "e" in text or "E" in text) and _FLOAT.match(text):
                return self.floating(text, mark, path)
            if _SPECIAL_FLOAT.match(text):
                return self.special_float(text, mark, path)
        return text

    def integer(self, text: str, base: int, mark: Mark, path: Path | None) -> Any:
        """An integer, or SC100 ``big-number`` when it has more decimal digits than allowed.

        ``int()`` refuses a decimal text of more than 4300 digits, but reads a
        hexadecimal or octal one of any length; such a number could then not
        be written in decimal (by a report, a rule or ``json.dumps``), so it
        is refused here too, as if it had been written in decimal.
        """
        try:
            value = int(text, base)
        except ValueError:  # more digits than int() accepts
            self.fail(mark, path, reason="big-number", detail=too_many_digits(len(text)))
            return None
        if base != 10 and value.bit_length() > _MAX_INT_BITS * max_int_digits():
            digits = int(value.bit_length() * _LOG10_2) + 1
            self.fail(mark, path, reason="big-number", detail=too_many_digits(digits))
            return None
        return value

    def floating(self, text: str, mark: Mark, path: Path | None) -> float:
        """A float; ``1e999`` (which no 64-bit float holds) is SC100 ``big-number``."""
        number = float(text)
        if math.isinf(number):
            self.fail(mark, path, reason="big-number", detail=_TOO_LARGE)
        return number

    def special_float(self, text: str, mark: Mark, path: Path | None) -> float:
        self.fail(mark, path, reason="nan", token=text, detail=f"{text} is not a JSON value")
        lowered = text.lower()
        if "nan" in lowered:
            return float("nan")
        return float("-inf") if text.startswith("-") else float("inf")

    def start(self, event: Any, is_map: bool) -> None:
        mark = event.start_mark
        path = self.child_path()
        if len(self.stack) + 1 > self.limits.max_depth:
            self.over("max_depth", len(self.stack) + 1, self.limits.max_depth, mark, path)
        self.nodes += 1
        pos_start = len(self.positions)
        if path is not None:
            self.positions.append((path, _pos(mark)))
        tag = event.tag
        bad = tag not in (_MAP_TAGS if is_map else _SEQ_TAGS)
        if bad:
            self.fail(
                mark,
                path,
                reason="yaml-tag",
                tag=tag,
                detail=f"the tag {tag} is not allowed: only JSON values are read",
            )
        in_key = self.expecting_key()
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(
            _Frame(
                container={} if is_map else [],
                is_map=is_map,
                path=None if in_key else path,
                mark=mark,
                anchor=event.anchor,
                pos_start=pos_start,
                nodes_start=self.nodes - 1,
                bad=bad,
            )
        )

    def end(self) -> None:
        frame = self.stack.pop()
        self.complete(
            None if frame.bad else frame.container,
            frame.mark,
            path=frame.path,
            anchor=frame.anchor,
            depth=frame.depth_below + 1,
            pos_start=frame.pos_start,
            nodes_start=frame.nodes_start,
            key_text=None,
        )

    def alias(self, event: Any) -> None:
        mark = event.start_mark
        name = event.anchor
        path = self.child_path()
        anchor = self.anchors.get(name)
        if anchor is None or name in self.open_anchors:
            recursive = name in self.open_anchors
            self.fail(
                mark,
                path,
                reason="yaml-alias",
                anchor=name,
                detail=f"the alias *{name} refers to "
                + ("the node it is in" if recursive else "no anchor before it"),
            )
            pos_start = len(self.positions)
            if path is not None:
                self.positions.append((path, _pos(mark)))
            self.nodes += 1
            self.complete(
                None,
                mark,
                path=path,
                anchor=None,
                depth=0,
                pos_start=pos_start,
                nodes_start=self.nodes - 1,
                key_text=_SKIP,
            )
            return
        self.expanded += anchor.size
        if self.expanded > self.limits.max_yaml_aliases:
            self.over("max_yaml_aliases", self.expanded, self.limits.max_yaml_aliases, mark, path)
        if len(self.stack) + anchor.depth > self.limits.max_depth:
            self.over(
                "max_depth", len(self.stack) + anchor.depth, self.limits.max_depth, mark, path
            )
        pos_start = len(self.positions)
        if path is not None:
            self.positions.append((path, _pos(mark)))
            self.positions.extend((path + rel, pos) for rel, pos in anchor.positions if rel)
        nodes_start = self.nodes
        self.nodes += anchor.size
        self.complete(
            _copy(anchor.value),
            mark,
            path=path,
            anchor=None,
            depth=anchor.depth,
            pos_start=pos_start,
            nodes_start=nodes_start,
            key_text=anchor.key_text,
        )


def _copy(value: Any) -> Any:
    """A deep copy of a JSON-like value, without recursion."""
    if not isinstance(value, (dict, list)):
        return value
    root: Any = {} if isinstance(value, dict) else []
    stack: list[tuple[Any, Any]] = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for step, child in items:
            if isinstance(child, (dict, list)):
                new: Any = {} if isinstance(child, dict) else []
                stack.append((child, new))
                child = new
            if isinstance(target, dict):
                target[step] = child
            else:
                target.append(child)
    return root


def _python_events(text: str) -> Iterator[Any]:
    """The parser events of ``text`` from PyYAML's pure-Python parser."""
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyParser(Reader, Scanner, Parser):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    parser: Any = _PyParser(text)
    while parser.check_event():
        yield parser.get_event()


def _libyaml_events(text: str) -> Iterator[Any]:
    """The parser events of ``text`` from libyaml."""
    from yaml._yaml import CParser

    parser: Any = CParser(text)
    while True:
        event = parser.get_event()
        if event is None:
            return
        yield event


@cache
def _event_source() -> tuple[Callable[[str], Iterator[Any]], bool]:
    """The parser to use (libyaml if possible), and its offset units.

    Returns:
        A function from text to parser events, and whether its reader errors
        give their position in UTF-8 bytes (libyaml) rather than characters.
    """
    try:
        from yaml._yaml import CParser  # noqa: F401
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return _python_events, False
    return _libyaml_events, True


def parse_yaml(
    text: str, *, file: str | None, limits: Limits
) -> tuple[Any, list[Finding], PositionMap]:
    """Parse one YAML document into plain Python values, with positions.

    Args:
        text: the YAML text (decoded).
        file: the file name for the findings.
        limits: the limits to enforce (``max_yaml_bytes``, ``max_depth``,
            ``max_yaml_aliases``).

    Returns:
        The value (``None`` after a syntax error or a limit), the findings
        (severity error), and the position of every node.
    """
    size = len(text)
    if size * 4 > limits.max_yaml_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_yaml_bytes:
        finding = limit("max_yaml_bytes", size, limits.max_yaml_bytes, file=file)
        return None, [finding], PositionMap()
    import yaml

    events, byte_offsets = _event_source()
    builder = _Builder(file, limits)
    try:
        _run(builder, events(text), yaml)
    except _Stop:
        return None, builder.findings, builder.position_map()
    except yaml.MarkedYAMLError as exc:
        builder.findings.append(_syntax_error(exc, text, file, builder))
        return None, builder.findings, builder.position_map()
    except yaml.YAMLError as exc:  # a reader error: a character YAML forbids
        builder.findings.append(_reader_error(exc, text, file, byte_offsets))
        return None, builder.findings, builder.position_map()
    except UnicodeError as exc:  # lone surrogates in the text
        builder.findings.append(error(PARSE_ERROR, file=file, reason="encoding", detail=str(exc)))
        return None, builder.findings, PositionMap()
    if not builder.has_root or builder.root_empty:
        builder.findings.append(
            error(
                PARSE_ERROR,
                file=file,
                line=1,
                column=1,
                reason="empty",
                detail="the document is empty",
            )
        )
        return None, builder.findings, builder.position_map()
    return builder.root, builder.findings, builder.position_map()


def _run(builder: _Builder, events: Iterator[Any], yaml: Any) -> None:
    scalar = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    alias = yaml.AliasEvent
    document_start = yaml.DocumentStartEvent
    for event in events:
        kind = type(event)
        if kind is scalar:
            builder.scalar(event)
        elif kind is mapping_start:
            builder.start(event, is_map=True)
        elif kind is sequence_start:
            builder.start(event, is_map=False)
        elif kind in ends:
            builder.end()
        elif kind is alias:
            builder.alias(event)
        elif kind is document_start:
            builder.documents += 1
            if builder.documents > 1:
                builder.fail(
                    event.start_mark,
                    (),
                    reason="multiple-documents",
                    detail="a file holds one YAML document",
                )
                raise _Stop


def _syntax_error(exc: Any, text: str, file: str | None, builder: _Builder) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = _pos(mark) if mark is not None else (None, None)
    problem = exc.problem or ""
    detail = " ".join(part for part in (exc.context, problem) if part)
    if "maximum nesting depth" in problem:
        # libyaml refuses nesting deeper than 1000 levels, often before any
        # event reached the builder.
        depth = max(len(builder.stack) + 1, _LIBYAML_MAX_DEPTH + 1)
        return limit(
            "max_depth",
            depth,
            builder.limits.max_depth,
            file=file,
            line=line,
            column=column,
            detail=detail,
        )
    reason = "syntax"
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        reason = "tabs"  # YAML indents with spaces only
    return error(PARSE_ERROR, file=file, line=line, column=column, reason=reason, detail=detail)


def _reader_error(exc: Any, text: str, file: str | None, byte_offsets: bool) -> Finding:
    position = getattr(exc, "position", None)
    line = column = None
    if isinstance(position, int) and byte_offsets:
        encoded = text.encode("utf-8", "surrogatepass")[:position]
        position = len(encoded.decode("utf-8", "ignore"))
    if isinstance(position, int) and 0 <= position <= len(text):
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
    reason = getattr(exc, "reason", None) or str(exc)
    character = getattr(exc, "character", None)
    params: dict[str, Any] = {"reason": "character", "detail": str(reason)}
    if isinstance(character, int):
        params["character"] = f"U+{character:04X}"
    return error(PARSE_ERROR, file=file, line=line, column=column, **params)
