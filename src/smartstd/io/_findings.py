"""Building the findings the readers report (private).

Every reader reports problems with its input as :class:`~smartstd.report.Finding`
objects of severity error; the engine re-applies the configured severities.
"""

from __future__ import annotations

from typing import Any

from smartstd.report import Finding, Path, Severity

__all__ = ["DUPLICATE_KEY", "ENCODING_ERROR", "INPUT_LIMIT", "PARSE_ERROR", "error", "limit"]

PARSE_ERROR = "SC100"
ENCODING_ERROR = "SC101"
DUPLICATE_KEY = "SC102"
INPUT_LIMIT = "SC109"


def error(
    code: str,
    *,
    file: str | None,
    line: int | None = None,
    column: int | None = None,
    path: Path = (),
    **params: Any,
) -> Finding:
    """A finding of severity error with plain JSON ``params``."""
    return Finding(
        code=code,
        severity=Severity.ERROR,
        path=path,
        file=file,
        line=line,
        column=column,
        params=params,
    )


#: The limits of documents read whole: their finding says what to do instead (``advice.HINTS``).
_READ_WHOLE = frozenset({"max_file_bytes", "max_yaml_bytes"})


def limit(
    name: str,
    value: int,
    maximum: int,
    *,
    file: str | None,
    line: int | None = None,
    column: int | None = None,
    path: Path = (),
    **extra: Any,
) -> Finding:
    """An SC109 input-limit finding: ``name`` was ``value``, over ``maximum``.

    A document over its size limit gets the hint ``read-whole`` (write NDJSON,
    split the file, or raise the limit).
    """
    if name in _READ_WHOLE:
        extra.setdefault("hint", "read-whole")
    return error(
        INPUT_LIMIT,
        file=file,
        line=line,
        column=column,
        path=path,
        limit=name,
        value=value,
        maximum=maximum,
        **extra,
    )
