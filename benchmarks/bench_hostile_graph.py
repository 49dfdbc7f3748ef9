"""Benchmark of hostile charters: a long delegation cycle, chain and domain hierarchy stay linear.

The graph checks walk delegations and domain parents iteratively, each node
once (see the architecture page, "The charter index"). This measures that on
the shapes that would break a recursive or quadratic walk, at two sizes (``n``
and ``10 n``), each against a *plain* charter of the same size measured in
the same run:

* ``cycle``: ``n`` grants, each delegated from the next, the last from the
  first (SC605): :func:`~smartstd.graph.check_charter`,
  :func:`~smartstd.graph.explain` (which follows the whole chain) and
  :func:`~smartstd.graph.build_graph`;
* ``chain``: ``n`` delegations ending in a grant: the same three calls;
* ``domains``: ``n`` domains, each the parent of the one before, and a
  two-domain cycle (SC620): :func:`~smartstd.graph.check_charter`;
* ``engine``: the same domains, exclusive, affecting residents and with
  nobody assigned (an SC601, SC603 and SC613 finding each), checked by
  :func:`smartstd.check` at L3 from a JSON file, which asks for each finding
  whether a defective record upstream may explain it;
* ``plain``, the baseline: the same clean charter with ``n`` grants that
  delegate nothing, and the same three calls.

It prints the CPU time of each (best of ``--repeat``), each shape's ratio to
``plain`` at the same size, and each one's growth from ``n`` to ``10 n``.
Linear work grows about 10 times, quadratic 100; on a large charter memory
adds its share (a 10,000-entity charter fits in a processor's cache, a
100,000 one does not), which ``plain``'s own growth shows, so each shape's
growth is also given as a multiple of ``plain``'s. The targets (cycle and
chain at most 3 times ``plain`` at ``10 n``; every growth at most 1.5 times ``plain``'s,
where quadratic work would be about 7 times) are printed, not asserted.

    python benchmarks/bench_hostile_graph.py            # 10,000 and 100,000
    python benchmarks/bench_hostile_graph.py --tiny     # 200 and 2,000, for CI
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import smartstd
from smartstd.graph import Charter, build_graph, check_charter, explain, synthetic_charter
from smartstd.graph.synthetic import SYNTHETIC_AS_OF
from smartstd.standard.dataset import entity_adapter

ON = SYNTHETIC_AS_OF


#: The organisation, data category and purpose of the hostile grants (their own, so
#: that :func:`~smartstd.graph.explain` follows the hostile chain, not another grant).
ORG, CATEGORY, PURPOSE = "org-hostile", "cat-hostile", "pur-hostile"


def _base() -> list[Any]:
    """A small clean charter, and the organisation, category and purpose of the hostile grants."""
    adapter = entity_adapter()
    own = [
        {"id": ORG, "type": "Organization", "name": {"en": "Hostile"}, "kind": "enterprise"},
        {
            "id": CATEGORY,
            "type": "DataCategory",
            "name": {"en": "Contact details"},
            "sensitivity": "personal",
            "steward_id": "org-0",
        },
        {
            "id": PURPOSE,
            "type": "Purpose",
            "name": {"en": "Repairs"},
            "domain_ids": ["property_maintenance"],
            "data_category_ids": [CATEGORY],
        },
    ]
    return [*synthetic_charter(40, defects=False), *map(adapter.validate_python, own)]


def _grant(gid: str, delegated_from: str | None) -> Any:
    record: dict[str, Any] = {
        "id": gid,
        "type": "DataAccessGrant",
        "organization_id": ORG,
        "data_category_id": CATEGORY,
        "actions": ["read"],
        "purpose_id": PURPOSE,
        "legal_role": "recipient",
        "legal_basis": "contract",
    }
    if delegated_from is not None:
        record["delegated_from_id"] = delegated_from
    return entity_adapter().validate_python(record)


def plain(n: int) -> list[Any]:
    """The baseline: ``n`` grants that delegate nothing."""
    return _base() + [_grant(f"h-{i}", None) for i in range(n)]


def cycle(n: int) -> list[Any]:
    """``n`` grants in one delegation cycle."""
    return _base() + [_grant(f"h-{i}", f"h-{(i + 1) % n}") for i in range(n)]


def chain(n: int) -> list[Any]:
    """``n`` delegations ending in a grant that delegates nothing."""
    grants = [_grant(f"h-{i}", f"h-{i + 1}") for i in range(n)]
    return _base() + grants + [_grant(f"h-{n}", None)]


def domains(n: int) -> list[Any]:
    """``n`` domains in one line of parents, and a two-domain cycle."""
    adapter = entity_adapter()
    out = _base()
    for i in range(n):
        parent = f"d-{i + 1}" if i + 1 < n else "property_maintenance"
        out.append(
            adapter.validate_python(
                {
                    "id": f"d-{i}",
                    "type": "ResponsibilityDomain",
                    "name": {"en": f"D{i}"},
                    "parent_id": parent,
                }
            )
        )
    for a, b in (("x-0", "x-1"), ("x-1", "x-0")):
        out.append(
            adapter.validate_python(
                {"id": a, "type": "ResponsibilityDomain", "name": {"en": a}, "parent_id": b}
            )
        )
    return out


def _engine_file(n: int) -> list[Any]:
    """``n`` exclusive domains in one line of parents, none assigned, as a JSON dataset."""
    records = [e.to_json_dict() for e in _base()]
    for i in range(n):
        record = {
            "id": f"d-{i}",
            "type": "ResponsibilityDomain",
            "name": {"en": f"D{i}"},
            "exclusive": True,
            "affects_residents": True,
        }
        if i + 1 < n:
            record["parent_id"] = f"d-{i + 1}"
        records.append(record)
    envelope = {
        "standard": "scds",
        "standard_version": "1.1.0",
        "dataset_id": "bench-hostile-domains",
        "generated_at": f"{ON.isoformat()}T18:00:00+08:00",
        "classification": "internal",
        "entities": records,
    }
    path = Path(tempfile.mkdtemp(prefix="bench-hostile-")) / f"domains-{n}.json"
    path.write_text(json.dumps(envelope), encoding="utf-8")
    return [path]


def _engine_work(paths: list[Any]) -> int:
    return len(smartstd.check(str(paths[0]), level="L3").findings)


def _grants_work(entities: list[Any]) -> int:
    """Check, explain the first grant's access, build the graph; return a count (kept live)."""
    found = check_charter(Charter.from_entities(entities, as_of=ON), on=ON)
    e = explain(Charter.from_entities(entities, as_of=ON), ORG, "read", CATEGORY, on=ON)
    g = build_graph(Charter.from_entities(entities, as_of=ON))
    return len(found) + len(e.chain) + g.number_of_nodes()


def _domains_work(entities: list[Any]) -> int:
    return len(check_charter(Charter.from_entities(entities, as_of=ON), on=ON))


#: Each shape: how to build it and what to time on it.
SHAPES: dict[str, tuple[Callable[[int], list[Any]], Callable[[list[Any]], int]]] = {
    "plain": (plain, _grants_work),
    "cycle": (cycle, _grants_work),
    "chain": (chain, _grants_work),
    "domains": (domains, _domains_work),
    "engine": (_engine_file, _engine_work),
}


def timed(fn: Callable[[], int]) -> float:
    """CPU time of one call."""
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="sizes 200 and 2,000 (CI)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="keep the best of this many turns (default 3)"
    )
    args = parser.parse_args()
    sizes = (200, 2_000) if args.tiny else (10_000, 100_000)
    data = {(shape, n): build(n) for shape, (build, _work) in SHAPES.items() for n in sizes}
    best = dict.fromkeys(data, float("inf"))
    for _ in range(max(args.repeat, 1)):  # in turns, so that other load weighs on all alike
        for (shape, n), entities in data.items():
            work = SHAPES[shape][1]
            best[shape, n] = min(best[shape, n], timed(lambda w=work, e=entities: w(e)))
    small, large = sizes
    plain_growth = best["plain", large] / best["plain", small] if best["plain", small] else 1.0
    print(f"{'shape':>8} {'n':>8} {'cpu s':>8} {'/ plain':>8} {'growth':>8} {'/ plain':>8}")
    worst_ratio = worst_growth = 0.0
    for shape in SHAPES:
        growth = best[shape, large] / best[shape, small] if best[shape, small] else float("nan")
        relative = growth / plain_growth if plain_growth else float("nan")
        for n in sizes:
            ratio = best[shape, n] / best["plain", n] if best["plain", n] else float("nan")
            if shape in ("cycle", "chain") and n == large:  # small sizes are mostly fixed costs
                worst_ratio = max(worst_ratio, ratio)
            shown = f"{growth:>8.2f} {relative:>8.2f}" if n == large else ""
            print(f"{shape:>8} {n:>8} {best[shape, n]:>8.3f} {ratio:>8.2f} {shown}".rstrip())
        worst_growth = max(worst_growth, relative)
    print(
        f"targets: cycle and chain at most 3 x plain at {large} -> {worst_ratio:.2f}; "
        f"growth {small} -> {large} at most 1.5 x plain's ({plain_growth:.2f}) -> "
        f"{worst_growth:.2f}"
    )


if __name__ == "__main__":
    main()
