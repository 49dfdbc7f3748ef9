"""How a vendor tests its own export with smartstd's pytest plugin and strategies.

Run with ``pytest examples/testing`` once smartstd is installed (the plugin
is registered through the ``pytest11`` entry point; from a checkout add
``-p smartstd.testing.pytest_plugin``). smartstd's own test suite runs this file.

厂商用 smartstd 的 pytest 插件与 Hypothesis 策略测试自己导出的数据。
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from smartstd.testing import strategies as scds


def export(dataset: dict[str, Any]) -> dict[str, Any]:
    """A vendor's exporter, here one that passes the data through (replace with yours)."""
    return {**dataset, "entities": [dict(e) for e in dataset["entities"]]}


def test_the_example_community_conforms(scds_example: Any, scds_assert_conformant: Any) -> None:
    report = scds_assert_conformant(scds_example, level="L3")
    assert report.charter_present


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=scds.conformant_datasets(level="L2"))
def test_our_export_keeps_conformant_data_conformant(
    doc: dict[str, Any], scds_dataset_file: Any, scds_assert_conformant: Any
) -> None:
    path = scds_dataset_file(export(doc), fmt="ndjson")
    scds_assert_conformant(path, level="L2")


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=scds.dataset())
def test_any_generated_dataset_is_structurally_valid(
    doc: dict[str, Any], scds_dataset_file: Any, scds_check: Any
) -> None:
    report = scds_check([str(scds_dataset_file(doc))], level="L1")
    assert report.is_conformant("L1"), [f.message("en") for f in report.errors]
