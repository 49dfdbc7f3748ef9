"""`smartstd check --engine dask` on a local cluster of 2 workers, against --jobs 1.

Generates NDJSON datasets with `smartstd generate` (community scale with
many observations: every observation is one more distinct id) at two sizes,
then measures on each, in one run:

* `check` at L2 with `--jobs 1` in this process: wall-clock seconds and the
  CPU seconds of the thread that runs it;
* `check --engine dask` on an already running local cluster of 2 worker
  processes with 1 thread each, started as `--engine dask` starts its own
  (`smartstd.conformance.cluster.local_cluster`), the engine's default
  ranges (at most 64 MiB; `--part-size` to try others) and buckets, as a
  user's check has them: wall-clock seconds, the
  speed-up over `--jobs 1`, and the CPU seconds of the whole run: both
  workers, and this process (the client, the scheduler and the nannies);
* the CPU ratio (the dask run's CPU over `--jobs 1`'s): on 2 cores a 1.6x
  speed-up needs it at about 1.25 or below, with the work split evenly, so
  the balance (the busier worker's CPU over the other's) is printed too.
  On a machine shared with other work, wall-clock figures move from run to
  run; the CPU figures much less;
* for reference, `check --jobs 2` (two local processes, the parent holding
  every id): its speed-up and CPU ratio show what two processes get on this
  machine at this moment;
* each worker's peak memory (its resident set's high-water mark) and how
  much the client's grew during the run (this process also ran the local
  checks, whose freed memory it may keep), so that growth with the number
  of ids shows: with the ids split between buckets, no process's peak
  should grow much with the input;
* that the two reports are the same;
* the tasks of the dask run (`smartstd.conformance.cluster.count_tasks`).

Before measuring, both engines check a small file once (not measured), as
on a cluster that is already up and has checked data before: each process
imports the rules and builds the validators once in its life. The cluster
runs first on each file, so that the client's memory mark is its own (the
freed heap is given back to the system before each mark starts).

    python benchmarks/bench_cluster.py                  # 400,000 and 800,000 records
    python benchmarks/bench_cluster.py --records 200000 --repeat 3
    python benchmarks/bench_cluster.py --tiny           # CI: a few thousand records

Needs the cluster extra: pip install 'smartstd[cluster]'.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def _peak_kb(field: str = "VmHWM") -> int:
    """The resident set's high-water mark (or, with ``VmRSS``, its size now) in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    """Give freed memory back to the system, then start the high-water mark afresh."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc: return the free heap
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    try:  # Linux: writing 5 to clear_refs resets VmHWM
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    """CPU seconds of this whole process (every thread) or its ended children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def generate(path: Path, observations: int) -> int:
    from smartstd import generate as gen

    stats = gen.write(path, counts=gen.counts_for("community", observations=observations))
    return stats.entities


def measure(client: Any, address: str, path: Path, part: int | None) -> dict[str, Any]:
    """One measurement of both engines on one file."""
    from smartstd.conformance.engine import check
    from smartstd.reporters import render_string

    # the cluster first: the client's memory mark is not left over from the local runs
    client.run(_reset_peak)
    _reset_peak()
    resident = _peak_kb("VmRSS")
    workers0, main0 = client.run(_cpu), _cpu()
    t = time.perf_counter()
    dist = check([str(path)], engine="dask", scheduler=address, level="L2", part_bytes=part)
    two = time.perf_counter() - t
    workers1, main1 = client.run(_cpu), _cpu()
    busy = sorted(workers1[w] - workers0[w] for w in workers0)
    total = sum(busy) + main1 - main0
    peaks = sorted(v / 1024 for v in client.run(_peak_kb).values())
    client_peak = (_peak_kb() - resident) / 1024  # what the run added
    t, c = time.perf_counter(), time.thread_time()
    local = check([str(path)], jobs=1, level="L2")
    one, one_cpu = time.perf_counter() - t, time.thread_time() - c
    children, main0 = _cpu(resource.RUSAGE_CHILDREN), _cpu()
    t = time.perf_counter()
    check([str(path)], jobs=2, level="L2")
    jobs2 = time.perf_counter() - t
    jobs2_cpu = _cpu(resource.RUSAGE_CHILDREN) - children + _cpu() - main0
    return {
        "one": one,
        "two": two,
        "speed": one / two,
        "ratio": total / one_cpu,
        "speed2": one / jobs2,
        "ratio2": jobs2_cpu / one_cpu,
        "busy": busy,
        "balance": busy[-1] / max(busy[0], 1e-9),
        "peaks": peaks,
        "client": client_peak,
        "same": render_string(local, "json") == render_string(dist, "json"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=400_000, help="the smaller size")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (medians)")
    parser.add_argument(
        "--part-size",
        type=int,
        default=None,
        help="most bytes per range (default: the engine's, 64 MiB, as a user's check has it)",
    )
    parser.add_argument("--tiny", action="store_true", help="a tiny run for CI (no targets)")
    args = parser.parse_args()
    from distributed import Client

    from smartstd.conformance.cluster import DEFAULT_PART_BYTES, count_tasks, local_cluster
    from smartstd.conformance.engine import check

    small = 2_000 if args.tiny else args.records
    part = 256 * 1024 if args.tiny else args.part_size
    cluster = local_cluster(2)
    client = Client(cluster)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            warm = Path(tmp) / "warm.ndjson"
            generate(warm, 2_000)
            check([str(warm)], jobs=1, level="L2")
            for _ in range(2):  # small ranges: every worker gets some
                check(
                    [str(warm)],
                    engine="dask",
                    scheduler=cluster.scheduler_address,
                    level="L2",
                    part_bytes=32 * 1024,
                )
            print(f"load average before: {load:.2f}")
            print(
                f"{'records':>10} {'jobs 1 s':>9} {'dask s':>7} {'speed-up':>9} "
                f"{'CPU ratio':>10} {'worker CPU s':>13} {'balance':>8} "
                f"{'worker peaks MB':>16} {'client +MB':>10} same "
                f"{'jobs 2 x':>9} {'jobs 2 CPU':>10} {'tasks':>6}"
            )
            for n in (small, small * 2):
                path = Path(tmp) / f"bench-{n}.ndjson"
                records = generate(path, n)
                runs = [
                    measure(client, cluster.scheduler_address, path, part)
                    for _ in range(max(args.repeat, 1))
                ]

                def med(key: str, runs: list[dict[str, Any]] = runs) -> float:
                    return statistics.median(r[key] for r in runs)

                last = runs[-1]
                busy = " ".join(f"{b:.2f}" for b in last["busy"])
                peaks = " ".join(f"{p:.0f}" for p in last["peaks"])
                same = all(r["same"] for r in runs)
                tasks = count_tasks(path.stat().st_size, 2, part or DEFAULT_PART_BYTES)["total"]
                print(
                    f"{records:>10,} {med('one'):>9.2f} {med('two'):>7.2f} "
                    f"{med('speed'):>8.2f}x {med('ratio'):>10.2f} {busy:>13} "
                    f"{med('balance'):>8.2f} {peaks:>16} {last['client']:>10.0f} "
                    f"{'yes' if same else 'NO':>4} {med('speed2'):>8.2f}x {med('ratio2'):>10.2f}"
                    f" {tasks:>6}"
                )
                if not same:
                    raise SystemExit("the cluster's report differs from --jobs 1")
        after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average after: {after:.2f}")
        if not args.tiny:
            print(
                "\ntargets: speed-up >= 1.6x on 2 workers (CPU ratio <= about 1.25, balance"
                " near 1.00); worker peaks flat as records double"
            )
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
