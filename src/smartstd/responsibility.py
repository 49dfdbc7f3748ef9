"""Who should fix a finding: the responsible organisation of each record.

A street office that receives data from several vendors needs one list per
organisation (整改清单, a rectification list). A finding names a record (its
``entity_type`` and ``entity_id``) and a file; this module reads the same
inputs once more and answers, for each finding, which organisation is
responsible for the record, and on what basis. The first rule that gives
an organisation wins:

1. ``record``: the record's own handler field names the organisation that
   keeps or produces it: ``operator_id`` (Facility, Device), ``handled_by_id``
   (Alert), ``assigned_to_id`` (ServiceRequest), ``provider_id`` (Service,
   ServiceRecord), ``responsible_id`` (Service), ``managed_by_id`` (Building),
   ``assessed_by_id`` (ServiceProfile), ``organizer_id`` (Consultation),
   ``lead_id`` (Pilot), ``steward_id`` (DataCategory), ``organization_id``
   (Assignment, DataAccessGrant); an Organization is responsible for itself.
   An Observation takes its Device's operator.
2. ``charter``: the record's responsibility domain (a Service's
   ``domain_id``, or the published mapping of a request or alert category,
   a device kind or a service category; residents, households and dwellings
   are ``resident_data``) and the charter's assignments for that domain or a
   sub-domain of it: the lead responsible party, else a responsible one, else
   the accountable one.
3. ``publisher``: the ``publisher_id`` of the envelope of the finding's file
   (the organisation that sent the data).
4. ``unassigned``: none of these (a file that cannot be read, a record
   without an id): such findings are listed under "not assigned".

谁来整改：按记录自身的负责方字段、章程中对应责任领域的职责分工、数据集发布方的顺序，
为每条检查结果确定责任单位，生成可分发给各单位的整改清单。
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartstd.report import Finding

__all__ = ["HANDLER_FIELDS", "Responsible", "ResponsibleIndex", "responsible_index"]

#: The fields whose value is the organisation that keeps or produces a record, in order.
HANDLER_FIELDS: tuple[str, ...] = (
    "operator_id",
    "handled_by_id",
    "assigned_to_id",
    "provider_id",
    "responsible_id",
    "managed_by_id",
    "assessed_by_id",
    "organizer_id",
    "lead_id",
    "steward_id",
    "organization_id",
)

# (entity type, field holding a code, the code list it maps from through domains.MAPPINGS)
_DOMAIN_CODES: dict[str, tuple[str, str]] = {
    "ServiceRequest": ("category", "request_category"),
    "Alert": ("category", "alert_category"),
    "Device": ("kind", "device_kind"),
    "Service": ("category", "service_category"),
}
_RESIDENT_DATA = frozenset({"Resident", "Household", "Dwelling", "ServiceProfile"})
_ROLE_ORDER = {"responsible": 0, "accountable": 1}


@dataclass(frozen=True, slots=True)
class Responsible:
    """The organisation responsible for a finding, and why.

    Attributes:
        org_id: the organisation's id, or ``None`` when unassigned.
        name_zh: its Chinese name (the id when the data has no name).
        name_en: its English name (the Chinese one, then the id, when missing).
        basis: ``record``, ``charter``, ``publisher`` or ``unassigned``.
        via: what the basis rests on: the field (``operator_id``), the domain
            (``elderly_care``), the file, or ``""``.
    """

    org_id: str | None
    name_zh: str
    name_en: str
    basis: str
    via: str = ""

    def name(self, lang: str) -> str:
        """The name in ``lang``."""
        return self.name_en if lang.lower().startswith("en") else self.name_zh


@dataclass
class _Record:
    handler: tuple[str, str] | None  # (field, org id)
    domain: str | None
    device: str | None  # an Observation's device


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _iter_values(file: str) -> Iterator[Any]:
    """The top-level values of a file: one document, or one per NDJSON line."""
    path = Path(file)
    if path.suffix.lower() in (".ndjson", ".jsonl"):
        with path.open("rb") as fh:
            for line in fh:
                try:
                    yield json.loads(line)
                except ValueError:
                    continue
        return
    from smartstd.io import read_file

    doc = read_file(path)
    if doc.value is not None:
        yield doc.value


class ResponsibleIndex:
    """What the inputs say about responsibility, to look findings up in."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[str, str]] = {}
        self.publishers: dict[str, str] = {}
        self.records: dict[tuple[str, str], _Record] = {}
        self.assignments: dict[str, list[tuple[int, int, str]]] = {}
        self.parents: dict[str, str] = {}

    # -- reading --------------------------------------------------------------
    def add_file(self, file: str) -> None:
        """Read one input file (unreadable files are left out quietly)."""
        try:
            for value in _iter_values(file):
                self._add_value(file, value)
        except (OSError, ValueError, RecursionError):
            return

    def _add_value(self, file: str, value: Any) -> None:
        if not isinstance(value, dict):
            return
        publisher = _text(value.get("publisher_id"))
        if publisher and file not in self.publishers:
            self.publishers[file] = publisher
        entities = value.get("entities")
        if isinstance(entities, list):
            for entity in entities:
                if isinstance(entity, dict):
                    self._add_entity(entity)
        elif "type" in value:
            self._add_entity(value)

    def _add_entity(self, e: Mapping[str, Any]) -> None:
        etype, eid = _text(e.get("type")), _text(e.get("id"))
        if etype is None or eid is None:
            return
        if etype == "Organization":
            name = e.get("name")
            zh = en = None
            if isinstance(name, dict):
                zh, en = _text(name.get("zh-CN")), _text(name.get("en"))
            self.names[eid] = (zh or en or eid, en or zh or eid)
        elif etype == "ResponsibilityDomain":
            parent = _text(e.get("parent_id"))
            if parent:
                self.parents[eid] = parent
        elif etype == "Assignment":
            domain, org = _text(e.get("domain_id")), _text(e.get("organization_id"))
            role = _ROLE_ORDER.get(str(e.get("role")))
            if domain and org and role is not None:
                lead = 0 if e.get("lead") is True else 1
                self.assignments.setdefault(domain, []).append((role, lead, org))
        handler = None
        if etype == "Organization":
            handler = ("id", eid)
        else:
            for name in HANDLER_FIELDS:
                org = _text(e.get(name))
                if org:
                    handler = (name, org)
                    break
        self.records[(etype, eid)] = _Record(handler, self._domain_of(etype, e), None)
        if etype == "Observation":
            self.records[(etype, eid)].device = _text(e.get("device_id"))

    @staticmethod
    def _domain_of(etype: str, e: Mapping[str, Any]) -> str | None:
        from smartstd.standard.domains import domain_for

        if etype == "Service" and _text(e.get("domain_id")):
            return str(e["domain_id"])
        if etype in _DOMAIN_CODES:
            field, code_list = _DOMAIN_CODES[etype]
            code = _text(e.get(field))
            return domain_for(code_list, code) if code else None
        if etype in _RESIDENT_DATA:
            return "resident_data"
        return None

    # -- looking up -----------------------------------------------------------
    def _org(self, org_id: str, basis: str, via: str) -> Responsible:
        zh, en = self.names.get(org_id, (org_id, org_id))
        return Responsible(org_id, zh, en, basis, via)

    def _by_domain(self, domain: str) -> str | None:
        best: tuple[int, int, int, str] | None = None
        for assigned, options in self.assignments.items():
            depth = self._depth_below(assigned, domain)
            if depth is None:
                continue
            for role, lead, org in options:
                key = (role, depth, lead, org)
                if best is None or key < best:
                    best = key
        return best[3] if best is not None else None

    def _depth_below(self, domain: str, ancestor: str) -> int | None:
        """How many steps ``domain`` is below ``ancestor`` (0 for itself), or ``None``."""
        seen: set[str] = set()
        depth, current = 0, domain
        while current not in seen:
            if current == ancestor:
                return depth
            seen.add(current)
            parent = self.parents.get(current)
            if parent is None:
                return None
            current, depth = parent, depth + 1
        return None

    def for_finding(self, finding: Finding) -> Responsible:
        """The responsible organisation of ``finding`` (see the module docstring)."""
        record = None
        if finding.entity_type and finding.entity_id:
            record = self.records.get((finding.entity_type, finding.entity_id))
        if record is not None:
            if record.handler is not None:
                return self._org(record.handler[1], "record", record.handler[0])
            if record.device is not None:
                device = self.records.get(("Device", record.device))
                if device is not None and device.handler is not None:
                    return self._org(device.handler[1], "record", "device_id")
            if record.domain is not None:
                org = self._by_domain(record.domain)
                if org is not None:
                    return self._org(org, "charter", record.domain)
        if finding.file and finding.file in self.publishers:
            return self._org(self.publishers[finding.file], "publisher", finding.file)
        if len(set(self.publishers.values())) == 1:
            return self._org(next(iter(self.publishers.values())), "publisher", "")
        return Responsible(None, "未确定责任单位", "Not assigned", "unassigned")


def responsible_index(files: Iterable[str]) -> ResponsibleIndex:
    """Read ``files`` (the report's inputs) into a :class:`ResponsibleIndex`."""
    index = ResponsibleIndex()
    for file in files:
        if file and file != "-":
            index.add_file(file)
    return index
