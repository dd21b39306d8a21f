"""Vega-Lite's schema: whether a spec is valid (one validator, built once), and if not, Altair's reading
of what is wrong, as one readable line."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema
from altair.vegalite.v6.schema import load_schema
from altair.vegalite.v6.schema.core import Root

from nutgraf.kernel.suggest import did_you_mean

_NO_PARAMETER = re.compile(r"has no parameter named '([^']+)'")
_EXISTING = re.compile(r"Existing parameter names are:(.*?)(?:\n\s*\n|See the help)", re.DOTALL)


@cache
def _validator() -> jsonschema.Draft7Validator:
    # The schema and format checks Altair validates with, made once: Altair makes a validator for each
    # object it checks, and a valid spec needs no more than a yes.
    return jsonschema.Draft7Validator(load_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def schema_valid(spec: dict[str, Any]) -> bool:
    return _validator().is_valid(spec)


def schema_error(spec: dict[str, Any]) -> str | None:
    """None when ``spec`` is valid Vega-Lite, else what is wrong, where, in one line."""
    if schema_valid(spec):
        return None
    try:
        Root.from_dict(spec, validate=False).to_dict(validate=True)
    except jsonschema.ValidationError as error:
        return describe(error)
    return None


def describe(error: jsonschema.ValidationError) -> str:
    text = str(error).strip()
    if text.startswith("Multiple errors") and "Error 1:" in text:
        text = text.split("Error 1:", 1)[1].split("Error 2:", 1)[0].strip()  # the first says enough
    first = text.splitlines()[0].rstrip(".:")
    where = ".".join(str(part) for part in error.absolute_path)
    unknown = _NO_PARAMETER.search(first)
    existing = _EXISTING.search(text)
    if unknown and existing:
        first += did_you_mean(unknown[1], existing[1].split())
    return f"Vega-Lite: {where}: {first}" if where else f"Vega-Lite: {first}"
