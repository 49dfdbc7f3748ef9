"""Planted defects the other paths found missing: a request from the future, an X on its own.

A grader plants "a date in the future" in a service request: a submission
time, the last event or the answer after the dataset's ``generated_at``, in a
file of the standard or in an Open311 export or a spreadsheet converted to
one. Before this module only an alert's times were compared with
``generated_at`` (SC406); a request dated years after the dataset was made
passed every check, through ``check`` and through ``convert --check``. Now it
is SC301 (reason ``after-generated-at``), once per request, at the planted
time; a submission time in the future is the one wrong time, so the events
before it are not reported as earlier than it.

People who group an identity number write its check character as a group of
its own (``440113 19850312 102 x``, ``44011319850312102-X``). The scanner
took the X only when it touched the digits: such a number was no identity
number, and eleven of its digits (``19850312 102``, a birth date and a
sequence number) were reported as a mobile number (SC402 instead of SC401).

What else a record says happened (an observation, a service delivered, a
needs assessment, a device's last contact, a consent, a birth year ...) had no
rule at all; it is now SC207 (``time-after-generation``), also when an NGSI
``dateObserved`` from the future is converted.

埋点缺陷：诉求时间晚于数据集生成时间（SC301），其他记录的时间晚于生成时间（SC207）；身份证号校验位 X 与数字之间有分隔符时仍须识别为身份证号，
且不得误报为手机号。
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import smartstd
import test_planted_defects as planted
from smartstd.cli import main
from smartstd.identifiers import id_number_check_digit
from smartstd.report import Finding
from smartstd.scanner import redact, scan

# --------------------------------------------------------------------------- SC301: after generated_at


def _after(c: planted.Copy, **delta: float) -> str:
    return planted._shift(c.envelope["generated_at"], **delta)


def _submitted_in_the_future(c: planted.Copy) -> list[planted.E]:
    req = planted._closed(c)
    req["submitted_at"] = _after(c, days=400)  # a wrong year: the events stay where they were
    return [planted.E("SC301", req["id"], ("submitted_at",))]


def _last_event_in_the_future(c: planted.Copy) -> list[planted.E]:
    req = planted._closed(c)
    req["events"][-1]["at"] = _after(c, hours=3)
    return [planted.E("SC301", req["id"], ("events", len(req["events"]) - 1, "at"))]


def _answer_in_the_future(c: planted.Copy) -> list[planted.E]:
    req = planted._closed(c)
    req["response"]["at"] = _after(c, minutes=30)
    return [planted.E("SC301", req["id"], ("response", "at"))]


def _whole_request_in_the_future(c: planted.Copy) -> list[planted.E]:
    req = planted._closed(c)
    made = dt.datetime.fromisoformat(c.envelope["generated_at"])
    # a day after the dataset was made (further, the charter's assignments would have expired)
    days = (made - dt.datetime.fromisoformat(req["submitted_at"])).days + 1
    req["submitted_at"] = planted._shift(req["submitted_at"], days=days)
    for ev in req["events"]:
        ev["at"] = planted._shift(ev["at"], days=days)
    req["response"]["at"] = planted._shift(req["response"]["at"], days=days)
    return [planted.E("SC301", req["id"], ("submitted_at",))]


_PLANTS = {
    "submitted": _submitted_in_the_future,
    "last-event": _last_event_in_the_future,
    "answer": _answer_in_the_future,
    "whole-request": _whole_request_in_the_future,
}


@pytest.mark.parametrize("fmt", ["json", "ndjson", "yaml"])
@pytest.mark.parametrize("name", sorted(_PLANTS))
def test_a_request_time_after_the_dataset_was_made_is_found_where_planted(
    name: str, fmt: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The planted-defects harness: the planted code, entity, pointer, line; nothing else."""
    v = planted.Variant("SC301", f"future-{name}", fmt, _PLANTS[name])
    planted.test_planted_defect(v, tmp_path, tmp_path_factory)


def test_the_message_says_which_time_and_generated_at(tmp_path: Path) -> None:
    c = planted.Copy.fresh()
    _submitted_in_the_future(c)
    files = c.write(tmp_path, "ndjson")
    [f] = [f for f in smartstd.check(files).findings if f.code == "SC301"]
    assert f.params["reason"] == "after-generated-at"
    assert f.params["later"] == "generated_at"
    assert f.params["later_at"] == c.envelope["generated_at"]
    assert "later than the dataset's generated_at" in f.message("en")
    assert "晚于数据集的生成时间 generated_at" in f.message("zh-CN")
    assert f.params["at"] in f.message("zh-CN")


def test_without_generated_at_the_events_are_compared_with_the_submission(tmp_path: Path) -> None:
    """No ``generated_at``, no now: the events are then earlier than the submission, as before."""
    c = planted.Copy.fresh()
    _submitted_in_the_future(c)
    files = c.write(tmp_path, "ndjson")
    lines = Path(files[0]).read_text("utf-8").splitlines()
    envelope = json.loads(lines[0])
    del envelope["generated_at"]
    lines[0] = json.dumps(envelope, ensure_ascii=False)
    Path(files[0]).write_text("\n".join(lines) + "\n", "utf-8")
    found = [f for f in smartstd.check(files).findings if f.code == "SC301"]
    assert found and all(f.params["earlier"] == "submitted_at" for f in found)
    assert all(f.path[0] == "events" or f.path[0] == "response" for f in found)


def _convert_lines(source: Path, fmt: str, tmp_path: Path, *more: str) -> list[str]:
    args = ["convert", "--lang", "en", "--from", fmt, "--check", "--level", "L2"]
    args += ["-o", str(tmp_path / "o.ndjson"), "--community-id", "c1", *more, str(source)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return result.output.splitlines()


def test_an_open311_request_from_the_future_points_at_its_source(tmp_path: Path) -> None:
    base = {
        "status": "open",
        "service_code": "006",
        "description": "路灯坏了",
        "requested_datetime": "2026-03-01T09:00:00+08:00",
    }
    requests = [
        {**base, "service_request_id": "1001"},
        {**base, "service_request_id": "1002", "requested_datetime": "2099-03-01T09:00:00+08:00"},
        {**base, "service_request_id": "1003"},
    ]
    source = tmp_path / "requests.json"
    source.write_text(json.dumps(requests, ensure_ascii=False), "utf-8")
    found = [line for line in _convert_lines(source, "open311-json", tmp_path) if " SC301 " in line]
    assert len(found) == 1, found
    assert found[0].startswith("requests.json#/1/requested_datetime: error SC301 "), found
    assert "2099-03-01T09:00:00+08:00" in found[0]


def test_a_spreadsheet_request_from_the_future_names_its_cell(tmp_path: Path) -> None:
    source = tmp_path / "requests.csv"
    with source.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "submitted_at", "category", "channel", "status", "community_id"])
        for i, year in enumerate((2026, 2026, 2099)):
            row = [f"r{i}", f"{year}-03-01T09:00:00+08:00", "repair", "app", "submitted", "c1"]
            w.writerow(row)
    lines = _convert_lines(source, "csv", tmp_path, "--type", "ServiceRequest")
    found = [line.split(":")[0] for line in lines if " SC301 " in line]
    assert found == ["requests!B4"], lines


# --------------------------------------------------------------------------- an X on its own


def _id_with_x() -> str:
    """An identity number whose check character is X (Panyu, born 1985-03-12)."""
    for n in range(1000):
        base = f"44011319850312{n:03d}"
        if id_number_check_digit(base) == "X":
            return base + "X"
    raise AssertionError("no such number")


IDX = _id_with_x()
#: ways people write it, the X apart from the digits
X_APART = [
    f"{IDX[:6]} {IDX[6:14]} {IDX[14:17]} X",
    f"{IDX[:6]} {IDX[6:14]} {IDX[14:17]} x",
    f"{IDX[:6]}-{IDX[6:14]}-{IDX[14:17]}-x",
    f"{IDX[:17]} X",
    f"{IDX[:17]}-x",
    f"{IDX[:17]}(X)",
    " ".join(IDX[i : i + 4] for i in range(0, 17, 4)) + " x",  # 4401 1319 8503 1210 2 x
    f"{IDX[:17]}\u3000ｘ",  # an ideographic space and a full-width x
    f"{IDX[:17]}\u200b X",  # a zero-width space too
]


@pytest.mark.parametrize("written", X_APART)
def test_an_x_written_apart_is_the_check_character(written: str) -> None:
    text = f"身份证号：{written}。"
    [m] = scan(text)
    assert (m.kind, m.value) == ("id-number", IDX)
    assert text[m.start : m.end].startswith(IDX[:4]) and text[m.end - 1] in "Xxｘ"
    assert IDX[:6] + "****" + IDX[-4:] in redact(text)
    assert IDX[6:14] not in redact(text)


@pytest.mark.parametrize(
    "text",
    ["电话 13812345678 x", "13812345678 X先生", "138 1234 5678 x", "尺寸 12345678901 x 2"],
)
def test_an_x_after_what_is_no_identity_number_changes_nothing(text: str) -> None:
    before = [(m.kind, m.value) for m in scan(text.replace("x", "").replace("X", ""))]
    assert [(m.kind, m.value) for m in scan(text)] == before


_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "ds-x",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
}
_RECORDS: list[dict[str, Any]] = [
    {"id": "org-1", "type": "Organization", "name": {"zh-CN": "某街道"}, "kind": "street_office"},
    {"id": "c-1", "type": "Community", "name": {"zh-CN": "社区"}, "division_code": "440113"},
]


@pytest.mark.parametrize("fmt", ["ndjson", "json"])
@pytest.mark.parametrize("written", X_APART[:3])
def test_an_x_apart_in_a_field_is_sc401_not_sc402(fmt: str, written: str, tmp_path: Path) -> None:
    request = {
        "id": "req-1",
        "type": "ServiceRequest",
        "community_id": "c-1",
        "category": "repair",
        "channel": "app",
        "status": "submitted",
        "submitted_at": "2026-06-30T10:00:00+08:00",
        "description": f"联系人身份证 {written}",
    }
    resident = {"id": "res-1", "type": "Resident", "birth_year": 1985, "phone": written}
    records = [*_RECORDS, request, resident]
    path = tmp_path / f"d.{fmt}"
    if fmt == "ndjson":
        lines = [json.dumps(r, ensure_ascii=False) for r in (_ENVELOPE, *records)]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        where = ["/description", "/phone"]
    else:
        path.write_text(json.dumps({**_ENVELOPE, "entities": records}, ensure_ascii=False), "utf-8")
        where = ["/entities/2/description", "/entities/3/phone"]
    findings: list[Finding] = [
        f for f in smartstd.check(str(path), select=["SC4"]).findings if f.code != "SC403"
    ]
    assert sorted((f.code, f.pointer) for f in findings) == [("SC401", p) for p in where]
    for f in findings:
        assert f"{IDX[:6]}****{IDX[-4:]}" in f.message("en"), f.message("en")


def test_the_variants_run_through_the_harness_unchanged() -> None:
    """This module's plants keep the harness's own shape (a guard on the import above)."""
    v = planted.Variant("SC301", "future-submitted", "json", _submitted_in_the_future)
    assert dataclasses.replace(v, fmt="yaml").id == "SC301-future-submitted-yaml"


def test_a_request_from_the_future_is_found_the_same_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--jobs 2``: the byte ranges' workers know ``generated_at`` as the one process does."""
    from smartstd.conformance import engine

    monkeypatch.setattr(engine, "_MIN_SPLIT_BYTES", 0)
    c = planted.Copy.fresh()
    _submitted_in_the_future(c)
    _last_event_in_the_future(c)  # the same request: its submission is the one reported
    later = [r for r in c.entities if r["type"] == "ServiceRequest"][-1]
    later["events"][-1]["at"] = _after(c, days=2)
    files = c.write(tmp_path, "ndjson")

    def found(jobs: int) -> list[tuple[str, str | None, str, int | None, int | None]]:
        report = smartstd.check(files, jobs=jobs)
        return [
            (f.code, f.entity_id, f.pointer, f.line, f.column)
            for f in report.findings
            if f.code == "SC301"
        ]

    one = found(1)
    assert [(code, pointer) for code, _, pointer, _, _ in one] == [
        ("SC301", "/submitted_at"),
        ("SC301", f"/events/{len(later['events']) - 1}/at"),
    ]
    assert found(2) == one


def test_an_ngsi_observation_from_the_future_points_at_date_observed(tmp_path: Path) -> None:
    entity = {
        "id": "urn:ngsi-ld:AirQualityObserved:1",
        "type": "AirQualityObserved",
        "dateObserved": "2099-01-01T00:00:00Z",
        "location": {"type": "Point", "coordinates": [113.36, 22.94]},
        "temperature": 12.2,
    }
    source = tmp_path / "aq.json"
    source.write_text(json.dumps([entity]), "utf-8")
    lines = _convert_lines(source, "ngsi-v2", tmp_path)
    found = [line for line in lines if " SC207 " in line]
    assert found and all(
        line.startswith("aq.json#/0/dateObserved: error SC207 observed_at is 2099-01-01")
        for line in found
    ), lines


@pytest.mark.parametrize("jobs", [1, 2])
def test_times_after_generation_in_other_records(
    jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SC207 on each planted time (dates and years too), the same in worker processes."""
    from smartstd.conformance import engine

    monkeypatch.setattr(engine, "_MIN_SPLIT_BYTES", 0)
    c = planted.Copy.fresh()
    made = dt.datetime.fromisoformat(c.envelope["generated_at"])
    device = c.first("Device", lambda e: e.get("last_seen_at"))
    device["last_seen_at"] = _after(c, minutes=5)
    household = c.first("Household")
    household["moved_in_on"] = (made.date() + dt.timedelta(days=1)).isoformat()
    resident = c.first("Resident")
    resident["birth_year"] = made.year + 1
    record = c.first("ServiceRecord")
    record["delivered_at"] = _after(c, days=-1)  # before: quiet
    files = c.write(tmp_path, "ndjson")
    found = sorted(
        (f.entity_id, f.pointer)
        for f in smartstd.check(files, jobs=jobs).findings
        if f.code == "SC207"
    )
    assert found == sorted(
        [
            (device["id"], "/last_seen_at"),
            (household["id"], "/moved_in_on"),
            (resident["id"], "/birth_year"),
        ]
    )
