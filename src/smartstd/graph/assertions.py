"""Charter assertions: what a charter expects of itself, checked like model tests.

A charter may state expectations about who may do what, and ``smartstd graph
test`` (or :func:`run_assertions`) checks them, as OpenFGA's model tests do.
A failed assertion is a finding, SC617 ``assertion-failed``, placed on the
assertion.

Assertions are a top-level ``assertions`` list, either in the charter file
itself (a ``charter.yaml`` fragment beside its ``entities``; an L3 check runs
them too) or in a file of their own given to ``smartstd graph test -a``.
Each item has a ``name``, an optional ``description`` and exactly one of four
kinds::

    assertions:
      # nobody in the list (or nobody at all, without organisation) may do it
      - name: vendor-never-reads-whereabouts-for-marketing
        never: {organization: org-vendor, action: read, category: cat-whereabouts,
                purpose: pur-marketing}

      # exactly these organisations may do it, for each category listed
      - name: only-these-write-resident-data
        only: {action: write, category: [cat-resident, cat-contact],
               organizations: [org-rc, org-so]}

      # this organisation may do it (a positive test)
      - name: property-company-reads-contacts-for-repairs
        may: {organization: org-pm, action: read, category: cat-contact, purpose: pur-repair,
              on: 2026-05-01}

      # exactly these organisations hold the role in the domain
      - name: street-office-answers-for-resident-data
        holders: {domain: resident_data, role: accountable, organizations: [org-so]}

Fields: ``organization`` (or ``organizations``) are organisation ids;
``action`` is ``read``, ``write``, ``share`` or ``delete`` (absent: any);
``category`` is a data category id or a list of them; ``purpose`` a purpose id
(absent: any purpose); ``on`` a date. ``may``, ``only`` and ``holders`` are
judged on ``on`` or the dataset's date; ``never`` without ``on`` must hold on
every date (validity periods are ignored). Access is judged as by
:func:`~smartstd.graph.queries.explain`: the whole chain of grants,
delegations and agreements must hold.

章程断言：章程对自身的期望（谁永远不能做什么、只有谁可以做什么），由 graph test 检查。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from smartstd._error_messages import Phrase
from smartstd.errors import ConfigError
from smartstd.graph._params import Params
from smartstd.graph.access import AccessEvaluator
from smartstd.graph.index import RACI_ROLES
from smartstd.graph.model import GraphSource, as_charter
from smartstd.graph.queries import who
from smartstd.report import Finding, Severity

__all__ = [
    "ASSERTION_KINDS",
    "Assertion",
    "AssertionResult",
    "assertions_in",
    "load_assertions",
    "parse_assertions",
    "run_assertions",
]

#: The kinds of assertion.
ASSERTION_KINDS: tuple[str, ...] = ("may", "never", "only", "holders")

_ACTIONS = ("read", "write", "share", "delete")
_FIELDS = {
    "may": ({"organization", "category"}, {"action", "purpose", "on"}),
    "never": ({"category"}, {"organization", "organizations", "action", "purpose", "on"}),
    "only": ({"category", "organizations"}, {"action", "purpose", "on"}),
    "holders": ({"domain", "role", "organizations"}, {"on"}),
}


@dataclass(frozen=True)
class Assertion:
    """One charter assertion.

    Attributes:
        name: its name (unique in its file, by convention).
        kind: ``may``, ``never``, ``only`` or ``holders``.
        spec: its fields (organization(s), action, categories, purpose, on,
            domain, role), normalised: ``categories`` and ``organizations``
            are tuples, ``on`` a date or ``None``.
        description: its description by language, if any.
        file: the file it was read from.
        index: its position in the ``assertions`` list.
        line: its 1-based line in the file, when known.
        column: its 1-based column, when known.
    """

    name: str
    kind: str
    spec: Mapping[str, Any]
    description: Mapping[str, str] = field(default_factory=dict)
    file: str | None = None
    index: int = 0
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class AssertionResult:
    """The outcome of one assertion.

    Attributes:
        assertion: the assertion.
        passed: whether it holds.
        expected: what it expects, in short (ids and codes).
        actual: what was found, in short.
        reasons: why, one line per reason (in English; see :attr:`reasons_zh`).
        reasons_zh: the same in Chinese.
    """

    assertion: Assertion
    passed: bool
    expected: str
    actual: str
    reasons: tuple[str, ...] = ()
    reasons_zh: tuple[str, ...] = ()

    def finding(self, severity: Severity | None = None) -> Finding | None:
        """The SC617 finding of a failed assertion (``None`` when it passed)."""
        if self.passed:
            return None
        a = self.assertion
        if severity is None:
            from smartstd.catalogue import get_rule

            severity = get_rule("SC617").severity
        return Finding(
            "SC617",
            severity,
            path=("assertions", a.index),
            file=a.file,
            line=a.line,
            column=a.column,
            entity_id=a.name,
            params={
                "assertion": a.name,
                "kind": a.kind,
                "expected": self.expected,
                "actual": self.actual,
            },
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "name": self.assertion.name,
            "kind": self.assertion.kind,
            "passed": self.passed,
            "expected": self.expected,
            "actual": self.actual,
            "reasons": {"en": list(self.reasons), "zh-CN": list(self.reasons_zh)},
            "file": self.assertion.file,
            "pointer": f"/assertions/{self.assertion.index}",
        }


def _strs(value: Any, where: Phrase, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    if isinstance(value, list) and not value and key == "organizations":
        return ()
    raise ConfigError(key="assertion_not_ids", where=where, name=key)


def _date(value: Any, where: Phrase) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(key="assertion_bad_on", where=where)


def _parse_one(item: Any, index: int, file: str | None) -> Assertion:
    where = Phrase(
        f"{file or '断言'}：第 {index + 1} 条断言",
        f"{file or 'assertions'}: assertion #{index + 1}",
    )
    if not isinstance(item, Mapping):
        raise ConfigError(key="assertion_not_mapping", where=where)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(key="assertion_needs_name", where=where)
    where = Phrase(
        f"{file or '断言'}：断言 {name!r}", f"{file or 'assertions'}: assertion {name!r}"
    )
    kinds = [k for k in ASSERTION_KINDS if k in item]
    if len(kinds) != 1:
        raise ConfigError(key="assertion_one_kind", where=where, kinds=", ".join(ASSERTION_KINDS))
    unknown = set(item) - {"name", "description", *ASSERTION_KINDS}
    if unknown:
        raise ConfigError(
            key="assertion_unknown_keys", where=where, keys=", ".join(sorted(map(str, unknown)))
        )
    kind = kinds[0]
    body = item[kind]
    if not isinstance(body, Mapping):
        raise ConfigError(key="assertion_kind_not_mapping", where=where, kind=kind)
    required, optional = _FIELDS[kind]
    missing = required - set(body)
    if missing:
        raise ConfigError(
            key="assertion_kind_needs", where=where, kind=kind, fields=", ".join(sorted(missing))
        )
    extra = set(body) - required - optional
    if extra:
        raise ConfigError(
            key="assertion_kind_extra",
            where=where,
            kind=kind,
            fields=", ".join(sorted(map(str, extra))),
        )
    spec: dict[str, Any] = {"on": _date(body.get("on"), where)}
    if "category" in body:
        spec["categories"] = _strs(body["category"], where, "category")
    if "organization" in body:
        if not isinstance(body["organization"], str):
            raise ConfigError(key="assertion_not_id", where=where, name="organization")
        spec["organizations"] = (body["organization"],)
    if "organizations" in body:
        spec["organizations"] = _strs(body["organizations"], where, "organizations")
    action = body.get("action")
    if action is not None and action not in _ACTIONS:
        raise ConfigError(
            key="assertion_not_one_of", where=where, name="action", known=", ".join(_ACTIONS)
        )
    spec["action"] = action
    purpose = body.get("purpose")
    if purpose is not None and not isinstance(purpose, str):
        raise ConfigError(key="assertion_not_id", where=where, name="purpose")
    spec["purpose"] = purpose
    if kind == "holders":
        if not isinstance(body["domain"], str):
            raise ConfigError(key="assertion_not_id", where=where, name="domain")
        if body["role"] not in RACI_ROLES:
            raise ConfigError(
                key="assertion_not_one_of", where=where, name="role", known=", ".join(RACI_ROLES)
            )
        spec["domain"], spec["role"] = body["domain"], body["role"]
    desc = item.get("description")
    description: dict[str, str] = {}
    if isinstance(desc, str):
        description = {"en": desc}
    elif isinstance(desc, Mapping):
        description = {str(k): str(v) for k, v in desc.items()}
    return Assertion(name, kind, spec, description, file, index)


def parse_assertions(
    data: Any, *, file: str | None = None, positions: Any = None
) -> list[Assertion]:
    """Assertions from parsed data: a mapping with ``assertions``, or the list itself.

    Args:
        data: the parsed document.
        file: the file name, for findings.
        positions: a ``smartstd.io.Document`` to take lines and columns from.

    Raises:
        ConfigError: when an assertion is malformed (the message says which and why).
    """
    items = data.get("assertions") if isinstance(data, Mapping) else data
    if items is None:
        return []
    if not isinstance(items, list):
        raise ConfigError(key="assertions_not_list", file=file or "assertions")
    out = []
    if positions is not None:  # one pass over the document for every assertion
        positions.positions([("assertions", i) for i in range(len(items))])
    for i, item in enumerate(items):
        a = _parse_one(item, i, file)
        if positions is not None:
            line, col = positions.position(("assertions", i))
            a = Assertion(a.name, a.kind, a.spec, a.description, a.file, a.index, line, col)
        out.append(a)
    return out


def load_assertions(path: str | FsPath) -> list[Assertion]:
    """Read the assertions of a YAML or JSON file (its top-level ``assertions`` list).

    Raises:
        ConfigError: when the file cannot be read or an assertion is malformed.
    """
    from smartstd.io import read_file

    try:
        doc = read_file(path)
    except OSError as exc:
        raise ConfigError(key="assertions_unreadable", file=path, reason=exc) from None
    if doc.findings or doc.value is None:
        detail = Phrase(
            "；".join(f"{f.code} {f.message('zh-CN')}" for f in doc.findings[:3]) or "文件为空",
            "; ".join(f"{f.code} {f.message('en')}" for f in doc.findings[:3]) or "empty",
        )
        raise ConfigError(key="assertions_unreadable", file=path, reason=detail)
    return parse_assertions(doc.value, file=str(path), positions=doc)


def assertions_in(paths: Iterable[str | FsPath]) -> list[Assertion]:
    """The assertions of every file among ``paths`` that has a top-level ``assertions`` list.

    Files that cannot be read, or have no such list, are skipped (reading
    problems are the checker's business).

    Raises:
        ConfigError: when an assertion is malformed.
    """
    from smartstd.io import Limits, read_document

    out: list[Assertion] = []
    for path in paths:
        p = FsPath(path)
        if p.suffix.lower() not in (".yaml", ".yml", ".json"):
            continue
        try:
            data = p.read_bytes()
        except OSError:
            continue
        if b"assertions" not in data:
            continue
        doc = read_document(
            data,
            file=str(path),
            limits=Limits(),
            fmt="json" if p.suffix.lower() == ".json" else "yaml",
        )
        if isinstance(doc.value, Mapping) and isinstance(doc.value.get("assertions"), list):
            out.extend(parse_assertions(doc.value, file=str(path), positions=doc))
    return out


def _ids(values: Iterable[str]) -> str:
    items = sorted(values)
    return ", ".join(items) if items else "nobody"


def run_assertions(
    source: GraphSource,
    assertions: Sequence[Assertion] | Any,
    *,
    on: dt.date | None = None,
    params: Params | None = None,
) -> list[AssertionResult]:
    """Check assertions against a charter.

    Args:
        source: anything :func:`~smartstd.graph.model.as_charter` accepts.
        assertions: :class:`Assertion` s, or data :func:`parse_assertions` accepts.
        on: the default date (default: the charter's ``as_of``, else today).
        params: rule parameters (as for :func:`~smartstd.graph.queries.explain`).

    Returns:
        One result per assertion, in order; ``result.finding()`` is the SC617
        finding of a failed one.

    Raises:
        ConfigError: when ``assertions`` is data with a malformed assertion.
    """
    charter = as_charter(source)
    items = (
        list(assertions)
        if isinstance(assertions, Sequence) and all(isinstance(a, Assertion) for a in assertions)
        else parse_assertions(assertions)
    )
    access = AccessEvaluator(charter, params)
    default = charter.on(on)
    results = []
    for a in items:
        results.append(_run_one(a, charter, access, default))
    return results


def _run_one(
    a: Assertion, charter: Any, access: AccessEvaluator, default: dt.date
) -> AssertionResult:
    s = a.spec
    action, purpose = s.get("action"), s.get("purpose")
    if a.kind == "may":
        day = s["on"] or default
        org = s["organizations"][0]
        denied = []
        reasons, reasons_zh = [], []
        for cat in s["categories"]:
            exp = access.explain(org, action, cat, purpose, day)
            reasons.append(exp.headline("en"))
            reasons_zh.append(exp.headline("zh-CN"))
            if not exp.allowed:
                missing = exp.missing
                denied.append(f"{cat} ({missing.code if missing else 'denied'})")
                if missing is not None:
                    reasons.append("  missing link: " + missing.text("en"))
                    reasons_zh.append("  缺失环节：" + missing.text("zh-CN"))
        return AssertionResult(
            a,
            not denied,
            "allowed",
            "denied: " + ", ".join(denied) if denied else "allowed",
            tuple(reasons),
            tuple(reasons_zh),
        )
    if a.kind == "never":
        day = s["on"]
        orgs = set(s.get("organizations") or ())
        found: list[str] = []
        reasons, reasons_zh = [], []
        for cat in s["categories"]:
            for org, grant in access.who_may(action, cat, purpose, day).items():
                if orgs and org not in orgs:
                    continue
                found.append(f"{org} via {grant}")
                exp = access.explain(org, action, cat, purpose, day)
                reasons.append(exp.headline("en") + " (" + " → ".join(exp.chain) + ")")
                reasons_zh.append(exp.headline("zh-CN") + "（" + " → ".join(exp.chain) + "）")
        return AssertionResult(
            a, not found, "nobody", ", ".join(found) or "nobody", tuple(reasons), tuple(reasons_zh)
        )
    if a.kind == "only":
        day = s["on"] or default
        want = set(s["organizations"])
        bad: list[str] = []
        reasons, reasons_zh = [], []
        for cat in s["categories"]:
            got = set(access.who_may(action, cat, purpose, day))
            if got != want:
                bad.append(f"{cat}: {_ids(got)}")
                for org in sorted(got - want):
                    reasons.append(f"{org} may also act on {cat} but is not listed")
                    reasons_zh.append(f"{org} 也可以处理 {cat}，但不在名单中")
                for org in sorted(want - got):
                    exp = access.explain(org, action, cat, purpose, day)
                    missing = exp.missing
                    reasons.append(
                        f"{org} may not act on {cat}: "
                        + (missing.text("en") if missing else "denied")
                    )
                    reasons_zh.append(
                        f"{org} 不能处理 {cat}：" + (missing.text("zh-CN") if missing else "被拒绝")
                    )
        return AssertionResult(
            a,
            not bad,
            _ids(want),
            "; ".join(bad) if bad else _ids(want),
            tuple(reasons),
            tuple(reasons_zh),
        )
    # holders
    day = s["on"] or default
    holders = who(charter, s["domain"], s["role"], on=day)
    got = {h.organization for h in holders}
    want = set(s["organizations"])
    return AssertionResult(
        a,
        got == want,
        _ids(want),
        _ids(got),
        tuple(h.reason("en") for h in holders),
        tuple(h.reason("zh-CN") for h in holders),
    )
