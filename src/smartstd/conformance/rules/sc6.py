"""SC6xx governance and role boundaries: the bridge from the engine to the graph checks.

One dataset rule collects, from the records as they stream past,

* the charter entities and organisations (few: kept whole, with where each is);
* compact usage facts from requests, alerts, devices and services (see
  :mod:`smartstd.graph.usage`): per distinct (activity, field, organisation,
  domain, category), arrays of file index, line, index in ``entities``, the
  record's day and its id, so millions of records cost a few dozen bytes each;

merges them across worker processes and, at the end, builds the charter,
runs :func:`smartstd.graph.checks.iter_issues` (SC202 is left to the SC2xx
rules), judges each usage fact once per distinct day (SC616, SC610), and runs
the assertions written in the charter's own files (SC617). Every hit is placed
on the record it is about. Without charter entities nothing is reported (the
report then says no charter is present, and L3 is not reached).

治理与职责边界（SC6xx）：引擎与职责图检查之间的桥梁。
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.conformance.rule import Context, Hit, Where, register_dataset_rule
from smartstd.graph.checks import CHECK_CODES, iter_issues
from smartstd.graph.model import GRAPH_TYPES, USAGE_TYPES, Charter, Source
from smartstd.graph.usage import UsageFact, UsageJudge, usage_facts
from smartstd.report import Path

__all__ = ["GovernanceRule", "GovernanceState"]

_RECORD_TYPE = {
    "request": "ServiceRequest",
    "alert": "Alert",
    "device": "Device",
    "device-data": "Device",
    "service-responsible": "Service",
    "service-provider": "Service",
}

#: (activity, path, organisation, domain, category)
_Key = tuple[str, Path, str, str | None, str | None]


@dataclass
class _Group:
    """The records stating one fact: parallel arrays, one item per record."""

    files: array[int] = field(default_factory=lambda: array("i"))
    lines: array[int] = field(default_factory=lambda: array("q"))
    index: array[int] = field(default_factory=lambda: array("q"))
    days: array[int] = field(default_factory=lambda: array("i"))
    ids: list[str] = field(default_factory=list)
    bases: dict[int, Path] = field(default_factory=dict)

    def add(self, file_idx: int, where: Where, day: dt.date | None, entity_id: str) -> None:
        pos = len(self.ids)
        self.files.append(file_idx)
        self.lines.append(where.line if where.line is not None else -1)
        base = where.base
        if len(base) == 2 and base[0] == "entities" and isinstance(base[1], int):
            self.index.append(base[1])
        elif not base:
            self.index.append(-1)
        else:
            self.index.append(-2)
            self.bases[pos] = base
        self.days.append(day.toordinal() if day is not None else 0)
        self.ids.append(entity_id)

    def where(self, pos: int, files: list[str | None], entity_type: str) -> Where:
        idx = self.index[pos]
        base: Path = ("entities", idx) if idx >= 0 else (() if idx == -1 else self.bases[pos])
        line = self.lines[pos]
        return Where(
            files[self.files[pos]], line if line >= 0 else None, base, entity_type, self.ids[pos]
        )

    def day(self, pos: int) -> dt.date | None:
        value = self.days[pos]
        return dt.date.fromordinal(value) if value else None


@dataclass
class GovernanceState:
    """The mergeable state: charter entities with where they are, and grouped usage facts."""

    entities: list[tuple[Any, Where]] = field(default_factory=list)
    groups: dict[_Key, _Group] = field(default_factory=dict)
    files: list[str | None] = field(default_factory=list)
    file_index: dict[str | None, int] = field(default_factory=dict)

    def file_idx(self, file: str | None) -> int:
        """The index of a file in :attr:`files` (added when new)."""
        idx = self.file_index.get(file)
        if idx is None:
            idx = len(self.files)
            self.files.append(file)
            self.file_index[file] = idx
        return idx


class GovernanceRule:
    """SC601-SC620: the charter as a graph, and the data crossed with it."""

    codes = (*CHECK_CODES, "SC617")
    types = tuple(sorted(GRAPH_TYPES | USAGE_TYPES))

    def new_state(self) -> GovernanceState:
        """An empty state."""
        return GovernanceState()

    def collect(
        self, state: GovernanceState, entity: Any, where: Where, ctx: Context
    ) -> Iterator[Hit]:
        """Keep a charter entity; turn a request, alert, device or service into usage facts."""
        if entity.type in GRAPH_TYPES:
            state.entities.append((entity, where))
            return iter(())
        facts = usage_facts(entity)
        if facts:
            fidx = state.file_idx(where.file)
            for fact in facts:
                key = (fact.activity, fact.path, fact.organization, fact.domain, fact.category)
                group = state.groups.get(key)
                if group is None:
                    group = state.groups[key] = _Group()
                group.add(fidx, where, fact.day, entity.id)
        return iter(())

    def merge(self, state: GovernanceState, other: GovernanceState) -> GovernanceState:
        """Fold a later worker's state into this one."""
        state.entities.extend(other.entities)
        remap = [state.file_idx(f) for f in other.files]
        for key, group in other.groups.items():
            mine = state.groups.get(key)
            if mine is None:
                mine = state.groups[key] = _Group()
            offset = len(mine.ids)
            mine.files.extend(array("i", (remap[i] for i in group.files)))
            mine.lines.extend(group.lines)
            mine.index.extend(group.index)
            mine.days.extend(group.days)
            mine.ids.extend(group.ids)
            for pos, base in group.bases.items():
                mine.bases[offset + pos] = base
        return state

    def finish(self, state: GovernanceState, ctx: Context) -> Iterator[Hit]:
        """Build the charter, run the checks, judge the usage facts, run the charter's own tests."""
        charter = Charter(as_of=ctx.now.date() if ctx.now is not None else None)
        wheres: dict[tuple[str, str], Where] = {}
        charter_files: list[str] = []
        for entity, where in state.entities:
            if charter.add(entity, Source(where.file, where.line, where.base)):
                wheres[(entity.type, entity.id)] = where
                if (
                    entity.type != "Organization"
                    and where.file is not None
                    and where.file not in charter_files
                ):
                    charter_files.append(where.file)
        if charter.is_empty:
            return
        on = charter.on()
        for issue in iter_issues(charter, on=on, params=ctx.params, references=False):
            placed = wheres.get((issue.entity_type or "", issue.entity_id or ""))
            if placed is None:
                placed = Where(None, None, (), issue.entity_type, issue.entity_id)
            yield Hit(issue.code, issue.path, dict(issue.params), where=placed)
        judge = UsageJudge(charter, on, ctx.params)
        for (activity, path, org, domain, category), group in state.groups.items():
            etype = _RECORD_TYPE[activity]
            for pos in range(len(group.ids)):
                fact = UsageFact(activity, path, org, domain, category, group.day(pos))
                verdict = judge.judge(fact)
                if verdict is None:
                    continue
                params = dict(verdict.params)
                if verdict.code == "SC610":
                    params["subject_type"], params["subject"] = etype, group.ids[pos]
                yield Hit(verdict.code, path, params, where=group.where(pos, state.files, etype))
        yield from _assertion_hits(charter, charter_files, ctx)


def _assertion_hits(charter: Charter, files: list[str], ctx: Context) -> Iterator[Hit]:
    """SC617 for the assertions written in the charter's own files."""
    from smartstd.errors import ConfigError
    from smartstd.graph.assertions import assertions_in, run_assertions

    try:
        assertions = assertions_in(files)
    except ConfigError:
        return  # a malformed assertion is for `smartstd graph test` to explain
    if not assertions:
        return
    for result in run_assertions(charter, assertions, params=ctx.params):
        if result.passed:
            continue
        a = result.assertion
        yield Hit(
            "SC617",
            (),
            {
                "assertion": a.name,
                "kind": a.kind,
                "expected": result.expected,
                "actual": result.actual,
            },
            where=Where(a.file, None, ("assertions", a.index), None, a.name),
        )


register_dataset_rule(GovernanceRule())
