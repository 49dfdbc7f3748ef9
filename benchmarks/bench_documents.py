"""`smartstd check` on a JSON document against the same records as NDJSON, in the same run.

A district's data often comes as one JSON document (``{"entities": [...]}``,
what `smartstd generate --format json` and most exports write), which the
engine reads whole, rather than as NDJSON, which it streams. This measures
what that costs on the data `smartstd generate` makes with a fixed seed:

* **district**: `smartstd generate --scale district --seed 1` (about 448k
  records, 89% observations), once as NDJSON and once as a JSON document;
* **rich**: the same without its observations.

For each, in a fresh process per run (medians of ``--repeat``): the CPU
seconds of ``check`` at L1 and L2 with ``--jobs 1`` through the Python API
(validators built before the clock starts) and the process's peak resident
memory. The document is checked twice: read whole (as before it was
streamed: ``STREAM_BYTES`` set out of reach) and streamed (the default,
:mod:`smartstd.io.elements`). It prints each one's time as a multiple of
NDJSON's (1.00: no cost for being a document), the peaks in MB and as a
multiple of the document's size, and checks that the three reports list the
same findings (paths differ: ``/entities/12/id`` against line 13).

    python benchmarks/bench_documents.py            # the district scale (about 5 minutes)
    python benchmarks/bench_documents.py --tiny     # CI: a tiny dataset, one repeat
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHECK = """
import hashlib, sys, time
from smartstd.conformance import inputs
from smartstd.conformance.engine import check
if sys.argv[3] == "whole":
    inputs.STREAM_BYTES = 1 << 62  # the document read whole, as before it was streamed
import smartstd.conformance.rules  # the rules' import is start-up, not checking
from smartstd.assessment.definition import core_indicators
from smartstd.standard import models_for
models_for("1.1.0").build()
core_indicators()
t = time.process_time()
r = check([sys.argv[1]], jobs=1, level=sys.argv[2])
cpu = time.process_time() - t
# this process's own high-water mark (ru_maxrss keeps the forking parent's across exec)
with open("/proc/self/status") as fh:
    peak = int(fh.read().split("VmHWM:")[1].split()[0]) * 1024
codes = sorted(f"{f.code}:{f.entity_id}" for f in r.findings)
print(cpu, peak, len(r.findings), hashlib.sha256("\\n".join(codes).encode()).hexdigest()[:12])
"""


def _run(*args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _CHECK, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr}")
    return out.stdout.split()


def measure(path: Path, level: str, repeat: int, how: str = "stream") -> tuple[float, float, str]:
    """Median CPU seconds, median peak bytes and a digest of the findings (code and entity).

    ``how`` is ``"whole"`` to read a JSON document whole (the way before it
    was streamed), ``"stream"`` for the default.
    """
    cpus, peaks, digest = [], [], ""
    for _ in range(repeat):
        cpu, peak, count, codes = _run(str(path), level, how)
        cpus.append(float(cpu))
        peaks.append(float(peak))
        digest = f"{count}:{codes}"
    return statistics.median(cpus), statistics.median(peaks), digest


def make_pairs(folder: Path, scale: str, seed: int, tiny: bool) -> dict[str, tuple[Path, Path]]:
    """The district and rich mixes (``bench_mixes.make_mixes``) as (NDJSON, JSON document) pairs."""
    from bench_mixes import make_mixes

    mixes = make_mixes(folder, scale, seed, tiny)
    pairs = {}
    for name in ("district", "rich"):
        ndjson = mixes[name]
        with ndjson.open("rb") as src:
            document = json.loads(next(src))
            document["entities"] = [json.loads(line) for line in src]
        as_document = folder / f"{name}.json"
        with as_document.open("w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2)
        pairs[name] = (ndjson, as_document)
    return pairs


def main() -> None:
    from bench_mixes import mix_arguments

    args = mix_arguments(__doc__, "a tiny run for CI")
    repeat = 1 if args.tiny else args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        pairs = make_pairs(Path(tmp), args.scale, args.seed, args.tiny)
        print(
            f"{'mix':<10}{'level':>6}{'doc MB':>8}{'NDJSON s':>10}{'whole s':>9}{'ratio':>7}"
            f"{'stream s':>10}{'ratio':>7}{'NDJSON peak':>13}{'whole peak':>12}"
            f"{'stream peak':>13}  same findings"
        )
        for name, (ndjson, document) in pairs.items():
            size = document.stat().st_size
            for level in ("L1", "L2"):
                lines_cpu, lines_peak, lines_found = measure(ndjson, level, repeat)
                whole_cpu, whole_peak, whole_found = measure(document, level, repeat, "whole")
                doc_cpu, doc_peak, doc_found = measure(document, level, repeat)
                same = lines_found == doc_found == whole_found
                print(
                    f"{name:<10}{level:>6}{size / 1e6:>8.1f}{lines_cpu:>10.2f}"
                    f"{whole_cpu:>9.2f}{whole_cpu / lines_cpu:>7.2f}"
                    f"{doc_cpu:>10.2f}{doc_cpu / lines_cpu:>7.2f}"
                    f"{_peak(lines_peak, size):>13}{_peak(whole_peak, size):>12}"
                    f"{_peak(doc_peak, size):>13}  {'yes' if same else 'NO'}"
                )


def _peak(peak: float, size: int) -> str:
    """A peak in MB and as a multiple of the document's size."""
    return f"{peak / 1e6:.0f} ({peak / size:.1f}x)"


if __name__ == "__main__":
    main()
