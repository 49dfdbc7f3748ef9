"""Shared fixtures for the reader tests."""

from __future__ import annotations

import pytest

from smartstd.io import Limits


@pytest.fixture
def limits() -> Limits:
    return Limits()
