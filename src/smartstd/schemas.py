"""The published JSON Schemas (Draft 2020-12), generated from the models.

The JSON Schemas are normative; the pydantic models are how Python speaks
them. Both come from one source (the models), and the tests prove they agree.

Files of a bundle (``schemas/<version>/``):

* ``<EntityType>.schema.json``: one per entity type, self-contained;
* ``envelope.schema.json``: the dataset envelope (line 1 of NDJSON);
* ``entity.schema.json``: any entity (one NDJSON line after the first);
* ``dataset.schema.json``: a whole JSON or YAML dataset, self-contained;
* ``report.schema.json``: the JSON report of ``smartstd check``.

Every ``$ref`` is local (``#/$defs/...``), so nothing is ever fetched. The
same files ship as package data; :func:`registry` loads them into a
``referencing.Registry`` for offline validation.

已发布的 JSON Schema（2020-12 草案），由模型生成；全部引用均为本地引用，离线可用。
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from smartstd.standard.dataset import (
    ENTITY_TYPES,
    STANDARD_VERSION,
    Dataset,
    Envelope,
    entity_adapter,
)

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


def build_schemas(
    version: str = STANDARD_VERSION, base_uri: str = DEFAULT_BASE_URI
) -> dict[str, dict[str, Any]]:
    """Generate every schema of a bundle, by file name (``Community.schema.json`` ...)."""
    out: dict[str, dict[str, Any]] = {}
    for name, cls in ENTITY_TYPES.items():
        out[f"{name}.schema.json"] = _finish(cls.model_json_schema(), name, version, base_uri)
    out["envelope.schema.json"] = _finish(
        Envelope.model_json_schema(), "envelope", version, base_uri
    )
    entity = entity_adapter().json_schema()
    entity.setdefault("title", "Entity / 实体")
    entity.setdefault(
        "description",
        "Any entity of the standard, chosen by its type (one NDJSON line). / "
        "标准中的任一实体，按 type 区分（NDJSON 的一行）。",
    )
    out["entity.schema.json"] = _finish(entity, "entity", version, base_uri)
    out["dataset.schema.json"] = _finish(Dataset.model_json_schema(), "dataset", version, base_uri)
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


def published_root() -> Traversable:
    """Where the published bundles are, one folder per version.

    ``schemas/`` at the top of the repository is the one committed copy. A
    wheel carries it as package data (``smartstd/data/schemas``, put there by
    the build: hatch's ``force-include``); an editable or source install reads
    it from the source tree.
    """
    packaged = resources.files("smartstd").joinpath("data").joinpath("schemas")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


def published_versions() -> tuple[str, ...]:
    """The versions whose bundles ship with the library."""
    root = published_root()
    if not root.is_dir():
        return ()
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir()))


@cache
def load_schema(name: str, version: str = STANDARD_VERSION) -> dict[str, Any]:
    """Load a published schema from package data (``"dataset"``, ``"Community"`` ...).

    Raises:
        FileNotFoundError: if the version or schema is not published.
    """
    fname = name if name.endswith(".schema.json") else f"{name}.schema.json"
    ref = published_root().joinpath(version).joinpath(fname)
    if not ref.is_file():
        raise FileNotFoundError(f"no published schema {fname} for SCDS {version}")
    loaded: dict[str, Any] = json.loads(ref.read_text("utf-8"))
    return loaded


@cache
def registry(version: str = STANDARD_VERSION) -> Any:
    """A ``referencing.Registry`` with every published schema of ``version`` (offline)."""
    from referencing import Registry, Resource

    root = published_root().joinpath(version)
    pairs = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".schema.json"):
            contents = json.loads(entry.read_text("utf-8"))
            pairs.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(pairs).crawl()


def validator_for(name: str = "dataset", version: str = STANDARD_VERSION) -> Any:
    """A ``jsonschema`` Draft 2020-12 validator for a published schema, offline."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name, version), registry=registry(version))
