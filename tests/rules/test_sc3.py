"""Unit tests of the SC3xx participation rules, called directly with model instances."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from smartstd.catalogue import get_rule, render_message
from smartstd.conformance.rule import ENTITY_RULES, Context, Hit
from smartstd.report import Finding, Severity, pointer
from smartstd.rules.sc3 import checks as sc3
from smartstd.standard.dataset import entity_adapter

NOW = dt.datetime(2026, 6, 30, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
T0 = "2026-06-01T09:00:00+08:00"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def iso(base: str, **delta: float) -> str:
    return (at(base) + dt.timedelta(**delta)).isoformat()


def request(**fields: Any) -> Any:
    raw: dict[str, Any] = {
        "id": "req-1",
        "type": "ServiceRequest",
        "community_id": "c-1",
        "category": "repair",
        "channel": "app",
        "submitted_at": T0,
        "status": "submitted",
    }
    raw.update(fields)
    return entity_adapter().validate_python(raw)


def consultation(**fields: Any) -> Any:
    raw: dict[str, Any] = {
        "id": "con-1",
        "type": "Consultation",
        "community_id": "c-1",
        "topic": {"zh-CN": "加装电梯"},
        "kind": "vote",
        "opens_at": "2026-05-01T09:00:00+08:00",
        "closes_at": "2026-05-10T18:00:00+08:00",
    }
    raw.update(fields)
    return entity_adapter().validate_python(raw)


def ev(when: str, status: str) -> dict[str, Any]:
    return {"at": when, "status": status}


def response(when: str) -> dict[str, Any]:
    return {"text": "已处理", "at": when}


def ctx(now: dt.datetime | None = NOW, **params: dict[str, Any]) -> Context:
    return Context(now=now, classification="internal", params=params)


def run(
    fn: Callable[[Any, Context], Iterable[Hit]], entity: Any, context: Context | None = None
) -> list[Hit]:
    hits = list(fn(entity, context or ctx()))
    for hit in hits:
        _renders(hit)
    return hits


def _renders(hit: Hit) -> None:
    """Every message field of the rule is supplied by the hit, in both languages."""
    finding = Finding(hit.code, Severity.ERROR, path=hit.path, params=dict(hit.params))
    for lang in ("en", "zh-CN"):
        text = render_message(finding, lang)
        assert "{" not in text, (hit.code, lang, text)


def pointers(hits: list[Hit]) -> list[str]:
    return [pointer(h.path) for h in hits]


# --------------------------------------------------------------------------- registration


def test_every_sc3_rule_is_registered_with_a_catalogue_entry() -> None:
    registered = {
        code for entries in ENTITY_RULES.values() for codes, _ in entries for code in codes
    }
    for n in range(301, 310):
        code = f"SC{n}"
        assert code in registered
        info = get_rule(code)
        assert info.level.value == "L2"
        assert info.family == "SC3xx"


# --------------------------------------------------------------------------- SC301


def test_sc301_events_in_order_pass() -> None:
    e = request(
        status="assigned",
        events=[ev(iso(T0, hours=1), "acknowledged"), ev(iso(T0, hours=1), "assigned")],
    )
    assert run(sc3.request_history_out_of_order, e) == []


def test_sc301_event_earlier_than_the_previous_one() -> None:
    e = request(events=[ev(iso(T0, hours=2), "acknowledged"), ev(iso(T0, hours=1), "assigned")])
    hits = run(sc3.request_history_out_of_order, e)
    assert pointers(hits) == ["/events/1/at"]
    assert hits[0].params["earlier"] == "events/0/at"


def test_sc301_event_and_response_before_submission() -> None:
    e = request(
        events=[ev(iso(T0, minutes=-1), "acknowledged")], response=response(iso(T0, hours=-1))
    )
    hits = run(sc3.request_history_out_of_order, e)
    assert pointers(hits) == ["/events/0/at", "/response/at"]
    assert {h.params["earlier"] for h in hits} == {"submitted_at"}


# --------------------------------------------------------------------------- SC302


@pytest.mark.parametrize("status", ["resolved", "closed", "rejected"])
def test_sc302_finished_without_response(status: str) -> None:
    hits = run(sc3.closed_without_response, request(status=status))
    assert pointers(hits) == ["/status"]


@pytest.mark.parametrize("status", ["withdrawn", "in_progress", "submitted"])
def test_sc302_other_statuses_need_no_response(status: str) -> None:
    assert run(sc3.closed_without_response, request(status=status)) == []


def test_sc302_response_present_and_statuses_param() -> None:
    assert run(sc3.closed_without_response, request(status="closed", response=response(T0))) == []
    only_closed = ctx(SC302={"statuses": ["closed"]})
    assert run(sc3.closed_without_response, request(status="rejected"), only_closed) == []


# --------------------------------------------------------------------------- SC303

DUE = "2026-06-30T18:00:00+08:00"  # == NOW


def test_sc303_exactly_at_the_deadline_is_not_overdue() -> None:
    assert run(sc3.request_overdue, request(status="in_progress", due_at=DUE)) == []


def test_sc303_one_second_past_the_deadline() -> None:
    hits = run(sc3.request_overdue, request(status="in_progress", due_at=iso(DUE, seconds=-1)))
    assert pointers(hits) == ["/due_at"]


def test_sc303_grace_hours() -> None:
    e = request(status="assigned", due_at=iso(DUE, hours=-2))
    assert run(sc3.request_overdue, e, ctx(SC303={"grace_hours": 2})) == []
    assert len(run(sc3.request_overdue, e, ctx(SC303={"grace_hours": 1.5}))) == 1


def test_sc303_closed_requests_and_missing_clock() -> None:
    past = iso(DUE, days=-10)
    assert run(sc3.request_overdue, request(status="resolved", due_at=past)) == []
    assert run(sc3.request_overdue, request(status="in_progress", due_at=past), ctx(now=None)) == []
    assert run(sc3.request_overdue, request(status="in_progress")) == []


# --------------------------------------------------------------------------- SC304


def test_sc304_exactly_at_the_sla_passes_and_a_second_later_breaches() -> None:
    on_time = request(status="acknowledged", events=[ev(iso(T0, hours=72), "acknowledged")])
    assert run(sc3.response_sla_breached, on_time) == []
    late = request(status="acknowledged", events=[ev(iso(T0, hours=72, seconds=1), "acknowledged")])
    hits = run(sc3.response_sla_breached, late)
    assert pointers(hits) == ["/events/0/at"]
    assert hits[0].params["sla_hours"] == 72
    assert hits[0].params["state"] == "late-response"


def test_sc304_channel_override_for_the_hotline() -> None:
    profile = ctx(SC304={"channel_sla_hours": {"hotline_12345": 48}})
    events = [ev(iso(T0, hours=50), "acknowledged")]
    hotline = request(channel="hotline_12345", status="acknowledged", events=events)
    app = request(channel="app", status="acknowledged", events=events)
    hits = run(sc3.response_sla_breached, hotline, profile)
    assert [h.params["sla_hours"] for h in hits] == [48]
    assert run(sc3.response_sla_breached, app, profile) == []


def test_sc304_strictest_matching_override_wins() -> None:
    profile = ctx(
        SC304={
            "channel_sla_hours": {"hotline_12345": 48},
            "category_sla_hours": {"safety_hazard": 24},
        }
    )
    assert sc3.sla_hours("hotline_12345", "safety_hazard", profile) == 24
    assert sc3.sla_hours("hotline_12345", "repair", profile) == 48
    assert sc3.sla_hours("app", "repair", profile) == 72
    # a category may also relax the default when no stricter override matches
    relaxed = ctx(SC304={"category_sla_hours": {"suggestion": 168}})
    assert sc3.sla_hours("app", "suggestion", relaxed) == 168
    # odd values are ignored
    odd = ctx(SC304={"channel_sla_hours": {"app": "soon"}, "default_sla_hours": "x"})
    assert sc3.sla_hours("app", "repair", odd) == 72


def test_sc304_first_response_is_the_earlier_of_response_and_handling_event() -> None:
    e = request(
        status="resolved",
        events=[ev(iso(T0, hours=100), "submitted"), ev(iso(T0, hours=80), "acknowledged")],
        response=response(iso(T0, hours=10)),
    )
    assert sc3.first_response(e) == (at(iso(T0, hours=10)), ("response", "at"))
    assert run(sc3.response_sla_breached, e) == []


def test_sc304_no_response_yet() -> None:
    waiting = request(status="submitted", submitted_at=iso(DUE, hours=-73))
    hits = run(sc3.response_sla_breached, waiting)
    assert pointers(hits) == ["/submitted_at"]
    assert hits[0].params["state"] == "no-response-yet"
    fresh = request(status="submitted", submitted_at=iso(DUE, hours=-72))
    assert run(sc3.response_sla_breached, fresh) == []
    assert run(sc3.response_sla_breached, waiting, ctx(now=None)) == []


def test_sc304_withdrawn_without_response() -> None:
    late = request(status="withdrawn", events=[ev(iso(T0, hours=100), "withdrawn")])
    assert [h.params["state"] for h in run(sc3.response_sla_breached, late)] == [
        "withdrawn-without-response"
    ]
    early = request(status="withdrawn", events=[ev(iso(T0, hours=1), "withdrawn")])
    assert run(sc3.response_sla_breached, early) == []
    # finished without any trace of a response: nothing to measure
    assert run(sc3.response_sla_breached, request(status="closed")) == []


# --------------------------------------------------------------------------- SC305

MOBILE = "13812345678"
ID_NUMBER = "11010519491231002X"


def test_sc305_anonymous_with_requester() -> None:
    hits = run(sc3.anonymous_identifies_requester, request(anonymous=True, requester_id="res-1"))
    assert pointers(hits) == ["/requester_id"]


def test_sc305_numbers_in_the_description_are_found_but_not_repeated() -> None:
    e = request(anonymous=True, description=f"楼道堆物，联系 {MOBILE}，证件 {ID_NUMBER}")
    hits = run(sc3.anonymous_identifies_requester, e)
    assert [(pointer(h.path), h.params["what"]) for h in hits] == [
        ("/description", "mobile"),
        ("/description", "id_number"),
    ]
    for h in hits:
        assert MOBILE not in repr(h)
        assert ID_NUMBER not in repr(h)


def test_sc305_named_requests_and_clean_descriptions_pass() -> None:
    assert (
        run(sc3.anonymous_identifies_requester, request(requester_id="res-1", description=MOBILE))
        == []
    )
    assert (
        run(sc3.anonymous_identifies_requester, request(anonymous=True, description="路灯坏了"))
        == []
    )
    assert (
        run(sc3.anonymous_identifies_requester, request(anonymous=True, description="138****5678"))
        == []
    )


# --------------------------------------------------------------------------- SC306

HAPPY = ["acknowledged", "assigned", "in_progress", "resolved", "closed"]


def history(statuses: list[str], step_hours: float = 1) -> list[dict[str, Any]]:
    return [ev(iso(T0, hours=step_hours * (i + 1)), s) for i, s in enumerate(statuses)]


def test_sc306_the_happy_path_passes() -> None:
    e = request(status="closed", events=[ev(T0, "submitted"), *history(HAPPY)])
    assert run(sc3.invalid_status_transition, e) == []


@pytest.mark.parametrize(
    ("statuses", "allowed"),
    [
        (["assigned"], True),
        (["in_progress"], False),  # submitted -> in_progress skips acknowledging or assigning
        (["acknowledged", "in_progress"], True),
        (["acknowledged", "acknowledged", "in_progress"], True),  # a repeated status is a note
        (["acknowledged", "resolved"], False),
        (["assigned", "in_progress", "assigned"], True),  # reassigned
        (["rejected", "in_progress"], False),  # final
        (["withdrawn", "acknowledged"], False),  # final
        (["assigned", "in_progress", "resolved", "in_progress"], True),  # reopened
    ],
)
def test_sc306_transitions(statuses: list[str], allowed: bool) -> None:
    e = request(status=statuses[-1], events=history(statuses))
    hits = run(sc3.invalid_status_transition, e)
    assert (hits == []) is allowed, hits
    if not allowed:
        assert hits[0].params["reason"] == "not-allowed"


def test_sc306_events_are_taken_in_time_order() -> None:
    listed = [ev(iso(T0, hours=2), "in_progress"), ev(iso(T0, hours=1), "assigned")]
    assert run(sc3.invalid_status_transition, request(status="in_progress", events=listed)) == []


def test_sc306_status_must_match_the_last_event() -> None:
    e = request(status="resolved", events=history(["assigned", "in_progress"]))
    hits = run(sc3.invalid_status_transition, e)
    assert pointers(hits) == ["/status"]
    assert hits[0].params == {
        "from_status": "in_progress",
        "to_status": "resolved",
        "reason": "differs-from-history",
    }


def test_sc306_no_history_is_not_checked() -> None:
    assert run(sc3.invalid_status_transition, request(status="closed")) == []


def _reopened(after_days: float) -> Any:
    events = history(HAPPY)
    closed_at = events[-1]["at"]
    events.append(ev(iso(closed_at, days=after_days), "in_progress"))
    return request(status="in_progress", events=events)


def test_sc306_reopen_within_and_after_reopen_days() -> None:
    assert run(sc3.invalid_status_transition, _reopened(29)) == []
    assert run(sc3.invalid_status_transition, _reopened(30)) == []  # exactly at the limit
    hits = run(sc3.invalid_status_transition, _reopened(30.001))
    assert pointers(hits) == ["/events/5/status"]
    assert hits[0].params["reason"] == "reopen-window-passed"
    assert run(sc3.invalid_status_transition, _reopened(45), ctx(SC306={"reopen_days": 60})) == []


def test_sc306_closed_may_not_go_anywhere_but_in_progress() -> None:
    e = request(status="assigned", events=[*history(HAPPY), ev(iso(T0, days=2), "assigned")])
    assert [h.params["reason"] for h in run(sc3.invalid_status_transition, e)] == ["not-allowed"]


# --------------------------------------------------------------------------- SC307


def test_sc307_closes_at_or_before_opens() -> None:
    same = consultation(closes_at="2026-05-01T09:00:00+08:00")
    assert pointers(run(sc3.consultation_window_invalid, same)) == ["/closes_at"]
    assert run(sc3.consultation_window_invalid, consultation()) == []


def test_sc307_counts() -> None:
    e = consultation(eligible_count=100, participant_count=101)
    assert pointers(run(sc3.consultation_window_invalid, e)) == ["/participant_count"]
    assert (
        run(
            sc3.consultation_window_invalid, consultation(eligible_count=100, participant_count=100)
        )
        == []
    )


def _options(*votes: int | None) -> list[dict[str, Any]]:
    return [
        {"key": f"o{i}", "label": {"zh-CN": f"选项{i}"}, **({} if v is None else {"votes": v})}
        for i, v in enumerate(votes)
    ]


def test_sc307_votes_over_participants_except_multi_choice() -> None:
    over = consultation(participant_count=10, options=_options(6, 5, None))
    hits = run(sc3.consultation_window_invalid, over)
    assert pointers(hits) == ["/options"]
    assert hits[0].params["value"] == 11
    exact = consultation(participant_count=11, options=_options(6, 5))
    assert run(sc3.consultation_window_invalid, exact) == []
    survey = consultation(kind="survey", participant_count=10, options=_options(6, 5))
    assert run(sc3.consultation_window_invalid, survey) == []
    assert run(sc3.consultation_window_invalid, consultation(options=_options(6, 5))) == []


# --------------------------------------------------------------------------- SC308


def test_sc308_exactly_at_the_limit_and_after() -> None:
    at_limit = consultation(closes_at=iso(DUE, days=-30))
    assert run(sc3.consultation_without_decision, at_limit) == []
    past = consultation(closes_at=iso(DUE, days=-30, seconds=-1))
    hits = run(sc3.consultation_without_decision, past)
    assert pointers(hits) == ["/closes_at"]
    assert hits[0].params["days"] == 30
    assert run(sc3.consultation_without_decision, past, ctx(SC308={"days": 31})) == []
    assert run(sc3.consultation_without_decision, past, ctx(now=None)) == []


def test_sc308_a_decision_settles_it() -> None:
    decided = consultation(
        closes_at="2026-01-10T18:00:00+08:00",
        decision={"summary": {"zh-CN": "同意"}, "decided_at": "2026-01-12T10:00:00+08:00"},
    )
    assert run(sc3.consultation_without_decision, decided) == []


# --------------------------------------------------------------------------- SC309


@pytest.mark.parametrize(
    ("status", "found"),
    [("in_progress", True), ("rejected", True), ("resolved", False), ("closed", False)],
)
def test_sc309(status: str, found: bool) -> None:
    hits = run(sc3.satisfaction_without_resolution, request(status=status, satisfaction=4))
    assert pointers(hits) == (["/satisfaction"] if found else [])


def test_sc309_no_score_no_finding() -> None:
    assert run(sc3.satisfaction_without_resolution, request(status="in_progress")) == []
