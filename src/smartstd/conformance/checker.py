"""The checker: one process's share of a check, record by record.

A :class:`_Checker` reads records (whole documents, or an NDJSON file or a
byte range of one), validates their structure, runs the entity rules and the
per-record part of the dataset rules, and keeps the dataset rules' compact
states. The engine (:mod:`smartstd.conformance.engine`) drives one checker,
or merges the results of several: worker processes with ``--jobs`` (the
byte ranges of :func:`_split`) or the tasks of a Dask cluster
(:mod:`smartstd.conformance.cluster`).

检查器：一个进程负责的那一份检查，逐条记录校验结构、运行规则，并保存跨记录规则的紧凑状态。
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from smartstd.catalogue import get_rule
from smartstd.conformance.counting import count_batch, reader_would_pass
from smartstd.conformance.inputs import (
    Batch,
    Record,
    Unstreamable,
    iter_ndjson_batches,
)
from smartstd.conformance.keys import (
    flat_proves_unique_keys,
    model_proves_unique_keys,
    no_duplicate_keys,
    plain_key_count,
)
from smartstd.conformance.rule import (
    APPLIES,
    DATASET_RULES,
    ENTITY_RULES,
    LOST_RECORD,
    Context,
    Hit,
    Where,
    load_checks,
    rule_order,
)
from smartstd.conformance.screen import screen
from smartstd.conformance.structure import (
    codes_may_hold_prefixes,
    data_may_hold_prefixes,
    extension_prefixes,
    may_hold_prefixes,
    open_code_fields,
    text_may_hold_prefixes,
    validate_entity,
)
from smartstd.io import Limits, locate, parse_json
from smartstd.io.files import file_size, open_binary
from smartstd.masking import mask_finding
from smartstd.report import LEFT_OUT, Finding, Path, Severity
from smartstd.standard.introspect import fixed_depth, object_fields
from smartstd.standard.modelset import judged_version, models_for

__all__: list[str] = []

#: ``tuple.__new__``, to make a :class:`Where` without its Python-level ``__new__``.
_new_tuple = tuple.__new__

#: A string field of a record's text, for what an unreadable record still shows.
_SALVAGE = re.compile(r'"(id|type|household_id)"\s*:\s*"((?:[^"\\]|\\.)*)"')

#: How much of an unreadable NDJSON line is read again to see what it shows.
_SALVAGE_BYTES = 1 << 16


def _salvage(text: str | None) -> dict[str, Any]:
    """A stand-in for a record that could not be read (:data:`.rule.LOST_RECORD`).

    It holds the ``id``, ``type`` and ``household_id`` the text still shows:
    the first of each written as a JSON string field. Those are what lets
    the cross-record rules tell one unreadable record from a missing one, so
    that references to it do not become findings of their own.
    """
    found: dict[str, Any] = {LOST_RECORD: True}
    for m in _SALVAGE.finditer(text or ""):
        name, value = m.group(1), m.group(2)
        if name in found:
            continue
        if "\\" in value:
            try:
                value = json.loads(f'"{value}"')
            except ValueError:
                continue
        found[name] = value
    return found


# --------------------------------------------------------------------------- workers


@dataclass
class _Plan:
    """What runs for the records of one entity type.

    Attributes:
        fns: the entity rules.
        objects: the type's fields that may hold nested objects
            (:func:`~smartstd.standard.introspect.object_fields`).
        open_codes: whether the type has top-level fields of open code lists.
        plain: whether its records nest no deeper than ``max_depth`` when
            they hold declared fields only, so that
            :func:`~smartstd.conformance.keys.plain_key_count` can vouch
            for them.
        rules: the dataset rules, with their states.
        unscreened: the dataset rules that look at every record.
        screened: the dataset rules that only need records in which the
            batch screen found a run of digits (``screened_by_digit_runs``).
        busy: whether any rule looks at the type's records.
    """

    fns: list[Callable[[Any, Context], Iterable[Hit]]]
    rules: list[tuple[Any, Any]]
    unscreened: list[tuple[Any, Any]]
    screened: list[tuple[Any, Any]]
    objects: frozenset[str]
    open_codes: bool
    busy: bool
    plain: bool


#: How the notices name each limit: key, zh-CN, en.
_SCOPES: dict[str, tuple[str, str, str]] = {
    "rule-record": ("max_findings_per_rule_per_record", "每条记录每条规则", "per rule per record"),
    "record": ("max_findings_per_record", "每条记录", "per record"),
    "run": ("max_findings", "整次检查", "per run"),
}


def left_out(
    code: str,
    severity: Severity | str,
    omitted: int,
    scope: str,
    limits: Limits,
    where: Where | None = None,
) -> Finding:
    """The SC903 notice: ``omitted`` findings of ``code`` were over the ``scope`` limit."""
    name, zh, en = _SCOPES[scope]
    where = where or Where(None, None, ())
    return Finding(
        LEFT_OUT,
        Severity.INFO,
        path=where.base,
        file=where.file,
        line=where.line,
        entity_type=where.entity_type,
        entity_id=where.entity_id,
        params={
            "code": code,
            "severity": Severity(severity).value,
            "omitted": omitted,
            "scope": scope,
            "limit": getattr(limits, name),
            "scope_zh": zh,
            "scope_en": en,
        },
    )


def _with_severity(f: Finding, severity: Callable[[str], Severity]) -> Finding:
    """A reader's SC903 notice with the configured severity of what it left out."""
    code = f.params.get("code")
    if not isinstance(code, str):
        return f
    return f.replace(params={**f.params, "severity": severity(code).value})


class _Budget:
    """The finding limits of one checker: per rule per record, per record, per run.

    Findings come record by record (a record's findings are consecutive);
    when the record changes, the notices of the one before are written.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.per_rule = limits.max_findings_per_rule_per_record
        self.per_record = limits.max_findings_per_record
        self.per_run = limits.max_findings
        self.key: tuple[Any, ...] | None = None
        self.where: Where | None = None
        self.codes: Counter[str] = Counter()
        self.listed = 0
        self.run = 0
        #: (code, severity, scope) -> count, for the current record
        self.omitted: Counter[tuple[str, str, str]] = Counter()
        #: (code, severity) -> count, over the run limit
        self.run_omitted: Counter[tuple[str, str]] = Counter()

    def admit(
        self, code: str, severity: Severity, where: Where, emit: Callable[[Finding], None]
    ) -> bool:
        key = (where.file, where.line, where.base)
        if key != self.key:
            self.flush(emit)
            self.key, self.where = key, where
            self.codes.clear()
            self.listed = 0
        if self.run >= self.per_run:
            self.run_omitted[code, severity.value] += 1
            return False
        n = self.codes[code] + 1
        self.codes[code] = n
        if n > self.per_rule:
            self.omitted[code, severity.value, "rule-record"] += 1
            return False
        if self.listed >= self.per_record:
            self.omitted[code, severity.value, "record"] += 1
            return False
        self.listed += 1
        self.run += 1
        return True

    def flush(self, emit: Callable[[Finding], None]) -> None:
        """Write the notices of the current record."""
        if self.omitted:
            for (code, sev, scope), n in sorted(self.omitted.items()):
                emit(left_out(code, sev, n, scope, self.limits, self.where))
            self.omitted.clear()

    def close(self, emit: Callable[[Finding], None]) -> None:
        """Write every notice still due (the last record's, the run's)."""
        self.flush(emit)
        for (code, sev), n in sorted(self.run_omitted.items()):
            emit(left_out(code, sev, n, "run", self.limits))
        self.run_omitted.clear()


@dataclass
class _ChunkResult:
    findings: list[Finding]
    states: list[Any]
    counts: Counter[str]
    records: int


class _Checker:
    """Checks records one by one; holds the dataset rules' states for its share."""

    def __init__(
        self,
        ctx: Context,
        enabled: frozenset[str],
        severities: Mapping[str, Severity],
        limits: Limits | None = None,
    ) -> None:
        load_checks(enabled)
        self.ctx = ctx
        self.enabled = enabled
        self.severities = severities
        self.findings: list[Finding] = []
        self.counts: Counter[str] = Counter()
        self.records = 0
        self.entity_rules: dict[str, list[Callable[[Any, Context], Iterable[Hit]]]] = {}
        for type_name, entries in ENTITY_RULES.items():
            fns = [fn for codes, fn in entries if enabled.intersection(codes)]
            if fns:
                self.entity_rules[type_name] = fns
        self.dataset_rules = sorted(
            (r for r in DATASET_RULES if enabled.intersection(r.codes)), key=rule_order
        )
        self.states = [r.new_state() for r in self.dataset_rules]
        self._invalid_rules = self._wanting_invalid()
        self._lost_rules = self._wanting_lost()
        self._plans: dict[str, _Plan] = {}
        # the records of a type no rule looks at are only counted (counting.count_batch)
        self._counting = "*" not in self.entity_rules and not any(
            "*" in r.types for r in self.dataset_rules
        )
        # the core validator itself: TypeAdapter.validate_json is a Python wrapper
        # the models of the version the data declares (1.0.0 data gets 1.0.0's verdict)
        self.models = models_for(judged_version(ctx.standard_version))
        self._validate_json = self.models.json_validator()
        self.limits = limits or Limits()
        self._budget = _Budget(self.limits)
        self._check_prefixes = "SC107" in enabled
        # the batch screen serves only the rules that look at the lines it names
        self._screens = any(getattr(r, "screened_by_digit_runs", False) for r in self.dataset_rules)
        self._structural = enabled.intersection({"SC103", "SC104", "SC106", "SC108"})

    @property
    def counting(self) -> bool:
        """Whether batches go to :func:`~smartstd.conformance.counting.count_batch` first.

        True while no rule looks at every type (at L1, for one): most records
        are then only validated and counted.
        """
        return self._counting

    def severity(self, code: str) -> Severity:
        sev = self.severities.get(code)
        if sev is not None:
            return sev
        try:
            return get_rule(code).severity
        except KeyError:
            return Severity.ERROR

    def place(
        self, hit: Hit, where: Where, text: str | None, pos: tuple[int, int] | None = None
    ) -> Finding:
        """The finding of ``hit`` in the record at ``where``.

        ``pos`` is where ``hit.path`` is in ``text``, when the caller found it already.
        """
        path: Path = where.base + hit.path
        line = where.line
        col: int | None = None
        if text is not None and line is not None:
            if pos is None:
                pos = locate(text, [hit.path]).get(hit.path)
            if pos is not None:
                line, col = line + pos[0] - 1, pos[1]
        return mask_finding(
            Finding(
                hit.code,
                self.severity(hit.code),
                path=path,
                file=where.file,
                line=line,
                column=col,
                entity_type=where.entity_type,
                entity_id=where.entity_id,
                params=hit.params,
            )
        )

    def add_hit(self, hit: Hit, where: Where, text: str | None) -> None:
        if hit.code in self.enabled and self._admit(hit.code, hit.where or where):
            self.findings.append(
                self.place(hit, hit.where or where, text if hit.where is None else None)
            )

    def _admit(self, code: str, where: Where, severity: Severity | None = None) -> bool:
        """Whether a finding of ``code`` at ``where`` is listed (the limits count the rest)."""
        return self._budget.admit(
            code, severity or self.severity(code), where, self.findings.append
        )

    def add_findings(self, found: Iterable[Finding], where: Where) -> None:
        """Findings a reader made for the record at ``where``, within the limits."""
        for f in found:
            if f.code == LEFT_OUT:
                self.findings.append(_with_severity(f, self.severity))
                continue
            sev = self.severity(f.code)
            if self._admit(f.code, where, sev):
                self.findings.append(f.replace(severity=sev))

    def add_hits(self, hits: Iterable[Hit], where: Where, text: str | None) -> None:
        """:meth:`add_hit` for the hits of one record: its text is searched once for them all.

        Locating one path at a time reads the record again for each hit, which
        is quadratic in a record with many findings (a list of 10,000 bad items).
        """
        wanted = [
            hit
            for hit in hits
            if hit.code in self.enabled and self._admit(hit.code, hit.where or where)
        ]
        if len(wanted) < 2 or text is None or where.line is None:
            for hit in wanted:  # admitted already
                self.findings.append(
                    self.place(hit, hit.where or where, text if hit.where is None else None)
                )
            return
        found = locate(text, [hit.path for hit in wanted if hit.where is None])
        for hit in wanted:
            if hit.where is None:
                self.findings.append(self.place(hit, where, text, found.get(hit.path)))
            else:
                self.findings.append(self.place(hit, hit.where, None))

    def _add_line_hits(self, hits: Iterable[Hit], where: Where, data: bytes) -> None:
        """:meth:`add_hits` for a line of the fast path, decoded only when it has hits."""
        found = list(hits)
        if found:
            self.add_hits(found, where, data.decode())

    def lines(self, file: str, batch: Batch) -> None:
        """Check a batch of plain NDJSON lines: the fast path of a large check.

        Each line is validated straight from its bytes; a model is trusted
        only with a proof that the text has no duplicate key
        (:mod:`smartstd.conformance.keys`). A line that fails validation or
        the proof takes :meth:`record`; one that may hold an extension
        prefix (:func:`~smartstd.conformance.structure.may_hold_prefixes`)
        takes the prefix check. SC401's
        search for digits runs once on the whole batch
        (:mod:`smartstd.conformance.screen`).

        While no rule looks at every type (at L1, for one), a batch is first
        offered to :func:`~smartstd.conformance.counting.count_batch`, which
        validates and counts the records no rule looks at with one proof for
        all of them; only the lines it picks go one by one.
        """
        if self._counting:
            picks = count_batch(self, file, batch)
            if picks is not None:
                if picks:
                    # their lines are validated twice: when they are many, stop counting
                    self._counting = len(picks) * 2 < len(batch.lines)
                    self._each_line(file, batch, picks)
                return
        self._each_line(file, batch)

    def _each_line(self, file: str, batch: Batch, picks: list[int] | None = None) -> None:
        """:meth:`lines` one line after another: all of them, or the indexes ``picks``."""
        validate = self._validate_json
        plans = self._plans
        counts = self.counts
        ctx = self.ctx
        digit_runs = screen(batch.data).digit_runs if self._screens else frozenset()
        check_prefixes = self._check_prefixes
        max_depth = self.limits.max_depth
        # a flat record is an object of scalars and lists of scalars: depth 2;
        # and it holds no NaN or Infinity (the models refuse them in numbers)
        flat_depth_ok = max_depth >= 2
        add_hits = self._add_line_hits
        types: list[str] = []  # of the records checked here, counted at the end
        first = batch.first_line
        lines = batch.lines
        # the elements of a JSON document's array: placed by path, their lines found later
        elements = batch.index
        base: Path = ()
        line: int | None = None
        for index, data in enumerate(lines) if picks is None else ((i, lines[i]) for i in picks):
            if elements is None:
                line = first + index
            else:
                base = ("entities", elements + index)
            try:
                model = validate(data)
            except ValidationError:
                model = None
            if model is None:
                self.record(Record(None, Where(file, line, base), data.decode()), fast=False)
                continue
            etype = model.type
            plan = plans.get(etype)
            if plan is None:
                plan = self._plan(etype)
            fields_set = model.__pydantic_fields_set__
            # flat: no extension field and no nested object set (the common case);
            # plain: nested objects of declared fields only, counted from the model
            flat = not model.__pydantic_extra__ and plan.objects.isdisjoint(fields_set)
            plain = -1 if flat or not plan.plain else plain_key_count(model)
            if not (
                flat_proves_unique_keys(data, len(fields_set)) and flat_depth_ok
                if flat
                else flat_proves_unique_keys(data, plain)
                if plain >= 0
                else model_proves_unique_keys(model, data) and reader_would_pass(data, max_depth)
            ):
                self.record(Record(None, Where(file, line, base), data.decode()), fast=False)
                continue
            # a named tuple made the quick way (Where.__new__ is a Python function)
            where = _new_tuple(Where, (file, line, base, etype, model.id))
            # extension prefixes: a plain record has none; another nested record
            # whose bytes show no hint of one has none (and stays on this path)
            if check_prefixes and (
                (plan.open_codes and codes_may_hold_prefixes(model))
                if flat
                else plain < 0 and data_may_hold_prefixes(data)
            ):
                screened = index in digit_runs if self._screens else None
                self._checked(model, None, where, data.decode(), screened)
                continue
            types.append(etype)
            for fn in plan.fns:
                hits = fn(model, ctx)
                if hits:
                    add_hits(hits, where, data)
            for rule, state in plan.unscreened:
                hits = rule.collect(state, model, where, ctx)
                if hits:
                    add_hits(hits, where, data)
            if plan.screened and index in digit_runs:
                ctx.record_digit_run = True
                for rule, state in plan.screened:
                    add_hits(rule.collect(state, model, where, ctx), where, data)
                ctx.record_digit_run = None
        self.records += len(types)
        counts.update(types)

    def record(self, rec: Record, *, fast: bool = True) -> None:
        """Check one record: structure, extension prefixes, entity rules, dataset rules.

        With ``fast`` (and no parsed value), a record read from NDJSON is first
        validated straight from its text when :func:`no_duplicate_keys` proves
        that safe.
        """
        raw, where, text = rec.raw, rec.where, rec.text
        model = None
        if raw is None and text is not None:
            if (
                fast
                and no_duplicate_keys(text)
                and reader_would_pass(text.encode("utf-8", "surrogatepass"), self.limits.max_depth)
            ):
                try:
                    model = self._validate_json(text)
                except ValidationError:
                    model = None
            if model is not None:
                where = Where(where.file, where.line, where.base, model.type, model.id)
            else:
                raw, problems = parse_json(
                    text, file=where.file, limits=self.limits, line_offset=(where.line or 1) - 1
                )
                if problems:
                    if where.line is None:
                        # an element of a streamed JSON document: the whole-document
                        # reader reports this (the engine reads the document again)
                        raise Unstreamable(where.file)
                    self.add_findings(problems, where)
                    if raw is None:
                        self.records += 1  # a record, though not one that can be checked
                        self.lost(text, where)
                        return
                etype = raw.get("type") if isinstance(raw, dict) else None
                eid = raw.get("id") if isinstance(raw, dict) else None
                where = Where(
                    where.file,
                    where.line,
                    where.base,
                    etype if isinstance(etype, str) else None,
                    eid if isinstance(eid, str) else None,
                )
        if model is None:
            model, hits = validate_entity(
                raw,
                read=True,
                models=self.models,
                hints=self.limits.max_findings_per_rule_per_record,
            )
            if hits:
                self.add_hits(hits, where, text)
        self._checked(model, raw, where, text)

    def _checked(
        self, model: Any, raw: Any, where: Where, text: str | None, screened: bool | None = None
    ) -> None:
        """The rest of a record's check once its structure is known (``model`` or ``raw``).

        ``screened`` is what the batch screen said of the record's line
        (:mod:`smartstd.conformance.screen`), ``None`` when it did not see it.
        """
        self.records += 1
        if where.entity_type:
            self.counts[where.entity_type] += 1
        # a record of a JSON or YAML document comes parsed and without its text: its
        # model, when valid, says whether a walk can find a prefix
        if self._check_prefixes and (
            text_may_hold_prefixes(text or "")
            if raw is None
            else model is None or may_hold_prefixes(model)
        ):
            if raw is None and text is not None:
                raw = json.loads(text)
            declared = self.ctx.extension_prefixes
            undeclared = [
                Hit("SC107", path, {"prefix": prefix})
                for prefix, path in extension_prefixes(raw, text)
                if prefix not in declared
            ]
            if undeclared:
                self.add_hits(undeclared, where, text)
        ctx = self.ctx
        ctx.record_text = text
        ctx.record_digit_run = screened
        if model is None:
            for rule, state in self._invalid_rules:
                if isinstance(raw, dict):
                    self.add_hits(rule.collect(state, raw, where, ctx), where, text)
            ctx.record_text = None
            ctx.record_digit_run = None
            return
        plan = self._plans.get(model.type)
        if plan is None:
            plan = self._plan(model.type)
        add_hits = self.add_hits
        for fn in plan.fns:
            hits = fn(model, ctx)
            if hits:  # most records have none: skip the limits' bookkeeping
                add_hits(hits, where, text)
        for rule, state in plan.rules:
            hits = rule.collect(state, model, where, ctx)
            if hits:
                add_hits(hits, where, text)
        ctx.record_text = None
        ctx.record_digit_run = None

    def ndjson(self, file: str, start: int = 0, end: int | None = None, line: int = 1) -> None:
        """Check the records of an NDJSON file after its envelope (or of a byte range of it)."""
        unreadable: list[int] = []  # lines whose record could not even be decoded
        for item in iter_ndjson_batches(file, self.limits, start, end, line):
            if isinstance(item, Batch):
                self.lines(file, item)
            elif isinstance(item, Finding):
                if item.line != 1:  # line 1's problems are the envelope's, reported once
                    self.add_findings([item], Where(file, item.line, ()))
                    if item.code in ("SC101", "SC109") and item.line is not None:
                        if item.params.get("limit") == "max_ndjson_bytes":
                            self.lost(None, Where(file, item.line, ()))  # and all that follows
                        else:
                            unreadable.append(item.line)
            else:
                self.record(item)
        if unreadable and self._lost_rules:
            self._salvage_lines(file, start, end, line, unreadable)

    def lost(self, text: str | None, where: Where) -> None:
        """Tell the rules that want them of a record that could not be read (``text``: what was).

        They get a stand-in (:func:`_salvage`); ``text`` ``None`` stands for
        records of which nothing is known (a whole unreadable document).
        """
        if not self._lost_rules:
            return
        stand_in = _salvage(text)
        etype, eid = stand_in.get("type"), stand_in.get("id")
        at = Where(where.file, where.line, where.base, etype, eid)
        for rule, state in self._lost_rules:
            for hit in rule.collect(state, stand_in, at, self.ctx):
                self.add_hit(hit, at, None)

    def _salvage_lines(
        self, file: str, start: int, end: int | None, first_line: int, lines: list[int]
    ) -> None:
        """Read again the start of NDJSON lines that could not be decoded; see what they show.

        Only files with such lines pay for this second pass (over the same
        byte range, a bounded piece of each line at a time).
        """
        wanted = set(lines)
        try:
            with open_binary(file) as fh:
                fh.seek(start)
                lineno, at_start = first_line, True
                while wanted and (end is None or fh.tell() < end):
                    chunk = fh.readline(_SALVAGE_BYTES)
                    if not chunk:
                        break
                    if at_start and lineno in wanted:
                        wanted.discard(lineno)
                        self.lost(chunk.decode("utf-8", "replace"), Where(file, lineno, ()))
                    at_start = chunk.endswith(b"\n")
                    if at_start:
                        lineno += 1
        except OSError:
            pass
        for lineno in sorted(wanted):
            self.lost(None, Where(file, lineno, ()))

    def _plan(self, etype: str) -> _Plan:
        fns = [
            fn
            for fn in (*self.entity_rules.get("*", ()), *self.entity_rules.get(etype, ()))
            if fn not in APPLIES or APPLIES[fn](self.ctx)
        ]
        rules = [
            (rule, state)
            for rule, state in zip(self.dataset_rules, self.states, strict=True)
            if etype in rule.types or "*" in rule.types
        ]
        cls = self.models.entity_types[etype]
        plan = _Plan(
            fns,
            rules,
            [(r, st) for r, st in rules if not getattr(r, "screened_by_digit_runs", False)],
            [(r, st) for r, st in rules if getattr(r, "screened_by_digit_runs", False)],
            object_fields(cls),
            any(open_code_fields(cls)),
            bool(fns or rules),
            fixed_depth(cls) <= self.limits.max_depth,
        )

        self._plans[etype] = plan
        return plan

    def _wanting_invalid(self) -> list[tuple[Any, Any]]:
        """The dataset rules (with their states) that also see structurally invalid records."""
        return [
            (r, st)
            for r, st in zip(self.dataset_rules, self.states, strict=True)
            if getattr(r, "wants_invalid", False)
        ]

    def _wanting_lost(self) -> list[tuple[Any, Any]]:
        """The dataset rules (with their states) that also hear of records that cannot be read."""
        return [
            (r, st)
            for r, st in zip(self.dataset_rules, self.states, strict=True)
            if getattr(r, "wants_lost", False)
        ]

    def absorb(self, part: _ChunkResult) -> None:
        """Take in the result of records that come next in the input (a worker's part)."""
        pairs = zip(self.dataset_rules, self.states, part.states, strict=True)
        self.states = [rule.merge(a, b) for rule, a, b in pairs]
        self._plans.clear()  # they hold the states
        self._invalid_rules = self._wanting_invalid()
        self._lost_rules = self._wanting_lost()
        self.findings.extend(part.findings)
        self.counts.update(part.counts)
        self.records += part.records

    def result(self) -> _ChunkResult:
        self._budget.close(self.findings.append)
        return _ChunkResult(self.findings, self.states, self.counts, self.records)


def _check_chunk(
    args: tuple[str, int, int, int, Context, frozenset[str], Mapping[str, Severity], Limits],
) -> _ChunkResult:
    file, start, end, first_line, ctx, enabled, severities, limits = args
    checker = _Checker(ctx, enabled, severities, limits)
    checker.ndjson(file, start, end, first_line)
    return checker.result()


def _bounds(file: str, parts: int) -> list[tuple[int, int]]:
    """About ``parts`` byte ranges ``(start, end)`` of a file, aligned to line starts."""
    size = file_size(file)
    bounds = [0]
    with open_binary(file) as fh:
        for i in range(1, parts):
            fh.seek(size * i // parts)
            fh.readline()
            pos = fh.tell()
            if pos > bounds[-1] and pos < size:
                bounds.append(pos)
    bounds.append(size)
    return list(itertools.pairwise(bounds))


def _newlines(file: str, start: int, end: int) -> int:
    """The number of line ends in a byte range of a file."""
    count = 0
    with open_binary(file) as fh:
        fh.seek(start)
        remaining = end - start
        while remaining > 0:
            block = fh.read(min(remaining, 1 << 22))
            if not block:
                break
            count += block.count(b"\n")
            remaining -= len(block)
    return count


def _split(file: str, parts: int) -> list[tuple[int, int, int]]:
    """Byte ranges ``(start, end, first_line)`` aligned to line starts."""
    out = []
    line = 1
    for start, end in _bounds(file, parts):
        out.append((start, end, line))
        line += _newlines(file, start, end)
    return out
