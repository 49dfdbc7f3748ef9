"""Testing helpers for SCDS data: Hypothesis strategies for vendors' own tests.

``smartstd.testing.strategies`` builds valid, JSON-ready SCDS documents
(entities, envelopes, whole datasets) from the standard's models::

    from hypothesis import given
    from smartstd.testing import strategies as scds

    @given(scds.entity("ServiceRequest"))
    def test_my_importer_accepts_requests(doc):
        my_importer.load(doc)

Importing this package does not import Hypothesis: the ``strategies`` module
loads on first use, so code that never touches it does not need Hypothesis
installed.

``assert_conformant(paths, level)`` fails a test with every finding listed.

测试辅助：为厂商自测提供的 Hypothesis 生成策略；导入本包不会导入 Hypothesis。
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartstd.testing import strategies
    from smartstd.testing.assertions import ConformanceError, assert_conformant

__all__ = ["ConformanceError", "assert_conformant", "strategies"]


def __getattr__(name: str) -> Any:
    if name == "strategies":
        return importlib.import_module("smartstd.testing.strategies")
    if name in ("ConformanceError", "assert_conformant"):
        return getattr(importlib.import_module("smartstd.testing.assertions"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
