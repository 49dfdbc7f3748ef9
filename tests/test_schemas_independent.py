"""The published JSON Schemas give an independent validator the models' verdicts.

Vendors validate with whatever JSON Schema library their platform has. Here
that is Ajv (JavaScript, draft 2020-12, strict mode: a keyword it does not know
is an error), installed from its npm package by ``.ci/run`` into
``tools/ajv`` and run on the schemas of every built-in version:

* the bundled Guangzhou example validates, record by record and as a whole
  document;
* thousands of mutated records (values replaced with odd strings, numbers out
  of range, impossible dates, nulls, lists and objects where scalars belong,
  fields removed, extension fields with good and bad prefixes) get the same
  verdict from Ajv as from the pydantic models, record by record;
* a mutated envelope and dataset document get the same verdict too.

Outside CI, without Node.js or ``npm ci --prefix tools/ajv``, the tests are
skipped with the command that installs what they need; in CI they must run.

独立校验器（Ajv）对已发布 JSON Schema 的判定与 pydantic 模型一致。
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from schemadiff import ajv_verdicts, node
from smartstd.standard import models_for

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "ajv"
EXAMPLE = ROOT / "examples" / "guangzhou-panyu"
VERSIONS = ("1.0.0", "1.1.0")


def ajv(version: str, checks: list[tuple[str, Any]], tmp_path: Path) -> list[bool]:
    """Ajv's verdict on each ``(schema file, value)``, against ``schemas/VERSION``: one run."""
    return ajv_verdicts(version, checks, tmp_path)


def _pydantic(validate: Callable[[str], Any], values: list[Any]) -> list[bool]:
    out = []
    for value in values:
        try:
            validate(json.dumps(value, ensure_ascii=False))
        except ValidationError:
            out.append(False)
        else:
            out.append(True)
    return out


def _example_records() -> list[dict[str, Any]]:
    lines = (EXAMPLE / "ndjson" / "dataset.ndjson").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines[1:] if line.strip()]


# -------------------------------------------------------------------- mutations

_ODD_TEXT = [
    "", " ", "x", "a b", "\n", "\u0000", "\ufeff", "广州", "é", "e\u0301", "٣", "x" * 300,
    "2026-02-30", "2026-02-28", "2026-2-28", "+2026-02-28", "2026-02-28T10:00:00",
    "2026-02-28T10:00:00Z", "2026-02-28T10:00:00+08:00", "2026-02-28T24:00:00+08:00",
    "2026-02-28T10:00:60+08:00", "2026-02-28 10:00:00+08:00",
    "2026-02-28T10:00:00.123456789+08:00", "P1D", "zh-CN", "urn:x", "org-a", "1e3", "0", "-1",
    "NaN", "http://a.b", "a@b.c", "440113", "44011300000", "91440101MA5CXXXX0X", "13800138000",
    "true", "t1:x", "x:y", "Resident", "-0",
]  # fmt: skip
_ODD_NUMBER = [
    0, -1, 1, 0.5, -0.0, 1e308, 1e-320, 2**53, 2**63, 2**64, 10**30, 150, 1900, 2200, 3.0,
    100, 101, 7.5e-5,
]  # fmt: skip
_ODD_NAMES = ["x:n", "X:n", "xx", "type", "id", "ext:" + "a" * 20, "a1:b", "zz:1odd", "a:"]


def _odd(rng: random.Random, value: Any) -> Any:
    r = rng.random()
    if r < 0.45:
        return rng.choice(_ODD_TEXT)
    if r < 0.8:
        return rng.choice(_ODD_NUMBER)
    if r < 0.85:
        return None
    if r < 0.9:
        return [value]
    if r < 0.95:
        return {"a": value}
    return rng.random() < 0.5


def mutate(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """``value`` with one thing changed somewhere inside it (in place where possible)."""
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        r = rng.random()
        if r < (0.15 if depth else 0.05):
            del value[key]
        elif r < 0.2:
            value[rng.choice(_ODD_NAMES)] = _odd(rng, None)
        else:
            value[key] = mutate(rng, value[key], depth + 1)
        return value
    if isinstance(value, list) and value and rng.random() < 0.7:
        i = rng.randrange(len(value))
        value[i] = mutate(rng, value[i], depth + 1)
        return value
    return _odd(rng, value)


def mutants(records: list[dict[str, Any]], seed: int, count: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for _ in range(count):
        record = json.loads(json.dumps(rng.choice(records)))
        for _ in range(rng.randint(1, 2)):
            record = mutate(rng, record)
        yield record


# ------------------------------------------------------------------------ tests

_ENTITY, _DATASET = "entity.schema.json", "dataset.schema.json"


class Verdicts:
    """Every value the tests ask about, with both verdicts: Ajv runs once a version."""

    def __init__(self, version: str, tmp_path: Path) -> None:
        models = models_for(version)
        self.example = _example_records()
        self.mutants = list(mutants(self.example, seed=int(version.replace(".", "")), count=3000))
        document = json.loads((EXAMPLE / "dataset.json").read_text("utf-8"))
        document["standard_version"] = version
        self.document = document
        entities = document["entities"]
        envelope = {k: v for k, v in document.items() if k != "entities"}
        rng = random.Random(7)
        self.documents = []
        for _ in range(400):
            doc = mutate(rng, json.loads(json.dumps(envelope)))
            doc["entities"] = rng.sample(entities, 3)
            self.documents.append(doc)
        records = [*self.example, *self.mutants]
        documents = [document, *self.documents]
        theirs = ajv(
            version,
            [(_ENTITY, r) for r in records] + [(_DATASET, d) for d in documents],
            tmp_path,
        )
        ours = _pydantic(models.entity_adapter().validate_json, records) + _pydantic(
            models.dataset.model_validate_json, documents
        )
        values = [*records, *documents]
        self.pairs = {id(v): (a, b) for v, a, b in zip(values, ours, theirs, strict=True)}

    def differences(self, values: list[Any]) -> list[str]:
        return [
            f"pydantic {'accepts' if a else 'refuses'}, Ajv {'accepts' if b else 'refuses'}: "
            + json.dumps(v, ensure_ascii=False)[:300]
            for v in values
            for a, b in [self.pairs[id(v)]]
            if a != b
        ]

    def accepted(self, values: list[Any]) -> int:
        return sum(self.pairs[id(v)][0] for v in values)


@pytest.fixture(scope="module", params=VERSIONS)
def verdicts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    node()
    return Verdicts(request.param, tmp_path_factory.mktemp("ajv"))


def test_the_example_validates_record_by_record_and_whole(verdicts: Verdicts) -> None:
    assert verdicts.differences(verdicts.example) == []
    assert verdicts.differences([verdicts.document]) == []
    if verdicts.document["standard_version"] == "1.1.0":  # the example is 1.1.0 data
        assert verdicts.accepted(verdicts.example) == len(verdicts.example)
        assert verdicts.accepted([verdicts.document]) == 1


def test_mutated_records_get_the_same_verdict(verdicts: Verdicts) -> None:
    assert verdicts.differences(verdicts.mutants) == []
    # the mutations are worth something: both verdicts occur, in good numbers
    assert 300 < verdicts.accepted(verdicts.mutants) < len(verdicts.mutants) - 300


def test_mutated_envelopes_get_the_same_verdict(verdicts: Verdicts) -> None:
    assert verdicts.differences(verdicts.documents) == []
    assert 20 < verdicts.accepted(verdicts.documents) < len(verdicts.documents) - 20
