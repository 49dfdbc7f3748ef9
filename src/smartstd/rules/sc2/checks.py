"""SC2xx identity and references: duplicate ids, references, communities, codes.

The cross-record state is compact: one 64-bit key per distinct id (a stable
BLAKE2 hash of the id) mapped to its type index, organisation kinds, the
communities of buildings, grids and devices, and the references and
community checks that could not be settled yet (forward references).

标识与引用：重复标识、无法解析的引用、类型不符、社区不一致、区划代码与信用代码。
"""

from __future__ import annotations

import datetime as dt
import hashlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from smartstd.advice import credit_code_hint
from smartstd.conformance.rule import (
    LOST_RECORD,
    WORKERS_FORK,
    Context,
    Hit,
    Where,
    entity_rule,
    register_dataset_rule,
)
from smartstd.divisions import division_hint, division_table
from smartstd.identifiers import credit_code_problem, division_code_problem
from smartstd.report import Path
from smartstd.rules.sc2.references import (
    field_name,
    mistyped,
    resolves_without_entity,
    unresolved,
)
from smartstd.standard._base import Ref
from smartstd.standard.dataset import ENTITY_TYPES
from smartstd.standard.introspect import iter_path

__all__ = ["IdentityRule", "IdentityState", "exact_ids", "split_identity"]

_TYPES = tuple(ENTITY_TYPES)
_TYPE_INDEX = {name: i for i, name in enumerate(_TYPES)}
_MULTI = 1 << 24  # flag: the value is a bitmask of several types


#: How an id is kept in the state: a 64-bit key, or the id itself (:func:`exact_ids`).
IdKey = int | str


def id_key(entity_id: str) -> int:
    """A stable 64-bit key of an id (the same in every process)."""
    return int.from_bytes(
        hashlib.blake2b(entity_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
        "little",
    )


#: The key of an id inside one check. Worker processes are forked where the
#: platform allows (they share the parent's string-hash secret, so the built-in
#: ``hash``, which a string caches, gives the same key in every process);
#: elsewhere workers are spawned and need :func:`id_key`.
_key: Callable[[str], IdKey] = hash if WORKERS_FORK else id_key


def _exact(entity_id: str) -> str:
    return entity_id


@contextmanager
def exact_ids() -> Iterator[None]:
    """Within the block, ids are kept and compared as the strings themselves.

    A cluster check (:mod:`smartstd.conformance.cluster`) splits the ids
    between processes, so no process holds them all and none needs the
    64-bit keys that keep one process's memory small; exact strings rule out
    two ids sharing a key, which at 10⁹ ids would likely happen.
    """
    global _key
    saved = _key
    _key = _exact
    try:
        yield
    finally:
        _key = saved


#: Entity types whose ids other rules look up: organisation kinds and communities.
_TABLES = {"Organization": "org", "Building": "building", "Grid": "grid", "Device": "device"}
#: Entity types with references that must stay in one community.
_COMMUNITY_TYPES = frozenset({"Building", "Grid", "Device", "ServiceRequest", "Alert"})


#: What :class:`IdentityRule` needs of an entity class: its type index, its
#: table (``org``, ``building``, ``grid``, ``device`` or None), its reference
#: plan (each reference with the one type index it needs when simple, and its
#: first field name), and
#: whether it has references that must stay in one community.
_Facts = tuple[int, str | None, tuple[tuple[Ref, int | None, str], ...], bool]
_FACTS: dict[type, _Facts] = {}


def _facts(cls: type) -> _Facts:
    """Work out an entity class's :data:`_Facts` once.

    A reference is simple when it is one field that names one entity type and
    no organisation kind (``Observation.device_id``): a lookup settles it.
    """
    name = cls.__name__
    plan = []
    for ref in getattr(cls, "__references__", ()):
        simple = (
            _TYPE_INDEX[ref.types[0]]
            if len(ref.path) == 1
            and len(ref.types) == 1
            and not ref.kinds
            and ref.types[0] != "ResponsibilityDomain"
            else None
        )
        plan.append((ref, simple, ref.path[0]))
    facts = _FACTS[cls] = (
        _TYPE_INDEX[name],
        _TABLES.get(name),
        tuple(plan),
        name in _COMMUNITY_TYPES,
    )
    return facts


def _in_items(entity: Any, path: Path) -> list[tuple[Path, Any]]:
    """:func:`iter_path` for ``(field, "*", name)`` (``enrolments.*.service_id``), unrolled.

    The same values at the same paths in the same order, without a generator
    per level: most references inside lists are of this one shape.
    """
    head, _, name = path
    items = getattr(entity, str(head), None)
    if not isinstance(items, list):
        return []
    out: list[tuple[Path, Any]] = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            if name in item:
                out.append(((head, i, name), item[name]))
        elif isinstance(item, BaseModel):
            value = getattr(item, str(name), None)
            if value is not None:
                out.append(((head, i, name), value))
    return out


def _types_of(value: int) -> list[str]:
    if value & _MULTI:
        return [t for i, t in enumerate(_TYPES) if value & (1 << i)]
    return [_TYPES[value]]


@dataclass
class _Pending:
    field: str
    path: Path
    target: str
    types: tuple[str, ...]
    kinds: tuple[str, ...]
    where: Where


_PendingKey = tuple[str | None, str, Path, str, tuple[str, ...], tuple[str, ...]]


def _position(where: Where) -> int:
    """A record's place as one integer: its NDJSON line, or -(index + 1) in a document."""
    if where.line is not None:
        return where.line
    if len(where.base) == 2 and isinstance(where.base[1], int):
        return -(where.base[1] + 1)
    return 0


def _queue(state: IdentityState, key: _PendingKey, where: Where) -> None:
    """Keep a reference whose target is not known yet, by its record's position."""
    bucket = state.pending.get(key)
    if bucket is None:
        bucket = state.pending[key] = array("q")
    bucket.append(_position(where))


def _where(file: str | None, position: int) -> Where:
    """The inverse of :func:`_position` (the entity's type and id are filled in later)."""
    if position > 0:
        return Where(file, position, ())
    if position < 0:
        return Where(file, None, ("entities", -position - 1))
    return Where(file, None, ())


@dataclass
class _CommunityCheck:
    field: str
    path: Path
    target: str
    table: str  # "building", "grid" or "device"
    expected: str
    where: Where


@dataclass
class IdentityState:
    """The compact cross-record state of the identity rules."""

    ids: dict[IdKey, int] = field(default_factory=dict)
    org_kinds: dict[str, str] = field(default_factory=dict)
    communities: dict[str, dict[str, str]] = field(
        default_factory=lambda: {"building": {}, "grid": {}, "device": {}}
    )
    #: unsettled references, grouped by (file, field, path, target, types, kinds); each
    #: record is one integer (its NDJSON line, or -(index + 1) in a document's
    #: entities), 8 bytes in an array: cheap to keep and to send between processes
    pending: dict[_PendingKey, array[int]] = field(default_factory=dict)
    community_checks: list[_CommunityCheck] = field(default_factory=list)
    cross_duplicates: set[IdKey] = field(default_factory=set)
    files: list[str] = field(default_factory=list)
    last_file: str | None = None
    #: ids of records whose type is not known (SC104, or a record that could not be
    #: read): a reference to one is neither unresolved nor mistyped
    untyped: set[IdKey] = field(default_factory=set)
    #: whether records were lost without even their id (an unreadable document):
    #: then no reference can be called unresolved
    incomplete: bool = False


def split_identity(
    state: IdentityState, buckets: int, bucket_of: Callable[[str, int], int]
) -> list[IdentityState]:
    """Split a state kept with :func:`exact_ids` into ``buckets`` states by the id of each part.

    Every question the identity rule asks is about one id (is it known, of
    which type, which organisation kind, which community; is a reference to
    it settled), so merging the same bucket of every part in input order and
    finishing it gives that bucket's share of the findings, as a single
    process would.
    """
    out = [
        IdentityState(files=list(state.files), incomplete=state.incomplete) for _ in range(buckets)
    ]

    def b(key: IdKey) -> int:
        if not isinstance(key, str):
            raise TypeError("split_identity needs a state kept with exact_ids()")
        return bucket_of(key, buckets)

    for key, value in state.ids.items():
        out[b(key)].ids[key] = value
    for eid, kind in state.org_kinds.items():
        out[b(eid)].org_kinds[eid] = kind
    for table, values in state.communities.items():
        for eid, community in values.items():
            out[b(eid)].communities[table][eid] = community
    for pkey, records in state.pending.items():
        out[b(pkey[3])].pending[pkey] = records
    for check in state.community_checks:
        out[b(check.target)].community_checks.append(check)
    for key in state.cross_duplicates:
        out[b(key)].cross_duplicates.add(key)
    for key in state.untyped:
        out[b(key)].untyped.add(key)
    return out


class IdentityRule:
    """SC201 duplicate ids, SC202 unresolved and SC203 mistyped references, SC204 communities.

    What makes a reference unresolved, and the SC202 hit, are defined once in
    :mod:`smartstd.rules.sc2.references` (shared with the charter's checks).
    """

    codes: tuple[str, ...] = ("SC201", "SC202", "SC203", "SC204")
    types: tuple[str, ...] = ("*",)
    wants_invalid = True
    wants_lost = True

    def new_state(self) -> IdentityState:
        """An empty state."""
        return IdentityState()

    # -- collecting

    def collect(self, state: IdentityState, entity: Any, where: Where, ctx: Context) -> list[Hit]:
        """Register an entity's id; settle its references if their targets are known."""
        file = where.file
        if file is not None and file is not state.last_file:
            if file not in state.files:
                state.files.append(file)
            state.last_file = file
        hits: list[Hit] = []
        if type(entity) is dict:  # structurally invalid or unreadable: register its id only
            etype, eid = entity.get("type"), entity.get("id")
            if not isinstance(eid, str):
                state.incomplete = state.incomplete or LOST_RECORD in entity
            elif not (isinstance(etype, str) and etype in _TYPE_INDEX):
                state.untyped.add(_key(eid))
            elif LOST_RECORD in entity:  # known as far as its text shows: no SC201 from it
                self._register(state, etype, eid, [])
            else:
                self._register(state, etype, eid, hits)
            return hits
        facts = _FACTS.get(entity.__class__)
        if facts is None:
            facts = _facts(entity.__class__)
        index, table, plan, community = facts
        eid = entity.id
        ids = state.ids
        key = _key(eid)
        if key not in ids:  # the common case, inline
            ids[key] = index
        else:
            self._register(state, entity.type, eid, hits)
        if table is not None:
            if table == "org":
                state.org_kinds[eid] = entity.kind
            else:
                state.communities[table][eid] = entity.community_id
        if plan:
            for ref, simple, attr in plan:
                if simple is not None:  # one field, one target type, any kind
                    target = getattr(entity, attr)
                    if target is None:
                        continue
                    if type(target) is str:
                        value = ids.get(_key(target))
                        if value == simple:
                            continue  # the common case: the target is known and right
                        if value is None:  # not known yet (a worker's later part, say)
                            queued = (file, attr, ref.path, target, ref.types, ref.kinds)
                            _queue(state, queued, where)
                            continue
                    found: Iterable[tuple[Path, Any]] = ((ref.path, target),)
                elif len(ref.path) == 1:
                    value = getattr(entity, ref.path[0], None)
                    if value is None:
                        continue
                    found = ((ref.path, value),)
                elif len(ref.path) == 3 and ref.path[1] == "*":
                    found = _in_items(entity, ref.path)
                else:
                    found = iter_path(entity, ref.path)
                for path, target in found:
                    if not isinstance(target, str):
                        continue
                    verdict = self._judge(state, target, ref.types, ref.kinds)
                    if verdict is True:
                        continue
                    fname = field_name(path)
                    if verdict is None:
                        _queue(state, (file, fname, path, target, ref.types, ref.kinds), where)
                    elif isinstance(verdict, tuple):
                        p = _Pending(fname, path, target, ref.types, ref.kinds, where)
                        hits.append(self._mismatch(p, *verdict))
        if community:
            hits.extend(self._community(state, entity, where))
        return hits

    def _register(self, state: IdentityState, etype: str, eid: str, hits: list[Hit]) -> None:
        key = _key(eid)
        idx = _TYPE_INDEX[etype]
        old = state.ids.get(key)
        if old is None:
            state.ids[key] = idx
            return
        known = _types_of(old)
        if etype in known:
            hits.append(Hit("SC201", ("id",), {"type": etype, "id": eid}))
            return
        mask = (old if old & _MULTI else (1 << old) | _MULTI) | (1 << idx)
        state.ids[key] = mask

    @staticmethod
    def _judge(
        state: IdentityState, target: str, types: tuple[str, ...], kinds: tuple[str, ...]
    ) -> bool | tuple[str, str] | None:
        """True when fine, ``(expected, actual)`` when mistyped, None when not known yet."""
        if resolves_without_entity(target, types):
            return True
        key = _key(target)
        value = state.ids.get(key)
        if value is None:
            return True if key in state.untyped else None
        # one type is the common case
        actual = [_TYPES[value]] if value < len(_TYPES) else _types_of(value)
        matching = [t for t in actual if t in types]
        if not matching:
            return " or ".join(types), " / ".join(actual)
        if kinds and matching == ["Organization"]:
            kind = state.org_kinds.get(target)
            if kind is None:
                return None
            if kind not in kinds:
                return "Organization (" + " / ".join(kinds) + ")", f"Organization ({kind})"
        return True

    def _near(
        self, state: IdentityState, target: str, types: tuple[str, ...], kinds: tuple[str, ...]
    ) -> str | None:
        """An id of the right type that ``target`` differs from only in case, width or spaces.

        Only for a reference left unresolved at the end (never on the way):
        the ids are kept as keys, so the likely spellings of ``target`` are
        looked up rather than the ids searched.
        """
        import unicodedata

        tidy = unicodedata.normalize("NFKC", target).strip()
        spellings = (tidy, tidy.lower(), tidy.upper(), target.lower(), target.upper())
        for near in dict.fromkeys(spellings):
            if (
                near != target
                and _key(near) in state.ids
                and self._judge(state, near, types, kinds) is True
            ):
                return near
        return None

    @staticmethod
    def _mismatch(p: _Pending, expected: str, actual: str) -> Hit:
        return mistyped(p.path, p.target, expected, actual)

    def _resolve(self, state: IdentityState, p: _Pending) -> Hit | bool | None:
        """True when fine, a hit when wrong, None when not known yet."""
        verdict = self._judge(state, p.target, p.types, p.kinds)
        if verdict is None or verdict is True:
            return verdict
        assert isinstance(verdict, tuple)
        return self._mismatch(p, *verdict)

    def _community(self, state: IdentityState, e: Any, where: Where) -> Iterator[Hit]:
        checks: list[tuple[str, Path, str | None, str, str | None]] = []
        t = e.type
        if t == "Building":
            checks.append(("grid_id", ("grid_id",), e.grid_id, "grid", e.community_id))
        elif t == "Grid":
            for i, b in enumerate(e.building_ids):
                checks.append(
                    (f"building_ids.{i}", ("building_ids", i), b, "building", e.community_id)
                )
        elif t == "Device":
            checks.append(
                ("building_id", ("building_id",), e.building_id, "building", e.community_id)
            )
        elif t == "ServiceRequest" and e.location is not None:
            checks.append(
                (
                    "location.building_id",
                    ("location", "building_id"),
                    e.location.building_id,
                    "building",
                    e.community_id,
                )
            )
        elif t == "Alert":
            checks.append(("device_id", ("device_id",), e.device_id, "device", e.community_id))
        for fname, path, target, table, expected in checks:
            if target is None or expected is None:
                continue
            c = _CommunityCheck(fname, path, target, table, expected, where)
            actual = state.communities[table].get(target)
            if actual is None:
                state.community_checks.append(c)
            elif actual != expected:
                yield self._community_hit(c, actual)

    @staticmethod
    def _community_hit(c: _CommunityCheck, actual: str) -> Hit:
        return Hit(
            "SC204",
            c.path,
            {"field": c.field, "target": c.target, "actual": actual, "expected": c.expected},
        )

    # -- merging and finishing

    def merge(self, state: IdentityState, other: IdentityState) -> IdentityState:
        """Fold a later worker's state into this one.

        ``other`` is only read, and nothing of it is kept that a later fold
        would change (its unsettled references are copied, not taken): a
        cluster's join task that Dask runs again (after a worker was lost)
        folds the same inputs.
        """
        ids, later = state.ids, other.ids
        common = ids.keys() & later.keys()  # ids seen by both: rare
        olds = {key: ids[key] for key in common}
        ids.update(later)  # in C; the common ids are settled below
        for key, old in olds.items():
            value = later[key]
            a, b = set(_types_of(old)), set(_types_of(value))
            if a & b:
                state.cross_duplicates.add(key)
            mask = _MULTI
            for t in a | b:
                mask |= 1 << _TYPE_INDEX[t]
            ids[key] = mask if len(a | b) > 1 else _TYPE_INDEX[next(iter(a | b))]
        state.org_kinds.update(other.org_kinds)
        for table, values in other.communities.items():
            state.communities[table].update(values)
        for pkey, records in other.pending.items():
            bucket = state.pending.get(pkey)
            if bucket is None:
                state.pending[pkey] = records[:]  # a copy: a later fold extends it
            else:
                bucket.extend(records)
        state.community_checks.extend(other.community_checks)
        state.cross_duplicates |= other.cross_duplicates
        state.files.extend(f for f in other.files if f not in state.files)
        state.untyped |= other.untyped
        state.incomplete = state.incomplete or other.incomplete
        return state

    def finish(self, state: IdentityState, ctx: Context) -> Iterator[Hit]:
        """Settle what was pending; report what never resolved."""
        for (file, fname, path, target, types, kinds), records in state.pending.items():
            verdict = self._judge(state, target, types, kinds)
            if verdict is True:
                continue
            if verdict is None and (state.incomplete or _key(target) in state.ids):
                # the target may be in what could not be read, or it is an organisation
                # whose kind is unknown (its record is invalid): not for SC202 to say
                continue
            near = None if isinstance(verdict, tuple) else self._near(state, target, types, kinds)
            for position in records:
                where = _where(file, position)
                if isinstance(verdict, tuple):
                    p = _Pending(fname, path, target, types, kinds, where)
                    hit = self._mismatch(p, *verdict)
                    yield Hit(hit.code, hit.path, hit.params, where=where)
                else:
                    yield unresolved(path, target, types, where, near)
        for c in state.community_checks:
            actual = state.communities[c.table].get(c.target)
            if actual is not None and actual != c.expected:
                hit = self._community_hit(c, actual)
                yield Hit(hit.code, hit.path, hit.params, where=c.where)
        if state.cross_duplicates:
            yield from _rescan_duplicates(state.cross_duplicates, state.files)


def _rescan_duplicates(keys: set[IdKey], files: list[str]) -> Iterator[Hit]:
    """Find where ids seen by two workers occur again (rare: only then is input re-read)."""
    from smartstd.conformance.inputs import Record, iter_ndjson_records, open_document
    from smartstd.io import Limits

    seen: set[tuple[IdKey, str]] = set()
    limits = Limits()
    for file in files:
        doc = open_document(file, limits)
        records = doc.records() if doc.fmt != "ndjson" else iter_ndjson_records(file, limits)
        for rec in records:
            if not isinstance(rec, Record) or not isinstance(rec.raw, dict):
                continue
            eid, etype = rec.raw.get("id"), rec.raw.get("type")
            if not isinstance(eid, str) or not isinstance(etype, str):
                continue
            key = _key(eid)
            if key not in keys:
                continue
            if (key, etype) in seen:
                yield Hit("SC201", ("id",), {"type": etype, "id": eid}, where=rec.where)
            seen.add((key, etype))


register_dataset_rule(IdentityRule())


@entity_rule("SC205", types=("Community", "Grid"))
def invalid_division_code(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC205: a community's division code must be a county-level GB/T 2260 code in use.

    The shape is checked first; then the code is looked up in the GB/T 2260
    table (:mod:`smartstd.divisions`, updated by the file the parameter
    ``table`` names) at the dataset's date (``generated_at``). The finding
    says what to write instead (:mod:`smartstd.advice`): the code an abolished
    district's area now belongs to, the county codes of the prefecture.

    A 12-digit statistical code (``statistical_code``, 统计用区划代码) starts
    with the county's code: on a community it must equal ``division_code``, on
    a grid it must be a county-level code in use; neither its township nor its
    community part may be ``000``. A community whose ``division_code`` fails is
    not judged on its statistical code as well.
    """
    day = ctx.now.date() if ctx.now is not None else None
    code = getattr(e, "division_code", None)
    if code is not None:
        hit = _division_hit(("division_code",), code, code, day, ctx)
        if hit is not None:
            yield hit
            return  # one mistake, one finding: the statistical code is judged against a valid code
    stat = getattr(e, "statistical_code", None)  # from 1.1.0
    if stat is None:
        return
    path: Path = ("statistical_code",)
    if code is not None and stat[:6] != code:
        yield Hit(
            "SC205",
            path,
            {
                "value": stat,
                "reason": "statistical-code-mismatch",
                "hint": "statistical-code-mismatch",
                "prefix": stat[:6],
                "division_code": code,
            },
        )
        return
    if code is None:
        hit = _division_hit(path, stat, stat[:6], day, ctx)
        if hit is not None:
            yield hit
            return
    empty = [p for p, part in (("7-9", stat[6:9]), ("10-12", stat[9:])) if part == "000"]
    if empty:
        yield Hit(
            "SC205",
            path,
            {
                "value": stat,
                "reason": "statistical-code-incomplete",
                "hint": "statistical-code-incomplete",
                "positions": ", ".join(empty),
            },
        )


def _division_hit(path: Path, value: str, code: str, day: Any, ctx: Context) -> Hit | None:
    """The SC205 hit for the county code ``code`` (``value`` as written), with its hint."""
    problem = division_code_problem(code)
    details: dict[str, Any] = {}
    if problem is None:
        update = ctx.param("SC205", "table")
        table = division_table(update if isinstance(update, str) and update else None)
        found = table.problem(code, day)
        if found is not None:
            problem, details = found
            details = {**details, **division_hint(table, code, problem, details, day)}
    if problem is None:
        return None
    return Hit("SC205", path, {"value": value, "reason": problem, **details})


@entity_rule("SC206", types=("Organization",))
def invalid_credit_code(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC206: an organisation's credit code must pass the GB 32100-2015 check.

    The finding names the position that is wrong and, for the check
    character, the one the first 17 characters call for (a credit code is not
    personal data: it may be repeated).
    """
    if e.credit_code is None:
        return
    problem = credit_code_problem(e.credit_code)
    if problem is not None:
        hint = credit_code_hint(e.credit_code) or {}
        yield Hit("SC206", ("credit_code",), {"value": e.credit_code, "reason": problem, **hint})


#: What happened to a record, by entity type: the paths of times (and dates and
#: years) that cannot be later than the dataset's ``generated_at``. Requests
#: (SC301) and alerts (SC406) are judged by their own rules; planned times (a
#: consultation's window, a due date, an enrolment that has not started yet
#: (SC502 counts it as not serving), a charter's validity) may be later.
_HAPPENED: dict[str, tuple[tuple[str, ...], ...]] = {
    "Observation": (("observed_at",),),
    "Device": (("installed_at",), ("last_seen_at",)),
    "ServiceRecord": (("delivered_at",),),
    "ServiceProfile": (("updated_at",), ("needs", "*", "assessed_at")),
    "Resident": (
        ("birth_year",),
        ("consents", "*", "given_at"),
        ("consents", "*", "withdrawn_at"),
    ),
    "Household": (("moved_in_on",),),
    "Building": (("built_year",),),
    "Consultation": (("decision", "decided_at"),),
}


def _later(value: Any, now: dt.datetime) -> bool:
    """Whether a time, a date or a year is later than ``now`` (at ``now``'s offset)."""
    if isinstance(value, dt.datetime):
        return value.tzinfo is not None and value > now
    if isinstance(value, dt.date):
        return value > now.date()
    if isinstance(value, int) and not isinstance(value, bool):
        return value > now.year
    return False


@entity_rule("SC207", types=tuple(_HAPPENED))
def time_after_generation(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC207: what a record says happened did not happen after the dataset was made."""
    now = ctx.now
    if now is None:
        return
    for pattern in _HAPPENED.get(e.type, ()):
        for path, value in iter_path(e, pattern):
            if _later(value, now):
                written = value.isoformat() if isinstance(value, dt.date) else value
                yield Hit(
                    "SC207",
                    path,
                    {
                        "field": "/".join(map(str, path)),
                        "value": written,
                        "generated_at": now.isoformat(),
                    },
                )
