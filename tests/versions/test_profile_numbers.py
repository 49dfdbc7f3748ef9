"""A profile with a number no float can hold is invalid, said where; it used to crash.

YAML and JSON allow integers of any size; the profile meta-schema takes any
number, but bounds, boxes and parameters become floats. ``1`` followed by 400
zeros in the bounding box stopped `profile check`, `check` and `schema diff`
with an internal error (``OverflowError``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from smartstd.cli import main
from smartstd.errors import ConfigError
from smartstd.profiles import load_profile

EXAMPLE = Path(__file__).parents[2] / "examples" / "guangzhou-panyu" / "profile.yaml"
HUGE = 10**400


def _profile(tmp_path: Path) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["constraints"]["bbox"][2] = HUGE
    data["params"]["SC405"]["min_days"] = HUGE
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_the_api_names_each_number_and_where(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_profile(_profile(tmp_path))
    text = info.value.message("en")
    assert "constraints.bbox[2]: 1000000000" in text
    assert "params.SC405.min_days: 1000000000" in text
    assert "is not a finite number" in text
    assert len(text) < 2000  # the numbers are cut short


def test_the_cli_says_it_in_either_language_and_does_not_crash(tmp_path: Path) -> None:
    path = _profile(tmp_path)
    for lang in ("en", "zh-CN"):
        run = CliRunner().invoke(main, ["profile", "check", str(path), "--lang", lang])
        assert run.exit_code in (1, 2), run.output
        assert "internal error" not in run.output + run.stderr
        assert "constraints.bbox[2]" in run.output + run.stderr
    diff = CliRunner().invoke(main, ["schema", "diff", "1.0.0", str(path), "--mode", "forward"])
    assert diff.exit_code == 2 and "internal error" not in diff.stderr
