"""The role-boundary checks SC601-SC624 on a charter, as findings.

:func:`iter_issues` runs the checks on a :class:`~smartstd.graph.model.Charter`
and yields :class:`Issue` s (a code, the entity it is about, a path inside it
and the message parameters); :func:`check_charter` turns them into
:class:`~smartstd.report.Finding` s placed where each entity was read. The
conformance engine runs the same checks through
:mod:`smartstd.rules.sc6.checks`.

Every check is linear (or ``n log n``) in the size of the charter and none
recurses: delegations and domain parents are functional graphs (each grant
has at most one source, each domain at most one parent), so their cycles are
found by one iterative walk that colours each node once, and each cycle is
reported once with all its members.

Findings about a domain are placed on the domain's entity when the charter
declares it, otherwise on the first entity that names it (a core domain has
no entity of its own). The check date is the dataset's ``generated_at`` (or
``on``): assignments, grants and agreements count only when in force then.

The checks live in one module per subject: :mod:`smartstd.graph._roles`
(RACI, public services, several parties), :mod:`smartstd.graph._grants`
(grants, delegations, time and agreements in advance),
:mod:`smartstd.graph._parties` (agreements, organisations, the hierarchy and
the data) and :mod:`smartstd.graph._references` (SC202, SC203).

章程的职责边界检查（SC601-SC624）。全部为线性算法，不使用递归。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from smartstd.graph._grants import GRANT_CHECKS
from smartstd.graph._params import Params
from smartstd.graph._parties import PARTY_CHECKS
from smartstd.graph._references import references as _references
from smartstd.graph._roles import ROLE_CHECKS
from smartstd.graph._run import Issue, Run, functional_cycles
from smartstd.graph.model import Charter, GraphSource, as_charter, gc_paused
from smartstd.report import Finding, Path, Severity
from smartstd.standard.dataset import Dataset

__all__ = [
    "CHECK_CODES",
    "Issue",
    "check_charter",
    "functional_cycles",
    "issue_finding",
    "iter_issues",
]

#: The codes :func:`iter_issues` can produce (SC617 comes from assertions, SC202 and SC203
#: from references).
CHECK_CODES: tuple[str, ...] = (
    "SC601",
    "SC602",
    "SC603",
    "SC604",
    "SC605",
    "SC606",
    "SC607",
    "SC608",
    "SC609",
    "SC610",
    "SC611",
    "SC612",
    "SC613",
    "SC614",
    "SC615",
    "SC616",
    "SC618",
    "SC619",
    "SC620",
    "SC621",
    "SC622",
    "SC623",
    "SC624",
)
#: The codes of the charter's references (with ``references``): to nothing, to another type.
REFERENCE_CODES: tuple[str, ...] = ("SC202", "SC203")


# --------------------------------------------------------------------------- running

_ALL: Mapping[str, Callable[[Run], Iterator[Issue]]] = {
    **ROLE_CHECKS,
    **GRANT_CHECKS,
    **PARTY_CHECKS,
}
_CHECKS: tuple[tuple[str, Callable[[Run], Iterator[Issue]]], ...] = tuple(sorted(_ALL.items()))


def iter_issues(
    charter: Charter,
    *,
    on: dt.date | None = None,
    params: Params | None = None,
    codes: Iterable[str] | None = None,
    references: bool = True,
) -> Iterator[Issue]:
    """Run the checks on a charter and yield what they find.

    Args:
        charter: the charter (see :func:`~smartstd.graph.model.as_charter`).
        on: the check date (default: the charter's ``as_of``, else today).
        params: rule parameters by code (defaults from the catalogue).
        codes: only these codes (default: all of :data:`CHECK_CODES`, and
            SC202 and SC203 when ``references``). SC616 also yields SC610 for data
            used after its role expired and SC622 for data handled under
            an agreement before it was signed; those alone do not run SC616.
        references: also report references to entities that are not in the
            charter as SC202, and to a charter entity of another type as SC203
            (the engine's SC2xx rules do that for it).

    An empty charter (no governance entity) yields nothing.
    """
    if charter.is_empty:
        return
    wanted = (
        set(codes)
        if codes is not None
        else set(CHECK_CODES) | (set(REFERENCE_CODES) if references else set())
    )
    run = Run(charter, charter.on(on), params)
    if references and wanted.intersection(REFERENCE_CODES):
        yield from (issue for issue in _references(charter) if issue.code in wanted)
    for code, check in _CHECKS:
        if code not in wanted and not (code == "SC616" and wanted & {"SC610", "SC622"}):
            continue
        for issue in check(run):
            if issue.code in wanted:
                yield issue


def issue_finding(
    charter: Charter,
    issue: Issue,
    severity: Severity | None = None,
    source: Any = None,
) -> Finding:
    """Place an issue where its entity was read and make it a finding.

    Args:
        charter: the charter the issue is about (for the entities' sources).
        issue: the issue.
        severity: the severity (default: the rule's in the catalogue).
        source: where the entity was read, when not in the charter
            (usage records carry their own).
    """
    from smartstd.catalogue import get_rule

    if severity is None:
        try:
            severity = get_rule(issue.code).severity
        except KeyError:
            severity = Severity.ERROR
    src = source
    if src is None and issue.entity_type is not None and issue.entity_id is not None:
        src = charter.source(issue.entity_type, issue.entity_id)
    base: Path = src.base if src is not None else ()
    return Finding(
        issue.code,
        severity,
        path=base + issue.path,
        file=src.file if src is not None else None,
        line=src.line if src is not None else None,
        entity_type=issue.entity_type,
        entity_id=issue.entity_id,
        params=dict(issue.params),
    )


def check_charter(
    source: GraphSource,
    *,
    on: dt.date | None = None,
    params: Params | None = None,
    select: Iterable[str] | None = None,
    references: bool = True,
    severities: Mapping[str, Severity | str] | None = None,
) -> list[Finding]:
    """Check a charter's role boundaries; return the findings in a stable order.

    Args:
        source: a dataset, a charter, a graph from
            :func:`~smartstd.graph.network.build_graph`, or entities (models or
            dicts). Requests, alerts, devices and services among them are
            crossed with the charter (SC616).
        on: the check date (default: the dataset's ``generated_at``, else today).
        params: rule parameters by code, e.g. ``{"SC601": {"required_domains": ["*"]}}``.
        select: rule codes or prefixes to run (default: all SC6xx, SC202 and SC203).
        references: report references to entities missing from the charter (SC202)
            or of another type (SC203).
        severities: severity overrides by code.

    Returns:
        The findings, sorted like a report's; a charter with no governance
        entity gives none. Bad data never raises.

    >>> from smartstd.graph.synthetic import SYNTHETIC_AS_OF, synthetic_charter
    >>> check_charter(synthetic_charter(200, defects=False), on=SYNTHETIC_AS_OF)
    []
    """
    if not isinstance(source, (Charter, Dataset)) and not hasattr(source, "graph"):
        source = list(source)
    charter = as_charter(source)
    codes: set[str] | None = None
    if select is not None:
        pats = [s.upper() for s in select]
        pool = set(CHECK_CODES) | set(REFERENCE_CODES)
        codes = {c for c in pool if any(c.startswith(p) for p in pats)}
    sev = {k: Severity(v) for k, v in (severities or {}).items()}
    usage_sources = {(etype, eid): src for _fact, etype, eid, src in charter.usage}
    out = []
    with gc_paused():
        for issue in iter_issues(charter, on=on, params=params, codes=codes, references=references):
            src = None
            if issue.entity_type is not None and issue.entity_id is not None:
                src = usage_sources.get((issue.entity_type, issue.entity_id))
            out.append(issue_finding(charter, issue, sev.get(issue.code), src))
    out.sort(key=Finding.sort_key)
    return out
