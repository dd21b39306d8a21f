"""'Did you mean …?' for typos in headings and keys."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The closest choice to ``word`` (compared case-insensitively), or None when nothing is close."""
    options = {choice.casefold(): choice for choice in choices}
    match = difflib.get_close_matches(word.casefold(), list(options), n=1, cutoff=cutoff)
    return options[match[0]] if match else None
