"""The assessment as a self-contained HTML page, ready to publish (公示).

Built with :func:`smartstd.webpage.page` (no network, inline SVG charts):
every indicator as a card, the pilot's targets met or missed, the three rates
(三率: response, on-time resolution, satisfaction) by category, channel and
grid, unmet needs by category, consultation participation, device uptime,
the pilot against the other communities and the trend over quarters. Chinese
by default, English on request.

评估报告的自包含 HTML 页面（可直接公示）：指标卡片、试点目标、三率分组图、未满足需求、
协商参与、设备在线率、对比与季度趋势。默认中文。
"""

from __future__ import annotations

from smartstd.assessment.model import Assessment, Breakdown, Result
from smartstd.assessment.wording import COMPARATORS, STATUSES, fmt_value, scope, target_sentence
from smartstd.webpage import BarItem, bar_chart, data_script, esc, line_chart, page, pick

__all__ = ["CHART_BARS", "to_html"]

#: The badge colour of a target's status: green met, red missed, grey no data.
_BADGE = {"met": "ok", "missed": "error"}
_THREE_RATES = ("request_response_rate", "on_time_resolution_rate", "satisfaction_rate")
_CSS = """
.card.missed{border-color:var(--error)}.card.met{border-color:var(--ok)}
.grid3{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(380px,100%),1fr));gap:8px 24px}
figure{margin:0 0 1rem}svg.chart{max-width:100%;height:auto}
figcaption{font-weight:600;margin:.25rem 0}
"""


def _fmt_for(unit: str) -> str:
    return {"ratio": "{:.1%}", "score": "{:.2f}", "count": "{:,.0f}"}.get(unit, "{:.1f}")


def _r(group: Breakdown, code: str) -> Result | None:
    return next((r for r in group.results if r.code == code and r.n), None)


#: The most bars a chart draws: a district's 5,000 grids made charts 130,000
#: pixels tall (a 9.5 MB page); the groups with the most records are drawn.
CHART_BARS = 30


def _most(items: list[tuple[int, BarItem]], lang: str) -> tuple[list[BarItem], str]:
    """At most :data:`CHART_BARS` of ``(n, bar)``, those of the largest n, in their order.

    Returns the bars and a note saying how many were left out ("" if none).
    """
    if len(items) <= CHART_BARS:
        return [bar for _, bar in items], ""
    ranked = sorted(range(len(items)), key=lambda i: -items[i][0])[:CHART_BARS]
    kept = [items[i][1] for i in sorted(ranked)]
    total = len(items)
    note = pick(
        lang,
        f"共 {total:,} 组，图中为记录最多的 {CHART_BARS} 组；"
        "各组数值见 --format\u00a0csv 或 json。",
        f"{total:,} groups; the {CHART_BARS} with the most records are drawn; "
        "every group's values are in --format\u00a0csv or json.",
    )
    return kept, note


def _bars(a: Assessment, groups: tuple[Breakdown, ...], code: str, lang: str) -> str:
    key = pick(lang, "zh-CN", "en")
    unit = a.indicator(code)["unit"]
    found = []
    for g in groups:
        r = _r(g, code)
        if r is not None and r.value is not None:
            found.append((r.n, BarItem(g.label[key], r.value, f"n={r.n}")))
    if not found:
        return ""
    items, note = _most(found, lang)
    target = next((t.target for t in a.targets if t.indicator == code), None)
    title = a.indicator(code)["title"][key]
    chart = bar_chart(
        items,
        title=title,
        maximum=1.0 if unit == "ratio" else None,
        fmt=_fmt_for(unit),
        target=target,
        width=440,
    )
    more = f'<p class="meta">{esc(note)}</p>' if note else ""
    return f"<figure><figcaption>{esc(title)}</figcaption>{chart}{more}</figure>"


def to_html(a: Assessment, lang: str = "zh-CN") -> str:
    """The assessment as one HTML document (zh-CN unless ``lang`` is English)."""
    key = pick(lang, "zh-CN", "en")
    en = key == "en"
    name = ""
    if a.pilot:
        name = (a.pilot.get("name") or {}).get(key) or a.pilot["id"]
    title = pick(lang, "试点评估报告", "Pilot assessment") + (f" · {name}" if name else "")
    body: list[str] = [f"<h1>{esc(title)}</h1>"]
    body.append(f'<p class="meta">{esc(scope(a, lang))}</p>')
    if a.generated_at:
        body.append(
            f'<p class="meta">{esc(pick(lang, "数据生成时间：", "Data generated at: "))}'
            f"{esc(a.generated_at)}</p>"
        )
    status = {t.indicator: t.status for t in a.targets}
    cards = []
    for r in a.results:
        ind = a.indicator(r.code)
        if ind["kind"] == "distribution":
            continue
        cls = status.get(r.code, "")
        target = next((t for t in a.targets if t.indicator == r.code), None)
        note = ""
        if target is not None:
            comp = COMPARATORS.get(target.comparator, (target.comparator, target.comparator))
            note = (
                f'<div class="k">{esc(pick(lang, "目标", "target"))} {esc(comp[0])} '
                f"{esc(fmt_value(target.target, ind['unit']))} · "
                f'<span class="badge {_BADGE.get(target.status, "")}">'
                f"{esc(STATUSES[target.status][1 if en else 0])}</span></div>"
            )
        cards.append(
            f'<div class="card {cls}" data-code="{esc(r.code)}">'
            f'<div class="k">{esc(ind["title"][key])}</div>'
            f'<div class="v">{esc(fmt_value(r.value, ind["unit"]))}</div>'
            f'<div class="k">n = {r.n}</div>{note}</div>'
        )
    body.append(f"<h2>{esc(pick(lang, '指标', 'Indicators'))}</h2>")
    body.append(f'<div class="cards">{"".join(cards)}</div>')
    body.append(_indicator_table(a, lang))
    if a.targets:
        body.append(f"<h2>{esc(pick(lang, '试点目标', 'Pilot targets'))}</h2><ul>")
        for i, t in enumerate(a.targets):
            badge = _BADGE.get(t.status, "")
            body.append(
                f'<li><span class="badge {badge}">{esc(STATUSES[t.status][1 if en else 0])}</span> '
                f"{esc(target_sentence(a, i, lang))}</li>"
            )
        body.append("</ul>")
    body.append(
        f"<h2>{esc(pick(lang, '诉求办理三率', 'The three rates of request handling'))}</h2>"
    )
    for dim, zh, en_name in (
        ("category", "按诉求类别", "By category"),
        ("channel", "按渠道", "By channel"),
        ("grid", "按网格", "By grid"),
    ):
        groups = a.breakdowns.get(dim, ())
        charts = [_bars(a, groups, code, lang) for code in _THREE_RATES]
        charts = [c for c in charts if c]
        if charts:
            body.append(f"<h3>{esc(pick(lang, zh, en_name))}</h3>")
            body.append(f'<div class="grid3">{"".join(charts)}</div>')
    counts = [
        _bars(a, a.breakdowns.get(d, ()), "request_count", lang) for d in ("category", "channel")
    ]
    if any(counts):
        body.append(f"<h3>{esc(pick(lang, '诉求件数', 'Requests'))}</h3>")
        body.append(f'<div class="grid3">{"".join(counts)}</div>')
    body.append(_needs(a, lang))
    body.append(f"<h2>{esc(pick(lang, '协商参与与设备在线', 'Consultation and devices'))}</h2>")
    parts = [
        _bars(a, a.breakdowns.get("community", ()), "consultation_turnout", lang),
        _bars(a, a.breakdowns.get("grid", ()), "device_availability", lang),
        _trend_chart(a, ("consultation_turnout",), lang),
    ]
    body.append(f'<div class="grid3">{"".join(p for p in parts if p)}</div>')
    body.append(_comparison(a, lang))
    if a.trend:
        body.append(f"<h2>{esc(pick(lang, '季度趋势', 'Trend by quarter'))}</h2>")
        body.append(
            f'<div class="grid3">{_trend_chart(a, (*_THREE_RATES, "on_time_response_rate"), lang)}'
            f"{_trend_chart(a, ('mean_satisfaction',), lang)}</div>"
        )
    made = pick(
        lang,
        "由 smartstd assess 生成；指标定义见 indicators.json。",
        "Made by smartstd assess; the indicators are defined in indicators.json.",
    )
    body.append(f'<p class="meta">{esc(made)}</p>')
    body.append(data_script("assessment-data", a.to_dict()))
    return page(title, "\n".join(body), lang="en" if en else "zh-CN", css=_CSS)


def _indicator_table(a: Assessment, lang: str) -> str:
    key = pick(lang, "zh-CN", "en")
    head = pick(
        lang, "指标|值|分子|分母|n|说明", "Indicator|Value|Numerator|Denominator|n|Definition"
    )
    rows = ["<table><thead><tr>"]
    rows += [f"<th>{esc(h)}</th>" for h in head.split("|")]
    rows.append("</tr></thead><tbody>")
    for r in a.results:
        ind = a.indicator(r.code)
        value = fmt_value(r.value, ind["unit"])
        if r.distribution:
            value = " · ".join(f"{k}: {v}" for k, v in r.distribution.items())
        rows.append(
            f'<tr data-code="{esc(r.code)}"><td>{esc(ind["title"][key])}</td>'
            f'<td class="num">{esc(value)}</td>'
            f'<td class="num">{"" if r.numerator is None else f"{r.numerator:g}"}</td>'
            f'<td class="num">{"" if r.denominator is None else f"{r.denominator:g}"}</td>'
            f'<td class="num">{r.n}</td><td>{esc(ind["description"][key])}</td></tr>'
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _needs(a: Assessment, lang: str) -> str:
    key = pick(lang, "zh-CN", "en")
    found = []
    for g in a.breakdowns.get("category", ()):
        r = _r(g, "need_coverage")
        if r is not None and r.denominator:
            unmet = (r.denominator or 0) - (r.numerator or 0)
            found.append((r.n, BarItem(g.label[key], unmet, f"{unmet:g} / {r.denominator:g}")))
    if not found:
        return ""
    items, note = _most(found, lang)
    title = pick(lang, "未满足需求（按服务类别）", "Unmet needs by service category")
    chart = bar_chart(items, title=title, fmt="{:,.0f}", color="#b3261e")
    more = f'<p class="meta">{esc(note)}</p>' if note else ""
    return f"<h2>{esc(title)}</h2><figure>{chart}{more}</figure>"


def _trend_chart(a: Assessment, codes: tuple[str, ...], lang: str) -> str:
    key = pick(lang, "zh-CN", "en")
    labels = [g.group for g in a.trend]
    series = []
    unit = ""
    for code in codes:
        vals = []
        for g in a.trend:
            r = _r(g, code)
            vals.append(r.value if r is not None else None)
        if any(v is not None for v in vals):
            series.append((a.indicator(code)["title"][key], vals))
            unit = a.indicator(code)["unit"]
    if not series or len(labels) < 1:
        return ""
    title = pick(lang, "季度趋势", "By quarter") + ": " + "、".join(s[0] for s in series)
    chart = line_chart(
        labels,
        series,
        title=title,
        minimum=0.0 if unit != "score" else 1.0,
        maximum=1.0 if unit == "ratio" else 5.0 if unit == "score" else None,
        fmt=_fmt_for(unit),
        width=560,
        target=(
            next((t.target for t in a.targets if t.indicator == codes[0]), None)
            if len(codes) == 1
            else None
        ),
    )
    return f"<figure><figcaption>{esc(title)}</figcaption>{chart}</figure>"


def _comparison(a: Assessment, lang: str) -> str:
    if a.pilot is None:
        return ""
    key = pick(lang, "zh-CN", "en")
    heading = pick(lang, "试点社区与其他社区对比", "Pilot communities against the others")
    out = [f"<h2>{esc(heading)}</h2>"]
    if not a.comparison:
        none = pick(
            lang,
            "数据中没有试点以外的社区，未作对比。",
            "No other community in the data to compare the pilot with.",
        )
        out.append(f"<p>{esc(none)}</p>")
        return "".join(out)
    head = pick(
        lang, "指标|试点|其他|差值|95% 区间|方法", "Indicator|Pilot|Others|Difference|95% CI|Method"
    )
    out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head.split("|")))
    out.append("</tr></thead><tbody>")
    for c in a.comparison:
        unit = a.indicator(c.code)["unit"]
        ci = (
            f"{fmt_value(c.ci[0], unit, signed=True)} .. {fmt_value(c.ci[1], unit, signed=True)}"
            if c.ci
            else ""
        )
        out.append(
            f"<tr><td>{esc(a.indicator(c.code)['title'][key])}</td>"
            f'<td class="num">{esc(fmt_value(c.pilot.value, unit))}</td>'
            f'<td class="num">{esc(fmt_value(c.others.value, unit))}</td>'
            f'<td class="num">{esc(fmt_value(c.difference, unit, signed=True))}</td>'
            f"<td>{esc(ci)}</td><td>{esc(c.method)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)
