"""``smartstd migrate PATH --to V --out OUT``: move a dataset to another version.

Nothing is lost silently: what cannot be carried is listed, and stops the migration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, default_lang, guard
from smartstd.cli._options import choice_format_option, config_option, lang_option
from smartstd.cli.command import Command
from smartstd.cli.messages import t

__all__ = ["COMMAND", "migrate_command"]


@click.command("migrate", cls=Command)
@click.argument(
    "path",
    type=click.Path(exists=True, dir_okay=False, readable=False, path_type=Path),
    help="The dataset to migrate.",
)
@click.option("--to", "to", required=True, help="The version to migrate to.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the migrated dataset (same format as PATH).",
)
@click.option(
    "--from", "source", default=None, help="The data's version (default: its standard_version)."
)
@click.option(
    "--accept-loss",
    is_flag=True,
    help="Write the result even when some values cannot be carried (they are still listed).",
)
@choice_format_option("text", "json", help="Format of the summary.", show_default=True)
@lang_option
@config_option
@guard
def migrate_command(
    path: Path,
    to: str,
    out: Path,
    source: str | None,
    accept_loss: bool,
    fmt: str,
    lang: str | None,
    config: Path | None,
) -> None:
    """Migrate the dataset PATH (JSON, YAML or NDJSON) to version --to.

    Extension fields travel along. A value that a step cannot carry is listed
    with its JSON Pointer, and nothing is written (exit 1) unless
    --accept-loss is given. A file over an input limit ([limits] in
    smartstd.toml, as for `smartstd check`) is not migrated (SC109, exit 1).
    """
    from smartstd.config import load_config
    from smartstd.migrate import migrate

    cfg = load_config(config)
    result = migrate(path, to, out, source=source, accept_loss=accept_loss, limits=cfg.limits)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        lang = lang or cfg.lang or default_lang()
        for err in result.messages(lang):
            click.echo(t("plain_error", lang, error=err), err=True)
        for loss in result.losses:
            where = t("migrate_line", lang, line=loss.line) if loss.line is not None else ""
            key = "migrate_lost" if result.accepted else "migrate_cannot_carry"
            value = json.dumps(loss.value, ensure_ascii=False)
            click.echo(
                t(
                    key,
                    lang,
                    where=where,
                    pointer=loss.pointer or "/",
                    value=value,
                    reason=loss.reason,
                    step=loss.step,
                ),
                err=True,
            )
        chain = ", ".join(result.steps) or t("migrate_no_step", lang)
        if result.ok:
            click.echo(
                t(
                    "migrated",
                    lang,
                    path=path,
                    source=result.source,
                    target=result.target,
                    chain=chain,
                    out=out,
                )
            )
            if result.losses:
                click.echo(t("migrate_dropped", lang, n=len(result.losses)), err=True)
        elif not result.errors:
            click.echo(t("not_migrated", lang, n=len(result.losses), to=to), err=True)
    sys.exit(EXIT_OK if result.ok else EXIT_FAIL)


#: The command registered by :mod:`smartstd.cli`.
COMMAND = migrate_command
