"""`smartstd check` on the standard mixes, as ratios to pydantic alone in the same run.

A figure in the README must hold for the data users have, so this measures
the three mixes that `smartstd generate` makes with a fixed seed:

* **district**: `smartstd generate --scale district --seed 1` as generated
  (about 448k records, 89% observations, the charter included);
* **rich**: the same file without its observations (residents, households,
  dwellings, requests, service profiles and records, devices, alerts,
  agreements...), the records whose rules do the most;
* **observations**: the observations with only what they refer to (the
  devices and the places and organisations the devices name), so every
  reference resolves.

For each mix it measures, as CPU time of the process (medians of
``--repeat`` runs, each in a fresh interpreter so nothing is warm that a user's
run would not have warm):

* **pydantic alone**: the entity union's core validator on every line, read
  as a check reads it, with nothing else (the baseline, 1.00);
* **check L1** and **check L2** with ``--jobs 1``, through the Python API
  (the package imported and the models' validators built before the clock
  starts, as pydantic's are);

and prints each check's *speed as a fraction of pydantic's* (pydantic's
time divided by the check's: 0.5 means the check takes twice as long).
It then measures the CPU time of a whole one-record ``smartstd check`` run
at L1 and L2 (interpreter start-up and imports included, the package's
bytecode compiled first, as an installed package has it) against
``python -c pass``.

    python benchmarks/bench_mixes.py               # the district scale (about 4 minutes)
    python benchmarks/bench_mixes.py --scale community
    python benchmarks/bench_mixes.py --tiny        # CI: a tiny dataset, one repeat, no targets
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

#: (mix, level) -> the least fraction of pydantic's speed the issue asks for.
TARGETS = {
    ("rich", "L2"): 0.5,
    ("district", "L2"): 0.6,
    ("rich", "L1"): 0.8,
    ("district", "L1"): 0.8,
}

_PYDANTIC = """
import sys, time
from smartstd.standard import entity_adapter
validate = entity_adapter().validator.validate_json
t = time.process_time()
with open(sys.argv[1], 'rb') as fh:
    next(fh)
    for line in fh:
        try:
            validate(line)
        except ValueError:
            pass
print(time.process_time() - t)
"""

_CHECK = """
import sys, time
from smartstd.conformance.engine import check
import smartstd.conformance.rules  # the rules' import is start-up, not checking
from smartstd.assessment.definition import core_indicators
from smartstd.standard import models_for
# built on first use, once a process (start-up, not checking, as pydantic's
# adapter above is built before its clock): every model's validator and
# serializer, and the pilot indicators' definitions
models_for("1.1.0").build()
core_indicators()
t = time.process_time()
r = check([sys.argv[1]], jobs=1, level=sys.argv[2])
print(time.process_time() - t, len(r.findings))
"""

_ONE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(u.ru_utime + u.ru_stime)
"""


def _run(code: str, *args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr}")
    return out.stdout.split()


def median_cpu(code: str, repeat: int, *args: str) -> tuple[float, list[str]]:
    """The median CPU seconds of ``repeat`` fresh runs, and the last run's other fields."""
    times, rest = [], []
    for _ in range(repeat):
        fields = _run(code, *args)
        times.append(float(fields[0]))
        rest = fields[1:]
    return statistics.median(times), rest


#: What the observations mix keeps beside the observations: what they refer to.
_OBSERVED = frozenset(
    {"Device", "Community", "Grid", "Building", "Facility", "Organization", "DataCategory"}
)


def make_mixes(folder: Path, scale: str, seed: int, tiny: bool) -> dict[str, Path]:
    """Write the three mixes; returns mix name -> file."""
    from smartstd import generate as gen

    district = folder / "district.ndjson"
    counts = gen.counts_for("community", observations=1_500) if tiny else None
    gen.write(district, fmt="ndjson", scale=scale, counts=counts, seed=seed, charter="include")
    rich = folder / "rich.ndjson"
    obs = folder / "observations.ndjson"
    with district.open("rb") as src, rich.open("wb") as r, obs.open("wb") as o:
        envelope = next(src)
        r.write(envelope)
        o.write(envelope)
        for line in src:
            kind = json.loads(line).get("type")
            if kind == "Observation":
                o.write(line)
            else:
                r.write(line)
                if kind in _OBSERVED:
                    o.write(line)
    return {"district": district, "rich": rich, "observations": obs}


def records_in(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh) - 1


def mix_arguments(description: str | None, tiny: str) -> argparse.Namespace:
    """The command line of a benchmark on the standard mixes: scale, seed, repeats, --tiny."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="district", choices=["community", "district"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tiny", action="store_true", help=tiny)
    return parser.parse_args()


def main() -> None:
    args = mix_arguments(__doc__, "a tiny run for CI (no targets)")
    repeat = 1 if args.tiny else args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        mixes = make_mixes(Path(tmp), args.scale, args.seed, args.tiny)
        print(
            f"{'mix':<14}{'records':>10}{'pydantic s':>12}{'L1 s':>9}{'L1/pyd':>8}"
            f"{'L2 s':>9}{'L2/pyd':>8}  findings"
        )
        verdicts = []
        for name, path in mixes.items():
            pyd, _ = median_cpu(_PYDANTIC, repeat, str(path))
            l1, f1 = median_cpu(_CHECK, repeat, str(path), "L1")
            l2, f2 = median_cpu(_CHECK, repeat, str(path), "L2")
            r1, r2 = pyd / l1, pyd / l2
            print(
                f"{name:<14}{records_in(path):>10,}{pyd:>12.2f}{l1:>9.2f}{r1:>8.2f}"
                f"{l2:>9.2f}{r2:>8.2f}  {f1[0]}/{f2[0]}"
            )
            for level, ratio in (("L1", r1), ("L2", r2)):
                target = TARGETS.get((name, level))
                if target is not None:
                    verdicts.append((name, level, ratio, target))
        print()
        for name, level, ratio, target in verdicts:
            mark = "met" if ratio >= target else "NOT met"
            print(f"{name} {level}: {ratio:.2f} of pydantic's speed (target >= {target}): {mark}")
        # an installed package has its bytecode (pip compiles it); a checkout run
        # with PYTHONDONTWRITEBYTECODE would compile every module on every start
        import smartstd

        package = str(Path(smartstd.__file__).parent)
        subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=False)
        one = Path(tmp) / "one.ndjson"
        with mixes["rich"].open("rb") as src:
            one.write_bytes(src.readline() + src.readline())
        base, _ = median_cpu(_ONE, repeat, sys.executable, "-c", "pass")
        print()
        for level in ("L1", "L2"):
            cli = [sys.executable, "-m", "smartstd", "check", str(one), "--level", level]
            cpu, _ = median_cpu(_ONE, repeat, *cli)
            print(
                f"one-record check {level}: {cpu:.2f} s CPU (python -c pass: {base:.2f} s; "
                f"target < 0.3 s)"
            )


if __name__ == "__main__":
    main()
