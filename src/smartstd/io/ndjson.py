"""Reading NDJSON (JSON Lines) line by line, in bounded memory.

:func:`iter_ndjson` never reads more than one line (at most
:attr:`Limits.max_line_bytes`) into memory. A longer line is skipped in
chunks and reported as SC109; the lines after it are still read. Line ends
may be LF or CRLF, and line 1 may start with a UTF-8 byte-order mark.

Each line is decoded on its own (an encoding error is SC101 with the line and
the column of the first bad byte) and parsed with
:func:`smartstd.io.parse_json` (findings carry the file's line numbers). A
blank line is SC100 with reason ``blank-line``, except the very last line of
the file: a file may end with a line end, and with one empty line after it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from smartstd.io._findings import PARSE_ERROR, error, limit
from smartstd.io.encoding import decode_bytes
from smartstd.io.jsonreader import parse_json
from smartstd.io.limits import Limits
from smartstd.report import Finding

__all__ = ["NdjsonLine", "iter_ndjson", "read_line", "skip_rest"]

# How much of an over-long line is read at a time while skipping it.
_SKIP_CHUNK = 1 << 20
_BLANK = " \t\r"


@dataclass(frozen=True, slots=True)
class NdjsonLine:
    """One physical line of an NDJSON file.

    Attributes:
        lineno: the 1-based line number.
        text: the decoded line without its line end (empty when the line
            could not be decoded or was too long to keep).
        value: the parsed value, or ``None`` when the line failed (a line
            ``null`` also has the value ``None``, but no findings).
        findings: what was wrong with the line (severity error).
    """

    lineno: int
    text: str
    value: Any
    findings: tuple[Finding, ...]


def _blank(lineno: int, text: str, file: str | None) -> NdjsonLine:
    finding = error(
        PARSE_ERROR,
        file=file,
        line=lineno,
        column=1,
        reason="blank-line",
        detail="an NDJSON line must hold one JSON value",
    )
    return NdjsonLine(lineno, text, None, (finding,))


def iter_ndjson(
    stream: BinaryIO,
    *,
    file: str | None,
    limits: Limits,
    parse: bool = True,
    first_line: int = 1,
    final: bool = True,
    offset: int = 0,
) -> Iterator[NdjsonLine]:
    """Read an NDJSON stream one line at a time.

    Args:
        stream: a binary stream (an open file, ``sys.stdin.buffer``, ...).
        file: the file name for the findings.
        limits: the limits to enforce (``max_line_bytes``, ``max_ndjson_bytes``,
            ``max_depth``).
        parse: ``False`` leaves lines 2 and later unparsed (``value`` is
            ``None`` with no findings; the caller parses ``text``, e.g. with
            a faster path). Line 1 is always parsed.
        first_line: the line number, in its file, of the stream's first line
            (a stream may start inside a file). Only line 1 of a file may
            start with a byte-order mark or reveal UTF-16 or UTF-32.
        final: whether the stream ends where the file ends; only then is a
            blank last line of the stream allowed.
        offset: the bytes of the file before the stream's start (a stream
            may start inside a file), counted towards ``max_ndjson_bytes``.

    Yields:
        Every line, in order, with its value and its findings; except the
        last line of the file when it is blank. After an SC109
        ``max_ndjson_bytes`` finding, or a file that is UTF-16 or UTF-32,
        nothing more is read.
    """
    max_line = limits.max_line_bytes
    max_file = limits.max_ndjson_bytes if limits.max_ndjson_bytes is not None else sys.maxsize
    readline = stream.readline
    lineno = first_line - 1
    total = offset
    held: NdjsonLine | None = None  # a blank line, unless it turns out to be the last
    while True:
        raw, size, last_cr = read_line(readline, max_line + 2)
        if not size:
            if held is not None and not final:
                yield held  # a blank line inside the file, not its last
            return
        lineno += 1
        total += size
        too_long: int | None = None
        if raw is None:
            too_long, skipped = skip_rest(readline, size, last_cr, max_file - total)
            total += skipped
            content = b""
        elif raw.endswith(b"\n"):
            content = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
            if len(content) > max_line:
                too_long = len(content)
        else:  # the last line, without a line end
            content = raw[:-1] if raw.endswith(b"\r") else raw
            if len(content) > max_line:
                too_long = len(content)
        if total > max_file:
            if held is not None:
                yield held
            finding = limit("max_ndjson_bytes", total, max_file, file=file, line=lineno, column=1)
            yield NdjsonLine(lineno, "", None, (finding,))
            return
        if too_long is not None:
            if held is not None:
                yield held
                held = None
            finding = limit("max_line_bytes", too_long, max_line, file=file, line=lineno, column=1)
            yield NdjsonLine(lineno, "", None, (finding,))
            continue
        if lineno == 1:
            text, findings = decode_bytes(content, file=file, first_line=1, check_bom=True)
        else:
            try:
                text, findings = content.decode("utf-8"), []
            except UnicodeDecodeError:
                text, findings = decode_bytes(
                    content, file=file, first_line=lineno, check_bom=False
                )
        if text is None:
            if held is not None:
                yield held
                held = None
            yield NdjsonLine(lineno, "", None, tuple(findings))
            if lineno == 1 and findings[0].params.get("reason") != "invalid-utf8":
                return  # UTF-16 or UTF-32: no line of it will be any better
            continue
        if not text or (text[0] in _BLANK and not text.strip(_BLANK)):
            if held is not None:
                yield held
            held = _blank(lineno, text, file)
            continue
        if held is not None:
            yield held
            held = None
        if not parse and lineno > 1:
            yield NdjsonLine(lineno, text, None, ())
            continue
        value, found = parse_json(text, file=file, limits=limits, line_offset=lineno - 1)
        yield NdjsonLine(lineno, text, value, tuple(found))


def read_line(readline: Callable[[int], bytes], limit: int) -> tuple[bytes | None, int, bool]:
    """Read one line of at most ``limit`` bytes, a MiB at a time.

    A buffered ``readline(limit)`` of a long line gathers its pieces and
    joins them, holding it twice; here pieces are joined only for a line
    that fits, and a longer one is dropped as soon as it is known to be too
    long: it never costs more than ``limit`` bytes.

    Returns:
        The line (its line end included), or ``None`` when it is longer than
        ``limit`` (the rest is not read: skip it with :func:`skip_rest`);
        the number of bytes read; whether the last of them is a carriage return.
    """
    ask = min(limit, _SKIP_CHUNK)
    first = readline(ask)
    if len(first) < ask or first.endswith(b"\n"):  # the whole line, or the end of the stream
        return first, len(first), first.endswith(b"\r")
    pieces = [first]
    size = len(first)
    while size < limit:
        piece = readline(min(limit - size, _SKIP_CHUNK))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
        if piece.endswith(b"\n"):
            break
    last_cr = pieces[-1].endswith(b"\r")
    if size >= limit and not pieces[-1].endswith(b"\n"):
        pieces.clear()
        return None, size, last_cr
    return b"".join(pieces), size, last_cr


def skip_rest(
    readline: Callable[[int], bytes], read: int = 0, last_cr: bool = False, budget: int = -1
) -> tuple[int, int]:
    """Skip the rest of an over-long line in chunks of at most 1 MiB.

    Args:
        readline: the stream's ``readline``.
        read: how many bytes of the line were read already.
        last_cr: whether the last of them is a carriage return.
        budget: how many more bytes the file may have; skipping stops beyond
            (negative: no bound, to the line end or the end of the stream).

    Returns:
        The line's length in bytes without its line end (as far as it was
        read), and the number of bytes skipped.
    """
    length = read
    skipped = 0
    while budget < 0 or skipped <= budget:
        chunk = readline(_SKIP_CHUNK)
        if not chunk:
            break
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            length += len(chunk) - 1
            if chunk.endswith(b"\r\n") or (len(chunk) == 1 and last_cr):
                length -= 1
            break
        length += len(chunk)
        last_cr = chunk.endswith(b"\r")
    return length, skipped
