"""A profile's effective schemas and rule SC702 give core-valid records the same verdict, in 1.1.0 too.

The example profile (gz-panyu) is written for SCDS 1.0.0; here the same
profile is built on 1.1.0, whose footprints may be MultiPolygons. Rule SC702
(:func:`smartstd.profiles.hits.profile_hits`) must find something in a
core-valid record exactly when the profile's effective schema refuses it:
checked with ``jsonschema`` (patterns as ECMA-262) on records one edge away
from valid, and with Ajv on the effective bundle. SC702 did not look at a
MultiPolygon's positions, which the effective schema bounds by the profile's
bounding box.

地方配置的有效模式与规则 SC702 判定一致（含 1.1.0 的多面轮廓）。
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadiff import ROOT, ajv_verdicts, for_version, model_verdict, near
from smartstd.profiles.effective import effective_schemas
from smartstd.profiles.hits import profile_hits
from smartstd.profiles.load import load_profile
from smartstd.profiles.model import ProfileSet
from smartstd.schemas._regex import linear_validator
from smartstd.testing import strategies as scds

VERSION = "1.1.0"
#: The entity types the profile says something about.
TYPES = ("Building", "Facility", "Organization", "ServiceRequest", "Community", "Device")
RING = [[100.0, 10.0], [100.1, 10.0], [100.1, 10.1], [100.0, 10.0]]
INSIDE = [[113.3, 23.0], [113.31, 23.0], [113.31, 23.01], [113.3, 23.0]]


@cache
def _profile(folder: str) -> ProfileSet:
    text = (ROOT / "examples" / "guangzhou-panyu" / "profile.yaml").read_text("utf-8")
    text = text.replace("  standard_version: 1.0.0", f"  standard_version: {VERSION}", 1)
    path = Path(folder) / "profile.yaml"
    path.write_text(text, "utf-8")
    return load_profile(path)


@pytest.fixture(scope="module")
def panyu(tmp_path_factory: pytest.TempPathFactory) -> ProfileSet:
    ps = _profile(str(tmp_path_factory.mktemp("profile")))
    assert ps.standard_version == VERSION
    return ps


_EFFECTIVE: dict[int, dict[str, dict[str, Any]]] = {}


def _effective(ps: ProfileSet) -> dict[str, dict[str, Any]]:
    if id(ps) not in _EFFECTIVE:
        _EFFECTIVE[id(ps)] = effective_schemas(ps)
    return _EFFECTIVE[id(ps)]


def _refused(ps: ProfileSet, record: dict[str, Any]) -> bool:
    schema = _effective(ps)[f"{record['type']}.schema.json"]
    return not linear_validator()(schema).is_valid(record)


def _building(footprint: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "b1",
        "type": "Building",
        "community_id": "c1",
        "name": {"zh-CN": "1 栋"},
        "address": {"zh-CN": "番禺区"},
        "footprint": footprint,
    }


@pytest.mark.parametrize(
    ("footprint", "outside"),
    [
        ({"type": "Polygon", "coordinates": [RING]}, True),
        ({"type": "MultiPolygon", "coordinates": [[RING]]}, True),
        ({"type": "MultiPolygon", "coordinates": [[INSIDE], [RING]]}, True),
        ({"type": "MultiPolygon", "coordinates": [[INSIDE]]}, False),
    ],
)
def test_sc702_bounds_every_footprint_as_the_effective_schema_does(
    panyu: ProfileSet, footprint: dict[str, Any], outside: bool
) -> None:
    record = _building(footprint)
    assert model_verdict(VERSION, record)
    bbox = [h for h in profile_hits(record, panyu) if "coordinates" in h.path]
    assert bool(bbox) is outside
    assert _refused(panyu, record) is outside


def test_ajv_reads_the_effective_schemas_as_sc702_does(panyu: ProfileSet, tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    for name, schema in _effective(panyu).items():
        (folder / name).write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    records = [
        _building({"type": "MultiPolygon", "coordinates": [[RING]]}),
        _building({"type": "MultiPolygon", "coordinates": [[INSIDE]]}),
    ]
    checks = [("Building.schema.json", r) for r in records]
    theirs = ajv_verdicts("profile", checks, tmp_path, folder)
    ours = [not profile_hits(r, panyu) for r in records]
    assert theirs == ours == [False, True]


def _valid(kind: str) -> list[dict[str, Any]]:
    drawn: list[dict[str, Any]] = []

    @settings(max_examples=3, derandomize=True, database=None, deadline=None)
    @given(scds.entity(kind, extensions=False))
    def draw(record: dict[str, Any]) -> None:
        drawn.append(for_version(record, VERSION))

    draw()
    return drawn[:3]


@pytest.fixture(scope="module")
def edge_records() -> st.SearchStrategy[dict[str, Any]]:
    """Records of the profile's types one edge away from valid (drawn outside the test)."""
    bases = [near(r, VERSION) for kind in TYPES for r in _valid(kind)]
    return st.sampled_from(bases).flatmap(lambda records: records)


@settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_sc702_finds_something_exactly_when_the_effective_schema_refuses(
    panyu: ProfileSet, edge_records: st.SearchStrategy[dict[str, Any]], data: st.DataObject
) -> None:
    record = data.draw(edge_records)
    if not model_verdict(VERSION, record):
        return  # the core refuses it: SC702 looks at core-valid records only
    hits = profile_hits(record, panyu)
    assert (hits == []) == (not _refused(panyu, record)), (record, [h.params for h in hits])


def test_sc702_sees_an_extension_key_in_a_sources_spelling(panyu: ProfileSet) -> None:
    """1.1.0 allows ``gz:streamURL``; a key of the profile's prefix it does not declare is SC702."""
    record = {
        "id": "o1",
        "type": "Organization",
        "name": {"en": "x"},
        "kind": "street_office",
        "gz:streamURL": "x",
    }
    assert model_verdict(VERSION, record)
    assert _refused(panyu, record)
    hits = profile_hits(record, panyu)
    assert [(h.path, h.params.get("constraint")) for h in hits] == [
        (("gz:streamURL",), "declared-field")
    ]
