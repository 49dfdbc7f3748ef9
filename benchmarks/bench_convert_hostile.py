"""Hostile volumes through `smartstd convert`: time and peak memory of each, in its own process.

Each case is written to a temporary folder, then converted by a fresh
``python -m smartstd convert`` process whose peak resident memory (its own
``ru_maxrss``, as ``/usr/bin/time -v`` reports it) and CPU time are
printed beside the baseline, the same command on a 1 KB file, measured in
the same run. A case passes when the command ends with exit 0 or 1 (a
conversion, or a finding), says what it should (``CV101``, ``CV100`` ...)
and prints no traceback.

    python benchmarks/bench_convert_hostile.py         # at size: 200 MB NGSI ...
    python benchmarks/bench_convert_hostile.py --tiny  # CI: the same cases at 1/100 size
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

_RUN = r"""
import resource, sys, time
from smartstd.cli import main
t = time.process_time()
try:
    main.main(sys.argv[1:], standalone_mode=False)
    code = 0
except SystemExit as exc:
    code = exc.code
cpu = time.process_time() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"@@ {code} {cpu:.2f} {rss}", file=sys.stderr)
"""


def ngsi_array(path: Path, size: int) -> None:
    """An NGSI-v2 keyValues array of ``size`` bytes (Buildings of about 300 bytes)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[")
        n, written = 0, 1
        while written < size:
            ent = {
                "id": f"urn:ngsi-ld:Building:b{n}",
                "type": "Building",
                "name": f"榕溪花园 {n} 栋",
                "category": ["residential"],
                "floorsAboveGround": 9,
                "address": {"streetAddress": "市桥街榕溪路 1 号", "addressLocality": "番禺区"},
                "location": {"type": "Point", "coordinates": [113.3 + n % 100 / 1e4, 22.99]},
            }
            text = ("," if n else "") + json.dumps(ent, ensure_ascii=False)
            fh.write(text)
            written += len(text.encode())
            n += 1
        fh.write("]")


def csv_big_cell(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,name.zh-CN,description\nb1,一栋,")
        fh.write("x" * size)
        fh.write("\nb2,二栋,short\n")


def csv_wide(path: Path, columns: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,name.zh-CN,floors_above," + ",".join(f"c{i}" for i in range(columns)) + "\n")
        for r in range(10):
            fh.write(f"b{r},{r} 栋,9," + ",".join(str(i) for i in range(columns)) + "\n")


_NS = "http://schemas.openxmlformats.org/"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_REL = f"{_NS}officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{_NS}package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_SML}worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_NS}package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_NS}spreadsheetml/2006/main" xmlns:r="{_REL}">'
        '<sheets><sheet name="Buildings" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_NS}package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def xlsx_bomb(path: Path, unpacked: int) -> None:
    """A workbook whose sheet XML unpacks to ``unpacked`` bytes (a thousand times its size)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<worksheet xmlns="{_NS}spreadsheetml/2006/main"><sheetData>'.encode())
            fh.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>')
            row = b'<row><c t="inlineStr"><is><t>' + b"x" * 4000 + b"</t></is></c></row>"
            for _ in range(unpacked // len(row)):
                fh.write(row)
            fh.write(b"</sheetData></worksheet>")


def big_polygon(path: Path, points: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"type": "Feature", "id": "c1", ')
        fh.write('"properties": {"type": "Community", "名称": "大社区"},')
        fh.write(' "geometry": {"type": "Polygon", "coordinates": [[')
        import math

        for i in range(points):
            a = 2 * math.pi * i / points
            fh.write(f"[{113.3 + 0.01 * math.cos(a):.7f}, {22.99 + 0.01 * math.sin(a):.7f}],")
        fh.write(f"[{113.31:.7f}, {22.99:.7f}]]]}}}}")


def deep_json(path: Path, depth: int) -> None:
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")


def tiny_ngsi(path: Path, _size: int) -> None:
    path.write_text(json.dumps([{"id": "b1", "type": "Building", "name": "一栋"}]), "utf-8")


#: name, writer, size at full scale, file name, convert arguments, what the output must say
CASES: list[tuple[str, Callable[[Path, int], None], int, str, list[str], str]] = [
    ("baseline: 1 NGSI entity", tiny_ngsi, 1, "e.json", ["--from", "ngsi-v2"], ""),
    ("NGSI-v2 array 200 MB", ngsi_array, 200 * 2**20, "big.json", ["--from", "ngsi-v2"], "CV101"),
    (
        "NGSI-v2 array 50 MB, converted",
        ngsi_array,
        50 * 2**20,
        "mid.json",
        ["--from", "ngsi-v2", "--community-id", "c1"],
        "",
    ),
    (
        "CSV, one 50 MB cell",
        csv_big_cell,
        50 * 2**20,
        "Buildings.csv",
        ["--from", "csv", "--community-id", "c1"],
        "",
    ),
    (
        "CSV, 100,000 columns",
        csv_wide,
        100_000,
        "Buildings.csv",
        ["--from", "csv", "--community-id", "c1"],
        "",
    ),
    (
        "XLSX zip bomb (2 GB unpacked)",
        xlsx_bomb,
        2 * 2**30,
        "bomb.xlsx",
        ["--from", "xlsx"],
        "CV101",
    ),
    (
        "GeoJSON polygon of 10^6 points",
        big_polygon,
        1_000_000,
        "communities.geojson",
        ["--from", "geojson"],
        "",
    ),
    ("JSON nested 10^6 deep", deep_json, 1_000_000, "deep.json", ["--from", "ngsi-v2"], "CV100"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tiny", action="store_true", help="a hundredth of the sizes (CI)")
    ap.add_argument("--only", default="", help="run the cases whose name contains this")
    args = ap.parse_args()
    scale = 100 if args.tiny else 1
    failed = 0
    print(f"{'case':34s} {'input':>10s} {'exit':>4s} {'CPU s':>7s} {'peak RSS':>10s}  says")
    with tempfile.TemporaryDirectory() as tmp:
        for name, write, size, fname, argv, expect in CASES:
            if args.only and args.only not in name and not name.startswith("baseline"):
                continue
            d = Path(tmp) / str(abs(hash(name)))
            d.mkdir()
            src = d / fname
            write(src, max(1, size // scale))
            out = str(d / "o.ndjson")
            cmd = [sys.executable, "-c", _RUN, "convert", str(src), *argv, "-o", out]
            cmd += ["-q", "--lang", "en"]
            if args.tiny:  # the limits shrink with the sizes, so the same cases reach them
                cmd += ["--max-bytes", str(100 * 2**20 // scale)]
                cmd += ["--max-unpacked-bytes", str(2**30 // scale)]
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            tail = res.stderr.strip().splitlines()
            stats = ["@@", "?", "?", "0"]
            if tail and tail[-1].startswith("@@"):
                stats = tail[-1].split()
            _, code, cpu, rss = stats
            says = sorted({w for line in tail[:-1] for w in line.split() if w.startswith("CV")})
            clean = code in ("0", "1") and "Traceback" not in res.stderr
            ok = clean and (expect in says or not expect)
            failed += not ok
            mb = src.stat().st_size / 2**20
            print(
                f"{name:34s} {mb:8.1f}MB {code:>4s} {cpu:>7s} {int(rss) / 1024:8.0f}MB  "
                f"{' '.join(says[:4]) or '-'}{'' if ok else '   <-- FAILED'}"
            )
            if not ok:
                print(res.stderr[-2000:])
            src.unlink()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
