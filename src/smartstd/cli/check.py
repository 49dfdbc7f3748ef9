"""``smartstd check``: conformance of one logical dataset, in a chosen report format."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, default_lang, guard, use_color
from smartstd.cli._options import (
    InputPath,
    color_option,
    config_option,
    fail_on_option,
    format_option,
    lang_option,
    option_group,
    output_option,
    profile_option,
    waivers_option,
)
from smartstd.cli.command import Command
from smartstd.cli.messages import t
from smartstd.report import LEFT_OUT, Level, Report, Severity

__all__ = ["CheckArgs", "check_command", "run_check"]


@dataclass
class CheckArgs:
    """The options of ``smartstd check`` after parsing (configuration merged in)."""

    paths: tuple[str, ...]
    format: str = "text"
    output: Path | None = None
    fail_on: Severity = Severity.ERROR
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    level: Level | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    part_bytes: int | None = None
    buckets: int | None = None
    lang: str = "en"
    verbosity: int = 0
    color: bool | None = None
    config: Path | None = None
    waivers: Path | None = None
    profiles: tuple[str, ...] = ()
    max_findings: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def build_options(args: CheckArgs) -> Any:
    """Turn parsed arguments into :class:`~smartstd.conformance.engine.CheckOptions`."""
    from smartstd.config import load_config
    from smartstd.conformance.engine import CheckOptions

    cfg = load_config(args.config)
    waivers_path = args.waivers or cfg.waivers
    waivers: tuple[Any, ...] = ()
    if waivers_path:
        from smartstd.conformance.waivers import load_waivers

        waivers = tuple(load_waivers(waivers_path))
    opts = CheckOptions(
        level=args.level,
        select=args.select or cfg.select,
        ignore=args.ignore or cfg.ignore,
        severities=cfg.severity,
        params=cfg.params,
        limits=cfg.limits
        if args.max_findings is None
        else dataclasses.replace(cfg.limits, max_findings=args.max_findings),
        jobs=args.jobs,
        waivers=waivers,
        engine=args.engine,
        scheduler=args.scheduler,
        part_bytes=args.part_bytes,
        buckets=args.buckets,
    )
    profiles = args.profiles or cfg.profiles
    if profiles:
        from smartstd.profiles import apply_profiles

        opts = apply_profiles(opts, profiles, args.paths)
    return opts


def _progress_callback(enabled: bool) -> tuple[Any, Any]:
    if not enabled:
        return None, None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=True,
    )
    task = progress.add_task("checking", total=None)
    progress.start()

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return progress, update


def run_check(args: CheckArgs) -> int:
    """Run the check and write the report; return the exit code."""
    from smartstd.conformance.engine import check
    from smartstd.reporters import ReporterOptions, get_reporter

    try:
        reporter = get_reporter(args.format)
    except KeyError:
        from smartstd.cli.messages import t
        from smartstd.reporters import REPORTERS

        name, known = args.format, ", ".join(REPORTERS)
        click.echo(
            t("error", args.lang, message=t("unknown_format", args.lang, name=name, known=known)),
            err=True,
        )
        return EXIT_USAGE
    opts = build_options(args)
    big = sum(os.path.getsize(p) for p in args.paths if os.path.isfile(p)) > 20 * 1024 * 1024
    show = big and args.verbosity >= 0 and sys.stderr.isatty()
    progress, callback = _progress_callback(show)
    opts.progress = callback
    try:
        report: Report = check(list(args.paths), opts)
    finally:
        if progress is not None:
            progress.stop()
    if args.verbosity < 0 and args.format == "text":
        report = _quiet(report, args.verbosity)
    summary = os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None
    # the HTML page lists --max-findings findings when given (its own default is smaller)
    page_rows = args.max_findings if args.format == "html" else None
    ropts = ReporterOptions(
        fail_on=args.fail_on, summary_path=summary or None, max_findings=page_rows
    )
    if args.output is None:
        color = use_color(sys.stdout, args.color)
        reporter.render(report, lang=args.lang, color=color, out=sys.stdout, options=ropts)
    else:
        _write_report(reporter, report, args, ropts)
    failed = report.failed(args.fail_on) or not report.is_conformant()
    return EXIT_FAIL if failed else EXIT_OK


def _write_report(reporter: Any, report: Report, args: CheckArgs, ropts: Any) -> None:
    """Stream the report into a file beside ``--output``, then move it into place.

    The report is never held whole in memory, and a failure leaves no half
    written file behind.
    """
    assert args.output is not None
    args.output.parent.mkdir(parents=True, exist_ok=True)
    partial = args.output.with_name(f".{args.output.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            reporter.render(report, lang=args.lang, color=False, out=out, options=ropts)
        os.replace(partial, args.output)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def _quiet(report: Report, verbosity: int) -> Report:
    """-q hides info findings, -qq warnings too (the exit code is unchanged)."""
    from dataclasses import replace

    keep = Severity.WARNING if verbosity == -1 else Severity.ERROR
    return replace(
        report,
        findings=tuple(
            f for f in report.findings if f.severity.rank >= keep.rank or f.code == LEFT_OUT
        ),
    )


#: Where a check runs: worker processes here, or a Dask cluster.
_where_options = option_group(
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes for large NDJSON files (with --engine dask: local cluster workers).",
    ),
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where to check: this machine, or a Dask cluster (pip install 'smartstd[cluster]').",
    ),
    click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="With --engine dask: a running scheduler (tcp://host:8786); default a local cluster.",
    ),
    click.option(
        "--part-size",
        type=click.IntRange(min=1024),
        default=None,
        metavar="BYTES",
        help="With --engine dask: most bytes of NDJSON per task (default 64 MiB).",
    ),
    click.option(
        "--buckets",
        type=click.IntRange(min=1),
        default=None,
        help="With --engine dask: id buckets of the identity join "
        "(default: one per 16 MiB of NDJSON; a join task settles them one by one).",
    ),
)


@click.command("check", cls=Command)
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=InputPath(exists=True, dir_okay=True, readable=False),
    help="Files, folders or URLs of one dataset: JSON, NDJSON, YAML (a folder: every such file).",
)
@format_option
@output_option
@fail_on_option
@click.option(
    "--select",
    multiple=True,
    help="Only these rules (codes, prefixes like SC2, or names); repeat or comma-separate.",
)
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option(
    "--level",
    type=click.Choice(["L1", "L2", "L3"]),
    default=None,
    help="Conformance level to check for (default: L3 with a charter among the inputs, else L2).",
)
@_where_options
@lang_option
@profile_option
@waivers_option
@config_option
@color_option
@click.option(
    "--max-findings",
    type=click.IntRange(min=1),
    default=None,
    help="List at most this many findings (default 20000, or [limits] max_findings;"
    " the HTML page: 1000); the counts still cover all of them.",
)
@click.option("-v", "--verbose", count=True, help="More output.")
@click.option(
    "-q", "--quiet", count=True, help="Less output: -q hides info findings, -qq warnings too."
)
@guard
def check_command(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    level: str | None,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    part_size: int | None,
    buckets: int | None,
    lang: str | None,
    profiles: tuple[str, ...],
    waivers: Path | None,
    config: Path | None,
    color: bool | None,
    max_findings: int | None,
    verbose: int,
    quiet: int,
) -> None:
    """Check that PATHS (files or folders, one logical dataset) conform to the standard.

    A path may be a URL read through fsspec (s3://bucket/data.ndjson, a folder
    s3://bucket/district/), with pip install 'smartstd[cloud]' and the
    protocol's package (s3fs, gcsfs, adlfs).

    Exit code 0 when conformant, 1 when not, 2 for bad usage.
    """
    from smartstd.cli._options import check_rule_patterns
    from smartstd.config import load_config

    cfg = load_config(config)
    for hint, given in (
        ("--scheduler", scheduler),
        ("--part-size", part_size),
        ("--buckets", buckets),
    ):
        if given is not None and engine != "dask":
            chosen = lang or cfg.lang or default_lang()
            raise click.BadParameter(t("needs_dask_engine", chosen), param_hint=hint)
    check_rule_patterns(
        list(_split(select)) + list(_split(ignore)), lang or cfg.lang or default_lang()
    )
    args = CheckArgs(
        paths=paths,
        format=fmt or cfg.format or "text",
        output=output or cfg.output,
        fail_on=Severity(fail_on) if fail_on else (cfg.fail_on or Severity.ERROR),
        select=_split(select),
        ignore=_split(ignore),
        level=Level(level) if level else cfg.level,
        jobs=jobs or cfg.jobs or (2 if engine == "dask" else 1),
        engine=engine,
        scheduler=scheduler,
        part_bytes=part_size,
        buckets=buckets,
        # a page is for the people it is sent to: Chinese unless asked otherwise
        lang=lang or cfg.lang or ("zh-CN" if (fmt or cfg.format) == "html" else default_lang()),
        verbosity=verbose - quiet,
        color=color,
        config=config,
        waivers=waivers,
        profiles=profiles,
        max_findings=max_findings,
    )
    sys.exit(run_check(args))
