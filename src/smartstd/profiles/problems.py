"""What is wrong with a profile: :class:`Problems`, each with its key path in the profile.

A key path is written ``fields.Building["gz:x"].schema``: dots between plain
keys, brackets around the others and around list positions.

地方配置中的问题，逐项附配置内的键路径。
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from smartstd.errors import ConfigError


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


class Problems:
    """Collects what is wrong with a profile, each with its key path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, path: Sequence[str | int], message: str) -> None:
        """Record one problem at a key path of the profile."""
        self.items.append(f"{_kp(path)}: {message}")

    def raise_if_any(self) -> None:
        """Raise one :class:`~smartstd.errors.ConfigError` naming every problem, if any."""
        if self.items:
            lines = "\n".join(f"  - {p}" for p in self.items)
            raise ConfigError(
                key="profile_invalid", file=self.source, n=len(self.items), problems=lines
            )
