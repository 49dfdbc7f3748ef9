"""``smartstd info``: what a dataset holds (counts per type, version, profiles, classification)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, default_lang, guard
from smartstd.cli._options import InputPath, lang_option
from smartstd.cli.command import Command
from smartstd.cli.messages import t as msg

__all__ = ["info_command"]


@click.command("info", cls=Command)
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=InputPath(exists=True, readable=False),
    help="Files or folders of one dataset.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@lang_option
@guard
def info_command(paths: tuple[str, ...], as_json: bool, lang: str | None) -> None:
    """Load PATHS as one dataset and summarise it.

    Exit code 1 when the data cannot be loaded (the problems are listed).
    """
    from smartstd.errors import InputError
    from smartstd.loader import load

    zh = (lang or default_lang()) == "zh-CN"
    try:
        ds = load([Path(p) for p in paths])
    except InputError as exc:
        click.echo(exc.message("zh-CN" if zh else "en"), err=True)
        click.echo(msg("run_check_for_report", "zh-CN" if zh else "en"), err=True)
        sys.exit(EXIT_FAIL)
    counts = Counter(e.type for e in ds.entities)
    data = {
        "dataset_id": ds.dataset_id,
        "standard": ds.standard,
        "standard_version": ds.standard_version,
        "publisher_id": ds.publisher_id,
        "generated_at": ds.generated_at.isoformat(),
        "classification": ds.classification,
        "profiles": list(ds.profiles),
        "extensions": dict(ds.extensions),
        "entities": sum(counts.values()),
        "counts": dict(sorted(counts.items())),
    }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        sys.exit(EXIT_OK)
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    labels = (
        ("数据集", "标准版本", "发布方", "生成时间", "密级", "地方配置", "实体总数")
        if zh
        else (
            "Dataset",
            "Standard version",
            "Publisher",
            "Generated at",
            "Classification",
            "Profiles",
            "Entities",
        )
    )
    values = (
        ds.dataset_id,
        f"{ds.standard} {ds.standard_version}",
        ds.publisher_id,
        data["generated_at"],
        ds.classification,
        ", ".join(ds.profiles) or "-",
        str(data["entities"]),
    )
    for label, value in zip(labels, values, strict=True):
        console.print(f"{label}: {value}")
    table = Table("类型" if zh else "Type", "数量" if zh else "Count")
    for t, n in sorted(counts.items()):
        table.add_row(t, str(n))
    console.print(table)
    sys.exit(EXIT_OK)
