"""``invoke bench`` arguments: a median needs three rounds, except on sites large enough for one to do."""

from __future__ import annotations

import pytest

from nutgraf.driver.bench.__main__ import parse_arguments


def test_one_round_is_allowed_for_ten_thousand_explainers() -> None:
    args = parse_arguments(["--explainers", "10000", "--rounds", "1"])
    assert (args.explainers, args.rounds) == (10000, 1)


@pytest.mark.parametrize(
    "argv", [["--rounds", "1"], ["--quick", "--rounds", "2"], ["--explainers", "4999", "--rounds", "1"]]
)
def test_fewer_than_three_rounds_is_refused_below_five_thousand(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_arguments(argv)
    assert stopped.value.code == 2
    assert "at least 3 rounds" in capsys.readouterr().err


def test_quick_means_a_hundred_explainers() -> None:
    assert parse_arguments(["--quick"]).explainers == 100


def test_preview_latency_alone_keeps_a_thousand_explainers() -> None:
    args = parse_arguments(["--preview-latency"])
    assert (args.preview_latency, args.explainers) == (True, 1000)
