"""Models to JSON Schema documents (Draft 2020-12): what ``smartstd schema export`` writes.

The JSON Schemas are normative; the pydantic models are how Python speaks
them. Both come from one source (the models), and the tests prove they agree.

Files of a bundle (``schemas/<version>/``):

* ``<EntityType>.schema.json``: one per entity type, self-contained;
* ``envelope.schema.json``: the dataset envelope (line 1 of NDJSON);
* ``entity.schema.json``: any entity (one NDJSON line after the first);
* ``dataset.schema.json``: a whole JSON or YAML dataset, self-contained;
* ``report.schema.json``: the JSON report of ``smartstd check``.

Every ``$ref`` is local (``#/$defs/...``), so nothing is ever fetched.

由模型生成 JSON Schema（2020-12 草案）；全部引用均为本地引用。
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from smartstd.standard.dataset import STANDARD_VERSION
from smartstd.standard.modelset import ModelSet, models_for, standard_versions

__all__ = [
    "DEFAULT_BASE_URI",
    "DRAFT",
    "build_schemas",
    "dump_schema",
    "export_schemas",
    "schema_id",
]

#: The JSON Schema dialect of every published schema.
DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: Where the standard's schemas live unless a publisher says otherwise.
DEFAULT_BASE_URI = "https://smartstd.org/schemas/scds/"

_STRIP_KEYS = frozenset({"discriminator"})


def schema_id(name: str, version: str = STANDARD_VERSION, base_uri: str = DEFAULT_BASE_URI) -> str:
    """The ``$id`` of a schema file: ``<base><version>/<name>.schema.json``."""
    base = base_uri if base_uri.endswith("/") else base_uri + "/"
    return f"{base}{version}/{name}.schema.json"


def _clean_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Drop tool-specific keywords (``x-*``, OpenAPI ``discriminator``) recursively.

    The bilingual titles and descriptions stay in ``title``/``description``,
    so strict validators (ajv strict mode, for one) accept the schemas.
    """
    out: dict[str, Any] = {}
    for k, v in schema.items():
        if k in ("properties", "$defs", "patternProperties"):
            out[k] = {
                name: _clean_schema(sub) if isinstance(sub, dict) else sub
                for name, sub in v.items()
            }
        elif isinstance(k, str) and (k.startswith("x-") or k in _STRIP_KEYS):
            continue
        elif isinstance(v, dict):
            out[k] = _clean_schema(v)
        elif isinstance(v, list):
            out[k] = [_clean_schema(i) if isinstance(i, dict) else i for i in v]
        else:
            out[k] = v
    return out


def _finish(schema: dict[str, Any], name: str, version: str, base_uri: str) -> dict[str, Any]:
    body = _clean_schema(schema)
    head = {"$schema": DRAFT, "$id": schema_id(name, version, base_uri)}
    return {**head, **{k: v for k, v in body.items() if k not in head}}


def _report_schema() -> dict[str, Any] | None:
    try:
        text = (
            resources.files("smartstd")
            .joinpath("data")
            .joinpath("report.schema.json")
            .read_text("utf-8")
        )
    except (FileNotFoundError, OSError):
        return None
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _model_set(version: str) -> ModelSet:
    """The models of ``version`` (the latest for a version without models of its own).

    A test-only or future version being published takes the latest models.
    """
    return models_for(version if version in standard_versions() else STANDARD_VERSION)


def build_schemas(
    version: str = STANDARD_VERSION, base_uri: str = DEFAULT_BASE_URI
) -> dict[str, dict[str, Any]]:
    """Generate every schema of a bundle, by file name (``Community.schema.json`` ...).

    The schemas of a version the package has models for (``1.0.0``, ``1.1.0``)
    come from that version's models (:func:`smartstd.standard.models_for`).
    """
    ms = _model_set(version)
    out: dict[str, dict[str, Any]] = {}
    for name, cls in ms.entity_types.items():
        out[f"{name}.schema.json"] = _finish(cls.model_json_schema(), name, version, base_uri)
    out["envelope.schema.json"] = _finish(
        ms.envelope.model_json_schema(), "envelope", version, base_uri
    )
    entity = ms.entity_adapter().json_schema()
    entity.setdefault("title", "Entity / 实体")
    entity.setdefault(
        "description",
        "Any entity of the standard, chosen by its type (one NDJSON line). / "
        "标准中的任一实体，按 type 区分（NDJSON 的一行）。",
    )
    out["entity.schema.json"] = _finish(entity, "entity", version, base_uri)
    out["dataset.schema.json"] = _finish(
        ms.dataset.model_json_schema(), "dataset", version, base_uri
    )
    report = _report_schema()
    if report is not None:
        out["report.schema.json"] = copy.deepcopy(report)
    return dict(sorted(out.items()))


def dump_schema(schema: Mapping[str, Any]) -> str:
    """Serialise a schema the way published files are written (stable, UTF-8, LF)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_schemas(
    out_dir: str | Path, version: str = STANDARD_VERSION, base_uri: str = DEFAULT_BASE_URI
) -> list[Path]:
    """Write a bundle to ``out_dir`` (created if needed); return the files written."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for fname, schema in build_schemas(version, base_uri).items():
        path = target / fname
        path.write_text(dump_schema(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written
