"""Proofs that a JSON text has no duplicate object key, cheap enough for every record.

A JSON parser keeps the last of two equal keys and loses the first value
without a word (SC102 exists to say so). The engine's fast path validates
NDJSON lines straight from text with pydantic, whose parser does the same, so
each line needs a proof that no key repeats before its model can be trusted.
Lines without a proof take the careful path: a parse with a duplicate-key hook.

Three proofs, all sound (``True`` only when there is no duplicate key; a
``False`` merely costs the careful path):

* :func:`no_duplicate_keys` looks at the text alone.
* :func:`model_proves_unique_keys` compares the number of ``":`` in the text
  with the number of keys the validated model was built from. Every key
  written without white space before its colon adds one ``":``; a duplicate
  key adds one more ``":`` but no key to the model, so the two numbers can
  only be equal when no key repeats. It is the faster of the two when a
  record holds few nested objects.
* The same count over a batch of lines: when no colon in the batch has
  white space before it (:func:`colons_follow_keys`), each line's ``":`` are at least as many as its
  model's keys, so when the batch's two sums are equal, so is every line's
  (:meth:`smartstd.conformance.checker._Checker.lines` makes it when no rule
  needs the records themselves).

重复键证明：在快速路径上以很低的代价证明一行 JSON 中没有重复的键。
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from smartstd.standard.codes import CODE_LISTS
from smartstd.standard.introspect import object_fields, own_code_fields, string_maps

__all__ = [
    "colons_follow_keys",
    "flat_proves_unique_keys",
    "model_key_count",
    "model_proves_unique_keys",
    "no_duplicate_keys",
    "plain_key_count",
]

#: White space between a key and its colon (rare; such lines take the careful path).
_SPACED_COLON = re.compile(r'"\s+:')
#: JSON white space right after a quote.
_SPACE_AFTER_QUOTE = re.compile(r'"[ \t\r\n]')
_SPACE_AFTER_QUOTE_B = re.compile(rb'"[ \t\r\n]')


def colons_follow_keys(data: bytes) -> bool:
    """True only when no colon in the lines of ``data`` has white space before it.

    Then every key of every line that is valid JSON is followed by its colon
    straight away, so it adds one ``":`` to its line: what makes counting
    them a proof (the line ends between the lines are not inside any line).
    Looked for with one byte pair and two bytes, each found far faster in a
    long text than a pattern starting with a quote, the commonest byte of JSON.
    """
    return 9 not in data and 13 not in data and b" :" not in data


def no_duplicate_keys(text: str) -> bool:
    r"""True only when no object key name occurs twice in the JSON text.

    Every key of valid JSON ends a piece of ``text.split('":')`` (lines with
    white space before a colon are refused first), and equal keys give equal
    piece endings. Colons inside string values only add pieces, which can
    only make the answer False. A key written with an escape (``"\u0069d"``
    is ``"id"``) could equal another key written differently, so a piece
    ending with a backslash in it also answers False. So True proves there
    is no duplicate key.
    """
    if _SPACED_COLON.search(text):
        return False
    parts = text.split('":')
    keys = [p[p.rfind('"') + 1 :] for p in parts[:-1]]
    if len(keys) != len(set(keys)):
        return False
    return "\\" not in text or not any("\\" in k for k in keys)


def _json_key_count(value: Any) -> int:
    """Object keys inside a plain JSON value (extension fields), iteratively."""
    count = 0
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is dict:
            count += len(v)
            stack.extend(v.values())
        elif type(v) is list:
            stack.extend(v)
        elif isinstance(v, BaseModel):
            count += model_key_count(v)
    return count


#: :func:`~smartstd.standard.introspect.object_fields` by class, without the call.
_OBJECTS: dict[type[BaseModel], frozenset[str]] = {}


def model_key_count(model: BaseModel) -> int:
    """How many object keys the input of a validated model had, at most.

    Counts the fields set from input (pydantic counts the extension fields
    among them) and the keys inside extension values and inside every model,
    dict and list nested in it. Never more than the number of distinct keys
    of the input: the standard's models add no key on validation (the
    ``type`` an entity marks as set is the discriminator of the entity
    union, always present in the input). Counting too few is safe (the proof
    then fails); counting too many would let a duplicate key through.
    """
    fields_set = model.__pydantic_fields_set__
    count = len(fields_set)  # the extension fields are among them
    extra = model.__pydantic_extra__
    if extra:
        count += _json_key_count(list(extra.values()))
    cls = model.__class__
    objects = _OBJECTS.get(cls)
    if objects is None:
        objects = _OBJECTS[cls] = object_fields(cls)
    if objects.isdisjoint(fields_set):
        return count
    values = model.__dict__
    for name in objects & fields_set:
        value = values[name]
        kind = type(value)
        if kind is list:  # a list of nested models, the common case, without the generic walk
            for item in value:
                if isinstance(item, BaseModel):
                    count += model_key_count(item)
                elif type(item) is dict or type(item) is list:
                    count += _json_key_count(item)
        elif isinstance(value, BaseModel):
            count += model_key_count(value)
        elif kind is dict:
            count += _json_key_count(value)
    return count


#: By class: the fields that may hold objects (other than objects of strings),
#: the objects of strings (localised texts), and the fields taking one code or
#: a list of codes of an open list; ``None`` when :func:`plain_key_count`
#: cannot answer for the class.
_PLAIN: dict[
    type[BaseModel],
    tuple[frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...]] | None,
] = {}


def _plain_fields(
    cls: type[BaseModel],
) -> tuple[frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...]] | None:
    own = own_code_fields(cls)
    maps = string_maps(cls)
    found = _PLAIN[cls] = (
        None
        if own is None
        else (
            object_fields(cls) - maps,
            maps,
            tuple(name for name, codes in own[0] if not CODE_LISTS[codes].closed),
            tuple(name for name, codes in own[1] if not CODE_LISTS[codes].closed),
        )
    )
    if found is not None and not any(found):
        _LEAVES.add(cls)
    return found


#: The classes whose fields hold no object and no code of an open list:
#: their instances are counted where they are met, not walked.
_LEAVES: set[type[BaseModel]] = set()


def plain_key_count(model: BaseModel) -> int:
    """:func:`model_key_count` of an entity holding declared fields only; else -1.

    Answers -1 (no answer) when the entity, or an object nested in it, has
    an extension field, a free-form value (an object or a list that is not a
    model or an object of strings, in an ``Any`` field), a key with a colon
    in an object of strings, or a code of an open list with a colon (a
    namespaced code). Any other answer also says that the input
    held no namespaced name or code (SC107 has nothing to see), no ``NaN``
    or ``Infinity`` (typed numbers refuse them) and no nesting deeper than
    :func:`~smartstd.standard.introspect.fixed_depth` of its class: what a
    record's text is otherwise screened for, line by line. The keys are
    counted as :func:`model_key_count` counts them, so the batch proof of
    :mod:`smartstd.conformance.counting` holds with either.
    """
    count = 0
    stack = [model]
    pop = stack.pop
    push = stack.append
    while stack:
        current = pop()
        if current.__pydantic_extra__:
            return -1
        fields_set = current.__pydantic_fields_set__
        count += len(fields_set)
        cls = current.__class__
        plain = _PLAIN[cls] if cls in _PLAIN else _plain_fields(cls)
        if plain is None:
            return -1
        objects, maps, singles, lists = plain
        values = current.__dict__
        for name in singles:
            value = values.get(name)
            if isinstance(value, str) and ":" in value:
                return -1
        for name in lists:
            items = values.get(name)
            if items and any(isinstance(v, str) and ":" in v for v in items):
                return -1
        if not maps.isdisjoint(fields_set):
            for name in maps & fields_set:
                value = values[name]
                if value:  # an object of strings (a localised text): keys, nothing nested
                    if any(":" in key for key in value):
                        return -1
                    count += len(value)
        if objects.isdisjoint(fields_set):
            continue
        for name in objects & fields_set:
            value = values[name]
            if value is None:
                continue
            if type(value) is list:
                for item in value:
                    if item.__class__ in _LEAVES:  # the common case: events, needs...
                        if item.__pydantic_extra__:
                            return -1
                        count += len(item.__pydantic_fields_set__)
                    elif isinstance(item, BaseModel):
                        push(item)
                    else:
                        return -1
            elif isinstance(value, BaseModel):
                push(value)
            else:
                return -1
    return count


def flat_proves_unique_keys(text: bytes, keys: int) -> bool:
    """True only when the JSON ``text`` of a flat record has no duplicate key.

    ``keys`` is the number of keys of the model validated from ``text``
    when it has no extension field and no nested object set (then every key
    is a field set from input: ``len(model.__pydantic_fields_set__)``).
    """
    # white space after a quote may stand before a colon, which defeats the
    # count; one byte, looked for as an int, is found much faster than two
    if (32 in text or 9 in text or 13 in text or 10 in text) and _SPACE_AFTER_QUOTE_B.search(text):
        return no_duplicate_keys(text.decode("utf-8", "replace"))
    return text.count(b'":') == keys


def model_proves_unique_keys(model: BaseModel, text: str | bytes) -> bool:
    """True only when ``text`` (the JSON ``model`` was validated from) has no duplicate key.

    ``model`` must have been validated through the entity union (see
    :func:`model_key_count`); ``text`` may be the JSON as text or as UTF-8 bytes.
    """
    if isinstance(text, str):
        if _SPACE_AFTER_QUOTE.search(text):
            return no_duplicate_keys(text)
        return text.count('":') == model_key_count(model)
    return flat_proves_unique_keys(text, model_key_count(model))
