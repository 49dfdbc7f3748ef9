from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartstd.errors import UsageError
from smartstd.interchange import convert

_SQUARE = {
    "type": "Polygon",
    "coordinates": [[[113.0, 23.0], [113.1, 23.0], [113.1, 23.1], [113.0, 23.1], [113.0, 23.0]]],
}


def _reference(tmp_path: Path) -> Path:
    ref = tmp_path / "ref.json"
    ref.write_text(
        json.dumps(
            {
                "standard": "scds",
                "standard_version": "1.0.0",
                "dataset_id": "ref",
                "entities": [
                    {"type": "Community", "id": "c-in", "boundary": _SQUARE},
                    {"type": "Community", "id": "c-none"},
                ],
            }
        ),
        encoding="utf-8",
    )
    return ref


def _alerts(tmp_path: Path) -> Path:
    src = tmp_path / "alerts.json"
    src.write_text(
        json.dumps(
            [
                {
                    "id": "a1",
                    "type": "Alert",
                    "category": "security",
                    "severity": "high",
                    "dateIssued": "2026-05-01T09:00:00+08:00",
                    "location": {"type": "Point", "coordinates": [113.05, 23.05]},
                },
                {
                    "id": "a2",
                    "type": "Alert",
                    "category": "security",
                    "severity": "high",
                    "dateIssued": "2026-05-01T09:00:00+08:00",
                    "location": {"type": "Point", "coordinates": [114.0, 23.05]},
                },
                {
                    "id": "a3",
                    "type": "Alert",
                    "category": "security",
                    "severity": "high",
                    "dateIssued": "2026-05-01T09:00:00+08:00",
                },
            ]
        ),
        encoding="utf-8",
    )
    return src


def test_community_found_by_point_in_polygon(tmp_path: Path) -> None:
    conv = convert(_alerts(tmp_path), "ngsi-v2", reference=_reference(tmp_path))
    recs = conv.records
    assert recs[0]["community_id"] == "c-in"
    assert {"field": "/community_id", "method": "point_in_polygon"}.items() <= recs[0][
        "provenance"
    ]["imputed"][-1].items()
    assert "community_id" not in recs[1] and "community_id" not in recs[2]
    assert [(i.code, i.entity) for i in conv.issues if i.code.startswith("CV4")] == [("CV400", 1)]


def test_community_given_is_the_fallback(tmp_path: Path) -> None:
    conv = convert(_alerts(tmp_path), "ngsi-v2", reference=_reference(tmp_path), community_id="c-x")
    assert [r["community_id"] for r in conv.records] == ["c-in", "c-x", "c-x"]
    methods = [r["provenance"]["imputed"][-1]["method"] for r in conv.records]
    assert methods == ["point_in_polygon", "default", "default"]


def test_no_community_at_all_is_an_issue(tmp_path: Path) -> None:
    conv = convert(_alerts(tmp_path), "ngsi-v2")
    assert [i.code for i in conv.issues if i.code == "CV401"] == ["CV401"] * 3


def test_a_reference_without_boundaries_is_a_usage_error(tmp_path: Path) -> None:
    ref = tmp_path / "ref.json"
    ref.write_text(json.dumps({"entities": [{"type": "Community", "id": "c"}]}), encoding="utf-8")
    with pytest.raises(UsageError, match="no Community with a boundary"):
        convert(_alerts(tmp_path), "ngsi-v2", reference=ref)


def test_the_envelope_declares_the_source_prefix_and_reports_made_up_ids(tmp_path: Path) -> None:
    conv = convert(_alerts(tmp_path), "ngsi-v2", community_id="c")
    env = conv.envelope
    assert env["standard"] == "scds" and env["classification"] == "internal"
    assert env["extensions"] == {"fiware": "https://smartdatamodels.org"}
    assert {g.pointer for g in conv.guessed if g.entity == -1} == {"/dataset_id", "/publisher_id"}
    conv = convert(
        _alerts(tmp_path),
        "ngsi-v2",
        community_id="c",
        dataset_id="d1",
        publisher_id="org-1",
        classification="public",
        generated_at="2026-05-01T09:00:00+08:00",
    )
    assert (conv.envelope["dataset_id"], conv.envelope["publisher_id"]) == ("d1", "org-1")
    assert not [g for g in conv.guessed if g.entity == -1]
    assert conv.envelope["generated_at"] == "2026-05-01T09:00:00+08:00"
