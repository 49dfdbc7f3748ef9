"""Benchmark of the stakeholder-responsibility graph checks (SC6xx).

Builds synthetic charters (:func:`smartstd.graph.synthetic_charter`) of about
10,000 and 100,000 organisations, domains and data categories (about 3.5
edges per node, so ~350,000 edges at 100k), then times, on one core:

* ``index``: indexing the charter (:class:`smartstd.graph.Charter`);
* ``checks``: every SC6xx check on it (:func:`smartstd.graph.check_charter`:
  SC601-SC620 and the SC202 reference check), findings included;
* ``graph``: building the networkx ``MultiDiGraph`` once (for exports and
  queries; the checks do not need it).

The sizes are timed in turns (10k, 100k, 10k, 100k, ...) and the best of
``--repeat`` turns is kept, so that other work on the machine weighs on both
alike; the time is the process's CPU time (one core; ``--wall`` for
wall-clock time). It prints the timings, microseconds per node, the 100k/10k ratio, the
targets (all checks on 100k under 2 s; 100k at most 12 times 10k) without
asserting them, and two baselines measured in the same run, whose growth
from 10k to 100k is what memory alone adds (a 10k charter's objects and hash
tables fit in a large L3 cache, 100k's do not):

* ``pass``: the most trivial pass over the assignments (two attributes and two
  dictionary lookups each);
* ``floor``: the least any reference check must do, written plainly: index
  every entity by id, then look each reference of the assignments, grants,
  categories, domains and organisations up once.

    python benchmarks/bench_graph.py            # 10k and 100k
    python benchmarks/bench_graph.py --tiny     # a very small size, for CI
"""

from __future__ import annotations

import argparse
import gc
import time
from operator import attrgetter
from typing import Any

from smartstd.graph import Charter, build_graph, check_charter, synthetic_charter
from smartstd.graph.synthetic import SYNTHETIC_AS_OF
from smartstd.standard.domains import CORE_DOMAINS


def timed(fn: Any) -> tuple[float, Any]:
    """CPU time of one call (``--wall`` for wall-clock time)."""
    gc.collect()
    start = CLOCK()
    result = fn()
    return CLOCK() - start, result


CLOCK = time.process_time


def baseline(entities: list[Any], repeat: int) -> float:
    """Seconds per assignment of the most trivial pass, to show what memory alone costs.

    Linear work over Python objects slows down per element once the data no
    longer fits in the processor's caches; this pass does nothing else.
    """
    charter = Charter.from_entities(entities, as_of=SYNTHETIC_AS_OF)
    info, orgs = charter.index.domain_info, charter.organizations
    items = list(charter.assignments.values())
    best = float("inf")
    for _ in range(max(repeat, 1)):
        t, _n = timed(
            lambda: sum(1 for a in items if a.domain_id in info and a.organization_id in orgs)
        )
        best = min(best, t)
    return best / max(len(items), 1)


#: The reference fields ``floor`` resolves, by entity type.
FLOOR_REFERENCES = {
    "Organization": ("parent_id",),
    "ResponsibilityDomain": ("parent_id",),
    "Assignment": ("domain_id", "organization_id"),
    "DataCategory": ("steward_id",),
    "DataAccessGrant": ("organization_id", "data_category_id", "purpose_id", "agreement_id"),
}


def floor_pass(entities: list[Any]) -> int:
    """The least any reference check does: index every entity by id, resolve each reference once.

    Returns the number of references that resolve to nothing (so the work
    cannot be optimised away).
    """
    tables: dict[str, dict[str, Any]] = {}
    for e in entities:
        tables.setdefault(e.type, {})[e.id] = e
    known: set[str] = set(CORE_DOMAINS)
    for table in tables.values():
        known.update(table)
    missing = 0
    for type_name, names in FLOOR_REFERENCES.items():
        getters = [attrgetter(name) for name in names]
        for e in tables.get(type_name, {}).values():
            for get in getters:
                value = get(e)
                if value is not None and value not in known:
                    missing += 1
    return missing


def floor(entities: list[Any], repeat: int) -> float:
    """Seconds per entity of :func:`floor_pass` (best of ``repeat``, GC paused)."""
    best = float("inf")
    for _ in range(max(repeat, 1)):
        gc.disable()
        try:
            t, _n = timed(lambda: floor_pass(entities))
        finally:
            gc.enable()
        best = min(best, t)
    return best / max(len(entities), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="run a very small size (CI)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="keep the best of this many turns (default 5)"
    )
    parser.add_argument(
        "--no-graph", action="store_true", help="do not time building the networkx graph"
    )
    parser.add_argument(
        "--wall", action="store_true", help="time wall-clock time instead of the process's CPU time"
    )
    args = parser.parse_args()
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    sizes = (200, 2_000) if args.tiny else (10_000, 100_000)
    data = {n: synthetic_charter(n) for n in sizes}
    best: dict[int, dict[str, float]] = {
        n: {"index": float("inf"), "checks": float("inf")} for n in sizes
    }
    findings: dict[int, int] = {}
    for _ in range(max(args.repeat, 1)):
        for n in sizes:
            t_index, _charter = timed(
                lambda n=n: Charter.from_entities(data[n], as_of=SYNTHETIC_AS_OF)
            )
            t_all, found = timed(
                lambda n=n: check_charter(Charter.from_entities(data[n], as_of=SYNTHETIC_AS_OF))
            )
            best[n]["index"] = min(best[n]["index"], t_index)
            best[n]["checks"] = min(best[n]["checks"], t_all - t_index)
            findings[n] = len(found)
    graph: dict[int, tuple[float, int, int]] = {}
    if not args.no_graph:
        for n in sizes:
            t_graph, g = timed(
                lambda n=n: build_graph(Charter.from_entities(data[n], as_of=SYNTHETIC_AS_OF))
            )
            graph[n] = (t_graph, g.number_of_nodes(), g.number_of_edges())
            del g
    print(
        f"{'size':>8} {'entities':>9} {'nodes':>8} {'edges':>8} {'index s':>8} "
        f"{'checks s':>9} {'total s':>8} "
        f"{'us/node':>8} {'graph s':>8} {'findings':>8}"
    )
    totals = {}
    for n in sizes:
        total = best[n]["index"] + best[n]["checks"]
        totals[n] = total
        t_graph, nodes, edges = graph.get(n, (0.0, 0, 0))
        print(
            f"{n:>8} {len(data[n]):>9} {nodes:>8} {edges:>8} {best[n]['index']:>8.3f} "
            f"{best[n]['checks']:>9.3f} "
            f"{total:>8.3f} {total / n * 1e6:>8.2f} {t_graph:>8.3f} {findings[n]:>8}"
        )
    small, large = sizes
    ratio = totals[large] / totals[small] if totals[small] else float("nan")
    print(f"ratio {large}/{small} (index + all checks): {ratio:.2f}")
    base = {n: baseline(data[n], args.repeat) for n in sizes}
    print(
        f"pass (2 attributes and 2 dict lookups per assignment): "
        f"{base[small] * 1e9:.0f} ns -> {base[large] * 1e9:.0f} ns per assignment, "
        f"ratio {large}/{small} {base[large] / base[small] * large / small:.2f}"
    )
    low = {n: floor(data[n], args.repeat) for n in sizes}
    print(
        f"floor (index every entity by id, resolve each reference once): "
        f"{low[small] * 1e9:.0f} ns -> {low[large] * 1e9:.0f} ns per entity, "
        f"ratio {large}/{small} {low[large] / low[small] * len(data[large]) / len(data[small]):.2f}"
    )
    if not args.tiny:
        print(
            f"targets: all checks on 100k under 2 s -> {totals[large]:.3f} s; "
            f"100k/10k at most 12 -> {ratio:.2f}"
        )


if __name__ == "__main__":
    main()
