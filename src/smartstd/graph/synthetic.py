"""Synthetic charters of any size, for benchmarks and tests.

:func:`synthetic_charter` builds a deterministic charter of about ``size``
organisations, sub-domains and data categories (40 %, 30 % and 30 %) with
purposes, grants (a quarter of them delegated, under data processing
agreements), agreements with benefits and obligations, and RACI assignments
for every domain, about 3.3 edges per node in all. Without ``defects`` it
passes every SC6xx check; with them it carries a handful of known problems
(a delegation cycle, a wider delegation, an overlap, an orphan, a party
without obligations).

Entities are built with pydantic's ``model_construct`` (no validation), so a
100,000-node charter takes a second or two to build, not minutes; they are
valid by construction.

合成章程：用于基准测试和测试的确定性数据。
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from smartstd.standard.domains import CORE_DOMAINS
from smartstd.standard.governance import (
    Agreement,
    Assignment,
    Benefit,
    DataAccessGrant,
    DataCategory,
    Duty,
    DutySeparation,
    Obligation,
    Purpose,
    ResponsibilityDomain,
)
from smartstd.standard.organization import Organization

__all__ = ["SYNTHETIC_AS_OF", "synthetic_charter", "wide_charter"]

#: The date a synthetic charter is meant to be checked on.
SYNTHETIC_AS_OF = dt.date(2026, 6, 30)

_CORE = list(CORE_DOMAINS)
# every 7 organisations: one street office, two residents' committees, a property company,
# an enterprise, a university and a social organisation
_KINDS = (
    "street_office",
    "residents_committee",
    "property_management",
    "enterprise",
    "residents_committee",
    "university",
    "social_organization",
)
_START = dt.date(2025, 1, 1)
_END = dt.date(2027, 12, 31)


def _name(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


def _domains(
    rnd: random.Random,
    n_dom: int,
    offices: list[str],
    workers: list[str],
    committees: list[str],
    others: list[str],
) -> tuple[list[Any], list[Any]]:
    """The sub-domains with their A, R, C and I, and the core domains' own roles."""
    domains: list[Any] = []
    assignments: list[Any] = []
    for i in range(n_dom):
        parent = _CORE[i % len(_CORE)] if i < 4 * len(_CORE) else f"dom-{rnd.randrange(i // 2)}"
        did = f"dom-{i}"
        domains.append(
            ResponsibilityDomain.model_construct(
                id=did,
                type="ResponsibilityDomain",
                name=_name(f"领域{i}", f"Domain {i}"),
                parent_id=parent,
                affects_residents=True,
                exclusive=i % 5 == 0,
            )
        )
        roles = (
            ("accountable", offices[i % len(offices)]),
            ("responsible", workers[i % len(workers)]),
            ("consulted", committees[i % len(committees)]),
            ("informed", others[i % len(others)]),
        )
        for role, org in roles:
            assignments.append(
                Assignment.model_construct(
                    id=f"asg-{i}-{role[0]}",
                    type="Assignment",
                    domain_id=did,
                    organization_id=org,
                    role=role,
                    lead=False,
                    valid_from=_START,
                    valid_until=_END,
                )
            )
    # core domains touched by sub-domains need their own A, R and residents
    for j, core in enumerate(_CORE):
        for role, org in (
            ("accountable", offices[j % len(offices)]),
            ("responsible", workers[j % len(workers)]),
            ("consulted", committees[j % len(committees)]),
        ):
            assignments.append(
                Assignment.model_construct(
                    id=f"asg-core-{core}-{role[0]}",
                    type="Assignment",
                    domain_id=core,
                    organization_id=org,
                    role=role,
                    lead=False,
                    valid_from=_START,
                    valid_until=_END,
                )
            )
    return domains, assignments


def _categories(n_cat: int, offices: list[str]) -> list[Any]:
    """Data categories: every tenth sensitive (health), stewarded by the street offices."""
    cats: list[Any] = []
    for i in range(n_cat):
        sensitive = i % 10 == 0
        cats.append(
            DataCategory.model_construct(
                id=f"cat-{i}",
                type="DataCategory",
                name=_name(f"数据类别{i}", f"Category {i}"),
                sensitivity="sensitive_personal"
                if sensitive
                else ("personal" if i % 2 else "internal"),
                sensitive_kind="health" if sensitive else None,
                steward_id=offices[i % len(offices)],
            )
        )
    return cats


def _agreements(
    agr_parties: list[list[str]],
    agr_purposes: list[list[str]],
    agr_cats: list[list[str]],
    n_dom: int,
) -> list[Any]:
    """One data-processing agreement per list of parties, each party gaining and owing."""
    n_agr = len(agr_parties)
    agreements: list[Any] = []
    for k in range(n_agr):
        parties = agr_parties[k]
        agreements.append(
            Agreement.model_construct(
                id=f"agr-{k}",
                type="Agreement",
                name=_name(f"协议{k}", f"Agreement {k}"),
                kind="data_processing",
                party_ids=parties,
                domain_ids=[f"dom-{k % n_dom}"],
                purpose_ids=agr_purposes[k],
                data_category_ids=agr_cats[k],
                benefits=[
                    Benefit.model_construct(
                        organization_id=p,
                        kind="public_service" if j == 0 else "revenue",
                        domain_ids=[],
                    )
                    for j, p in enumerate(parties)
                ],
                obligations=[
                    Obligation.model_construct(
                        organization_id=p, description=_name("履行协议", "Perform the agreement")
                    )
                    for p in parties
                ],
                valid_from=_START,
                valid_until=_END,
            )
        )
    return agreements


def _separations(n_dom: int) -> list[Any]:
    """A separation of accountable from responsible in every fiftieth domain."""
    return [
        DutySeparation.model_construct(
            id=f"sep-{i}",
            type="DutySeparation",
            duties=[
                Duty.model_construct(domain_id=f"dom-{i}", role="accountable"),
                Duty.model_construct(domain_id=f"dom-{i}", role="responsible"),
            ],
            max_held=1,
        )
        for i in range(0, n_dom, 50)
    ]


def synthetic_charter(size: int, *, seed: int = 0, defects: bool = True) -> list[Any]:
    """A deterministic synthetic charter of about ``size`` organisations, domains and categories.

    Args:
        size: organisations + sub-domains + data categories (at least 40).
        seed: the random seed (the same seed gives the same charter).
        defects: include a few known problems (see the module docstring).

    Returns:
        The entities (organisations first, then the charter), meant to be
        checked on :data:`SYNTHETIC_AS_OF`.
    """
    rnd = random.Random(seed)
    size = max(size, 40)
    n_org = size * 4 // 10
    n_dom = size * 3 // 10
    n_cat = size - n_org - n_dom
    n_pur = max(size // 10, 2)
    n_grant = max(size // 5, 4)
    n_agr = max(size // 20, 2)

    orgs = [
        Organization.model_construct(
            id=f"org-{i}",
            type="Organization",
            name=_name(f"组织{i}", f"Organisation {i}"),
            kind=_KINDS[i % len(_KINDS)],
        )
        for i in range(n_org)
    ]
    by_kind: dict[str, list[str]] = {}
    for o in orgs:
        by_kind.setdefault(o.kind, []).append(o.id)
    offices, committees = by_kind["street_office"], by_kind["residents_committee"]
    workers = (
        by_kind["property_management"] + by_kind["enterprise"] + by_kind["social_organization"]
    )
    others = by_kind["university"] + by_kind["enterprise"]

    domains, assignments = _domains(rnd, n_dom, offices, workers, committees, others)

    cats = _categories(n_cat, offices)
    purposes: list[Any] = []
    pur_cats: list[list[str]] = []
    for i in range(n_pur):
        cs = sorted({f"cat-{rnd.randrange(n_cat)}" for _ in range(3)})
        pur_cats.append(cs)
        purposes.append(
            Purpose.model_construct(
                id=f"pur-{i}",
                type="Purpose",
                name=_name(f"目的{i}", f"Purpose {i}"),
                domain_ids=[f"dom-{rnd.randrange(n_dom)}"],
                data_category_ids=cs,
            )
        )

    # agreements: parties are filled in as grants need them
    agr_parties: list[list[str]] = [
        [offices[k % len(offices)], workers[k % len(workers)]] for k in range(n_agr)
    ]
    agr_purposes: list[list[str]] = [[] for _ in range(n_agr)]
    agr_cats: list[list[str]] = [[] for _ in range(n_agr)]
    grants: list[Any] = []
    for i in range(n_grant):
        if i % 4 == 3 and grants:
            src = grants[rnd.randrange(len(grants))]
            k = i % n_agr
            holder = workers[rnd.randrange(len(workers))]
            if holder not in agr_parties[k]:
                agr_parties[k].append(holder)
            if src.purpose_id not in agr_purposes[k]:
                agr_purposes[k].append(src.purpose_id)
            if src.data_category_id not in agr_cats[k]:
                agr_cats[k].append(src.data_category_id)
            grants.append(
                DataAccessGrant.model_construct(
                    id=f"grant-{i}",
                    type="DataAccessGrant",
                    organization_id=holder,
                    data_category_id=src.data_category_id,
                    actions=["read"],
                    purpose_id=src.purpose_id,
                    legal_role="processor",
                    legal_basis="consent",
                    agreement_id=f"agr-{k}",
                    delegated_from_id=src.id,
                    valid_from=src.valid_from,
                    valid_until=src.valid_until,
                )
            )
        else:
            p = rnd.randrange(n_pur)
            grants.append(
                DataAccessGrant.model_construct(
                    id=f"grant-{i}",
                    type="DataAccessGrant",
                    organization_id=offices[i % len(offices)],
                    data_category_id=pur_cats[p][i % len(pur_cats[p])],
                    actions=["read", "write", "share"],
                    purpose_id=f"pur-{p}",
                    legal_role="controller",
                    legal_basis="legal_obligation",
                    valid_from=_START,
                    valid_until=_END,
                )
            )
    agreements = _agreements(agr_parties, agr_purposes, agr_cats, n_dom)
    separations = _separations(n_dom)
    if defects:
        _inject_defects(orgs, assignments, grants, agreements, workers)
    return [*orgs, *domains, *assignments, *cats, *purposes, *grants, *agreements, *separations]


def _inject_defects(
    orgs: list[Any],
    assignments: list[Any],
    grants: list[Any],
    agreements: list[Any],
    workers: list[str],
) -> None:
    """A few known problems: SC605, SC606, SC604, SC615, SC614."""
    g0 = grants[0]
    ids = [f"grant-cycle-{k}" for k in range(3)]
    for k, gid in enumerate(ids):
        grants.append(
            DataAccessGrant.model_construct(
                id=gid,
                type="DataAccessGrant",
                organization_id=g0.organization_id,
                data_category_id=g0.data_category_id,
                actions=["read"],
                purpose_id=g0.purpose_id,
                legal_role="recipient",
                legal_basis="legal_obligation",
                delegated_from_id=ids[(k + 1) % 3],
                valid_from=_START,
                valid_until=_END,
            )
        )
    grants.append(
        DataAccessGrant.model_construct(
            id="grant-wider",
            type="DataAccessGrant",
            organization_id=g0.organization_id,
            data_category_id=g0.data_category_id,
            actions=["read", "write", "share", "delete"],
            purpose_id=g0.purpose_id,
            legal_role="recipient",
            legal_basis="legal_obligation",
            delegated_from_id=g0.id,
            valid_from=_START,
            valid_until=None,
        )
    )
    assignments.append(
        Assignment.model_construct(
            id="asg-overlap",
            type="Assignment",
            domain_id="dom-0",
            organization_id=workers[-1],
            role="responsible",
            lead=False,
            valid_from=_START,
            valid_until=_END,
        )
    )
    orgs.append(
        Organization.model_construct(
            id="org-orphan",
            type="Organization",
            name=_name("游离组织", "Orphan"),
            kind="enterprise",
        )
    )
    agr = agreements[0]
    agr.obligations = agr.obligations[:-1]


def wide_charter(organizations: int, domains: int, *, parties: bool = False) -> list[Any]:
    """A charter whose RACI matrix is ``domains`` rows by ``organizations`` columns.

    ``domains`` sub-domains of ``service_delivery`` inherit the roles of
    their parent, for which each organisation holds one (the first is
    accountable, the second responsible, the others informed); with
    ``parties``, one agreement has every organisation as a party, so that
    each organisation's duty list names all the others. The shape of
    a city's charter gone wrong: linear in size, but its RACI table (and,
    with ``parties``, its duty lists) grows as the product. Built with
    ``model_construct``, valid by construction.

    >>> len(wide_charter(3, 2)), len(wide_charter(3, 2, parties=True))
    (8, 9)
    """
    top = "service_delivery"
    out: list[Any] = []
    orgs = [f"org-{i}" for i in range(organizations)]
    for i, oid in enumerate(orgs):
        out.append(
            Organization.model_construct(
                id=oid,
                type="Organization",
                name=_name(f"组织{i}", f"Organisation {i}"),
                kind=_KINDS[i % len(_KINDS)],
            )
        )
    for j in range(domains):
        out.append(
            ResponsibilityDomain.model_construct(
                id=f"dom-{j}",
                type="ResponsibilityDomain",
                name=_name(f"子领域{j}", f"Sub-domain {j}"),
                parent_id=top,
            )
        )
    for i, oid in enumerate(orgs):
        out.append(
            Assignment.model_construct(
                id=f"asg-{i}",
                type="Assignment",
                domain_id=top,
                organization_id=oid,
                role=("accountable", "responsible")[i] if i < 2 else "informed",
            )
        )
    if parties:
        out.append(
            Agreement.model_construct(
                id="agr-all",
                type="Agreement",
                name=_name("全体协议", "Everyone's agreement"),
                kind="cooperation",
                party_ids=orgs,
                benefits=[],
                obligations=[],
            )
        )
    return out
