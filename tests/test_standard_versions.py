"""SCDS 1.1.0 beside 1.0.0: each version's data gets its own version's verdict.

1.1.0 adds footprints, postal addresses, provenance, partial request
histories, statistical codes, bounded pilot targets and extension keys in
a source system's own spelling. Data declaring 1.0.0 is judged by 1.0.0's
models (a 1.1.0-only field is an unknown field, SC106); data declaring
1.1.0 by 1.1.0's. The 1.0.0 schemas stay byte for byte as released.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import smartstd
from smartstd.cli import main
from smartstd.standard import ServiceRequest, models_for, standard_versions

ROOT = Path(__file__).resolve().parents[1]
#: SHA-256 of every file of the released 1.0.0 schemas (computed when 1.0.0 was
#: released; a change to any of them is a change to a published standard).
RELEASED_1_0_0 = Path(__file__).with_name("released-1.0.0.SHA256SUMS")

OFFICE = {
    "id": "org-so",
    "type": "Organization",
    "name": {"zh-CN": "钟村街道办事处"},
    "kind": "street_office",
}
COMMUNITY = {
    "id": "c-1",
    "type": "Community",
    "name": {"zh-CN": "汉溪社区"},
    "division_code": "440113",
    "street_office_id": "org-so",
}
RING = [[113.30, 22.98], [113.31, 22.98], [113.31, 22.99], [113.30, 22.98]]
BUILDING = {
    "id": "b-1",
    "type": "Building",
    "community_id": "c-1",
    "name": {"zh-CN": "1 栋"},
}


def dataset(version: str, *entities: dict[str, Any]) -> dict[str, Any]:
    return {
        "standard": "scds",
        "standard_version": version,
        "dataset_id": "versions",
        "publisher_id": "org-so",
        "generated_at": "2026-06-30T18:00:00+08:00",
        "classification": "internal",
        "entities": [OFFICE, COMMUNITY, *entities],
    }


def check(tmp_path: Path, doc: dict[str, Any]) -> smartstd.Report:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return smartstd.check(str(path))


def codes(report: smartstd.Report) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in report.findings if f.code != "SC704"]


# --------------------------------------------------------------------------- models


def test_both_versions_have_models_and_the_package_speaks_the_latest() -> None:
    assert standard_versions() == ("1.0.0", "1.1.0")
    assert smartstd.STANDARD_VERSION == "1.1.0"
    old, new = models_for("1.0.0"), models_for("1.1.0")
    assert new.Building is smartstd.standard.Building
    assert "footprint" in new.Building.model_fields
    assert "footprint" not in old.Building.model_fields
    assert "provenance" not in old.Community.model_fields
    assert "history" not in old.ServiceRequest.model_fields
    assert "statistical_code" not in old.Grid.model_fields
    assert issubclass(old.Building, new.Building)  # a 1.0.0 Building is a Building
    assert set(old.entity_types) == set(new.entity_types)
    with pytest.raises(KeyError, match=r"1\.0\.0, 1\.1\.0"):
        models_for("0.9.0")


def test_a_1_1_0_field_is_an_unknown_field_in_1_0_0_data(tmp_path: Path) -> None:
    building = {**BUILDING, "footprint": {"type": "Polygon", "coordinates": [RING]}}
    old = check(tmp_path, dataset("1.0.0", building))
    assert old.standard_version == "1.0.0"
    assert codes(old) == [("SC106", "/entities/2/footprint")]
    new = check(tmp_path, dataset("1.1.0", building))
    assert new.standard_version == "1.1.0"
    assert new.findings == ()


def test_extension_keys_in_a_source_spelling_are_1_1_0(tmp_path: Path) -> None:
    building = {**BUILDING, "fiware:streamURL": "https://example.org/s"}
    doc = dataset("1.1.0", building)
    doc["extensions"] = {"fiware": "https://smartdatamodels.org"}
    assert check(tmp_path, doc).findings == ()
    doc["standard_version"] = "1.0.0"
    assert codes(check(tmp_path, doc)) == [("SC106", "/entities/2/fiware:streamURL")]


def test_1_0_0_data_is_told_that_1_1_0_exists(tmp_path: Path) -> None:
    report = check(tmp_path, dataset("1.0.0"))
    [info] = report.findings
    assert info.code == "SC704"
    assert info.params["latest"] == "1.1.0"
    assert "--to 1.1.0" in info.params["command"]
    assert report.is_conformant()


# --------------------------------------------------------------------------- new fields


def test_footprints_postal_addresses_provenance_and_codes_are_checked(tmp_path: Path) -> None:
    good = {
        **BUILDING,
        "footprint": {"type": "MultiPolygon", "coordinates": [[RING], [RING]]},
        "postal_address": {"city": "广州市", "district": "番禺区", "postal_code": "511495"},
        "provenance": {
            "source_system": "fiware",
            "source_id": "urn:ngsi-ld:Building:1",
            "imputed": [{"field": "/community_id", "method": "point_in_polygon"}],
        },
    }
    community = {**COMMUNITY, "statistical_code": "440113005001"}
    doc = dataset("1.1.0", good)
    doc["entities"][1] = community
    assert check(tmp_path, doc).findings == ()

    bad = copy.deepcopy(good)
    bad["postal_address"] = {}
    bad["provenance"]["imputed"][0]["method"] = "guessed"
    open_ring = copy.deepcopy(good)  # valid in shape: the ring check is a rule
    open_ring["id"] = "b-2"
    open_ring["footprint"]["coordinates"][1][0] = [*RING[:3], [113.0, 22.0]]
    doc = dataset("1.1.0", bad, open_ring)
    doc["entities"][1] = {**COMMUNITY, "statistical_code": "44011300500"}
    found = codes(check(tmp_path, doc))
    assert sorted(found) == [
        ("SC103", "/entities/1/statistical_code"),
        ("SC103", "/entities/2/postal_address"),
        ("SC103", "/entities/2/provenance/imputed/0/method"),
        ("SC103", "/entities/3/footprint/coordinates/1/0"),
    ]


@pytest.mark.parametrize(
    ("indicator", "value", "ok"),
    [
        ("on_time_resolution_rate", 0.9, True),
        ("on_time_resolution_rate", 1.01, False),
        ("mean_satisfaction", 4.5, True),
        ("mean_satisfaction", 7, False),
        ("median_response_hours", -1, False),
        ("median_response_hours", 48, True),
    ],
)
def test_pilot_targets_are_bounded_by_their_indicator_unit(
    tmp_path: Path, indicator: str, value: float, ok: bool
) -> None:
    """The range comes from the indicator's unit (1.1.0 code list); SC802 reports a target outside."""
    from smartstd.standard.programme import target_range

    low, high = target_range(indicator) or (None, None)
    assert ok == ((low is None or value >= low) and (high is None or value <= high))
    pilot = {
        "id": "p-1",
        "type": "Pilot",
        "name": {"zh-CN": "试点"},
        "community_ids": ["c-1"],
        "standard_version": "1.1.0",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "targets": [{"indicator": indicator, "comparator": "ge", "value": value}],
    }
    found = codes(check(tmp_path, dataset("1.1.0", pilot)))
    at = ("SC802", "/entities/2/targets/0/value")
    assert (at in found) is not ok, found


def test_indicator_codes_carry_unit_and_direction() -> None:
    from smartstd.standard.codes import CODE_LISTS

    units = CODE_LISTS["indicator_unit"].values
    directions = CODE_LISTS["indicator_direction"].values
    for code in CODE_LISTS["indicator"].codes:
        assert code.fact("unit") in units, code.code
        assert code.fact("direction") in directions, code.code


# --------------------------------------------------------------------------- partial history

CLOSED_IMPORT = {
    "id": "req-1",
    "type": "ServiceRequest",
    "community_id": "c-1",
    "category": "repair",
    "channel": "hotline_12345",
    "submitted_at": "2026-06-01T09:00:00+08:00",
    "status": "closed",
    "events": [{"at": "2026-06-03T10:00:00+08:00", "status": "closed"}],
}


def test_a_partial_history_is_judged_by_what_it_holds(tmp_path: Path) -> None:
    complete = codes(check(tmp_path, dataset("1.1.0", CLOSED_IMPORT)))
    assert {c for c, _ in complete} == {"SC302", "SC306"}
    partial = {**CLOSED_IMPORT, "history": "partial"}
    assert codes(check(tmp_path, dataset("1.1.0", partial))) == []
    # what a partial history holds is still judged: closed -> submitted is never allowed
    wrong = {
        **partial,
        "events": [*partial["events"], {"at": "2026-06-04T10:00:00+08:00", "status": "submitted"}],
    }
    assert ("SC306", "/entities/2/events/1/status") in codes(
        check(tmp_path, dataset("1.1.0", wrong))
    )


def test_history_defaults_to_complete() -> None:
    request = ServiceRequest.model_validate(CLOSED_IMPORT)
    assert request.history == "complete"
    assert "history" not in request.to_json_dict()


# --------------------------------------------------------------------------- published


def _sums(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_the_released_1_0_0_schemas_never_change() -> None:
    """schemas/1.0.0/ (the one committed copy, shipped as package data) is as released."""
    released = dict(
        reversed(line.split("  ", 1)) for line in RELEASED_1_0_0.read_text("utf-8").splitlines()
    )
    assert _sums(ROOT / "schemas" / "1.0.0") == released
    from smartstd.schemas import published_root

    packaged = published_root().joinpath("1.0.0")
    for name, digest in released.items():
        data = packaged.joinpath(name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name


def test_schema_check_checks_both_versions() -> None:
    result = CliRunner().invoke(main, ["schema", "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "schemas/1.0.0" in result.output
    assert "schemas/1.1.0" in result.output


def test_the_latest_version_needs_no_versions_table() -> None:
    """The engine says nothing of data of ``STANDARD_VERSION`` without loading the versions' table.

    That shortcut (``Engine._version_findings``) holds only while the latest
    known version is the standard's own and the table has nothing to say of it.
    """
    from smartstd.standard.dataset import STANDARD_VERSION
    from smartstd.versions import KNOWN_VERSIONS, compare_to_library

    assert KNOWN_VERSIONS[-1] == STANDARD_VERSION
    assert compare_to_library(STANDARD_VERSION) is None
