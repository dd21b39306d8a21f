"""The site check's extrapolation: the full check grows with the pages, a one-explainer scope does not."""

from __future__ import annotations

from nutgraf.driver.bench.site_check_timing import extrapolate

MEASURED = {
    "site_check_explainers": 100,
    "site_check_build_s": 20.0,
    "site_check_pages": 170,
    "site_check_full_s": 20.0 + 170 * 4.0,
    "site_check_full_per_page_s": 4.0,
    "site_check_scoped_pages": 15,
    "site_check_scoped_s": 20.0 + 15 * 5.0,
    "site_check_scoped_per_page_s": 5.0,
}


def test_full_scales_with_pages_scoped_only_with_the_build() -> None:
    at = extrapolate(MEASURED, 1000)
    assert at["pages"] == 1700
    assert at["full_s"] == 200.0 + 1700 * 4.0
    assert at["scoped_s"] == 200.0 + 15 * 5.0
    assert extrapolate(MEASURED, 1000, build_s=30.0)["scoped_s"] == 30.0 + 15 * 5.0
