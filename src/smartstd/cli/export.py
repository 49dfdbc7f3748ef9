"""``smartstd export DATA --to ngsi-ld|ngsi-v2|open311|geojson``: write a dataset in another format.

导出命令：把标准数据集导出为 NGSI-LD、NGSI-v2、Open311 或 GeoJSON。
"""

from __future__ import annotations

from pathlib import Path

import click

from smartstd.cli import guard
from smartstd.cli._options import lang_option
from smartstd.cli.command import Command

__all__ = ["COMMAND", "export_command"]


@click.command("export", cls=Command)
@click.argument(
    "data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The SCDS dataset to write out.",
)
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Choice(["ngsi-ld", "ngsi-v2", "open311", "geojson"]),
    help="The format to write.",
)
@click.option(
    "--key-values", is_flag=True, help="NGSI keyValues (v2) or concise (LD), not normalized."
)
@click.option("--xml", is_flag=True, help="Open311 as XML, not JSON.")
@click.option(
    "--crosswalk",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The crosswalk whose reverse tables give source values.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default: standard output).",
)
@lang_option
@guard
def export_command(
    data: Path,
    target: str,
    key_values: bool,
    xml: bool,
    crosswalk: Path | None,
    out: Path | None,
    lang: str | None,
) -> None:
    """Write the SCDS dataset DATA (JSON, NDJSON or YAML) as NGSI-LD, NGSI-v2, Open311 or GeoJSON.

    Source values kept as extension fields (fiware:..., open311:...) are
    written back under their own names; fields Open311 has none for go in
    each request's extended_attributes. GeoJSON: one Feature per record
    that has a geometry, its other fields as properties.
    """
    from smartstd.cli import write_output
    from smartstd.interchange import export

    write_output(export(data, target, key_values=key_values, xml=xml, crosswalk=crosswalk), out)


COMMAND = export_command
