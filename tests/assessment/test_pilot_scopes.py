"""Many pilots of one scope: their indicators are computed once (rule SC801, hostile volumes).

Judging a pilot's targets goes over every collected record of its
communities and window. A file of 10^4 copies of one pilot (an export that
repeated a table) once went over every record 10^4 times: 4,000 copies of
the example's pilot took 18 s. Pilots of the same communities and window
now share one computation, and each is judged as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartstd import generate as gen
from smartstd.assessment.collector import Collector
from smartstd.conformance.engine import check


def _with_copies(tmp_path: Path, copies: int) -> tuple[Path, str]:
    records = list(gen.generate(seed=5))
    pilot = next(r for r in records if isinstance(r, dict) and r.get("type") == "Pilot")
    for i in range(copies):
        records.append({**pilot, "id": f"{pilot['id']}-copy-{i}"})
    path = tmp_path / "d.ndjson"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path, str(pilot["id"])


def test_copies_of_a_pilot_share_one_computation_and_are_each_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    real = Collector.groups

    def counted(self: Collector, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(self, **kwargs)

    monkeypatch.setattr(Collector, "groups", counted)
    path, original = _with_copies(tmp_path, 300)
    report = check([str(path)], level="L2", select=("SC801", "SC802", "SC803"))
    assert len(calls) == 1, len(calls)  # not one per pilot (301)
    by_pilot: dict[str, list[tuple[Any, ...]]] = {}
    for f in report.findings:
        params = {k: v for k, v in f.params.items() if k != "pilot"}
        by_pilot.setdefault(f.params["pilot"], []).append((f.code, f.path, sorted(params.items())))
    assert by_pilot, "the pilot's targets were not judged"
    assert len(by_pilot) == 301  # every copy judged, as the original is
    assert all(found == by_pilot[original] for found in by_pilot.values())
