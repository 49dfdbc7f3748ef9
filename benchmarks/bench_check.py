"""Benchmark of `smartstd check` against its baselines, measured in one run.

Generates an NDJSON dataset with `smartstd generate` (1,000,000 records by
default), then measures on the same file:

* orjson parsing alone (json.loads when orjson is not installed), reading the file,
* pydantic structural validation alone (the engine's own call, from bytes),
  reading the file,
* the `jsonschema` package against the published entity schema, on a sample,
* `smartstd check` at L2 with --jobs 1 and --jobs 2 (records/s and peak memory),
* the memory growth per distinct id (two sizes, the difference of peaks),

and prints each speed as a ratio to pydantic structural validation alone, so
the figures mean something on a noisy machine.

    python benchmarks/bench_check.py             # 1,000,000 records
    python benchmarks/bench_check.py --records 200000
    python benchmarks/bench_check.py --tiny      # CI: a few thousand records, no targets
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(path: Path, observations: int) -> int:
    from smartstd import generate as gen

    counts = gen.Counts(observations=observations)
    stats = gen.write(path, fmt="ndjson", counts=counts, charter="include")
    return stats.entities


def lines_of(path: Path) -> list[bytes]:
    with path.open("rb") as fh:
        next(fh)  # the envelope
        return [line for line in fh if line.strip()]


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def bench_parse(path: Path) -> tuple[str, float]:
    """Parsing alone, reading the file as a check does (line 1, the envelope, skipped)."""
    try:
        import orjson

        loads, name = orjson.loads, "orjson parse"
    except ImportError:  # the bench extra is not installed
        loads, name = json.loads, "json.loads parse (orjson not installed)"
    n = 0
    t = time.perf_counter()
    with path.open("rb") as fh:
        next(fh)
        for line in fh:
            loads(line)
            n += 1
    return name, rate(n, time.perf_counter() - t)


def bench_pydantic(path: Path) -> float:
    """Pydantic structural validation alone, reading the file as a check does.

    Each line is validated with the entity union's core validator, the very
    call the engine makes (``TypeAdapter.validate_json`` adds a Python-level
    wrapper that would flatter the ratio).
    """
    from smartstd.standard import entity_adapter

    validate = entity_adapter().validator.validate_json
    n = 0
    t = time.perf_counter()
    with path.open("rb") as fh:
        next(fh)
        for line in fh:
            validate(line)
            n += 1
    return rate(n, time.perf_counter() - t)


def bench_jsonschema(lines: list[bytes], sample: int) -> float:
    from smartstd.schemas import validator_for

    validator = validator_for("entity")
    chunk = lines[:: max(1, len(lines) // sample)][:sample]
    docs = [json.loads(line) for line in chunk]
    t = time.perf_counter()
    for doc in docs:
        for _ in validator.iter_errors(doc):
            pass
    return rate(len(docs), time.perf_counter() - t)


def bench_check(path: Path, jobs: int, records: int) -> tuple[float, float, int]:
    """Records/s, peak RSS (MB) of the largest process, and the findings of one check at L2."""
    code = (
        "import resource, sys, time\n"
        "from smartstd.conformance.engine import check\n"
        "t = time.perf_counter()\n"
        f"r = check([{str(path)!r}], jobs={jobs}, level='L2')\n"
        "el = time.perf_counter() - t\n"
        # VmHWM is reset by exec, unlike ru_maxrss, which would also count the
        # benchmark's own pages inherited through fork
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    for ln in open('/proc/self/status'):\n"
        "        if ln.startswith('VmHWM:'):\n"
        "            own = int(ln.split()[1])\n"
        "except OSError:\n"
        "    pass\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(el, len(r.findings), r.level.value, max(own, kids))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        raise SystemExit("check failed")
    seconds, findings, level, peak_kb = out.stdout.split()
    if int(findings):
        print(f"  note: {findings} findings, level {level}")
    return rate(records, float(seconds)), int(peak_kb) / 1024, int(findings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000, help="observations to generate")
    parser.add_argument(
        "--sample", type=int, default=3000, help="records validated with jsonschema"
    )
    parser.add_argument("--tiny", action="store_true", help="a tiny run for CI (no targets)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated file here")
    args = parser.parse_args()
    n_obs = 2_000 if args.tiny else args.records
    sample = 200 if args.tiny else args.sample
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.ndjson"
        t = time.perf_counter()
        records = generate(path, n_obs)
        gen_s = time.perf_counter() - t
        size = path.stat().st_size
        print(
            f"generated {records:,} records ({size / 1e6:.0f} MB) in {gen_s:.1f}s: "
            f"{rate(records, gen_s):,.0f} records/s"
        )
        lines = lines_of(path)
        avg = sum(map(len, lines)) / max(1, len(lines))
        print(f"average record: {avg:.0f} bytes")
        js = bench_jsonschema(lines, sample)
        del lines
        parse_name, parse_rate = bench_parse(path)
        pyd = bench_pydantic(path)
        c1, m1, _ = bench_check(path, 1, records)
        c2, m2, _ = bench_check(path, 2, records)
        results = [
            (parse_name, parse_rate),
            ("pydantic structural validation alone", pyd),
            (f"jsonschema (sample of {sample})", js),
            ("smartstd check L2 --jobs 1", c1),
            ("smartstd check L2 --jobs 2", c2),
        ]
        print()
        print(f"{'what':<48} {'records/s':>12} {'x pydantic':>11}")
        for name, r in results:
            print(f"{name:<48} {r:>12,.0f} {r / pyd:>11.2f}")
        print()
        print(f"check --jobs 1 vs jsonschema: {c1 / js:.1f}x faster (target >= 25)")
        print(f"check --jobs 1 vs pydantic alone: {c1 / pyd:.2f} (target >= 0.5)")
        print(f"check --jobs 2 vs --jobs 1: {c2 / c1:.2f}x (target >= 1.6)")
        print(
            f"peak memory: --jobs 1 {m1:.0f} MB, --jobs 2 {m2:.0f} MB "
            "(largest process; target < 300 MB)"
        )
        # memory per distinct id: a second, half-size file
        half = Path(tmp) / "half.ndjson"
        records_half = generate(half, n_obs // 2)
        _, mh, _ = bench_check(half, 1, records_half)
        if records != records_half and m1 > mh:
            per_id = (m1 - mh) * 1024 * 1024 / (records - records_half)
            print(
                f"memory growth per distinct id: {per_id:.0f} bytes "
                f"({mh:.0f} MB at {records_half:,} records, {m1:.0f} MB at {records:,}; "
                "target < 100)"
            )
        else:
            print("memory growth per distinct id: below measurement resolution")
    if os.environ.get("CI"):
        return


if __name__ == "__main__":
    main()
