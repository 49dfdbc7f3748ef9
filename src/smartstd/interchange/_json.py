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
from typing import Any

__all__ = ["DEPTH", "loads", "too_deep"]

#: The nesting depth reported as too deep (Python's reader gives up a little past it).
DEPTH = 500

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
