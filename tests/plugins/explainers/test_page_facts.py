"""An explainer's page facts are kept by its text: an edit works out the edited explainer's again, not every one's."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.driver import stages
from nutgraf.driver.build import load_settings, open_build_context
from nutgraf.kernel.context import close_context
from nutgraf.plugins.explainers.hooks import options_for
from nutgraf.plugins.explainers.page_facts import MEMO, page_facts
from tests.support.project import make_project
from tests.support.samples import SAMPLE_EXPLAINER

RAIN = SAMPLE_EXPLAINER.replace("Floods in the delta", "Rain in the hills")


def test_an_edit_works_out_the_page_facts_of_the_edited_explainer_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        tmp_path, {"content/explainers/floods.md": SAMPLE_EXPLAINER, "content/explainers/rain.md": RAIN}
    )
    monkeypatch.setenv("NUTGRAF_CACHE", str(root / ".cache"))
    settings = load_settings(root / "pelicanconf.py")

    def check() -> tuple[list[str], str]:
        """A build's check stage: the files whose facts it worked out, and the rain explainer's teaser as read."""
        context = open_build_context(settings)
        try:
            assert [str(d) for d in stages.check_content(settings, context) if d.is_error] == []
            context.save_memos(prune=True)
            memo = context.memo(MEMO, "")
            computed = list(memo.computed)
            rain = context.content.record_for(root / "content/explainers/rain.md")
            assert rain is not None
            teaser = page_facts(context, rain, rain.lang, options_for(settings)).matters_line
            assert memo.computed == computed  # the page found what the check worked out
            return sorted(computed), teaser
        finally:
            close_context(context)

    assert check() == (["content/explainers/floods.md", "content/explainers/rain.md"], "The second part.")
    assert check() == ([], "The second part.")
    rain = root / "content/explainers/rain.md"
    rain.write_text(RAIN.replace("The second part.", "Hills matter."), encoding="utf-8")
    assert check() == (["content/explainers/rain.md"], "Hills matter.")
