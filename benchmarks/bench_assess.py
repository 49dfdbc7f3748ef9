"""Benchmark of `smartstd assess` against `smartstd check --level L1`, measured in one run.

Generates NDJSON datasets with `smartstd generate` and measures on the same file,
each in a fresh process (records/s and peak memory):

* `check --level L1` (structural validation only: the baseline the issue names),
* `assess` (every core indicator, every breakdown, the trend),

on two files: the generator's usual mix (1,000,000 records, mostly device
observations, which no indicator reads) and a request-heavy one (every
record a service request, the worst case for the assessment). Speeds are
printed as ratios to the baseline of the same file.

    python benchmarks/bench_assess.py               # 1,000,000 records
    python benchmarks/bench_assess.py --records 200000
    python benchmarks/bench_assess.py --tiny        # CI: a few thousand records, no targets
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_PEAK = (
    "import resource\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "try:\n"
    "    for ln in open('/proc/self/status'):\n"
    "        if ln.startswith('VmHWM:'):\n"
    "            own = int(ln.split()[1])\n"
    "except OSError:\n"
    "    pass\n"
)


def generate(path: Path, observations: int, requests: int) -> int:
    from smartstd import generate as gen

    counts = gen.Counts(observations=observations, requests=requests)
    stats = gen.write(path, fmt="ndjson", counts=counts, charter="include")
    return stats.entities


def measure(call: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one call in a fresh process."""
    code = (
        "import time\n"
        "t = time.perf_counter()\n"
        f"{call}\n"
        "el = time.perf_counter() - t\n" + _PEAK + "print(el, own)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(f"failed: {call}")
    seconds, peak_kb = out.stdout.split()[-2:]
    return float(seconds), int(peak_kb) / 1024


def run(path: Path, records: int, label: str) -> tuple[float, float]:
    check_s, check_mb = measure(
        f"from smartstd.conformance.engine import check\ncheck([{str(path)!r}], level='L1')"
    )
    assess_s, assess_mb = measure(
        "from smartstd.assessment import assess\n"
        f"assess([{str(path)!r}], by=['community', 'grid', 'month', 'category', 'channel'])"
    )
    print(f"{label}: {records:,} records")
    print(f"  check --level L1  {records / check_s:>12,.0f} records/s  peak {check_mb:6.0f} MB")
    print(
        f"  assess            {records / assess_s:>12,.0f} records/s  peak {assess_mb:6.0f} MB"
        f"  ({check_s / assess_s:.2f}x the speed of check --level L1)"
    )
    return check_s / assess_s, assess_mb


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--tiny", action="store_true", help="a tiny run for CI (no targets)")
    args = parser.parse_args()
    n = 3_000 if args.tiny else args.records
    with tempfile.TemporaryDirectory() as tmp:
        mixed = Path(tmp) / "mixed.ndjson"
        t = time.perf_counter()
        total = generate(mixed, observations=n, requests=200)
        print(f"generated {total:,} records in {time.perf_counter() - t:.1f} s")
        ratio, peak = run(mixed, total, "usual mix (mostly observations)")
        mixed.unlink()
        heavy = Path(tmp) / "requests.ndjson"
        total = generate(heavy, observations=0, requests=max(n // 5, 1_000))
        ratio_heavy, peak_heavy = run(heavy, total, "request-heavy")
    if args.tiny:
        return
    ok = ratio >= 1.0 and peak < 300
    print(
        f"target (usual mix): at least as fast as check --level L1 and under 300 MB: "
        f"{'met' if ok else 'MISSED'}"
    )
    print(
        f"request-heavy: {ratio_heavy:.2f}x the speed of check --level L1, peak {peak_heavy:.0f} MB"
    )


if __name__ == "__main__":
    main()
