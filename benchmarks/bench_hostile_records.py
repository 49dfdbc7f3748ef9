"""Benchmark of hostile records: `smartstd check` stays linear on data built to make its rules slow.

Each shape adds ``n`` of something to the bundled Guangzhou example and is
checked at L3 (every rule) with the example's charter, at two sizes (``n``
and ``4 n``), against a *benign* addition of ``n`` distinct residents
checked in the same run (these machines are noisy, so only ratios are
compared):

* ``repeated-record``: one resident's record (a guardian with a consent)
  repeated ``n`` times, as an export that repeated a table (SC201, and the
  consent rules SC506/SC507 once judged every profile over every copy);
* ``pilot-copies``: ``n`` copies of the example's pilot under new ids (SC801
  once went over every record once per pilot);
* ``unknown-keys``: one organisation with ``n`` unknown keys (SC106 once
  looked for a nearest name for every key, listed or not);
* ``unresolved``: ``n`` residents each naming a household that is not in
  the data (SC202 and its "did you mean");
* ``waivers``: the benign residents' ``n`` SC202 findings (each names a
  missing household) with a waivers file of ``n / 2`` entries (once tried one
  by one on every finding).

It prints each shape's CPU time (best of ``--repeat``, the check's own time
in this process), and its growth from ``n`` to ``4 n`` as a multiple of the
benign addition's growth: linear work keeps that near 1, quadratic work
gives about 4. The target (every relative growth at most 2) is printed, not
asserted: the unit tests prove what the rules report on these inputs, this
benchmark how long it takes.

    python benchmarks/bench_hostile_records.py            # n = 4,000
    python benchmarks/bench_hostile_records.py --tiny     # n = 200, for CI
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from smartstd.conformance.engine import check
from smartstd.example import example_files

Shape = Callable[[list[dict[str, Any]], int], list[dict[str, Any]]]


def _first(records: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    return next(r for r in records if r.get("type") == kind)


def _benign(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    base = _first(records, "Resident")
    return records + [{**copy.deepcopy(base), "id": f"res-bench-{i}"} for i in range(n)]


def _repeated(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    guardian = next(r for r in records if r.get("type") == "Resident" and r.get("consents"))
    return records + [copy.deepcopy(guardian) for _ in range(n)]


def _pilots(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    pilot = _first(records, "Pilot")
    return records + [{**copy.deepcopy(pilot), "id": f"pilot-bench-{i}"} for i in range(n)]


def _unknown_keys(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    org = {**_first(records, "Organization"), "id": "org-bench"}
    org.update({f"unknown{i}": i for i in range(n)})
    return [*records, org]


def _unresolved(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    base = _first(records, "Resident")
    return records + [
        {**copy.deepcopy(base), "id": f"res-bench-{i}", "household_id": f"hh-missing-{i}"}
        for i in range(n)
    ]


SHAPES: dict[str, Shape] = {
    "repeated-record": _repeated,
    "pilot-copies": _pilots,
    "unknown-keys": _unknown_keys,
    "unresolved": _unresolved,
    "waivers": _unresolved,  # with a waivers file, below
}


def _write(folder: Path, envelope: str, records: list[dict[str, Any]]) -> Path:
    path = folder / "data.ndjson"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(envelope + "\n")
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def _waivers(folder: Path, n: int) -> Path:
    path = folder / "waivers.json"
    entries = [
        {
            "code": "SC202",
            "entity_id": f"res-bench-{2 * i}",
            "reason": "bench",
            "expires": "2099-12-31",
        }
        for i in range(n // 2)
    ]
    path.write_text(json.dumps({"waivers": entries}), encoding="utf-8")
    return path


def timed(
    shape: str, data: tuple[str, list[dict[str, Any]], str], n: int, folder: Path, repeat: int
) -> float:
    """The best CPU seconds of ``repeat`` checks of ``shape`` at size ``n``.

    ``data``: the example's envelope line, its records and its charter's path.
    """
    envelope, body, charter = data
    path = _write(folder, envelope, SHAPES.get(shape, _benign)(body, n))
    waivers: tuple[Any, ...] = ()
    if shape == "waivers":
        from smartstd.conformance.waivers import load_waivers

        waivers = tuple(load_waivers(_waivers(folder, n)))
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        check([str(path), charter], level="L3", waivers=waivers)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=4_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--tiny", action="store_true", help="n = 200, one repeat (CI)")
    args = parser.parse_args()
    n, repeat = (200, 1) if args.tiny else (args.n, args.repeat)
    files = example_files()
    lines = files["ndjson/dataset.ndjson"].read_text("utf-8").splitlines()
    body = [json.loads(line) for line in lines[1:] if line.strip()]
    data = (lines[0], body, str(files["ndjson/charter.yaml"]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        timed("benign", data, n, folder, 1)  # warm: rules imported, validators built
        base = {size: timed("benign", data, size, folder, repeat) for size in (n, 4 * n)}
        base_growth = base[4 * n] / base[n]
        print(f"benign: {n:,} residents {base[n]:.2f} s, {4 * n:,} {base[4 * n]:.2f} s")
        print(f"{'shape':16} {'n':>9} {'4 n':>9} {'growth / benign':>16}")
        worst = 0.0
        for shape in SHAPES:
            small = timed(shape, data, n, folder, repeat)
            large = timed(shape, data, 4 * n, folder, repeat)
            growth = (large / small) / base_growth
            worst = max(worst, growth)
            print(f"{shape:16} {small:8.2f}s {large:8.2f}s {growth:16.2f}")
    print(f"target: every growth / benign at most 2 (worst {worst:.2f})")


if __name__ == "__main__":
    main()
