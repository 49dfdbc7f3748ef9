"""Per-entity-type plans: the indicator definitions compiled to one function per type.

The collector reduces each record to rows (:mod:`smartstd.assessment.collector`).
Interpreting every indicator's expressions for every record (a closure call per
path, condition and slot) costs more than the reduction itself, so each entity
type's work is compiled once, when the first record of the type arrives, into
one Python function: the slots of every indicator that reads the type unrolled
in their order, their conditions and values inlined as Python expressions,
each time field read and each row looked up at most once per record. A type no
indicator reads has no plan (one dict lookup per record).

A plan does exactly what the interpreter (:mod:`smartstd.assessment.expr`)
does, in the same order: the same rows are made in the same order, the same
numbers added, and the same exceptions raised on bad data
(``tests/assessment/test_plan.py`` holds the two equal on many records, odd
ones included). No text of a definition is ever pasted into the generated
source: field names are written with :func:`repr` (a string literal) and every
other constant is passed in by name.

按实体类型编译的计划：指标定义在首条记录到达时编译为每类一个函数（条件与取值内联、
每条记录每个时间字段只读一次），结果与解释器逐条一致。
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import CodeType
from typing import Any

from smartstd.assessment.definition import Indicator
from smartstd.assessment.expr import instant

__all__ = ["Plan", "Slot", "build_plan", "day_of"]


@dataclass
class Slot:
    """Where an indicator's numbers sit in a row of its entity type."""

    ind: Indicator
    offset: int
    width: int
    term: int = -1  # per_100: which term (-2: the denominator)


def day_of(value: Any) -> str | None:
    """The day (``YYYY-MM-DD``) a time value falls on, as written in it; ``None`` if none."""
    if isinstance(value, str):
        if (
            len(value) >= 10
            and value[4] == "-"
            and value[7] == "-"
            and "01" <= value[5:7] <= "12"
            and "01" <= value[8:10] <= "31"
        ):
            return value[:10]
        return None
    iso = getattr(value, "isoformat", None)
    return str(iso())[:10] if iso is not None else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _comparable(v: Any) -> float | None:
    n = _number(v)
    return n if n is not None else instant(v)


def _eq(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and x == y


def _ge(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and x >= y


def _gt(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and x > y


def _le(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and x <= y


def _lt(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and x < y


_UNSET = object()

#: What every generated function may use besides its own constants.
_GLOBALS: dict[str, Any] = {
    "_M": Mapping,
    "_LD": (list, dict),
    "_UNSET": _UNSET,
    "_instant": instant,
    "_number": _number,
    "_comparable": _comparable,
    "_day": day_of,
    "_eq": _eq,
    "_ge": _ge,
    "_gt": _gt,
    "_le": _le,
    "_lt": _lt,
}

#: Compiled plans by their source (each collector binds its own state to them).
_CODE: dict[str, CodeType] = {}

_NUMERIC_OPS = {"eq": "==", "ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


@dataclass(frozen=True)
class Plan:
    """A compiled plan: the function (one record in, nothing out) and its source."""

    run: Callable[[Mapping[str, Any]], None]
    source: str


class _Writer:
    """Python source for one plan: expressions for values and conditions, statements for slots."""

    def __init__(self, now: float | None) -> None:
        self.now = now
        self.consts: dict[str, Any] = {}
        self.helpers: list[str] = []
        self.firsts: dict[str, str] = {}  # a first's spec -> its helper's name
        self.memo: dict[str, str] = {}  # a first's helper (or an operation) -> its local memo
        self.values: dict[str, str] = {}  # an operation's spec -> its local memo
        self.exprs: dict[str, str] = {}  # an operation's local memo -> its expression
        self.n = 0

    def tmp(self, stem: str = "_t") -> str:
        self.n += 1
        return f"{stem}{self.n}"

    def const(self, value: Any) -> str:
        name = f"_c{len(self.consts)}"
        self.consts[name] = value
        return name

    # ------------------------------------------------------------- values

    def path(self, text: str, rec: str) -> str:
        if text == "$now":
            return self.const(self.now)
        parts = text.split(".")
        expr = f"{rec}.get({parts[0]!r})"
        for p in parts[1:]:
            t = self.tmp()
            expr = (
                f"({t}.get({p!r}) if (type({t} := {expr}) is dict or isinstance({t}, _M)) "
                "else None)"
            )
        return expr

    def value(self, spec: Any, rec: str) -> str:
        if isinstance(spec, str):
            return self.path(spec, rec)
        if rec == "r" and isinstance(spec, Mapping) and "const" not in spec and "first" not in spec:
            # an operation on the record: worked out once per record (every value is a
            # pure function of the record and the time)
            key = json.dumps(spec, sort_keys=True)
            memo = self.values.get(key)
            if memo is None:
                memo = self.values[key] = self.tmp("_m")
                self.memo[memo] = memo
                self.exprs[memo] = self._value(spec, rec)
            return f"({memo} if {memo} is not _UNSET else ({memo} := {self.exprs[memo]}))"
        return self._value(spec, rec)

    def _value(self, spec: Any, rec: str) -> str:
        if isinstance(spec, Mapping) and len(spec) == 1:
            ((op, arg),) = spec.items()
            if op in ("hours_between", "minutes_between"):
                a, b = (self.value(x, rec) for x in arg)
                scale = 3600.0 if op == "hours_between" else 60.0
                x, y = self.tmp("_x"), self.tmp("_y")
                return (
                    f"(None if ({x} := _instant({a})) is None else "
                    f"(None if ({y} := _instant({b})) is None else ({y} - {x}) / {scale!r}))"
                )
            if op == "coalesce":
                out = "None"
                for part in reversed([self.value(x, rec) for x in arg]):
                    v = self.tmp("_v")
                    out = f"({v} if ({v} := {part}) is not None else {out})"
                return out
            if op == "const":
                return self.const(arg)
            if op == "first":
                fn = self.first(arg)
                if rec != "r":
                    return f"{fn}({rec})"
                memo = self.memo.get(fn)
                if memo is None:
                    memo = self.memo[fn] = self.tmp("_f")
                return f"({memo} if {memo} is not _UNSET else ({memo} := {fn}(r)))"
        raise ValueError(f"not a value expression: {spec!r}")

    def first(self, arg: Mapping[str, Any]) -> str:
        key = json.dumps(arg, sort_keys=True)
        name = self.firsts.get(key)
        if name is not None:
            return name
        name = self.firsts[key] = self.tmp("_first")
        item = self.tmp("_item")
        seq = self.path(arg["items"], "rec")
        value = self.value(arg["value"], item)
        where = self.cond(arg["where"], item) if "where" in arg else None
        skip = f"type({item}) is not dict and not isinstance({item}, _M)"
        if where is not None:
            skip = f"({skip}) or not {where}"
        self.helpers.append(
            f"    def {name}(rec):\n"
            f"        seq = {seq}\n"
            "        if not isinstance(seq, list):\n"
            "            return None\n"
            "        best = None\n"
            "        best_t = None\n"
            f"        for {item} in seq:\n"
            f"            if {skip}:\n"
            "                continue\n"
            f"            v = {value}\n"
            "            t = _instant(v)\n"
            "            if t is not None and (best_t is None or t < best_t):\n"
            "                best, best_t = v, t\n"
            "        return best\n"
        )
        return name

    # --------------------------------------------------------- conditions

    def cond(self, spec: Any, rec: str) -> str:
        if not isinstance(spec, Mapping):
            raise ValueError(f"not a condition: {spec!r}")
        if "all" in spec:
            parts = [self.cond(x, rec) for x in spec["all"]]
            return f"({' and '.join(parts)})" if parts else "True"
        if "any" in spec:
            parts = [self.cond(x, rec) for x in spec["any"]]
            return f"({' or '.join(parts)})" if parts else "False"
        if "not" in spec:
            return f"(not {self.cond(spec['not'], rec)})"
        if "compare" in spec:
            a_spec, op, b_spec = spec["compare"]
            if op not in _NUMERIC_OPS:
                raise KeyError(op)
            a, b = self.value(a_spec, rec), self.value(b_spec, rec)
            return f"_{op}(_comparable({a}), _comparable({b}))"
        if "within_days" in spec:
            field = self.value(spec["within_days"]["field"], rec)
            seconds = self.const(float(spec["within_days"]["days"]) * 86400.0)
            now = self.const(self.now)
            t = self.tmp()
            return (
                f"(({t} := _instant({field})) is not None and {now} is not None "
                f"and {now} - {t} <= {seconds})"
            )
        value = self.value(spec["field"], rec)
        if "present" in spec:
            return f"({value} is {'not ' if bool(spec['present']) else ''}None)"
        if "in" in spec or "not_in" in spec:
            negate = "not_in" in spec
            allowed = self.const(
                frozenset(
                    x
                    for x in (spec["not_in"] if negate else spec["in"])
                    if not isinstance(x, list | dict)
                )
            )
            v = self.tmp("_v")
            test = "not in" if negate else "in"
            return (
                f"(False if (({v} := {value}) is None or isinstance({v}, _LD)) "
                f"else {v} {test} {allowed})"
            )
        for op, sign in _NUMERIC_OPS.items():
            if op in spec:
                bound = self.const(float(spec[op]))
                n = self.tmp("_n")
                return f"(({n} := _number({value})) is not None and {n} {sign} {bound})"
        raise ValueError(f"not a condition: {spec!r}")


def build_plan(
    slots: list[Slot],
    *,
    now: float | None,
    place: Callable[[Mapping[str, Any]], None] | None,
    key_row: Callable[[Mapping[str, Any], str | None], tuple[int, list[float]]],
    needs: Callable[[Mapping[str, Any]], None] | None,
    values: Mapping[str, tuple[Any, Any]],
    distinct: Mapping[str, set[tuple[int, Any]]],
) -> Plan:
    """Compile one entity type's work on a record.

    Args:
        slots: the type's slots, in the collector's order.
        now: the reference time (``$now``; POSIX seconds).
        place: what the type leaves in the place lookups (run first), if anything.
        key_row: the record's row for a day (made on first use): ``(row id, numbers)``.
        needs: a need-coverage slot's work (the collector's), if the type has one.
        values: the arrays of means' and medians' values and row ids, by code.
        distinct: the sets of per-100 rates' distinct members, by code.
    """
    w = _Writer(now)
    body: list[str] = []
    days: dict[str, str] = {}  # a time spec -> the local holding its day
    rows: dict[str | None, str] = {}  # a day's local (None: no time) -> the local of its row

    def line(depth: int, text: str) -> None:
        body.append("    " * (depth + 2) + text)

    def day_local(spec: Any, depth: int) -> str:
        key = json.dumps(spec, sort_keys=True)
        d = days.get(key)
        if d is None:
            d = days[key] = w.tmp("_d")
        line(depth, f"if {d} is _UNSET:")
        line(depth + 1, f"{d} = _day({w.value(spec, 'r')})")
        return d

    def row_local(day: str | None, depth: int) -> None:
        r = rows.get(day)
        if r is None:
            r = rows[day] = w.tmp("_row")
        line(depth, f"if {r} is None:")
        line(depth + 1, f"{r} = _key_row(r, {day or 'None'})")
        line(depth, f"rid, row = {r}")

    if place is not None:
        line(0, "_place(r)")
    for slot in slots:
        ind = slot.ind
        kind = ind.kind
        spec = ind.spec
        o = slot.offset
        line(0, f"# {ind.code} ({kind}{'' if slot.term == -1 else f', term {slot.term}'})")
        if kind == "need_coverage":
            line(0, "_needs(r)")
            continue
        if kind == "per_100":
            spec = spec["per"] if slot.term == -2 else spec["terms"][slot.term]
        depth = 0
        if "where" in spec:
            line(depth, f"if {w.cond(spec['where'], 'r')}:")
            depth += 1
        day: str | None = None
        if "time" in spec:
            day = day_local(spec["time"], depth)
            line(depth, f"if {day} is not None:")
            depth += 1
        row_local(day, depth)
        if kind == "per_100":
            if slot.term == -2:
                line(depth, f"row[{o}] += 1")
            elif "distinct" in spec:
                line(depth, f"v = {w.value(spec['distinct'], 'r')}")
                line(depth, "if isinstance(v, str | int) and not isinstance(v, bool):")
                line(depth + 1, f"{w.const(distinct[ind.code])}.add((rid, v))")
            elif "sum" in spec:
                line(depth, f"v = {w.value(spec['sum'], 'r')}")
                line(depth, "if isinstance(v, int | float) and not isinstance(v, bool):")
                line(depth + 1, f"row[{o}] += v")
            else:
                line(depth, f"row[{o}] += 1")
        elif kind == "rate":
            line(depth, f"row[{o + 1}] += 1")
            line(depth, f"if {w.cond(spec['numerator'], 'r')}:")
            line(depth + 1, f"row[{o}] += 1")
        elif kind == "count":
            line(depth, f"row[{o}] += 1")
        elif kind in ("mean", "median"):
            vals, ids = values[ind.code]
            line(depth, f"v = {w.value(spec['value'], 'r')}")
            line(
                depth,
                "if isinstance(v, int | float) and not isinstance(v, bool) and v == v:",
            )
            line(depth + 1, f"{w.const(vals)}.append(float(v))")
            line(depth + 1, f"{w.const(ids)}.append(rid)")
            line(depth + 1, f"row[{o}] += 1")
        elif kind == "distribution":
            cats = w.const(ind.categories)
            line(depth, f"v = {w.value(spec['value'], 'r')}")
            line(depth, "try:")
            line(depth + 1, f"i = {cats}.index(v) if not isinstance(v, bool) else -1")
            line(depth, "except ValueError:")
            line(depth + 1, "i = -1")
            line(depth, f"row[{o} + (i if i >= 0 else {len(ind.categories)})] += 1")
        elif kind == "ratio_of_sums":
            line(depth, f"a = {w.value(spec['numerator_sum'], 'r')}")
            line(depth, f"b = {w.value(spec['denominator_sum'], 'r')}")
            line(
                depth,
                "if isinstance(a, int | float) and isinstance(b, int | float)"
                " and not isinstance(a, bool) and not isinstance(b, bool):",
            )
            line(depth + 1, f"row[{o}] += a")
            line(depth + 1, f"row[{o + 1}] += b")
            line(depth + 1, f"row[{o + 2}] += 1")
    init = [
        *(f"        {d} = _UNSET" for d in days.values()),
        *(f"        {m} = _UNSET" for m in w.memo.values()),
        *(f"        {r} = None" for r in rows.values()),
    ]
    source = (
        f"def _factory({', '.join(['_place', '_key_row', '_needs', *w.consts])}):\n"
        + "".join(w.helpers)
        + "    def plan(r):\n"
        + "\n".join([*init, *body] or ["        pass"])
        + "\n    return plan\n"
    )
    code = _CODE.get(source)
    if code is None:
        code = _CODE[source] = compile(source, "<smartstd plan>", "exec")
    namespace = dict(_GLOBALS)
    exec(code, namespace)  # our own source: no text of a definition in it
    run = namespace["_factory"](place, key_row, needs, *w.consts.values())
    return Plan(run, source)
