"""Masking what findings repeat from the data, for every report.

:func:`mask_finding` passes every string a finding repeats (its parameters,
entity id and path) through :func:`smartstd.scanner.safe_text`: clipped to
:data:`smartstd.scanner.MAX_REPEAT` characters and with every personal
identifier the scanner finds masked. The engine calls it on every finding it
makes, and every reporter calls :func:`mask_report` first, so no format
repeats a raw identifier, even for a report built by hand.

报告脱敏：发现项复述的数据一律截断并对个人标识打码；引擎和每种报告格式都经过这里。
"""

from __future__ import annotations

import dataclasses

from smartstd.report import Finding, Report
from smartstd.scanner import needs_masking, safe_text, safe_value

__all__ = ["mask_finding", "mask_report"]


def mask_finding(finding: Finding) -> Finding:
    """``finding`` with what it repeats from the data masked and clipped.

    Every string parameter, the entity id and the string steps of the path
    are passed through :func:`safe_text`. A finding with nothing to mask is
    returned as it is (no copy). Every reporter calls this on every finding
    it shows; the engine calls it on every finding it makes.
    """
    params = finding.params
    changed_params = None
    for key, value in params.items():
        if needs_masking(value):
            safe = safe_value(value)
            if safe != value:
                if changed_params is None:
                    changed_params = dict(params)
                changed_params[key] = safe
    eid = finding.entity_id
    safe_eid = safe_text(eid) if eid is not None and needs_masking(eid) else eid
    path = finding.path
    safe_path = path
    if any(isinstance(p, str) and needs_masking(p) for p in path):
        safe_path = tuple(safe_text(p) if isinstance(p, str) else p for p in path)
    if changed_params is None and safe_eid == eid and safe_path == path:
        return finding
    return finding.replace(
        params=changed_params if changed_params is not None else params,
        entity_id=safe_eid,
        path=safe_path,
    )


def mask_report(report: Report) -> Report:
    """``report`` with every finding (waived ones too) passed through :func:`mask_finding`.

    Every reporter calls this first, so no format repeats a raw identifier or
    more than :data:`MAX_REPEAT` characters of a value, even for a report
    built by hand. The same report is returned when nothing needed masking.
    """
    findings = tuple(mask_finding(f) for f in report.findings)
    waived = tuple(mask_finding(f) for f in report.waived)
    same = all(a is b for a, b in zip(findings, report.findings, strict=True)) and all(
        a is b for a, b in zip(waived, report.waived, strict=True)
    )
    if same:
        return report
    return dataclasses.replace(report, findings=findings, waived=waived)
