"""Reading JSON Schema documents: the one set of helpers the schemas and profiles share.

What a schema object allows, taken apart without a validator: its
annotations and constraints, its JSON types, local ``$ref`` s followed (two
ways: as a comparison needs them, keeping siblings that interact apart, or
merged, as a profile's navigation needs them), ``allOf`` members merged where
that is safe, open code lists recognised, the values ``enum`` and ``const``
allow and the lengths of an array. :mod:`smartstd.schemas.compatibility`
compares schemas with them; :mod:`smartstd.profiles` walks the core schemas
with them. Private: nothing here is public API.

JSON Schema 文档的读取工具（模式比较与地方配置共用，非公开接口）。
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping
from typing import Any

#: Keywords that do not change what validates.
ANNOTATIONS = frozenset(
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


#: Keywords that apply to values of one JSON type only (``integer`` shares ``number``'s).
TYPE_KEYWORDS: dict[str, frozenset[str]] = {
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
ADJACENT = (
    ("additionalProperties", ("properties", "patternProperties")),
    ("items", ("prefixItems",)),
    ("then", ("if",)),
    ("else", ("if",)),
    ("minContains", ("contains",)),
    ("maxContains", ("contains",)),
)


#: Keywords that read the results of every applicator around them.
UNEVALUATED = frozenset({"unevaluatedProperties", "unevaluatedItems"})


#: The applicators whose results ``unevaluated*`` sees besides the adjacent keywords.
IN_PLACE = frozenset(
    {"allOf", "anyOf", "oneOf", "if", "then", "else", "dependentSchemas", "$ref", "$dynamicRef"}
)


JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")


ANY = "any"


#: Beyond this many alternatives, an ``anyOf`` is compared as a whole.
MAX_ALTS = 64


def is_annotation(key: str) -> bool:
    return key in ANNOTATIONS or key.startswith("x-")


def json_type(value: Any) -> str:
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


def canon(value: Any) -> str:
    """A text that is the same for JSON-equal values (``1`` and ``1.0``, not ``true`` and ``1``)."""
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    if isinstance(value, list):
        return "[" + ",".join(canon(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ",".join(f"{json.dumps(str(k))}:{canon(value[k])}" for k in sorted(value)) + "}"
        )
    if value is None or isinstance(value, (bool, str)):
        return json.dumps(value)
    return repr(value)


def constraints_of(node: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if not is_annotation(k)}


def annotations_of(node: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if is_annotation(k)}


def type_set(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for t in value if isinstance(t, str)]
    return list(JSON_TYPES)


def type_meet(a: Any, b: Any) -> Any:
    """The ``type`` of a value valid under both ``type`` s (``[]`` when there is none)."""

    def admits(types: list[str], t: str) -> bool:
        return t in types or (t == "integer" and "number" in types)

    sa, sb = type_set(a), type_set(b)
    out = [t for t in JSON_TYPES if admits(sa, t) and admits(sb, t)]
    if "number" in out:
        out.remove("integer")
    return out[0] if len(out) == 1 else out


def interacts(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether a keyword of ``a`` reads a keyword of ``b`` it would not read in ``a`` alone."""
    for x, y in ((a, b), (b, a)):
        for keyword, reads in ADJACENT:
            if keyword in x and any(
                k in y and (k not in x or canon(x[k]) != canon(y[k])) for k in reads
            ):
                return True
    return False


def conjoin(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any] | None:
    """One schema object valid exactly where ``a`` and ``b`` both are, or ``None``.

    ``None`` when keywords would clash or read each other (``additionalProperties``
    reads its own ``properties`` only, ``unevaluated*`` everything around it).
    """
    if not constraints_of(a) or not constraints_of(b):
        return {**a, **b}
    if (set(a) | set(b)) & UNEVALUATED or interacts(a, b):
        return None
    out = dict(a)
    for k, v in b.items():
        if k not in out or is_annotation(k):
            out[k] = v
        elif k == "type":
            out[k] = type_meet(out[k], v)
        elif k == "required" and isinstance(v, list) and isinstance(out[k], list):
            out[k] = list(dict.fromkeys([*out[k], *v]))
        elif canon(out[k]) != canon(v):
            return None
    return out


def both(a: Any, b: Mapping[str, Any]) -> dict[str, Any]:
    """``a`` and ``b`` as one schema object, merged when that is safe, else as ``allOf``."""
    merged = conjoin(a, b) if isinstance(a, dict) else None
    if merged is not None:
        return merged
    return {"allOf": [a, constraints_of(b)], **annotations_of(b)}


def resolve_pointer(root: Any, ref: str) -> Any:
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


def deref(node: Any, root: Any) -> tuple[Any, str | None]:
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
        target = resolve_pointer(root, ref)
        if not isinstance(target, (bool, dict)):
            break
        ref_name = ref
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = both(target, siblings) if siblings else target
    return node, ref_name


_DEEP = itertools.count()


def structure(node: Any, root: Any) -> Any:
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
    node, _ = deref(node, root)
    deeper = depth + 1
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for k, v in node.items():
            if is_annotation(k):
                continue
            if k in ("properties", "patternProperties", "dependentSchemas"):
                out[k] = (
                    {name: _shape(sub, root, deeper, expanding) for name, sub in v.items()}
                    if isinstance(v, dict)
                    else v
                )
            elif k in ("required", "enum", "type") and isinstance(v, list):
                out[k] = sorted(v, key=canon)
            elif k in ("const", "dependentRequired"):
                out[k] = canon(v)
            else:
                out[k] = _shape(v, root, deeper, expanding)
        return out
    if isinstance(node, list):
        return [_shape(v, root, deeper, expanding) for v in node]
    return node


def trivial(node: Any, root: Any) -> bool:
    """Whether a schema accepts every value."""
    s = structure(node, root)
    return s is True or s == {}


def flatten(node: dict[str, Any], root: Any) -> Any:
    """``node`` with its ``allOf`` members merged in where safe (``False``: one refuses all).

    A member met again (an ``allOf`` that refers back to itself) adds nothing: ``A`` and
    ``A`` is ``A``.
    """
    out = dict(node)
    rest: list[Any] = []
    seen: dict[int, Any] = {}  # by identity; the values keep the members alive
    rounds = 0
    while isinstance(out.get("allOf"), list):
        if rounds == MAX_ALTS:  # a safety net: never loop for ever
            rest.extend(out.pop("allOf"))
            break
        rounds += 1
        members = out.pop("allOf")
        for member in members:
            if id(member) in seen:
                continue
            seen[id(member)] = member
            md, _ = deref(member, root)
            if md is False:
                return False
            if md is True:
                continue
            merged = conjoin(out, constraints_of(md)) if isinstance(md, dict) else None
            if merged is None:
                rest.append(member)
            else:
                out = merged
    if rest:
        out["allOf"] = rest
    return out


def settle_unevaluated(node: dict[str, Any]) -> dict[str, Any]:
    """``unevaluated*`` as ``additionalProperties`` / ``items`` when nothing else evaluates.

    Without in-place applicators, the properties (items) left unevaluated are
    exactly those ``additionalProperties`` (``items``) would see.
    """
    if not set(node) & UNEVALUATED or set(node) & IN_PLACE:
        return node
    out = dict(node)
    if "unevaluatedProperties" in out:
        out.setdefault("additionalProperties", out.pop("unevaluatedProperties"))
    if "unevaluatedItems" in out and "contains" not in out:
        out.setdefault("items", out.pop("unevaluatedItems"))
    return out


def codelist(node: Any, root: Any) -> tuple[list[Any], Any] | None:
    """``(codes, open_branch)`` when ``node`` is an open code list (enum or namespaced pattern)."""
    if not isinstance(node, dict) or set(constraints_of(node)) - {"anyOf", "type"}:
        return None
    alts = node.get("anyOf")
    if not isinstance(alts, list) or len(alts) != 2:
        return None
    if node.get("type") not in (None, "string"):
        return None
    branches = [deref(a, root)[0] for a in alts]
    enums = [
        b
        for b in branches
        if isinstance(b, dict)
        and isinstance(b.get("enum"), list)
        and set(constraints_of(b)) <= {"enum", "type"}
        and b.get("type") in (None, "string")
    ]
    opens = [b for b in branches if isinstance(b, dict) and "pattern" in b and "enum" not in b]
    if len(enums) != 1 or len(opens) != 1:
        return None
    return list(enums[0]["enum"]), {"type": "string", **constraints_of(opens[0])}


def closed_enum(node: Any) -> list[Any] | None:
    if (
        isinstance(node, dict)
        and isinstance(node.get("enum"), list)
        and node.get("type") in (None, "string")
        and set(constraints_of(node)) <= {"enum", "type"}
    ):
        return list(node["enum"])
    return None


def types_of(node: dict[str, Any]) -> list[str]:
    t = node.get("type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list) and t:
        return [x for x in t if isinstance(x, str)]
    if "const" in node:
        return [json_type(node["const"])]
    if isinstance(node.get("enum"), list) and node["enum"]:
        return sorted({json_type(v) for v in node["enum"]}, key=JSON_TYPES.index)
    return [ANY]


def applicable(node: dict[str, Any], t: str) -> dict[str, Any]:
    """``node`` without the keywords that never apply to values of type ``t``."""
    if t == ANY:
        return node
    group = "number" if t == "integer" else t
    return {
        k: v
        for k, v in node.items()
        if not any(k in kws for g, kws in TYPE_KEYWORDS.items() if g != group)
    }


def by_type(node: dict[str, Any]) -> list[Any]:
    """A schema object as alternatives of one JSON type each."""
    clean = constraints_of(node)
    if clean.get("type") == []:
        return []
    types = types_of(clean)
    if len(types) == 1:
        return [applicable(clean, types[0])]
    return [applicable({**clean, "type": t}, t) for t in types]


def allowed_values(node: dict[str, Any]) -> list[Any] | None:
    """The values ``const`` and ``enum`` allow, of the node's type (``None``: no such list)."""
    found: list[Any] | None = [node["const"]] if "const" in node else None
    listed = node.get("enum")
    if isinstance(listed, list):
        keep = {canon(v) for v in listed}
        found = list(listed) if found is None else [v for v in found if canon(v) in keep]
    t = types_of(node)[0]
    if found is None or t == ANY:
        return found
    return [v for v in found if json_type(v) == t or (t, json_type(v)) == ("number", "integer")]


def number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# -- navigation of a schema, as a profile reads and tightens the core's

#: The JSON types a tightening keyword applies to (a keyword not listed applies to any).
KEYWORD_TYPES: dict[str, frozenset[str]] = {
    "minimum": frozenset({"integer", "number"}),
    "maximum": frozenset({"integer", "number"}),
    "exclusiveMinimum": frozenset({"integer", "number"}),
    "exclusiveMaximum": frozenset({"integer", "number"}),
    "minLength": frozenset({"string"}),
    "maxLength": frozenset({"string"}),
    "pattern": frozenset({"string"}),
    "minItems": frozenset({"array"}),
    "maxItems": frozenset({"array"}),
}


def is_number(value: Any) -> bool:
    """Whether a JSON value is a number (``true`` is not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def deref_merged(node: Any, root: Any) -> Any:
    """Follow local ``$ref`` s, the keywords beside each one overriding its target's.

    Unlike :func:`deref` (for comparisons, which keeps keywords that interact
    apart), this is how a profile navigates the core: the target with the
    sibling keywords (a title, a description) laid over it.
    """
    for _ in range(16):
        if not (
            isinstance(node, dict)
            and isinstance(node.get("$ref"), str)
            and node["$ref"].startswith("#/")
        ):
            return node
        target = resolve_pointer(root, node["$ref"])
        if not isinstance(target, dict):
            return node
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def is_codelist(node: Mapping[str, Any]) -> bool:
    """Whether a node is an open code list as the models write one (``anyOf``: enum, pattern)."""
    alts = node.get("anyOf")
    return (
        node.get("type") == "string"
        and isinstance(alts, list)
        and len(alts) == 2
        and any(isinstance(a, dict) and "enum" in a for a in alts)
        and any(isinstance(a, dict) and "pattern" in a for a in alts)
    )


def alternatives(node: Any, root: Any) -> list[dict[str, Any]]:
    """The non-null alternatives of a schema node (``anyOf``/``oneOf`` flattened, refs followed)."""
    node = deref_merged(node, root)
    if not isinstance(node, dict):
        return []
    if is_codelist(node):
        return [node]
    for key in ("anyOf", "oneOf"):
        if isinstance(node.get(key), list):
            out: list[dict[str, Any]] = []
            for b in node[key]:
                out.extend(alternatives(b, root))
            return out
    if node.get("type") == "null":
        return []
    return [node]


def alt_types(alt: Mapping[str, Any]) -> set[str]:
    """The JSON types an alternative may hold (every type but null when it does not say)."""
    t = alt.get("type")
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    if "properties" in alt:
        return {"object"}
    return {"string", "integer", "number", "array", "object", "boolean"}
