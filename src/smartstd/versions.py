"""The versions of the standard this library knows, and publishing one of them.

The standard's version (SemVer, e.g. ``1.0.0``) is separate from the
package's. A dataset of a newer major version is refused (SC105); one of an
older version the library knows is checked and pointed to ``smartstd migrate``
(SC704).

Three registries live here:

* the versions: :data:`KNOWN_VERSIONS` are the versions the library can
  *check* (it has their models); :func:`register_version` adds versions that
  the library can only *migrate* to or from (a future version's steps, or the
  test-only versions of the test suite);
* the deprecations of each version (:func:`deprecations`), which rule SC703
  reports;
* the publishing of a version as a self-contained bundle
  (:func:`bundle_files` / :func:`write_bundle`): every schema with its
  ``$id``, ``index.json``, the code lists in both languages
  (``codelists.json``), the rule catalogue (``rules.json``), the profile
  meta-schema, a changelog excerpt (``CHANGES.md``) and ``SHA256SUMS``.

The migration steps between versions are in :mod:`smartstd.migrate`.

标准版本：本库能检查的版本、只能迁移的版本、各版本弃用的字段，以及把一个版本发布为
自包含的模式包（含 $id、索引、校验和、双语代码表、规则目录与变更摘要）。
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import total_ordering
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError
from smartstd.standard.dataset import STANDARD_VERSION

__all__ = [
    "BUNDLE_EXTRAS",
    "KNOWN_VERSIONS",
    "Deprecation",
    "Version",
    "VersionInfo",
    "bundle_files",
    "changelog_excerpt",
    "codelists_document",
    "compare_to_library",
    "deprecations",
    "known_versions",
    "migrations_document",
    "parse_version",
    "profile_meta_schema",
    "register_deprecation",
    "register_version",
    "registered",
    "rules_document",
    "unregister_version",
    "version_info",
    "write_bundle",
]

#: Versions of the standard the library can check (it has their models), oldest first.
KNOWN_VERSIONS: tuple[str, ...] = ("1.0.0", "1.1.0")

_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_SEMVER_FULL = re.compile(
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-((?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?$"
)


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``.

    Raises:
        ValueError: if ``text`` is not a SemVer core version.
    """
    m = _SEMVER.match(text)
    if not m:
        raise UsageError(key="not_a_core_version", text=text)
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


@total_ordering
@dataclass(frozen=True)
class Version:
    """A SemVer 2.0 version, pre-release included (build metadata is not accepted).

    Pre-releases sort before their release (``1.1.0-test < 1.1.0``), as
    SemVer says. Published versions of the standard never carry a
    pre-release; the test suite's migration-only versions do.

    Attributes:
        major: the major number.
        minor: the minor number.
        patch: the patch number.
        pre: the dot-separated pre-release identifiers (empty for a release).
    """

    major: int
    minor: int
    patch: int
    pre: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse ``"1.2.3"`` or ``"1.2.3-rc.1"``.

        Raises:
            ValueError: if ``text`` is not a SemVer version.
        """
        m = _SEMVER_FULL.match(text.strip()) if isinstance(text, str) else None
        if not m:
            raise UsageError(key="not_a_version", text=text)
        pre = tuple(m.group(4).split(".")) if m.group(4) else ()
        return cls(int(m.group(1)), int(m.group(2)), int(m.group(3)), pre)

    @property
    def core(self) -> tuple[int, int, int]:
        """``(major, minor, patch)``."""
        return self.major, self.minor, self.patch

    def _key(self) -> tuple[Any, ...]:
        if not self.pre:
            return (*self.core, 1, ())
        ids = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in self.pre)
        return (*self.core, 0, ids)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        base = f"{self.major}.{self.minor}.{self.patch}"
        return base + ("-" + ".".join(self.pre) if self.pre else "")

    def bump_to(self, other: Version) -> str:
        """The SemVer step from this version to ``other``.

        Returns:
            ``"major"``, ``"minor"``, ``"patch"``, ``"none"`` (same release)
            or ``"backwards"`` (``other`` is older).
        """
        if other.core == self.core:
            return "none" if other >= self else "backwards"
        if other < self:
            return "backwards"
        if other.major != self.major:
            return "major"
        if other.minor != self.minor:
            return "minor"
        return "patch"


# --------------------------------------------------------------------------- deprecations


@dataclass(frozen=True)
class Deprecation:
    """A field that still validates but should no longer be used (rule SC703).

    Attributes:
        entity: the entity type (``"Building"``).
        field: the field's path inside the entity, dot-separated, ``*`` for
            every item of a list (``"gz:old_style"``, ``"events.*.note"``).
        since: the version that deprecated it.
        replacement: what to use instead (a field path or a short text), or ``""``.
        removal: the version expected to remove it, or ``""``.
        note: an explanation by language (``zh-CN``, ``en``).
    """

    entity: str
    field: str
    since: str
    replacement: str = ""
    removal: str = ""
    note: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def path(self) -> tuple[str, ...]:
        """The field path as a tuple (``("events", "*", "note")``)."""
        return tuple(self.field.split("."))


@dataclass(frozen=True)
class VersionInfo:
    """What the library knows about one version of the standard.

    Attributes:
        version: the version (``"1.0.0"``).
        checkable: whether the library has its models and can check data of it.
        title: a one-line summary by language.
        deprecations: the fields deprecated in this version.
    """

    version: str
    checkable: bool = False
    title: Mapping[str, str] = dataclasses.field(default_factory=dict)
    deprecations: tuple[Deprecation, ...] = ()


_REGISTRY: dict[str, VersionInfo] = {
    "1.0.0": VersionInfo(
        "1.0.0",
        checkable=True,
        title={
            "zh-CN": "智慧社区数据标准首个正式版本",
            "en": "The first release of the Smart Community Data Standard",
        },
    ),
    "1.1.0": VersionInfo(
        "1.1.0",
        checkable=True,
        title={
            "zh-CN": "新增建筑轮廓、结构化地址、来源与推定、部分办理记录、"
            "统计用区划代码、有界试点目标",
            "en": "Adds footprints, postal addresses, provenance and imputation, partial"
            " request histories, statistical codes and bounded pilot targets",
        },
    ),
}


def register_version(info: VersionInfo) -> None:
    """Add (or replace) a version the library can migrate to or from.

    Raises:
        ValueError: if the version is not SemVer, or tries to replace a
            checkable version with different facts.
    """
    Version.parse(info.version)
    current = _REGISTRY.get(info.version)
    if current is not None and current.checkable and current != info and not info.checkable:
        raise UsageError(key="version_built_in", version=info.version)
    _REGISTRY[info.version] = info


def unregister_version(version: str) -> None:
    """Forget a version added with :func:`register_version` (built-in versions stay)."""
    info = _REGISTRY.get(version)
    if info is not None and not (info.checkable and version in KNOWN_VERSIONS):
        del _REGISTRY[version]


def register_deprecation(version: str, deprecation: Deprecation) -> None:
    """Deprecate a field in a registered version (SC703 reports its use)."""
    info = _REGISTRY.get(version)
    if info is None:
        raise UsageError(key="unknown_version", version=version, known=", ".join(_REGISTRY))
    _REGISTRY[version] = VersionInfo(
        info.version, info.checkable, info.title, (*info.deprecations, deprecation)
    )


@contextmanager
def registered(*infos: VersionInfo) -> Iterator[None]:
    """Register versions for the duration of a ``with`` block (tests, experiments).

    Built-in versions that a block replaced (to add deprecations, say) are
    restored afterwards.
    """
    saved = dict(_REGISTRY)
    try:
        for info in infos:
            if info.version in KNOWN_VERSIONS:
                _REGISTRY[info.version] = info
            else:
                register_version(info)
        yield
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(saved)


def known_versions() -> tuple[str, ...]:
    """Every registered version (checkable or migration-only), oldest first."""
    return tuple(sorted(_REGISTRY, key=Version.parse))


def version_info(version: str) -> VersionInfo | None:
    """The registry entry of a version, or ``None``."""
    return _REGISTRY.get(version)


def deprecations(version: str) -> tuple[Deprecation, ...]:
    """The fields deprecated in ``version`` (empty for an unknown version)."""
    info = _REGISTRY.get(version)
    return info.deprecations if info is not None else ()


def compare_to_library(version: str) -> tuple[str, dict[str, Any], bool] | None:
    """Judge a dataset's ``standard_version``: ``None`` when current.

    Returns:
        ``(code, params, refuse)``: SC105 (refuse when the major version is
        unknown or the version is newer than the library knows) or SC704
        (an older known version: informational, with the migration command).
    """
    try:
        got = parse_version(version)
    except ValueError:
        return None  # the envelope's schema check reports the bad pattern
    latest = parse_version(KNOWN_VERSIONS[-1])
    if got == latest:
        return None
    supported = ", ".join(KNOWN_VERSIONS)
    if got[0] != latest[0] or got > latest:
        return (
            "SC105",
            {"version": version, "supported": supported, "latest": KNOWN_VERSIONS[-1]},
            got[0] != latest[0],
        )
    return (
        "SC704",
        {
            "subject": "SCDS",
            "version": version,
            "latest": KNOWN_VERSIONS[-1],
            "command": f"smartstd migrate PATH --to {KNOWN_VERSIONS[-1]} --out OUT",
        },
        False,
    )


# --------------------------------------------------------------------------- publishing

#: Files of a bundle besides the schemas, in the order they are listed.
BUNDLE_EXTRAS = (
    "index.json",
    "codelists.json",
    "rules.json",
    "profile.schema.json",
    "indicator.schema.json",
    "assessment.schema.json",
    "indicators.json",
    "CHANGES.md",
    "SHA256SUMS",
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def codelists_document(extra: Mapping[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The code lists as published data, both languages (``codelists.json``).

    Args:
        extra: codes a profile adds, by list name: ``{"code", "title",
            "description", "profile"}`` records (titles by language).
    """
    from smartstd.standard.codes import CODE_LISTS

    out: dict[str, Any] = {}
    for name, cl in CODE_LISTS.items():
        codes: list[dict[str, Any]] = [
            {
                "code": c.code,
                "title": {"zh-CN": c.zh, "en": c.en},
                **(
                    {"description": {"zh-CN": c.zh_desc or c.zh, "en": c.en_desc or c.en}}
                    if (c.zh_desc or c.en_desc)
                    else {}
                ),
            }
            for c in cl.codes
        ]
        codes.extend(extra.get(name, []) if extra else [])
        out[name] = {"title": {"zh-CN": cl.zh, "en": cl.en}, "closed": cl.closed, "codes": codes}
    return {"code_lists": out}


def rules_document(
    params: Mapping[str, Mapping[str, Any]] | None = None,
    severities: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The rule catalogue as published data (``rules.json``).

    Args:
        params: parameter values that replace the defaults (a profile's).
        severities: severities that replace the defaults (a profile's).
    """
    from smartstd.catalogue import all_rules

    rules = []
    for r in all_rules():
        overrides = (params or {}).get(r.code, {})
        rules.append(
            {
                "code": r.code,
                "name": r.name,
                "severity": (severities or {}).get(r.code, r.severity.value),
                "level": r.level.value,
                "title": dict(r.title),
                "message": dict(r.message),
                "explanation": dict(r.explanation),
                "bad": r.bad,
                "good": r.good,
                "params": [
                    {
                        "name": p.name,
                        "default": p.default,
                        **({"value": overrides[p.name]} if p.name in overrides else {}),
                        "description": {"zh-CN": p.zh, "en": p.en},
                    }
                    for p in r.params
                ],
            }
        )
    return {"rules": rules}


def profile_meta_schema(
    version: str = STANDARD_VERSION, base_uri: str | None = None
) -> dict[str, Any]:
    """The profile meta-schema (``profile.schema.json``), with its ``$id`` for ``version``."""
    from importlib import resources

    from smartstd.schemas import DEFAULT_BASE_URI, schema_id

    text = (
        resources.files("smartstd")
        .joinpath("data")
        .joinpath("profile.schema.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    schema["$id"] = schema_id("profile", version, base_uri or DEFAULT_BASE_URI)
    return schema


def changelog_excerpt(changelog: str | None, version: str) -> str | None:
    """The section of a Keep-a-Changelog text about ``version`` (``## [1.1.0]`` or ``## 1.1.0``)."""
    if not changelog:
        return None
    lines = changelog.splitlines()
    head = re.compile(r"^##\s+\[?v?" + re.escape(version) + r"\]?(\s|$)")
    start = next((i for i, line in enumerate(lines) if head.match(line)), None)
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if lines[j].startswith("## ")), len(lines))
    return "\n".join(lines[start:end]).strip() + "\n"


def _schema_entry(fname: str, schema: Mapping[str, Any]) -> dict[str, Any]:
    name = fname[: -len(".schema.json")]
    from smartstd.standard.dataset import ENTITY_TYPES

    kind = (
        "entity"
        if name in ENTITY_TYPES
        else name
        if name in ("envelope", "entity", "dataset", "report", "profile")
        else "other"
    )
    entry: dict[str, Any] = {"name": name, "file": fname, "$id": schema.get("$id"), "kind": kind}
    title = schema.get("title")
    if isinstance(title, str):
        entry["title"] = title
    return entry


def migrations_document(version: str) -> dict[str, Any]:
    """The standard's migration steps to and from ``version``, as published in a bundle.

    The steps are data (``smartstd/data/migrations/<from>-to-<to>.json``:
    renames, moves, drops and code maps), so a city publishes them with the
    version, and any tool, not only this library, can follow them.
    """
    from importlib import resources

    root = resources.files("smartstd").joinpath("data").joinpath("migrations")
    steps = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        doc = json.loads(entry.read_text(encoding="utf-8"))
        if version in (doc.get("source"), doc.get("target")):
            steps.append(doc)
    return {"version": version, "steps": steps}


def bundle_files(
    version: str = STANDARD_VERSION,
    base_uri: str | None = None,
    *,
    schemas: Mapping[str, dict[str, Any]] | None = None,
    codelists: Mapping[str, Any] | None = None,
    rules: Mapping[str, Any] | None = None,
    changes: str | None = None,
    profile: Mapping[str, Any] | None = None,
) -> dict[str, bytes]:
    """Every file of a self-contained bundle, by name (bytes, ready to write).

    Args:
        version: the version the bundle publishes.
        base_uri: the base of every ``$id`` (default :data:`smartstd.schemas.DEFAULT_BASE_URI`).
        schemas: the schema documents by file name (default: built from the models).
        codelists: the ``codelists.json`` document (default: the core lists).
        rules: the ``rules.json`` document (default: the catalogue).
        changes: the Markdown of ``CHANGES.md`` (default: a short note).
        profile: for a profile's effective bundle, what ``index.json`` says of it.

    Raises:
        ValueError: if ``version`` is not a SemVer version.
    """
    from smartstd.schemas import DEFAULT_BASE_URI, build_schemas, dump_schema

    Version.parse(version)
    uri = base_uri or DEFAULT_BASE_URI
    docs = dict(schemas) if schemas is not None else build_schemas(version, uri)
    docs["profile.schema.json"] = profile_meta_schema(version, uri)
    from smartstd.assessment.definition import bundle_schemas, definitions_document

    docs.update(bundle_schemas(version, uri))  # the assessment's (#16)
    files: dict[str, bytes] = {
        name: dump_schema(s).encode("utf-8") for name, s in sorted(docs.items())
    }
    files["codelists.json"] = _json(
        codelists if codelists is not None else codelists_document()
    ).encode("utf-8")
    files["rules.json"] = _json(rules if rules is not None else rules_document()).encode("utf-8")
    files["indicators.json"] = _json(definitions_document()).encode("utf-8")
    files["migrations.json"] = _json(migrations_document(version)).encode("utf-8")
    note = changes or f"# SCDS {version}\n\nNo changelog entry was given for this version.\n"
    files["CHANGES.md"] = note.encode("utf-8")
    index: dict[str, Any] = {
        "standard": "scds",
        "version": version,
        "base_uri": uri,
        "generator": "smartstd",
        "dialect": "https://json-schema.org/draft/2020-12/schema",
        "schemas": [_schema_entry(n, s) for n, s in sorted(docs.items())],
        "codelists": "codelists.json",
        "rules": "rules.json",
        "indicators": "indicators.json",
        "migrations": "migrations.json",
        "changes": "CHANGES.md",
        "checksums": "SHA256SUMS",
    }
    if profile is not None:
        index["profile"] = dict(profile)
    files["index.json"] = _json(index).encode("utf-8")
    sums = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
    files["SHA256SUMS"] = sums.encode("utf-8")
    return files


def write_bundle(out_dir: str | Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write the files of :func:`bundle_files` to a folder (created if needed)."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = target / name
        path.write_bytes(data)
        written.append(path)
    return written
