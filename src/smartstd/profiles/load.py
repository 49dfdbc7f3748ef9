"""Finding, reading and validating profiles: :func:`load_profile`, :func:`parse_profile`.

A profile is looked for among the built-in ones (package data), then as a
``*.yaml`` file in the folders given: local folders, or folders given as URLs
(``s3://bucket/data``, ``memory://...``), read through fsspec as the inputs are.

查找、读取并校验地方配置。
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from smartstd._numbers import finite_number
from smartstd._parser_messages import Bilingual
from smartstd.errors import ConfigError
from smartstd.io.files import entries, is_url, open_binary
from smartstd.pointer import leaves, pointer_to_path
from smartstd.profiles.model import PROFILE_REF, ProfileSet
from smartstd.profiles.problems import Problems
from smartstd.profiles.validate import Builder

__all__ = [
    "Folder",
    "builtin_profiles",
    "find_profile",
    "folder",
    "load_profile",
    "parse_profile",
    "url_parent",
]

#: A folder where profiles are looked for: a local path, or a URL (a ``str``).
Folder = FsPath | str


def folder(d: str | FsPath) -> Folder:
    """A folder as this module keeps it: a URL stays text, anything else is a path."""
    return d if isinstance(d, str) and is_url(d) else FsPath(d)


def url_parent(url: str) -> str:
    """The folder a URL names a file or folder in (``memory://a/b.yaml`` -> ``memory://a``)."""
    head, sep, rest = url.partition("://")
    rest = rest.rstrip("/")
    return f"{head}{sep}{rest.rsplit('/', 1)[0]}" if "/" in rest else url


@cache
def _meta_validator() -> Any:
    """The profile meta-schema's validator: jsonschema's, with linear ``uniqueItems``.

    (:func:`smartstd.schemas._regex.linear_validator`: a profile listing
    10^4 objects where the meta-schema asks for unique items must not make
    loading it quadratic.)
    """
    from jsonschema import Draft202012Validator

    from smartstd.schemas._regex import linear_validator

    text = (
        resources.files("smartstd")
        .joinpath("data")
        .joinpath("profile.schema.json")
        .read_text("utf-8")
    )
    return linear_validator()(json.loads(text), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _read_text(path: Folder) -> str:
    if isinstance(path, str):
        with open_binary(path) as fh:
            return fh.read().decode("utf-8")
    return path.read_text("utf-8")


def _read_yaml(path: Folder) -> Any:
    from smartstd.io import Limits, parse_yaml

    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(key="profile_unreadable", file=path, reason=exc) from None
    value, findings, _ = parse_yaml(text, file=str(path), limits=Limits())
    if findings:
        f = findings[0]
        raise ConfigError(
            key="profile_unparsable", file=path, line=f.line, column=f.column, finding=f
        )
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


def _peek(path: Folder) -> tuple[str, str] | None:
    """``(name, version)`` of a profile file, or ``None`` when it is not one."""
    try:
        with open_binary(path) if isinstance(path, str) else path.open("rb") as fh:
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


def _yaml_files(d: Folder) -> list[Folder]:
    """The ``*.yaml`` and ``*.yml`` files of a folder (none when it is not one)."""
    if isinstance(d, str):
        try:
            listed = entries(d)
        except OSError:
            return []
        return sorted(u for u, kind in listed if kind == "file" and u.endswith((".yaml", ".yml")))
    if not d.is_dir():
        return []
    return sorted([*d.glob("*.yaml"), *d.glob("*.yml")])


def _profile_files(dirs: Iterable[Folder]) -> Iterator[tuple[Folder, tuple[str, str]]]:
    seen: set[Folder] = set()
    for d in dirs:
        for f in _yaml_files(d):
            rf = f if isinstance(f, str) else f.resolve()
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
    m = PROFILE_REF.match(ref)
    if not m:
        return None
    for f, (name, version) in _profile_files(folder(d) for d in dirs):
        if name == m.group(1) and version == m.group(2):
            return f
    return None


def versions_available(name: str, dirs: Iterable[Folder]) -> list[str]:
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
    dirs = [folder(d) for d in search]
    text = str(source)
    if isinstance(source, str) and PROFILE_REF.match(source) and not FsPath(source).is_file():
        found = find_profile(source, dirs)
        if found is None:
            from smartstd._error_messages import Phrase

            where = ", ".join(str(d) for d in dirs) or Phrase("（未指定文件夹）", "no folder")
            raise ConfigError(key="profile_not_found", ref=source, where=where)
        return load_any(found, dirs, ())
    if is_url(text):  # read through fsspec; what cannot be read is a ConfigError
        return load_any(text, dirs, ())
    path = FsPath(text)
    if not path.is_file():
        raise ConfigError(key="no_profile_file", path=path)
    return load_any(path, dirs, ())


def load_any(found: Any, dirs: list[Folder], stack: tuple[str, ...]) -> ProfileSet:
    if isinstance(found, FsPath):
        data = _read_yaml(found)
        return parse_profile(data, source=str(found), search=[found.parent, *dirs], _stack=stack)
    if isinstance(found, str):  # a URL
        data = _read_yaml(found)
        return parse_profile(data, source=found, search=[url_parent(found), *dirs], _stack=stack)
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
    problems = Problems(source)
    errors = sorted(_meta_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    for err in errors:
        problems.add(list(err.absolute_path), err.message)
    if not errors:  # the meta-schema takes any number; a float cannot hold these
        for _node, _key, ptr, value in leaves(data):
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if number and not finite_number(value):
                text = str(value) if len(str(value)) <= 40 else f"{str(value)[:37]}..."
                problems.add(list(pointer_to_path(ptr)), f"{text} is not a finite number")
    problems.raise_if_any()
    ident = data["profile"]
    name, version = ident["name"], ident["version"]
    ref = f"{name}@{version}"
    if ref in _stack:
        raise ConfigError(key="profile_cycle", file=source, chain=" -> ".join([*_stack, ref]))
    dirs = [folder(d) for d in search]
    parents = ProfileSet(())
    for i, parent_ref in enumerate(ident.get("extends") or []):
        found = find_profile(parent_ref, dirs)
        if found is None:
            problems.add(["profile", "extends", i], f"profile {parent_ref} not found")
            continue
        try:
            parents = parents.union(load_any(found, dirs, (*_stack, ref)))
        except ConfigError as exc:
            problems.add(
                ["profile", "extends", i],
                Bilingual(
                    f"{parent_ref} is invalid: {exc}", f"{parent_ref} 无效：{exc.message('zh-CN')}"
                ),
            )
    problems.raise_if_any()
    profile = Builder(data, source, parents, problems).build()
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
