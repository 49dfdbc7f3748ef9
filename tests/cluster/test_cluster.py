"""--engine dask gives the report of --jobs 1, byte for byte, with defects across range edges."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from smartstd import generate as gen
from smartstd.conformance.cluster import (
    BUCKET_BYTES,
    JOIN_BYTES,
    MIN_BALANCE_BYTES,
    bucket_of,
    default_buckets,
    default_joins,
    plan_parts,
)
from smartstd.conformance.engine import check
from smartstd.reporters import render_string

pytest.importorskip("distributed", reason="the cluster extra: pip install 'smartstd[cluster]'")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two NDJSON files and a JSON file of one dataset, with defects planted far apart."""
    folder = tmp_path_factory.mktemp("cluster")
    source = folder / "source.ndjson"
    gen.write(source, counts=gen.counts_for("community", observations=400), seed=7)
    records = _lines(source)
    envelope, body = records[0], records[1:]
    residents = [r for r in body if r["type"] == "Resident"]
    devices = [i for i, r in enumerate(body) if r["type"] == "Device"]
    # a forward reference: a device written after everything that names it
    moved = body.pop(devices[0])
    body.append(moved)
    # a duplicate id far from its first use, and a mistyped and an unresolved reference
    body.append(dict(residents[0]))
    obs = next(r for r in body if r["type"] == "Observation")
    body.append({**obs, "id": obs["id"] + "-x", "device_id": residents[1]["id"]})
    body.append({**obs, "id": obs["id"] + "-y", "device_id": "dev-nowhere"})
    first, second = folder / "a.ndjson", folder / "b.ndjson"
    # an id of two types in one range (a resident's id on a device, next to it), and
    # in the second file one across files
    at = body.index(residents[2])
    body.insert(at + 1, {**moved, "id": residents[2]["id"]})
    twice = {**moved, "id": residents[3]["id"]}
    half = len(body) // 2
    _write(first, [envelope, *body[:half]])
    # the second file: references into the first, a duplicate of one of its ids, the
    # other id of two types and an id with a line end in it
    newline = {**obs, "id": obs["id"] + "\nz"}
    _write(second, [envelope, *body[half:], dict(body[3]), twice, newline])
    # a JSON document naming an id of the second file and one nobody has
    third = folder / "c.json"
    extra = {**obs, "id": "obs-in-json", "device_id": moved["id"]}
    missing = {**obs, "id": "obs-in-json-2", "device_id": "dev-missing-too"}
    third.write_text(json.dumps({**envelope, "entities": [extra, missing]}), "utf-8")
    return [str(first), str(second), str(third)]


@pytest.fixture(scope="module")
def scheduler() -> Any:
    """A running local cluster of two worker processes, shared by the tests that need one."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


def test_cluster_report_is_byte_identical_to_one_process(
    planted: list[str], scheduler: str
) -> None:
    local = check(planted, jobs=1, level="L2")
    codes = Counter(f.code for f in local.findings)
    assert codes["SC201"] >= 2 and codes["SC202"] >= 2 and codes["SC203"] >= 1
    sizes = [Path(p).stat().st_size for p in planted[:2]]
    assert all(size > 3 * 64 * 1024 for size in sizes)  # several ranges per file
    cluster = check(
        planted, engine="dask", scheduler=scheduler, level="L2", part_bytes=64 * 1024, buckets=5
    )
    assert render_string(cluster, "json") == render_string(local, "json")


def test_a_local_cluster_is_started_when_no_scheduler_is_given(planted: list[str]) -> None:
    third = planted[2:]  # the small JSON document: the client checks it, workers join its ids
    local = check(third, level="L2")
    assert {f.code for f in local.findings} >= {"SC202"}
    cluster = check(third, engine="dask", jobs=1, level="L2")
    assert render_string(cluster, "json") == render_string(local, "json")


def test_cluster_defaults_give_the_same_report(planted: list[str], scheduler: str) -> None:
    """The buckets and ranges the run chooses itself (two workers: a multiple of two)."""
    local = check(planted, jobs=1, level="L2")
    cluster = check(planted, engine="dask", scheduler=scheduler, level="L2", part_bytes=50_000)
    assert render_string(cluster, "json") == render_string(local, "json")


def test_bucket_is_stable_and_spread() -> None:
    assert bucket_of("res-0001", 16) == bucket_of("res-0001", 16)
    assert bucket_of("res-0001", 16) == 4  # CRC-32: the same on every host and in every release
    spread = Counter(bucket_of(f"res-{i:05d}", 8) for i in range(8000))
    assert len(spread) == 8 and min(spread.values()) > 800
    odd = Counter(bucket_of(f"obs-{i}-{i % 7}", 7) for i in range(7000))
    assert len(odd) == 7 and min(odd.values()) > 700
    assert 0 <= bucket_of("社区-\udc80", 3) < 3  # any string, even a lone surrogate


def test_buckets_grow_with_the_input_in_multiples_of_the_joins() -> None:
    mib = 1024 * 1024
    assert (default_joins(0, 2), default_buckets(0, 2)) == (2, 2)
    assert (default_joins(10 * mib, 2), default_buckets(10 * mib, 2)) == (2, 2)
    assert (default_joins(37 * mib, 2), default_buckets(37 * mib, 2)) == (2, 4)
    assert (default_joins(74 * mib, 2), default_buckets(74 * mib, 2)) == (2, 6)
    assert default_joins(3 * JOIN_BYTES, 2) == 4
    assert default_buckets(3 * JOIN_BYTES, 2) == 3 * JOIN_BYTES // BUCKET_BYTES
    # a city: 200 GiB on 32 workers, 416 joins of 31 buckets (about 80,000 ids each)
    assert default_joins(200 * 1024 * mib, 32) == 416
    assert default_buckets(200 * 1024 * mib, 32) == 416 * 31
    assert (default_joins(100, 0), default_buckets(100, 0)) == (1, 1)


def test_a_join_settles_its_buckets_one_at_a_time() -> None:
    """Each join gets its own buckets of every range; together they hold every bucket once."""
    from smartstd.conformance.checker import _ChunkResult
    from smartstd.conformance.cluster import _split_result, _unpack
    from smartstd.rules.sc2.checks import IdentityState

    ids = {f"obs-{i}": i % 3 for i in range(1000)}
    state = IdentityState(ids=dict(ids), files=["a.ndjson"])
    result = _ChunkResult([], [state], Counter(), 1000)
    rest, *shares = _split_result(result, 0, 7, 3)
    assert not rest.states[0].ids and len(shares) == 3
    assert all(len(share) == 1 for share in shares)  # one part: one range
    assert [len(share[0][2]) for share in shares] == [3, 2, 2]  # buckets 0 3 6, 1 4, 2 5
    seen: dict[str, int] = {}
    for g, share in enumerate(shares):
        files, incomplete, pieces = share[0]
        assert files == ["a.ndjson"] and incomplete is False
        for k, piece in enumerate(pieces):
            table = _unpack(piece, files, incomplete).ids
            assert all(bucket_of(str(key), 7) == g + 3 * k for key in table)
            seen.update(table)  # type: ignore[arg-type]
    assert seen == ids
    assert _split_result(result, None, 7, 3)[1:] == (None, None, None)


def _join_inputs() -> tuple[Any, list[Any]]:
    """The shares of one join from three ranges: duplicates, forward and unresolved references."""
    from smartstd.conformance.checker import _ChunkResult
    from smartstd.conformance.cluster import _split_result
    from smartstd.conformance.rule import Context, Where
    from smartstd.rules.sc2.checks import IdentityRule, exact_ids
    from smartstd.standard.modelset import judged_version, models_for

    rule = IdentityRule()
    ctx = Context(now=None)
    devices = devices_of()
    observations = [r for r in _lines_of_community() if r["type"] == "Observation"][:40]
    models = models_for(judged_version(ctx.standard_version))
    validate = models.json_validator()
    nowhere = {**observations[21], "device_id": "dev-nowhere"}
    ranges = [
        # their devices come later: forward references; and one to a device nobody has
        [*observations[:20], {**nowhere, "id": "obs-y"}],
        devices,
        [*observations[20:], {**nowhere, "id": "obs-z"}],  # the same references again
    ]
    shares = []
    line = 1
    with exact_ids():
        for records in ranges:
            state = rule.new_state()
            for record in records:
                model = validate(json.dumps(record))
                rule.collect(state, model, Where("a.ndjson", line, (), model.type, model.id), ctx)
                line += 1
            result = _ChunkResult([], [state], Counter(), len(records))
            shares.append(_split_result(result, 0, 3, 1)[1])
    return ctx, shares


_SOURCE: list[dict] = []


def devices_of() -> list[dict]:
    return [r for r in _lines_of_community() if r["type"] == "Device"]


def _lines_of_community() -> list[dict]:
    if not _SOURCE:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "s.ndjson"
            gen.write(path, counts=gen.counts_for("community", observations=60), seed=3)
            _SOURCE.extend(_lines(path)[1:])
    return _SOURCE


def test_a_join_run_again_on_the_same_inputs_finds_the_same() -> None:
    """Dask runs a join again when a worker is lost: its inputs must come back unchanged."""
    import pickle

    from smartstd.conformance.cluster import _join

    ctx, shares = _join_inputs()
    before = pickle.dumps(shares)
    first = _join(ctx, *shares)
    assert pickle.dumps(shares) == before  # the join only read them
    second = _join(ctx, *shares)
    assert first == second
    # the forward references of the first and last ranges were settled by the devices
    # of the second; those to dev-nowhere were not, once each
    # (the devices' own buildings are in none of the ranges)
    observed = [hit for hit in first if hit.path == ("device_id",)]
    assert [hit.params["target"] for hit in observed] == ["dev-nowhere"] * 2
    lines = [21, 21 + len(devices_of()) + 21]
    assert [hit.where.line if hit.where else None for hit in observed] == lines


def test_dask_is_told_the_size_of_what_the_tasks_keep() -> None:
    """Dask spills results by their sizes: packed buckets must not count as empty objects."""
    import pickle

    from dask.sizeof import sizeof

    from smartstd.conformance.checker import _ChunkResult
    from smartstd.conformance.cluster import _split_result
    from smartstd.rules.sc2.checks import IdentityState

    ids = {f"obs-{i:06d}": i % 3 for i in range(20_000)}
    result = _ChunkResult([], [IdentityState(ids=ids)], Counter(), 20_000)
    split = _split_result(result, 0, 4, 2)
    for share in split[1:]:
        kept = len(pickle.dumps(share))
        assert kept / 2 < sizeof(share) < kept * 2
    assert sizeof(IdentityState(ids=ids)) > 100 * len(ids)


def test_merge_keeps_nothing_of_the_state_it_folds_in() -> None:
    from array import array

    from smartstd.rules.sc2.checks import IdentityRule, IdentityState

    rule = IdentityRule()
    key = ("a.ndjson", "device_id", ("device_id",), "dev-1", ("Device",), ())
    first = IdentityState(pending={key: array("q", [3, 4])})
    second = IdentityState(pending={key: array("q", [9])})
    merged = rule.merge(rule.merge(IdentityState(), first), second)
    assert list(merged.pending[key]) == [3, 4, 9]
    assert list(first.pending[key]) == [3, 4] and list(second.pending[key]) == [9]


def test_parts_are_a_multiple_of_the_workers_and_never_over_the_size() -> None:
    mib = 1024 * 1024
    assert plan_parts([37 * mib], 16 * mib, 2) == [4]  # not 3: one worker would idle
    assert plan_parts([37 * mib], 64 * mib, 2) == [2]
    assert plan_parts([74 * mib], 16 * mib, 2) == [6]
    assert plan_parts([30 * mib, 7 * mib], 16 * mib, 2) == [3, 1]
    assert plan_parts([MIN_BALANCE_BYTES - 1], mib, 4) == [4]
    assert plan_parts([mib // 2], 64 * mib, 4) == [1]  # too small to balance
    assert plan_parts([], 64 * mib, 2) == []
    for sizes in ([5 * mib, 90 * mib, 1], [300 * mib] * 3, [17 * mib + 1, 3 * mib]):
        for part in (mib, 16 * mib, 64 * mib):
            for slots in (1, 2, 3, 8):
                parts = plan_parts(sizes, part, slots)
                assert all(
                    n >= 1 and size <= n * part for n, size in zip(parts, sizes, strict=True)
                )


def test_map_tasks_check_several_ranges_only_past_a_bound() -> None:
    from smartstd.conformance.cluster import MAPS_PER_SLOT, MIN_MAPS, ranges_per_map

    assert ranges_per_map(2, 2) == 1
    assert ranges_per_map(MIN_MAPS, 2) == 1
    assert ranges_per_map(MIN_MAPS + 1, 2) == 2
    assert ranges_per_map(MAPS_PER_SLOT * 32, 32) == 1
    # a city: 200 GiB in ranges of 64 MiB on 32 workers, 416 joins
    per = ranges_per_map(3200, 32)
    maps = -(-3200 // per)
    assert maps <= MAPS_PER_SLOT * 32 and maps * 416 < 60_000  # not 3,200 x 416 = 1.3 million
    assert ranges_per_map(3200, 0) == -(-3200 // MIN_MAPS)


def test_tasks_of_a_run_grow_with_the_input_less_than_its_square() -> None:
    from smartstd.conformance.cluster import count_tasks

    gib = 1024**3
    small = count_tasks(37 * 1024 * 1024, 2)  # the benchmark's 200,000 records
    assert small == {
        "survey": 2,
        "map": 2,
        "share": 4,
        "join": 2,
        "rest": 2,
        "total": 12,
        "ranges": 2,
    }
    city = count_tasks(200 * gib, 32)  # Guangzhou's year on 32 workers: 3,200 ranges
    assert city["ranges"] == 3200 and city["map"] == 128 and city["join"] == 416
    assert city["total"] == 3 * 128 + 128 * 416 + 416 == 54_048
    # the part that grows with both: map tasks (bounded by the workers) times joins
    assert count_tasks(400 * gib, 32)["share"] == 128 * 800


def test_map_tasks_of_several_ranges_give_the_same_report(
    planted: list[str], scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranges grouped into map tasks (three ranges a task here), defects across their edges."""
    from smartstd.conformance import cluster as cluster_module

    monkeypatch.setattr(cluster_module, "MIN_MAPS", 1)
    monkeypatch.setattr(cluster_module, "MAPS_PER_SLOT", 1)
    parts = plan_parts([Path(p).stat().st_size for p in planted[:2]], 32 * 1024, 2)
    assert cluster_module.ranges_per_map(sum(parts), 2) >= 3
    local = check(planted, jobs=1, level="L2")
    cluster = check(
        planted, engine="dask", scheduler=scheduler, level="L2", part_bytes=32 * 1024, buckets=3
    )
    assert render_string(cluster, "json") == render_string(local, "json")


def test_a_local_cluster_raises_the_malloc_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask's MALLOC_TRIM_THRESHOLD_ of 64 KiB costs a check a page fault per few objects."""
    import dask.config
    from distributed.nanny import _get_env_variables

    from smartstd.conformance.cluster import QUIET

    # a nanny started in this process leaves its settings in os.environ, which wins
    for name in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"):
        monkeypatch.delenv(name, raising=False)
    dask_own = _get_env_variables("distributed.nanny.pre-spawn-environ")
    assert dask_own["MALLOC_TRIM_THRESHOLD_"] == "65536"
    with dask.config.set(QUIET):
        spawned = _get_env_variables("distributed.nanny.pre-spawn-environ")
    assert spawned["MALLOC_TRIM_THRESHOLD_"] == spawned["MALLOC_MMAP_THRESHOLD_"] == "4194304"
    assert spawned["OMP_NUM_THREADS"] == "1"  # the others stay


def test_split_identity_needs_exact_ids() -> None:
    from smartstd.rules.sc2.checks import IdentityState, split_identity

    state = IdentityState()
    state.ids[12345] = 0
    with pytest.raises(TypeError, match="exact_ids"):
        split_identity(state, 4, bucket_of)


def test_unreachable_scheduler_is_a_usage_error(
    planted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from smartstd.conformance import cluster
    from smartstd.errors import UsageError

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(UsageError, match="scheduler"):
        check(planted[:1], engine="dask", scheduler="tcp://127.0.0.1:9", level="L1")


def test_cli_engine_dask_writes_the_same_report(
    planted: list[str], scheduler: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main

    runner = CliRunner()
    local = tmp_path / "local.json"
    dist = tmp_path / "dask.json"
    base = ["check", *planted, "--level", "L2", "--format", "json"]
    first = runner.invoke(main, [*base, "-o", str(local)])
    second = runner.invoke(
        main,
        [
            *base,
            "-o",
            str(dist),
            "--engine",
            "dask",
            "--scheduler",
            scheduler,
            "--part-size",
            "65536",
        ],
    )
    assert first.exit_code == second.exit_code == 1, second.output
    assert dist.read_bytes() == local.read_bytes()


def test_cluster_options_need_the_dask_engine(planted: list[str]) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main

    result = CliRunner().invoke(main, ["check", planted[0], "--buckets", "4"])
    assert result.exit_code == 2
    assert "--engine dask" in result.output


def test_packed_buckets_give_back_the_same_state() -> None:
    """A bucket's id table, packed to be kept and shipped, unpacks to the same table."""
    import pickle

    from smartstd.conformance.cluster import _pack, _Packed, _unpack
    from smartstd.rules.sc2.checks import IdentityState

    plain = {"res-1": 3, "社区-楼栋-2": 0, "odd\ud800": 7, "": 1}
    several = {**plain, "dev-1": (1 << 24) | (1 << 3) | (1 << 9)}  # one id of two types
    for table in (plain, several):
        rest = IdentityState(org_kinds={"org-1": "government"})
        packed = _pack(rest, list(table), list(table.values()))
        assert isinstance(packed, _Packed) and packed.state is not None
        assert not packed.state.ids
        back = _unpack(pickle.loads(pickle.dumps(packed)), ["a.ndjson"], False)
        assert back.ids == table and list(back.ids) == list(table)  # the same order too
        assert back.org_kinds == {"org-1": "government"}
        # a bucket of ids alone keeps no state of its own; its range's files come back
        alone = _pack(IdentityState(), list(table), list(table.values()))
        assert isinstance(alone, _Packed) and alone.state is None
        back = _unpack(alone, ["a.ndjson"], True)
        assert back.ids == table and back.files == ["a.ndjson"] and back.incomplete
    newline = _pack(IdentityState(), ["a\nb", "c"], [2, 1])  # an id with a line end: unpacked
    assert isinstance(newline, IdentityState) and newline.ids == {"a\nb": 2, "c": 1}
    assert _unpack(newline, [], False) is newline
    assert _pack(IdentityState(), [], []) is None  # nothing at all
    pending = IdentityState(untyped={"x"})
    assert _pack(pending, [], []) is pending


def test_ids_split_by_bucket_as_bucket_of_says_in_table_order() -> None:
    from smartstd.conformance.cluster import _split_ids

    table: dict[int | str, int] = {f"obs-{i}": i % 5 for i in range(2000)}
    for tricky in ({}, {"odd\ud800": 1, "社区": 2}):  # a lone surrogate takes the careful way
        ids = {**table, **tricky}
        split = _split_ids(ids, 6)
        assert len(split) == 6
        for b, (keys, types) in enumerate(split):
            assert all(bucket_of(str(k), 6) == b for k in keys)
            assert keys == [k for k in ids if bucket_of(str(k), 6) == b]  # table order
            assert types == [ids[k] for k in keys]
    with pytest.raises(TypeError, match="exact_ids"):
        _split_ids({**table, 12345: 0}, 6)


@pytest.mark.parametrize("with_pilot", [True, False])
def test_rules_that_cannot_fire_are_screened_by_the_workers(
    planted: list[str],
    scheduler: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    with_pilot: bool,
) -> None:
    """The client reads no NDJSON input to find the rules that cannot fire (SC8xx without a
    pilot); the workers screen their ranges, and the report and the rules run are the same."""
    from smartstd.conformance import cluster as cluster_module
    from smartstd.conformance import engine as engine_module
    from smartstd.conformance.inputs import may_mention

    files = list(planted)
    if not with_pilot:  # the same data without its pilot: SC801-SC803 cannot fire
        for i, name in enumerate(files[:2]):
            lines = Path(name).read_text("utf-8").splitlines(keepends=True)
            kept = [line for line in lines if '"type": "Pilot"' not in line]
            files[i] = str(tmp_path / Path(name).name)
            Path(files[i]).write_text("".join(kept), "utf-8")
        # the JSON document without \u escapes (one could spell "Pilot")
        document = json.loads(Path(files[2]).read_text("utf-8"))
        files[2] = str(tmp_path / "c.json")
        Path(files[2]).write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    has_pilot = any('"Pilot"' in Path(f).read_text("utf-8") for f in files)
    assert has_pilot is with_pilot
    asked: list[str] = []

    def client_screen(file: str, words: Any, start: int = 0, end: int | None = None) -> bool:
        asked.append(file)
        return may_mention(file, words, start, end)

    local = check(files, jobs=1, level="L2")
    # what this process (the client) screens during the cluster's run
    monkeypatch.setattr(cluster_module, "may_mention", client_screen, raising=False)
    monkeypatch.setattr(engine_module, "may_mention", client_screen)
    cluster = check(files, engine="dask", scheduler=scheduler, level="L2", part_bytes=64 * 1024)
    assert render_string(cluster, "json") == render_string(local, "json")
    assert cluster.rules_run == local.rules_run
    assert ("SC801" in local.rules_run) is with_pilot
    assert not [f for f in asked if f.endswith(".ndjson")]  # the client read no NDJSON
    assert asked == [files[2]] * len(asked)  # the JSON document it checks itself, if any


def test_a_range_screen_answers_as_the_screen_of_the_whole_file(tmp_path: Path) -> None:
    from smartstd.conformance.inputs import may_mention

    path = tmp_path / "d.ndjson"
    for text, word in [
        (b'{"a":1}\n' * 50 + b'{"type":"Pilot"}\n' + b'{"b":2}\n' * 50, b"Pilot"),
        (b'{"a":1}\n' * 100, b"Pilot"),
        (b'{"a":"\\u0050ilot"}\n' + b'{"a":1}\n' * 60, b"Pilot"),
        (b"x" * 399 + b"Pilot" + b"y" * 400, b"Pilot"),
    ]:
        path.write_bytes(text)
        whole = may_mention(str(path), [word])
        for cut in range(0, len(text), 37):
            for step in (7, 64, 150):
                bounds = [*range(0, len(text), step), len(text)]
                ranges = list(itertools.pairwise(bounds))
                parts = [may_mention(str(path), [word], a, b) for a, b in ranges]
                assert any(parts) is whole, (text[:40], step)
            assert may_mention(str(path), [word], cut, cut) is False  # an empty range


def test_the_client_builds_the_union_only_for_what_it_checks_itself(
    planted: list[str], scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an input past the size at which every model is built at once: on a cluster
    # the client checks no NDJSON stream, so it need not build them (0.15 s of CPU)
    from smartstd.conformance import engine
    from smartstd.standard.modelset import ModelSet

    built: list[str] = []
    original = ModelSet.build

    def build(self: ModelSet) -> Any:
        built.append(self.version)
        return original(self)

    monkeypatch.setattr(ModelSet, "build", build)
    monkeypatch.setattr(engine, "_UNION_BYTES", 1)
    streams = planted[:2]
    cluster = check(streams, engine="dask", scheduler=scheduler, level="L1", part_bytes=64 * 1024)
    assert built == []
    local = check(streams, jobs=1, level="L1")
    assert built  # one process: it checks the streams itself, so it builds them
    assert render_string(cluster, "json") == render_string(local, "json")
    built.clear()
    check(planted, engine="dask", scheduler=scheduler, level="L1", part_bytes=64 * 1024)
    assert built  # with the JSON document the client checks itself
