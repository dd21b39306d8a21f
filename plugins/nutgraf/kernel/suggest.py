"""'Did you mean …?' for misspelt keys, headings, fields, marks and paths: one matcher for every check."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: object, choices: Iterable[object], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (compared case-insensitively, as written in ``choices``), or None."""
    options = {str(choice).casefold(): str(choice) for choice in choices}
    match = difflib.get_close_matches(str(word).casefold(), list(options), n=1, cutoff=cutoff)
    return options[match[0]] if match else None


def did_you_mean(word: object, choices: Iterable[object], cutoff: float = 0.6) -> str:
    """`` (did you mean 'year'?)`` for the closest choice, or nothing: ready to append to a message."""
    match = closest(word, choices, cutoff)
    return f" (did you mean '{match}'?)" if match else ""
