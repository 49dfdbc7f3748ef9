"""What every reporter is: the :class:`Reporter` protocol and :class:`ReporterOptions`.

A reporter turns one :class:`~smartstd.report.Report` into one output format
and writes it to a text stream. It never decides whether the run failed (the
caller does, from :meth:`Report.failed`) and never raises on bad data: every
string that came from the data is escaped for its format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol, TextIO

from smartstd.errors import UsageError
from smartstd.report import Report, Severity

__all__ = ["Reporter", "ReporterOptions"]


@dataclass(frozen=True, slots=True)
class ReporterOptions:
    """Settings that some formats read; every reporter accepts all of them.

    Attributes:
        fail_on: the least severity that counts as a failure. JUnit turns
            findings at least this severe into ``<failure>`` elements and puts
            the others in ``<system-out>``.
        summary_path: where the ``github`` reporter appends a Markdown job
            summary (the value of ``GITHUB_STEP_SUMMARY``); ``None`` for none.
        source_root: the directory that relative artifact paths are relative
            to. Absolute input paths under it are made relative (SARIF,
            GitHub); SARIF also records it as ``%SRCROOT%``. ``None`` means the
            current directory and records nothing.
        max_findings: at most this many findings are listed in Markdown
            (``None`` for all) and on the HTML page (``None`` for its
            default, :data:`smartstd.reporters.html.PAGE_ROWS`); the counts
            always cover every finding.
        execution_successful: SARIF ``invocations[0].executionSuccessful``:
            whether the tool itself ran to completion (findings, even parse
            errors, do not make it unsuccessful).
    """

    fail_on: Severity = Severity.ERROR
    summary_path: str | os.PathLike[str] | None = None
    source_root: str | os.PathLike[str] | None = None
    max_findings: int | None = None
    execution_successful: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.fail_on, Severity):
            object.__setattr__(self, "fail_on", Severity(self.fail_on))
        if self.max_findings is not None and self.max_findings < 0:
            raise UsageError(key="max_findings_negative", value=self.max_findings)


class Reporter(Protocol):
    """One output format, chosen by name with :func:`smartstd.reporters.get_reporter`."""

    @property
    def name(self) -> str:
        """The registry name, e.g. ``"sarif"``."""
        ...

    @property
    def suffix(self) -> str:
        """The usual file-name suffix of the output, e.g. ``".sarif"``."""
        ...

    @property
    def media_type(self) -> str:
        """The output's media type, e.g. ``"application/sarif+json"``."""
        ...

    def render(
        self,
        report: Report,
        *,
        lang: str = "en",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write ``report`` to ``out``.

        Args:
            report: the report to render.
            lang: the language of messages and headings, ``"zh-CN"`` or
                ``"en"`` (any locale tag is normalised).
            color: whether to use colour; only the ``text`` format has any.
                The caller decides (a terminal, ``NO_COLOR``).
            out: the text stream to write to.
            options: format settings; ``None`` for the defaults.
        """
        ...
