"""The site check's extrapolation: the full check grows with the pages, a one-explainer scope does not."""

from __future__ import annotations

import io

from nutgraf.driver.bench.site_check_timing import FULL_CHECK_SAMPLE, extrapolate, full_check_shares, print_table

MEASURED = {
    "site_check_explainers": 100,
    "site_check_build_s": 20.0,
    "site_check_pages": 170,
    "site_check_full_s": 20.0 + 170 * 4.0,
    "site_check_full_per_page_s": 4.0,
    "site_check_scoped_pages": 15,
    "site_check_scoped_s": 20.0 + 15 * 5.0,
    "site_check_scoped_per_page_s": 5.0,
    "cache_mb_after_prune": 50.0,
}


def test_full_scales_with_pages_scoped_only_with_the_build() -> None:
    at = extrapolate(MEASURED, 1000)
    assert at["pages"] == 1700
    assert at["full_s"] == 200.0 + 1700 * 4.0
    assert at["scoped_s"] == 200.0 + 15 * 5.0
    assert extrapolate(MEASURED, 1000, build_s=30.0)["scoped_s"] == 30.0 + 15 * 5.0


def test_a_large_site_is_timed_on_one_share_of_about_the_sample_size() -> None:
    assert full_check_shares(170) == 2 and full_check_shares(FULL_CHECK_SAMPLE // 2) == 1
    assert 0.8 * FULL_CHECK_SAMPLE <= 1650 / full_check_shares(1650) <= 1.2 * FULL_CHECK_SAMPLE
    out = io.StringIO()
    sampled = MEASURED | {"site_check_full_shares": 2, "site_check_full_checked_pages": 85}
    print_table(sampled, extrapolate(sampled, 1000), out)
    assert "full check, from share 1 of 2 (85 pages)" in out.getvalue()
