"""Exceptions: only for misuse and unreadable input; bad data yields findings.

::

    SmartstdError (Exception)
    ├── UsageError (SmartstdError, ValueError)   bad arguments, unknown option values
    │   ├── UnknownNameError (UsageError, KeyError)    a name that is not known (a rule,
    │   │     a report format, a version of the models): catchable as a KeyError
    │   └── UnsupportedTypeError (UsageError, TypeError)   a value of a kind the
    │         call cannot take: catchable as a TypeError
    ├── InputError (SmartstdError, ValueError)   input that cannot become a dataset;
    │     carries the findings that say why (file, line, column, JSON Pointer)
    └── ConfigError (SmartstdError, ValueError)  a bad configuration, waiver or profile file

Usage, input and configuration errors are raised with a catalogue key and its
parameters (``UsageError(key="no_such_file", path=p)``), so the command line
can say them in Chinese (the default) or English (``--lang en``); a test fails
when a raise site has no key or its parameters differ from the message's.

This module imports only :mod:`smartstd._error_messages`, so that every
module of the package, down to :mod:`smartstd.pointer`, can raise its errors.

异常只用于误用和无法读取的输入；数据本身的问题以检查结果（Finding）报告。
用法错误和配置错误的文字按键取自中英文对照表，命令行默认以中文显示。
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from smartstd._error_messages import ERROR_MESSAGES, render

__all__ = [
    "ConfigError",
    "InputError",
    "SmartstdError",
    "UnknownNameError",
    "UnsupportedTypeError",
    "UsageError",
]


class _FindingLike(Protocol):
    """What an :class:`InputError` reads of its findings (:class:`smartstd.report.Finding`).

    A protocol rather than the class itself, so that this module stays at the
    bottom of the layers and imports nothing above it.
    """

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Any: ...
    @property
    def path(self) -> tuple[str | int, ...]: ...
    @property
    def file(self) -> str | None: ...
    @property
    def line(self) -> int | None: ...
    @property
    def column(self) -> int | None: ...
    @property
    def entity_type(self) -> str | None: ...
    @property
    def entity_id(self) -> str | None: ...
    @property
    def params(self) -> Mapping[str, Any]: ...
    @property
    def pointer(self) -> str: ...
    def message(self, lang: str = ...) -> str: ...


class SmartstdError(Exception):
    """Base of every exception the library raises on purpose.

    An error raised with a ``key`` says its message in either language: the
    text comes from the catalogue (:data:`smartstd._error_messages.ERROR_MESSAGES`,
    also part of the CLI's :data:`smartstd.cli.messages.MESSAGES`), filled in
    with ``params``; ``str(exc)`` is the English form and :meth:`message` gives
    either::

        raise ConfigError(key="waiver_needs_reason", file="waivers.yaml", n=1)

    Attributes:
        key: the key of the message in the catalogue; ``None`` when the error
            was raised with a literal text (then that text is all there is).
        params: the values the message is filled in with; a value that has a
            ``message(lang)`` method (a finding, another error) is said in the
            same language.
    """

    def __init__(
        self, message: str | None = None, *, key: str | None = None, **params: object
    ) -> None:
        if message is None:
            if key is None:
                raise TypeError(f"{type(self).__name__} needs a message or a key")
            message = render(key, "en", params)
        super().__init__(message)
        self.key = key
        self.params: dict[str, object] = params

    def message(self, lang: str = "en") -> str:
        """The error's message in ``lang`` (``"zh-CN"`` unless it starts with ``en``)."""
        if self.key is not None and self.key in ERROR_MESSAGES:
            return render(self.key, lang, self.params)
        return Exception.__str__(self)


class UsageError(SmartstdError, ValueError):
    """The library was called wrongly (a missing file, an unknown format)."""


class UnknownNameError(UsageError, KeyError):
    """A name the library does not know: a rule, a report format, a version of the models.

    Also a :class:`KeyError`, as these look-ups always were, so that
    ``except KeyError`` keeps working; unlike a plain ``KeyError`` its text
    is the message itself, not its ``repr``.
    """

    def __str__(self) -> str:
        return Exception.__str__(self)


class UnsupportedTypeError(UsageError, TypeError):
    """A value of a kind the call cannot take (a graph it did not build, a type it cannot draw).

    Also a :class:`TypeError`, as these errors always were.
    """


class ConfigError(SmartstdError, ValueError):
    """A configuration, waiver or profile file is invalid."""


class InputError(SmartstdError, ValueError):
    """Input that cannot be turned into a dataset.

    Attributes:
        findings: the findings that explain why, each with its location.
    """

    def __init__(
        self,
        message: str | None = None,
        findings: Sequence[_FindingLike] = (),
        *,
        key: str | None = None,
        **params: object,
    ) -> None:
        super().__init__(message, key=key, **params)
        self.findings: tuple[_FindingLike, ...] = tuple(findings)

    def message(self, lang: str = "en") -> str:
        """The message and the first 20 findings (file:line:column, code, pointer) in ``lang``."""
        base = super().message(lang)
        if not self.findings:
            return base
        english = lang.lower().startswith("en")
        lines = [base]
        for f in self.findings[:20]:
            where = ":".join(str(x) for x in (f.file, f.line, f.column) if x is not None)
            where = where or ("(dataset)" if english else "（数据集）")
            text = f.message("en" if english else "zh-CN")
            lines.append(f"  {where} {f.code} {f.pointer or '/'}: {text}")
        if len(self.findings) > 20:
            more = len(self.findings) - 20
            lines.append(f"  ... and {more} more" if english else f"  ……另有 {more} 个问题")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message("en")
