"""A build after edits, with every cache warm (Pelican's, the charts', the per-file checks', the compiled templates),
writes byte for byte the site a clean build of the same sources writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nutgraf.driver.bench import synthetic
from tests.support import build_in_process

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def build(root: Path, output: str, cache: Path) -> None:
    result = build_in_process("build", "--output", output, cwd=root, env=EPOCH | {"NUTGRAF_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr


def test_an_edited_site_built_with_warm_caches_is_the_site_built_clean(project: Callable[..., Path]) -> None:
    root = project()
    synthetic.write_site(root / "content", 3)
    build(root, "output", root / ".cache")
    explainer = root / "content" / "explainers" / "bench-00001.md"
    explainer.write_text(explainer.read_text(encoding="utf-8") + "\nA closing sentence added.\n", encoding="utf-8")
    data = next((root / "content" / "data" / "bench").glob("00002-0-*.csv"))
    data.write_text("\n".join(data.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    assert (root / ".cache" / "memo").is_dir() and (root / ".cache" / "templates").is_dir()

    build(root, "output", root / ".cache")  # the edit build: every cache warm
    build(root, "output-clean", root / ".cache-clean")  # the same sources, no cache

    edited, clean = tree(root / "output"), tree(root / "output-clean")
    assert sorted(edited) == sorted(clean)
    assert [name for name in clean if edited[name] != clean[name]] == []
    assert "A closing sentence added." in clean["explainers/bench-00001/index.html"].decode()
