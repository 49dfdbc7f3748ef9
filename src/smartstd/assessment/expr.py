"""The small expression language of indicator definitions, compiled to closures.

A *value* is a dotted path into the record (``"response.at"``), ``"$now"``
(the dataset's ``generated_at``), or one of::

    {"hours_between": [A, B]}      B - A in hours (A and B timestamps)
    {"minutes_between": [A, B]}    the same in minutes
    {"coalesce": [A, B, ...]}      the first value present
    {"first": {"items": "events", "value": "at", "where": COND}}
                                   the earliest ``value`` of the list's items that match
    {"const": X}                   X

A *condition* is one of::

    {"field": V, "present": true|false}
    {"field": V, "in": [...]} / {"field": V, "not_in": [...]}
    {"field": V, "eq"|"ge"|"gt"|"le"|"lt": NUMBER}
    {"compare": [A, "le"|"lt"|"ge"|"gt"|"eq", B]}   two values (timestamps compare as instants)
    {"within_days": {"field": V, "days": N}}          $now - V is at most N days
    {"all": [...]} / {"any": [...]} / {"not": COND}

Closures work on plain dictionaries (a record as parsed JSON) and never
raise on bad data: a value of the wrong type is *absent*, and a comparison
with an absent value is false.

指标定义的小型表达式语言：取值与条件被编译为闭包，作用于解析后的 JSON 记录，遇到坏数据不抛异常。
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "Cond",
    "Scope",
    "Value",
    "compile_cond",
    "compile_value",
    "instant",
    "number",
    "top_fields",
]


class Scope:
    """What expressions may know besides the record: the reference time."""

    __slots__ = ("now",)

    def __init__(self, now: float | None = None) -> None:
        self.now = now


#: A compiled value: (record, scope) -> value or None.
Value = Callable[[Mapping[str, Any], Scope], Any]
#: A compiled condition: (record, scope) -> bool.
Cond = Callable[[Mapping[str, Any], Scope], bool]

_fromiso = dt.datetime.fromisoformat
_MISSING = object()


#: Instants of timestamp texts already parsed (a record asks for the same ones again).
_INSTANTS: dict[str, float | None] = {}
#: The same for datetimes (a model's: several indicators read one field).
_MOMENTS: dict[dt.datetime, float | None] = {}


def instant(value: Any) -> float | None:
    """A timestamp (ISO 8601 text with an offset, or a datetime) as POSIX seconds, or None."""
    if isinstance(value, str):
        got = _INSTANTS.get(value, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[return-value]
        try:
            parsed = _fromiso(value)
        except ValueError:
            parsed = None
        result = parsed.timestamp() if parsed is not None and parsed.tzinfo is not None else None
        if len(_INSTANTS) > 4096:
            _INSTANTS.clear()
        _INSTANTS[value] = result
        return result
    if type(value) is dt.datetime:  # equal datetimes are one instant; their hash is kept
        got = _MOMENTS.get(value, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[return-value]
        result = value.timestamp() if value.tzinfo is not None else None
        if len(_MOMENTS) > 4096:
            _MOMENTS.clear()
        _MOMENTS[value] = result
        return result
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, float | int) and not isinstance(value, bool):
        return number(value)
    else:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.timestamp()


def number(value: Any) -> float | None:
    """``value`` as a number to measure or compare, else ``None``.

    A boolean is no number; neither is an integer too large for a float (a
    record that is not valid may hold one): it is left out as a value that
    is not a number is, rather than stopping the check.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:
            return None
    return None


#: Compiled paths by their text: indicators that read one field share one closure.
_PATHS: dict[str, Value] = {}


def top_fields(spec: Any, *, cond: bool = False) -> frozenset[str]:
    """The top-level fields of a record an expression reads (``cond``: a condition).

    A ``first``'s items are read whole (their own fields are not the record's).
    The expression is one that compiles (:func:`compile_value`, :func:`compile_cond`).
    """
    out: set[str] = set()
    _heads(spec, cond, out)
    return frozenset(out)


def _heads(spec: Any, cond: bool, out: set[str]) -> None:
    if not cond:
        if isinstance(spec, str):
            if spec != "$now":
                out.add(spec.split(".", 1)[0])
            return
        ((op, arg),) = spec.items()
        if op in ("hours_between", "minutes_between", "coalesce"):
            for x in arg:
                _heads(x, False, out)
        elif op == "first":
            _heads(arg["items"], False, out)
        return
    for op in ("all", "any"):
        if op in spec:
            for x in spec[op]:
                _heads(x, True, out)
            return
    if "not" in spec:
        _heads(spec["not"], True, out)
    elif "compare" in spec:
        _heads(spec["compare"][0], False, out)
        _heads(spec["compare"][2], False, out)
    elif "within_days" in spec:
        _heads(spec["within_days"]["field"], False, out)
    else:
        _heads(spec["field"], False, out)


def _path(text: str) -> Value:
    got = _PATHS.get(text)
    if got is None:
        got = _PATHS[text] = _compile_path(text)
    return got


def _compile_path(text: str) -> Value:
    if text == "$now":
        return lambda r, s: s.now
    parts = tuple(text.split("."))
    if len(parts) == 1:
        key = parts[0]

        def one(r: Mapping[str, Any], s: Scope) -> Any:
            return r.get(key)

        return one

    def many(r: Mapping[str, Any], s: Scope) -> Any:
        cur: Any = r
        for p in parts:
            if not isinstance(cur, Mapping):
                return None
            cur = cur.get(p)
        return cur

    return many


def _between(a: Value, b: Value, scale: float) -> Value:
    def fn(r: Mapping[str, Any], s: Scope) -> Any:
        x = instant(a(r, s))
        if x is None:
            return None
        y = instant(b(r, s))
        if y is None:
            return None
        return (y - x) / scale

    return fn


def compile_value(spec: Any) -> Value:
    """Compile a value expression (see the module's docstring)."""
    if isinstance(spec, str):
        return _path(spec)
    if isinstance(spec, Mapping) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op in ("hours_between", "minutes_between"):
            a, b = (compile_value(x) for x in arg)
            return _between(a, b, 3600.0 if op == "hours_between" else 60.0)
        if op == "coalesce":
            parts = [compile_value(x) for x in arg]

            def coalesce(r: Mapping[str, Any], s: Scope) -> Any:
                for p in parts:
                    v = p(r, s)
                    if v is not None:
                        return v
                return None

            return coalesce
        if op == "const":
            return lambda r, s: arg
        if op == "first":
            key = json.dumps(arg, sort_keys=True)
            shared = _FIRSTS.get(key)
            if shared is None:
                shared = _FIRSTS[key] = _first(arg)
            return shared
    raise ValueError(f"not a value expression: {spec!r}")


#: ``first`` expressions by their text: indicators that share one share its memo.
_FIRSTS: dict[str, Value] = {}


def _first(arg: Mapping[str, Any]) -> Value:
    """The earliest ``value`` of a list's matching items, remembered for the last record.

    Several indicators ask the same record the same question (when was it first
    taken up?); the answer for the record last asked is kept (with the record
    itself, so its identity cannot be reused by another).
    """
    items = _path(arg["items"])
    value = compile_value(arg["value"])
    where = compile_cond(arg["where"]) if "where" in arg else None

    last: list[Any] = [None, None]

    def first(r: Mapping[str, Any], s: Scope) -> Any:
        if last[0] is r:
            return last[1]
        seq = items(r, s)
        if not isinstance(seq, list):
            return None
        best: Any = None
        best_t: float | None = None
        for item in seq:
            if not isinstance(item, Mapping) or (where is not None and not where(item, s)):
                continue
            v = value(item, s)
            t = instant(v)
            if t is not None and (best_t is None or t < best_t):
                best, best_t = v, t
        last[0], last[1] = r, best
        return best

    return first


def _cmp(op: str) -> Callable[[float, float], bool]:
    return {
        "eq": lambda a, b: a == b,
        "ge": lambda a, b: a >= b,
        "gt": lambda a, b: a > b,
        "le": lambda a, b: a <= b,
        "lt": lambda a, b: a < b,
    }[op]


def _comparable(v: Any) -> float | None:
    n = number(v)
    return n if n is not None else instant(v)


def _numeric(value: Value, f: Callable[[float, float], bool], bound: float) -> Cond:
    def numeric(r: Mapping[str, Any], s: Scope) -> bool:
        v = number(value(r, s))
        return v is not None and f(v, bound)

    return numeric


def compile_cond(spec: Any) -> Cond:
    """Compile a condition (see the module's docstring)."""
    if not isinstance(spec, Mapping):
        raise ValueError(f"not a condition: {spec!r}")
    if "all" in spec:
        parts = [compile_cond(x) for x in spec["all"]]
        return lambda r, s: all(p(r, s) for p in parts)
    if "any" in spec:
        parts = [compile_cond(x) for x in spec["any"]]
        return lambda r, s: any(p(r, s) for p in parts)
    if "not" in spec:
        inner = compile_cond(spec["not"])
        return lambda r, s: not inner(r, s)
    if "compare" in spec:
        a_spec, op, b_spec = spec["compare"]
        a, b, f = compile_value(a_spec), compile_value(b_spec), _cmp(op)

        def compare(r: Mapping[str, Any], s: Scope) -> bool:
            x = _comparable(a(r, s))
            y = _comparable(b(r, s))
            return x is not None and y is not None and f(x, y)

        return compare
    if "within_days" in spec:
        field = compile_value(spec["within_days"]["field"])
        seconds = float(spec["within_days"]["days"]) * 86400.0

        def within(r: Mapping[str, Any], s: Scope) -> bool:
            t = instant(field(r, s))
            return t is not None and s.now is not None and s.now - t <= seconds

        return within
    value = compile_value(spec["field"])
    if "present" in spec:
        want = bool(spec["present"])
        return lambda r, s: (value(r, s) is not None) == want
    if "in" in spec or "not_in" in spec:
        negate = "not_in" in spec
        allowed = frozenset(
            x for x in (spec["not_in"] if negate else spec["in"]) if not isinstance(x, list | dict)
        )

        def member(r: Mapping[str, Any], s: Scope) -> bool:
            v = value(r, s)
            if v is None or isinstance(v, list | dict):
                return False
            return (v in allowed) != negate

        return member
    for op in ("eq", "ge", "gt", "le", "lt"):
        if op in spec:
            bound = float(spec[op])
            f = _cmp(op)

            return _numeric(value, f, bound)
    raise ValueError(f"not a condition: {spec!r}")
