"""Benchmark of hostile files: the readers stay linear on inputs built to make them slow.

Each hostile input is timed against a *benign* input of the same size, read by
the same reader in the same run (these machines are noisy, so only ratios are
compared), at two sizes (``n`` and ``10 n``):

* ``json-deep``: ``[[[[...]]]]`` nested ``n`` levels (SC109 at depth 64),
  against a flat JSON array of the same length;
* ``yaml-deep``: the same nesting in YAML flow style, against a flat YAML list;
* ``yaml-aliases``: a "billion laughs" document (ten levels of nine aliases,
  stopped by ``max_yaml_aliases``), against a plain YAML list of as many items
  as the alias limit;
* ``ndjson-long-line``: one line of ``n`` bytes between two records, skipped
  in bounded memory (SC109), against ``n`` bytes of ordinary lines;
* ``locate``: finding the line and column of a hundred JSON Pointers in a
  pretty-printed document of ``n`` records, against ``json.loads`` of the text.

It prints each case's CPU time (best of ``--repeat``), its ratio to the
baseline, and its growth from ``n`` to ``10 n`` as a multiple of the
baseline's growth (linear work keeps that near 1; quadratic work gives about
10). The targets (every ratio at most 5 and every relative growth at most 2)
are printed, not asserted: the unit tests prove what the readers report on
these inputs, this benchmark how long it takes.

    python benchmarks/bench_hostile_inputs.py            # n = 100,000 (50 MB for the long line)
    python benchmarks/bench_hostile_inputs.py --tiny     # n = 2,000, for CI
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import time
from collections.abc import Callable
from typing import Any

from smartstd.io import Limits, iter_ndjson, locate, parse_json, parse_yaml

#: One case: builds its (hostile, benign) pair of inputs for a size, and reads one.
Case = tuple[Callable[[int], tuple[Any, Any]], Callable[[Any], object]]


def _json_deep(n: int) -> tuple[str, str]:
    return "[" * n + "]" * n, "[" + "0," * (n - 1) + "0]"


def _yaml_deep(n: int) -> tuple[str, str]:
    return "[" * n + "]" * n, "[" + "0," * (n - 1) + "0]"


def _yaml_aliases(n: int) -> tuple[str, str]:
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, 10):  # 9**10 items if nothing stopped it
        prev, name = chr(96 + i), chr(97 + i)
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    plain = "a:\n" + "".join(f"  - lol{i}\n" for i in range(n))
    return text, plain


def _ndjson_long_line(n: int) -> tuple[bytes, bytes]:
    size = n * 500
    hostile = b'{"id": "r-1"}\n{"blob": "' + b"x" * size + b'"}\n{"id": "r-3"}\n'
    line = b'{"id": "r-0000000", "note": "' + b"y" * 60 + b'"}\n'
    benign = line * max(1, len(hostile) // len(line))
    return hostile, benign


def _locate(n: int) -> tuple[tuple[str, list[Any]], str]:
    record = {
        "id": "r",
        "name": {"zh": "张三", "en": "Zhang San"},
        "address": {"building": "3", "geo": {"lat": 23.1, "lon": 113.3}},
        "notes": "x" * 300,
    }
    one = json.dumps(record, ensure_ascii=False, indent=2)
    text = '{"entities": [\n' + ",\n".join([one] * n) + "\n]}"
    step = max(1, n // 100)
    paths: list[Any] = [("entities", i, "address", "geo", "lon") for i in range(0, n, step)]
    paths.append(("entities", n - 1, "missing"))
    return (text, paths), text


def _read_json(text: str) -> object:
    return parse_json(text, file="x.json", limits=Limits())


def _read_yaml(text: str) -> object:
    return parse_yaml(text, file="x.yaml", limits=Limits())


def _read_ndjson(data: bytes) -> object:
    limits = Limits(max_line_bytes=64 * 1024)
    return sum(1 for _ in iter_ndjson(io.BytesIO(data), file="x.ndjson", limits=limits))


def _locate_or_load(arg: Any) -> object:
    if isinstance(arg, tuple):
        return locate(*arg)
    return json.loads(arg)


CASES: dict[str, Case] = {
    "json-deep": (_json_deep, _read_json),
    "yaml-deep": (_yaml_deep, _read_yaml),
    "yaml-aliases": (_yaml_aliases, _read_yaml),
    "ndjson-long-line": (_ndjson_long_line, _read_ndjson),
    "locate": (_locate, _locate_or_load),
}


def timed(fn: Callable[[], object]) -> float:
    """CPU time of one call."""
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def measure(sizes: tuple[int, int], repeat: int) -> dict[tuple[str, str, int], float]:
    """Best CPU time of each (case, hostile|benign, size), measured in turns."""
    inputs = {(case, n): build(n) for case, (build, _read) in CASES.items() for n in sizes}
    best: dict[tuple[str, str, int], float] = {}
    for _ in range(max(repeat, 1)):  # in turns, so that other load weighs on all alike
        for (case, n), (hostile, benign) in inputs.items():
            read = CASES[case][1]
            for side, arg in (("hostile", hostile), ("benign", benign)):
                took = timed(lambda r=read, a=arg: r(a))
                key = (case, side, n)
                best[key] = min(best.get(key, float("inf")), took)
    return best


def _ratio(a: float, b: float) -> float:
    return a / b if b > 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="n = 2,000 and 20,000 (CI)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="keep the best of this many turns (default 3)"
    )
    args = parser.parse_args()
    sizes = (2_000, 20_000) if args.tiny else (10_000, 100_000)
    best = measure(sizes, args.repeat)
    small, large = sizes
    head = f"{'case':>17} {'n':>8} {'hostile s':>10} {'benign s':>9} {'ratio':>7}"
    print(f"{head} {'growth/benign':>14}")
    worst_ratio = worst_growth = 0.0
    for case in CASES:
        growth = _ratio(
            _ratio(best[case, "hostile", large], best[case, "hostile", small]),
            _ratio(best[case, "benign", large], best[case, "benign", small]),
        )
        for n in sizes:
            ratio = _ratio(best[case, "hostile", n], best[case, "benign", n])
            if n == large:  # small sizes are mostly fixed costs
                worst_ratio = max(worst_ratio, ratio)
                worst_growth = max(worst_growth, growth)
            shown = f"{growth:>14.2f}" if n == large else ""
            print(
                f"{case:>17} {n:>8} {best[case, 'hostile', n]:>10.4f} "
                f"{best[case, 'benign', n]:>9.4f} {ratio:>7.2f} {shown}".rstrip()
            )
    print(
        f"targets: every ratio at {large} at most 5 -> {worst_ratio:.2f}; "
        f"growth {small} -> {large} at most 2 x the benign input's -> {worst_growth:.2f}"
    )


if __name__ == "__main__":
    main()
