"""Property tests: the streaming computation against a naive one, on generated data.

Two ways to the same figures: the collector (rows, merged states, raw NDJSON
lines) and a plain recomputation written the obvious way from the records,
for the request indicators the street office publishes (三率, satisfaction).
A third: the state split in two and merged equals the state of the whole.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartstd.assessment import assess, core_indicators
from smartstd.assessment.api import evaluate
from smartstd.assessment.collector import Collector

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 6, 30, 18, tzinfo=TZ)
START = dt.datetime(2026, 1, 1, tzinfo=TZ)


@st.composite
def requests(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(0, 40))):
        submitted = START + dt.timedelta(minutes=draw(st.integers(0, 170 * 24 * 60)))
        ack = draw(st.none() | st.integers(1, 72 * 60))
        res = draw(st.none() | st.integers(1, 20 * 24 * 60))
        due = draw(st.none() | st.integers(1, 15 * 24 * 60))
        status = draw(st.sampled_from(["submitted", "resolved", "closed", "withdrawn", "rejected"]))
        events = [{"at": submitted.isoformat(), "status": "submitted"}]
        if ack is not None:
            events.append(
                {
                    "at": (submitted + dt.timedelta(minutes=ack)).isoformat(),
                    "status": "acknowledged",
                }
            )
        if res is not None and status in ("resolved", "closed"):
            at = submitted + dt.timedelta(minutes=(ack or 0) + res)
            events.append({"at": at.isoformat(), "status": "resolved"})
        r: dict[str, Any] = {
            "id": f"r{i}",
            "type": "ServiceRequest",
            "community_id": draw(st.sampled_from(["c-1", "c-2"])),
            "category": draw(st.sampled_from(["repair", "complaint"])),
            "channel": draw(st.sampled_from(["app", "wechat"])),
            "submitted_at": submitted.isoformat(),
            "status": status,
            "events": events,
        }
        if due is not None:
            r["due_at"] = (submitted + dt.timedelta(minutes=due)).isoformat()
        sat = draw(st.none() | st.integers(1, 5))
        if sat is not None:
            r["satisfaction"] = sat
        out.append(r)
    return out


def _t(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def naive(reqs: list[dict[str, Any]]) -> dict[str, Any]:
    """The request indicators, the obvious way."""
    live = [r for r in reqs if r["status"] != "withdrawn"]

    def first(r: dict[str, Any], statuses: set[str]) -> dt.datetime | None:
        times = [_t(e["at"]) for e in r["events"] if e["status"] in statuses]
        return min(times) if times else None

    taken = {"acknowledged", "assigned", "in_progress", "resolved", "closed", "rejected"}
    responded = [r for r in live if first(r, taken) is not None]
    hours = [(first(r, taken) - _t(r["submitted_at"])).total_seconds() / 3600 for r in responded]  # type: ignore[operator]
    due = [
        r
        for r in live
        if "due_at" in r
        and r["status"] != "rejected"
        and (first(r, {"resolved", "closed"}) is not None or _t(r["due_at"]) < NOW)
    ]
    on_time = [
        r
        for r in due
        if (f := first(r, {"resolved", "closed"})) is not None and f <= _t(r["due_at"])
    ]
    scores = [r["satisfaction"] for r in reqs if "satisfaction" in r]
    return {
        "request_response_rate": len(responded) / len(live) if live else None,
        "on_time_response_rate": sum(h <= 24 for h in hours) / len(live) if live else None,
        "median_response_hours": statistics.median(hours) if hours else None,
        "on_time_resolution_rate": len(on_time) / len(due) if due else None,
        "mean_satisfaction": statistics.fmean(scores) if scores else None,
        "satisfaction_rate": sum(s >= 4 for s in scores) / len(scores) if scores else None,
        "request_count": float(len(reqs)),
    }


def _write(path: Path, reqs: list[dict[str, Any]]) -> Path:
    env = {"standard": "scds", "generated_at": NOW.isoformat()}
    path.write_text("\n".join(json.dumps(x) for x in [env, *reqs]) + "\n", "utf-8")
    return path


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reqs=requests())
def test_streaming_equals_naive(reqs: list[dict[str, Any]], tmp_path: Path) -> None:
    a = assess(_write(tmp_path / "r.ndjson", reqs))
    want = naive(reqs)
    for code, value in want.items():
        got = a.result(code)
        assert got is not None
        if value is None:
            assert got.value is None, code
        else:
            assert got.value == pytest.approx(value, abs=1e-9), code


@settings(max_examples=15, deadline=None)
@given(reqs=requests(), cut=st.integers(0, 40))
def test_a_split_state_merges_to_the_whole(reqs: list[dict[str, Any]], cut: int) -> None:
    defs = core_indicators()
    now = NOW.timestamp()
    whole, left, right = Collector(defs, now), Collector(defs, now), Collector(defs, now)
    for r in reqs:
        whole.add(r)
    for r in reqs[:cut]:
        left.add(r)
    for r in reqs[cut:]:
        right.add(r)
    merged = left.merge(right)
    by = ["community", "category", "channel", "quarter"]
    assert evaluate(merged, by=by).to_dict() == evaluate(whole, by=by).to_dict()
