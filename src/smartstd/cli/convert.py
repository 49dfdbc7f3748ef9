"""``smartstd convert INPUT --from FORMAT -o OUT``: bring data in from other formats.

A thin layer over :func:`smartstd.interchange.convert`: options into a
:class:`~smartstd.interchange.ConvertOptions`, the dataset written, the
conversion report (issues, guesses, losses, source map) printed or written,
and with ``--check`` the dataset checked and every finding pointed back at
its source cell. Exit 0 done, 1 conversion errors, losses under
``--strict`` or check errors, 2 bad usage.

转换命令：把表格、Open311、FIWARE 数据转换为标准数据集，并给出转换报告。
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from smartstd.cli import EXIT_FAIL, EXIT_OK, default_lang, guard
from smartstd.cli._options import option_group
from smartstd.cli.command import Command
from smartstd.cli.messages import t

__all__ = ["COMMAND", "convert_command"]

_FROM = (
    "xlsx",
    "csv",
    "open311-json",
    "open311-xml",
    "open311-services",
    "ngsi-v2",
    "ngsi-ld",
    "geojson",
)


#: The converted dataset's envelope and each record's community.
_envelope_options = option_group(
    click.option("--dataset-id", default=None, help="The envelope's dataset_id."),
    click.option("--publisher-id", default=None, help="The envelope's publisher_id."),
    click.option(
        "--classification",
        type=click.Choice(["public", "internal", "restricted"]),
        default="internal",
        show_default=True,
        help="The envelope's classification.",
    ),
    click.option("--community-id", default=None, help="The community of records that name none."),
    click.option(
        "--reference",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="An SCDS dataset whose communities' boundaries place records (point-in-polygon).",
    ),
)


#: How much of the source is read.
_limit_options = option_group(
    click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=100 * 1024 * 1024,
        show_default=True,
        help="The largest input file.",
    ),
    click.option(
        "--max-records",
        type=click.IntRange(min=1),
        default=1_000_000,
        show_default=True,
        help="The most records read.",
    ),
    click.option(
        "--max-unpacked-bytes",
        type=click.IntRange(min=1),
        default=1024 * 1024 * 1024,
        show_default=True,
        help="The most an xlsx workbook may unpack to (a zip bomb stops here).",
    ),
)


#: The conversion report, and what makes the conversion fail.
_report_options = option_group(
    click.option(
        "--report",
        "report_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the conversion report (JSON) here.",
    ),
    click.option("--strict", is_flag=True, help="Fail (exit 1) if any source value was dropped."),
    click.option(
        "--check",
        "run_check",
        is_flag=True,
        help="Check the result and point each finding back at its source (sheet and cell).",
    ),
    click.option(
        "--level",
        type=click.Choice(["L1", "L2", "L3"]),
        default=None,
        help="The level --check checks for.",
    ),
)


@click.command("convert", cls=Command)
@click.argument(
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The file to convert.",
)
@click.option("--from", "fmt", required=True, type=click.Choice(_FROM), help="The source's format.")
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SCDS dataset to write (.json: one document; else NDJSON); "
    "for open311-services, the crosswalk YAML.",
)
@click.option(
    "--crosswalk",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A crosswalk file (default: the Guangzhou defaults).",
)
@_envelope_options
@click.option(
    "--type",
    "entity_type",
    default=None,
    help="The entity type of a CSV or GeoJSON file, or of a workbook's sheets (Sheet1, 工单) "
    "when none is named after a type.",
)
@click.option(
    "--language", default="zh-CN", show_default=True, help="The language of the source's text."
)
@_limit_options
@_report_options
@click.option(
    "--lang", type=click.Choice(["zh-CN", "en"]), default=None, help="Language of messages."
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@guard
def convert_command(
    source: Path,
    fmt: str,
    out: Path,
    crosswalk: Path | None,
    dataset_id: str | None,
    publisher_id: str | None,
    classification: str,
    community_id: str | None,
    reference: Path | None,
    entity_type: str | None,
    language: str,
    max_bytes: int,
    max_records: int,
    max_unpacked_bytes: int,
    report_path: Path | None,
    strict: bool,
    run_check: bool,
    level: str | None,
    lang: str | None,
    quiet: bool,
) -> None:
    """Convert SOURCE (a workbook, CSV, Open311, NGSI or GeoJSON file) into an SCDS dataset.

    Every guessed value is marked in the record's provenance.imputed and
    every source value without a field is kept as an extension field under
    its own name; what could not be kept is listed in the report.
    """
    from smartstd.interchange import ConvertLimits, ConvertOptions, convert, services_crosswalk

    lang = lang or default_lang()
    if fmt == "open311-services":
        text, guessed = services_crosswalk(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        if not quiet:
            names = ", ".join(guessed) or "-"
            message = t("convert_crosswalk_written", lang, out=out, n=len(guessed), codes=names)
            click.echo(message, err=True)
        sys.exit(EXIT_OK)
    opts = ConvertOptions(
        dataset_id=dataset_id,
        publisher_id=publisher_id,
        classification=classification,
        community_id=community_id,
        reference=reference,
        crosswalk=crosswalk,
        language=language,
        entity_type=entity_type,
        limits=ConvertLimits(
            max_bytes=max_bytes, max_records=max_records, max_unpacked_bytes=max_unpacked_bytes
        ),
    )
    conv = convert(source, fmt, opts)
    out_fmt = "json" if out.suffix.lower() == ".json" else "ndjson"
    conv.write(out, out_fmt)
    check_report = None
    if run_check:
        from smartstd import check

        check_report = check([str(out)], level=level)
    report = conv.report(lang, check_report, out_fmt)
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    _print(report, lang, quiet)
    failed = conv.errors > 0 or (strict and not conv.lossless)
    if check_report is not None and check_report.counts.get("error", 0):
        failed = True
    sys.exit(EXIT_FAIL if failed else EXIT_OK)


def _print(report: dict[str, Any], lang: str, quiet: bool) -> None:
    for item in report["issues"]:
        if quiet and item["severity"] != "error":
            continue
        click.echo(
            f"{item['source']}: {item['severity']} {item['code']} {item['message']}", err=True
        )
    if not quiet:
        for loss in report["dropped"]:
            click.echo(t("convert_dropped", lang, **loss), err=True)
    for f in (report.get("check") or {}).get("findings", []):
        if quiet and f["severity"] != "error":
            continue
        where = f["source"] or t("convert_output_line", lang, line=f["output"]["line"])
        ptr = f["output"]["pointer"] or "/"
        click.echo(f"{where}: {f['severity']} {f['code']} {f['message']} ({ptr})", err=True)
    if quiet:
        return
    line = t("convert_summary", lang, **report["counts"])
    if "check" in report:
        line += t("convert_checked", lang, level=report["check"]["level"])
    click.echo(line, err=True)


COMMAND = convert_command
