"""Our settings are checked once, before anything runs: a wrong value or a misspelt name is a path:line message
whose hint fixes it, never a traceback, never silence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from nutgraf.driver.build import load_settings
from nutgraf.kernel.settings_check import RULES, check_settings
from tests.plugins.explainers.helpers import VALID
from tests.support import run_nutgraf


def with_settings(project: Callable[..., Path], lines: str) -> Path:
    root = project({"content/explainers/a.md": VALID})
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(lines)
    return root


def line_of(root: Path, name: str) -> int:
    lines = (root / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if line.startswith(f"{name} =")][-1]


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ('EXPLAINER_SECTIONS = ["x"]', "EXPLAINER_SECTIONS must be a list of the four sections in order"),
        ("CHARTS_WIDHT = 700", "CHARTS_WIDHT is not a nutgraf setting (did you mean 'CHARTS_WIDTH'?)"),
        ('CHARTS_WIDTH = "wide"', "CHARTS_WIDTH must be a whole number of at least 100, not 'wide'"),
        ("CHARTS_ASPECT = 0", "CHARTS_ASPECT must be a number above 0, not 0"),
        ('CHARTS_PALETTE = ["blue"]', "CHARTS_PALETTE must be a list of colours such as '#0072b2'"),
        ("SEARCH_ENABLED = 'no'", "SEARCH_ENABLED must be True or False, not 'no'"),
        ('PUBLISH_CNAME = "https://news.example.org/"', "PUBLISH_CNAME must be a bare host name"),
        ("EXPLAINER_RELATED_COUNT = -1", "EXPLAINER_RELATED_COUNT must be a whole number of at least 0"),
        ("I18N_HOME_PAGE = False", "I18N_HOME_PAGE is not a nutgraf setting (did you mean 'I18N_HOME_PAGES'?)"),
        # Pelican's own, which the theme's listings rely on: Pelican would fail mid-build on a text.
        ('DEFAULT_PAGINATION = "24"', "DEFAULT_PAGINATION must be a whole number of at least 1, or False"),
        ("DEFAULT_PAGINATION = 0", "DEFAULT_PAGINATION must be a whole number of at least 1, or False (every"),
    ],
)
def test_a_wrong_setting_is_one_message_at_its_line(
    project: Callable[..., Path], assignment: str, message: str
) -> None:
    root = with_settings(project, f"\n{assignment}\n")
    found = [str(d) for d in check_settings(load_settings(root / "pelicanconf.py"))]
    name = assignment.split(" =")[0]
    assert len(found) == 1 and found[0].startswith(f"pelicanconf.py:{line_of(root, name)}: {message}"), found


def test_the_build_reports_it_without_a_traceback_and_the_hint_fixes_it(project: Callable[..., Path]) -> None:
    root = with_settings(project, '\nEXPLAINER_SECTIONS = ["x"]\nCHARTS_WIDHT = 700\n')
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"pelicanconf.py:{line_of(root, 'EXPLAINER_SECTIONS')}: EXPLAINER_SECTIONS must be" in result.stderr
    assert f"pelicanconf.py:{line_of(root, 'CHARTS_WIDHT')}: CHARTS_WIDHT is not a nutgraf setting" in result.stderr
    assert not (root / "output").exists()
    text = (root / "pelicanconf.py").read_text(encoding="utf-8")
    (root / "pelicanconf.py").write_text(
        text.replace('EXPLAINER_SECTIONS = ["x"]', "").replace("CHARTS_WIDHT", "CHARTS_WIDTH"), encoding="utf-8"
    )
    assert run_nutgraf("build", cwd=root).returncode == 0


def test_the_projects_own_settings_pass(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/a.md": VALID})
    assert check_settings(load_settings(root / "pelicanconf.py")) == []


def test_every_setting_the_readme_documents_is_known() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    documented = {word.strip("`") for word in readme.split() if word.startswith("`EXPLAINER_") and word.endswith("`")}
    assert documented and documented <= set(RULES)
