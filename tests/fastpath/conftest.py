"""Fixtures of the fast-path tests: a generated NDJSON dataset and the example one.

Helpers are in ``fastpathdata.py`` beside this file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fastpathdata import EXAMPLE_NDJSON, record_lines


@pytest.fixture(scope="session")
def generated_ndjson(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated dataset (about 2,700 records, charter included) as NDJSON."""
    from smartstd import generate as gen

    path = tmp_path_factory.mktemp("gen") / "dataset.ndjson"
    gen.write(path, fmt="ndjson", counts=gen.Counts(observations=200), charter="include")
    return path


@pytest.fixture(scope="session")
def all_record_lines(generated_ndjson: Path) -> list[str]:
    """The record lines of the example dataset and of the generated one."""
    assert EXAMPLE_NDJSON.is_file()
    return record_lines(EXAMPLE_NDJSON) + record_lines(generated_ndjson)
