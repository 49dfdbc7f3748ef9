"""--engine dask reads URLs through fsspec: the byte ranges of each partition too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smartstd import generate as gen
from smartstd.conformance.engine import check
from smartstd.reporters import render_string

pytest.importorskip("distributed", reason="the cluster extra: pip install 'smartstd[cluster]'")
fsspec = pytest.importorskip("fsspec", reason="the cloud extra: pip install 'smartstd[cloud]'")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NDJSON file of several ranges with a duplicate id and a forward reference."""
    out = tmp_path_factory.mktemp("cluster-urls")
    source = out / "source.ndjson"
    gen.write(source, counts=gen.counts_for("community", observations=300), seed=5)
    records = [json.loads(x) for x in source.read_text("utf-8").splitlines()]
    source.unlink()
    envelope, body = records[0], records[1:]
    devices = [i for i, r in enumerate(body) if r["type"] == "Device"]
    body.append(body.pop(devices[0]))  # named before it is written
    body.append(dict(next(r for r in body if r["type"] == "Resident")))  # a duplicate id
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [envelope, *body])
    (out / "a.ndjson").write_text(text, "utf-8")
    return out


@pytest.fixture(scope="module")
def threads_scheduler() -> Iterator[str]:
    """A cluster whose workers are threads of this process: they see ``memory://`` too."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def memory(folder: Path) -> Iterator[str]:
    fs = fsspec.filesystem("memory")
    root = "/smartstd-test/cluster"
    for f in folder.iterdir():
        fs.pipe(f"{root}/{f.name}", f.read_bytes())
    yield f"memory:/{root}"
    fs.rm(root, recursive=True)


def _json(report: Any, prefix: str) -> str:
    return render_string(report, "json").replace(prefix, "DATA")


def test_partitions_of_a_url_are_read_through_fsspec(
    folder: Path, memory: str, threads_scheduler: str
) -> None:
    local = check(str(folder), level="L2")
    assert {"SC201", "SC202"} & {f.code for f in local.findings}
    assert (folder / "a.ndjson").stat().st_size > 4 * 32 * 1024  # several partitions
    for url in (memory, f"file://{folder}"):
        remote = check(
            url,
            engine="dask",
            scheduler=threads_scheduler,
            level="L2",
            part_bytes=32 * 1024,
            buckets=3,
        )
        assert _json(remote, url) == _json(local, str(folder)), url
