"""The conformance engine: one logical dataset from many files, one Report.

The flow (ARCHITECTURE.md)::

    files --read--> records + positions --structure--> typed entities
          --rules--> hits --place--> findings --> Report

YAML documents and small JSON documents are read whole; a large JSON
document's ``entities`` array is streamed element by element
(:mod:`smartstd.io.elements`); NDJSON is streamed line by line and,
with ``jobs > 1``, split into byte ranges checked in worker processes. Only
the compact state that cross-record rules need travels back; the report is
the same as with one process. Line and column are worked out only for
records that have findings.

一致性检查引擎：多个文件组成一个逻辑数据集，输出一份报告；NDJSON 流式读取，可多进程。
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from smartstd.catalogue import get_rule
from smartstd.conformance.checker import (
    _SALVAGE_BYTES,
    _bounds,
    _check_chunk,
    _Checker,
    _ChunkResult,
    _newlines,
    _salvage,
    left_out,
)
from smartstd.conformance.inputs import (
    InputFile,
    Unstreamable,
    expand_paths,
    may_mention,
    open_document,
)
from smartstd.conformance.options import LEVEL_FAMILIES, CheckOptions
from smartstd.conformance.rule import (
    ENVELOPE_RULES,
    WORKERS_FORK,
    Context,
    Hit,
    Where,
    idle_rule_words,
    load_checks,
)
from smartstd.conformance.structure import (
    validate_envelope,
)
from smartstd.io import locate
from smartstd.io.files import file_size, open_binary
from smartstd.io.ndjson import read_line, skip_rest
from smartstd.masking import mask_finding
from smartstd.report import LEFT_OUT, Finding, Level, Path, Report, Severity
from smartstd.standard.dataset import (
    CHARTER_TYPES,
    STANDARD_VERSION,
)
from smartstd.standard.modelset import judged_version, models_for

__all__ = ["CheckOptions", "Engine", "check", "iter_findings"]

#: NDJSON files smaller than this are never split between processes.
_MIN_SPLIT_BYTES = 4 * 1024 * 1024
#: Inputs this large meet many entity types: the union of all types is built
#: before the check (a smaller check builds only the models of the types it meets).
_UNION_BYTES = 1024 * 1024

#: Findings that a waiver may never hide (unreadable input).
_UNWAIVABLE = frozenset({"SC100", "SC101", "SC109"})

# --------------------------------------------------------------------------- engine


def _without_idle_rules(
    enabled: frozenset[str],
    files: list[str],
    mentions: Callable[[str, list[bytes]], bool] | None = None,
) -> frozenset[str]:
    """``enabled`` less the dataset rules that cannot fire: the type they need is in no input.

    A rule that says ``requires_types = ("Pilot",)`` judges nothing without
    such a record; when a quick screen of the inputs' bytes shows no input can
    hold one (:func:`~smartstd.conformance.inputs.may_mention`), the rule does
    not run, and its per-record work is saved. ``mentions`` is the screen of
    one file (a cluster's screens the ranges of a large file on its workers).
    """
    screen = mentions or may_mention
    for codes, words in idle_rule_words(enabled):
        if not any(screen(f, words) for f in files):
            enabled = enabled.difference(codes)
    return enabled


class Engine:
    """Runs a check of some inputs under some options and yields findings."""

    def __init__(self, paths: Iterable[str], options: CheckOptions | None = None) -> None:
        self.options = options or CheckOptions()
        self.files = expand_paths(list(paths))
        self.enabled = self.options.enabled_codes()
        load_checks(self.enabled)  # the families of the rules that run, and no others
        if self.options.engine != "dask":  # a cluster screens its inputs on its workers
            self.enabled = _without_idle_rules(self.enabled, self.files)
        self.counts: Counter[str] = Counter()
        self.charter_present = False
        self.standard_version = STANDARD_VERSION
        self.waived: list[Finding] = []
        self._docs: dict[str, InputFile] = {}
        #: JSON documents read whole after their stream met what only that reports
        self._whole: set[str] = set()
        #: (code, severity) -> findings of dataset rules over ``max_findings``, never made
        self._over: Counter[tuple[str, str]] = Counter()

    # -- severity and placement

    def _severity(self, code: str) -> Severity:
        sev = self.options.severities.get(code)
        if sev is not None:
            return sev
        try:
            return get_rule(code).severity
        except KeyError:
            return Severity.ERROR

    def _finding(
        self, code: str, path: Path = (), file: str | None = None, **params: Any
    ) -> Finding:
        return Finding(code, self._severity(code), path=path, file=file, params=params)

    # -- the run

    def run(self) -> Iterator[Finding]:
        """Every finding of the check (placed, filtered, before waivers), in input order.

        A large JSON document is streamed (:func:`open_document` with
        ``stream``); when one holds something only the whole-document
        reader reports as it should (:class:`Unstreamable`: a syntax error,
        a repeated key, ...), the check starts again with it read whole.
        """
        options = self.options
        while True:
            try:
                pending = self._collect()
            except Unstreamable as exc:
                streamed = {f for f, d in self._docs.items() if d.outline is not None}
                files = {exc.file} & streamed if exc.file is not None else streamed
                if not files - self._whole:
                    raise  # not a streamed document's (a bug): never met
                self._whole |= files
                self.options = options  # before the dataset's profiles were applied
                self.counts.clear()
                self._over.clear()
                self.charter_present = False
                self.standard_version = STANDARD_VERSION
                continue
            break
        yield from self._finalize(pending)

    def _collect(self) -> list[Finding]:
        """Read and check every input: the findings to finalise."""
        opts = self.options
        stream = opts.engine != "dask"  # a cluster reads JSON documents whole, on its client
        docs = [
            open_document(f, opts.limits, stream=stream and f not in self._whole)
            for f in self.files
        ]
        self._docs = {d.file: d for d in docs}
        pending: list[Finding] = []
        for d in docs:
            pending.extend(f.replace(severity=self._severity(f.code)) for f in d.findings)
        ctx, refuse, env_findings = self._context(docs)
        opts = self.options  # the dataset's own profiles may have tightened them
        pending.extend(env_findings)
        if refuse:
            return pending
        # on a cluster the workers check the NDJSON streams; the client the rest
        here = [d for d in docs if opts.engine != "dask" or not d.streamed]
        if sum(_size(d) for d in here) >= _UNION_BYTES:
            # the checker then validates every record with the union itself
            # (ModelSet.json_validator), worker processes forked later too
            models_for(judged_version(ctx.standard_version)).build()
        joined: list[Hit] = []
        if opts.engine == "dask":
            from smartstd.conformance.cluster import run_on_cluster

            # the rules that cannot fire are known once the workers screened the data
            checker, joined = run_on_cluster(opts, self.enabled, docs, ctx, self._screened)
            self.enabled = checker.enabled  # less the rules the workers' screen left out
        else:
            checker = _Checker(ctx, self.enabled, opts.severities, opts.limits)
            self._run_local(docs, ctx, checker)
        result = checker.result()
        states, rules = result.states, checker.dataset_rules
        pending.extend(result.findings)
        self.counts.update(result.counts)
        self.charter_present = any(t in CHARTER_TYPES for t in self.counts)
        ctx.charter_present = self.charter_present
        finished = (rule.finish(state, ctx) for rule, state in zip(rules, states, strict=True))
        # the dataset rules' hits past max_findings are counted as they come, never
        # made into findings (a million unresolved references held a million findings,
        # each then placed on its line, to be dropped by _finalize)
        room = self.options.limits.max_findings - sum(map(self._listable, pending))
        for hit in itertools.chain(joined, *finished):
            if hit.code in self.enabled:
                if room <= 0:
                    self._over[hit.code, self._severity(hit.code).value] += 1
                    continue
                room -= 1
                where = hit.where or Where(None, None, ())
                pending.append(checker.place(hit, where, None))
        return pending

    def _listable(self, f: Finding) -> bool:
        """Whether a finding counts towards ``max_findings`` (an SC903 notice does not)."""
        return f.code != LEFT_OUT and (
            f.code in self.enabled or f.code in _UNWAIVABLE or f.code in ("SC100", "SC102")
        )

    def _screened(self, mentions: Callable[[str, list[bytes]], bool]) -> frozenset[str]:
        """The enabled codes less the rules that cannot fire, with ``mentions`` as the screen."""
        return _without_idle_rules(self.enabled, self.files, mentions)

    def _run_local(self, docs: list[InputFile], ctx: Context, checker: _Checker) -> None:
        """Check every input on this machine (``jobs`` processes for large NDJSON files)."""
        opts = self.options
        sizes = {d.file: _size(d) for d in docs}
        total = sum(sizes.values())
        done = 0
        for d in docs:
            size = sizes[d.file]
            if d.streamed:
                if opts.jobs > 1 and size >= _MIN_SPLIT_BYTES:
                    # each part's result is merged as soon as it comes (in input
                    # order), while the workers go on with the next parts
                    for part in self._parallel(d.file, ctx):
                        checker.absorb(part)
                else:
                    checker.ndjson(d.file)
            elif d.outline is not None:  # a large JSON document, element by element
                # indented elements made compact where rules look at most records
                for batch in d.batches(compact=not checker.counting):
                    checker.lines(d.file, batch)
            else:
                if d.unreadable:  # none of its records can be known
                    checker.lost(None, Where(d.file, None, ()))
                for rec in d.records():
                    checker.record(rec)
            done += size
            if opts.progress is not None:
                opts.progress(done, total)

    def _parallel(self, file: str, ctx: Context) -> Iterator[_ChunkResult]:
        """The results of the parts of an NDJSON file checked by worker processes, in order."""
        # imported here: a check in one process (most of them) never needs them
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        opts = self.options
        method = "fork" if WORKERS_FORK else "spawn"
        mp = multiprocessing.get_context(method)
        severities = dict(opts.severities)
        with ProcessPoolExecutor(max_workers=opts.jobs, mp_context=mp) as pool:
            # a part starts as soon as its first line number is known: the line
            # ends are counted while the first parts are being checked
            futures = []
            line = 1
            for start, end in _bounds(file, opts.jobs * 2):
                job = (file, start, end, line, ctx, self.enabled, severities, opts.limits)
                futures.append(pool.submit(_check_chunk, job))
                line += _newlines(file, start, end)
            for future in futures:
                yield future.result()

    def _context(self, docs: list[InputFile]) -> tuple[Context, bool, list[Finding]]:
        """Find the envelope, check it, and build the rules' context."""
        findings: list[Finding] = []
        full = [d for d in docs if d.header is not None and "generated_at" in d.header]
        envelope = None
        env_doc: InputFile | None = None
        if not full:
            unreadable = any(d.header is None and d.findings for d in docs)
            if not unreadable:
                findings.append(
                    self._finding(
                        "SC103",
                        (),
                        docs[0].file if docs else None,
                        error_type="missing_envelope",
                        detail="no input carries the dataset envelope (standard, "
                        "standard_version, dataset_id, "
                        "publisher_id, generated_at, classification)",
                    )
                )
        else:
            env_doc = full[0]
            assert env_doc.header is not None
            envelope, hits = validate_envelope(env_doc.header)
            where = Where(env_doc.file, 1 if env_doc.fmt == "ndjson" else None, ())
            findings.extend(self._place_doc_hits(hits, where, env_doc))
            for other in full[1:]:
                findings.append(
                    self._place_doc(
                        Hit(
                            "SC103",
                            ("generated_at",),
                            {
                                "error_type": "second_envelope",
                                "detail": f"a second full envelope; the envelope of "
                                f"{env_doc.file} is used",
                            },
                        ),
                        Where(other.file, 1 if other.fmt == "ndjson" else None, ()),
                        other,
                    )
                )
        # rules that look at every envelope's fields too (SC401: "a string anywhere")
        envelope_rules = [fn for codes, fn in ENVELOPE_RULES if self.enabled.intersection(codes)]
        for d in docs:
            if d.header is None or not envelope_rules:
                continue
            at = Where(d.file, 1 if d.fmt == "ndjson" else None, ())
            for fn in envelope_rules:
                findings.extend(self._place_doc_hits(fn(d.header), at, d))
        # fragments must belong to the same dataset
        ref_id = env_doc.header.get("dataset_id") if env_doc and env_doc.header else None
        for d in docs:
            if d.header is None or d is env_doc:
                continue
            did = d.header.get("dataset_id")
            if ref_id is not None and did is not None and did != ref_id:
                findings.append(
                    self._place_doc(
                        Hit(
                            "SC103",
                            ("dataset_id",),
                            {
                                "error_type": "dataset_mismatch",
                                "detail": f"dataset_id {did!r} differs from {ref_id!r}",
                                "value": did,
                            },
                        ),
                        Where(d.file, 1 if d.fmt == "ndjson" else None, ()),
                        d,
                    )
                )
        version = None
        if env_doc and env_doc.header and isinstance(env_doc.header.get("standard_version"), str):
            version = env_doc.header["standard_version"]
        refuse = False
        if version is not None:
            self.standard_version = version
            vf, refuse = self._version_findings(version, env_doc)
            findings.extend(vf)
        if envelope is not None and envelope.profiles:
            findings.extend(self._envelope_profiles(list(envelope.profiles), env_doc))
        prefixes = set(self.options.extra_prefixes)
        if envelope is not None:
            prefixes.update(envelope.extensions)
        elif env_doc and env_doc.header and isinstance(env_doc.header.get("extensions"), dict):
            prefixes.update(k for k in env_doc.header["extensions"] if isinstance(k, str))
        ctx = Context(
            now=envelope.generated_at if envelope is not None else None,
            classification=envelope.classification if envelope is not None else "public",
            extension_prefixes=frozenset(prefixes),
            params=self.options.params,
            standard_version=version or STANDARD_VERSION,
            profile=self.options.profile,
        )
        return ctx, refuse, findings

    def _envelope_profiles(self, refs: list[str], doc: InputFile | None) -> list[Finding]:
        """Apply the profiles the dataset names (SC701 for those that cannot be found)."""
        from smartstd.profiles import resolve_envelope_profiles

        where = Where(doc.file if doc else None, 1 if doc and doc.fmt == "ndjson" else None, ())
        self.options, hits = resolve_envelope_profiles(self.options, refs, self.files)
        return [self._place_doc(h, where, doc) for h in hits if h.code in self.enabled]

    def _version_findings(self, version: str, doc: InputFile | None) -> tuple[list[Finding], bool]:
        if version == STANDARD_VERSION:  # the latest known version: nothing to say
            return [], False
        from smartstd.versions import compare_to_library

        verdict = compare_to_library(version)
        if verdict is None:
            return [], False
        code, params, refuse = verdict
        where = Where(doc.file if doc else None, 1 if doc and doc.fmt == "ndjson" else None, ())
        hit = Hit(code, ("standard_version",), params)
        if code not in self.enabled:
            return [], refuse
        return [self._place_doc(hit, where, doc)], refuse

    def _place_doc_hits(
        self, hits: Iterable[Hit], where: Where, doc: InputFile | None
    ) -> list[Finding]:
        """:meth:`_place_doc` for many hits: the document is searched once for them all."""
        found = list(hits)
        if doc is not None and doc.fmt != "ndjson" and len(found) > 1:
            doc.positions([where.base + hit.path for hit in found])  # kept by the document
        return [self._place_doc(hit, where, doc) for hit in found]

    def _place_doc(self, hit: Hit, where: Where, doc: InputFile | None) -> Finding:
        path = where.base + hit.path
        line, col = where.line, None
        if doc is not None and doc.fmt != "ndjson":
            line, col = doc.position(path)
        return Finding(
            hit.code,
            self._severity(hit.code),
            path=path,
            file=where.file,
            line=line,
            column=col,
            params=dict(hit.params),
        )

    def _finalize(self, findings: list[Finding]) -> Iterator[Finding]:
        """Keep enabled codes (reading problems always) up to ``max_findings``, then place them.

        The limit is applied first: positions are filled (lines read again,
        parsed and searched) only for the findings that are listed.
        """
        limits = self.options.limits
        listed = 0
        over: Counter[tuple[str, str]] = Counter(self._over)
        notices: Counter[tuple[str, str]] = Counter()  # the run notices of worker processes
        kept: list[Finding] = []
        for f in findings:
            if f.code == LEFT_OUT:
                if f.params.get("scope") == "run" and f.file is None:
                    notices[f.params["code"], f.params["severity"]] += f.params["omitted"]
                    continue
                kept.append(f)
            elif self._listable(f):
                if listed >= limits.max_findings:
                    over[f.code, f.severity.value] += 1
                    continue
                listed += 1
                kept.append(f)
        findings.clear()  # the caller's list: what is not kept is not held either
        for f in self._fill_positions(kept):
            yield f if f.code == LEFT_OUT else mask_finding(f)
        notices.update(over)
        for (code, sev), n in sorted(notices.items()):
            yield left_out(code, sev, n, "run", limits)

    def _fill_positions(self, findings: list[Finding]) -> list[Finding]:
        """Fill the line, column and entity still unknown (dataset rules keep only positions)."""
        out: list[Finding] = []
        ndjson_missing: dict[str, dict[int, list[int]]] = {}
        doc_missing: dict[str, list[int]] = {}
        for i, f in enumerate(findings):
            file = f.file
            if file is None or (f.column is not None and f.entity_type is not None):
                out.append(f)
                continue
            doc = self._docs.get(file)
            if doc is None:
                out.append(f)
            elif doc.fmt != "ndjson":
                if f.column is None:
                    doc_missing.setdefault(file, []).append(i)
                out.append(
                    f if f.entity_type is not None else _with_entity(f, _doc_entity(doc, f.path))
                )
            elif f.line is not None:
                ndjson_missing.setdefault(file, {}).setdefault(f.line, []).append(i)
                out.append(f)
            else:
                out.append(f)
        for file, idxs in doc_missing.items():
            # one pass over the document for all its findings (one at a time is quadratic)
            found = self._docs[file].positions([out[i].path for i in idxs])
            for i in idxs:
                line, col = found[out[i].path]
                if line is not None:
                    out[i] = out[i].replace(line=line, column=col)
        for file, by_line in ndjson_missing.items():
            try:
                with open_binary(file) as fh:
                    for lineno, raw, whole in _lines_at(
                        fh, sorted(by_line), self.options.limits.max_line_bytes
                    ):
                        idxs = by_line.pop(lineno)
                        if not whole:  # a line over the limit: named by what its start shows
                            head = _salvage(raw.decode("utf-8", "replace"))
                            for i in idxs:
                                out[i] = _with_entity(findings[i], head)
                            continue
                        text = raw.decode("utf-8", "replace").rstrip("\r\n").lstrip("\ufeff")
                        pos = locate(text, [findings[i].path for i in idxs])
                        # a line that does not parse is named by what its text shows
                        record = _loads_quietly(text) or _salvage(text)
                        for i in idxs:
                            f = findings[i]
                            p = pos.get(f.path)
                            if p is not None and f.column is None:
                                f = f.replace(line=lineno + p[0] - 1, column=p[1])
                            out[i] = _with_entity(f, record)
            except OSError:
                continue
        return out


def _size(doc: InputFile) -> int:
    """The size of an input in bytes, 0 when it cannot be known (a local path or a URL)."""
    try:
        return file_size(doc.file)
    except OSError:
        return 0


#: Line ends further apart than this are skipped by counting them a block at a time.
_SKIP_LINES = 32
#: The block size of that count.
_SKIP_BLOCK = 1 << 20


def _skip_lines(fh: Any, n: int) -> bool:
    """Move a binary file past its next ``n`` line ends; ``False`` when it ends first.

    A few lines are read one by one (a MiB at most at a time); more are
    skipped a block at a time by counting their line ends, with no Python
    step per line.
    """
    while n > _SKIP_LINES:
        pos = fh.tell()
        block = fh.read(_SKIP_BLOCK)
        if not block:
            return False
        count = block.count(b"\n")
        if count < n:
            n -= count
            continue
        at = -1
        for _ in range(n):
            at = block.index(b"\n", at + 1)
        fh.seek(pos + at + 1)
        return True
    while n > 0:
        piece = fh.readline(1 << 20)
        if not piece:
            return False
        if piece.endswith(b"\n"):
            n -= 1
    return True


def _lines_at(fh: Any, wanted: Iterable[int], max_line: int) -> Iterator[tuple[int, bytes, bool]]:
    """Lines of a binary file by number (from 1, ``wanted`` ascending), and whether each is whole.

    A line over ``max_line`` bytes is never held whole: it comes as its
    first 64 KiB (``False``), and the rest is skipped a MiB at a time. The
    lines between are skipped by :func:`_skip_lines`: placing the findings
    of the last lines of a large file does not read every line before them
    one by one.
    """
    lineno = 1  # the line the file is at the start of
    for target in wanted:
        if target < lineno:
            continue
        if not _skip_lines(fh, target - lineno):
            return
        lineno = target
        start = fh.tell()
        raw, size, _ = read_line(fh.readline, max_line + 2)
        if not size:
            return
        if raw is not None:
            yield lineno, raw, True
            lineno += 1
            continue
        end = fh.tell()
        fh.seek(start)
        head = fh.read(min(_SALVAGE_BYTES, size))
        fh.seek(end)
        skip_rest(fh.readline)  # the rest of an over-long line
        yield lineno, head, False
        lineno += 1


def _loads_quietly(text: str) -> Any:
    """The value of a line's text, or ``None`` (not JSON, or nested too deeply to parse)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _doc_entity(doc: InputFile, path: Path) -> Any:
    if len(path) >= 2 and path[0] == "entities" and isinstance(path[1], int):
        return doc.entity(path[1])
    return None


def _with_entity(f: Finding, record: Any) -> Finding:
    """Name the finding's entity from its record, when the finding does not yet."""
    if f.entity_type is not None or not isinstance(record, dict):
        return f
    etype, eid = record.get("type"), record.get("id")
    return f.replace(
        entity_type=etype if isinstance(etype, str) else None,
        entity_id=eid if isinstance(eid, str) else None,
    )


def _waive(
    findings: Iterable[Finding], options: CheckOptions
) -> tuple[list[Finding], list[Finding]]:
    if not options.waivers:  # the common case: nothing to load
        return list(findings), []
    from smartstd.conformance.waivers import apply_waivers

    return apply_waivers(list(findings), list(options.waivers), options.today)


def iter_findings(
    paths: Iterable[str] | str, options: CheckOptions | None = None, **kwargs: Any
) -> Iterator[Finding]:
    """Lazily yield the findings of a check (waivers applied), in a stable order per input.

    Accepts the same keyword arguments as :func:`check`.
    """
    opts = _options(options, kwargs)
    engine = Engine([paths] if isinstance(paths, str) else list(paths), opts)
    kept, _ = _waive(engine.run(), opts)
    yield from sorted(kept, key=Finding.sort_key)


def _options(options: CheckOptions | None, kwargs: dict[str, Any]) -> CheckOptions:
    opts = options or CheckOptions()
    changes: dict[str, Any] = {}
    for key, value in kwargs.items():
        if not hasattr(opts, key):
            from smartstd.errors import UsageError

            raise UsageError(key="unknown_check_option", name=key)
        if key == "level" and value is not None:
            value = Level(value)
        if key in ("select", "ignore") and isinstance(value, str):
            value = tuple(v for v in value.split(",") if v)
        if key == "severities":
            value = {k: Severity(v) for k, v in value.items()}
        changes[key] = value
    # a new object, checked like one built directly (the caller's is left as it was)
    return dataclasses.replace(opts, **changes) if changes else opts


def check(paths: Iterable[str] | str, options: CheckOptions | None = None, **kwargs: Any) -> Report:
    """Check one logical dataset made of ``paths`` and return the :class:`Report`.

    Args:
        paths: files or folders (a folder contributes its data files).
        options: a :class:`CheckOptions`; keyword arguments override its fields
            (``level="L1"``, ``select=["SC2"]``, ``jobs=2`` ...).
        **kwargs: fields of :class:`CheckOptions`.

    Raises:
        UsageError: for a missing path or an unknown option (bad data never raises).
    """
    opts = _options(options, kwargs)
    engine = Engine([paths] if isinstance(paths, str) else list(paths), opts)
    kept, waived = _waive(engine.run(), opts)
    opts = engine.options  # with the profiles the dataset names
    requested = opts.level or (Level.L3 if engine.charter_present else Level.L2)
    families = LEVEL_FAMILIES[requested if requested is not Level.NONE else Level.L1]
    ran = sorted(
        code
        for code in engine.enabled
        if code.startswith(families) and (engine.charter_present or not code.startswith("SC6"))
    )
    return Report(
        findings=tuple(kept),
        inputs=tuple(engine.files),
        standard_version=engine.standard_version,
        profiles=opts.profiles,
        charter_present=engine.charter_present,
        entity_counts=dict(engine.counts),
        waived=tuple(waived),
        requested_level=requested,
        rules_run=tuple(ran),
    )
