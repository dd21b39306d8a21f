"""Per-file results kept by content: computed again only for a changed file; a damaged memo is an empty one."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from nutgraf.kernel.file_memo import FileDigests, FileMemo


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


def test_a_files_digest_is_kept_by_its_stat_and_a_file_changed_since_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FileDigests, "RECENT_NS", 0)  # the files here were all written a moment ago
    data, store = tmp_path / "d.csv", tmp_path / "digests.pickle"
    data.write_bytes(b"year,value\n2001,1\n")
    first = FileDigests(store)
    assert first.digest(data) == hashlib.sha256(data.read_bytes()).hexdigest()
    first.save()
    assert FileDigests(store)._entries.keys() == {str(data)}  # kept: the next build need not read it
    before = data.stat()
    time.sleep(0.05)  # past the clock's tick
    data.write_bytes(b"year,value\n2001,2\n")  # same size...
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # ...and modification time put back
    assert FileDigests(store).digest(data) == hashlib.sha256(b"year,value\n2001,2\n").hexdigest()


def test_a_file_changed_just_before_it_is_hashed_is_not_kept(tmp_path: Path) -> None:
    data, store = tmp_path / "d.csv", tmp_path / "digests.pickle"
    data.write_bytes(b"year,value\n2001,1\n")
    digests = FileDigests(store)
    digests.digest(data)
    digests.save()
    assert FileDigests(store)._entries == {}  # it could change again within the tick its hash saw
