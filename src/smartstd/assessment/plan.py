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
from functools import cache
from types import CodeType
from typing import Any

from smartstd.assessment.definition import Indicator
from smartstd.assessment.expr import instant, number

__all__ = ["Plan", "Slot", "build_plan", "day_of", "model_helpers"]


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


def _comparable(v: Any) -> float | None:
    n = number(v)
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


@cache
def model_helpers() -> dict[str, Any]:
    """What a plan over models uses: reading into a model, and a dump's form of a value."""
    import datetime as dt

    from pydantic import BaseModel

    plain = (str, int, float, bool, type(None))

    kinds: dict[type, int] = {}

    def view(x: Any) -> Mapping[str, Any] | None:
        """What ``.get`` reads on a dump of ``x``; ``None`` when a dump of it is no object.

        A model's view is its fields and extension fields, as the model holds them.
        """
        cls = type(x)
        if cls is dict:
            return x  # type: ignore[no-any-return]
        kind = kinds.get(cls)
        if kind is None:
            kind = kinds[cls] = (
                1 if issubclass(cls, BaseModel) else 2 if issubclass(cls, Mapping) else 0
            )
        if kind == 1:
            extra = x.__pydantic_extra__
            return {**x.__dict__, **extra} if extra else x.__dict__
        return x if kind == 2 else None

    def nget(x: Any, name: str) -> Any:
        """``.get(name)`` on a dump of ``x``."""
        v = view(x)
        return None if v is None else v.get(name)

    def exact(v: Any) -> Any:
        """A nested value in the form a dump gives it (timestamps and dates as text)."""
        if type(v) in plain:
            return v
        if isinstance(v, dt.datetime | dt.date):
            return v.isoformat()
        if isinstance(v, BaseModel):
            return v.model_dump(exclude_none=True)
        if type(v) is list:
            return [exact(x) for x in v]
        if type(v) is dict:
            return {k: exact(x) for k, x in v.items() if x is not None}
        return v

    def exact_top(v: Any) -> Any:
        """A model's field in the form a cut record holds it (nested objects dumped)."""
        if type(v) in plain or isinstance(v, dt.datetime | dt.date):
            return v
        return exact(v)

    return {
        "_BM": BaseModel,
        "_view": view,
        "_nget": nget,
        "_exact": exact,
        "_exact_top": exact_top,
    }


#: What every generated function may use besides its own constants.
_GLOBALS: dict[str, Any] = {
    "_M": Mapping,
    "_LD": (list, dict),
    "_UNSET": _UNSET,
    "_instant": instant,
    "_number": number,
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
    """Python source for one plan: expressions for values and conditions, statements for slots.

    With ``models``, the record is a validated model's ``__dict__`` (its fields as the
    model holds them) and nested values are the model's own objects: a path steps into
    them through ``_view``, and where a value's exact form matters (``in``, ``distinct``,
    a category) ``_exact`` gives the form a dump of the model gives (see :func:`build_plan`).
    """

    def __init__(self, now: float | None, models: bool) -> None:
        self.now = now
        self.models = models
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

    def path(self, text: str, rec: str, exact: bool = False) -> str:
        if text == "$now":
            return self.const(self.now)
        parts = text.split(".")
        if self.models:
            # the record is the model's fields (a cut record's top level holds them as
            # they are); an item is a view (_view) of a nested object
            expr = f"{rec}.get({parts[0]!r})"
            nested = rec != "r" or len(parts) > 1
            for p in parts[1:]:
                t = self.tmp()
                expr = f"(None if ({t} := _view({expr})) is None else {t}.get({p!r}))"
            if exact:  # text is text in a dump: only other values need a look
                v = self.tmp("_e")
                fn = "_exact" if nested else "_exact_top"
                return f"({v} if type({v} := {expr}) is str else {fn}({v}))"
            return expr
        expr = f"{rec}.get({parts[0]!r})"
        for p in parts[1:]:
            t = self.tmp()
            expr = (
                f"({t}.get({p!r}) if (type({t} := {expr}) is dict or isinstance({t}, _M)) "
                "else None)"
            )
        return expr

    def value(self, spec: Any, rec: str, exact: bool = False) -> str:
        exact = exact and self.models
        if isinstance(spec, str) and not (rec == "r" and "." in spec):
            return self.path(spec, rec, exact)
        if isinstance(spec, str):  # a path into a nested object: read once per record
            key = json.dumps(["path", spec, exact])
            memo = self.values.get(key)
            if memo is None:
                memo = self.values[key] = self.tmp("_m")
                self.memo[memo] = memo
                self.exprs[memo] = self.path(spec, rec, exact)
            return f"({memo} if {memo} is not _UNSET else ({memo} := {self.exprs[memo]}))"
        if rec == "r" and isinstance(spec, Mapping) and "const" not in spec and "first" not in spec:
            # an operation on the record: worked out once per record (every value is a
            # pure function of the record and the time)
            key = json.dumps([spec, exact], sort_keys=True)
            memo = self.values.get(key)
            if memo is None:
                memo = self.values[key] = self.tmp("_m")
                self.memo[memo] = memo
                self.exprs[memo] = self._value(spec, rec, exact)
            return f"({memo} if {memo} is not _UNSET else ({memo} := {self.exprs[memo]}))"
        return self._value(spec, rec, exact)

    def _value(self, spec: Any, rec: str, exact: bool) -> str:
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
                for part in reversed([self.value(x, rec, exact) for x in arg]):
                    v = self.tmp("_v")
                    out = f"({v} if ({v} := {part}) is not None else {out})"
                return out
            if op == "const":
                return self.const(arg)
            if op == "first":
                fn = self.first(arg)
                if rec != "r":
                    call = f"{fn}({rec})"
                else:
                    memo = self.memo.get(fn)
                    if memo is None:
                        memo = self.memo[fn] = self.tmp("_f")
                    call = f"({memo} if {memo} is not _UNSET else ({memo} := {fn}(r)))"
                # its value is an item's: nested in a dump
                return f"_exact({call})" if exact else call
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
        if self.models:  # an item is read through its view (a model's dumps to an object)
            raw = self.tmp("_raw")
            head = f"        for {raw} in seq:\n            {item} = _view({raw})\n"
            skip = f"{item} is None"
        else:
            head = f"        for {item} in seq:\n"
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
            f"{head}"
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
        if rec == "r" and isinstance(spec, Mapping) and "present" not in spec:
            # a condition on the record: worked out once per record (indicators share
            # their filters: requests not withdrawn ...)
            key = json.dumps(["cond", spec], sort_keys=True)
            memo = self.values.get(key)
            if memo is None:
                memo = self.values[key] = self.tmp("_m")
                self.memo[memo] = memo
                self.exprs[memo] = self._cond(spec, rec)
            return f"({memo} if {memo} is not _UNSET else ({memo} := {self.exprs[memo]}))"
        return self._cond(spec, rec)

    def _cond(self, spec: Any, rec: str) -> str:
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
        if "in" in spec or "not_in" in spec:
            value = self.value(spec["field"], rec, exact=True)  # the value itself is compared
        else:
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


class _Body:
    """The statements of a plan's body: each slot's filter, day, row and numbers."""

    def __init__(
        self,
        w: _Writer,
        values: Mapping[str, tuple[Any, Any]],
        distinct: Mapping[str, set[tuple[int, Any]]],
    ) -> None:
        self.w = w
        self.values = values
        self.distinct = distinct
        self.body: list[str] = []
        self.days: dict[str, str] = {}  # a time spec -> the local holding its day
        self.rows: dict[str | None, str] = {}  # a day's local (None: no time) -> its row's

    def line(self, depth: int, text: str) -> None:
        self.body.append("    " * (depth + 2) + text)

    def day_local(self, spec: Any, depth: int) -> str:
        key = json.dumps(spec, sort_keys=True)
        d = self.days.get(key)
        if d is None:
            d = self.days[key] = self.w.tmp("_d")
        self.line(depth, f"if {d} is _UNSET:")
        self.line(depth + 1, f"{d} = _day({self.w.value(spec, 'r')})")
        return d

    def row_local(self, day: str | None, depth: int) -> None:
        r = self.rows.get(day)
        if r is None:
            r = self.rows[day] = self.w.tmp("_row")
        self.line(depth, f"if {r} is None:")
        self.line(depth + 1, f"{r} = _key_row(r, {day or 'None'})")
        self.line(depth, f"rid, row = {r}")

    def slot(self, slot: Slot) -> None:
        """One slot, as the interpreter did it: filter, day, row, then the numbers."""
        ind = slot.ind
        kind = ind.kind
        spec = ind.spec
        term = "" if slot.term == -1 else f", term {slot.term}"
        self.line(0, f"# {ind.code} ({kind}{term})")
        if kind == "need_coverage":
            self.line(0, "_needs(r)")
            return
        if kind == "per_100":
            spec = spec["per"] if slot.term == -2 else spec["terms"][slot.term]
        depth = 0
        if "where" in spec:
            self.line(depth, f"if {self.w.cond(spec['where'], 'r')}:")
            depth += 1
        day: str | None = None
        if "time" in spec:
            day = self.day_local(spec["time"], depth)
            self.line(depth, f"if {day} is not None:")
            depth += 1
        self.row_local(day, depth)
        self.numbers(slot, spec, depth)

    def numbers(self, slot: Slot, spec: Mapping[str, Any], depth: int) -> None:
        """What a slot adds to its row (and to the values and distinct members)."""
        w, line, ind, o = self.w, self.line, slot.ind, slot.offset
        kind = ind.kind
        if kind == "per_100":
            if slot.term == -2:
                line(depth, f"row[{o}] += 1")
            elif "distinct" in spec:
                line(depth, f"v = {w.value(spec['distinct'], 'r', exact=True)}")
                line(depth, "if isinstance(v, str | int) and not isinstance(v, bool):")
                line(depth + 1, f"{w.const(self.distinct[ind.code])}.add((rid, v))")
            elif "sum" in spec:
                line(depth, f"v = _number({w.value(spec['sum'], 'r')})")
                line(depth, "if v is not None:")
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
            vals, ids = self.values[ind.code]
            line(depth, f"v = _number({w.value(spec['value'], 'r')})")
            line(depth, "if v is not None and v == v:")  # a number, not NaN
            line(depth + 1, f"{w.const(vals)}.append(v)")
            line(depth + 1, f"{w.const(ids)}.append(rid)")
            line(depth + 1, f"row[{o}] += 1")
        elif kind == "distribution":
            cats = w.const(ind.categories)
            line(depth, f"v = {w.value(spec['value'], 'r', exact=True)}")
            line(depth, "try:")
            line(depth + 1, f"i = {cats}.index(v) if not isinstance(v, bool) else -1")
            line(depth, "except ValueError:")
            line(depth + 1, "i = -1")
            line(depth, f"row[{o} + (i if i >= 0 else {len(ind.categories)})] += 1")
        elif kind == "ratio_of_sums":
            line(depth, f"a = _number({w.value(spec['numerator_sum'], 'r')})")
            line(depth, f"b = _number({w.value(spec['denominator_sum'], 'r')})")
            line(depth, "if a is not None and b is not None:")
            line(depth + 1, f"row[{o}] += a")
            line(depth + 1, f"row[{o + 1}] += b")
            line(depth + 1, f"row[{o + 2}] += 1")


def build_plan(
    slots: list[Slot],
    *,
    now: float | None,
    place: Callable[[Mapping[str, Any]], None] | None,
    key_row: Callable[[Mapping[str, Any], str | None], tuple[int, list[float]]],
    needs: Callable[[Mapping[str, Any]], None] | None,
    values: Mapping[str, tuple[Any, Any]],
    distinct: Mapping[str, set[tuple[int, Any]]],
    models: bool = False,
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
        models: the plan reads a validated model's ``__dict__`` rather than a plain
            record, and must leave the state a record cut from the model
            (:func:`smartstd.assessment.records.cut_record`) leaves: its plain
            fields are the model's own values, its nested objects pydantic's dumps.
            Nested values are read from the model's objects instead; every use but
            the few that compare a value itself reads them alike (a timestamp and
            its ISO 8601 text are one instant on one day; an object and its dump
            are both objects), and those few get the dump's form. The SCDS models'
            only serializers write timestamps and dates as ISO 8601 (a test keeps
            it so).
    """
    w = _Writer(now, models)
    out = _Body(w, values, distinct)
    if place is not None:
        out.line(0, "_place(r)")
    for slot in slots:
        out.slot(slot)
    body, days, rows = out.body, out.days, out.rows
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
    if models:
        namespace.update(model_helpers())
    exec(code, namespace)  # our own source: no text of a definition in it
    run = namespace["_factory"](place, key_row, needs, *w.consts.values())
    return Plan(run, source)
