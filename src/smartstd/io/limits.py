"""The limits that protect the readers and the reports from hostile or accidental huge input.

Every input limit that is exceeded becomes an SC109 ``input-limit`` finding
with the limit's name, the observed value and the configured maximum; the
input is then not (or no further) parsed. The finding limits keep a report
readable: findings over them are counted, not listed, and an SC903 notice
says how many were left out (the report's counts stay exact).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smartstd.errors import UsageError

__all__ = ["MAX_LIMIT", "Limits", "refusal"]

#: The largest value of any limit (2**53, 8 PiB): a larger one overflowed the
#: readers' sizes (``max_line_bytes = 1e20`` stopped the check).
MAX_LIMIT = 2**53


@dataclass(frozen=True)
class Limits:
    """Limits on what the readers accept.

    Attributes:
        max_file_bytes: the size of a whole JSON or YAML document. It is read
            whole, and parsed it takes about ten times its size in memory (a
            510 MB document of 5 million entities peaked at 5.3 GB), so the
            default, 256 MiB, keeps a check under about 3 GB; larger data is
            written as NDJSON, which streams in bounded memory.
        max_ndjson_bytes: the size of an NDJSON file, all its lines together;
            ``None`` (the default) sets none: NDJSON is streamed line by line,
            so a file of any size (a city's 200 GB) is read in bounded memory.
        max_line_bytes: the length of one NDJSON line, without its line end.
        max_depth: how deeply objects and arrays (mappings and sequences) may
            nest; a top-level object is depth 1.
        max_yaml_aliases: how many nodes YAML aliases may expand to in total
            (the "billion laughs" budget); a document without aliases never
            touches it.
        max_yaml_bytes: the size of a YAML document (YAML parsing is slower
            and hungrier than JSON parsing, about forty times the size in
            memory with every node's position, so it has its own, smaller
            limit: a 16 MB document peaked at 645 MB).
        max_findings_per_rule_per_record: findings of one rule listed for
            one record (or one document's reading problems).
        max_findings_per_record: findings listed for one record.
        max_findings: findings listed for the whole run.
        max_table_cells: the cells of a table a graph command builds from a
            charter: ``smartstd graph raci``'s matrix (domains times
            organisations) and the entries of ``smartstd graph duties``'
            lists (roles, benefits, obligations, grants, agreements and
            their parties). A charter of 20,000 organisations by 20,000
            domains makes a matrix of 400 million cells (3.4 GB and minutes
            before); one over the limit is refused before it is built, and
            ``--domain`` and ``--organization`` take the part that is needed.
    """

    max_file_bytes: int = 256 * 1024**2
    max_ndjson_bytes: int | None = None
    max_line_bytes: int = 64 * 1024**2
    max_depth: int = 64
    max_yaml_aliases: int = 10_000
    max_yaml_bytes: int = 64 * 1024**2
    max_findings_per_rule_per_record: int = 100
    max_findings_per_record: int = 500
    max_findings: int = 20_000
    max_table_cells: int = 1_000_000

    def __post_init__(self) -> None:
        for name in (
            "max_file_bytes",
            "max_line_bytes",
            "max_depth",
            "max_yaml_aliases",
            "max_yaml_bytes",
            "max_ndjson_bytes",
            "max_findings_per_rule_per_record",
            "max_findings_per_record",
            "max_findings",
            "max_table_cells",
        ):
            value = getattr(self, name)
            if value is None and name == "max_ndjson_bytes":
                continue
            least = 0 if name == "max_yaml_aliases" else 1
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise UsageError(key="bad_limit", name=name, least=least, value=value)
            if value > MAX_LIMIT:  # a limit past what a file offset holds
                raise UsageError(key="limit_too_large", name=name, most=MAX_LIMIT, value=value)


def refusal(finding: Any) -> UsageError:
    """The error that refuses an input over a limit, from its SC109 finding.

    Its message says what (the limit, the value and the maximum), where
    (file, line, column and JSON Pointer) and how to get past it (the
    finding's own advice for a document read whole; otherwise: raise the
    limit under ``[limits]`` in ``smartstd.toml``), in zh-CN or en. Commands
    that cannot go on without the whole input (``smartstd assess``) raise it;
    ``smartstd migrate`` says it as the reason nothing was written.
    """
    from smartstd._error_messages import Phrase

    where = ":".join(str(x) for x in (finding.file, finding.line, finding.column) if x is not None)
    if finding.path:
        where = f"{where} {finding.pointer}" if where else finding.pointer
    name = str(finding.params.get("limit", ""))
    if finding.params.get("hint"):  # the finding says what to do itself
        advice = Phrase("", "")
    else:
        advice = Phrase(
            f"；确属正常数据时，可在 smartstd.toml 的 [limits] 中调高 {name}",
            f"; if the data genuinely needs it, raise {name} under [limits] in smartstd.toml",
        )
    return UsageError(key="input_over_limit", where=where or "-", finding=finding, advice=advice)
