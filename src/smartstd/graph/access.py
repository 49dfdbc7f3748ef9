"""Access through grants, delegations and agreements, with the reasons.

"May organisation X perform action A on data category C for purpose P on
date D?" An organisation may when it holds a grant on C whose whole chain
holds on D:

* the grant includes A, is for P (any purpose when none is asked), and P
  declares C;
* the grant is in force on D;
* a sensitive category has a legal basis accepted for sensitive data (SC608);
* the agreement the grant rests on exists, the holder is party to it, it is
  in force on D and covers P and C; a processor's grant needs one (SC609);
* a delegated grant's source exists, covers the same category, purpose and
  action, and passes all of the above in its turn, up to an original grant.
  A chain that loops never reaches an origin.

Each condition checked is a :class:`Step`, rendered in zh-CN or en; the
first failing step is the missing link. Chains are followed iteratively, so
a loop of 10,000 delegations is no problem; :meth:`AccessEvaluator.effective`
settles every grant at once in linear time.

数据访问判断：沿授权、转授和协议链逐项核对，给出理由或缺失环节。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from smartstd.graph._params import Params, strings
from smartstd.graph.model import Charter
from smartstd.graph.validity import in_force, standing
from smartstd.standard.codes import CODE_LISTS
from smartstd.standard.governance import DataAccessGrant

__all__ = ["AccessEvaluator", "AccessPath", "Explanation", "Step"]

#: Step texts: code -> (zh-CN, en).
STEP_TEXTS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "grant": (
            "授权 {grant}：{organization} 可对 {category} 执行 {actions}（目的 {grant_purpose}）",
            "grant {grant}: {organization} may {actions} {category} (purpose {grant_purpose})",
        ),
        "no-grant": (
            "{organization} 没有关于数据类别 {category} 的授权",
            "{organization} holds no grant on data category {category}",
        ),
        "unknown-organization": (
            "组织 {organization} 不在章程中",
            "organisation {organization} is not in the charter",
        ),
        "action": ("授权 {grant} 包含操作 {action}", "grant {grant} includes {action}"),
        "action-missing": (
            "授权 {grant} 不包含操作 {action}（只有 {actions}）",
            "grant {grant} does not include {action} (only {actions})",
        ),
        "category-mismatch": (
            "授权 {grant} 针对 {grant_category}，不是 {category}",
            "grant {grant} is on {grant_category}, not {category}",
        ),
        "purpose-mismatch": (
            "授权 {grant} 的目的是 {grant_purpose}，不是 {purpose}",
            "grant {grant} is for purpose {grant_purpose}, not {purpose}",
        ),
        "purpose-declares": (
            "目的 {purpose} 声明了数据类别 {category}",
            "purpose {purpose} declares data category {category}",
        ),
        "purpose-undeclared": (
            "目的 {purpose} 没有声明数据类别 {category}",
            "purpose {purpose} does not declare data category {category}",
        ),
        "purpose-unknown": ("目的 {purpose} 不在章程中", "purpose {purpose} is not in the charter"),
        "in-force": (
            "授权 {grant} 在 {on} 有效（{valid_from} 至 {valid_until}）",
            "grant {grant} is in force on {on} ({valid_from} to {valid_until})",
        ),
        "not-in-force": (
            "授权 {grant} 在 {on} 无效（{valid_from} 至 {valid_until}）",
            "grant {grant} is not in force on {on} ({valid_from} to {valid_until})",
        ),
        "never-in-force": (
            "授权 {grant} 的有效期颠倒（{valid_from} 至 {valid_until}），从不生效",
            "grant {grant} ends before it begins ({valid_from} to {valid_until}) and is never in "
            "force",
        ),
        "basis": (
            "敏感类别 {category} 有合法性基础 {basis}",
            "sensitive category {category} has legal basis {basis}",
        ),
        "basis-missing": (
            "敏感类别 {category} 需要 {allowed} 之一作为合法性基础，授权 {grant} 为 {basis}",
            "sensitive category {category} needs a legal basis among {allowed}; grant {grant} "
            "has {basis}",
        ),
        "agreement": (
            "授权 {grant} 依据协议 {agreement}，{organization} 是协议一方，协议有效",
            "grant {grant} rests on agreement {agreement}, to which {organization} is party, in "
            "force",
        ),
        "agreement-unknown": (
            "授权 {grant} 依据的协议 {agreement} 不在章程中",
            "agreement {agreement} of grant {grant} is not in the charter",
        ),
        "agreement-not-party": (
            "{organization} 不是协议 {agreement} 的一方",
            "{organization} is not party to agreement {agreement}",
        ),
        "agreement-not-in-force": (
            "协议 {agreement} 在 {on} 无效（{valid_from} 至 {valid_until}）",
            "agreement {agreement} is not in force on {on} ({valid_from} to {valid_until})",
        ),
        "agreement-purpose": (
            "协议 {agreement} 未涵盖目的 {purpose}",
            "agreement {agreement} does not cover purpose {purpose}",
        ),
        "agreement-category": (
            "协议 {agreement} 未涵盖数据类别 {category}",
            "agreement {agreement} does not cover data category {category}",
        ),
        "agreement-required": (
            "{organization} 以 {legal_role} 身份处理数据，但授权 {grant} 没有依据任何协议",
            "{organization} acts as {legal_role}, but grant {grant} rests on no agreement",
        ),
        "delegation": (
            "授权 {grant} 由 {source}（{holder} 持有）转授",
            "grant {grant} is delegated from {source}, held by {holder}",
        ),
        "source-unknown": (
            "授权 {grant} 的转授来源 {source} 不在章程中",
            "grant {grant} is delegated from {source}, which is not in the charter",
        ),
        "cycle": (
            "转授链回到了 {source}，没有原始授权",
            "the delegation chain loops back to {source}; there is no original grant",
        ),
        "root": (
            "授权 {grant} 是原始授权（非转授）",
            "grant {grant} is an original grant (not delegated)",
        ),
    }
)

_ANY = {"zh-CN": "任何日期", "en": "any date"}
_OPEN = "…"


def _action_label(action: str, lang: str) -> str:
    codes = CODE_LISTS.get("data_action")
    entry = codes.get(action) if codes is not None else None
    if entry is None:
        return action
    return entry.label(lang).lower() if not lang.startswith("zh") else entry.label(lang)


def _fmt(value: Any, lang: str) -> str:
    if value is None:
        return _OPEN
    if isinstance(value, (list, tuple)):
        return ("、" if lang.startswith("zh") else ", ").join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Step:
    """One condition checked on the way to an answer.

    Attributes:
        code: what was checked (a key of :data:`STEP_TEXTS`).
        ok: whether it holds.
        params: the values it names (plain JSON values).
    """

    code: str
    ok: bool
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        """The step in ``lang`` (``zh-CN`` or ``en``)."""
        zh = lang.lower().startswith("zh")
        template = STEP_TEXTS[self.code][0 if zh else 1]
        values = {k: _fmt(v, lang) for k, v in self.params.items()}
        if "action" in self.params and isinstance(self.params["action"], str):
            values["action"] = _action_label(self.params["action"], "zh-CN" if zh else "en")
        if "actions" in self.params and isinstance(self.params["actions"], (list, tuple)):
            sep = "、" if zh else ", "
            values["actions"] = sep.join(
                _action_label(a, "zh-CN" if zh else "en") for a in self.params["actions"]
            )
        if self.params.get("on", "") is None:
            values["on"] = _ANY["zh-CN" if zh else "en"]
        return template.format(**values)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready dictionary (with the text when ``lang`` is given)."""
        out: dict[str, Any] = {"code": self.code, "ok": self.ok, "params": dict(self.params)}
        if lang is not None:
            out["text"] = self.text(lang)
        return out


@dataclass(frozen=True)
class Explanation:
    """The answer to "may X do A on C for P on D", with the reasons.

    Attributes:
        organization: X.
        action: A (``None``: any action).
        category: C.
        purpose: P (``None``: any purpose).
        on: D (``None``: dates ignored).
        allowed: the answer.
        steps: the conditions checked along the deciding chain (when
            allowed) or along the chain that came closest (when not).
        chain: the grant ids of that chain, holder's grant first.
        alternatives: how many other grants were tried.
    """

    organization: str
    action: str | None
    category: str
    purpose: str | None
    on: dt.date | None
    allowed: bool
    steps: tuple[Step, ...]
    chain: tuple[str, ...] = ()
    alternatives: int = 0

    @property
    def missing(self) -> Step | None:
        """The missing link: the first step that does not hold (``None`` when allowed)."""
        return next((s for s in self.steps if not s.ok), None)

    def headline(self, lang: str = "en") -> str:
        """The answer in one sentence."""
        zh = lang.lower().startswith("zh")
        on = self.on.isoformat() if self.on is not None else _ANY["zh-CN" if zh else "en"]
        act = (
            _action_label(self.action, "zh-CN" if zh else "en")
            if self.action
            else ("处理" if zh else "process")
        )
        if zh:
            purpose = f"为目的 {self.purpose} " if self.purpose else ""
            verdict = "是" if self.allowed else "否"
            may = "可以" if self.allowed else "不可以"
            what = f"{purpose}{act}数据类别 {self.category}"
            return f"{verdict}：{self.organization} {may}在 {on} {what}。"
        purpose = f" for purpose {self.purpose}" if self.purpose else ""
        verdict = "Yes" if self.allowed else "No"
        may = "may" if self.allowed else "may not"
        target = f"data category {self.category}{purpose}"
        return f"{verdict}: {self.organization} {may} {act} {target} on {on}."

    def text(self, lang: str = "en") -> str:
        """The answer, each step (✓ holds, ✗ does not) and the missing link, in ``lang``."""
        zh = lang.lower().startswith("zh")
        lines = [self.headline(lang)]
        for step in self.steps:
            lines.append(f"  {'✓' if step.ok else '✗'} {step.text(lang)}")
        missing = self.missing
        if missing is not None:
            lines.append(("缺失环节：" if zh else "Missing link: ") + missing.text(lang))
        if self.alternatives and not self.allowed:
            lines.append(
                f"（另有 {self.alternatives} 项授权也不满足）"
                if zh
                else f"({self.alternatives} other grant(s) on this category do not hold either)"
            )
        return "\n".join(lines) + "\n"

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready dictionary; with ``lang``, texts in both languages are added."""
        out: dict[str, Any] = {
            "organization": self.organization,
            "action": self.action,
            "category": self.category,
            "purpose": self.purpose,
            "on": self.on.isoformat() if self.on is not None else None,
            "allowed": self.allowed,
            "chain": list(self.chain),
            "steps": [s.to_dict(lang) for s in self.steps],
            "missing": self.missing.to_dict(lang) if self.missing is not None else None,
        }
        if lang is not None:
            out["answer"] = {"zh-CN": self.headline("zh-CN"), "en": self.headline("en")}
        return out


@dataclass(frozen=True, order=True)
class AccessPath:
    """One access that the charter allows: who may do what on which category for which purpose.

    Attributes:
        organization: the holder.
        action: the action.
        category: the data category.
        purpose: the purpose.
        via: the holder's grant (its chain leads to an original grant).
    """

    organization: str
    action: str
    category: str
    purpose: str
    via: str = field(compare=False, default="")

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The path without the grant it goes through."""
        return (self.organization, self.action, self.category, self.purpose)


class AccessEvaluator:
    """Decides access questions on one charter (see the module docstring)."""

    def __init__(self, charter: Charter, params: Params | None = None) -> None:
        self.charter = charter
        self.params = params
        self.sensitivities = strings(params, "SC608", "sensitivities")
        self.sensitive_bases = strings(params, "SC608", "sensitive_bases")
        self.processor_roles = strings(params, "SC609", "processor_roles")
        self._effective: dict[dt.date | None, dict[str, frozenset[str]]] = {}

    # -- conditions of one grant, without its delegation

    def is_sensitive(self, category_id: str) -> bool:
        """Whether a category is sensitive (its sensitivity, or a sensitive kind)."""
        cat = self.charter.categories.get(category_id)
        return cat is not None and (
            cat.sensitivity in self.sensitivities or cat.sensitive_kind is not None
        )

    def own_steps(self, g: DataAccessGrant, on: dt.date | None, first: bool) -> Iterator[Step]:
        """The conditions of one grant that do not depend on its source; stops after a failure."""
        charter = self.charter
        base = {"grant": g.id}
        if first:
            pur = charter.purposes.get(g.purpose_id)
            if pur is None:
                yield Step("purpose-unknown", False, {"purpose": g.purpose_id})
                return
            if g.data_category_id not in pur.data_category_ids:
                yield Step(
                    "purpose-undeclared",
                    False,
                    {"purpose": g.purpose_id, "category": g.data_category_id},
                )
                return
            yield Step(
                "purpose-declares", True, {"purpose": g.purpose_id, "category": g.data_category_id}
            )
        dates = {"valid_from": _iso(g.valid_from), "valid_until": _iso(g.valid_until)}
        if g.valid_from is not None and g.valid_until is not None and g.valid_until < g.valid_from:
            yield Step("never-in-force", False, {**base, **dates})
            return
        if on is not None:
            if not in_force(g, on):
                yield Step("not-in-force", False, {**base, "on": on.isoformat(), **dates})
                return
            yield Step("in-force", True, {**base, "on": on.isoformat(), **dates})
        if self.is_sensitive(g.data_category_id):
            if g.legal_basis not in self.sensitive_bases:
                yield Step(
                    "basis-missing",
                    False,
                    {
                        **base,
                        "category": g.data_category_id,
                        "basis": g.legal_basis or "none",
                        "allowed": sorted(self.sensitive_bases),
                    },
                )
                return
            yield Step("basis", True, {"category": g.data_category_id, "basis": g.legal_basis})
        if g.agreement_id is None:
            if g.legal_role in self.processor_roles:
                yield Step(
                    "agreement-required",
                    False,
                    {**base, "organization": g.organization_id, "legal_role": g.legal_role},
                )
            return
        agr = charter.agreements.get(g.agreement_id)
        ab = {**base, "agreement": g.agreement_id}
        if agr is None:
            yield Step("agreement-unknown", False, ab)
            return
        if g.organization_id not in agr.party_ids:
            yield Step("agreement-not-party", False, {**ab, "organization": g.organization_id})
            return
        if standing(g, on, charter.agreements).startswith("agreement-"):
            yield Step(
                "agreement-not-in-force",
                False,
                {
                    **ab,
                    "on": on.isoformat() if on is not None else None,
                    "valid_from": _iso(agr.valid_from),
                    "valid_until": _iso(agr.valid_until),
                },
            )
            return
        if agr.purpose_ids and g.purpose_id not in agr.purpose_ids:
            yield Step("agreement-purpose", False, {**ab, "purpose": g.purpose_id})
            return
        if agr.data_category_ids and g.data_category_id not in agr.data_category_ids:
            yield Step("agreement-category", False, {**ab, "category": g.data_category_id})
            return
        yield Step("agreement", True, {**ab, "organization": g.organization_id})

    def _own_ok(self, g: DataAccessGrant, on: dt.date | None, first: bool) -> bool:
        return all(s.ok for s in self.own_steps(g, on, first))

    # -- one chain

    def chain_steps(
        self,
        grant_id: str,
        *,
        action: str | None,
        category: str,
        purpose: str | None,
        on: dt.date | None,
    ) -> tuple[bool, list[Step], list[str]]:
        """Follow one grant's chain; return (holds, steps, grant ids of the chain)."""
        charter = self.charter
        steps: list[Step] = []
        chain: list[str] = []
        seen: set[str] = set()
        g = charter.grants[grant_id]
        want_purpose = purpose if purpose is not None else g.purpose_id
        first = True
        while True:
            seen.add(g.id)
            chain.append(g.id)
            if first:
                steps.append(
                    Step(
                        "grant",
                        True,
                        {
                            "grant": g.id,
                            "organization": g.organization_id,
                            "category": g.data_category_id,
                            "actions": list(g.actions),
                            "grant_purpose": g.purpose_id,
                        },
                    )
                )
            if g.data_category_id != category:
                steps.append(
                    Step(
                        "category-mismatch",
                        False,
                        {"grant": g.id, "grant_category": g.data_category_id, "category": category},
                    )
                )
                return False, steps, chain
            if action is not None:
                if action not in g.actions:
                    steps.append(
                        Step(
                            "action-missing",
                            False,
                            {"grant": g.id, "action": action, "actions": list(g.actions)},
                        )
                    )
                    return False, steps, chain
                steps.append(Step("action", True, {"grant": g.id, "action": action}))
            if g.purpose_id != want_purpose:
                steps.append(
                    Step(
                        "purpose-mismatch",
                        False,
                        {"grant": g.id, "grant_purpose": g.purpose_id, "purpose": want_purpose},
                    )
                )
                return False, steps, chain
            for step in self.own_steps(g, on, first):
                steps.append(step)
                if not step.ok:
                    return False, steps, chain
            src_id = g.delegated_from_id
            if src_id is None:
                steps.append(Step("root", True, {"grant": g.id}))
                return True, steps, chain
            if src_id in seen:
                steps.append(Step("cycle", False, {"grant": g.id, "source": src_id}))
                return False, steps, chain
            src = charter.grants.get(src_id)
            if src is None:
                steps.append(Step("source-unknown", False, {"grant": g.id, "source": src_id}))
                return False, steps, chain
            steps.append(
                Step(
                    "delegation",
                    True,
                    {"grant": g.id, "source": src_id, "holder": src.organization_id},
                )
            )
            g = src
            first = False

    # -- questions

    def explain(
        self,
        organization: str,
        action: str | None,
        category: str,
        purpose: str | None = None,
        on: dt.date | None = None,
    ) -> Explanation:
        """May ``organization`` do ``action`` on ``category`` for ``purpose`` on ``on``?

        ``action=None`` asks for any action, ``purpose=None`` for any purpose,
        ``on=None`` ignores dates.
        """
        idx = self.charter.index
        held = [
            g for g in idx.grants_by_org.get(organization, ()) if g.data_category_id == category
        ]
        if not held:
            if (
                organization not in self.charter.organizations
                and organization not in idx.grants_by_org
            ):
                step = Step("unknown-organization", False, {"organization": organization})
            else:
                step = Step("no-grant", False, {"organization": organization, "category": category})
            return Explanation(organization, action, category, purpose, on, False, (step,))
        effective = self.effective(on)
        for g in held:
            actions = effective.get(g.id, frozenset())
            if (
                actions
                and (action is None or action in actions)
                and (purpose is None or g.purpose_id == purpose)
            ):
                ok, steps, chain = self.chain_steps(
                    g.id, action=action, category=category, purpose=purpose, on=on
                )
                if ok:  # always, as effective() agrees with chain_steps()
                    return Explanation(
                        organization,
                        action,
                        category,
                        purpose,
                        on,
                        True,
                        tuple(steps),
                        tuple(chain),
                        len(held) - 1,
                    )
        if purpose is not None:
            held.sort(key=lambda g: g.purpose_id != purpose)
        best: tuple[int, list[Step], list[str]] | None = None
        budget = _BUDGET
        for g in held[:_TRIED]:
            ok, steps, chain = self.chain_steps(
                g.id, action=action, category=category, purpose=purpose, on=on
            )
            score = sum(1 for s in steps if s.ok)
            if best is None or score > best[0]:
                best = (score, steps, chain)
            budget -= len(steps)
            if budget <= 0:
                break
        assert best is not None
        return Explanation(
            organization,
            action,
            category,
            purpose,
            on,
            False,
            tuple(best[1]),
            tuple(best[2]),
            len(held) - 1,
        )

    def effective(self, on: dt.date | None) -> dict[str, frozenset[str]]:
        """For every grant, the actions its whole chain allows on ``on`` (empty: none).

        Linear in the number of grants: each chain is walked once, iteratively,
        and the result of a source is reused by everything delegated from it.
        """
        cached = self._effective.get(on)
        if cached is not None:
            return cached
        grants = self.charter.grants
        memo: dict[str, frozenset[str] | None] = {}
        for start in grants:
            if start in memo:
                continue
            path: list[str] = []
            on_path: set[str] = set()
            cur: str | None = start
            base: frozenset[str] | None
            while True:
                if cur is None:
                    base = _ROOT
                    break
                if cur in memo:
                    base = memo[cur]
                    break
                g = grants.get(cur)
                if g is None or cur in on_path:
                    base = None
                    break
                path.append(cur)
                on_path.add(cur)
                cur = g.delegated_from_id
            source_id: str | None = cur
            for gid in reversed(path):
                g = grants[gid]
                value: frozenset[str] | None
                if base is None or not self._own_ok(g, on, True):
                    value = None
                elif base is _ROOT:
                    value = frozenset(g.actions)
                else:
                    src = grants[source_id] if source_id is not None else None
                    if (
                        src is None
                        or src.data_category_id != g.data_category_id
                        or src.purpose_id != g.purpose_id
                    ):
                        value = None
                    else:
                        value = frozenset(g.actions) & base
                memo[gid] = value
                base = value
                source_id = gid
        out = {gid: (v or frozenset()) for gid, v in memo.items()}
        self._effective[on] = out
        return out

    def paths(self, on: dt.date | None) -> list[AccessPath]:
        """Every access the charter allows on ``on`` (``None``: dates ignored), sorted."""
        grants = self.charter.grants
        out = [
            AccessPath(
                grants[gid].organization_id,
                a,
                grants[gid].data_category_id,
                grants[gid].purpose_id,
                gid,
            )
            for gid, actions in self.effective(on).items()
            for a in sorted(actions)
        ]
        out.sort()
        return out

    def who_may(
        self, action: str | None, category: str, purpose: str | None, on: dt.date | None
    ) -> dict[str, str]:
        """Who may do ``action`` on ``category`` (for ``purpose``): organisation -> a grant."""
        eff = self.effective(on)
        out: dict[str, str] = {}
        for g in self.charter.index.grants_by_category.get(category, ()):
            actions = eff.get(g.id, frozenset())
            if not actions or (action is not None and action not in actions):
                continue
            if purpose is not None and g.purpose_id != purpose:
                continue
            out.setdefault(g.organization_id, g.id)
        return dict(sorted(out.items()))


_ROOT: frozenset[str] = frozenset({"\0root"})

#: When nothing allows it, the missing link is looked for along at most this many grants
#: and steps (the other grants are counted, not followed).
_TRIED = 16
_BUDGET = 20_000


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
