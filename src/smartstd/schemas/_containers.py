"""Comparisons of arrays (items, tuples, ``contains``) and objects (properties, openness).

数组与对象的比较：元素、元组、属性、必填与开放性。
"""

from __future__ import annotations

import difflib
from typing import Any

from smartstd.schemas._jsonschema import as_dict, as_list, structure
from smartstd.schemas._regex import narrowed_from, search, widened_to
from smartstd.schemas._walker import _Walker, verdict_kind
from smartstd.schemas.change import ChangeKind


def conjuncts(node: dict[str, Any], name: str) -> list[Any]:
    """The schemas a property ``name`` of an instance must satisfy, all at once."""
    props = as_dict(node.get("properties"))
    out = [props[name]] if name in props else []
    out += [s for p, s in as_dict(node.get("patternProperties")).items() if search(p, name)]
    return out or [node.get("additionalProperties", True)]


class _Containers(_Walker):
    """Comparisons of arrays (items, tuples, ``contains``) and objects (properties, openness)."""

    def arrays(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        pre_o = as_list(old.get("prefixItems"))
        pre_n = as_list(new.get("prefixItems"))
        items_o = old.get("items", True)
        items_n = new.get("items", True)
        for i in range(max(len(pre_o), len(pre_n))):
            a = pre_o[i] if i < len(pre_o) else items_o
            b = pre_n[i] if i < len(pre_n) else items_n
            self.node(a, b, (*path, f"[{i}]"))
        if structure(items_o, self.old_root) != structure(items_n, self.new_root):
            self.node(items_o, items_n, (*path, "[]"))
        self.contains(old, new, path)

    def contains(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``contains``: at least one item valid under it."""
        co, cn = old.get("contains"), new.get("contains")
        if structure(co, self.old_root) == structure(cn, self.new_root):
            return
        counted = any(k in n for n in (old, new) for k in ("minContains", "maxContains"))
        if counted:
            backward = forward = False
        elif co is None or cn is None:
            backward, forward = co is not None, co is None
        else:
            backward, forward = self.verdicts(co, cn, (*path, "[]"))
            if backward and forward:
                return
        kind = verdict_kind(
            backward, forward, ChangeKind.BOUND_TIGHTENED, ChangeKind.BOUND_LOOSENED
        )
        self.add(kind, path, backward, forward, "contains", co, cn)

    def presence(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        name: str,
        required: tuple[set[str], set[str]],
        path: tuple[str, ...],
    ) -> tuple[bool, bool]:
        """Verdicts for a property ``name`` listed on one side only (or renamed)."""
        ro, rn = required
        backward, forward = self.entails(conjuncts(old, name), conjuncts(new, name), (*path, name))
        return (
            backward and not (name in rn and name not in ro),
            forward and not (name in ro and name not in rn),
        )

    def renames(
        self, po: dict[str, Any], pn: dict[str, Any], added: list[str], removed: list[str]
    ) -> list[tuple[str, str]]:
        """Pairs (removed, added) of the same shape; taken out of ``added`` and ``removed``."""
        renamed: list[tuple[str, str]] = []
        for r in list(removed):
            shape = structure(po[r], self.old_root)
            candidates = [a for a in added if structure(pn[a], self.new_root) == shape]
            if candidates:
                best = max(candidates, key=lambda a: difflib.SequenceMatcher(None, r, a).ratio())
                renamed.append((r, best))
                removed.remove(r)
                added.remove(best)
        return renamed

    def objects(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        po = as_dict(old.get("properties"))
        pn = as_dict(new.get("properties"))
        ro = {n for n in as_list(old.get("required")) if isinstance(n, str)}
        rn = {n for n in as_list(new.get("required")) if isinstance(n, str)}
        added = [n for n in pn if n not in po]
        removed = [n for n in po if n not in pn]
        renamed = self.renames(po, pn, added, removed)
        for r, a in renamed:
            b1, f1 = self.presence(old, new, r, (ro, rn), path)
            b2, f2 = self.presence(old, new, a, (ro, rn), path)
            self.add(ChangeKind.FIELD_RENAMED, (*path, a), b1 and b2, f1 and f2, "properties", r, a)
        for a in added:
            backward, forward = self.presence(old, new, a, (ro, rn), path)
            kw = "required" if a in rn else "properties"
            self.add(ChangeKind.FIELD_ADDED, (*path, a), backward, forward, kw, None, a)
        for r in removed:
            backward, forward = self.presence(old, new, r, (ro, rn), path)
            self.add(ChangeKind.FIELD_REMOVED, (*path, r), backward, forward, "properties", r, None)
        for name in po:
            if name in pn:
                self.node(po[name], pn[name], (*path, name))
                self.patterned(old, new, name, (*path, name))
        # fields added, removed or renamed carry their requiredness in their own verdicts
        moved = {r for r, _ in renamed} | {a for _, a in renamed} | set(added) | set(removed)
        for name in sorted((rn - ro) - moved):
            self.add(ChangeKind.REQUIRED_ADDED, (*path, name), False, True, "required", False, True)
        for name in sorted((ro - rn) - moved):
            self.add(
                ChangeKind.REQUIRED_DROPPED, (*path, name), True, False, "required", True, False
            )
        self.openness(old, new, path)
        if "propertyNames" in old or "propertyNames" in new:
            self.node(
                old.get("propertyNames", True), new.get("propertyNames", True), (*path, "{names}")
            )
        self.dependencies(old, new, (ro, rn), path)

    def patterned(
        self, old: dict[str, Any], new: dict[str, Any], name: str, path: tuple[str, ...]
    ) -> None:
        """A property listed on both sides that a ``patternProperties`` entry also governs."""
        co, cn = conjuncts(old, name), conjuncts(new, name)
        if len(co) == 1 and len(cn) == 1:
            return
        backward, forward = self.entails(co, cn, path)
        if not (backward and forward):
            kind = verdict_kind(
                backward, forward, ChangeKind.OBJECT_CLOSED, ChangeKind.OBJECT_OPENED
            )
            self.add(kind, path, backward, forward, "patternProperties")

    def dependencies(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        required: tuple[set[str], set[str]],
        path: tuple[str, ...],
    ) -> None:
        """``dependentRequired`` and ``dependentSchemas``."""
        ro, rn = required
        do, dn = as_dict(old.get("dependentRequired")), as_dict(new.get("dependentRequired"))

        def needs(deps: dict[str, Any], key: str) -> set[str]:
            return {n for n in as_list(deps.get(key)) if isinstance(n, str)}

        backward = all(needs(dn, k) <= needs(do, k) | ro for k in dn)
        forward = all(needs(do, k) <= needs(dn, k) | rn for k in do)
        if not (backward and forward):
            kind = verdict_kind(
                backward, forward, ChangeKind.REQUIRED_ADDED, ChangeKind.REQUIRED_DROPPED
            )
            self.add(kind, path, backward, forward, "dependentRequired", do or None, dn or None)
        so, sn = as_dict(old.get("dependentSchemas")), as_dict(new.get("dependentSchemas"))
        for key in sorted(set(so) | set(sn)):
            self.node(so.get(key, True), sn.get(key, True), (*path, f"{{{key}?}}"))

    def openness(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        ap_o, ap_n = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if isinstance(ap_o, bool) and isinstance(ap_n, bool):
            if ap_o and not ap_n:
                self.add(
                    ChangeKind.OBJECT_CLOSED, path, False, True, "additionalProperties", True, False
                )
            elif ap_n and not ap_o:
                self.add(
                    ChangeKind.OBJECT_OPENED, path, True, False, "additionalProperties", False, True
                )
        elif structure(ap_o, self.old_root) != structure(ap_n, self.new_root):
            self.node(ap_o, ap_n, (*path, "{additional}"))
        pp_o = as_dict(old.get("patternProperties"))
        pp_n = as_dict(new.get("patternProperties"))
        for pat in pp_n:
            if pat in pp_o:
                self.node(pp_o[pat], pp_n[pat], (*path, f"{{/{pat}/}}"))
        for pat in pp_n:
            if pat not in pp_o:
                # names matching a new pattern were governed by old patterns or additionalProperties
                base = narrowed_from(pat, pp_o)
                cands = [pp_o[base]] if base is not None else [*pp_o.values(), ap_o]
                bwd, fwd = self._against(cands, pp_n[pat], path, old_side=True)
                self._open_close(path, bwd, fwd, None, pat)
        for pat in pp_o:
            if pat not in pp_n:
                # names of a pattern widened (1.1.0's extension keys) keep their schema
                base = narrowed_from(pat, pp_n) or widened_to(pat, pp_n)
                cands = [pp_n[base]] if base is not None else [*pp_n.values(), ap_n]
                bwd, fwd = self._against(cands, pp_o[pat], path, old_side=False)
                self._open_close(path, bwd, fwd, pat, None)

    def _against(
        self, candidates: list[Any], schema: Any, path: tuple[str, ...], old_side: bool
    ) -> tuple[bool, bool]:
        """Verdicts of a pattern's schema against what governed (or will govern) the same names."""
        bwd = fwd = True
        for cand in candidates:
            if cand is False:
                # these names were (or become) refused outright
                if old_side:
                    fwd = fwd and structure(schema, self.new_root) is False
                else:
                    bwd = bwd and structure(schema, self.old_root) is False
                continue
            subs = self.sub(cand, schema, path) if old_side else self.sub(schema, cand, path)
            bwd = bwd and all(c.backward for c in subs)
            fwd = fwd and all(c.forward for c in subs)
        return bwd, fwd

    def _open_close(self, path: tuple[str, ...], bwd: bool, fwd: bool, old: Any, new: Any) -> None:
        if bwd and fwd:
            return
        if not bwd and not fwd:
            kind = ChangeKind.CONSTRAINT_CHANGED
        else:
            kind = ChangeKind.OBJECT_CLOSED if not bwd else ChangeKind.OBJECT_OPENED
        self.add(kind, path, bwd, fwd, "patternProperties", old, new)
