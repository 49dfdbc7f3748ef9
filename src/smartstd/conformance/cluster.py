"""The same check on a Dask cluster (``smartstd check --engine dask``).

The flow is the one of ``--jobs N`` spread over a cluster, with one change
that lets it grow past one machine's memory: **no process holds every id**.

1. **Map.** Every NDJSON input is split into byte ranges aligned to line
   starts, each with its exact first line number (the line ends before it are
   counted). A task checks one range, as a worker process of ``--jobs`` does:
   structure, the entity rules, the per-record part of every dataset rule.
   JSON and YAML inputs (small by nature) are checked by the client and
   enter the flow in their place.
2. **Partition.** The identity rule's state of each range (ids, organisation
   kinds, the communities of buildings, grids and devices, the unsettled
   references and community checks) is split by a stable hash of the id it
   concerns into ``B`` buckets. Ids are kept as the strings themselves and
   compared exactly (never by a 64-bit hash, which at 10⁹ ids would be
   likely to confuse two).
3. **Join.** One task per bucket merges that bucket of every range, in input
   order, and settles it: duplicates, references resolved or not, mistyped
   references, communities. Every question the identity rule asks is about
   one id, so a bucket holds all it needs; each bucket task holds about
   ``1/B`` of the ids.
4. **Finish.** The other dataset rules keep small states (households,
   eligibility, coverage, the charter), which the client merges in input
   order and finishes, the charter's checks as one piece.

Findings are placed and sorted exactly as a local check does, so the report
is byte-identical to ``--jobs 1`` (a test proves it on defects planted
across range edges).

Dask is an optional extra: ``pip install 'smartstd[cluster]'``.

在 Dask 集群上运行同一检查：按字节区间分片（行号精确），标识按稳定哈希分桶后连接，
任何进程都不持有全部标识；标识按字符串精确比较；报告与单进程逐字节相同。
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from smartstd.conformance.checker import _check_chunk, _Checker, _ChunkResult, _split
from smartstd.conformance.inputs import InputFile
from smartstd.conformance.options import CheckOptions
from smartstd.conformance.rule import Context, Hit, Where
from smartstd.errors import UsageError
from smartstd.io.files import file_size
from smartstd.rules.sc2.checks import IdentityRule, IdentityState, exact_ids, split_identity

__all__ = ["DEFAULT_BUCKETS", "DEFAULT_PART_BYTES", "bucket_of", "run_on_cluster"]

#: Byte size of one range of an NDJSON input (a map task's share).
DEFAULT_PART_BYTES = 64 * 1024 * 1024
#: Id buckets per run (reduce tasks of the identity join), at least the workers.
DEFAULT_BUCKETS = 16
#: How long to try to reach a scheduler given with ``--scheduler``.
CONNECT_TIMEOUT = "20s"


def bucket_of(entity_id: str, buckets: int) -> int:
    """The bucket of an id: a stable hash, the same in every process and on every host."""
    digest = hashlib.blake2b(entity_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % buckets


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
    cluster = dd.LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: never clash with another cluster
        silence_logs=40,  # logging.ERROR
    )
    return dd.Client(cluster)


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


def _split_result(result: _ChunkResult, index: int | None, buckets: int) -> tuple[Any, ...]:
    """``(rest, bucket 0, ..., bucket B-1)``: the identity state split off by bucket."""
    if index is None:
        return (result, *([None] * buckets))
    parts = split_identity(result.states[index], buckets, bucket_of)
    states = list(result.states)
    states[index] = IdentityState()
    return (replace(result, states=states), *parts)


def _map_range(
    job: tuple[Any, ...], index: int | None, buckets: int
) -> tuple[Any, ...]:  # pragma: no cover - runs in a Dask worker (the tests run it there)
    """A map task: check one byte range with exact ids, then split the identity state."""
    with _exact_ids():
        result = _check_chunk(job)
    return _split_result(result, index, buckets)


def _reduce_bucket(ctx: Context, *pieces: Any) -> list[Hit]:  # pragma: no cover - in a worker
    """A join task: merge one bucket of every range in input order and settle it."""
    rule = IdentityRule()
    with _exact_ids():
        state = rule.new_state()
        for piece in pieces:
            if piece is not None:
                state = rule.merge(state, piece)
        return list(rule.finish(state, ctx))


def _item(parts: Sequence[Any], i: int) -> Any:  # pragma: no cover - in a worker
    return parts[i]


# --------------------------------------------------------------------------- the run


def _ranges(file: str, part_bytes: int) -> list[tuple[int, int, int]]:
    """Byte ranges of an NDJSON input, local or a URL (read through fsspec, as the workers do)."""
    size = file_size(file)
    return _split(file, max(1, -(-size // max(part_bytes, 1))))


def run_on_cluster(
    opts: CheckOptions,
    enabled: frozenset[str],
    docs: list[InputFile],
    ctx: Context,
    checker: _Checker,
) -> list[Hit]:
    """Check ``docs`` on the cluster; the client's ``checker`` absorbs every range's rest.

    Returns the identity rule's hits of the join (the checker's own identity
    state stays empty, so its ``finish`` adds nothing).
    """
    buckets = max(opts.buckets or DEFAULT_BUCKETS, 1)
    index = _identity_index(checker)
    severities = dict(opts.severities)
    with _connected(opts.scheduler, opts.jobs) as client:
        pieces: list[Any] = []  # per range, in input order: a future of (rest, buckets...)
        for d in docs:
            if d.fmt == "ndjson" and d.header is not None:
                for start, end, line in _ranges(d.file, opts.part_bytes or DEFAULT_PART_BYTES):
                    job = (d.file, start, end, line, ctx, enabled, severities, opts.limits)
                    pieces.append(client.submit(_map_range, job, index, buckets, pure=False))
            else:
                local = _Checker(ctx, enabled, severities, opts.limits)
                with _exact_ids():
                    if d.unreadable:
                        local.lost(None, Where(d.file, None, ()))
                    for rec in d.records():
                        local.record(rec)
                split = _split_result(local.result(), index, buckets)
                pieces.append(client.scatter(split, hash=False))
        joins = []
        if index is not None:
            for b in range(buckets):
                parts = [client.submit(_item, p, 1 + b, pure=False) for p in pieces]
                joins.append(client.submit(_reduce_bucket, ctx, *parts, pure=False))
        for p in pieces:
            rest: _ChunkResult = client.submit(_item, p, 0, pure=False).result()
            checker.absorb(rest)
        hits: list[Hit] = []
        for future in joins:
            hits.extend(future.result())
        return hits
