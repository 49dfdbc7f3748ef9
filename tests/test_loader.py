"""smartstd.load: typed datasets from JSON, NDJSON and YAML, clear errors otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import smartstd
from casedata import ENVELOPE, dwelling, entities, write_json, write_ndjson
from smartstd.errors import InputError, UsageError
from smartstd.standard import Dwelling


def test_load_json_ndjson_yaml_agree(tmp_path: Path) -> None:
    a = smartstd.load(write_json(tmp_path / "d.json"))
    b = smartstd.load(write_ndjson(tmp_path / "d.ndjson"))
    y = tmp_path / "d.yaml"
    y.write_text(
        yaml.safe_dump({**ENVELOPE, "entities": entities()}, allow_unicode=True), encoding="utf-8"
    )
    c = smartstd.load(y)
    assert a.to_json_dict() == b.to_json_dict() == c.to_json_dict()
    assert a.counts() == {"Building": 2, "Community": 1, "Dwelling": 5, "Organization": 1}
    assert isinstance(next(a.of_type("Dwelling")), Dwelling)


def test_yaml_keeps_timestamps_as_aware_and_codes_as_strings(tmp_path: Path) -> None:
    y = tmp_path / "d.yaml"
    y.write_text(
        "standard: scds\nstandard_version: 1.1.0\ndataset_id: y\npublisher_id: org-so\n"
        "generated_at: 2026-06-30T18:00:00+08:00\nclassification: internal\nentities: []\n",
        encoding="utf-8",
    )
    ds = smartstd.load(y)
    assert ds.generated_at.utcoffset() is not None


def test_several_files_and_folders(tmp_path: Path) -> None:
    write_json(tmp_path / "a.json")
    assert smartstd.load(tmp_path).counts()["Dwelling"] == 5
    with pytest.raises(UsageError):
        smartstd.load(tmp_path / "nope")


def test_bad_input_raises_input_error_with_locations(tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "d.ndjson", [*entities(), {**dwelling(9), "floor": "3"}])
    with pytest.raises(InputError) as info:
        smartstd.load(path)
    (f,) = info.value.findings
    assert (f.code, f.pointer, f.line) == ("SC103", "/floor", len(entities()) + 2)
    assert f.column is not None
    assert "d.ndjson" in str(info.value) and "SC103" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unparseable_and_missing_envelope(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes('{"name": "钟村"'.encode("gb18030"))
    with pytest.raises(InputError) as info:
        smartstd.load(bad)
    assert {f.code for f in info.value.findings} <= {"SC100", "SC101"}
    frag = tmp_path / "frag.json"
    frag.write_text('{"entities": []}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        smartstd.load(frag)
    assert [f.params.get("error_type") for f in info.value.findings] == ["missing_envelope"]


def test_extension_fields_survive_loading(tmp_path: Path) -> None:
    ents = entities()
    ents[2] = {**ents[2], "gz:lingnan_style": True}
    ds = smartstd.load(
        write_json(tmp_path / "d.json", ents, extensions={"gz": "https://example.gov.cn/gz"})
    )
    b = next(ds.of_type("Building"))
    assert b.extension_fields == {"gz:lingnan_style": True}
    assert b.to_json_dict()["gz:lingnan_style"] is True
