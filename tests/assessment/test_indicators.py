"""Indicator values against a small dataset worked out by hand (tests/assessdata.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assessdata as small
import smartstd
from smartstd.assessment import Assessment, assess


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("small")
    data = small.dataset()
    as_json = folder / "data.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    as_ndjson = folder / "data.ndjson"
    envelope = {k: v for k, v in data.items() if k != "entities"}
    lines = [json.dumps(envelope)] + [json.dumps(e, ensure_ascii=False) for e in data["entities"]]
    as_ndjson.write_text("\n".join(lines) + "\n", "utf-8")
    return {"json": as_json, "ndjson": as_ndjson}


def _values(a: Assessment) -> dict[str, tuple[float | None, float | None, float | None, int]]:
    return {r.code: (r.value, r.numerator, r.denominator, r.n) for r in a.results}


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_the_pilot_by_hand(files: dict[str, Path], fmt: str) -> None:
    a = assess(files[fmt], pilot="pilot-1")
    v = _values(a)
    assert v["request_response_rate"] == (2 / 3, 2, 3, 3)  # r1, r2 of r1-r3 (r4 withdrawn)
    assert v["on_time_response_rate"] == (1 / 3, 1, 3, 3)  # r1 only: 1 hour; r2 took 30
    assert v["median_response_hours"][0] == pytest.approx(15.5)  # median of 1 and 30
    assert v["on_time_resolution_rate"] == (1 / 3, 1, 3, 3)  # r1 of r1, r2, r3 (past due)
    assert v["mean_satisfaction"] == (3.5, 7, 2, 2)
    assert v["satisfaction_rate"] == (0.5, 1, 2, 2)
    assert v["request_count"][0] == 4
    # (2 distinct requesters + 30 participants) per 100 of 4 residents
    assert v["participation_rate"][0] == pytest.approx(800.0)
    assert v["consultation_turnout"] == (0.3, 30, 100, 1)
    assert v["need_coverage"] == (0.5, 1, 2, 2)  # elderly_care served, health not
    assert v["profile_freshness"] == (1.0, 1, 1, 1)
    assert v["device_availability"] == (0.5, 1, 2, 2)  # the retired one is left out
    assert v["critical_alert_ack_minutes"][0] == pytest.approx(7.0)  # median of 4 and 10
    assert v["alert_ack_minutes"][0] == pytest.approx((4 + 10 + 60) / 3)
    assert v["governance_completeness"][0] is None  # no charter
    dist = next(r for r in a.results if r.code == "satisfaction_distribution").distribution
    assert dist == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}


def test_targets_met_missed_and_without_data(files: dict[str, Path]) -> None:
    a = assess(files["json"], pilot="pilot-1")
    got = [(t.indicator, t.status, t.difference) for t in a.targets]
    assert got == [
        ("mean_satisfaction", "missed", -0.5),
        ("device_availability", "met", 0.0),
        ("governance_completeness", "no_data", None),
    ]
    assert [t.indicator for t in a.missed] == ["mean_satisfaction"]


def test_the_pilot_against_the_others(files: dict[str, Path]) -> None:
    a = assess(files["json"], pilot="pilot-1")
    c = {x.code: x for x in a.comparison}
    rr = c["request_response_rate"]
    assert (rr.pilot.value, rr.others.value) == (2 / 3, 1.0)
    assert rr.difference == pytest.approx(-1 / 3)
    assert rr.method == "newcombe"
    assert rr.ci is not None and rr.ci[0] < rr.difference < rr.ci[1]
    ms = c["mean_satisfaction"]
    assert ms.difference == pytest.approx(-0.5) and ms.method == "bootstrap"


def test_breakdowns_and_period(files: dict[str, Path]) -> None:
    a = assess(files["json"], by=["community", "grid", "category", "channel", "month"])
    counts = {
        (g.dim, g.group): next(r.value for r in g.results if r.code == "request_count")
        for dim in a.breakdowns.values()
        for g in dim
        if any(r.code == "request_count" for r in g.results)
    }
    assert counts[("community", "c-1")] == 4 and counts[("community", "c-2")] == 1
    assert counts[("grid", "g-1")] == 1  # r1 names building b-1 of grid g-1
    assert counts[("category", "complaint")] == 1 and counts[("channel", "app")] == 1
    assert counts[("month", "2026-04")] == 2 and counts[("month", "2026-01")] == 1
    q2 = assess(files["json"], period="2026Q2")
    assert q2.result("request_count").value == 4  # type: ignore[union-attr]
    jan = assess(files["json"], period="2026-01-01..2026-01-31")
    assert jan.result("request_count").value == 1  # type: ignore[union-attr]
    # stock indicators ignore the period
    assert jan.result("device_availability").value == 0.5  # type: ignore[union-attr]


def test_trend_by_quarter(files: dict[str, Path]) -> None:
    a = assess(files["json"])
    quarters = {g.group: g for g in a.trend}
    assert sorted(quarters) == ["2026Q1", "2026Q2"]
    q1 = {r.code: r.value for r in quarters["2026Q1"].results}
    assert q1["request_count"] == 1 and q1["consultation_turnout"] == 0.3


def test_python_api_is_public(files: dict[str, Path]) -> None:
    assert "assess" in smartstd.__all__
    a = smartstd.assess(files["json"])
    assert isinstance(a, Assessment)


def test_unknown_pilot_and_bad_period_are_usage_errors(files: dict[str, Path]) -> None:
    with pytest.raises(smartstd.UsageError, match="pilot-9"):
        assess(files["json"], pilot="pilot-9")
    with pytest.raises(smartstd.UsageError, match="2026Q5"):
        assess(files["json"], period="2026Q5")
    with pytest.raises(smartstd.UsageError, match="--by"):
        assess(files["json"], by=["street"])


def test_bad_records_never_crash(tmp_path: Path) -> None:
    data = small.dataset()
    data["entities"] += [
        {"type": "ServiceRequest", "id": "x", "submitted_at": 5, "satisfaction": "high"},
        {"type": "ServiceRequest", "id": "y", "submitted_at": "2026-13-45T99:00:00+08:00",
         "events": "nope", "location": [1]},
        {"type": "Pilot", "id": "p", "targets": [1, {"indicator": 3}], "community_ids": None},
        "not an object",
    ]  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    a = assess(path)
    assert a.result("mean_satisfaction").n == 3  # type: ignore[union-attr]  # r1, r2, r5
    # x and y have no date a period could hold
    assert a.result("request_count").value == 5  # type: ignore[union-attr]
    assert assess(path, pilot="p").targets == ()
    nd = tmp_path / "bad.ndjson"
    nd.write_text(
        '{"standard":"scds"}\n{"type":"ServiceRequest",\n\xff\n', "utf-8", errors="ignore"
    )
    assert assess(nd).result("request_count").value == 0  # type: ignore[union-attr]


def test_the_example_misses_one_target() -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"
    a = assess(root, pilot="pilot-440113-scds")
    r = a.result("mean_satisfaction")
    assert r is not None and r.n == 129 and round(r.value or 0, 2) == 3.95
    assert [t.indicator for t in a.missed] == ["mean_satisfaction"]
    assert len(a.targets) == 11


def test_compiled_indicators_pickle_for_worker_processes() -> None:
    import pickle

    from smartstd.assessment.definition import core_indicators

    indicators = core_indicators()
    back = pickle.loads(pickle.dumps(indicators))
    assert [i.code for i in back] == [i.code for i in indicators]
    assert all(b.spec == i.spec and b.kind == i.kind for b, i in zip(back, indicators, strict=True))
