"""Paths into a document and their JSON Pointers (RFC 6901), re-exported by :mod:`smartstd.report`.

A finding keeps its path as a tuple of keys and indexes and renders it as a
JSON Pointer on demand. This module imports nothing of the project but its
errors (:mod:`smartstd.errors`), so the models' introspection
(:mod:`smartstd.standard.introspect`) can use it below the report.

文档路径与 JSON 指针。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from smartstd.errors import UsageError

__all__ = ["Path", "leaves", "pointer", "pointer_to_path"]

#: A path into a document: object keys and array indexes, outermost first.
Path = tuple[str | int, ...]


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(path: Iterable[str | int]) -> str:
    """Render a path as an RFC 6901 JSON Pointer (``""`` for the whole document).

    >>> pointer(("entities", 3, "name"))
    '/entities/3/name'
    """
    return "".join("/" + _escape(p) for p in path)


def leaves(value: Any) -> Iterator[tuple[Any, str | int, str, Any]]:
    """Every value inside a JSON value that is neither an object nor an array.

    Yields ``(container, key, JSON Pointer, value)``, walking without
    recursion (any depth); the container may be changed meanwhile.

    >>> [p for _, _, p, _ in leaves({"a": [1, {"b/c": None}]})]
    ['/a/0', '/a/1/b~1c']
    """
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, ptr = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        found = []
        for key, item in items:
            here = f"{ptr}/{_escape(key)}"
            if isinstance(item, dict | list):
                found.append((item, here))
            else:
                yield node, key, here, item
        stack.extend(reversed(found))  # in document order


def pointer_to_path(ptr: str) -> Path:
    """Parse an RFC 6901 JSON Pointer back into a path; digit tokens become ints.

    Raises:
        ValueError: if ``ptr`` is not empty and does not start with ``/``.
    """
    if ptr == "":
        return ()
    if not ptr.startswith("/"):
        raise UsageError(key="pointer_no_slash", ptr=ptr)
    out: list[str | int] = []
    for raw in ptr[1:].split("/"):
        tok = raw.replace("~1", "/").replace("~0", "~")
        out.append(int(tok) if tok.isdigit() and (tok == "0" or not tok.startswith("0")) else tok)
    return tuple(out)
