"""Data and helpers of the fast-path tests (imported by ``conftest.py`` and the tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_NDJSON = ROOT / "examples" / "guangzhou-panyu" / "ndjson" / "dataset.ndjson"


def record_lines(path: Path) -> list[str]:
    """The record lines of an NDJSON file (line 1, the envelope, left out), as text."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [line for line in lines[1:] if line.strip()]


def dump(value: Any) -> str:
    """Compact JSON, as the generator writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
