"""Regular expressions of ``pattern`` and ``patternProperties``: compared; matched in linear time.

A pattern is read only when it is a plain sequence of atoms, or a known
pattern with names left out in front (the form a profile writes); anything
else is not compared (and a change of it is reported as breaking).

A pattern a profile writes is matched against the data by an engine whose
time is linear in the length of the text (the Rust ``regex`` crate inside
pydantic-core), never by Python's backtracking :mod:`re`, where a pattern
such as ``^(a+)+$`` takes exponential time on ``aaaa…!``: a profile must not
be able to stop a check. Such an engine has no look-around and no
back-references, so a profile's pattern must do without them
(:func:`linear_problem`, reported when the profile is checked).
:func:`linear_validator` is a JSON Schema validator that matches ``pattern``
and ``patternProperties`` that way.

正则表达式的有限比较（仅限简单序列），以及线性时间的匹配：地方配置中的正则表达式
一律用线性时间的引擎（pydantic-core 内的 Rust regex）匹配数据，不用会回溯的
Python ``re``，因此不支持环视与反向引用。
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from typing import Any

from smartstd._ecma import ecma_source


def narrowed_from(pattern: str, others: Mapping[str, Any]) -> str | None:
    """The pattern of ``others`` that ``pattern`` is, but for names it leaves out first.

    ``^(?!(gz:a|gz:b)$)P`` matches a subset of the names ``^P`` matches (a
    profile leaves the fields it declares out of the extension pattern): those
    names were governed by ``^P``'s schema, not by ``additionalProperties``.
    """
    if not pattern.startswith("^(?!"):
        return None
    for other in others:
        if not other.startswith("^") or len(other) < 2 or not pattern.endswith(other[1:]):
            continue
        look = pattern[1 : len(pattern) - len(other) + 1]
        if not (look.startswith("(?!") and look.endswith(")")):
            continue
        try:  # one lookahead group: its inside is a regular expression of its own
            re.compile(look[3:-1])
        except re.error:
            continue
        return other
    return None


_ATOM = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|[^\\\[\](){}|?*+.^$]|\^|\$|\{\d+(?:,\d*)?\}|[?*+]")


def _atoms(pattern: str) -> list[str] | None:
    """A regular expression as a list of atoms, when it is a plain sequence.

    Plain: literal characters, character classes, anchors and quantifiers
    (no groups, alternation or ``.``); ``None`` otherwise.
    """
    out: list[str] = []
    pos = 0
    while pos < len(pattern):
        m = _ATOM.match(pattern, pos)
        if m is None:
            return None
        out.append(m.group())
        pos = m.end()
    return out


def _class_chars(atom: str) -> frozenset[str] | None:
    """The characters an atom matches (a literal or a class of ASCII ranges), or ``None``."""
    if atom.startswith("[") and not atom.startswith("[^"):
        body, chars, i = atom[1:-1], set(), 0
        while i < len(body):
            c = body[i]
            if c == "\\":
                if i + 1 >= len(body) or body[i + 1].isalnum():
                    return None  # \d, \w ... : not read here
                chars.add(body[i + 1])
                i += 2
            elif i + 2 < len(body) and body[i + 1] == "-":
                chars.update(chr(x) for x in range(ord(c), ord(body[i + 2]) + 1))
                i += 3
            else:
                chars.add(c)
                i += 1
        return frozenset(chars)
    if len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum():
        return frozenset(atom[1])
    if len(atom) == 1 and atom not in "^$?*+":
        return frozenset(atom)
    return None


def same_meaning(a: str, b: str) -> bool:
    r"""Whether two patterns are one written two ways, as ECMA-262 reads them.

    ``[^@\s]`` and ``[^@\t-\r \u00a0…\ufeff]`` (ECMA-262's white space
    written out, as SCDS 1.1.0 writes the email pattern) are one pattern.
    """
    return a == b or ecma_source(a, end="$") == ecma_source(b, end="$")


def widens(old: str, new: str) -> bool:
    """Whether pattern ``new`` provably matches every name ``old`` matches.

    Both must be plain sequences of the same shape (same anchors and
    quantifiers, atom for atom) where each of ``new``'s characters classes
    holds the matching one of ``old``: ``^[a-z]:[a-z_]{0,63}$`` is widened
    by ``^[a-z]:[A-Za-z_]{0,63}$``.
    """
    a, b = _atoms(old), _atoms(new)
    if a is None or b is None or len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        cx, cy = _class_chars(x), _class_chars(y)
        if cx is None or cy is None or not cx <= cy:
            return False
    return True


def widened_to(pattern: str, others: Mapping[str, Any]) -> str | None:
    """The pattern of ``others`` that provably matches every name ``pattern`` matches."""
    return next((other for other in others if widens(pattern, other)), None)


@lru_cache(maxsize=4096)
def _python(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled for :mod:`re`, meaning what ECMA-262 says (:mod:`smartstd._ecma`)."""
    try:
        return re.compile(ecma_source(pattern))
    except re.error:
        return None


def search(pattern: str, name: str) -> bool:
    """Whether ``pattern`` matches somewhere in ``name``, as ECMA-262 (JSON Schema) reads it."""
    compiled = _python(pattern)
    return compiled is not None and compiled.search(name) is not None


@lru_cache(maxsize=4096)
def _linear(pattern: str) -> tuple[Callable[[Any], bool] | None, str]:
    """The linear-time matcher of ``pattern`` (search, as JSON Schema's), or why there is none."""
    from pydantic_core import CoreConfig, SchemaError, SchemaValidator, core_schema

    try:
        validator = SchemaValidator(
            # ECMA-262's meaning of $, \s, \d, \w and . (Rust's differs): smartstd._ecma
            core_schema.str_schema(pattern=ecma_source(pattern, end="$"), strict=True),
            CoreConfig(regex_engine="rust-regex"),
        )
    except SchemaError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        why = next(
            (line[len("error:") :].strip() for line in lines if line.startswith("error:")), ""
        )
        return None, why or (lines[-1] if lines else "not a regular expression")
    return validator.isinstance_python, ""


def linear_problem(pattern: str) -> str | None:
    r"""Why ``pattern`` cannot be matched in linear time (``None`` when it can).

    Look-around (``(?=``, ``(?!``, ``(?<=``, ``(?<!``) and back-references
    (``\1``) are what backtracking engines alone offer; a pattern too large to
    compile within the engine's limits is refused too.
    """
    matcher, why = _linear(pattern)
    return None if matcher is not None else why


def linear_search(pattern: str, text: str) -> bool:
    r"""Whether ``pattern`` matches somewhere in ``text``, in time linear in ``text``.

    A pattern without a linear matcher (:func:`linear_problem`; a checked
    profile has none) and a text the engine cannot take (one with lone
    surrogates, which JSON's ``\ud800`` escapes can make) are left to
    :mod:`re`.
    """
    matcher, _ = _linear(pattern)
    if matcher is not None:
        if matcher(text):
            return True
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return search(pattern, text)
        return False
    return search(pattern, text)


def patterns_in(
    schema: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every regular expression in a JSON Schema: ``pattern`` values and ``patternProperties`` keys.

    Each with the path of the keyword (for a ``patternProperties`` key, the
    path of the key itself). Iterative, so any depth is safe.
    """
    stack: list[tuple[tuple[str | int, ...], Any]] = [(path, schema)]
    while stack:
        at, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                here = (*at, key)
                if key == "pattern" and isinstance(value, str):
                    yield here, value
                elif key == "patternProperties" and isinstance(value, dict):
                    for name, sub in value.items():
                        yield (*here, name), name
                        stack.append(((*here, name), sub))
                elif key not in ("const", "enum", "default", "examples"):
                    stack.append((here, value))
        elif isinstance(node, list):
            stack.extend(((*at, i), item) for i, item in enumerate(node))


@cache
def linear_validator() -> Any:
    """A Draft 2020-12 validator class that matches patterns with :func:`linear_search`.

    ``pattern``, ``patternProperties`` and ``additionalProperties`` (which
    leaves out the names ``patternProperties`` match) are its own; every
    other keyword is jsonschema's.
    """
    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not linear_search(patrn, instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    def pattern_properties(
        validator: Any, patterns: Mapping[str, Any], instance: Any, schema: Any
    ) -> Iterator[Any]:
        if not validator.is_type(instance, "object"):
            return
        for patrn, subschema in patterns.items():
            for key, value in instance.items():
                if linear_search(patrn, key):
                    yield from validator.descend(value, subschema, path=key, schema_path=patrn)

    def additional_properties(
        validator: Any, allowed: Any, instance: Any, schema: Any
    ) -> Iterator[Any]:
        if not validator.is_type(instance, "object"):
            return
        properties = schema.get("properties", {})
        patterns = list(schema.get("patternProperties", {}))
        extras = [
            key
            for key in instance
            if key not in properties and not any(linear_search(p, key) for p in patterns)
        ]
        if validator.is_type(allowed, "object"):
            for key in extras:
                yield from validator.descend(instance[key], allowed, path=key)
        elif allowed is False and extras:
            names = ", ".join(repr(key) for key in sorted(extras))
            yield ValidationError(f"additional properties are not allowed ({names})")

    def unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if unique and validator.is_type(instance, "array") and not unique_json(instance):
            yield ValidationError(f"{_short(instance)} has non-unique elements")

    return validators.extend(
        Draft202012Validator,
        {
            "pattern": pattern,
            "patternProperties": pattern_properties,
            "additionalProperties": additional_properties,
            "uniqueItems": unique_items,
        },
    )


def _json_key(value: Any) -> Any:
    """A hashable key equal for JSON values JSON Schema calls equal, and only for those.

    ``1`` and ``1.0`` are one number (their hashes agree); ``true`` is not ``1``;
    objects compare without order, arrays in order. Values come from the
    readers, whose depth is bounded.
    """
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, list):
        return ("a", tuple(_json_key(v) for v in value))
    if isinstance(value, dict):
        return ("o", frozenset((k, _json_key(v)) for k, v in value.items()))
    return ("z", None) if value is None else ("?", id(value))


def unique_json(items: list[Any]) -> bool:
    """Whether no two items of a JSON array are equal (JSON Schema's ``uniqueItems``).

    Linear: jsonschema's own test compares every pair of items it cannot sort
    (objects, mixed types), which took 205 s on a profile field of 8,000
    objects.
    """
    seen: set[Any] = set()
    for item in items:
        key = _json_key(item)
        if key in seen:
            return False
        seen.add(key)
    return True


def _short(instance: Any) -> str:
    text = repr(instance)
    return text if len(text) <= 200 else text[:197] + "..."
