"""What is wrong with a profile: :class:`Problems`, each with its key path in the profile.

A key path is written ``fields.Building["gz:x"].schema``: dots between plain
keys, brackets around the others and around list positions.

地方配置中的问题，逐项附配置内的键路径。
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from smartstd._parser_messages import Bilingual, say
from smartstd.errors import ConfigError

_TOP = "(top level)"


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
    return out or _TOP


class _Listed:
    """The problems of a profile as the lines of one message, said in either language."""

    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        self.items = tuple(items)

    def message(self, lang: str = "en") -> str:
        english = (lang or "").lower().startswith("en")
        lines = []
        for where, text in self.items:
            if not english and where == _TOP:
                where = "（顶层）"
            said = text.message(lang) if isinstance(text, Bilingual) else say(text, lang)
            lines.append(f"  - {where}: {said}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message("en")


class Problems:
    """Collects what is wrong with a profile, each with its key path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[tuple[str, str]] = []

    @property
    def items(self) -> list[str]:
        """Each problem as ``key.path: text`` (in English, as found)."""
        return [f"{where}: {text}" for where, text in self.found]

    def add(self, path: Sequence[str | int], message: str) -> None:
        """Record one problem at a key path of the profile (said again in Chinese by kind)."""
        self.found.append((_kp(path), message))

    def raise_if_any(self) -> None:
        """Raise one :class:`~smartstd.errors.ConfigError` naming every problem, if any."""
        if self.found:
            raise ConfigError(
                key="profile_invalid",
                file=self.source,
                n=len(self.found),
                problems=_Listed(self.found),
            )
