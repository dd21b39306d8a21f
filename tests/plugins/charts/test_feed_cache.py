"""Feed entries with charts as images, kept across builds by what they are made from."""

from __future__ import annotations

from pathlib import Path

from nutgraf.plugins.charts.feed import FeedCache, charts_as_images

ENTRY = (
    '<figure class="chart" data-chart-image="charts/a.png"><div class="chart-graphic" aria-label="Sales rose">'
    '<svg class="chart-svg-wide" width="608" height="380"></svg></div></figure>'
)


def test_an_entry_is_rewritten_once_and_a_build_keeps_only_what_it_used(tmp_path: Path) -> None:
    cache = FeedCache(tmp_path / "feeds")
    expected = charts_as_images(ENTRY, "https://example.org")
    assert 'src="https://example.org/charts/a.png"' in expected
    assert cache.rewritten(ENTRY, "https://example.org") == expected
    assert cache.rewritten(ENTRY, "https://example.org") == expected
    assert len(list(cache.folder.glob("*/*"))) == 1
    next_build = FeedCache(tmp_path / "feeds")
    assert next_build.rewritten(ENTRY, "https://example.org") == expected  # read back, not parsed again
    next_build.prune()
    assert len(list(cache.folder.glob("*/*"))) == 1


def test_one_entry_serves_every_address_as_if_rewritten_for_it(tmp_path: Path) -> None:
    """A production build and the site check's build for a local address share it, and neither prunes it."""
    cache = FeedCache(tmp_path / "feeds")
    for domain in ("https://example.org/news/", "http://127.0.0.1:8123", "https://example.org"):
        assert cache.rewritten(ENTRY, domain) == charts_as_images(ENTRY, domain)
        # Figures name their image by the site's address too: the entry is the same for every address.
        absolute = ENTRY.replace('"charts/', f'"{domain.rstrip("/")}/charts/')
        assert cache.rewritten(absolute, domain) == charts_as_images(absolute, domain)
    assert cache.rewritten(ENTRY, "") == charts_as_images(ENTRY, "")  # relative URLs: an entry of its own
    assert len(list(cache.folder.glob("*/*"))) == 3  # the relative and the absolute figure, and no address
    odd = "https://example.org/a&b"  # an address HTML would escape: not swapped, not cached
    assert cache.rewritten(ENTRY, odd) == charts_as_images(ENTRY, odd)
    assert len(list(cache.folder.glob("*/*"))) == 3


def test_an_entry_holding_the_stand_in_address_is_not_cached(tmp_path: Path) -> None:
    hostile = ENTRY.replace("charts/a.png", "https://nutgraf-feed-address.invalid/x.png")
    cache = FeedCache(tmp_path / "feeds")
    assert cache.rewritten(hostile, "https://example.org") == charts_as_images(hostile, "https://example.org")
    assert "nutgraf-feed-address.invalid" in cache.rewritten(hostile, "https://example.org")  # left as written
    assert not list(cache.folder.glob("*/*"))
