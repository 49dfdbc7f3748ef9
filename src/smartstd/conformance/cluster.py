"""The same check on a Dask cluster (``smartstd check --engine dask``).

The flow is the one of ``--jobs N`` spread over a cluster, with one change
that lets it grow past one machine's memory: **no process holds every id**.

1. **Map.** Every NDJSON input is split into byte ranges aligned to line
   starts (at most ``part_bytes`` each, their number a multiple of the
   workers' threads, :func:`plan_parts`), each with its exact first line
   number (a survey task per map task counts the line ends and screens the
   bytes for rules that cannot fire; the client never reads the data). A
   map task checks one range, as a worker process of ``--jobs`` does:
   structure, the entity rules, the per-record part of every dataset rule;
   past :data:`MAPS_PER_SLOT` map tasks per worker thread it checks several
   consecutive ranges one by one (:func:`ranges_per_map`). JSON and YAML
   inputs (small by nature) are checked by the client and enter the flow in
   their place.
2. **Partition.** The identity rule's state of each range (ids, organisation
   kinds, the communities of buildings, grids and devices, the unsettled
   references and community checks) is split by a stable hash of the id it
   concerns (CRC-32, :func:`bucket_of`) into ``B`` buckets (one per 16 MiB
   of input unless given, :func:`default_buckets`), each with its id table
   packed (about 20 bytes an id) to be kept until the join. Ids are kept as
   the strings themselves and compared exactly (never by a 64-bit hash,
   which at 10⁹ ids would be likely to confuse two).
3. **Join.** ``G`` join tasks (one per 512 MiB of input, a multiple of the
   workers' threads, :func:`default_joins`) each take their share of the
   buckets of every range (buckets ``g``, ``g + G``...) and settle them one
   by one: merge the bucket of every range in input order, then find the
   duplicates, references resolved or not, mistyped references,
   communities. Every question the identity rule asks is about one id, so
   a bucket holds all it needs; a join holds one bucket's ids at a time,
   about 90,000 however large the input. Buckets cost no tasks: a map task
   and a join meet in one small task whatever the number of buckets
   (:func:`count_tasks`). A join only reads its inputs, so Dask may run it
   again after losing a worker.
4. **Finish.** The other dataset rules keep small states (households,
   eligibility, coverage, the charter), which the client merges in input
   order and finishes, the charter's checks as one piece.

The tasks of each step go to the scheduler in one message (``client.map``),
and a local cluster runs with Dask's profiler off, its monitors slowed and
malloc's thresholds raised (:data:`QUIET`): on two cores they took a tenth
of the CPU, and Dask's malloc settings as much again in page faults.

Findings are placed and sorted exactly as a local check does, so the report
is byte-identical to ``--jobs 1`` (a test proves it on defects planted
across range edges).

Dask is an optional extra: ``pip install 'smartstd[cluster]'``.

在 Dask 集群上运行同一检查：按字节区间分片（行号精确），标识按稳定哈希分桶后连接，
任何进程都不持有全部标识；标识按字符串精确比较；报告与单进程逐字节相同。
"""

from __future__ import annotations

import sys
import threading
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from smartstd.conformance.checker import _bounds, _check_chunk, _Checker, _ChunkResult, _newlines
from smartstd.conformance.inputs import InputFile, may_mention
from smartstd.conformance.options import CheckOptions
from smartstd.conformance.rule import Context, Hit, Where, idle_rule_words
from smartstd.errors import UsageError
from smartstd.io.files import file_size
from smartstd.rules.sc2.checks import (
    IdentityRule,
    IdentityState,
    IdKey,
    exact_ids,
    split_identity,
)

__all__ = [
    "BUCKET_BYTES",
    "DEFAULT_PART_BYTES",
    "JOIN_BYTES",
    "QUIET",
    "bucket_of",
    "count_tasks",
    "default_buckets",
    "default_joins",
    "local_cluster",
    "plan_parts",
    "ranges_per_map",
    "run_on_cluster",
]

#: Given a screen of the inputs (whether a file's bytes may hold any of some
#: words), the enabled codes less the rules that cannot fire (the engine's).
Screened = Callable[[Callable[[str, list[bytes]], bool]], frozenset[str]]

#: Largest byte size of one range of an NDJSON input (a map task's share).
DEFAULT_PART_BYTES = 64 * 1024 * 1024
#: Bytes of NDJSON input per id bucket when ``buckets`` is not given: about
#: 90,000 ids, the most a join holds in a dict at once (about 10 MB).
BUCKET_BYTES = 16 * 1024 * 1024
#: Bytes of NDJSON input per join task: about 3 million ids, which its buckets
#: bring packed (about 60 MB); a join task settles its buckets one by one.
JOIN_BYTES = 512 * 1024 * 1024
#: A map task per range up to this many ranges per worker thread (and
#: :data:`MIN_MAPS`); past that, a map task checks several ranges
#: (:func:`ranges_per_map`), so that the small tasks of the join (one per map task
#: and join) stay in the tens of thousands at city scale.
MAPS_PER_SLOT = 4
#: A map task per range up to this many ranges, however few the workers.
MIN_MAPS = 64
#: Below this much NDJSON, the ranges are not made a multiple of the workers.
MIN_BALANCE_BYTES = 4 * 1024 * 1024
#: How long to try to reach a scheduler given with ``--scheduler``.
CONNECT_TIMEOUT = "20s"
#: The malloc trim and mmap thresholds of a local cluster's workers (:data:`QUIET`).
MALLOC_BYTES = 4 * 1024 * 1024
#: Dask settings of the local cluster a check starts: the statistical profiler
#: (a sample of every task thread every 10 ms), the event-loop tick (every
#: 20 ms) and the nannies' memory monitor (every 100 ms, in the client's
#: process) cost more CPU than a check can spare when the workers share the
#: client's cores; the dashboard's profile is not needed by a check.
QUIET: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
    # Dask starts its workers with glibc's malloc giving freed memory back past
    # 64 KiB, which also keeps every block over 128 KiB (a MiB of input read, a
    # large list) mapped and unmapped anew: 40,000 page faults (a tenth more
    # CPU) per worker per 100,000 records. At 4 MiB both, they are a fifth of
    # that and the workers' peaks 3 to 5 MB higher (glibc's own defaults: a
    # tenth, and 6 to 10 MB)
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": MALLOC_BYTES,
    "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": MALLOC_BYTES,
}


def bucket_of(entity_id: str, buckets: int) -> int:
    """The bucket of an id: a stable hash, the same in every process and on every host.

    CRC-32 of the UTF-8 bytes: computed in C, four times cheaper than a
    BLAKE2 digest, and even enough for spreading ids (the ids themselves are
    compared exactly; the hash only decides where they meet).
    """
    try:
        data = entity_id.encode()  # the fast path: no lone surrogate
    except UnicodeEncodeError:
        data = entity_id.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) % buckets


def _multiple(n: int, of: int) -> int:
    """``n`` (at least 1) rounded up to a multiple of ``of``."""
    of = max(of, 1)
    return -(-max(n, 1) // of) * of


def default_joins(total_bytes: int, slots: int) -> int:
    """The join tasks of a run: one per :data:`JOIN_BYTES` of input, a multiple of the slots.

    Every join task is one small task per range more (its share of each
    range's buckets), so they are few: as many as the workers' threads for
    an input that fits one machine.
    """
    return _multiple(-(-total_bytes // JOIN_BYTES), slots)


def default_buckets(total_bytes: int, slots: int) -> int:
    """The id buckets of a run: one per :data:`BUCKET_BYTES` of input, a multiple of the joins.

    A join task settles its buckets one at a time, so a bucket's ids are the
    most it holds in a dict: however large the input, that stays about
    90,000 ids. Buckets cost no tasks of their own.
    """
    return _multiple(-(-total_bytes // BUCKET_BYTES), default_joins(total_bytes, slots))


def plan_parts(sizes: Sequence[int], part_bytes: int, slots: int) -> list[int]:
    """How many byte ranges each NDJSON input is split into.

    No range is over ``part_bytes``; ranges are about the same size across
    inputs, and (from :data:`MIN_BALANCE_BYTES` of input on) their number is
    a multiple of the worker ``slots``, so that every worker gets as much
    work: three ranges on two workers would leave one idle for a third of
    the run.
    """
    part_bytes = max(part_bytes, 1)
    total = sum(sizes)
    parts = max(-(-total // part_bytes), 1)
    if total >= MIN_BALANCE_BYTES:
        parts = -(-parts // max(slots, 1)) * max(slots, 1)
    share = total / parts
    out = []
    for size in sizes:
        n = max(1, round(size / share)) if share else 1
        if size > n * part_bytes:
            n = -(-size // part_bytes)
        out.append(n)
    return out


def local_cluster(workers: int) -> Any:
    """A local Dask cluster of ``workers`` one-thread processes, with :data:`QUIET` settings."""
    import dask.config
    import distributed

    dd: Any = distributed  # untyped: its classes are called through Any
    with dask.config.set(QUIET):  # the nannies hand these settings to their workers
        return dd.LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never clash with another cluster
            silence_logs=40,  # logging.ERROR
        )


def _client(scheduler: str | None, workers: int) -> Any:
    """A client of the cluster at ``scheduler``, or of a new local cluster."""
    try:
        import distributed
    except ImportError:
        raise UsageError(key="dask_missing") from None
    dd: Any = distributed  # untyped: its classes are called through Any
    if scheduler:
        try:
            return dd.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise UsageError(key="scheduler_unreachable", address=scheduler, error=exc) from None
    return dd.Client(local_cluster(workers))


@contextmanager
def _connected(scheduler: str | None, workers: int) -> Iterator[Any]:
    client = _client(scheduler, workers)
    try:
        yield client
    finally:
        cluster = client.cluster if not scheduler else None
        client.close()
        if cluster is not None:
            cluster.close()


def _slots(client: Any) -> int:
    """The task slots of the cluster: its workers' threads, at least one."""
    threads: dict[str, int] = client.nthreads()
    return max(sum(threads.values()), 1)


# --------------------------------------------------------------------------- tasks

_exact_lock = threading.Lock()
_exact_users = 0
_exact_block: Any = None


@contextmanager
def _exact_ids() -> Iterator[None]:
    """:func:`exact_ids` for tasks that run at once in threads of one process.

    A Dask worker runs several tasks at once in threads (``dask worker``
    starts one per core), and a client may share its process with workers:
    ``exact_ids`` alone swaps a module global, so one task leaving it would
    switch another, still running, back to 64-bit keys. Here the first task
    in switches and the last one out switches back.
    """
    global _exact_users, _exact_block
    with _exact_lock:
        if _exact_users == 0:
            _exact_block = exact_ids()
            _exact_block.__enter__()
        _exact_users += 1
    try:
        yield
    finally:
        with _exact_lock:
            _exact_users -= 1
            if _exact_users == 0:
                _exact_block.__exit__(None, None, None)
                _exact_block = None


def _identity_index(checker: _Checker) -> int | None:
    for i, rule in enumerate(checker.dataset_rules):
        if isinstance(rule, IdentityRule):
            return i
    return None


@dataclass(frozen=True)
class _Packed:
    """One bucket of a range's identity state, its id table packed to be kept and shipped.

    A worker keeps every bucket of its ranges until the join; as a dict of
    strings an id costs about 100 bytes, packed (the ids joined by line ends,
    one byte per type) about 20, and a packed piece is pickled with a copy
    instead of an object per id. ``state`` is ``None`` when the bucket holds
    nothing but ids (most buckets: no empty state is kept for them).
    """

    state: IdentityState | None  # the rest of the bucket, with an empty id table
    ids: str
    types: bytes | array[int]


#: One join's share of one range: the range's files and whether it lost records
#: without their ids (the same for every bucket), then the join's buckets of it,
#: each ``None`` (nothing), packed, or a state.
_Part = tuple[list[str], bool, tuple[Any, ...]]


def _split_ids(table: dict[IdKey, int], buckets: int) -> list[tuple[list[str], list[int]]]:
    """The ids of an id table and their types, by bucket (:func:`bucket_of`), in table order.

    One pass, the bucket computed inline: this is most of a range's split
    (an entry per id), and a third of the cost through :func:`split_identity`.
    """
    keys: list[list[str]] = [[] for _ in range(buckets)]
    types: list[list[int]] = [[] for _ in range(buckets)]
    add_key = [k.append for k in keys]
    add_type = [t.append for t in types]
    crc = zlib.crc32
    try:
        for key, value in table.items():
            b = crc(key.encode()) % buckets  # type: ignore[union-attr]
            add_key[b](key)  # type: ignore[arg-type]
            add_type[b](value)
    except (AttributeError, UnicodeEncodeError):  # a 64-bit key, or a lone surrogate
        for kept_keys, kept_types in zip(keys, types, strict=True):
            kept_keys.clear()
            kept_types.clear()
        for key, value in table.items():
            if not isinstance(key, str):
                raise TypeError("the split needs a state kept with exact_ids()") from None
            b = bucket_of(key, buckets)
            add_key[b](key)
            add_type[b](value)
    return list(zip(keys, types, strict=True))


def _holds_more_than_ids(state: IdentityState) -> bool:
    """Whether a bucket's state (its id table aside) holds anything a join must see."""
    return bool(
        state.org_kinds
        or any(state.communities.values())
        or state.pending
        or state.community_checks
        or state.cross_duplicates
        or state.untyped
    )


def _pack(rest: IdentityState, keys: list[str], types: list[int]) -> IdentityState | _Packed | None:
    """A bucket: ``rest`` (its id table empty) with the ids ``keys`` of ``types``, packed.

    ``None`` when the bucket holds nothing; an id with a line end in it (only
    invalid data has one) leaves the table unpacked.
    """
    more = _holds_more_than_ids(rest)
    if not keys:
        return rest if more else None
    joined = "\n".join(keys)
    if joined.count("\n") != len(keys) - 1:
        return replace(rest, ids=dict(zip(keys, types, strict=True)))
    try:
        packed: bytes | array[int] = bytes(types)
    except ValueError:  # an id of several types: a bitmask over a byte
        packed = array("q", types)
    return _Packed(rest if more else None, joined, packed)


def _unpack(piece: IdentityState | _Packed, files: list[str], incomplete: bool) -> IdentityState:
    """A bucket's state again, with its range's ``files`` and ``incomplete``."""
    if not isinstance(piece, _Packed):
        return piece
    table: dict[IdKey, int] = dict(zip(piece.ids.split("\n"), piece.types, strict=True))
    if piece.state is None:
        return IdentityState(ids=table, files=files, incomplete=incomplete)
    return replace(piece.state, ids=table)


def _size_of_state(state: IdentityState) -> int:
    """About how many bytes an identity state holds (for Dask's memory accounting)."""
    return (
        400
        + 100 * (len(state.ids) + len(state.org_kinds) + len(state.untyped))
        + 100 * sum(len(v) for v in state.communities.values())
        + sum(200 + 8 * len(records) for records in state.pending.values())
        + 300 * len(state.community_checks)
        + 100 * len(state.cross_duplicates)
    )


def _size_of_packed(piece: _Packed) -> int:
    size = sys.getsizeof(piece.ids) + sys.getsizeof(piece.types) + 100
    return size + (_size_of_state(piece.state) if piece.state is not None else 0)


def _size_of_result(result: _ChunkResult) -> int:
    states = sum(_size_of_state(s) if isinstance(s, IdentityState) else 1000 for s in result.states)
    return 1000 + 1000 * len(result.findings) + states


def _register_sizes() -> None:
    """Tell Dask the sizes of what the tasks keep: its own guess is the size of an empty object.

    Dask decides when a worker spills results to disk by their sizes: a
    range's packed buckets (megabytes) counted as a kilobyte would never be.
    """
    try:
        import dask.sizeof
    except ImportError:  # no Dask: nothing to tell
        return
    sizes: Any = dask.sizeof.sizeof  # untyped: its register is called through Any
    sizes.register(_Packed)(_size_of_packed)
    sizes.register(IdentityState)(_size_of_state)
    sizes.register(_ChunkResult)(_size_of_result)


_register_sizes()


def _split_result(
    result: _ChunkResult, index: int | None, buckets: int, joins: int
) -> tuple[Any, ...]:
    """``(rest, join 0, ..., join G-1)``: the identity state split off by bucket, packed.

    Join ``g`` gets a tuple of one :data:`_Part`: its buckets ``g``,
    ``g + G``, ``g + 2G``... (a map task of several ranges gives a part per
    range, in input order).
    """
    if index is None:
        return (result, *([None] * joins))
    state = result.states[index]
    rests = split_identity(replace(state, ids={}), buckets, bucket_of)
    parts = [
        _pack(r, k, t) for r, (k, t) in zip(rests, _split_ids(state.ids, buckets), strict=True)
    ]
    states = list(result.states)
    states[index] = IdentityState()
    files, incomplete = list(state.files), state.incomplete
    shares = (((files, incomplete, tuple(parts[g::joins])),) for g in range(joins))
    return (replace(result, states=states), *shares)


def _map_ranges(
    file: str,
    ranges: Sequence[tuple[int, int, int]],
    setup: tuple[Any, ...],
    index: int | None,
    buckets: int,
    joins: int,
) -> tuple[Any, ...]:  # pragma: no cover - runs in a Dask worker (the tests run it there)
    """A map task: check consecutive byte ranges ``(start, end, first line)`` of ``file``.

    Each range is checked with exact ids and its identity state split off
    and packed as soon as it is done, so that the task holds one range's
    ids at a time however many ranges it has (:func:`ranges_per_map`); the rest
    of the ranges' results are merged in input order.
    """
    ctx, enabled, severities, limits = setup
    rest: _Checker | None = None
    first: _ChunkResult | None = None
    shares: list[list[_Part]] = [[] for _ in range(joins)]
    for start, end, line in ranges:
        with _exact_ids():
            result = _check_chunk((file, start, end, line, ctx, enabled, severities, limits))
        split = _split_result(result, index, buckets, joins)
        if first is None:
            first = split[0]
        else:
            if rest is None:
                rest = _Checker(ctx, enabled, severities, limits)
                rest.absorb(first)
            rest.absorb(split[0])
        for g, share in enumerate(split[1:]):
            if share is not None:
                shares[g].extend(share)
    done = rest.result() if rest is not None else first
    if index is None:
        return (done, *([None] * joins))
    return (done, *(tuple(share) for share in shares))


def _join(ctx: Context, *shares: Any) -> list[Hit]:  # pragma: no cover - in a worker
    """A join task: for each of its buckets, merge it from every range in input order, settle it.

    ``shares`` are this join's share of every map task (a tuple of
    :data:`_Part`, one per range, or ``None``); one bucket's ids are held at
    a time. The shares are only read: a join Dask runs again (after a
    worker was lost) folds the same inputs and finds the same hits.
    """
    rule = IdentityRule()
    hits: list[Hit] = []
    parts: list[_Part] = [part for share in shares if share is not None for part in share]
    with _exact_ids():
        for k in range(len(parts[0][2]) if parts else 0):
            state: IdentityState | None = None
            for files, incomplete, pieces in parts:
                piece = pieces[k]
                if state is None:
                    if isinstance(piece, _Packed) and piece.state is None:
                        # ids alone, unpacked into a new table: the fold starts with it
                        state = _unpack(piece, list(files), incomplete)
                        continue
                    state = rule.new_state()
                if piece is None:  # a bucket of nothing: its range's files still count
                    state.files.extend(f for f in files if f not in state.files)
                    state.incomplete = state.incomplete or incomplete
                else:
                    state = rule.merge(state, _unpack(piece, files, incomplete))
            if state is not None:
                hits.extend(rule.finish(state, ctx))
    return hits


def _item(parts: Sequence[Any], i: int) -> Any:  # pragma: no cover - in a worker
    return parts[i]


def _survey(
    file: str, spans: Sequence[tuple[int, int]], counted: int, words: list[bytes]
) -> tuple[list[int], list[bytes]]:  # pragma: no cover - in a worker
    """What the client needs of a map task's byte ranges ``spans`` of ``file`` before the map.

    The line ends of the first ``counted`` ranges, and the ``words`` the
    ranges' bytes may hold (:func:`may_mention`).
    """
    counts = [_newlines(file, start, end) for start, end in spans[:counted]]
    said = [w for w in words if any(may_mention(file, [w], s, e) for s, e in spans)]
    return counts, said


# --------------------------------------------------------------------------- the run


def ranges_per_map(ranges: int, slots: int) -> int:
    """How many consecutive byte ranges of a file one map task checks.

    One, up to ``max(MAPS_PER_SLOT * slots, MIN_MAPS)`` ranges in all; past
    that, as many as it takes to stay under that number of map tasks. Every
    map task is one small task more for each join (its share), so at city
    scale (thousands of ranges, hundreds of joins) this keeps the tasks in
    the tens of thousands instead of millions; a map task still holds one
    range's ids at a time, so the ranges' size (``part_bytes``) still
    bounds its memory.
    """
    most = max(MAPS_PER_SLOT * max(slots, 1), MIN_MAPS)
    return 1 if ranges <= most else -(-ranges // most)


def count_tasks(
    total_bytes: int, slots: int, part_bytes: int = DEFAULT_PART_BYTES
) -> dict[str, int]:
    """The tasks of a run on ``total_bytes`` of NDJSON in one file, by kind, with the defaults.

    ``survey`` (line ends and screen, one per map task), ``map``, ``share``
    (a join's share of a map task: one per map task and join), ``join``
    and ``rest`` (what the client merges, one per map task), and ``ranges``
    (how many ranges the map tasks check; not tasks).
    """
    ranges = plan_parts([total_bytes], part_bytes, slots)[0]
    maps = -(-ranges // ranges_per_map(ranges, slots))
    joins = min(default_joins(total_bytes, slots), default_buckets(total_bytes, slots))
    counts = {"survey": maps, "map": maps, "share": maps * joins, "join": joins, "rest": maps}
    return {**counts, "total": sum(counts.values()), "ranges": ranges}


@dataclass(frozen=True)
class _MapTask:
    """One map task: consecutive byte ranges ``(start, end, first line)`` of one file."""

    file: str
    ranges: tuple[tuple[int, int, int], ...]


def _plan(
    client: Any,
    files: Sequence[tuple[str, int]],
    per: int,
    enabled: frozenset[str],
    screened: Screened,
) -> tuple[list[_MapTask], frozenset[str]]:
    """The map tasks of ``(file, ranges)``, ``per`` ranges each, and the rules that can fire.

    The client finds the range bounds (a seek and a line per bound); one
    task per map task (:func:`_survey`) counts the line ends of its ranges
    (those another range of the file follows) and screens its bytes for the
    rules that cannot fire, so that the client never reads the data (at city
    scale, hundreds of GB). The other inputs, small by nature, the client
    screens itself.
    """
    words = sorted({w for _, ws in idle_rule_words(enabled) for w in ws})
    groups: list[tuple[str, list[tuple[int, int]], int]] = []
    for file, n in files:
        bounds = _bounds(file, n)
        for at in range(0, len(bounds), per):
            spans = bounds[at : at + per]
            # the last range of a file needs no count: no range follows it
            groups.append((file, spans, len(spans) - (at + per >= len(bounds))))
    asked = [i for i, (_, _, counted) in enumerate(groups) if counted or words]
    answers: dict[int, tuple[list[int], list[bytes]]] = {}
    if asked:
        futures = client.map(
            _survey,
            [groups[i][0] for i in asked],
            [groups[i][1] for i in asked],
            [groups[i][2] for i in asked],
            [words] * len(asked),
            pure=False,
        )
        answers = dict(zip(asked, client.gather(futures), strict=True))
    found: dict[str, set[bytes]] = {}
    tasks = []
    line, last = 1, None
    for i, (file, spans, _) in enumerate(groups):
        counts, said = answers.get(i, ([], []))
        found.setdefault(file, set()).update(said)
        if file != last:
            line, last = 1, file
        ranges = []
        for j, (start, end) in enumerate(spans):
            ranges.append((start, end, line))
            line += counts[j] if j < len(counts) else 0
        tasks.append(_MapTask(file, tuple(ranges)))

    def mentions(file: str, wanted: list[bytes]) -> bool:
        if file in found:
            return any(w in found[file] for w in wanted)
        return may_mention(file, wanted)

    return tasks, screened(mentions)


def run_on_cluster(
    opts: CheckOptions,
    enabled: frozenset[str],
    docs: list[InputFile],
    ctx: Context,
    screened: Screened,
) -> tuple[_Checker, list[Hit]]:
    """Check ``docs`` on the cluster; the client's checker absorbs every map task's rest.

    ``screened`` takes a screen of the inputs (whether a file may mention
    words) and returns the enabled codes less the rules that cannot fire
    (:func:`~smartstd.conformance.engine.idle_rule_words`); the workers
    screen the NDJSON ranges. Returns the client's checker, made with those
    codes, and the identity rule's hits of the join (the checker's own
    identity state stays empty, so its ``finish`` adds nothing).
    """
    severities = dict(opts.severities)
    streamed = [d for d in docs if d.streamed]
    sizes = [file_size(d.file) for d in streamed]
    with _connected(opts.scheduler, opts.jobs) as client:
        slots = _slots(client)
        joins = default_joins(sum(sizes), slots)
        buckets = max(opts.buckets or default_buckets(sum(sizes), slots), 1)
        joins = min(joins, buckets)
        parts = plan_parts(sizes, opts.part_bytes or DEFAULT_PART_BYTES, slots)
        per = ranges_per_map(sum(parts), slots)
        planned = [(d.file, n) for d, n in zip(streamed, parts, strict=True)]
        tasks, enabled = _plan(client, planned, per, enabled, screened)
        checker = _Checker(ctx, enabled, severities, opts.limits)
        index = _identity_index(checker)
        setup = (ctx, enabled, severities, opts.limits)
        # every map task at once: one message to the scheduler, not one a task
        maps = iter(
            client.map(
                _map_ranges,
                [t.file for t in tasks],
                [t.ranges for t in tasks],
                setup=setup,
                index=index,
                buckets=buckets,
                joins=joins,
                pure=False,
            )
        )
        per_file = Counter(t.file for t in tasks)
        pieces: list[Any] = []  # per map task or document, in input order: (rest, joins...)
        for d in docs:
            if d.streamed:
                pieces.extend(next(maps) for _ in range(per_file[d.file]))
            else:
                local = _Checker(ctx, enabled, severities, opts.limits)
                with _exact_ids():
                    if d.unreadable:
                        local.lost(None, Where(d.file, None, ()))
                    for rec in d.records():
                        local.record(rec)
                split = _split_result(local.result(), index, buckets, joins)
                pieces.append(client.scatter([split], hash=False)[0])
        settled: list[Any] = []
        if index is not None and pieces:
            # each join's share of every piece, then one task per join
            by_join = [
                client.map(_item, pieces, [1 + g] * len(pieces), pure=False) for g in range(joins)
            ]
            per_piece = [[by_join[g][i] for g in range(joins)] for i in range(len(pieces))]
            settled = client.map(_join, [ctx] * joins, *per_piece, pure=False)
        rests = client.map(_item, pieces, [0] * len(pieces), pure=False)
        for future in rests:
            rest: _ChunkResult = future.result()
            checker.absorb(rest)
        hits: list[Hit] = []
        for future in settled:
            hits.extend(future.result())
        return checker, hits
