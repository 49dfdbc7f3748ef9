"""What a check can be told: :class:`CheckOptions`, which the CLI and the API fill alike.

检查选项：命令行与 Python 接口填写的同一个对象。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smartstd.catalogue import all_rules
from smartstd.io import Limits
from smartstd.report import Level, Severity

__all__ = ["LEVEL_FAMILIES", "CheckOptions"]

#: Rule-code families that run at each requested level.
LEVEL_FAMILIES: dict[Level, tuple[str, ...]] = {
    Level.L1: ("SC1",),
    Level.L2: ("SC1", "SC2", "SC3", "SC4", "SC5", "SC7", "SC8", "SC9"),
    Level.L3: ("SC1", "SC2", "SC3", "SC4", "SC5", "SC6", "SC7", "SC8", "SC9"),
}


@dataclass
class CheckOptions:
    """Everything a check can be told; the CLI and the API fill the same object.

    Attributes:
        level: the level to check for (rules of higher levels do not run).
            ``None`` (the default) checks as high as the inputs allow: L3
            when a governance charter is among them (the SC6xx rules run),
            L2 otherwise.
        select: rule codes, prefixes or names to run (empty: all of the level).
        ignore: rule codes, prefixes or names not to run.
        severities: severity overrides by rule code.
        params: rule parameters by rule code.
        limits: input limits.
        jobs: worker processes for large NDJSON files.
        waivers: waivers to apply (see :mod:`smartstd.conformance.waivers`).
        today: the date waivers expire against (default: today).
        progress: a callback ``(bytes_done, bytes_total)`` for progress bars.
        extra_prefixes: extension prefixes declared outside the data (profiles).
        profiles: profiles applied (``name@version``), for the report.
        profile: the compiled profile(s) the rules consult (set by
            :mod:`smartstd.profiles`), or ``None``.
        engine: ``"local"`` (this machine, ``jobs`` processes) or ``"dask"``
            (a Dask cluster, :mod:`smartstd.conformance.cluster`).
        scheduler: the address of a running Dask scheduler
            (``tcp://host:8786``); ``None`` starts a local cluster of
            ``jobs`` workers.
        part_bytes: the largest byte size of one range of an NDJSON input
            on a cluster (default 64 MiB).
        buckets: the id buckets of the identity join on a cluster (default
            one per 16 MiB of NDJSON input; each join task settles its
            buckets one by one, so a bucket bounds the ids it holds).
    """

    level: Level | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    jobs: int = 1
    waivers: tuple[Any, ...] = ()
    today: dt.date | None = None
    progress: Callable[[int, int], None] | None = None
    extra_prefixes: frozenset[str] = frozenset()
    profiles: tuple[str, ...] = ()
    profile: Any = None
    engine: str = "local"
    scheduler: str | None = None
    part_bytes: int | None = None
    buckets: int | None = None

    def enabled_codes(self) -> frozenset[str]:
        """The rule codes that run under these options."""
        from smartstd.catalogue import select_codes

        level = Level.L3 if self.level is None else self.level
        families = LEVEL_FAMILIES[level if level is not Level.NONE else Level.L1]
        codes = {r.code for r in all_rules() if r.code.startswith(families)}
        if self.select:
            codes &= select_codes(self.select)
        if self.ignore:
            codes -= select_codes(self.ignore)
        return frozenset(codes)
