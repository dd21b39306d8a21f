"""Built specs remembered by what they are built from: the block's drawing keys, data bytes and spec code."""

from __future__ import annotations

from pathlib import Path

from nutgraf.plugins.charts.data import DEFAULT_LIMITS, DataError, resolve_inside
from nutgraf.plugins.charts.spec_memo import ContentFiles, SpecMemo, _spec_modules, memo_key
from tests.plugins.charts.helpers import SHORTHAND, block, content


def test_the_key_follows_the_data_bytes_and_the_drawing_not_the_wording(tmp_path: Path) -> None:
    root = content(tmp_path)
    key = memo_key(block(SHORTHAND), root, DEFAULT_LIMITS)
    assert key is not None
    assert memo_key(block(SHORTHAND.replace("Two lines.", "Two rising lines.")), root, DEFAULT_LIMITS) == key
    assert memo_key(block(SHORTHAND.replace("mark: line", "mark: bar")), root, DEFAULT_LIMITS) != key
    data = root / "data" / "power.csv"
    data.write_text(data.read_text(encoding="utf-8") + "2003-01-01,Wind,30\n", encoding="utf-8")
    assert memo_key(block(SHORTHAND), root, DEFAULT_LIMITS) != key


def test_a_remembered_spec_comes_back_from_disk_in_a_new_memo(tmp_path: Path) -> None:
    root = content(tmp_path)
    built, digest = SpecMemo(tmp_path / "specs").build_hashed(block(SHORTHAND), root)
    assert list((tmp_path / "specs").rglob("*.pickle"))
    again, again_digest = SpecMemo(tmp_path / "specs").build_hashed(block(SHORTHAND), root)
    assert (again.vega_lite, again_digest) == (built.vega_lite, digest)


def test_only_the_code_that_builds_specs_keys_them() -> None:
    names = {path.name for path in _spec_modules()}
    assert {"spec.py", "data.py", "block.py", "spec_memo.py"} <= names
    assert not names & {"pool.py", "render.py", "html.py", "hooks.py", "library.py", "feed.py"}


def test_a_builds_content_files_are_found_as_resolve_inside_finds_them(tmp_path: Path) -> None:
    root = content(tmp_path, {"data/sub/more.csv": "a\n1\n"})
    (tmp_path / "outside.csv").write_text("a\n1\n", encoding="utf-8")
    (root / "linked").symlink_to(root / "data", target_is_directory=True)  # a folder linked inside content/
    (root / "data" / "alias.csv").symlink_to(root / "data" / "power.csv")
    (root / "data" / "away.csv").symlink_to(tmp_path / "outside.csv")
    (root / "away").symlink_to(tmp_path, target_is_directory=True)
    files = ContentFiles(root)
    names = ["data/power.csv", "data/sub/more.csv", "linked/power.csv", "data/alias.csv", "data/sub/../power.csv"]
    names += ["data/away.csv", "away/outside.csv", "../outside.csv", "data/missing.csv", "data", "/etc/passwd", ""]
    for name in [*names, "data//power.csv", "./data/power.csv", 3]:
        try:
            expected: object = resolve_inside(root, name)
            expected = (expected, expected.relative_to(root.resolve()).as_posix())
        except DataError as error:
            expected = str(error)
        try:
            found: object = files.find(name)
        except DataError as error:
            found = str(error)
        assert found == expected, name
