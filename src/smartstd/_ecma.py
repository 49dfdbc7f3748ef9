r"""JSON Schema's regular expressions (ECMA-262) said so that Python and Rust engines agree.

A ``pattern`` of a JSON Schema is an ECMA-262 regular expression (with the
``u`` flag, as Ajv reads it). Python's :mod:`re` and the Rust ``regex``
crate inside pydantic-core read the same text differently:

* ``$`` is the end of the text in ECMA-262 and Rust; Python's also matches
  before a final newline (``"^a$"`` matches ``"a\n"``);
* ``\s`` is ECMA-262's white space and line terminators (with U+FEFF, without
  U+0085); Python's and Rust's are Unicode's, each a little different;
* ``\d`` and ``\w`` are ASCII in ECMA-262, any script's digits and letters
  in Python and Rust;
* ``.`` leaves out ``\r``, U+2028 and U+2029 as well as ``\n`` in ECMA-262.

:func:`ecma_source` writes a pattern so that a Python or Rust engine matches
what ECMA-262 does; :data:`ECMA_SPACE` is what ``\s`` stands for. Imports
nothing of the project.

:func:`ecma_problem` says why a pattern that Python and Rust read is no
ECMA-262 regular expression (with the ``u`` flag, as Ajv compiles it):
``\:``, ``(?P<name>``, ``{,3}``, a lone ``}``.

JSON Schema 的正则表达式按 ECMA-262 解释；此处把它改写成 Python 与 Rust 引擎
同样解释的形式（``$``、``\s``、``\d``、``\w``、``.`` 的差异）。
"""

from __future__ import annotations

import re

__all__ = ["ECMA_SPACE", "ecma_problem", "ecma_source"]

#: What ``\s`` matches in ECMA-262 (WhiteSpace and LineTerminator), as the
#: inside of a character class every engine reads alike.
ECMA_SPACE = r"\t-\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
#: ``\d``, ``\w`` and ``\s`` as the inside of a class (ECMA-262: ASCII digits and word characters).
_CLASSES = {"d": "0-9", "w": "A-Za-z0-9_", "s": ECMA_SPACE}
#: ``.``: any character but a line terminator.
_DOT = r"[^\n\r\u2028\u2029]"


def ecma_source(pattern: str, end: str = r"\Z") -> str:
    r"""``pattern`` (ECMA-262) written for Python's :mod:`re` (``end=r"\Z"``) or Rust (``end="$"``).

    ``$`` outside a class becomes ``end``; ``\d``, ``\w``, ``\s`` and their
    negations become explicit classes (inside a class, the negations stay as
    written: there they have no explicit form); ``.`` becomes "not a line
    terminator"; ``(?<name>`` becomes ``(?P<name>``. Everything else is kept.
    """
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            body = _CLASSES.get(e.lower())
            if body is None:
                out.append(c + e)
            elif in_class:
                out.append(body if e.islower() else c + e)
            else:
                out.append(f"[{body}]" if e.islower() else f"[^{body}]")
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
        elif c == "$":
            out.append(end)
        elif c == ".":
            out.append(_DOT)
        elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


#: What may follow a backslash in ECMA-262 with the ``u`` flag: the syntax
#: characters, ``/``, the class and control escapes, and digits.
_ESCAPABLE = frozenset("^$\\.*+?()[]{}|/") | frozenset("dDwWsSbBfnrtv0cxukpP123456789")
_QUANTIFIER = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")
_GROUPS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")
_NAMED = re.compile(r"\(\?<[A-Za-z_$][A-Za-z0-9_$]*>")


def ecma_problem(pattern: str) -> str | None:
    r"""Why ``pattern`` is no ECMA-262 regular expression with the ``u`` flag, or ``None``.

    Looks for what Python's :mod:`re` and Rust accept and ECMA-262 refuses:
    an escape of a character that needs none (``\:``, ``\-`` outside a class,
    ``\_``, ``\A``, ``\Z``), a group ECMA-262 does not have (``(?P<name>``,
    ``(?i)``, ``(?#...)``), a ``{`` that starts no quantifier (``{,3}``) and a
    lone ``}``. It is no full parser: what it lets through, the engines of
    the library still read.
    """
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return "a pattern cannot end with a backslash"
            e = pattern[i + 1]
            if e not in _ESCAPABLE and not (in_class and e == "-"):
                return f"\\{e} is no escape in ECMA-262: write {e} alone"
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(" and pattern.startswith("(?", i):
            if not (pattern.startswith(_GROUPS, i) or _NAMED.match(pattern, i)):
                return (
                    f"{pattern[i : i + 4]}... is no group of ECMA-262 (it has (?:, (?=, (?!,"
                    " (?<=, (?<! and (?<name>)"
                )
        elif c == "{":
            m = _QUANTIFIER.match(pattern, i)
            if m is None:
                return "{ starts no quantifier ({n}, {n,} or {n,m}): write \\{ for the character"
            i = m.end()
            continue
        elif c == "}":
            return "a lone }: write \\} for the character"
        i += 1
    return None
