"""What a profile is: :class:`Profile`, the set in force (:class:`ProfileSet`), and their parts.

地方配置的数据结构：配置、生效的配置集合及其组成部分。
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from smartstd.errors import ConfigError
from smartstd.profiles.tightening import stricter
from smartstd.report import Severity

__all__ = ["CodeDef", "Constraint", "FieldDef", "Profile", "ProfileSet"]


PROFILE_REF = re.compile(
    r"^([a-z][a-z0-9-]{0,63})@((?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*))$"
)


EXT_FIELD = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z][a-z0-9_]{0,63}$")


NS_CODE = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z0-9][a-z0-9_]{0,63}$")


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
                raise ConfigError(key="profiles_clash", first=same[0].ref, second=p.ref)
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
                        stricter(code, name, here[name], value)
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
