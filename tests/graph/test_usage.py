"""SC616 (and SC610) from the Python API: the data crossed with the charter."""

from __future__ import annotations

from typing import Any

from graphdata import ON, Builder

from smartstd.graph import check_charter, usage_facts
from smartstd.standard.dataset import entity_adapter

COMMUNITY = {"id": "c-1", "type": "Community", "name": {"en": "C"}, "division_code": "440113"}


def device(did: str, kind: str, operator: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": did,
        "type": "Device",
        "community_id": "c-1",
        "kind": kind,
        "operator_id": operator,
        "status": "active",
        **fields,
    }


def found(b: Builder, *data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (f.code, f.entity_id or "", f.pointer)
        for f in check_charter([*b.entities, *data], on=ON)
        if f.code in ("SC610", "SC616")
    ]


def test_usage_facts_of_each_record() -> None:
    req = entity_adapter().validate_python(
        {
            "id": "r",
            "type": "ServiceRequest",
            "community_id": "c-1",
            "category": "repair",
            "channel": "app",
            "submitted_at": "2026-06-01T09:00:00+08:00",
            "description": "x",
            "anonymous": True,
            "status": "assigned",
            "assigned_to_id": "org-pm",
        }
    )
    (fact,) = usage_facts(req)
    assert (fact.activity, fact.domain, str(fact.day)) == (
        "request",
        "property_maintenance",
        "2026-06-01",
    )
    cam = entity_adapter().validate_python(
        device("d", "cctv_camera", "org-pm", data_category_ids=["cat-a", "cat-b"])
    )
    assert [(f.activity, f.path) for f in usage_facts(cam)] == [
        ("device", ("operator_id",)),
        ("device-data", ("data_category_ids", 0)),
        ("device-data", ("data_category_ids", 1)),
    ]
    retired = entity_adapter().validate_python(
        device("d", "cctv_camera", "org-pm", status="retired")
    )
    assert usage_facts(retired) == []
    meter = entity_adapter().validate_python(
        device("m", "smart_meter", "org-pm", data_category_ids=["cat-a"])
    )
    assert [f.activity for f in usage_facts(meter)] == [
        "device"
    ]  # a meter captures no personal data
    assert usage_facts(entity_adapter().validate_python(COMMUNITY)) == []


def test_a_device_operator_needs_a_role_and_a_grant_per_category(base: Builder) -> None:
    ok = device("dev-lift", "access_control", "org-pm", data_category_ids=["cat-contact"])
    assert found(base, COMMUNITY, ok) == []
    no_grant = device("dev-gate", "access_control", "org-so", data_category_ids=["cat-contact"])
    # the street office is accountable for property maintenance, but holds no grant on contacts
    assert found(base, COMMUNITY, no_grant) == [
        ("SC616", "dev-gate", "/entities/11/data_category_ids/0")
    ]


def test_an_expired_grant_is_sc610(base: Builder) -> None:
    base.set("g-pm", valid_until="2026-05-31")
    base.set("agr-pm", valid_until="2026-05-31")
    cam = device("dev-lift", "access_control", "org-pm", data_category_ids=["cat-contact"])
    (hit,) = [
        f
        for f in check_charter([*base.entities, COMMUNITY, cam], on=ON)
        if f.entity_id == "dev-lift"
    ]
    assert (hit.code, hit.params["expired"], hit.params["until"]) == ("SC610", "g-pm", "2026-05-31")
    assert "Device dev-lift" in hit.message("en")


def test_service_providers_may_act_under_an_agreement(base: Builder) -> None:
    svc = {
        "id": "svc",
        "type": "Service",
        "name": {"en": "S"},
        "category": "housing_repair",
        "provider_id": "org-so",
        "responsible_id": "org-pm",
    }
    assert found(base, svc) == []
    other = dict(svc, id="svc-2", provider_id="org-rc", responsible_id="org-rc")
    assert found(base, other) == [
        ("SC616", "svc-2", "/entities/10/provider_id"),
        ("SC616", "svc-2", "/entities/10/responsible_id"),
    ]
    retired = dict(other, id="svc-3", status="retired")
    assert found(base, retired) == []


def test_roles_in_parent_and_sub_domains_count(base: Builder) -> None:
    base.add(
        {
            "id": "pm.lifts",
            "type": "ResponsibilityDomain",
            "name": {"en": "Lifts"},
            "parent_id": "property_maintenance",
        }
    )
    base.assign("a-rc-lifts", "pm.lifts", "org-rc", "responsible")
    alert = {
        "id": "al",
        "type": "Alert",
        "community_id": "c-1",
        "category": "elevator_entrapment",
        "severity": "high",
        "detected_at": "2026-06-20T09:00:00+08:00",
        "status": "resolved",
        "handled_by_id": "org-rc",
    }
    svc = {
        "id": "svc",
        "type": "Service",
        "name": {"en": "S"},
        "category": "housing_repair",
        "domain_id": "pm.lifts",
        "responsible_id": "org-pm",
    }
    # org-rc is responsible for a sub-domain of the alert's domain; org-pm for the service's parent domain
    assert found(base, COMMUNITY, alert, svc) == []
    fire = dict(alert, id="al-2", category="fire")
    assert found(base, COMMUNITY, fire) == [("SC616", "al-2", "/entities/13/handled_by_id")]


def test_unassigned_requests_are_not_judged(base: Builder) -> None:
    req = {
        "id": "r",
        "type": "ServiceRequest",
        "community_id": "c-1",
        "category": "repair",
        "channel": "app",
        "submitted_at": "2026-06-01T09:00:00+08:00",
        "description": "x",
        "anonymous": True,
        "status": "assigned",
    }
    assert found(base, COMMUNITY, req) == []  # not assigned to anyone
