"""The generator's output, byte for byte, before and after its data moved to package data.

``smartstd generate`` writes the same bytes for the same seed and options, and
the generator's names, organisations, texts and charter now live in
``smartstd/data/generate/*.json``. These hashes were recorded from the
generator as it was before the data moved (issue #11); a change that alters
the output on purpose updates them (and ``tests/golden/``, see
``tests/golden/regen.py``).

生成器回归测试：同一种子与参数输出的字节不变。
"""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from smartstd.cli import main as cli_main
from smartstd.generate import generate_charter
from smartstd.identifiers import GUANGZHOU_DISTRICTS

RUNS = {
    "ndjson": (
        ["--seed", "1", "--observations", "300", "--requests", "40"],
        "4c50ddfcc67c961d060fda63530a4c8eeeb44330391aa695cb6d7298fd7ec95f",
    ),
    "json-small": (
        ["--seed", "3", "--format", "json", "--observations", "100", "--requests", "50"],
        "476a2d1619e302e7bcadc8dfea4e54d8e6866c737cc11aee8b5723626d15d19f",
    ),
    "yaml-charter": (
        ["--seed", "3", "--format", "yaml", "--charter", "only"],
        "38548d36596ac39473d99a5c35b26460f3c01e3938605e0e58d3a092a1c3f87f",
    ),
    "ndjson-no-charter": (
        ["--seed", "9", "--observations", "0", "--requests", "0", "--charter", "exclude"],
        "ec3494dee03e95f2351c0a71674368861555c6e0edc256bdbb0fb6ff53700a3e",
    ),
}


@pytest.mark.parametrize("name", list(RUNS))
def test_generate_writes_the_same_bytes(name: str) -> None:
    args, expected = RUNS[name]
    result = CliRunner().invoke(cli_main, ["generate", "-q", *args])
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(result.stdout_bytes).hexdigest() == expected


def test_every_district_gets_the_same_charter() -> None:
    """The organisations and the charter, from the data files, for all eleven districts."""
    h = hashlib.sha256()
    for code in sorted(GUANGZHOU_DISTRICTS):
        charter = generate_charter(seed=1, division_code=code, scale="district")
        h.update(json.dumps(charter, ensure_ascii=False).encode("utf-8"))
    assert h.hexdigest() == "cd237bf93452bf2bed9d956185aa1b9f4743777fe58bb0c8e20ade35c063acf2"


def test_the_data_files_ship_with_the_package() -> None:
    from importlib import resources

    folder = resources.files("smartstd").joinpath("data").joinpath("generate")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    assert names == [
        "agreements.json",
        "alerts.json",
        "charter.json",
        "community.json",
        "consultations.json",
        "facilities.json",
        "grants.json",
        "organisations.json",
        "places.json",
        "requests.json",
        "services.json",
    ]
    for name in names:
        assert isinstance(json.loads(folder.joinpath(name).read_text(encoding="utf-8")), dict)
