"""A small dataset whose indicators are worked out by hand (see test_indicators.py)."""

from __future__ import annotations

from typing import Any

NOW = "2026-06-30T18:00:00+08:00"


def _req(
    rid: str,
    community: str,
    submitted: str,
    *,
    ack: str | None = None,
    resolved: str | None = None,
    due: str | None = None,
    status: str = "resolved",
    satisfaction: int | None = None,
    requester: str | None = None,
    category: str = "repair",
    channel: str = "wechat",
    building: str | None = None,
) -> dict[str, Any]:
    events = [{"at": submitted, "status": "submitted"}]
    if ack:
        events.append({"at": ack, "status": "acknowledged"})
    if resolved:
        events.append({"at": resolved, "status": "resolved"})
    r: dict[str, Any] = {
        "id": rid,
        "type": "ServiceRequest",
        "community_id": community,
        "category": category,
        "channel": channel,
        "submitted_at": submitted,
        "status": status,
        "events": events,
    }
    for key, value in (
        ("due_at", due),
        ("satisfaction", satisfaction),
        ("requester_id", requester),
    ):
        if value is not None:
            r[key] = value
    if building:
        r["location"] = {"building_id": building}
    return r


def entities() -> list[dict[str, Any]]:
    """The records."""
    return [
        {"id": "c-1", "type": "Community", "name": {"zh-CN": "一社区", "en": "Community 1"}},
        {"id": "c-2", "type": "Community", "name": {"zh-CN": "二社区", "en": "Community 2"}},
        {"id": "g-1", "type": "Grid", "community_id": "c-1", "code": "G1", "building_ids": ["b-1"]},
        {"id": "b-1", "type": "Building", "community_id": "c-1"},
        {"id": "dw-1", "type": "Dwelling", "building_id": "b-1"},
        {"id": "h-1", "type": "Household", "dwelling_id": "dw-1"},
        *({"id": f"res-{i}", "type": "Resident", "household_id": "h-1"} for i in range(1, 5)),
        # r1: answered in 1 hour, resolved before due, satisfied
        _req("r1", "c-1", "2026-04-01T09:00:00+08:00", ack="2026-04-01T10:00:00+08:00",
             resolved="2026-04-02T09:00:00+08:00", due="2026-04-03T09:00:00+08:00",
             satisfaction=5, requester="res-1", building="b-1"),
        # r2: answered after 30 hours, resolved after due, unhappy
        _req("r2", "c-1", "2026-04-05T09:00:00+08:00", ack="2026-04-06T15:00:00+08:00",
             resolved="2026-04-10T09:00:00+08:00", due="2026-04-08T09:00:00+08:00",
             satisfaction=2, requester="res-1", category="complaint", channel="app"),
        # r3: never answered, past due at generated_at
        _req("r3", "c-1", "2026-05-01T09:00:00+08:00", due="2026-05-03T09:00:00+08:00",
             status="submitted", requester="res-2"),
        # r4: withdrawn: counted, but in no rate
        _req("r4", "c-1", "2026-05-02T09:00:00+08:00", status="withdrawn"),
        # r5: the other community, answered in 2 hours
        _req("r5", "c-2", "2026-01-10T09:00:00+08:00", ack="2026-01-10T11:00:00+08:00",
             resolved="2026-01-11T09:00:00+08:00", due="2026-01-12T09:00:00+08:00",
             satisfaction=4, requester="res-9"),
        {"id": "con-1", "type": "Consultation", "community_id": "c-1",
         "opens_at": "2026-03-01T09:00:00+08:00", "closes_at": "2026-03-02T09:00:00+08:00",
         "eligible_count": 100, "participant_count": 30},
        {"id": "svc-1", "type": "Service", "category": "elderly_care", "status": "active"},
        {"id": "p-1", "type": "ServiceProfile", "household_id": "h-1",
         "updated_at": "2026-03-01T09:00:00+08:00",
         "needs": [{"category": "elderly_care"}, {"category": "health"}],
         "enrolments": [{"service_id": "svc-1", "enrolled_at": "2026-01-01T09:00:00+08:00"}]},
        {"id": "d-1", "type": "Device", "community_id": "c-1", "status": "active"},
        {"id": "d-2", "type": "Device", "community_id": "c-1", "status": "fault"},
        {"id": "d-3", "type": "Device", "community_id": "c-1", "status": "retired"},
        {"id": "a-1", "type": "Alert", "community_id": "c-1", "severity": "critical",
         "detected_at": "2026-04-01T10:00:00+08:00", "acknowledged_at": "2026-04-01T10:04:00+08:00"},
        {"id": "a-2", "type": "Alert", "community_id": "c-1", "severity": "critical",
         "detected_at": "2026-04-02T10:00:00+08:00", "acknowledged_at": "2026-04-02T10:10:00+08:00"},
        {"id": "a-3", "type": "Alert", "community_id": "c-1", "severity": "high",
         "detected_at": "2026-04-03T10:00:00+08:00", "acknowledged_at": "2026-04-03T11:00:00+08:00"},
        {"id": "pilot-1", "type": "Pilot", "community_ids": ["c-1"], "name": {"zh-CN": "试点", "en": "P"},
         "starts_on": "2026-01-01", "ends_on": "2026-12-31",
         "targets": [
             {"indicator": "mean_satisfaction", "comparator": "ge", "value": 4.0},
             {"indicator": "device_availability", "comparator": "ge", "value": 0.5},
             {"indicator": "governance_completeness", "comparator": "eq", "value": 1.0},
         ]},
    ]  # fmt: skip


def dataset() -> dict[str, Any]:
    """The records in an envelope."""
    return {"standard": "scds", "standard_version": "1.0.0", "generated_at": NOW,
            "entities": entities()}  # fmt: skip
