"""Hostile charters: findings, never a traceback or a RecursionError.

How long they take is measured by ``benchmarks/bench_hostile_graph.py`` (the
growth from one size to ten times it, against a plain charter of the same
size measured in the same run), not here: unit tests are never timed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphdata import ENVELOPE, ON, Builder

from smartstd.conformance.engine import check
from smartstd.graph import build_graph, check_charter, diff, explain, raci, to_json, to_mermaid, who

#: Twice CPython's default recursion limit (1,000): a recursive walk of a cycle,
#: a chain of delegations or of domains would raise RecursionError.
N = 2_000


def cycle_of(b: Builder, n: int) -> Builder:
    for i in range(n):
        b.entities.append(
            {
                "id": f"g-{i}",
                "type": "DataAccessGrant",
                "organization_id": "org-rc",
                "data_category_id": "cat-contact",
                "actions": ["read"],
                "purpose_id": "pur-repair",
                "legal_role": "recipient",
                "legal_basis": "contract",
                "delegated_from_id": f"g-{(i + 1) % n}",
            }
        )
    return b


def test_a_long_cycle_of_delegations(base: Builder) -> None:
    cycle_of(base, N)
    found = check_charter(base.entities, on=ON)
    e = explain(base.entities, "org-rc", "read", "cat-contact", on=ON)
    g = build_graph(base.entities)
    (f,) = [f for f in found if f.code == "SC605"]
    assert f.params["length"] == N
    assert len(set(f.params["members"])) == N
    assert [x.code for x in found] == ["SC605"]
    assert not e.allowed
    assert e.missing is not None
    assert e.missing.code == "cycle"
    assert len(e.chain) == N
    assert g.number_of_nodes() > N


def test_a_long_chain_of_delegations_ending_in_a_grant(base: Builder) -> None:
    for i in range(N):
        base.grant(
            f"g-{i}",
            "org-rc",
            delegated_from_id=f"g-{i + 1}" if i + 1 < N else "g-pm",
            valid_from="2026-01-01",
            valid_until="2026-12-31",
        )
    assert check_charter(base.entities, on=ON) == []
    e = explain(base.entities, "org-rc", "read", "cat-contact", on=ON)
    assert e.allowed
    assert len(e.chain) == N + 1
    d = diff(Builder().entities, base.entities)
    assert [p.organization for p in d.gained] == ["org-rc"]


def test_a_deep_domain_hierarchy_and_a_domain_cycle(base: Builder) -> None:
    for i in range(N):
        base.add(
            {
                "id": f"d-{i}",
                "type": "ResponsibilityDomain",
                "name": {"en": f"D{i}"},
                "parent_id": f"d-{i + 1}" if i + 1 < N else "property_maintenance",
            }
        )
    base.add(
        {"id": "x-0", "type": "ResponsibilityDomain", "name": {"en": "x"}, "parent_id": "x-1"},
        {"id": "x-1", "type": "ResponsibilityDomain", "name": {"en": "y"}, "parent_id": "x-0"},
    )
    found = check_charter(base.entities, on=ON)
    assert ("SC620", "x-0") in [(f.code, f.entity_id) for f in found]
    assert [h.organization for h in who(base.entities, "d-0", "accountable", on=ON)] == ["org-so"]
    assert len(raci(base.entities, on=ON).domains) == N + 3


def test_self_delegation(base: Builder) -> None:
    base.grant("g-self", "org-rc", delegated_from_id="g-self")
    (f,) = check_charter(base.entities, on=ON)
    assert (f.code, list(f.params["members"])) == ("SC605", ["g-self"])


def test_dangling_references_everywhere(base: Builder) -> None:
    base.add(
        {
            "id": "a-x",
            "type": "Assignment",
            "domain_id": "nowhere",
            "organization_id": "org-ghost",
            "role": "accountable",
            "agreement_id": "agr-ghost",
        },
        {
            "id": "g-x",
            "type": "DataAccessGrant",
            "organization_id": "org-ghost",
            "data_category_id": "cat-ghost",
            "actions": ["read"],
            "purpose_id": "pur-ghost",
            "legal_role": "processor",
            "agreement_id": "agr-ghost",
            "delegated_from_id": "g-ghost",
        },
        {
            "id": "agr-x",
            "type": "Agreement",
            "kind": "cooperation",
            "party_ids": ["org-ghost", "org-so"],
            "domain_ids": ["nowhere"],
            "benefits": [
                {"organization_id": "org-ghost", "kind": "revenue", "domain_ids": ["nowhere"]}
            ],
        },
        {
            "id": "sep-x",
            "type": "DutySeparation",
            "duties": [
                {"domain_id": "nowhere", "role": "accountable"},
                {"domain_id": "nowhere", "role": "responsible"},
            ],
        },
    )
    found = check_charter(base.entities, on=ON)
    assert sum(f.code == "SC202" for f in found) >= 10
    g = build_graph(base.entities)
    assert g.graph["dangling"] > 0
    to_mermaid(g)
    json.loads(to_json(g))
    assert not explain(base.entities, "org-ghost", "read", "cat-ghost", on=ON).allowed


def test_agreement_with_no_parties_and_inverted_dates(base: Builder) -> None:
    base.add({"id": "agr-empty", "type": "Agreement", "kind": "cooperation"})
    base.set("agr-pm", valid_from="2027-01-01", valid_until="2026-01-01")
    found = {(f.code, f.entity_id) for f in check_charter(base.entities, on=ON)}
    assert ("SC619", "agr-empty") in found
    assert ("SC618", "agr-pm") in found


def test_the_engine_on_a_long_cycle(base: Builder, tmp_path: Path) -> None:
    cycle_of(base, N)
    data: dict[str, Any] = {**ENVELOPE, "entities": base.entities}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), "utf-8")
    report = check([str(path)], level="L3")
    assert [f.code for f in report.findings if f.code.startswith("SC6")] == ["SC605"]
    assert report.level.value == "L2"


def test_guesses_at_misspelt_ids_stop_at_their_budget(monkeypatch: Any) -> None:
    from smartstd.rules.sc6 import checks as sc6

    monkeypatch.setattr(sc6, "GUESS_BUDGET", 10)
    guess = sc6._Guesses()
    candidates = ["org-so", "org-rc", "org-pm", "org-vendor"]
    assert guess.near("org-sx", candidates) == ["org-so"]
    assert guess.near("org-rx", candidates)[0] == "org-rc"  # 8 of 10 spent
    assert guess.near("org-pn", candidates) == []  # it would pass the budget
    assert guess.near("org-so", ["org-so"]) == []  # and nothing more after that


def test_many_misspelt_assignments_are_not_quadratic(
    base: Builder, tmp_path: Path, monkeypatch: Any
) -> None:
    """Each dangling assignment is SC202; the guesses at what it meant are bounded work."""
    import difflib

    from smartstd.rules.sc6 import checks as sc6

    # a smaller budget proves the same bound in a fraction of the time (the real one,
    # 500,000 comparisons, takes seconds to spend)
    monkeypatch.setattr(sc6, "GUESS_BUDGET", 20_000)
    n = 300
    assert 2 * n * n > 2 * sc6.GUESS_BUDGET  # unbounded, the guesses would pass the budget
    for i in range(n):
        base.add(
            {
                "id": f"dom-{i:05d}",
                "type": "ResponsibilityDomain",
                "parent_id": "elderly_care",
                "name": {"zh-CN": "领域"},
            },
            {
                "id": f"a-bad-{i}",
                "type": "Assignment",
                "domain_id": f"dom-{i:05d}x",
                "organization_id": f"org-ghost-{i}",
                "role": "responsible",
            },
        )
    compared = 0
    real = difflib.get_close_matches

    def counting(word: str, candidates: Any, *args: Any, **kwargs: Any) -> list[str]:
        nonlocal compared
        compared += len(candidates)
        return real(word, candidates, *args, **kwargs)

    monkeypatch.setattr(sc6.difflib, "get_close_matches", counting)
    path = tmp_path / "charter.json"
    path.write_text(json.dumps({**ENVELOPE, "entities": base.entities}), "utf-8")
    report = check([str(path)], level="L3")
    dangling = {(f.entity_id, f.path[-1]) for f in report.findings if f.code == "SC202"}
    assert {(f"a-bad-{i}", "domain_id") for i in range(n)} <= dangling
    assert {(f"a-bad-{i}", "organization_id") for i in range(n)} <= dangling
    assert sc6.GUESS_BUDGET // 2 < compared <= sc6.GUESS_BUDGET  # the budget, not n x n, stopped it
