"""What devices read: one sampler per device kind, from a time to (property, value, unit)."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from smartstd._generate._clock import HOUR

__all__ = ["sampler"]

_Reading = tuple[str, Any, str | None]
_Sample = Callable[[int], _Reading]


def _hour(t: int) -> int:
    return ((t + 8 * HOUR) // HOUR) % 24


def _daily(h: int) -> float:
    """A daily wave: 1 at 15:00, -1 at 03:00."""
    return math.sin((h - 9) / 24 * 2 * math.pi)


class _Device:
    """One device's running state: a counter, air quality, an energy meter, a battery."""

    def __init__(self, rng: random.Random) -> None:
        self.n = 0
        self.pm = rng.uniform(15, 30)
        self.energy = rng.uniform(2000, 12000)
        self.charge = rng.uniform(70, 100)
        self.rand, self.unif = rng.random, rng.uniform

    def battery(self) -> float:
        self.charge = max(5.0, self.charge - self.rand() * 0.05)
        return round(self.charge, 1)

    def smoke(self, t: int) -> _Reading:
        self.n += 1
        if self.n % 12 == 0:
            return "battery_level", self.battery(), "%"
        return "smoke_density", round(0.004 + 0.04 * self.rand() * self.rand(), 3), "%/m"

    def gas(self, t: int) -> _Reading:
        self.n += 1
        if self.n % 12 == 0:
            return "battery_level", self.battery(), "%"
        return "methane_lel", round(1.2 * self.rand() * self.rand(), 2), "%"

    def leak(self, t: int) -> _Reading:
        return "water_leak", self.rand() < 0.001, None

    def elevator(self, t: int) -> _Reading:
        self.n += 1
        m = self.n % 3
        if m == 0:
            r = self.rand()
            return (
                "elevator_status",
                "normal" if r < 0.96 else "maintenance" if r < 0.99 else "fault",
                None,
            )
        if m == 1:
            busy = 7 <= _hour(t) <= 22
            return "car_load", int(self.unif(0, 900 if busy else 200)), "kg"
        return "running_speed", round(self.unif(0, 1.75), 2), "m/s"

    def hydrant(self, t: int) -> _Reading:
        return "water_pressure", round(0.3 + 0.05 * (self.rand() + self.rand()), 3), "MPa"

    def parking(self, t: int) -> _Reading:
        h = _hour(t)
        return "occupied", self.rand() < (0.9 if h < 7 or h >= 20 else 0.5), None

    def air(self, t: int) -> _Reading:
        m = self.n % 4
        self.n += 1
        h = _hour(t)
        if m == 0:
            self.pm = min(80.0, max(5.0, self.pm + (self.rand() - 0.5) * 5 + (22 - self.pm) * 0.1))
            return "pm2_5", round(self.pm, 1), "ug/m3"
        if m == 1:
            return "pm10", round(self.pm * self.unif(1.4, 1.9), 1), "ug/m3"
        if m == 2:
            return (
                "temperature",
                round(29 + 3.5 * _daily(h) + (self.rand() - 0.5) * 0.8, 1),
                "Cel",
            )
        humidity = min(99.0, 80 - 10 * _daily(h) + (self.rand() - 0.5) * 4)
        return "relative_humidity", round(humidity, 1), "%"

    def meter(self, t: int) -> _Reading:
        self.energy += self.unif(0.1, 2.5)
        return "energy_total", round(self.energy, 2), "kW.h"

    def button(self, t: int) -> _Reading:
        self.n += 1
        if self.n % 4 == 0:
            return "pressed", False, None
        return "battery_level", self.battery(), "%"

    def camera(self, t: int) -> _Reading:
        self.n += 1
        if self.n % 5 == 0:
            return "online", True, None
        return "stream_bitrate", int(2400 + 1200 * self.rand()), "kbit/s"

    def gate(self, t: int) -> _Reading:
        h = _hour(t)
        peak = 7 <= h <= 9 or 17 <= h <= 20
        unif = self.unif
        count = unif(30, 140) if peak else unif(0, 40) if 6 <= h <= 23 else unif(0, 5)
        return "passage_count", int(count), "{count}"

    def door(self, t: int) -> _Reading:
        h = _hour(t)
        count = self.unif(5, 60) if 6 <= h <= 23 else self.unif(0, 4)
        return "door_open_count", int(count), "{count}"


#: Device kind -> the method of :class:`_Device` that reads it.
_KINDS = {
    "smoke_detector": "smoke",
    "gas_detector": "gas",
    "water_leak": "leak",
    "elevator_monitor": "elevator",
    "hydrant_pressure": "hydrant",
    "parking_sensor": "parking",
    "air_quality": "air",
    "smart_meter": "meter",
    "emergency_button": "button",
    "cctv_camera": "camera",
    "face_recognition_gate": "gate",
    "access_control": "door",
}


def sampler(kind: str, rng: random.Random) -> _Sample:
    """A function from a time to (property, value, unit) for a device kind."""
    read: _Sample = getattr(_Device(rng), _KINDS.get(kind, "hydrant"))
    return read
