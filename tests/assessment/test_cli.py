"""``smartstd assess`` from the command line: every format, the report schema, usage errors."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from smartstd.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"
PILOT = "pilot-440113-scds"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["assess", *args])
    return result.exit_code, result.output


def test_text_in_both_languages() -> None:
    code, out = run(str(EXAMPLE), "--pilot", PILOT, "--lang", "zh-CN")
    assert code == 0
    assert "平均满意度：3.95，目标 ≥ 4.00：未达成（-0.05）" in out
    assert "试点目标：11 项中达成 10 项" in out
    code, out = run(str(EXAMPLE), "--pilot", PILOT, "--lang", "en")
    assert "Mean satisfaction: 3.95 against a target of at least 4.00: missed (-0.05)" in out


def test_strict_fails_on_a_missed_target() -> None:
    assert run(str(EXAMPLE), "--pilot", PILOT, "--strict")[0] == 1
    assert run(str(EXAMPLE), "--strict")[0] == 0  # no pilot, no target


def test_json_follows_the_published_schema() -> None:
    code, out = run(
        str(EXAMPLE), "--pilot", PILOT, "--format", "json", "--by", "grid", "--by", "quarter"
    )
    assert code == 0
    report = json.loads(out)
    text = resources.files("smartstd").joinpath("data").joinpath("assessment.schema.json")
    schema = json.loads(text.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(report)
    assert set(report["breakdowns"]) == {"grid", "quarter"}
    missed = [t for t in report["targets"] if t["status"] == "missed"]
    assert [t["indicator"] for t in missed] == ["mean_satisfaction"]


def test_csv_and_markdown() -> None:
    code, out = run(str(EXAMPLE), "--format", "csv", "--by", "channel", "--lang", "en")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    scope = {r["code"]: r for r in rows if r["section"] == "scope"}
    assert scope["mean_satisfaction"]["numerator"] == "509"
    assert scope["mean_satisfaction"]["denominator"] == "129"
    assert any(r["dim"] == "channel" and r["group"] == "hotline_12345" for r in rows)
    code, out = run(str(EXAMPLE), "--format", "markdown", "--pilot", PILOT, "--lang", "en")
    assert code == 0
    assert "| Mean satisfaction | 3.95 | 509 | 129 | 129 |" in out
    assert "❌ Mean satisfaction" in out


def test_output_file_and_period(tmp_path: Path) -> None:
    out = tmp_path / "q1.json"
    code, _ = run(str(EXAMPLE), "--period", "2026Q1", "--format", "json", "-o", str(out))
    assert code == 0
    report = json.loads(out.read_text("utf-8"))
    assert report["period"] == {"label": "2026Q1", "first": "2026-01-01", "last": "2026-03-31"}
    count = next(r for r in report["results"] if r["code"] == "request_count")
    assert count["value"] == 102


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--pilot", "nope"], "no such Pilot"),
        (["--period", "spring"], "--period"),
        (["--by", "street"], "street"),
    ],
)
def test_usage_errors_exit_2(args: list[str], says: str) -> None:
    code, out = run(str(EXAMPLE), *args)
    assert code == 2
    assert says in out


def test_local_indicators(tmp_path: Path) -> None:
    local = tmp_path / "gz.yaml"
    local.write_text(
        """indicators:
  - code: gz:hotline_share
    kind: rate
    unit: ratio
    direction: higher_better
    entity: ServiceRequest
    time: submitted_at
    numerator: {field: channel, in: [hotline_12345]}
    title: {zh-CN: 12345 热线占比, en: Hotline share}
    description: {zh-CN: 经 12345 热线提出的诉求占比。, en: The share of requests made on the hotline.}
""",
        "utf-8",
    )
    code, out = run(str(EXAMPLE), "--indicators", str(local), "--format", "json")
    assert code == 0, out
    got = next(r for r in json.loads(out)["results"] if r["code"] == "gz:hotline_share")
    assert (got["numerator"], got["denominator"]) == (40, 200)
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators:\n  - code: mean_satisfaction\n    kind: guess\n", "utf-8")
    code, out = run(str(EXAMPLE), "--indicators", str(bad))
    assert code == 2
    assert "/indicators/0" in out
    again = tmp_path / "again.yaml"
    again.write_text(
        local.read_text("utf-8").replace("gz:hotline_share", "mean_satisfaction"), "utf-8"
    )
    code, out = run(str(EXAMPLE), "--indicators", str(again))
    assert code == 2 and "already defined" in out


def test_the_core_definitions_follow_the_meta_schema() -> None:
    from smartstd.assessment.definition import core_indicators, definitions_document, meta_schema
    from smartstd.standard.codes import CODE_LISTS

    jsonschema.Draft202012Validator.check_schema(meta_schema())
    jsonschema.Draft202012Validator(meta_schema()).validate(definitions_document())
    standard = {c.code for c in CODE_LISTS["indicator"].codes}
    defined = {i.code for i in core_indicators() if i.standard}
    assert (
        defined == standard
    )  # every code of the list is computable, and only those are "standard"


def test_a_target_without_data_is_not_counted_as_met() -> None:
    import dataclasses

    from smartstd.assessment import assess
    from smartstd.assessment.formats import to_text

    a = assess([str(EXAMPLE)], pilot=PILOT)
    first = a.targets[0]
    assert first.status == "met"  # the example's first target is met
    gone = dataclasses.replace(first, value=None, status="no_data", difference=None)
    a = dataclasses.replace(a, targets=(gone, *a.targets[1:]))
    assert "试点目标：11 项中达成 9 项，1 项无数据" in to_text(a, "zh-CN")
    assert "Targets: 9 of 11 met, 1 without data" in to_text(a, "en")
