"""The batch screen for the identifier rules flags exactly the lines they must look at.

Those are the lines with a run of eleven ASCII digits or separators (space,
hyphen, dot, tab), a ``\\u`` escape, or a non-ASCII character that may stand
for a digit, a separator or nothing (:data:`smartstd.scanner._SPECIAL`).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.conformance.screen import Screen, screen
from smartstd.scanner import _SPECIAL

_RUN11 = re.compile(rb"[0-9 .\t-]{11}")


def _special(line: bytes) -> bool:
    return any(c in _SPECIAL for c in line.decode("utf-8", "replace"))


def expected(lines: list[bytes]) -> frozenset[int]:
    """The lines with a run of 11 digits and separators, a ``\\u`` escape or a special character."""
    return frozenset(
        i for i, line in enumerate(lines) if _RUN11.search(line) or b"\\u" in line or _special(line)
    )


def digit_runs(lines: list[bytes]) -> frozenset[int]:
    result = screen(b"\n".join(lines))
    assert isinstance(result, Screen)
    return result.digit_runs


# pieces of lines: digits are frequent (long runs appear), and so are the bytes
# that could confuse the screen (backslash, u, non-ASCII digits and letters)
_PIECES = st.one_of(
    st.sampled_from(
        [
            b"0",
            b"1",
            b"9",
            b"5",
            b"0123456789",
            b"12345678",
            b"a",
            b"u",
            b"U",
            b"\\",
            b"\\u",
            b"\\\\",
            b'"',
            b":",
            b",",
            b"{",
            b"}",
            b" ",
            b"-",
            b".",
            b"X",
            "名".encode(),
            "１２３".encode(),  # full-width digits are not ASCII digits
            "٣".encode(),  # Arabic-Indic digit
            "\u00b9".encode(),  # superscript one
            b"\x00",
            b"\t",
            b"\r",
            b"/",  # the byte just below "0"
            b":",  # the byte just above "9"
        ]
    ),
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=3).map(
        lambda s: s.encode()
    ),
    st.integers(min_value=1, max_value=20).map(lambda n: b"7" * n),
)
_LINE = st.lists(_PIECES, max_size=12).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_screen_flags_exactly_the_lines_with_a_run_or_an_escape(lines: list[bytes]) -> None:
    assert digit_runs(lines) == expected(lines)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=10),
    st.sampled_from([b"", b"a", b"\xe5\x90\x8d", b"x\\"]),
)
def test_screen_on_lines_of_digit_runs_of_every_length(lengths: list[int], filler: bytes) -> None:
    lines = [filler + b"8" * n + filler for n in lengths]
    assert digit_runs(lines) == frozenset(i for i, n in enumerate(lengths) if n >= 11)


D17 = b"1" * 11
D16 = b"1" * 10


@pytest.mark.parametrize(
    ("lines", "flagged"),
    [
        ([], set()),
        ([b""], set()),
        ([b"", b""], set()),
        ([D17], {0}),
        ([D16], set()),
        ([D17 + b"abc", b"x"], {0}),  # run at the start of the line
        ([b"x", b"abc" + D17], {1}),  # run at the end of the data
        ([b"abc" + D17, b"y"], {0}),  # run at the end of a line
        ([b"{" + D16 + b"}", b"2" + D16], {1}),
        ([D16, b"1" + D16[:-1]], set()),  # 16 + 16: only a run across the line end
        ([b"1" * 9, b"1" * 9], set()),  # 18 digits, but split by a line end
        ([b"138 1234-5678"], {0}),  # separators count
        ([b"2026-01-01T08:00:00+08:00"], set()),  # a timestamp does not
        ([D16, b"1"], set()),  # 16 then 1 on the next line
        ([D17 + b"-" + D17 + b"-" + D17], {0}),  # several runs on one line
        ([D17 + b"," + D17, D17, b"no", D17], {0, 1, 3}),
        ([b"1" * 100], {0}),
        ([b"\\u0031"], {0}),
        ([b"\\", b"u0031"], set()),  # a backslash at a line end, u on the next
        ([b"abc\\", b"\\u"], {1}),
        ([b"a\\\\u", b"b"], {0}),  # any backslash followed by u counts
        (["１２３".encode()], {0}),  # full-width digits
        (["“你好”，（一）：。".encode()], set()),  # Chinese punctuation is not special
        (["身份证".encode() + b"44011319800101123X"], {0}),
        ([b"x" * 1000 + D17, b"y" * 1000, b"z" + D17], {0, 2}),
        ([b"", D17, b"", D17, b""], {1, 3}),
        ([D17, D17, D17], {0, 1, 2}),
        ([b"\\u", D17, b"\\u"], {0, 1, 2}),
    ],
)
def test_screen_explicit_cases(lines: list[bytes], flagged: set[int]) -> None:
    assert expected(lines) == flagged  # the cases themselves are right
    assert digit_runs(lines) == flagged


def test_screen_of_empty_data() -> None:
    assert screen(b"").digit_runs == frozenset()


def test_screen_on_a_data_ending_with_a_line_end() -> None:
    # a batch's data may end with its last line end: no extra line appears
    assert screen(b"x\n" + D17 + b"\n").digit_runs == frozenset({1})
    assert screen(D17 + b"\n").digit_runs == frozenset({0})


def test_screen_on_many_lines() -> None:
    lines = [b'{"n":"%s"}' % (b"9" * (i % 20)) for i in range(5000)]
    assert digit_runs(lines) == expected(lines)
    assert len(expected(lines)) == 5000 * 9 // 20  # runs of 11 to 19
