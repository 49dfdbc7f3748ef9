"""The rule catalogue: every conformance rule as data.

Each rule has a stable code (``SC`` + three digits), a kebab-case name, a
default severity, the conformance level it belongs to, parameters with
defaults, and in both zh-CN and en a title, a message template, an
explanation; and a bad and a good example, whole records kept beside the
entry (``smartstd/rules/scN/examples/SCnnn.json``, :mod:`smartstd.rules.example`)
that a test runs through the checker. The docs page, the SARIF rule list,
``smartstd rules`` and message rendering all read this one catalogue.

The entries live in one folder per family, ``smartstd/rules/scN/catalogue.py``
(beside the family's checks and cases); this module collects them. It imports
only :mod:`smartstd.rules.info` and :mod:`smartstd.severity`, so reporters and
the docs read the catalogue without loading the models. :mod:`smartstd.catalogue` re-exports it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache
from typing import Any, Protocol

from smartstd._parser_messages import localize
from smartstd.errors import UnknownNameError
from smartstd.rules.info import LANGUAGES, TIGHTEN, Param, RuleInfo, normalize_lang, rule
from smartstd.rules.sc1 import catalogue as _sc1
from smartstd.rules.sc2 import catalogue as _sc2
from smartstd.rules.sc3 import catalogue as _sc3
from smartstd.rules.sc4 import catalogue as _sc4
from smartstd.rules.sc5 import catalogue as _sc5
from smartstd.rules.sc6 import catalogue as _sc6
from smartstd.rules.sc7 import catalogue as _sc7
from smartstd.rules.sc8 import catalogue as _sc8
from smartstd.rules.sc9 import catalogue as _sc9

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

_CODE = re.compile(r"^SC[1-9][0-9]{2}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


#: Every family's entries, in code order (one line per family in ``smartstd.rules.FAMILIES``).
_FAMILIES: tuple[tuple[RuleInfo, ...], ...] = (
    _sc1.RULES,
    _sc2.RULES,
    _sc3.RULES,
    _sc4.RULES,
    _sc5.RULES,
    _sc6.RULES,
    _sc7.RULES,
    _sc8.RULES,
    _sc9.RULES,
)


@cache
def _load() -> dict[str, RuleInfo]:
    rules: dict[str, RuleInfo] = {}
    for family in _FAMILIES:
        for info in family:
            if info.code in rules:
                raise RuntimeError(f"rule code {info.code} defined twice")
            rules[info.code] = info
    return dict(sorted(rules.items()))


def all_rules() -> tuple[RuleInfo, ...]:
    """Every rule, sorted by code."""
    return tuple(_load().values())


def get_rule(code_or_name: str) -> RuleInfo:
    """The rule with this code (``SC202``) or name (``unresolved-reference``).

    Raises:
        UnknownNameError: (a :class:`KeyError`) if no rule has that code or name.
    """
    rules = _load()
    key = code_or_name.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for info in rules.values():
        if info.name == key.lower():
            return info
    raise UnknownNameError(key="unknown_rule", code=code_or_name)


def select_codes(patterns: list[str] | tuple[str, ...]) -> set[str]:
    """Expand codes, prefixes (``SC2``, ``SC20``) and names into rule codes.

    Raises:
        UnknownNameError: (a :class:`KeyError`) if a pattern matches no rule.
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
            raise UnknownNameError(key="rule_pattern_unmatched", pattern=pat)
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


class _Coded(Protocol):
    """What a message is rendered from (a :class:`~smartstd.report.Finding`)."""

    @property
    def code(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...


#: Message parameters that hold a code, by rule: shown with the code's label.
CODE_PARAMS: dict[str, dict[str, str]] = {
    "SC302": {"status": "request_status"},
    "SC303": {"status": "request_status"},
    "SC304": {"category": "request_category", "channel": "request_channel"},
    "SC309": {"status": "request_status"},
    "SC404": {"kind": "device_kind"},
    "SC405": {"kind": "device_kind"},
    "SC410": {"kind": "device_kind"},
    "SC502": {"category": "service_category"},
    **{
        code: {"domain": "domain"}
        for code in ("SC601", "SC602", "SC603", "SC604", "SC612", "SC613")
    },
}

# What a finding's suggestion adds to its message, by rule.
_SUGGESTION: dict[str, tuple[str, str]] = {
    "SC103": (
        "（数据中有相近的字段 {suggestion}，是否拼写有误？）",
        " (the data has {suggestion}: a typo?)",
    ),
    "SC104": ("（是否应为 {suggestion}？）", " (did you mean {suggestion}?)"),
    "SC202": ("（是否应为 {suggestion}？）", " (did you mean {suggestion}?)"),
    "SC106": ("（是否应为 {suggestion}？）", " (did you mean {suggestion}?)"),
}


def _label(code_list: str, value: Any, lang: str) -> Any:
    """``value`` with its label: ``养老服务（elderly_care）`` / ``Elderly care (elderly_care)``."""
    if not isinstance(value, str):
        return value
    label = None
    if code_list == "domain":
        from smartstd.standard.domains import CORE_DOMAINS

        core = CORE_DOMAINS.get(value)
        if core is not None:
            label = core.zh if lang == "zh-CN" else core.en
    else:
        from smartstd.standard.codes import CODE_LISTS

        found = CODE_LISTS[code_list].get(value) if code_list in CODE_LISTS else None
        if found is not None:
            label = found.label(lang)
    if label is None or label == value:
        return value
    return f"{label}（{value}）" if lang == "zh-CN" else f"{label} ({value})"


def _localized(finding: _Coded, lang: str) -> dict[str, Any]:
    """The finding's parameters as its message shows them in ``lang``."""
    params = dict(finding.params)
    for name, code_list in CODE_PARAMS.get(finding.code, {}).items():
        if name in params:
            params[name] = _label(code_list, params[name], lang)
    if lang == "zh-CN" and "error_type" in params:
        from smartstd.rules.pydantic_errors import translate

        ctx = params.get("ctx")
        text = translate(str(params["error_type"]), ctx if isinstance(ctx, Mapping) else None)
        if text is not None:
            params["detail"] = text
    # what a parser or reader said in English (SC100, SC101, ...): said again by kind;
    # a waiver's reason (SC9xx) is a person's own words and stays as written
    return params if finding.code.startswith("SC9") else localize(params, lang)


def render_message(finding: _Coded, lang: str = "en") -> str:
    """Render a finding's message in ``lang``; unknown codes fall back to the code.

    Codes in the parameters are shown with their labels, pydantic's English
    (SC103) is said again in Chinese from its error type, and a suggestion
    (the nearest known field or type) is added as "did you mean".
    """
    try:
        rule = get_rule(finding.code)
    except KeyError:
        return f"{finding.code} {dict(finding.params)}"
    lang = normalize_lang(lang)
    template = rule.message_for(finding.params, lang)
    params = _localized(finding, lang)
    if params.get("suggestion") and finding.code in _SUGGESTION:
        zh, en = _SUGGESTION[finding.code]
        template += zh if lang == "zh-CN" else en
    if "hint" in params:  # what to write instead (an identifier written another way)
        from smartstd.advice import hint_text

        template += hint_text(params, lang) or ""
    try:
        return _FORMATTER.format(template, **params)
    except (ValueError, IndexError):
        return template


def validate_catalogue() -> list[str]:
    """Problems with the catalogue itself (used by the tests); empty when sound."""
    problems: list[str] = []
    names: set[str] = set()
    for info in all_rules():
        if not _CODE.match(info.code):
            problems.append(f"{info.code}: bad code")
        if not _NAME.match(info.name):
            problems.append(f"{info.code}: bad name {info.name!r}")
        if info.name in names:
            problems.append(f"{info.code}: name {info.name!r} used twice")
        names.add(info.name)
        for what in ("title", "message", "explanation"):
            texts = getattr(info, what)
            for lang in LANGUAGES:
                if not texts.get(lang, "").strip():
                    problems.append(f"{info.code}: no {lang} {what}")
        try:
            if not info.bad.strip() or not info.good.strip():
                problems.append(f"{info.code}: needs a bad and a good example")
        except (OSError, ValueError) as exc:  # no examples file, or not an example
            problems.append(f"{info.code}: examples: {exc}")
        names_of_params = {p.name for p in info.params}
        for p in info.params:
            if not p.zh.strip() or not p.en.strip():
                problems.append(f"{info.code}: parameter {p.name} needs both languages")
            how, _, baseline = p.tighten.partition(":")
            needs_baseline = how in ("lower-each", "higher-each")
            if how not in TIGHTEN or bool(baseline) != needs_baseline:
                problems.append(f"{info.code}: parameter {p.name} has tighten {p.tighten!r}")
            elif baseline and baseline not in names_of_params:
                problems.append(f"{info.code}: parameter {p.name} tightens against {baseline!r}")
    return problems
