"""The SCDS 1.1.0 release end to end: diff, migration both ways, the example in both versions.

* ``schema diff schemas/1.0.0 schemas/1.1.0`` exits 0, says minor, and lists
  every addition; a breaking change would fail it;
* generated 1.0.0 datasets migrate to 1.1.0 without loss, are valid 1.1.0,
  and migrate back to the same bytes;
* ``--to 1.0.0`` of 1.1.0 data lists exactly what cannot be carried down and
  writes nothing unless the loss is accepted;
* the example community is 1.1.0 and conformant; its 1.0.0 copy is
  conformant under 1.0.0; through the CLI and the Python API.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

import smartstd
from smartstd.cli import main
from smartstd.compat import diff_bundles, load_bundle
from smartstd.migrate import builtin_steps, migrate, migrate_document, step_to_data
from smartstd.schemas import validator_for
from smartstd.standard import models_for
from smartstd.testing import strategies as scds

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "guangzhou-panyu"
EXAMPLE_1_0_0 = Path(__file__).parent / "data" / "guangzhou-panyu-1.0.0"


def _bytes(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


# --------------------------------------------------------------------------- schema diff


def test_schema_diff_of_the_two_releases_is_minor_and_lists_every_addition() -> None:
    result = CliRunner().invoke(
        main, ["schema", "diff", "schemas/1.0.0", "schemas/1.1.0"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "actual: minor" in result.output
    added = {
        "Building.footprint",
        "Building.postal_address",
        "Facility.footprint",
        "Facility.postal_address",
        "Community.postal_address",
        "Community.statistical_code",
        "Grid.statistical_code",
        "Organization.postal_address",
        "ServiceRequest.history",
    }
    for name in added:
        assert f"field added {name} " in result.output, name
    entity_types = models_for("1.1.0").entity_types
    for type_name in entity_types:
        assert f"field added {type_name}.provenance " in result.output, type_name
    # the wider extension keys open objects; nothing closes
    assert "object opened Building patternProperties" in result.output
    assert "BREAKS, forward ok" not in result.output


def test_the_same_diff_fails_for_a_breaking_change(tmp_path: Path) -> None:
    broken = tmp_path / "1.1.0"
    broken.mkdir()
    for path in (ROOT / "schemas" / "1.1.0").iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    building = json.loads((broken / "Building.schema.json").read_text("utf-8"))
    building["required"].append("footprint")  # old buildings have none: breaking
    (broken / "Building.schema.json").write_text(json.dumps(building), encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "diff", "schemas/1.0.0", str(broken)])
    assert result.exit_code == 1, result.output
    assert "major" in result.output
    diff = diff_bundles(load_bundle("schemas/1.0.0"), load_bundle(str(broken)))
    assert any(not c.backward for c in diff.changes)


# --------------------------------------------------------------------------- migration


@settings(max_examples=15)
@given(scds.dataset(standard_version="1.0.0", max_entities=6))
def test_1_0_0_data_goes_up_and_comes_back_byte_for_byte(doc: dict[str, Any]) -> None:
    up = migrate_document(doc, "1.1.0")
    assert up.ok and up.losses == ()
    assert up.document is not None and up.document["standard_version"] == "1.1.0"
    models_for("1.1.0").dataset.model_validate(up.document)
    errors = list(validator_for("dataset", "1.1.0").iter_errors(up.document))
    assert errors == []
    down = migrate_document(up.document, "1.0.0")
    assert down.ok and down.losses == ()
    assert _bytes(down.document) == _bytes(doc)


@settings(max_examples=3)
@given(scds.dataset(standard_version="1.0.0", min_entities=1, max_entities=4))
def test_migrated_1_0_0_files_check_as_1_1_0(doc: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src, out, back = (Path(tmp) / n for n in ("in.json", "up.json", "back.json"))
        src.write_bytes(_bytes(doc) + b"\n")
        assert migrate(src, "1.1.0", out).ok
        structural = ["SC103", "SC104", "SC106", "SC108"]
        report = smartstd.check(str(out), select=structural)
        assert report.standard_version == "1.1.0"
        assert report.findings == ()
        assert migrate(out, "1.0.0", back).ok
        assert back.read_bytes() == src.read_bytes()


ADDED_1_1_0 = {
    "id": "b-1",
    "type": "Building",
    "community_id": "c-1",
    "name": {"zh-CN": "1 栋"},
    "footprint": {
        "type": "Polygon",
        "coordinates": [[[113.3, 22.9], [113.4, 22.9], [113.4, 23.0], [113.3, 22.9]]],
    },
    "postal_address": {"city": "广州市"},
    "provenance": {"source_system": "fiware"},
    "fiware:streamURL": "https://example.org/stream",
    "gz:lingnan_style": True,
}


def test_down_to_1_0_0_lists_exactly_what_cannot_be_carried(tmp_path: Path) -> None:
    doc = {
        "standard": "scds",
        "standard_version": "1.1.0",
        "dataset_id": "d",
        "publisher_id": "o",
        "generated_at": "2026-06-30T18:00:00+08:00",
        "classification": "internal",
        "entities": [
            ADDED_1_1_0,
            {**copy.deepcopy(ADDED_1_1_0), "id": "b-2", "footprint": None},
            {
                "id": "r-1",
                "type": "ServiceRequest",
                "community_id": "c-1",
                "category": "repair",
                "channel": "hotline_12345",
                "submitted_at": "2026-06-01T09:00:00+08:00",
                "status": "submitted",
                "history": "complete",
            },
        ],
    }
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["migrate", str(src), "--to", "1.0.0", "--out", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    res = migrate(src, "1.0.0")
    lost = sorted(loss.pointer for loss in res.losses)
    assert lost == [
        "/entities/0/fiware:streamURL",
        "/entities/0/footprint",
        "/entities/0/postal_address",
        "/entities/0/provenance",
        "/entities/1/fiware:streamURL",
        "/entities/1/postal_address",
        "/entities/1/provenance",
    ]  # a null footprint and a complete history lose nothing
    accepted = CliRunner().invoke(
        main, ["migrate", str(src), "--to", "1.0.0", "--out", str(out), "--accept-loss"]
    )
    assert accepted.exit_code == 0, accepted.output
    written = json.loads(out.read_text("utf-8"))
    assert written["entities"][0]["gz:lingnan_style"] is True
    models_for("1.0.0").dataset.model_validate(written)


def test_the_steps_are_published_as_data() -> None:
    published = {(s.source, s.target): step_to_data(s) for s in builtin_steps()}
    assert set(published) == {("1.0.0", "1.1.0"), ("1.1.0", "1.0.0")}
    assert published["1.0.0", "1.1.0"]["operations"] == []
    down = published["1.1.0", "1.0.0"]["operations"]
    dropped = {(op["entity"], op["field"]) for op in down if op["op"] == "drop"}
    # every field 1.1.0 added has its published drop
    old, new = models_for("1.0.0"), models_for("1.1.0")
    for name, cls in new.entity_types.items():
        for field in set(cls.model_fields) - set(old.entity_types[name].model_fields):
            assert (name, field) in dropped or ("*", field) in dropped, (name, field)
    assert {"op": "custom", "entity": "*", "name": "extension_keys_to_1_0_0"} in down


# --------------------------------------------------------------------------- the example


def test_the_example_is_1_1_0_and_shows_the_release() -> None:
    doc = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
    assert doc["standard_version"] == "1.1.0"
    types = {}
    for e in doc["entities"]:
        types.setdefault(e["type"], []).append(e)
    assert all("footprint" in b for b in types["Building"])
    assert "postal_address" in types["Community"][0]
    assert len(types["Community"][0]["statistical_code"]) == 12
    imported = [r for r in types["ServiceRequest"] if "provenance" in r]
    assert imported and all(r["provenance"]["source_system"] == "12345" for r in imported)
    [partial] = [r for r in types["ServiceRequest"] if r.get("history") == "partial"]
    assert partial["status"] == "closed" and len(partial["events"]) == 1
    assert "response" not in partial
    assert partial["provenance"]["imputed"][0]["method"] == "point_in_polygon"


@pytest.mark.parametrize(
    ("folder", "version"), [(EXAMPLE, "1.1.0"), (EXAMPLE_1_0_0, "1.0.0")], ids=["1.1.0", "1.0.0"]
)
def test_the_example_is_conformant_under_its_version(folder: Path, version: str) -> None:
    report = smartstd.check(str(folder))
    assert report.standard_version == version
    assert report.is_conformant()
    assert [f.code for f in report.findings if f.severity.value == "error"] == []
    dataset = smartstd.load(str(folder / "dataset.json"))
    assert dataset.standard_version == version
    assert isinstance(dataset, models_for(version).dataset)
    result = CliRunner().invoke(main, ["check", str(folder), "-f", "json"])
    assert result.exit_code == 0, result.output[-2000:]
    assert json.loads(result.output)["standard_version"] == version


def test_the_1_0_0_copy_migrates_up_without_loss(tmp_path: Path) -> None:
    out = tmp_path / "dataset.json"
    result = migrate(EXAMPLE_1_0_0 / "dataset.json", "1.1.0", out)
    assert result.ok and result.losses == ()
    report = smartstd.check([str(out), str(EXAMPLE_1_0_0 / "charter.yaml")])
    assert report.standard_version == "1.1.0"
    assert [f.code for f in report.findings if f.severity.value == "error"] == []


def test_the_bundle_publishes_the_migration_steps_as_data() -> None:
    import json as _json

    from smartstd.versions import bundle_files

    files = bundle_files("1.1.0")
    index = _json.loads(files["index.json"])
    assert index["migrations"] == "migrations.json"
    doc = _json.loads(files["migrations.json"])
    pairs = {(s["source"], s["target"]) for s in doc["steps"]}
    assert pairs == {("1.0.0", "1.1.0"), ("1.1.0", "1.0.0")}
    assert "migrations.json" in files["SHA256SUMS"].decode()
