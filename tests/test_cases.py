"""Data-driven rule cases: each invalid case must produce exactly its expected findings.

The invalid cases live with their rule, ``src/smartstd/rules/<family>/cases/invalid/SCnnn-<what>/``;
the valid ones in ``tests/cases/valid/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartstd.catalogue import all_rules
from smartstd.conformance.engine import check
from smartstd.conformance.waivers import load_waivers
from smartstd.io import Limits
from smartstd.report import Level

CASES = Path(__file__).parent / "cases"
RULES = Path(__file__).resolve().parents[1] / "src" / "smartstd" / "rules"
INVALID = sorted((p for p in RULES.glob("*/cases/invalid/*") if p.is_dir()), key=lambda p: p.name)
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())


def _expected(case: Path) -> dict[str, Any]:
    data = yaml.safe_load((case / "expected.yaml").read_text("utf-8"))
    assert isinstance(data, dict), f"{case}/expected.yaml must be a mapping"
    return data


def _run(case: Path, spec: dict[str, Any]) -> Any:
    waivers = case / "waivers.yaml"
    return check(
        [str(case)],
        level=Level(spec.get("level", "L2")),
        params=spec.get("params", {}),
        waivers=tuple(load_waivers(waivers)) if waivers.exists() else (),
        today=dt.date.fromisoformat(str(spec.get("today", "2026-06-30"))),
        limits=Limits(**spec.get("limits", {})),
    )


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_produces_exactly_the_expected_findings(case: Path) -> None:
    spec = _expected(case)
    report = _run(case, spec)
    got = [
        {"code": f.code, "pointer": f.pointer, "line": f.line, "column": f.column}
        for f in report.findings
    ]
    want = spec["findings"]
    assert len(got) == len(want), f"{case.name}: expected {want}, got {got}"
    for g, w in zip(got, want, strict=True):
        assert g["code"] == w["code"], (case.name, got)
        assert g["pointer"] == w.get("pointer", g["pointer"]), (case.name, got)
        for key in ("line", "column"):
            if key in w:
                assert g[key] == w[key], (case.name, key, got)
    # the case is about its own rule: its code is among the findings
    code = case.name.split("-", 1)[0]
    assert code in {f.code for f in report.findings}


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case_has_no_findings(case: Path) -> None:
    report = check([str(case)], level=Level.L2)
    assert report.findings == (), [(f.code, f.pointer, f.message("en")) for f in report.findings]


def test_every_rule_has_an_invalid_case() -> None:
    covered = {p.name.split("-", 1)[0] for p in INVALID}
    missing = [r.code for r in all_rules() if r.code not in covered]
    assert missing == [], f"rules without a case in src/smartstd/rules/*/cases/invalid: {missing}"


def test_each_case_lives_in_its_family_folder() -> None:
    misplaced = [str(p) for p in INVALID if p.parents[2].name != "sc" + p.name[2]]
    assert misplaced == []
    stray = CASES / "invalid"
    assert not stray.exists() or not any(stray.iterdir()), (
        "invalid cases live with their rule: move tests/cases/invalid/SCnnn-* to "
        "src/smartstd/rules/scN/cases/invalid/"
    )


def test_profile_tightening_is_declared_on_the_catalogue_parameters() -> None:
    # what profiles.PARAM_DIRECTIONS said before it moved onto Param.tighten
    declared = {(r.code, p.name): p.tighten for r in all_rules() for p in r.params if p.tighten}
    assert declared[("SC303", "grace_hours")] == "lower"
    assert declared[("SC304", "channel_sla_hours")] == "lower-each:default_sla_hours"
    assert declared[("SC405", "kind_bounds")] == "range-each"
    assert declared[("SC410", "kind_min_levels")] == "higher-each:min_level"
    assert declared[("SC621", "public_kinds")] == "subset"
    assert len(declared) == 34  # 26, and 8 of the governance rules (#14)
