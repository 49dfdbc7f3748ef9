"""``smartstd example``: write the bundled example community to a folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from smartstd.cli import EXIT_OK, default_lang, guard
from smartstd.cli._options import lang_option
from smartstd.cli.command import Command
from smartstd.cli.messages import t

__all__ = ["COMMAND", "example_command"]


@click.command("example", cls=Command)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write the example to (created; must be empty unless --force).",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
@lang_option
@guard
def example_command(out: Path, force: bool, lang: str | None) -> None:
    """Write the example community (Rongxi, Panyu, Guangzhou) to OUT, to check it.

    The data as JSON and as NDJSON, its governance charter and the Panyu
    profile: `smartstd example --out panyu && smartstd check panyu`.
    """
    from smartstd.example import write_bundled_example

    written = write_bundled_example(out, force=force)
    click.echo(t("wrote_example", lang or default_lang(), out=out, n=len(written)), err=True)
    sys.exit(EXIT_OK)


#: The command registered by :mod:`smartstd.cli`.
COMMAND = example_command
