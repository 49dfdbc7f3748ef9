from __future__ import annotations

from pathlib import Path

import pytest

from casedata import dwelling, entities, write_json
from smartstd.testing import ConformanceError, assert_conformant


def test_passes_on_conformant_data(tmp_path: Path) -> None:
    report = assert_conformant(write_json(tmp_path / "d.json"))
    assert report.is_conformant()


def test_fails_with_findings_listed(tmp_path: Path) -> None:
    path = write_json(tmp_path / "d.json", [*entities(), dwelling(9, "b-404")])
    with pytest.raises(ConformanceError) as info:
        assert_conformant(path, "L2", lang="zh-CN")
    text = str(info.value)
    assert "SC202" in text and "d.json:" in text and "/entities/9/building_id" in text
    assert info.value.report.level.value == "L1"
    assert_conformant(path, "L1")  # structurally fine
