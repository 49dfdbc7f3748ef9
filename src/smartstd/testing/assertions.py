"""``assert_conformant``: fail a vendor's pytest test with the findings listed.

::

    from smartstd.testing import assert_conformant

    def test_our_export_conforms(tmp_path):
        path = our_system.export(tmp_path / "export.ndjson")
        assert_conformant(path, level="L2")

断言数据符合标准；不符合时列出全部检查结果（含文件、行、列、JSON 指针）。
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import Any

from smartstd.report import Level, Report

__all__ = ["ConformanceError", "assert_conformant"]


class ConformanceError(AssertionError):
    """Raised by :func:`assert_conformant`; ``report`` holds the whole report."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report


def assert_conformant(
    paths: str | PathLike[str] | Iterable[str | PathLike[str]],
    level: Level | str = Level.L2,
    *,
    lang: str = "en",
    max_listed: int = 50,
    **options: Any,
) -> Report:
    """Check ``paths`` and raise :class:`ConformanceError` unless they reach ``level``.

    Args:
        paths: files or folders forming one dataset.
        level: the level that must be reached (``"L1"``, ``"L2"``, ``"L3"``).
        lang: the language of the listed messages (``"en"`` or ``"zh-CN"``).
        max_listed: at most this many findings in the message (all are in ``err.report``).
        **options: further :class:`~smartstd.conformance.engine.CheckOptions` fields.

    Returns:
        The report, when the data conforms (warnings may be in it).
    """
    from smartstd.conformance.engine import check

    items = [paths] if isinstance(paths, (str, PathLike)) else list(paths)
    want = Level(level)
    report = check([str(p) for p in items], level=want, **options)
    if report.is_conformant(want):
        return report
    lines = [
        f"data does not conform at {want.value}: reached {report.level.value}; "
        f"{report.counts['error']} errors, {report.counts['warning']} warnings"
    ]
    for f in report.findings[:max_listed]:
        where = ":".join(str(x) for x in (f.file, f.line, f.column) if x is not None) or "(dataset)"
        lines.append(
            f"  {where}: {f.code} [{f.severity.value}] {f.message(lang)} ({f.pointer or '/'})"
        )
    if len(report.findings) > max_listed:
        lines.append(f"  ... and {len(report.findings) - max_listed} more")
    raise ConformanceError("\n".join(lines), report)
