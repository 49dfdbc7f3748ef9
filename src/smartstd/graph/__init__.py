"""The stakeholder-responsibility graph: a community's charter as a networkx graph.

The paper this library comes from complains that the parties building a
smart community (street office, residents' committee, property company,
vendors, universities, research institutes) overlap while residents are left
out, and asks that each party's responsibilities **and benefits** be fixed in
advance. This package reads the governance charter of a dataset and checks
both together against the data the community produces:

* :func:`build_graph` builds a ``networkx.MultiDiGraph`` of organisations,
  domains, data categories, purposes, grants and agreements with typed edges
  (see :mod:`smartstd.graph.model`);
* :func:`check_charter` runs the role-boundary checks SC601-SC620 and crosses
  the charter with requests, alerts, devices and services (SC616);
* :func:`who`, :func:`raci` and :func:`explain` answer questions with reasons
  in zh-CN and en;
* :func:`run_assertions` checks what a charter expects of itself (SC617);
* :func:`diff` lists new and lost access paths, changed roles, benefits and obligations;
* :func:`duties` writes each organisation's duty list (责任清单) as Markdown or HTML;
* :func:`to_mermaid`, :func:`to_dot`, :func:`to_graphml` and :func:`to_json`
  export it.

Every function takes a :class:`~smartstd.standard.dataset.Dataset` (e.g. from
:func:`smartstd.load`), a :class:`Charter`, a graph from :func:`build_graph`,
or an iterable of entities::

    >>> import datetime as dt
    >>> import smartstd.graph as sg
    >>> entities = sg.synthetic_charter(100, defects=False)
    >>> sg.check_charter(entities, on=dt.date(2026, 6, 30))
    []
    >>> [h.organization for h in sg.who(entities, "dom-0", "accountable", on=dt.date(2026, 6, 30))]
    ['org-0']

利益相关方—职责图：把社区治理章程建成 networkx 图，检查职责边界，
回答“谁负责”“能否访问”并给出理由，导出图示。
"""

from __future__ import annotations

from smartstd.graph.access import AccessEvaluator, AccessPath, Explanation, Step
from smartstd.graph.assertions import (
    ASSERTION_KINDS,
    Assertion,
    AssertionResult,
    assertions_in,
    load_assertions,
    parse_assertions,
    run_assertions,
)
from smartstd.graph.checks import CHECK_CODES, Issue, check_charter, iter_issues
from smartstd.graph.diff import CharterDiff, RoleChange, TermChange, diff
from smartstd.graph.duties import DutyList, OrganizationDuties, duties
from smartstd.graph.index import RACI_ROLES
from smartstd.graph.model import (
    EDGE_TYPES,
    NODE_KINDS,
    Charter,
    GraphSource,
    Source,
    as_charter,
    node_id,
)
from smartstd.graph.network import build_graph
from smartstd.graph.queries import Holder, RaciMatrix, explain, raci, who
from smartstd.graph.render import to_dot, to_graphml, to_json, to_mermaid
from smartstd.graph.synthetic import synthetic_charter
from smartstd.graph.usage import UsageFact, usage_facts
from smartstd.graph.validity import in_force

__all__ = [
    "ASSERTION_KINDS",
    "CHECK_CODES",
    "EDGE_TYPES",
    "NODE_KINDS",
    "RACI_ROLES",
    "AccessEvaluator",
    "AccessPath",
    "Assertion",
    "AssertionResult",
    "Charter",
    "CharterDiff",
    "DutyList",
    "Explanation",
    "GraphSource",
    "Holder",
    "Issue",
    "OrganizationDuties",
    "RaciMatrix",
    "RoleChange",
    "Source",
    "Step",
    "TermChange",
    "UsageFact",
    "as_charter",
    "assertions_in",
    "build_graph",
    "check_charter",
    "diff",
    "duties",
    "explain",
    "in_force",
    "iter_issues",
    "load_assertions",
    "node_id",
    "parse_assertions",
    "raci",
    "run_assertions",
    "synthetic_charter",
    "to_dot",
    "to_graphml",
    "to_json",
    "to_mermaid",
    "usage_facts",
    "who",
]
