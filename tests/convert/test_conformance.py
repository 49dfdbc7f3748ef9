"""Converted data is SCDS 1.1.0 data: the checker judges it like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from convertdata import MODELS, OPEN311, SDM

import smartstd
from smartstd.interchange import convert


@pytest.mark.parametrize("model", MODELS)
def test_converted_upstream_examples_are_valid_data(model: str, tmp_path: Path) -> None:
    conv = convert(SDM / model / "example.json", "ngsi-v2", community_id="c1", publisher_id="o1")
    out = tmp_path / "out.ndjson"
    conv.write(out)
    report = smartstd.check([str(out)], level="L1")
    assert [f for f in report.findings if f.code.startswith("SC1")] == []
    assert report.level.value == "L1"


def test_the_camera_gets_the_privacy_findings_it_deserves(tmp_path: Path) -> None:
    conv = convert(SDM / "Camera" / "example.json", "ngsi-v2", community_id="c1", publisher_id="o1")
    out = tmp_path / "cam.ndjson"
    conv.write(out)
    codes = {f.code for f in smartstd.check([str(out)]).findings}
    assert {"SC404", "SC405", "SC410", "SC408"} <= codes


@pytest.mark.parametrize("name", ["requests.json", "requests.xml"])
def test_converted_open311_requests_are_valid_data(name: str, tmp_path: Path) -> None:
    fmt = "open311-xml" if name.endswith(".xml") else "open311-json"
    conv = convert(OPEN311 / name, fmt, community_id="c1", publisher_id="o1")
    out = tmp_path / "out.ndjson"
    conv.write(out)
    report = smartstd.check([str(out)], level="L1")
    assert [f for f in report.findings if f.code.startswith("SC1")] == []
