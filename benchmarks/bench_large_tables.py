"""Benchmark of huge charter tables: ``graph raci`` and ``graph duties`` stay bounded.

The shape (:func:`smartstd.graph.synthetic.wide_charter`): ``n`` organisations,
each holding a role on one core domain, ``n`` sub-domains inheriting it, and
one agreement with every organisation as a party. Its RACI matrix has
``n x (n + 1)`` cells and its duty lists ``n x (n + 2)`` entries: at
``n = 20,000`` that is 400 million, which took 3.4 GB and minutes before the
cell budget (``max_table_cells``, default 1,000,000). Measured:

* ``refuse``: the whole table asked for, refused before it is built;
* ``filtered``: one organisation (``--organization``), the table allowed;
* ``whole``: the whole table built and rendered at a small size ``m``
  (within the budget), the cost per cell that the full size would multiply;

each in Python (CPU seconds, peak traced memory; the charter is built and
indexed beforehand) and from the command line on a JSON file (a fresh
process: CPU seconds and peak resident memory, reading the file included).

    python benchmarks/bench_large_tables.py            # n = 20,000, m = 1,000
    python benchmarks/bench_large_tables.py --tiny     # n = 400, m = 100, budget 10,000 (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError
from smartstd.graph import Charter, duties, raci
from smartstd.graph.synthetic import SYNTHETIC_AS_OF, wide_charter
from smartstd.io import Limits

ON = SYNTHETIC_AS_OF
ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "wide",
    "publisher_id": "org-0",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
}


def _charter(n: int) -> Charter:
    charter = Charter.from_entities(wide_charter(n, n, parties=True))
    charter.index  # noqa: B018 - built before anything is measured
    return charter


def _measure(fn: Callable[[], Any]) -> tuple[float, float, str]:
    """CPU seconds, then peak traced MiB (a second call), and what it gave: built or refused."""

    def call() -> str:
        try:
            fn()
        except UsageError as exc:
            return f"refused ({exc.key})"
        return "built"

    start = time.process_time()
    outcome = call()
    cpu = time.process_time() - start
    tracemalloc.start()
    try:
        call()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return cpu, peak, outcome


def _cli(args: list[str]) -> tuple[int, float, float]:
    """Exit code, CPU seconds and peak resident MiB of ``smartstd ARGS`` in a fresh process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "smartstd", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="n = 400 and m = 100 (CI)")
    parser.add_argument("-n", type=int, default=None, help="organisations and domains (20,000)")
    parser.add_argument("-m", type=int, default=None, help="the size built whole (1,000)")
    args = parser.parse_args()
    n = args.n or (400 if args.tiny else 20_000)
    m = args.m or (100 if args.tiny else 1_000)
    budget = 10_000 if args.tiny else Limits().max_table_cells
    cap, org = ["--max-cells", str(budget)], ["--organization", "org-1"]
    small, big = _charter(m), _charter(n)
    one = ["org-1"]
    rows: list[tuple[str, Callable[[], Any]]] = [
        (f"raci refuse n={n}", lambda: raci(big, on=ON, max_cells=budget)),
        (
            f"raci filtered n={n}",
            lambda: raci(big, on=ON, organizations=one, max_cells=budget).to_text("en"),
        ),
        (f"raci whole m={m}", lambda: raci(small, on=ON, max_cells=10**12).to_text("en")),
        (f"duties refuse n={n}", lambda: duties(big, on=ON, max_cells=budget)),
        (
            f"duties filtered n={n}",
            lambda: json.dumps(duties(big, on=ON, organizations=one, max_cells=budget).to_dict()),
        ),
        (
            f"duties whole m={m}",
            lambda: json.dumps(duties(small, on=ON, max_cells=10**12).to_dict()),
        ),
    ]
    print(
        f"Python, the charter indexed beforehand (n = {n:,}: {n * (n + 1):,} cells of RACI;"
        f" budget {budget:,})"
    )
    print(f"{'case':24s} {'CPU s':>8s} {'peak MiB':>9s}  outcome")
    whole: dict[str, float] = {}
    for name, fn in rows:
        cpu, peak, outcome = _measure(fn)
        print(f"{name:24s} {cpu:8.3f} {peak:9.1f}  {outcome}")
        if "whole" in name:
            whole[name.split()[0]] = cpu
    for table, cpu in whole.items():
        print(
            f"{table} whole at n = {n:,} would be about {cpu * (n / m) ** 2:,.0f} CPU s "
            f"(m = {m:,} times {(n / m) ** 2:,.0f})"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wide.json"
        ents = [
            e.model_dump(mode="json", exclude_none=True) for e in wide_charter(n, n, parties=True)
        ]
        path.write_text(json.dumps({**ENVELOPE, "entities": ents}), encoding="utf-8")
        size = path.stat().st_size / 2**20
        print(f"\nCommand line on a {size:.1f} MiB JSON file (reading included)")
        print(f"{'command':44s} {'exit':>4s} {'CPU s':>7s} {'peak RSS MiB':>12s}")
        for label, argv in (
            ("graph raci FILE", ["graph", "raci", str(path), *cap]),
            ("graph raci FILE --organization org-1", ["graph", "raci", str(path), *cap, *org]),
            ("graph duties FILE", ["graph", "duties", str(path), *cap]),
            ("graph duties FILE --organization org-1", ["graph", "duties", str(path), *cap, *org]),
        ):
            code, cpu, rss = _cli(argv)
            print(f"{label:44s} {code:4d} {cpu:7.2f} {rss:12.0f}")


if __name__ == "__main__":
    main()
