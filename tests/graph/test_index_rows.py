"""The charter index's compact rows and holders agree with the models they are read from."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

from graphdata import ON, Builder
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.graph import Charter, check_charter, in_force, synthetic_charter
from smartstd.graph.index import RACI_ROLES, CharterIndex
from smartstd.graph.model import gc_paused
from smartstd.graph.synthetic import SYNTHETIC_AS_OF
from smartstd.standard.domains import CORE_DOMAINS


def naive_effective(idx: CharterIndex, role: str, on: dt.date | None) -> dict[str, tuple[str, Any]]:
    """For each known domain: the nearest domain up its parents with assignments in force."""
    charter = idx.charter
    own: dict[str, list[str]] = {}
    for a in charter.assignments.values():
        if a.role == role and in_force(a, on):
            own.setdefault(a.domain_id, []).append(a.id)
    out: dict[str, tuple[str, Any]] = {}
    for d in idx.parents:
        seen: set[str] = set()
        cur: str | None = d
        found: tuple[str, Any] = (d, [])
        while cur is not None and cur in idx.parents and cur not in seen:
            if cur in own:
                found = (cur, own[cur])
                break
            seen.add(cur)
            cur = idx.parents[cur]
        out[d] = found
    return out


def test_rows_hold_the_models_values() -> None:
    charter = Charter.from_entities(synthetic_charter(400), as_of=SYNTHETIC_AS_OF)
    idx = charter.index
    for gid, g in charter.grants.items():
        assert idx.grant_rows[gid] == (
            g.organization_id,
            g.data_category_id,
            g.purpose_id,
            g.agreement_id,
            g.delegated_from_id,
            g.actions,
            g.legal_role,
            g.legal_basis,
            g.valid_from,
            g.valid_until,
        )
    for aid, agr in charter.agreements.items():
        row = idx.agreement_rows[aid]
        assert row[1] == agr.party_ids
        assert row[5] == tuple((b.organization_id, b.kind, b.domain_ids) for b in agr.benefits)
        assert row[6] == tuple(o.organization_id for o in agr.obligations)
    assert idx.organization_rows == {
        oid: (o.kind, o.parent_id) for oid, o in charter.organizations.items()
    }
    assert idx.category_rows == {
        cid: (c.steward_id, c.sensitivity, c.sensitive_kind)
        for cid, c in charter.categories.items()
    }
    assert idx.assignment_orgs == {a.organization_id for a in charter.assignments.values()}
    assert idx.assignment_domains == {a.domain_id for a in charter.assignments.values()}
    assert list(idx.parents) == list(idx.domain_info)
    assert idx.parents == {d: info.parent for d, info in idx.domain_info.items()}
    assert idx.exclusive == {d for d, info in idx.domain_info.items() if info.exclusive}
    assert idx.affecting_residents == {
        d for d, info in idx.domain_info.items() if info.affects_residents
    }
    assert list(idx.anchors) == idx.scope


def test_the_indexes_of_models_are_built_on_first_use(base: Builder) -> None:
    base.assign("a-x", "property_maintenance", "org-rc", "informed")
    base.grant("g-x", "org-rc", delegated_from_id="g-pm")
    charter = Charter.from_entities(base.entities, as_of=ON)
    idx = charter.index
    assert [a.id for a in idx.by_role["accountable"]["property_maintenance"]] == ["a-so"]
    assert [a.id for a in idx.by_org["org-rc"]] == ["a-rc", "a-x"]
    assert [g.id for g in idx.grants_by_org["org-rc"]] == ["g-x"]
    assert [g.id for g in idx.grants_by_category["cat-contact"]] == ["g-pm", "g-x"]
    assert idx.delegations == {"g-pm": ["g-x"]}
    assert [a.id for a in idx.agreements_by_party["org-pm"]] == ["agr-pm"]
    assert idx.anchors["property_maintenance"] == ("Assignment", "a-so", ("domain_id",))
    assert idx.anchor("property_maintenance") == ("Assignment", "a-so", ("domain_id",))
    assert idx.anchor("elsewhere") == ("ResponsibilityDomain", "elsewhere", ())
    assert idx.scope == ["property_maintenance"]
    assert idx.in_scope("property_maintenance")
    assert not idx.in_scope("resident_data")
    assert idx.holders(ON).organizations("accountable", "property_maintenance") == ["org-so"]


DOMAINS = ["d-0", "d-1", "d-2", "d-3", "d-4"]
CORE = list(CORE_DOMAINS)[:2]
DATES = [None, "2026-01-01", "2026-06-30", "2026-12-31"]


@st.composite
def hierarchies(draw: Any) -> Builder:
    """Sub-domains with random parents (cycles and unknown parents included) and assignments."""
    b = Builder()
    for i, d in enumerate(DOMAINS):
        chain = DOMAINS[i + 1] if i + 1 < len(DOMAINS) else CORE[0]  # d-0 under d-1 ... under core
        parent = draw(
            st.one_of(st.just(chain), st.sampled_from([None, "nowhere", *CORE, *DOMAINS]))
        )
        entity: dict[str, Any] = {"id": d, "type": "ResponsibilityDomain", "name": {"en": d}}
        if parent is not None:
            entity["parent_id"] = parent
        b.add(entity)
    for i in range(draw(st.integers(min_value=0, max_value=12))):
        fields = {
            "lead": draw(st.booleans()),
            "valid_from": draw(st.sampled_from(DATES)),
            "valid_until": draw(st.sampled_from(DATES)),
        }
        b.assign(
            f"a-{i}",
            draw(st.sampled_from([*CORE, *CORE, *DOMAINS, "nowhere"])),
            draw(st.sampled_from(["org-so", "org-rc", "org-pm"])),
            draw(st.sampled_from(RACI_ROLES)),
            **{k: v for k, v in fields.items() if v is not None},
        )
    return b


@settings(max_examples=300)
@given(hierarchies(), st.sampled_from([None, ON, dt.date(2026, 1, 1), dt.date(2027, 1, 1)]))
def test_holders_and_inheritance_agree_with_the_models(b: Builder, on: dt.date | None) -> None:
    charter = Charter.from_entities(b.entities, as_of=ON)
    idx = charter.index
    holders = idx.holders(on)
    for role in RACI_ROLES:
        expected = naive_effective(idx, role, on)
        inherited = idx.inherited(role, on)
        effective = idx.effective(role, on)
        for d, (via, ids) in expected.items():
            assert (effective[d][0], [a.id for a in effective[d][1]]) == (via, ids)
            own = d in holders.first.get(role, {})
            assert inherited.get(d) == (via if ids and not own else None)
            orgs = [charter.assignments[a].organization_id for a in ids]
            assert holders.organizations(role, via) == orgs
        crowded = [(d, [org for org, _lead in items]) for d, items in holders.crowded(role)]
        live = idx.live(on).get(role, {})
        assert crowded == [
            (d, [a.organization_id for a in items]) for d, items in live.items() if len(items) > 1
        ]


def test_checks_on_another_date_match_a_charter_of_that_date() -> None:
    entities = synthetic_charter(300)
    for on in (dt.date(2024, 6, 1), dt.date(2025, 6, 1), dt.date(2028, 1, 1)):
        other = check_charter(Charter.from_entities(entities, as_of=SYNTHETIC_AS_OF), on=on)
        same = check_charter(Charter.from_entities(entities, as_of=on), on=on)
        assert other == same


def test_gc_paused_resumes_the_collector_and_spares_frozen_objects() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        kept = [[i] for i in range(10_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert len(kept) == 10_000
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            more = [[i] for i in range(1_000)]
        assert gc.get_freeze_count() == frozen
        assert len(more) == 1_000
    finally:
        gc.unfreeze()
