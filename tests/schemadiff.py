"""Differential testing of the published schemas: the verdicts of each validator, and edge values.

Four verdicts on one JSON value:

* the models (what ``smartstd check --level L1`` says of a record): pydantic
  from Python objects and from JSON text, which must agree with each other;
* ``jsonschema`` (Draft 2020-12, formats checked) as :func:`smartstd.schemas.validator_for`
  builds it: patterns read as ECMA-262 says;
* plain ``jsonschema``, patterns read by Python's ``re`` (it differs from
  ECMA-262 in one known way, a ``$`` before a final newline: see
  ``docs/reference/schemas.md``);
* Ajv 8 (JavaScript, strict mode, ajv-formats), from ``tools/ajv`` as
  ``.ci/run`` installs it (``npm ci --prefix tools/ajv``): one process for a
  whole list of values.

Edge values come from the published schema of each field (:func:`edges`):
strings at the edges of their patterns and lengths, numbers at and beyond
their bounds in every JSON spelling, timestamps and dates that RFC 3339 and
ISO 8601 allow or not, arrays with duplicates, nulls and missing fields,
extension keys at the edges of ``prefix:name``.

已发布模式的差分测试：各校验器的判定，以及由模式推导的边界值。
"""

from __future__ import annotations

import copy
import json
import math
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from smartstd import schemas
from smartstd.standard import models_for

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "ajv"
VERSIONS = ("1.0.0", "1.1.0")


# ------------------------------------------------------------------------ Ajv


def node() -> str:
    """Node.js with Ajv installed, or a skip (a failure in CI) saying how to install it."""
    found = shutil.which("node")
    if found is None or not (TOOL / "node_modules" / "ajv" / "package.json").is_file():
        how = "install Node.js, then: npm ci --prefix tools/ajv"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the independent schema check: {how}")
        pytest.skip(f"needs Ajv: {how}")
    return found


def ajv_verdicts(
    version: str, checks: Sequence[tuple[str, Any]], tmp: Path, folder: Path | None = None
) -> list[bool]:
    """Ajv's verdict on each ``(schema file, value)``, in one run.

    Against ``schemas/VERSION``, or the schemas in ``folder`` (a profile's bundle).
    """
    data = tmp / f"ajv-{version}.ndjson"
    data.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in checks), "utf-8")
    schemas = folder if folder is not None else ROOT / "schemas" / version
    run = subprocess.run(
        [node(), str(TOOL / "validate.js"), str(schemas), str(data)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    verdicts = [line.split(" ", 1)[0] == "1" for line in run.stdout.splitlines()]
    assert len(verdicts) == len(checks)
    return verdicts


def ajv_compile(files: Sequence[Path]) -> dict[str, str]:
    """What Ajv's strictest mode says of each schema file: ``"ok"`` or why it refuses it."""
    run = subprocess.run(
        [node(), str(TOOL / "compile.js"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    out = {}
    for line in run.stdout.splitlines():
        verdict, _, rest = line.partition(" ")
        name, _, why = rest.partition(": ")
        out[name] = "ok" if verdict == "ok" else why
    return out


# ------------------------------------------------------------------ verdicts


def model_verdict(version: str, value: Any) -> bool:
    """The models' verdict on one entity; from Python objects and from JSON text, which agree."""
    adapter = models_for(version).entity_adapter()
    verdicts = []
    for validate, arg in (
        (adapter.validate_python, json.loads(json.dumps(value))),
        (adapter.validate_json, json.dumps(value, ensure_ascii=False)),
    ):
        try:
            validate(arg)
        except ValidationError:
            verdicts.append(False)
        else:
            verdicts.append(True)
    assert verdicts[0] == verdicts[1], f"validate_python and validate_json differ on {value!r}"
    return verdicts[0]


def schema_name(value: Any) -> str:
    """The published schema a value is validated against: its entity type's, else any entity's."""
    kind = value.get("type") if isinstance(value, dict) else None
    return kind if isinstance(kind, str) and kind.isidentifier() else "entity"


def ecma_verdict(version: str, value: Any) -> bool:
    """:func:`smartstd.schemas.validator_for`'s verdict (patterns as ECMA-262, formats checked)."""
    return bool(schemas.validator_for(schema_name(value), version).is_valid(value))


def plain_verdict(version: str, value: Any) -> bool:
    """Plain ``jsonschema``'s verdict: patterns read by Python's ``re``, formats checked."""
    validator = Draft202012Validator(
        schemas.load_schema(schema_name(value), version),
        registry=schemas.registry(version),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    return bool(validator.is_valid(value))


# ---------------------------------------------------------------- edge values

#: Timestamps at the edges of RFC 3339 (with an offset, no leap second, years 0001-9999).
TIMESTAMPS = (
    "2026-02-28T10:00:00+08:00",
    "2026-02-28T10:00:00+08:00\n",
    "2026-02-28t10:00:00z",
    "2026-02-28T10:00:60+08:00",
    "2016-12-31T23:59:60Z",
    "2026-02-28T24:00:00+08:00",
    "2026-02-28T10:00:00+14:00",
    "2026-02-28T10:00:00-00:00",
    "2026-02-28T10:00:00+23:59",
    "2026-02-28T10:00:00+24:00",
    "2026-02-28T10:00:00.1234567890+08:00",
    "2026-02-28T10:00:00.123456789Z",
    "2026-02-28T10:00:00.Z",
    "2026-02-28 10:00:00Z",
    "2026-02-29T10:00:00Z",
    "2024-02-29T10:00:00Z",
    "1900-02-29T00:00:00Z",
    "2000-02-29T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+01:00",
    "2026-02-28T10:00:00+0800",
    "2026-02-28T10:00Z",
    "2026-02-28T10:00:00",
    "2026-02-28T10:00:00,5Z",
    "\uff12\uff10\uff12\uff16-02-28T10:00:00Z",
    "2026-02-28T10:00:0\u0660Z",
)
#: Dates at the edges of ISO 8601 calendar dates.
DATES = (
    "2026-02-28",
    "2026-02-29",
    "2024-02-29",
    "1900-02-29",
    "2000-02-29",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-02-28\n",
    "2026-2-28",
    "20260228",
    "2026-W09-6",
    "2026-059",
    "2026-02-28T00:00:00Z",
    "\uff12\uff10\uff12\uff16-02-28",
)
#: Strings at the edges of every pattern: white space, a final newline, other scripts' digits.
STRINGS = (
    "",
    " ",
    "\n",
    "a\n",
    "a\r",
    "\u0000",
    "\ufeff",
    "\u00a0",
    "\u0085",
    "\u001c",
    "\u2028",
    "\u0660",
    "\uff10",
    "\u0131",
    "\u212a",
    "\U0001f600",
    "x",
    "zh-CN",
    "zh-cn\n",
    "440103",
    "440103\n",
    "\u0664\u0664\u0660\u0661\u0660\u0663",
    "https://a.cn",
    "https://a.cn\n",
    "a@b.cn",
    "a\u0085b@c.cn",
    "a\ufeffb@c.cn",
    "a\u001cb@c.cn",
    "a b@c.cn",
    "a@b.cn\n",
)
#: Extension keys at the edges of ``prefix:name`` (1.0.0: lowercase names; 1.1.0: any case).
EXTENSION_KEYS = (
    "gz:x",
    "gz:x\n",
    "gz:X",
    "Gz:x",
    "gz:_x",
    "gz:1x",
    "gz:x-y",
    "gz:x" + "a" * 63,
    "gz:x" + "a" * 64,
    "a" * 16 + ":x",
    "a" * 17 + ":x",
    "1z:x",
    "gz:\u0131",
    "gz:\u212a",
    "gz:\u00e9",
    "gz:",
    ":x",
)
#: Numbers in every JSON spelling of a value and around it.
NUMBERS = (0, -0.0, 1, 1.0, -1, 0.5, 100.0, 1e-7, 2**53, 2**53 + 1, 2**63, 2**64, 1e308)
#: Arrays: empty, a null, and duplicates JSON Schema counts as equal or not.
ARRAYS = (
    [],
    [None],
    [1, 1],
    [1, 1.0],
    [1, True],
    [{"a": 1, "b": 2}, {"b": 2, "a": 1}],
    ["a", "a"],
    ["a", "b"],
)
_ANY = (None, [], {}, "x", 1, True, {"a": 1}, {"gz:x": 1})
#: Keys of localized text at the edges of a BCP 47 tag (case, a final newline, other scripts).
LANG_KEYS = (
    "zh",
    "ZH",
    "zh-CN",
    "zh-cn\n",
    "zh-Hant-HK",
    "en-GB-oxendict",
    "zh-CN-",
    "x",
    "abcd",
    "zh-\u212a\u212a",
    "zh-\u0131\u0131",
    "z\u0127",
    "yue-\u0661\u0662\u0663",
)
#: GeoJSON positions at the edges: bounds, altitude, too short or long, not numbers.
POSITIONS = (
    [180, 90],
    [-180, -90],
    [180.0000001, 0],
    [0, -90.0000001],
    [113.3, 23.0, 5],
    [113.3, 23.0, 5, 1],
    [113.3],
    [],
    [True, 0],
    ["113.3", 23.0],
    [1e308, 0],
    [-0.0, -0.0],
)
_RING = [[113.3, 23.0], [113.31, 23.0], [113.31, 23.01], [113.3, 23.0]]
#: GeoJSON geometries at the edges: short or open rings, empty lists, the wrong type.
GEOMETRIES = (
    {"type": "Point", "coordinates": [113.3, 23.0]},
    {"type": "Point", "coordinates": [113.3, 23.0, 1.5]},
    {"type": "Point", "coordinates": [181, 23.0]},
    {"type": "Point", "coordinates": [113.3, 23.0], "bbox": []},
    {"type": "Point", "coordinates": [113.3, 23.0], "bbox": [1, 2, 3, 4]},
    {"type": "Point", "coordinates": [113.3, 23.0], "gz:x": 1},
    {"type": "point", "coordinates": [113.3, 23.0]},
    {"coordinates": [113.3, 23.0]},
    {"type": "Polygon", "coordinates": [_RING]},
    {"type": "Polygon", "coordinates": [_RING[:3]]},
    {"type": "Polygon", "coordinates": [[*_RING[:3], [113.3, 23.02]]]},
    {"type": "Polygon", "coordinates": []},
    {"type": "Polygon", "coordinates": [[]]},
    {"type": "MultiPolygon", "coordinates": [[_RING]]},
    {"type": "MultiPolygon", "coordinates": []},
    {"type": "MultiPolygon", "coordinates": [[]]},
    {"type": "MultiPolygon", "coordinates": [[_RING[:3]]]},
    {"type": "MultiPolygon", "coordinates": [_RING]},
)


def deref(node: Any, root: dict[str, Any]) -> Any:
    """A local ``$ref`` followed to its definition."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _numbers(node: dict[str, Any]) -> list[Any]:
    out: list[Any] = list(NUMBERS)
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = node.get(key)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            b = float(bound)
            out += [bound, b, bound - 1, bound + 1, b - 1e-9, b + 1e-9]
            out += [math.nextafter(b, -math.inf), math.nextafter(b, math.inf)]
    return out


def edges(node: Any, root: dict[str, Any], depth: int = 0) -> list[Any]:
    """Values at the edges of what the schema ``node`` allows (and of what it refuses)."""
    node = deref(node, root)
    if not isinstance(node, dict) or depth > 3:
        return list(_ANY)
    out: list[Any] = list(_ANY)
    for key in ("anyOf", "oneOf"):
        for branch in node.get(key, []):
            out += edges(branch, root, depth + 1)
    kind = node.get("type")
    props = node.get("properties", {})
    if kind == "object" and "coordinates" in props:
        out += [copy.deepcopy(g) for g in GEOMETRIES]
    if kind == "object" and "propertyNames" in node:
        out += [{key: "x"} for key in LANG_KEYS] + [{"zh": "x", "en": ""}]
    if node.get("format") == "date-time":
        out += TIMESTAMPS
    elif node.get("format") == "date":
        out += DATES
    elif kind == "string":
        out += STRINGS
        for code in node.get("enum", [])[:2]:
            out += [code, code + "\n", code.upper()]
        out += ["gz:local", "gz:local\n", "Gz:local", "gz:Local", "x:y"]
        if isinstance(node.get("const"), str):
            out += [node["const"] + "\n", node["const"].lower()]
        for key in ("minLength", "maxLength"):
            n = node.get(key)
            if isinstance(n, int):
                out += ["a" * n, "a" * (n + 1), "a" * max(n - 1, 0), "\U0001f600" * n]
                out += ["\U0001f600" * (n + 1)]
    elif kind in ("number", "integer"):
        out += _numbers(node)
    elif kind == "array" and "prefixItems" in node:
        out += [copy.deepcopy(p) for p in POSITIONS]
    elif kind == "array":
        out += [copy.deepcopy(a) for a in ARRAYS]
        n = node.get("minItems")
        if isinstance(n, int):
            out += [[1] * n, [1] * max(n - 1, 0)]
    return out


def fields(
    record: dict[str, Any], root: dict[str, Any]
) -> Iterator[tuple[Callable[[dict[str, Any], Any], None], list[Any]]]:
    """Every field of ``record``'s schema, one level of nested objects too, with its edge values.

    Each comes as a setter (``set(copy_of_record, value)``) and the values to set.
    """
    for name, sub in root.get("properties", {}).items():
        if name == "type":
            continue

        def top(r: dict[str, Any], v: Any, name: str = name) -> None:
            r[name] = v

        yield top, edges(sub, root)
        node = deref(sub, root)
        for alt in [node, *node.get("anyOf", [])]:
            alt = deref(alt, root)
            if alt.get("type") == "object" and isinstance(record.get(name), dict):
                for inner, sub2 in alt.get("properties", {}).items():

                    def nested(r: dict[str, Any], v: Any, name: str = name, k: str = inner) -> None:
                        r[name] = {**r[name], k: v}

                    yield nested, edges(sub2, root)
            items = deref(alt.get("items"), root) if alt.get("type") == "array" else None
            value = record.get(name)
            if isinstance(items, dict) and isinstance(value, list) and value:
                for inner, sub2 in items.get("properties", {}).items():
                    if not isinstance(value[0], dict):
                        break

                    def first(r: dict[str, Any], v: Any, name: str = name, k: str = inner) -> None:
                        r[name] = [{**r[name][0], k: v}, *r[name][1:]]

                    yield first, edges(sub2, root)


def near(record: dict[str, Any], version: str) -> st.SearchStrategy[dict[str, Any]]:
    """Records one edge away from ``record``: a field set to an edge value, an extension key, or a field removed."""
    root = schemas.load_schema(record["type"], version)
    setters = list(fields(record, root))

    def build(choice: tuple[Any, Any]) -> dict[str, Any]:
        setter, value = choice
        out = copy.deepcopy(record)
        setter(out, copy.deepcopy(value))
        return out

    def extension(key: str) -> dict[str, Any]:
        return {**copy.deepcopy(record), key: 1}

    def without(name: str) -> dict[str, Any]:
        return {k: copy.deepcopy(v) for k, v in record.items() if k != name}

    field_edges = st.sampled_from(setters).flatmap(
        lambda sv: st.tuples(st.just(sv[0]), st.sampled_from(sv[1]))
    )
    return st.one_of(
        field_edges.map(build),
        st.sampled_from(EXTENSION_KEYS).map(extension),
        st.sampled_from(sorted(record)).map(without),
    )


def for_version(record: dict[str, Any], version: str) -> dict[str, Any]:
    """``record`` without the fields its type's schema in ``version`` does not declare."""
    declared = schemas.load_schema(record["type"], version)["properties"]
    return {k: v for k, v in record.items() if k in declared}
