"""The ``markdown`` format: a GitHub-flavoured Markdown summary, for people.

A heading, the level reached, a table of counts per rule (code, name,
severity, count), then the findings grouped by file, each group a table of
location, code and message. Headings and labels are in the chosen language.

Every string from the data is escaped (:func:`inline`): Markdown and HTML
punctuation gets a backslash, so a value can neither end a table cell nor
start a link, an HTML tag or a code span; line breaks become ``<br>`` and
control characters are shown as escapes, so a row stays one line.
"""

from __future__ import annotations

import re
from typing import TextIO

from smartstd.catalogue import normalize_lang
from smartstd.masking import mask_report
from smartstd.report import Finding, Report
from smartstd.reporters._i18n import severity_label, status_lines, t
from smartstd.reporters._util import group_by_file, position, rule_counts, rule_name, visible
from smartstd.reporters.base import Reporter, ReporterOptions

__all__ = ["REPORTER", "MarkdownReporter", "inline", "render_markdown"]

# Punctuation with a meaning somewhere in GitHub Markdown: emphasis, code,
# links and images, HTML and entities, tables, headings, strikethrough, math.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()|#~&!$])")


def inline(text: str) -> str:
    r"""``text`` escaped to be shown literally inside a table cell or a heading.

    >>> inline("a|b *c* `d`\n<e>")
    'a\\|b \\*c\\* \\`d\\`<br>\\<e\\>'
    """
    escaped = _SPECIAL.sub(r"\\\1", visible(text, keep_newlines=True))
    return escaped.replace("\n", "<br>")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _location(f: Finding) -> str:
    parts = [p for p in (position(f), f.pointer) if p]
    return inline(" ".join(parts)) if parts else ""


def render_markdown(report: Report, lang: str = "en", max_findings: int | None = None) -> str:
    """The Markdown summary of ``report`` (what the ``markdown`` reporter writes)."""
    lang = normalize_lang(lang)
    colon = "：" if lang == "zh-CN" else ": "
    lines = [f"# {t('title', lang)}", ""]
    for label, value in status_lines(report, lang):
        lines.append(f"- **{label}**{colon}{value}")
    lines.append(f"- **{t('standard', lang)}**{colon}{inline(report.standard_version)}")
    if report.profiles:
        profiles = ", ".join(inline(p) for p in report.profiles)
        lines.append(f"- **{t('profiles', lang)}**{colon}{profiles}")
    lines.append("")
    if not report.findings:
        lines += [t("no_findings", lang), ""]
        return "\n".join(lines)

    lines += [f"## {t('per_rule', lang)}", ""]
    header = [t(k, lang) for k in ("col_code", "col_rule", "col_severity", "col_count")]
    lines += [_row(header), _row(["---", "---", "---", "---:"])]
    per_rule = rule_counts(report)  # a limit's SC903 notices count under their rules
    for (code, severity), n in sorted(per_rule.items(), key=lambda kv: (kv[0][0], -kv[0][1].rank)):
        name = rule_name(code) or ""
        lines.append(_row([inline(code), inline(name), severity_label(severity, lang), str(n)]))
    lines.append("")

    lines += [f"## {t('by_file', lang)}", ""]
    shown = 0
    limit = max_findings if max_findings is not None else len(report.findings)
    for file, findings in group_by_file(report.findings):
        if shown >= limit:
            break
        heading = inline(file) if file is not None else inline(t("dataset", lang))
        lines += [f"### {heading}", ""]
        header = [t(k, lang) for k in ("col_location", "col_code", "col_severity", "col_message")]
        lines += [_row(header), _row(["---"] * 4)]
        for f in findings[: limit - shown]:
            label = severity_label(f.severity, lang)
            lines.append(_row([_location(f), inline(f.code), label, inline(f.message(lang))]))
        shown += min(len(findings), limit - shown)
        lines.append("")
    if shown < len(report.findings):
        lines += [f"_{t('not_shown', lang, n=len(report.findings) - shown)}_", ""]
    return "\n".join(lines)


class MarkdownReporter:
    """GitHub-flavoured Markdown: summary, counts per rule, findings per file."""

    name = "markdown"
    suffix = ".md"
    media_type = "text/markdown; charset=utf-8"

    def render(
        self,
        report: Report,
        *,
        lang: str = "en",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write ``report`` as Markdown to ``out`` (``color`` is ignored)."""
        report = mask_report(report)  # the one masking every format shares
        max_findings = options.max_findings if options is not None else None
        out.write(render_markdown(report, lang, max_findings))


#: The ``markdown`` reporter.
REPORTER: Reporter = MarkdownReporter()
