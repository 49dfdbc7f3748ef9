"""What a rule of the catalogue is: :class:`RuleInfo` and its :class:`Param` s.

The family catalogues (``smartstd/rules/scN/catalogue.py``) build their
entries with :func:`rule`; :mod:`smartstd.rules.catalogue` collects them. This
module imports only :mod:`smartstd.severity` (and :mod:`smartstd.rules.example` when an
example is asked for).

规则目录的数据结构：规则信息与参数（含地方配置可如何收紧参数）。
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smartstd.severity import Level, Severity

if TYPE_CHECKING:
    from smartstd.rules.example import Example

__all__ = ["LANGUAGES", "TIGHTEN", "Param", "RuleInfo", "normalize_lang", "rule"]

#: The languages every text of the catalogue is written in.
LANGUAGES = ("zh-CN", "en")

#: How a profile may tighten a parameter (:attr:`Param.tighten`). ``lower`` /
#: ``higher``: a number; ``lower-each:P`` / ``higher-each:P``: a map of numbers
#: whose baseline for an unlisted key is parameter ``P``; ``range-each``: a map
#: of ``[min, max]``; ``superset`` / ``subset``: a list; ``""``: a profile's
#: value is taken as given.
TIGHTEN = ("", "lower", "higher", "lower-each", "higher-each", "range-each", "subset", "superset")


@dataclass(frozen=True)
class Param:
    """A rule parameter that configuration or a profile may set.

    Attributes:
        name: the parameter's name (snake_case).
        default: its default value (a plain JSON value).
        zh: its description in Chinese.
        en: its description in English.
        tighten: how a profile may tighten it (one of :data:`TIGHTEN`, with
            ``:P`` after ``lower-each`` and ``higher-each``); a value the other
            way is a profile error (SC702's profile validation), and of two
            profiles the stricter value wins.
    """

    name: str
    default: Any
    zh: str
    en: str
    tighten: str = ""


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
        params: the rule's parameters.
        variants: message templates of one kind of finding, by the value of
            its :attr:`variant_param` parameter, each by language (a kind the
            main template does not say well).
        variant_param: the parameter that names a finding's kind (``reason``).
        example_given: the examples, when given in code (a test's rule);
            ``None`` reads them from the rule's examples file.

    The bad and good examples (:attr:`example`, shown as :attr:`bad` and
    :attr:`good`) are whole records kept beside the entry, in
    ``smartstd/rules/scN/examples/SCnnn.json``, read when first asked for.
    """

    code: str
    name: str
    severity: Severity
    level: Level
    title: Mapping[str, str]
    message: Mapping[str, str]
    explanation: Mapping[str, str]
    params: tuple[Param, ...] = field(default=())
    variants: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    variant_param: str = "reason"
    example_given: Example | None = field(default=None, compare=False, repr=False)

    @property
    def example(self) -> Example:
        """The rule's bad and good examples (whole records ``smartstd check`` runs)."""
        from smartstd.rules.example import load_example

        return self.example_given or load_example(self.code)

    @property
    def bad(self) -> str:
        """The bad example as people read it."""
        return self.example.bad.text

    @property
    def good(self) -> str:
        """The good example (the bad one fixed) as people read it."""
        return self.example.good.text

    def param_defaults(self) -> dict[str, Any]:
        """The parameters' default values by name."""
        return {p.name: p.default for p in self.params}

    def text(self, what: str, lang: str) -> str:
        """``title``, ``message`` or ``explanation`` in ``lang`` (falls back to en)."""
        texts: Mapping[str, str] = getattr(self, what)
        return str(texts.get(normalize_lang(lang)) or texts["en"])

    def message_for(self, params: Mapping[str, Any], lang: str) -> str:
        """The message template of a finding with these parameters, in ``lang``."""
        kind = params.get(self.variant_param) if self.variants else None
        texts = self.variants.get(kind) if isinstance(kind, str) else None
        if texts is None:
            return self.text("message", lang)
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


def rule(
    code: str,
    name: str,
    severity: str,
    level: str,
    title: tuple[str, str],
    message: tuple[str, str],
    explanation: tuple[str, str],
    params: tuple[Param, ...] = (),
    variants: Mapping[str, tuple[str, str]] | None = None,
    variant_param: str = "reason",
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
        params=params,
        variants={k: {"zh-CN": zh, "en": en} for k, (zh, en) in (variants or {}).items()},
        variant_param=variant_param,
    )
