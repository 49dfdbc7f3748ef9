"""Compatibility between two schema bundles: every change, classified.

:func:`diff_bundles` compares two bundles (two versions of the standard, or
the core and a profile's effective bundle) schema by schema;
:func:`diff_schemas` compares two schemas. Each difference becomes a
:class:`Change` of one :class:`ChangeKind` with two verdicts:

* **backward**: data valid under the OLD schema is still valid under the NEW
  one (producers need not change; old data stays conformant);
* **forward**: data valid under the NEW schema is valid under the OLD one
  (old readers can read new data).

Objects of the standard are closed, so adding an optional field keeps old
data valid (backward) but old readers reject it (not forward); dropping a
required field is the reverse. When the comparison cannot tell (two
unrelated regular expressions, an unknown keyword), the change is reported
as breaking both ways: a breaking change is never classified as safe.

Every change demands a SemVer step: a backward-incompatible change a new
major version, any other change of what validates a new minor version, a
change of titles and descriptions only a patch. :class:`Diff` says whether
the new bundle's version number is large enough.

兼容性：逐项比较两个模式包（两个标准版本，或核心标准与地方配置），对每一处变化判断
向后兼容（旧数据在新模式下仍然有效）与向前兼容（旧的读取方能读取新数据），并给出
语义化版本所要求的升级幅度。
"""

from __future__ import annotations

import difflib
import enum
import hashlib
import itertools
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError

__all__ = [
    "MODES",
    "Bundle",
    "Change",
    "ChangeKind",
    "Diff",
    "diff_bundles",
    "diff_schemas",
    "load_bundle",
    "render_markdown",
    "render_text",
]

#: The compatibility modes ``schema diff`` can require.
MODES = ("backward", "forward", "full", "none")

#: Schema files of a bundle that are not compared (they aggregate others, or are not data).
_SKIP_SCHEMAS = frozenset({"dataset", "entity", "report", "profile", "indicator", "assessment"})

#: Keywords that do not change what validates.
_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "examples",
        "default",
        "$comment",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$id",
        "$schema",
        "$defs",
        "definitions",
        "contentMediaType",
        "contentEncoding",
        "format",
        "$anchor",
        "$dynamicAnchor",
    }
)
_HANDLED = frozenset(
    {
        "type",
        "enum",
        "const",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "items",
        "prefixItems",
        "minItems",
        "maxItems",
        "uniqueItems",
        "contains",
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "dependentRequired",
        "dependentSchemas",
        "not",
        "allOf",
        "if",
        "then",
        "else",
    }
)
#: Keywords that apply to values of one JSON type only (``integer`` shares ``number``'s).
_TYPE_KEYWORDS: dict[str, frozenset[str]] = {
    "number": frozenset(
        {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
    ),
    "string": frozenset({"minLength", "maxLength", "pattern"}),
    "array": frozenset(
        {
            "items",
            "prefixItems",
            "contains",
            "minContains",
            "maxContains",
            "minItems",
            "maxItems",
            "uniqueItems",
            "unevaluatedItems",
        }
    ),
    "object": frozenset(
        {
            "properties",
            "patternProperties",
            "additionalProperties",
            "required",
            "dependentRequired",
            "dependentSchemas",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "unevaluatedProperties",
        }
    ),
}
#: ``(keyword, the keywords beside it that it reads)``: these must stay in one schema object.
_ADJACENT = (
    ("additionalProperties", ("properties", "patternProperties")),
    ("items", ("prefixItems",)),
    ("then", ("if",)),
    ("else", ("if",)),
    ("minContains", ("contains",)),
    ("maxContains", ("contains",)),
)
#: Keywords that read the results of every applicator around them.
_UNEVALUATED = frozenset({"unevaluatedProperties", "unevaluatedItems"})
#: The applicators whose results ``unevaluated*`` sees besides the adjacent keywords.
_IN_PLACE = frozenset(
    {"allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas", "$ref", "$dynamicRef"}
)
_JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")
_ANY = "any"
#: Beyond this many alternatives, an ``anyOf`` is compared as a whole.
_MAX_ALTS = 64
#: An array of tuples of at most this many lengths is compared length by length.
_MAX_LENGTHS = 8


class ChangeKind(str, enum.Enum):
    """What kind of change a :class:`Change` is."""

    SCHEMA_ADDED = "schema_added"
    SCHEMA_REMOVED = "schema_removed"
    FIELD_ADDED = "field_added"
    FIELD_REMOVED = "field_removed"
    FIELD_RENAMED = "field_renamed"
    REQUIRED_ADDED = "required_added"
    REQUIRED_DROPPED = "required_dropped"
    TYPE_NARROWED = "type_narrowed"
    TYPE_WIDENED = "type_widened"
    ENUM_GROWN = "enum_grown"
    ENUM_SHRUNK = "enum_shrunk"
    CODELIST_GROWN = "codelist_grown"
    CODELIST_SHRUNK = "codelist_shrunk"
    BOUND_TIGHTENED = "bound_tightened"
    BOUND_LOOSENED = "bound_loosened"
    PATTERN_TIGHTENED = "pattern_tightened"
    PATTERN_LOOSENED = "pattern_loosened"
    PATTERN_CHANGED = "pattern_changed"
    OBJECT_OPENED = "object_opened"
    OBJECT_CLOSED = "object_closed"
    CONSTRAINT_CHANGED = "constraint_changed"
    DESCRIPTION_ONLY = "description_only"

    def __str__(self) -> str:
        return self.value

    def label(self, lang: str = "en") -> str:
        """A short label in ``zh-CN`` or ``en``."""
        zh, en = _LABELS[self]
        return zh if lang.lower().startswith("zh") else en


_LABELS: dict[ChangeKind, tuple[str, str]] = {
    ChangeKind.SCHEMA_ADDED: ("新增实体类型", "entity type added"),
    ChangeKind.SCHEMA_REMOVED: ("删除实体类型", "entity type removed"),
    ChangeKind.FIELD_ADDED: ("新增字段", "field added"),
    ChangeKind.FIELD_REMOVED: ("删除字段", "field removed"),
    ChangeKind.FIELD_RENAMED: ("字段改名", "field renamed"),
    ChangeKind.REQUIRED_ADDED: ("改为必填", "field made required"),
    ChangeKind.REQUIRED_DROPPED: ("改为可选", "field made optional"),
    ChangeKind.TYPE_NARROWED: ("类型收窄", "type narrowed"),
    ChangeKind.TYPE_WIDENED: ("类型放宽", "type widened"),
    ChangeKind.ENUM_GROWN: ("枚举增加取值", "enum grown"),
    ChangeKind.ENUM_SHRUNK: ("枚举减少取值", "enum shrunk"),
    ChangeKind.CODELIST_GROWN: ("代码表扩充", "code list grown"),
    ChangeKind.CODELIST_SHRUNK: ("代码表缩减", "code list shrunk"),
    ChangeKind.BOUND_TIGHTENED: ("范围收紧", "bound tightened"),
    ChangeKind.BOUND_LOOSENED: ("范围放宽", "bound loosened"),
    ChangeKind.PATTERN_TIGHTENED: ("格式收紧", "pattern tightened"),
    ChangeKind.PATTERN_LOOSENED: ("格式放宽", "pattern loosened"),
    ChangeKind.PATTERN_CHANGED: ("格式改变", "pattern changed"),
    ChangeKind.OBJECT_OPENED: ("对象开放", "object opened"),
    ChangeKind.OBJECT_CLOSED: ("对象封闭", "object closed"),
    ChangeKind.CONSTRAINT_CHANGED: ("约束改变", "constraint changed"),
    ChangeKind.DESCRIPTION_ONLY: ("仅说明文字", "description only"),
}

_BUMP_RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}


@dataclass(frozen=True)
class Change:
    """One difference between two schemas.

    Attributes:
        kind: what kind of change.
        schema: the schema it is in (``"Building"``, ``"envelope"``).
        path: where inside the schema's instances: property names, ``"[]"``
            for the items of an array, ``"[0]"`` for a tuple position.
        backward: whether data valid under the old schema stays valid.
        forward: whether data valid under the new schema is valid under the old one.
        keyword: the JSON Schema keyword concerned (``"maximum"``), if one.
        old: the old value (a bound, the codes removed, the old name ...).
        new: the new value.
    """

    kind: ChangeKind
    schema: str
    path: tuple[str, ...]
    backward: bool
    forward: bool
    keyword: str = ""
    old: Any = None
    new: Any = None

    @property
    def location(self) -> str:
        """``Building.location.coordinates[0]``."""
        out = self.schema
        for part in self.path:
            out += part if part.startswith(("[", "{")) else "." + part
        return out

    @property
    def breaking(self) -> bool:
        """Whether it breaks either direction."""
        return not (self.backward and self.forward)

    @property
    def bump(self) -> str:
        """The SemVer step it demands: ``major``, ``minor`` or ``patch``."""
        if not self.backward:
            return "major"
        if self.kind is ChangeKind.DESCRIPTION_ONLY:
            return "patch"
        return "minor"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "kind": self.kind.value,
            "schema": self.schema,
            "path": list(self.path),
            "location": self.location,
            "keyword": self.keyword,
            "old": self.old,
            "new": self.new,
            "backward": self.backward,
            "forward": self.forward,
            "bump": self.bump,
        }

    def describe(self, lang: str = "en") -> str:
        """One line: label, location and the values."""
        parts = [self.kind.label(lang), self.location]
        if self.keyword:
            parts.append(self.keyword)
        if self.old is not None or self.new is not None:
            parts.append(f"{_short(self.old)} -> {_short(self.new)}")
        return " ".join(parts)


def _short(value: Any) -> str:
    if value is None:
        return "-"
    text = (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        if not isinstance(value, str)
        else value
    )
    return text if len(text) <= 80 else text[:77] + "..."


# --------------------------------------------------------------------------- bundles


@dataclass(frozen=True)
class Bundle:
    """A set of schemas to compare.

    Attributes:
        schemas: the schema documents by name (``"Building"``, ``"envelope"``);
            a schema is an object or a boolean.
        version: the version the bundle publishes, if known.
        subject: ``"scds"`` for the core, the profile's name for a profile.
        source: where it was loaded from.
        codelists: the ``codelists.json`` document, if any.
    """

    schemas: Mapping[str, Any]
    version: str | None = None
    subject: str = "scds"
    source: str = ""
    codelists: Mapping[str, Any] | None = None
    #: whether the bundle is one schema file (:func:`load_bundle`), compared with
    #: another one whatever the two files are called
    single: bool = False

    @property
    def label(self) -> str:
        """``SCDS 1.0.0``, ``gz-panyu@1.0.0``, or a schema file's name (``old.json``)."""
        if self.single:
            name = Path(self.source).name or "schema"
            return f"{name} {self.version}" if self.version else name
        if self.subject == "scds":
            return f"SCDS {self.version or '?'}"
        return f"{self.subject}@{self.version or '?'}"

    @classmethod
    def from_files(
        cls,
        files: Mapping[str, Any],
        *,
        version: str | None = None,
        subject: str = "scds",
        source: str = "",
    ) -> Bundle:
        """A bundle from documents by file name (``Building.schema.json`` ...)."""
        schemas = {
            n[: -len(".schema.json")]: d for n, d in files.items() if n.endswith(".schema.json")
        }
        cl = files.get("codelists.json")
        return cls(schemas, version, subject, source, cl if isinstance(cl, Mapping) else None)


_VERSION_IN_ID = re.compile(
    r"/((?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?)/[^/]+\.schema\.json$"
)


def _verify_checksums(folder: Path) -> None:
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return
    try:
        listed = sums.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"bundle {folder}: cannot read SHA256SUMS: {exc}") from None
    for line in listed:
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        target = folder / name.strip()
        if not target.is_file():
            raise UsageError(f"bundle {folder}: {name.strip()} is listed in SHA256SUMS but missing")
        if hashlib.sha256(target.read_bytes()).hexdigest() != digest.strip():
            raise UsageError(f"bundle {folder}: {name.strip()} does not match its SHA-256 checksum")


def _schema_name(file: str) -> str:
    """``Building`` of ``Building.schema.json``; ``old`` of ``old.json`` or ``old.yaml``."""
    for suffix in (".schema.json", ".schema.yaml", ".schema.yml", ".json", ".yaml", ".yml"):
        if file.lower().endswith(suffix):
            return file[: -len(suffix)] or file
    return file


def _read_schema_file(path: Path) -> Any:
    """The document of a JSON or YAML file, read with the limits of data files.

    Raises:
        UsageError: when it cannot be read or parsed (what and where).
    """
    from smartstd.io import read_file

    try:
        doc = read_file(path)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if doc.findings:
        f = doc.findings[0]
        where = ":".join(str(x) for x in (path, f.line, f.column) if x is not None)
        raise UsageError(f"{where}: {f.code} {f.message('en')}")
    return doc.value


def load_bundle(source: str | Path, *, verify: bool = True) -> Bundle:
    """Load a bundle: a folder, a schema or profile file, or a published version.

    Args:
        source: a bundle folder (``schemas/1.0.0``); a JSON Schema file, JSON
            or YAML (a bundle of that one schema: two such files are compared
            with each other whatever their names); a profile file
            (``profile.yaml``, a mapping with ``profile``: its effective
            bundle); or a version whose bundle ships with the library
            (``"1.0.0"``).
        verify: check ``SHA256SUMS`` when the folder has one.

    Raises:
        UsageError: when the source does not exist, holds no schema or fails its checksums.
    """
    path = Path(source)
    if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".json"):
        doc = _read_schema_file(path)
        if isinstance(doc, dict) and "profile" in doc and not path.name.endswith(".schema.json"):
            from smartstd.profiles import effective_files, load_profile

            ps = load_profile(path)
            return Bundle.from_files(
                effective_files(ps),
                version=ps.main.version,
                subject=ps.main.name,
                source=ps.main.source,
            )
        if not isinstance(doc, (dict, bool)):
            raise UsageError(
                f"{path}: neither a JSON Schema (an object or a boolean) nor a profile"
            )
        schema_id = str(doc.get("$id", "")) if isinstance(doc, dict) else ""
        m = _VERSION_IN_ID.search(schema_id)
        # what the $id names, its version aside: two files of one schema share it
        subject = schema_id[: m.start(1)] + "*" + schema_id[m.end(1) :] if m else "schema"
        return Bundle(
            {_schema_name(path.name): doc},
            m.group(1) if m else None,
            subject=subject,
            source=str(path),
            single=True,
        )
    if path.is_dir():
        if verify:
            _verify_checksums(path)
        files: dict[str, Any] = {}
        for child in sorted(path.iterdir()):
            if child.name.endswith(".schema.json") or child.name in (
                "index.json",
                "codelists.json",
            ):
                try:
                    files[child.name] = json.loads(child.read_text("utf-8"))
                except (OSError, ValueError) as exc:
                    raise UsageError(f"bundle {path}: cannot read {child.name}: {exc}") from None
        if not any(n.endswith(".schema.json") for n in files):
            raise UsageError(f"bundle {path}: no *.schema.json files")
        index = _dict(files.get("index.json"))
        version = index.get("version") if isinstance(index.get("version"), str) else None
        subject = "scds"
        prof_info = index.get("profile")
        if isinstance(prof_info, dict) and isinstance(prof_info.get("name"), str):
            subject = prof_info["name"]
            version = (
                prof_info.get("version") if isinstance(prof_info.get("version"), str) else version
            )
        if version is None:
            for name, doc in files.items():
                m = (
                    _VERSION_IN_ID.search(str(doc.get("$id", "")))
                    if isinstance(doc, dict) and name.endswith(".schema.json")
                    else None
                )
                if m:
                    version = m.group(1)
                    break
        return Bundle.from_files(files, version=version, subject=subject, source=str(path))
    from smartstd.schemas import published_root

    root = published_root().joinpath(str(source))
    if isinstance(source, str) and root.is_dir():
        files = {
            entry.name: json.loads(entry.read_text("utf-8"))
            for entry in root.iterdir()
            if entry.name.endswith(".schema.json")
        }
        return Bundle.from_files(files, version=str(source), source=f"smartstd:{source}")
    raise UsageError(f"no bundle folder, profile file or published version: {source}")


# --------------------------------------------------------------------------- the comparison


def _is_annotation(key: str) -> bool:
    return key in _ANNOTATIONS or key.startswith("x-")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _canon(value: Any) -> str:
    """A text that is the same for JSON-equal values (``1`` and ``1.0``, not ``true`` and ``1``)."""
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    if isinstance(value, list):
        return "[" + ",".join(_canon(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ",".join(f"{json.dumps(str(k))}:{_canon(value[k])}" for k in sorted(value)) + "}"
        )
    if value is None or isinstance(value, (bool, str)):
        return json.dumps(value)
    return repr(value)


def _constraints(node: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if not _is_annotation(k)}


def _annotations(node: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if _is_annotation(k)}


def _type_set(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for t in value if isinstance(t, str)]
    return list(_JSON_TYPES)


def _type_meet(a: Any, b: Any) -> Any:
    """The ``type`` of a value valid under both ``type`` s (``[]`` when there is none)."""

    def admits(types: list[str], t: str) -> bool:
        return t in types or (t == "integer" and "number" in types)

    sa, sb = _type_set(a), _type_set(b)
    out = [t for t in _JSON_TYPES if admits(sa, t) and admits(sb, t)]
    if "number" in out:
        out.remove("integer")
    return out[0] if len(out) == 1 else out


def _interacts(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether a keyword of ``a`` reads a keyword of ``b`` it would not read in ``a`` alone."""
    for x, y in ((a, b), (b, a)):
        for keyword, reads in _ADJACENT:
            if keyword in x and any(
                k in y and (k not in x or _canon(x[k]) != _canon(y[k])) for k in reads
            ):
                return True
    return False


def _conjoin(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any] | None:
    """One schema object valid exactly where ``a`` and ``b`` both are, or ``None``.

    ``None`` when keywords would clash or read each other (``additionalProperties``
    reads its own ``properties`` only, ``unevaluated*`` everything around it).
    """
    if not _constraints(a) or not _constraints(b):
        return {**a, **b}
    if (set(a) | set(b)) & _UNEVALUATED or _interacts(a, b):
        return None
    out = dict(a)
    for k, v in b.items():
        if k not in out or _is_annotation(k):
            out[k] = v
        elif k == "type":
            out[k] = _type_meet(out[k], v)
        elif k == "required" and isinstance(v, list) and isinstance(out[k], list):
            out[k] = list(dict.fromkeys([*out[k], *v]))
        elif _canon(out[k]) != _canon(v):
            return None
    return out


def _both(a: Any, b: Mapping[str, Any]) -> dict[str, Any]:
    """``a`` and ``b`` as one schema object, merged when that is safe, else as ``allOf``."""
    merged = _conjoin(a, b) if isinstance(a, dict) else None
    if merged is not None:
        return merged
    return {"allOf": [a, _constraints(b)], **_annotations(b)}


def _resolve_pointer(root: Any, ref: str) -> Any:
    node = root
    for raw in ref[2:].split("/") if ref != "#" else []:
        tok = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and tok in node:
            node = node[tok]
        elif isinstance(node, list) and tok.isdigit() and int(tok) < len(node):
            node = node[int(tok)]
        else:
            return None
    return node


def _deref(node: Any, root: Any) -> tuple[Any, str | None]:
    """Follow local ``$ref`` s; sibling keywords are kept (as ``allOf`` when they interact)."""
    ref_name: str | None = None
    for _ in range(32):
        if not (
            isinstance(node, dict)
            and isinstance(node.get("$ref"), str)
            and node["$ref"].startswith("#")
        ):
            break
        ref = node["$ref"]
        target = _resolve_pointer(root, ref)
        if not isinstance(target, (bool, dict)):
            break
        ref_name = ref
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = _both(target, siblings) if siblings else target
    return node, ref_name


_DEEP = itertools.count()


def _structure(node: Any, root: Any) -> Any:
    """A schema with every ``$ref`` followed and every annotation dropped (for comparisons).

    A ``$ref`` met again inside its own expansion becomes ``{"$ref": ..., "up": n}``
    (the schema ``n`` levels up), so recursive schemas compare as the trees they stand
    for; a part too deep to expand is equal to nothing.
    """
    return _shape(node, root, 0, {})


def _shape(node: Any, root: Any, depth: int, expanding: dict[str, int]) -> Any:
    if depth > 48:
        return f"...{next(_DEEP)}"
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in expanding:
            rest = _shape({k: v for k, v in node.items() if k != "$ref"}, root, depth, expanding)
            return {"$ref": ref, "up": depth - expanding[ref], **rest}
        expanding = {**expanding, ref: depth}
    node, _ = _deref(node, root)
    deeper = depth + 1
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for k, v in node.items():
            if _is_annotation(k):
                continue
            if k in ("properties", "patternProperties", "dependentSchemas"):
                out[k] = (
                    {name: _shape(sub, root, deeper, expanding) for name, sub in v.items()}
                    if isinstance(v, dict)
                    else v
                )
            elif k in ("required", "enum", "type") and isinstance(v, list):
                out[k] = sorted(v, key=_canon)
            elif k in ("const", "dependentRequired"):
                out[k] = _canon(v)
            else:
                out[k] = _shape(v, root, deeper, expanding)
        return out
    if isinstance(node, list):
        return [_shape(v, root, deeper, expanding) for v in node]
    return node


def _trivial(node: Any, root: Any) -> bool:
    """Whether a schema accepts every value."""
    s = _structure(node, root)
    return s is True or s == {}


def _flatten(node: dict[str, Any], root: Any) -> Any:
    """``node`` with its ``allOf`` members merged in where safe (``False``: one refuses all).

    A member met again (an ``allOf`` that refers back to itself) adds nothing: ``A`` and
    ``A`` is ``A``.
    """
    out = dict(node)
    rest: list[Any] = []
    seen: dict[int, Any] = {}  # by identity; the values keep the members alive
    rounds = 0
    while isinstance(out.get("allOf"), list):
        if rounds == _MAX_ALTS:  # a safety net: never loop for ever
            rest.extend(out.pop("allOf"))
            break
        rounds += 1
        members = out.pop("allOf")
        for member in members:
            if id(member) in seen:
                continue
            seen[id(member)] = member
            md, _ = _deref(member, root)
            if md is False:
                return False
            if md is True:
                continue
            merged = _conjoin(out, _constraints(md)) if isinstance(md, dict) else None
            if merged is None:
                rest.append(member)
            else:
                out = merged
    if rest:
        out["allOf"] = rest
    return out


def _settle_unevaluated(node: dict[str, Any]) -> dict[str, Any]:
    """``unevaluated*`` as ``additionalProperties`` / ``items`` when nothing else evaluates.

    Without in-place applicators, the properties (items) left unevaluated are
    exactly those ``additionalProperties`` (``items``) would see.
    """
    if not set(node) & _UNEVALUATED or set(node) & _IN_PLACE:
        return node
    out = dict(node)
    if "unevaluatedProperties" in out:
        out.setdefault("additionalProperties", out.pop("unevaluatedProperties"))
    if "unevaluatedItems" in out and "contains" not in out:
        out.setdefault("items", out.pop("unevaluatedItems"))
    return out


def _codelist(node: Any, root: Any) -> tuple[list[Any], Any] | None:
    """``(codes, open_branch)`` when ``node`` is an open code list (enum or namespaced pattern)."""
    if not isinstance(node, dict) or set(_constraints(node)) - {"anyOf", "type"}:
        return None
    alts = node.get("anyOf")
    if not isinstance(alts, list) or len(alts) != 2:
        return None
    if node.get("type") not in (None, "string"):
        return None
    branches = [_deref(a, root)[0] for a in alts]
    enums = [
        b
        for b in branches
        if isinstance(b, dict)
        and isinstance(b.get("enum"), list)
        and set(_constraints(b)) <= {"enum", "type"}
        and b.get("type") in (None, "string")
    ]
    opens = [b for b in branches if isinstance(b, dict) and "pattern" in b and "enum" not in b]
    if len(enums) != 1 or len(opens) != 1:
        return None
    return list(enums[0]["enum"]), {"type": "string", **_constraints(opens[0])}


def _closed_enum(node: Any) -> list[Any] | None:
    if (
        isinstance(node, dict)
        and isinstance(node.get("enum"), list)
        and node.get("type") in (None, "string")
        and set(_constraints(node)) <= {"enum", "type"}
    ):
        return list(node["enum"])
    return None


def _types_of(node: dict[str, Any]) -> list[str]:
    t = node.get("type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list) and t:
        return [x for x in t if isinstance(x, str)]
    if "const" in node:
        return [_json_type(node["const"])]
    if isinstance(node.get("enum"), list) and node["enum"]:
        return sorted({_json_type(v) for v in node["enum"]}, key=_JSON_TYPES.index)
    return [_ANY]


def _applicable(node: dict[str, Any], t: str) -> dict[str, Any]:
    """``node`` without the keywords that never apply to values of type ``t``."""
    if t == _ANY:
        return node
    group = "number" if t == "integer" else t
    return {
        k: v
        for k, v in node.items()
        if not any(k in kws for g, kws in _TYPE_KEYWORDS.items() if g != group)
    }


def _by_type(node: dict[str, Any]) -> list[Any]:
    """A schema object as alternatives of one JSON type each."""
    clean = _constraints(node)
    if clean.get("type") == []:
        return []
    types = _types_of(clean)
    if len(types) == 1:
        return [_applicable(clean, types[0])]
    return [_applicable({**clean, "type": t}, t) for t in types]


def _values(node: dict[str, Any]) -> list[Any] | None:
    """The values ``const`` and ``enum`` allow, of the node's type (``None``: no such list)."""
    found: list[Any] | None = [node["const"]] if "const" in node else None
    listed = node.get("enum")
    if isinstance(listed, list):
        keep = {_canon(v) for v in listed}
        found = list(listed) if found is None else [v for v in found if _canon(v) in keep]
    t = _types_of(node)[0]
    if found is None or t == _ANY:
        return found
    return [v for v in found if _json_type(v) == t or (t, _json_type(v)) == ("number", "integer")]


def _no_common(a: list[Any] | None, b: list[Any] | None) -> bool:
    return a is not None and b is not None and not {_canon(v) for v in a} & {_canon(v) for v in b}


def _apart(a: Any, b: Any, root: Any) -> bool:
    """Whether no value is valid under both alternatives (when that is easy to see)."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    ta, tb = _types_of(a)[0], _types_of(b)[0]
    if _ANY not in (ta, tb) and ta != tb and {ta, tb} != {"integer", "number"}:
        return True
    if _no_common(_values(a), _values(b)):
        return True
    if (ta, tb) == ("array", "array"):
        (low_a, high_a), (low_b, high_b) = _lengths(a), _lengths(b)
        return (high_a is not None and high_a < low_b) or (high_b is not None and high_b < low_a)
    if (ta, tb) != ("object", "object"):
        return False
    pa, pb = _dict(a.get("properties")), _dict(b.get("properties"))
    both = set(_list(a.get("required"))) & set(_list(b.get("required"))) & set(pa) & set(pb)
    for name in both:
        sa, sb = _deref(pa[name], root)[0], _deref(pb[name], root)[0]
        if isinstance(sa, dict) and isinstance(sb, dict) and _no_common(_values(sa), _values(sb)):
            return True
    return False


def _lengths(node: dict[str, Any]) -> tuple[int, int | None]:
    """The lengths an array schema allows: ``(least, most)`` (``None``: no most)."""
    low = _number(node.get("minItems"))
    high = _number(node.get("maxItems"))
    pre = node.get("prefixItems")
    if node.get("items") is False:
        cap = float(len(pre)) if isinstance(pre, list) else 0.0
        high = cap if high is None else min(high, cap)
    least = max(0, math.ceil(low)) if low is not None else 0
    return least, (math.floor(high) if high is not None else None)


def _by_length(alt: Any) -> list[Any]:
    """An array alternative of tuples of a few lengths as one whole tuple per length.

    ``prefixItems`` with nothing after them (``items: false``, or ``maxItems`` no
    larger than the tuple) allow a range of lengths; each length is a whole tuple,
    as a schema written as an ``anyOf`` of tuples has it, so the two forms compare
    as equal. Anything else is left as it is.
    """
    if not isinstance(alt, dict) or alt.get("type") != "array":
        return [alt]
    pre = alt.get("prefixItems")
    if not isinstance(pre, list) or not pre:
        return [alt]
    least, most = _lengths(alt)
    if most is None or most > len(pre) or not least <= most < least + _MAX_LENGTHS:
        return [alt]
    rest = {k: v for k, v in alt.items() if k not in ("prefixItems", "minItems", "maxItems")}
    out = []
    for n in range(least, most + 1):
        part: dict[str, Any] = {**rest, "minItems": n, "maxItems": n, "items": False}
        if n:
            part["prefixItems"] = pre[:n]
        out.append(part)
    return out


def _bound(node: dict[str, Any], side: str, integral: bool = False) -> tuple[float, bool] | None:
    """The effective lower (``"min"``) or upper (``"max"``) bound: ``(value, exclusive)``.

    For integers (``integral``) the bound is made inclusive: ``exclusiveMinimum: 0`` is
    ``minimum: 1``.
    """
    inc_key, exc_key = (
        ("minimum", "exclusiveMinimum") if side == "min" else ("maximum", "exclusiveMaximum")
    )
    cands: list[tuple[float, bool]] = []
    for key, excl in ((inc_key, False), (exc_key, True)):
        v = node.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            cands.append((float(v), excl))
    if not cands:
        return None
    if side == "min":
        value, excl = max(cands, key=lambda c: (c[0], c[1]))
        if integral:
            return float(math.floor(value) + 1 if excl else math.ceil(value)), False
        return value, excl
    value, excl = min(cands, key=lambda c: (c[0], not c[1]))
    if integral:
        return float(math.ceil(value) - 1 if excl else math.floor(value)), False
    return value, excl


def _tighter(side: str, a: tuple[float, bool], b: tuple[float, bool]) -> bool:
    """Whether bound ``b`` is strictly tighter than ``a``."""
    if side == "min":
        return b[0] > a[0] or (b[0] == a[0] and b[1] and not a[1])
    return b[0] < a[0] or (b[0] == a[0] and b[1] and not a[1])


def _plain_number(b: tuple[float, bool] | None) -> Any:
    if b is None:
        return None
    v: float | int = int(b[0]) if b[0].is_integer() else b[0]
    return {"exclusive": v} if b[1] else v


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _step(node: dict[str, Any]) -> float | None:
    """``multipleOf``, ``None`` when absent or (for integers) when every integer is a multiple."""
    step = _number(node.get("multipleOf"))
    if step is None or step <= 0:
        return None
    if _types_of(node)[0] == "integer" and (1 / step).is_integer():
        return None
    return step


def _divides(small: float, large: float) -> bool:
    """Whether every multiple of ``large`` is a multiple of ``small``."""
    return (large / small).is_integer()


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _narrowed_from(pattern: str, others: Mapping[str, Any]) -> str | None:
    """The pattern of ``others`` that ``pattern`` is, but for names it leaves out first.

    ``^(?!(gz:a|gz:b)$)P`` matches a subset of the names ``^P`` matches (a
    profile leaves the fields it declares out of the extension pattern): those
    names were governed by ``^P``'s schema, not by ``additionalProperties``.
    """
    if not pattern.startswith("^(?!"):
        return None
    for other in others:
        if not other.startswith("^") or len(other) < 2 or not pattern.endswith(other[1:]):
            continue
        look = pattern[1 : len(pattern) - len(other) + 1]
        if not (look.startswith("(?!") and look.endswith(")")):
            continue
        try:  # one lookahead group: its inside is a regular expression of its own
            re.compile(look[3:-1])
        except re.error:
            continue
        return other
    return None


def _search(pattern: str, name: str) -> bool:
    try:
        return re.search(pattern, name) is not None
    except re.error:
        return False


def _conjuncts(node: dict[str, Any], name: str) -> list[Any]:
    """The schemas a property ``name`` of an instance must satisfy, all at once."""
    props = _dict(node.get("properties"))
    out = [props[name]] if name in props else []
    out += [s for p, s in _dict(node.get("patternProperties")).items() if _search(p, name)]
    return out or [node.get("additionalProperties", True)]


_BOUND_KEYS = frozenset(
    {
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "multipleOf",
    }
)


def _member_kind(shape: Any, tightened: bool) -> ChangeKind:
    """The kind of an ``allOf`` member added (tightened) or removed."""
    keys = set(shape) - {"type"} if isinstance(shape, dict) else set()
    if keys == {"pattern"}:
        return ChangeKind.PATTERN_TIGHTENED if tightened else ChangeKind.PATTERN_LOOSENED
    if keys and keys <= _BOUND_KEYS:
        return ChangeKind.BOUND_TIGHTENED if tightened else ChangeKind.BOUND_LOOSENED
    return ChangeKind.CONSTRAINT_CHANGED


def _verdict_kind(
    backward: bool, forward: bool, tightened: ChangeKind, loosened: ChangeKind
) -> ChangeKind:
    """``tightened`` for (breaks, ok), ``loosened`` for (ok, breaks), else a constraint change."""
    if forward and not backward:
        return tightened
    if backward and not forward:
        return loosened
    return ChangeKind.CONSTRAINT_CHANGED


class _Differ:
    """Walks two schemas side by side and records the changes."""

    def __init__(self, schema: str, old_root: Any, new_root: Any) -> None:
        self.schema = schema
        self.old_root = old_root
        self.new_root = new_root
        self.changes: list[Change] = []
        self._active: set[tuple[str, str]] = set()

    def add(
        self,
        kind: ChangeKind,
        path: Sequence[str],
        backward: bool,
        forward: bool,
        keyword: str = "",
        old: Any = None,
        new: Any = None,
    ) -> None:
        self.changes.append(
            Change(kind, self.schema, tuple(path), backward, forward, keyword, old, new)
        )

    def sub(self, old: Any, new: Any, path: Sequence[str]) -> list[Change]:
        """The changes between two sub-schemas, without recording them."""
        other = _Differ(self.schema, self.old_root, self.new_root)
        other._active = set(self._active)
        other.node(old, new, tuple(path))
        return other.changes

    def verdicts(self, old: Any, new: Any, path: Sequence[str]) -> tuple[bool, bool]:
        """``(old ⊆ new, new ⊆ old)`` as far as the comparison can tell."""
        subs = self.sub(old, new, path)
        return all(c.backward for c in subs), all(c.forward for c in subs)

    def entails(self, old: list[Any], new: list[Any], path: Sequence[str]) -> tuple[bool, bool]:
        """Verdicts for the conjunctions of ``old`` and of ``new`` (each side all at once)."""
        table = {
            (i, j): self.verdicts(a, b, path) for i, a in enumerate(old) for j, b in enumerate(new)
        }
        backward = all(any(table[i, j][0] for i in range(len(old))) for j in range(len(new)))
        forward = all(any(table[i, j][1] for j in range(len(new))) for i in range(len(old)))
        return backward, forward

    # -- nodes

    def node(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        old_d, old_ref = _deref(old, self.old_root)
        new_d, new_ref = _deref(new, self.new_root)
        if old_ref is not None and new_ref is not None:
            key = (old_ref, new_ref)
            if key in self._active:
                return
            self._active.add(key)
            try:
                self._node(old_d, new_d, path)
            finally:
                self._active.discard(key)
            return
        self._node(old_d, new_d, path)

    def _node(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        if isinstance(old, dict) and isinstance(new, dict):
            ann_o = {
                k: v
                for k, v in old.items()
                if _is_annotation(k) and k not in ("$defs", "definitions", "$id", "$schema")
            }
            ann_n = {
                k: v
                for k, v in new.items()
                if _is_annotation(k) and k not in ("$defs", "definitions", "$id", "$schema")
            }
            if ann_o != ann_n:
                keys = sorted(k for k in set(ann_o) | set(ann_n) if ann_o.get(k) != ann_n.get(k))
                self.add(ChangeKind.DESCRIPTION_ONLY, path, True, True, ",".join(keys))
        old_alts = self.alts(old, self.old_root)
        new_alts = self.alts(new, self.new_root)
        if len(old_alts) == 1 and len(new_alts) == 1:
            self.alt(old_alts[0], new_alts[0], path)
            return
        self.match(old_alts, new_alts, path)

    def alts(self, node: Any, root: Any, depth: int = 0) -> list[Any]:
        """The alternatives of a schema, one JSON type each (``{}`` for any value)."""
        node, _ = _deref(node, root)
        if node is True:
            return [{}]
        if node is False or node is None:
            return []
        if not isinstance(node, dict):
            return [node]
        flat = _flatten(node, root)
        if not isinstance(flat, dict) or ("not" in flat and _trivial(flat["not"], root)):
            return []
        node = _settle_unevaluated(flat)
        if _codelist(node, root) is not None:
            return [node]
        if depth <= 6 and not set(node) & _UNEVALUATED:
            split = self.split(node, root, depth)
            if split is not None:
                return split
        return [part for alt in _by_type(node) for part in _by_length(alt)]

    def split(self, node: dict[str, Any], root: Any, depth: int) -> list[Any] | None:
        """The alternatives of an ``anyOf`` (or a ``oneOf`` whose branches exclude each other)."""
        for key in ("anyOf", "oneOf"):
            branches = node.get(key)
            if not isinstance(branches, list):
                continue
            base = _constraints({k: v for k, v in node.items() if k != key})
            parts = [self.alts(self.branch(base, b, root), root, depth + 1) for b in branches]
            if sum(len(part) for part in parts) > _MAX_ALTS:
                return None
            if key == "oneOf" and not all(
                _apart(a, b, root)
                for i, part in enumerate(parts)
                for other in parts[i + 1 :]
                for a in part
                for b in other
            ):
                return None
            return [a for part in parts for a in part]
        return None

    @staticmethod
    def branch(base: dict[str, Any], branch: Any, root: Any) -> Any:
        """A branch of an ``anyOf`` / ``oneOf`` together with the keywords beside it."""
        bd, _ = _deref(branch, root)
        if isinstance(bd, bool):
            return base if bd else False
        if not isinstance(bd, dict):
            return bd
        return _both(base, bd)

    @staticmethod
    def key(alt: Any) -> tuple[str, Any]:
        if not isinstance(alt, dict):
            return (_ANY, None)
        if _codelist(alt, {}) is not None:
            return ("string", None)
        t = _types_of(alt)[0]
        disc = None
        if t == "object":
            props = alt.get("properties")
            tp = props.get("type") if isinstance(props, dict) else None
            if isinstance(tp, dict) and "const" in tp:
                disc = tp["const"]
        return (t, disc)

    def pair(
        self, old_alts: list[Any], new_alts: list[Any]
    ) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
        """Alternatives paired by type (and discriminator), and those left over on each side."""
        groups_o: dict[tuple[str, Any], list[Any]] = {}
        groups_n: dict[tuple[str, Any], list[Any]] = {}
        for a in old_alts:
            groups_o.setdefault(self.key(a), []).append(a)
        for a in new_alts:
            groups_n.setdefault(self.key(a), []).append(a)
        pairs: list[tuple[Any, Any]] = []
        left_o: list[Any] = []
        left_n: list[Any] = []
        for k in dict.fromkeys([*groups_o, *groups_n]):
            o, n = list(groups_o.get(k, [])), list(groups_n.get(k, []))
            for a in list(o):
                shape = _structure(a, self.old_root)
                same = [b for b in n if _structure(b, self.new_root) == shape]
                if same:
                    pairs.append((a, same[0]))
                    o.remove(a)
                    n.remove(same[0])
            pairs.extend(zip(o, n, strict=False))
            left_o.extend(o[len(n) :])
            left_n.extend(n[len(o) :])
        # integer <-> number of the same discriminator pair up as a widening / narrowing
        for a in list(left_o):
            ka = self.key(a)
            partner = {"integer": "number", "number": "integer"}.get(ka[0])
            found = [b for b in left_n if partner and self.key(b) == (partner, ka[1])]
            if found:
                pairs.append((a, found[0]))
                left_o.remove(a)
                left_n.remove(found[0])
        return pairs, left_o, left_n

    def match(self, old_alts: list[Any], new_alts: list[Any], path: tuple[str, ...]) -> None:
        pairs, left_o, left_n = self.pair(old_alts, new_alts)
        for a, b in pairs:
            self.alt(a, b, path)
        # an alternative left over is fine when another one of the other side covers it
        for a in left_o:
            if not any(self.verdicts(a, b, path)[0] for b in new_alts):
                k = self.key(a)
                old = k[1] if k[1] is not None else k[0]
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", old, None)
        for b in left_n:
            if not any(self.verdicts(a, b, path)[1] for a in old_alts):
                k = self.key(b)
                new = k[1] if k[1] is not None else k[0]
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", None, new)

    # -- one alternative against another

    def alt(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            if _canon(old) != _canon(new):
                self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "", old, new)
            return
        if self.codelist_alt(old, new, path):
            return
        if set(old) & _UNEVALUATED or set(new) & _UNEVALUATED:
            # unevaluated* reads every applicator around it: equal, or breaking both ways
            if _structure(old, self.old_root) != _structure(new, self.new_root):
                kw = sorted((set(old) | set(new)) & _UNEVALUATED)[0]
                self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, kw)
            return
        to, tn = _types_of(old)[0], _types_of(new)[0]
        if to != tn:
            if to == _ANY:
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", None, tn)
                old = _applicable(old, tn)
            elif tn == _ANY:
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", to, None)
                new = _applicable(new, to)
            elif (to, tn) == ("integer", "number"):
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", to, tn)
            elif (to, tn) == ("number", "integer"):
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", to, tn)
            else:
                self.add(ChangeKind.TYPE_NARROWED, path, False, True, "type", to, None)
                self.add(ChangeKind.TYPE_WIDENED, path, True, False, "type", None, tn)
                return
        self.enum(old, new, path)
        self.bounds(old, new, path)
        self.pattern(old, new, path)
        self.negation(old, new, path)
        self.arrays(old, new, path)
        self.objects(old, new, path)
        self.all_of(old, new, path)
        self.conditional(old, new, path)
        self.others(old, new, path)

    def others(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """Keywords compared as a whole: any change breaks both ways."""
        for key in sorted((set(old) | set(new)) - _HANDLED):
            if _is_annotation(key):
                continue
            so = (key in old, _structure(old.get(key), self.old_root))
            sn = (key in new, _structure(new.get(key), self.new_root))
            if so != sn:
                self.add(
                    ChangeKind.CONSTRAINT_CHANGED,
                    path,
                    False,
                    False,
                    key,
                    old.get(key),
                    new.get(key),
                )

    def codelist_alt(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> bool:
        """Compare two alternatives as code lists when either is one (``True`` when done)."""
        cl_o, cl_n = _codelist(old, self.old_root), _codelist(new, self.new_root)
        if cl_o is None and cl_n is None:
            return False
        en_o = cl_o or ((_closed_enum(old) or []), None)
        en_n = cl_n or ((_closed_enum(new) or []), None)
        if (cl_o is None and _closed_enum(old) is None) or (
            cl_n is None and _closed_enum(new) is None
        ):
            self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "enum")
            return True
        self.codelist(en_o, en_n, path)
        return True

    def codelist(
        self, old: tuple[list[Any], Any], new: tuple[list[Any], Any], path: tuple[str, ...]
    ) -> None:
        from jsonschema import Draft202012Validator

        codes_o, open_o = old
        codes_n, open_n = new
        keys_o, keys_n = {_canon(c) for c in codes_o}, {_canon(c) for c in codes_n}
        added = [c for c in codes_n if _canon(c) not in keys_o]
        removed = [c for c in codes_o if _canon(c) not in keys_n]
        if added:
            fwd = open_o is not None and all(
                Draft202012Validator(open_o).is_valid(c) for c in added
            )
            self.add(ChangeKind.CODELIST_GROWN, path, True, fwd, "enum", None, added)
        if removed:
            bwd = open_n is not None and all(
                Draft202012Validator(open_n).is_valid(c) for c in removed
            )
            self.add(ChangeKind.CODELIST_SHRUNK, path, bwd, True, "enum", removed, None)
        if open_o is None and open_n is not None:
            self.add(
                ChangeKind.CODELIST_GROWN,
                path,
                True,
                False,
                "anyOf",
                "closed",
                open_n.get("pattern"),
            )
        elif open_o is not None and open_n is None:
            self.add(
                ChangeKind.CODELIST_SHRUNK,
                path,
                False,
                True,
                "anyOf",
                open_o.get("pattern"),
                "closed",
            )
        elif open_o is not None and open_n is not None and open_o != open_n:
            self.alt(open_o, open_n, (*path, "{extension}"))

    def enum(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        vo, vn = _values(old), _values(new)
        if vo is None and vn is None:
            return
        kw = "const" if "const" in old or "const" in new else "enum"
        if vo is None:
            self.add(ChangeKind.ENUM_SHRUNK, path, False, True, kw, None, vn)
            return
        if vn is None:
            self.add(ChangeKind.ENUM_GROWN, path, True, False, kw, vo, None)
            return
        keys_o, keys_n = {_canon(v) for v in vo}, {_canon(v) for v in vn}
        added = [v for v in vn if _canon(v) not in keys_o]
        removed = [v for v in vo if _canon(v) not in keys_n]
        if added:
            self.add(ChangeKind.ENUM_GROWN, path, True, False, kw, None, added)
        if removed:
            self.add(ChangeKind.ENUM_SHRUNK, path, False, True, kw, removed, None)

    def bounds(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        self.numbers(old, new, path)
        for kw, lower in (
            ("minLength", True),
            ("maxLength", False),
            ("minItems", True),
            ("maxItems", False),
            ("minProperties", True),
            ("maxProperties", False),
        ):
            self.count(old, new, path, kw, lower)
        self.multiple(old, new, path)
        uo, un = old.get("uniqueItems") is True, new.get("uniqueItems") is True
        if uo != un:
            if un:
                self.add(ChangeKind.BOUND_TIGHTENED, path, False, True, "uniqueItems", uo, un)
            else:
                self.add(ChangeKind.BOUND_LOOSENED, path, True, False, "uniqueItems", uo, un)

    def numbers(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``minimum`` / ``maximum`` and their exclusive forms."""
        int_o, int_n = _types_of(old)[0] == "integer", _types_of(new)[0] == "integer"
        for side, kw in (("min", "minimum"), ("max", "maximum")):
            bo, bn = _bound(old, side, int_o), _bound(new, side, int_n)
            if bo == bn:
                continue
            if bn is not None and (bo is None or _tighter(side, bo, bn)):
                kind, backward = ChangeKind.BOUND_TIGHTENED, False
            else:
                kind, backward = ChangeKind.BOUND_LOOSENED, True
            self.add(kind, path, backward, not backward, kw, _plain_number(bo), _plain_number(bn))

    def count(
        self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...], kw: str, lower: bool
    ) -> None:
        """A bound on a length or a number of items / properties (a lower one defaults to 0)."""
        a, b = old.get(kw), new.get(kw)
        na, nb = _number(a), _number(b)
        if (a is not None and na is None) or (b is not None and nb is None):
            if a != b:
                self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, kw, a, b)
            return
        if lower:
            na, nb = na or 0.0, nb or 0.0
        if na == nb:
            return
        if nb is not None and (na is None or (nb > na if lower else nb < na)):
            self.add(ChangeKind.BOUND_TIGHTENED, path, False, True, kw, a, b)
        else:
            self.add(ChangeKind.BOUND_LOOSENED, path, True, False, kw, a, b)

    def multiple(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``multipleOf``: a multiple of the old step tightens, a divisor of it loosens."""
        mo, mn = _step(old), _step(new)
        if mo == mn:
            return
        a, b = old.get("multipleOf"), new.get("multipleOf")
        if mo is None or (mn is not None and _divides(mo, mn)):
            self.add(ChangeKind.BOUND_TIGHTENED, path, False, True, "multipleOf", a, b)
        elif mn is None or _divides(mn, mo):
            self.add(ChangeKind.BOUND_LOOSENED, path, True, False, "multipleOf", a, b)
        else:
            self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "multipleOf", a, b)

    def pattern(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        po, pn = old.get("pattern"), new.get("pattern")
        if po == pn:
            return
        if po is None:
            self.add(ChangeKind.PATTERN_TIGHTENED, path, False, True, "pattern", None, pn)
        elif pn is None:
            self.add(ChangeKind.PATTERN_LOOSENED, path, True, False, "pattern", po, None)
        else:
            self.add(ChangeKind.PATTERN_CHANGED, path, False, False, "pattern", po, pn)

    def negation(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        no, nn = old.get("not"), new.get("not")
        if _structure(no, self.old_root) == _structure(nn, self.new_root):
            return
        pattern_only = all(
            x is None or (isinstance(x, dict) and set(x) <= {"pattern", "type"}) for x in (no, nn)
        )
        if no is None:
            backward, forward = False, True
        elif nn is None:
            backward, forward = True, False
        else:
            # "not X" lets through what "not Y" does when Y is within X
            inner_b, inner_f = self.verdicts(no, nn, path)
            backward, forward = inner_f, inner_b
            if backward and forward:
                return
        if pattern_only:
            kind = _verdict_kind(
                backward, forward, ChangeKind.PATTERN_TIGHTENED, ChangeKind.PATTERN_LOOSENED
            )
            kind = ChangeKind.PATTERN_CHANGED if kind is ChangeKind.CONSTRAINT_CHANGED else kind
        else:
            kind = ChangeKind.CONSTRAINT_CHANGED
        self.add(kind, path, backward, forward, "not", no, nn)

    def all_of(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        ao, an = _list(old.get("allOf")), _list(new.get("allOf"))
        ao, an = list(ao), list(an)
        for a in list(ao):
            shape = _structure(a, self.old_root)
            same = [b for b in an if _structure(b, self.new_root) == shape]
            if same:
                self.node(a, same[0], path)
                ao.remove(a)
                an.remove(same[0])
        for a, b in zip(ao, an, strict=False):
            self.node(a, b, path)
        for extra in an[len(ao) :]:
            if not _trivial(extra, self.new_root):
                shape = _structure(extra, self.new_root)
                self.add(
                    _member_kind(shape, tightened=True), path, False, True, "allOf", None, shape
                )
        for gone in ao[len(an) :]:
            if not _trivial(gone, self.old_root):
                shape = _structure(gone, self.old_root)
                self.add(
                    _member_kind(shape, tightened=False), path, True, False, "allOf", shape, None
                )

    def conditional(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``if`` / ``then`` / ``else``: the branches compare when the condition stays."""
        io, in_ = old.get("if"), new.get("if")
        if io is None and in_ is None:
            return
        if io is None or in_ is None:
            backward = io is not None
            kind = ChangeKind.CONSTRAINT_CHANGED
            self.add(kind, path, backward, not backward, "if", io, in_)
            return
        if _structure(io, self.old_root) != _structure(in_, self.new_root):
            self.add(ChangeKind.CONSTRAINT_CHANGED, path, False, False, "if", io, in_)
            return
        for key in ("then", "else"):
            self.node(old.get(key, True), new.get(key, True), (*path, f"{{{key}}}"))

    def arrays(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        pre_o = _list(old.get("prefixItems"))
        pre_n = _list(new.get("prefixItems"))
        items_o = old.get("items", True)
        items_n = new.get("items", True)
        for i in range(max(len(pre_o), len(pre_n))):
            a = pre_o[i] if i < len(pre_o) else items_o
            b = pre_n[i] if i < len(pre_n) else items_n
            self.node(a, b, (*path, f"[{i}]"))
        if _structure(items_o, self.old_root) != _structure(items_n, self.new_root):
            self.node(items_o, items_n, (*path, "[]"))
        self.contains(old, new, path)

    def contains(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        """``contains``: at least one item valid under it."""
        co, cn = old.get("contains"), new.get("contains")
        if _structure(co, self.old_root) == _structure(cn, self.new_root):
            return
        counted = any(k in n for n in (old, new) for k in ("minContains", "maxContains"))
        if counted:
            backward = forward = False
        elif co is None or cn is None:
            backward, forward = co is not None, co is None
        else:
            backward, forward = self.verdicts(co, cn, (*path, "[]"))
            if backward and forward:
                return
        kind = _verdict_kind(
            backward, forward, ChangeKind.BOUND_TIGHTENED, ChangeKind.BOUND_LOOSENED
        )
        self.add(kind, path, backward, forward, "contains", co, cn)

    # -- objects

    def presence(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        name: str,
        required: tuple[set[str], set[str]],
        path: tuple[str, ...],
    ) -> tuple[bool, bool]:
        """Verdicts for a property ``name`` listed on one side only (or renamed)."""
        ro, rn = required
        backward, forward = self.entails(
            _conjuncts(old, name), _conjuncts(new, name), (*path, name)
        )
        return (
            backward and not (name in rn and name not in ro),
            forward and not (name in ro and name not in rn),
        )

    def renames(
        self, po: dict[str, Any], pn: dict[str, Any], added: list[str], removed: list[str]
    ) -> list[tuple[str, str]]:
        """Pairs (removed, added) of the same shape; taken out of ``added`` and ``removed``."""
        renamed: list[tuple[str, str]] = []
        for r in list(removed):
            shape = _structure(po[r], self.old_root)
            candidates = [a for a in added if _structure(pn[a], self.new_root) == shape]
            if candidates:
                best = max(candidates, key=lambda a: difflib.SequenceMatcher(None, r, a).ratio())
                renamed.append((r, best))
                removed.remove(r)
                added.remove(best)
        return renamed

    def objects(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        po = _dict(old.get("properties"))
        pn = _dict(new.get("properties"))
        ro = {n for n in _list(old.get("required")) if isinstance(n, str)}
        rn = {n for n in _list(new.get("required")) if isinstance(n, str)}
        added = [n for n in pn if n not in po]
        removed = [n for n in po if n not in pn]
        renamed = self.renames(po, pn, added, removed)
        for r, a in renamed:
            b1, f1 = self.presence(old, new, r, (ro, rn), path)
            b2, f2 = self.presence(old, new, a, (ro, rn), path)
            self.add(ChangeKind.FIELD_RENAMED, (*path, a), b1 and b2, f1 and f2, "properties", r, a)
        for a in added:
            backward, forward = self.presence(old, new, a, (ro, rn), path)
            kw = "required" if a in rn else "properties"
            self.add(ChangeKind.FIELD_ADDED, (*path, a), backward, forward, kw, None, a)
        for r in removed:
            backward, forward = self.presence(old, new, r, (ro, rn), path)
            self.add(ChangeKind.FIELD_REMOVED, (*path, r), backward, forward, "properties", r, None)
        for name in po:
            if name in pn:
                self.node(po[name], pn[name], (*path, name))
                self.patterned(old, new, name, (*path, name))
        # fields added, removed or renamed carry their requiredness in their own verdicts
        moved = {r for r, _ in renamed} | {a for _, a in renamed} | set(added) | set(removed)
        for name in sorted((rn - ro) - moved):
            self.add(ChangeKind.REQUIRED_ADDED, (*path, name), False, True, "required", False, True)
        for name in sorted((ro - rn) - moved):
            self.add(
                ChangeKind.REQUIRED_DROPPED, (*path, name), True, False, "required", True, False
            )
        self.openness(old, new, path)
        if "propertyNames" in old or "propertyNames" in new:
            self.node(
                old.get("propertyNames", True), new.get("propertyNames", True), (*path, "{names}")
            )
        self.dependencies(old, new, (ro, rn), path)

    def patterned(
        self, old: dict[str, Any], new: dict[str, Any], name: str, path: tuple[str, ...]
    ) -> None:
        """A property listed on both sides that a ``patternProperties`` entry also governs."""
        co, cn = _conjuncts(old, name), _conjuncts(new, name)
        if len(co) == 1 and len(cn) == 1:
            return
        backward, forward = self.entails(co, cn, path)
        if not (backward and forward):
            kind = _verdict_kind(
                backward, forward, ChangeKind.OBJECT_CLOSED, ChangeKind.OBJECT_OPENED
            )
            self.add(kind, path, backward, forward, "patternProperties")

    def dependencies(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        required: tuple[set[str], set[str]],
        path: tuple[str, ...],
    ) -> None:
        """``dependentRequired`` and ``dependentSchemas``."""
        ro, rn = required
        do, dn = _dict(old.get("dependentRequired")), _dict(new.get("dependentRequired"))

        def needs(deps: dict[str, Any], key: str) -> set[str]:
            return {n for n in _list(deps.get(key)) if isinstance(n, str)}

        backward = all(needs(dn, k) <= needs(do, k) | ro for k in dn)
        forward = all(needs(do, k) <= needs(dn, k) | rn for k in do)
        if not (backward and forward):
            kind = _verdict_kind(
                backward, forward, ChangeKind.REQUIRED_ADDED, ChangeKind.REQUIRED_DROPPED
            )
            self.add(kind, path, backward, forward, "dependentRequired", do or None, dn or None)
        so, sn = _dict(old.get("dependentSchemas")), _dict(new.get("dependentSchemas"))
        for key in sorted(set(so) | set(sn)):
            self.node(so.get(key, True), sn.get(key, True), (*path, f"{{{key}?}}"))

    def openness(self, old: dict[str, Any], new: dict[str, Any], path: tuple[str, ...]) -> None:
        ap_o, ap_n = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if isinstance(ap_o, bool) and isinstance(ap_n, bool):
            if ap_o and not ap_n:
                self.add(
                    ChangeKind.OBJECT_CLOSED, path, False, True, "additionalProperties", True, False
                )
            elif ap_n and not ap_o:
                self.add(
                    ChangeKind.OBJECT_OPENED, path, True, False, "additionalProperties", False, True
                )
        elif _structure(ap_o, self.old_root) != _structure(ap_n, self.new_root):
            self.node(ap_o, ap_n, (*path, "{additional}"))
        pp_o = _dict(old.get("patternProperties"))
        pp_n = _dict(new.get("patternProperties"))
        for pat in pp_n:
            if pat in pp_o:
                self.node(pp_o[pat], pp_n[pat], (*path, f"{{/{pat}/}}"))
        for pat in pp_n:
            if pat not in pp_o:
                # names matching a new pattern were governed by old patterns or additionalProperties
                base = _narrowed_from(pat, pp_o)
                cands = [pp_o[base]] if base is not None else [*pp_o.values(), ap_o]
                bwd, fwd = self._against(cands, pp_n[pat], path, old_side=True)
                self._open_close(path, bwd, fwd, None, pat)
        for pat in pp_o:
            if pat not in pp_n:
                base = _narrowed_from(pat, pp_n)
                cands = [pp_n[base]] if base is not None else [*pp_n.values(), ap_n]
                bwd, fwd = self._against(cands, pp_o[pat], path, old_side=False)
                self._open_close(path, bwd, fwd, pat, None)

    def _against(
        self, candidates: list[Any], schema: Any, path: tuple[str, ...], old_side: bool
    ) -> tuple[bool, bool]:
        """Verdicts of a pattern's schema against what governed (or will govern) the same names."""
        bwd = fwd = True
        for cand in candidates:
            if cand is False:
                # these names were (or become) refused outright
                if old_side:
                    fwd = fwd and _structure(schema, self.new_root) is False
                else:
                    bwd = bwd and _structure(schema, self.old_root) is False
                continue
            subs = self.sub(cand, schema, path) if old_side else self.sub(schema, cand, path)
            bwd = bwd and all(c.backward for c in subs)
            fwd = fwd and all(c.forward for c in subs)
        return bwd, fwd

    def _open_close(self, path: tuple[str, ...], bwd: bool, fwd: bool, old: Any, new: Any) -> None:
        if bwd and fwd:
            return
        if not bwd and not fwd:
            kind = ChangeKind.CONSTRAINT_CHANGED
        else:
            kind = ChangeKind.OBJECT_CLOSED if not bwd else ChangeKind.OBJECT_OPENED
        self.add(kind, path, bwd, fwd, "patternProperties", old, new)


def diff_schemas(
    old: Mapping[str, Any] | bool, new: Mapping[str, Any] | bool, name: str = "schema"
) -> list[Change]:
    """Every change between two schemas (each resolves its own local ``$ref`` s).

    Args:
        old: the old schema.
        new: the new schema.
        name: the schema's name, used in each change's location.
    """
    d = _Differ(name, old, new)
    d.node(old, new, ())
    # the same change met twice (a bound tightened in both tuples of a position) is one
    seen: set[str] = set()
    out: list[Change] = []
    for c in d.changes:
        key = json.dumps(
            [c.kind.value, c.path, c.backward, c.forward, c.keyword, _canon(c.old), _canon(c.new)]
        )
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _codelist_labels(
    old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> Iterator[Change]:
    if not old or not new:
        return
    lo = old.get("code_lists", {}) if isinstance(old.get("code_lists"), dict) else {}
    ln = new.get("code_lists", {}) if isinstance(new.get("code_lists"), dict) else {}
    for name in sorted(set(lo) & set(ln)):
        a, b = lo[name], ln[name]
        if not isinstance(a, dict) or not isinstance(b, dict):
            continue
        if a.get("title") != b.get("title"):
            yield Change(
                ChangeKind.DESCRIPTION_ONLY,
                "codelists",
                (name,),
                True,
                True,
                "title",
                a.get("title"),
                b.get("title"),
            )
        codes_a = {c.get("code"): c for c in a.get("codes", []) if isinstance(c, dict)}
        codes_b = {c.get("code"): c for c in b.get("codes", []) if isinstance(c, dict)}
        for code in sorted(set(codes_a) & set(codes_b), key=str):
            ca, cb = codes_a[code], codes_b[code]
            if (ca.get("title"), ca.get("description")) != (cb.get("title"), cb.get("description")):
                yield Change(
                    ChangeKind.DESCRIPTION_ONLY,
                    "codelists",
                    (name, str(code)),
                    True,
                    True,
                    "title",
                    ca.get("title"),
                    cb.get("title"),
                )


@dataclass(frozen=True)
class Diff:
    """The comparison of two bundles.

    Attributes:
        old: the old bundle's label (``SCDS 1.0.0``).
        new: the new bundle's label.
        old_version: the old version, if known.
        new_version: the new version, if known.
        same_subject: whether both are versions of the same thing (so that
            their version numbers can be compared).
        changes: every change, schema by schema.
    """

    old: str
    new: str
    old_version: str | None
    new_version: str | None
    same_subject: bool
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def backward_compatible(self) -> bool:
        """Whether data valid under the old bundle stays valid under the new one."""
        return all(c.backward for c in self.changes)

    @property
    def forward_compatible(self) -> bool:
        """Whether data valid under the new bundle is valid under the old one."""
        return all(c.forward for c in self.changes)

    @property
    def required_bump(self) -> str:
        """The SemVer step the changes demand: ``major``, ``minor``, ``patch`` or ``none``."""
        best = "none"
        for c in self.changes:
            if _BUMP_RANK[c.bump] > _BUMP_RANK[best]:
                best = c.bump
        return best

    @property
    def actual_bump(self) -> str | None:
        """The step from the old version number to the new one (``None`` when not comparable)."""
        if not self.same_subject or not self.old_version or not self.new_version:
            return None
        from smartstd.versions import Version

        try:
            return Version.parse(self.old_version).bump_to(Version.parse(self.new_version))
        except ValueError:
            return None

    @property
    def version_ok(self) -> bool:
        """Whether the new version number is at least what the changes demand."""
        actual = self.actual_bump
        if actual is None:
            return True
        if actual == "backwards":
            return False
        required = self.required_bump
        if actual == "major" and self.old_version and self.old_version.startswith("0."):
            return True
        from smartstd.versions import Version

        old_v = Version.parse(self.old_version or "0.0.0")
        if old_v.major == 0 and required == "major":
            # before 1.0.0, a minor step may break (SemVer item 4)
            return _BUMP_RANK[actual] >= _BUMP_RANK["minor"]
        return _BUMP_RANK[actual] >= _BUMP_RANK[required]

    def violations(self, mode: str) -> tuple[Change, ...]:
        """The changes that break the compatibility ``mode`` requires.

        Raises:
            UsageError: for an unknown mode.
        """
        if mode not in MODES:
            raise UsageError(
                f"unknown compatibility mode {mode!r} (choose from {', '.join(MODES)})"
            )
        return tuple(
            c
            for c in self.changes
            if (mode in ("backward", "full") and not c.backward)
            or (mode in ("forward", "full") and not c.forward)
        )

    def ok(self, mode: str = "backward") -> bool:
        """No violation of ``mode`` and a large enough version number."""
        return not self.violations(mode) and self.version_ok

    def to_dict(self, mode: str = "backward") -> dict[str, Any]:
        """A JSON-ready dict (the ``--format json`` output)."""
        return {
            "old": {"label": self.old, "version": self.old_version},
            "new": {"label": self.new, "version": self.new_version},
            "mode": mode,
            "ok": self.ok(mode),
            "summary": {
                "changes": len(self.changes),
                "backward_compatible": self.backward_compatible,
                "forward_compatible": self.forward_compatible,
                "required_bump": self.required_bump,
                "actual_bump": self.actual_bump,
                "version_ok": self.version_ok,
                "violations": len(self.violations(mode)),
            },
            "changes": [c.to_dict() for c in self.changes],
        }


def diff_bundles(old: Bundle | str | Path, new: Bundle | str | Path) -> Diff:
    """Compare two bundles (or paths that :func:`load_bundle` accepts) schema by schema."""
    a = old if isinstance(old, Bundle) else load_bundle(old)
    b = new if isinstance(new, Bundle) else load_bundle(new)
    if a.single and b.single:  # two schema files: one schema, whatever the names
        [doc] = a.schemas.values()
        a = replace(a, schemas=dict.fromkeys(b.schemas, doc))
    changes: list[Change] = []
    names_a = [n for n in a.schemas if a.single or n not in _SKIP_SCHEMAS]
    names_b = [n for n in b.schemas if b.single or n not in _SKIP_SCHEMAS]
    for name in names_a:
        if name in b.schemas:
            changes.extend(diff_schemas(a.schemas[name], b.schemas[name], name))
        else:
            changes.append(Change(ChangeKind.SCHEMA_REMOVED, name, (), False, True, "", name, None))
    for name in names_b:
        if name not in a.schemas:
            changes.append(Change(ChangeKind.SCHEMA_ADDED, name, (), True, False, "", None, name))
    changes.extend(_codelist_labels(a.codelists, b.codelists))
    return Diff(a.label, b.label, a.version, b.version, a.subject == b.subject, tuple(changes))


# --------------------------------------------------------------------------- rendering


def _verdict(ok: bool, lang: str) -> str:
    if lang.lower().startswith("zh"):
        return "兼容" if ok else "不兼容"
    return "ok" if ok else "BREAKS"


def _summary_lines(diff: Diff, mode: str, lang: str) -> list[str]:
    zh = lang.lower().startswith("zh")
    bad = diff.violations(mode)
    yes_no = ("是", "否") if zh else ("yes", "no")
    back = yes_no[0] if diff.backward_compatible else yes_no[1]
    fwd = yes_no[0] if diff.forward_compatible else yes_no[1]
    lines = []
    if zh:
        lines.append(f"{diff.old} -> {diff.new}：{len(diff.changes)} 处变化")
        lines.append(f"向后兼容（旧数据仍有效）：{back}；向前兼容（旧读取方可读新数据）：{fwd}")
        actual = f"；实际：{diff.actual_bump}" if diff.actual_bump else ""
        lines.append(f"要求的版本升级：{diff.required_bump}{actual}")
        if not diff.version_ok:
            lines.append(
                f"错误：新版本号 {diff.new_version} 太小，"
                f"这些变化至少需要 {diff.required_bump} 升级"
            )
        lines.append(f"模式 {mode}：{'通过' if not bad else f'{len(bad)} 处违反'}")
    else:
        lines.append(f"{diff.old} -> {diff.new}: {len(diff.changes)} change(s)")
        lines.append(
            f"backward compatible (old data stays valid): {back}; "
            f"forward compatible (old readers read new data): {fwd}"
        )
        actual = f"; actual: {diff.actual_bump}" if diff.actual_bump else ""
        lines.append(f"SemVer bump required: {diff.required_bump}{actual}")
        if not diff.version_ok:
            lines.append(
                f"error: the new version {diff.new_version} is too small;"
                f" these changes need a {diff.required_bump} bump"
            )
        lines.append(f"mode {mode}: {'ok' if not bad else f'{len(bad)} violation(s)'}")
    return lines


def render_text(diff: Diff, mode: str = "backward", lang: str = "en") -> str:
    """The plain-text report of ``smartstd schema diff``."""
    out = []
    for c in diff.changes:
        back, fwd = _verdict(c.backward, lang), _verdict(c.forward, lang)
        out.append(f"  [backward {back}, forward {fwd}, {c.bump}] {c.describe(lang)}")
    return "\n".join([*out, *_summary_lines(diff, mode, lang)]) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: Diff, mode: str = "backward", lang: str = "en") -> str:
    """Release notes in Markdown: breaking changes first, then additions, then the rest."""
    zh = lang.lower().startswith("zh")
    title = f"# {diff.old} → {diff.new}"
    head = [
        "| 变化 | 位置 | 关键字 | 旧 | 新 | 向后 | 向前 |"
        if zh
        else "| Change | Where | Keyword | Old | New | Backward | Forward |",
        "|---|---|---|---|---|---|---|",
    ]
    groups: list[tuple[str, list[Change]]] = [
        (
            "破坏性变化（需要主版本升级）" if zh else "Breaking changes (major)",
            [c for c in diff.changes if c.bump == "major"],
        ),
        (
            "新增与放宽（次版本升级）" if zh else "Additions and relaxations (minor)",
            [c for c in diff.changes if c.bump == "minor"],
        ),
        (
            "仅说明文字（修订版本）" if zh else "Descriptions only (patch)",
            [c for c in diff.changes if c.bump == "patch"],
        ),
    ]
    lines = [title, ""]
    lines.extend(f"- {line}" for line in _summary_lines(diff, mode, lang))
    for heading, items in groups:
        if not items:
            continue
        lines += ["", f"## {heading}", "", *head]
        for c in items:
            cells = [
                _md(c.kind.label(lang)),
                f"`{_md(c.location)}`",
                _md(c.keyword),
                _md(_short(c.old)),
                _md(_short(c.new)),
                "✓" if c.backward else "✗",
                "✓" if c.forward else "✗",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    if not diff.changes:
        lines += ["", "没有变化。" if zh else "No changes."]
    return "\n".join(lines) + "\n"
