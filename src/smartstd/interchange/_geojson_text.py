"""GeoJSON text: a FeatureCollection's members and features decoded one at a time, sequences split.

:func:`events` scans a JSON object's top level and decodes each member's
value alone, and each item of its ``features`` array alone, so a large
collection is never held parsed at once; :func:`texts` splits a sequence
file into its texts (RFC 8142 record separators, else lines). Keys given
twice are noted, not lost silently.

GeoJSON 文本：逐个成员、逐个要素解析；要素序列按记录分隔符或按行切分。
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["decoder", "escape", "events", "finite", "texts"]

_WS = re.compile(r"[ \t\n\r]*")


def decoder(duplicates: list[tuple[str, Any]]) -> json.JSONDecoder:
    """A JSON decoder that keeps the last of two equal keys, noting the first in ``duplicates``."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append((key, out[key]))
            out[key] = value
        return out

    return json.JSONDecoder(object_pairs_hook=pairs)


def _char(text: str, i: int, what: str) -> str:
    if i >= len(text):
        raise json.JSONDecodeError(f"Expecting {what}", text, i)
    return text[i]


def events(text: str, duplicates: list[tuple[str, Any]]) -> Iterator[tuple[str, str, Any]]:
    """The top-level members of a GeoJSON object, each feature of ``features`` alone.

    Yields ``("member", key, value)`` and ``("feature", index, value)``, or
    one ``("top", "", value)`` when the text is not an object. Raises
    ``json.JSONDecodeError`` where the text stops being JSON.
    """
    dec = decoder(duplicates)
    raw = dec.raw_decode
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if _char(text, i, "value") != "{":
        value, i = raw(text, i)
        if _WS.match(text, i).end() != len(text):  # type: ignore[union-attr]
            raise json.JSONDecodeError("Extra data", text, _WS.match(text, i).end())  # type: ignore[union-attr]
        yield "top", "", value
        return
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    seen: set[str] = set()
    if _char(text, i, "property name enclosed in double quotes") == "}":
        i += 1
    else:
        while True:
            if _char(text, i, "property name enclosed in double quotes") != '"':
                raise json.JSONDecodeError(
                    "Expecting property name enclosed in double quotes", text, i
                )
            key, i = raw(text, i)
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            if _char(text, i, "':' delimiter") != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, i)
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            if key in seen:
                duplicates.append((key, "(a member of the document)"))
            seen.add(key)
            if key == "features" and _char(text, i, "value") == "[":
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                n = 0
                if _char(text, i, "value") == "]":
                    i += 1
                else:
                    while True:
                        value, i = raw(text, i)
                        yield "feature", str(n), value
                        n += 1
                        i = _WS.match(text, i).end()  # type: ignore[union-attr]
                        c = _char(text, i, "',' delimiter")
                        if c == "]":
                            i += 1
                            break
                        if c != ",":
                            raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
                        i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
            else:
                value, i = raw(text, i)
                yield "member", key, value
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            c = _char(text, i, "',' delimiter")
            if c == "}":
                i += 1
                break
            if c != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    end = _WS.match(text, i).end()  # type: ignore[union-attr]
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)


def texts(path: Path) -> Iterator[tuple[int, bytes]]:
    """Each text of a sequence and the line it starts on: split on RS if any, else on lines."""
    with path.open("rb") as fh:
        lineno = 0
        pending = b""
        start = 1
        rs = False
        for line in fh:
            lineno += 1
            if not rs and b"\x1e" in line:
                rs = True
            if not rs:
                yield lineno, line
                continue
            parts = line.split(b"\x1e")
            pending += parts[0]
            for part in parts[1:]:
                if pending.strip():
                    yield start, pending
                pending, start = part, lineno
        if pending.strip():
            yield start, pending


def escape(key: str) -> str:
    """A key as a JSON Pointer token."""
    return key.replace("~", "~0").replace("/", "~1")


def finite(value: Any) -> bool:
    """Whether a JSON value holds no NaN or infinity (walked without recursion)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, float):
            if not math.isfinite(v):
                return False
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.values())
    return True
