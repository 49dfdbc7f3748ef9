"""Exceptions: only for misuse and unreadable input; bad data yields findings.

::

    SmartstdError (Exception)
    ├── UsageError (SmartstdError, ValueError)   bad arguments, unknown option values
    ├── InputError (SmartstdError, ValueError)   input that cannot become a dataset;
    │     carries the findings that say why (file, line, column, JSON Pointer)
    └── ConfigError (SmartstdError, ValueError)     a bad configuration, waiver or profile file

异常只用于误用和无法读取的输入；数据本身的问题以检查结果（Finding）报告。
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartstd.report import Finding

__all__ = ["ConfigError", "InputError", "SmartstdError", "UsageError"]


class SmartstdError(Exception):
    """Base of every exception the library raises on purpose."""


class UsageError(SmartstdError, ValueError):
    """The library was called wrongly (a missing file, an unknown format).

    Attributes:
        key: the key of the message in the CLI's catalogue
            (:mod:`smartstd.cli.messages`), so the command line can say it in
            Chinese; ``None`` when the English text is all there is.
        params: the values the message is filled in with.
    """

    def __init__(self, message: str, *, key: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.key = key
        self.params: dict[str, object] = params


class ConfigError(SmartstdError, ValueError):
    """A configuration, waiver or profile file is invalid."""


class InputError(SmartstdError, ValueError):
    """Input that cannot be turned into a dataset.

    Attributes:
        findings: the findings that explain why, each with its location.
    """

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings: tuple[Finding, ...] = tuple(findings)

    def __str__(self) -> str:
        base = super().__str__()
        if not self.findings:
            return base
        lines = [base]
        for f in self.findings[:20]:
            where = ":".join(str(x) for x in (f.file, f.line, f.column) if x is not None)
            lines.append(f"  {where or '(dataset)'} {f.code} {f.pointer or '/'}: {f.message('en')}")
        if len(self.findings) > 20:
            lines.append(f"  ... and {len(self.findings) - 20} more")
        return "\n".join(lines)
