"""Up-to-date builds: skipped only when no input changed and output/ is as the last build left it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from nutgraf.driver.build_record import BuildRecord, inputs_digest, output_digest
from tests.support import SAMPLE_EXPLAINER, build_in_process

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
UP_TO_DATE = "is up to date"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[dict[str, str], list[Path]]:
    for name, text in {"content/a.md": "A", "content/data/d.csv": "x\n1\n", "theme/base.html": "<html>"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {"PATH": str(tmp_path / "content"), "SITENAME": "Site"}, [tmp_path / "content", tmp_path / "theme"]


def test_inputs_digest_is_stable_and_sees_every_kind_of_change(folders, tmp_path: Path) -> None:
    settings, roots = folders
    before = inputs_digest(settings, roots, 1)
    assert inputs_digest(settings, roots, 1) == before
    changes = []
    (tmp_path / "content/data/d.csv").write_text("x\n2\n", encoding="utf-8")
    changes.append(inputs_digest(settings, roots, 1))
    (tmp_path / "theme/new.css").write_text("", encoding="utf-8")
    changes.append(inputs_digest(settings, roots, 1))
    changes.append(inputs_digest({**settings, "SITENAME": "Other"}, roots, 1))
    changes.append(inputs_digest({**settings, "SITENAME": "Other"}, roots, 2))
    (tmp_path / "content/a.md").rename(tmp_path / "content/b.md")  # same bytes, another name
    changes.append(inputs_digest({**settings, "SITENAME": "Other"}, roots, 2))
    assert len({before, *changes}) == len(changes) + 1


def test_output_digest_sees_a_touched_or_removed_file(tmp_path: Path) -> None:
    (tmp_path / "out/a").mkdir(parents=True)
    page = tmp_path / "out/a/index.html"
    page.write_text("x", encoding="utf-8")
    before = output_digest(tmp_path / "out")
    page.write_text("y", encoding="utf-8")
    assert output_digest(tmp_path / "out") != before
    page.unlink()
    assert output_digest(tmp_path / "out") not in (before, None)
    assert output_digest(tmp_path / "missing") is None


def test_a_record_matches_only_its_inputs_and_untouched_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("site", encoding="utf-8")
    record = BuildRecord.for_output(tmp_path / ".cache", output)
    assert not record.is_current("inputs", output)
    record.save("inputs", output)
    assert record.is_current("inputs", output)
    assert not record.is_current("other inputs", output)
    assert not BuildRecord.for_output(tmp_path / ".cache", tmp_path / "elsewhere").is_current("inputs", output)
    (output / "extra.html").write_text("", encoding="utf-8")
    assert not record.is_current("inputs", output)


def test_records_of_removed_output_folders_are_dropped(tmp_path: Path) -> None:
    kept, removed = tmp_path / "kept", tmp_path / "removed"
    for output in (kept, removed):
        output.mkdir()
        BuildRecord.for_output(tmp_path / ".cache", output).save("inputs", output)
    removed.rmdir()
    BuildRecord.for_output(tmp_path / ".cache", kept).save("inputs", kept)
    assert [path.name for path in (tmp_path / ".cache/builds").iterdir()] == [
        BuildRecord.for_output(tmp_path / ".cache", kept).path.name
    ]


def test_a_rebuild_with_nothing_changed_does_nothing(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    first = build_in_process("build", cwd=root, env=EPOCH)
    assert first.returncode == 0, first.stderr
    page = root / "output/explainers/good/index.html"
    written = page.stat()

    again = build_in_process("build", cwd=root, env=EPOCH)
    assert again.returncode == 0, again.stderr
    assert UP_TO_DATE in again.stderr
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)

    forced = build_in_process("build", "--force", cwd=root, env=EPOCH)
    assert forced.returncode == 0 and UP_TO_DATE not in forced.stderr
    assert page.stat().st_ino != written.st_ino


def test_an_edit_or_a_damaged_output_is_rebuilt(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert build_in_process("build", cwd=root, env=EPOCH).returncode == 0
    source = root / "content/explainers/good.md"
    source.write_text(
        SAMPLE_EXPLAINER.replace("## What's next\n\nThe third part.", "## What's next\n\nA new sentence."),
        encoding="utf-8",
    )
    edited = build_in_process("build", cwd=root, env=EPOCH)
    assert edited.returncode == 0 and UP_TO_DATE not in edited.stderr
    page = root / "output/explainers/good/index.html"
    assert "A new sentence." in page.read_text(encoding="utf-8")

    page.unlink()  # someone tidied output/ by hand: the site is not what the last build wrote
    repaired = build_in_process("build", cwd=root, env=EPOCH)
    assert repaired.returncode == 0 and UP_TO_DATE not in repaired.stderr
    assert page.is_file()


def test_a_failed_build_then_the_old_text_again_is_up_to_date(project: Callable[..., Path]) -> None:
    """The previous site stays after a failure, so going back to its inputs needs no build."""
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert build_in_process("build", cwd=root, env=EPOCH).returncode == 0
    source = root / "content/explainers/good.md"
    source.write_text(SAMPLE_EXPLAINER.replace("Date: 2026-03-02", "Date: not a date"), encoding="utf-8")
    assert build_in_process("build", cwd=root, env=EPOCH).returncode == 1
    source.write_text(SAMPLE_EXPLAINER, encoding="utf-8")
    restored = build_in_process("build", cwd=root, env=EPOCH)
    assert restored.returncode == 0 and UP_TO_DATE in restored.stderr
