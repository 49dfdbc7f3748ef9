r"""The ``github`` format: GitHub Actions workflow commands that annotate files.

One line per finding::

    ::error file=data/a.json,line=3,col=15,title=SC202 unresolved-reference::message (/x)

(``warning`` for warnings, ``notice`` for info), then one plain summary line.
Every data-derived value is escaped as the Actions toolkit does (message:
``%`` ``\r`` ``\n``; properties also ``:`` and ``,``), so no value can end
the command or start a new one; other control characters are shown as
escapes. With ``options.summary_path`` (``GITHUB_STEP_SUMMARY``), the
Markdown report is appended there as the job summary.
"""

from __future__ import annotations

import os
from typing import TextIO

from smartstd.catalogue import normalize_lang
from smartstd.masking import mask_report
from smartstd.report import Finding, Report, Severity
from smartstd.reporters._i18n import count_phrase, level_label, t
from smartstd.reporters._util import normalize_path, rule_name, visible
from smartstd.reporters.base import Reporter, ReporterOptions
from smartstd.reporters.markdown import render_markdown

__all__ = [
    "REPORTER",
    "SUMMARY_MAX_FINDINGS",
    "GitHubReporter",
    "escape_data",
    "escape_property",
]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

#: At most this many findings go into the job summary unless options say otherwise
#: (GitHub refuses a step summary over 1 MiB).
SUMMARY_MAX_FINDINGS = 1000


def escape_data(value: str) -> str:
    r"""Escape a workflow command's message (``%``, CR, LF).

    >>> escape_data("50%\n::add-mask::x")
    '50%25%0A::add-mask::x'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    r"""Escape a workflow command's property value (also ``:`` and ``,``).

    >>> escape_property("C:\\a,b.json")
    'C%3A\\a%2Cb.json'
    """
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(f: Finding, lang: str, root: str | os.PathLike[str] | None) -> str:
    props: list[str] = []
    if f.file:
        props.append("file=" + escape_property(visible(normalize_path(f.file, root)[0])))
        if f.line is not None:
            props.append(f"line={max(1, f.line)}")
            if f.column is not None:
                props.append(f"col={max(1, f.column)}")
    name = rule_name(f.code)
    title = f"{f.code} {name}" if name else f.code
    props.append("title=" + escape_property(visible(title)))
    message = f.message(lang)
    if f.path:
        message += f" ({f.pointer})"
    text = escape_data(visible(message, keep_newlines=True))
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{text}"


class GitHubReporter:
    """Annotations for GitHub Actions, and a Markdown job summary."""

    name = "github"
    suffix = ".txt"
    media_type = "text/plain; charset=utf-8"

    def render(
        self,
        report: Report,
        *,
        lang: str = "en",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write workflow commands to ``out`` and append the job summary (``color`` is ignored)."""
        report = mask_report(report)  # the one masking every format shares
        lang = normalize_lang(lang)
        options = options or ReporterOptions()
        for f in report.findings:
            out.write(_command(f, lang, options.source_root) + "\n")
        ok = t("yes" if report.is_conformant() else "no", lang)
        line = t(
            "tool_line",
            lang,
            version=report.standard_version,
            counts=count_phrase(report.counts, lang),
            level=level_label(report.level, lang),
            requested=level_label(report.requested_level, lang),
            ok=ok,
        )
        out.write(line + "\n")
        if options.summary_path is not None:
            limit = (
                options.max_findings if options.max_findings is not None else SUMMARY_MAX_FINDINGS
            )
            with open(options.summary_path, "a", encoding="utf-8") as summary:
                summary.write(render_markdown(report, lang, limit) + "\n")


#: The ``github`` reporter.
REPORTER: Reporter = GitHubReporter()
