"""Findings and reports: the common language of every check.

Everything that checks anything (the readers, the structural validation, the
data rules, the governance graph, profiles) produces the same frozen
:class:`Finding` into the same :class:`Report`. A finding stores a stable
code and its message parameters; the text is rendered on demand in zh-CN or
en by :mod:`smartstd.catalogue`, so findings are data and messages are views.

This module imports :mod:`smartstd.severity` (:class:`Severity` and
:class:`Level`) and :mod:`smartstd.pointer` (``Path``, :func:`pointer`,
:func:`pointer_to_path`), re-exported here, and, to render a message, the
catalogue.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from smartstd.pointer import Path, pointer, pointer_to_path
from smartstd.severity import Level, Severity

_SEVERITIES = frozenset(s.value for s in Severity)

__all__ = [
    "LEFT_OUT",
    "Finding",
    "Level",
    "Location",
    "Path",
    "Report",
    "Severity",
    "pointer",
    "pointer_to_path",
]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: a file, a 1-based line and column, and a path inside it."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: Path = ()

    @property
    def pointer(self) -> str:
        """The path as a JSON Pointer."""
        return pointer(self.path)


def _freeze(params: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found: a stable code, its parameters and where it is.

    Attributes:
        code: the rule code, e.g. ``"SC202"``.
        severity: the severity after configuration and profiles were applied.
        path: the path inside the record or document (render with :attr:`pointer`).
        file: the input file, as given by the user, or ``None``.
        line: 1-based line number, when known.
        column: 1-based column number (in characters), when known.
        entity_type: the ``type`` of the entity the finding is about, if any.
        entity_id: the ``id`` of that entity, if any.
        params: the message parameters (plain JSON values).
    """

    code: str
    severity: Severity
    path: Path = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not isinstance(self.params, MappingProxyType):
            object.__setattr__(self, "params", _freeze(self.params))
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))
        if not isinstance(self.path, tuple):
            object.__setattr__(self, "path", tuple(self.path))

    @property
    def pointer(self) -> str:
        """The path as an RFC 6901 JSON Pointer."""
        return pointer(self.path)

    @property
    def location(self) -> Location:
        """File, line, column and path together."""
        return Location(self.file, self.line, self.column, self.path)

    def sort_key(self) -> tuple[Any, ...]:
        """The stable order of findings in a report: file, line, column, code, path."""
        return (
            self.file or "",
            self.line if self.line is not None else 0,
            self.column if self.column is not None else 0,
            self.code,
            tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in self.path),
            self.entity_id or "",
            tuple(sorted((k, repr(v)) for k, v in self.params.items())),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # the frozen params (a mappingproxy) do not pickle; worker processes send findings back
        return (
            Finding,
            (
                self.code,
                self.severity,
                self.path,
                self.file,
                self.line,
                self.column,
                self.entity_type,
                self.entity_id,
                dict(self.params),
            ),
        )

    def replace(self, **changes: Any) -> Finding:
        """A copy with some attributes changed."""
        return dataclasses.replace(self, **changes)

    def message(self, lang: str = "en") -> str:
        """The finding's message in ``lang`` (``"en"`` or ``"zh-CN"``)."""
        from smartstd.catalogue import render_message

        return render_message(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the fields of the JSON report)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "pointer": self.pointer,
            "path": list(self.path),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "entity_type": self.entity_type,
            "entity_id": self.entity_id,
            "params": dict(self.params),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Rebuild a finding from :meth:`to_dict` output."""
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            path=tuple(data.get("path") or pointer_to_path(data.get("pointer", ""))),
            file=data.get("file"),
            line=data.get("line"),
            column=data.get("column"),
            entity_type=data.get("entity_type"),
            entity_id=data.get("entity_id"),
            params=dict(data.get("params") or {}),
        )


#: The code of the notice that says how many findings a limit left out
#: (:class:`smartstd.io.Limits`): it is not counted itself, its ``omitted``
#: findings are, under their ``code`` and ``severity``.
LEFT_OUT = "SC903"

#: Rule-code prefixes that an error in which blocks each level.
_BLOCKS: dict[Level, tuple[str, ...]] = {
    Level.L1: ("SC1",),
    Level.L2: ("SC1", "SC2", "SC3", "SC4", "SC5", "SC7", "SC8"),
    Level.L3: ("SC1", "SC2", "SC3", "SC4", "SC5", "SC6", "SC7", "SC8"),
}


@dataclass(frozen=True)
class Report:
    """The result of a check: findings in a stable order and what they mean.

    Attributes:
        findings: every finding, sorted by :meth:`Finding.sort_key`.
        inputs: the input files, as given.
        standard_version: the version of the standard checked against.
        profiles: the profiles applied (``name@version``).
        charter_present: whether a governance charter was among the inputs.
        entity_counts: how many entities of each type were read.
        waived: findings hidden by a waiver (kept so nothing is lost).
        requested_level: the level the user asked to be checked.
        rules_run: the codes of the rules that ran, or ``None`` when not known
            (a report built by hand): the JUnit format marks the others
            skipped, with the reason.
    """

    findings: tuple[Finding, ...] = ()
    inputs: tuple[str, ...] = ()
    standard_version: str = "1.0.0"
    profiles: tuple[str, ...] = ()
    charter_present: bool = False
    entity_counts: Mapping[str, int] = field(default_factory=dict)
    waived: tuple[Finding, ...] = ()
    requested_level: Level = Level.L2
    rules_run: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(sorted(self.findings, key=Finding.sort_key)))
        object.__setattr__(self, "waived", tuple(sorted(self.waived, key=Finding.sort_key)))

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def _left_out(self) -> Iterator[tuple[str, str, int]]:
        """``(code, severity, count)`` of the findings the limits left out."""
        for f in self.findings:
            if f.code == LEFT_OUT:
                p = f.params
                code, sev, n = p.get("code"), p.get("severity"), p.get("omitted")
                if isinstance(code, str) and sev in _SEVERITIES and isinstance(n, int):
                    yield code, sev, n

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings per severity (always all three keys).

        Findings a limit left out are counted (an SC903 notice says how
        many); the notices themselves are not.
        """
        c = Counter(f.severity.value for f in self.findings if f.code != LEFT_OUT)
        for _, sev, n in self._left_out():
            c[sev] += n
        return {s.value: c.get(s.value, 0) for s in Severity}

    @property
    def code_counts(self) -> dict[str, int]:
        """Number of findings per rule code, sorted by code (left-out ones included)."""
        c = Counter(f.code for f in self.findings if f.code != LEFT_OUT)
        for code, _, n in self._left_out():
            c[code] += n
        return dict(sorted(c.items()))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def _holds(self, level: Level) -> bool:
        if level is Level.NONE:
            return True
        prefixes = _BLOCKS[level]
        if any(f.severity is Severity.ERROR and f.code.startswith(prefixes) for f in self.findings):
            return False
        if any(sev == "error" and code.startswith(prefixes) for code, sev, _ in self._left_out()):
            return False
        return not (level is Level.L3 and not self.charter_present)

    @property
    def level(self) -> Level:
        """The highest conformance level the data reaches.

        Never above :attr:`requested_level`: the rules of higher levels did not run.
        """
        reached = Level.NONE
        for lvl in (Level.L1, Level.L2, Level.L3):
            if lvl.rank > self.requested_level.rank or not self._holds(lvl):
                break
            reached = lvl
        return reached

    def is_conformant(self, level: Level | str | None = None) -> bool:
        """Whether the data reaches ``level`` (default: the requested level)."""
        want = Level(level) if level is not None else self.requested_level
        return self.level.rank >= want.rank

    def failed(self, fail_on: Severity | str = Severity.ERROR) -> bool:
        """Whether any finding is at least as severe as ``fail_on``."""
        threshold = Severity(fail_on)
        if any(f.severity.rank >= threshold.rank for f in self.findings if f.code != LEFT_OUT):
            return True
        return any(Severity(sev).rank >= threshold.rank for _, sev, _ in self._left_out())

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (its schema is published as ``report.schema.json``)."""
        from smartstd._version import __version__

        return {
            "report_version": "1",
            "tool": {"name": "smartstd", "version": __version__},
            "standard_version": self.standard_version,
            "profiles": list(self.profiles),
            "inputs": list(self.inputs),
            "requested_level": self.requested_level.value,
            "level": self.level.value,
            "conformant": self.is_conformant(),
            "charter_present": self.charter_present,
            "entity_counts": dict(sorted(self.entity_counts.items())),
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings],
            "waived": [f.to_dict() for f in self.waived],
        }
