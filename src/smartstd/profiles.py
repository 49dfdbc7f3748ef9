"""Local profiles (地方配置): load, validate, apply, publish.

A profile is a YAML file, not Python code. It names itself and its version,
the core version it builds on and the profiles it extends, and its
extension prefix; it adds namespaced fields (with their JSON Schema and
labels in both languages) and namespaced codes to open code lists; it
tightens the core: optional fields made required, tighter bounds and
patterns, a bounding box for every coordinate, rule parameters (deadlines,
retention bounds) and raised severities. Its format is published as a
Draft 2020-12 meta-schema, ``profile.schema.json``.

A profile can never loosen the core. Loading rejects, with a
:class:`~smartstd.errors.ConfigError` naming the key path in the profile, one
that would drop a required field, widen a bound, lower a severity, loosen a
rule parameter, redefine a core code, add a code to a closed list or add a
field that is not namespaced. So data conformant to a profile is always
conformant to the core (a property test proves it on generated data).

What this module offers:

* :func:`load_profile` / :func:`parse_profile`: a validated
  :class:`ProfileSet` (the profile and the profiles it extends);
* :func:`effective_schemas` / :func:`effective_files` /
  :func:`profile_bundle_files`: the core schemas with the profile applied;
* :func:`profile_hits` and :func:`deprecated_hits`: what rules SC702 and
  SC703 report about one entity;
* :func:`apply_profiles` (``smartstd check --profile``) and
  :func:`resolve_envelope_profiles` (the dataset's own ``profiles``): the
  profile merged into the check options;
* :func:`profile_docs`: Markdown documentation in both languages.

地方配置：以 YAML 数据（而非代码）描述的地方扩展与收紧。配置不得放宽核心标准；
符合地方配置的数据一定符合核心标准。
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from smartstd.conformance.options import CheckOptions
from smartstd.conformance.rule import Hit
from smartstd.errors import ConfigError
from smartstd.report import Path, Severity

__all__ = [
    "CodeDef",
    "Constraint",
    "FieldDef",
    "Profile",
    "ProfileSet",
    "apply_profiles",
    "builtin_profiles",
    "deprecated_hits",
    "effective_files",
    "effective_schemas",
    "find_profile",
    "load_profile",
    "merge_into_options",
    "parse_profile",
    "profile_bundle_files",
    "profile_docs",
    "profile_hits",
    "resolve_envelope_profiles",
]

_PROFILE_REF = re.compile(
    r"^([a-z][a-z0-9-]{0,63})@((?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*))$"
)
_EXT_FIELD = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z][a-z0-9_]{0,63}$")
_NS_CODE = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z0-9][a-z0-9_]{0,63}$")


def _direction(code: str, name: str) -> str:
    """How a profile may tighten parameter ``name`` of rule ``code`` (:attr:`Param.tighten`)."""
    from smartstd.catalogue import get_rule

    try:
        info = get_rule(code)
    except KeyError:
        return ""
    return next((p.tighten for p in info.params if p.name == name), "")


_APPLIES: dict[str, frozenset[str]] = {
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


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class FieldDef:
    """A namespaced field a profile adds to an entity type.

    Attributes:
        entity: the entity type.
        name: the field name (``gz:lingnan_style``).
        schema: its JSON Schema (self-contained).
        title: its title by language.
        description: its description by language.
        required: whether the profile requires it.
    """

    entity: str
    name: str
    schema: Mapping[str, Any]
    title: Mapping[str, str]
    description: Mapping[str, str]
    required: bool = False


@dataclass(frozen=True)
class CodeDef:
    """A namespaced code a profile adds to an open code list.

    Attributes:
        list: the code list (``service_category``).
        code: the code (``gz:meal_subsidy``).
        title: its label by language.
        description: its description by language (may be empty).
    """

    list: str
    code: str
    title: Mapping[str, str]
    description: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Constraint:
    """Tightening keywords on one field of an entity type.

    Attributes:
        entity: the entity type.
        path: the field's path (``("location", "address")``; ``"*"`` for list items).
        keywords: JSON Schema keywords (``{"maximum": 120}``).
    """

    entity: str
    path: tuple[str, ...]
    keywords: Mapping[str, Any]

    @property
    def field(self) -> str:
        """The dotted field path."""
        return ".".join(self.path)


@dataclass(frozen=True)
class Profile:
    """One validated profile.

    Attributes:
        name: the profile's name.
        version: its version.
        standard_version: the core version it builds on.
        prefix: its extension prefix.
        prefix_uri: where its extensions are defined (or ``""``).
        title: its title by language.
        description: its description by language.
        extends: the profiles it extends (``name@version``).
        fields: the fields it adds.
        required: optional fields it makes required, by entity type (paths).
        codes: the codes it adds.
        constraints: the constraints it tightens.
        bbox: ``(min_lon, min_lat, max_lon, max_lat)`` of every position, or ``None``.
        params: rule parameters by code.
        severities: raised severities by code.
        deprecated: fields it deprecates.
        source: the file it came from (``"builtin:..."`` for built-ins).
    """

    name: str
    version: str
    standard_version: str
    prefix: str
    prefix_uri: str = ""
    title: Mapping[str, str] = field(default_factory=dict)
    description: Mapping[str, str] = field(default_factory=dict)
    extends: tuple[str, ...] = ()
    fields: tuple[FieldDef, ...] = ()
    required: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    codes: tuple[CodeDef, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)
    deprecated: tuple[Any, ...] = ()
    source: str = ""

    @property
    def ref(self) -> str:
        """``name@version``."""
        return f"{self.name}@{self.version}"


@dataclass(frozen=True)
class ProfileSet:
    """The profiles in force: one or more profiles and everything they extend, parents first.

    This is what :attr:`CheckOptions.profile <smartstd.conformance.engine.CheckOptions>`
    and :attr:`Context.profile <smartstd.conformance.rule.Context>` hold. It
    pickles (the validators it needs are built lazily in each process).
    """

    profiles: tuple[Profile, ...]

    @property
    def refs(self) -> tuple[str, ...]:
        """``name@version`` of every profile, parents first."""
        return tuple(p.ref for p in self.profiles)

    @property
    def prefixes(self) -> frozenset[str]:
        """The extension prefixes the profiles declare."""
        return frozenset(p.prefix for p in self.profiles)

    @property
    def standard_version(self) -> str:
        """The core version the profiles build on."""
        return self.profiles[-1].standard_version if self.profiles else "1.0.0"

    @property
    def main(self) -> Profile:
        """The last profile (the one that was asked for)."""
        return self.profiles[-1]

    def fields_for(self, entity: str) -> tuple[FieldDef, ...]:
        """The fields the profiles add to an entity type."""
        return tuple(f for p in self.profiles for f in p.fields if f.entity == entity)

    def codes_for(self, list_name: str) -> tuple[CodeDef, ...]:
        """The codes the profiles add to a list."""
        return tuple(c for p in self.profiles for c in p.codes if c.list == list_name)

    def union(self, other: ProfileSet) -> ProfileSet:
        """Both sets, without repeats (the same name in two versions is a conflict).

        Raises:
            ConfigError: when two versions of one profile meet.
        """
        out = list(self.profiles)
        for p in other.profiles:
            same = [q for q in out if q.name == p.name]
            if same and same[0].version != p.version:
                raise ConfigError(f"profiles {same[0].ref} and {p.ref} cannot apply together")
            if not same:
                out.append(p)
        return ProfileSet(tuple(out))

    def params(self) -> dict[str, dict[str, Any]]:
        """The rule parameters of all profiles, merged (the stricter value where that is known)."""
        merged: dict[str, dict[str, Any]] = {}
        for p in self.profiles:
            for code, values in p.params.items():
                for name, value in values.items():
                    here = merged.setdefault(code, {})
                    here[name] = (
                        _stricter(code, name, here[name], value)
                        if name in here
                        else copy.deepcopy(value)
                    )
        return merged

    def severities(self) -> dict[str, Severity]:
        """The raised severities of all profiles (the highest wins)."""
        out: dict[str, Severity] = {}
        for p in self.profiles:
            for code, sev in p.severities.items():
                s = Severity(sev)
                if code not in out or s.rank > out[code].rank:
                    out[code] = s
        return out

    def deprecations(self) -> tuple[Any, ...]:
        """The fields the profiles deprecate."""
        return tuple(d for p in self.profiles for d in p.deprecated)


# --------------------------------------------------------------------------- helpers


def _kp(path: Sequence[str | int]) -> str:
    """A key path for messages: ``fields.Building["gz:x"].schema`` style, dots between keys."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", part):
            out += ("." if out else "") + part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out or "(top level)"


def _bilingual(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, Mapping) else {}


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@cache
def _meta_validator() -> Any:
    from jsonschema import Draft202012Validator

    text = (
        resources.files("smartstd")
        .joinpath("data")
        .joinpath("profile.schema.json")
        .read_text("utf-8")
    )
    return Draft202012Validator(
        json.loads(text), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@cache
def _core_schema(entity: str, version: str) -> dict[str, Any]:
    from smartstd.schemas import load_schema

    return load_schema(entity, version)


def _deref(node: Any, root: Any) -> Any:
    for _ in range(16):
        if not (
            isinstance(node, dict)
            and isinstance(node.get("$ref"), str)
            and node["$ref"].startswith("#/")
        ):
            return node
        target: Any = root
        for tok in node["$ref"][2:].split("/"):
            target = target.get(tok) if isinstance(target, dict) else None
        if target is None:
            return node
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _alternatives(node: Any, root: Any) -> list[dict[str, Any]]:
    """The non-null alternatives of a schema node (``anyOf``/``oneOf`` flattened, refs followed)."""
    node = _deref(node, root)
    if not isinstance(node, dict):
        return []
    if _is_codelist(node):
        return [node]
    for key in ("anyOf", "oneOf"):
        if isinstance(node.get(key), list):
            out: list[dict[str, Any]] = []
            for b in node[key]:
                out.extend(_alternatives(b, root))
            return out
    if node.get("type") == "null":
        return []
    return [node]


def _is_codelist(node: Mapping[str, Any]) -> bool:
    alts = node.get("anyOf")
    return (
        node.get("type") == "string"
        and isinstance(alts, list)
        and len(alts) == 2
        and any(isinstance(a, dict) and "enum" in a for a in alts)
        and any(isinstance(a, dict) and "pattern" in a for a in alts)
    )


def _alt_types(alt: Mapping[str, Any]) -> set[str]:
    t = alt.get("type")
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    if "properties" in alt:
        return {"object"}
    return {"string", "integer", "number", "array", "object", "boolean"}


def _core_node(
    entity: str, path: Sequence[str], version: str
) -> tuple[list[dict[str, Any]], bool, dict[str, Any]] | None:
    """The alternatives of a core field, whether it is required, and the schema root."""
    root = _core_schema(entity, version)
    nodes: list[Any] = [root]
    required = False
    for i, seg in enumerate(path):
        nxt: list[Any] = []
        required = False
        for n in nodes:
            for alt in _alternatives(n, root):
                if seg == "*":
                    if isinstance(alt.get("items"), dict):
                        nxt.append(alt["items"])
                else:
                    props = alt.get("properties")
                    if isinstance(props, dict) and seg in props:
                        nxt.append(props[seg])
                        if seg in (alt.get("required") or []) and i == len(path) - 1:
                            required = True
        if not nxt:
            return None
        nodes = nxt
    alts = [a for n in nodes for a in _alternatives(n, root)]
    return alts, required, root


def _ordered(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def _stricter(code: str, name: str, a: Any, b: Any) -> Any:
    """The stricter of two values of a parameter (``b`` when the direction is unknown)."""
    d = _direction(code, name)
    if d == "lower" and _number(a) and _number(b):
        return min(a, b)
    if d == "higher" and _number(a) and _number(b):
        return max(a, b)
    if (
        d.startswith(("lower-each", "higher-each"))
        and isinstance(a, Mapping)
        and isinstance(b, Mapping)
    ):
        pick = min if d.startswith("lower") else max
        out = dict(a)
        for k, v in b.items():
            out[k] = pick(out[k], v) if k in out and _number(out[k]) and _number(v) else v
        return out
    if d == "range-each" and isinstance(a, Mapping) and isinstance(b, Mapping):
        out = dict(a)
        for k, v in b.items():
            if (
                k in out
                and isinstance(out[k], list)
                and isinstance(v, list)
                and len(out[k]) == 2
                and len(v) == 2
            ):
                out[k] = [max(out[k][0], v[0]), min(out[k][1], v[1])]
            else:
                out[k] = v
        return out
    if d == "superset" and isinstance(a, list) and isinstance(b, list):
        return _ordered({json.dumps(x): x for x in [*a, *b]}.values())
    if d == "subset" and isinstance(a, list) and isinstance(b, list):
        return [x for x in a if x in b]
    return b


# --------------------------------------------------------------------------- loading


class _Problems:
    """Collects what is wrong with a profile, each with its key path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, path: Sequence[str | int], message: str) -> None:
        self.items.append(f"{_kp(path)}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            lines = "\n".join(f"  - {p}" for p in self.items)
            raise ConfigError(
                f"{self.source}: invalid profile ({len(self.items)} problem(s)):\n{lines}"
            )


def _read_yaml(path: FsPath) -> Any:
    from smartstd.io import Limits, parse_yaml

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read profile {path}: {exc}") from None
    value, findings, _ = parse_yaml(text, file=str(path), limits=Limits())
    if findings:
        f = findings[0]
        raise ConfigError(f"{path}:{f.line}:{f.column}: cannot read profile: {f.message('en')}")
    return value


def builtin_profiles() -> dict[str, Any]:
    """The profiles shipped with the library, by ``name@version`` (resources)."""
    root = resources.files("smartstd").joinpath("data").joinpath("profiles")
    out: dict[str, Any] = {}
    if not root.is_dir():
        return out
    import yaml

    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            try:
                data = yaml.safe_load(entry.read_text("utf-8"))
            except yaml.YAMLError:
                continue
            ident = data.get("profile") if isinstance(data, dict) else None
            if isinstance(ident, dict):
                out[f"{ident.get('name')}@{ident.get('version')}"] = entry
    return out


def _peek(path: FsPath) -> tuple[str, str] | None:
    """``(name, version)`` of a profile file, or ``None`` when it is not one."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if not any(line.startswith(b"profile:") for line in head.splitlines()):
        return None
    try:
        data = _read_yaml(path)
    except ConfigError:
        return None
    ident = data.get("profile") if isinstance(data, dict) else None
    if isinstance(ident, dict) and isinstance(ident.get("name"), str):
        return ident["name"], str(ident.get("version"))
    return None


def _profile_files(dirs: Iterable[FsPath]) -> Iterator[tuple[FsPath, tuple[str, str]]]:
    seen: set[FsPath] = set()
    for d in dirs:
        if not d.is_dir():
            continue
        for f in sorted([*d.glob("*.yaml"), *d.glob("*.yml")]):
            rf = f.resolve()
            if rf in seen:
                continue
            seen.add(rf)
            ident = _peek(f)
            if ident is not None:
                yield f, ident


def find_profile(ref: str, dirs: Iterable[str | FsPath] = ()) -> Any:
    """Where the profile ``name@version`` is: a built-in resource, or a ``*.yaml`` in ``dirs``.

    Returns:
        A path (or package resource), or ``None`` when it cannot be found.
    """
    builtin = builtin_profiles().get(ref)
    if builtin is not None:
        return builtin
    m = _PROFILE_REF.match(ref)
    if not m:
        return None
    for f, (name, version) in _profile_files(FsPath(d) for d in dirs):
        if name == m.group(1) and version == m.group(2):
            return f
    return None


def _versions_available(name: str, dirs: Iterable[FsPath]) -> list[str]:
    out = [ref.split("@", 1)[1] for ref in builtin_profiles() if ref.split("@", 1)[0] == name]
    out.extend(version for _f, (n, version) in _profile_files(dirs) if n == name)
    return sorted(set(out))


def load_profile(source: str | FsPath, *, search: Iterable[str | FsPath] = ()) -> ProfileSet:
    """Load and validate a profile file, with the profiles it extends.

    Args:
        source: a YAML file, or ``name@version`` of a built-in profile or of a
            profile file in one of the ``search`` folders.
        search: folders where extended profiles (and ``name@version``) are looked for,
            after the built-ins and the profile's own folder.

    Raises:
        ConfigError: when the profile cannot be found or read, does not match
            the meta-schema, or would loosen the core (the message names every
            key path at fault).
    """
    dirs = [FsPath(d) for d in search]
    text = str(source)
    if isinstance(source, str) and _PROFILE_REF.match(source) and not FsPath(source).is_file():
        found = find_profile(source, dirs)
        if found is None:
            where = ", ".join(str(d) for d in dirs) or "no folder"
            raise ConfigError(
                f"profile {source} not found (looked in the built-in profiles and in {where})"
            )
        return _load_any(found, dirs, ())
    path = FsPath(text)
    if not path.is_file():
        raise ConfigError(f"no such profile file: {path}")
    return _load_any(path, dirs, ())


def _load_any(found: Any, dirs: list[FsPath], stack: tuple[str, ...]) -> ProfileSet:
    if isinstance(found, FsPath):
        data = _read_yaml(found)
        return parse_profile(data, source=str(found), search=[found.parent, *dirs], _stack=stack)
    import yaml

    return parse_profile(
        yaml.safe_load(found.read_text("utf-8")),
        source=f"builtin:{found.name}",
        search=dirs,
        _stack=stack,
    )


def parse_profile(
    data: Any,
    *,
    source: str = "<profile>",
    search: Iterable[str | FsPath] = (),
    _stack: tuple[str, ...] = (),
) -> ProfileSet:
    """Validate a profile held in memory (the parsed YAML) and return it with its parents.

    Raises:
        ConfigError: as :func:`load_profile`.
    """
    problems = _Problems(source)
    errors = sorted(_meta_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    for err in errors:
        problems.add(list(err.absolute_path), err.message)
    problems.raise_if_any()
    ident = data["profile"]
    name, version = ident["name"], ident["version"]
    ref = f"{name}@{version}"
    if ref in _stack:
        raise ConfigError(f"{source}: profile.extends: {' -> '.join([*_stack, ref])} is a cycle")
    dirs = [FsPath(d) for d in search]
    parents = ProfileSet(())
    for i, parent_ref in enumerate(ident.get("extends") or []):
        found = find_profile(parent_ref, dirs)
        if found is None:
            problems.add(["profile", "extends", i], f"profile {parent_ref} not found")
            continue
        try:
            parents = parents.union(_load_any(found, dirs, (*_stack, ref)))
        except ConfigError as exc:
            problems.add(["profile", "extends", i], f"{parent_ref} is invalid: {exc}")
    problems.raise_if_any()
    profile = _Builder(data, source, parents, problems).build()
    problems.raise_if_any()
    for p in parents.profiles:
        if p.standard_version != profile.standard_version:
            problems.add(
                ["profile", "standard_version"],
                f"{p.ref} builds on SCDS {p.standard_version},"
                f" this profile on {profile.standard_version}",
            )
    problems.raise_if_any()
    return parents.union(ProfileSet((profile,)))


class _Builder:
    """Checks a profile's content against the core and builds the :class:`Profile`."""

    def __init__(
        self, data: Mapping[str, Any], source: str, parents: ProfileSet, problems: _Problems
    ) -> None:
        self.data = data
        self.source = source
        self.parents = parents
        self.p = problems
        ident = data["profile"]
        self.prefix: str = ident["prefix"]
        self.version: str = ident["standard_version"]

    def build(self) -> Profile:
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
            title=_bilingual(ident.get("title")),
            description=_bilingual(ident.get("description")),
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
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        out: list[FieldDef] = []
        for entity, defs in (self.data.get("fields") or {}).items():
            if not self._entity_ok(["fields", entity], entity):
                continue
            core = _core_schema(entity, self.version)
            for name, spec in defs.items():
                where: list[str | int] = ["fields", entity, name]
                m = _EXT_FIELD.match(name)
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
                        _bilingual(spec.get("title")),
                        _bilingual(spec.get("description")),
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
        found = _core_node(entity, path, self.version)
        if found is None:
            self.p.add(where, f"no field {'.'.join(path)} in {entity} (SCDS {self.version})")
        return found

    def required(
        self, extra: Mapping[tuple[str, str], FieldDef]
    ) -> dict[str, tuple[tuple[str, ...], ...]]:
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
                        _bilingual(spec.get("description")),
                    )
                )
        return out

    def bbox(self) -> tuple[float, float, float, float] | None:
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

        kinds = set().union(*(_alt_types(a) for a in alts)) if alts else set()
        applies = _APPLIES.get(kw)
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
            if applies is not None and not (_alt_types(a) & applies):
                continue
            core = a.get(kw)
            looser = False
            if kw in ("minimum", "exclusiveMinimum"):
                low = _lower(a)
                looser = low is not None and (
                    value < low[0] or (value == low[0] and low[1] and kw == "minimum")
                )
                core = None if low is None else _plain(low[0])
            elif kw in ("maximum", "exclusiveMaximum"):
                high = _upper(a)
                looser = high is not None and (
                    value > high[0] or (value == high[0] and high[1] and kw == "maximum")
                )
                core = None if high is None else _plain(high[0])
            elif kw in ("minLength", "minItems"):
                looser = core is not None and value < core
            elif kw in ("maxLength", "maxItems"):
                looser = core is not None and value > core
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
                    if _number(prev) and ((value < prev) if lower_kw else (value > prev)):
                        self.p.add(where, f"{value} is looser than {q.ref}'s {prev}")
                        return False
        return True

    @staticmethod
    def _entity_of(where: list[str | int]) -> str:
        return str(where[2])

    def params(self) -> dict[str, dict[str, Any]]:
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
            (_number(default), _number(value), "a number"),
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
        d = _direction(code, name)
        looser: list[str] = []
        if d == "lower" and value > default:
            looser.append(f"{value} is looser than {default} (only a lower value tightens)")
        elif d == "higher" and value < default:
            looser.append(f"{value} is looser than {default} (only a higher value tightens)")
        elif d.startswith(("lower-each", "higher-each")):
            fallback = base.get(d.split(":", 1)[1])
            for k, v in value.items():
                ref = default.get(k, fallback)
                if not _number(v):
                    looser.append(f"{k}: {v!r} is not a number")
                elif _number(ref) and ((v > ref) if d.startswith("lower") else (v < ref)):
                    looser.append(f"{k}: {v} is looser than {ref}")
        elif d == "range-each":
            for k, v in value.items():
                ref = default.get(k, [base.get("min_days"), base.get("max_days")])
                if not (
                    isinstance(v, list)
                    and len(v) == 2
                    and all(_number(x) for x in v)
                    and v[0] <= v[1]
                ):
                    looser.append(f"{k}: must be [minimum, maximum]")
                elif _number(ref[0]) and _number(ref[1]) and (v[0] < ref[0] or v[1] > ref[1]):
                    looser.append(f"{k}: {v} is wider than {list(ref)}")
        elif d == "superset":
            missing = [x for x in default if x not in value]
            if missing:
                looser.append(
                    f"drops {', '.join(map(str, missing))} (a profile may only add to this list)"
                )
        elif d == "subset":
            added = [x for x in value if x not in default]
            if added:
                looser.append(
                    f"adds {', '.join(map(str, added))} (a profile may only remove from this list)"
                )
        for msg in looser:
            self.p.add(where, msg + ": a profile can only tighten a rule")
        return not looser

    def severities(self) -> dict[str, str]:
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
                    _bilingual(spec.get("note")),
                )
            )
        return out


def _plain(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def _lower(a: Mapping[str, Any]) -> tuple[float, bool] | None:
    cands = [
        (float(a[k]), k == "exclusiveMinimum")
        for k in ("minimum", "exclusiveMinimum")
        if _number(a.get(k))
    ]
    return max(cands) if cands else None


def _upper(a: Mapping[str, Any]) -> tuple[float, bool] | None:
    cands = [
        (float(a[k]), k == "exclusiveMaximum")
        for k in ("maximum", "exclusiveMaximum")
        if _number(a.get(k))
    ]
    return min(cands, key=lambda c: (c[0], not c[1])) if cands else None


# --------------------------------------------------------------------------- effective schemas


def _i18n_text(texts: Mapping[str, str], fallback: Mapping[str, str] | None = None) -> str:
    en = texts.get("en") or (fallback or {}).get("en", "")
    zh = texts.get("zh-CN") or (fallback or {}).get("zh-CN", "")
    return f"{en} / {zh}" if en and zh else en or zh


def _inline(container: dict[str, Any] | list[Any], key: Any, root: Mapping[str, Any]) -> Any:
    """Replace a ``$ref`` at ``container[key]`` with a copy of its target, and return the node."""
    node = container[key]
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target = _deref(node, root)
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
    if _is_codelist(node):
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
        if _is_codelist(alt):
            for k in list(alt):
                if k not in ("title", "description"):
                    del alt[k]
            alt.update({"type": "string", "enum": list(value)})
        elif isinstance(alt.get("enum"), list):
            alt["enum"] = [v for v in alt["enum"] if v in value]
        else:
            alt["enum"] = list(value)
        return
    applies = _APPLIES.get(kw)
    if applies is not None and not (_alt_types(alt) & applies):
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
                if key is not None and not _is_codelist(prop):
                    kept = [
                        b
                        for b in prop[key]
                        if not (isinstance(b, dict) and b.get("type") == "null")
                    ]
                    if len(kept) == 1 and isinstance(kept[0], dict):
                        rest = {k: v for k, v in prop.items() if k != key and k != "default"}
                        prop.clear()
                        prop.update({**_deref(kept[0], root), **rest})
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
                if not _is_codelist(alt):
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
        bbox = _merged_bbox(ps)
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


def _merged_bbox(ps: ProfileSet) -> tuple[float, float, float, float] | None:
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


# --------------------------------------------------------------------------- checking data


@cache
def _validator(schema_json: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_json))


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    )
    return text if len(text) <= 120 else text[:117] + "..."


def _parents(
    value: Any, pattern: Sequence[str], prefix: Path = ()
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The objects at a parent pattern ("*" = every list item), with their paths."""
    from smartstd.standard.introspect import iter_objects

    return iter_objects(value, tuple(pattern), prefix)


def _positions(value: Any, path: Path = ()) -> Iterator[tuple[Path, list[Any]]]:
    """Every GeoJSON position in a JSON value: ``[lon, lat, ...]`` with its path."""
    stack: list[tuple[Path, Any]] = [(path, value)]
    while stack:
        p, v = stack.pop()
        if isinstance(v, dict):
            coords = v.get("coordinates")
            if v.get("type") == "Point" and isinstance(coords, list):
                yield (*p, "coordinates"), coords
            elif v.get("type") == "Polygon" and isinstance(coords, list):
                for i, ring in enumerate(coords):
                    for j, pos in enumerate(ring if isinstance(ring, list) else []):
                        if isinstance(pos, list):
                            yield (*p, "coordinates", i, j), pos
            else:
                stack.extend(
                    ((*p, k), sub)
                    for k, sub in v.items()
                    if isinstance(sub, (dict, list))
                    and not (isinstance(k, str) and _EXT_FIELD.match(k))
                )
        elif isinstance(v, list):
            stack.extend(((*p, i), sub) for i, sub in enumerate(v) if isinstance(sub, (dict, list)))


def _hit(
    path: Path, profile: str, field_name: str, constraint: str, expected: Any, value: Any
) -> Hit:
    return Hit(
        "SC702",
        path,
        {
            "profile": profile,
            "field": field_name,
            "constraint": constraint,
            "expected": _jsonable(expected),
            "value": _jsonable(value),
        },
    )


def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path)


def profile_hits(raw: Mapping[str, Any], ps: ProfileSet) -> list[Hit]:
    """SC702: how one entity (plain JSON, core-valid) breaks the profiles in force.

    A profile's added field that breaks its schema, a required field that is
    missing or null, a value outside a tightened constraint or the bounding
    box, a field or code of a profile's prefix that the profile does not
    declare. Exactly what the effective schemas reject (a test proves it).
    """
    from smartstd.standard.introspect import code_values

    etype = raw.get("type")
    if not isinstance(etype, str):
        return []
    hits: list[Hit] = []
    seen: set[tuple[Path, str]] = set()

    def add(h: Hit) -> None:
        key = (h.path, str(h.params.get("constraint")))
        if key not in seen:
            seen.add(key)
            hits.append(h)

    declared_fields = {f.name for f in ps.fields_for(etype)}
    for p in ps.profiles:
        for path in p.required.get(etype, ()):
            for ppath, parent in _parents(raw, path[:-1]):
                if parent.get(path[-1]) is None:
                    add(
                        _hit(
                            (*ppath, path[-1]),
                            p.ref,
                            _dotted((*ppath, path[-1])),
                            "required",
                            "non-null",
                            "null" if path[-1] in parent else "missing",
                        )
                    )
        for f in p.fields:
            if f.entity != etype:
                continue
            if f.name not in raw:
                if f.required:
                    add(_hit((f.name,), p.ref, f.name, "required", "non-null", "missing"))
                continue
            v = _validator(json.dumps(dict(f.schema), sort_keys=True))
            err = next(
                iter(sorted(v.iter_errors(raw[f.name]), key=lambda e: list(e.absolute_path))), None
            )
            if err is not None:
                at = (f.name, *err.absolute_path)
                add(
                    _hit(
                        at,
                        p.ref,
                        _dotted(at),
                        str(err.validator),
                        err.validator_value,
                        err.instance,
                    )
                )
        for c in p.constraints:
            if c.entity != etype:
                continue
            for ppath, parent in _parents(raw, c.path[:-1]):
                for name, value in (
                    [(c.path[-1], parent.get(c.path[-1]))] if c.path[-1] != "*" else []
                ):
                    if value is None:
                        continue
                    for kw, expected in c.keywords.items():
                        schema = {kw: expected}
                        if not _validator(json.dumps(schema, sort_keys=True)).is_valid(value):
                            add(
                                _hit(
                                    (*ppath, name),
                                    p.ref,
                                    _dotted((*ppath, name)),
                                    kw,
                                    expected,
                                    value,
                                )
                            )
            if c.path[-1] == "*":
                for ppath, parent in _parents(raw, c.path[:-2]):
                    items = parent.get(c.path[-2])
                    for i, value in enumerate(items if isinstance(items, list) else []):
                        if value is None:
                            continue
                        for kw, expected in c.keywords.items():
                            if not _validator(json.dumps({kw: expected}, sort_keys=True)).is_valid(
                                value
                            ):
                                at = (*ppath, c.path[-2], i)
                                add(_hit(at, p.ref, _dotted(at), kw, expected, value))
    for key in raw:
        m = _EXT_FIELD.match(key) if isinstance(key, str) else None
        if m and m.group(1) in ps.prefixes and key not in declared_fields:
            owner = next(q.ref for q in ps.profiles if q.prefix == m.group(1))
            known = sorted(
                f.name for f in ps.fields_for(etype) if f.name.startswith(m.group(1) + ":")
            )
            add(_hit((key,), owner, key, "declared-field", known, key))
    for at_code, list_name, value in code_values(dict(raw)):
        m = _NS_CODE.match(value)
        if (
            m
            and m.group(1) in ps.prefixes
            and value not in {c.code for c in ps.codes_for(list_name)}
        ):
            owner = next(q.ref for q in ps.profiles if q.prefix == m.group(1))
            add(
                _hit(
                    at_code,
                    owner,
                    _dotted(at_code),
                    "declared-code",
                    sorted(c.code for c in ps.codes_for(list_name)),
                    value,
                )
            )
    box = _merged_bbox(ps)
    if box is not None:
        owner = next(q.ref for q in reversed(ps.profiles) if q.bbox is not None)
        for at_pos, pos in _positions(dict(raw)):
            if len(pos) >= 2 and _number(pos[0]) and _number(pos[1]):
                lon, lat = pos[0], pos[1]
                if not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
                    add(_hit(at_pos, owner, _dotted(at_pos), "bbox", list(box), [lon, lat]))
    return hits


def deprecated_hits(raw: Mapping[str, Any], deprecations: Iterable[Any]) -> list[Hit]:
    """SC703: the deprecated fields an entity (plain JSON) uses."""
    etype = raw.get("type")
    hits: list[Hit] = []
    for d in deprecations:
        if d.entity != etype:
            continue
        path = d.path
        for ppath, parent in _parents(raw, path[:-1]):
            if path[-1] in parent and parent[path[-1]] is not None:
                at = (*ppath, path[-1])
                hits.append(
                    Hit(
                        "SC703",
                        at,
                        {
                            "field": f"{etype}.{d.field}",
                            "since": d.since,
                            "replacement": d.replacement or "-",
                            "removal": d.removal or "-",
                        },
                    )
                )
    return hits


# --------------------------------------------------------------------------- check options


def merge_into_options(options: CheckOptions, ps: ProfileSet) -> CheckOptions:
    """New :class:`~smartstd.conformance.options.CheckOptions`: ``options`` with a profile set.

    The profiles' parameters override the configuration's (the stricter value
    wins where the direction is known), severities are raised, prefixes
    declared, and ``profile`` / ``profiles`` updated. ``options`` is not changed.
    """
    current = options.profile
    merged = current.union(ps) if isinstance(current, ProfileSet) else ps
    params: dict[str, dict[str, Any]] = {
        code: dict(values) for code, values in dict(options.params).items()
    }
    for code, values in ps.params().items():
        here = params.setdefault(code, {})
        for name, value in values.items():
            here[name] = _stricter(code, name, here[name], value) if name in here else value
    sev = dict(options.severities)
    for code, s in ps.severities().items():
        if code not in sev or s.rank > Severity(sev[code]).rank:
            sev[code] = s
    return dataclasses.replace(
        options,
        profile=merged,
        profiles=tuple(dict.fromkeys([*options.profiles, *ps.refs])),
        extra_prefixes=frozenset(options.extra_prefixes) | ps.prefixes,
        params=params,
        severities=sev,
    )


def _folders(paths: Iterable[str]) -> list[FsPath]:
    """The inputs' folders, then their parents (``data/ndjson/x.ndjson`` finds ``data/p.yaml``)."""
    near: list[FsPath] = []
    for p in paths:
        fs = FsPath(p)
        folder = fs if fs.is_dir() else fs.parent
        if folder not in near:
            near.append(folder)
    parents = [f.resolve().parent for f in near]
    return [*near, *(f for f in dict.fromkeys(parents) if f not in near)]


def apply_profiles(
    options: CheckOptions, profiles: Iterable[str], paths: Iterable[str]
) -> CheckOptions:
    """New check options: ``options`` with ``--profile`` values (YAML files or ``name@version``).

    ``name@version`` is looked for among the built-in profiles, then in the
    folders of ``paths``.

    Raises:
        ConfigError: when a profile cannot be found, read or validated, or
            would loosen the core.
    """
    dirs = _folders(paths)
    for item in profiles:
        if FsPath(item).is_file() or item.endswith((".yaml", ".yml")):
            ps = load_profile(FsPath(item), search=dirs)
        elif _PROFILE_REF.match(item):
            ps = load_profile(item, search=dirs)
        else:
            raise ConfigError(f"--profile {item!r}: neither a profile file nor name@version")
        options = merge_into_options(options, ps)
    return options


def resolve_envelope_profiles(
    options: CheckOptions, refs: Sequence[str], files: Sequence[str]
) -> tuple[CheckOptions, list[Hit]]:
    """The options with the profiles a dataset's envelope names, and what to report about them.

    SC701: a profile cannot be found or used; SC704: a newer version exists.
    ``options`` is not changed.

    Profiles are looked for among the built-ins, then as ``*.yaml`` profile
    files in the folders of the input files, then in their parent folders.
    A profile that cannot be read or validated is reported (SC701) rather
    than raised: it came with the data.
    """
    dirs = _folders(files)
    hits: list[Hit] = []
    for i, ref in enumerate(refs):
        m = _PROFILE_REF.match(ref)
        if not m:
            continue
        name, version = m.group(1), m.group(2)
        where = ", ".join(str(d) for d in dirs) or "-"
        if ref not in options.profiles:
            found = find_profile(ref, dirs)
            if found is None:
                others = _versions_available(name, dirs)
                reason = (
                    f"only version(s) {', '.join(others)} found"
                    if others
                    else f"no built-in profile and no profile file with this name in {where}"
                )
                hits.append(Hit("SC701", ("profiles", i), {"profile": ref, "reason": reason}))
                continue
            try:
                ps = _load_any(found, dirs, ())
            except ConfigError as exc:
                hits.append(
                    Hit(
                        "SC701",
                        ("profiles", i),
                        {"profile": ref, "reason": f"the profile is invalid: {exc}"},
                    )
                )
                continue
            try:
                options = merge_into_options(options, ps)
            except ConfigError as exc:
                hits.append(Hit("SC701", ("profiles", i), {"profile": ref, "reason": str(exc)}))
                continue
        newer = _newest(name, version, dirs)
        if newer is not None:
            hits.append(
                Hit(
                    "SC704",
                    ("profiles", i),
                    {
                        "subject": f"profile {name}",
                        "version": version,
                        "latest": newer,
                        "command": f'set "profiles": ["{name}@{newer}"] in the envelope',
                    },
                )
            )
    return options, hits


def _newest(name: str, version: str, dirs: Iterable[FsPath]) -> str | None:
    from smartstd.versions import Version

    have = Version.parse(version)
    best: Version | None = None
    for v in _versions_available(name, dirs):
        try:
            cand = Version.parse(v)
        except ValueError:
            continue
        if cand.major == have.major and cand > have and (best is None or cand > best):
            best = cand
    return str(best) if best is not None else None


# --------------------------------------------------------------------------- docs


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(text: Any) -> str:
    s = text if isinstance(text, str) else json.dumps(text, ensure_ascii=False)
    return s.replace("|", "\\|").replace("\n", " ")


def profile_docs(ps: ProfileSet, lang: str = "both") -> str:
    """Markdown documentation of a profile (``lang``: ``zh-CN``, ``en`` or ``both``)."""
    from smartstd.standard.codes import CODE_LISTS

    langs = ["zh-CN", "en"] if lang == "both" else [lang]

    def t(zh: str, en: str) -> str:
        return " / ".join(x for x, lg in ((zh, "zh-CN"), (en, "en")) if lg in langs)

    def txt(texts: Mapping[str, str]) -> str:
        return " / ".join(texts.get(lg, "") for lg in langs if texts.get(lg))

    main = ps.main
    out = [f"# {txt(main.title) or main.name} (`{main.ref}`)", ""]
    if main.description:
        for lg in langs:
            if main.description.get(lg):
                out += [main.description[lg], ""]
    out += [
        f"- {t('名称', 'Name')}: `{main.name}`",
        f"- {t('版本', 'Version')}: `{main.version}`",
        f"- {t('核心标准版本', 'Core version')}: SCDS `{main.standard_version}`",
        f"- {t('扩展前缀', 'Extension prefix')}: `{main.prefix}`"
        + (f" ({main.prefix_uri})" if main.prefix_uri else ""),
    ]
    if len(ps.profiles) > 1:
        out.append(f"- {t('继承', 'Extends')}: " + ", ".join(f"`{r}`" for r in ps.refs[:-1]))
    out += [
        "",
        f"## {t('使用方法', 'How to use it')}",
        "",
        t("在数据集信封中声明：", "Declare it in the dataset envelope:"),
        "",
        "```json",
    ]
    out.append(
        json.dumps(
            {
                "profiles": [main.ref],
                "extensions": {q.prefix: q.prefix_uri or q.ref for q in ps.profiles},
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    out += [
        "```",
        "",
        t("或在检查时指定：", "or name it when checking:"),
        "",
        "```sh",
        f"smartstd check data/ --profile {main.ref}",
        "```",
    ]
    for p in ps.profiles:
        if p.fields:
            out += [
                "",
                f"## {t('新增字段', 'Added fields')} ({p.ref})",
                "",
                _row(
                    t("实体", "Entity"),
                    t("字段", "Field"),
                    t("标题", "Title"),
                    t("说明", "Description"),
                    t("必填", "Required"),
                    "JSON Schema",
                ),
                "|---|---|---|---|---|---|",
            ]
            for f in p.fields:
                out.append(
                    _row(
                        f.entity,
                        f"`{f.name}`",
                        _cell(txt(f.title)),
                        _cell(txt(f.description)),
                        "✓" if f.required else "",
                        f"`{_cell(json.dumps(dict(f.schema), ensure_ascii=False))}`",
                    )
                )
        if p.required:
            out += ["", f"## {t('必填字段', 'Required fields')} ({p.ref})", ""]
            for entity, paths in p.required.items():
                out.append(f"- {entity}: " + ", ".join(f"`{'.'.join(x)}`" for x in paths))
        if p.codes:
            out += [
                "",
                f"## {t('新增代码', 'Added codes')} ({p.ref})",
                "",
                f"| {t('代码表', 'Code list')} | {t('代码', 'Code')} | {t('标签', 'Label')} |",
                "|---|---|---|",
            ]
            for cd in p.codes:
                cl = CODE_LISTS.get(cd.list)
                list_label = txt({"zh-CN": cl.zh, "en": cl.en}) if cl else cd.list
                out.append(
                    _row(f"{_cell(list_label)} (`{cd.list}`)", f"`{cd.code}`", _cell(txt(cd.title)))
                )
        if p.constraints or p.bbox:
            out += ["", f"## {t('收紧的约束', 'Tightened constraints')} ({p.ref})", ""]
            if p.bbox:
                out.append(
                    f"- {t('坐标范围', 'Bounding box')} ["
                    + t(
                        "最小经度, 最小纬度, 最大经度, 最大纬度",
                        "min lon, min lat, max lon, max lat",
                    )
                    + f"]: `{list(p.bbox)}`"
                )
            for c in p.constraints:
                out.append(
                    f"- {c.entity}.`{c.field}`:"
                    f" `{json.dumps(dict(c.keywords), ensure_ascii=False)}`"
                )
        if p.params:
            out += [
                "",
                f"## {t('规则参数', 'Rule parameters')} ({p.ref})",
                "",
                f"| {t('规则', 'Rule')} | {t('参数', 'Parameter')} | {t('取值', 'Value')} |",
                "|---|---|---|",
            ]
            for code, values in p.params.items():
                for name, value in values.items():
                    out.append(
                        f"| {code} | `{name}` | `{_cell(json.dumps(value, ensure_ascii=False))}` |"
                    )
        if p.severities:
            out += ["", f"## {t('提高的严重程度', 'Raised severities')} ({p.ref})", ""]
            out.extend(f"- {code}: `{sev}`" for code, sev in p.severities.items())
        if p.deprecated:
            out += ["", f"## {t('弃用字段', 'Deprecated fields')} ({p.ref})", ""]
            for d in p.deprecated:
                rep = f" → `{d.replacement}`" if d.replacement else ""
                out.append(f"- {d.entity}.`{d.field}` ({t('自', 'since')} {d.since}){rep}")
    return "\n".join(out) + "\n"
