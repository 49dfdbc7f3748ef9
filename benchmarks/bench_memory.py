"""Benchmark of memory on hostile volumes: what a check holds as its input grows.

Each case is checked in a fresh process (``smartstd.check`` and the JSON
report written), which prints its wall and CPU time and its peak resident
memory (``VmHWM``); every figure is compared with a *baseline* measured in
the same run, a check of a small NDJSON file (the machine is shared and
noisy, so only ratios are compared). The cases, at ``n`` and ``10 n``
records:

* ``ndjson-findings``: every line has a finding (a reference to nothing,
  SC202, which a dataset rule reports at the end of the run), each line
  with its own id. The report lists at most
  ``max_findings`` (20,000) and an SC903 notice counts the rest exactly; the
  memory left is the id table of the identity and reference rules (bytes per
  distinct id, printed);
* the same with ``--jobs 2`` (worker processes; the parent's peak);
* ``ndjson-one-byte``: lines of ``1`` (each one a finding);
* ``json-document``: the same records as one JSON document, which is read
  whole: its peak is printed as a multiple of the file's size (the reason
  ``max_file_bytes`` defaults to 256 MiB, see ``smartstd.io.Limits``).

The targets (printed, not asserted: the unit tests prove what is reported,
this benchmark what it costs) are: the report's findings at most
``max_findings`` with the rest counted; NDJSON peak growth from ``n`` to
``10 n`` within what the identity and reference rules keep (at most 1,000
bytes a distinct id and reference); a JSON document's peak at most 15 times its size.

    python benchmarks/bench_memory.py            # n = 100,000 (about 15 MB and 150 MB)
    python benchmarks/bench_memory.py --tiny     # n = 300 and max_findings = n, for CI
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "bench-memory",
    "publisher_id": "org-so",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
}
_HEAD = [
    {"id": "org-so", "type": "Organization", "name": {"zh-CN": "街道办"}, "kind": "street_office"},
    {
        "id": "c-1",
        "type": "Community",
        "name": {"zh-CN": "汉溪社区"},
        "division_code": "440113",
        "street_office_id": "org-so",
    },
    {"id": "b-1", "type": "Building", "community_id": "c-1", "name": {"zh-CN": "1 栋"}},
]

_MEASURE = (
    "import json, resource, sys, time\n"
    "from smartstd.conformance.engine import check\n"
    "from smartstd.io import Limits\n"
    "from smartstd.reporters import get_reporter\n"
    "def cpu():\n"
    "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    return u.ru_utime + u.ru_stime\n"
    "t, c = time.perf_counter(), cpu()\n"
    "limits = Limits(max_findings=int(sys.argv[4]))\n"
    "r = check([sys.argv[1]], level='L2', jobs=int(sys.argv[3]), limits=limits)\n"
    "with open(sys.argv[2], 'w', encoding='utf-8') as out:\n"
    "    get_reporter('json').render(r, out=out)\n"
    "el, used = time.perf_counter() - t, cpu() - c\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "for ln in open('/proc/self/status'):\n"
    "    if ln.startswith('VmHWM:'):\n"
    "        peak = int(ln.split()[1])\n"
    "left = sum(f.params['omitted'] for f in r.findings if f.code == 'SC903')\n"
    "listed = sum(1 for f in r.findings if f.code != 'SC903')\n"
    "print(json.dumps({'seconds': el, 'cpu': used, 'peak_kb': peak,\n"
    "                  'listed': listed, 'left_out': left, 'counts': r.code_counts}))\n"
)


def _record(i: int) -> str:
    # a reference to nothing: an SC202 finding, made by a dataset rule at the end of the run
    return json.dumps(
        {"id": f"dw-{i:09d}", "type": "Dwelling", "building_id": f"b-none-{i}", "unit_number": "1"}
    )


def _head() -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [_ENVELOPE, *_HEAD])


def write_ndjson(path: Path, n: int) -> Path:
    """An NDJSON file of ``n`` records, every one with findings, each with its own id."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(_head())
        for start in range(0, n, 10_000):
            fh.write("".join(_record(i) + "\n" for i in range(start, min(n, start + 10_000))))
    return path


def write_one_byte(path: Path, n: int) -> Path:
    """An NDJSON file of ``n`` lines of one byte each (after the envelope)."""
    path.write_text(json.dumps(_ENVELOPE) + "\n" + "1\n" * n, encoding="utf-8")
    return path


def write_document(path: Path, n: int) -> Path:
    """The records of :func:`write_ndjson` as one JSON document."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(_ENVELOPE)[:-1] + ', "entities": [\n')
        fh.write(",\n".join(json.dumps(r, ensure_ascii=False) for r in _HEAD))
        for start in range(0, n, 10_000):
            fh.write("".join(",\n" + _record(i) for i in range(start, min(n, start + 10_000))))
        fh.write("\n]}\n")
    return path


def measure(path: Path, max_findings: int, jobs: int = 1) -> dict[str, Any]:
    """Check ``path`` in a fresh process; its times, peak and what the report lists."""
    report = path.with_suffix(".report.json")
    args = [str(path), str(report), str(jobs), str(max_findings)]
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    data: dict[str, Any] = json.loads(out.stdout)
    data["peak_mb"] = data["peak_kb"] / 1024
    data["report_kb"] = report.stat().st_size / 1024
    data["size_mb"] = path.stat().st_size / 1024**2
    return data


def _line(name: str, m: dict[str, Any], base: dict[str, Any]) -> str:
    return (
        f"{name:<26} {m['size_mb']:8.1f} MB in  {m['seconds']:7.2f} s wall {m['cpu']:7.2f} s CPU"
        f"  peak {m['peak_mb']:7.0f} MB ({m['peak_mb'] / base['peak_mb']:5.1f} x baseline)"
        f"  report {m['report_kb']:7.0f} kB, {m['listed']:,} listed + {m['left_out']:,} counted"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tiny", action="store_true", help="n = 300, for CI")
    parser.add_argument("-n", type=int, default=100_000, help="records in the smaller size")
    args = parser.parse_args()
    n = 300 if args.tiny else args.n
    # the default limit; with --tiny, n, so that the larger size goes over it
    most = n if args.tiny else 20_000
    one, five, fifteen = os.getloadavg()
    print(f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPUs; n = {n:,}")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        folder = Path(tmp)
        base = measure(write_ndjson(folder / "baseline.ndjson", 20), most)
        print(_line("baseline (20 records)", base, base))
        rows: dict[str, dict[str, Any]] = {}
        for size in (n, 10 * n):
            nd = write_ndjson(folder / f"findings-{size}.ndjson", size)
            rows[f"ndjson-findings {size:,}"] = measure(nd, most)
            if size == 10 * n:
                rows[f"ndjson-findings {size:,} -j2"] = measure(nd, most, jobs=2)
            one = write_one_byte(folder / "one.ndjson", size)
            rows[f"ndjson-one-byte {size:,}"] = measure(one, most)
            rows[f"json-document {size:,}"] = measure(
                write_document(folder / "doc.json", size), most
            )
            nd.unlink()
        for name, m in rows.items():
            print(_line(name, m, base))
        small, large = rows[f"ndjson-findings {n:,}"], rows[f"ndjson-findings {10 * n:,}"]
        per_id = (large["peak_mb"] - small["peak_mb"]) * 1024**2 / (9 * n)
        whole = rows[f"json-document {10 * n:,}"]
        listed_ok = all(m["listed"] <= most for m in rows.values())
        counted_ok = all(
            m["listed"] + m["left_out"] == sum(m["counts"].values()) for m in rows.values()
        )
        print()
        print(f"listed at most {most:,}, the rest counted exactly: {listed_ok and counted_ok}")
        print(f"NDJSON peak growth n -> 10 n: {per_id:,.0f} bytes a distinct id (target <= 1,000)")
        if args.tiny:
            print("(--tiny: the sizes are too small for the memory figures to mean anything)")
        print(
            f"JSON document peak: {whole['peak_mb'] / whole['size_mb']:.1f} x its size"
            f" ({whole['peak_mb'] - base['peak_mb']:.0f} MB over the baseline for"
            f" {whole['size_mb']:.0f} MB; target <= 15 x)"
        )


if __name__ == "__main__":
    main()
