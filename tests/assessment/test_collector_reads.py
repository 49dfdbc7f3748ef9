"""The SC8xx rules feed the collector cut-down records; the state must not change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from smartstd import generate as gen
from smartstd.assessment.collector import Collector
from smartstd.assessment.definition import core_indicators
from smartstd.assessment.records import cut_record
from smartstd.standard import entity_adapter


def test_dumps_of_only_the_fields_read_give_the_state_of_whole_records(tmp_path: Path) -> None:
    data = tmp_path / "community.ndjson"
    counts = gen.counts_for("community", observations=50)
    gen.write(data, fmt="ndjson", scale="community", counts=counts, seed=3, charter="include")
    validate = entity_adapter().validator.validate_json
    indicators = core_indicators()
    whole, cut = Collector(indicators), Collector(indicators)
    now = dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc).timestamp()
    whole.set_now(now)
    cut.set_now(now)
    lines = data.read_bytes().splitlines()[1:]
    for line in lines:
        model = validate(line)
        if model.type not in whole.types:
            continue
        whole.add(model.model_dump(mode="json", exclude_none=True))  # the whole record
        fields = cut.reads(model.type)
        if fields is None:
            cut.add(model.model_dump(mode="json", exclude_none=True))
        else:
            cut.add(cut_record(model, fields))
    assert cut.records == whole.records > 1000
    expected, got = whole.groups(), cut.groups()
    assert len(expected.stats) > 100  # every breakdown of every indicator
    assert got.stats == expected.stats
    assert got.pilots == expected.pilots and got.communities == expected.communities
    assert cut.reads("Pilot") is None
    assert "household_id" in (cut.reads("Resident") or ()) and "name" not in (
        cut.reads("Resident") or ()
    )


def test_a_cut_record_is_the_dump_of_the_fields_read(tmp_path: Path) -> None:
    """Plain values as the model holds them, nested ones as pydantic dumps them."""
    data = tmp_path / "community.ndjson"
    gen.write(data, fmt="ndjson", scale="community", seed=5)
    validate = entity_adapter().validator.validate_json
    reads = Collector(core_indicators())
    seen: set[str] = set()
    for line in data.read_bytes().splitlines()[1:]:
        model = validate(line)
        fields = reads.reads(model.type) if model.type in reads.types else None
        if fields is None:
            continue
        got = cut_record(model, fields)
        want = model.model_dump(exclude_none=True, include=fields)
        assert got.keys() == want.keys()
        for name, value in got.items():
            if isinstance(value, dt.datetime | dt.date):
                assert want[name] == value.isoformat()  # the serializer writes them out
            else:
                assert want[name] == value
        seen.add(model.type)
    assert {"ServiceRequest", "Resident", "Alert", "Device"} <= seen
