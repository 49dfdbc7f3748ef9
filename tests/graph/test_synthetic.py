"""The synthetic charter builder, and graph invariants checked on random charters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdata import ON, Builder
from hypothesis import given
from hypothesis import strategies as st

from smartstd.graph import AccessEvaluator, Charter, build_graph, check_charter, synthetic_charter
from smartstd.graph.synthetic import SYNTHETIC_AS_OF


def test_a_clean_synthetic_charter_passes_every_check() -> None:
    assert check_charter(synthetic_charter(500, defects=False), on=SYNTHETIC_AS_OF) == []


def test_the_defects_are_found() -> None:
    codes = sorted({f.code for f in check_charter(synthetic_charter(500), on=SYNTHETIC_AS_OF)})
    assert codes == ["SC604", "SC605", "SC606", "SC614", "SC615"]


def test_deterministic_and_sized() -> None:
    a, b = synthetic_charter(1000, seed=3), synthetic_charter(1000, seed=3)
    assert [e.model_dump() for e in a] == [e.model_dump() for e in b]
    charter = Charter.from_entities(a)
    assert (
        len(charter.organizations) + len(charter.domains) + len(charter.categories) == 1001
    )  # + the orphan
    g = build_graph(charter)
    assert 2.5 < g.number_of_edges() / 1000 < 4.5


DATES = [None, "2026-01-01", "2026-06-30", "2026-12-31"]


@st.composite
def charters(draw: Any) -> Builder:
    b = Builder()
    n = draw(st.integers(min_value=1, max_value=12))
    for i in range(n):
        src = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=n)))
        b.grant(
            f"g-{i}",
            draw(st.sampled_from(["org-so", "org-rc", "org-pm"])),
            actions=draw(
                st.lists(
                    st.sampled_from(["read", "write", "share", "delete"]),
                    min_size=1,
                    max_size=4,
                    unique=True,
                )
            ),
            delegated_from_id=None if src is None else ("g-pm" if src == n else f"g-{src}"),
            valid_from=draw(st.sampled_from(DATES)),
            valid_until=draw(st.sampled_from(DATES)),
            legal_role=draw(st.sampled_from(["recipient", "processor", "controller"])),
            agreement_id=draw(st.sampled_from([None, "agr-pm"])),
        )
    return b


@given(charters(), st.sampled_from([None, ON, dt.date(2026, 1, 1), dt.date(2027, 1, 1)]))
def test_bulk_access_agrees_with_each_explanation(b: Builder, on: dt.date | None) -> None:
    charter = Charter.from_entities(b.entities, as_of=ON)
    access = AccessEvaluator(charter)
    effective = access.effective(on)
    for gid, g in charter.grants.items():
        for action in ("read", "write", "share", "delete"):
            ok, steps, chain = access.chain_steps(
                gid, action=action, category=g.data_category_id, purpose=None, on=on
            )
            assert ok == (action in effective[gid]), (gid, action, [s.code for s in steps])
            assert chain[0] == gid
            assert len(chain) == len(set(chain))
        # a delegation never allows more than its source
        src = charter.grants.get(g.delegated_from_id or "")
        if src is not None and src.id != gid:
            assert effective[gid] <= effective[src.id] or not effective[gid]


@given(charters())
def test_checks_never_raise_and_cycles_are_disjoint(b: Builder) -> None:
    found = check_charter(b.entities, on=ON)
    members = [m for f in found if f.code == "SC605" for m in f.params["members"]]
    assert len(members) == len(set(members))
