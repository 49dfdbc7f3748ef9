"""The SC6xx rules inside the conformance engine: level L3, usage facts, assertions, merging."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from graphdata import ENVELOPE, ON, Builder

from smartstd.conformance.engine import check
from smartstd.conformance.rule import Context, Where
from smartstd.graph import check_charter
from smartstd.report import Level
from smartstd.rules.sc6.checks import GovernanceRule
from smartstd.standard.dataset import entity_adapter

COMMUNITY = {
    "id": "c-1",
    "type": "Community",
    "name": {"zh-CN": "汉溪社区"},
    "division_code": "440113",
    "street_office_id": "org-so",
}


def request(
    rid: str, category: str, org: str, submitted: str = "2026-06-01T09:00:00+08:00"
) -> dict[str, Any]:
    return {
        "id": rid,
        "type": "ServiceRequest",
        "community_id": "c-1",
        "category": category,
        "channel": "app",
        "submitted_at": submitted,
        "description": "x",
        "anonymous": True,
        "status": "assigned",
        "assigned_to_id": org,
    }


def sc6(report: Any) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in report.findings if f.code.startswith("SC6")]


def test_l3_needs_a_charter_without_sc6_errors(base: Builder, tmp_path: Path) -> None:
    folder = base.write(tmp_path / "ok")
    report = check([str(folder)], level="L3")
    assert report.findings == ()
    assert report.charter_present
    assert report.level is Level.L3
    no_charter = tmp_path / "plain.json"
    no_charter.write_text(json.dumps({**ENVELOPE, "entities": base.entities[:3]}), "utf-8")
    report = check([str(no_charter)], level="L3")
    assert report.findings == ()
    assert not report.charter_present
    assert report.level is Level.L2
    broken = Builder().remove("a-so").write(tmp_path / "broken")
    report = check([str(broken)], level="L3")
    assert sc6(report) == [("SC601", "/entities/0/domain_id")]
    assert report.level is Level.L2
    assert not report.is_conformant()


def test_warnings_do_not_lower_the_level(base: Builder, tmp_path: Path) -> None:
    base.add({"id": "org-x", "type": "Organization", "name": {"en": "X"}, "kind": "enterprise"})
    report = check([str(base.write(tmp_path / "w"))], level="L3")
    assert [f.code for f in report.findings] == ["SC615"]
    assert report.level is Level.L3


def test_l2_does_not_run_sc6(tmp_path: Path) -> None:
    folder = Builder().remove("a-so").write(tmp_path / "b")
    assert check([str(folder)], level="L2").findings == ()


def test_engine_and_api_agree(base: Builder, tmp_path: Path) -> None:
    base.remove("a-pm").grant("g-c", "org-rc", delegated_from_id="g-c")
    folder = base.write(tmp_path / "x")
    engine = sorted(f.code for f in check([str(folder)], level="L3").findings)
    api = sorted(f.code for f in check_charter(base.entities, on=ON))
    assert engine == api == ["SC603", "SC605"]


def test_requests_devices_alerts_and_services_cross_the_charter(
    base: Builder, tmp_path: Path
) -> None:
    base.set("a-pm", valid_until="2026-05-31")
    base.assign("a-pm-2", "property_maintenance", "org-pm", "responsible", valid_from="2026-06-15")
    data = [
        COMMUNITY,
        request("req-ok", "repair", "org-pm", "2026-05-10T09:00:00+08:00"),
        request(
            "req-gap", "repair", "org-pm", "2026-06-05T09:00:00+08:00"
        ),  # between the two: the first expired
        request("req-rc", "repair", "org-rc"),  # only consulted
        request("req-unmapped", "praise", "org-so"),  # feedback_handling: nobody's
        {
            "id": "dev-cam",
            "type": "Device",
            "community_id": "c-1",
            "kind": "cctv_camera",
            "operator_id": "org-pm",
            "status": "active",
            "captures_personal_data": True,
            "data_category_ids": ["cat-contact"],
        },
        {
            "id": "al-1",
            "type": "Alert",
            "community_id": "c-1",
            "category": "flood",
            "severity": "low",
            "detected_at": "2026-06-20T09:00:00+08:00",
            "status": "resolved",
            "handled_by_id": "org-pm",
        },
        {
            "id": "svc-1",
            "type": "Service",
            "name": {"en": "Repairs"},
            "category": "housing_repair",
            "provider_id": "org-so",
            "responsible_id": "org-pm",
        },
    ]
    folder = base.write(tmp_path / "d", data)
    report = check([str(folder)], level="L3", select=["SC6"])
    found = sc6(report)
    idx = {e["id"]: i for i, e in enumerate(base.entities[:3] + data)}
    assert ("SC610", f"/entities/{idx['req-gap']}/assigned_to_id") in found
    assert ("SC616", f"/entities/{idx['req-rc']}/assigned_to_id") in found
    assert ("SC616", f"/entities/{idx['req-unmapped']}/assigned_to_id") in found
    # the camera's operator is responsible for property maintenance, not public safety,
    # and has its grant
    assert ("SC616", f"/entities/{idx['dev-cam']}/operator_id") in found
    assert ("SC616", f"/entities/{idx['dev-cam']}/data_category_ids/0") not in found
    # the street office provides under agreement agr-pm, which covers property maintenance
    assert not [p for _c, p in found if p.startswith(f"/entities/{idx['svc-1']}/")]
    assert not [p for _c, p in found if p.startswith(f"/entities/{idx['al-1']}/")]
    assert not [p for _c, p in found if p.startswith(f"/entities/{idx['req-ok']}/")]
    gap = next(f for f in report.findings if f.code == "SC610")
    assert gap.params["expired"] == "a-pm"
    assert gap.params["used_on"] == "2026-06-05"
    assert gap.entity_id == "req-gap"
    assert gap.line is not None
    assert gap.file is not None
    assert gap.file.endswith("dataset.json")


def test_ndjson_records_are_placed_by_line(base: Builder, tmp_path: Path) -> None:
    folder = base.write(tmp_path / "n")
    (folder / "dataset.json").unlink()
    lines = [json.dumps(ENVELOPE)] + [
        json.dumps(e)
        for e in [*base.entities[:3], COMMUNITY, request("req-rc", "repair", "org-rc")]
    ]
    (folder / "data.ndjson").write_text("\n".join(lines) + "\n", "utf-8")
    report = check([str(folder)], level="L3", select=["SC6"])
    (f,) = report.findings
    assert (f.code, f.line, f.entity_id, f.pointer) == ("SC616", 6, "req-rc", "/assigned_to_id")


def test_assertions_in_the_charter_file_run_at_l3(base: Builder, tmp_path: Path) -> None:
    folder = base.write(tmp_path / "a")
    charter = folder / "charter.yaml"
    charter.write_text(
        charter.read_text("utf-8")
        + "assertions:\n- name: rc-never-reads\n"
        + "  never: {organization: org-rc, category: cat-contact}\n"
        + "- name: pm-writes\n"
        + "  may: {organization: org-pm, action: write, category: cat-contact}\n",
        "utf-8",
    )
    report = check([str(folder)], level="L3")
    (f,) = report.findings
    assert (f.code, f.pointer, f.entity_id) == ("SC617", "/assertions/1", "pm-writes")
    assert f.file is not None
    assert f.file.endswith("charter.yaml")
    assert f.line is not None


def test_a_malformed_assertion_does_not_break_the_check(base: Builder, tmp_path: Path) -> None:
    folder = base.write(tmp_path / "m")
    charter = folder / "charter.yaml"
    charter.write_text(charter.read_text("utf-8") + "assertions:\n- name: broken\n", "utf-8")
    assert check([str(folder)], level="L3").findings == ()


def test_states_merge_like_one(base: Builder) -> None:
    rule = GovernanceRule()
    ctx = Context(now=None)
    ents = [
        entity_adapter().validate_python(e)
        for e in [
            *base.entities,
            COMMUNITY,
            request("req-rc", "repair", "org-rc"),
            request("req-so", "repair", "org-so"),
        ]
    ]
    ents = [e for e in ents if e.type in rule.types]

    def collect(items: list[Any], offset: int, file: str) -> Any:
        state = rule.new_state()
        for i, e in enumerate(items):
            list(
                rule.collect(
                    state, e, Where(file, None, ("entities", offset + i), e.type, e.id), ctx
                )
            )
        return state

    one = collect(ents, 0, "a.json")
    half = len(ents) // 2
    merged = rule.merge(collect(ents[:half], 0, "a.json"), collect(ents[half:], half, "b.json"))
    a = sorted((h.code, h.where.entity_id if h.where else None) for h in rule.finish(one, ctx))
    b = sorted((h.code, h.where.entity_id if h.where else None) for h in rule.finish(merged, ctx))
    assert a == b
    assert ("SC616", "req-rc") in a
    files = {
        h.where.file
        for h in rule.finish(merged, ctx)
        if h.where is not None and h.where.entity_type == "ServiceRequest"
    }
    assert files == {"b.json"}


SC6_CASES = Path(__file__).parents[2] / "src" / "smartstd" / "rules" / "sc6" / "cases" / "invalid"


@pytest.mark.parametrize("case", sorted(p.name for p in SC6_CASES.glob("SC6*")))
def test_every_sc6_case_checks_at_l3(case: str) -> None:
    import yaml

    spec = yaml.safe_load((SC6_CASES / case / "expected.yaml").read_text("utf-8"))
    assert spec["level"] == "L3"
