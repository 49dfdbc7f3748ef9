"""A community's devices as entities, their observations and their alerts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartstd._generate._charter import DC
from smartstd._generate._clock import DAY, HOUR, iso
from smartstd._generate._data import load
from smartstd._generate._draw import allocate, weighted, weights
from smartstd._generate._plan import CommunityPlan, Device
from smartstd._generate._sensors import sampler
from smartstd._generate._shapes import point
from smartstd._generate._text import ALERT_TEXT

__all__ = ["SENSITIVE_DEVICE_KINDS", "Devices"]

#: Device kinds whose readings are sensitive (biometric, whereabouts): withheld when public.
SENSITIVE_DEVICE_KINDS = frozenset({"face_recognition_gate", "access_control"})

_DATA = load("community")
# alert category -> (device kind or "", weight, severities)
_ALERTS: dict[str, tuple[str, float, tuple[tuple[str, float], ...]]] = {
    cat: (a["device_kind"], a["weight"], weights(a["severities"]))
    for cat, a in _DATA["alerts"].items()
}
_ALERT_HANDLER: dict[str, str] = dict(_DATA["alert_handlers"])
_ACK_MINUTES: dict[str, tuple[int, int]] = {
    sev: (lo, hi) for sev, (lo, hi) in _DATA["ack_minutes"].items()
}


class Devices(CommunityPlan):
    """Writes the community's devices, what they read and what they raised."""

    def _devices_out(self) -> Iterator[dict[str, Any]]:
        rng, c = self.rng, self.c
        for d in self.devices:
            out: dict[str, Any] = {
                "id": d.id,
                "type": "Device",
                "community_id": c.id,
                "kind": d.kind,
            }
            if d.building is not None:
                out["building_id"] = d.building.id
            out["location"] = point(d.lon, d.lat)
            out["operator_id"] = d.operator
            if d.operator == c.pm:
                out["owner_id"] = c.oc
            elif d.operator == self.org("police_station"):
                out["owner_id"] = self.org("police_bureau")
            elif d.operator == self.org("elderly_org"):
                out["owner_id"] = self.org("street_office")
            else:
                out["owner_id"] = d.operator
            out["status"] = d.status
            if d.kind == "cctv_camera":
                cats = [DC["video_images"]]
            elif d.kind == "face_recognition_gate":
                cats = [DC["face_templates"], DC["access_records"]]
            elif d.kind == "access_control":
                cats = [DC["access_records"]]
            else:
                cats = [DC["device_telemetry"]]
            personal = d.kind in ("cctv_camera", "face_recognition_gate", "access_control")
            out["captures_personal_data"] = personal
            out["data_category_ids"] = cats
            if personal:
                gate = d.kind == "face_recognition_gate"
                out["retention_days"] = (
                    rng.choice((15, 30)) if gate else rng.choice((30, 30, 60, 90))
                )
                out["privacy_notice"] = True
                out["protection_level"] = (
                    3 if d.kind == "face_recognition_gate" else rng.choice((2, 3))
                )
            out["installed_at"] = iso(d.installed)
            out["last_seen_at"] = iso(d.last_seen)
            yield out

    def _observations(self) -> Iterator[dict[str, Any]]:
        live = [
            d
            for d in self.devices
            if d.status != "retired" and not (self.public and d.kind in SENSITIVE_DEVICE_KINDS)
        ]
        total = self.n.observations
        if not live or not total:
            return
        per = allocate(total, [1.0] * len(live))
        template = f"obs-{self.c.slug}-%0{max(6, len(str(total)))}d"
        random_ = self.rng.random
        counter = 0
        for d, cnt in zip(live, per, strict=True):
            if cnt == 0:
                continue
            sample = sampler(d.kind, self.rng)
            step = max(60, 7 * DAY // cnt)
            if d.last_seen - step * (cnt - 1) <= d.installed:
                step = max(1, (d.last_seen - d.installed - 1) // max(1, cnt - 1))
            dev_id = d.id
            ts = d.last_seen - step * (cnt - 1)  # the last reading is at last_seen
            for _ in range(cnt):
                counter += 1
                prop, value, unit = sample(ts)
                q = random_()
                out: dict[str, Any] = {
                    "id": template % counter,
                    "type": "Observation",
                    "device_id": dev_id,
                    "observed_at": iso(ts),
                    "property": prop,
                }
                if q < 0.004:
                    if unit:
                        out["unit"] = unit
                    out["quality"] = "missing"
                else:
                    out["value"] = value
                    if unit:
                        out["unit"] = unit
                    out["quality"] = "suspect" if q < 0.015 else "good"
                yield out
                ts += step

    def _alerts(self, requests: list[tuple[str, str, int]]) -> Iterator[dict[str, Any]]:
        rng, c, now = self.rng, self.c, self.now
        n = self.n.alerts
        by_kind: dict[str, list[Device]] = {}
        for d in self.devices:
            if d.status != "retired":
                by_kind.setdefault(d.kind, []).append(d)
        table = tuple(
            (cat, w) for cat, (kind, w, _) in _ALERTS.items() if not kind or kind in by_kind
        )
        hazards = [(rid, t) for rid, cat, t in requests if cat == "safety_hazard"]
        rows: list[tuple[int, str, Device | None, str | None]] = []
        for i in range(n):
            recent = i >= n - max(1, n // 10)
            if hazards and rng.random() < 0.1:
                rid, t = rng.choice(hazards)
                detected = t + rng.randint(5, 30) * 60
                if detected <= now - 60:
                    rows.append((detected, "suspicious_activity", None, rid))
                    continue
            cat = weighted(rng, table)
            kind = _ALERTS[cat][0]
            dev = rng.choice(by_kind[kind]) if kind else None
            hi = dev.last_seen if dev else now
            lo = max(now - 90 * DAY, (dev.installed + DAY) if dev else now - 90 * DAY)
            if recent:
                lo = max(lo, hi - 12 * HOUR)
            lo = min(lo, hi - 120)
            rows.append((rng.randint(lo, hi - 60), cat, dev, None))
        rows.sort(key=lambda r: r[0])
        width = max(3, len(str(n)))
        for i, (detected, cat, dev, req_id) in enumerate(rows):
            sev = weighted(rng, _ALERTS[cat][2]) if req_id is None else "medium"
            age = now - detected
            real_text, false_text, pending_text = ALERT_TEXT[cat]
            false_alarm = rng.random() < (0.7 if cat == "fire" else 0.25)
            lo_m, hi_m = _ACK_MINUTES[sev]
            ack = detected + rng.randint(lo_m * 60, hi_m * 60)
            if sev in ("info", "low") and age < 6 * HOUR and rng.random() < 0.5:
                status, ack_t, res_t = "open", None, None
            elif ack > now:
                # not yet acknowledged: only low-severity alerts may wait
                if sev == "critical":
                    ack = detected + max(30, (now - detected) // 2)
                    status, ack_t, res_t = "acknowledged", ack, None
                else:
                    status, ack_t, res_t = "open", None, None
            else:
                resolved = (
                    ack + rng.randint(10 * 60, 8 * HOUR)
                    if not false_alarm
                    else ack + rng.randint(180, 1200)
                )
                if resolved <= now:
                    status = "false_alarm" if false_alarm else "resolved"
                    ack_t, res_t = ack, resolved
                else:
                    status = "dispatched" if rng.random() < 0.5 else "acknowledged"
                    ack_t, res_t = ack, None
            out: dict[str, Any] = {
                "id": f"alert-{c.slug}-{i + 1:0{width}d}",
                "type": "Alert",
                "community_id": c.id,
                "category": cat,
                "severity": sev,
                "detected_at": iso(detected),
            }
            if dev is not None:
                out["device_id"] = dev.id
                out["location"] = point(dev.lon, dev.lat)
            if req_id is not None:
                out["request_id"] = req_id
            out["status"] = status
            if status != "open":
                out["handled_by_id"] = self.org(_ALERT_HANDLER[cat])
            if ack_t is not None:
                out["acknowledged_at"] = iso(ack_t)
            if res_t is not None:
                out["resolved_at"] = iso(res_t)
            bname = dev.building.name[0] if dev is not None and dev.building is not None else ""
            text = (
                false_text
                if status == "false_alarm"
                else real_text
                if status == "resolved"
                else pending_text
            )
            if req_id is not None:
                text = "居民反映安全隐患，网格员到场核查。"
            out["description"] = text.format(b=bname)
            yield out
