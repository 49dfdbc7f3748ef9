"""The ``text`` format: findings grouped by file, then a summary, for people.

Each finding is one line that editors and problem matchers understand::

    data/people.ndjson:3:15: SC202 [error] message (/manager_id)

Findings without a file come last, under ``(dataset)``. Then, when there
are findings, a summary per rule (code, name, severity, count, title), so
that hundreds of near-identical lines read as one line each, and the
summary of the whole. The severity token
stays English in both languages so the lines can be matched by tools; the
messages and the summary are in the chosen language. Colour (through rich)
only when ``color=True``; the caller decides that from the terminal and
``NO_COLOR`` (without colour, rich is not even imported). Control and bidi
characters in the data are shown as escapes, so data can neither break a
line nor send codes to the terminal.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from smartstd.catalogue import normalize_lang
from smartstd.masking import mask_report
from smartstd.report import Finding, Report, Severity
from smartstd.reporters._i18n import status_lines, t
from smartstd.reporters._util import group_by_file, position, rule_name, rule_or_none, visible
from smartstd.reporters.base import Reporter, ReporterOptions

__all__ = ["REPORTER", "TextReporter"]

#: A line of output: pieces of text, each with a rich style ("" for none).
_Line = list[tuple[str, str]]

_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def _finding_line(f: Finding, lang: str) -> _Line:
    line: _Line = []
    if f.file:
        pos = position(f)
        line += [(visible(f.file) + (":" + pos if pos else "") + ":", "bold"), (" ", "")]
    line += [
        (visible(f.code), "bold"),
        (" ", ""),
        (f"[{f.severity.value}]", _SEVERITY_STYLE[f.severity]),
        (" " + visible(f.message(lang)), ""),
    ]
    if f.path:
        line.append((f" ({visible(f.pointer)})", "dim"))
    return line


def _lines(report: Report, lang: str) -> list[_Line]:
    lines: list[_Line] = []
    for file, findings in group_by_file(report.findings):
        header = visible(file) if file is not None else t("dataset", lang)
        lines.append([(header, "bold underline")])
        lines.extend(_finding_line(f, lang) for f in findings)
        lines.append([])
    if not report.findings:
        lines += [[(t("no_findings", lang), "")], []]
    else:
        lines += _per_rule(report, lang)
    colon = "：" if lang == "zh-CN" else ": "
    ok_style = "bold green" if report.is_conformant() else "bold red"
    # the version of the standard the data was judged against
    lines.append([(t("standard", lang) + colon, "bold"), (f"SCDS {report.standard_version}", "")])
    for i, (label, value) in enumerate(status_lines(report, lang)):
        lines.append([(label + colon, "bold"), (value, ok_style if i > 0 else "")])
    return lines


def _per_rule(report: Report, lang: str) -> list[_Line]:
    """``SC202 unresolved-reference  error  496  Unresolved reference``, most frequent first."""
    counts = Counter((f.code, f.severity) for f in report.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[0][1].rank, -kv[1], kv[0][0]))
    names = {code: rule_name(code) or "" for (code, _), _ in rows}
    width = max(len(visible(c)) + 1 + len(n) for c, n in names.items())
    count_width = max(len(str(n)) for _, n in rows)
    lines: list[_Line] = [[(t("per_rule", lang), "bold underline")]]
    for (code, severity), n in rows:
        rule = rule_or_none(code)
        title = rule.text("title", lang) if rule is not None else ""
        label = f"{visible(code)} {names[code]}".ljust(width)
        lines.append(
            [
                ("  " + label + "  ", ""),
                (f"{severity.value:<7}", _SEVERITY_STYLE[severity]),
                (f" {n:>{count_width}}  ", "bold"),
                (title, "dim"),
            ]
        )
    lines.append([])
    return lines


def _write_coloured(lines: list[_Line], out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    # Every choice rich would otherwise make from the environment (terminal,
    # NO_COLOR, FORCE_COLOR, TERM, COLUMNS) is made here, so the output
    # depends only on the arguments.
    console = Console(
        file=out,
        force_terminal=True,
        no_color=False,
        color_system="standard",
        width=100,
        soft_wrap=True,
        markup=False,
        emoji=False,
        highlight=False,
        force_jupyter=False,
        force_interactive=False,
    )
    for line in lines:
        console.print(Text.assemble(*line))


class TextReporter:
    """Human-readable text, grouped by file, optionally coloured."""

    name = "text"
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
        """Write ``report`` as text to ``out`` (see the module docstring)."""
        report = mask_report(report)  # the one masking every format shares
        lines = _lines(report, normalize_lang(lang))
        if color:
            _write_coloured(lines, out)
        else:
            out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))


#: The ``text`` reporter.
REPORTER: Reporter = TextReporter()
