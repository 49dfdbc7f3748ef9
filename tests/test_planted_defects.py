"""Planted defects: each rule's defect, planted into a copy of the example, is found once, where it is.

Every variant takes a fresh copy of the example community
(``examples/guangzhou-panyu``: the data, its governance charter and the
district profile), plants one defect the way someone writing a grader for the
standard would (a wrong check digit, a phone number in free text, a reference
to a missing entity, a time out of order, a status transition the lifecycle
does not allow, a code outside its list, an id repeated across files ...),
writes it as JSON, NDJSON or YAML, checks it, and asserts the exact set of
findings the copy did not have before: the planted code, on the right entity,
at the right JSON Pointer, and nothing else. Each finding's line (and, in
JSON and NDJSON, its column) must point into the planted record.

For speed, the copy keeps a consistent part of the example: every
organisation, place, service, device, alert, consultation and charter entity,
and the households, residents, requests and profiles that reference one
another (a household keeps all its residents), so that the copy is as clean as
the example itself (:func:`test_the_copy_is_as_clean_as_the_example`).

埋点缺陷测试：在示例数据的副本中按规则逐一植入缺陷，检查结果必须恰好是该缺陷，位置准确。
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import smartstd
from smartstd.cli import main
from smartstd.conformance.waivers import load_waivers
from smartstd.identifiers import CREDIT_CODE_ALPHABET, id_number_check_digit
from smartstd.io import Limits
from smartstd.report import Finding, pointer

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-panyu"

#: A valid GB 11643 number (a made-up person born 1985-03-12 in Panyu).
ID_NUMBER = "44011319850312123" + id_number_check_digit("44011319850312123")

Key = tuple[str, str, str | None, str, int | None]  # code, file name, entity id, pointer, line


# --------------------------------------------------------------------------- the copy


_KEEP_ALL = frozenset(
    {
        "Organization",
        "Community",
        "Grid",
        "Building",
        "Facility",
        "Service",
        "Consultation",
        "Device",
        "Alert",
        "Pilot",
    }
)


def _part(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A consistent part of the example's entities, in their order (see the module docstring)."""

    def of(t: str) -> list[dict[str, Any]]:
        return [e for e in entities if e["type"] == t]

    requests = of("ServiceRequest")
    wanted_requests = {e["id"] for e in requests[:24]} | {
        e["id"] for e in requests if e["status"] != "closed"
    }
    wanted_requests |= {e.get("request_id") for e in of("Alert")} - {None}
    wanted_requests |= {r for c in of("Consultation") for r in c.get("related_request_ids", [])}
    profiles = of("ServiceProfile")[:20]
    people = {e["id"]: e.get("household_id") for e in of("Resident")}
    residents = {p.get("resident_id") for p in profiles}
    for e in requests:
        if e["id"] in wanted_requests:
            residents |= {e.get("requester_id")} | {ev.get("actor_id") for ev in e["events"]}
    residents &= people.keys()
    households = {people[r] for r in residents} | {p.get("household_id") for p in profiles}
    households.discard(None)
    residents |= {r for r, h in people.items() if h in households}
    dwellings = {e["dwelling_id"] for e in of("Household") if e["id"] in households}
    kept_profiles = {p["id"] for p in profiles}
    records = [e["id"] for e in of("ServiceRecord") if e["profile_id"] in kept_profiles][:8]
    observations = [e["id"] for e in of("Observation")][:30]
    keep = (
        wanted_requests
        | kept_profiles
        | residents
        | households
        | dwellings
        | set(records)
        | set(observations)
    )
    return [e for e in entities if e["type"] in _KEEP_ALL or e["id"] in keep]


@cache
def _example() -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any], str]:
    doc = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
    entities = doc.pop("entities")
    charter = yaml.safe_load((EXAMPLE / "charter.yaml").read_text("utf-8"))
    return doc, _part(entities), charter, (EXAMPLE / "profile.yaml").read_text("utf-8")


@cache
def _pickled() -> bytes:
    return pickle.dumps(_example())


def _dump_yaml(value: Any) -> str:
    return str(yaml.dump(value, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))


@cache
def _charter_text() -> str:
    return _dump_yaml(_example()[2])


@dataclass
class Copy:
    """A fresh copy of the example to plant a defect in.

    Attributes:
        envelope: the dataset's envelope fields.
        entities: the dataset's entities (append new ones: findings keep their places).
        charter: the charter document (``entities`` and, when planted, ``assertions``).
        profile: the text of ``profile.yaml``, written beside the data.
        beside: more files written beside the data (not inputs): name to text.
        inputs: more input files: name to text.
        hooks: edits of a written file's bytes: ``(file name, function)``.
    """

    envelope: dict[str, Any]
    entities: list[dict[str, Any]]
    charter: dict[str, Any]
    profile: str
    beside: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)
    hooks: list[tuple[str, Callable[[bytes], bytes]]] = field(default_factory=list)

    @classmethod
    def fresh(cls) -> Copy:
        envelope, entities, charter, profile = pickle.loads(_pickled())  # a deep copy, fast
        return cls(envelope, entities, charter, profile)

    # -- finding entities

    def get(self, eid: str) -> dict[str, Any]:
        """The data entity with this id."""
        return next(e for e in self.entities if e["id"] == eid)

    def first(self, etype: str, test: Callable[[dict[str, Any]], Any] = bool) -> dict[str, Any]:
        """The first data entity of a type that passes ``test``."""
        return next(e for e in self.entities if e["type"] == etype and test(e))

    def chart(self, eid: str) -> dict[str, Any]:
        """The charter entity with this id."""
        return next(e for e in self.charter["entities"] if e["id"] == eid)

    def drop(self, eid: str) -> None:
        """Remove a charter entity."""
        self.charter["entities"] = [e for e in self.charter["entities"] if e["id"] != eid]

    def declare(self, prefix: str = "x") -> None:
        """Declare an extension prefix in the envelope (for extension fields of a plant)."""
        self.envelope["extensions"][prefix] = f"https://example.org/{prefix}"

    # -- writing

    def write(self, folder: Path, fmt: str) -> list[str]:
        """Write the copy; return the input files, dataset first."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "profile.yaml").write_text(self.profile, "utf-8")
        for name, text in self.beside.items():
            (folder / name).write_text(text, "utf-8")
        data = folder / f"dataset.{fmt}"
        files = [data]
        if fmt == "json":
            lines = ["{"]
            lines += [
                f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},"
                for k, v in self.envelope.items()
            ]
            lines.append('  "entities": [')
            lines.append(",\n".join("    " + _one_line(e) for e in self.entities))
            lines += ["  ]", "}"]
            text = "\n".join(lines) + "\n"
        elif fmt == "ndjson":  # one file with the charter, as `smartstd generate` writes it
            records = [self.envelope, *self.entities, *self.charter["entities"]]
            text = "".join(_one_line(e) + "\n" for e in records)
        else:
            text = _dump_yaml({**self.envelope, "entities": self.entities})
        data.write_text(text, "utf-8")
        if fmt != "ndjson":  # a charter.yaml beside, as in the example
            charter = folder / "charter.yaml"
            unchanged = self.charter == _example()[2]
            charter.write_text(_charter_text() if unchanged else _dump_yaml(self.charter), "utf-8")
            files.append(charter)
        for name, text in self.inputs.items():
            (folder / name).write_text(text, "utf-8")
            files.append(folder / name)
        for name, edit in self.hooks:
            target = folder / name.replace("*", fmt)
            target.write_bytes(edit(target.read_bytes()))
        return [str(f) for f in files]


def _one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


# --------------------------------------------------------------------------- expectations


@dataclass(frozen=True)
class E:
    """An expected finding: a code on an entity, at a path inside it.

    ``where`` is ``data`` (a dataset entity), ``charter`` (a charter entity),
    ``envelope`` (the dataset's envelope: no entity) or ``file:NAME`` (a path
    inside another file, with ``entity`` as the finding's entity). ``nth``
    picks the record when an id repeats (SC201: the second, ``nth=1``).
    """

    code: str
    entity: str | None
    path: tuple[str | int, ...] = ()
    where: str = "data"
    nth: int = 0


def _index(items: list[dict[str, Any]], eid: str | None, nth: int) -> int:
    found = [i for i, e in enumerate(items) if isinstance(e, dict) and e.get("id") == eid]
    return found[nth]


def _expected(c: Copy, fmt: str, e: E) -> tuple[str, str, str | None, str]:
    """(code, file name, entity id, pointer) of an expected finding."""
    if e.where == "data":
        i = _index(c.entities, e.entity, e.nth)
        path = e.path if fmt == "ndjson" else ("entities", i, *e.path)
        return e.code, f"dataset.{fmt}", e.entity, pointer(path)
    if e.where == "charter":
        i = _index(c.charter["entities"], e.entity, e.nth)
        if fmt == "ndjson":  # the charter's records follow the data's
            return e.code, "dataset.ndjson", e.entity, pointer(e.path)
        return e.code, "charter.yaml", e.entity, pointer(("entities", i, *e.path))
    if e.where == "envelope":
        return e.code, f"dataset.{fmt}", None, pointer(e.path)
    return e.code, e.where.removeprefix("file:"), e.entity, pointer(e.path)


# --------------------------------------------------------------------------- the variants


@dataclass(frozen=True)
class Variant:
    rule: str
    name: str
    fmt: str
    plant: Callable[[Copy], list[E]]
    options: Callable[[Path], dict[str, Any]] | None = None
    cli: bool = False
    loses_records: bool = False  # the defect makes a whole input unreadable
    waivers: bool = False  # the options apply waivers: the copy is checked with them too

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}-{self.fmt}{'-cli' if self.cli else ''}"


VARIANTS: list[Variant] = []


def variant(
    rule: str,
    name: str,
    *fmts: str,
    options: Callable[[Path], dict[str, Any]] | None = None,
    cli: bool = False,
    loses_records: bool = False,
    waivers: bool = False,
) -> Callable[[Callable[[Copy], list[E]]], Callable[[Copy], list[E]]]:
    """Register a plant for a rule, checked in each format given (default JSON)."""

    def deco(fn: Callable[[Copy], list[E]]) -> Callable[[Copy], list[E]]:
        for fmt in fmts or ("json",):
            VARIANTS.append(Variant(rule, name, fmt, fn, options, cli, loses_records, waivers))
        return fn

    return deco


def _replace_in(
    name: str, old: str, new: bytes | str, count: int = 1
) -> tuple[str, Callable[[bytes], bytes]]:
    """A hook that replaces text in a written file (``*`` in ``name``: the data's format)."""

    def edit(data: bytes) -> bytes:
        needle = old.encode()
        assert needle in data, f"{old!r} not in {name}"
        return data.replace(needle, new if isinstance(new, bytes) else new.encode(), count)

    return name, edit


def _shift(ts: str, **delta: float) -> str:
    return (dt.datetime.fromisoformat(ts) + dt.timedelta(**delta)).isoformat()


def _request(c: Copy, status: str) -> dict[str, Any]:
    return c.first("ServiceRequest", lambda e: e["status"] == status and not e.get("anonymous"))


def _closed(c: Copy) -> dict[str, Any]:
    return c.first(
        "ServiceRequest",
        lambda e: e["status"] == "closed" and len(e["events"]) == 6 and not e.get("anonymous"),
    )


# -- SC1xx structure and envelope


@variant("SC100", "trailing-comma-in-a-line", "ndjson")
def _sc100_line(c: Copy) -> list[E]:
    c.hooks.append(_replace_in("dataset.*", '"id":"res-zc01-00010",', '"id":"res-zc01-00010",,'))
    # the resident's household and the requests naming it are not findings of their own
    return [E("SC100", "res-zc01-00010")]


@variant("SC100", "truncated-document", "json", loses_records=True)
def _sc100_truncated(c: Copy) -> list[E]:
    c.hooks.append(("dataset.*", lambda b: b[: len(b) // 2]))
    # the charter's references into the lost data are not findings of their own
    return [E("SC100", None, where="file:dataset.json")]


@variant("SC100", "bad-indentation-in-the-charter", "json")
def _sc100_charter(c: Copy) -> list[E]:
    c.hooks.append(
        _replace_in("charter.yaml", "  role: consulted\n", "  role: consulted\n role: x\n")
    )
    return [E("SC100", None, where="file:charter.yaml")]


@variant("SC101", "gbk-description", "ndjson")
def _sc101_line(c: Copy) -> list[E]:
    req = _closed(c)
    text = req["description"]
    c.hooks.append(_replace_in("dataset.*", text, text.encode("gb18030")))
    return [E("SC101", req["id"])]


@variant("SC101", "gbk-document", "yaml", loses_records=True)
def _sc101_document(c: Copy) -> list[E]:
    text = c.get("fac-zc01-01")["name"]["zh-CN"]
    c.hooks.append(_replace_in("dataset.*", text, text.encode("gb18030")))
    return [E("SC101", None, where="file:dataset.yaml")]


@variant("SC102", "resident-household-twice", "json")
def _sc102_resident(c: Copy) -> list[E]:
    c.hooks.append(
        _replace_in(
            "dataset.*",
            '"id":"res-zc01-00010",',
            '"id":"res-zc01-00010","household_id":"hh-zc01-0002",',
        )
    )
    return [E("SC102", "res-zc01-00010")]


@variant("SC102", "charter-role-twice", "json")
def _sc102_charter(c: Copy) -> list[E]:
    c.hooks.append(
        _replace_in(
            "charter.yaml",
            "- id: asg-health-c-zc01-rc\n",
            "- id: asg-health-c-zc01-rc\n  role: consulted\n",
        )
    )
    return [E("SC102", "asg-health-c-zc01-rc", where="charter")]


@variant("SC103", "event-status-not-in-code-list", "yaml")
def _sc103_event(c: Copy) -> list[E]:
    req = _closed(c)
    req["events"][2]["status"] = "dispatched"
    return [E("SC103", req["id"], ("events", 2, "status"))]


@variant("SC103", "resident-born-1856", "ndjson")
def _sc103_resident(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["birth_year"] = 1856  # still a member of its household
    return [E("SC103", "res-zc01-00010", ("birth_year",))]


@variant("SC103", "charter-role-not-in-code-list", "json")
def _sc103_charter(c: Copy) -> list[E]:
    c.chart("asg-public_safety-a-police-bureau")["role"] = "owner"
    return [E("SC103", "asg-public_safety-a-police-bureau", ("role",), "charter")]


@variant("SC103", "organisation-kind-not-in-code-list", "json")
def _sc103_org(c: Copy) -> list[E]:
    c.get("org-zc01-rc")["kind"] = "neighbourhood_committee"
    return [E("SC103", "org-zc01-rc", ("kind",))]


@variant("SC104", "type-in-lower-case", "json")
def _sc104_facility(c: Copy) -> list[E]:
    c.get("fac-zc01-02")["type"] = "facility"
    return [E("SC104", "fac-zc01-02", ("type",))]


@variant("SC104", "type-misspelt", "ndjson")
def _sc104_resident(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["type"] = "Residnet"
    return [E("SC104", "res-zc01-00010", ("type",))]


@variant("SC105", "newer-major", "json", loses_records=True)
def _sc105_major(c: Copy) -> list[E]:
    c.envelope["standard_version"] = "2.0.0"
    return [E("SC105", None, ("standard_version",), "envelope")]


@variant("SC105", "newer-minor", "ndjson")
def _sc105_minor(c: Copy) -> list[E]:
    c.envelope["standard_version"] = "1.3.0"
    return [E("SC105", None, ("standard_version",), "envelope")]


@variant("SC106", "top-level", "json")
def _sc106_top(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["nickname"] = "阿强"
    return [E("SC106", "res-zc01-00010", ("nickname",))]


@variant("SC106", "in-an-event", "ndjson")
def _sc106_event(c: Copy) -> list[E]:
    req = _closed(c)
    req["events"][1]["operator"] = "王师傅"
    return [E("SC106", req["id"], ("events", 1, "operator"))]


@variant("SC107", "extension-field", "json")
def _sc107_field(c: Copy) -> list[E]:
    c.get("bldg-zc01-02")["sz:heritage_grade"] = "B"
    return [E("SC107", "bldg-zc01-02", ("sz:heritage_grade",))]


@variant("SC107", "namespaced-code", "json")
def _sc107_code(c: Copy) -> list[E]:
    c.get("fac-zc01-05")["kind"] = "sz:pet_park"
    return [E("SC107", "fac-zc01-05", ("kind",))]


@variant("SC108", "event-without-offset", "json")
def _sc108_event(c: Copy) -> list[E]:
    req = _closed(c)
    req["events"][1]["at"] = req["events"][1]["at"][:19]
    return [E("SC108", req["id"], ("events", 1, "at"))]


@variant("SC108", "alert-with-space-no-offset", "ndjson")
def _sc108_alert(c: Copy) -> list[E]:
    alert = c.first("Alert")
    alert["detected_at"] = alert["detected_at"][:19].replace("T", " ")
    return [E("SC108", alert["id"], ("detected_at",))]


@variant(
    "SC109",
    "line-too-long",
    "ndjson",
    options=lambda _: {"limits": Limits(max_line_bytes=4096)},
)
def _sc109_line(c: Copy) -> list[E]:
    c.declare()
    c.get("org-zc01-rc")["x:minutes"] = "会议纪要。" * 600
    # the residents' committee is still known: no reference to it, no domain it is
    # consulted on, becomes a finding of its own
    return [E("SC109", "org-zc01-rc")]


@variant(
    "SC109",
    "file-too-big",
    "json",
    options=lambda _: {"limits": Limits(max_file_bytes=64 * 1024)},
    loses_records=True,
)
def _sc109_file(c: Copy) -> list[E]:
    return [E("SC109", None, where="file:dataset.json")]


# -- SC2xx identity and references


@variant("SC201", "id-given-to-another-resident", "json")
def _sc201_resident(c: Copy) -> list[E]:
    c.get("res-zc01-00011")["id"] = "res-zc01-00010"
    return [E("SC201", "res-zc01-00010", ("id",), nth=1)]


@variant("SC201", "observation-repeated", "ndjson")
def _sc201_observation(c: Copy) -> list[E]:
    obs = c.first("Observation")
    c.entities.append(copy.deepcopy(obs))
    return [E("SC201", obs["id"], ("id",), nth=1)]


@variant("SC201", "organisation-across-files", "json")
def _sc201_files(c: Copy) -> list[E]:
    c.charter["entities"].append(copy.deepcopy(c.get("org-vendor")))
    return [E("SC201", "org-vendor", ("id",), "charter")]


@variant("SC201", "resident-repeated-in-a-second-file", "ndjson")
def _sc201_second_file(c: Copy) -> list[E]:
    fragment = {
        "standard": "scds",
        "standard_version": "1.1.0",
        "dataset_id": c.envelope["dataset_id"],
    }
    c.inputs["more.ndjson"] = _one_line(fragment) + "\n" + _one_line(c.get("res-zc01-00010")) + "\n"
    return [E("SC201", "res-zc01-00010", ("id",), "file:more.ndjson")]


@variant("SC202", "enrolment-in-missing-service", "ndjson")
def _sc202_enrolment(c: Copy) -> list[E]:
    prof = c.first("ServiceProfile", lambda e: len(e["enrolments"]) > 1)
    prof["enrolments"][1]["service_id"] = "svc-zc01-99"
    return [E("SC202", prof["id"], ("enrolments", 1, "service_id"))]


@variant("SC202", "grant-for-missing-purpose", "json")
def _sc202_grant(c: Copy) -> list[E]:
    c.chart("grant-data-bureau-system-logs")["purpose_id"] = "purpose-marketing"
    return [E("SC202", "grant-data-bureau-system-logs", ("purpose_id",), "charter")]


@variant("SC202", "service-in-missing-domain", "json")
def _sc202_domain(c: Copy) -> list[E]:
    c.get("svc-zc01-01")["domain_id"] = "elderly_care.ghost"
    return [E("SC202", "svc-zc01-01", ("domain_id",))]


@variant("SC202", "assignment-to-misspelt-organisation", "json")
def _sc202_assignment(c: Copy) -> list[E]:
    c.chart("asg-health-r-zc-health-centre")["organization_id"] = "org-zc-heath-centre"
    return [E("SC202", "asg-health-r-zc-health-centre", ("organization_id",), "charter")]


@variant("SC203", "building-managed-by-a-vendor", "json")
def _sc203_building(c: Copy) -> list[E]:
    c.get("bldg-zc01-02")["managed_by_id"] = "org-vendor"
    return [E("SC203", "bldg-zc01-02", ("managed_by_id",))]


@variant("SC203", "request-assigned-to-a-resident", "ndjson")
def _sc203_request(c: Copy) -> list[E]:
    req = c.first("ServiceRequest", lambda e: e.get("assigned_to_id") == "org-pm-01")
    req["assigned_to_id"] = "res-zc01-00010"
    return [E("SC203", req["id"], ("assigned_to_id",))]


@variant("SC203", "assignment-to-a-resident", "json")
def _sc203_charter(c: Copy) -> list[E]:
    c.chart("asg-health-c-zc01-rc")["organization_id"] = "res-zc01-00010"
    return [E("SC203", "asg-health-c-zc01-rc", ("organization_id",), "charter")]


def _second_community(c: Copy) -> None:
    c.entities.append(
        {
            "id": "comm-zc02",
            "type": "Community",
            "name": {"zh-CN": "南园社区"},
            "division_code": "440113",
        }
    )


@variant("SC204", "alert-of-another-community", "json")
def _sc204_alert(c: Copy) -> list[E]:
    _second_community(c)
    alert = c.first("Alert", lambda e: e.get("device_id"))
    alert["community_id"] = "comm-zc02"
    return [E("SC204", alert["id"], ("device_id",))]


@variant("SC204", "device-in-a-building-of-another-community", "ndjson")
def _sc204_device(c: Copy) -> list[E]:
    _second_community(c)
    building = {
        "id": "bldg-zc02-01",
        "type": "Building",
        "community_id": "comm-zc02",
        "name": {"zh-CN": "南园 1 栋"},
        "address": {"zh-CN": "广州市番禺区钟村街南园1栋"},
    }
    c.entities.append(building)
    c.get("dev-zc01-001")["building_id"] = "bldg-zc02-01"
    return [E("SC204", "dev-zc01-001", ("building_id",))]


@variant("SC205", "prefecture-code", "json")
def _sc205_prefecture(c: Copy) -> list[E]:
    c.get("comm-zc01")["division_code"] = "440100"
    # the district profile's own pattern for division codes fails too
    return [
        E("SC205", "comm-zc01", ("division_code",)),
        E("SC702", "comm-zc01", ("division_code",)),
    ]


@variant("SC205", "unknown-province-without-profile", "ndjson")
def _sc205_province(c: Copy) -> list[E]:
    del c.envelope["profiles"]
    c.get("comm-zc01")["division_code"] = "990113"
    return [E("SC205", "comm-zc01", ("division_code",))]


def _wrong_check_character(code: str) -> str:
    return code[:17] + CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.index(code[17]) + 1) % 31]


@variant("SC206", "wrong-check-character", "ndjson")
def _sc206_check(c: Copy) -> list[E]:
    org = c.get("org-vendor")
    org["credit_code"] = _wrong_check_character(org["credit_code"])
    return [E("SC206", "org-vendor", ("credit_code",))]


@variant("SC206", "digits-transposed", "json")
def _sc206_transposed(c: Copy) -> list[E]:
    org = c.get("org-data-bureau")
    code = org["credit_code"]
    org["credit_code"] = code[:9] + code[10] + code[9] + code[11:]
    return [E("SC206", "org-data-bureau", ("credit_code",))]


@variant("SC207", "observation-a-year-ahead", "ndjson")
def _sc207_observation(c: Copy) -> list[E]:
    obs = c.first("Observation")
    obs["observed_at"] = _shift(obs["observed_at"], days=365)  # a wrong year
    return [E("SC207", obs["id"], ("observed_at",))]


@variant("SC207", "service-delivered-tomorrow", "yaml")
def _sc207_record(c: Copy) -> list[E]:
    rec = c.first("ServiceRecord")
    rec["delivered_at"] = _shift(c.envelope["generated_at"], days=1)
    return [E("SC207", rec["id"], ("delivered_at",))]


@variant("SC207", "needs-assessed-after-generation", "json")
def _sc207_profile(c: Copy) -> list[E]:
    prof = c.first("ServiceProfile", lambda e: e.get("needs"))
    prof["needs"][0]["assessed_at"] = _shift(c.envelope["generated_at"], hours=2)
    return [E("SC207", prof["id"], ("needs", 0, "assessed_at"))]


# -- SC3xx participation


@variant("SC301", "two-event-times-swapped", "json")
def _sc301_swapped(c: Copy) -> list[E]:
    req = _closed(c)
    ev = req["events"]
    ev[2]["at"], ev[3]["at"] = ev[3]["at"], ev[2]["at"]
    # the steps are still in lifecycle order as listed: no SC306 as well
    return [E("SC301", req["id"], ("events", 3, "at"))]


@variant("SC301", "response-before-submission", "ndjson")
def _sc301_response(c: Copy) -> list[E]:
    req = _closed(c)
    req["response"]["at"] = _shift(req["submitted_at"], hours=-20)
    return [E("SC301", req["id"], ("response", "at"))]


@variant("SC301", "events-listed-out-of-order", "yaml")
def _sc301_listed(c: Copy) -> list[E]:
    req = _closed(c)
    ev = req["events"]
    ev[2], ev[3] = ev[3], ev[2]
    return [E("SC301", req["id"], ("events", 3, "at"))]


@variant("SC302", "closed-without-response", "json", cli=True)
def _sc302_closed(c: Copy) -> list[E]:
    req = _closed(c)
    del req["response"]
    return [E("SC302", req["id"], ("status",))]


@variant("SC302", "rejected-without-response", "ndjson")
def _sc302_rejected(c: Copy) -> list[E]:
    req = _request(c, "rejected")
    del req["response"]
    return [E("SC302", req["id"], ("status",))]


@variant("SC303", "in-progress-past-due", "json")
def _sc303_in_progress(c: Copy) -> list[E]:
    req = _request(c, "in_progress")
    req["due_at"] = _shift(c.envelope["generated_at"], hours=-5)
    return [E("SC303", req["id"], ("due_at",))]


@variant("SC303", "acknowledged-long-ago", "ndjson")
def _sc303_acknowledged(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "req-zc01-0301",
            "type": "ServiceRequest",
            "community_id": "comm-zc01",
            "category": "suggestion",
            "channel": "grid_worker",
            "submitted_at": "2026-05-02T09:00:00+08:00",
            "description": "建议在小区门口增设非机动车停放点。",
            "status": "acknowledged",
            "due_at": "2026-05-12T09:00:00+08:00",
            "events": [
                {
                    "at": "2026-05-02T09:00:00+08:00",
                    "status": "submitted",
                    "actor_id": "org-zc01-rc",
                },
                {
                    "at": "2026-05-02T15:00:00+08:00",
                    "status": "acknowledged",
                    "actor_id": "org-zc01-rc",
                },
            ],
        }
    )
    return [E("SC303", "req-zc01-0301", ("due_at",))]


@variant("SC304", "no-response-yet", "json")
def _sc304_waiting(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "req-zc01-0302",
            "type": "ServiceRequest",
            "community_id": "comm-zc01",
            "category": "inquiry",
            "channel": "wechat",
            "submitted_at": "2026-06-26T09:00:00+08:00",
            "description": "咨询长者饭堂开放时间。",
            "requester_id": "res-zc01-00010",
            "status": "submitted",
            "due_at": "2026-07-06T09:00:00+08:00",
            "events": [
                {
                    "at": "2026-06-26T09:00:00+08:00",
                    "status": "submitted",
                    "actor_id": "res-zc01-00010",
                }
            ],
        }
    )
    return [E("SC304", "req-zc01-0302", ("submitted_at",))]


@variant("SC304", "hotline-acknowledged-after-50-hours", "ndjson")
def _sc304_hotline(c: Copy) -> list[E]:
    req = c.first(
        "ServiceRequest", lambda e: e["channel"] == "hotline_12345" and e["status"] == "closed"
    )
    start = req["submitted_at"]
    for ev in req["events"][1:]:
        ev["at"] = _shift(ev["at"], hours=50)
    req["response"]["at"] = _shift(req["response"]["at"], hours=50)
    req["due_at"] = _shift(start, days=30)
    # the profile gives hotline-12345 requests 48 hours; the first handler's step is late
    return [E("SC304", req["id"], ("events", 1, "at"))]


def _anonymous(c: Copy) -> dict[str, Any]:
    return c.first("ServiceRequest", lambda e: e.get("anonymous"))


@variant("SC305", "anonymous-names-requester", "json")
def _sc305_requester(c: Copy) -> list[E]:
    req = _anonymous(c)
    req["requester_id"] = "res-zc01-00010"
    return [E("SC305", req["id"], ("requester_id",))]


@variant("SC305", "anonymous-gives-mobile-internal", "ndjson")
def _sc305_internal(c: Copy) -> list[E]:
    c.envelope["classification"] = "internal"
    req = _anonymous(c)
    req["description"] += "联系电话13912345678。"
    return [E("SC305", req["id"], ("description",))]


@variant("SC305", "anonymous-gives-mobile-public", "yaml")
def _sc305_public(c: Copy) -> list[E]:
    req = _anonymous(c)
    req["description"] += "联系电话13912345678。"
    # in a public dataset an unmasked mobile in free text is SC402's finding as well
    return [E("SC305", req["id"], ("description",)), E("SC402", req["id"], ("description",))]


@variant("SC306", "acknowledged-straight-to-resolved", "json")
def _sc306_skip(c: Copy) -> list[E]:
    req = _closed(c)
    req["events"][2]["status"] = "resolved"
    return [E("SC306", req["id"], ("events", 2, "status"))]


@variant("SC306", "status-differs-from-history", "ndjson")
def _sc306_differs(c: Copy) -> list[E]:
    req = _closed(c)
    req["status"] = "resolved"
    return [E("SC306", req["id"], ("status",))]


@variant("SC307", "closes-before-opens", "json")
def _sc307_window(c: Copy) -> list[E]:
    cons = c.get("cons-zc01-02")
    cons["opens_at"], cons["closes_at"] = cons["closes_at"], cons["opens_at"]
    return [E("SC307", "cons-zc01-02", ("closes_at",))]


@variant("SC307", "more-participants-than-eligible", "ndjson")
def _sc307_participants(c: Copy) -> list[E]:
    c.get("cons-zc01-01")["participant_count"] = 40
    return [E("SC307", "cons-zc01-01", ("participant_count",))]


@variant("SC308", "vote-without-decision", "ndjson")
def _sc308_vote(c: Copy) -> list[E]:
    del c.get("cons-zc01-01")["decision"]
    return [E("SC308", "cons-zc01-01", ("closes_at",))]


@variant("SC308", "hearing-without-decision", "json")
def _sc308(c: Copy) -> list[E]:
    del c.get("cons-zc01-04")["decision"]
    return [E("SC308", "cons-zc01-04", ("closes_at",))]


@variant("SC309", "rated-while-in-progress", "json")
def _sc309_in_progress(c: Copy) -> list[E]:
    req = _request(c, "in_progress")
    req["satisfaction"] = 2
    return [E("SC309", req["id"], ("satisfaction",))]


@variant("SC309", "rejected-but-rated", "ndjson")
def _sc309_rejected(c: Copy) -> list[E]:
    req = _request(c, "rejected")
    req["satisfaction"] = 1
    return [E("SC309", req["id"], ("satisfaction",))]


# -- SC4xx safety, security and privacy


@variant("SC401", "in-an-event-note", "json")
def _sc401_note(c: Copy) -> list[E]:
    req = _closed(c)
    req["events"][3]["note"] = f"已核实居民身份（身份证号{ID_NUMBER}）"
    return [E("SC401", req["id"], ("events", 3, "note"))]


@variant("SC401", "as-a-number-in-an-extension", "ndjson")
def _sc401_number(c: Copy) -> list[E]:
    c.declare()
    c.get("res-zc01-00010")["x:legacy_no"] = int(ID_NUMBER)
    return [E("SC401", "res-zc01-00010", ("x:legacy_no",))]


@variant("SC401", "in-an-unknown-field", "json")
def _sc401_unknown_field(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["id_number"] = ID_NUMBER
    return [
        E("SC106", "res-zc01-00010", ("id_number",)),
        E("SC401", "res-zc01-00010", ("id_number",)),
    ]


@variant("SC401", "in-the-envelope", "json")
def _sc401_envelope(c: Copy) -> list[E]:
    c.envelope["x:contact_id"] = ID_NUMBER
    c.declare()
    return [E("SC401", None, ("x:contact_id",), "envelope")]


@variant("SC401", "wrong-check-digit-looks-like-a-number", "ndjson")
def _sc401_suspect(c: Copy) -> list[E]:
    c.declare()
    wrong = "1" if ID_NUMBER[-1] != "1" else "2"
    c.get("res-zc01-00010")["x:id_card"] = ID_NUMBER[:17] + wrong
    return [E("SC401", "res-zc01-00010", ("x:id_card",))]


@variant("SC401", "spaced-full-width-in-a-facility-name", "ndjson", "json")
def _sc401_written(c: Copy) -> list[E]:
    fac = c.first("Facility")
    fw = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    spaced = f"{ID_NUMBER[:6]}\u00a0{ID_NUMBER[6:14]}\u200b {ID_NUMBER[14:]}".translate(fw)
    fac["name"]["zh-CN"] += f"（负责人{spaced}）"
    return [E("SC401", fac["id"], ("name", "zh-CN"))]


@variant("SC401", "a-hash-is-no-number", "ndjson")
def _sc401_negative(c: Copy) -> list[E]:
    c.declare()
    c.get("res-zc01-00010")["x:digest"] = "9f86d" + ID_NUMBER[:17] + "a" * 42
    return []


@variant("SC402", "resident-phone", "json", cli=True)
def _sc402_resident(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["phone"] = "15912345040"
    return [E("SC402", "res-zc01-00010", ("phone",))]


@variant("SC402", "in-an-event-note", "ndjson")
def _sc402_note(c: Copy) -> list[E]:
    req = _closed(c)
    req["events"][2]["note"] = "派单至物业，联系人手机 138-1234-5678"
    return [E("SC402", req["id"], ("events", 2, "note"))]


@variant("SC402", "in-an-alert-description", "json")
def _sc402_alert(c: Copy) -> list[E]:
    alert = c.first("Alert", lambda e: e.get("description"))
    alert["description"] += "报警人电话13800138000。"
    return [E("SC402", alert["id"], ("description",))]


@variant("SC402", "in-an-internal-dataset-is-allowed", "ndjson")
def _sc402_internal(c: Copy) -> list[E]:
    c.envelope["classification"] = "internal"
    c.get("res-zc01-00010")["phone"] = "15912345040"
    return []


@variant("SC402", "in-a-consultation-topic-with-dots", "ndjson", "json")
def _sc402_title(c: Copy) -> list[E]:
    cons = c.first("Consultation")
    cons["topic"]["zh-CN"] += "（报名：138.1234.5678）"
    return [E("SC402", cons["id"], ("topic", "zh-CN"))]


@variant("SC411", "in-a-request-description", "ndjson", "json", cli=True)
def _sc411_description(c: Copy) -> list[E]:
    req = _closed(c)
    req["description"] = "补贴请打到 6222 0212 3456 7894，谢谢"
    return [E("SC411", req["id"], ("description",))]


@variant("SC411", "in-an-extension-key", "json")
def _sc411_key(c: Copy) -> list[E]:
    c.declare()
    c.get("res-zc01-00010")["x:accounts"] = {"4111111111111111": "工资卡"}
    return [E("SC411", "res-zc01-00010", ("x:accounts",))]


@variant("SC411", "a-bad-luhn-order-number-is-none", "ndjson")
def _sc411_negative(c: Copy) -> list[E]:
    req = _closed(c)
    req["description"] = "订单号 6222 0212 3456 7895 已受理"
    return []


@variant("SC403", "name-of-an-older-resident", "json")
def _sc403_yaml(c: Copy) -> list[E]:
    c.get("res-zc01-00005")["name"] = "陈伯"
    return [E("SC403", "res-zc01-00005", ("name",))]


@variant("SC403", "resident-name", "ndjson")
def _sc403(c: Copy) -> list[E]:
    c.get("res-zc01-00011")["name"] = "李秀英"
    return [E("SC403", "res-zc01-00011", ("name",))]


@variant("SC404", "camera-notice-false", "json")
def _sc404_camera(c: Copy) -> list[E]:
    c.get("dev-zc01-014")["privacy_notice"] = False
    return [E("SC404", "dev-zc01-014", ("privacy_notice",))]


@variant("SC404", "face-gate-without-notice", "ndjson")
def _sc404_gate(c: Copy) -> list[E]:
    del c.get("dev-zc01-047")["privacy_notice"]
    return [E("SC404", "dev-zc01-047", ("privacy_notice",))]


@variant("SC405", "camera-keeps-180-days", "json")
def _sc405_camera(c: Copy) -> list[E]:
    c.get("dev-zc01-014")["retention_days"] = 180
    return [E("SC405", "dev-zc01-014", ("retention_days",))]


@variant("SC405", "door-under-the-profile-minimum", "ndjson")
def _sc405_profile(c: Copy) -> list[E]:
    c.get("dev-zc01-023")["retention_days"] = 10  # the profile's min_days is 15
    return [E("SC405", "dev-zc01-023", ("retention_days",))]


@variant("SC406", "acknowledged-before-detected", "json")
def _sc406_ack(c: Copy) -> list[E]:
    alert = c.first("Alert", lambda e: e["status"] == "resolved")
    alert["acknowledged_at"] = _shift(alert["detected_at"], minutes=-30)
    return [E("SC406", alert["id"], ("acknowledged_at",))]


@variant("SC406", "detected-in-the-future", "json")
def _sc406_future(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "alert-zc01-031",
            "type": "Alert",
            "community_id": "comm-zc01",
            "category": "flood",
            "severity": "medium",
            "detected_at": _shift(c.envelope["generated_at"], hours=15),
            "device_id": "dev-zc01-003",
            "status": "open",
            "handled_by_id": "org-pm-01",
        }
    )
    return [E("SC406", "alert-zc01-031", ("detected_at",))]


@variant("SC407", "critical-acknowledged-late", "json")
def _sc407_late(c: Copy) -> list[E]:
    alert = c.first("Alert", lambda e: e["severity"] == "critical" and e["status"] == "resolved")
    alert["acknowledged_at"] = _shift(alert["detected_at"], minutes=40)
    return [E("SC407", alert["id"], ("acknowledged_at",))]


@variant("SC407", "critical-still-open", "ndjson")
def _sc407_open(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "alert-zc01-032",
            "type": "Alert",
            "community_id": "comm-zc01",
            "category": "fire",
            "severity": "critical",
            "detected_at": _shift(c.envelope["generated_at"], hours=-2),
            "device_id": "dev-zc01-001",
            "status": "open",
            "handled_by_id": "org-pm-01",
        }
    )
    return [E("SC407", "alert-zc01-032", ("status",))]


@variant("SC408", "silent-for-days", "json")
def _sc408_silent(c: Copy) -> list[E]:
    c.get("dev-zc01-001")["last_seen_at"] = _shift(c.envelope["generated_at"], days=-5)
    return [E("SC408", "dev-zc01-001", ("last_seen_at",))]


@variant("SC408", "never-seen", "ndjson")
def _sc408_never(c: Copy) -> list[E]:
    del c.get("dev-zc01-003")["last_seen_at"]
    return [E("SC408", "dev-zc01-003", ("status",))]


@variant("SC409", "special-group-in-public", "json")
def _sc409_groups(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["special_groups"] = ["disabled"]
    return [E("SC409", "res-zc01-00010", ("special_groups",))]


@variant("SC409", "health-need-in-public", "ndjson")
def _sc409_need(c: Copy) -> list[E]:
    prof = c.first("ServiceProfile", lambda e: e.get("resident_id") and e["needs"])
    prof["needs"][0]["category"] = "health"
    prof["enrolments"].append(
        {"service_id": "svc-zc01-04", "enrolled_at": "2026-01-05T09:00:00+08:00"}
    )
    return [E("SC409", prof["id"], ("needs", 0, "category"))]


@variant("SC409", "face-gate-readings-in-public", "yaml")
def _sc409_observations(c: Copy) -> list[E]:
    for n, at in ((1, "08:00"), (2, "08:05")):
        c.entities.append(
            {
                "id": f"obs-zc01-90000{n}",
                "type": "Observation",
                "device_id": "dev-zc01-047",
                "observed_at": f"2026-06-30T{at}:00+08:00",
                "property": "face_match",
                "value": True,
            }
        )
    return [E("SC409", "obs-zc01-900001", ("device_id",))]


@variant("SC410", "face-gate-at-level-2", "json")
def _sc410_gate(c: Copy) -> list[E]:
    c.get("dev-zc01-047")["protection_level"] = 2
    return [E("SC410", "dev-zc01-047", ("protection_level",))]


@variant("SC410", "camera-level-missing", "ndjson")
def _sc410_missing(c: Copy) -> list[E]:
    del c.get("dev-zc01-014")["protection_level"]
    return [E("SC410", "dev-zc01-014", ("protection_level",))]


# -- SC5xx services and needs


@variant("SC501", "household-profile-stale", "ndjson")
def _sc501_household(c: Copy) -> list[E]:
    prof = c.first("ServiceProfile", lambda e: e.get("household_id"))
    prof["updated_at"] = "2024-12-20T10:00:00+08:00"
    return [E("SC501", prof["id"], ("updated_at",))]


@variant("SC501", "not-updated-for-14-months", "json")
def _sc501(c: Copy) -> list[E]:
    prof = c.first("ServiceProfile")
    prof["updated_at"] = "2025-05-01T09:00:00+08:00"
    return [E("SC501", prof["id"], ("updated_at",))]


def _served(c: Copy) -> dict[str, Any]:
    """A resident's profile with one need and one enrolment that serves it."""
    return c.first(
        "ServiceProfile",
        lambda e: e.get("resident_id") and len(e["needs"]) == 1 and len(e["enrolments"]) == 1,
    )


@variant("SC502", "enrolment-ended", "json")
def _sc502_ended(c: Copy) -> list[E]:
    prof = _served(c)
    prof["enrolments"][0]["ended_at"] = "2026-03-01T09:00:00+08:00"
    return [E("SC502", prof["id"], ("needs", 0, "category"))]


@variant("SC502", "enrolment-not-started", "ndjson")
def _sc502_future(c: Copy) -> list[E]:
    prof = _served(c)
    prof["enrolments"][0]["enrolled_at"] = "2026-08-01T09:00:00+08:00"
    return [E("SC502", prof["id"], ("needs", 0, "category"))]


def _child_profile(c: Copy) -> dict[str, Any]:
    children = {
        e["id"]
        for e in c.entities
        if e["type"] == "Resident" and (e.get("birth_year") or 0) >= 2015
    }
    return c.first("ServiceProfile", lambda e: e.get("resident_id") in children)


@variant("SC503", "child-in-elderly-canteen", "json")
def _sc503_age(c: Copy) -> list[E]:
    prof = _child_profile(c)
    prof["enrolments"].append(
        {"service_id": "svc-zc01-01", "enrolled_at": "2026-01-01T09:00:00+08:00"}
    )
    return [E("SC503", prof["id"], ("enrolments", len(prof["enrolments"]) - 1, "service_id"))]


@variant("SC503", "not-in-the-special-group", "ndjson")
def _sc503_group(c: Copy) -> list[E]:
    prof = _child_profile(c)
    prof["enrolments"].append(
        {"service_id": "svc-zc01-05", "enrolled_at": "2026-01-01T09:00:00+08:00"}
    )
    return [E("SC503", prof["id"], ("enrolments", len(prof["enrolments"]) - 1, "service_id"))]


@variant("SC504", "size-not-updated", "json")
def _sc504_size(c: Copy) -> list[E]:
    c.get("hh-zc01-0003")["size"] = 4
    return [E("SC504", "hh-zc01-0003", ("size",))]


@variant("SC504", "resident-moved", "ndjson")
def _sc504_moved(c: Copy) -> list[E]:
    c.get("res-zc01-00010")["household_id"] = "hh-zc01-0002"
    return [E("SC504", "hh-zc01-0002", ("size",)), E("SC504", "hh-zc01-0003", ("size",))]


@variant("SC505", "household-enrolled-in-retired-service", "json")
def _sc505_household(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "svc-zc01-17",
            "type": "Service",
            "name": {"zh-CN": "旧楼道照明改造"},
            "domain_id": "property_maintenance",
            "category": "housing_repair",
            "provider_id": "org-pm-01",
            "responsible_id": "org-pm-01",
            "status": "retired",
        }
    )
    prof = c.first("ServiceProfile", lambda e: e.get("household_id") and e["enrolments"])
    prof["enrolments"].append(
        {"service_id": "svc-zc01-17", "enrolled_at": "2025-03-01T09:00:00+08:00"}
    )
    return [E("SC505", prof["id"], ("enrolments", len(prof["enrolments"]) - 1, "service_id"))]


@variant("SC505", "open-enrolment-in-retired-service", "ndjson")
def _sc505(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "svc-zc01-16",
            "type": "Service",
            "name": {"zh-CN": "四点半课堂（旧）"},
            "domain_id": "service_delivery",
            "category": "education",
            "provider_id": "org-university",
            "responsible_id": "org-zc-street-office",
            "status": "retired",
        }
    )
    prof = _served(c)
    prof["enrolments"].append(
        {"service_id": "svc-zc01-16", "enrolled_at": "2024-09-01T09:00:00+08:00"}
    )
    return [E("SC505", prof["id"], ("enrolments", 1, "service_id"))]


# -- SC6xx governance and role boundaries


@variant("SC601", "accountable-removed", "json")
def _sc601_removed(c: Copy) -> list[E]:
    c.drop("asg-health-a-health-bureau")
    return [E("SC601", "asg-health-r-zc-health-centre", ("domain_id",), "charter")]


@variant("SC601", "accountable-expired", "ndjson")
def _sc601_expired(c: Copy) -> list[E]:
    c.chart("asg-health-a-health-bureau")["valid_until"] = dt.date(2026, 3, 31)
    return [E("SC601", "asg-health-a-health-bureau", ("domain_id",), "charter")]


@variant("SC602", "second-accountable", "json")
def _sc602(c: Copy) -> list[E]:
    a = copy.deepcopy(c.chart("asg-childcare-a-health-bureau"))
    a.update(id="asg-childcare-a-civil-affairs-bureau", organization_id="org-civil-affairs-bureau")
    c.charter["entities"].append(a)
    return [E("SC602", "asg-childcare-a-health-bureau", ("domain_id",), "charter")]


@variant("SC602", "second-accountable-for-a-sub-domain", "ndjson")
def _sc602_sub(c: Copy) -> list[E]:
    a = copy.deepcopy(c.chart("asg-elderly_care.meal_service-a-civil-affairs-bureau"))
    a.update(
        id="asg-elderly_care.meal_service-a-zc-street-office",
        organization_id="org-zc-street-office",
    )
    c.charter["entities"].append(a)
    return [E("SC602", "elderly_care.meal_service", (), "charter")]


@variant("SC603", "responsible-parties-removed", "json")
def _sc603_removed(c: Copy) -> list[E]:
    c.drop("asg-resident_data-r-zc-street-office")
    c.drop("asg-resident_data-r-zc01-rc")
    return [E("SC603", "asg-resident_data-a-data-bureau", ("domain_id",), "charter")]


@variant("SC603", "responsible-parties-expired", "ndjson")
def _sc603_expired(c: Copy) -> list[E]:
    for aid in ("asg-information_security-r-vendor", "asg-information_security-r-institute"):
        c.chart(aid)["valid_until"] = dt.date(2026, 5, 31)
    return [E("SC603", "asg-information_security-a-data-bureau", ("domain_id",), "charter")]


@variant("SC604", "lead-removed", "json")
def _sc604_lead(c: Copy) -> list[E]:
    c.chart("asg-fire_safety-r-zc-street-office")["lead"] = False
    return [E("SC604", "asg-fire_safety-a-fire-brigade", ("domain_id",), "charter")]


@variant("SC604", "two-leads", "ndjson")
def _sc604_two(c: Copy) -> list[E]:
    c.chart("asg-resident_data-r-zc01-rc")["lead"] = True
    return [E("SC604", "asg-resident_data-a-data-bureau", ("domain_id",), "charter")]


@variant("SC605", "cycle-of-two", "json")
def _sc605_two(c: Copy) -> list[E]:
    c.chart("grant-vendor-device-telemetry")["delegated_from_id"] = "grant-telecom-device-telemetry"
    # the two grants are not also compared with each other (SC606)
    return [E("SC605", "grant-telecom-device-telemetry", ("delegated_from_id",), "charter")]


@variant("SC605", "delegated-from-itself", "ndjson")
def _sc605_self(c: Copy) -> list[E]:
    c.chart("grant-vendor-device-telemetry")["delegated_from_id"] = "grant-vendor-device-telemetry"
    return [E("SC605", "grant-vendor-device-telemetry", ("delegated_from_id",), "charter")]


@variant("SC606", "wider-actions", "json")
def _sc606_actions(c: Copy) -> list[E]:
    c.chart("grant-telecom-device-telemetry")["actions"] = ["read", "write", "share"]
    return [E("SC606", "grant-telecom-device-telemetry", ("delegated_from_id",), "charter")]


@variant("SC606", "starts-before-its-source", "ndjson")
def _sc606_time(c: Copy) -> list[E]:
    c.chart("grant-telecom-device-telemetry")["valid_from"] = dt.date(
        2024, 12, 20
    )  # after the signing (SC622), before its source
    return [E("SC606", "grant-telecom-device-telemetry", ("delegated_from_id",), "charter")]


@variant("SC607", "grant-for-another-purpose", "json")
def _sc607_purpose(c: Copy) -> list[E]:
    c.chart("grant-institute-device-telemetry")["purpose_id"] = "purpose-security-audit"
    # neither the purpose nor the agreement declares it: one finding
    return [E("SC607", "grant-institute-device-telemetry", ("purpose_id",), "charter")]


@variant("SC607", "purpose-drops-the-category", "ndjson")
def _sc607_category(c: Copy) -> list[E]:
    pur = c.chart("purpose-research")
    pur["data_category_ids"] = ["dc-aggregated-statistics"]
    return [E("SC607", "grant-institute-device-telemetry", ("purpose_id",), "charter")]


@variant("SC608", "biometrics-on-contract", "json")
def _sc608_contract(c: Copy) -> list[E]:
    c.chart("grant-pm-01-face-templates-zc01")["legal_basis"] = "contract"
    # the face gates that collect the category stay within the operator's grant
    return [E("SC608", "grant-pm-01-face-templates-zc01", ("legal_basis",), "charter")]


@variant("SC608", "special-groups-without-basis", "ndjson")
def _sc608_missing(c: Copy) -> list[E]:
    del c.chart("grant-zc-social-work-special-groups")["legal_basis"]
    return [E("SC608", "grant-zc-social-work-special-groups", (), "charter")]


@variant("SC609", "processor-without-agreement", "json")
def _sc609_missing(c: Copy) -> list[E]:
    del c.chart("grant-zc01-rc-request-records")["agreement_id"]
    return [E("SC609", "grant-zc01-rc-request-records", ("legal_role",), "charter")]


@variant("SC609", "processor-not-a-party", "ndjson")
def _sc609_party(c: Copy) -> list[E]:
    c.chart("grant-zc-elderly-care-health-records")["agreement_id"] = "agr-district-dpa"
    return [E("SC609", "grant-zc-elderly-care-health-records", ("agreement_id",), "charter")]


@variant("SC609", "processor-under-a-cooperation-agreement", "json")
def _sc609_kind(c: Copy) -> list[E]:
    c.chart("grant-vendor-system-logs")["agreement_id"] = "agr-district-cooperation"
    return [E("SC609", "grant-vendor-system-logs", ("agreement_id",), "charter")]


@variant("SC610", "assignment-outlives-its-agreement", "json")
def _sc610_assignment(c: Copy) -> list[E]:
    c.chart("asg-elderly_care-r-zc-elderly-care")["valid_until"] = dt.date(2028, 12, 31)
    return [E("SC610", "asg-elderly_care-r-zc-elderly-care", ("agreement_id",), "charter")]


@variant("SC610", "grant-outlives-its-agreement", "ndjson")
def _sc610_grant(c: Copy) -> list[E]:
    c.chart("grant-pm-01-device-telemetry-zc01")["valid_until"] = dt.date(2029, 6, 30)
    return [E("SC610", "grant-pm-01-device-telemetry-zc01", ("agreement_id",), "charter")]


@variant("SC611", "security-accountable-also-responsible", "json")
def _sc611_self_audit(c: Copy) -> list[E]:
    a = copy.deepcopy(c.chart("asg-information_security-r-institute"))
    a.update(id="asg-information_security-r-data-bureau", organization_id="org-data-bureau")
    del a["agreement_id"]
    c.charter["entities"].append(a)
    return [E("SC611", "sod-security-self-audit", ("duties",), "charter")]


@variant("SC611", "feedback-handler-evaluates-itself", "ndjson")
def _sc611_feedback(c: Copy) -> list[E]:
    c.chart("asg-feedback_handling-a-data-bureau")["organization_id"] = "org-zc-street-office"
    return [E("SC611", "sod-feedback-evaluation", ("duties",), "charter")]


@variant("SC612", "accountable-earns-from-its-domain", "json")
def _sc612(c: Copy) -> list[E]:
    agr = c.chart("agr-zc-services")
    agr["benefits"].append(
        {
            "organization_id": "org-health-bureau",
            "kind": "performance_record",
            "domain_ids": ["health"],
        }
    )
    agr["party_ids"].append("org-health-bureau")
    agr["obligations"].append(
        {"organization_id": "org-health-bureau", "description": {"zh-CN": "监督签约服务质量"}}
    )
    return [
        E(
            "SC612",
            "agr-zc-services",
            ("benefits", len(agr["benefits"]) - 1, "organization_id"),
            "charter",
        )
    ]


@variant("SC612", "accountable-gets-revenue", "ndjson")
def _sc612_revenue(c: Copy) -> list[E]:
    agr = c.chart("agr-zc01-property")
    agr["party_ids"].append("org-housing-bureau")
    agr["benefits"].append(
        {
            "organization_id": "org-housing-bureau",
            "kind": "revenue",
            "domain_ids": ["property_maintenance"],
        }
    )
    agr["obligations"].append(
        {"organization_id": "org-housing-bureau", "description": {"zh-CN": "监督物业服务"}}
    )
    return [
        E(
            "SC612",
            "agr-zc01-property",
            ("benefits", len(agr["benefits"]) - 1, "organization_id"),
            "charter",
        )
    ]


@variant("SC613", "residents-committee-not-consulted", "json")
def _sc613_health(c: Copy) -> list[E]:
    c.drop("asg-health-c-zc01-rc")
    return [E("SC613", "asg-health-a-health-bureau", ("domain_id",), "charter")]


@variant("SC613", "declared-domain-without-residents", "ndjson")
def _sc613_domain(c: Copy) -> list[E]:
    c.drop("asg-public_safety.video_surveillance-c-zc01-residents-reps")
    c.drop("asg-public_safety-c-zc01-rc")
    c.drop("asg-public_safety-c-zc01-residents-reps")
    return [
        E("SC613", "public_safety.video_surveillance", (), "charter"),
        E("SC613", "asg-public_safety-a-police-bureau", ("domain_id",), "charter"),
    ]


@variant("SC614", "party-without-benefit", "json")
def _sc614_benefit(c: Copy) -> list[E]:
    agr = c.chart("agr-zc-video")
    agr["benefits"] = [b for b in agr["benefits"] if b["organization_id"] != "org-pm-01"]
    return [E("SC614", "agr-zc-video", ("party_ids", 2), "charter")]


@variant("SC614", "party-without-obligation", "ndjson")
def _sc614_obligation(c: Copy) -> list[E]:
    agr = c.chart("agr-zc01-property")
    agr["obligations"] = [o for o in agr["obligations"] if o["organization_id"] != "org-zc01-rc"]
    return [E("SC614", "agr-zc01-property", ("party_ids", 2), "charter")]


@variant("SC615", "enterprise-in-the-charter-file", "json")
def _sc615_charter(c: Copy) -> list[E]:
    org = {
        "id": "org-ad-agency",
        "type": "Organization",
        "name": {"zh-CN": "榕溪广告公司"},
        "kind": "enterprise",
    }
    c.charter["entities"].append(org)
    return [E("SC615", "org-ad-agency", (), "charter")]


@variant("SC615", "club-without-a-place", "ndjson")
def _sc615(c: Copy) -> list[E]:
    c.entities.append(
        {
            "id": "org-dragon-boat",
            "type": "Organization",
            "name": {"zh-CN": "榕溪龙舟会"},
            "kind": "gz:dragon_boat_club",
        }
    )
    return [E("SC615", "org-dragon-boat")]


@variant("SC616", "request-assigned-to-the-university", "json")
def _sc616_request(c: Copy) -> list[E]:
    req = c.first("ServiceRequest", lambda e: e.get("assigned_to_id") == "org-pm-01")
    req["assigned_to_id"] = "org-university"
    return [E("SC616", req["id"], ("assigned_to_id",))]


@variant("SC616", "device-run-by-volunteers", "ndjson", cli=True)
def _sc616_device(c: Copy) -> list[E]:
    c.get("dev-zc01-001")["operator_id"] = "org-zc01-volunteers"
    return [E("SC616", "dev-zc01-001", ("operator_id",))]


@variant("SC616", "camera-collects-health-records", "json")
def _sc616_category(c: Copy) -> list[E]:
    c.get("dev-zc01-014")["data_category_ids"].append("dc-health-records")
    return [E("SC616", "dev-zc01-014", ("data_category_ids", 1))]


@variant("SC616", "alert-handled-by-the-vendor", "ndjson")
def _sc616_alert(c: Copy) -> list[E]:
    alert = c.first("Alert", lambda e: e.get("handled_by_id") == "org-zc-police-station")
    alert["handled_by_id"] = "org-vendor"
    return [E("SC616", alert["id"], ("handled_by_id",))]


@variant("SC617", "vendor-reads-special-groups", "json")
def _sc617_never(c: Copy) -> list[E]:
    c.charter["assertions"] = [
        {
            "name": "police-answers-for-video",
            "holders": {
                "domain": "public_safety.video_surveillance",
                "role": "accountable",
                "organizations": ["org-police-bureau"],
            },
        },
        {
            "name": "vendor-never-reads-special-groups",
            "never": {
                "organization": "org-vendor",
                "action": "read",
                "category": "dc-special-groups",
            },
        },
    ]
    return [E("SC617", "vendor-never-reads-special-groups", ("assertions", 1), "file:charter.yaml")]


@variant("SC617", "wrong-holder-expected", "yaml")
def _sc617_holders(c: Copy) -> list[E]:
    c.charter["assertions"] = [
        {
            "name": "street-office-answers-for-resident-data",
            "holders": {
                "domain": "resident_data",
                "role": "accountable",
                "organizations": ["org-zc-street-office"],
            },
        }
    ]
    return [
        E(
            "SC617",
            "street-office-answers-for-resident-data",
            ("assertions", 0),
            "file:charter.yaml",
        )
    ]


@variant("SC618", "assignment-dates-swapped", "json")
def _sc618_assignment(c: Copy) -> list[E]:
    a = c.chart("asg-childcare-r-zc-street-office")
    a["valid_from"], a["valid_until"] = a["valid_until"], a["valid_from"]
    return [E("SC618", a["id"], ("valid_until",), "charter")]


@variant("SC618", "agreement-dates-swapped", "ndjson")
def _sc618_agreement(c: Copy) -> list[E]:
    agr = c.chart("agr-district-cooperation")
    agr["valid_from"], agr["valid_until"] = agr["valid_until"], agr["valid_from"]
    # what rests on it is not also said to outlive it (SC610)
    return [E("SC618", "agr-district-cooperation", ("valid_until",), "charter")]


@variant("SC619", "one-party", "json")
def _sc619_one(c: Copy) -> list[E]:
    agr = c.chart("agr-zc-video")
    agr["party_ids"] = ["org-zc-police-station"]
    agr["benefits"], agr["obligations"] = agr["benefits"][:1], agr["obligations"][:1]
    return [E("SC619", "agr-zc-video", ("party_ids",), "charter")]


@variant("SC619", "same-party-twice", "ndjson")
def _sc619_twice(c: Copy) -> list[E]:
    agr = c.chart("agr-zc-video")
    agr["party_ids"] = ["org-zc-police-station", "org-zc-police-station"]
    agr["benefits"], agr["obligations"] = agr["benefits"][:1], agr["obligations"][:1]
    return [E("SC619", "agr-zc-video", ("party_ids",), "charter")]


@variant("SC620", "sub-domains-in-a-cycle", "json")
def _sc620_two(c: Copy) -> list[E]:
    c.charter["entities"].append(
        {
            "id": "elderly_care.meal_delivery",
            "type": "ResponsibilityDomain",
            "name": {"zh-CN": "送餐"},
            "parent_id": "elderly_care.meal_service",
        }
    )
    c.chart("elderly_care.meal_service")["parent_id"] = "elderly_care.meal_delivery"
    return [E("SC620", "elderly_care.meal_delivery", ("parent_id",), "charter")]


@variant("SC620", "own-parent", "ndjson")
def _sc620_self(c: Copy) -> list[E]:
    c.chart("infrastructure_iot.nb_iot_network")["parent_id"] = "infrastructure_iot.nb_iot_network"
    return [E("SC620", "infrastructure_iot.nb_iot_network", ("parent_id",), "charter")]


# -- SC7xx versions and profiles


# --------------------------------------------------------------- the study's governance (#14)


@variant("SC621", "enterprise-leads-public-safety", "json", "ndjson")
def _sc621_enterprise(c: Copy) -> list[E]:
    c.chart("asg-public_safety-a-police-bureau")["organization_id"] = "org-vendor"
    return [E("SC621", "asg-public_safety-a-police-bureau", ("organization_id",), "charter")]


@variant("SC622", "agreement-signed-after-it-took-effect", "json")
def _sc622_signed(c: Copy) -> list[E]:
    c.chart("agr-zc-video")["signed_at"] = "2025-03-01"
    return [E("SC622", "agr-zc-video", ("signed_at",), "charter")]


@variant("SC622", "assignment-before-signing", "ndjson")
def _sc622_assignment(c: Copy) -> list[E]:
    aid = next(
        e["id"]
        for e in c.charter["entities"]
        if e["type"] == "Assignment" and e.get("agreement_id") == "agr-zc-services"
    )
    c.chart(aid)["valid_from"] = "2024-12-01"
    return [E("SC622", aid, ("valid_from",), "charter")]


def _dpa_dependents(c: Copy) -> list[str]:
    return [
        e["id"]
        for e in c.charter["entities"]
        if e["type"] in ("Assignment", "DataAccessGrant")
        and e.get("agreement_id") == "agr-district-dpa"
    ]


@variant("SC623", "agreement-not-yet-in-force", "json", "ndjson")
def _sc623_later(c: Copy) -> list[E]:
    c.chart("agr-district-dpa")["valid_from"] = "2026-09-01"
    return [E("SC623", eid, ("agreement_id",), "charter") for eid in _dpa_dependents(c)]


_SOCIAL = {"SC624": {"required_sectors": ["social"]}}


@variant(
    "SC624",
    "social-organisations-registered-as-enterprises",
    "json",
    "ndjson",
    options=lambda _: {"params": _SOCIAL},
)
def _sc624_social(c: Copy) -> list[E]:
    for e in c.entities:
        if e["type"] == "Organization" and e["kind"] in (
            "social_organization",
            "volunteer_group",
            "university",
            "research_institute",
        ):
            e["kind"] = "enterprise"
    first = next(e["id"] for e in c.charter["entities"] if e["type"] == "Assignment")
    return [E("SC624", first, ("organization_id",), "charter")]


def _consenting_profiles(c: Copy) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Residents' profiles whose adult resident consented to the purpose themselves."""
    for p in c.entities:
        if p["type"] != "ServiceProfile" or "resident_id" not in p:
            continue
        r = c.get(p["resident_id"])
        own = [x for x in r.get("consents", []) if x["purpose_id"] == p["consent_purpose_id"]]
        if own and r.get("birth_year") is not None and r["birth_year"] <= 2000:
            yield p, r


def _consenting_profile(c: Copy) -> tuple[dict[str, Any], dict[str, Any]]:
    return next(_consenting_profiles(c))


@variant("SC506", "resident-never-consented", "json")
def _sc506_never(c: Copy) -> list[E]:
    p, r = _consenting_profile(c)
    r["consents"] = [x for x in r["consents"] if x["purpose_id"] != p["consent_purpose_id"]]
    if not r["consents"]:
        del r["consents"]
    return [E("SC506", p["id"], ("consent_purpose_id",))]


@variant("SC506", "consent-withdrawn-profile-kept", "ndjson")
def _sc506_withdrawn(c: Copy) -> list[E]:
    p, r = _consenting_profile(c)
    for x in r["consents"]:
        if x["purpose_id"] == p["consent_purpose_id"]:
            x["withdrawn_at"] = _shift(p["updated_at"], days=1)
    return [E("SC506", p["id"], ("consent_purpose_id",))]


_ELDERLY_SENSITIVE = {"SC507": {"sensitive_need_categories": ["elderly_care"]}}


@variant(
    "SC507",
    "sensitive-need-consented-to-contact-only",
    "json",
    "ndjson",
    options=lambda _: {"params": _ELDERLY_SENSITIVE},
)
def _sc507_need(c: Copy) -> list[E]:
    # (a public dataset shows no special group: the profile's elderly-care need is made sensitive)
    p, r = next(
        (p, r)
        for p, r in _consenting_profiles(c)
        if any(n["category"] == "elderly_care" for n in p["needs"])
    )
    for x in r["consents"]:
        if x["purpose_id"] == p["consent_purpose_id"]:
            x["purpose_id"] = "purpose-request-handling"
    p["consent_purpose_id"] = "purpose-request-handling"
    return [E("SC507", p["id"], ("consent_purpose_id",))]


def _counted(c: Copy) -> dict[str, int]:
    kinds = Counter(e.get("residence_type") for e in c.entities if e["type"] == "Resident")
    households = sum(1 for e in c.entities if e["type"] == "Household")
    return {
        "household_count": households,
        "floating_population": kinds["non_local"],
        "registered_population": kinds["registered"],
    }


_COMPLETE = {"SC508": {"complete_communities": ["comm-zc01"]}}


@variant("SC508", "household-count-9999", "json", options=lambda _: {"params": _COMPLETE})
def _sc508_households(c: Copy) -> list[E]:
    comm = c.get("comm-zc01")
    comm.update(_counted(c))
    comm["household_count"] = 9999
    return [E("SC508", "comm-zc01", ("household_count",))]


@variant("SC508", "floating-population-5000", "ndjson", options=lambda _: {"params": _COMPLETE})
def _sc508_floating(c: Copy) -> list[E]:
    comm = c.get("comm-zc01")
    comm.update(_counted(c))
    comm["floating_population"] = 5000
    return [E("SC508", "comm-zc01", ("floating_population",))]


@variant("SC205", "abolished-luogang", "json")
def _sc205_abolished(c: Copy) -> list[E]:
    c.get("comm-zc01")["division_code"] = "440116"  # 萝岗区, abolished in 2014
    return [
        E("SC205", "comm-zc01", ("division_code",)),
        E("SC702", "comm-zc01", ("division_code",)),
    ]


@variant("SC205", "no-such-district", "ndjson")
def _sc205_unknown(c: Copy) -> list[E]:
    del c.envelope["profiles"]
    c.get("comm-zc01")["division_code"] = "440199"
    return [E("SC205", "comm-zc01", ("division_code",))]


@variant("SC701", "profile-version-misspelt", "json")
def _sc701_version(c: Copy) -> list[E]:
    c.envelope["profiles"] = ["gz-panyu@1.0.1"]
    return [E("SC701", None, ("profiles", 0), "envelope")]


@variant("SC701", "unknown-second-profile", "ndjson")
def _sc701(c: Copy) -> list[E]:
    c.envelope["profiles"].append("gz-huadu@2.1.0")
    return [E("SC701", None, ("profiles", 1), "envelope")]


@variant("SC702", "building-without-address", "json")
def _sc702_required(c: Copy) -> list[E]:
    del c.get("bldg-zc01-03")["address"]
    return [E("SC702", "bldg-zc01-03", ("address",))]


@variant("SC702", "facility-outside-guangzhou", "ndjson")
def _sc702_bbox(c: Copy) -> list[E]:
    c.get("fac-zc01-01")["location"]["coordinates"] = [116.40, 39.90]
    return [E("SC702", "fac-zc01-01", ("location", "coordinates"))]


def _deprecating(profile: str) -> str:
    field_ = "    gz:old_style:\n      title: {zh-CN: 建筑风格（旧）, en: Building style (old)}\n      schema: {type: string}\n"
    return profile.replace("fields:\n  Building:\n", "fields:\n  Building:\n" + field_, 1) + (
        "\ndeprecated:\n  - field: Building.gz:old_style\n    since: 1.0.0\n"
        "    replacement: Building.gz:lingnan_style\n    removal: 2.0.0\n"
    )


@variant("SC703", "subsidy-field-deprecated", "json")
def _sc703_facility(c: Copy) -> list[E]:
    c.profile += (
        "\ndeprecated:\n  - field: Facility.gz:meal_subsidy_yuan\n    since: 1.0.0\n"
        "    removal: 2.0.0\n"
    )
    canteen = c.first("Facility", lambda e: "gz:meal_subsidy_yuan" in e)
    return [E("SC703", canteen["id"], ("gz:meal_subsidy_yuan",))]


@variant("SC703", "field-deprecated-by-the-profile", "ndjson")
def _sc703(c: Copy) -> list[E]:
    c.profile = _deprecating(c.profile)
    c.get("bldg-zc01-04")["gz:old_style"] = "qilou"
    return [E("SC703", "bldg-zc01-04", ("gz:old_style",))]


@variant("SC704", "two-newer-profiles-beside", "ndjson")
def _sc704_two(c: Copy) -> list[E]:
    for version in ("1.1.0", "1.2.0"):
        c.beside[f"panyu-{version}.yaml"] = c.profile.replace(
            "  version: 1.0.0\n", f"  version: {version}\n", 1
        )
    return [E("SC704", None, ("profiles", 0), "envelope")]


@variant("SC704", "newer-profile-beside", "json")
def _sc704(c: Copy) -> list[E]:
    c.beside["profile-1.1.0.yaml"] = c.profile.replace(
        "  version: 1.0.0\n", "  version: 1.1.0\n", 1
    )
    return [E("SC704", None, ("profiles", 0), "envelope")]


# -- SC8xx pilot assessment


def _pilot(c: Copy) -> dict[str, Any]:
    return c.first("Pilot")


def _target(pilot: dict[str, Any], indicator: str) -> int:
    return next(i for i, t in enumerate(pilot["targets"]) if t["indicator"] == indicator)


@variant("SC801", "device-availability-target-raised", "json")
def _sc801_devices(c: Copy) -> list[E]:
    pilot = _pilot(c)
    i = _target(pilot, "device_availability")
    pilot["targets"][i]["value"] = 0.99  # 58 of 60 devices are active: 96.7%
    return [E("SC801", pilot["id"], ("targets", i, "value"))]


@variant("SC801", "turnout-target-raised", "ndjson")
def _sc801_turnout(c: Copy) -> list[E]:
    pilot = _pilot(c)
    i = _target(pilot, "consultation_turnout")
    pilot["targets"][i]["value"] = 0.5  # 36.9% took part
    return [E("SC801", pilot["id"], ("targets", i, "value"))]


@variant("SC802", "ends-before-it-starts", "json")
def _sc802_dates(c: Copy) -> list[E]:
    pilot = copy.deepcopy(_pilot(c))  # a second pilot, so the first one's SC801 stays
    pilot["id"] = "pilot-440113-phase2"
    pilot["starts_on"], pilot["ends_on"] = "2027-07-01", "2027-06-30"
    c.entities.append(pilot)
    return [E("SC802", pilot["id"], ("ends_on",))]


@variant("SC802", "target-twice", "yaml")
def _sc802_twice(c: Copy) -> list[E]:
    pilot = _pilot(c)
    pilot["targets"].append({"indicator": "device_availability", "comparator": "ge", "value": 0.5})
    return [E("SC802", pilot["id"], ("targets", len(pilot["targets"]) - 1))]


@variant("SC803", "no-critical-alert", "json")
def _sc803_alerts(c: Copy) -> list[E]:
    for alert in c.entities:
        if alert["type"] == "Alert" and alert["severity"] == "critical":
            alert["severity"] = "high"
    pilot = _pilot(c)
    i = _target(pilot, "critical_alert_ack_minutes")
    return [E("SC803", pilot["id"], ("targets", i, "indicator"))]


@variant("SC803", "no-eligible-count", "ndjson")
def _sc803_turnout(c: Copy) -> list[E]:
    for cons in c.entities:
        if cons["type"] == "Consultation":
            cons.pop("eligible_count", None)
    pilot = _pilot(c)
    i = _target(pilot, "consultation_turnout")
    return [E("SC803", pilot["id"], ("targets", i, "indicator"))]


# -- SC9xx waivers

_WAIVERS = """waivers:
  - code: SC502
    entity_id: prof-zc01-010
    reason: "Education need assessed; the class starts in September / 九月开班"
    expires: 2099-12-31
  - code: SC408
    entity_id: dev-zc01-001
    reason: "Replaced by a new detector / 已更换"
    expires: {expires}
"""


def _waivers(expires: str) -> Callable[[Path], dict[str, Any]]:
    def options(folder: Path) -> dict[str, Any]:
        path = folder / "waivers.yaml"
        path.write_text(_WAIVERS.format(expires=expires), "utf-8")
        return {"waivers": tuple(load_waivers(path)), "today": dt.date(2026, 6, 30)}

    return options


@variant(
    "SC903",
    "one-rule-twice-in-a-record",
    "ndjson",
    "json",
    options=lambda _: {"limits": Limits(max_findings_per_rule_per_record=1)},
)
def _sc903_rule(c: Copy) -> list[E]:
    c.declare()
    resident = c.get("res-zc01-00010")
    resident["x:p1"] = "13812345678"
    resident["x:p2"] = "13912345678"
    return [E("SC402", "res-zc01-00010", ("x:p1",)), E("SC903", "res-zc01-00010", ())]


@variant(
    "SC903",
    "two-rules-in-a-record",
    "ndjson",
    options=lambda _: {"limits": Limits(max_findings_per_record=1)},
)
def _sc903_record(c: Copy) -> list[E]:
    c.declare()
    resident = c.get("res-zc01-00010")
    resident["x:id"] = ID_NUMBER
    resident["x:p2"] = "13912345678"
    return [E("SC401", "res-zc01-00010", ("x:id",)), E("SC903", "res-zc01-00010", ())]


@variant("SC901", "expired-waiver", "json", options=_waivers("2026-01-31"), waivers=True)
def _sc901(c: Copy) -> list[E]:
    c.get("dev-zc01-001")["last_seen_at"] = _shift(c.envelope["generated_at"], days=-5)
    # the waiver no longer hides the silent device either
    return [
        E("SC901", None, where="file:waivers.yaml"),
        E("SC408", "dev-zc01-001", ("last_seen_at",)),
    ]


@variant(
    "SC901", "expired-waiver", "ndjson", options=_waivers("2026-01-31"), waivers=True, cli=True
)
def _sc901_cli(c: Copy) -> list[E]:
    return [E("SC901", None, where="file:waivers.yaml")]


@variant(
    "SC902",
    "waiver-matching-nothing",
    "json",
    options=_waivers("2099-12-31"),
    waivers=True,
    cli=True,
)
@variant("SC902", "waiver-matching-nothing", "ndjson", options=_waivers("2099-12-31"), waivers=True)
def _sc902(c: Copy) -> list[E]:
    return [E("SC902", None, where="file:waivers.yaml")]


# --------------------------------------------------------------------------- running


def _key(f: Finding, fmt: str) -> Key:
    name = Path(f.file).name if f.file else ""
    # NDJSON pointers are per record: the line tells records apart
    line = f.line if name.endswith(".ndjson") else None
    return f.code, name, f.entity_id, f.pointer, line


def _check(v: Variant, files: list[str], folder: Path) -> list[Finding]:
    options = v.options(folder) if v.options is not None else {}
    if not v.cli:
        return list(smartstd.check(files, **options).findings)
    args = ["check", *files, "--format", "json", "--no-color"]
    if "waivers" in options:
        args += ["--waivers", str(folder / "waivers.yaml")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return [Finding.from_dict(f) for f in json.loads(result.output)["findings"]]


_BASE: dict[tuple[str, str], Counter[Key]] = {}


def _base(v: Variant, tmp_path_factory: pytest.TempPathFactory) -> Counter[Key]:
    """The findings of the unplanted copy in the variant's format (and with its waivers)."""
    key = (v.fmt, v.id if v.waivers else "")
    if key not in _BASE:
        folder = tmp_path_factory.mktemp(f"base-{v.fmt}")
        files = Copy.fresh().write(folder, v.fmt)
        options = v.options(folder) if v.waivers and v.options is not None else {}
        found = smartstd.check(files, **options).findings
        _BASE[key] = Counter(_key(f, v.fmt) for f in found if f.code not in ("SC901", "SC902"))
    return _BASE[key]


def _value_at(record: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        found = isinstance(record, dict) and part in record
        found = found or (isinstance(record, list) and isinstance(part, int) and part < len(record))
        if not found:
            raise KeyError(part)
        record = record[part]
    return record


def _block(lines: list[str], head: str, nth: int = 0) -> tuple[int, int]:
    """The lines (1-based, end excluded) of the ``nth`` YAML list item that starts with ``head``."""
    start = [n + 1 for n, text in enumerate(lines) if text == head][nth]
    end = next(
        (n + 1 for n in range(start, len(lines)) if lines[n][:1] not in (" ", "")),
        len(lines) + 1,
    )
    return start, end


def _check_place(c: Copy, v: Variant, e: E, f: Finding, texts: dict[str, list[str]]) -> None:
    """The finding's line (and, in JSON and NDJSON, its column) points into the planted record."""
    name = Path(f.file).name if f.file else ""
    lines = texts[name]
    if e.entity is None and e.where != "envelope":  # about a whole file
        assert f.line is None or 1 <= f.line <= len(lines), f
        return
    assert f.line is not None, f
    if e.where == "envelope":
        if v.fmt == "yaml":
            last = lines.index("entities:")
        else:
            last = 1 if v.fmt == "ndjson" else len(c.envelope) + 1
        assert 1 <= f.line <= last, f
        return
    if e.where == "file:charter.yaml":  # an assertion
        start, end = _block(lines, f"- name: {e.entity}")
        assert start <= f.line < end, (f, start, end)
        return
    if e.where.startswith("file:"):  # a fragment of one record after its envelope
        assert f.line == 2, f
        return
    records = c.entities if e.where == "data" else c.charter["entities"]
    i = _index(records, e.entity, e.nth)
    if name.endswith(".yaml"):
        start, end = _block(lines, f"- id: {e.entity}", e.nth)
        assert start <= f.line < end, (f, start, end)
        return
    first = 2 if name.endswith(".ndjson") else len(c.envelope) + 3
    if e.where == "charter":  # in the NDJSON file, after the data
        first += len(c.entities)
    assert f.line == first + i, f
    if f.code in ("SC100", "SC101", "SC102", "SC109") or f.column is None:
        return
    try:
        want = _value_at(records[i], e.path)
    except KeyError:  # a missing field: placed on its record
        return
    got, _end = json.JSONDecoder().raw_decode(lines[f.line - 1][f.column - 1 :])
    assert got == want, (f, got, want)


@pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.id)
def test_planted_defect(
    v: Variant, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = _base(v, tmp_path_factory)
    c = Copy.fresh()
    expected = v.plant(c)
    files = c.write(tmp_path, v.fmt)
    found = _check(v, files, tmp_path)
    now = Counter(_key(f, v.fmt) for f in found)
    new = now - base
    lost = base - now
    got = sorted((k[0], k[1], k[2], k[3]) for k in new.elements())
    want = sorted(_expected(c, v.fmt, e) for e in expected)
    assert got == want
    if not v.loses_records:
        assert not lost, f"findings of the copy gone: {sorted(lost)}"
    texts = {
        Path(p).name: p.read_text("utf-8", "replace").split("\n")
        for p in tmp_path.iterdir()
        if p.is_file()
    }
    by_key = {
        (f.code, Path(f.file).name if f.file else "", f.entity_id, f.pointer): f
        for f in found
        if _key(f, v.fmt) in new
    }
    for e in expected:
        _check_place(c, v, e, by_key[_expected(c, v.fmt, e)], texts)


def test_every_rule_is_planted() -> None:
    """Every rule of the catalogue has at least two variants."""
    from smartstd.catalogue import all_rules

    counts = Counter(v.rule for v in VARIANTS)
    assert {r.code for r in all_rules()} == set(counts)
    assert min(counts.values()) >= 2, [c for c, n in counts.items() if n < 2]


@pytest.mark.parametrize("fmt", ["json", "ndjson", "yaml"])
def test_the_copy_is_as_clean_as_the_example(fmt: str, tmp_path: Path) -> None:
    files = Copy.fresh().write(tmp_path, fmt)
    report = smartstd.check(files)
    assert {f.code for f in report.findings} <= {"SC502", "SC801"}  # both on purpose
    assert report.counts["error"] == 0
    assert report.level.value == "L3"
