"""Project configuration: ``[tool.smartstd]`` in ``pyproject.toml`` or ``smartstd.toml``.

Looked for in the current folder and its parents (the first file that has
it wins), or given with ``--config``. Every key is optional::

    [tool.smartstd]            # in smartstd.toml, the table is top level
    level = "L2"               # L1, L2 or L3
    fail-on = "error"          # error or warning
    format = "text"
    lang = "zh-CN"             # zh-CN or en
    jobs = 2
    select = ["SC1", "SC2"]
    ignore = ["SC408"]
    waivers = "waivers.yaml"   # relative to the configuration file
    output = "report.txt"      # the report's file, relative to the configuration file
    profiles = ["profiles/gz-panyu.yaml"]

    [tool.smartstd.severity]   # raise or lower a rule's severity
    SC501 = "error"

    [tool.smartstd.params.SC303]
    grace_hours = 4

    [tool.smartstd.limits]
    max_depth = 64

项目配置：pyproject.toml 的 [tool.smartstd] 或 smartstd.toml。
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from smartstd.conformance.options import MAX_JOBS, param_problem
from smartstd.errors import ConfigError, UsageError
from smartstd.io import Limits
from smartstd.report import Level, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["Config", "find_config", "load_config"]

_KEYS = {
    "level",
    "fail-on",
    "format",
    "lang",
    "jobs",
    "select",
    "ignore",
    "waivers",
    "profiles",
    "severity",
    "params",
    "limits",
    "output",
}

_SEVERITIES = ("error", "warning", "info")


@dataclass
class Config:
    """The settings read from a configuration file (all optional)."""

    source: Path | None = None
    level: Level | None = None
    fail_on: Severity | None = None
    format: str | None = None
    lang: str | None = None
    jobs: int | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    waivers: Path | None = None
    output: Path | None = None
    profiles: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``smartstd.toml``, or ``pyproject.toml`` with ``[tool.smartstd]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "smartstd.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                data = tomllib.loads(py.read_text("utf-8"))
            except (OSError, ValueError, RecursionError):  # unreadable, not TOML: not ours
                continue
            if isinstance(data.get("tool"), dict) and "smartstd" in data["tool"]:
                return py
    return None


def load_config(path: Path | str | None = None, *, search: bool = True) -> Config:
    """Read a configuration file (or find one); an empty :class:`Config` when there is none.

    Raises:
        ConfigError: when the file cannot be parsed or holds an unknown key or value.
    """
    p = Path(path) if path is not None else (find_config() if search else None)
    if p is None:
        return Config()
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(
            key="config_not_utf8",
            file=p,
            byte=exc.start + 1,
            value=exc.object[exc.start : exc.start + 1],
        ) from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(key="config_unreadable", file=p, reason=exc) from None
    except RecursionError:  # tomllib nests inline tables and arrays recursively
        raise ConfigError(key="config_too_deep", file=p) from None
    if p.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("smartstd", {}) if isinstance(tool, dict) else {}
    if not isinstance(data, dict):
        raise ConfigError(key="config_not_table", file=p)
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(
            key="config_unknown_keys",
            file=p,
            keys=", ".join(sorted(unknown)),
            known=", ".join(sorted(_KEYS)),
        )
    cfg = Config(source=p)
    if "level" in data:
        cfg.level = Level(_choice(data, "level", ("L1", "L2", "L3"), p))
    if "fail-on" in data:
        cfg.fail_on = Severity(_choice(data, "fail-on", _SEVERITIES, p))
    cfg.format = _str(data, "format", p)
    if "lang" in data:
        cfg.lang = _choice(data, "lang", ("zh-CN", "en"), p)
    if "jobs" in data:
        jobs = data["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
            raise ConfigError(key="config_bad_jobs", file=p, most=MAX_JOBS, value=jobs)
        cfg.jobs = jobs
    cfg.select = _list(data, "select", p)
    cfg.ignore = _list(data, "ignore", p)
    _check_patterns(cfg, p)
    cfg.profiles = tuple(
        str(p.parent / x) if x.endswith((".yaml", ".yml")) else x
        for x in _list(data, "profiles", p)
    )
    waivers = _str(data, "waivers", p)
    if waivers is not None:
        cfg.waivers = p.parent / waivers
    output = _str(data, "output", p)
    if output is not None:
        cfg.output = p.parent / output
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(key="config_bad_severity", file=p)
    for code, value in sev.items():
        if value not in _SEVERITIES:
            raise ConfigError(
                key="config_bad_severity_value",
                file=p,
                code=code,
                value=value,
                choices=", ".join(_SEVERITIES),
            )
        cfg.severity[str(code).upper()] = Severity(value)
    params = data.get("params", {})
    if not isinstance(params, dict) or not all(isinstance(v, dict) for v in params.values()):
        raise ConfigError(key="config_bad_params", file=p)
    cfg.params = {str(k).upper(): dict(v) for k, v in params.items()}
    lim = data.get("limits", {})
    if not isinstance(lim, dict):
        raise ConfigError(key="config_limits_not_table", file=p, value=lim)
    names = {f.name for f in fields(Limits)}
    bad = set(lim) - names
    if bad:
        raise ConfigError(
            key="config_unknown_limits",
            file=p,
            limits=", ".join(sorted(bad)),
            known=", ".join(sorted(names)),
        )
    try:
        cfg.limits = Limits(**lim)
    except UsageError as exc:
        raise ConfigError(key="config_bad_value", file=p, reason=exc) from None
    _check_rule_keys(cfg, p)
    return cfg


def _check_patterns(cfg: Config, p: Path) -> None:
    """Each pattern of ``select`` and ``ignore`` names a rule (the error names the file)."""
    from smartstd.catalogue import select_codes

    for name, patterns in (("select", cfg.select), ("ignore", cfg.ignore)):
        for pattern in patterns:
            try:
                select_codes([pattern])
            except KeyError:
                raise ConfigError(
                    key="config_bad_rule_pattern", file=p, name=name, pattern=pattern
                ) from None


def _check_rule_keys(cfg: Config, p: Path) -> None:
    from smartstd.catalogue import get_rule

    for code in list(cfg.severity) + list(cfg.params):
        try:
            rule = get_rule(code)
        except KeyError:
            raise ConfigError(key="config_no_rule", file=p, code=code) from None
        if code in cfg.params:
            known = {x.name for x in rule.params}
            bad = set(cfg.params[code]) - known
            if bad:
                if known:
                    raise ConfigError(
                        key="config_unknown_params",
                        file=p,
                        code=code,
                        params=", ".join(sorted(bad)),
                        known=", ".join(sorted(known)),
                    )
                raise ConfigError(
                    key="config_rule_takes_no_params",
                    file=p,
                    code=code,
                    params=", ".join(sorted(bad)),
                )
            for name, value in cfg.params[code].items():
                problem = param_problem(code, name, value)
                if problem is not None:
                    raise ConfigError(
                        key="config_bad_param", file=p, code=code, name=name, reason=problem
                    )


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], p: Path) -> str:
    value = data[key]
    if value not in choices:
        raise ConfigError(
            key="config_bad_choice", file=p, name=key, choices=", ".join(choices), value=value
        )
    return str(value)


def _str(data: dict[str, Any], key: str, p: Path) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(key="config_not_string", file=p, name=key)
    return value


def _list(data: dict[str, Any], key: str, p: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(key="config_not_string_list", file=p, name=key)
    return tuple(value)
