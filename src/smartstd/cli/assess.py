"""``smartstd assess``: indicators computed from the data, against a pilot's targets.

A thin layer: the options become :func:`smartstd.assessment.assess`'s arguments;
the report is rendered by name (text, json, csv, markdown, html).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, default_lang, guard
from smartstd.cli._options import InputPath, config_option
from smartstd.cli.command import Command
from smartstd.cli.messages import t
from smartstd.errors import UsageError

__all__ = ["assess_command"]

_DIMS = ("community", "grid", "month", "quarter", "category", "channel")


@click.command("assess", cls=Command)
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=InputPath(exists=True, readable=False),
    help="Files or folders (or URLs) of one dataset, with its Pilot when targets are judged.",
)
@click.option(
    "--by",
    "by",
    multiple=True,
    type=click.Choice(_DIMS),
    help="Break the indicators down (repeat for several).",
)
@click.option(
    "--period",
    default=None,
    help="2026Q2, 2026-05, 2026, or a range 2026-04-01..2026-06-30.",
)
@click.option("--pilot", default=None, help="A Pilot's id: its communities, dates and targets.")
@click.option(
    "--indicators",
    "indicator_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file of local indicator definitions (indicator.schema.json); repeatable.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Report format (html: one self-contained page to print or post).",
)
@click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default=None,
    help="Language of the report (HTML: zh-CN unless en is asked for; others: the locale's).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write here.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when a target of the pilot is missed (for CI; `check` reports it as SC801).",
)
@config_option
@guard
def assess_command(
    paths: tuple[str, ...],
    by: tuple[str, ...],
    period: str | None,
    pilot: str | None,
    indicator_files: tuple[str, ...],
    fmt: str,
    lang: str | None,
    output: str | None,
    strict: bool,
    config: Path | None,
) -> None:
    """Compute every indicator of PATHS, judge a pilot's targets, and write a report.

    An input over a limit ([limits] in smartstd.toml, as for `smartstd check`)
    is refused: the message says which limit, where, and how to raise it.

    Exit code 0; 1 with --strict when a target is missed; 2 for bad usage or
    an input over a limit.
    """
    from smartstd.assessment import assess
    from smartstd.assessment.formats import render
    from smartstd.config import load_config

    cfg = load_config(config)
    chosen = lang or cfg.lang or ("zh-CN" if fmt == "html" else default_lang())
    dims = list(by)
    if fmt == "html":  # the published page shows these whatever --by says
        dims += ["category", "channel", "grid", "community"]
    try:
        result = assess(
            list(paths),
            by=dims,
            period=period,
            pilot=pilot,
            indicators=[Path(p) for p in indicator_files],
            limits=cfg.limits,
        )
    except UsageError as exc:  # said in the language chosen, the configuration's included
        click.echo(t("error", chosen, message=exc.message(chosen)), err=True)
        sys.exit(EXIT_USAGE)
    text = render(result, fmt, chosen)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_FAIL if strict and result.missed else EXIT_OK)
