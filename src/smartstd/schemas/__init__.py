"""The standard's JSON Schemas: export, published bundles, compatibility and diff.

The JSON Schemas (Draft 2020-12) are normative; the pydantic models are how
Python speaks them. The package holds, one module each:

* :mod:`~smartstd.schemas.export`: the models as JSON Schema documents
  (``smartstd schema export``);
* :mod:`~smartstd.schemas.published`: the published bundles shipped as
  package data, an offline ``referencing.Registry`` and validators;
* :mod:`~smartstd.schemas.bundle`: a set of schemas to compare
  (:class:`~smartstd.schemas.bundle.Bundle`), loaded from a folder, a file,
  a profile or a published version;
* :mod:`~smartstd.schemas.change`: one difference between two schemas, and its kind;
* :mod:`~smartstd.schemas.compatibility`: every change between two schemas,
  classified backward and forward;
* :mod:`~smartstd.schemas.diff`: two bundles compared, the SemVer step they
  demand, and the reports of ``smartstd schema diff``.

This module offers the names of the first two, loaded on first use
(importing the package, or one of its comparison modules, loads no model);
the comparison is imported from its own modules (or from
:mod:`smartstd.compat`).

标准的 JSON Schema：由模型导出、随库发布的模式包、兼容性判断与差异比较。
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartstd._lazy import lazy_names

if TYPE_CHECKING:
    from smartstd.schemas.export import (
        DEFAULT_BASE_URI,
        DRAFT,
        build_schemas,
        dump_schema,
        export_schemas,
        schema_id,
    )
    from smartstd.schemas.published import (
        load_schema,
        published_versions,
        registry,
        validator_for,
    )
    from smartstd.schemas.published import published_root as published_root

__all__ = [
    "DEFAULT_BASE_URI",
    "DRAFT",
    "build_schemas",
    "dump_schema",
    "export_schemas",
    "load_schema",
    "published_versions",
    "registry",
    "schema_id",
    "validator_for",
]

_LAZY: dict[str, str] = {
    "DEFAULT_BASE_URI": "smartstd.schemas.export",
    "DRAFT": "smartstd.schemas.export",
    "build_schemas": "smartstd.schemas.export",
    "dump_schema": "smartstd.schemas.export",
    "export_schemas": "smartstd.schemas.export",
    "schema_id": "smartstd.schemas.export",
    "load_schema": "smartstd.schemas.published",
    "published_root": "smartstd.schemas.published",
    "published_versions": "smartstd.schemas.published",
    "registry": "smartstd.schemas.published",
    "validator_for": "smartstd.schemas.published",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, _LAZY)
