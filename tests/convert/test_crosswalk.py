from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from smartstd.errors import ConfigError
from smartstd.interchange import convert
from smartstd.interchange.crosswalk import default_crosswalk, load_crosswalk, meta_schema


def test_the_meta_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(meta_schema())


def test_the_shipped_defaults_are_valid_and_cover_every_table_the_converters_use() -> None:
    cw = default_crosswalk()
    from smartstd.interchange.crosswalk import _LIST_OF

    assert set(_LIST_OF) <= set(cw.tables)
    assert cw.timezone == "+08:00"
    assert cw.table("fiware.alert_severity").lookup("informational", "fiware").code == "info"
    assert cw.table("open311.status").source_value("closed") == "closed"


def _write(tmp_path: Path, body: object) -> Path:
    path = tmp_path / "cw.yaml"
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"crosswalk": 1, "name": "x"}, "#/"),
        (
            {"crosswalk": 1, "name": "x", "tables": {"open311.status": {"list": "request_status"}}},
            "#/tables/open311.status",
        ),
        (
            {
                "crosswalk": 1,
                "name": "x",
                "tables": {"open311.status": {"list": "nope", "map": {}}},
            },
            "#/tables/open311.status/list",
        ),
        (
            {
                "crosswalk": 1,
                "name": "x",
                "tables": {"open311.status": {"list": "request_status", "map": {"open": "opened"}}},
            },
            "#/tables/open311.status/map/open",
        ),
        ({"crosswalk": 1, "name": "x", "timezone": "CST", "tables": {}}, "#/timezone"),
    ],
)
def test_a_bad_crosswalk_says_where(tmp_path: Path, body: object, where: str) -> None:
    with pytest.raises(ConfigError, match=f"cw.yaml{where}"):
        load_crosswalk(_write(tmp_path, body))


def test_unreadable_crosswalks(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such crosswalk"):
        load_crosswalk(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml:\d+:\d+"):
        load_crosswalk(bad)


def test_a_district_crosswalk_changes_the_mapping(tmp_path: Path) -> None:
    body = {
        "crosswalk": 1,
        "name": "panyu",
        "timezone": "+08:00",
        "defaults": {"open311.channel": "wechat"},
        "tables": {
            "open311.service_code": {"list": "request_category", "map": {"006": "safety_hazard"}}
        },
    }
    src = tmp_path / "r.json"
    src.write_text(
        json.dumps(
            [
                {
                    "service_request_id": "1",
                    "status": "open",
                    "service_code": "006",
                    "requested_datetime": "2026-05-01T09:00:00+08:00",
                }
            ]
        ),
        encoding="utf-8",
    )
    conv = convert(src, "open311-json", crosswalk=_write(tmp_path, body), community_id="c1")
    rec = conv.records[0]
    assert rec["category"] == "safety_hazard" and rec["channel"] == "wechat"
    assert conv.report()["crosswalk"] == "panyu"
