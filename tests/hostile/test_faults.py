"""Faults injected into real builds: damaged caches, an output/ that cannot be replaced, a build killed
outright, an Altair module that leaves processes behind. Each must end cleanly, with nothing lost."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.hostile.corpus import CHART, CSV, EXPLAINER, MODULE, SHORTHAND, altair_explainer, with_chart
from tests.hostile.test_corpus import snapshot
from tests.support import nutgraf_env, run_nutgraf

CHARTED = {EXPLAINER: with_chart(SHORTHAND), "content/data/d.csv": CSV}


def _built(project: Callable[..., Path], files: dict[str, str] | None = None) -> Path:
    root = project(files or CHARTED)
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def _staging_left(root: Path) -> list[str]:
    return [p.name for p in root.iterdir() if p.name.startswith(".output")]


@pytest.mark.parametrize("damage", ["truncate", "flip a byte", "empty"])
def test_a_damaged_chart_cache_entry_is_rendered_again_never_served(project: Callable[..., Path], damage: str) -> None:
    root = _built(project)
    page = root / "output" / "explainers" / "a" / "index.html"
    good_page, good_site = page.read_bytes(), snapshot(root / "output")
    entries = [p for p in (root / ".cache" / "charts").rglob("*") if p.is_file() and p.name != "sha256.json"]
    assert {p.name for p in entries} >= {"wide.svg", "narrow.svg", "wide.vg.json", "narrow.vg.json", "card.png"}
    for entry in entries:
        data = entry.read_bytes()
        # Replaced, not written in place: output/ holds hard links to the cache's files.
        entry.unlink()
        changed = {"truncate": data[: len(data) // 2], "flip a byte": data[:-1] + b"\0", "empty": b""}[damage]
        entry.write_bytes(changed)
    result = run_nutgraf("build", "--force", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Rendered 1 chart" in result.stderr, result.stderr
    assert page.read_bytes() == good_page
    assert snapshot(root / "output") == good_site


def test_a_damaged_spec_memo_entry_is_built_again(project: Callable[..., Path]) -> None:
    root = _built(project)
    good = snapshot(root / "output")
    memos = list((root / ".cache").rglob("*.pickle"))
    assert memos
    for memo in memos:
        memo.write_bytes(memo.read_bytes()[:-7])
    shutil.rmtree(root / ".cache" / "charts")
    result = run_nutgraf("build", "--force", cwd=root)
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "output") == good


def _can(command: list[str]) -> bool:
    return shutil.which(command[0]) is not None and (
        subprocess.run(command, capture_output=True, check=False).returncode == 0
    )


@contextmanager
def _immutable(folder: Path) -> Iterator[None]:
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def _fails_and_keeps_the_site(root: Path, result: subprocess.CompletedProcess[str], before: dict[str, str]) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "was left exactly as it was" in result.stderr, result.stderr
    assert "previous site was left" not in result.stderr
    assert snapshot(root / "output") == before
    assert _staging_left(root) == []


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"), reason="needs root and unshare for a mount")
def test_a_read_only_output_folder_is_left_exactly_as_it_was(project: Callable[..., Path]) -> None:
    """output/ is a read-only mount (as root, permissions alone would not stop the build)."""
    root = _built(project)
    (root / "content" / "explainers" / "a.md").write_text(with_chart(SHORTHAND).replace("Floods", "Rain"))
    before = snapshot(root / "output")
    output = root / "output"
    script = (
        f"mount --bind '{output}' '{output}' && mount -o remount,bind,ro '{output}' '{output}' && "
        f"exec '{sys.executable}' -m nutgraf build"
    )
    command = ["unshare", "-m", "--propagation", "private", "sh", "-c", script]
    result = subprocess.run(command, cwd=root, env=nutgraf_env(cwd=root), capture_output=True, text=True, check=False)
    if "mount:" in result.stderr and "Permission denied" in result.stderr:
        pytest.skip("mounts are not allowed here")
    _fails_and_keeps_the_site(root, result, before)
    assert "cannot be changed" in result.stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("chattr"), reason="needs root and chattr")
def test_an_output_folder_that_cannot_be_moved_is_left_exactly_as_it_was(project: Callable[..., Path]) -> None:
    root = _built(project)
    (root / "content" / "explainers" / "a.md").write_text(with_chart(SHORTHAND).replace("Floods", "Rain"))
    before = snapshot(root / "output")
    if not _can(["chattr", "+i", str(root / "output")]):
        pytest.skip("this file system has no immutable attribute")
    subprocess.run(["chattr", "-i", str(root / "output")], check=True)
    with _immutable(root / "output"):
        result = run_nutgraf("build", cwd=root)
    _fails_and_keeps_the_site(root, result, before)


def _descendants(pid: int) -> set[int]:
    """Every process whose ancestry leads to ``pid``, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.update(children)
        todo.extend(children)
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by whoever inherited it, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.1)
    return {pid for pid in pids if _alive(pid)}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_build_takes_its_render_workers_with_it_and_the_next_build_cleans_up(
    project: Callable[..., Path],
) -> None:
    charts = "".join(
        f"\n\n```chart\n{SHORTHAND.replace('title: Values', f'title: Values {n}')}\n```" for n in range(24)
    )
    root = project({EXPLAINER: with_chart(SHORTHAND).replace("The third part.", "The third part." + charts)})
    (root / "content" / "data" / "d.csv").write_text(CSV, encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "nutgraf", "build"],
        cwd=root,
        env=nutgraf_env(cwd=root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and not workers:
            workers = _render_workers(build.pid)
            time.sleep(0.05)
        assert workers, "the build started no render worker"
        assert _staging_left(root), "the build is writing into its staging folder"
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert _gone_within(workers, 10) == set()
    finally:
        if build.poll() is None:
            build.kill()
    left = _staging_left(root)
    assert left
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert _staging_left(root) == []


def _render_workers(build: int) -> set[int]:
    found = set()
    for pid in _descendants(build):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" in command and _alive(pid):
            found.add(pid)
    return found


def test_an_altair_modules_processes_are_gone_after_the_build(project: Callable[..., Path]) -> None:
    body = (
        "    import subprocess, sys\n"
        "    child = subprocess.Popen(['sleep', '300'])\n"
        "    grandchild = subprocess.Popen(['sh', '-c', 'sleep 300 & echo $!'], stdout=subprocess.PIPE)\n"
        "    print('LEFT', child.pid, grandchild.stdout.readline().decode().strip(), file=sys.stderr)\n" + CHART
    )
    root = project({EXPLAINER: altair_explainer(), "content/charts/m.py": MODULE.format(body=body)})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("LEFT "))
    pids = {int(pid) for pid in line.split()[1:]}
    assert len(pids) == 2
    assert _gone_within(pids, 5) == set()


def test_a_staging_folder_in_use_by_another_build_is_not_removed(tmp_path: Path) -> None:
    import fcntl

    from nutgraf.driver.atomic_output import remove_abandoned_staging

    output = tmp_path / "output"
    output.mkdir()
    abandoned, busy = tmp_path / ".output-abandoned", tmp_path / ".output-busy"
    for folder in (abandoned, busy):
        (folder / "explainers").mkdir(parents=True)
        (folder / "explainers" / "half.html").write_text("half-written", encoding="utf-8")
    descriptor = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert remove_abandoned_staging(output) == [abandoned]
        assert busy.is_dir() and not abandoned.exists()
    finally:
        os.close(descriptor)


ALLOWED_HTML = (
    'The <abbr title="Gross domestic product">GDP</abbr> rose; CO<sub>2</sub> fell; press <kbd>Ctrl</kbd>.<br>\n'
    "A <mark>marked</mark> <small>aside</small>, <s>struck</s>, <q>quoted</q> from <cite>a report</cite>.\n\n"
    "[The statistics office](https://stats.example.org/report) and [us](mailto:desk@example.org).\n\n"
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n"
)


def test_html_within_the_policy_is_published_as_written(project: Callable[..., Path]) -> None:
    text = CHARTED[EXPLAINER].replace("The third part.", "The third part.\n\n" + ALLOWED_HTML)
    root = _built(project, {**CHARTED, EXPLAINER: text})
    page = (root / "output" / "explainers" / "a" / "index.html").read_text(encoding="utf-8")
    for fragment in (
        '<abbr title="Gross domestic product">GDP</abbr>',
        "CO<sub>2</sub>",
        "<kbd>Ctrl</kbd>",
        "<mark>marked</mark>",
        "<q>quoted</q>",
        "<cite>a report</cite>",
        '<a href="https://stats.example.org/report">',
        '<a href="mailto:desk@example.org">',
        'style="text-align: left;"',
    ):
        assert fragment in page


def test_a_data_file_name_unsafe_in_a_url_is_linked_encoded(project: Callable[..., Path]) -> None:
    name = "rates #1 (2026).csv"
    chart = SHORTHAND.replace("data/d.csv", f"'data/{name}'")
    root = _built(project, {EXPLAINER: with_chart(chart), f"content/data/{name}": CSV})
    page = (root / "output" / "explainers" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'href="/data/rates%20%231%20%282026%29.csv"' in page or "rates%20%231%20(2026).csv" in page, page
    assert (root / "output" / "data" / name).read_text(encoding="utf-8") == CSV


def _network_namespaces_allowed() -> bool:
    probe = (
        subprocess.run(["unshare", "-Urn", "true"], capture_output=True, check=False)
        if shutil.which("unshare")
        else None
    )
    return probe is not None and probe.returncode == 0


@pytest.mark.skipif(not _network_namespaces_allowed(), reason="this system allows no user or network namespace")
def test_an_altair_module_has_no_network_no_environment_and_a_folder_of_its_own(tmp_path: Path) -> None:
    from nutgraf.plugins.charts.sandbox import run_module

    module = tmp_path / "m.py"
    module.write_text(
        "import os, socket\nimport altair as alt\n\n\ndef build():\n"
        "    try:\n        socket.create_connection(('127.0.0.1', 9), timeout=2)\n        net = 'reached'\n"
        "    except OSError as error:\n        net = f'{error.errno}'\n"
        "    seen = f\"{net} {sorted(os.environ)} {os.getcwd()} {os.listdir('.')}\"\n"
        "    return alt.Chart(alt.Data(values=[{'a': 1}])).mark_text(text=seen).encode(x='a:Q')\n",
        encoding="utf-8",
    )
    os.environ["NUTGRAF_TEST_SECRET"] = "s3cret"
    try:
        spec = run_module(module, "build", None, shown="m.py", timeout=60)
    finally:
        del os.environ["NUTGRAF_TEST_SECRET"]
    network, rest = spec["mark"]["text"].split(" ", 1)
    assert network == "101"  # ENETUNREACH: not even the loopback interface is up
    assert "NUTGRAF_TEST_SECRET" not in rest and "PATH" not in rest
    assert "nutgraf-altair-" in rest and rest.endswith("[]")  # an empty temporary folder, not the project


READ_ONLY_PARENT = """
import sys
from pathlib import Path
from nutgraf.driver.atomic_output import OutputNotReplacedError, staged_directory
try:
    with staged_directory(Path(sys.argv[1])) as staging:
        (staging / "index.html").write_text("new")
except OutputNotReplacedError as error:
    print(error)
    sys.exit(3)
"""


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"), reason="needs root and unshare for a mount")
def test_a_read_only_parent_folder_fails_before_anything_is_written(old_site_folder: Path) -> None:
    parent = old_site_folder.parent
    before = snapshot(old_site_folder)
    script = (
        f"mount --bind '{parent}' '{parent}' && mount -o remount,bind,ro '{parent}' '{parent}' && "
        f"exec '{sys.executable}' -c '{READ_ONLY_PARENT}' '{old_site_folder}'"
    )
    result = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3, result.stderr
    assert "cannot make a staging folder beside" in result.stdout and "Read-only file system" in result.stdout
    assert snapshot(old_site_folder) == before
    assert sorted(p.name for p in parent.iterdir()) == ["output"]


@pytest.fixture
def old_site_folder(tmp_path: Path) -> Path:
    output = tmp_path / "site" / "output"
    (output / "explainers").mkdir(parents=True)
    (output / "index.html").write_text("old home", encoding="utf-8")
    return output
