"""Deterministic, streaming generator of realistic SCDS datasets (合成数据生成器).

The same seed gives the same bytes. Datasets look like what a Guangzhou
district would publish: real streets of the district, invented communities,
estates and organisations, Chinese and English names, plausible households
and ages, requests that follow the published lifecycle within their
deadlines, devices with the right data categories, and a governance charter
that passes the role-boundary checks (SC6xx), so the data reaches level L3.
Residents carry no names and phones are masked. By default the dataset is
``public`` and holds back what PIPL art. 28 makes sensitive (special groups,
health and assistance needs, biometric and whereabouts readings); ask for
``classification="internal"`` to get all of it.

The output streams: :func:`generate` yields JSON-ready dicts (the envelope
first, then every entity) and keeps only the current community's plan in
memory, so ``scale="city"`` (2.5 million records, mostly observations) runs
in bounded memory (about 55 MB resident). :func:`write` serialises the stream
as NDJSON or JSON without building the whole list, at well over 100,000
records a second.

Order of the entities: organisations, then for each community its community,
grids, buildings, dwellings, households, residents, facilities, services,
service profiles, service records, requests, consultations, devices,
observations and alerts; then the pilot; then the charter (sub-domains, data
categories, purposes, agreements, assignments, grants, duty separations).
References point to entities yielded earlier, except where the standard's
fields point forward by nature: organisations list the communities they
serve, residents' consents and profiles name purposes, and devices name data
categories (both in the charter, which may live in another file).

zh-CN：确定性的流式合成数据生成器。同一种子输出字节完全相同；数据以广州市番禺区为
背景（街道真实，社区、小区和组织均为虚构），居民不含姓名，手机号脱敏，附带可通过
职责边界检查的治理章程。

Example:
    >>> from smartstd.generate import Counts, generate
    >>> records = generate(seed=1, counts=Counts(observations=10))
    >>> next(records)["standard"]
    'scds'
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TextIO, TypeAlias, Union

from smartstd._generate._charter import build_charter, charter_dates
from smartstd._generate._clock import TZ, iso
from smartstd._generate._community import CommunityGen
from smartstd._generate._counts import Counts
from smartstd._generate._orgs import Registry, build_registry
from smartstd.errors import UsageError
from smartstd.standard.dataset import STANDARD_VERSION

__all__ = [
    "DEFAULT_GENERATED_AT",
    "EXAMPLE_FILES",
    "EXAMPLE_SEED",
    "SCALES",
    "CharterOption",
    "Classification",
    "Counts",
    "Format",
    "Stats",
    "counts_for",
    "generate",
    "generate_charter",
    "write",
    "write_example",
    "write_records",
]

#: Output formats of :func:`write`.
Format = Literal["json", "ndjson", "yaml"]

#: Dataset classifications (the envelope's ``classification``).
Classification = Literal["public", "internal", "restricted"]

#: Whether the charter comes with the data: ``True`` (``"include"``), ``False``
#: (``"exclude"``) or ``"only"``.
CharterOption: TypeAlias = Union[bool, Literal["include", "exclude", "only"]]

#: The default ``generated_at``: fixed, so the output is byte-identical for a seed.
DEFAULT_GENERATED_AT = dt.datetime(2026, 6, 30, 18, 0, 0, tzinfo=TZ)

#: The seed of the committed example (``examples/guangzhou-panyu``).
EXAMPLE_SEED = 2026

#: The files :func:`write_example` writes, relative to its directory.
EXAMPLE_FILES = (
    "dataset.json",
    "charter.yaml",
    "ndjson/dataset.ndjson",
    "ndjson/charter.yaml",
)

#: YAML output is for charters and other small outputs only.
_YAML_MAX_ENTITIES = 100_000


#: Preset counts by scale name.
SCALES: Mapping[str, Counts] = MappingProxyType(
    {
        "community": Counts(),
        "district": Counts(communities=20, observations=20_000),
        "city": Counts(communities=200, observations=10_000),
    }
)


@dataclass(frozen=True)
class Stats:
    """What :func:`write` wrote.

    Attributes:
        entities: entities written (the envelope not counted).
        by_type: entities by type.
        seconds: wall-clock time spent generating and writing.
        bytes_written: size of the file written, or ``None`` when writing to a stream.
    """

    entities: int
    by_type: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    bytes_written: int | None = None

    @property
    def records(self) -> int:
        """Records written: the envelope (or header) and the entities."""
        return self.entities + 1

    @property
    def records_per_second(self) -> float:
        """Entities (plus the envelope) per second."""
        return (self.entities + 1) / self.seconds if self.seconds > 0 else 0.0


def counts_for(scale: str = "community", **overrides: int | None) -> Counts:
    """The preset counts of ``scale`` with some counts changed (``None`` leaves one as is).

    >>> counts_for("community", observations=100).observations
    100

    Raises:
        ValueError: for an unknown scale or count name, or counts that do not fit together.
    """
    if scale not in SCALES:
        raise UsageError(key="unknown_scale", scale=scale, known=", ".join(SCALES))
    names = {f.name for f in fields(Counts)}
    unknown = set(overrides) - names
    if unknown:
        raise UsageError(
            key="unknown_counts", names=", ".join(sorted(unknown)), known=", ".join(sorted(names))
        )
    return replace(SCALES[scale], **{k: v for k, v in overrides.items() if v is not None})


# ============================================================================ generation


def _resolve(
    scale: str, counts: Counts | None, generated_at: dt.datetime | None
) -> tuple[Counts, dt.datetime, int]:
    if counts is None:
        if scale not in SCALES:
            raise UsageError(key="unknown_scale", scale=scale, known=", ".join(SCALES))
        counts = SCALES[scale]
    gen = DEFAULT_GENERATED_AT if generated_at is None else generated_at
    if gen.tzinfo is None or gen.utcoffset() is None:
        raise UsageError(key="generated_at_naive", value=gen.isoformat())
    return counts, gen, int(gen.timestamp())


def _envelope(
    reg: Registry,
    seed: int,
    label: str,
    now: int,
    classification: Classification,
) -> dict[str, Any]:
    d = reg.district
    if len(reg.streets) == 1:
        st = reg.streets[0]
        publisher = reg.street_orgs[0]["street_office"].id
        title = {
            "zh-CN": f"广州市{d.zh}{st.zh}智慧社区数据（合成示例）",
            "en": f"Smart community data, {st.en} Street, {d.en} District, Guangzhou (synthetic)",
        }
    else:
        publisher = reg.shared["data_bureau"].id
        title = {
            "zh-CN": f"广州市{d.zh}智慧社区数据（合成示例）",
            "en": f"Smart community data, {d.en} District, Guangzhou (synthetic)",
        }
    suffix = "" if classification == "public" else f"-{classification}"
    return {
        "standard": "scds",
        "standard_version": STANDARD_VERSION,
        "dataset_id": f"scds-{d.code}-{label}-s{seed}{suffix}",
        "title": title,
        "publisher_id": publisher,
        "generated_at": iso(now),
        "classification": classification,
        "languages": ["zh-CN", "en"],
        "crs": "EPSG:4326",
        "extensions": {},
        "licence": "CC-BY-4.0",
    }


def _pilot(reg: Registry, gen: dt.datetime) -> dict[str, Any]:
    d = reg.district
    dates = charter_dates(gen)
    if len(reg.streets) == 1:
        st = reg.streets[0]
        name = {
            "zh-CN": f"{d.zh}{st.zh}智慧社区数据标准试点",
            "en": f"Smart community data standard pilot, {st.en} Street, {d.en}",
        }
    else:
        name = {
            "zh-CN": f"{d.zh}智慧社区数据标准试点",
            "en": f"Smart community data standard pilot, {d.en}",
        }
    targets = (
        ("request_response_rate", "ge", 0.95),
        ("on_time_resolution_rate", "ge", 0.9),
        ("median_response_hours", "le", 24.0),
        ("mean_satisfaction", "ge", 4.0),
        ("participation_rate", "ge", 10.0),
        ("consultation_turnout", "ge", 0.3),
        ("need_coverage", "ge", 0.8),
        ("profile_freshness", "ge", 0.9),
        ("device_availability", "ge", 0.95),
        ("critical_alert_ack_minutes", "le", 5.0),
        ("governance_completeness", "eq", 1.0),
    )
    return {
        "id": f"pilot-{d.code}-scds",
        "type": "Pilot",
        "name": name,
        "community_ids": [c.id for c in reg.communities],
        "standard_version": STANDARD_VERSION,
        "starts_on": dates["pilot_start"].isoformat(),
        "ends_on": dates["pilot_end"].isoformat(),
        "lead_id": reg.shared["data_bureau"].id,
        "targets": [{"indicator": i, "comparator": c, "value": v} for i, c, v in targets],
        "status": "running",
    }


def _charter_mode(charter: CharterOption) -> Literal["include", "exclude", "only"]:
    if charter is True or charter == "include":
        return "include"
    if charter is False or charter == "exclude":
        return "exclude"
    if charter == "only":
        return "only"
    raise UsageError(key="bad_charter_option", value=charter)


def generate(
    *,
    seed: int = 0,
    scale: str = "community",
    counts: Counts | None = None,
    generated_at: dt.datetime | None = None,
    division_code: str = "440113",
    charter: CharterOption = True,
    classification: Classification = "public",
) -> Iterator[dict[str, Any]]:
    """Generate a dataset as a stream of JSON-ready dicts: the envelope, then the entities.

    Args:
        seed: the seed; the same seed (and arguments) gives the same output.
        scale: a preset of :data:`SCALES` (``community``, ``district``, ``city``).
        counts: explicit counts; overrides ``scale``.
        generated_at: the dataset's "now" (with an offset); every timestamp is
            at or before it. Defaults to :data:`DEFAULT_GENERATED_AT`.
        division_code: one of Guangzhou's districts (GB/T 2260); Panyu by default.
        charter: ``True`` (or ``"include"``) to append the governance charter,
            ``False`` (``"exclude"``) for the data only, ``"only"`` for the
            charter alone after a header of ``standard``, ``standard_version``
            and ``dataset_id`` (no ``generated_at``): a fragment that joins the
            data file of the same ``dataset_id`` when both are checked together.
        classification: the envelope's classification. A ``public`` dataset
            (the default) holds back what is sensitive personal data under PIPL
            art. 28 and rule SC409: residents' special groups, needs of sensitive
            categories (health, disability support, social assistance),
            enrolments in services open only to a special group, and the
            readings of face-recognition gates and access control. ``internal``
            and ``restricted`` datasets carry all of it. Phones are masked and
            residents unnamed either way.

    Yields:
        The envelope (or the charter's header), then each entity, as plain
        dicts ready for ``json.dumps``.

    Raises:
        ValueError: for an unknown scale, classification or charter option, a
            naive ``generated_at`` or a division code outside Guangzhou (raised
            on the first ``next``).
    """
    mode = _charter_mode(charter)
    if classification not in ("public", "internal", "restricted"):
        raise UsageError(key="unknown_classification", value=classification)
    cnt, gen, now = _resolve(scale, counts, generated_at)
    reg = build_registry(seed, cnt.communities, cnt.organizations, division_code)
    preset = counts is None or (scale in SCALES and counts == SCALES[scale])
    envelope = _envelope(reg, seed, scale if preset else "custom", now, classification)
    if mode == "only":
        yield {k: envelope[k] for k in ("standard", "standard_version", "dataset_id")}
        yield from build_charter(reg, gen)
        return
    yield envelope
    for org in reg.orgs:
        yield org.entity()
    salt = f"smartstd-synthetic-{seed}"
    public = classification == "public"
    for info in reg.communities:
        yield from CommunityGen(reg, info, cnt, seed, now, salt, public).entities()
    yield _pilot(reg, gen)
    if mode == "include":
        yield from build_charter(reg, gen)


def generate_charter(
    *,
    seed: int = 0,
    scale: str = "community",
    counts: Counts | None = None,
    generated_at: dt.datetime | None = None,
    division_code: str = "440113",
) -> list[dict[str, Any]]:
    """The charter entities alone (no envelope) for the dataset with these arguments.

    The charter depends only on the organisations, so it matches the data
    :func:`generate` yields for the same arguments (whatever the classification).
    """
    cnt, gen, _ = _resolve(scale, counts, generated_at)
    reg = build_registry(seed, cnt.communities, cnt.organizations, division_code)
    return build_charter(reg, gen)


# ============================================================================ writing


def _open(out: str | os.PathLike[str] | TextIO) -> tuple[TextIO, Path | None]:
    if isinstance(out, (str, os.PathLike)):
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8", newline="\n"), path
    return out, None


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_QUOTE: Callable[[str], str] = json.encoder.encode_basestring
_OBS_KEYS = ("id", "type", "device_id", "observed_at", "property")
#: Key orders of observations the fast path writes: key tuple -> (has value, has unit).
_OBS_LAYOUTS: dict[tuple[str, ...], tuple[bool, bool]] = {
    (*_OBS_KEYS, "value", "unit", "quality"): (True, True),
    (*_OBS_KEYS, "value", "quality"): (True, False),
    (*_OBS_KEYS, "unit", "quality"): (False, True),
    (*_OBS_KEYS, "quality"): (False, False),
}
_QUOTED: dict[str, str] = {}


def _quoted(s: str) -> str:
    """The JSON literal of a string that repeats (a device id, a property, a unit), cached."""
    out = _QUOTED.get(s)
    if out is None:
        if len(_QUOTED) >= 4096:
            _QUOTED.clear()
        out = _QUOTED[s] = _QUOTE(s)
    return out


def _value_text(value: Any) -> str | None:
    """The JSON of an observation's value, or ``None`` for a type the fast path leaves alone."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)
    if kind is str:
        return _QUOTE(value)
    return None


def _observation_line(d: dict[str, Any]) -> str | None:
    """The compact JSON of an observation, as ``_COMPACT`` would write it, only faster.

    Observations are most of a large dataset; formatting them directly saves
    the general encoder's work. Anything unusual (another key order, a value
    of another type, a non-string where a string belongs) returns ``None``
    and goes through the encoder.
    """
    layout = _OBS_LAYOUTS.get(tuple(d))
    if layout is None:
        return None
    try:
        head = (
            f'{{"id":{_QUOTE(d["id"])},"type":"Observation","device_id":{_quoted(d["device_id"])},'
            f'"observed_at":{_QUOTE(d["observed_at"])},"property":{_quoted(d["property"])}'
        )
        quality = _quoted(d["quality"])
        has_value, has_unit = layout
        value = _value_text(d["value"]) if has_value else ""
        if value is None:
            return None
        if has_unit:
            unit = "null" if d["unit"] is None else _quoted(d["unit"])
            if has_value:
                return f'{head},"value":{value},"unit":{unit},"quality":{quality}}}'
            return f'{head},"unit":{unit},"quality":{quality}}}'
        if has_value:
            return f'{head},"value":{value},"quality":{quality}}}'
        return f'{head},"quality":{quality}}}'
    except TypeError:
        return None


def _encode(entity: dict[str, Any]) -> str:
    if entity.get("type") == "Observation":
        line = _observation_line(entity)
        if line is not None:
            return line
    return _COMPACT(entity)


def _write_ndjson(
    f: TextIO, first: dict[str, Any], rest: Iterator[dict[str, Any]], counter: Counter[str]
) -> None:
    encode = _encode
    f.write(_COMPACT(first) + "\n")
    buf: list[str] = []
    append = buf.append
    for entity in rest:
        counter[entity["type"]] += 1
        append(encode(entity))
        if len(buf) >= 4096:
            buf.append("")
            f.write("\n".join(buf))
            buf.clear()
    if buf:
        buf.append("")
        f.write("\n".join(buf))


def _write_json(
    f: TextIO, first: dict[str, Any], rest: Iterator[dict[str, Any]], counter: Counter[str]
) -> None:
    encode = _encode
    f.write("{\n")
    for key, value in first.items():
        f.write(f"  {_COMPACT(key)}: {_COMPACT(value)},\n")
    f.write('  "entities": [')
    buf: list[str] = []
    sep = "\n    "
    for entity in rest:
        counter[entity["type"]] += 1
        buf.append(sep + encode(entity))
        sep = ",\n    "
        if len(buf) >= 4096:
            f.write("".join(buf))
            buf.clear()
    f.write("".join(buf))
    f.write("\n  ]\n}\n" if sep != "\n    " else "]\n}\n")


def _write_yaml(
    f: TextIO,
    first: dict[str, Any],
    rest: Iterator[dict[str, Any]],
    counter: Counter[str],
    comment: str | None,
) -> None:
    import yaml

    entities: list[dict[str, Any]] = []
    for entity in rest:
        counter[entity["type"]] += 1
        entities.append(entity)
        if len(entities) > _YAML_MAX_ENTITIES:
            raise UsageError(key="yaml_too_big", most=_YAML_MAX_ENTITIES)

    class Dumper(yaml.SafeDumper):
        pass

    def represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
        flow = bool(data) and len(data) <= 8 and all(isinstance(x, (str, int, float)) for x in data)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    Dumper.add_representer(list, represent_list)
    if comment:
        f.write("".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines()))
    doc = {**first, "entities": entities}
    yaml.dump(
        doc,
        f,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )


def write_records(
    out: str | os.PathLike[str] | TextIO,
    records: Iterable[dict[str, Any]],
    *,
    fmt: Format = "ndjson",
    comment: str | None = None,
) -> Stats:
    """Write a stream of records (the envelope first, then entities) as a dataset.

    NDJSON is written line by line and JSON item by item (the envelope's
    fields, then ``"entities": [...]`` one entity a line), so neither builds
    the whole dataset in memory. YAML is for small outputs (a charter): it
    collects the entities first.

    Args:
        out: a path (parent folders are created) or an open text stream.
        records: the envelope, then the entities, as from :func:`generate`.
        fmt: ``ndjson``, ``json`` or ``yaml``.
        comment: lines written as ``#`` comments at the top (YAML only).

    Returns:
        What was written.

    Raises:
        ValueError: for an unknown format, no envelope, or too many entities for YAML.
    """
    if fmt not in ("json", "ndjson", "yaml"):
        raise UsageError(key="unknown_generate_format", fmt=fmt)
    start = time.perf_counter()
    it = iter(records)
    try:
        first = next(it)
    except StopIteration:
        raise UsageError(key="no_envelope") from None
    counter: Counter[str] = Counter()
    f, path = _open(out)
    try:
        if fmt == "ndjson":
            _write_ndjson(f, first, it, counter)
        elif fmt == "json":
            _write_json(f, first, it, counter)
        else:
            _write_yaml(f, first, it, counter, comment)
    finally:
        if path is not None:
            f.close()
    size = path.stat().st_size if path is not None else None
    return Stats(
        entities=sum(counter.values()),
        by_type=dict(sorted(counter.items())),
        seconds=time.perf_counter() - start,
        bytes_written=size,
    )


def write(
    out: str | os.PathLike[str] | TextIO,
    *,
    fmt: Format = "ndjson",
    seed: int = 0,
    scale: str = "community",
    counts: Counts | None = None,
    generated_at: dt.datetime | None = None,
    division_code: str = "440113",
    charter: CharterOption = True,
    classification: Classification = "public",
    comment: str | None = None,
) -> Stats:
    """Generate a dataset and write it, streaming (see :func:`generate` and :func:`write_records`).

    Returns:
        What was written; ``records_per_second`` measures the whole run.
    """
    records = generate(
        seed=seed,
        scale=scale,
        counts=counts,
        generated_at=generated_at,
        division_code=division_code,
        charter=charter,
        classification=classification,
    )
    return write_records(out, records, fmt=fmt, comment=comment)


_CHARTER_COMMENT = """\
番禺区钟村街榕溪社区 · 治理章程（合成示例数据，组织与信用代码均为虚构）
责任领域、RACI 分工、数据类别、处理目的、各方协议（收益与义务）、数据授权与职责分离。
由 smartstd.generate.write_example() 生成，请勿手工修改。
检查：smartstd check examples/guangzhou-panyu

Governance charter of Rongxi Community, Zhongcun Street, Panyu (synthetic: every
organisation and credit code is invented). Domains, RACI assignments, data
categories, purposes, agreements with each party's benefits and obligations,
data access grants and duty separations.
Generated by smartstd.generate.write_example(); do not edit by hand.
Check it with: smartstd check examples/guangzhou-panyu"""


def write_example(directory: str | os.PathLike[str]) -> dict[str, Stats]:
    """Write the example community (``examples/guangzhou-panyu``) into ``directory``.

    Writes :data:`EXAMPLE_FILES`: the data as JSON and as NDJSON (envelope on
    line 1), and the charter as YAML with the same envelope, twice: beside the
    JSON and in the NDJSON folder, so that each folder checks on its own. Seed
    :data:`EXAMPLE_SEED`, the ``community`` scale, the default ``generated_at``.

    Returns:
        Stats by file name.
    """
    root = Path(directory)
    kw: dict[str, Any] = {"seed": EXAMPLE_SEED, "scale": "community"}

    def data() -> Iterator[dict[str, Any]]:
        return _panyu_local(generate(charter=False, **kw))

    return {
        "dataset.json": write_records(root / "dataset.json", data(), fmt="json"),
        "charter.yaml": write(
            root / "charter.yaml", fmt="yaml", charter="only", comment=_CHARTER_COMMENT, **kw
        ),
        "ndjson/dataset.ndjson": write_records(
            root / "ndjson" / "dataset.ndjson", data(), fmt="ndjson"
        ),
        "ndjson/charter.yaml": write(
            root / "ndjson" / "charter.yaml",
            fmt="yaml",
            charter="only",
            comment=_CHARTER_COMMENT.replace(
                "examples/guangzhou-panyu", "examples/guangzhou-panyu/ndjson"
            ),
            **kw,
        ),
    }


#: The Panyu district profile the example community follows (``profile.yaml``).
EXAMPLE_PROFILE = "gz-panyu@1.0.0"
_PANYU_PREFIX = ("gz", "https://www.panyu.gov.cn/scds/gz")
_LINGNAN_STYLES = ("qilou", "xiguan_house", "zhutong_house", "modern")


def _panyu_local(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Make a generated community follow the Panyu profile.

    The envelope names the profile and declares its ``gz`` prefix; a few
    buildings record their Lingnan style and the elderly canteen its meal
    subsidy: the profile's local fields, in use.
    """
    buildings = 0
    for i, rec in enumerate(records):
        if i == 0:
            rec = {**rec, "profiles": [EXAMPLE_PROFILE], "extensions": dict([_PANYU_PREFIX])}
        elif rec.get("type") == "Building":
            if buildings % 4 == 0:
                rec = {**rec, "gz:lingnan_style": _LINGNAN_STYLES[(buildings // 4) % 4]}
            buildings += 1
        elif rec.get("type") == "Facility" and rec.get("kind") == "elderly_canteen":
            rec = {**rec, "gz:meal_subsidy_yuan": 3.0}
        yield rec
