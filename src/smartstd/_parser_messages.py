"""English details from parsers and readers, said again in Chinese by kind.

The readers report what a parser said (``json``: ``Expecting ',' delimiter``;
PyYAML: ``while parsing a flow sequence did not find expected ',' or ']'``;
``tomllib``, ``csv``, ``zipfile``, expat, jsonschema) as an English ``detail``,
kept as data in the finding's parameters and in the error's ``params``, and
shown as it is in English output. Chinese output must not show it: this
module recognises each known *kind* of such a text by its pattern, and says
it again from a ``(zh-CN, en)`` pair of templates filled in with the parts
the pattern took out (a character, a line, a tag).

A text of no known kind is shown in Chinese output quoted, marked as the
original wording (``“...”（原文）``), never as a bare English sentence; a test
runs the CLI on a battery of broken inputs and fails on any such mark.

:func:`say` is what messages call; :func:`localize` says the parameters of a
message (:func:`smartstd._error_messages.render`, the rule catalogue, the
conversion issues and the CLI's messages call it); :class:`Bilingual` is a
``str`` written in both languages. The kinds are in
:mod:`smartstd._parser_kinds` (third-party parsers) and
:mod:`smartstd._reader_kinds` (the library's own readers).

解析器（json、PyYAML、tomllib、csv、zipfile、expat、jsonschema）和读取器的英文说明，按类别以中文重新表述；
英文输出保留原文，原文也作为数据保留在参数中。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from smartstd._parser_kinds import PARSER_KINDS, RULE_PARAM_KINDS, WORDS, Kind, compiled
from smartstd._reader_kinds import READER_KINDS

__all__ = [
    "DETAIL_PARAMS",
    "PARSER_MESSAGES",
    "UNKNOWN_ZH",
    "Bilingual",
    "kind_of",
    "localize",
    "say",
]


#: key -> (pattern of the English original, zh-CN template, en template), every kind:
#: the parsers' and the readers' own.
PARSER_MESSAGES: dict[str, Kind] = {**PARSER_KINDS, **READER_KINDS}
_WORDS = WORDS
_KINDS = RULE_PARAM_KINDS
_compiled = compiled  # its cache tells a test that a one-record check compiled no pattern


# Parts said again word by word (each part is a key of _WORDS, else shown quoted).
_WORD_PARTS = frozenset({"thing", "what", "found", "recursive", "way", "how"})

# Where a parser says the place: kept, and said in the language asked.
# (each pattern compiled on first use, with re.S, by _compiled)
_WHERE_SUFFIX = (
    r"^(?P<core>.*?)(?::\s*|\s+\(at\s+)line (?P<line>\d+),? column (?P<column>\d+)"
    r"(?: \(char \d+\)|\))?\s*$"
)
_KEY_PREFIX = r"^(?P<key>[A-Za-z_][\w.]*): (?P<core>.+)$"
_AT_END = r"^(?P<core>.*?)\s+\(at end of document\)\s*$"
_WHERE_PREFIX = r"^line (?P<line>\d+), column (?P<column>\d+): (?P<core>.*)$"
# ``name:line:column: text`` (a conversion's reader): the place is kept as it is written
_FILE_PREFIX = r"^(?P<place>[^\s:]+\.[^\s:]+(?::\d+){0,2}|[^\s:]+(?::\d+){1,2}): (?P<core>.*)$"

#: How a text of no known kind is shown in Chinese: quoted, marked as the original.
UNKNOWN_ZH = "“{text}”（原文）"

_ENGLISH_RUN = r"(?<![\w-])[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}(?![\w-])"
_CJK = r"[\u3400-\u9fff\uff00-\uffef]"


def _is_english(lang: str) -> bool:
    return (lang or "").lower().startswith("en")


def _word(value: str) -> str:
    if value in _WORDS:
        return _WORDS[value]
    stripped = value.strip()
    if stripped[:1] in "'\"" and stripped[-1:] == stripped[:1] and len(stripped) > 1:
        return f"“{stripped[1:-1]}”"
    return f"“{stripped}”" if compiled(_ENGLISH_RUN).search(stripped) else stripped


#: The kinds that wrap another text (``not JSON: ...``, ``...: a profile can only tighten a
#: rule``) are tried first, so that the text they wrap is not taken for the whole.
#: (Read from the pattern's text: compiling every pattern on import is what a run
#: that says no parser message must not pay.)
_ORDER = sorted(PARSER_MESSAGES, key=lambda k: "(?P<why>" not in PARSER_MESSAGES[k].source)


def kind_of(text: str) -> tuple[str, dict[str, str]] | None:
    """The key of ``text``'s kind and the parts its pattern took out, or ``None``."""
    for key in _ORDER:
        m = PARSER_MESSAGES[key].pattern.fullmatch(text.strip())
        if m is not None:
            return key, {k: v for k, v in m.groupdict().items() if v is not None}
    return None


def _zh(text: str) -> str | None:
    """``text`` in Chinese, or ``None`` when it is of no known kind."""
    found = kind_of(text)
    if found is None:
        return None
    key, parts = found
    template = PARSER_MESSAGES[key].zh
    values: dict[str, str] = {}
    for name in re.findall(r"\{(\w+)\}", template):
        value = parts.get(name, "")
        if name == "problem":
            said = _zh(value) if value else "出错"
            value = said if said is not None else UNKNOWN_ZH.format(text=value)
            value = value if not parts.get(name) else "：" + value
        elif name == "char" and value:
            value = f"（{value}）" if key == "yaml_characters" else value
        elif name == "type":
            value = f"（而是 JSON {_word(value)}）" if value else ""
        elif name == "why":
            said = say(value, "zh-CN")
            value = said if key != "profile_not_regex" or not value else f"（{said}）"
        elif name == "at":
            value = str(int(value) + 1)  # Python counts from 0, people from 1
        elif name == "kind":
            value = _KINDS.get(value, value)
        elif name in ("key", "version"):
            if value:
                value = f"{value}：" if name == "key" else f"（SCDS {value}）"
            if key == "migrate_no_field" and name == "version":
                value = f"SCDS {parts['version']} " if parts.get("version") else "目标版本"
        elif name == "byte":
            value = f"（第 {int(parts['position']) + 1} 个字节为 {value}）" if value else ""
        elif name == "formats":
            value = value.replace(" or ", " 或 ")
        elif name == "digits" and not value:
            value = "过多"
        elif (name in _WORD_PARTS and key != "pilot_repeats") or key == "utf8_byte":
            # (a repeated pilot target's "what", an indicator and its
            # comparator, is kept as written)
            value = _word(value)
        values[name] = value
    return template.format(**values)


def say(text: str, lang: str) -> str:
    """A parser's or reader's English ``text`` in ``lang``.

    English gets ``text`` unchanged. Chinese gets the text of its kind; a place
    the parser names (``line 3 column 5``) is said as ``第 3 行第 5 列``; a text
    of no known kind that reads as English is quoted and marked as the original,
    and any other (a code, a name, Chinese already) is left as it is.

    >>> say("Expecting ',' delimiter", "zh-CN")
    "此处应为分隔符 ','"
    >>> say("Expecting ',' delimiter", "en")
    "Expecting ',' delimiter"
    """
    if isinstance(text, Bilingual) and not _is_english(lang):
        return text.zh  # written in both languages
    if _is_english(lang) or not text or compiled(_CJK).search(text):
        return text  # English asked for, or said in Chinese already
    said = _zh(text)
    if said is not None:
        return said
    for where in (compiled(_WHERE_SUFFIX), compiled(_WHERE_PREFIX)):
        m = where.match(text)
        if m is not None:
            core = say(m["core"].strip(), lang)
            return f"第 {m['line']} 行第 {m['column']} 列：{core}"
    m = compiled(_FILE_PREFIX).match(text)
    if m is not None:
        return f"{m['place']}：{say(m['core'].strip(), lang)}"
    m = compiled(_KEY_PREFIX).match(text)
    if m is not None and kind_of(m["core"]) is not None:  # "provenance: <a known kind>"
        return f"{m['key']}：{say(m['core'], lang)}"
    m = compiled(_AT_END).match(text)
    if m is not None:
        return f"文件末尾：{say(m['core'].strip(), lang)}"
    if compiled(_ENGLISH_RUN).search(text):
        return UNKNOWN_ZH.format(text=text)
    return text


class Bilingual(str):
    """A text written in both languages: the English one as a ``str``, with its Chinese form.

    For messages made up before the language is known (a migration's errors):
    ``str(b)`` and JSON keep the English text, :meth:`message` gives either.
    """

    zh: str

    def __new__(cls, en: str, zh: str) -> Bilingual:
        made = super().__new__(cls, en)
        made.zh = zh
        return made

    def message(self, lang: str = "en") -> str:
        """The text in ``lang``."""
        return str(self) if _is_english(lang) else self.zh


#: The names of the parameters that hold a parser's or reader's own words.
DETAIL_PARAMS = frozenset({"detail", "reason", "hint", "error", "problem"})


def _text(value: BaseException) -> str:
    """What an exception says: a YAML error's context and problem, without its snippets."""
    problem = getattr(value, "problem", None)
    if isinstance(problem, str):
        context = getattr(value, "context", None)
        return " ".join(p for p in (context, problem) if isinstance(p, str) and p)
    return str(value)


def localize(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with each text of :data:`DETAIL_PARAMS` said in ``lang`` (:func:`say`).

    A value that is an exception (a parser's error passed on as the reason) is
    said from its text; in English every value is left as it is.
    """
    if _is_english(lang):
        return dict(params)
    out = dict(params)
    for k, v in params.items():
        if isinstance(v, Bilingual):
            out[k] = v.message(lang)
        if k not in DETAIL_PARAMS:
            continue
        if isinstance(v, BaseException):
            out[k] = say(_text(v), lang)
        elif type(v) is str:
            out[k] = say(v, lang)
    return out
