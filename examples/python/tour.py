"""A short tour of smartstd from Python: build records, load the example, check it.

Run it from anywhere:

    python examples/python/tour.py

It builds and validates a few records in code, writes them as a dataset,
loads the example community of Guangzhou's Panyu district, and runs the
conformance check on both. It exits 0 when the example community conforms.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from pydantic import ValidationError

import smartstd
from smartstd.reporters import render_string
from smartstd.standard import Community, Envelope, Grid, Organization, ServiceRequest

EXAMPLE = Path(__file__).resolve().parent.parent / "guangzhou-panyu"


def build_records() -> list[dict]:
    """Build a street office, a community, a grid and a request with the typed models."""
    office = Organization(
        id="org-zhongcun-so",
        name={"zh-CN": "钟村街道办事处", "en": "Zhongcun Street Office"},
        kind="street_office",
    )
    community = Community(
        id="c-hanxi",
        name={"zh-CN": "汉溪社区", "en": "Hanxi Community"},
        division_code="440113",
        street_office_id=office.id,
    )
    grid = Grid(id="g-hanxi-01", community_id=community.id, code="HX-01")
    request = ServiceRequest.model_validate(
        {
            "id": "req-0001",
            "community_id": community.id,
            "category": "repair",
            "channel": "hotline_12345",
            "submitted_at": "2026-06-01T09:30:00+08:00",
            "status": "submitted",
            "description": "3 栋电梯异响 / Lift in building 3 makes a noise",
        }
    )
    return [e.to_json_dict() for e in (office, community, grid, request)]


def show_validation_error() -> None:
    """A record that breaks the standard raises pydantic's ValidationError."""
    try:
        ServiceRequest.model_validate(
            {
                "id": "req-0002",
                "community_id": "c-hanxi",
                "category": "repair",
                "channel": "hotline_12345",
                "submitted_at": "2026-06-01 09:30:00",  # no offset: invalid
                "status": "submitted",
            }
        )
    except ValidationError as exc:
        for err in exc.errors():
            print(f"  rejected: {'.'.join(map(str, err['loc']))}: {err['type']}")
    else:  # pragma: no cover - the standard would be broken
        raise AssertionError("a naive timestamp must be rejected")


def check_own_dataset(records: list[dict], folder: Path) -> None:
    """Write the records as a dataset and check it."""
    envelope = Envelope(
        standard="scds",
        standard_version=smartstd.STANDARD_VERSION,
        dataset_id="hanxi-tour",
        publisher_id="org-zhongcun-so",
        generated_at="2026-06-30T18:00:00+08:00",
        classification="internal",
    )
    path = folder / "hanxi.json"
    document = {**envelope.to_json_dict(), "entities": records}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    dataset = smartstd.load(path)
    print(f"  loaded {dataset.dataset_id}: {dataset.counts()}")
    report = smartstd.check(str(path))
    print(f"  level reached: {report.level}; conformant: {report.is_conformant()}")
    assert report.is_conformant(), render_string(report, "text")


def check_example() -> int:
    """Load the example community and check it; return the exit code a CLI would."""
    dataset = smartstd.load(EXAMPLE)
    print(
        f"  {dataset.dataset_id}: {sum(dataset.counts().values())} entities"
        f" of {len(dataset.counts())} types"
    )
    report = smartstd.check(str(EXAMPLE))
    print(f"  level reached: {report.level}; findings: {report.counts}")
    for finding in list(report)[:5]:
        print(f"  {finding.code} {finding.pointer}: {finding.message('en')}")
    return 0 if report.is_conformant() else 1


def main() -> int:
    print("1. building records with the typed models")
    records = build_records()
    show_validation_error()
    print("2. writing, loading and checking them as a dataset")
    with tempfile.TemporaryDirectory() as tmp:
        check_own_dataset(records, Path(tmp))
    print(f"3. the example community, {EXAMPLE.name}")
    return check_example()


if __name__ == "__main__":
    sys.exit(main())
