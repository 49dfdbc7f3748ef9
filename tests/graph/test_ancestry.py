"""Ancestry questions about domains cost no walk up the hierarchy, however deep it is.

:meth:`CharterIndex.is_ancestor`, :meth:`CharterIndex.lineage_table` and
:meth:`CharterIndex.above_any` must answer exactly what walking
:meth:`CharterIndex.ancestors` answers, for any parents (chains, trees, cycles,
self-parents, parents that are not known domains); the charter checks of the
engine ask them once per finding, so a walk each time made a deep hierarchy
quadratic (a 20,000-deep chain without an accountable party took over ten
minutes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphdata import ENVELOPE, Builder
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.conformance.engine import check
from smartstd.graph.index import CharterIndex

NAMES = [f"d{i}" for i in range(12)]


def index_of(parents: dict[str, str | None]) -> CharterIndex:
    """An index holding only ``parents`` (all that the ancestry methods read)."""
    index = CharterIndex.__new__(CharterIndex)
    index.parents = parents
    return index


parent_maps = st.dictionaries(
    st.sampled_from(NAMES),
    st.one_of(st.none(), st.sampled_from([*NAMES, "unknown-1", "unknown-2"])),
    max_size=len(NAMES),
)


def lineage(index: CharterIndex, domain: str) -> list[str]:
    return [domain, *index.ancestors(domain)]


@settings(max_examples=300, deadline=None)
@given(parent_maps)
def test_is_ancestor_is_what_the_walk_says(parents: dict[str, str | None]) -> None:
    index = index_of(parents)
    for b in [*NAMES, "unknown-1"]:
        walked = set(index.ancestors(b))
        for a in [*NAMES, "unknown-1"]:
            assert index.is_ancestor(a, b) == (a in walked), (a, b)


@settings(max_examples=300, deadline=None)
@given(parent_maps, st.sets(st.sampled_from([*NAMES, "unknown-1"]), max_size=4))
def test_lineage_table_and_above_any_are_what_the_walk_says(
    parents: dict[str, str | None], among: set[str]
) -> None:
    index = index_of(parents)
    table = index.lineage_table(among)
    assert set(table) == set(parents)
    for d in parents:
        assert table[d] == (not among.isdisjoint(lineage(index, d))), d
    expected: set[str] = set()
    for d in among:
        expected.update(lineage(index, d))
    assert index.above_any(among) == expected


def test_a_deep_chain_and_a_long_cycle() -> None:
    n = 5_000  # deeper than any recursion limit
    parents: dict[str, str | None] = {f"c{i}": f"c{i + 1}" for i in range(n)}
    parents[f"c{n}"] = None
    parents.update({f"r{i}": f"r{(i + 1) % n}" for i in range(n)})  # one cycle of n
    parents["below-cycle"] = "r7"
    index = index_of(parents)
    assert index.is_ancestor(f"c{n}", "c0") and not index.is_ancestor("c0", f"c{n}")
    assert index.is_ancestor("r3", "r2") and index.is_ancestor("r2", "r3")
    assert not index.is_ancestor("r3", "r3")
    assert index.is_ancestor("r100", "below-cycle") and not index.is_ancestor("below-cycle", "r1")
    table = index.lineage_table({f"c{n}", "r0"})
    assert all(table[f"c{i}"] for i in range(n)) and table["below-cycle"]


def test_the_engine_asks_about_a_deep_hierarchy_in_linear_work(
    base: Builder, tmp_path: Path, monkeypatch: Any
) -> None:
    """Each domain of a deep chain lacks an accountable party: one finding each, no walk each."""
    n = 1_500
    for i in range(n):
        base.add(
            {
                "id": f"dom-{i}",
                "type": "ResponsibilityDomain",
                "name": {"zh-CN": f"领域{i}"},
                "exclusive": True,
                "affects_residents": True,
                **({"parent_id": f"dom-{i + 1}"} if i + 1 < n else {}),
            }
        )
    walked = 0
    real = CharterIndex.ancestors

    def counting(self: CharterIndex, domain: str) -> list[str]:
        nonlocal walked
        found = real(self, domain)
        walked += len(found) + 1
        return found

    monkeypatch.setattr(CharterIndex, "ancestors", counting)
    path = tmp_path / "charter.json"
    path.write_text(json.dumps({**ENVELOPE, "entities": base.entities}), "utf-8")
    report = check([str(path)], level="L3")
    no_accountable = {f.entity_id for f in report.findings if f.code == "SC601"}
    assert {f"dom-{i}" for i in range(n)} <= no_accountable
    assert walked <= 20 * n  # a walk per finding is about n * n / 2
