"""A conversion: the records made, where each came from, what was guessed and lost.

Converters build one :class:`Draft` per source record: they set fields
(:meth:`Draft.set`), mark what they had to guess (:meth:`Draft.impute`, which
lands in the record's ``provenance.imputed``), keep source values that have
no field under the source's own name (:meth:`Draft.keep`, an extension
field such as ``fiware:streamURL``) and report what could not be kept
(:meth:`Conversion.drop`). The :class:`Conversion` then holds the records,
the source place of every record and field (the source map), the issues,
and the report's lists of guessed and dropped values.

一次转换：生成的记录、每条记录与字段的来源位置、推定与丢弃的值、转换问题。
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartstd.interchange.issue import Issue
from smartstd.report import Severity

if TYPE_CHECKING:
    from smartstd.interchange.crosswalk import Crosswalk
    from smartstd.report import Finding, Report

__all__ = [
    "Conversion",
    "ConvertLimits",
    "ConvertOptions",
    "Draft",
    "Guess",
    "Loss",
]

_EXT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")


@dataclass(frozen=True)
class ConvertLimits:
    """Bounds on what a conversion reads (memory stays bounded by them).

    Attributes:
        max_bytes: the largest input file, in bytes.
        max_records: the most records (rows, entities, requests) read.
        max_unpacked_bytes: the largest total a workbook may unpack to.
    """

    max_bytes: int = 100 * 1024 * 1024
    max_records: int = 1_000_000
    max_unpacked_bytes: int = 1024 * 1024 * 1024


@dataclass
class ConvertOptions:
    """What a conversion is told; the CLI and the API fill the same object.

    Attributes:
        dataset_id: the envelope's ``dataset_id`` (default: from the file name).
        publisher_id: the envelope's ``publisher_id``.
        classification: the envelope's classification.
        community_id: the community of every record that has none.
        reference: an SCDS dataset whose communities' boundaries place records
            by point-in-polygon.
        crosswalk: a crosswalk file or object (default: the Guangzhou defaults).
        language: the language tag of source text (names, addresses).
        entity_type: the entity type of a CSV or GeoJSON file (default: from its name), or
            of a workbook's sheets when none is named after an entity type.
        generated_at: the envelope's ``generated_at`` (default: now).
        limits: input bounds.
    """

    dataset_id: str | None = None
    publisher_id: str | None = None
    classification: str = "internal"
    community_id: str | None = None
    reference: str | Path | None = None
    crosswalk: str | Path | Crosswalk | None = None
    language: str = "zh-CN"
    entity_type: str | None = None
    generated_at: str | None = None
    limits: ConvertLimits = field(default_factory=ConvertLimits)

    def resolved_crosswalk(self) -> Crosswalk:
        """The crosswalk object (loading a file, or the defaults)."""
        from smartstd.interchange.crosswalk import Crosswalk, default_crosswalk, load_crosswalk

        if isinstance(self.crosswalk, Crosswalk):
            return self.crosswalk
        if self.crosswalk is None:
            return default_crosswalk()
        return load_crosswalk(self.crosswalk)


@dataclass(frozen=True)
class Guess:
    """A value the conversion had to guess (also in the record's ``provenance.imputed``)."""

    entity: int
    entity_id: str
    pointer: str
    method: str
    note: str
    source: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "entity": self.entity,
            "id": self.entity_id,
            "pointer": self.pointer,
            "method": self.method,
            "note": self.note,
            "source": self.source,
        }


@dataclass(frozen=True)
class Loss:
    """A source value that landed nowhere."""

    source: str
    name: str
    reason: str
    value: str = ""
    entity: int | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {
            "source": self.source,
            "name": self.name,
            "reason": self.reason,
            "value": self.value,
        }
        if self.entity is not None:
            out["entity"] = self.entity
        return out


def _preview(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


class Draft:
    """One record being built, with the source place of each of its fields.

    Attributes:
        index: the record's index in the output.
        record: the record (a plain JSON object).
        place: where the record came from (``Residents!12``, ``file.json#/3``).
        fields: JSON Pointer inside the record -> the source place of its value.
        imputed: the record's imputations (``provenance.imputed`` items).
    """

    __slots__ = ("_conv", "fields", "imputed", "index", "place", "prefix", "record")

    def __init__(self, conv: Conversion, index: int, type_name: str, place: str, prefix: str):
        self._conv = conv
        self.index = index
        self.record: dict[str, Any] = {"type": type_name}
        self.place = place
        self.prefix = prefix
        self.fields: dict[str, str] = {}
        self.imputed: list[dict[str, Any]] = []

    @property
    def type(self) -> str:
        """The record's entity type."""
        return str(self.record["type"])

    def set(self, name: str, value: Any, place: str | None = None) -> None:
        """Set a top-level field; ``place`` is the source place of its value."""
        self.record[name] = value
        if place:
            self.fields["/" + name] = place

    def impute(self, name: str, value: Any, method: str, note: str, place: str = "") -> None:
        """Set a field the source did not give, and say so in provenance and the report."""
        self.record[name] = value
        self.mark(name, method, note, place)

    def mark(self, name: str, method: str, note: str, place: str = "") -> None:
        """Mark an already set field (``name`` or a JSON Pointer) as imputed."""
        ptr = name if name.startswith("/") else "/" + name
        self.imputed.append({"field": ptr, "method": method, "note": note})
        self._conv.guessed.append(
            Guess(
                self.index, str(self.record.get("id", "")), ptr, method, note, place or self.place
            )
        )
        if place:
            self.fields.setdefault(ptr, place)

    def keep(self, name: str, value: Any, place: str = "", prefix: str | None = None) -> bool:
        """Keep a source value under the source's own name (``fiware:streamURL``).

        A name that cannot be an extension field's is dropped and reported.
        Returns whether it was kept.
        """
        pre = prefix or self.prefix
        if _EXT_NAME.match(name):
            key = f"{pre}:{name}"
            self.record[key] = value
            self._conv.prefixes.add(pre)
            if place:
                self.fields["/" + key] = place
            return True
        self._conv.drop(
            place or self.place,
            name,
            "the name cannot be an extension field (letters, digits and _ only)",
            value,
            self,
        )
        return False

    def issue(self, kind: str, name: str = "", place: str = "", **params: Any) -> None:
        """Report an issue about this record (``name``: the field it concerns)."""
        ptr = "" if not name else (name if name.startswith("/") else "/" + name)
        self._conv.issues.append(
            Issue(kind, place or self.fields.get(ptr, self.place), self.index, ptr, params)
        )


class Conversion:
    """The result of a conversion: an SCDS dataset and its conversion report.

    Attributes:
        source_format: the format converted from (``ngsi-v2`` ...).
        input: the input file, as given.
        source_system: the source system named in provenance (``fiware``).
        drafts: the records, each with its source places.
        issues: what the conversion noticed.
        guessed: every imputed value.
        dropped: every source value that landed nowhere.
        prefixes: the extension prefixes the records use.
        envelope: the dataset envelope (set when the conversion is finished).
        crosswalk: the crosswalk used.
    """

    def __init__(
        self,
        source_format: str,
        input: str,
        source_system: str,
        options: ConvertOptions,
        crosswalk: Crosswalk,
    ) -> None:
        self.source_format = source_format
        self.input = input
        self.source_system = source_system
        self.options = options
        self.crosswalk = crosswalk
        self.drafts: list[Draft] = []
        self.issues: list[Issue] = []
        self.guessed: list[Guess] = []
        self.dropped: list[Loss] = []
        self.prefixes: set[str] = set()
        self.envelope: dict[str, Any] = {}
        self.read = 0

    # ------------------------------------------------------------------ building

    def draft(self, type_name: str, place: str, prefix: str | None = None) -> Draft:
        """Start a new output record."""
        d = Draft(self, len(self.drafts), type_name, place, prefix or self.source_system)
        self.drafts.append(d)
        return d

    def issue(self, kind: str, source: str = "", **params: Any) -> None:
        """Report an issue (of code ``kind``) not tied to one record."""
        self.issues.append(Issue(kind, source, None, "", params))

    def too_many(self, source: str, what: str, size: object) -> None:
        """CV101 for records past ``--max-records`` (``what``: "the number of rows"...)."""
        limit = self.options.limits.max_records
        self.issue("CV101", source, what=what, size=size, limit=limit, option="--max-records")

    def drop(
        self,
        source: str,
        name: str,
        reason: str,
        value: Any = None,
        draft: Draft | None = None,
    ) -> None:
        """Report a source value that could not be kept."""
        self.dropped.append(
            Loss(
                source,
                name,
                reason,
                "" if value is None else _preview(value),
                None if draft is None else draft.index,
            )
        )

    # ------------------------------------------------------------------ results

    @property
    def records(self) -> list[dict[str, Any]]:
        """The output records, in order."""
        return [d.record for d in self.drafts]

    @property
    def errors(self) -> int:
        """How many issues are errors."""
        return sum(1 for i in self.issues if i.severity is Severity.ERROR)

    @property
    def lossless(self) -> bool:
        """Whether every source value landed in a field or an extension field."""
        return not self.dropped

    def dataset(self) -> dict[str, Any]:
        """The whole dataset as one JSON object (envelope and ``entities``)."""
        return {**self.envelope, "entities": self.records}

    def iter_ndjson(self) -> Iterator[str]:
        """The dataset as NDJSON lines (the envelope first), each ending in a newline."""
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        yield dumps(self.envelope) + "\n"
        for d in self.drafts:
            yield dumps(d.record) + "\n"

    def to_json(self) -> str:
        """The dataset as one indented JSON document."""
        return json.dumps(self.dataset(), ensure_ascii=False, indent=2) + "\n"

    def write(self, path: str | Path, fmt: str | None = None) -> None:
        """Write the dataset: NDJSON, or JSON when ``fmt`` is ``json`` or the name ends in .json."""
        p = Path(path)
        form = fmt or ("json" if p.suffix.lower() == ".json" else "ndjson")
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("w", encoding="utf-8", newline="\n") as out:
            if form == "json":
                out.write(self.to_json())
            else:
                out.writelines(self.iter_ndjson())

    def source_map(self) -> list[dict[str, Any]]:
        """For each output record: its id, its source place and its fields' places."""
        return [
            {"entity": d.index, "id": d.record.get("id"), "source": d.place, "fields": d.fields}
            for d in self.drafts
        ]

    def locate(self, finding: Finding, output_format: str = "ndjson") -> str | None:
        """The source place of a conformance finding on the output, when known.

        Findings name a record by line (NDJSON: line ``n`` is record ``n - 2``)
        or by ``/entities/i`` (JSON); the longest field pointer that starts
        the finding's path names the cell.
        """
        path = list(finding.path)
        index: int | None = None
        if path[:1] == ["entities"] and len(path) > 1 and isinstance(path[1], int):
            index, path = path[1], path[2:]
        elif output_format == "ndjson" and finding.line is not None and finding.line >= 2:
            index = finding.line - 2
        if index is None or not 0 <= index < len(self.drafts):
            return None
        d = self.drafts[index]
        if finding.entity_id is not None and d.record.get("id") != finding.entity_id:
            return None
        for n in range(len(path), 0, -1):
            ptr = "".join(f"/{p}" for p in path[:n])
            if ptr in d.fields:
                return d.fields[ptr]
        return d.place

    def report(
        self, lang: str = "en", check: Report | None = None, output_format: str = "ndjson"
    ) -> dict[str, Any]:
        """The conversion report as a JSON-ready dict (see the conversion guide)."""
        out: dict[str, Any] = {
            "input": self.input,
            "from": self.source_format,
            "crosswalk": self.crosswalk.name,
            "counts": {
                "read": self.read,
                "written": len(self.drafts),
                "issues": len(self.issues),
                "errors": self.errors,
                "guessed": len(self.guessed),
                "dropped": len(self.dropped),
            },
            "lossless": self.lossless,
            "issues": [i.to_json(lang) for i in self.issues],
            "guessed": [g.to_json() for g in self.guessed],
            "dropped": [x.to_json() for x in self.dropped],
            "source_map": self.source_map(),
        }
        if check is not None:
            out["check"] = {
                "level": check.level.value,
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity.value,
                        "message": f.message(lang),
                        "output": {"line": f.line, "pointer": f.pointer, "id": f.entity_id},
                        "source": self.locate(f, output_format),
                    }
                    for f in check.findings
                ],
            }
        return out


def now_with_offset(offset: str) -> str:
    """The current time, to the second, at ``offset`` (``+08:00``)."""
    sign = -1 if offset[0] == "-" else 1
    tz = dt.timezone(sign * dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    return dt.datetime.now(tz).replace(microsecond=0).isoformat()


def plain(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """A shallow copy as a plain dict."""
    return dict(mapping)
