"""An integer too large for a float stops neither a check with a pilot nor an assessment.

Some counts have no upper bound in the standard (a consultation's
participants), and a record that is not valid still reaches the pilot's
indicators (a resident with a wrong birth year still lives in its
community), so what a record holds is read as it is: a number such as
``1e400`` written out as an integer is no number to measure or sum, as a
NaN is not a number to average. It used to stop the check with an internal
error (``OverflowError``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from smartstd import generate as gen
from smartstd.assessment import assess
from smartstd.assessment.expr import instant, number
from smartstd.cli import main
from smartstd.conformance.engine import check
from smartstd.standard import entity_adapter

HUGE = 10**400


def _inflate(record: dict[str, Any]) -> dict[str, Any]:
    """The record with every top-level number made too large for a float."""
    return {
        k: HUGE if isinstance(v, int | float) and not isinstance(v, bool) else v
        for k, v in record.items()
    }


def _dataset(tmp_path: Path) -> tuple[Path, list[int]]:
    records = list(gen.generate(seed=5, charter=False))
    envelope, entities = records[0], records[1:]
    pilot = [e for e in entities if e["type"] == "Pilot"]
    assert pilot, "the community scale generates a pilot"
    by_type: dict[str, list[dict[str, Any]]] = {}
    for e in entities:
        if e["type"] != "Pilot" and len(by_type.setdefault(e["type"], [])) < 60:
            by_type[e["type"]].append(e)
    kept = [e for group in by_type.values() for e in group]
    inflated: list[int] = []
    per_type: dict[str, int] = {}
    out = [envelope, *pilot]
    for e in kept:
        numeric = any(isinstance(v, int | float) and not isinstance(v, bool) for v in e.values())
        if numeric and per_type.get(e["type"], 0) < 5:  # a few of every type
            per_type[e["type"]] = per_type.get(e["type"], 0) + 1
            e = _inflate(e)
            inflated.append(len(out) + 1)  # its line
        out.append(e)
    # among them requests with a satisfaction score, which an indicator averages
    assert per_type["ServiceRequest"] == 5
    path = tmp_path / "huge.ndjson"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), "utf-8")
    return path, inflated


def test_number_and_instant_say_none_for_an_integer_too_large_for_a_float() -> None:
    assert number(HUGE) is None
    assert number(-HUGE) is None
    assert instant(HUGE) is None
    assert number(2**53) == float(2**53)
    assert number(True) is None


def test_a_check_with_a_pilot_reports_the_records_and_goes_on(tmp_path: Path) -> None:
    path, inflated = _dataset(tmp_path)
    assert len(inflated) >= 40
    lines = path.read_text("utf-8").splitlines()
    types = {json.loads(line)["type"] for line in lines[1:]}
    assert {"Pilot", "Resident", "Household", "ServiceRequest", "Observation"} <= types
    # some stay valid (a consultation's counts have no upper bound): the models
    # take them whole and the indicators read them; the others are not valid
    valid = set()
    for n in inflated:
        try:
            entity_adapter().validate_json(lines[n - 1])
        except ValidationError:
            continue
        valid.add(n)
    assert valid and valid != set(inflated)
    report = check([str(path)], level="L2", jobs=1)
    assert sum(report.entity_counts.values()) == len(lines) - 1  # every record read
    structural = {f.line for f in report.findings if f.code == "SC103"}
    assert set(inflated) - valid <= structural  # each one that is not valid is said to be so
    assert not valid & structural
    assert report.rules_run is not None
    assert "SC801" in report.rules_run  # the pilot's indicators were computed
    run = CliRunner().invoke(main, ["check", str(path), "--level", "L2", "--format", "json"])
    assert run.exit_code == 1, run.output  # findings, not an internal error (3)
    assert json.loads(run.stdout)["counts"]["error"] >= len(inflated) - len(valid)


def test_an_assessment_of_the_same_data_goes_on(tmp_path: Path) -> None:
    path, _ = _dataset(tmp_path)
    result = assess([str(path)])
    assert result.indicators  # every indicator is computed, the huge values left out


def test_a_definition_with_a_bound_no_float_can_hold_is_refused_saying_where(
    tmp_path: Path,
) -> None:
    from smartstd.errors import UsageError

    data = tmp_path / "d.ndjson"
    data.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gen.generate(seed=5)), "utf-8"
    )
    for bound, shown in ((f"{HUGE}", "1000000000"),):  # YAML's .nan is the reader's to refuse
        local = tmp_path / "local.yaml"
        local.write_text(
            "indicators:\n"
            "  - code: quick_answers\n"
            "    kind: rate\n    unit: ratio\n    direction: higher_better\n"
            "    entity: ServiceRequest\n    time: submitted_at\n"
            "    numerator: {field: satisfaction, le: " + bound + "}\n"
            "    title: {zh-CN: 快速答复率, en: Quick answers}\n"
            "    description: {zh-CN: 说明, en: Description}\n",
            "utf-8",
        )
        with pytest.raises(UsageError) as info:
            assess([str(data)], indicators=[str(local)])
        assert info.value.key == "indicators_invalid"
        assert info.value.params["pointer"] == "/indicators/0/numerator/le"
        assert shown in str(info.value.params["reason"])
        run = CliRunner().invoke(
            main, ["assess", str(data), "--indicators", str(local), "--lang", "en"]
        )
        assert run.exit_code == 2, run.output
        assert "/indicators/0/numerator/le" in run.stderr

    # a document given as data: NaN and infinities too
    import yaml

    from smartstd.assessment.definition import parse_indicators

    document = yaml.safe_load(local.read_text("utf-8"))
    for bound in (float("nan"), float("-inf"), -HUGE):
        document["indicators"][0]["numerator"]["le"] = bound
        with pytest.raises(UsageError) as info:
            parse_indicators(document, "local")
        assert info.value.params["pointer"] == "/indicators/0/numerator/le"
