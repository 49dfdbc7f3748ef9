"""``smartstd generate``: deterministic, realistic datasets at any scale."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Literal, cast

import click

from smartstd.cli import EXIT_OK, default_lang, guard
from smartstd.cli.command import Command
from smartstd.cli.messages import t

__all__ = ["generate_command"]


@click.command("generate", cls=Command)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same bytes)."
)
@click.option(
    "--scale",
    type=click.Choice(["community", "district", "city"]),
    default="community",
    show_default=True,
    help="How much data: one community, a district or a city.",
)
@click.option(
    "--observations",
    type=click.IntRange(min=0),
    default=None,
    help="Override the number of observations.",
)
@click.option(
    "--requests",
    type=click.IntRange(min=0),
    default=None,
    help="Override the number of service requests.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "ndjson", "yaml"]),
    default="ndjson",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--charter",
    type=click.Choice(["include", "exclude", "only"]),
    default="include",
    show_default=True,
    help="Whether the governance charter is written with the data.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default: standard output).",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Do not print the summary line to standard error."
)
@click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default=None,
    help="Language of messages (default from the locale).",
)
@guard
def generate_command(
    seed: int,
    scale: str,
    observations: int | None,
    requests: int | None,
    fmt: str,
    charter: str,
    out: Path | None,
    quiet: bool,
    lang: str | None,
) -> None:
    """Generate a realistic Guangzhou community dataset (valid and conformant)."""
    from smartstd import generate as gen

    counts = gen.counts_for(scale, observations=observations, requests=requests)
    form = cast(Literal["json", "ndjson", "yaml"], fmt)
    which = cast(Literal["include", "exclude", "only"], charter)
    started = time.perf_counter()
    if out is None:
        stats = gen.write(sys.stdout, fmt=form, seed=seed, counts=counts, charter=which)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        # written beside OUT and renamed at the end: a run that fails (YAML too
        # large, a full disk) leaves no empty or half file, and OUT as it was
        part = out.with_name(f".{out.name}.part")
        try:
            with part.open("w", encoding="utf-8", newline="\n") as fh:
                stats = gen.write(fh, fmt=form, seed=seed, counts=counts, charter=which)
            part.replace(out)
        finally:
            part.unlink(missing_ok=True)
    elapsed = max(time.perf_counter() - started, 1e-9)
    if not quiet:
        n = stats.records
        message = t("generated", lang or default_lang(), n=n, seconds=elapsed, rate=n / elapsed)
        click.echo(message, err=True)
    sys.exit(EXIT_OK)
