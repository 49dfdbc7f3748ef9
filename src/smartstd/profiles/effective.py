"""The core schemas with the profiles applied: :func:`effective_schemas`, bundles.

Every schema is stricter than the core's, never looser: fields added,
optional fields made required, bounds and patterns tightened, a bounding
box on every position, codes added to open lists.

应用地方配置后的模式（比核心标准更严格）及其模式包。
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

from smartstd.profiles.docs import profile_docs
from smartstd.profiles.model import ProfileSet
from smartstd.schemas._jsonschema import KEYWORD_TYPES, alt_types, deref_merged, is_codelist

__all__ = ["effective_files", "effective_schemas", "profile_bundle_files"]


def _i18n_text(texts: Mapping[str, str], fallback: Mapping[str, str] | None = None) -> str:
    en = texts.get("en") or (fallback or {}).get("en", "")
    zh = texts.get("zh-CN") or (fallback or {}).get("zh-CN", "")
    return f"{en} / {zh}" if en and zh else en or zh


def _inline(container: dict[str, Any] | list[Any], key: Any, root: Mapping[str, Any]) -> Any:
    """Replace a ``$ref`` at ``container[key]`` with a copy of its target, and return the node."""
    node = container[key]
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target = deref_merged(node, root)
        node = copy.deepcopy(target)
        container[key] = node
    return node


def _nullable_branches(node: dict[str, Any]) -> str | None:
    for key in ("anyOf", "oneOf"):
        if isinstance(node.get(key), list):
            return key
    return None


def _targets(node: dict[str, Any], root: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternative nodes of ``node``, refs inlined, to modify in place."""
    if is_codelist(node):
        return [node]
    key = _nullable_branches(node)
    if key is None:
        return [] if node.get("type") == "null" else [node]
    out = []
    for i in range(len(node[key])):
        branch = _inline(node[key], i, root)
        if isinstance(branch, dict):
            out.extend(_targets(branch, root))
    return out


def _navigate(
    node: dict[str, Any], path: Sequence[str], root: Mapping[str, Any]
) -> list[tuple[dict[str, Any], str]]:
    """The (parent object schema, property name) pairs a field path reaches, refs inlined."""
    current = [node]
    for i, seg in enumerate(path):
        last = i == len(path) - 1
        nxt: list[dict[str, Any]] = []
        for n in current:
            for alt in _targets(n, root):
                if seg == "*":
                    if isinstance(alt.get("items"), dict):
                        nxt.append(_inline(alt, "items", root))
                    continue
                props = alt.get("properties")
                if isinstance(props, dict) and seg in props:
                    if last:
                        nxt.append(alt)
                    else:
                        child = _inline(props, seg, root)
                        if isinstance(child, dict):
                            nxt.append(child)
        if last:
            return [(p, path[-1]) for p in nxt] if path[-1] != "*" else []
        current = nxt
    return []


def _tighten_alt(alt: dict[str, Any], kw: str, value: Any) -> None:
    if kw == "enum":
        if is_codelist(alt):
            for k in list(alt):
                if k not in ("title", "description"):
                    del alt[k]
            alt.update({"type": "string", "enum": list(value)})
        elif isinstance(alt.get("enum"), list):
            alt["enum"] = [v for v in alt["enum"] if v in value]
        else:
            alt["enum"] = list(value)
        return
    applies = KEYWORD_TYPES.get(kw)
    if applies is not None and not (alt_types(alt) & applies):
        return
    if kw == "pattern":
        if "pattern" in alt and alt["pattern"] != value:
            alt.setdefault("allOf", []).append({"pattern": value})
        else:
            alt["pattern"] = value
        return
    current = alt.get(kw)
    if current is None:
        alt[kw] = value
    elif kw in ("minimum", "exclusiveMinimum", "minLength", "minItems"):
        alt[kw] = max(current, value)
    else:
        alt[kw] = min(current, value)


def _exclude_declared(node: dict[str, Any]) -> None:
    """Keep the extension-field pattern off the namespaced fields a profile declares.

    The pattern lets any namespaced field through (``{}``), so leaving the
    declared ones out of it changes nothing that validates; strict validators
    (ajv's ``allowMatchingProperties``) refuse a property that a pattern also matches.
    """
    from smartstd.standard._base import EXTENSION_FIELD_PATTERNS

    # the pattern of whichever version the profile builds on
    known = set(EXTENSION_FIELD_PATTERNS.values())
    pats = node.get("patternProperties")
    names = sorted(n for n in node.get("properties", {}) if ":" in n)
    if not isinstance(pats, dict) or not names or not known.intersection(pats):
        return
    look = f"(?!({'|'.join(re.escape(n) for n in names)})$)"
    node["patternProperties"] = {
        (f"^{look}{k[1:]}" if k in known else k): v for k, v in pats.items()
    }


def _apply_entity(
    node: dict[str, Any], entity: str, root: Mapping[str, Any], ps: ProfileSet
) -> None:
    """Apply the profiles to one entity's schema object (in place)."""
    from smartstd.standard.introspect import code_fields

    for f in ps.fields_for(entity):
        props = node.setdefault("properties", {})
        props[f.name] = {
            **copy.deepcopy(dict(f.schema)),
            "title": _i18n_text(f.title),
            "description": _i18n_text(f.description, f.title),
        }
        if f.required and f.name not in node.setdefault("required", []):
            node["required"].append(f.name)
    # undeclared fields of a profile's own prefix are not allowed
    declared: dict[str, list[str]] = {}
    for prefix in sorted(ps.prefixes):
        declared[prefix] = sorted(
            f.name.split(":", 1)[1]
            for f in ps.fields_for(entity)
            if f.name.startswith(prefix + ":")
        )
    for prefix, names in declared.items():
        look = f"(?!({'|'.join(re.escape(n) for n in names)})$)" if names else ""
        node.setdefault("patternProperties", {})[f"^{prefix}:{look}"] = False
    _exclude_declared(node)
    for p in ps.profiles:
        for path in p.required.get(entity, ()):
            for parent, name in _navigate(node, path, root):
                if name not in parent.setdefault("required", []):
                    parent["required"].append(name)
                prop = _inline(parent["properties"], name, root)
                key = _nullable_branches(prop) if isinstance(prop, dict) else None
                if key is not None and not is_codelist(prop):
                    kept = [
                        b
                        for b in prop[key]
                        if not (isinstance(b, dict) and b.get("type") == "null")
                    ]
                    if len(kept) == 1 and isinstance(kept[0], dict):
                        rest = {k: v for k, v in prop.items() if k != key and k != "default"}
                        prop.clear()
                        prop.update({**deref_merged(kept[0], root), **rest})
                    else:
                        prop[key] = kept
                        prop.pop("default", None)
        for c in p.constraints:
            if c.entity != entity:
                continue
            for parent, name in _navigate(node, c.path, root):
                prop = _inline(parent["properties"], name, root)
                if not isinstance(prop, dict):
                    continue
                for alt in _targets(prop, root):
                    for kw, value in c.keywords.items():
                        _tighten_alt(alt, kw, value)
    # codes: declared codes join each open list; other codes of the profiles' prefixes are refused
    excluded = "^(" + "|".join(sorted(re.escape(x) for x in ps.prefixes)) + "):"
    for pattern, list_name in code_fields(entity):
        added = [c.code for c in ps.codes_for(list_name)]
        parts = pattern[:-1]
        name = pattern[-1]
        parents: list[tuple[dict[str, Any], Any]]
        if name == "*":
            parents = []
            for parent, pname in _navigate(node, parts, root) if parts else []:
                prop = _inline(parent["properties"], pname, root)
                for alt in _targets(prop, root) if isinstance(prop, dict) else []:
                    if isinstance(alt.get("items"), dict):
                        parents.append((alt, "items"))
        else:
            parents = [
                (parent["properties"], pname) for parent, pname in _navigate(node, pattern, root)
            ]
        for container, key in parents:
            prop = _inline(container, key, root)
            for alt in _targets(prop, root) if isinstance(prop, dict) else []:
                if not is_codelist(alt):
                    continue
                for branch in alt["anyOf"]:
                    if "enum" in branch:
                        branch["enum"] = [
                            *branch["enum"],
                            *(c for c in added if c not in branch["enum"]),
                        ]
                    elif "pattern" in branch and ps.prefixes:
                        branch["not"] = {"pattern": excluded}


def _apply_bbox(doc: Any, bbox: tuple[float, float, float, float]) -> None:
    """Tighten every GeoJSON position (``prefixItems`` of longitude and latitude) in a schema."""
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            pre = node.get("prefixItems")
            if (
                isinstance(pre, list)
                and len(pre) >= 2
                and isinstance(pre[0], dict)
                and isinstance(pre[1], dict)
                and pre[0].get("minimum") == -180
                and pre[1].get("minimum") == -90
            ):
                pre[0]["minimum"], pre[0]["maximum"] = max(-180, bbox[0]), min(180, bbox[2])
                pre[1]["minimum"], pre[1]["maximum"] = max(-90, bbox[1]), min(90, bbox[3])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def effective_schemas(ps: ProfileSet, base_uri: str | None = None) -> dict[str, dict[str, Any]]:
    """The core schemas with the profiles applied, by file name (stricter than the core).

    The ``$id`` of each is ``<base>profiles/<name>/<version>/<file>``.
    """
    from smartstd.schemas import DEFAULT_BASE_URI, build_schemas
    from smartstd.standard.dataset import ENTITY_TYPES

    base = base_uri or DEFAULT_BASE_URI
    base = base if base.endswith("/") else base + "/"
    core = build_schemas(ps.standard_version)
    out: dict[str, dict[str, Any]] = {}
    for fname, doc in core.items():
        if fname == "report.schema.json":
            out[fname] = doc
            continue
        doc = copy.deepcopy(doc)
        name = fname[: -len(".schema.json")]
        bbox = merged_bbox(ps)
        if bbox is not None:
            _apply_bbox(doc, bbox)  # first, so that the profiles' own fields are not touched
        if name in ENTITY_TYPES:
            _apply_entity(doc, name, doc, ps)
        defs: dict[str, Any] = doc["$defs"] if isinstance(doc.get("$defs"), dict) else {}
        for etype in ENTITY_TYPES:
            if etype in defs and name not in ENTITY_TYPES:
                _apply_entity(defs[etype], etype, doc, ps)
        doc["$id"] = f"{base}profiles/{ps.main.name}/{ps.main.version}/{fname}"
        out[fname] = doc
    return out


def merged_bbox(ps: ProfileSet) -> tuple[float, float, float, float] | None:
    boxes = [p.bbox for p in ps.profiles if p.bbox is not None]
    if not boxes:
        return None
    return (
        max(b[0] for b in boxes),
        max(b[1] for b in boxes),
        min(b[2] for b in boxes),
        min(b[3] for b in boxes),
    )


def effective_files(ps: ProfileSet) -> dict[str, Any]:
    """The profile's effective bundle as files: each schema, and ``codelists.json``.

    :func:`smartstd.compat.load_bundle` makes a :class:`smartstd.compat.Bundle`
    of them (for ``schema diff``).
    """
    files: dict[str, Any] = dict(effective_schemas(ps))
    files["codelists.json"] = _codelists(ps)
    return files


def _codelists(ps: ProfileSet) -> dict[str, Any]:
    from smartstd.versions import codelists_document

    extra: dict[str, list[dict[str, Any]]] = {}
    for p in ps.profiles:
        for c in p.codes:
            entry: dict[str, Any] = {"code": c.code, "title": dict(c.title), "profile": p.ref}
            if c.description:
                entry["description"] = dict(c.description)
            extra.setdefault(c.list, []).append(entry)
    return codelists_document(extra)


def profile_bundle_files(ps: ProfileSet, base_uri: str | None = None) -> dict[str, bytes]:
    """Every file of the profile's effective bundle (``smartstd profile build``)."""
    from smartstd.versions import bundle_files, rules_document

    main = ps.main
    changes = profile_docs(ps)
    return bundle_files(
        ps.standard_version,
        base_uri,
        schemas=effective_schemas(ps, base_uri),
        codelists=_codelists(ps),
        rules=rules_document(ps.params(), {k: v.value for k, v in ps.severities().items()}),
        changes=changes,
        profile={
            "name": main.name,
            "version": main.version,
            "standard_version": main.standard_version,
            "prefix": main.prefix,
            "extends": list(ps.refs[:-1]),
            "title": dict(main.title),
        },
    )
