"""A valid explainer to break in tests, and a quick way to run the content check on it."""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.plugins.explainers.validate import Findings, collect
from tests.support import SAMPLE_EXPLAINER

VALID = SAMPLE_EXPLAINER  # the tests' one sample explainer (tests.support.samples)


def settings_for(root: Path) -> dict[str, object]:
    return {"PATH": str(root / "content"), "ARTICLE_PATHS": ["explainers"]}


def findings(root: Path, text: str | bytes, name: str = "a.md") -> Findings:
    """The check's findings for one explainer written to ``root/content/explainers/name``."""
    path = root / "content" / "explainers" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return collect(settings_for(root))


def errors(root: Path, text: str | bytes, name: str = "a.md") -> list[Diagnostic]:
    return findings(root, text, name).errors


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    msg = f"{needle!r} not in text"
    raise AssertionError(msg)
