"""Parsing JSON text: the standard library's C parser, watched closely.

:func:`parse_json` parses with :mod:`json` and turns everything that is wrong
with the input into findings:

- a syntax error is SC100 with the parser's line and column and a short
  ``reason`` (``empty``, ``comments``, ``truncated``, ``trailing-comma``,
  ``single-quotes``, ``extra-data``, ``cr-line-ends``, ``control-character``, ``big-number``,
  ``syntax``), and the document has no value;
- a key named twice in one object is SC102 (the last value wins, as in every
  JSON parser, and the finding says which value was lost);
- ``NaN``, ``Infinity`` and ``-Infinity`` (which Python accepts and JSON
  forbids) are SC100 with reason ``nan``; the value is kept as a float;
- nesting deeper than :attr:`Limits.max_depth` is SC109, and the document
  has no value.

The hooks that watch for duplicate keys and constants are cheap; the work of
finding out where a duplicate or a constant is happens only when one was
seen. Positions of everything else are found on demand with
:func:`smartstd.io.locate`.
"""

from __future__ import annotations

import json
import math
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from smartstd.io._findings import DUPLICATE_KEY, PARSE_ERROR, error, limit
from smartstd.io.limits import Limits
from smartstd.io.positions import line_columns, scan_details
from smartstd.report import LEFT_OUT, Finding, Path, Severity

__all__ = ["parse_json"]

# Always matches (possibly nothing), so the match is never None.
_ws: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\n\r]*").match  # type: ignore[assignment]
_WS_CHARS = frozenset(" \t\n\r\ufeff")
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
# Strings and runs of anything but brackets: removed to leave only brackets.
_NOT_BRACKETS = re.compile(_STRING + r'|[^\[\]{}"]+', re.S)
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1, '"': 0}
_TOKEN = re.compile(_STRING + r"|[\[\]{},:]", re.S)

Pairs = list[tuple[str, Any]]


class _Constant:
    """What the parser returns for NaN and the infinities, until it is found."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token


class _Parser(threading.local):
    """A scanner with its hooks and what they saw, one per thread."""

    def __init__(self) -> None:
        duplicates: list[tuple[dict[str, Any], Pairs]] = []
        constants: list[_Constant] = []

        def pairs_hook(
            pairs: Pairs,
            _dict: Callable[[Pairs], dict[str, Any]] = dict,
            _append: Callable[[tuple[dict[str, Any], Pairs]], None] = duplicates.append,
        ) -> dict[str, Any]:
            obj = _dict(pairs)
            if len(obj) != len(pairs):
                _append((obj, pairs))
            return obj

        def constant_hook(token: str) -> _Constant:
            marker = _Constant(token)
            constants.append(marker)
            return marker

        self.duplicates = duplicates
        self.constants = constants
        decoder = json.JSONDecoder(object_pairs_hook=pairs_hook, parse_constant=constant_hook)
        # The C scanner (untyped in typeshed): a value and where it ends.
        self.scan_once: Callable[[str, int], tuple[Any, int]] = decoder.scan_once  # type: ignore[attr-defined]
        # Everything at once: one attribute lookup on the thread-local.
        self.parts = (self.scan_once, duplicates, constants)


_PARSER = _Parser()


def parse_json(
    text: str, *, file: str | None, limits: Limits, line_offset: int = 0
) -> tuple[Any, list[Finding]]:
    """Parse one JSON document (or one NDJSON line) into plain Python values.

    Args:
        text: the JSON text (decoded).
        file: the file name for the findings.
        limits: the limits to enforce (``max_depth``).
        line_offset: added to every line number (for a line of a bigger file).

    Returns:
        The value (``None`` when the text could not be parsed) and the
        findings (severity error).
    """
    parser = _PARSER
    scan_once, duplicates, constants = parser.parts
    try:
        start = 0
        if text and text[0] in _WS_CHARS:
            start = 1 if text[0] == "\ufeff" else 0  # a stray BOM is not an error
            start = _ws(text, start).end()
        try:
            value, end = scan_once(text, start)
        except StopIteration as exc:
            raise json.JSONDecodeError("Expecting value", text, exc.value) from None
        if end != len(text):
            end = _ws(text, end).end()
            if end != len(text):
                raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as exc:
        _reset(parser)
        return None, [_syntax_error(text, exc, file, line_offset)]
    except RecursionError:
        _reset(parser)
        return None, [_too_deep(text, None, file, limits, line_offset)]
    except ValueError as exc:  # an integer with too many digits for int()
        _reset(parser)
        return None, [_big_number(text, exc, file, line_offset)]
    if text.count("{") + text.count("[") > limits.max_depth and _deeper(value, limits.max_depth):
        depth = _max_depth(text)
        if depth > limits.max_depth:
            _reset(parser)
            return None, [_too_deep(text, depth, file, limits, line_offset)]
    if not (duplicates or constants):
        if not _may_overflow(text):
            return value, []
        return value, _overflows(text, value, [], file, line_offset)
    try:
        value, found = _anomalies(
            text,
            value,
            duplicates,
            constants,
            file,
            line_offset,
            limits.max_findings_per_rule_per_record,
        )
    finally:
        _reset(parser)
    if _may_overflow(text):
        found += _overflows(text, value, [f.path for f in found], file, line_offset)
    return value, found


def _overflows(
    text: str, value: Any, known: list[Path], file: str | None, line_offset: int
) -> list[Finding]:
    """SC100 ``big-number`` for each number too large for a 64-bit float (``1e999``).

    Python reads such a number as an infinity, which the models refuse and
    which would otherwise pass as NaN's (whose token the parser reports).
    ``known`` are paths already reported (NaN and the infinities written as such).
    """
    skip = set(known)
    paths: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack:
        path, node = stack.pop()
        kind = type(node)
        if kind is float:
            if math.isinf(node) and path not in skip:
                paths.append(path)
        elif kind is dict:
            stack.extend(((*path, k), v) for k, v in node.items())
        elif kind is list:
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    if not paths:
        return []
    paths.sort(key=lambda p: [str(step) for step in p])
    values, _keys = scan_details(text, paths, [])
    params = {"reason": "big-number", "detail": TOO_LARGE}
    return [_value_error(values, path, params, file, line_offset) for path in paths]


def _value_error(
    values: dict[Path, tuple[int, int]],
    path: Path,
    params: dict[str, Any],
    file: str | None,
    line_offset: int,
) -> Finding:
    """SC100 about the value at ``path``, placed where :func:`scan_details` found it."""
    line, column = values.get(path, (None, None))
    return error(
        PARSE_ERROR,
        file=file,
        line=None if line is None else line + line_offset,
        column=column,
        path=path,
        **params,
    )


#: What an SC100 ``big-number`` finding says of a number too large for a float.
TOO_LARGE = "the number is too large for a 64-bit floating-point value (it would be infinity)"


def max_int_digits() -> int:
    """How many decimal digits an integer may have (Python's int-from-text limit, 4300)."""
    return int(getattr(sys, "get_int_max_str_digits", lambda: 4300)()) or 4300


def too_many_digits(digits: int | None = None) -> str:
    """What an SC100 ``big-number`` finding says of an integer with too many digits.

    It says what to do instead of Python's own advice (``sys.set_int_max_str_digits``),
    which is no help to whoever wrote the data.
    """
    most = max_int_digits()
    count = f"{digits} digits" if digits is not None else "too many digits"
    return (
        f"the integer has {count}, more than the {most} a number may have here;"
        " write an identifier or a code as a string (in quotes), and a quantity in"
        " a unit that keeps it small"
    )


# A number that may be too large for a float: a digit, then an exponent of three
# digits, or 309 digits in a row.
_EXPONENT = re.compile(r"[eE]\+?0*[1-9][0-9]{2,}")
#: Every ASCII digit to "0", every other byte to "." (UTF-8 holds no ASCII
#: byte inside a multi-byte character).
_DIGITS_ONLY = bytes(48 if 48 <= b <= 57 else 46 for b in range(256))
_309_ZEROS = b"0" * 309
#: How much text is screened for runs of digits at a time.
_SCREEN_CHARS = 1 << 20
#: What may stand right before a JSON number token, and right after it.
_BEFORE_NUMBER = frozenset(":[, \t\r\n")
_AFTER_NUMBER = frozenset(",]} \t\r\n")
_MANTISSA = frozenset("0123456789.-")


def _may_overflow(text: str) -> bool:
    """Whether the JSON ``text`` may hold a number too large for a float (a cheap, sound screen).

    True whenever a number token of ``text`` has 309 digits in a row or an
    exponent of three digits or more. The runs of digits are found in one
    pass of C code over the bytes (a pattern tried at every digit took a
    second on 20 MB); an exponent is a candidate only where it can end a
    number token, a mantissa of digits standing between a delimiter and it and
    a delimiter after it, so that the hexadecimal digests and identifiers
    of a large dataset (``"8ea4...e28339d3..."``) do not send the whole
    parsed value through :func:`_overflows`.
    """
    for start in range(0, len(text), _SCREEN_CHARS):  # a bounded copy at a time
        # each piece runs on 308 characters, so a run that starts in it ends in it
        piece = text[start : start + _SCREEN_CHARS + 308]
        if _309_ZEROS in piece.encode("utf-8", "surrogatepass").translate(_DIGITS_ONLY):
            return True
    size = len(text)
    for m in _EXPONENT.finditer(text):
        start, end = m.span()
        if not start or not "0" <= text[start - 1] <= "9":
            continue
        if end < size and text[end] not in _AFTER_NUMBER:
            continue  # a digit, a letter or a quote follows: inside a string or a name
        i = start - 1
        while i >= 0 and text[i] in _MANTISSA:  # the regions walked do not overlap
            i -= 1
        if i < 0 or text[i] in _BEFORE_NUMBER:
            return True
    return False


def _reset(parser: _Parser) -> None:
    """Forget what the hooks saw (and the objects they kept alive)."""
    parser.duplicates.clear()
    parser.constants.clear()


def _syntax_error(
    text: str, exc: json.JSONDecodeError, file: str | None, line_offset: int
) -> Finding:
    reason = _reason(text, exc)
    params: dict[str, Any] = {"reason": reason, "detail": exc.msg}
    if reason == "extra-data":
        params["looks_like_ndjson"] = _looks_like_ndjson(text, exc.pos)
    elif reason == "cr-line-ends":
        params["hint"] = "cr-line-ends"  # what to do, in either language (smartstd.advice)
    return error(
        PARSE_ERROR,
        file=file,
        line=exc.lineno + line_offset,
        column=exc.colno,
        **params,
    )


def _reason(text: str, exc: json.JSONDecodeError) -> str:
    """A short key for what is wrong, so the message can say something useful."""
    pos = exc.pos
    if not text.strip(" \t\n\r\ufeff"):
        return "empty"
    here = text[pos : pos + 2]
    if here.startswith(("//", "/*", "#")):
        return "comments"
    if exc.msg == "Extra data":
        between = text[: exc.pos][-64:]
        # CR-only line ends (classic Mac): a value, then a CR and no LF before the next one
        if "\r" in between[len(between.rstrip(" \t\r")) :] and "\n" not in text[: exc.pos]:
            return "cr-line-ends"
        return "extra-data"
    if exc.msg.startswith("Unterminated string") or pos >= len(text.rstrip()):
        return "truncated"
    if exc.msg.startswith("Invalid control character"):
        return "control-character"
    if here[:1] == "'":
        return "single-quotes"
    before = text[:pos].rstrip()
    if before.endswith(",") and here[:1] in ("}", "]"):
        return "trailing-comma"
    return "syntax"


def _looks_like_ndjson(text: str, pos: int) -> bool:
    """Whether the extra data starts a new line after a complete first value."""
    return "\n" in text[:pos] and text[pos : pos + 1] in ("{", "[")


def _big_number(text: str, exc: ValueError, file: str | None, line_offset: int) -> Finding:
    digits = max_int_digits()
    match = re.search(f"-?[0-9]{{{digits + 1},}}", text)
    line = column = None
    if match is not None:
        line, column = line_columns(text, [match.start()])[match.start()]
        line += line_offset
    count = len(match.group().lstrip("-")) if match is not None else None
    return error(
        PARSE_ERROR,
        file=file,
        line=line,
        column=column,
        reason="big-number",
        detail=too_many_digits(count) if match is not None else str(exc),
    )


def _deeper(value: Any, maximum: int) -> bool:
    """Whether arrays and objects nest deeper than ``maximum`` in ``value``.

    Walking the parsed value is three times faster than looking at the text.
    """
    if not isinstance(value, (dict, list)):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    pop = stack.pop
    push = stack.append
    while stack:
        node, depth = pop()
        for child in node.values() if type(node) is dict else node:
            kind = type(child)
            if kind is dict or kind is list:
                if depth >= maximum:
                    return True
                push((child, depth + 1))
    return False


def _max_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (iteratively)."""
    brackets = _NOT_BRACKETS.sub("", text)
    if not brackets:
        return 0
    return max(0, max(accumulate(map(_DEPTH_STEP.__getitem__, brackets))))


def _deep_point(text: str, depth: int) -> tuple[int, Path]:
    """The offset and path of the first container nested ``depth`` deep."""
    # Each frame: is it an object, the index of the current item, its key.
    frames: list[list[Any]] = []
    last_string: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("{", "["):
            frames.append([token == "{", 0, None])
            if len(frames) >= depth:
                steps = [f[2] if f[0] else f[1] for f in frames[:-1]]
                if None in steps:  # not JSON here: a container without a key
                    steps = steps[: steps.index(None)]
                return match.start(), tuple(steps)
        elif token in ("}", "]"):
            if frames:
                frames.pop()
        elif token == ",":
            if frames and not frames[-1][0]:
                frames[-1][1] += 1
        elif token == ":":
            if frames and last_string is not None:
                frames[-1][2] = last_string
        else:
            try:
                last_string = json.loads(token)
            except ValueError:
                last_string = token[1:-1]
            continue
        last_string = None
    return 0, ()


def _too_deep(
    text: str, depth: int | None, file: str | None, limits: Limits, line_offset: int
) -> Finding:
    if depth is None:
        depth = _max_depth(text)
    at = limits.max_depth + 1 if depth > limits.max_depth else max(depth, 1)
    offset, path = _deep_point(text, at)
    line, column = line_columns(text, [offset])[offset]
    extra: dict[str, Any] = {}
    if depth <= limits.max_depth:
        extra["detail"] = "nested too deeply for the parser"
    return limit(
        "max_depth",
        depth,
        limits.max_depth,
        file=file,
        line=line + line_offset,
        column=column,
        path=path,
        **extra,
    )


def _walk(
    value: Any, duplicate_ids: set[int], constants: int
) -> tuple[Any, list[tuple[Path, str]], list[tuple[Path, int]]]:
    """Replace constant markers by floats; find them and the duplicate objects.

    Args:
        value: the parsed value.
        duplicate_ids: the ids of the objects that had a duplicate key.
        constants: how many constants the parser met.

    Returns:
        The value (a new one if the root was a marker), the paths of the
        constants with their tokens, and the paths and ids of the objects
        with a duplicate key.
    """
    found_constants: list[tuple[Path, str]] = []
    objects: list[tuple[Path, int]] = []
    if isinstance(value, _Constant):
        return float(value.token), [((), value.token)], []
    wanted = len(duplicate_ids) + constants
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack and len(objects) + len(found_constants) < wanted:
        path, node = stack.pop()
        items: Any
        if type(node) is dict:
            if id(node) in duplicate_ids:
                objects.append((path, id(node)))
            items = node.items()
        elif type(node) is list:
            items = enumerate(node)
        else:
            continue
        for step, child in items:  # replacing values keeps the dict's size
            kind = type(child)
            if kind is dict or kind is list:
                stack.append(((*path, step), child))
            elif kind is _Constant:
                node[step] = float(child.token)
                found_constants.append(((*path, step), child.token))
    return value, found_constants, objects


def _anomalies(
    text: str,
    value: Any,
    duplicates: list[tuple[dict[str, Any], Pairs]],
    constants: list[_Constant],
    file: str | None,
    line_offset: int,
    max_duplicates: int,
) -> tuple[Any, list[Finding]]:
    """Findings for the duplicate keys and constants the hooks saw.

    At most ``max_duplicates`` SC102 findings are made; an SC903 notice
    counts the others exactly (a million repeated keys cost a count, not a
    million findings).
    """
    repeated: dict[int, dict[str, int]] = {}
    for obj, pairs in duplicates:
        seen = Counter(key for key, _ in pairs)
        repeated[id(obj)] = {key: n for key, n in seen.items() if n > 1}
    value, constant_paths, objects = _walk(value, set(repeated), len(constants))
    values, keys = scan_details(
        text,
        [p for p, _ in constant_paths],
        [p for p, _ in objects],
        max_keys=2 * max_duplicates + 2,
    )
    findings: list[Finding] = [
        _value_error(
            values,
            path,
            {"reason": "nan", "detail": f"{token} is not a JSON value", "token": token},
            file,
            line_offset,
        )
        for path, token in constant_paths
    ]
    made = omitted = 0
    for path, ident in objects:
        where = keys.get(path, {})
        for key, times in repeated[ident].items():
            if made >= max_duplicates:
                omitted += times - 1
                continue
            occurrences = where.get(key, [])
            first = occurrences[0] if occurrences else (None, None)
            shown = min(times - 1, max_duplicates - made)
            omitted += times - 1 - shown
            later: list[tuple[int | None, int | None]] = [
                occurrences[i] if i < len(occurrences) else (None, None)
                for i in range(1, shown + 1)
            ]
            made += shown
            for line, column in later:
                findings.append(
                    error(
                        DUPLICATE_KEY,
                        file=file,
                        line=None if line is None else line + line_offset,
                        column=column,
                        path=path,
                        key=key,
                        first_line=None if first[0] is None else first[0] + line_offset,
                        first_column=first[1],
                    )
                )
    if omitted:
        findings.append(_left_out_keys(omitted, max_duplicates, file, line_offset, findings))
    return value, findings


def _left_out_keys(
    omitted: int, limit: int, file: str | None, line_offset: int, findings: list[Finding]
) -> Finding:
    """The SC903 notice for the repeated keys over the limit, at the last one listed."""
    last = next((f for f in reversed(findings) if f.code == DUPLICATE_KEY), None)
    return Finding(
        LEFT_OUT,
        Severity.INFO,
        path=last.path if last is not None else (),
        file=file,
        line=last.line if last is not None else line_offset + 1,
        column=last.column if last is not None else None,
        params={
            "code": DUPLICATE_KEY,
            "severity": "error",
            "omitted": omitted,
            "scope": "rule-record",
            "limit": limit,
            "scope_zh": "每条记录每条规则",
            "scope_en": "per rule per record",
        },
    )
