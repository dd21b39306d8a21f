"""The home card's teaser: the writer's `Teaser:`, else the first sentence of "Why it matters" that says
something (a lead-in such as "This is crucial for several reasons." is passed over)."""

from __future__ import annotations

from nutgraf.plugins.explainers.model import first_sentence
from nutgraf.plugins.explainers.settings import KNOWN_METADATA


def test_a_lead_in_is_passed_over_for_the_sentence_that_says_why() -> None:
    paragraph = "This crackdown is crucial for several reasons. It addresses the growing concern over scams. More."
    assert first_sentence(paragraph) == "It addresses the growing concern over scams."
    assert first_sentence("Here's why it matters: prices. Then more.") == "Then more."
    assert first_sentence("Where a state's power comes from shapes its emissions. Second.") == (
        "Where a state's power comes from shapes its emissions."
    )
    assert first_sentence("There are several reasons.") == "There are several reasons."  # nothing better to say


def test_teaser_is_a_front_matter_key_and_no_typo() -> None:
    assert "teaser" in KNOWN_METADATA
