"""The versions of the standard this library knows.

The standard's version (SemVer, e.g. ``1.0.0``) is separate from the
package's. A dataset of a newer major version is refused (SC105); one of an
older version the library knows is checked and pointed to ``smartstd migrate``
(SC704).
"""

from __future__ import annotations

import re
from typing import Any

from smartstd.standard.dataset import STANDARD_VERSION

__all__ = ["KNOWN_VERSIONS", "compare_to_library", "parse_version"]

#: Versions of the standard the library can check, oldest first.
KNOWN_VERSIONS: tuple[str, ...] = (STANDARD_VERSION,)

_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``.

    Raises:
        ValueError: if ``text`` is not a SemVer core version.
    """
    m = _SEMVER.match(text)
    if not m:
        raise ValueError(f"not a version (MAJOR.MINOR.PATCH): {text!r}")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


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
        {"version": version, "latest": KNOWN_VERSIONS[-1], "command": f"smartstd migrate PATH --to {KNOWN_VERSIONS[-1]} --out OUT"},
        False,
    )
