"""Self-contained HTML pages: the shell every page for people is built in.

A page written here loads nothing from another host, ever: its styles and
scripts are inline, its charts are SVG drawn in Python, and a Content
Security Policy in the page itself forbids every network load (``default-src
'none'``), so a page that a later change tried to point at a CDN would show
the failure in the browser's console instead of quietly phoning out. Such a
page opens the same way on a government intranet, from an e-mail attachment
or from a USB stick.

The check report (``smartstd check --format html``), the duty lists
(``smartstd graph duties``) and the assessment report (``smartstd assess
--format html``) are all built with :func:`page`.

自包含的 HTML 页面外壳：样式与脚本内联，图表为 Python 绘制的 SVG，页面自带的内容安全
策略禁止任何网络请求，因此在政务内网、邮件附件或 U 盘中打开效果相同。
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from smartstd.identifiers import redact

__all__ = [
    "CSP",
    "BarItem",
    "bar_chart",
    "data_script",
    "esc",
    "fit",
    "line_chart",
    "page",
    "pick",
    "shown",
]

#: The Content Security Policy of every page: nothing from any host, inline
#: styles and scripts only, images only as ``data:`` URLs.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
)

_BASE_CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--accent:#0b57d0;
--error:#b3261e;--warning:#9a6700;--info:#0b57d0;--ok:#1a7f37}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;padding:24px;color:var(--fg);background:var(--bg);line-height:1.55;
font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
"Source Han Sans SC","WenQuanYi Micro Hei",system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1200px;margin:0 auto;overflow-wrap:anywhere}
.table-wrap{max-width:100%;overflow-x:auto;margin:.5rem 0 1rem}
.table-wrap>table{margin:0}
th{white-space:nowrap;overflow-wrap:normal}
svg.chart{max-width:100%;height:auto}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;
border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{font-size:1.05rem}
.meta{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.88em;
word-break:keep-all;overflow-wrap:anywhere}
.badge{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;
color:#fff;background:var(--muted)}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}
.badge.info{background:var(--info)}.badge.ok{background:var(--ok)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;min-width:140px}
.card .v{font-size:1.5rem;font-weight:600}.card .k{color:var(--muted);font-size:.85rem}
svg text{font-family:inherit}
@media (max-width:640px){body{padding:12px}.table-wrap>table{min-width:36rem}}
@media print{body{padding:0}.noprint{display:none}a{color:inherit;text-decoration:none}
h2{break-after:avoid}tr{break-inside:avoid}.table-wrap{overflow:visible}
.table-wrap>table{min-width:0}}
"""


# Characters that would make text display as something other than what it is:
# C0/C1 controls (not tab and line ends), the bidirectional controls
# ("Trojan Source": U+202E shows "evil" as "live"), invisible joiners and
# separators, lone surrogates and the non-characters U+FFFE/U+FFFF. On a page
# each is shown as its escape (``\u202e``), so what is read is what the data holds.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)


def _shown(match: re.Match[str]) -> str:
    cp = ord(match.group())
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def shown(value: object) -> str:
    r"""``value`` as text for people, before any markup escaping.

    Personal identifiers masked first, then controls, bidirectional overrides
    and invisible characters shown as escapes (``\u202e``). :func:`esc` is this,
    HTML-escaped; the Markdown duty lists escape it their own way.
    """
    return _HIDDEN.sub(_shown, redact(str(value)))


def esc(value: object) -> str:
    r"""``value`` as HTML text: ``&``, ``<``, ``>`` and both quotes escaped.

    Controls, bidirectional overrides and invisible characters are shown as
    escapes (``\u202e``), so a value can neither reorder nor hide what is
    around it on the page; personal identifiers (identity, mobile and card
    numbers, however written) are masked (:func:`smartstd.identifiers.redact`),
    so no page shows one, wherever in the data it was (an organisation's name).
    Masking comes first: a number with a zero-width space or a bidi control
    inside is still found and masked, not shown whole around an escape.
    """
    return escape(shown(value), quote=True)


# The width of each printable ASCII character (space to "~") in hundredths of
# an em: the wider of DejaVu Sans and Noto Sans CJK SC, measured in Chromium.
# fmt: off
_ASCII_WIDTHS = (
    32, 40, 47, 84, 64, 95, 78, 28, 39, 39, 50, 84, 32, 36, 32, 39, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63,
    58, 77, 75, 29, 53, 66, 56, 86, 75, 79, 63, 79, 69, 63, 61, 73, 68, 99, 69,
    61, 69, 39, 39, 39, 84, 56, 61, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58,
    28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
)
# fmt: on


def _em(ch: str) -> float:
    """About how wide ``ch`` is, in ems, erring wide: cut a little early, never clipped."""
    cp = ord(ch)
    if 0x20 <= cp < 0x7F:
        return _ASCII_WIDTHS[cp - 0x20] / 100
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in "WFA":  # Chinese, emoji, full-width forms, “…”
        return 1.0
    return 0.8


def fit(value: object, width: float, font_size: float = 13) -> str:
    """``value`` as :func:`esc` shows it, cut with ``…`` to fit ``width`` pixels.

    SVG text does not wrap: a chart's label longer than its room would run out
    of the chart and be clipped, so only its end showed (a grid's long name
    read as its last characters, two grids alike). The start is kept; the
    whole value stays in the bar's ``<title>``.
    """
    text = shown(value)
    room = width / font_size - 1.0  # ems, keeping one for the ellipsis
    used = 0.0
    for i, ch in enumerate(text):
        used += _em(ch)
        if used > room:
            return escape(text[:i].rstrip() + "…", quote=True)
    return escape(text, quote=True)


def _wrap_tables(body: str) -> str:
    """Each ``<table>`` in a box that scrolls sideways on its own (narrow screens).

    Safe as text: every value from the data is escaped, so ``<table`` can only
    be the page's own markup.
    """
    return body.replace("<table", '<div class="table-wrap"><table').replace(
        "</table>", "</table></div>"
    )


def pick(lang: str, zh: str, en: str) -> str:
    """The Chinese text unless ``lang`` asks for English (Chinese first)."""
    return en if lang.lower().startswith("en") else zh


def _masked(data: Any) -> Any:
    """``data`` with every string (keys too) through :func:`smartstd.identifiers.redact`."""
    if isinstance(data, str):
        return redact(data)
    if isinstance(data, dict):
        return {_masked(k): _masked(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_masked(v) for v in data]
    return data


def data_script(element_id: str, data: Any) -> str:
    """A ``<script type="application/json">`` holding ``data`` safely.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no value (a finding's
    text, a name) can close the element or open another one; so are the
    characters :func:`esc` shows as escapes (U+2028 and U+2029 among them).
    Personal identifiers in its strings are masked, as on the page.
    """
    text = json.dumps(_masked(data), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # controls, bidi overrides, invisible characters and lone surrogates as JSON
    # escapes: the same value once parsed, nothing hidden (or unencodable) in the file
    text = _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


def page(
    title: str,
    body: str,
    *,
    lang: str = "zh-CN",
    css: str = "",
    script: str = "",
    head: str = "",
) -> str:
    """A whole HTML document: the shell, ``body`` (already HTML) and inline extras.

    Args:
        title: the page title (plain text; escaped here).
        body: the page's content as HTML.
        lang: the page's language tag (``zh-CN`` by default, ``en`` on request).
        css: more CSS, inlined after the base styles.
        script: JavaScript, inlined at the end of the body.
        head: more elements for ``<head>`` (already HTML).
    """
    html_lang = "en" if lang.lower().startswith("en") else "zh-CN"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="smartstd">',
        f"<title>{esc(title)}</title>",
        f"<style>{_BASE_CSS}{css}</style>",
        head,
        "</head>",
        "<body><main>",
        _wrap_tables(body),
        "</main>",
        f"<script>{script}</script>" if script else "",
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


class BarItem:
    """One bar of :func:`bar_chart`: a label, a value and an optional note."""

    __slots__ = ("label", "note", "value")

    def __init__(self, label: str, value: float, note: str = "") -> None:
        self.label = label
        self.value = value
        self.note = note


def bar_chart(
    items: Sequence[BarItem] | Iterable[BarItem],
    *,
    title: str = "",
    maximum: float | None = None,
    fmt: str = "{:.1%}",
    width: int = 640,
    bar_height: int = 22,
    color: str = "#0b57d0",
    target: float | None = None,
) -> str:
    """A horizontal bar chart as inline SVG (no script, prints as drawn).

    Args:
        items: the bars, top to bottom.
        title: an accessible title (``<title>`` of the SVG).
        maximum: the value of a full bar (the largest value if not given).
        fmt: how a value is written beside its bar (``str.format``).
        width: the SVG's width in pixels.
        bar_height: the height of one bar.
        color: the bars' colour.
        target: draws a dashed line at this value (a pilot's target).
    """
    bars = list(items)
    label_w = min(180, int(width * 0.4))
    value_w = 90
    plot_w = max(width - label_w - value_w, 60)
    top = 8
    height = top * 2 + bar_height * len(bars) + (4 * max(len(bars) - 1, 0))
    values = [b.value for b in bars if b.value == b.value]  # drop NaN
    peak = maximum if maximum is not None else max([*values, target or 0.0, 0.0])
    peak = peak if peak > 0 else 1.0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f"<title>{esc(title)}</title>" if title else "",
    ]
    for i, bar in enumerate(bars):
        y = top + i * (bar_height + 4)
        value = bar.value if bar.value == bar.value else 0.0
        w = max(0.0, min(value / peak, 1.0)) * plot_w
        text = fmt.format(bar.value) if bar.value == bar.value else "—"
        out.append(
            f'<text x="{label_w - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
            f'font-size="13">{fit(bar.label, label_w - 8)}</text>'
        )
        out.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" '
            f'fill="{esc(color)}" rx="2"><title>{esc(bar.label)}: {esc(text)}'
            f"{' · ' + esc(bar.note) if bar.note else ''}</title></rect>"
        )
        out.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_height * 0.7:.1f}" '
            f'font-size="13" class="value">{esc(text)}</text>'
        )
    if target is not None:
        x = label_w + max(0.0, min(target / peak, 1.0)) * plot_w
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="2" y2="{height - 2}" stroke="#b3261e" '
            f'stroke-dasharray="4 3" stroke-width="1.5"><title>{esc(fmt.format(target))}'
            "</title></line>"
        )
    out.append("</svg>")
    return "".join(p for p in out if p)


#: The colours of the series of :func:`line_chart`, in order.
SERIES_COLORS = ("#0b57d0", "#b3261e", "#1a7f37", "#9a6700", "#8250df", "#0e7c86")


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str = "",
    minimum: float = 0.0,
    maximum: float | None = None,
    fmt: str = "{:.1%}",
    width: int = 640,
    height: int = 240,
    target: float | None = None,
) -> str:
    """A line chart as inline SVG: one line per series over the same labels (quarters).

    A missing value (``None``) breaks its line; every point carries a
    ``<title>`` with its value, and the last point of each line is labelled.

    Args:
        labels: the x axis, left to right.
        series: ``(name, values)``, each with one value per label.
        title: an accessible title (``<title>`` of the SVG).
        minimum: the value at the bottom of the plot.
        maximum: the value at the top (the largest value if not given).
        fmt: how a value is written (``str.format``).
        width: the SVG's width in pixels.
        height: the SVG's height in pixels.
        target: draws a dashed line at this value (a pilot's target).
    """
    left, right, top, bottom = 56, 210, 12, 28
    plot_w = max(width - left - right, 60)
    plot_h = max(height - top - bottom, 40)
    values = [v for _, vs in series for v in vs if v is not None and v == v]
    peak = maximum if maximum is not None else max([*values, target or 0.0, minimum])
    if peak <= minimum:
        peak = minimum + 1.0
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h * (1 - (min(max(v, minimum), peak) - minimum) / (peak - minimum))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" class="chart line">',
        f"<title>{esc(title)}</title>" if title else "",
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="#d1d9e0"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">'
        f"{esc(fmt.format(peak))}</text>",
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11">'
        f"{esc(fmt.format(minimum))}</text>",
    ]
    for i, label in enumerate(labels):
        out.append(
            f'<text x="{x(i):.1f}" y="{height - 8}" text-anchor="middle" font-size="12">'
            f"{esc(label)}</text>"
        )
    if target is not None:
        ty = y(target)
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{ty:.1f}" y2="{ty:.1f}" '
            'stroke="#b3261e" stroke-dasharray="4 3" stroke-width="1.5">'
            f"<title>{esc(fmt.format(target))}</title></line>"
        )
    for k, (name, vs) in enumerate(series):
        color = SERIES_COLORS[k % len(SERIES_COLORS)]
        run: list[str] = []
        runs: list[list[str]] = []
        for i, v in enumerate(vs):
            if v is None or v != v:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{x(i):.1f},{y(v):.1f}")
        if run:
            runs.append(run)
        for r in runs:
            out.append(
                f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(r)}"/>'
            )
        last = None
        for i, v in enumerate(vs):
            if v is None or v != v:
                continue
            last = (i, v)
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{color}">'
                f"<title>{esc(name)} {esc(labels[i])}: {esc(fmt.format(v))}</title></circle>"
            )
        if last is not None:  # the legend: one line per series, with its last value
            out.append(
                f'<text x="{left + plot_w + 8}" y="{top + 12 + 16 * k}" font-size="12" '
                f'fill="{color}" class="value">{fit(name, right - 50, 12)} '
                f"{esc(fmt.format(last[1]))}</text>"
            )
    out.append("</svg>")
    return "".join(p for p in out if p)
