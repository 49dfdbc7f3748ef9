"""`smartstd check --engine dask` on a local cluster of 2 workers, against --jobs 1.

Generates NDJSON datasets with `smartstd generate` (community scale with
many observations: every observation is one more distinct id) at two sizes,
then measures on each, in one run:

* `check` at L2 with `--jobs 1` (wall-clock seconds, this process);
* `check --engine dask` on an already running local cluster of 2 worker
  processes with 1 thread each (the cluster's start is not counted, as with
  a cluster that is already up), the speed-up over `--jobs 1`;
* each worker's peak memory (its resident set's high-water mark) and the
  client's, so that growth with the number of ids shows: with the ids
  split between buckets, no process's peak should grow with the input;
* that the two reports are the same.

    python benchmarks/bench_cluster.py                  # 400,000 and 800,000 records
    python benchmarks/bench_cluster.py --records 200000
    python benchmarks/bench_cluster.py --tiny           # CI: a few thousand records

Needs the cluster extra: pip install 'smartstd[cluster]'.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path


def _peak_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    try:  # Linux: writing 5 to clear_refs resets VmHWM
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


def generate(path: Path, observations: int) -> int:
    from smartstd import generate as gen

    stats = gen.write(path, counts=gen.counts_for("community", observations=observations))
    return stats.entities


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=400_000, help="the smaller size")
    parser.add_argument("--tiny", action="store_true", help="a tiny run for CI (no targets)")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from smartstd.conformance.engine import check
    from smartstd.reporters import render_string

    small = 2_000 if args.tiny else args.records
    part = 256 * 1024 if args.tiny else 16 * 1024 * 1024
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = Client(cluster)
    try:
        print(
            f"{'records':>10} {'jobs 1 s':>9} {'dask s':>8} {'speed-up':>9} "
            f"{'worker peaks MB':>17} {'client MB':>10} same"
        )
        with tempfile.TemporaryDirectory() as tmp:
            for n in (small, small * 2):
                path = Path(tmp) / f"bench-{n}.ndjson"
                records = generate(path, n)
                t = time.perf_counter()
                local = check([str(path)], jobs=1, level="L2")
                one = time.perf_counter() - t
                client.run(_reset_peak)
                _reset_peak()
                t = time.perf_counter()
                dist = check(
                    [str(path)],
                    engine="dask",
                    scheduler=cluster.scheduler_address,
                    level="L2",
                    part_bytes=part,
                )
                two = time.perf_counter() - t
                peaks = sorted(v / 1024 for v in client.run(_peak_kb).values())
                same = render_string(local, "json") == render_string(dist, "json")
                print(
                    f"{records:>10,} {one:>9.2f} {two:>8.2f} {one / two:>8.2f}x "
                    f"{' '.join(f'{p:.0f}' for p in peaks):>17} {_peak_kb() / 1024:>10.0f} "
                    f"{'yes' if same else 'NO'}"
                )
                if not same:
                    raise SystemExit("the cluster's report differs from --jobs 1")
        if not args.tiny:
            print("\ntargets: speed-up >= 1.6x on 2 workers; worker peaks flat as records double")
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
