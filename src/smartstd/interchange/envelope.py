"""The converted dataset's envelope, and each record's community.

The envelope takes its ids and classification from the options, declares
every extension prefix the records use (``fiware``, ``open311``, ``xlsx``)
and says so in the report when it had to make one up. A record without a
community gets the one given (``--community-id``) or the one whose boundary,
in a reference dataset, contains the record's location (point-in-polygon,
with shapely); either way ``provenance.imputed`` says how.

数据集信封与记录的所属社区：信封字段来自选项，扩展前缀自动声明；所属社区来自给定值或参考数据集社区边界的点面判断。
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from smartstd.errors import UsageError
from smartstd.interchange import values
from smartstd.interchange.conversion import Conversion, Draft, Guess, now_with_offset

__all__ = [
    "PREFIX_URIS",
    "CommunityLocator",
    "build_envelope",
    "finish",
    "place_communities",
]

#: Where each source prefix is defined.
PREFIX_URIS = {
    "fiware": "https://smartdatamodels.org",
    "open311": "http://wiki.open311.org/GeoReport_v2",
    "xlsx": "smartstd:template",
    "csv": "smartstd:template",
    "geojson": "https://www.rfc-editor.org/rfc/rfc7946",
}

_ID_SAFE = re.compile(r"[^A-Za-z0-9._:-]+")


def _has_community(type_name: str) -> bool:
    from smartstd.standard.dataset import ENTITY_TYPES

    cls = ENTITY_TYPES.get(type_name)
    return cls is not None and "community_id" in cls.model_fields


def _point(rec: dict[str, Any]) -> tuple[float, float] | None:
    for geo in (
        rec.get("location"),
        (rec.get("location") or {}).get("geometry")
        if isinstance(rec.get("location"), dict)
        else None,
    ):
        if isinstance(geo, dict) and geo.get("type") == "Point":
            c = geo.get("coordinates")
            if isinstance(c, list) and len(c) >= 2 and all(values.finite_number(x) for x in c[:2]):
                return float(c[0]), float(c[1])
    foot = rec.get("footprint")
    if isinstance(foot, dict) and foot.get("type") in ("Polygon", "MultiPolygon"):
        try:
            from shapely.geometry import shape

            p = shape(foot).representative_point()
            return float(p.x), float(p.y)
        except Exception:  # a broken footprint is the check's to report (SC103)
            return None
    return None


class CommunityLocator:
    """Finds the community whose boundary contains a point (shapely, an STR-tree).

    Args:
        path: an SCDS dataset (JSON, NDJSON or YAML) with Community entities
            that have a ``boundary``.

    Raises:
        UsageError: shapely is not installed, the file cannot be read, or no
            community in it has a boundary.
    """

    def __init__(self, path: str | Path) -> None:
        try:
            from shapely import STRtree
            from shapely.geometry import shape
        except ModuleNotFoundError:
            raise UsageError(key="shapely_missing") from None
        self.ids: list[str] = []
        geoms = []
        for ent in _read_entities(Path(path)):
            if ent.get("type") != "Community" or not isinstance(ent.get("boundary"), dict):
                continue
            try:
                geoms.append(shape(ent["boundary"]))
            except Exception:
                continue
            self.ids.append(str(ent.get("id")))
        if not geoms:
            raise UsageError(key="reference_no_boundary", file=path)
        self._geoms = geoms
        self._tree = STRtree(geoms)

    def find(self, lon: float, lat: float) -> str | None:
        """The id of the first community whose boundary covers the point, or ``None``."""
        from shapely.geometry import Point

        pt = Point(lon, lat)
        for i in sorted(int(i) for i in self._tree.query(pt)):
            if self._geoms[i].covers(pt):
                return self.ids[i]
        return None


def _nesting(exc: Exception) -> object:
    """A parser's error, or what a recursion error meant (said in either language)."""
    if not isinstance(exc, RecursionError):
        return exc
    from smartstd._error_messages import Phrase

    return Phrase("嵌套过深，解析器无法读取", "nested too deeply to be parsed")


def _read_entities(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(key="reference_missing", file=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(key="reference_unreadable", file=path, reason=exc) from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            doc = yaml.safe_load(text)
        elif path.suffix.lower() == ".ndjson":
            return [json.loads(line) for line in text.splitlines()[1:] if line.strip()]
        else:
            doc = json.loads(text)
    except (ValueError, RecursionError) as exc:  # a parser's recursion: nested too deeply
        raise UsageError(key="reference_unparsable", file=path, reason=_nesting(exc)) from None
    ents = doc.get("entities") if isinstance(doc, dict) else None
    if not isinstance(ents, list):
        raise UsageError(key="dataset_no_entities", file=path)
    return [e for e in ents if isinstance(e, dict)]


def place_communities(conv: Conversion) -> None:
    """Give every record that needs a community one, and mark how it was found."""
    opts = conv.options
    locator = CommunityLocator(opts.reference) if opts.reference else None
    has: dict[str, bool] = {}
    for d in conv.drafts:
        type_name = d.type
        if type_name not in has:
            has[type_name] = _has_community(type_name)
        if "community_id" in d.record or not has[type_name]:
            continue
        _place(conv, d, locator)


def _place(conv: Conversion, d: Draft, locator: CommunityLocator | None) -> None:
    given = conv.options.community_id
    if locator is not None:
        pt = _point(d.record)
        if pt is not None:
            found = locator.find(*pt)
            if found is not None:
                d.impute(
                    "community_id",
                    found,
                    "point_in_polygon",
                    f"the community whose boundary contains {pt[0]:.6f},{pt[1]:.6f}",
                )
                return
            d.issue("CV400", point=f"{pt[0]:.6f},{pt[1]:.6f}")
    if given:
        d.impute("community_id", given, "default", "the community given to the conversion")
        return
    if locator is None:
        d.issue("CV401")


def build_envelope(conv: Conversion) -> dict[str, Any]:
    """The envelope of the converted dataset; made-up values are reported as guesses."""
    from smartstd.standard.dataset import STANDARD_VERSION

    opts = conv.options
    stem = _ID_SAFE.sub("-", Path(conv.input).stem).strip("-.") or "data"
    env: dict[str, Any] = {
        "standard": "scds",
        "standard_version": STANDARD_VERSION,
        "dataset_id": opts.dataset_id or f"{conv.source_system}-{stem}"[:128],
        "publisher_id": opts.publisher_id or "unknown-publisher",
        "generated_at": opts.generated_at or now_with_offset(conv.crosswalk.timezone),
        "classification": opts.classification,
    }
    for name, given in (("dataset_id", opts.dataset_id), ("publisher_id", opts.publisher_id)):
        if not given:
            conv.guessed.append(
                Guess(-1, "", f"/{name}", "default", f"no --{name.replace('_', '-')} given", "")
            )
    prefixes = set(conv.prefixes)
    for d in conv.drafts:
        for key in d.record:
            if ":" in key:
                prefixes.add(key.split(":", 1)[0])
    env["extensions"] = {p: PREFIX_URIS.get(p, "smartstd:convert") for p in sorted(prefixes)}
    return env


def _no_infinity(d: Draft) -> None:
    """NaN and infinities in a record become their text, each with a CV120.

    JSON holds neither, so a record with one could not be written as JSON
    (Python would write ``NaN``, which no JSON reader takes). Whatever a reader
    let through (a JSON cell of ``-1e400``, a source value kept as an
    extension), its text stays where it was, for the check to report.
    """
    for node, key, here, text in values.non_finite(d.record):
        node[key] = text
        near = here  # the place of the field, or of the nearest one holding it
        while near and near not in d.fields:
            near = near.rpartition("/")[0]
        d.issue("CV120", here, d.fields.get(near, d.place), value=text, expected="a finite number")


def finish(conv: Conversion) -> Conversion:
    """Place communities, add each record's provenance and build the envelope.

    The last step of every conversion (:func:`smartstd.interchange.convert`),
    after a reader has filled ``conv``; returns ``conv``.
    """
    place_communities(conv)
    for d in conv.drafts:
        _no_infinity(d)
        rec = d.record
        given = rec.get("provenance")
        if given is not None and not isinstance(given, dict):
            conv.drop(d.fields.get("/provenance", d.place), "provenance", "not an object", given, d)
            given = None
        prov: dict[str, Any] = dict(given or {})
        prov.setdefault("source_system", conv.source_system)
        if d.imputed:
            had = prov.get("imputed")
            had = list(had) if isinstance(had, list) else []
            prov["imputed"] = had + [i for i in d.imputed if i not in had]
        rec["provenance"] = prov
    conv.envelope = build_envelope(conv)
    return conv
