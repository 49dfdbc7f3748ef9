"""Inputs given as URLs are read through fsspec and give the report of the same local files.

Offline: fsspec's ``memory://`` filesystem (and ``file://`` URLs of local
files) stand in for an object store, and a small store of our own whose files
read like s3fs's (fsspec's buffered files, whose ``readline`` takes no limit).
A missing fsspec, or a protocol whose package is not installed, is simulated.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from smartstd import generate as gen
from smartstd.cli import main
from smartstd.conformance.engine import check
from smartstd.errors import UsageError
from smartstd.io import Limits
from smartstd.reporters import render_string

fsspec = pytest.importorskip("fsspec", reason="the cloud extra: pip install 'smartstd[cloud]'")


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of one dataset (NDJSON, JSON, YAML) with defects of every kind of reading."""
    folder = tmp_path_factory.mktemp("urls")
    source = folder / "source.ndjson"
    gen.write(source, counts=gen.counts_for("community", observations=300), seed=11)
    records = _lines(source)
    source.unlink()
    envelope, body = records[0], records[1:]
    residents = [r for r in body if r["type"] == "Resident"]
    obs = next(r for r in body if r["type"] == "Observation")
    body.append(dict(residents[0]))  # a duplicate id
    body.append({**obs, "id": "obs-x", "device_id": "dev-nowhere"})  # an unresolved reference
    body.append({**residents[1], "id": "res-phone", "x:note": "电话 138 1234 5678"})  # SC402
    lines = [json.dumps(r, ensure_ascii=False) for r in [envelope, *body]]
    lines.insert(40, '{"id": "res-broken", "type": "Resident",')  # does not parse
    lines.insert(80, '{"id":"res-dup","type":"Resident","id":"res-dup2"}')  # a repeated key
    data = "\n".join(lines).encode("utf-8") + b"\n"
    data += b'{"id": "res-latin1", "type": "Resident", "name": "\xe9"}\n'  # not UTF-8
    (folder / "a.ndjson").write_bytes(data)
    (folder / "c.json").write_text(
        json.dumps({**envelope, "entities": [{**obs, "id": "obs-json", "device_id": "dev-0"}]}),
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("not data", encoding="utf-8")
    return folder


@pytest.fixture
def memory(planted: Path) -> Iterator[str]:
    """The planted folder copied to ``memory://`` (removed afterwards)."""
    fs = fsspec.filesystem("memory")
    root = "/smartstd-test/district"
    for f in planted.iterdir():
        fs.pipe(f"{root}/{f.name}", f.read_bytes())
    yield f"memory:/{root}"
    fs.rm(root, recursive=True)


def _json(report: Any, *prefixes: str) -> str:
    text = render_string(report, "json")
    for p in prefixes:
        text = text.replace(p, "DATA")
    return text


def test_a_memory_folder_gives_the_report_of_the_local_folder(planted: Path, memory: str) -> None:
    local = check(str(planted), level="L2")
    codes = {f.code for f in local.findings}
    assert {"SC100", "SC101", "SC102", "SC201", "SC202", "SC402"} <= codes
    remote = check(memory, level="L2")
    assert remote.inputs == (f"{memory}/a.ndjson", f"{memory}/c.json")
    assert all(f.file is None or f.file.startswith(memory) for f in remote.findings)
    assert _json(remote, memory) == _json(local, str(planted))


def test_a_file_url_and_a_folder_url_read_the_same(planted: Path, memory: str) -> None:
    files = [str(planted / "a.ndjson"), str(planted / "c.json")]
    local = check(files, level="L2")
    urls = [f"file://{p}" for p in files]
    assert _json(check(urls, level="L2"), f"file://{planted}") == _json(local, str(planted))
    one = check(f"{memory}/a.ndjson", level="L2")
    assert _json(one, memory) == _json(check(files[0], level="L2"), str(planted))


def test_byte_ranges_of_a_url_go_to_worker_processes(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smartstd.conformance import engine

    # the parent decides to split (forked or spawned workers only check their range)
    monkeypatch.setattr(engine, "_MIN_SPLIT_BYTES", 1024)
    url = f"file://{planted / 'a.ndjson'}"
    one = check(url, level="L2", jobs=1)
    assert _json(check(url, level="L2", jobs=2)) == _json(one)
    assert _json(one, f"file://{planted}") == _json(
        check(str(planted / "a.ndjson"), level="L2"), str(planted)
    )


def test_the_cli_checks_a_url(planted: Path, memory: str) -> None:
    runner = CliRunner()
    local = runner.invoke(main, ["check", str(planted), "--format", "json", "--level", "L2"])
    remote = runner.invoke(main, ["check", memory, "--format", "json", "--level", "L2"])
    assert remote.exit_code == local.exit_code == 1, remote.output
    assert remote.output.replace(memory, "DATA") == local.output.replace(str(planted), "DATA")


def test_a_missing_url_is_a_usage_error(memory: str) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        check(f"{memory}/nothing.ndjson")
    result = CliRunner().invoke(main, ["check", f"{memory}/nothing.ndjson", "--lang", "en"])
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_a_folder_url_without_data_is_a_usage_error() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe("/smartstd-test/empty/readme.txt", b"nothing")
    try:
        with pytest.raises(UsageError, match="no data files"):
            check("memory://smartstd-test/empty/")
    finally:
        fs.rm("/smartstd-test/empty", recursive=True)


def test_without_fsspec_a_url_is_a_usage_error_in_both_languages(
    memory: str, planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fsspec", None)  # import fsspec raises ImportError
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    with pytest.raises(UsageError) as caught:
        check(memory)
    assert caught.value.key == "fsspec_missing"
    runner = CliRunner()
    zh = runner.invoke(main, ["check", memory, "--lang", "zh-CN"])
    en = runner.invoke(main, ["check", memory, "--lang", "en"])
    assert zh.exit_code == en.exit_code == 2
    assert "未安装 fsspec" in zh.output and "smartstd[cloud]" in zh.output
    assert "fsspec, which is not installed" in en.output
    # local paths never need it
    assert check(str(planted / "c.json"), level="L1").inputs == (str(planted / "c.json"),)


def test_a_protocol_without_its_package_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_s3fs(url: str, **kwargs: Any) -> Any:
        raise ImportError("Install s3fs to access S3")

    monkeypatch.setattr(fsspec.core, "url_to_fs", no_s3fs)
    with pytest.raises(UsageError) as caught:
        check("s3://bucket/district/data.ndjson")
    assert caught.value.key == "fsspec_protocol_missing"
    en = CliRunner().invoke(main, ["check", "s3://bucket/data.ndjson", "--lang", "en"])
    zh = CliRunner().invoke(main, ["check", "s3://bucket/data.ndjson", "--lang", "zh-CN"])
    assert en.exit_code == zh.exit_code == 2
    assert "the package for s3:// is not installed (Install s3fs" in en.output
    assert "未安装 s3:// 协议所需的包" in zh.output


def test_an_unknown_protocol_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        check("nosuchstore://bucket/data.ndjson")
    assert caught.value.key == "fsspec_protocol_unknown"


# --------------------------------------------------------------------------- a store like s3fs


class _Store(fsspec.AbstractFileSystem):  # type: ignore[misc]
    """Files kept in a dict, read in ranges like an object store (counts its requests)."""

    protocol = "smartstdstore"
    blobs: ClassVar[dict[str, bytes]] = {}
    fetches = 0

    def info(self, path: str, **kwargs: Any) -> dict[str, Any]:
        path = self._strip_protocol(path).rstrip("/")
        if path in self.blobs:
            return {"name": path, "size": len(self.blobs[path]), "type": "file"}
        if any(k.startswith(path + "/") for k in self.blobs):
            return {"name": path, "size": 0, "type": "directory"}
        raise FileNotFoundError(path)

    def ls(self, path: str, detail: bool = True, **kwargs: Any) -> list[Any]:
        path = self._strip_protocol(path).rstrip("/")
        names = sorted(k for k in self.blobs if k.startswith(path + "/"))
        return [self.info(n) for n in names] if detail else names

    def _open(self, path: str, mode: str = "rb", **kwargs: Any) -> Any:
        return _StoreFile(self, self._strip_protocol(path), mode, block_size=1 << 16)


class _StoreFile(fsspec.spec.AbstractBufferedFile):  # type: ignore[misc]
    def _fetch_range(self, start: int, end: int) -> bytes:
        _Store.fetches += 1
        return _Store.blobs[self.path][start:end]


def test_a_store_whose_files_read_like_s3fs(planted: Path) -> None:
    from smartstd.io.files import open_binary

    fsspec.register_implementation(_Store.protocol, _Store, clobber=True)
    for f in planted.iterdir():
        _Store.blobs[f"bucket/district/{f.name}"] = f.read_bytes()
    url = "smartstdstore://bucket/district"
    with open_binary(f"{url}/a.ndjson") as fh:
        assert fh.readline(10) == (planted / "a.ndjson").read_bytes()[:10]
    _Store.fetches = 0
    remote = check(url, level="L2", limits=Limits(max_line_bytes=1 << 16))
    local = check(str(planted), level="L2", limits=Limits(max_line_bytes=1 << 16))
    assert _json(remote, url) == _json(local, str(planted))
    size = (planted / "a.ndjson").stat().st_size
    assert _Store.fetches < 10 * (size // (1 << 16) + 1)  # blocks, not a request per line


@pytest.fixture
def example_in_memory(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The bundled example (its NDJSON folder, its profile beside it) copied to ``memory://``."""
    from smartstd.example import write_bundled_example

    local = tmp_path / "example"
    write_bundled_example(local)
    fs = fsspec.filesystem("memory")
    root = "/smartstd-test/example"
    for f in local.rglob("*"):
        if f.is_file():
            fs.pipe(f"{root}/{f.relative_to(local).as_posix()}", f.read_bytes())
    yield local, f"memory:/{root}"
    fs.rm(root, recursive=True)


def test_a_profile_the_envelope_names_is_found_beside_a_url(
    example_in_memory: tuple[Path, str],
) -> None:
    """The dataset's own profile (gz-panyu@1.0.0) is looked for in the URL's folders too."""
    local, url = example_in_memory
    here = check([str(local / "ndjson")], level="L2")
    there = check([f"{url}/ndjson"], level="L2")
    assert "gz-panyu@1.0.0" in here.profiles
    assert there.profiles == here.profiles
    assert not [f for f in there.findings if f.code == "SC701"]
    assert _json(there, f"{url}/") == _json(here, f"{local}/")


def test_a_profile_given_as_a_url(example_in_memory: tuple[Path, str]) -> None:
    local, url = example_in_memory
    runner = CliRunner()
    args = ["check", str(local / "dataset.json"), "--format", "json", "--level", "L2"]
    by_path = runner.invoke(main, [*args, "--profile", str(local / "profile.yaml")])
    by_url = runner.invoke(main, [*args, "--profile", f"{url}/profile.yaml"])
    assert by_url.exit_code == by_path.exit_code
    assert json.loads(by_url.output)["findings"] == json.loads(by_path.output)["findings"]
    missing = runner.invoke(main, [*args, "--profile", f"{url}/nowhere.yaml"])
    assert missing.exit_code != 0 and "nowhere.yaml" in missing.output


def test_assess_reads_a_url_as_a_local_folder(example_in_memory: tuple[Path, str]) -> None:
    """`smartstd assess` (API and CLI) on a memory:// copy computes what the local copy gives."""
    from smartstd.assessment import assess

    local, url = example_in_memory
    here = assess([str(local / "ndjson")])
    there = assess([f"{url}/ndjson"])
    assert here.records > 100 and there.records == here.records
    assert there.results == here.results and len(here.results) >= 10
    runner = CliRunner()
    by_path = runner.invoke(main, ["assess", str(local / "ndjson"), "--format", "json"])
    by_url = runner.invoke(main, ["assess", f"{url}/ndjson", "--format", "json"])
    assert by_url.exit_code == by_path.exit_code == 0, by_url.output
    assert json.loads(by_url.output)["results"] == json.loads(by_path.output)["results"]
    missing = runner.invoke(main, ["assess", f"{url}/nowhere.ndjson"])
    assert missing.exit_code != 0 and "nowhere.ndjson" in missing.output
