"""The searchable copies of pages kept between builds: a page is read again only when it is not the file the
last build indexed, and a damaged copy is made again rather than indexed."""

from __future__ import annotations

import os
from pathlib import Path

from nutgraf.plugins.search.pagefind_index import PageCopies, searchable_pages

PAGE = "<html><body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>"


def write_site(site: Path, text: str) -> None:
    (site / "a").mkdir(parents=True, exist_ok=True)
    (site / "a" / "index.html").write_text(PAGE.format(title="Ferries", text=text), encoding="utf-8")
    (site / "archive.html").write_text("<html><body><h1>Archive</h1></body></html>", encoding="utf-8")
    (site / "pagefind").mkdir(exist_ok=True)
    (site / "pagefind" / "skip.html").write_text(PAGE.format(title="Index", text="not a page"), encoding="utf-8")


def pages(site: Path, cache: Path) -> list[tuple[str, str, str]]:
    copies = PageCopies(cache)
    found = searchable_pages(site, "pagefind", copies)
    copies.save()
    return found


def test_only_searchable_pages_are_indexed_and_the_index_folder_is_skipped(tmp_path: Path) -> None:
    write_site(tmp_path / "site", "Crossings fell.")
    found = pages(tmp_path / "site", tmp_path / "cache")
    assert [url for url, _, _ in found] == ["/a/"]
    assert "Crossings fell." in found[0][2]


def test_a_page_written_again_is_read_again(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_site(site, "Crossings fell.")
    pages(site, cache)
    page = site / "a" / "index.html"
    status = page.stat()
    # As the writer does: a new file (never written through a link), here even with the old size and time.
    replacement = site / "a" / "new.tmp"
    replacement.write_text(PAGE.format(title="Ferries", text="Crossings rose."), encoding="utf-8")
    os.utime(replacement, ns=(status.st_atime_ns, status.st_mtime_ns))
    replacement.replace(page)
    assert "Crossings rose." in pages(site, cache)[0][2]


def test_the_very_file_indexed_is_not_read_again(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_site(site, "Crossings fell.")
    first = pages(site, cache)
    page = site / "a" / "index.html"
    status = page.stat()
    # Same inode, size and time: only a tool setting the time back to the nanosecond does this. Its words
    # come from the copy kept, which shows that the page itself was not read.
    page.write_text(PAGE.format(title="Ferries", text="Crossings rose."), encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert pages(site, cache) == first


def test_a_damaged_copy_is_made_again_never_indexed(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_site(site, "Crossings fell.")
    ((url, digest, copy),) = pages(site, cache)
    kept = cache / digest[:2] / digest
    kept.write_text(copy.replace("Crossings fell.", "Crossings rose."), encoding="utf-8")
    assert pages(site, cache) == [(url, digest, copy)]
    assert kept.read_text(encoding="utf-8") == copy


def test_a_damaged_record_of_pages_reads_every_page(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_site(site, "Crossings fell.")
    first = pages(site, cache)
    (cache / "pages.json").write_text('{"version": "2", "pages": [1, 2]', encoding="utf-8")
    assert pages(site, cache) == first
    (cache / "pages.json").write_text('{"version": "2", "pages": {"a/index.html": [1]}, "copies": []}')
    assert pages(site, cache) == first


def test_copies_of_pages_no_longer_in_the_site_are_forgotten(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_site(site, "Crossings fell.")
    ((_, digest, _),) = pages(site, cache)
    (site / "a" / "index.html").unlink()
    assert pages(site, cache) == []
    assert not (cache / digest[:2] / digest).exists()
