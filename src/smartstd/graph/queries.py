"""Questions to the charter, answered with reasons in zh-CN and en.

* :func:`who`: who is accountable, responsible, consulted and informed for a
  domain on a date, each holder with the assignment that makes it so (and
  the domain it is inherited from, for a sub-domain without its own);
* :func:`raci`: the RACI matrix of the whole charter, as a text table,
  Markdown or CSV;
* :func:`explain`: may organisation X perform action A on data category C for
  purpose P on date D, yes or no, with the chain of grants, delegations and
  agreements that decides it, or the missing link.

章程问答：谁负责、RACI 矩阵、某组织能否为某目的对某类数据执行某操作（附理由）。
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smartstd.errors import UsageError
from smartstd.graph._params import Params
from smartstd.graph.access import AccessEvaluator, Explanation
from smartstd.graph.index import RACI_ROLES
from smartstd.graph.model import GraphSource, as_charter
from smartstd.graph.validity import in_force_under
from smartstd.standard.domains import CORE_DOMAINS

__all__ = ["Holder", "RaciMatrix", "explain", "raci", "who"]

_ROLE_ZH = {
    "accountable": "负责方（A）",
    "responsible": "执行方（R）",
    "consulted": "咨询方（C）",
    "informed": "知会方（I）",
}
_LETTER = {"accountable": "A", "responsible": "R", "consulted": "C", "informed": "I"}


@dataclass(frozen=True)
class Holder:
    """An organisation holding a RACI role in a domain, and why.

    Attributes:
        organization: the organisation.
        role: ``accountable``, ``responsible``, ``consulted`` or ``informed``.
        domain: the domain asked about.
        via_domain: the domain the assignment is on (an ancestor when inherited).
        assignment: the assignment's id.
        lead: whether it is the lead among several responsible parties.
        valid_from: when the assignment begins (``None``: open).
        valid_until: when it ends (``None``: open).
        names: the organisation's name by language (``zh-CN``, ``en``), when known.
    """

    organization: str
    role: str
    domain: str
    via_domain: str
    assignment: str
    lead: bool = False
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    names: tuple[tuple[str, str], ...] = ()

    def name(self, lang: str = "en") -> str:
        """The organisation's name in ``lang`` beside its id: ``名称 (id)``."""
        names = dict(self.names)
        label = names.get("zh-CN" if lang.lower().startswith("zh") else "en")
        return f"{label} ({self.organization})" if label else self.organization

    @property
    def inherited(self) -> bool:
        """Whether the role comes from an ancestor domain."""
        return self.via_domain != self.domain

    def reason(self, lang: str = "en") -> str:
        """Why the organisation holds the role, in ``lang``."""
        zh = lang.lower().startswith("zh")
        period = ""
        if self.valid_from is not None or self.valid_until is not None:
            period = ("，" if zh else ", ") + f"{_iso(self.valid_from)} – {_iso(self.valid_until)}"
        lead = ("，牵头" if zh else ", lead") if self.lead else ""
        if zh:
            role = _ROLE_ZH[self.role]
            why = f"（分工 {self.assignment}{period}{lead}）"
            text = f"{self.name(lang)} 是 {self.domain} 的{role}{why}"
            if self.inherited:
                text += f"，沿用上级领域 {self.via_domain}"
            return text
        why = f"(assignment {self.assignment}{period}{lead})"
        text = f"{self.name(lang)} is {self.role} for {self.domain} {why}"
        if self.inherited:
            text += f", inherited from {self.via_domain}"
        return text

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """A JSON-ready dictionary (with the reason when ``lang`` is given)."""
        out: dict[str, Any] = {
            "organization": self.organization,
            "organization_name": dict(self.names),
            "role": self.role,
            "domain": self.domain,
            "via_domain": self.via_domain,
            "inherited": self.inherited,
            "assignment": self.assignment,
            "lead": self.lead,
            "valid_from": _iso(self.valid_from, None),
            "valid_until": _iso(self.valid_until, None),
        }
        if lang is not None:
            out["reason"] = self.reason(lang)
        return out


def _iso(value: dt.date | None, empty: str | None = "…") -> Any:
    return value.isoformat() if value is not None else empty


def _org_names(charter: Any, org_id: str) -> tuple[tuple[str, str], ...]:
    org = charter.organizations.get(org_id)
    if org is None:
        return ()
    return (("zh-CN", charter.org_label(org_id, "zh-CN")), ("en", charter.org_label(org_id, "en")))


def who(
    source: GraphSource,
    domain: str,
    role: str | None = None,
    *,
    on: dt.date | None = None,
) -> list[Holder]:
    """Who holds ``role`` (default: every role) in ``domain`` on ``on``.

    A sub-domain with no assignment of a role inherits that role's holders
    from its nearest ancestor that has some. Holders come in RACI order, then
    by organisation.

    Args:
        source: anything :func:`~smartstd.graph.model.as_charter` accepts.
        domain: a core domain or one of the charter's domains.
        role: one RACI role, or ``None`` for all four.
        on: the date (default: the charter's ``as_of``, else today).

    Raises:
        ValueError: for an unknown role.
    """
    charter = as_charter(source)
    if role is not None and role not in RACI_ROLES:
        raise UsageError(key="unknown_role", role=role, known=", ".join(RACI_ROLES))
    day = charter.on(on)
    out: list[Holder] = []
    for r in RACI_ROLES if role is None else (role,):
        via, items = charter.index.effective(r, day).get(domain, (domain, []))
        for a in sorted(items, key=lambda a: (a.organization_id, a.id)):
            out.append(
                Holder(
                    a.organization_id,
                    r,
                    domain,
                    via,
                    a.id,
                    a.lead,
                    a.valid_from,
                    a.valid_until,
                    _org_names(charter, a.organization_id),
                )
            )
    return out


@dataclass(frozen=True)
class RaciMatrix:
    """The RACI matrix of a charter: domains by organisations.

    Attributes:
        domains: the row keys (domain ids), in charter order.
        organizations: the column keys (organisation ids), sorted.
        cells: the letters of each (domain, organisation) that holds a role:
            ``A``, ``R`` (``R*`` for the lead), ``C``, ``I``, joined by ``/``.
        labels: the domains' names, by language and id.
        on: the date the matrix is for.
        org_labels: the organisations' names, by language and id.
    """

    domains: tuple[str, ...]
    organizations: tuple[str, ...]
    cells: dict[tuple[str, str], str]
    labels: dict[str, dict[str, str]]
    on: dt.date
    org_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def org_name(self, organization: str, lang: str = "en") -> str:
        """An organisation's name in ``lang`` beside its id: ``名称 (id)``."""
        label = self.org_labels.get("zh-CN" if lang.lower().startswith("zh") else "en", {}).get(
            organization
        )
        return f"{label} ({organization})" if label and label != organization else organization

    def cell(self, domain: str, organization: str) -> str:
        """The letters of one cell (``""`` for none)."""
        return self.cells.get((domain, organization), "")

    def rows(self, lang: str = "en", *, names: bool = True) -> list[list[str]]:
        """The matrix as rows, the header first (names beside ids unless not ``names``)."""
        zh = lang.lower().startswith("zh")
        labels = self.labels["zh-CN" if zh else "en"]
        header = [
            "领域" if zh else "domain",
            "名称" if zh else "name",
            *(self.org_name(o, lang) if names else o for o in self.organizations),
        ]
        out = [header]
        for d in self.domains:
            out.append([d, labels.get(d, d), *(self.cell(d, o) for o in self.organizations)])
        return out

    def to_csv(self, lang: str = "en") -> str:
        """The matrix as CSV (RFC 4180, CR LF line ends)."""
        buf = io.StringIO()
        csv.writer(buf).writerows(self.rows(lang))
        return buf.getvalue()

    def to_markdown(self, lang: str = "en") -> str:
        """The matrix as a Markdown table."""

        def esc(text: str) -> str:
            return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

        rows = self.rows(lang)
        lines = ["| " + " | ".join(esc(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows[1:]]
        return "\n".join(lines) + "\n"

    def to_text(self, lang: str = "en") -> str:
        """The matrix as an aligned text table, then each organisation's name beside its id.

        East Asian wide characters count double.
        """
        rows = self.rows(lang, names=False)
        widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(c + " " * (widths[i] - _width(c)) for i, c in enumerate(row)).rstrip()
            for row in rows
        ]
        width = max((_width(o) for o in self.organizations), default=0)
        lines.append("")
        for o in self.organizations:
            label = self.org_name(o, lang).removesuffix(f" ({o})")
            lines.append(f"{o}{' ' * (width - _width(o))}  {label}".rstrip())
        return "\n".join(lines) + "\n"

    def _filled(self) -> list[tuple[str, str]]:
        """The cells that hold a role, row by row and column by column (not the empty ones)."""
        row = {d: i for i, d in enumerate(self.domains)}
        column = {o: i for i, o in enumerate(self.organizations)}
        keys = [k for k in self.cells if k[0] in row and k[1] in column]
        keys.sort(key=lambda k: (row[k[0]], column[k[1]]))
        return keys

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "on": self.on.isoformat(),
            "domains": list(self.domains),
            "organizations": list(self.organizations),
            "organization_names": {
                o: {lang: names.get(o, o) for lang, names in self.org_labels.items()}
                for o in self.organizations
            },
            "cells": [
                {"domain": d, "organization": o, "roles": self.cells[(d, o)]}
                for d, o in self._filled()
            ],
        }


def _width(text: str) -> int:
    if text.isascii():  # most cells and ids: one column a character
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def raci(
    source: GraphSource,
    *,
    on: dt.date | None = None,
    domains: Iterable[str] | None = None,
    organizations: Iterable[str] | None = None,
    max_cells: int | None = None,
) -> RaciMatrix:
    """The RACI matrix of the charter's own assignments in force on ``on``.

    Rows are the domains the charter touches, each top-level domain (in the
    standard's order) followed by its sub-domains; columns the organisations
    holding any role. Inherited roles are not repeated (see :func:`who`).

    Args:
        source: anything :func:`~smartstd.graph.model.as_charter` accepts.
        on: the date (default: the charter's ``as_of``, else today).
        domains: only these rows (domain ids; default: every domain in scope).
        organizations: only these columns (organisation ids, shown even when
            they hold no role in the rows; default: every holder of a role).
        max_cells: the most cells (rows times columns) the matrix may have
            (default :attr:`smartstd.io.Limits.max_table_cells`, 1,000,000).

    Raises:
        UsageError: for an id that the charter does not have, or a matrix over
            ``max_cells``: refused before it is built, saying its size and the
            filters that make it smaller.
    """
    from smartstd.io import Limits

    charter = as_charter(source)
    day = charter.on(on)
    idx = charter.index
    rows = _hierarchy_order(idx.scope, idx.parent, list(CORE_DOMAINS))
    if domains is not None:
        asked = _known(domains, rows, "domain")
        rows = [d for d in rows if d in asked]
    only_orgs = (
        _known(organizations, charter.organizations, "organization")
        if organizations is not None
        else None
    )
    in_rows = set(rows)
    holders: set[str] = set()
    live = []
    for a in charter.assignments.values():
        if a.domain_id not in in_rows or a.domain_id not in idx.domain_info:
            continue
        if only_orgs is not None and a.organization_id not in only_orgs:
            continue
        if not in_force_under(a, day, charter.agreements):
            continue
        live.append(a)
        holders.add(a.organization_id)
    orgs = tuple(sorted(only_orgs if only_orgs is not None else holders))
    limit = Limits().max_table_cells if max_cells is None else max_cells
    if len(rows) * len(orgs) > limit:
        raise UsageError(
            key="raci_too_big",
            rows=len(rows),
            columns=len(orgs),
            cells=len(rows) * len(orgs),
            maximum=limit,
        )
    cells: dict[tuple[str, str], list[str]] = {}
    for a in live:
        letter = _LETTER[a.role] + ("*" if a.lead and a.role == "responsible" else "")
        items = cells.setdefault((a.domain_id, a.organization_id), [])
        if letter not in items:
            items.append(letter)
    order = "AR*CI"
    joined = {k: "/".join(sorted(v, key=lambda x: order.index(x[0]))) for k, v in cells.items()}
    labels = {
        "zh-CN": {d: charter.domain_label(d, "zh-CN") for d in rows},
        "en": {d: charter.domain_label(d, "en") for d in rows},
    }
    org_labels = {
        "zh-CN": {o: charter.org_label(o, "zh-CN") for o in orgs},
        "en": {o: charter.org_label(o, "en") for o in orgs},
    }
    return RaciMatrix(tuple(rows), orgs, joined, labels, day, org_labels)


def _known(ids: Iterable[str], known: Iterable[str] | Mapping[str, Any], what: str) -> set[str]:
    """``ids`` as a set, or a usage error naming those the charter does not have.

    Raises:
        UsageError: for an id not among ``known`` (the message lists the first known ones).
    """
    from smartstd._error_messages import Phrase

    asked = dict.fromkeys(ids)
    have = known if isinstance(known, Mapping) else dict.fromkeys(known)
    missing = [i for i in asked if i not in have]
    if missing:
        first = list(itertools.islice(have, _KNOWN_SHOWN))
        listed = ", ".join(first) + (", …" if len(have) > _KNOWN_SHOWN else "")
        raise UsageError(
            key="graph_unknown_ids",
            what=Phrase("领域", "domain") if what == "domain" else Phrase("组织", "organisation"),
            ids=", ".join(missing),
            n=len(have),
            known=listed,
        )
    return set(asked)


#: How many known ids an error about an unknown one lists.
_KNOWN_SHOWN = 20


def _hierarchy_order(scope: list[str], parent: Any, core: list[str]) -> list[str]:
    """The domains in scope, each top-level domain followed by its sub-domains (depth first).

    Top-level domains come in the standard's published order, then the
    charter's own; sub-domains in charter order. Iterative, and safe with cycles.
    """
    in_scope = set(scope)
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for d in scope:
        p = parent(d)
        if p is not None and p in in_scope and p != d:
            children.setdefault(p, []).append(d)
        else:
            roots.append(d)
    rank = {d: i for i, d in enumerate(core)}
    roots.sort(key=lambda d: (rank.get(d, len(rank)), 0))
    out: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(roots))
    while stack:
        d = stack.pop()
        if d in seen:
            continue
        seen.add(d)
        out.append(d)
        stack.extend(reversed(children.get(d, [])))
    out.extend(d for d in scope if d not in seen)  # members of a parent cycle
    return out


def explain(
    source: GraphSource,
    organization: str,
    action: str | None,
    category: str,
    purpose: str | None = None,
    *,
    on: dt.date | None = None,
    params: Params | None = None,
) -> Explanation:
    """May ``organization`` do ``action`` on ``category`` for ``purpose`` on ``on``?

    Args:
        source: anything :func:`~smartstd.graph.model.as_charter` accepts.
        organization: the organisation's id.
        action: ``read``, ``write``, ``share`` or ``delete`` (``None``: any).
        category: the data category's id.
        purpose: the purpose's id (``None``: any purpose).
        on: the date (default: the charter's ``as_of``, else today).
        params: rule parameters (SC608's sensitive bases, SC609's processor roles).

    Returns:
        The :class:`~smartstd.graph.access.Explanation`: ``allowed``, the
        steps that decide it, and :attr:`~Explanation.missing` when not.
        ``explanation.text("zh-CN")`` and ``text("en")`` render it.
    """
    charter = as_charter(source)
    return AccessEvaluator(charter, params).explain(
        organization, action, category, purpose, charter.on(on)
    )
