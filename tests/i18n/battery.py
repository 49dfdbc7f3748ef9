"""A battery of hostile and broken inputs for every command of the CLI.

:func:`build` writes the inputs into a folder and returns the command lines
that run on them: broken JSON at many positions, broken YAML and NDJSON,
files that are not UTF-8 or not text, bad CSV and XLSX sources, bad
crosswalks, profiles, configurations, waivers, charters and assertions,
missing files, folders where files are expected, and wrong options. Each
command line is run in Chinese (the default) and in English by the tests.

一组恶意与损坏的输入，覆盖命令行的每个命令。
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "guangzhou-panyu"

#: Records of a small valid dataset, cut and spliced to break it at many places.
VALID = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "scds-440113-i18n",
    "publisher_id": "org-a",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "public",
    "entities": [
        {
            "id": "org-a",
            "type": "Organization",
            "name": {"zh-CN": "钟村街道办事处", "en": "Zhongcun Street Office"},
            "kind": "street_office",
        },
        {
            "id": "comm-1",
            "type": "Community",
            "name": {"zh-CN": "榕溪社区", "en": "Rongxi"},
            "division_code": "440113",
            "street_office_id": "org-a",
        },
    ],
}

#: What is spliced in to break a JSON text, each at several places.
_SPLICES = ("", ",", "x", "}", '"', "\\", "\x01", "]", ":", "'a'", "1e999", "/*c*/", "NaN")

#: Broken YAML documents, each a different complaint of the YAML reader.
BROKEN_YAML = {
    "flow": "a: [1, 2\nb: 3\n",
    "indent": "a:\n  b: 1\n c: 2\n",
    "tab": "a:\n\tb: 1\n",
    "quote": 'a: "unterminated\nb: 1\n',
    "alias": "a: *nowhere\n",
    "colon": "a: b: c\n",
    "block": "- a\nb: c\n",
    "tag": "a: !!python/object:os.system 1\n",
    "reserved": "a: @x\n",
    "anchor": "a: &x 1\nb: &x 2\nc: [*x, *y]\n",
    "docs": "a: 1\n---\nb: 2\n",
    "key": "? [1, 2]\n: 3\n",
    "merge": "base: &b {x: 1}\nother:\n  <<: *b\n",
    "empty": "",
    "scalar": "just a sentence\n",
    "directive": "%YAML 9.9\n---\na: 1\n",
    "control": "a: \x07\n",
    "bom-mid": "a: 1\n\ufeffb: 2\n",
    "dup": "a: 1\na: 2\n",
    "nan": "a: .nan\nb: .inf\n",
    "big": "a: 1" + "0" * 5000 + "\n",
}

#: Bytes that are not UTF-8 text.
NOT_TEXT = {
    "gbk": '{"a": "钟村"}'.encode("gbk"),
    "utf16": '{"a": 1}'.encode("utf-16-le"),
    "gzip": gzip.compress(b'{"a": 1}'),
    "zip": b"PK\x03\x04" + b"\x00" * 40,
    "nul": b'{"a": 1}\x00\x00\x00',
    "latin1": b'{"a": "caf\xe9"}',
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
}


#: Commands that show both languages on purpose, Chinese first: ``rules CODE`` is a
#: bilingual reference card, and a duty list names each organisation in the other language
#: too (its name is data). Their output is held to "Chinese first", not "Chinese only".
BILINGUAL_BY_DESIGN = frozenset({"good rules explain", "good graph duties"})


class Case(NamedTuple):
    """A command line to run, by name."""

    name: str
    argv: tuple[str, ...]


def _broken_json(text: str) -> Iterator[tuple[str, str]]:
    """``text`` cut, and spliced with each of :data:`_SPLICES`, at a spread of places."""
    places = sorted({max(1, len(text) * k // 17) for k in range(1, 17)} | {0, len(text) - 1})
    for i, at in enumerate(places):
        splice = _SPLICES[i % len(_SPLICES)]
        yield f"cut{at}", text[:at]
        yield f"splice{at}", text[:at] + splice + text[at:]
        yield f"swap{at}", text[:at] + _SPLICES[(i + 5) % len(_SPLICES)] + text[at + 1 :]


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        first = False
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build(root: Path) -> list[Case]:
    """Write the inputs under ``root`` and return the command lines to run on them."""
    cases: list[Case] = []

    def add(name: str, *argv: str) -> None:
        cases.append(Case(name, argv))

    def write(name: str, content: str | bytes) -> str:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    valid = write("valid.json", json.dumps(VALID, ensure_ascii=False, indent=1))
    charter = write("charter.yaml", (EXAMPLE / "charter.yaml").read_text(encoding="utf-8"))
    missing = str(root / "missing.json")
    folder = root / "empty-folder"
    folder.mkdir()

    # --- data that does not read: broken JSON at many places, one folder checked at once
    text = json.dumps(VALID, ensure_ascii=False, indent=1)
    broken: list[str] = []
    for label, content in _broken_json(text):
        broken.append(write(f"json/{label}.json", content))
    compact = json.dumps(VALID, ensure_ascii=False)
    for label, content in _broken_json(compact):
        write(f"json-compact/{label}.json", content)
    add("check broken json", "check", str(root / "json"))
    add("check broken json (report)", "check", str(root / "json-compact"), "--format", "json")
    yaml_files = [write(f"yaml/{k}.yaml", v) for k, v in BROKEN_YAML.items()]
    add("check broken yaml", "check", str(root / "yaml"))
    add("check broken yaml (report)", "check", str(root / "yaml"), "--format", "json")
    lines = [json.dumps({"id": f"org-{i}", "type": "Organization"}) for i in range(3)]
    ndjson = {
        "bad-line": lines[0] + "\n{bad\n" + lines[1] + "\n",
        "blank": lines[0] + "\n\n" + lines[1] + "\n",
        "array": "[1, 2]\n" + lines[0] + "\n",
        "two": lines[0] + " " + lines[1] + "\n",
        "cut": lines[0] + "\n" + lines[1][:-3] + "\n",
        "cr": lines[0] + "\r" + lines[1] + "\r",
    }
    for k, v in ndjson.items():
        write(f"ndjson/{k}.ndjson", v)
    add("check broken ndjson", "check", str(root / "ndjson"), "--format", "json")
    add("check broken ndjson (text)", "check", str(root / "ndjson"))
    for k, b in NOT_TEXT.items():
        write(f"bytes/{k}.json", b)
    write("bytes/empty.json", b"")
    write("bytes/space.json", b"  \n ")
    write("bytes/deep.json", "[" * 5000 + "]" * 5000)
    write("bytes/bignum.json", '{"a": ' + "9" * 5000 + "}")
    write("bytes/dup.json", '{"a": 1, "a": 2}')
    write("bytes/notes.txt", "hello")
    add("check not text", "check", str(root / "bytes"))
    add("check not text (report)", "check", str(root / "bytes"), "--format", "json")
    add("check missing file", "check", missing)
    add("check empty folder", "check", str(folder))

    # --- every command that reads a dataset, on a few broken ones
    some = [broken[1], broken[7], broken[12], yaml_files[0], yaml_files[3]]
    some += [str(root / "bytes" / "gbk.json"), str(root / "ndjson" / "bad-line.ndjson")]
    for path in some:
        stem = Path(path).name
        add(f"info {stem}", "info", path)
        add(f"migrate {stem}", "migrate", path, "--to", "1.1.0", "--out", str(root / "m.json"))
        add(f"export {stem}", "export", path, "--to", "ngsi-ld", "-o", str(root / "e.json"))
        add(f"assess {stem}", "assess", path)
        add(f"graph check {stem}", "graph", "check", path)
        add(f"graph who {stem}", "graph", "who", path, "--domain", "x")
        add(f"graph export {stem}", "graph", "export", path)
    add("graph diff broken", "graph", "diff", some[0], some[3])
    add("graph raci broken", "graph", "raci", some[1])
    add("graph duties broken", "graph", "duties", some[2], "-o", str(root / "d.html"))
    add("graph explain broken", "graph", "explain", some[4], "--org", "x", "--action", "read")
    add("graph test broken", "graph", "test", some[0])
    add("info missing", "info", missing)
    add("migrate missing", "migrate", missing, "--to", "1.1.0")
    add("export missing", "export", missing, "--to", "geojson")
    add("migrate unknown version", "migrate", valid, "--to", "9.9.9", "--out", str(root / "m.json"))
    add(
        "migrate bad from",
        "migrate",
        valid,
        "--from",
        "x",
        "--to",
        "1.0.0",
        "--out",
        str(root / "m.json"),
    )

    # --- charters, assertions
    add("graph who unknown domain", "graph", "who", charter, "--domain", "nowhere")
    add("graph who bad date", "graph", "who", charter, "--domain", "x", "--on", "yesterday")
    add("graph raci bad date", "graph", "raci", charter, "--on", "2026-13-45")
    assertions = {
        "broken": "assertions: [\n",
        "shape": "- 1\n- 2\n",
        "fields": "assertions:\n  - {kind: nonsense, org: x}\n",
    }
    for k, v in assertions.items():
        path = write(f"assert/{k}.yaml", v)
        add(f"graph test assertions {k}", "graph", "test", charter, "-a", path)
    add("graph test no assertions", "graph", "test", valid)
    add("graph explain no charter", "graph", "explain", valid, "--org", "org-a", "--action", "read")

    # --- configuration and waivers
    configs = {
        "toml": "[tool.smartstd\njobs = 1\n",
        "toml-value": "jobs = \n",
        "keys": "colour = 1\n",
        "jobs": "jobs = -1\n",
        "severity": "[severity]\nSC101 = 'loud'\n",
        "params": "[params.SC508]\nnope = 1\n",
        "norule": "[params.SC999]\nx = 1\n",
        "limits": "[limits]\nmax_lines = 'many'\n",
        "gbk": "# 配置\njobs = 1\n".encode("gbk").decode("latin-1"),
    }
    for k, v in configs.items():
        path = write(f"config/{k}/smartstd.toml", v)
        add(f"check config {k}", "check", valid, "--config", path)
    waivers = {
        "broken": "waivers:\n  - code: SC101\n   reason: x\n",
        "no-reason": "waivers:\n  - code: SC101\n",
        "bad-date": "waivers:\n  - code: SC101\n    reason: ok\n    expires: soon\n",
        "shape": "[1, 2]\n",
        "unknown": "waivers:\n  - code: SC101\n    reason: ok\n    colour: red\n",
        "no-code": "waivers:\n  - code: XX1\n    reason: ok\n",
    }
    for k, v in waivers.items():
        path = write(f"waivers/{k}.yaml", v)
        add(f"check waivers {k}", "check", valid, "--waivers", path)

    # --- profiles
    good_profile = (EXAMPLE / "profile.yaml").read_text(encoding="utf-8")
    profiles = {
        "broken": "profile:\n  name: [x\n",
        "shape": "- 1\n",
        "empty": "",
        "unknown-key": "profile:\n  name: a\n  version: 1.0.0\n  colour: red\n",
        "missing": "profile:\n  name: a\n",
        "types": "profile:\n  name: 1\n  version: x\n  standard_version: 1.0.0\n  prefix: 3\n",
        "extends": good_profile.replace(
            "  prefix: gz\n", "  prefix: gz\n  extends: [nowhere@1.0.0]\n"
        ),
        "loosen": good_profile + "\nseverity:\n  SC101: info\n",
        "bad-field": good_profile + "\nrequired:\n  Nowhere: [x]\n",
        "version": good_profile.replace("standard_version: 1.0.0", "standard_version: 7.0.0"),
        "tab": "profile:\n\tname: a\n",
        "core-field": good_profile.replace(
            "    gz:lingnan_style:",
            "    name:\n      title: {zh-CN: x, en: x}\n      schema: {type: string}\n    gz:lingnan_style:",
        ),
        "bare-field": good_profile.replace(
            "    gz:lingnan_style:",
            "    x:lingnan_style:\n      title: {zh-CN: x, en: x}\n      schema: {type: string}\n    lingnan:",
        ),
        "schema-ref": good_profile.replace(
            "        type: string\n        enum:", "        $ref: '#/x'\n        enum:"
        ),
        "bad-schema": good_profile.replace(
            "        type: string\n        enum:", "        type: nonsense\n        enum:"
        ),
        "slow-pattern": good_profile.replace(
            '{pattern: "^4401(0[3-6]|1[1-578])$"}', '{pattern: "^(?!440)\\\\d{6}$"}'
        ),
        "bad-regex": good_profile.replace(
            '{pattern: "^4401(0[3-6]|1[1-578])$"}', '{pattern: "^(4401"}'
        ),
        "no-field": good_profile.replace("  Building: [address]", "  Building: [nowhere]"),
        "optional": good_profile.replace(
            "    ServiceRequest:\n      description: {maxLength: 2000}",
            "    ServiceRequest:\n      description: {maxLength: 99999999}",
        ),
        "keyword": good_profile.replace(
            "      description: {maxLength: 2000}", "      description: {minimum: 3}"
        ),
        "closed-list": good_profile.replace(
            "codes:\n  service_category:",
            "codes:\n  classification:\n    gz:x: {zh-CN: x, en: x}\n  service_category:",
        ),
        "core-code": good_profile.replace(
            "codes:\n  service_category:",
            "codes:\n  service_category:\n    elderly_care: {zh-CN: x, en: x}",
        ),
        "unknown-list": good_profile.replace(
            "codes:\n  service_category:",
            "codes:\n  nowhere_list:\n    gz:x: {zh-CN: x, en: x}\n  service_category:",
        ),
        "bbox": good_profile.replace(
            "bbox: [112.95, 22.5, 114.1, 23.95]", "bbox: [-200, 22.5, 114.1, 99]"
        ),
        "param-loose": good_profile.replace("    min_days: 15", "    min_days: 1"),
        "param-kind": good_profile.replace("    min_sectors: 3", "    min_sectors: many"),
        "param-unknown": good_profile.replace(
            "    min_sectors: 3", "    min_sectors: 3\n    colour: red"
        ),
        "param-rule": good_profile.replace(
            "params:\n  SC304:", "params:\n  SC999:\n    x: 1\n  SC304:"
        ),
        "severity-lower": good_profile + "\nseverities:\n  SC101: info\n",
        "enum-wider": good_profile.replace(
            "      description: {maxLength: 2000}", "      status: {enum: [open, nowhere_status]}"
        ),
        "gbk": "profile:\n  name: 配置\n".encode("gbk"),
    }
    for k, v in profiles.items():
        path = write(f"profiles/{k}.yaml", v)
        add(f"profile check {k}", "profile", "check", path)
        add(f"profile check {k} (json)", "profile", "check", path, "--format", "json")
        add(f"check --profile {k}", "check", valid, "--profile", path)
    add(
        "profile build broken",
        "profile",
        "build",
        str(root / "profiles" / "broken.yaml"),
        "--out",
        str(root / "pb"),
    )
    add(
        "profile build types",
        "profile",
        "build",
        str(root / "profiles" / "types.yaml"),
        "--out",
        str(root / "pb"),
    )
    add(
        "profile docs broken",
        "profile",
        "docs",
        str(root / "profiles" / "unknown-key.yaml"),
        "-o",
        str(root / "pd.md"),
    )
    add("profile check missing file", "profile", "check", missing)
    add("check unknown profile", "check", valid, "--profile", "nowhere@1.0.0")

    # --- conversion sources
    csvs = {
        "quote": b'name,phone\n"abc,1\n',
        "nul": b"name,phone\nab\x00c,1\n",
        "gbk": "姓名,电话\n张三,13800000000\n".encode("gbk"),
        "empty": b"",
        "header": b"name,phone\n",
        "ragged": b"name,phone\na,1,2,3\nb\n",
        "binary": gzip.compress(b"a,b\n1,2\n"),
        "field": b"name\n" + b'"' + b"x" * 200_000 + b'"\n',
        "values": "id,name,birth_date,gender,phone\nr1,张三,1990-13-45,unknown,12\n".encode(),
    }
    for k, v in csvs.items():
        path = write(f"csv/{k}.csv", v)
        add(
            f"convert csv {k}",
            "convert",
            path,
            "--from",
            "csv",
            "--type",
            "Resident",
            "-o",
            str(root / "c.json"),
            "--report",
            str(root / f"report-{k}.json"),
        )
    template = _xlsx(
        {"Resident": [["id", "name", "birth_date"], ["r1", "张三", "not a date"], ["r1", None, 12]]}
    )
    xlsx = {
        "not-zip": b"this is not a workbook",
        "zip": _zip({"hello.txt": b"hi"}),
        "cut": template[: len(template) // 2],
        "values": template,
        "sheets": _xlsx({"Sheet": [["nothing", "here"]]}),
        "bomb": _zip({"xl/workbook.xml": b"<" * 10}),
    }
    for k, v in xlsx.items():
        path = write(f"xlsx/{k}.xlsx", v)
        add(
            f"convert xlsx {k}",
            "convert",
            path,
            "--from",
            "xlsx",
            "-o",
            str(root / "x.json"),
            "--report",
            str(root / f"report-x{k}.json"),
        )
    other = {
        "open311-json": ("json", ['[{"service_request_id": 1', '{"a": 1}', "[1, 2]"]),
        "open311-xml": (
            "xml",
            [
                "<service_requests><request>",
                "<a>&x;</a>",
                '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
                "<a></b>",
            ],
        ),
        "open311-services": ("json", ['[{"service_code": ', "{}", '[{"service_code": 1}]']),
        "ngsi-v2": (
            "json",
            [
                '[{"id": "x", "type": ',
                '{"id": 1}',
                '[{"id": "a", "type": "Device", "location": {"type": "geo:json", "value": 5}}]',
            ],
        ),
        "ngsi-ld": (
            "json",
            [
                '{"id": "urn:x", ',
                "[1]",
                '[{"id": "urn:ngsi-ld:Device:1", "type": "Device", "dateObserved": {"type": "Property", "value": "x"}}]',
            ],
        ),
        "geojson": (
            "geojson",
            [
                '{"type": "FeatureCollection", "features": [',
                '{"type": "Feature"}',
                json.dumps(
                    {
                        "type": "FeatureCollection",
                        "features": [
                            {
                                "type": "Feature",
                                "properties": {"type": "Building", "id": "b1"},
                                "geometry": {
                                    "type": "Polygon",
                                    "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
                                },
                            }
                        ],
                    }
                ),
            ],
        ),
    }
    for fmt, (ext, texts) in other.items():
        for i, content in enumerate(texts):
            path = write(f"sources/{fmt}-{i}.{ext}", content)
            add(
                f"convert {fmt} {i}",
                "convert",
                path,
                "--from",
                fmt,
                "-o",
                str(root / "o.json"),
                "--report",
                str(root / f"report-{fmt}-{i}.json"),
            )
    add("convert missing", "convert", missing, "--from", "csv")
    add("convert folder", "convert", str(folder), "--from", "csv")
    crosswalks = {
        "broken": "crosswalk: 1\nname: [x\n",
        "schema": "crosswalk: 1\nname: 3\ncolour: red\n",
        "version": "crosswalk: 9\nname: x\n",
        "shape": "- 1\n",
        "gbk": "crosswalk: 1\nname: 对照\n".encode("gbk"),
    }
    good_csv = write("good.csv", "id,name\nr1,张三\n")
    for k, v in crosswalks.items():
        path = write(f"crosswalks/{k}.yaml", v)
        add(
            f"convert crosswalk {k}",
            "convert",
            good_csv,
            "--from",
            "csv",
            "--type",
            "Resident",
            "--crosswalk",
            path,
            "-o",
            str(root / "c.json"),
        )
        add(
            f"export crosswalk {k}",
            "export",
            valid,
            "--to",
            "open311",
            "--crosswalk",
            path,
            "-o",
            str(root / "e.json"),
        )
    add(
        "convert reference broken",
        "convert",
        good_csv,
        "--from",
        "csv",
        "--type",
        "Resident",
        "--reference",
        broken[3],
        "-o",
        str(root / "c.json"),
    )
    add(
        "convert limits",
        "convert",
        good_csv,
        "--from",
        "csv",
        "--type",
        "Resident",
        "--max-bytes",
        "3",
        "-o",
        str(root / "c.json"),
    )
    add(
        "convert unknown type",
        "convert",
        good_csv,
        "--from",
        "csv",
        "--type",
        "Nowhere",
        "-o",
        str(root / "c.json"),
    )
    add(
        "convert check",
        "convert",
        good_csv,
        "--from",
        "csv",
        "--type",
        "Resident",
        "--check",
        "-o",
        str(root / "c.json"),
    )

    # --- schemas, rules, templates, examples, generation
    schema_files = {
        "broken_schema": '{"type": ',
        "shape_schema": "[1]",
        "bad_schema": '{"type": "nonsense"}',
    }
    for k, v in schema_files.items():
        path = write(f"schemas/{k}.json", v)
        add(f"schema diff {k}", "schema", "diff", path, "1.1.0")
    add("schema diff unknown version", "schema", "diff", "0.1.0", "9.9.9")
    add("schema check missing dir", "schema", "check", "--dir", str(root / "nowhere"))
    add("schema check broken dir", "schema", "check", "--dir", str(root / "schemas"))
    add(
        "schema export bad version",
        "schema",
        "export",
        "--out",
        str(root / "s"),
        "--version",
        "x.y",
    )
    add(
        "schema build bad base",
        "schema",
        "build",
        "--out",
        str(root / "sb"),
        "--base-uri",
        "not a uri",
    )
    add("rules unknown", "rules", "SC999")
    add("rules bad name", "rules", "nonsense-rule")
    add("template unknown type", "template", "Nowhere", "-o", str(root / "t.xlsx"))
    add("template to folder", "template", "Resident", "-o", str(folder))
    write("occupied", "x")
    add("example onto a file", "example", "--out", str(root / "occupied"))
    add("assess bad pilot", "assess", valid, "--pilot", "nowhere")
    add("assess bad period", "assess", valid, "--period", "2026-Q9")
    add("assess bad indicators", "assess", valid, "--indicators", yaml_files[0])
    add("check bad select", "check", valid, "--select", "SC999")
    add("check bad format", "check", valid, "--format", "nonsense")
    add("check output to folder", "check", valid, "-o", str(folder))

    # --- data whose envelope or pilots name what cannot be used (SC701, SC802), waivers past date
    declared = dict(VALID, profiles=["nowhere@1.0.0"])
    add("check unknown declared profile", "check", write("declared.json", json.dumps(declared)))
    bad_profile = dict(VALID, profiles=["gz-panyu@1.0.0"])
    add("check declared profile", "check", write("declared-panyu.json", json.dumps(bad_profile)))
    pilot = {
        "id": "pilot-1",
        "type": "Pilot",
        "name": {"zh-CN": "试点"},
        "standard_version": "1.1.0",
        "starts_on": "2026-06-01",
        "ends_on": "2026-01-01",
        "targets": [
            {"indicator": "nowhere_indicator", "comparator": ">=", "value": 1},
            {"indicator": "request_on_time_rate", "comparator": ">=", "value": 150},
            {"indicator": "request_on_time_rate", "comparator": ">=", "value": 0.5},
        ],
    }
    piloted = dict(VALID, entities=[*VALID["entities"], pilot])  # type: ignore[list-item]
    pilot_file = write("pilot.json", json.dumps(piloted))
    add("check bad pilot", "check", pilot_file, "--format", "json")
    add("assess bad pilot definition", "assess", pilot_file, "--pilot", "pilot-1")
    expired = write(
        "waivers/expired.yaml",
        "waivers:\n  - code: SC101\n    reason: fixed upstream\n    expires: 2020-01-01\n",
    )
    add("check expired waiver", "check", valid, "--waivers", expired)

    # --- good input: what every command says when all is well (and what the data holds)
    example = str(EXAMPLE)
    domain = "elderly_care.meal_service"
    add("good check", "check", example)
    add("good check (report)", "check", example, "--format", "json")
    add("good check planted", "check", *broken[:1], valid)
    add("good info", "info", example)
    add("good info (json)", "info", example, "--json")
    add("good rules", "rules")
    add("good rules explain", "rules", "SC101")
    add("good rules family", "rules", "SC6")
    add("good graph check", "graph", "check", example)
    add("good graph who", "graph", "who", example, "--domain", domain)
    add("good graph raci", "graph", "raci", example)
    add(
        "good graph explain",
        "graph",
        "explain",
        example,
        "--org",
        "org-data-bureau",
        "--action",
        "read",
        "--category",
        "x",
    )
    add("good graph export", "graph", "export", example, "-f", "mermaid")
    add("good graph test", "graph", "test", example)
    add("good graph diff", "graph", "diff", charter, charter)
    add("good graph duties", "graph", "duties", example, "-f", "markdown")
    add("good assess", "assess", example)
    add("good schema diff", "schema", "diff", "1.0.0", "1.1.0")
    add(
        "good migrate",
        "migrate",
        str(EXAMPLE / "dataset.json"),
        "--to",
        "1.0.0",
        "--out",
        str(root / "m1.json"),
    )
    add(
        "good export",
        "export",
        str(EXAMPLE / "dataset.json"),
        "--to",
        "open311",
        "-o",
        str(root / "o311.json"),
    )
    add(
        "good convert",
        "convert",
        good_csv,
        "--from",
        "csv",
        "--type",
        "Resident",
        "--check",
        "-o",
        str(root / "gc.json"),
        "--report",
        str(root / "report-good.json"),
    )
    add("good profile check", "profile", "check", str(EXAMPLE / "profile.yaml"))
    add("good template", "template", "Resident", "-o", str(root / "t.xlsx"))
    add(
        "good generate",
        "generate",
        "--scale",
        "community",
        "--observations",
        "0",
        "--requests",
        "0",
        "-o",
        str(root / "gen"),
    )

    # --- usage errors
    add("usage unknown option", "check", valid, "--bogus")
    add("usage near option", "check", valid, "--formt", "json")
    add("usage unknown command", "chek", valid)
    add("usage near command", "graph", "whom", valid)
    add("usage missing argument", "check")
    add("usage missing option", "convert", valid)
    add("usage bad choice", "check", valid, "--level", "L9")
    add("usage bad int", "check", valid, "--jobs", "many")
    add("usage out of range", "check", valid, "--jobs", "0")
    add("usage option needs value", "check", valid, "--format")
    add("usage extra argument", "rules", "SC101", "SC102")
    add("usage missing path", "profile", "check")
    add("usage generate scale", "generate", "--scale", "planet")
    add("usage generate seed", "generate", "--seed", "x")
    add("usage path is folder", "export", str(folder), "--to", "geojson")
    add("usage migrate no to", "migrate", valid)
    return cases


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


Builder = Callable[[Path], list[Case]]
