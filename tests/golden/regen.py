"""Regenerate the golden reports under ``tests/golden/`` (run from anywhere).

    python tests/golden/regen.py          # rewrite every golden file
    python tests/golden/regen.py --check  # exit 1 and name the files that differ

The golden files pin what ``smartstd check ... --format json`` prints for

* the example community (``examples/guangzhou-panyu``), alone and with its profile;
* every rule case (``src/smartstd/rules/*/cases/invalid/*``) and every folder
  under ``tests/cases/valid/`` (checked with the level, parameters,
  waivers and date its ``expected.yaml`` names, as ``tests/test_cases.py`` does);
* a small district-style generated dataset (ten communities over two streets)
  with defects planted into it;

and the SHA-256 of the generator's output for a few seeds and scales. A change
that alters a report on purpose (a new rule, a reworded message) regenerates
them with this script and commits the new files with the change; a change that
only moves code must leave them byte-identical (``tests/test_golden.py``).

金标准报告：重构前后报告必须逐字节一致；有意改变报告的修改须用本脚本重新生成。
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
CASES = ROOT / "tests" / "cases"
RULES = ROOT / "src" / "smartstd" / "rules"
EXAMPLE = "examples/guangzhou-panyu"


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _cli(args: list[str], cwd: Path) -> str:
    from smartstd.cli import main

    with _cwd(cwd):
        result = CliRunner().invoke(
            main, ["check", "--format", "json", "--no-color", *args], catch_exceptions=False
        )
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"smartstd check {args} exited {result.exit_code}: {result.output}")
    return result.stdout


def _case(case: Path) -> str:
    from smartstd.conformance.engine import check
    from smartstd.conformance.waivers import load_waivers
    from smartstd.report import Level
    from smartstd.reporters import render_string

    spec_file = case / "expected.yaml"
    spec: dict[str, Any] = (
        yaml.safe_load(spec_file.read_text("utf-8")) if spec_file.exists() else {}
    ) or {}
    waivers = Path("waivers.yaml")
    with _cwd(case):  # paths relative to the case, wherever its folder lives
        report = check(
            ["."],
            level=Level(spec.get("level", "L2")),
            params=spec.get("params", {}),
            waivers=tuple(load_waivers(waivers)) if waivers.exists() else (),
            today=dt.date.fromisoformat(str(spec.get("today", "2026-06-30"))),
        )
    text = render_string(report, "json", lang="en")
    # a message may name the folders searched (SC701): not where the checkout is
    return text.replace(str(case.resolve()), "<case>").replace(
        str(case.parent.resolve()), "<cases>"
    )


def _district_counts() -> Any:
    from smartstd.generate import Counts

    return Counts(
        communities=10,
        buildings_per_community=3,
        dwellings=30,
        households=24,
        residents=60,
        facilities=4,
        organizations=10,
        services=6,
        profiles=10,
        requests=12,
        consultations=2,
        devices=6,
        observations=20,
        alerts=4,
    )


def _id_number() -> str:
    from smartstd.identifiers import id_number_check_digit

    return "44011319850312123" + id_number_check_digit("44011319850312123")


def _plant(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plant one defect of each of several families, deterministically."""
    first: dict[str, dict[str, Any]] = {}
    for rec in records[1:]:
        first.setdefault(str(rec.get("type")), rec)
    out = [dict(r) for r in records]
    by_id = {id(r): i for i, r in enumerate(records)}

    def at(kind: str) -> dict[str, Any]:
        return out[by_id[id(first[kind])]]

    # SC201: an id used twice
    dup = dict(at("Building"))
    out.append(dup)
    # SC202: a reference to nothing
    at("Dwelling")["building_id"] = "b-missing"
    # SC103: a household of no one
    at("Household")["size"] = 0
    # SC106: an unknown field
    at("Facility")["colour"] = "blue"
    # SC401: a raw identity number in free text
    req = at("ServiceRequest")
    req["description"] = f"联系人身份证 {_id_number()} 请回电"
    # SC301: the history out of order
    events = req["events"]
    events[1], events[2] = events[2], events[1]
    # SC302: closed without a response
    closed = next(
        r for r in out if r.get("type") == "ServiceRequest" and r.get("status") == "resolved"
    )
    closed.pop("response", None)
    return out


def _district_lines() -> list[str]:
    from smartstd.generate import generate

    records = list(
        generate(seed=11, counts=_district_counts(), division_code="440113", charter=True)
    )
    planted = _plant(records)
    return [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in planted]


def _district() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "district.ndjson"
        path.write_text("\n".join(_district_lines()) + "\n", encoding="utf-8")
        return _cli(["--lang", "en", "district.ndjson"], Path(tmp))


def _generator_hashes() -> str:
    from smartstd.generate import generate

    out: dict[str, str] = {}
    runs: list[tuple[str, dict[str, Any]]] = [
        ("community-seed-0", {"seed": 0}),
        ("community-seed-3-internal", {"seed": 3, "classification": "internal"}),
        ("community-seed-5-charter-only", {"seed": 5, "charter": "only"}),
        ("district-small-seed-11", {"seed": 11, "counts": _district_counts()}),
    ]
    for name, kwargs in runs:
        h = hashlib.sha256()
        for rec in generate(**kwargs):
            h.update(json.dumps(rec, ensure_ascii=False, sort_keys=False).encode("utf-8"))
            h.update(b"\n")
        out[name] = h.hexdigest()
    return json.dumps(out, indent=2) + "\n"


def subjects() -> dict[str, Callable[[], str]]:
    """Every golden file by its name under ``tests/golden/``, with what makes it."""
    subs: dict[str, Callable[[], str]] = {
        "example.en.json": lambda: _cli(["--lang", "en", EXAMPLE], ROOT),
        "example.zh-CN.json": lambda: _cli(["--lang", "zh-CN", EXAMPLE], ROOT),
        "example-profile.en.json": lambda: _cli(
            ["--lang", "en", "--profile", f"{EXAMPLE}/profile.yaml", EXAMPLE], ROOT
        ),
        "district-planted.en.json": _district,
        "generator-sha256.json": _generator_hashes,
    }
    invalid = sorted(p for p in RULES.glob("*/cases/invalid/*") if p.is_dir())
    valid = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
    for kind, cases in (("invalid", invalid), ("valid", valid)):
        for case in cases:
            subs[f"cases/{kind}/{case.name}.json"] = lambda case=case: _case(case)
    return subs


def main(argv: list[str]) -> int:
    """Rewrite the golden files, or with ``--check`` list those that differ."""
    check_only = "--check" in argv
    differ: list[str] = []
    for name, make in subjects().items():
        path = GOLDEN / name
        text = make()
        if check_only:
            if not path.exists() or path.read_text("utf-8") != text:
                differ.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in differ:
        print(f"differs: {name}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
