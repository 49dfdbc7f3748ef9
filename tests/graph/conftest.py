"""Fixtures of the graph tests; the charters themselves are in ``graphdata.py`` beside this file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from graphdata import Builder


@pytest.fixture
def base() -> Builder:
    return Builder()
