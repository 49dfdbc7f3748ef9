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

What this package offers, one module each (every public name is importable
from ``smartstd.profiles``):

* :mod:`~smartstd.profiles.model`: :class:`Profile`, :class:`ProfileSet`
  and their parts (:class:`FieldDef`, :class:`CodeDef`, :class:`Constraint`);
* :mod:`~smartstd.profiles.load`: :func:`load_profile` / :func:`parse_profile`,
  a validated :class:`ProfileSet` (the profile and the profiles it extends),
  checked against the core (:mod:`~smartstd.profiles.core`) by
  :mod:`~smartstd.profiles.validate`, every problem with its key path
  (:mod:`~smartstd.profiles.problems`);
* :mod:`~smartstd.profiles.tightening`: how a profile may tighten a rule
  parameter (the direction the rule declares beside the parameter);
* :mod:`~smartstd.profiles.effective`: :func:`effective_schemas` /
  :func:`effective_files` / :func:`profile_bundle_files`, the core schemas
  with the profile applied;
* :mod:`~smartstd.profiles.hits`: :func:`profile_hits` and
  :func:`deprecated_hits`, what rules SC702 and SC703 report about one entity;
* :mod:`~smartstd.profiles.apply`: :func:`apply_profiles` (``smartstd check
  --profile``) and :func:`resolve_envelope_profiles` (the dataset's own
  ``profiles``), the profile merged into a new
  :class:`~smartstd.conformance.options.CheckOptions`;
* :mod:`~smartstd.profiles.docs`: :func:`profile_docs`, Markdown
  documentation in both languages.

地方配置：以 YAML 数据（而非代码）描述的地方扩展与收紧。配置不得放宽核心标准；
符合地方配置的数据一定符合核心标准。
"""

from __future__ import annotations

from smartstd.profiles.apply import apply_profiles, merge_into_options, resolve_envelope_profiles
from smartstd.profiles.docs import profile_docs
from smartstd.profiles.effective import effective_files, effective_schemas, profile_bundle_files
from smartstd.profiles.hits import deprecated_hits, profile_hits
from smartstd.profiles.load import builtin_profiles, find_profile, load_profile, parse_profile
from smartstd.profiles.model import CodeDef, Constraint, FieldDef, Profile, ProfileSet

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
