"""Updates and Corrections: dated logs in front matter, one ``YYYY-MM-DD: what changed`` entry per line.

Repeat the key, or continue it on lines indented by four spaces (Pelican reads both the same way):

    Updates: 2026-11-26: Added the number of arrests.
    Updates: 2026-11-27 14:30: Corrected the name of the town.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.frontmatter import FrontMatter
from nutgraf.plugins.explainers.dates import DATE_PREFIX, FORMS_HINT, naive, read_date

_ENTRY = re.compile(rf"^(?:[-*]\s+)?(?P<date>{DATE_PREFIX})\s*(?::|—|–|\s-)\s*(?P<text>.*)$")
FORMAT_HINT = "write each entry as 'YYYY-MM-DD: what changed' (a time may follow the date: 'YYYY-MM-DD HH:MM: …')"


@dataclass(frozen=True)
class Update:
    date: dt.datetime  # naive; the site's time zone applies
    text: str
    line: int


def parse_updates(front_matter: FrontMatter, path: str, key: str = "updates") -> tuple[list[Update], list[Diagnostic]]:
    """The entries of a dated log (``Updates``, or ``Corrections`` with ``key``), oldest first, and every
    malformed one."""
    word = "update" if key == "updates" else "correction"
    hint_for_log = FORMAT_HINT if key == "updates" else FORMAT_HINT.replace("changed", "was corrected")
    updates: list[Update] = []
    problems: list[Diagnostic] = []
    for entry in front_matter.values(key):
        if not entry.value:
            continue
        match = _ENTRY.match(entry.value)
        if not match:
            problems.append(Diagnostic(path, entry.line, f"the {word} '{entry.value}' has no date", hint_for_log))
            continue
        text = match["text"].strip()
        reading = read_date(match["date"])
        if reading.date is None:
            hint = hint_for_log if reading.hint == FORMS_HINT else f"{reading.hint} ({hint_for_log})"
            problems.append(Diagnostic(path, entry.line, f"the {word} date {reading.problem}", hint))
            continue
        date = naive(reading.date)
        if not text:
            problems.append(Diagnostic(path, entry.line, f"the {word} says nothing after its date", hint_for_log))
            continue
        updates.append(Update(date, text, entry.line))
    updates.sort(key=lambda update: (update.date, update.line))
    return updates, problems
