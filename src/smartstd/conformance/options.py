"""What a check can be told: :class:`CheckOptions`, which the CLI and the API fill alike.

检查选项：命令行与 Python 接口填写的同一个对象。
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smartstd._error_messages import Phrase
from smartstd.catalogue import all_rules
from smartstd.errors import UsageError
from smartstd.io import Limits
from smartstd.report import Level, Severity

__all__ = ["LEVEL_FAMILIES", "MAX_JOBS", "PARAM_MAX", "CheckOptions", "param_problem"]

#: The most worker processes a check starts (more only fork processes that wait).
MAX_JOBS = 512

#: The largest number a rule parameter may be. Parameters count hours, days,
#: minutes, levels or parties; a million of any of them is past every real
#: threshold, and far below what a time span can hold (a larger one stopped the
#: check with an overflow).
PARAM_MAX = 1_000_000

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

    def __post_init__(self) -> None:
        jobs = self.jobs
        if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
            raise UsageError(key="bad_jobs", most=MAX_JOBS, value=jobs)
        from smartstd.catalogue import get_rule

        # rules look their codes up as written in the catalogue: "sc303" was never read
        if any(not k.isupper() for k in self.params):
            self.params = {k.upper(): v for k, v in self.params.items()}
        if any(not k.isupper() for k in self.severities):
            self.severities = {k.upper(): v for k, v in self.severities.items()}
        for code, values in self.params.items():
            try:  # a typo never silently does nothing
                known = {p.name for p in get_rule(code).params}
            except KeyError:
                raise UsageError(key="param_no_rule", code=code) from None
            for name, value in values.items():
                if name not in known:
                    raise UsageError(
                        key="param_unknown",
                        code=code,
                        name=name,
                        known=", ".join(sorted(known)) or "—",
                    )
                problem = param_problem(code, name, value)
                if problem is not None:
                    raise UsageError(key="bad_param", code=code, name=name, reason=problem)

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


def _number_problem(value: Any) -> Phrase | None:
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= PARAM_MAX
    ):
        return None
    return Phrase(
        f"必须是 0 到 {PARAM_MAX} 之间的数，而不是 {value!r}",
        f"must be a number from 0 to {PARAM_MAX}, not {value!r}",
    )


def _strings_problem(value: Any) -> Phrase | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return Phrase(
        f'必须是字符串列表（如 ["a", "b"]），而不是 {value!r}',
        f'must be a list of strings (like ["a", "b"]), not {value!r}',
    )


def param_problem(code: str, name: str, value: Any) -> Phrase | None:
    """What is wrong with ``value`` as parameter ``name`` of rule ``code``, or ``None``.

    The catalogue's default says the shape: a number (from 0 to
    :data:`PARAM_MAX`), a string, true or false, a list of strings, or a
    table (of numbers, of ``[minimum, maximum]`` pairs, or of lists of
    strings, as the parameter's default and :attr:`Param.tighten` say).
    ``code`` and ``name`` must be known.

    规则参数取值的检查：类型与默认值一致，数值在 0 到 PARAM_MAX 之间。
    """
    from smartstd.catalogue import get_rule

    param = next(p for p in get_rule(code).params if p.name == name)
    default = param.default
    example = json.dumps(default, ensure_ascii=False)
    if isinstance(default, bool):
        if isinstance(value, bool):
            return None
        return Phrase(
            f"必须是 true 或 false，而不是 {value!r}", f"must be true or false, not {value!r}"
        )
    if isinstance(default, (int, float)):
        return _number_problem(value)
    if isinstance(default, str):
        if isinstance(value, str):
            return None
        return Phrase(f"必须是字符串，而不是 {value!r}", f"must be a string, not {value!r}")
    if isinstance(default, list):
        return _strings_problem(value)
    if not isinstance(default, Mapping):  # pragma: no cover - every default is one of these
        return None
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        return Phrase(
            f"必须是表（如 {example}），而不是 {value!r}",
            f"must be a table (like {example}), not {value!r}",
        )
    for key, item in value.items():
        if param.tighten.startswith(("lower-each", "higher-each")):
            problem = _number_problem(item)
        elif param.tighten == "range-each":
            pair_ok = (
                isinstance(item, list)
                and len(item) == 2
                and _number_problem(item[0]) is None
                and _number_problem(item[1]) is None
                and item[0] <= item[1]
            )
            problem = (
                None
                if pair_ok
                else Phrase(
                    f"必须是 [最小值, 最大值]（0 到 {PARAM_MAX}，最小值不大于最大值），"
                    f"而不是 {item!r}",
                    f"must be [minimum, maximum] (from 0 to {PARAM_MAX}, minimum not above "
                    f"maximum), not {item!r}",
                )
            )
        else:
            problem = _strings_problem(item)
        if problem is not None:
            return Phrase(f"{key}：{problem.zh}", f"{key}: {problem.en}")
    return None
