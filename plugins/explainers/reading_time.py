"""Reading time, from the words a reader reads (code and chart blocks left out)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+(?:[’'.,-]\w+)*")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")


def count_words(lines: Iterable[str]) -> int:
    return sum(len(_WORD.findall(_FOOTNOTE_REFERENCE.sub("", line))) for line in lines)


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes, rounded up; never less than one."""
    return max(1, math.ceil(words / max(1, words_per_minute)))
