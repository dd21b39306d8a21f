"""Embargoes: a production build leaves out an explainer dated in the future, until its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from nutgraf.driver.build import load_settings
from nutgraf.plugins.explainers.embargo import withheld
from tests.conftest import run_nutgraf
from tests.plugins.explainers.helpers import VALID

FUTURE = VALID.replace("Date: 2026-03-02", "Date: 2099-01-01 09:00").replace("Floods in the delta", "Tides")


def test_production_leaves_out_a_future_explainer_development_shows_it(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project({"content/explainers/now.md": VALID, "content/explainers/later.md": FUTURE})
    production = tmp_path / "production"
    built = run_nutgraf(
        "build",
        "--settings",
        "publishconf.py",
        "--output",
        str(production),
        cwd=root,
        env={"SITEURL": "https://example.org"},
    )
    assert built.returncode == 0, built.stderr
    assert (production / "explainers" / "now" / "index.html").is_file()
    leaked = [path for path in production.rglob("*") if "later" in path.name or "later" in str(path.parent)]
    assert leaked == []
    for page in production.rglob("*.html"):
        assert "Tides" not in page.read_text(encoding="utf-8"), page
    assert "explainers/later/" not in (production / "sitemap.xml").read_text(encoding="utf-8")

    assert run_nutgraf("build", cwd=root).returncode == 0
    assert (root / "output" / "explainers" / "later" / "index.html").is_file()  # an editor previews it


def test_what_is_withheld_changes_when_the_date_comes(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/now.md": VALID, "content/explainers/later.md": FUTURE})
    settings = load_settings(root / "pelicanconf.py", {"WITH_FUTURE_DATES": False})
    before = dt.datetime(2098, 12, 31, tzinfo=dt.UTC)
    assert withheld(settings, now=before) == ["later.md"]
    assert withheld(settings, now=dt.datetime(2099, 1, 1, 9, 1, tzinfo=dt.UTC)) == []
    assert withheld(load_settings(root / "pelicanconf.py"), now=before) == []  # development: nothing withheld
