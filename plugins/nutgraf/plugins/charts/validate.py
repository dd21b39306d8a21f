"""Every problem of one chart block, found without rendering (``invoke check`` and each build run this)."""

from __future__ import annotations

import math
import re

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.suggest import did_you_mean
from nutgraf.plugins.charts.block import ALL_KEYS, FORM_KEYS, REQUIRED_KEYS, ChartBlock
from nutgraf.plugins.charts.cell_types import MISSING_POLICIES
from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.settings import ChartSettings
from nutgraf.plugins.charts.spec_memo import spec_memo

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Keys shown to readers as text: a list or mapping there is a slip (or worse), never meant.
TEXT_KEYS = ("title", "subtitle", "note", "source_url")


def check_block(block: ChartBlock, settings: ChartSettings) -> list[Diagnostic]:
    diagnostics = [*check_keys(block), *check_form(block, settings)]
    return sorted(set(diagnostics))


def check_keys(block: ChartBlock) -> list[Diagnostic]:
    """Unknown keys, missing source or alt, conflicting forms, and values of the wrong kind."""
    options = block.options
    found: list[Diagnostic] = []
    for key in options:
        if key not in ALL_KEYS:
            found.append(block.diagnostic(key, f"unknown chart key '{key}'{did_you_mean(key, ALL_KEYS)}"))
    for key in REQUIRED_KEYS:
        value = options.get(key)
        if not isinstance(value, str) or not value.strip():
            what = "where the data comes from" if key == "source" else "one or two sentences saying what it shows"
            found.append(
                block.diagnostic(key if key in options else None, f"chart has no '{key}'", f"add {key}: {what}")
            )
    forms = [form for form in ("spec", "altair", "map") if form in options]
    if len(forms) > 1 or (forms and "mark" in options):
        found.append(
            block.diagnostic(forms[-1], "chart mixes authoring forms", "use one of data+mark, spec:, altair: or map:")
        )
    elif forms:
        others = (FORM_KEYS["shorthand"] - FORM_KEYS[forms[0]]) & options.keys()
        found.extend(
            block.diagnostic(key, f"'{key}' has no effect with '{forms[0]}:'", "remove it") for key in sorted(others)
        )
    elif "data" not in options:
        found.append(block.diagnostic(None, "chart says nothing to draw", "add data: and mark:, or spec:, or altair:"))
    if "id" in options and not _ID.match(str(options["id"])):
        found.append(
            block.diagnostic("id", f"chart id '{options['id']}' is not a valid anchor", "use letters, digits, -")
        )
    for key in ("aspect", "height"):
        value = options.get(key)
        if key in options and (isinstance(value, bool) or not isinstance(value, int | float)):
            found.append(block.diagnostic(key, f"'{key}' must be a number", f"e.g. {key}: 1.5"))
        elif key in options and not (math.isfinite(value) and value > 0):
            found.append(block.diagnostic(key, f"'{key}' must be a number above 0, not {value}", f"e.g. {key}: 1.5"))
    for key in TEXT_KEYS:
        if isinstance(options.get(key), list | dict):
            found.append(block.diagnostic(key, f"'{key}' must be text", "write it on one line after the colon"))
    url = options.get("source_url")
    if isinstance(url, str) and url.strip() and not re.match(r"^https?://", url.strip(), re.IGNORECASE):
        found.append(
            block.diagnostic("source_url", f"source_url '{url}' is not a web address", "start it with https://")
        )
    if "table" in options and not isinstance(options["table"], bool):
        found.append(block.diagnostic("table", "'table' must be true or false"))
    if "missing" in options and options["missing"] not in MISSING_POLICIES:
        found.append(
            block.diagnostic(
                "missing",
                f"'missing: {options['missing']}' is not a way to draw missing values",
                "write 'missing: gap' (left out) or 'missing: zero' (drawn as 0)",
            )
        )
    return found


def check_form(block: ChartBlock, settings: ChartSettings) -> list[Diagnostic]:
    """Data, fields and schema for shorthand and spec: charts; a static look at altair: modules (never run here)."""
    root = settings.content_path
    if block.form == "altair":
        from nutgraf.plugins.charts.spec import check_altair_reference  # with Altair: imported when needed

        return [problem.diagnostic(block) for problem in check_altair_reference(block, root)]
    if block.form == "shorthand" and "data" not in block.options:
        return []
    try:
        spec_memo(settings.cache_path).build(block, root, limits=settings.data_limits)
    except ChartError as error:
        return [problem.diagnostic(block) for problem in error.problems]
    return []
