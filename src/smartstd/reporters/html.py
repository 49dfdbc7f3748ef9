"""The ``html`` format: one self-contained page for people, to read and forward.

Built with the shared shell (:func:`smartstd.webpage.page`): styles, script
and charts inline, a Content Security Policy that forbids every network
load, so the file opens the same from an e-mail, an intranet or a USB stick.
Chinese unless ``lang`` asks for English. The page has:

- the result (level reached, conformant, counts per severity);
- a summary per rule (code, title, severity, count, what the rule means);
- the findings per file;
- the rectification list (整改清单): findings grouped by the organisation
  responsible for each record (:mod:`smartstd.responsibility`), each group
  a self-contained section a street office can print or send to that
  organisation;
- every finding (position, JSON Pointer, record, masked value, message), with
  filters by severity, rule, file and organisation and a search box, all done
  in the page by a small inline script (no network, no library). At most
  :data:`PAGE_ROWS` findings are listed (``max_findings`` of
  :class:`~smartstd.reporters.base.ReporterOptions`, ``--max-findings``, for
  more), so a run with tens of thousands of findings still opens in seconds;
  the page says how many it left out and the command that lists them all.
  Without JavaScript the page reads the same, only the filters are hidden.

Values from the data are masked (:func:`smartstd.identifiers.redact`: identity
and mobile numbers) and every string is HTML-escaped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, TextIO

from smartstd.catalogue import normalize_lang
from smartstd.identifiers import redact
from smartstd.masking import mask_report
from smartstd.report import LEFT_OUT, Finding, Report, Severity
from smartstd.reporters._i18n import level_label, severity_label, status_lines
from smartstd.reporters._util import (
    group_by_file,
    jsonable,
    position,
    rule_counts,
    rule_counts_listed,
    rule_or_none,
    visible,
)
from smartstd.reporters.base import Reporter, ReporterOptions
from smartstd.responsibility import Responsible, ResponsibleIndex, responsible_index
from smartstd.webpage import BarItem, bar_chart, esc, page, pick

__all__ = ["ORG_SECTIONS", "PAGE_ROWS", "REPORTER", "HtmlReporter", "render_html"]

#: How many findings the page lists unless told otherwise: a page of 20,000
#: rows weighs 13 MB and takes half a minute to open; one of 1,000, under 1 MB.
PAGE_ROWS = 1000

#: How many characters of an id, a file name, a pointer or an organisation's
#: name a cell of the findings list shows (the rest is the cell's tooltip).
_LONG = 120

#: How many input paths the page names (the summary, the commands): 5,000 files
#: named three times made a page of 1.4 MB.
_INPUTS = 10

#: How many organisations get a section of the rectification list unless told
#: otherwise (``max_findings``, when larger): 20,000 findings, each for another
#: organisation, made 20,000 sections (13 MB); the rest are counted in one line.
ORG_SECTIONS = 200

_CSS = """
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:.5rem 0;
position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid var(--line)}
.filters input[type=search]{flex:1;min-width:220px;padding:.35rem .5rem;font-size:.95rem}
.filters select{padding:.3rem;font-size:.9rem;max-width:260px}
.filters label{font-size:.9rem;white-space:nowrap}
#shown{color:var(--muted);font-size:.9rem}
td.msg{min-width:280px}td.val code{color:#6e4b00}
.org{border:1px solid var(--line);border-radius:8px;padding:.25rem 1rem;margin:1rem 0;
break-inside:avoid-page}
.org h3{margin:.5rem 0 .25rem}.basis{color:var(--muted);font-size:.85rem}
details summary{cursor:pointer}
.ok{color:var(--ok)}.bad{color:var(--error)}
td.code a{color:inherit}
#findings td.code,.org td:first-child{white-space:nowrap}#findings td.pos{min-width:9rem}
.left-out{border-left:4px solid var(--warning);background:#fff8e5;padding:.5rem .75rem}
#findings td:nth-child(4),#findings td:nth-child(5){min-width:7rem}
@media (max-width:640px){.table-wrap>table#findings{min-width:48rem}
.filters{position:static}}
@media print{.filters{display:none}.org{break-before:page}}
"""

# The filters: rows carry data-* attributes; nothing is fetched, nothing rebuilt.
_SCRIPT = r"""
(function(){
var q=document.getElementById('q'),sev=document.getElementById('f-sev'),
rule=document.getElementById('f-rule'),file=document.getElementById('f-file'),
org=document.getElementById('f-org'),shown=document.getElementById('shown');
var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
var texts=rows.map(function(r){return r.textContent.toLowerCase();});
var tpl=shown.getAttribute('data-template');
document.getElementById('filters').hidden=false;
// the first option is "all"; a later one may have the value "" too (the dataset, nobody)
function on(s,v){return s.selectedIndex<1||v===s.value;}
function choose(s,v){for(var i=1;i<s.options.length;i++){if(s.options[i].value===v){
 s.selectedIndex=i;return;}}s.selectedIndex=0;}
function apply(){
 var text=q.value.trim().toLowerCase(),n=0;
 rows.forEach(function(r,i){
  var ok=on(sev,r.dataset.sev)&&on(rule,r.dataset.rule)&&on(file,r.dataset.file)&&
   on(org,r.dataset.org)&&(!text||texts[i].indexOf(text)>=0);
  r.hidden=!ok;if(ok)n++;
 });
 shown.textContent=tpl.replace('{n}',n).replace('{total}',rows.length);
}
[q,sev,rule,file,org].forEach(function(el){el.addEventListener('input',apply);
 el.addEventListener('change',apply);});
document.querySelectorAll('[data-filter-org]').forEach(function(a){
 a.addEventListener('click',function(){choose(org,a.getAttribute('data-filter-org'));apply();});});
document.querySelectorAll('[data-filter-rule]').forEach(function(a){
 a.addEventListener('click',function(){choose(rule,a.getAttribute('data-filter-rule'));apply();});});
apply();
})();
"""

_BASIS = {
    "record": ("记录中的负责方字段 {via}", "the record's field {via}"),
    "charter": ("章程中“{via}”领域的职责分工", "the charter's assignment for domain {via}"),
    "publisher": ("数据集发布方", "the dataset's publisher"),
    "unassigned": ("无法从数据确定", "not found in the data"),
}


def _t(lang: str, zh: str, en: str) -> str:
    return pick(lang, zh, en)


def _text(value: str) -> str:
    """``value`` from the data as one line to show: masked first, then made visible.

    Masking comes first, so a number with a zero-width space or a bidi control
    inside is still found (the escapes :func:`visible` writes would hide it).
    """
    return visible(redact(value))


def _cut(text: str, limit: int) -> str:
    """``text`` (already masked and made visible) as a cell shows it, ``…`` past ``limit``.

    A cell of the findings list holding a 10,000-character id, file name or an
    organisation's name made each of its rows thousands of pixels tall; the
    whole text is the cell's ``title`` (and the organisation's heading above).
    """
    if len(text) <= limit:
        return f"{esc(text)}"
    return f'<span title="{esc(text)}">{esc(text[: limit - 1])}…</span>'


def _value(f: Finding) -> str:
    """The finding's value from the data, masked, or ``""``."""
    if "value" not in f.params:
        return ""
    value = jsonable(f.params["value"])
    text = value if isinstance(value, str) else _json(value)
    if len(text) > 120:
        text = text[:117] + "..."
    return _text(text)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _sev_badge(severity: Severity, lang: str) -> str:
    return f'<span class="badge {severity.value}">{esc(severity_label(severity, lang))}</span>'


def _rule_title(code: str, lang: str) -> str:
    rule = rule_or_none(code)
    return rule.text("title", lang) if rule is not None else ""


def _summary(report: Report, lang: str) -> list[str]:
    counts = report.counts
    ok = report.is_conformant()
    cards = [
        (level_label(report.level, lang), _t(lang, "达到的级别", "Level reached")),
        (
            f'<span class="{"ok" if ok else "bad"}">'
            f"{esc(_t(lang, '符合', 'Conformant') if ok else _t(lang, '不符合', 'Not conformant'))}"
            "</span>",
            _t(lang, "结论", "Result"),
        ),
        (str(counts["error"]), severity_label(Severity.ERROR, lang)),
        (str(counts["warning"]), severity_label(Severity.WARNING, lang)),
        (str(counts["info"]), severity_label(Severity.INFO, lang)),
    ]
    out = ['<div class="cards">']
    for i, (value, key) in enumerate(cards):
        shown = value if i == 1 else esc(value)
        out.append(
            f'<div class="card"><div class="v">{shown}</div><div class="k">{esc(key)}</div></div>'
        )
    out.append("</div>")
    colon = ": " if lang == "en" else "："
    out.append('<p class="meta">')
    lines = [f"{esc(label)}{colon}{esc(value)}" for label, value in status_lines(report, lang)]
    lines.append(
        f"{esc(_t(lang, '标准版本', 'Standard version'))}{colon}{esc(report.standard_version)}"
    )
    if report.inputs:
        files = "、" if lang != "en" else ", "
        inputs = files.join(f"<code>{esc(_text(i))}</code>" for i in report.inputs[:_INPUTS])
        if len(report.inputs) > _INPUTS:
            n = len(report.inputs)
            inputs += esc(_t(lang, f" 等，共 {n:,} 个", f" and {n - _INPUTS:,} more"))
        lines.append(f"{esc(_t(lang, '输入', 'Inputs'))}{colon}{inputs}")
    if report.profiles:
        profiles = ", ".join(esc(p) for p in report.profiles)
        lines.append(f"{esc(_t(lang, '地方配置', 'Profiles'))}{colon}{profiles}")
    out.append("<br>".join(lines) + "</p>")
    return out


def _per_rule(report: Report, lang: str) -> list[str]:
    per_rule = rule_counts(report)
    rows = sorted(per_rule.items(), key=lambda kv: (-kv[0][1].rank, -kv[1], kv[0][0]))
    out = [f'<h2 id="rules">{esc(_t(lang, "按严重程度和规则汇总", "By severity and rule"))}</h2>']
    if len(rows) > 1:
        bars = [BarItem(f"{code} {_rule_title(code, lang)}"[:28], n) for (code, _), n in rows[:12]]
        out.append(
            bar_chart(bars, title=_t(lang, "各规则问题数", "Findings per rule"), fmt="{:.0f}")
        )
    head = [
        _t(lang, "代码", "Code"),
        _t(lang, "规则", "Rule"),
        _t(lang, "严重程度", "Severity"),
        _t(lang, "数量", "Count"),
        _t(lang, "含义与修正方法", "What it means and how to fix it"),
    ]
    out.append(
        "<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"
    )
    for (code, severity), n in rows:
        rule = rule_or_none(code)
        explanation = rule.text("explanation", lang) if rule is not None else ""
        out.append(
            f'<tr id="rule-{esc(code)}"><td class="code"><a href="#all-findings" '
            f'data-filter-rule="{esc(code)}"><code>{esc(code)}</code></a></td>'
            f"<td>{esc(_rule_title(code, lang))}</td><td>{_sev_badge(severity, lang)}</td>"
            f'<td class="num">{n}</td><td><details><summary>{esc(_t(lang, "展开", "Show"))}'
            f"</summary>{esc(explanation)}</details></td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _by_file(report: Report, lang: str, rows: int = ORG_SECTIONS) -> list[str]:
    out = [f'<h2 id="files">{esc(_t(lang, "按文件", "By file"))}</h2>']
    head = [_t(lang, "文件", "File")] + [severity_label(s, lang) for s in Severity]
    out.append(
        "<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"
    )
    listed = [f for f in report.findings if f.code != LEFT_OUT]
    files = group_by_file(listed)
    for file, findings in files[:rows]:
        c = Counter(f.severity for f in findings)
        name = _text(file) if file is not None else _t(lang, "（数据集）", "(dataset)")
        cells = "".join(f'<td class="num">{c.get(s, 0)}</td>' for s in Severity)
        out.append(f"<tr><td><code>{esc(name)}</code></td>{cells}</tr>")
    if len(files) > rows:  # a folder of 20,000 files: one row for the rest
        c = Counter(f.severity for _, fs in files[rows:] for f in fs)
        cells = "".join(f'<td class="num">{c.get(s, 0)}</td>' for s in Severity)
        n = len(files) - rows
        label = _t(lang, f"其余 {n:,} 个文件", f"{n:,} more files")
        out.append(f"<tr><td>{esc(label)}</td>{cells}</tr>")
    left_out: Counter[Severity] = Counter()
    for (_, severity), n in (rule_counts(report) - rule_counts_listed(report)).items():
        left_out[severity] += n
    if left_out:  # what a limit left out: counted, its files not known
        cells = "".join(f'<td class="num">{left_out.get(s, 0)}</td>' for s in Severity)
        label = _t(lang, "超出上限未列出（文件未知）", "over a limit, not listed (file not known)")
        out.append(f"<tr><td>{esc(label)}</td>{cells}</tr>")
    out.append("</tbody></table>")
    return out


def _basis(r: Responsible, lang: str) -> str:
    zh, en = _BASIS[r.basis]
    return pick(lang, zh, en).format(via=r.via)


def _org_key(r: Responsible) -> str:
    return r.org_id or ""


def _by_org(
    report: Report, lang: str, owners: list[Responsible], sections: int = ORG_SECTIONS
) -> list[str]:
    groups: dict[str, list[tuple[Finding, Responsible]]] = defaultdict(list)
    for f, r in zip(report.findings, owners, strict=True):
        if f.code != LEFT_OUT:  # a notice of what a limit left out is nobody's to rectify
            groups[_org_key(r)].append((f, r))
    order = sorted(groups, key=lambda k: (k == "", -len(groups[k]), k))
    out = [
        '<h2 id="orgs">'
        + esc(
            _t(lang, "整改清单（按责任单位）", "Rectification list (by responsible organisation)")
        )
        + "</h2>",
        '<p class="meta">'
        + esc(
            _t(
                lang,
                "责任单位依次取自：记录自身的负责方字段（如运维方、承办方、提供方）；章程中该记录所属责任领域的职责分工；"
                "数据集的发布方。每个单位一节，可单独打印或转发。",
                "The responsible organisation is, in this order: the record's own handler field "
                "(operator, assignee, provider); the charter's assignment for the record's "
                "domain; the dataset's publisher. One section per organisation, to print or "
                "forward on its own.",
            )
        )
        + "</p>",
    ]
    if not order:
        out.append(f"<p>{esc(_t(lang, '没有需要整改的问题。', 'Nothing to rectify.'))}</p>")
        return out
    head = [
        _t(lang, "代码", "Code"),
        _t(lang, "规则", "Rule"),
        _t(lang, "严重程度", "Severity"),
        _t(lang, "数量", "Count"),
        _t(lang, "涉及记录（示例）", "Records (examples)"),
    ]
    for key in order[:sections]:
        items = groups[key]
        r = items[0][1]
        c = Counter(f.severity for f, _ in items)
        counts = "，".join(f"{severity_label(s, lang)} {c.get(s, 0)}" for s in Severity)
        if lang == "en":
            counts = counts.replace("，", ", ")
        ident = f" <code>{esc(r.org_id)}</code>" if r.org_id and r.name(lang) != r.org_id else ""
        bases = sorted({_basis(x, lang) for _, x in items})
        colon, sep = (": ", "; ") if lang == "en" else ("：", "；")
        out.append(f'<section class="org" data-org="{esc(key)}">')
        out.append(f"<h3>{esc(r.name(lang))}{ident}</h3>")
        out.append(
            f'<p class="basis">{esc(_t(lang, "依据", "Basis"))}{colon}'
            f"{esc(sep.join(bases))} · {esc(counts)} · "
            f'<a href="#all-findings" data-filter-org="{esc(key)}">'
            f"{esc(_t(lang, '查看全部问题', 'show all its findings'))}</a></p>"
        )
        per_rule: dict[tuple[str, Severity], list[Finding]] = defaultdict(list)
        for f, _ in items:
            per_rule[(f.code, f.severity)].append(f)
        out.append(
            "<table><thead><tr>"
            + "".join(f"<th>{esc(h)}</th>" for h in head)
            + "</tr></thead><tbody>"
        )
        for (code, severity), fs in sorted(
            per_rule.items(), key=lambda kv: (-kv[0][1].rank, kv[0][0])
        ):
            ids = sorted({_text(f.entity_id) for f in fs if f.entity_id})
            shown = "、".join(_cut(i, _LONG) for i in ids[:5])
            shown += esc(f" … (+{len(ids) - 5})") if len(ids) > 5 else ""
            out.append(
                f"<tr><td><code>{esc(code)}</code></td><td>{esc(_rule_title(code, lang))}</td>"
                f'<td>{_sev_badge(severity, lang)}</td><td class="num">{len(fs)}</td>'
                f"<td>{shown}</td></tr>"
            )
        out.append("</tbody></table></section>")
    if len(order) > sections:
        out.append(_orgs_left_out(report, lang, [groups[k] for k in order[sections:]]))
    return out


def _orgs_left_out(report: Report, lang: str, rest: list[list[Any]]) -> str:
    """The organisations the list has no section for: how many, and how to list them all."""
    findings = sum(len(items) for items in rest)
    total = sum(report.counts.values())
    inputs = _command_inputs(report)
    command = f"smartstd check {inputs} --max-findings {total} --format html -o all.html"
    text = _t(
        lang,
        f"另有 {len(rest):,} 个责任单位（共 {findings:,} 条问题）未在此单独列出，"
        "可在下方全部问题中按责任单位筛选。生成为每个单位列出一节的页面（文件较大）：",
        f"{len(rest):,} more organisations ({findings:,} findings) have no section here; "
        "the findings below can be filtered by organisation. A page with a section for "
        "each (a large file):",
    )
    return f'<p class="left-out" id="orgs-left-out">{esc(text)} <code>{esc(command)}</code></p>'


def _left_out_notice(report: Report, lang: str, listed: int) -> str:
    """What the page does not list, and the command that lists everything."""
    total = sum(report.counts.values())  # every finding, those a limit left out too
    in_report = sum(1 for f in report.findings if f.code != LEFT_OUT)
    shown = sum(1 for f in report.findings[:listed] if f.code != LEFT_OUT)
    rest = total - shown
    if rest <= 0:
        return ""
    inputs = _command_inputs(report)
    everything = f"smartstd check {inputs} --max-findings {total} --format json -o findings.json"
    whole_page = f"smartstd check {inputs} --max-findings {total} --format html -o all.html"
    if in_report == total:
        counted = _t(
            lang,
            "上方的汇总、按文件统计和整改清单已计入全部问题；",
            "The summaries, the counts by file and the rectification list above count "
            "every finding; ",
        )
    else:
        counted = _t(
            lang,
            f"上方按规则的汇总计入全部问题，按文件统计和整改清单计入检查结果列出的 "
            f"{in_report:,} 条；",
            f"The summary by rule above counts every finding; the counts by file and the "
            f"rectification list count the {in_report:,} the check listed; ",
        )
    text = _t(
        lang,
        f"本页列出 {shown:,} 条问题，另有 {rest:,} 条未列出（共 {total:,} 条）。{counted}"
        "筛选和搜索只作用于本页列出的问题。查看全部问题：",
        f"This page lists {shown:,} findings; {rest:,} more are not listed "
        f"({total:,} in all). {counted}the filters and the search only see the listed "
        "ones. To see them all:",
    )
    page_too = _t(
        lang, "或生成列出全部问题的页面（文件较大）：", "or a page listing all (a large file):"
    )
    return (
        f'<p class="left-out" id="left-out">{esc(text)} <code>{esc(everything)}</code> '
        f"{esc(page_too)} <code>{esc(whole_page)}</code></p>"
    )


def _command_inputs(report: Report) -> str:
    """The inputs as a command names them: all, or the first few and ``…`` past :data:`_INPUTS`.

    5,000 input files written whole into each command the page shows made
    three quarters of a 1.4 MB page.
    """
    words = [_shell_word(p) for p in report.inputs[:_INPUTS]]
    if len(report.inputs) > _INPUTS:
        words.append("…")
    return " ".join(words) or "…"


def _shell_word(text: str) -> str:
    """``text`` quoted for a POSIX shell when it needs quoting."""
    import shlex

    return shlex.quote(text)


def _findings(
    report: Report, lang: str, owners: list[Responsible], limit: int = PAGE_ROWS
) -> list[str]:
    # the heading's id is not the table's (#findings): ids are unique on a page
    out = [f'<h2 id="all-findings">{esc(_t(lang, "全部问题", "All findings"))}</h2>']
    if not report.findings:
        out.append(f"<p>{esc(_t(lang, '未发现问题。', 'No findings.'))}</p>")
        return out
    listed = min(limit, len(report.findings))
    notice = _left_out_notice(report, lang, listed)
    if notice:
        out.append(notice)
    any_label = _t(lang, "全部", "all")

    def select(element_id: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = f'<option value="">{esc(any_label)}</option>' + "".join(
            f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options
        )
        return f'<label>{esc(label)} <select id="{element_id}">{opts}</select></label>'

    severities = [(s.value, severity_label(s, lang)) for s in Severity if report.counts[s.value]]
    rules = [(c, f"{c} {_rule_title(c, lang)}") for c in report.code_counts]
    # the filters only see the listed rows: so many options, no more
    files = [
        (f or "", _text(f) if f else _t(lang, "（数据集）", "(dataset)"))
        for f, _ in group_by_file(report.findings[:listed])
    ]
    orgs: dict[str, str] = {}
    for r in owners[:listed]:
        orgs.setdefault(_org_key(r), r.name(lang))
    placeholder = _t(
        lang, "搜索：代码、字段、记录、说明……", "Search: code, field, record, message…"
    )
    template = _t(lang, "显示 {n} / {total} 条", "showing {n} of {total}")
    out.append(
        '<div class="filters noprint" id="filters" hidden>'
        f'<input type="search" id="q" placeholder="{esc(placeholder)}" '
        f'aria-label="{esc(placeholder)}">'
        + select("f-sev", _t(lang, "严重程度", "Severity"), severities)
        + select("f-rule", _t(lang, "规则", "Rule"), rules)
        + select("f-file", _t(lang, "文件", "File"), files)
        + select(
            "f-org",
            _t(lang, "责任单位", "Organisation"),
            sorted(orgs.items(), key=lambda kv: kv[1]),
        )
        + f'<span id="shown" data-template="{esc(template)}"></span></div>'
    )
    head = [
        _t(lang, "严重程度", "Severity"),
        _t(lang, "代码", "Code"),
        _t(lang, "位置", "Position"),
        _t(lang, "记录", "Record"),
        _t(lang, "值（已脱敏）", "Value (masked)"),
        _t(lang, "说明", "Message"),
        _t(lang, "责任单位", "Organisation"),
    ]
    out.append(
        '<table id="findings"><thead><tr>'
        + "".join(f"<th>{esc(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
    )
    for f, r in zip(report.findings[:listed], owners[:listed], strict=True):
        where = _text(f.file) if f.file else _t(lang, "（数据集）", "(dataset)")
        pos = position(f)
        place = f"<code>{_cut(where, _LONG)}{':' + esc(pos) if pos else ''}</code>"
        if f.path:
            place += f"<br><code>{_cut(_text(f.pointer), _LONG)}</code>"
        record = ""
        if f.entity_type or f.entity_id:
            record = _cut(_text(f.entity_type or ""), _LONG) + (
                f"<br><code>{_cut(_text(f.entity_id), _LONG)}</code>" if f.entity_id else ""
            )
        value = _value(f)
        out.append(
            f'<tr data-sev="{f.severity.value}" data-rule="{esc(f.code)}" '
            f'data-file="{esc(f.file or "")}" data-org="{esc(_org_key(r))}">'
            f"<td>{_sev_badge(f.severity, lang)}</td>"
            f'<td class="code"><a href="#rule-{esc(f.code)}" '
            f'title="{esc(_rule_title(f.code, lang))}">'
            f"<code>{esc(f.code)}</code></a></td>"
            f'<td class="pos">{place}</td><td>{record}</td>'
            f'<td class="val">{"<code>" + esc(value) + "</code>" if value else ""}</td>'
            f'<td class="msg">{esc(_text(f.message(lang)))}</td>'
            f"<td>{_cut(_text(r.name(lang)), _LONG)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def render_html(
    report: Report,
    lang: str = "zh-CN",
    index: ResponsibleIndex | None = None,
    max_findings: int | None = None,
) -> str:
    """The HTML page of ``report`` (what the ``html`` reporter writes).

    Args:
        report: the report.
        lang: ``zh-CN`` (the default) or ``en``.
        index: who is responsible for what; by default read from the report's inputs.
        max_findings: list at most this many findings (:data:`PAGE_ROWS` if not
            given); the summaries and the rectification list count them all.
    """
    lang = "en" if normalize_lang(lang) == "en" else "zh-CN"
    if index is None:
        index = responsible_index(report.inputs) if report.findings else ResponsibleIndex()
    owners = [index.for_finding(f) for f in report.findings]
    title = _t(lang, "智慧社区数据标准符合性检查报告", "Smart community data conformance report")
    body = [f"<h1>{esc(title)}</h1>"]
    body += _summary(report, lang)
    body.append(
        '<nav class="noprint meta">'
        + " · ".join(
            f'<a href="#{anchor}">{esc(text)}</a>'
            for anchor, text in (
                ("rules", _t(lang, "按规则", "By rule")),
                ("files", _t(lang, "按文件", "By file")),
                ("orgs", _t(lang, "整改清单", "Rectification list")),
                ("all-findings", _t(lang, "全部问题", "All findings")),
            )
            if report.findings or anchor == "all-findings"  # only the sections on the page
        )
        + "</nav>"
    )
    if report.findings:
        sections = ORG_SECTIONS if max_findings is None else max(ORG_SECTIONS, max_findings)
        body += _per_rule(report, lang)
        body += _by_file(report, lang, sections)
        body += _by_org(report, lang, owners, sections)
    limit = PAGE_ROWS if max_findings is None else max_findings
    body += _findings(report, lang, owners, limit)
    script = _SCRIPT if report.findings else ""
    return page(title, "\n".join(body), lang=lang, css=_CSS, script=script)


class HtmlReporter:
    """A self-contained HTML page: summaries, the rectification list, filterable findings."""

    name = "html"
    suffix = ".html"
    media_type = "text/html; charset=utf-8"

    def render(
        self,
        report: Report,
        *,
        lang: str = "zh-CN",
        color: bool = False,
        out: TextIO,
        options: ReporterOptions | None = None,
    ) -> None:
        """Write ``report`` as one HTML page to ``out`` (``color`` is ignored)."""
        report = mask_report(report)  # the one masking every format shares
        limit = options.max_findings if options is not None else None
        out.write(render_html(report, lang, max_findings=limit))


#: The ``html`` reporter.
REPORTER: Reporter = HtmlReporter()
