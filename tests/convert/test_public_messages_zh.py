"""What a conversion says of other systems' broken files is said in Chinese first.

A reason of no known kind is quoted in English and marked ``（原文）``; each
of these, from files as other systems write them (a GeoJSON saved as UTF-16
by PowerShell, a line not in UTF-8, a FeatureCollection typed ``Feature``,
properties as a list), was so on the old code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartstd._parser_messages import UNKNOWN_ZH
from smartstd.interchange import convert

MARK = UNKNOWN_ZH.format(text="")[2:]  # "（原文）"
FEATURE = {"type": "Feature", "geometry": None, "properties": {"name": "一号楼"}}


def _bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


CASES = [
    (  # PowerShell 5's Out-File writes UTF-16
        "buildings.geojson",
        json.dumps({"type": "FeatureCollection", "features": [FEATURE]}).encode("utf-16"),
        "geojson",
        "不是 UTF-8 编码",
    ),
    (
        "buildings.geojsonl",
        json.dumps(FEATURE).encode() + b"\n" + b'{"type": "Feature", "x": "\xff"}\n',
        "geojson",
        "不是 UTF-8 编码",
    ),
    (
        "buildings.geojson",
        json.dumps({"type": "Feature", "features": [FEATURE]}).encode(),
        "geojson",
        "其中的要素仍已读取",
    ),
    (
        "buildings.geojson",
        json.dumps(
            {"type": "FeatureCollection", "features": [{**FEATURE, "properties": [1]}]}
        ).encode(),
        "geojson",
        "JSON 数组",
    ),
]


@pytest.mark.parametrize(("name", "data", "fmt", "said"), CASES)
def test_reasons_are_said_in_chinese(
    tmp_path: Path, name: str, data: bytes, fmt: str, said: str
) -> None:
    conv = convert(_bytes(tmp_path, name, data), fmt, community_id="c1", entity_type="Building")
    messages = [i.message("zh-CN") for i in conv.issues if i.code in ("CV100", "CV103")]
    assert messages, [i.code for i in conv.issues]
    assert all(MARK not in m for m in messages), messages
    assert any(said in m for m in messages), messages
