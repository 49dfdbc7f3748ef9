"""Comparisons of the keywords of one value: code lists, enums, bounds, multiples, patterns.

单个取值的关键字比较：代码表、枚举、范围、倍数与格式。
"""

from __future__ import annotations

import math
from typing import Any

from smartstd.schemas._jsonschema import (
    allowed_values,
    canon,
    closed_enum,
    codelist,
    number,
    types_of,
)
from smartstd.schemas._regex import same_meaning
from smartstd.schemas._walker import _Walker
from smartstd.schemas.change import ChangeKind


def bound(node: dict[str, Any], side: str, integral: bool = False) -> tuple[float, bool] | None:
    """The effective lower (``"min"``) or upper (``"max"``) bound: ``(value, exclusive)``.

    For integers (``integral``) the bound is made inclusive: ``exclusiveMinimum: 0`` is
    ``minimum: 1``.
    """
    inc_key, exc_key = (
        ("minimum", "exclusiveMinimum") if side == "min" else ("maximum", "exclusiveMaximum")
    )
    cands: list[tuple[float, bool]] = []
    for key, excl in ((inc_key, False), (exc_key, True)):
        v = node.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            cands.append((float(v), excl))
    if not cands:
        return None
    if side == "min":
        value, excl = max(cands, key=lambda c: (c[0], c[1]))
        if integral:
            return float(math.floor(value) + 1 if excl else math.ceil(value)), False
        return value, excl
    value, excl = min(cands, key=lambda c: (c[0], not c[1]))
    if integral:
        return float(math.ceil(value) - 1 if excl else math.floor(value)), False
    return value, excl


def tighter(side: str, a: tuple[float, bool], b: tuple[float, bool]) -> bool:
    """Whether bound ``b`` is strictly tighter than ``a``."""
    if side == "min":
        return b[0] > a[0] or (b[0] == a[0] and b[1] and not a[1])
    return b[0] < a[0] or (b[0] == a[0] and b[1] and not a[1])


def plain_number(b: tuple[float, bool] | None) -> Any:
    if b is None:
        return None
    v: float | int = int(b[0]) if b[0].is_integer() else b[0]
    return {"exclusive": v} if b[1] else v


def step(node: dict[str, Any]) -> float | None:
    """``multipleOf``, ``None`` when absent or (for integers) when every integer is a multiple."""
    step = number(node.get("multipleOf"))
    if step is None or step <= 0:
        return None
    if types_of(node)[0] == "integer" and (1 / step).is_integer():
        return None
    return step


def divides(small: float, large: float) -> bool:
    """Whether every multiple of ``large`` is a multiple of ``small``."""
    return (large / small).is_integer()


class _Scalars(_Walker):
    """Comparisons of code lists, enums, bounds, multiples and patterns."""

    def codelist_alt(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> bool:
        """Compare two alternatives as code lists when either is one (``True`` when done)."""
        cl_o, cl_n = codelist(old, self.old_root), codelist(new, self.new_root)
        if cl_o is None and cl_n is None:
            return False
        en_o = cl_o or ((closed_enum(old) or []), None)
        en_n = cl_n or ((closed_enum(new) or []), None)
        if (cl_o is None and closed_enum(old) is None) or (
            cl_n is None and closed_enum(new) is None
        ):
            self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "enum")
            return True
        self.codelist(en_o, en_n, path)
        return True

    def codelist(
        self, old: tuple[list[Any], Any], new: tuple[list[Any], Any], path: tuple[str, ...]
    ) -> None:
        from jsonschema import Draft202012Validator

        codes_o, open_o = old
        codes_n, open_n = new
        keys_o, keys_n = {canon(c) for c in codes_o}, {canon(c) for c in codes_n}
        added = [c for c in codes_n if canon(c) not in keys_o]
        removed = [c for c in codes_o if canon(c) not in keys_n]
        if added:
            fwd = open_o is not None and all(
                Draft202012Validator(open_o).is_valid(c) for c in added
            )
            self.add(ChangeKind.CODELIST_GROWN, path, True, fwd, "enum", None, added)
        if removed:
            bwd = open_n is not None and all(
                Draft202012Validator(open_n).is_valid(c) for c in removed
            )
            self.add(ChangeKind.CODELIST_SHRUNK, path, bwd, True, "enum", removed, None)
        if open_o is None and open_n is not None:
            self.add(
                ChangeKind.CODELIST_GROWN,
                path,
                True,
                False,
                "anyOf",
                "closed",
                open_n.get("pattern"),
            )
        elif open_o is not None and open_n is None:
            self.add(
                ChangeKind.CODELIST_SHRUNK,
                path,
                False,
                True,
                "anyOf",
                open_o.get("pattern"),
                "closed",
            )
        elif open_o is not None and open_n is not None and open_o != open_n:
            self.alt(open_o, open_n, (*path, "{extension}"))

    def enum(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        vo, vn = allowed_values(old), allowed_values(new)
        if vo is None and vn is None:
            return
        kw = "const" if "const" in old or "const" in new else "enum"
        if vo is None:
            self.add(ChangeKind.ENUM_SHRUNK, path, False, True, kw, None, vn)
            return
        if vn is None:
            self.add(ChangeKind.ENUM_GROWN, path, True, False, kw, vo, None)
            return
        keys_o, keys_n = {canon(v) for v in vo}, {canon(v) for v in vn}
        added = [v for v in vn if canon(v) not in keys_o]
        removed = [v for v in vo if canon(v) not in keys_n]
        if added:
            self.add(ChangeKind.ENUM_GROWN, path, True, False, kw, None, added)
        if removed:
            self.add(ChangeKind.ENUM_SHRUNK, path, False, True, kw, removed, None)

    def bounds(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        self.numbers(old, new, path)
        for kw, lower in (
            ("minLength", True),
            ("maxLength", False),
            ("minItems", True),
            ("maxItems", False),
            ("minProperties", True),
            ("maxProperties", False),
        ):
            self.count(old, new, path, kw, lower)
        self.multiple(old, new, path)
        uo, un = old.get("uniqueItems") is True, new.get("uniqueItems") is True
        if uo != un:
            if un:
                self.add(ChangeKind.BOUND_TIGHTENED, path, False, True, "uniqueItems", uo, un)
            else:
                self.add(ChangeKind.BOUND_LOOSENED, path, True, False, "uniqueItems", uo, un)

    def numbers(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``minimum`` / ``maximum`` and their exclusive forms."""
        int_o, int_n = types_of(old)[0] == "integer", types_of(new)[0] == "integer"
        for side, kw in (("min", "minimum"), ("max", "maximum")):
            bo, bn = bound(old, side, int_o), bound(new, side, int_n)
            if bo == bn:
                continue
            if bn is not None and (bo is None or tighter(side, bo, bn)):
                kind, backward = ChangeKind.BOUND_TIGHTENED, False
            else:
                kind, backward = ChangeKind.BOUND_LOOSENED, True
            self.add(kind, path, backward, not backward, kw, plain_number(bo), plain_number(bn))

    def count(
        self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...], kw: str, lower: bool
    ) -> None:
        """A bound on a length or a number of items / properties (a lower one defaults to 0)."""
        a, b = old.get(kw), new.get(kw)
        na, nb = number(a), number(b)
        if (a is not None and na is None) or (b is not None and nb is None):
            if a != b:
                self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, kw, a, b)
            return
        if lower:
            na, nb = na or 0.0, nb or 0.0
        if na == nb:
            return
        if nb is not None and (na is None or (nb > na if lower else nb < na)):
            self.add(ChangeKind.BOUND_TIGHTENED, path, False, True, kw, a, b)
        else:
            self.add(ChangeKind.BOUND_LOOSENED, path, True, False, kw, a, b)

    def multiple(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``multipleOf``: a multiple of the old step tightens, a divisor of it loosens."""
        mo, mn = step(old), step(new)
        if mo == mn:
            return
        a, b = old.get("multipleOf"), new.get("multipleOf")
        if mo is None or (mn is not None and divides(mo, mn)):
            self.add(ChangeKind.BOUND_TIGHTENED, path, False, True, "multipleOf", a, b)
        elif mn is None or divides(mn, mo):
            self.add(ChangeKind.BOUND_LOOSENED, path, True, False, "multipleOf", a, b)
        else:
            self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "multipleOf", a, b)

    def pattern(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        po, pn = old.get("pattern"), new.get("pattern")
        if po == pn or (isinstance(po, str) and isinstance(pn, str) and same_meaning(po, pn)):
            return
        if po is None:
            self.add(ChangeKind.PATTERN_TIGHTENED, path, False, True, "pattern", None, pn)
        elif pn is None:
            self.add(ChangeKind.PATTERN_LOOSENED, path, True, False, "pattern", po, None)
        else:
            self.add(ChangeKind.PATTERN_CHANGED, path, False, False, "pattern", po, pn)
