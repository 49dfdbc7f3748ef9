"""A pytest plugin for vendors' tests: fixtures that write, check and assert SCDS data.

Installed with smartstd and registered through the ``pytest11`` entry point,
so pytest loads it by itself (``-p no:smartstd`` turns it off)::

    def test_our_export(scds_dataset_file, scds_assert_conformant):
        path = scds_dataset_file(our_system.export_as_dict())
        scds_assert_conformant(path, level="L2")

Fixtures:

- ``scds_example``: the path of a fresh copy of the bundled example community
  (JSON, NDJSON, charter, profile) in the test's temporary folder;
- ``scds_dataset_file``: a function that writes a dataset (a dict, or an
  envelope and entities) as JSON or NDJSON and returns the path;
- ``scds_check``: :func:`smartstd.check`;
- ``scds_assert_conformant``: :func:`smartstd.testing.assert_conformant`.

The Hypothesis strategies are in :mod:`smartstd.testing.strategies`
(``conformant_datasets(level=...)``). Loading this plugin imports neither
Hypothesis nor the checking engine.

pytest 插件：写出、检查并断言 SCDS 数据的测试夹具。
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from smartstd.errors import UsageError

__all__ = [
    "scds_assert_conformant",
    "scds_check",
    "scds_dataset_file",
    "scds_example",
    "write_dataset",
]


def write_dataset(
    folder: Path,
    data: Mapping[str, Any],
    *,
    name: str = "dataset",
    fmt: str = "json",
    entities: Iterable[Mapping[str, Any]] | None = None,
) -> Path:
    """Write ``data`` (a dataset, or an envelope with ``entities`` given apart) to ``folder``.

    Args:
        folder: where to write.
        data: the dataset dict (or the envelope when ``entities`` is given).
        name: the file name without suffix.
        fmt: ``json`` (one document) or ``ndjson`` (the envelope on line 1).
        entities: the entities, when not inside ``data``.

    Returns:
        The path of the file written.
    """
    items = list(entities) if entities is not None else list(data.get("entities") or ())
    envelope = {k: v for k, v in data.items() if k != "entities"}
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "ndjson":
        path = folder / f"{name}.ndjson"
        lines = [json.dumps(envelope, ensure_ascii=False)]
        lines += [json.dumps(e, ensure_ascii=False) for e in items]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "json":
        path = folder / f"{name}.json"
        text = json.dumps({**envelope, "entities": items}, ensure_ascii=False, indent=1)
        path.write_text(text + "\n", encoding="utf-8")
    else:
        raise UsageError(key="bad_dataset_format", fmt=fmt)
    return path


@pytest.fixture
def scds_example(tmp_path: Path) -> Path:
    """A fresh copy of the bundled example community (see ``smartstd example``)."""
    from smartstd.example import write_bundled_example

    out = tmp_path / "scds-example"
    write_bundled_example(out)
    return out


@pytest.fixture
def scds_dataset_file(tmp_path: Path) -> Callable[..., Path]:
    """``write(data, *, name="dataset", fmt="json", entities=None) -> Path`` in ``tmp_path``."""

    def write(data: Mapping[str, Any], **kwargs: Any) -> Path:
        return write_dataset(tmp_path, data, **kwargs)

    return write


@pytest.fixture
def scds_check() -> Callable[..., Any]:
    """:func:`smartstd.check`: ``scds_check(paths, level="L2") -> Report``."""
    from smartstd.conformance.engine import check

    return check


@pytest.fixture
def scds_assert_conformant() -> Callable[..., Any]:
    """:func:`smartstd.testing.assert_conformant`: fails listing every finding."""
    from smartstd.testing.assertions import assert_conformant

    return assert_conformant
