"""A waiver waives one planted defect, and only that one, in every way the data is written.

A grader plants two unmasked mobile numbers in two residents and waives one.
In an NDJSON file each record's pointers start at the record: both findings
are at ``/phone``, so a waiver naming the pointer (and the file) waived both,
hiding the defect it was not written for; so did a pointer without a file
when two JSON documents had a finding at the same place. Such a waiver now
waives none and says why (SC902, problem ``ambiguous``); a waiver naming the
entity, or a pointer one record has, waives that record's finding alone.

豁免只豁免一条记录的结果：NDJSON 中只写指针的豁免会匹配所有记录，现在一个也不豁免并报告 SC902（ambiguous）。
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import smartstd
from smartstd.cli import main
from smartstd.conformance.waivers import load_waivers
from smartstd.report import Report

_ENVELOPE = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "ds-w",
    "publisher_id": "org-1",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
}
_ORG = {"id": "org-1", "type": "Organization", "name": {"zh-CN": "某街道"}, "kind": "street_office"}
TODAY = dt.date(2026, 7, 1)


def _residents(*ids: str) -> list[dict[str, Any]]:
    return [
        {"id": r, "type": "Resident", "birth_year": 1980, "phone": f"1381234{n:04d}"}
        for n, r in enumerate(ids)
    ]


def _ndjson(path: Path, records: list[dict[str, Any]]) -> str:
    lines = [json.dumps(r, ensure_ascii=False) for r in (_ENVELOPE, *records)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return str(path)


def _document(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text(json.dumps({**_ENVELOPE, "entities": records}, ensure_ascii=False), "utf-8")
    return str(path)


def _waivers(tmp_path: Path, **target: str) -> Path:
    lines = ["waivers:", "  - code: SC402"]
    lines += [f"    {k}: {v}" for k, v in target.items()]
    lines += ["    reason: 已告知住户 / residents told", "    expires: 2099-12-31"]
    path = tmp_path / "waivers.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _check(files: list[str], waivers: Path) -> Report:
    return smartstd.check(
        files, waivers=tuple(load_waivers(waivers)), today=TODAY, select=["SC4", "SC9"]
    )


def _sc402(report: Report) -> list[str | None]:
    return sorted(f.entity_id for f in report.findings if f.code == "SC402")


@pytest.mark.parametrize("with_file", [True, False])
def test_a_pointer_in_ndjson_names_every_record_and_waives_none(
    with_file: bool, tmp_path: Path
) -> None:
    data = _ndjson(tmp_path / "d.ndjson", [_ORG, *_residents("res-1", "res-2", "res-3")])
    target = {"pointer": "/phone", **({"file": "d.ndjson"} if with_file else {})}
    report = _check([data], _waivers(tmp_path, **target))
    assert _sc402(report) == ["res-1", "res-2", "res-3"]  # the old code waived all three
    assert not report.waived
    [note] = [f for f in report.findings if f.code == "SC902"]
    assert note.params["problem"] == "ambiguous" and note.params["records"] == 3
    assert note.params["reason"] == "已告知住户 / residents told"  # the waiver's own reason
    assert "names findings of 3 records" in note.message("en")
    assert "add entity_id" in note.message("en")
    assert "在 3 条记录中都有结果" in note.message("zh-CN")
    assert note.line == 2  # the waiver in its file


def test_the_entity_id_waives_that_records_finding_alone(tmp_path: Path) -> None:
    data = _ndjson(tmp_path / "d.ndjson", [_ORG, *_residents("res-1", "res-2")])
    report = _check([data], _waivers(tmp_path, entity_id="res-2"))
    assert _sc402(report) == ["res-1"]
    assert [f.entity_id for f in report.waived] == ["res-2"]
    assert not [f for f in report.findings if f.code == "SC902"]


def test_a_pointer_one_record_has_waives_it_alone(tmp_path: Path) -> None:
    """In an NDJSON file, a pointer only one record has a finding at is one record's."""
    residents = _residents("res-1", "res-2")
    residents[1]["x:mobile"] = residents[1].pop("phone")
    envelope = {**_ENVELOPE, "extensions": {"x": "https://example.org/x"}}
    path = tmp_path / "d.ndjson"
    lines = [json.dumps(r, ensure_ascii=False) for r in (envelope, _ORG, *residents)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = _check([str(path)], _waivers(tmp_path, pointer="/x:mobile"))
    assert _sc402(report) == ["res-1"]
    assert [f.entity_id for f in report.waived] == ["res-2"]


def test_a_pointer_in_two_documents_needs_the_file(tmp_path: Path) -> None:
    first = _document(tmp_path / "a.json", [_ORG, *_residents("res-1")])
    second = _document(tmp_path / "b.json", _residents("res-2"))
    second_pointer = "/entities/0/phone"
    # res-1 is at /entities/1 of a.json: only b.json has a finding at this pointer
    one = _check([first, second], _waivers(tmp_path, pointer=second_pointer))
    assert _sc402(one) == ["res-1"] and [f.entity_id for f in one.waived] == ["res-2"]
    third = _document(tmp_path / "c.json", _residents("res-3"))
    both = _check([first, second, third], _waivers(tmp_path, pointer=second_pointer))
    assert _sc402(both) == ["res-1", "res-2", "res-3"]
    [note] = [f for f in both.findings if f.code == "SC902"]
    assert note.params["records"] == 2
    named = _check(
        [first, second, third], _waivers(tmp_path, pointer=second_pointer, file="c.json")
    )
    assert _sc402(named) == ["res-1", "res-2"] and [f.entity_id for f in named.waived] == ["res-3"]


def test_the_command_line_says_the_same(tmp_path: Path) -> None:
    data = _ndjson(tmp_path / "d.ndjson", [_ORG, *_residents("res-1", "res-2")])
    waivers = _waivers(tmp_path, pointer="/phone", file="d.ndjson")
    args = ["check", data, "--waivers", str(waivers), "--format", "json", "--select", "SC4,SC9"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert sorted(f["entity_id"] for f in report["findings"] if f["code"] == "SC402") == [
        "res-1",
        "res-2",
    ]
    [note] = [f for f in report["findings"] if f["code"] == "SC902"]
    assert note["params"]["problem"] == "ambiguous"
    text = CliRunner().invoke(main, [*args[:4], "--lang", "zh-CN", "--select", "SC4,SC9"])
    assert "一条豁免只豁免一条记录的结果" in text.output
