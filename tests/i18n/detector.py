"""Finding sentences of the wrong language in what a person reads.

Chinese output may hold English *words*: identifiers, codes, file names, JSON
Pointers, option names, command lines, enumerated values and anything the
user wrote (quoted). What it may not hold is an English *sentence*, however
short: two or more plain English words in a row, outside quotes, backticks and
code. English output may hold no Chinese outside quotes.

How a line is read, token by token (white space, Chinese text and Chinese
punctuation separate tokens):

- a quoted span (``'...'``, ``"..."``, ```...```, ``“...”``, ``‘...’``,
  ``「...」``) is the user's input or code: skipped, it neither counts nor
  separates, so ``Expecting ',' delimiter`` is still two words in a row;
- a *word* is a token of letters only, lower case or capitalised, once the
  punctuation around it is trimmed (``error``, ``Expecting``, ``(did``);
- anything else separates runs: Chinese text, numbers, codes (``SC100``),
  acronyms (``UTF-8``, ``JSON``), single capitals (a RACI matrix's ``R A C I``), identifiers (``dataset_id``, ``parse-error``,
  ``ServiceRequest``), paths, pointers, options (``--lang``);
- a word followed by ``,`` or ``;`` ends its run: a list of values
  (``xlsx, csv, geojson``) is not a sentence;
- ``smartstd`` and the command names after it are a command line.

一个检测器：中文输出中不得出现英文句子（引号、反引号和代码以外连续两个及以上的英文单词）；
英文输出中不得出现中文（引号以外）。
"""

from __future__ import annotations

import re

__all__ = ["chinese_runs", "english_runs"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」")
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<quoted>\x00)|(?P<word>[^\s{_CJK}\x00]+)")
_WORD = re.compile(r"[A-Za-z][a-z]*(?:'[a-z]+)?")
_CHINESE = re.compile(rf"[{_CJK}]+")
_TRIM = "()[]{}<>.,;:!?\"'*"
# the commands and groups of the CLI, which follow "smartstd" in a command line
_COMMANDS = frozenset(
    [
        "assess",
        "check",
        "info",
        "rules",
        "schema",
        "generate",
        "graph",
        "profile",
        "migrate",
        "example",
        "convert",
        "export",
        "template",
        "build",
        "diff",
        "who",
        "raci",
        "duties",
        "explain",
        "test",
        "docs",
    ]
)


def _entity_types() -> frozenset[str]:
    from smartstd.standard import ENTITY_TYPES

    return frozenset(ENTITY_TYPES)


#: Words that are names of the standard (its entity types), not English.
_IDENTIFIERS = _entity_types()


def _unquote(line: str) -> str:
    return _QUOTED.sub("\x00", _ANSI.sub("", line))


def english_runs(text: str, least: int = 2) -> list[str]:
    """The runs of ``least`` or more plain English words in ``text``, outside quotes and code."""
    found: list[str] = []
    for line in text.splitlines():
        runs: list[list[str]] = [[]]  # the runs of the line; the last is the open one
        command = False
        for m in _TOKEN.finditer(_unquote(line)):
            if m.group("quoted"):
                continue
            token = m.group("word")
            if token is None:  # Chinese text
                runs.append([])
                command = False
                continue
            core = token.strip(_TRIM)
            if (token.startswith("[") and token.endswith("]")) or core in _IDENTIFIERS:
                runs.append([])  # a severity shown as a code ([error]), an entity type
                continue
            if core == "smartstd":
                runs.append([])
                command = True
                continue
            if command and core in _COMMANDS:
                continue
            command = False
            plain = core == "a" or (len(core) > 1 and not core.isupper())  # not R, A, C, I or UTF
            if core and _WORD.fullmatch(core) and plain:
                runs[-1].append(core)
                if token.rstrip(")]}\"'").endswith((",", ";")):
                    runs.append([])
            else:
                runs.append([])
        found.extend(" ".join(run) for run in runs if len(run) >= least)
    return found


def chinese_runs(text: str) -> list[str]:
    """The Chinese text in ``text`` outside quotes (each run of Chinese characters)."""
    return [m.group() for line in text.splitlines() for m in _CHINESE.finditer(_unquote(line))]
