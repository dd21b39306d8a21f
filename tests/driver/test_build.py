"""The strict build: a warning fails it, and a failed build never touches output/."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import SAMPLE_EXPLAINER, nutgraf_env, run_nutgraf


def test_build_writes_the_site(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "explainers" / "good" / "index.html").is_file()
    assert (root / "output" / "index.html").is_file()
    assert not list(root.glob(".output-*")), "the staging folder was left behind"


def test_invalid_date_fails_the_build_naming_the_file(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/bad-date.md": SAMPLE_EXPLAINER.replace("2026-03-02", "not a date")})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode != 0
    assert "bad-date.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


def test_failed_build_leaves_previous_site_untouched(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert run_nutgraf("build", cwd=root).returncode == 0
    before = {p.relative_to(root / "output"): p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    (root / "content/explainers/bad.md").write_text(
        SAMPLE_EXPLAINER.replace("2026-03-02", "yesterday"), encoding="utf-8"
    )
    assert run_nutgraf("build", cwd=root).returncode != 0
    after = {p.relative_to(root / "output"): p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    assert after == before


# A plugin package that exists only in the throwaway project: its plugin module takes part in one build stage.
TEST_PLUGIN = {
    "slow": """
import time
from pathlib import Path

from nutgraf.kernel.plugin import Plugin

class Slow(Plugin):
    name = "slow"

    def finalize_output(self, context, output):
        Path(context.settings["PATH"], "..", "finalize-started").write_text(str(output))
        time.sleep(600)  # until the test interrupts the build

PLUGIN = Slow()
""",
    "raises": """
from nutgraf.kernel.plugin import Plugin

class Raises(Plugin):
    name = "raises"

    def finalize_output(self, context, output):
        raise RuntimeError("a bug in a plugin")

PLUGIN = Raises()
""",
    "content-error": """
from nutgraf.kernel.diagnostics import ContentError, Diagnostic
from nutgraf.kernel.plugin import Plugin

class Fails(Plugin):
    name = "content-error"

    def prepare_build(self, context):
        raise ContentError([Diagnostic("content/explainers/good.md", 3, "chart failed to render", "fix the spec")])

PLUGIN = Fails()
""",
}


def _with_test_plugin(root: Path, name: str) -> dict[str, str]:
    """Settings using plugin ``name`` besides ours; returns the environment that finds it."""
    package = root / "testplugins" / name.replace("-", "_")
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("def register():\n    pass\n", encoding="utf-8")
    (package / "plugin.py").write_text(TEST_PLUGIN[name], encoding="utf-8")
    (root / "testconf.py").write_text(
        "from pelicanconf import *  # noqa: F403\n"
        'PLUGIN_PATHS = ["testplugins"]\n'
        f"PLUGINS = [*PLUGINS, {package.name!r}]  # noqa: F405\n",
        encoding="utf-8",
    )
    return {"PYTHONPATH": str(root / "testplugins")}  # a third-party plugin beside the project


def _site(root: Path) -> dict[str, bytes]:
    output = root / "output"
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("plugin", "expected"),
    [
        ("raises", "a bug in a plugin"),
        ("content-error", "content/explainers/good.md:3: chart failed to render; fix the spec"),
    ],
)
def test_a_failing_plugin_stage_leaves_the_previous_site(
    project: Callable[..., Path], plugin: str, expected: str
) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert run_nutgraf("build", cwd=root).returncode == 0
    before = _site(root)
    env = _with_test_plugin(root, plugin)
    (root / "content/explainers/good.md").write_text(
        SAMPLE_EXPLAINER.replace("The first part.", "Changed."), encoding="utf-8"
    )
    result = run_nutgraf("build", "--settings", "testconf.py", cwd=root, env=env)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "the previous site was left as it was" in result.stderr
    assert _site(root) == before
    assert not list(root.glob(".output-*")), "the staging folder was left behind"


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_an_interrupted_build_leaves_the_previous_site_and_no_staging(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert run_nutgraf("build", cwd=root).returncode == 0
    before = _site(root)
    env = nutgraf_env(_with_test_plugin(root, "slow"), root)
    (root / "content/explainers/good.md").write_text(
        SAMPLE_EXPLAINER.replace("The first part.", "Changed."), encoding="utf-8"
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "nutgraf", "build", "--settings", "testconf.py"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it, even where the test runner was started in the background (a shell
        # then starts it, and so the build, with SIGINT ignored).
        preexec_fn=_interruptible,
    )
    started = root / "finalize-started"
    try:
        # Wait until Pelican has written the new site into the staging folder and the last stage runs.
        for _ in range(6000):
            if started.exists() or build.poll() is not None:
                break
            time.sleep(0.05)
        assert started.exists(), build.communicate()[1] if build.poll() is not None else "the build never got there"
        staging = Path(started.read_text(encoding="utf-8"))
        assert (staging / "explainers" / "good" / "index.html").is_file(), "the staging folder was not half-done"
        build.send_signal(signal.SIGINT)
        _, stderr = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode == 130, stderr
    assert "Interrupted; the previous site was left as it was." in stderr
    assert "Traceback" not in stderr
    assert _site(root) == before
    assert not staging.exists()
    assert not list(root.glob(".output-*")), "the staging folder was left behind"
