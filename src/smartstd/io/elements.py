r"""The elements of a large JSON document's ``entities`` array, read one at a time.

A dataset written as one JSON document (``{"standard": ..., "entities": [...]}``)
used to be parsed whole: its peak memory was seven or eight times its size.
:func:`outline` reads only its envelope: the text before the ``entities``
array and after it (the *skeleton*, the document with an empty array), which
:func:`~smartstd.io.parse_json` reads with all its checks. :func:`elements`
then reads the array a block at a time and cuts it into its elements' bytes,
which the checker validates like NDJSON lines.

Cutting honours strings: the separator between the first two elements
(``"\n    },\n    {"`` in an indented document, ``"},\n{"`` with one record
a line, ``"},{"`` on one line) cuts a block of elements at once, where the
pieces' brackets and quotes pair (pieces that do not are joined to the next);
the elements around a block's end or an element that is not an object are
cut by :mod:`json`'s scanner. A cut is proved afterwards: each element is
validated as exactly one JSON value (by pydantic, or by the careful reader),
which only the true element can be.

The whole-document reader's findings for an odd document (a syntax error, a
repeated key, ``NaN``, a number too large, nesting too deep, bytes that are not
UTF-8) cannot be given element by element: the same findings come from reading
it whole. Whatever finds such a thing raises :class:`Unstreamable`, and the
check starts again with the document read whole (:mod:`smartstd.conformance.engine`).

Findings are placed afterwards (:meth:`Outline.positions`): the line and
column of an element's start are counted in one pass over the file's bytes,
and the element's own text is located as a document of its own.

大型 JSON 文档的 entities 数组逐个元素读取：峰值内存不再随文档增长，位置与整篇读取完全一致。
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add
from typing import Any

from smartstd.io.jsonreader import _max_depth, parse_json
from smartstd.io.limits import Limits
from smartstd.io.positions import locate
from smartstd.report import Path

__all__ = ["Outline", "Unstreamable", "elements", "may_overflow", "outline"]

_BOM = b"\xef\xbb\xbf"
#: How much of the file's start is read at first to find the array (grown as needed).
_HEAD_BYTES = 1 << 16
#: The most text the envelope may have before or after the array (else: read whole).
_MAX_ENVELOPE_BYTES = 1 << 24
#: The bytes read at a time, and about the size of a batch of elements.
BLOCK_BYTES = 1 << 20
#: The first window of text in which :mod:`json`'s scanner looks for an element's end.
_WINDOW = 1 << 14
#: A syntax error this close to the window's end may be a token the window cuts.
_TOKEN = 16

# Always matches (possibly nothing), so the match is never None.
_WS: Callable[[bytes, int], re.Match[bytes]] = re.compile(rb"[ \t\r\n]*").match  # type: ignore[assignment]
_WS_STR: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\r\n]*").match  # type: ignore[assignment]
#: The tail of a document whose array is its last member.
_LAST_MEMBER = re.compile(rb"\][ \t\r\n]*\}[ \t\r\n]*\Z")
_NEVER = re.compile(rb"(?!)")
#: Characters of numbers and words to "w", the line end kept, everything else to ".".
_WORD_BYTES = bytes(
    119
    if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b in b".+-")
    else 10
    if b == 10
    else 46
    for b in range(256)
)
#: A member whose value is an array: its key, up to the "[".
_KEY_ARRAY = re.compile(rb'"((?:[^"\\]|\\.)*)"[ \t\r\n]*:[ \t\r\n]*\[')
#: Bytes that continue a UTF-8 character (not counted as characters).
_NOT_CONTINUATION = bytes(range(0x80)) + bytes(range(0xC0, 0x100))

_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_scan_once: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


class Unstreamable(Exception):
    """The document holds something only the whole-document reader reports as it should.

    Attributes:
        file: the document.
    """

    def __init__(self, file: str | None) -> None:
        super().__init__(file)
        self.file = file


@dataclass(eq=False)
class Outline:
    """A JSON document read as its envelope, with its ``entities`` array left on disk.

    Attributes:
        file: the file.
        header: the document's members other than ``entities``, in order.
        skeleton: the document's text with an empty array for ``entities``.
        bom: the length of the byte-order mark (0 or 3).
        start: the byte offset of the array's ``[``.
        end: the byte offset just after its ``]``.
        close: the offset of the ``]`` of the empty array in ``skeleton``.
        starts: the byte offset of each element, as :func:`elements` found them.
    """

    file: str
    header: dict[str, Any]
    skeleton: str
    bom: int
    start: int
    end: int
    close: int = 0
    starts: array[int] = field(default_factory=lambda: array("q"))
    _cached: tuple[int, Any] | None = field(default=None, repr=False)

    @property
    def count(self) -> int:
        """How many elements :func:`elements` found."""
        return len(self.starts)

    def element_bytes(self, index: int) -> bytes:
        """The bytes of element ``index`` (as they are in the file)."""
        start = self.starts[index]
        stop = self.starts[index + 1] if index + 1 < len(self.starts) else self.end - 1
        with open(self.file, "rb") as fh:
            fh.seek(start)
            data = fh.read(stop - start)
        data = data.rstrip(b" \t\r\n")
        if index + 1 < len(self.starts):
            data = data[:-1].rstrip(b" \t\r\n")  # the comma before the next element
        return data

    def element(self, index: int) -> Any:
        """The value of element ``index`` (``None`` when there is none)."""
        if not 0 <= index < len(self.starts):
            return None
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        try:
            value = json.loads(self.element_bytes(index))
        except (OSError, ValueError, RecursionError):
            value = None
        self._cached = (index, value)
        return value

    def positions(self, paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
        """The 1-based (line, column) of each path, as :func:`locate` finds it in the whole text."""
        wanted = [tuple(p) for p in paths]
        out: dict[Path, tuple[int, int]] = {}
        by_element: dict[int, list[Path]] = {}
        envelope: list[Path] = []
        for path in wanted:
            index = _index(path, len(self.starts))
            if index is None:
                envelope.append(path)
            else:
                by_element.setdefault(index, []).append(path)
        if envelope:
            out.update(self._envelope_positions(envelope))
        if by_element:
            starts = {i: self.starts[i] for i in by_element}
            try:
                at = _line_columns(self.file, starts.values(), self.bom)
                for index, paths_in in by_element.items():
                    line0, col0 = at[starts[index]]
                    text = self.element_bytes(index).decode("utf-8", "replace")
                    rel = locate(text, [p[2:] for p in paths_in])
                    for path in paths_in:
                        line, col = rel[path[2:]]
                        out[path] = (
                            (line0, col0 + col - 1) if line == 1 else (line0 + line - 1, col)
                        )
            except OSError:
                for paths_in in by_element.values():
                    out.update(self._envelope_positions([p[:1] for p in paths_in]))
        return {path: out[path] for path in wanted}

    def _envelope_positions(self, paths: list[Path]) -> dict[Path, tuple[int, int]]:
        """Positions in the skeleton, moved past the array for what follows it."""
        found = locate(self.skeleton, paths)
        # the skeleton's "[]" stands for the array: what follows its "]" moves by the array's text
        close = self.close
        close_line = self.skeleton.count("\n", 0, close) + 1
        close_col = close - self.skeleton.rfind("\n", 0, close)
        moved: tuple[int, int] | None = None
        out: dict[Path, tuple[int, int]] = {}
        for path, (line, col) in found.items():
            if (line, col) > (close_line, close_col):
                if moved is None:
                    try:
                        moved = _line_columns(self.file, [self.end - 1], self.bom)[self.end - 1]
                    except OSError:  # the file is gone: where the skeleton has it
                        moved = (close_line, close_col)
                if line == close_line:
                    line, col = moved[0], moved[1] + col - close_col
                else:
                    line += moved[0] - close_line
            out[path] = (line, col)
        return out


def _index(path: Path, count: int) -> int | None:
    """The element a path is in, or ``None`` for a path of the envelope."""
    if len(path) < 2 or path[0] != "entities":
        return None
    step = path[1]
    if isinstance(step, int) and 0 <= step < count:
        return step
    return None


def _chars(data: bytes) -> int:
    """The number of characters in UTF-8 ``data``."""
    return len(data) - len(data.translate(None, _NOT_CONTINUATION))


def _line_columns(file: str, offsets: Iterable[int], bom: int) -> dict[int, tuple[int, int]]:
    r"""Byte offsets of a file to 1-based (line, column in characters), in one pass.

    Lines are counted by ``\n`` and columns from the text after the
    byte-order mark, as :func:`~smartstd.io.positions.line_columns` counts them in the decoded text.
    """
    out: dict[int, tuple[int, int]] = {}
    line, column = 1, 0  # column: the characters between the line's start and pos
    pos = bom
    with open(file, "rb") as fh:
        fh.seek(pos)
        for off in sorted(set(offsets)):
            while pos < off:
                block = fh.read(min(BLOCK_BYTES, off - pos))
                if not block:
                    break
                newline = block.rfind(b"\n")
                if newline >= 0:
                    line += block.count(b"\n")
                    column = _chars(block[newline + 1 :])
                else:
                    column += _chars(block)
                pos += len(block)
            out[off] = (line, column + 1)
    return out


def _decode_head(data: bytes, final: bool) -> str | None:
    """``data`` decoded, less a character cut at its end (``None``: not UTF-8)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if final or exc.start < len(data) - 3:
            return None
        try:
            return data[: exc.start].decode("utf-8")
        except UnicodeDecodeError:
            return None


def _array_start(text: str) -> int | None:
    """The offset of the ``[`` of the top-level ``entities`` member, or ``None``.

    ``None`` also when the text ends before it (the caller reads more), when
    the document is not an object, or when ``entities`` is not an array.
    Values before it are skipped by :mod:`json`'s scanner.
    """
    ws = _WS_STR
    i = ws(text, 0).end()
    if text[i : i + 1] != "{":
        return None
    i += 1
    while True:
        i = ws(text, i).end()
        if text[i : i + 1] != '"':
            return None
        try:
            key, i = _scanstring(text, i + 1, True)
        except ValueError:
            return None
        i = ws(text, i).end()
        if text[i : i + 1] != ":":
            return None
        i = ws(text, i + 1).end()
        if key == "entities":
            return i if text[i : i + 1] == "[" else None
        try:
            _, i = _scan_once(text, i)
        except (StopIteration, ValueError, RecursionError):
            return None
        i = ws(text, i).end()
        if text[i : i + 1] != ",":
            return None
        i += 1


def outline(file: str, size: int, limits: Limits) -> Outline | None:
    """Read a JSON document's envelope, or ``None`` when it must be read whole.

    ``None`` when the document is not plainly an object with an ``entities``
    array (whatever the reason, the whole-document reader says it), when
    its skeleton has any finding, or when the text around the array is
    larger than 16 MiB. When members follow the array, the array is cut
    once to find its end (nothing is kept).
    """
    try:
        with open(file, "rb") as fh:
            want = _HEAD_BYTES
            while True:
                fh.seek(0)
                head = fh.read(want)
                bom = len(_BOM) if head.startswith(_BOM) else 0
                final = len(head) >= size
                text = _decode_head(head[bom:], final)
                if text is None:
                    return None
                at = _array_start(text)
                if at is not None:
                    break
                if final or want >= _MAX_ENVELOPE_BYTES:
                    return None
                want *= 4
            head_text = text[: at + 1]
            start = bom + len(head_text.encode("utf-8")) - 1
            fh.seek(max(start, size - 4096))
            last = fh.read()
            m = _LAST_MEMBER.search(last)
            if m is not None and _closes_entities(last, m.start(), start - (size - len(last))):
                end = size - len(last) + m.start() + 1
            else:  # members after the array: cut it once to find its end
                cutter = _Cutter(fh, start, limits.max_depth)
                for _ in cutter:
                    pass
                end = cutter.end
            fh.seek(end)
            tail = fh.read(_MAX_ENVELOPE_BYTES + 1)
            if len(tail) > _MAX_ENVELOPE_BYTES:
                return None
    except (OSError, Unstreamable):
        return None
    try:
        tail_text = tail.decode("utf-8")
    except UnicodeDecodeError:
        return None
    skeleton = head_text + "]" + tail_text
    value, found = parse_json(skeleton, file=file, limits=limits)
    if found or not isinstance(value, dict) or value.get("entities") != []:
        return None
    header = {k: v for k, v in value.items() if k != "entities"}
    return Outline(file, header, skeleton, bom, start, end, close=len(head_text))


def _closes_entities(last: bytes, close: int, start: int) -> bool:
    """Whether the ``]`` at ``last[close]``, the document's last, may close ``entities``.

    ``start`` is where the ``[`` of ``entities`` is, counted from the start of
    ``last`` (negative: before it). False when an array that starts in ``last``
    anywhere else ends there (``"profiles": ["a"]`` after the array).
    """
    for m in reversed(list(_KEY_ARRAY.finditer(last, 0, close))):
        try:
            text = last[m.end() - 1 :].decode("utf-8")
            _, end = _scan_once(text, 0)
        except (UnicodeDecodeError, StopIteration, ValueError, RecursionError):
            continue
        if m.end() - 1 + len(text[:end].encode("utf-8")) == close + 1:
            return m.end() - 1 == start
    return True


class _Cutter:
    """Cuts the array whose ``[`` is at byte ``start`` of a file into its elements' bytes.

    Iterating yields ``(offset, bytes)`` per element, as they are in the
    file; :attr:`end` is then the offset just after the array's ``]``.
    Raises :class:`Unstreamable` where the array is not plainly elements
    and commas (a trailing comma, a missing one, an element nested deeper
    than ``max_depth`` allows, text that ends first).
    """

    def __init__(self, fh: Any, start: int, max_depth: int, compact: bool = False) -> None:
        self.fh = fh
        self.start = start
        self.max_depth = max_depth - 2  # the document and its array hold every element
        self.flat = _compact if compact else _flat  # how an element becomes one line
        self.end = -1
        self.buf = b""
        self.base = start + 1  # the file offset of buf[0]
        self.eof = False
        self.sep: bytes | None = None  # the separator between elements, once seen
        self.close_ws = 0  # the white space before an element's "}" in it
        self._other = _NEVER
        self.checked = False  # whether a block cut by a separator with a line end paired
        self.irregular = False  # whether one did not: pieces are paired one by one
        self.miss = (-1, -1)  # (base, size) of a block with no separator left

    def _more(self, keep: int) -> int:
        """Drop ``buf[:keep]`` and read another block; returns ``keep`` (what indexes move by)."""
        if self.eof:
            return 0
        block = self.fh.read(BLOCK_BYTES)
        if len(block) < BLOCK_BYTES:
            self.eof = True
        self.buf = self.buf[keep:] + block
        self.base += keep
        return keep

    def __iter__(self) -> Iterator[tuple[list[int], list[bytes]]]:
        """The elements in groups: their offsets, and their bytes on one line each."""
        self.fh.seek(self.base)
        self._more(0)
        i = 0
        state = 0  # 0: after the "[", 1: after an element, 2: after a comma
        last = -1  # the index just after the previous element while it is in the block
        close_ws = -1  # the white space before the previous element's "}"
        while True:
            buf = self.buf
            j = _WS(buf, i).end()
            if j == len(buf):
                if self.eof:
                    raise Unstreamable(None)  # the text ends inside the array
                i -= self._more(i)
                last = -1
                continue
            c = buf[j]
            if c == 0x5D:  # "]"
                if state == 2:
                    raise Unstreamable(None)  # a trailing comma
                self.end = self.base + j + 1
                return
            if state == 1:
                if c != 0x2C:  # ","
                    raise Unstreamable(None)  # two values without a comma
                i, state = j + 1, 2
                continue
            if c == 0x7B and self.sep is not None:  # "{": elements up to the block's last separator
                group = self._group(j)
                if group is not None:
                    offsets, lines, stop = group
                    yield offsets, lines
                    i = last = stop
                    state = 1
                    continue
            if self.sep is None and state == 2 and last >= 0 and close_ws >= 0 and c == 0x7B:
                self.sep = buf[last - 1 - close_ws : j + 1]
                self.close_ws = close_ws
                # within a line, "}," and "}, " also end nested objects: the elements
                # that are not objects (but strings) show by what follows
                self._other = re.compile(re.escape(self.sep[:-1]) + rb"[\[0-9\-ntf]")
            e = self._cut(j)
            if e is None:
                if self.eof:
                    raise Unstreamable(None)
                i = j - self._more(j)
                last = -1
                continue
            buf = self.buf
            element = buf[j:e]
            if self.sep is None:
                close_ws = -1
                if element[-1:] == b"}":
                    close_ws = len(element) - 1 - len(element[:-1].rstrip(b" \t\r\n"))
            yield [self.base + j], [self.flat(element)]
            i = last = e
            state = 1

    def _group(self, i: int) -> tuple[list[int], list[bytes], int] | None:
        """The elements from ``buf[i]`` to the block's last separator, cut by it in one go.

        ``None`` when there is no such separator (the elements then go one
        by one). A separator with a line end in it (an indented document,
        one record a line) cannot stand inside a string; one within a line
        may stand inside an element, so there the pieces that do not pair
        are joined to the next ones until they do.
        """
        buf, sep = self.buf, self.sep
        assert sep is not None
        if self.miss == (self.base, len(buf)):
            return None  # no separator after an earlier element of this block
        k = buf.rfind(sep, i)
        if k < 0:
            self.miss = (self.base, len(buf))
            return None
        stop = k + self.close_ws + 1  # just after the "}" of the last element before it
        region = buf[i:stop]
        lined = 10 in sep or 13 in sep
        count = region.count(sep)
        if region.count(sep[:-1]) != count if lined else self._other.search(region) is not None:
            # an element that is not an object follows one: one by one, up to the next block
            self.miss = (self.base, len(buf))
            return None
        cut = len(sep) - 1  # an element's "}" is at this offset of a separator
        gap = cut - self.close_ws - 1  # from an element's end to the next one's "{"
        if lined and not self.irregular and 0 not in region:
            # each separator made "}" NUL "{" (NUL is never in JSON text), then split there
            marked = region.replace(sep, b"}\x00{")
            lines = self.flat(marked).split(b"\x00")
            if len(lines) == count + 1:
                # flattening keeps lengths; compacting does not: then the pieces' own
                pieces = lines if self.flat is _flat else marked.split(b"\x00")
                # each element but the last: its piece, the white space before its "}"
                step = self.close_ws + gap
                ends = accumulate(map(len, pieces[:-1]), initial=self.base + i)
                offsets = list(map(add, ends, range(0, (count + 1) * step, step)))
                if self.checked:
                    return offsets, lines, stop
                # one record a line: every line end is in a separator, none in an element
                if region.count(b"\n") == count * sep.count(b"\n") and region.count(
                    b"\r"
                ) == count * sep.count(b"\r"):
                    return offsets, lines, stop
                # a layout whose first block of elements pairs (a pretty printer's)
                # is trusted after it: a separator that still stands inside an
                # element makes a piece that does not validate (then read whole)
                self.checked = True
                if all(map(_brackets_pair, lines)):
                    return offsets, lines, stop
                self.irregular = True
        # a separator may stand inside an element: the pieces that do not
        # pair are joined to the next ones until they do
        pieces = region.split(sep)
        closer = sep[: self.close_ws + 1]
        between = sep[self.close_ws + 1 : -1]
        lines = [b"{" + p + closer for p in pieces]
        lines[0] = pieces[0] + closer
        lines[-1] = lines[-1][: -len(closer)]
        offsets = self._offsets(i, lines, gap)
        joined: list[bytes] = []
        starts: list[int] = []
        acc: bytes | None = None
        for offset, line in zip(offsets, lines, strict=True):
            if acc is None:
                acc = line
                starts.append(offset)
            else:
                acc = acc + between + line
            if _pairs(acc):
                joined.append(acc)
                acc = None
        if acc is not None:  # the last one goes on after the block's last separator
            starts.pop()
            if not joined:
                return None
            stop = starts[-1] - self.base + len(joined[-1])
        return starts, list(map(self.flat, joined)), stop

    def _offsets(self, i: int, lines: list[bytes], gap: int) -> list[int]:
        """The file offsets of consecutive elements from ``buf[i]``, ``gap`` bytes apart."""
        ends = accumulate(map(len, lines[:-1]), initial=self.base + i)
        return list(map(add, ends, range(0, len(lines) * gap, gap)))

    def _cut(self, s: int) -> int | None:
        """Where the element at ``buf[s]`` ends (:mod:`json`'s scanner), ``None``: read on.

        The scanner reads a window of the block, four times larger each time
        the element goes on past it.
        """
        buf = self.buf
        window = _WINDOW
        while True:
            final = s + window >= len(buf)
            text = _decode_head(buf[s : s + window], final and self.eof)
            if text is None:
                raise Unstreamable(None)  # not UTF-8
            try:
                _, end = _scan_once(text, 0)
            except StopIteration as exc:
                end = -1 if exc.value < len(text) - _TOKEN else -2
            except json.JSONDecodeError as exc:
                # a string or a token may be cut by the window's end: read on
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(text) - _TOKEN
                end = -2 if cut else -1
            except (ValueError, RecursionError):
                raise Unstreamable(None) from None  # too many digits, too deep
            if end == -1:
                raise Unstreamable(None)  # a syntax error
            if end >= 0 and (end < len(text) or (final and self.eof)):
                return s + len(text[:end].encode("utf-8"))
            # the element (or a number) may go on after the window
            if not final:
                window *= 4
            elif self.eof:
                raise Unstreamable(None)
            else:
                return None


def _flat(line: bytes) -> bytes:
    """``line`` with its line ends turned into spaces (JSON has them only between tokens)."""
    if 10 in line or 13 in line:
        return line.replace(b"\n", b" ").replace(b"\r", b" ")
    return line


def _compact(data: bytes) -> bytes:
    r"""``data`` without its line ends and the indentation after them, when that joins no tokens.

    An indented element comes out as one line with no white space where a
    line ended (``"x"}`` rather than ``"x"   }``), as compact NDJSON has
    it: the checker's duplicate-key proofs and identifier screen then work
    as they do on NDJSON. Where a line end stands between two characters
    of numbers or words (``1\n2``, which is not JSON, would read as 12), or
    with carriage returns or tabs, the line ends become spaces instead.
    """
    if 10 not in data:
        return _flat(data)
    if 13 in data or 9 in data:
        return _flat(data)
    words = data.translate(_WORD_BYTES, b" ")
    if b"w\nw" in words or b"w\n\n" in words:
        return _flat(data)
    for n in (32, 16, 8, 4, 2, 1):
        needle = b"\n" + b" " * n
        if needle in data:
            data = data.replace(needle, b"\n")
    while b"\n " in data:
        data = data.replace(b"\n ", b"\n")
    return data.replace(b"\n", b"")


def _brackets_pair(line: bytes) -> bool:
    """Whether the brackets of ``line`` pair (strings not told apart)."""
    return line.count(b"{") == line.count(b"}") and line.count(b"[") == line.count(b"]")


def _pairs(line: bytes) -> bool:
    """Whether the brackets and the unescaped quotes of ``line`` pair (strings not told apart)."""
    if not _brackets_pair(line):
        return False
    quotes = line.count(b'"')
    if 92 in line:  # a backslash: less the escaped quotes
        quotes -= line.replace(b"\\\\", b"").count(b'\\"')
    return not quotes & 1


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def elements(
    doc: Outline, limits: Limits, *, compact: bool = False
) -> Iterator[tuple[int, list[bytes], bytes]]:
    r"""The elements of a document's ``entities`` array, in batches of about a MiB.

    Yields ``(index, lines, data)``: the index of the batch's first element,
    each element's bytes on one line (its line ends turned into spaces,
    which JSON allows only between tokens) and the lines joined by ``\n``.
    Fills :attr:`Outline.starts`. With ``compact``, an indented element also
    loses its indentation (:func:`_compact`: it costs a few passes over the
    bytes, and saves the checker's careful path for records that rules look
    at; a check that only validates and counts does without).

    Raises:
        Unstreamable: the document must be read whole: its array is not
            plainly elements and commas, an element is nested too deeply,
            the bytes are not UTF-8, or a number may be too large.
    """
    starts = doc.starts
    del starts[:]
    with open(doc.file, "rb") as fh:
        cutter = _Cutter(fh, doc.start, limits.max_depth, compact)
        lines: list[bytes] = []
        size = 0
        first = 0
        try:
            for offsets, group in cutter:
                starts.extend(offsets)
                lines.extend(group)
                size += sum(map(len, group))
                if size >= BLOCK_BYTES:
                    yield first, lines, _joined(lines, limits, doc.file)
                    first += len(lines)
                    lines, size = [], 0
        except Unstreamable:
            raise Unstreamable(doc.file) from None
        if lines:
            yield first, lines, _joined(lines, limits, doc.file)
        if cutter.end != doc.end:
            raise Unstreamable(doc.file)


def _joined(lines: list[bytes], limits: Limits, file: str) -> bytes:
    """The lines joined, once they are known to be UTF-8, not too deep, with no number too large.

    An element may nest two less deeply than the document (which holds it
    in an object and an array); its ``{`` and ``[`` bound its depth.
    """
    data = b"\n".join(lines)
    deepest = limits.max_depth - 2
    opens = data.translate(None, _NOT_OPENING).split(b"\n")
    if max(map(len, opens)) > deepest:
        for line, brackets in zip(lines, opens, strict=True):
            if len(brackets) > deepest and _max_depth(_text(line)) > deepest:
                raise Unstreamable(file)
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise Unstreamable(file) from None
    if may_overflow(data):
        for line in lines:
            if parse_json(line.decode("utf-8"), file=None, limits=limits)[1]:
                raise Unstreamable(file)
    return data


#: Every byte but "{", "[" and the line end (deleted to count opening brackets a line).
_NOT_OPENING = bytes(b for b in range(256) if b not in b"{[\n")
#: Digits to "0", "e" and "E" to "e", "+" to "+", every other byte to ".".
_NUMBER_BYTES = bytes(
    48 if 48 <= b <= 57 else 101 if b in (69, 101) else 43 if b == 43 else 46 for b in range(256)
)
# Always matches (possibly nothing), so the match is never None.
_ZEROS: Callable[[bytes, int], re.Match[bytes]] = re.compile(rb"0*").match  # type: ignore[assignment]
_BEFORE_NUMBER = frozenset(b":[, \t\r\n")
_AFTER_NUMBER = frozenset(b",]} \t\r\n")
_MANTISSA = frozenset(b"0123456789.-")


def may_overflow(data: bytes) -> bool:
    """Whether a number in the lines ``data`` may be too large for a float (sound, cheap).

    The screen of :func:`smartstd.io.jsonreader._may_overflow` on bytes: 309
    digits in a row, or an exponent of three digits where a number token can
    end, found with one ``bytes.translate`` and ``bytes.find``.
    """
    classes = data.translate(_NUMBER_BYTES)
    if b"0" * 309 in classes:
        return True
    size = len(data)
    for pattern in (b"0e000", b"0e+000"):
        at = classes.find(pattern)
        while at >= 0:
            # the exponent's end first: in a hexadecimal digest a letter follows
            j = _ZEROS(classes, at + len(pattern)).end()
            if j == size or data[j] in _AFTER_NUMBER:
                i = at
                while i >= 0 and data[i] in _MANTISSA:
                    i -= 1
                if i < 0 or data[i] in _BEFORE_NUMBER:
                    return True
            at = classes.find(pattern, j)
    return False
