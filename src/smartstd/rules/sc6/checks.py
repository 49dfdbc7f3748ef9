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

One defect is reported once, where it is:

* what a charter record would have said is not known when the record is
  structurally invalid, could not be read, is never in force (SC618) or
  names a domain or organisation that does not resolve; the findings that
  only its absence causes (no accountable or responsible party, residents
  not consulted, an orphan organisation, an unknown agreement, data outside
  a role) are not made about what it names (:class:`_Doubts`);
* a delegation in a cycle (SC605) is not also compared with its source
  (SC606); what rests on an agreement whose period is inverted (SC618) is
  not said to outlive it (SC610);
* a grant's purpose or category that does not resolve is SC202's, an
  agreement that cannot govern a grant (SC609) is not also asked to declare
  its purpose (SC607), and a purpose and an agreement that both fail to
  declare a grant's category make one SC607; a party of an agreement that
  does not resolve is SC202's, not also SC614's;
* data naming something that does not resolve (SC202, SC203) is not also
  judged against the charter; and a device whose operator holds a grant in
  force for a category it collects is within its role (RULES.md): what is
  wrong with the grant itself is reported on the grant (SC605-SC610).

治理与职责边界（SC6xx）：引擎与职责图检查之间的桥梁。
"""

from __future__ import annotations

import datetime as dt
import difflib
from array import array
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.conformance.rule import LOST_RECORD, Context, Hit, Where, register_dataset_rule
from smartstd.graph.checks import CHECK_CODES, Issue, iter_issues
from smartstd.graph.model import GRAPH_TYPES, USAGE_TYPES, Charter, Source
from smartstd.graph.usage import UsageFact, UsageJudge, usage_facts
from smartstd.graph.validity import in_force
from smartstd.report import Path
from smartstd.standard.dataset import ENTITY_TYPES

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
    """The mergeable state: charter entities with where they are, and grouped usage facts.

    ``unknown`` holds the ids and the values named by charter records that
    are structurally invalid or could not be read; ``incomplete`` says that
    records were lost without even their id (see :class:`_Doubts`).
    """

    entities: list[tuple[Any, Where]] = field(default_factory=list)
    groups: dict[_Key, _Group] = field(default_factory=dict)
    files: list[str | None] = field(default_factory=list)
    file_index: dict[str | None, int] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    incomplete: bool = False

    def file_idx(self, file: str | None) -> int:
        """The index of a file in :attr:`files` (added when new)."""
        idx = self.file_index.get(file)
        if idx is None:
            idx = len(self.files)
            self.files.append(file)
            self.file_index[file] = idx
        return idx


class GovernanceRule:
    """SC601-SC624: the charter as a graph, and the data crossed with it."""

    codes = (*CHECK_CODES, "SC617")
    types = tuple(sorted(GRAPH_TYPES | USAGE_TYPES))
    wants_invalid = True
    wants_lost = True

    def new_state(self) -> GovernanceState:
        """An empty state."""
        return GovernanceState()

    def collect(
        self, state: GovernanceState, entity: Any, where: Where, ctx: Context
    ) -> Iterable[Hit]:
        """Keep a charter entity; turn a request, alert, device or service into usage facts."""
        if type(entity) is dict:  # structurally invalid, or a stand-in for an unreadable record
            etype, eid = entity.get("type"), entity.get("id")
            if LOST_RECORD in entity:
                if etype == "Organization" and isinstance(eid, str):
                    state.unknown.add(eid)
                elif etype in GRAPH_TYPES or etype not in ENTITY_TYPES:
                    state.incomplete = True  # what it named is not known
            elif etype in GRAPH_TYPES or etype not in ENTITY_TYPES:
                state.unknown.update(_strings(entity))
            return ()
        if entity.type in GRAPH_TYPES:
            state.entities.append((entity, where))
            return ()
        facts = usage_facts(entity)
        if facts:
            fidx = state.file_idx(where.file)
            for fact in facts:
                key = (fact.activity, fact.path, fact.organization, fact.domain, fact.category)
                group = state.groups.get(key)
                if group is None:
                    group = state.groups[key] = _Group()
                group.add(fidx, where, fact.day, entity.id)
        return ()

    def merge(self, state: GovernanceState, other: GovernanceState) -> GovernanceState:
        """Fold a later worker's state into this one."""
        state.entities.extend(other.entities)
        state.unknown |= other.unknown
        state.incomplete = state.incomplete or other.incomplete
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
        dropped: list[Any] = []  # a repeated id (SC201): the charter keeps the first
        for entity, where in state.entities:
            if not charter.add(entity, Source(where.file, where.line, where.base)):
                if charter.entity(entity.type, entity.id) != entity:  # not a mere copy
                    dropped.append(entity)
            else:
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
        doubts = _Doubts(charter, state, dropped)
        issues = list(iter_issues(charter, on=on, params=ctx.params, references=False))
        for issue in _once(charter, issues, doubts):
            placed = wheres.get((issue.entity_type or "", issue.entity_id or ""))
            if placed is None:
                placed = Where(None, None, (), issue.entity_type, issue.entity_id)
            yield Hit(issue.code, issue.path, dict(issue.params), where=placed)
        judge = UsageJudge(charter, on, ctx.params)
        for (activity, path, org, domain, category), group in state.groups.items():
            etype = _RECORD_TYPE[activity]
            if doubts.usage(activity, org, domain, category):
                continue
            for pos in range(len(group.ids)):
                fact = UsageFact(activity, path, org, domain, category, group.day(pos))
                verdict = judge.judge(fact)
                if verdict is None or (verdict.code == "SC616" and doubts.granted(fact, on)):
                    continue
                params = dict(verdict.params)
                if verdict.code in ("SC610", "SC622"):
                    params["subject_type"], params["subject"] = etype, group.ids[pos]
                yield Hit(verdict.code, path, params, where=group.where(pos, state.files, etype))
        yield from _assertion_hits(charter, charter_files, ctx)


def _strings(raw: Any) -> set[str]:
    """Every string value in a raw record (iteratively; object keys left out)."""
    out: set[str] = set()
    stack = [raw]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return out


#: How many comparisons of an id with candidates the guesses at misspellings may make
#: in one check: a charter with thousands of dangling references must not take
#: quadratic time. Past it, no more guesses are made (more findings may cascade, but
#: none is lost).
GUESS_BUDGET = 500_000


class _Guesses:
    """The ids an unresolved id was most likely meant to be, within :data:`GUESS_BUDGET`."""

    def __init__(self) -> None:
        self.left = GUESS_BUDGET

    def near(self, word: str, candidates: Collection[str]) -> list[str]:
        """Up to three candidates close to ``word`` (none once the budget is spent)."""
        if len(candidates) > self.left:
            self.left = 0
            return []
        self.left -= len(candidates)
        return difflib.get_close_matches(word, candidates, n=3, cutoff=0.8)


class _Doubts:
    """What the charter cannot tell for sure, so that one defect is reported once.

    ``names`` are the ids that defective charter records name: records that
    are structurally invalid, could not be read or repeat an id with other
    values (SC201: the charter keeps the first), with their ids and every
    value they hold; and
    the holders of grants and parties of agreements that are never in force
    because their period is inverted (SC618). An absence that involves one of
    them (nobody accountable or responsible, residents not consulted, an
    orphan, an unknown agreement, an organisation acting outside its roles)
    may be that record's doing, which has its own finding.

    ``unsure`` keeps, by role, the domains of assignments that are never in
    force, and the domains an assignment naming an unknown domain was most
    likely meant for (a misspelling: SC202); ``unsure_by_org`` the same by
    organisation. An assignment naming an unknown organisation leaves its
    domain (``unheld``) without a known holder, and the organisations it was
    most likely meant for in doubt. ``incomplete`` (records lost without even
    their id) leaves every absence in doubt.
    """

    def __init__(self, charter: Charter, state: GovernanceState, dropped: list[Any]) -> None:
        self.charter = charter
        idx = charter.index
        self.incomplete = state.incomplete
        names = set(state.unknown)
        for entity in dropped:
            names.update(_strings(entity.to_json_dict()))
        unheld: set[str] = set()
        self.unsure: dict[str, set[str]] = {}
        self.unsure_by_org: dict[str, set[str]] = {}
        orgs = charter.organizations
        guess = _Guesses()
        for a in charter.assignments.values():
            domains: list[str] = []
            if not in_force(a, None):
                domains.append(a.domain_id)
            if a.domain_id not in idx.parents:
                domains += guess.near(a.domain_id, idx.parents)
            for d in domains:
                self.unsure.setdefault(a.role, set()).add(d)
                self.unsure_by_org.setdefault(a.organization_id, set()).add(d)
            if orgs and a.organization_id not in orgs:
                unheld.add(a.domain_id)
                names.update(guess.near(a.organization_id, orgs))
        for g in charter.grants.values():
            if not in_force(g, None):
                names.add(g.organization_id)
        for agr in charter.agreements.values():
            if not in_force(agr, None):
                names.update(agr.party_ids)
        self.names = names
        self.unheld = unheld
        self._doubtful: set[str] | None = None  # see _held_by_doubtful
        self._lineages: dict[str, dict[str, bool]] = {}  # see _meets
        self._above: dict[str, set[str]] = {}  # see _near
        # purposes and agreements that name a purpose or category that does not resolve:
        # the one they do not declare may be the one they misspell
        categories, purposes = charter.categories, charter.purposes
        self.vague = {
            pid for pid, p in purposes.items() if not set(p.data_category_ids) <= categories.keys()
        } | {
            aid
            for aid, agr in charter.agreements.items()
            if not set(agr.data_category_ids) <= categories.keys()
            or not set(agr.purpose_ids) <= purposes.keys()
        }

    def _meets(self, domain: str, among: set[str], key: str) -> bool:
        """Whether ``domain`` or one of its ancestors is in ``among`` (named ``key``).

        Answered from a table kept by ``key`` (linear once, however deep the
        hierarchy: :meth:`~smartstd.graph.index.CharterIndex.lineage_table`),
        for a charter finding is asked about for each domain.
        """
        if not among:
            return False
        table = self._lineages.get(key)
        if table is None:
            table = self._lineages[key] = self.charter.index.lineage_table(among)
        found = table.get(domain)
        return domain in among if found is None else found

    def _near(self, domain: str, among: set[str], name: str) -> bool:
        """Whether ``domain`` is in ``among``, or above or below one of them.

        ``name`` keys the cached answers for ``among``, so that a check of many
        usage facts against many names stays linear.
        """
        if not among:
            return False
        if self._meets(domain, among, name):
            return True
        above = self._above.get(name)
        if above is None:
            above = self._above[name] = self.charter.index.above_any(among)
        return domain in above

    def _held_by_doubtful(self, domain: str) -> bool:
        """Whether an organisation named by a defective record holds a role in the domain."""
        if self._doubtful is None:
            names = self.names
            self._doubtful = {
                a.domain_id for a in self.charter.assignments.values() if a.organization_id in names
            }
        return self._meets(domain, self._doubtful, "\x00held-by-doubtful")

    def issue(self, issue: Issue) -> bool:
        """Whether a charter finding may only be the effect of a defective record."""
        code, params = issue.code, issue.params
        if code in ("SC601", "SC603"):
            role = "accountable" if code == "SC601" else "responsible"
            domain = str(params["domain"])
            return (
                self.incomplete
                or self._meets(domain, self.names, "\x00names")
                or self._meets(domain, self.unsure.get(role, set()), "\x00unsure:" + role)
            )
        if code == "SC613":
            domain = str(params["domain"])
            return (
                self.incomplete
                or self._meets(domain, self.names, "\x00names")
                or self._meets(domain, self.unheld, "\x00unheld")
                or any(
                    self._meets(domain, ds, "\x00unsure:" + role)
                    for role, ds in self.unsure.items()
                )
                or self._held_by_doubtful(domain)
            )
        if code == "SC615":
            return self.incomplete or params.get("organization") in self.names
        if code == "SC624":  # a sector may be missing only because a record is
            return (
                self.incomplete
                or bool(self.names)
                or bool(self.unheld)
                or any(self.unsure.values())
            )
        if code == "SC621":
            return params.get("organization") in self.names
        if code == "SC609" and params.get("reason") == "unknown":
            return self.incomplete or params.get("agreement") in self.names
        return False

    def usage(self, activity: str, org: str, domain: str | None, category: str | None) -> bool:
        """Whether a usage fact cannot be judged: what it names is defective or unresolved.

        An organisation that is not one (SC202, SC203), a domain or a category
        that does not resolve (SC202) are the SC2xx rules' findings.
        """
        charter = self.charter
        if self.incomplete or org in self.names:
            return True
        if charter.organizations and org not in charter.organizations:
            return True
        if domain is not None and (
            domain not in charter.index.parents
            or self._near(domain, self.names, "\x00names")
            or self._near(domain, self.unheld, "\x00unheld")
            or self._near(domain, self.unsure_by_org.get(org, set()), org)
        ):
            return True
        return category is not None and (
            category in self.names or category not in charter.categories
        )

    def granted(self, fact: UsageFact, on: dt.date) -> bool:
        """Whether a device's operator holds a grant in force on a category it collects.

        RULES.md asks for a grant for each category; whatever is wrong with
        the grant itself (its purpose, basis, agreement or delegation) is
        reported on the grant. A grant whose category does not resolve (SC202)
        may be the one meant.
        """
        if fact.activity != "device-data":
            return False
        day = fact.day or on
        categories = self.charter.categories
        return any(
            (g.data_category_id == fact.category or g.data_category_id not in categories)
            and in_force(g, day)
            for g in self.charter.index.grants_by_org.get(fact.organization, ())
        )


def _once(charter: Charter, issues: list[Issue], doubts: _Doubts) -> list[Issue]:
    """The charter's issues, each defect once (see the module's docstring)."""
    cycles = {str(m) for i in issues if i.code == "SC605" for m in i.params.get("members", ())}
    ungoverned = {i.entity_id for i in issues if i.code == "SC609"}
    orgs = charter.organizations
    inverted = {aid for aid, agr in charter.agreements.items() if not in_force(agr, None)}
    out: list[Issue] = []
    sc607: dict[tuple[str | None, Path], int] = {}  # where each grant's SC607 is in ``out``
    for issue in issues:
        if doubts.issue(issue):
            continue
        if issue.code == "SC606" and issue.entity_id in cycles:
            continue
        if issue.code == "SC610" and issue.params.get("expired") in inverted:
            continue  # an agreement whose period is inverted has no end to outlive: SC618
        if issue.code == "SC614" and orgs and issue.params.get("organization") not in orgs:
            continue  # an unresolved party: SC202
        if issue.code == "SC607":
            params = issue.params
            if params.get("purpose") not in charter.purposes or (
                params.get("category") not in charter.categories
            ):
                continue  # an unresolved purpose or category: SC202
            declared_by = params.get("declared_by")
            if declared_by != params.get("purpose") and issue.entity_id in ungoverned:
                continue  # an agreement that cannot govern the grant: SC609
            if declared_by in doubts.vague:
                continue  # it names something that does not resolve: SC202
            at = sc607.get((issue.entity_id, issue.path))
            if at is not None:  # the purpose and the agreement both fail: one finding
                first = out[at]
                by = first.params["declared_by"]
                out[at] = Issue(
                    first.code,
                    first.entity_type,
                    first.entity_id,
                    first.path,
                    {
                        **first.params,
                        "declared_by": [*(by if isinstance(by, list) else [by]), declared_by],
                    },
                )
                continue
            sc607[(issue.entity_id, issue.path)] = len(out)
        out.append(issue)
    return out


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
