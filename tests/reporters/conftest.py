"""Fixtures for the reporter tests: a small fake catalogue and hostile reports."""

from __future__ import annotations

import pytest

from smartstd.catalogue import Param, RuleInfo
from smartstd.report import Finding, Level, Report, Severity
from smartstd.rules import catalogue
from smartstd.rules.example import Example, Side


def _rule(
    code: str,
    name: str,
    severity: Severity,
    level: Level,
    en: str,
    zh: str,
    params: tuple[Param, ...] = (),
) -> RuleInfo:
    return RuleInfo(
        code=code,
        name=name,
        severity=severity,
        level=level,
        title={"en": f"Title of {name}", "zh-CN": f"{name} 的标题"},
        message={"en": en, "zh-CN": zh},
        explanation={"en": f"Why {name} matters.", "zh-CN": f"为什么 {name} 重要。"},
        example_given=Example(
            code,
            bad=Side(records=('{"id": "r-1", "note": "``` fence"}',)),
            good=Side(records=("id: r-1",)),
        ),
        params=params,
    )


FAKE_RULES: dict[str, RuleInfo] = {
    r.code: r
    for r in (
        _rule(
            "SC103",
            "schema-violation",
            Severity.ERROR,
            Level.L1,
            "Value {value} violates the schema.",
            "值 {value} 不符合模式。",
        ),
        _rule(
            "SC202",
            "unresolved-reference",
            Severity.ERROR,
            Level.L2,
            "Reference {field} names {target}, which does not exist.",
            "引用 {field} 指向不存在的 {target}。",
        ),
        _rule(
            "SC402",
            "unmasked-phone",
            Severity.WARNING,
            Level.L2,
            "Phone number {value} is not masked.",
            "电话号码 {value} 未脱敏。",
        ),
        _rule(
            "SC601",
            "no-accountable",
            Severity.ERROR,
            Level.L3,
            "Domain {domain} has no accountable party.",
            "领域 {domain} 没有负责方。",
        ),
        _rule(
            "SC704",
            "older-version",
            Severity.INFO,
            Level.L2,
            "Version {version} is older; run smartstd migrate.",
            "版本 {version} 较旧；请运行 smartstd migrate。",
            (Param("max_age_days", 30, "最长天数", "maximum age in days"),),
        ),
    )
}

#: A string with everything that breaks naive output formats.
HOSTILE = (
    "a|b\n::set-output name=x::pwned\r\n::add-mask::secret <script>&amp;</script> "
    "`tick` *star* [link](http://x) 50% a,b:c \x00\x01\x1b[31mred\x7f\x85 \u202egnp.exe "
    "中文 😀 \u2028sep \ufffe"
)


@pytest.fixture
def fake_catalogue(monkeypatch: pytest.MonkeyPatch) -> dict[str, RuleInfo]:
    """Make the catalogue the five rules above, whatever families exist."""
    monkeypatch.setattr(catalogue, "_load", lambda: dict(FAKE_RULES))
    return FAKE_RULES


@pytest.fixture
def hostile_string() -> str:
    """The hostile string itself."""
    return HOSTILE


@pytest.fixture
def hostile(fake_catalogue: dict[str, RuleInfo]) -> Report:
    """A report with hostile data in every field that reporters show."""
    target = HOSTILE + "\ud800"
    findings = [
        Finding(
            code="SC202",
            severity=Severity.ERROR,
            path=("entities", 3, "manager_id"),
            file="data/people.ndjson",
            line=3,
            column=15,
            entity_type="Resident",
            entity_id="r-1\n::error::x",
            params={"field": "manager_id", "target": target},
        ),
        Finding(
            code="SC202",
            severity=Severity.ERROR,
            path=("entities", 4, "a|b/c~d"),
            file="data/people.ndjson",
            line=9,
            column=1,
            params={"field": "x", "target": "y"},
        ),
        Finding(
            code="SC402",
            severity=Severity.WARNING,
            path=("phone",),
            file="data/odd, name:<&>|.json",
            line=1,
            params={"value": "138****\n0000 | x"},
        ),
        Finding(
            code="SC704",
            severity=Severity.INFO,
            file="data/odd, name:<&>|.json",
            params={"version": "0.9.0", "nan": float("nan")},
        ),
        Finding(
            code="SC601",
            severity=Severity.ERROR,
            path=("domains", 0),
            params={"domain": HOSTILE},
        ),
        Finding(code="SC999", severity=Severity.WARNING, file="data\\win\\a.json", line=2),
    ]
    waived = [
        Finding(
            code="SC402",
            severity=Severity.WARNING,
            path=("phone",),
            file="data/people.ndjson",
            line=5,
            params={"value": "x"},
        )
    ]
    return Report(
        findings=tuple(findings),
        inputs=("data/people.ndjson", "data/odd, name:<&>|.json", "data/clean.json"),
        profiles=("guangzhou|<x>@1.0",),
        charter_present=True,
        entity_counts={"Resident": 2},
        waived=tuple(waived),
    )


@pytest.fixture
def clean(fake_catalogue: dict[str, RuleInfo]) -> Report:
    """A report with ordinary data, for exact-output checks."""
    return Report(
        findings=(
            Finding(
                code="SC202",
                severity=Severity.ERROR,
                path=("manager_id",),
                file="data/b.json",
                line=3,
                column=15,
                params={"field": "manager_id", "target": "o-9"},
            ),
            Finding(
                code="SC402",
                severity=Severity.WARNING,
                path=("phone",),
                file="data/a.json",
                line=7,
                params={"value": "13800000000"},
            ),
            Finding(code="SC601", severity=Severity.ERROR, params={"domain": "safety"}),
        ),
        inputs=("data/a.json", "data/b.json"),
    )
