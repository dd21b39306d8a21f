"""A build's chart work is kept by what it reads: an edited data file's chart is checked and prepared again, the
other charts are not, and a document's blocks are parsed again only when its text changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.driver import stages
from nutgraf.driver.build import load_settings, open_build_context
from nutgraf.kernel.context import close_context
from nutgraf.plugins.charts.hooks import BLOCKS_MEMO, CHECKS_MEMO, PREPARED_MEMO
from tests.plugins.charts.test_build import CHART_A, CHART_B, explainer
from tests.support.project import make_project

MEMOS = (BLOCKS_MEMO, CHECKS_MEMO, PREPARED_MEMO)


def test_an_edit_checks_and_prepares_again_only_the_charts_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        tmp_path,
        {
            "content/explainers/sales.md": explainer(CHART_A),
            "content/explainers/costs.md": explainer(CHART_B).replace("Title: Charts", "Title: Costs"),
            "content/data/a.csv": "year,sales\n2020,1\n2021,2\n",
            "content/data/b.csv": "year,costs\n2020,3\n2021,4\n",
        },
    )
    monkeypatch.setenv("NUTGRAF_CACHE", str(root / ".cache"))
    settings = load_settings(root / "pelicanconf.py", {"CHARTS_WORKERS": 1})

    def build_stages() -> dict[str, list[str]]:
        """A build's check and preparation: for each chart memo, the documents or blocks whose work was done."""
        context = open_build_context(settings)
        try:
            assert [str(d) for d in stages.check_content(settings, context) if d.is_error] == []
            context.save_memos(prune=True)
            stages.prepare_build(context)
            return {name: sorted(context.memo(name, "").computed) for name in MEMOS}
        finally:
            close_context(context)

    sales, costs = "content/explainers/sales.md", "content/explainers/costs.md"
    first = build_stages()
    assert first[BLOCKS_MEMO] == [costs, sales]
    assert [where.split(":")[0] for where in first[CHECKS_MEMO]] == [costs, sales]
    assert first[PREPARED_MEMO] == first[CHECKS_MEMO]
    assert build_stages() == {name: [] for name in MEMOS}
    (root / "content/data/b.csv").write_text("year,costs\n2020,3\n", encoding="utf-8")  # a row dropped
    edited = build_stages()
    assert edited[BLOCKS_MEMO] == []  # no text changed
    assert [where.split(":")[0] for where in edited[CHECKS_MEMO]] == [costs]
    assert edited[PREPARED_MEMO] == edited[CHECKS_MEMO]
    sales_file = root / sales
    sales_file.write_text(sales_file.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert build_stages() == {BLOCKS_MEMO: [sales], CHECKS_MEMO: [], PREPARED_MEMO: []}  # the same chart block
