"""The rule catalogue: every conformance rule as data.

Each rule has a stable code (``SC`` + three digits), a kebab-case name, a
default severity, the conformance level it belongs to, parameters with
defaults, and in both zh-CN and en a title, a message template, an
explanation and a bad and a good example. The docs page, the SARIF rule list,
``smartstd rules`` and message rendering all read this one catalogue.

The entries live in one module per family (``sc1`` ... ``sc7``); this module
collects them. It imports only :mod:`smartstd.report`.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from smartstd.report import Finding, Level, Severity

__all__ = [
    "LANGUAGES",
    "Param",
    "RuleInfo",
    "all_rules",
    "get_rule",
    "normalize_lang",
    "render_message",
    "rule",
    "select_codes",
]

#: The languages every text of the catalogue is written in.
LANGUAGES = ("zh-CN", "en")

_FAMILIES = ("sc1", "sc2", "sc3", "sc4", "sc5", "sc6", "sc7", "sc8", "sc9")
_CODE = re.compile(r"^SC[1-9][0-9]{2}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Param:
    """A rule parameter that configuration or a profile may set.

    Attributes:
        name: the parameter's name (snake_case).
        default: its default value (a plain JSON value).
        zh: its description in Chinese.
        en: its description in English.
    """

    name: str
    default: Any
    zh: str
    en: str


@dataclass(frozen=True)
class RuleInfo:
    """One rule of the catalogue.

    Attributes:
        code: the stable code, e.g. ``"SC202"``.
        name: the kebab-case name, e.g. ``"unresolved-reference"``.
        severity: the default severity.
        level: the conformance level the rule belongs to.
        title: the title, by language.
        message: the message template, by language (``str.format`` fields
            named after the finding's parameters).
        explanation: one paragraph, by language.
        bad: a bad example (JSON or YAML text).
        good: the same example, fixed.
        params: the rule's parameters.
    """

    code: str
    name: str
    severity: Severity
    level: Level
    title: Mapping[str, str]
    message: Mapping[str, str]
    explanation: Mapping[str, str]
    bad: str
    good: str
    params: tuple[Param, ...] = field(default=())

    def param_defaults(self) -> dict[str, Any]:
        """The parameters' default values by name."""
        return {p.name: p.default for p in self.params}

    def text(self, what: str, lang: str) -> str:
        """``title``, ``message`` or ``explanation`` in ``lang`` (falls back to en)."""
        texts: Mapping[str, str] = getattr(self, what)
        return str(texts.get(normalize_lang(lang)) or texts["en"])

    @property
    def family(self) -> str:
        """The hundred the rule belongs to, e.g. ``"SC2xx"``."""
        return self.code[:3] + "xx"


def normalize_lang(lang: str | None) -> str:
    """Map a locale or BCP 47 tag to ``"zh-CN"`` or ``"en"``.

    >>> normalize_lang("zh_CN.UTF-8"), normalize_lang("en_GB"), normalize_lang(None)
    ('zh-CN', 'en', 'en')
    """
    if lang and lang.lower().replace("_", "-").startswith("zh"):
        return "zh-CN"
    return "en"


@cache
def _load() -> dict[str, RuleInfo]:
    rules: dict[str, RuleInfo] = {}
    for fam in _FAMILIES:
        try:
            mod = importlib.import_module(f"smartstd.catalogue.{fam}")
        except ModuleNotFoundError as exc:  # a family not yet written
            if exc.name != f"smartstd.catalogue.{fam}":
                raise
            continue
        for rule in mod.RULES:
            if rule.code in rules:
                raise RuntimeError(f"rule code {rule.code} defined twice")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def all_rules() -> tuple[RuleInfo, ...]:
    """Every rule, sorted by code."""
    return tuple(_load().values())


def get_rule(code_or_name: str) -> RuleInfo:
    """The rule with this code (``SC202``) or name (``unresolved-reference``).

    Raises:
        KeyError: if no rule has that code or name.
    """
    rules = _load()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for rule in rules.values():
        if rule.name == key.lower():
            return rule
    raise KeyError(f"no rule {code_or_name!r}")


def select_codes(patterns: list[str] | tuple[str, ...]) -> set[str]:
    """Expand codes, prefixes (``SC2``, ``SC20``) and names into rule codes.

    Raises:
        KeyError: if a pattern matches no rule.
    """
    out: set[str] = set()
    rules = _load()
    for pat in patterns:
        p = pat.strip()
        if not p:
            continue
        if p.upper() == "ALL":
            out.update(rules)
            continue
        matched = (
            {c for c in rules if c.startswith(p.upper())} if p.upper().startswith("SC") else set()
        )
        if not matched:
            matched = {r.code for r in rules.values() if r.name == p.lower()}
        if not matched:
            raise KeyError(f"no rule matches {pat!r}")
        out.update(matched)
    return out


class _Lenient(string.Formatter):
    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "{" + key + "}")
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:  # not known (an encoding that cannot be guessed): never "None"
            return "?"
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Lenient()


def render_message(finding: Finding, lang: str = "en") -> str:
    """Render a finding's message in ``lang``; unknown codes fall back to the code."""
    try:
        rule = get_rule(finding.code)
    except KeyError:
        return f"{finding.code} {dict(finding.params)}"
    template = rule.text("message", lang)
    try:
        return _FORMATTER.format(template, **dict(finding.params))
    except (ValueError, IndexError):
        return template


def validate_catalogue() -> list[str]:
    """Problems with the catalogue itself (used by the tests); empty when sound."""
    problems: list[str] = []
    names: set[str] = set()
    for rule in all_rules():
        if not _CODE.match(rule.code):
            problems.append(f"{rule.code}: bad code")
        if not _NAME.match(rule.name):
            problems.append(f"{rule.code}: bad name {rule.name!r}")
        if rule.name in names:
            problems.append(f"{rule.code}: name {rule.name!r} used twice")
        names.add(rule.name)
        for what in ("title", "message", "explanation"):
            texts = getattr(rule, what)
            for lang in LANGUAGES:
                if not texts.get(lang, "").strip():
                    problems.append(f"{rule.code}: no {lang} {what}")
        if not rule.bad.strip() or not rule.good.strip():
            problems.append(f"{rule.code}: needs a bad and a good example")
        for p in rule.params:
            if not p.zh.strip() or not p.en.strip():
                problems.append(f"{rule.code}: parameter {p.name} needs both languages")
    return problems


def rule(
    code: str,
    name: str,
    severity: str,
    level: str,
    title: tuple[str, str],
    message: tuple[str, str],
    explanation: tuple[str, str],
    bad: str,
    good: str,
    params: tuple[Param, ...] = (),
) -> RuleInfo:
    """Build a :class:`RuleInfo`; each text pair is ``(zh-CN, en)``."""
    return RuleInfo(
        code=code,
        name=name,
        severity=Severity(severity),
        level=Level(level),
        title={"zh-CN": title[0], "en": title[1]},
        message={"zh-CN": message[0], "en": message[1]},
        explanation={"zh-CN": explanation[0], "en": explanation[1]},
        bad=bad.strip("\n"),
        good=good.strip("\n"),
        params=params,
    )
