"""Reading time, from the words a reader reads (code and chart blocks left out)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

# Han, kana and hangul are read a character at a time (Chinese at about 255 characters a minute,
# close to English's 230 words): each counts as a word, so one words-per-minute setting fits both.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+(?:[’'.,-](?:(?![{_CJK}])\w)+)*")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")


def count_words(lines: Iterable[str]) -> int:
    return sum(len(_WORD.findall(_FOOTNOTE_REFERENCE.sub("", line))) for line in lines)


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes, rounded up; never less than one."""
    return max(1, math.ceil(words / max(1, words_per_minute)))
