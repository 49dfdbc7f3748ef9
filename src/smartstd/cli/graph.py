"""``smartstd graph``: the stakeholder-responsibility graph from the command line.

::

    smartstd graph check   PATHS...                      role-boundary findings, like `check`
    smartstd graph who     PATHS... --domain D [--role R] who is A, R, C, I for a domain, and why
    smartstd graph raci    PATHS... [-f text|markdown|csv|json] [--domain D]... [--org X]...
    smartstd graph explain PATHS... --org X --action A --category C [--purpose P] [--on D]
    smartstd graph test    PATHS... [-a ASSERTIONS]...   charter assertions (SC617)
    smartstd graph diff    OLD NEW                        access paths, roles, benefits, obligations
    smartstd graph export  PATHS... -f mermaid|dot|graphml|json
    smartstd graph duties  PATHS... [-f html|markdown|json] [--organization X]... [--domain D]...

PATHS are files or folders forming one dataset, as for ``smartstd check``
(usually a folder with ``charter.yaml`` beside the data). Exit codes as for
``smartstd check``: 0 success (conformant, allowed, all assertions hold, no
change), 1 a negative answer (findings, not allowed, a failed assertion, a
change, no holder, no charter among the inputs), 2 bad usage.

职责图命令：检查、问答（谁负责、能否访问）、RACI 矩阵、断言测试、变更影响、图示导出。
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, default_lang, guard, use_color
from smartstd.cli._options import (
    InputPath,
    choice_format_option,
    color_option,
    config_option,
    fail_on_option,
    format_option,
    profile_option,
    waivers_option,
)
from smartstd.cli.command import Group
from smartstd.cli.messages import t
from smartstd.errors import UsageError
from smartstd.report import Level, Report, Severity

__all__ = ["COMMAND", "graph", "read_charter"]

_READING = frozenset({"SC100", "SC101", "SC102", "SC109"})
_DEFAULT_SELECT = ("SC1", "SC2", "SC6")


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(x.strip() for v in values for x in v.split(",") if x.strip())


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(t("a_date", "en")) from None


def read_charter(paths: Iterable[str], *, limits: Any = None) -> Any:
    """Read the charter entities and organisations of PATHS, leniently, with where each is.

    Records that are not valid entities are skipped (``smartstd graph check``
    reports them); the date is the envelope's ``generated_at``. An input over
    one of ``limits`` is refused (its charter entities would be missed
    silently): the error says which limit, where, and how to raise it.

    Raises:
        UsageError: when a path does not exist, or an input is over a limit.
    """
    from smartstd.conformance.inputs import expand_paths, iter_ndjson_records, open_document
    from smartstd.conformance.structure import validate_entity, validate_envelope
    from smartstd.graph.model import GRAPH_TYPES, Charter, Source
    from smartstd.io import Limits
    from smartstd.io.limits import refusal
    from smartstd.report import Finding

    lim = limits or Limits()
    charter = Charter()
    for file in expand_paths(list(paths)):
        doc = open_document(file, lim)
        for f in doc.findings:
            if f.code == "SC109":
                raise refusal(f)
        header = doc.header
        if charter.as_of is None and header is not None and "generated_at" in header:
            env, _hits = validate_envelope(header)
            if env is not None:
                charter.as_of = env.generated_at.date()
        if doc.fmt == "ndjson":
            records: Iterable[Any] = iter_ndjson_records(file, lim) if header is not None else ()
        else:
            records = doc.records()
        for rec in records:
            if isinstance(rec, Finding) and rec.code == "SC109":
                raise refusal(rec)
            if (
                isinstance(rec, Finding)
                or not isinstance(rec.raw, dict)
                or rec.raw.get("type") not in GRAPH_TYPES
            ):
                continue
            model, _hits = validate_entity(rec.raw, read=True)
            if model is None:
                charter.skipped += 1
                continue
            charter.add(model, Source(rec.where.file, rec.where.line, rec.where.base))
    return charter


def _load(paths: tuple[str, ...], lang: str | None = None, *, limits: Any = None) -> Any:
    charter = read_charter(paths, limits=limits)
    if charter.is_empty:
        click.echo(t("no_charter", _lang(lang)), err=True)
        sys.exit(EXIT_FAIL)
    return charter


def _emit(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to standard output."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="\n")


def _lang(lang: str | None) -> str:
    return lang or default_lang()


def _render_report(
    report: Report, fmt: str, lang: str, output: Path | None, color: bool | None, fail_on: Severity
) -> int:
    from smartstd.reporters import REPORTERS, ReporterOptions, get_reporter

    try:
        reporter = get_reporter(fmt)
    except KeyError:
        message = t("unknown_format", lang, name=fmt, known=", ".join(REPORTERS))
        click.echo(t("error", lang, message=message), err=True)
        return EXIT_USAGE
    stream: Any = sys.stdout if output is None else io.StringIO()
    paint = use_color(stream, color) if output is None else False
    reporter.render(
        report, lang=lang, color=paint, out=stream, options=ReporterOptions(fail_on=fail_on)
    )
    if output is not None:
        _emit(stream.getvalue(), output)
    return EXIT_OK


# --------------------------------------------------------------------------- group

_paths = click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=InputPath(exists=True, dir_okay=True, readable=False),
    help="Files or folders of the dataset that holds the charter.",
)
_lang_opt = click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default=None,
    help="Language of the output (default from the locale).",
)
_on_opt = click.option(
    "--on",
    "on",
    callback=_date,
    default=None,
    help="The date to judge by (default: the dataset's generated_at).",
)
_out_opt = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)


@click.group("graph", cls=Group)
def graph() -> None:
    """The stakeholder-responsibility graph: check, ask, test, compare and draw a charter."""


@graph.command("check")
@_paths
@format_option
@_out_opt
@fail_on_option
@click.option(
    "--select",
    multiple=True,
    help="Only these rules (default: SC6xx, and SC1xx/SC2xx about charter entities).",
)
@click.option("--ignore", multiple=True, help="Skip these rules.")
@_lang_opt
@profile_option
@waivers_option
@config_option
@color_option
@guard
def check_cmd(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    profiles: tuple[str, ...],
    waivers: Path | None,
    config: Path | None,
    color: bool | None,
) -> None:
    """Check the role boundaries of the charter in PATHS (SC6xx), at level L3.

    Shows the SC6xx findings, and the reading, structure and reference
    problems of charter entities. Exit 0 when the charter is present and
    has no error, 1 otherwise, 2 for bad usage.
    """
    from smartstd.cli._options import check_rule_patterns
    from smartstd.cli.check import CheckArgs, build_options
    from smartstd.config import load_config
    from smartstd.conformance.engine import check
    from smartstd.graph.model import GRAPH_TYPES

    cfg = load_config(config)
    chosen, ignored = _split(select), _split(ignore)
    check_rule_patterns(list(chosen) + list(ignored), lang or cfg.lang or default_lang())
    args = CheckArgs(
        paths=paths,
        format=fmt or cfg.format or "text",
        output=output,
        fail_on=Severity(fail_on) if fail_on else (cfg.fail_on or Severity.ERROR),
        select=chosen or _DEFAULT_SELECT,
        ignore=ignored,
        level=Level.L3,
        lang=lang or cfg.lang or default_lang(),
        color=color,
        config=config,
        waivers=waivers,
        profiles=profiles,
    )
    opts = build_options(args)
    opts.select = args.select
    report = check(list(paths), opts)
    if not chosen:
        kept = tuple(
            f
            for f in report.findings
            if f.code.startswith("SC6")
            or f.code in _READING
            or f.entity_type in GRAPH_TYPES
            or f.code == "SC617"
        )
        report = replace(report, findings=kept)
    if not report.charter_present:
        click.echo(t("no_charter", args.lang), err=True)
    rc = _render_report(report, args.format, args.lang, output, color, args.fail_on)
    if rc != EXIT_OK:
        sys.exit(rc)
    failed = report.failed(args.fail_on) or not report.is_conformant(Level.L3)
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


@graph.command("who")
@_paths
@click.option("--domain", required=True, help="The domain (a core domain or one of the charter's).")
@click.option(
    "--role",
    type=click.Choice(["accountable", "responsible", "consulted", "informed"]),
    default=None,
    help="One role (default: all four).",
)
@_on_opt
@choice_format_option("text", "json", "markdown")
@_lang_opt
@_out_opt
@guard
def who_cmd(
    paths: tuple[str, ...],
    domain: str,
    role: str | None,
    on: dt.date | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """Who is accountable, responsible, consulted and informed for a domain, and why.

    Exit 0 when the domain has a holder of the role asked (accountable when
    none is asked), 1 when not, 2 for an unknown domain.
    """
    from smartstd.graph.queries import who

    charter = _load(paths, lang)
    if domain not in charter.index.domain_info:
        known = ", ".join(sorted(charter.index.domain_info))
        message = t("unknown_domain", _lang(lang), domain=repr(domain), known=known)
        click.echo(t("error", _lang(lang), message=message), err=True)
        sys.exit(EXIT_USAGE)
    language = _lang(lang)
    day = charter.on(on)
    holders = who(charter, domain, role, on=day)
    zh = language == "zh-CN"
    if fmt == "json":
        text = (
            json.dumps(
                {
                    "domain": domain,
                    "on": day.isoformat(),
                    "holders": [h.to_dict(language) for h in holders],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        name = charter.domain_label(domain, language)
        title = f"{domain}（{name}）在 {day} 的职责" if zh else f"{domain} ({name}) on {day}"
        lines = [("## " if fmt == "markdown" else "") + title, ""]
        bullet = "- " if fmt == "markdown" else "  "
        lines += [bullet + h.reason(language) for h in holders] or [
            bullet + ("无" if zh else "nobody")
        ]
        text = "\n".join(lines) + "\n"
    _emit(text, output)
    wanted = role or "accountable"
    sys.exit(EXIT_OK if any(h.role == wanted for h in holders) else EXIT_FAIL)


_domain_filter = click.option(
    "--domain",
    "domains",
    multiple=True,
    metavar="ID",
    help="Only this domain (repeat or comma-separate for several).",
)
_max_cells_opt = click.option(
    "--max-cells",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Refuse a table of more cells than N, before building it "
    "(default 1000000, or [limits] max_table_cells).",
)


def _table_limit(config: Path | None, max_cells: int | None) -> tuple[Any, int, str | None]:
    """The input limits, the cell budget (option > configuration > default) and the language."""
    from smartstd.config import load_config

    cfg = load_config(config)
    return cfg.limits, max_cells or cfg.limits.max_table_cells, cfg.lang


@graph.command("raci")
@_paths
@_on_opt
@choice_format_option("text", "markdown", "csv", "json")
@_domain_filter
@click.option(
    "--organization",
    "--org",
    "orgs",
    multiple=True,
    metavar="ID",
    help="Only this organisation's column (repeat or comma-separate for several).",
)
@_max_cells_opt
@config_option
@_lang_opt
@_out_opt
@guard
def raci_cmd(
    paths: tuple[str, ...],
    on: dt.date | None,
    fmt: str,
    domains: tuple[str, ...],
    orgs: tuple[str, ...],
    max_cells: int | None,
    config: Path | None,
    lang: str | None,
    output: Path | None,
) -> None:
    """The RACI matrix of the charter: domains by organisations (A, R, R* lead, C, I).

    A matrix of more cells than --max-cells is refused before it is built;
    --domain and --organization take the part that is needed.
    """
    from smartstd.graph.queries import raci

    limits, budget, configured = _table_limit(config, max_cells)
    language = lang or configured or default_lang()
    try:
        charter = _load(paths, language, limits=limits)
        matrix = raci(
            charter,
            on=on,
            domains=_split(domains) or None,
            organizations=_split(orgs) or None,
            max_cells=budget,
        )
    except UsageError as exc:  # said in the language chosen, the configuration's included
        click.echo(t("error", language, message=exc.message(language)), err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "json":
        text = json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = matrix.to_csv(language)
    elif fmt == "markdown":
        text = matrix.to_markdown(language)
    else:
        text = matrix.to_text(language)
    _emit(text, output)
    sys.exit(EXIT_OK)


@graph.command("explain")
@_paths
@click.option("--org", "organization", required=True, help="The organisation's id.")
@click.option(
    "--action",
    type=click.Choice(["read", "write", "share", "delete"]),
    default=None,
    help="The action (default: any).",
)
@click.option("--category", required=True, help="The data category's id.")
@click.option("--purpose", default=None, help="The purpose's id (default: any).")
@_on_opt
@choice_format_option("text", "json", "markdown")
@_lang_opt
@_out_opt
@guard
def explain_cmd(
    paths: tuple[str, ...],
    organization: str,
    action: str | None,
    category: str,
    purpose: str | None,
    on: dt.date | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """May an organisation do an action on a data category for a purpose on a date? And why.

    Exit 0 for yes, 1 for no.
    """
    from smartstd.config import load_config
    from smartstd.graph.queries import explain

    charter = _load(paths, lang)
    language = _lang(lang)
    answer = explain(
        charter, organization, action, category, purpose, on=on, params=load_config(None).params
    )
    if fmt == "json":
        text = json.dumps(answer.to_dict(language), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        lines = [f"**{answer.headline(language)}**", ""]
        lines += [f"- {'✓' if s.ok else '✗'} {s.text(language)}" for s in answer.steps]
        text = "\n".join(lines) + "\n"
    else:
        text = answer.text(language)
    _emit(text, output)
    sys.exit(EXIT_OK if answer.allowed else EXIT_FAIL)


@graph.command("test")
@_paths
@click.option(
    "-a",
    "--assertions",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An assertions file (default: the assertions lists in the input files).",
)
@_on_opt
@click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    help="Report format: text, json, junit, sarif, github, markdown.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    help="Exit 1 on findings this severe.",
)
@_lang_opt
@_out_opt
@color_option
@guard
def test_cmd(
    paths: tuple[str, ...],
    files: tuple[Path, ...],
    on: dt.date | None,
    fmt: str,
    fail_on: str,
    lang: str | None,
    output: Path | None,
    color: bool | None,
) -> None:
    """Check the charter's assertions (what it expects of itself); failures are SC617 findings.

    Exit 0 when every assertion holds, 1 when one fails, 2 for a malformed
    assertion or when there is none to test.
    """
    from smartstd.conformance.inputs import expand_paths
    from smartstd.graph.assertions import assertions_in, load_assertions, run_assertions

    charter = _load(paths, lang)
    if files:
        assertions = [a for f in files for a in load_assertions(f)]
    else:
        assertions = assertions_in(expand_paths(list(paths)))
    if not assertions:
        said = _lang(lang)
        click.echo(t("error", said, message=t("no_assertions", said)), err=True)
        sys.exit(EXIT_USAGE)
    results = run_assertions(charter, assertions, on=on)
    findings = tuple(f for f in (r.finding() for r in results) if f is not None)
    inputs = tuple(expand_paths(list(paths))) + tuple(str(f) for f in files)
    report = Report(
        findings=findings,
        inputs=inputs,
        charter_present=True,
        requested_level=Level.L3,
    )
    language = _lang(lang)
    if fmt == "text" and output is None:
        zh = language == "zh-CN"
        for r in results:
            mark = "✓" if r.passed else "✗"
            click.echo(f"{mark} {r.assertion.name}")
            if not r.passed:
                for line in r.reasons_zh if zh else r.reasons:
                    click.echo(f"    {line}")
        click.echo("")
    rc = _render_report(report, fmt, language, output, color, Severity(fail_on))
    if rc != EXIT_OK:
        sys.exit(rc)
    sys.exit(EXIT_FAIL if report.failed(fail_on) else EXIT_OK)


@graph.command("diff")
@click.argument(
    "old",
    type=click.Path(exists=True, dir_okay=True, readable=False),
    help="The charter before: a file or folder.",
)
@click.argument(
    "new",
    type=click.Path(exists=True, dir_okay=True, readable=False),
    help="The charter after: a file or folder.",
)
@_on_opt
@choice_format_option("text", "json", "markdown")
@click.option(
    "--fail-on",
    "policy",
    type=click.Choice(["any", "benefit-loss", "never"]),
    default="any",
    show_default=True,
    help="Exit 1 on any change, only when a party loses a benefit while keeping every "
    "obligation under that agreement, or never.",
)
@_lang_opt
@_out_opt
@guard
def diff_cmd(
    old: str,
    new: str,
    on: dt.date | None,
    fmt: str,
    policy: str,
    lang: str | None,
    output: Path | None,
) -> None:
    """What changes from the charter in OLD to NEW: access paths, roles, benefits, obligations.

    Dates are ignored unless --on is given. Exit 1 under the --fail-on policy (default: when
    anything changed), else 0.
    """
    from smartstd.graph.diff import diff

    before, after = read_charter([old]), read_charter([new])
    result = diff(before, after, on=on)
    language = _lang(lang)
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = result.to_markdown(language)
    else:
        text = result.text(language)
    _emit(text, output)
    sys.exit(EXIT_FAIL if result.fails(policy) else EXIT_OK)


@graph.command("duties")
@_paths
@_on_opt
@choice_format_option(
    "html",
    "markdown",
    "json",
    default="markdown",
    help="Output format (html: a page to print and post).",
    show_default=True,
)
@click.option(
    "--organization",
    "--org",
    "orgs",
    multiple=True,
    metavar="ID",
    help="Only this organisation (repeat for several; default: every organisation).",
)
@_domain_filter
@_max_cells_opt
@config_option
@click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default="zh-CN",
    show_default=True,
    help="Language of the list (Chinese by default: it is posted for residents).",
)
@_out_opt
@guard
def duties_cmd(
    paths: tuple[str, ...],
    on: dt.date | None,
    fmt: str,
    orgs: tuple[str, ...],
    domains: tuple[str, ...],
    max_cells: int | None,
    config: Path | None,
    lang: str,
    output: Path | None,
) -> None:
    """Duty lists (责任清单): each organisation's roles, benefits, obligations, grants, agreements.

    HTML is one self-contained page (it loads nothing from the network) that a street office
    can print and post. --domain keeps the roles in those domains (and, without --organization,
    the organisations holding one). Lists of more entries than --max-cells are refused before
    they are built. Exit 0, or 2 for an organisation or domain the charter does not have.
    """
    from smartstd.graph.duties import duties
    from smartstd.graph.queries import _known

    limits, budget, _ = _table_limit(config, max_cells)
    charter = _load(paths, lang, limits=limits)
    wanted = _split(orgs)
    if wanted:
        _known(wanted, charter.organizations, "organization")
    result = duties(
        charter,
        on=on,
        organizations=wanted or None,
        domains=_split(domains) or None,
        max_cells=budget,
    )
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        text = result.to_html(lang)
    else:
        text = result.to_markdown(lang)
    _emit(text, output)
    sys.exit(EXIT_OK)


@graph.command("export")
@_paths
@choice_format_option("mermaid", "dot", "graphml", "json", default="mermaid")
@click.option(
    "--isolated/--no-isolated",
    default=False,
    help="Keep nodes without edges (unused core domains) in Mermaid and DOT.",
)
@_lang_opt
@_out_opt
@guard
def export_cmd(
    paths: tuple[str, ...], fmt: str, isolated: bool, lang: str | None, output: Path | None
) -> None:
    """Draw the graph: Mermaid, Graphviz DOT, GraphML or JSON."""
    from smartstd.graph.network import build_graph
    from smartstd.graph.render import to_dot, to_graphml, to_json, to_mermaid

    charter = _load(paths, lang)
    g = build_graph(charter)
    language = _lang(lang)
    if fmt == "mermaid":
        text = to_mermaid(g, lang=language, isolated=isolated)
    elif fmt == "dot":
        text = to_dot(g, lang=language, isolated=isolated)
    elif fmt == "graphml":
        text = to_graphml(g)
    else:
        text = to_json(g)
    _emit(text, output)
    sys.exit(EXIT_OK)


#: The command the CLI registers.
COMMAND = graph
