"""The hostile corpus: each case gives its diagnostic at its line, exits 1 without a traceback, writes nothing."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from nutgraf.driver import stages
from nutgraf.driver.build import load_settings
from tests.hostile.corpus import BUILD_CASES, CHECK_CASES, OUTSIDE_FILES, Case
from tests.hostile.corpus_more import MORE_BUILD_CASES, MORE_CHECK_CASES
from tests.support import run_nutgraf

CHECK_CASES = [*CHECK_CASES, *MORE_CHECK_CASES]
BUILD_CASES = [*BUILD_CASES, *MORE_BUILD_CASES]

PREVIOUS_SITE = {"index.html": "<!doctype html><title>The previous site</title>", "explainers/old/index.html": "old"}


def make_case(project: Callable[..., Path], case: Case) -> Path:
    """The case's project, with its links, settings and a previous site in output/."""
    root = project(case.files)
    outside = root.parent / "outside"
    for name, text in OUTSIDE_FILES.items():
        (outside / name).parent.mkdir(parents=True, exist_ok=True)
        (outside / name).write_text(text, encoding="utf-8")
    for link, target in case.links.items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).unlink(missing_ok=True)
        inside = target.startswith("content/")
        (root / link).symlink_to(Path(target) if Path(target).is_absolute() else (root if inside else outside) / target)
    for fifo in case.fifos:
        (root / fifo).parent.mkdir(parents=True, exist_ok=True)
        (root / fifo).unlink(missing_ok=True)
        os.mkfifo(root / fifo)
    if case.settings:
        with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
            settings.write(case.settings)
    for name, text in PREVIOUS_SITE.items():
        (root / "output" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "output" / name).write_text(text, encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def expected(case: Case, root: Path) -> str:
    return f"{case.path}:{case.line(root)}: "


def test_the_corpus_is_large_enough() -> None:
    assert len(CHECK_CASES) + len(BUILD_CASES) >= 160
    assert len({case.name for case in [*CHECK_CASES, *BUILD_CASES]}) == len(CHECK_CASES) + len(BUILD_CASES)


@pytest.mark.parametrize("case", CHECK_CASES, ids=lambda case: case.name)
def test_the_content_check_reports_it(project: Callable[..., Path], case: Case) -> None:
    root = make_case(project, case)
    with redirect_stderr(io.StringIO()):  # draft notes
        diagnostics = [str(d) for d in stages.check_content(load_settings(root / "pelicanconf.py"))]
    prefix = expected(case, root)
    assert any(d.startswith(prefix) and case.message in d for d in diagnostics), (prefix, case.message, diagnostics)
    assert all(";" in d for d in diagnostics), "every diagnostic says how to fix it"
    assert snapshot(root / "output") == snapshot_of_previous(root)


def snapshot_of_previous(root: Path) -> dict[str, str]:
    return {name: hashlib.sha256(text.encode()).hexdigest() for name, text in sorted(PREVIOUS_SITE.items())}


# A representative few of the check cases also go through a real build, as editors and CI run it.
BUILT_CHECK_CASES = [
    "data path with ..",
    "explainer that is a link out of content/",
    "static data file linked to a secret",
    "explainer in UTF-16 with its BOM",
    "spec file with an invalid byte",
    "data file with too many rows",
    "JSON nested 100,000 deep",
    "Lang that breaks out of <html lang>",
    "two explainers with the same file name",
    "a letter in a column drawn as numbers",
    "a bad cell in a full spec's data",
    "a date with slashes",
    "an image without a credit",
    "sections that are not four",
    "a misspelt chart setting",
    "a page in Latin-1",
    "a chart block never closed",
    "a tab in a chart block",
]


@pytest.mark.parametrize(
    "case",
    [case for case in CHECK_CASES if case.name in BUILT_CHECK_CASES] + BUILD_CASES,
    ids=lambda case: case.name,
)
def test_the_build_fails_cleanly_and_keeps_the_previous_site(project: Callable[..., Path], case: Case) -> None:
    root = make_case(project, case)
    before = snapshot(root / "output")
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    prefix = expected(case, root)
    assert any(line.startswith(prefix) and case.message in line for line in lines), (prefix, result.stderr)
    assert snapshot(root / "output") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".output")], "no staging folder is left behind"


def test_what_an_altair_module_prints_stays_out_of_stdout(project: Callable[..., Path]) -> None:
    from tests.hostile.corpus import CHART, EXPLAINER, MODULE, altair_explainer

    module = "print('printed on import')\n" + MODULE.format(body="    print('printed by build')\n" + CHART)
    root = project({EXPLAINER: altair_explainer(), "content/charts/m.py": module})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "printed" not in result.stdout
    assert "printed on import" in result.stderr and "printed by build" in result.stderr
    assert (root / "output" / "explainers" / "a" / "index.html").is_file()
