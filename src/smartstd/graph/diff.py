"""Change impact: what a new version of a charter really grants, and what it takes away.

:func:`diff` compares two charters (two versions of ``charter.yaml``, or two
datasets) and lists

* the **access paths** gained and lost: who may now do which action on which
  data category for which purpose (judged as :func:`~smartstd.graph.queries.explain`
  does: through the whole chain of grants, delegations and agreements), each
  with the grant it goes through;
* the **role changes**: for each domain and RACI role, the holders before and
  after, so changed accountable parties stand out;
* the **benefits and obligations** gained and lost, by agreement and party,
  and the parties left *unbalanced*: a party that loses a benefit it had
  under an agreement while none of its obligations there goes (the study asks
  for every party's responsibilities and benefits to be fixed in advance, so
  a change that takes only what a party gains is the one to look at).

So a street office sees what a new agreement really grants before signing.
Dates are ignored unless ``on`` is given (then both are judged on that date).

章程变更影响：新增和失去的数据访问路径，以及各领域负责方等角色的变化。
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from smartstd.graph._params import Params
from smartstd.graph.access import AccessEvaluator, AccessPath
from smartstd.graph.index import RACI_ROLES
from smartstd.graph.model import Charter, GraphSource, as_charter
from smartstd.graph.validity import in_force

__all__ = ["DIFF_POLICIES", "CharterDiff", "RoleChange", "TermChange", "diff"]

#: When ``smartstd graph diff`` exits 1: ``any`` change, only a party left
#: unbalanced (``benefit-loss``), or ``never``.
DIFF_POLICIES: tuple[str, ...] = ("any", "benefit-loss", "never")


@dataclass(frozen=True)
class TermChange:
    """A benefit or an obligation of one party under one agreement, gained or lost.

    Attributes:
        agreement: the agreement.
        organization: the party.
        term: ``benefit`` or ``obligation``.
        change: ``gained`` or ``lost``.
        kind: the benefit's kind (``None`` for an obligation).
        description: the description, by language (may be empty).
    """

    agreement: str
    organization: str
    term: str
    change: str
    kind: str | None
    description: tuple[tuple[str, str], ...] = ()

    def label(self, lang: str = "en") -> str:
        """The benefit's kind and description, or the obligation's description."""
        texts = dict(self.description)
        zh = lang.lower().startswith("zh")
        text = (texts.get("zh-CN") if zh else texts.get("en")) or next(iter(texts.values()), "")
        if self.kind is None:
            return text or "-"
        return f"{self.kind}: {text}" if text else self.kind

    def text(self, lang: str = "en") -> str:
        """The change in one line."""
        sign = "+" if self.change == "gained" else "-"
        if lang.lower().startswith("zh"):
            what = "收益" if self.term == "benefit" else "义务"
            return (
                f"{sign} {self.organization} 在协议 {self.agreement} 中的{what}：{self.label(lang)}"
            )
        return f"{sign} {self.organization} {self.term} under {self.agreement}: {self.label(lang)}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "agreement": self.agreement,
            "organization": self.organization,
            "term": self.term,
            "change": self.change,
            "kind": self.kind,
            "description": dict(self.description),
        }


@dataclass(frozen=True)
class RoleChange:
    """The holders of one role in one domain, before and after.

    Attributes:
        domain: the domain.
        role: the RACI role.
        before: the holders in the old charter (sorted).
        after: the holders in the new charter (sorted).
    """

    domain: str
    role: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    def text(self, lang: str = "en") -> str:
        """The change in one line."""
        zh = lang.lower().startswith("zh")
        none = "无" if zh else "none"
        b = ", ".join(self.before) or none
        a = ", ".join(self.after) or none
        if zh:
            return f"{self.domain} 的 {self.role}：{b} → {a}"
        return f"{self.domain} {self.role}: {b} → {a}"


@dataclass(frozen=True)
class CharterDiff:
    """The change impact of a new charter.

    Attributes:
        gained: access paths the new charter allows and the old did not.
        lost: access paths the old charter allowed and the new does not.
        role_changes: RACI holders that changed, by domain and role.
        on: the date both were judged on (``None``: dates ignored).
    """

    gained: tuple[AccessPath, ...]
    lost: tuple[AccessPath, ...]
    role_changes: tuple[RoleChange, ...]
    on: dt.date | None = None
    term_changes: tuple[TermChange, ...] = ()

    @property
    def unbalanced(self) -> tuple[tuple[str, str], ...]:
        """``(agreement, organisation)`` of each party that lost a benefit but no obligation.

        The party still owes something under that agreement after the change
        (an agreement dropped whole, or a party dropped from it, is no
        imbalance).
        """
        lost_b = {(c.agreement, c.organization) for c in self._terms("benefit", "lost")}
        lost_o = {(c.agreement, c.organization) for c in self._terms("obligation", "lost")}
        return tuple(sorted(k for k in lost_b - lost_o if k in self.owing))

    owing: frozenset[tuple[str, str]] = frozenset()

    def _terms(self, term: str, change: str) -> list[TermChange]:
        return [c for c in self.term_changes if c.term == term and c.change == change]

    def fails(self, policy: str = "any") -> bool:
        """Whether the change fails under ``policy`` (see :data:`DIFF_POLICIES`)."""
        if policy == "never":
            return False
        if policy == "benefit-loss":
            return bool(self.unbalanced)
        return self.changed

    @property
    def accountable_changes(self) -> tuple[RoleChange, ...]:
        """The changes of accountable parties."""
        return tuple(c for c in self.role_changes if c.role == "accountable")

    @property
    def changed(self) -> bool:
        """Whether anything changed."""
        return bool(self.gained or self.lost or self.role_changes or self.term_changes)

    def text(self, lang: str = "en") -> str:
        """A plain text summary in ``lang``."""
        return self._render(lang, markdown=False)

    def to_markdown(self, lang: str = "en") -> str:
        """A Markdown summary in ``lang``."""
        return self._render(lang, markdown=True)

    def _render(self, lang: str, markdown: bool) -> str:
        zh = lang.lower().startswith("zh")
        head = "## " if markdown else ""
        item = "- " if markdown else "  "
        lines: list[str] = []
        if not self.changed:
            return (
                "章程的访问路径、职责、收益和义务都没有变化。"
                if zh
                else "No access path, role, benefit or obligation changed."
            ) + "\n"

        def path_line(sign: str, p: AccessPath) -> str:
            via = f"（经 {p.via}）" if zh else f" (via {p.via})"
            if zh:
                who = f"{item}{sign} {p.organization}"
                return f"{who} 可为 {p.purpose} 对 {p.category} 执行 {p.action}{via}"
            return f"{item}{sign} {p.organization} may {p.action} {p.category} for {p.purpose}{via}"

        sections = (
            (
                "新增访问路径" if zh else "New access paths",
                [path_line("+", p) for p in self.gained],
            ),
            (
                "失去的访问路径" if zh else "Lost access paths",
                [path_line("-", p) for p in self.lost],
            ),
            (
                "负责方变化" if zh else "Changed accountable parties",
                [item + c.text(lang) for c in self.accountable_changes],
            ),
            (
                "其他角色变化" if zh else "Other role changes",
                [item + c.text(lang) for c in self.role_changes if c.role != "accountable"],
            ),
            (
                "收益变化" if zh else "Benefits changed",
                [item + c.text(lang) for c in self.term_changes if c.term == "benefit"],
            ),
            (
                "义务变化" if zh else "Obligations changed",
                [item + c.text(lang) for c in self.term_changes if c.term == "obligation"],
            ),
            (
                "失去收益而义务未减的协议方"
                if zh
                else "Parties losing a benefit but no obligation",
                [
                    item
                    + (
                        f"{org} 在协议 {agr} 中失去收益，义务不变"
                        if zh
                        else f"{org} under {agr}: a benefit lost, every obligation kept"
                    )
                    for agr, org in self.unbalanced
                ],
            ),
        )
        for title, entries in sections:
            if entries:
                lines.append(
                    f"{head}{title} ({len(entries)})"
                    if not zh
                    else f"{head}{title}（{len(entries)}）"
                )
                lines.extend(entries)
                lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""

        def path(p: AccessPath) -> dict[str, str]:
            return {
                "organization": p.organization,
                "action": p.action,
                "category": p.category,
                "purpose": p.purpose,
                "via": p.via,
            }

        return {
            "on": self.on.isoformat() if self.on is not None else None,
            "changed": self.changed,
            "gained": [path(p) for p in self.gained],
            "lost": [path(p) for p in self.lost],
            "role_changes": [
                {
                    "domain": c.domain,
                    "role": c.role,
                    "before": list(c.before),
                    "after": list(c.after),
                }
                for c in self.role_changes
            ],
            "benefit_changes": [c.to_dict() for c in self.term_changes if c.term == "benefit"],
            "obligation_changes": [
                c.to_dict() for c in self.term_changes if c.term == "obligation"
            ],
            "unbalanced": [{"agreement": a, "organization": o} for a, o in self.unbalanced],
        }


def _roles(charter: Charter, on: dt.date | None) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for a in charter.assignments.values():
        if in_force(a, on):
            out.setdefault((a.domain_id, a.role), set()).add(a.organization_id)
    return out


_Term = tuple[str, str, str, str | None, tuple[tuple[str, str], ...]]


def _terms(charter: Charter, on: dt.date | None) -> tuple[set[_Term], set[tuple[str, str]]]:
    """Every benefit and obligation of the agreements in force, and who owes something where."""
    terms: set[_Term] = set()
    owing: set[tuple[str, str]] = set()
    for agr in charter.agreements.values():
        if not in_force(agr, on):
            continue
        for b in agr.benefits:
            text = tuple(sorted((b.description or {}).items()))
            terms.add((agr.id, b.organization_id, "benefit", b.kind, text))
        for o in agr.obligations:
            text = tuple(sorted(o.description.items()))
            terms.add((agr.id, o.organization_id, "obligation", None, text))
            owing.add((agr.id, o.organization_id))
    return terms, owing


def diff(
    old: GraphSource, new: GraphSource, *, on: dt.date | None = None, params: Params | None = None
) -> CharterDiff:
    """Compare two charters: access paths, RACI holders, benefits and obligations.

    Args:
        old: the charter before (anything :func:`~smartstd.graph.model.as_charter` accepts).
        new: the charter after.
        on: judge both on this date (default: dates ignored).
        params: rule parameters (as for :func:`~smartstd.graph.queries.explain`).
    """
    a, b = as_charter(old), as_charter(new)
    pa = {p.key: p for p in AccessEvaluator(a, params).paths(on)}
    pb = {p.key: p for p in AccessEvaluator(b, params).paths(on)}
    gained = tuple(pb[k] for k in sorted(pb.keys() - pa.keys()))
    lost = tuple(pa[k] for k in sorted(pa.keys() - pb.keys()))
    ra, rb = _roles(a, on), _roles(b, on)
    order = {r: i for i, r in enumerate(RACI_ROLES)}
    changes = []
    for key in sorted(ra.keys() | rb.keys(), key=lambda k: (k[0], order.get(k[1], 9))):
        before, after = ra.get(key, set()), rb.get(key, set())
        if before != after:
            changes.append(RoleChange(key[0], key[1], tuple(sorted(before)), tuple(sorted(after))))
    ta, _owing_before = _terms(a, on)
    tb, owing = _terms(b, on)
    terms = [
        TermChange(agr, org, term, change, kind, text)
        for change, items in (("lost", ta - tb), ("gained", tb - ta))
        for agr, org, term, kind, text in items
    ]
    terms.sort(
        key=lambda t: (t.agreement, t.organization, t.term, t.change, t.kind or "", t.description)
    )
    return CharterDiff(gained, lost, tuple(changes), on, tuple(terms), frozenset(owing))
