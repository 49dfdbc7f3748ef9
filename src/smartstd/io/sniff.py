"""Telling JSON, NDJSON and YAML apart: by file name, then by content."""

from __future__ import annotations

import codecs
import json
import os
import re
from typing import Literal

__all__ = ["sniff_format"]

Format = Literal["json", "ndjson", "yaml"]

_EXTENSIONS: dict[str, Format] = {
    ".json": "json",
    ".geojson": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".jsonlines": "ndjson",
    ".yaml": "yaml",
    ".yml": "yaml",
}
_COMPRESSED = (".gz", ".bz2", ".xz", ".zst")
# A YAML start: a document marker, a directive, a comment, a block sequence
# item, or a "key:" at the start of a line.
_YAML_START = re.compile(
    r"(?:---|%YAML|%TAG|#|- |-$|[^\s{\[\"'#][^:\n]*:(?:\s|$)|[\"'][^\n]*[\"']\s*:(?:\s|$))"
)


def sniff_format(path: str, head: bytes) -> Format | None:
    """Guess the format of a file from its name and its first bytes.

    Args:
        path: the file's name or path (only the extension is used; a
            compression suffix such as ``.gz`` is looked through).
        head: the first bytes of the file (a few kilobytes are plenty).

    Returns:
        ``"json"``, ``"ndjson"`` or ``"yaml"``, or ``None`` when neither the
        name nor the content tells.
    """
    name = os.path.basename(path).lower()
    for suffix in _COMPRESSED:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    ext = os.path.splitext(name)[1]
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    return _sniff_content(head)


def _sniff_content(head: bytes) -> Format | None:
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    text = head.decode("utf-8", errors="replace").lstrip(" \t\r\n")
    if not text:
        return None
    if text[0] in "{[":
        lines = [line.strip() for line in text.splitlines()]
        lines = [line for line in lines if line]
        if len(lines) >= 2 and lines[1][:1] in ("{", "["):
            try:
                json.loads(lines[0])
            except ValueError:
                return "json"
            return "ndjson"
        return "json"
    if _YAML_START.match(text):
        return "yaml"
    return None
