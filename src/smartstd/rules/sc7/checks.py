"""SC7xx versions and profiles: the data rules SC702 and SC703.

SC701 (a profile the envelope names cannot be found) and SC704 (an older
version of the standard or of a profile) come from the envelope, through
:func:`smartstd.profiles.resolve_envelope_profiles` and
:func:`smartstd.versions.compare_to_library`; the engine emits them.

* SC702: an entity breaks a profile in force (:func:`smartstd.profiles.profile_hits`);
* SC703: an entity uses a field deprecated by its version of the standard
  (:func:`smartstd.versions.deprecations`) or by a profile.

版本与地方配置：检查实体是否符合地方配置，以及是否使用了已弃用的字段。
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartstd.conformance.rule import Context, Hit, entity_rule

__all__ = ["deprecated_field", "profile_constraint_violated"]


def _raw(e: Any) -> dict[str, Any]:
    dump = getattr(e, "to_json_dict", None)
    if callable(dump):
        out = dump()
        if isinstance(out, dict):
            return out
    return {}


def _profiles_in_force(ctx: Context) -> bool:
    if ctx.profile is None:  # no profile: smartstd.profiles need not load
        return False
    from smartstd.profiles import ProfileSet

    return isinstance(ctx.profile, ProfileSet) and bool(ctx.profile.profiles)


def _deprecations_exist(ctx: Context) -> bool:
    from smartstd.versions import deprecations

    ps = ctx.profile
    if deprecations(ctx.standard_version):
        return True
    if ps is None:  # no profile: smartstd.profiles need not load
        return False
    from smartstd.profiles import ProfileSet

    return isinstance(ps, ProfileSet) and bool(ps.deprecations())


@entity_rule("SC702", applies=_profiles_in_force)
def profile_constraint_violated(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC702: the entity breaks a profile's fields, required fields, constraints or codes."""
    from smartstd.profiles import ProfileSet, profile_hits

    ps = ctx.profile
    if not isinstance(ps, ProfileSet) or not ps.profiles:
        return
    yield from profile_hits(_raw(e), ps)


@entity_rule("SC703", applies=_deprecations_exist)
def deprecated_field(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC703: the entity uses a field deprecated by its version or by a profile."""
    from smartstd.profiles import ProfileSet, deprecated_hits
    from smartstd.versions import deprecations

    found = [d for d in deprecations(ctx.standard_version) if d.entity == e.type]
    ps = ctx.profile
    if isinstance(ps, ProfileSet):
        found.extend(d for d in ps.deprecations() if d.entity == e.type)
    if found:
        yield from deprecated_hits(_raw(e), found)
