"""Profiles merged into the check options: each time a new ``CheckOptions``.

:func:`apply_profiles` (``smartstd check --profile``) and
:func:`resolve_envelope_profiles` (the dataset's own ``profiles``) never
change the options they are given.

把地方配置并入检查选项（总是返回新的选项对象）。
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path as FsPath
from typing import Any

from smartstd.conformance.options import CheckOptions
from smartstd.conformance.rule import Hit
from smartstd.errors import ConfigError
from smartstd.io.files import is_url, kind_of
from smartstd.profiles.load import (
    Folder,
    find_profile,
    load_any,
    load_profile,
    url_parent,
    versions_available,
)
from smartstd.profiles.model import PROFILE_REF, ProfileSet
from smartstd.profiles.tightening import stricter
from smartstd.report import Severity

__all__ = ["apply_profiles", "merge_into_options", "resolve_envelope_profiles"]


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
            here[name] = stricter(code, name, here[name], value) if name in here else value
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


def _folders(paths: Iterable[str]) -> list[Folder]:
    """The inputs' folders, then their parents (``data/ndjson/x.ndjson`` finds ``data/p.yaml``).

    An input given as a URL has its folders as URLs (read through fsspec).
    """
    near: list[Folder] = []
    for p in paths:
        here: Folder
        if is_url(p):
            here = p.rstrip("/") if kind_of(p) == "folder" else url_parent(p)
        else:
            fs = FsPath(p)
            here = fs if fs.is_dir() else fs.parent
        if here not in near:
            near.append(here)
    parents = [url_parent(f) if isinstance(f, str) else f.resolve().parent for f in near]
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
        if is_url(item):
            ps = load_profile(item, search=dirs)
        elif FsPath(item).is_file() or item.endswith((".yaml", ".yml")):
            ps = load_profile(FsPath(item), search=dirs)
        elif PROFILE_REF.match(item):
            ps = load_profile(item, search=dirs)
        else:
            raise ConfigError(key="profile_bad_option", item=item)
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
        m = PROFILE_REF.match(ref)
        if not m:
            continue
        name, version = m.group(1), m.group(2)
        where = ", ".join(str(d) for d in dirs) or "-"
        if ref not in options.profiles:
            found = find_profile(ref, dirs)
            if found is None:
                others = versions_available(name, dirs)
                reason = (
                    f"only version(s) {', '.join(others)} found"
                    if others
                    else f"no built-in profile and no profile file with this name in {where}"
                )
                hits.append(Hit("SC701", ("profiles", i), {"profile": ref, "reason": reason}))
                continue
            try:
                ps = load_any(found, dirs, ())
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


def _newest(name: str, version: str, dirs: Iterable[Folder]) -> str | None:
    from smartstd.versions import Version

    have = Version.parse(version)
    best: Version | None = None
    for v in versions_available(name, dirs):
        try:
            cand = Version.parse(v)
        except ValueError:
            continue
        if cand.major == have.major and cand > have and (best is None or cand > best):
            best = cand
    return str(best) if best is not None else None
