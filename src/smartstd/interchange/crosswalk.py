"""Crosswalks: source values to the standard's codes, as data a district can edit.

A crosswalk is a YAML (or JSON) file of tables, each mapping the values of one
source field (``fiware.alert_severity``, ``open311.service_code``) to codes
of one code list, with an optional ``otherwise`` code and a ``reverse`` table
for export. It is validated by the published meta-schema
``smartstd/data/crosswalk.schema.json`` and then against the code lists.
The package ships Guangzhou defaults (``gz-default.yaml``).

对照表：把来源系统的取值对应到标准代码的数据文件，区县可复制修改；由发布的元模式校验。
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from smartstd.errors import ConfigError
from smartstd.standard.codes import CODE_LISTS, NAMESPACED_CODE_PATTERN

__all__ = ["Crosswalk", "Lookup", "Table", "default_crosswalk", "load_crosswalk", "meta_schema"]

_NS = re.compile(NAMESPACED_CODE_PATTERN)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class Lookup:
    """What a table made of a source value.

    Attributes:
        code: the code taken (or the raw value when nothing fits a closed list).
        how: ``"map"`` (named in the table), ``"otherwise"`` (the table's
            fallback), ``"namespaced"`` (kept as ``prefix:value`` in an open
            list) or ``"none"`` (left as it was).
    """

    code: str
    how: str

    @property
    def exact(self) -> bool:
        """Whether the table named the value."""
        return self.how == "map"


@dataclass(frozen=True)
class Table:
    """One table of a crosswalk."""

    name: str
    list: str
    map: Mapping[str, str]
    otherwise: str | None = None
    reverse: Mapping[str, str] = field(default_factory=dict)

    def lookup(self, value: str, prefix: str) -> Lookup:
        """The code for a source value (see :class:`Lookup`)."""
        hit = self.map.get(value)
        if hit is not None:
            return Lookup(hit, "map")
        codes = CODE_LISTS[self.list]
        if value in codes.values:
            return Lookup(value, "map")
        folded = value.strip().lower()  # "OPEN", " Closed " as a system may write them
        if folded != value:
            hit = self.map.get(folded) or (folded if folded in codes.values else None)
            if hit is not None:
                return Lookup(hit, "map")
        if "://" in value:  # an expanded JSON-LD term (...ns/data-models#commercial)
            local = re.split(r"[#/]", value.rstrip("/#"))[-1]
            hit = self.map.get(local) or (local if local in codes.values else None)
            if hit is not None:
                return Lookup(hit, "map")
        if self.otherwise is not None:
            return Lookup(self.otherwise, "otherwise")
        if not codes.closed:
            token = _CAMEL.sub("_", value).lower()
            token = re.sub(r"[^a-z0-9_]+", "_", token).strip("_")[:64]
            candidate = f"{prefix}:{token}"
            if token and _NS.match(candidate):
                return Lookup(candidate, "namespaced")
        return Lookup(value, "none")

    def source_value(self, code: Any) -> Any:
        """What to write back for a code on export (a value that is not a code, as it is)."""
        if not isinstance(code, str):
            return code
        if code in self.reverse:
            return self.reverse[code]
        for key, value in self.map.items():
            if value == code:
                return key
        return code.split(":", 1)[1] if ":" in code else code


@dataclass(frozen=True)
class Crosswalk:
    """A validated crosswalk: its tables, defaults and the offset for naive times."""

    name: str
    tables: Mapping[str, Table]
    defaults: Mapping[str, str] = field(default_factory=dict)
    timezone: str = "+08:00"
    file: str | None = None
    #: a district's own unit codes (source code -> UCUM), read before the shipped table
    units: Mapping[str, str] = field(default_factory=dict)
    #: column headers of a source's own exports -> field keys, per entity type
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        """The table ``name`` (``fiware.alert_severity``); an empty one when absent."""
        found = self.tables.get(name)
        if found is not None:
            return found
        return Table(name, _LIST_OF.get(name, "request_category"), {})

    def default(self, key: str) -> str | None:
        """The default code for ``source.field``, if any."""
        return self.defaults.get(key)


#: The code list of each table the converters use (for a crosswalk that leaves one out).
_LIST_OF = {
    "fiware.building_category": "building_category",
    "fiware.device_kind": "device_kind",
    "fiware.device_status": "device_status",
    "fiware.alert_category": "alert_category",
    "fiware.alert_severity": "alert_severity",
    "fiware.request_category": "request_category",
    "fiware.request_status": "request_status",
    "open311.status": "request_status",
    "open311.service_code": "request_category",
}


@cache
def meta_schema() -> dict[str, Any]:
    """The published meta-schema every crosswalk is validated by."""
    text = resources.files("smartstd.data").joinpath("crosswalk.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _parse(data: Any, where: str) -> Crosswalk:
    import jsonschema

    validator = jsonschema.Draft202012Validator(meta_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        ptr = "".join(f"/{p}" for p in err.absolute_path)
        raise ConfigError(
            key="crosswalk_invalid", file=where, pointer=ptr or "/", reason=err.message
        )
    tables: dict[str, Table] = {}
    for name, raw in data["tables"].items():
        list_name = raw["list"]
        codes = CODE_LISTS.get(list_name)
        if codes is None:
            raise ConfigError(
                key="crosswalk_unknown_list",
                file=where,
                table=name,
                name=list_name,
                known=", ".join(CODE_LISTS),
            )
        for key in ("map", "reverse"):
            for src, code in (raw.get(key) or {}).items():
                target = code if key == "map" else src
                if not codes.accepts(target):
                    raise ConfigError(
                        key="crosswalk_not_a_code",
                        file=where,
                        table=name,
                        part=key,
                        source=src,
                        value=target,
                        name=list_name,
                        known=", ".join(codes.values),
                    )
        if "otherwise" in raw and not codes.accepts(raw["otherwise"]):
            raise ConfigError(
                key="crosswalk_bad_otherwise",
                file=where,
                table=name,
                value=raw["otherwise"],
                name=list_name,
            )
        tables[name] = Table(
            name,
            list_name,
            dict(raw["map"]),
            raw.get("otherwise"),
            dict(raw.get("reverse") or {}),
        )
    return Crosswalk(
        data["name"],
        tables,
        dict(data.get("defaults") or {}),
        data.get("timezone", "+08:00"),
        where,
        dict(data.get("units") or {}),
        _columns(data.get("columns") or {}, where),
    )


def _columns(raw: dict[str, dict[str, str]], where: str) -> dict[str, dict[str, str]]:
    """The column aliases, each naming an entity type and a column key it has."""
    from smartstd.interchange.columns import columns_for
    from smartstd.standard.dataset import ENTITY_TYPES

    out: dict[str, dict[str, str]] = {}
    for type_name, aliases in raw.items():
        if type_name not in ENTITY_TYPES:
            raise ConfigError(
                key="crosswalk_invalid",
                file=where,
                pointer=f"/columns/{type_name}",
                reason=f"{type_name!r} is no entity type ({', '.join(ENTITY_TYPES)})",
            )
        keys = [c.key for c in columns_for(type_name)]
        for header, key in aliases.items():
            if key not in keys:
                raise ConfigError(
                    key="crosswalk_unknown_column",
                    file=where,
                    type=type_name,
                    header=header,
                    value=key,
                    known=", ".join(keys[:8]),
                )
        out[type_name] = dict(aliases)
    return out


def load_crosswalk(path: str | Path) -> Crosswalk:
    """Read and validate a crosswalk file (YAML or JSON).

    Raises:
        ConfigError: the file cannot be read or is not a valid crosswalk; the
            message says where (file and JSON Pointer).
    """
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(key="crosswalk_missing", file=where) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(key="crosswalk_not_utf8", file=where, byte=exc.start) from None
    except OSError as exc:
        raise ConfigError(
            key="crosswalk_unreadable", file=where, reason=exc.strerror or exc
        ) from None
    # the readers' limits: tables nested thousands deep stopped the conversion
    # with a RecursionError, and aliases could expand without end
    from smartstd.io import Limits, read_document

    fmt: Literal["json", "yaml"] = "json" if where.lower().endswith(".json") else "yaml"
    doc = read_document(text.encode("utf-8"), file=where, limits=Limits(), fmt=fmt)
    if doc.findings:
        f = doc.findings[0]
        at = ":".join(str(x) for x in (where, f.line, f.column) if x is not None)
        raise ConfigError(key="crosswalk_not_yaml", file=at, reason=f)
    return _parse(doc.value, where)


@cache
def default_crosswalk() -> Crosswalk:
    """The Guangzhou defaults shipped with the package."""
    import yaml

    ref = resources.files("smartstd.data").joinpath("crosswalks/gz-default.yaml")
    return _parse(yaml.safe_load(ref.read_text("utf-8")), "smartstd:crosswalks/gz-default.yaml")
