"""A profile's content checked against the core, and its :class:`~smartstd.profiles.model.Profile`.

Every problem is collected with its key path in the profile
(``fields.Building["gz:x"].schema``), so one :class:`~smartstd.errors.ConfigError`
names them all.

校验地方配置的内容：不得放宽核心标准；逐项给出配置中的键路径。
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from smartstd._ecma import ecma_problem
from smartstd.profiles.core import core_node, core_schema
from smartstd.profiles.model import EXT_FIELD, CodeDef, Constraint, FieldDef, Profile, ProfileSet
from smartstd.profiles.problems import Problems
from smartstd.profiles.tightening import loosenings, loosens_bound
from smartstd.report import Severity
from smartstd.schemas._jsonschema import KEYWORD_TYPES, alt_types, is_number
from smartstd.schemas._regex import linear_problem, patterns_in

#: A pattern the linear-time engine cannot match (see :mod:`smartstd.schemas._regex`).
# in English only: the Chinese is said by kind (smartstd._parser_messages)
_SLOW_PATTERN = (
    "a pattern must be matchable in linear time, without look-around or back-references: {why}"
)
#: A pattern JSON Schema's engines (ECMA-262: Ajv, browsers) refuse, though Python's reads it:
#: the profile's effective schemas would not compile there.
_NOT_ECMA = "not an ECMA-262 regular expression, as JSON Schema needs: {why}"


def _pattern_problem(pattern: str) -> str | None:
    """Why a profile's pattern cannot be used: not linear, or not ECMA-262 (``None`` if it can)."""
    why = linear_problem(pattern)
    if why is not None:
        return _SLOW_PATTERN.format(why=why)
    why = ecma_problem(pattern)
    return None if why is None else _NOT_ECMA.format(why=why)


def bilingual(value: Any) -> dict[str, str]:
    """A text by language (``{"zh-CN": ..., "en": ...}``), empty for anything else."""
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, Mapping) else {}


class Builder:
    """Checks a profile's content against the core and builds the :class:`Profile`."""

    def __init__(
        self, data: Mapping[str, Any], source: str, parents: ProfileSet, problems: Problems
    ) -> None:
        self.data = data
        self.source = source
        self.parents = parents
        self.p = problems
        ident = data["profile"]
        self.prefix: str = ident["prefix"]
        self.version: str = ident["standard_version"]

    def build(self) -> Profile:
        """The profile, every problem recorded (an unknown core version stops early)."""
        from smartstd.versions import KNOWN_VERSIONS

        ident = self.data["profile"]
        if self.version not in KNOWN_VERSIONS:
            self.p.add(
                ["profile", "standard_version"],
                f"builds on SCDS {self.version}, which this library cannot check"
                f" (it knows {', '.join(KNOWN_VERSIONS)})",
            )
            return Profile(
                ident["name"], ident["version"], self.version, self.prefix, source=self.source
            )
        fields = self.fields()
        inherited = [f for q in self.parents.profiles for f in q.fields]
        extra_fields = {(f.entity, f.name): f for f in [*inherited, *fields]}
        codes = self.codes()
        declared_codes = {c.code for c in codes} | {
            c.code for q in self.parents.profiles for c in q.codes
        }
        return Profile(
            name=ident["name"],
            version=ident["version"],
            standard_version=self.version,
            prefix=self.prefix,
            prefix_uri=str(ident.get("prefix_uri") or ""),
            title=bilingual(ident.get("title")),
            description=bilingual(ident.get("description")),
            extends=tuple(ident.get("extends") or ()),
            fields=tuple(fields),
            required=self.required(extra_fields),
            codes=tuple(codes),
            constraints=tuple(self.constraints(extra_fields, declared_codes)),
            bbox=self.bbox(),
            params=self.params(),
            severities=self.severities(),
            deprecated=tuple(self.deprecated(extra_fields)),
            source=self.source,
        )

    # -- pieces

    def _entity_ok(self, path: list[str | int], entity: str) -> bool:
        from smartstd.standard.dataset import ENTITY_TYPES

        if entity not in ENTITY_TYPES:
            self.p.add(path, f"unknown entity type {entity!r}")
            return False
        return True

    def fields(self) -> list[FieldDef]:
        """The namespaced fields the profile adds, each with a valid, self-contained schema."""
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        out: list[FieldDef] = []
        for entity, defs in (self.data.get("fields") or {}).items():
            if not self._entity_ok(["fields", entity], entity):
                continue
            core = core_schema(entity, self.version)
            for name, spec in defs.items():
                where: list[str | int] = ["fields", entity, name]
                m = EXT_FIELD.match(name)
                if not m:
                    if name in (core.get("properties") or {}):
                        self.p.add(
                            where,
                            f"{name} is a core field: a profile cannot redefine it"
                            " (tighten it under constraints:)",
                        )
                    else:
                        self.p.add(
                            where,
                            "a profile may add only namespaced fields:"
                            f" {self.prefix}:{name.split(':')[-1]}, not {name}",
                        )
                    continue
                if m.group(1) != self.prefix:
                    self.p.add(
                        where,
                        f"field prefix {m.group(1)} is not the profile's prefix {self.prefix}",
                    )
                    continue
                schema = spec["schema"]
                if "$ref" in json.dumps(schema):
                    self.p.add(
                        [*where, "schema"],
                        "$ref is not allowed: a field schema must be self-contained",
                    )
                    continue
                try:
                    Draft202012Validator.check_schema(schema)
                except SchemaError as exc:
                    self.p.add(
                        [*where, "schema", *exc.absolute_path],
                        f"not a valid JSON Schema: {exc.message}",
                    )
                    continue
                slow = [
                    (at, why)
                    for at, patrn in patterns_in(schema)
                    if (why := _pattern_problem(patrn)) is not None
                ]
                for at, why in slow:
                    self.p.add([*where, "schema", *at], why)
                if slow:
                    continue
                for q in self.parents.profiles:
                    for f in q.fields:
                        if (f.entity, f.name) == (entity, name) and dict(f.schema) != schema:
                            self.p.add(
                                where,
                                f"{q.ref} defines {name} differently;"
                                " a profile cannot redefine an inherited field",
                            )
                out.append(
                    FieldDef(
                        entity,
                        name,
                        schema,
                        bilingual(spec.get("title")),
                        bilingual(spec.get("description")),
                        bool(spec.get("required", False)),
                    )
                )
        return out

    def _resolve(
        self,
        where: list[str | int],
        entity: str,
        path: tuple[str, ...],
        extra: Mapping[tuple[str, str], FieldDef],
    ) -> tuple[list[dict[str, Any]], bool, dict[str, Any]] | None:
        if path and (entity, path[0]) in extra:
            f = extra[(entity, path[0])]
            root = dict(f.schema)
            nodes: list[dict[str, Any]] = [root]
            for seg in path[1:]:
                nxt = []
                for n in nodes:
                    if seg == "*" and isinstance(n.get("items"), dict):
                        nxt.append(n["items"])
                    elif isinstance(n.get("properties"), dict) and seg in n["properties"]:
                        nxt.append(n["properties"][seg])
                nodes = nxt
            if not nodes:
                self.p.add(where, f"no field {'.'.join(path)} in {entity}")
                return None
            return nodes, f.required and len(path) == 1, root
        found = core_node(entity, path, self.version)
        if found is None:
            self.p.add(where, f"no field {'.'.join(path)} in {entity} (SCDS {self.version})")
        return found

    def required(
        self, extra: Mapping[tuple[str, str], FieldDef]
    ) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The optional fields the profile makes required (never a required one optional)."""
        out: dict[str, tuple[tuple[str, ...], ...]] = {}
        for entity, spec in (self.data.get("required") or {}).items():
            if not self._entity_ok(["required", entity], entity):
                continue
            items = [(f, True) for f in spec] if isinstance(spec, list) else list(spec.items())
            paths: list[tuple[str, ...]] = []
            for fname, flag in items:
                where: list[str | int] = ["required", entity, fname]
                path = tuple(fname.split("."))
                found = self._resolve(where, entity, path, extra)
                if found is None:
                    continue
                _alts, core_required, _root = found
                if not flag:
                    if core_required:
                        self.p.add(
                            where,
                            f"{fname} is required by the core: a profile cannot make it"
                            " optional (that would loosen the core)",
                        )
                    continue
                if any(path in q.required.get(entity, ()) for q in self.parents.profiles):
                    continue
                paths.append(path)
            if paths:
                out[entity] = tuple(paths)
        for q in self.parents.profiles:
            for entity, paths_q in q.required.items():
                for path in paths_q:
                    flag_off = isinstance((self.data.get("required") or {}).get(entity), dict) and (
                        self.data["required"][entity].get(".".join(path)) is False
                    )
                    if flag_off:
                        self.p.add(
                            ["required", entity, ".".join(path)],
                            f"{q.ref} requires {'.'.join(path)}:"
                            " a profile cannot make it optional again",
                        )
        return out

    def codes(self) -> list[CodeDef]:
        """The namespaced codes the profile adds to open code lists."""
        from smartstd.standard.codes import CODE_LISTS, NAMESPACED_CODE_PATTERN

        ns = re.compile(NAMESPACED_CODE_PATTERN)
        out: list[CodeDef] = []
        for list_name, codes in (self.data.get("codes") or {}).items():
            cl = CODE_LISTS.get(list_name)
            if cl is None:
                self.p.add(["codes", list_name], f"unknown code list {list_name!r}")
                continue
            if cl.closed:
                self.p.add(
                    ["codes", list_name],
                    f"{list_name} is a closed code list: a profile cannot add codes to it",
                )
                continue
            for code, spec in codes.items():
                where: list[str | int] = ["codes", list_name, code]
                if code in cl.values:
                    self.p.add(
                        where, f"{code} is a core code of {list_name}: a profile cannot redefine it"
                    )
                    continue
                if not ns.match(code):
                    self.p.add(
                        where,
                        "a profile may add only namespaced codes:"
                        f" {self.prefix}:{code.split(':')[-1]}, not {code}",
                    )
                    continue
                if code.split(":", 1)[0] != self.prefix:
                    self.p.add(
                        where,
                        f"code prefix {code.split(':', 1)[0]}"
                        f" is not the profile's prefix {self.prefix}",
                    )
                    continue
                out.append(
                    CodeDef(
                        list_name,
                        code,
                        {"zh-CN": spec["zh-CN"], "en": spec["en"]},
                        bilingual(spec.get("description")),
                    )
                )
        return out

    def bbox(self) -> tuple[float, float, float, float] | None:
        """The bounding box (inside the core's range and every parent's), or the inherited one."""
        box = (self.data.get("constraints") or {}).get("bbox")
        if box is None:
            inherited = [q.bbox for q in self.parents.profiles if q.bbox is not None]
            return inherited[-1] if inherited else None
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in box)
        where: list[str | int] = ["constraints", "bbox"]
        if not (-180 <= min_lon < max_lon <= 180):
            self.p.add(
                where,
                f"longitudes must satisfy -180 <= {min_lon} < {max_lon} <= 180"
                " (the core's range cannot be widened)",
            )
        if not (-90 <= min_lat < max_lat <= 90):
            self.p.add(
                where,
                f"latitudes must satisfy -90 <= {min_lat} < {max_lat} <= 90"
                " (the core's range cannot be widened)",
            )
        for q in self.parents.profiles:
            if q.bbox is not None:
                a = q.bbox
                if min_lon < a[0] or min_lat < a[1] or max_lon > a[2] or max_lat > a[3]:
                    self.p.add(where, f"widens the bounding box of {q.ref} {list(a)}")
        return (min_lon, min_lat, max_lon, max_lat)

    def constraints(
        self, extra: Mapping[tuple[str, str], FieldDef], codes: set[str]
    ) -> list[Constraint]:
        """The keywords the profile tightens on fields (never loosening the core or a parent)."""
        out: list[Constraint] = []
        fields = (self.data.get("constraints") or {}).get("fields") or {}
        for entity, specs in fields.items():
            if not self._entity_ok(["constraints", "fields", entity], entity):
                continue
            for fname, keywords in specs.items():
                where: list[str | int] = ["constraints", "fields", entity, fname]
                path = tuple(fname.split("."))
                found = self._resolve(where, entity, path, extra)
                if found is None:
                    continue
                alts, _req, root = found
                ok = True
                for kw, value in keywords.items():
                    if not self._tightens([*where, kw], kw, value, alts, root, codes):
                        ok = False
                if ok:
                    out.append(Constraint(entity, path, dict(keywords)))
        return out

    def _tightens(
        self,
        where: list[str | int],
        kw: str,
        value: Any,
        alts: list[dict[str, Any]],
        root: dict[str, Any],
        codes: set[str],
    ) -> bool:
        from jsonschema import Draft202012Validator

        kinds = set().union(*(alt_types(a) for a in alts)) if alts else set()
        applies = KEYWORD_TYPES.get(kw)
        if applies is not None and not (kinds & applies):
            self.p.add(
                where,
                f"{kw} does not apply to a field of type {', '.join(sorted(kinds)) or 'unknown'}",
            )
            return False
        if kw == "pattern":
            try:
                re.compile(value)
            except re.error as exc:
                self.p.add(where, f"not a regular expression: {exc}")
                return False
            why = _pattern_problem(value)
            if why is not None:
                self.p.add(where, why)
                return False
            return True
        if kw == "enum":
            bad = []
            for v in value:
                accepted = any(
                    Draft202012Validator({**a, "$defs": root.get("$defs", {})}).is_valid(v)
                    for a in alts
                )
                if not accepted:
                    bad.append(v)
                elif isinstance(v, str) and v.startswith(self.prefix + ":") and v not in codes:
                    self.p.add(where, f"{v} is not declared under codes:")
                    return False
            if bad:
                self.p.add(
                    where,
                    f"{', '.join(map(str, bad))} not allowed by the core:"
                    " an enum can only keep a subset of the core's values",
                )
                return False
            return True
        for a in alts:
            if applies is not None and not (alt_types(a) & applies):
                continue
            looser, core = loosens_bound(kw, value, a)
            if looser:
                self.p.add(
                    where, f"{value} is looser than the core's {core}: a profile can only tighten"
                )
                return False
        for q in self.parents.profiles:
            for c in q.constraints:
                if kw in c.keywords and (c.entity, c.path) == (
                    self._entity_of(where),
                    tuple(str(where[3]).split(".")),
                ):
                    prev = c.keywords[kw]
                    lower_kw = kw in ("minimum", "exclusiveMinimum", "minLength", "minItems")
                    if is_number(prev) and ((value < prev) if lower_kw else (value > prev)):
                        self.p.add(where, f"{value} is looser than {q.ref}'s {prev}")
                        return False
        return True

    @staticmethod
    def _entity_of(where: list[str | int]) -> str:
        return str(where[2])

    def params(self) -> dict[str, dict[str, Any]]:
        """The rule parameters the profile sets, each one tightening (see :mod:`.tightening`)."""
        from smartstd.catalogue import get_rule

        out: dict[str, dict[str, Any]] = {}
        inherited = self.parents.params()
        for code, values in (self.data.get("params") or {}).items():
            try:
                rule = get_rule(code)
            except KeyError:
                self.p.add(["params", code], f"no rule {code}")
                continue
            defaults = rule.param_defaults()
            for name, value in values.items():
                where: list[str | int] = ["params", code, name]
                if name not in defaults:
                    known = ", ".join(defaults) or "none"
                    self.p.add(where, f"{code} has no parameter {name!r} (it has: {known})")
                    continue
                base = {**defaults, **inherited.get(code, {})}
                if not self._param_ok(where, code, name, value, base):
                    continue
                out.setdefault(code, {})[name] = value
        return out

    def _param_ok(
        self, where: list[str | int], code: str, name: str, value: Any, base: Mapping[str, Any]
    ) -> bool:
        default = base[name]
        kinds = (
            (is_number(default), is_number(value), "a number"),
            (isinstance(default, Mapping), isinstance(value, Mapping), "a mapping"),
            (isinstance(default, list), isinstance(value, list), "a list"),
            (isinstance(default, str), isinstance(value, str), "a string"),
            (isinstance(default, bool), isinstance(value, bool), "true or false"),
        )
        for is_kind, matches, what in kinds:
            if is_kind and not matches:
                self.p.add(
                    where,
                    f"must be {what}, like the default {json.dumps(default, ensure_ascii=False)}",
                )
                return False
        from smartstd._parser_messages import Bilingual
        from smartstd.conformance.options import param_problem

        problem = param_problem(code, name, value)
        if problem is not None:  # a huge, negative or not finite number stopped the check
            self.p.add(where, Bilingual(problem.en, problem.zh))
            return False
        looser = loosenings(code, name, value, base)
        for msg in looser:
            self.p.add(where, msg + ": a profile can only tighten a rule")
        return not looser

    def severities(self) -> dict[str, str]:
        """The severities the profile raises (never lowers)."""
        from smartstd.catalogue import get_rule

        out: dict[str, str] = {}
        inherited = self.parents.severities()
        for code, sev in (self.data.get("severities") or {}).items():
            try:
                rule = get_rule(code)
            except KeyError:
                self.p.add(["severities", code], f"no rule {code}")
                continue
            floor = inherited.get(code, rule.severity)
            if Severity(sev).rank < floor.rank:
                self.p.add(
                    ["severities", code],
                    f"lowering {code} from {floor.value} to {sev} would loosen the core:"
                    " a profile can only raise a severity",
                )
                continue
            out[code] = sev
        return out

    def deprecated(self, extra: Mapping[tuple[str, str], FieldDef]) -> list[Any]:
        """The fields the profile deprecates (each one must exist)."""
        from smartstd.versions import Deprecation

        out = []
        for i, spec in enumerate(self.data.get("deprecated") or []):
            entity, _, fpath = spec["field"].partition(".")
            where: list[str | int] = ["deprecated", i, "field"]
            if not self._entity_ok(where, entity):
                continue
            path = tuple(fpath.split("."))
            if self._resolve(where, entity, path, extra) is None:
                continue
            out.append(
                Deprecation(
                    entity,
                    fpath,
                    spec["since"],
                    spec.get("replacement", ""),
                    spec.get("removal", ""),
                    bilingual(spec.get("note")),
                )
            )
        return out
