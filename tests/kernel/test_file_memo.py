"""Per-file results kept by content: computed again only for a changed file; a damaged memo is an empty one."""

from __future__ import annotations

from pathlib import Path

from nutgraf.kernel.file_memo import FileMemo


def test_a_result_is_computed_again_only_when_the_file_changed(tmp_path: Path) -> None:
    path = tmp_path / "memo.pickle"
    calls: list[str] = []

    def check(text: str) -> list[str]:
        calls.append(text)
        return [text.upper()]

    memo = FileMemo(path, "salt")
    assert memo.get("a.md", "one", lambda: check("one")) == ["ONE"]
    memo.save(prune=True)
    again = FileMemo(path, "salt")
    assert again.get("a.md", "one", lambda: check("one")) == ["ONE"]
    assert again.get("a.md", "two", lambda: check("two")) == ["TWO"]
    assert calls == ["one", "two"]
    assert FileMemo(path, "other salt").get("a.md", "one", lambda: check("one")) == ["ONE"]
    assert calls == ["one", "two", "one"]  # another salt (settings, versions) is another memo


def test_a_full_build_drops_what_it_did_not_use_and_a_damaged_memo_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "memo.pickle"
    memo = FileMemo(path, "salt")
    memo.get("a.md", "one", lambda: 1)
    memo.get("b.md", "two", lambda: 2)
    memo.save(prune=True)
    later = FileMemo(path, "salt")
    later.get("a.md", "one", lambda: 0)
    later.save(prune=True)
    assert FileMemo(path, "salt").get("b.md", "two", lambda: 3) == 3  # b.md was gone from that build
    path.write_bytes(b"not a pickle")
    assert FileMemo(path, "salt").get("a.md", "one", lambda: 4) == 4
