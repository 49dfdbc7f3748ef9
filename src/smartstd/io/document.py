"""A whole JSON or YAML document: bytes in, value, findings and positions out."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Literal

from smartstd.io._findings import limit
from smartstd.io.encoding import decode
from smartstd.io.jsonreader import parse_json
from smartstd.io.limits import Limits
from smartstd.io.positions import PositionMap, locate
from smartstd.report import Finding, Path

__all__ = ["Document", "read_document"]


@dataclass(frozen=True, eq=False)
class Document:
    """A document that was read: its value, what was wrong, and where things are.

    Attributes:
        value: the parsed value (plain JSON values), or ``None`` when the
            document could not be read (then ``findings`` says why).
        findings: the reader's findings (severity error).
        text: the decoded text, or ``None`` when it could not be decoded or
            was too big to read.
        fmt: ``"json"`` or ``"yaml"``.
        file: the file name, as given.
        position_map: for YAML, the position of every node.
    """

    value: Any
    findings: tuple[Finding, ...]
    text: str | None
    fmt: Literal["json", "yaml"]
    file: str | None = None
    position_map: PositionMap | None = field(default=None, repr=False)
    _cache: dict[Path, tuple[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def ok(self) -> bool:
        """Whether the document was read without any finding."""
        return not self.findings

    def position(self, path: Path) -> tuple[int, int] | tuple[None, None]:
        """The 1-based (line, column) of the value at ``path``.

        A path that does not exist gets the position of its deepest existing
        parent; ``(None, None)`` when there is no text to look in.
        """
        path = tuple(path)
        return self.positions([path])[path]

    def positions(self, paths: Iterable[Path]) -> dict[Path, tuple[int, int] | tuple[None, None]]:
        """:meth:`position` for many paths at once (one pass over a JSON text)."""
        wanted = [tuple(p) for p in paths]
        out: dict[Path, tuple[int, int] | tuple[None, None]] = {}
        if self.position_map is not None:
            for path in wanted:
                found = self.position_map.position(path)
                out[path] = found if found is not None else (None, None)
            return out
        if self.text is None:
            return dict.fromkeys(wanted, (None, None))
        missing = [p for p in wanted if p not in self._cache]
        if missing:
            self._cache.update(locate(self.text, missing))
        for path in wanted:
            out[path] = self._cache[path]
        return out


def read_document(
    data: bytes, *, file: str | None, limits: Limits, fmt: Literal["json", "yaml"]
) -> Document:
    """Decode and parse one JSON or YAML document.

    Args:
        data: the file's bytes.
        file: the file name for the findings.
        limits: the limits to enforce.
        fmt: the format (see :func:`smartstd.io.sniff_format`).

    Returns:
        The document; never raises on bad input. A file over
        ``max_file_bytes`` (or a YAML file over ``max_yaml_bytes``) is not
        decoded at all.
    """
    maximum, name = limits.max_file_bytes, "max_file_bytes"
    if fmt == "yaml" and limits.max_yaml_bytes < maximum:
        maximum, name = limits.max_yaml_bytes, "max_yaml_bytes"
    if len(data) > maximum:
        finding = limit(name, len(data), maximum, file=file)
        return Document(None, (finding,), None, fmt, file)
    text, findings = decode(data, file=file)
    if text is None:
        return Document(None, tuple(findings), None, fmt, file)
    if fmt == "yaml":
        from smartstd.io.yamlreader import parse_yaml  # a JSON or NDJSON check never needs it

        value, found, positions = parse_yaml(text, file=file, limits=limits)
        return Document(value, tuple(found), text, fmt, file, positions)
    value, found = parse_json(text, file=file, limits=limits)
    return Document(value, tuple(found), text, fmt, file)


def read_file(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Document:
    """Read a small JSON or YAML file (a schema, waivers, assertions).

    JSON by its ``.json`` suffix, YAML otherwise, with :func:`read_document`'s checks.

    Raises:
        OSError: when the file cannot be read (the caller says which file it was).
    """
    data = FsPath(path).read_bytes()
    fmt: Literal["json", "yaml"] = "json" if str(path).lower().endswith(".json") else "yaml"
    return read_document(data, file=str(path), limits=limits or Limits(), fmt=fmt)
