"""The Hypothesis strategies conform as promised, and the pytest plugin works for a vendor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import tomllib
from hypothesis import HealthCheck, given, settings

from smartstd import check
from smartstd.testing import strategies as scds
from smartstd.testing.pytest_plugin import write_dataset

ROOT = Path(__file__).resolve().parents[1]


def _check(tmp_path: Path, doc: dict[str, Any], level: str) -> Any:
    path = write_dataset(tmp_path, doc)
    return check([str(path)], level=level)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=scds.dataset())
def test_dataset_is_conformant_at_l1(doc: dict[str, Any], tmp_path: Path) -> None:
    report = _check(tmp_path, doc, "L1")
    assert report.is_conformant("L1"), [(f.code, f.pointer) for f in report.errors]


@settings(
    max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=scds.conformant_datasets(level="L3"))
def test_conformant_datasets_reach_their_level(doc: dict[str, Any], tmp_path: Path) -> None:
    report = _check(tmp_path, doc, "L3")
    assert report.is_conformant("L3"), [(f.code, f.pointer) for f in report.errors]


def test_declare_prefixes_declares_fields_and_codes() -> None:
    doc = {"extensions": {}, "entities": [{"type": "Building", "id": "b", "gz:style": 1}]}
    assert scds.declare_prefixes(doc)["extensions"] == {"gz": "https://example.org/scds/gz"}
    with pytest.raises(ValueError, match="L1, L2 or L3"):
        scds.conformant_datasets(level="L4")


def test_plugin_is_registered_as_a_pytest11_entry_point() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    plugins = meta["project"]["entry-points"]["pytest11"]
    assert plugins == {"smartstd": "smartstd.testing.pytest_plugin"}


def _load_plugin() -> list[str]:
    """``-p`` for a checkout; an installed smartstd loads the plugin by its entry point.

    Naming it twice makes pytest stop with "Plugin already registered".
    """
    installed = {ep.value for ep in entry_points(group="pytest11")}
    return (
        []
        if "smartstd.testing.pytest_plugin" in installed
        else ["-p", "smartstd.testing.pytest_plugin"]
    )


def _empty_config(tmp_path: Path) -> Path:
    """A configuration of nothing, so that the project's own pytest settings stay out.

    pytest 9.2 refuses ``-c /dev/null`` (no .ini, .cfg or .toml extension).
    """
    path = tmp_path / "pytest.ini"
    path.write_text("[pytest]\n", encoding="utf-8")
    return path


def test_the_vendor_example_runs_with_the_plugin(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            *_load_plugin(),
            "--rootdir",
            str(tmp_path),
            "-c",
            str(_empty_config(tmp_path)),
            str(ROOT / "examples" / "testing"),
            f"--basetemp={tmp_path / 'bt'}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout


def test_write_dataset_writes_ndjson_with_the_envelope_first(tmp_path: Path) -> None:
    path = write_dataset(tmp_path, {"standard": "scds", "entities": [{"id": "a"}]}, fmt="ndjson")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"standard": "scds"} and json.loads(lines[1]) == {"id": "a"}
