"""JSON text the converters read whole: every failure a ``ValueError`` saying where.

Python's JSON reader raises ``RecursionError`` on text nested a few hundred
levels deep (``[[[[...``), which is no ``ValueError`` and so escaped the
readers' handling; :func:`loads` turns it, and every syntax error, into a
``ValueError`` naming the file, line and column. :func:`too_deep` finds
where such text first nests deeper than :data:`DEPTH`, scanning without
recursion (only on that error path).

转换器读取的 JSON：嵌套过深与语法错误都报告为 ValueError，并指明文件、行、列。
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["DEPTH", "items", "loads", "too_deep"]

#: The nesting depth reported as too deep (Python's reader gives up a little past it).
DEPTH = 500

_WS = re.compile(r"[ \t\n\r]*")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def too_deep(text: str, name: str, line_offset: int = 0) -> str:
    """``name:line:column: ... nested too deeply`` at the first place deeper than :data:`DEPTH`."""
    depth = 0
    for m in _TOKEN.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                return (
                    f"{name}:{line + line_offset}:{col}: objects and arrays nested too deeply "
                    f"(more than {DEPTH} levels); no real data nests so: check what wrote the file"
                )
        elif c in "]}":
            depth -= 1
    return f"{name}: objects and arrays nested too deeply to read"


def loads(text: str, name: str, line_offset: int = 0) -> Any:
    """The JSON value of ``text``; ``ValueError`` (``name:line:column: ...``) if it has none.

    ``line_offset`` is added to line numbers (a line of an NDJSON file).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name}:{exc.lineno + line_offset}:{exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ValueError(too_deep(text, name, line_offset)) from None


def _where(text: str, pos: int, name: str, msg: str) -> ValueError:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return ValueError(f"{name}:{line}:{col}: {msg}")


def items(text: str, name: str) -> Iterator[tuple[int, Any]]:
    """Each item of the JSON array ``text`` is, decoded one at a time, with its index.

    A large array is never held parsed at once, so a reader can stop at its
    record limit having decoded no more than that. Raises ``ValueError``
    (``name:line:column: ...``) where the text stops being JSON.
    """
    dec = json.JSONDecoder()
    end = len(text)
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if i >= end or text[i] != "[":
        raise _where(text, i, name, "Expecting '['")
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    n = 0
    if i < end and text[i] == "]":
        i += 1
    else:
        while True:
            try:
                value, i = dec.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{name}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
            except RecursionError:
                raise ValueError(too_deep(text, name)) from None
            yield n, value
            n += 1
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            c = text[i] if i < end else ""
            if c == "]":
                i += 1
                break
            if c != ",":
                raise _where(text, i, name, "Expecting ',' delimiter")
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    i = _WS.match(text, i).end()  # type: ignore[union-attr]
    if i != end:
        raise _where(text, i, name, "Extra data")
