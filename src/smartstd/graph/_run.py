"""What every role-boundary check shares: the issue record and one run's state.

章程检查的公共部分：问题记录与一次运行的状态。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from smartstd.graph._params import Params, param
from smartstd.graph.access import AccessEvaluator
from smartstd.graph.model import Charter
from smartstd.report import Path
from smartstd.standard.domains import CORE_DOMAINS

__all__ = ["Issue", "Run", "functional_cycles", "in_force_row", "iso"]


@dataclass(frozen=True, slots=True)
class Issue:
    """What a check found, before it is placed in a file.

    Attributes:
        code: the rule code.
        entity_type: the type of the entity it is about (``None``: the charter).
        entity_id: that entity's id.
        path: the path inside that entity.
        params: the message parameters.
    """

    code: str
    entity_type: str | None
    entity_id: str | None
    path: Path = ()
    params: Mapping[str, Any] = field(default_factory=dict)


def functional_cycles(successor: Mapping[str, str | None]) -> list[list[str]]:
    """The cycles of a graph where every node has at most one successor.

    Iterative and linear: each node is walked once. Every cycle is returned
    once, rotated to start at its smallest member, in walk order.

    >>> functional_cycles({"a": "b", "b": "a", "c": "a", "d": None})
    [['a', 'b']]
    """
    walk_of: dict[str, int] = {}
    cycles: list[list[str]] = []
    follow = successor.get
    for walk, start in enumerate(successor):
        if start in walk_of:
            continue
        path: list[str] = []
        cur: str | None = start
        while cur is not None and cur not in walk_of:
            nxt = follow(cur, _END)
            if nxt is _END:  # not a node
                break
            walk_of[cur] = walk
            path.append(cur)
            cur = nxt
        if cur is not None and walk_of.get(cur) == walk:
            cycle = path[path.index(cur) :]
            low = cycle.index(min(cycle))
            cycles.append(cycle[low:] + cycle[:low])
    return cycles


_END: Any = object()


class Run:
    """One run of the checks: the charter, its indexes, the date and the parameters.

    The checks read the index's compact rows (see
    :class:`~smartstd.graph.model.CharterIndex`), not the models: on a large
    charter every pass over the models costs cache misses.
    """

    def __init__(self, charter: Charter, on: dt.date, params: Params | None) -> None:
        self.charter = charter
        self.idx = charter.index
        self.on = on
        self.params = params
        self.access = AccessEvaluator(charter, params)

    def anchor(self, domain: str) -> tuple[str | None, str | None, Path]:
        return self.idx.anchor(domain)

    def domain_issue(self, code: str, domain: str, **params: Any) -> Issue:
        etype, eid, path = self.anchor(domain)
        return Issue(code, etype, eid, path, {"domain": domain, **params})

    def scope(self, code: str) -> list[str]:
        """The domains in scope, plus the rule's ``required_domains``."""
        out = list(self.idx.scope)
        extra = param(self.params, code, "required_domains")
        wanted: list[str] = []
        if isinstance(extra, str):
            extra = [extra]
        if isinstance(extra, (list, tuple)):
            for d in extra:
                if d == "*":
                    wanted.extend(CORE_DOMAINS)
                elif isinstance(d, str):
                    wanted.append(d)
        if wanted:
            seen = set(out)
            for d in wanted:
                if d not in seen and d in self.idx.parents:
                    out.append(d)
                    seen.add(d)
        return out


def in_force_row(vf: dt.date | None, vu: dt.date | None, on: dt.date) -> bool:
    """:func:`~smartstd.graph.model.in_force` of a row's ``valid_from`` and ``valid_until``."""
    if vf is not None and vu is not None and vu < vf:
        return False
    return (vf is None or vf <= on) and (vu is None or on <= vu)


def iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "open"
