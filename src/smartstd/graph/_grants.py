"""Checks of grants, delegations and time: what rests on what, and when.

* SC605-SC609: delegation cycles, delegations wider than their source,
  purposes, sensitive data, processors' agreements;
* SC610, SC618: what outlives its agreement; periods that end before they begin;
* SC622: an agreement signed after it takes effect, or work under it (an
  assignment or grant) that begins before it is signed;
* SC623: an assignment or grant in force by its own dates whose agreement is
  not yet in force (:func:`~smartstd.graph.validity.standing`, the definition
  ``graph explain`` uses too).

授权、转授与时间的检查：依据关系与先后顺序。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress, repeat
from operator import is_not, itemgetter, or_
from typing import Any

from smartstd.graph._params import strings
from smartstd.graph._run import Issue, Run, functional_cycles, iso
from smartstd.graph.validity import in_force, standing

__all__ = ["GRANT_CHECKS"]


def _sc605(run: Run) -> Iterator[Issue]:
    rows = run.idx.grant_rows
    succ: dict[str, str | None] = dict(zip(rows, map(itemgetter(4), rows.values()), strict=True))
    for cycle in functional_cycles(succ):
        yield Issue(
            "SC605",
            "DataAccessGrant",
            cycle[0],
            ("delegated_from_id",),
            {"members": cycle, "length": len(cycle)},
        )


def _sc606(run: Run) -> Iterator[Issue]:
    rows = run.idx.grant_rows
    for gid, (_org, cat, pur, _agr, src_id, actions, _role, _basis, vf, vu) in rows.items():
        if src_id is None or src_id == gid:
            continue
        src = rows.get(src_id)
        if src is None:
            continue
        _src_org, src_cat, src_pur, _a, _s, src_actions, _r, _b, src_vf, src_vu = src
        wider: list[str] = []
        detail: list[str] = []
        extra = [a for a in actions if a not in src_actions]
        if extra:
            wider.append("actions")
            detail.append("actions +" + "+".join(extra))
        if cat != src_cat:
            wider.append("categories")
            detail.append(f"category {cat} ≠ {src_cat}")
        if pur != src_pur:
            wider.append("purposes")
            detail.append(f"purpose {pur} ≠ {src_pur}")
        time: list[str] = []
        if src_vf is not None and (vf is None or vf < src_vf):
            time.append(f"valid_from {iso(vf)} < {iso(src_vf)}")
        if src_vu is not None and (vu is None or vu > src_vu):
            time.append(f"valid_until {iso(vu)} > {iso(src_vu)}")
        if time:
            wider.append("time")
            detail.extend(time)
        if wider:
            yield Issue(
                "SC606",
                "DataAccessGrant",
                gid,
                ("delegated_from_id",),
                {"grant": gid, "source": src_id, "wider": wider, "detail": "; ".join(detail)},
            )


def _sc607(run: Run) -> Iterator[Issue]:
    idx = run.idx
    purposes, agreements = idx.purpose_rows, idx.agreement_rows

    def params(gid: str, org: str, cat: str, pur: str, declared_by: str) -> dict[str, Any]:
        return {
            "grant": gid,
            "organization": org,
            "category": cat,
            "purpose": pur,
            "declared_by": declared_by,
        }

    for gid, row in idx.grant_rows.items():
        org, cat, pur, agr_id = row[0], row[1], row[2], row[3]
        declared = purposes.get(pur)
        if declared is not None and cat not in declared[1]:
            yield Issue(
                "SC607", "DataAccessGrant", gid, ("purpose_id",), params(gid, org, cat, pur, pur)
            )
        if agr_id is None:
            continue
        agr = agreements.get(agr_id)
        if agr is None:
            continue
        agr_purposes, agr_cats = agr[3], agr[4]
        if agr_purposes and pur not in agr_purposes:
            yield Issue(
                "SC607",
                "DataAccessGrant",
                gid,
                ("purpose_id",),
                params(gid, org, cat, pur, agr_id),
            )
        if agr_cats and cat not in agr_cats:
            yield Issue(
                "SC607",
                "DataAccessGrant",
                gid,
                ("data_category_id",),
                params(gid, org, cat, pur, agr_id),
            )


def _sc608(run: Run) -> Iterator[Issue]:
    access = run.access
    sensitivities, bases = access.sensitivities, access.sensitive_bases
    categories = run.idx.category_rows
    # AccessEvaluator.is_sensitive(), on the rows: the sensitive categories, then their grants
    rows = categories.values()
    sensitive = set(
        compress(
            categories,
            map(
                or_,
                map(sensitivities.__contains__, map(itemgetter(1), rows)),
                map(is_not, map(itemgetter(2), rows), repeat(None)),
            ),
        )
    )
    if not sensitive:
        return
    grants = run.idx.grant_rows
    for gid in compress(grants, map(sensitive.__contains__, map(itemgetter(1), grants.values()))):
        org, cat_id, _pur, _agr, _src, _actions, _role, basis, _vf, _vu = grants[gid]
        if basis in bases:
            continue
        cat = categories[cat_id]
        yield Issue(
            "SC608",
            "DataAccessGrant",
            gid,
            ("legal_basis",) if basis else (),
            {
                "grant": gid,
                "organization": org,
                "category": cat_id,
                "sensitivity": cat[2] or cat[1],
                "basis": basis or "none",
                "allowed": sorted(bases),
            },
        )


def _sc609(run: Run) -> Iterator[Issue]:
    processor_roles = strings(run.params, "SC609", "processor_roles")
    processor_kinds = strings(run.params, "SC609", "processor_agreement_kinds")
    joint_kinds = strings(run.params, "SC609", "joint_agreement_kinds")
    agreements = run.idx.agreement_rows
    for gid, row in run.idx.grant_rows.items():
        org, agr_id, role = row[0], row[3], row[6]
        if role in processor_roles:
            kinds = processor_kinds
        elif role == "joint_controller":
            kinds = joint_kinds
        else:
            continue
        agr = agreements.get(agr_id) if agr_id is not None else None
        if agr_id is None:
            reason, path = "missing", ("legal_role",)
        elif agr is None:
            reason, path = "unknown", ("agreement_id",)
        elif agr[0] not in kinds:
            reason, path = "wrong-kind", ("agreement_id",)
        elif org not in agr[1]:
            reason, path = "not-a-party", ("agreement_id",)
        else:
            continue
        yield Issue(
            "SC609",
            "DataAccessGrant",
            gid,
            path,
            {
                "grant": gid,
                "organization": org,
                "legal_role": role,
                "reason": reason,
                "agreement": agr_id or "-",
                "required": sorted(kinds),
            },
        )


# --------------------------------------------------------------------------- time


def _expiry(etype: str, eid: str, agr_id: str, until: dt.date) -> Issue:
    return Issue(
        "SC610",
        etype,
        eid,
        ("agreement_id",),
        {
            "subject_type": etype,
            "subject": eid,
            "expired": agr_id,
            "until": until.isoformat(),
            "used_on": (until + dt.timedelta(days=1)).isoformat(),
        },
    )


def _sc610(run: Run) -> Iterator[Issue]:
    idx = run.idx
    agreements = idx.agreement_rows
    for a in idx.assignments_with_agreement:
        agr_id = a.agreement_id
        agr = agreements.get(agr_id) if agr_id is not None else None
        if agr_id is None or agr is None or agr[8] is None or not in_force(a, None):
            continue
        if a.valid_until is None or a.valid_until > agr[8]:
            yield _expiry("Assignment", a.id, agr_id, agr[8])
    for gid, row in idx.grant_rows.items():
        agr_id, vf, vu = row[3], row[8], row[9]
        if agr_id is None:
            continue
        agr = agreements.get(agr_id)
        if agr is None or agr[8] is None or (vf is not None and vu is not None and vu < vf):
            continue
        if vu is None or vu > agr[8]:
            yield _expiry("DataAccessGrant", gid, agr_id, agr[8])


def _sc618(run: Run) -> Iterator[Issue]:
    idx = run.idx
    dated: tuple[tuple[str, Iterable[tuple[str, dt.date | None, dt.date | None]]], ...] = (
        ("Assignment", ((a.id, a.valid_from, a.valid_until) for a in idx.assignments_inverted)),
        ("DataAccessGrant", ((gid, r[8], r[9]) for gid, r in idx.grant_rows.items())),
        ("Agreement", ((aid, r[7], r[8]) for aid, r in idx.agreement_rows.items())),
    )
    for etype, items in dated:
        for eid, vf, vu in items:
            if vf is not None and vu is not None and vu < vf:
                yield Issue(
                    "SC618",
                    etype,
                    eid,
                    ("valid_until",),
                    {
                        "entity_type": etype,
                        "entity": eid,
                        "valid_from": vf.isoformat(),
                        "valid_until": vu.isoformat(),
                    },
                )


# --------------------------------------------------------------------------- in advance


def _dependents(run: Run) -> Iterator[tuple[str, Any]]:
    """The assignments and grants that rest on an agreement, with their type."""
    for a in run.idx.assignments_with_agreement:
        yield "Assignment", a
    for g in run.charter.grants.values():
        if g.agreement_id is not None:
            yield "DataAccessGrant", g


def _sc622(run: Run) -> Iterator[Issue]:
    agreements = run.charter.agreements
    late: set[str] = set()
    for aid, agr in agreements.items():
        signed, vf = agr.signed_at, agr.valid_from
        if signed is not None and vf is not None and signed > vf:
            late.add(aid)
            yield Issue(
                "SC622",
                "Agreement",
                aid,
                ("signed_at",),
                {
                    "subject_type": "Agreement",
                    "subject": aid,
                    "agreement": aid,
                    "signed": signed.isoformat(),
                    "begins": vf.isoformat(),
                },
            )
    for etype, dep in _dependents(run):
        under = agreements.get(dep.agreement_id)
        if under is None or under.signed_at is None or not in_force(dep, None):
            continue
        begins = dep.valid_from if dep.valid_from is not None else under.valid_from
        if begins is None or begins >= under.signed_at:
            continue
        if under.id in late and under.valid_from is not None and begins >= under.valid_from:
            continue  # it begins with the agreement, whose own date is already reported
        yield Issue(
            "SC622",
            etype,
            dep.id,
            ("valid_from",) if dep.valid_from is not None else ("agreement_id",),
            {
                "subject_type": etype,
                "subject": dep.id,
                "agreement": under.id,
                "signed": under.signed_at.isoformat(),
                "begins": begins.isoformat(),
            },
        )


def _sc623(run: Run) -> Iterator[Issue]:
    agreements = run.charter.agreements
    on = run.on
    for etype, dep in _dependents(run):
        if standing(dep, on, agreements) != "agreement-not-yet":
            continue
        agr = agreements[dep.agreement_id]
        yield Issue(
            "SC623",
            etype,
            dep.id,
            ("agreement_id",),
            {
                "subject_type": etype,
                "subject": dep.id,
                "agreement": agr.id,
                "on": on.isoformat(),
                "valid_from": iso(agr.valid_from),
            },
        )


GRANT_CHECKS: Mapping[str, Callable[[Run], Iterator[Issue]]] = {
    "SC605": _sc605,
    "SC606": _sc606,
    "SC607": _sc607,
    "SC608": _sc608,
    "SC609": _sc609,
    "SC610": _sc610,
    "SC618": _sc618,
    "SC622": _sc622,
    "SC623": _sc623,
}
