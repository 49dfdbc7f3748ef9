"""``smartstd template TYPE... --format xlsx -o OUT``: an Excel template to fill in.

模板命令：生成带中英文表头和代码下拉框的 Excel 模板。
"""

from __future__ import annotations

from pathlib import Path

import click

from smartstd.cli import default_lang, guard
from smartstd.cli.command import Command
from smartstd.cli.messages import t

__all__ = ["COMMAND", "template_command"]


@click.command("template", cls=Command)
@click.argument(
    "types", nargs=-1, required=True, help="Entity types, one sheet each (Resident, Building ...)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx"]),
    default="xlsx",
    show_default=True,
    help="The template's format.",
)
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh-CN", "en"]),
    default=None,
    help="Which language comes first in headers and instructions.",
)
@guard
def template_command(types: tuple[str, ...], fmt: str, out: Path, lang: str | None) -> None:
    """Write a workbook with one sheet per entity TYPE (Resident Building ...) to fill in.

    Headers are bilingual, code columns have dropdowns with both languages'
    labels, and the first sheet explains how to fill it in. Convert it back
    with smartstd convert FILE --from xlsx.
    """
    from smartstd.interchange.template import write_template

    del fmt
    lang = lang or default_lang()
    path = write_template(list(types), out, lang)
    click.echo(t("template_written", lang, out=path, types=", ".join(types)), err=True)


COMMAND = template_command
