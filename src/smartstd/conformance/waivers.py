"""Waivers: a project may waive one finding, with a reason and an expiry date.

A waiver names a rule code and either a JSON Pointer (optionally with the
file) or an entity id. An expired waiver waives nothing and is itself a
finding (SC901); a waiver that matched nothing is reported as SC902 (info),
so stale waivers get cleaned up. A waiver that names a pointer and no entity
id waives the findings of one record: when the pointer names findings of
several records (NDJSON pointers start at each record; a pointer without a
file may be in several files), it waives none and is reported as SC902 with
the problem ``ambiguous``. A waiver never hides a reading problem (SC100,
SC101, SC109).

豁免：按规则代码加 JSON 指针或实体标识豁免单个结果，须写明理由和到期日；过期豁免本身即为一条结果。

File format (YAML or JSON)::

    waivers:
      - code: SC408
        entity_id: dev-cam-017
        reason: "Camera replaced; record kept for the audit trail / 摄像头已更换"
        expires: 2026-12-31
      - code: SC103
        pointer: /entities/12/area_km2
        file: dataset.json
        reason: ...
        expires: 2026-09-30
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartstd.errors import ConfigError
from smartstd.report import Finding, Severity
from smartstd.report import Path as ReportPath

__all__ = ["Waiver", "apply_waivers", "load_waivers"]

_NEVER = frozenset({"SC100", "SC101", "SC109"})


@dataclass(frozen=True)
class Waiver:
    """One waiver. ``pointer`` or ``entity_id`` says which finding it covers."""

    code: str
    reason: str
    expires: dt.date
    pointer: str | None = None
    entity_id: str | None = None
    file: str | None = None
    source: str | None = None
    index: int = 0
    line: int | None = None
    column: int | None = None

    def matches(self, f: Finding) -> bool:
        """Whether this waiver covers ``f`` (expiry aside)."""
        if f.code != self.code or f.code in _NEVER:
            return False
        if self.file is not None and (f.file is None or not _same_file(f.file, self.file)):
            return False
        if self.pointer is not None and f.pointer != self.pointer:
            return False
        return not (self.entity_id is not None and f.entity_id != self.entity_id)


class _Index:
    """The active waivers by what they name, so that a finding meets only its candidates.

    A waiver names a code and a pointer, an entity id, both or neither; a
    finding can match only the waivers filed under its code with its own
    pointer or none and its own entity id or none. Trying every waiver on
    every finding took 22 s for 2,000 findings and 10,000 waivers (a
    vendor's file of accepted findings); this is linear in both.
    """

    def __init__(self, waivers: Iterable[tuple[int, Waiver]]) -> None:
        self._by_key: dict[tuple[str, str | None, str | None], list[tuple[int, Waiver]]] = {}
        for i, w in waivers:
            self._by_key.setdefault((w.code, w.pointer, w.entity_id), []).append((i, w))

    def first_match(self, f: Finding) -> int | None:
        """The index of the first waiver (in file order) that covers ``f``, or ``None``."""
        if not self._by_key:
            return None
        pointer, entity = f.pointer, f.entity_id
        best: int | None = None
        for key in {
            (f.code, pointer, entity),
            (f.code, pointer, None),
            (f.code, None, entity),
            (f.code, None, None),
        }:
            for i, w in self._by_key.get(key, ()):
                if best is not None and i >= best:
                    break  # each list is in file order
                if w.matches(f):
                    best = i
                    break
        return best


def _same_file(a: str, b: str) -> bool:
    pa, pb = Path(a), Path(b)
    return pa == pb or (pa.name == pb.name and (len(pb.parts) == 1 or str(pa).endswith(str(pb))))


def load_waivers(path: str | Path) -> list[Waiver]:
    """Read a waivers file.

    Raises:
        ConfigError: when the file cannot be read or an entry is incomplete.
    """
    from smartstd.io import read_file

    try:
        doc = read_file(path)
    except OSError as exc:
        raise ConfigError(key="waivers_unreadable", file=path, reason=exc) from None
    if doc.findings:
        from smartstd._error_messages import Phrase

        detail = Phrase(
            "；".join(f"{f.code} {f.message('zh-CN')}" for f in doc.findings[:3]),
            "; ".join(f"{f.code} {f.message('en')}" for f in doc.findings[:3]),
        )
        f = doc.findings[0]
        where = ":".join(str(x) for x in (path, f.line, f.column) if x is not None)
        raise ConfigError(key="waivers_unreadable", file=where, reason=detail)
    data = doc.value
    items = data.get("waivers") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(key="waivers_not_list", file=path)
    # the line and column of each waiver in its file (for errors, SC901 and SC902)
    prefix: ReportPath = ("waivers",) if isinstance(data, dict) else ()
    paths: list[ReportPath] = [(*prefix, i) for i in range(len(items))]
    found = doc.positions(paths)
    waivers = []
    for i, (item, at) in enumerate(zip(items, paths, strict=True)):
        line, column = found[at]
        where = ":".join(str(x) for x in (path, line, column) if x is not None)
        w = _waiver(item, str(path), i, where)
        waivers.append(dataclasses.replace(w, line=line, column=column))
    return waivers


#: The keys of a waiver (another is a typo that would waive more than meant).
_WAIVER_KEYS = ("code", "pointer", "entity_id", "file", "reason", "expires")


def _waiver(item: Any, source: str, index: int, where: str | None = None) -> Waiver:
    """One waiver from its entry; errors name ``where`` (the file, line and column)."""
    n = index + 1
    at = where or source
    if not isinstance(item, dict):
        raise ConfigError(key="waiver_not_mapping", file=at, n=n)
    unknown = sorted(str(k) for k in item if k not in _WAIVER_KEYS)
    if unknown:
        raise ConfigError(
            key="waiver_unknown_keys",
            file=at,
            n=n,
            keys=", ".join(unknown),
            known=", ".join(_WAIVER_KEYS),
        )
    code = item.get("code")
    reason = item.get("reason")
    expires = item.get("expires")
    if not isinstance(code, str) or not code.upper().startswith("SC"):
        raise ConfigError(key="waiver_bad_code", file=at, n=n)
    from smartstd.catalogue import get_rule

    try:
        get_rule(code.upper())
    except KeyError:  # a typo: it could never waive anything
        raise ConfigError(key="waiver_no_rule", file=at, n=n, code=code) from None
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(key="waiver_needs_reason", file=at, n=n)
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            raise ConfigError(key="waiver_bad_expires", file=at, n=n) from None
    if not isinstance(expires, dt.date):
        raise ConfigError(key="waiver_needs_expires", file=at, n=n)
    pointer, entity_id = item.get("pointer"), item.get("entity_id")
    if pointer is None and entity_id is None:
        raise ConfigError(key="waiver_needs_target", file=at, n=n)
    if pointer is not None and (
        not isinstance(pointer, str) or (pointer and not pointer.startswith("/"))
    ):
        raise ConfigError(key="waiver_bad_pointer", file=at, n=n)
    if entity_id is not None and (
        isinstance(entity_id, bool) or not isinstance(entity_id, (str, int))
    ):
        raise ConfigError(key="waiver_bad_entity_id", file=at, n=n)
    if item.get("file") is not None and not isinstance(item["file"], str):
        raise ConfigError(key="waiver_bad_file", file=at, n=n)
    return Waiver(
        code=code.upper(),
        reason=reason,
        expires=expires,
        pointer=pointer,
        entity_id=str(entity_id) if entity_id is not None else None,
        file=item.get("file"),
        source=source,
        index=index,
    )


def apply_waivers(
    findings: list[Finding], waivers: list[Waiver], today: dt.date | None = None
) -> tuple[list[Finding], list[Finding]]:
    """Split findings into kept and waived; add SC901/SC902 for expired and unused waivers."""
    if not waivers:
        return findings, []
    day = today or dt.date.today()
    kept: list[Finding] = []
    waived: list[Finding] = []
    used: set[int] = set()
    live = [(i, w) for i, w in enumerate(waivers) if w.expires >= day]
    ambiguous = _ambiguous(findings, live)
    active = _Index((i, w) for i, w in live if i not in ambiguous)
    for f in findings:
        hit = active.first_match(f)
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
            waived.append(f)
    for i, w in enumerate(waivers):
        params = {
            "waiver": w.index + 1,
            "code": w.code,
            "target": w.pointer if w.pointer is not None else f"id {w.entity_id}",
            "expires": w.expires.isoformat(),
            "reason": w.reason,
        }
        if w.expires < day:
            code, severity = "SC901", Severity.WARNING
        elif i in ambiguous:
            code, severity = "SC902", Severity.INFO
            params |= {"problem": "ambiguous", "records": ambiguous[i]}
        elif i not in used:
            code, severity = "SC902", Severity.INFO
        else:
            continue
        kept.append(
            Finding(code, severity, file=w.source, line=w.line, column=w.column, params=params)
        )
    return kept, waived


def _record(f: Finding) -> tuple[str | None, str | None, int | None]:
    """The record a finding is about: its file and entity (or line, for a record without id)."""
    return f.file, f.entity_id, f.line if f.entity_id is None else None


def _ambiguous(findings: list[Finding], live: list[tuple[int, Waiver]]) -> dict[int, int]:
    """The waivers that name a pointer but no entity and match findings of several records.

    In an NDJSON file every record's pointers start at the record
    (``/phone``), and a pointer without ``file`` may be in several files: such
    a waiver would hide every record's finding at that pointer, not one. It
    waives none of them; the value is the number of records it names.
    """
    by_key: dict[tuple[str, str], list[tuple[int, Waiver]]] = {}
    for i, w in live:
        if w.pointer is not None and w.entity_id is None:
            by_key.setdefault((w.code, w.pointer), []).append((i, w))
    if not by_key:
        return {}
    records: dict[int, set[tuple[str | None, str | None, int | None]]] = {}
    for f in findings:
        for i, w in by_key.get((f.code, f.pointer), ()):
            if w.matches(f):
                records.setdefault(i, set()).add(_record(f))
    return {i: len(found) for i, found in records.items() if len(found) > 1}
