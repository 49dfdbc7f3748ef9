"""Compatibility between two schema bundles: every change, classified.

:func:`diff_schemas` compares two schemas (:func:`smartstd.schemas.diff.diff_bundles`
two bundles, schema by schema). Each difference becomes a
:class:`~smartstd.schemas.change.Change` of one
:class:`~smartstd.schemas.change.ChangeKind` with two verdicts:

* **backward**: data valid under the OLD schema is still valid under the NEW
  one (producers need not change; old data stays conformant);
* **forward**: data valid under the NEW schema is valid under the OLD one
  (old readers can read new data).

Objects of the standard are closed, so adding an optional field keeps old
data valid (backward) but old readers reject it (not forward); dropping a
required field is the reverse. When the comparison cannot tell (two
unrelated regular expressions, an unknown keyword), the change is reported
as breaking both ways: a breaking change is never classified as safe.

Every change demands a SemVer step: a backward-incompatible change a new
major version, any other change of what validates a new minor version, a
change of titles and descriptions only a patch.
:class:`~smartstd.schemas.diff.Diff` says whether the new bundle's version
number is large enough.

兼容性：逐项比较两个模式包（两个标准版本，或核心标准与地方配置），对每一处变化判断
向后兼容（旧数据在新模式下仍然有效）与向前兼容（旧的读取方能读取新数据），并给出
语义化版本所要求的升级幅度。
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from smartstd.schemas._containers import _Containers
from smartstd.schemas._jsonschema import (
    ANY,
    MAX_ALTS,
    UNEVALUATED,
    allowed_values,
    applicable,
    as_dict,
    as_list,
    both,
    by_type,
    canon,
    codelist,
    constraints_of,
    deref,
    flatten,
    is_annotation,
    number,
    settle_unevaluated,
    structure,
    trivial,
    types_of,
)
from smartstd.schemas._scalars import _Scalars
from smartstd.schemas._walker import member_kind, verdict_kind
from smartstd.schemas.change import Change, ChangeKind

__all__ = ["diff_schemas"]


HANDLED = frozenset(
    {
        "type",
        "enum",
        "const",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "items",
        "prefixItems",
        "minItems",
        "maxItems",
        "uniqueItems",
        "contains",
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "dependentRequired",
        "dependentSchemas",
        "not",
        "allOf",
        "if",
        "then",
        "else",
    }
)


#: An array of tuples of at most this many lengths is compared length by length.
_MAX_LENGTHS = 8


def _no_common(a: list[Any] | None, b: list[Any] | None) -> bool:
    return a is not None and b is not None and not {canon(v) for v in a} & {canon(v) for v in b}


def _apart(a: Any, b: Any, root: Any) -> bool:
    """Whether no value is valid under both alternatives (when that is easy to see)."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    ta, tb = types_of(a)[0], types_of(b)[0]
    if ANY not in (ta, tb) and ta != tb and {ta, tb} != {"integer", "number"}:
        return True
    if _no_common(allowed_values(a), allowed_values(b)):
        return True
    if (ta, tb) == ("array", "array"):
        (low_a, high_a), (low_b, high_b) = _lengths(a), _lengths(b)
        return (high_a is not None and high_a < low_b) or (high_b is not None and high_b < low_a)
    if (ta, tb) != ("object", "object"):
        return False
    pa, pb = as_dict(a.get("properties")), as_dict(b.get("properties"))
    both = set(as_list(a.get("required"))) & set(as_list(b.get("required"))) & set(pa) & set(pb)
    for name in both:
        sa, sb = deref(pa[name], root)[0], deref(pb[name], root)[0]
        if (
            isinstance(sa, dict)
            and isinstance(sb, dict)
            and _no_common(allowed_values(sa), allowed_values(sb))
        ):
            return True
    return False


def _lengths(node: dict[str, Any]) -> tuple[int, int | None]:
    """The lengths an array schema allows: ``(least, most)`` (``None``: no most)."""
    low = number(node.get("minItems"))
    high = number(node.get("maxItems"))
    pre = node.get("prefixItems")
    if node.get("items") is False:
        cap = float(len(pre)) if isinstance(pre, list) else 0.0
        high = cap if high is None else min(high, cap)
    least = max(0, math.ceil(low)) if low is not None else 0
    return least, (math.floor(high) if high is not None else None)


def _by_length(alt: Any) -> list[Any]:
    """An array alternative of tuples of a few lengths as one whole tuple per length.

    ``prefixItems`` with nothing after them (``items: false``, or ``maxItems`` no
    larger than the tuple) allow a range of _lengths; each length is a whole tuple,
    as a schema written as an ``anyOf`` of tuples has it, so the two forms compare
    as equal. Anything else is left as it is.
    """
    if not isinstance(alt, dict) or alt.get("type") != "array":
        return [alt]
    pre = alt.get("prefixItems")
    if not isinstance(pre, list) or not pre:
        return [alt]
    least, most = _lengths(alt)
    if most is None or most > len(pre) or not least <= most < least + _MAX_LENGTHS:
        return [alt]
    rest = {k: v for k, v in alt.items() if k not in ("prefixItems", "minItems", "maxItems")}
    out = []
    for n in range(least, most + 1):
        part: dict[str, Any] = {**rest, "minItems": n, "maxItems": n, "items": False}
        if n:
            part["prefixItems"] = pre[:n]
        out.append(part)
    return out


class _Differ(_Scalars, _Containers):
    """Walks two schemas side by side and records the changes."""

    def node(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        old_d, old_ref = deref(old, self.old_root)
        new_d, new_ref = deref(new, self.new_root)
        if old_ref is not None and new_ref is not None:
            key = (old_ref, new_ref)
            if key in self._active:
                return
            self._active.add(key)
            try:
                self._node(old_d, new_d, path)
            finally:
                self._active.discard(key)
            return
        self._node(old_d, new_d, path)

    def _node(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        if isinstance(old, dict) and isinstance(new, dict):
            ann_o = {
                k: v
                for k, v in old.items()
                if is_annotation(k) and k not in ("$defs", "definitions", "$id", "$schema")
            }
            ann_n = {
                k: v
                for k, v in new.items()
                if is_annotation(k) and k not in ("$defs", "definitions", "$id", "$schema")
            }
            if ann_o != ann_n:
                keys = sorted(k for k in set(ann_o) | set(ann_n) if ann_o.get(k) != ann_n.get(k))
                self.add(ChangeKind.DESCRIPTION_ONLY, path, True, True, ",".join(keys))
        old_alts = self.alts(old, self.old_root)
        new_alts = self.alts(new, self.new_root)
        if len(old_alts) == 1 and len(new_alts) == 1:
            self.alt(old_alts[0], new_alts[0], path)
            return
        self.match(old_alts, new_alts, path)

    def alts(self, node: Any, root: Any, depth: int = 0) -> list[Any]:
        """The alternatives of a schema, one JSON type each (``{}`` for any value)."""
        node, _ = deref(node, root)
        if node is True:
            return [{}]
        if node is False or node is None:
            return []
        if not isinstance(node, dict):
            return [node]
        flat = flatten(node, root)
        if not isinstance(flat, dict) or ("not" in flat and trivial(flat["not"], root)):
            return []
        node = settle_unevaluated(flat)
        if codelist(node, root) is not None:
            return [node]
        if depth <= 6 and not set(node) & UNEVALUATED:
            split = self.split(node, root, depth)
            if split is not None:
                return split
        return [part for alt in by_type(node) for part in _by_length(alt)]

    def split(self, node: dict[str, Any], root: Any, depth: int) -> list[Any] | None:
        """The alternatives of an ``anyOf`` (or a ``oneOf`` whose branches exclude each other)."""
        for key in ("anyOf", "oneOf"):
            branches = node.get(key)
            if not isinstance(branches, list):
                continue
            base = constraints_of({k: v for k, v in node.items() if k != key})
            parts = [self.alts(self.branch(base, b, root), root, depth + 1) for b in branches]
            if sum(len(part) for part in parts) > MAX_ALTS:
                return None
            if key == "oneOf" and not all(
                _apart(a, b, root)
                for i, part in enumerate(parts)
                for other in parts[i + 1 :]
                for a in part
                for b in other
            ):
                return None
            return [a for part in parts for a in part]
        return None

    @staticmethod
    def branch(base: dict[str, Any], branch: Any, root: Any) -> Any:
        """A branch of an ``anyOf`` / ``oneOf`` together with the keywords beside it."""
        bd, _ = deref(branch, root)
        if isinstance(bd, bool):
            return base if bd else False
        if not isinstance(bd, dict):
            return bd
        return both(base, bd)

    @staticmethod
    def key(alt: Any) -> tuple[str, Any]:
        if not isinstance(alt, dict):
            return (ANY, None)
        if codelist(alt, {}) is not None:
            return ("string", None)
        t = types_of(alt)[0]
        disc = None
        if t == "object":
            props = alt.get("properties")
            tp = props.get("type") if isinstance(props, dict) else None
            if isinstance(tp, dict) and "const" in tp:
                disc = tp["const"]
        return (t, disc)

    def pair(
        self, old_alts: list[Any], new_alts: list[Any]
    ) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
        """Alternatives paired by type (and discriminator), and those left over on each side."""
        groups_o: dict[tuple[str, Any], list[Any]] = {}
        groups_n: dict[tuple[str, Any], list[Any]] = {}
        for a in old_alts:
            groups_o.setdefault(self.key(a), []).append(a)
        for a in new_alts:
            groups_n.setdefault(self.key(a), []).append(a)
        pairs: list[tuple[Any, Any]] = []
        left_o: list[Any] = []
        left_n: list[Any] = []
        for k in dict.fromkeys([*groups_o, *groups_n]):
            o, n = list(groups_o.get(k, [])), list(groups_n.get(k, []))
            for a in list(o):
                shape = structure(a, self.old_root)
                same = [b for b in n if structure(b, self.new_root) == shape]
                if same:
                    pairs.append((a, same[0]))
                    o.remove(a)
                    n.remove(same[0])
            pairs.extend(zip(o, n, strict=False))
            left_o.extend(o[len(n) :])
            left_n.extend(n[len(o) :])
        # integer <-> number of the same discriminator pair up as a widening / narrowing
        for a in list(left_o):
            ka = self.key(a)
            partner = {"integer": "number", "number": "integer"}.get(ka[0])
            found = [b for b in left_n if partner and self.key(b) == (partner, ka[1])]
            if found:
                pairs.append((a, found[0]))
                left_o.remove(a)
                left_n.remove(found[0])
        return pairs, left_o, left_n

    def match(self, old_alts: list[Any], new_alts: list[Any], path: tuple[str, ...]) -> None:
        pairs, left_o, left_n = self.pair(old_alts, new_alts)
        for a, b in pairs:
            self.alt(a, b, path)
        # an alternative left over is fine when another one of the other side covers it
        for a in left_o:
            if not any(self.verdicts(a, b, path)[0] for b in new_alts):
                k = self.key(a)
                old = k[1] if k[1] is not None else k[0]
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", old, None)
        for b in left_n:
            if not any(self.verdicts(a, b, path)[1] for a in old_alts):
                k = self.key(b)
                new = k[1] if k[1] is not None else k[0]
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", None, new)

    def alt(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            if canon(old) != canon(new):
                self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "", old, new)
            return
        if self.codelist_alt(old, new, path):
            return
        if set(old) & UNEVALUATED or set(new) & UNEVALUATED:
            # unevaluated* reads every applicator around it: equal, or breaking both ways
            if structure(old, self.old_root) != structure(new, self.new_root):
                kw = sorted((set(old) | set(new)) & UNEVALUATED)[0]
                self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, kw)
            return
        to, tn = types_of(old)[0], types_of(new)[0]
        if to != tn:
            if to == ANY:
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", None, tn)
                old = applicable(old, tn)
            elif tn == ANY:
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", to, None)
                new = applicable(new, to)
            elif (to, tn) == ("integer", "number"):
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", to, tn)
            elif (to, tn) == ("number", "integer"):
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", to, tn)
            else:
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", to, None)
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", None, tn)
                return
        self.enum(old, new, path)
        self.bounds(old, new, path)
        self.pattern(old, new, path)
        self.negation(old, new, path)
        self.arrays(old, new, path)
        self.objects(old, new, path)
        self.all_of(old, new, path)
        self.conditional(old, new, path)
        self.others(old, new, path)

    def others(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """Keywords compared as a whole: any change breaks both ways."""
        for key in sorted((set(old) | set(new)) - HANDLED):
            if is_annotation(key):
                continue
            so = (key in old, structure(old.get(key), self.old_root))
            sn = (key in new, structure(new.get(key), self.new_root))
            if so != sn:
                self.add(
                    ChangeKind.CONSTRAINT_CHANGED,
                    path,
                    False,
                    False,
                    key,
                    old.get(key),
                    new.get(key),
                )

    def negation(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        no, nn = old.get("not"), new.get("not")
        if structure(no, self.old_root) == structure(nn, self.new_root):
            return
        pattern_only = all(
            x is None or (isinstance(x, dict) and set(x) <= {"pattern", "type"}) for x in (no, nn)
        )
        if no is None:
            backward, forward = False, True
        elif nn is None:
            backward, forward = True, False
        else:
            # "not X" lets through what "not Y" does when Y is within X
            inner_b, inner_f = self.verdicts(no, nn, path)
            backward, forward = inner_f, inner_b
            if backward and forward:
                return
        if pattern_only:
            kind = verdict_kind(
                backward, forward, ChangeKind.PATTERN_TIGHTENED, ChangeKind.PATTERN_LOOSENED
            )
            kind = ChangeKind.PATTERN_CHANGED if kind is ChangeKind.CONSTRAINT_CHANGED else kind
        else:
            kind = ChangeKind.CONSTRAINT_CHANGED
        self.add(kind, path, backward, forward, "not", no, nn)

    def all_of(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        ao, an = as_list(old.get("allOf")), as_list(new.get("allOf"))
        ao, an = list(ao), list(an)
        for a in list(ao):
            shape = structure(a, self.old_root)
            same = [b for b in an if structure(b, self.new_root) == shape]
            if same:
                self.node(a, same[0], path)
                ao.remove(a)
                an.remove(same[0])
        for a, b in zip(ao, an, strict=False):
            self.node(a, b, path)
        for extra in an[len(ao) :]:
            if not trivial(extra, self.new_root):
                shape = structure(extra, self.new_root)
                self.add(
                    member_kind(shape, tightened=True), path, False, True, "allOf", None, shape
                )
        for gone in ao[len(an) :]:
            if not trivial(gone, self.old_root):
                shape = structure(gone, self.old_root)
                self.add(
                    member_kind(shape, tightened=False), path, True, False, "allOf", shape, None
                )

    def conditional(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``if`` / ``then`` / ``else``: the branches compare when the condition stays."""
        io, in_ = old.get("if"), new.get("if")
        if io is None and in_ is None:
            return
        if io is None or in_ is None:
            backward = io is not None
            kind = ChangeKind.CONSTRAINT_CHANGED
            self.add(kind, path, backward, not backward, "if", io, in_)
            return
        if structure(io, self.old_root) != structure(in_, self.new_root):
            self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "if", io, in_)
            return
        for key in ("then", "else"):
            self.node(old.get(key, True), new.get(key, True), (*path, f"{{{key}}}"))


def diff_schemas(
    old: Mapping[str, Any] | bool, new: Mapping[str, Any] | bool, name: str = "schema"
) -> list[Change]:
    """Every change between two schemas (each resolves its own local ``$ref`` s).

    Args:
        old: the old schema.
        new: the new schema.
        name: the schema's name, used in each change's location.
    """
    d = _Differ(name, old, new)
    d.node(old, new, ())
    # the same change met twice (a bound tightened in both tuples of a position) is one
    seen: set[str] = set()
    out: list[Change] = []
    for c in d.changes:
        key = json.dumps(
            [c.kind.value, c.path, c.backward, c.forward, c.keyword, canon(c.old), canon(c.new)]
        )
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
