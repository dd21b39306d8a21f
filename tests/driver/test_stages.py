"""The plugin contract as the driver runs it: every plugin of pelicanconf.py implements it, in an order it accepts."""

from __future__ import annotations

import pytest

from nutgraf.driver import stages
from nutgraf.driver.build import load_settings
from nutgraf.kernel.plugin import NutgrafPlugin
from tests.support import ROOT

PLUGINS = load_settings(ROOT / "pelicanconf.py")["PLUGINS"]


def test_every_plugin_implements_the_contract_in_the_configured_order() -> None:
    found = stages.plugins({"PLUGINS": PLUGINS})
    assert [plugin.name for plugin in found] == [name.rsplit(".", 1)[1] for name in PLUGINS]
    assert all(isinstance(plugin, NutgrafPlugin) for plugin in found)


def test_an_order_that_breaks_runs_after_is_refused() -> None:
    swapped = [name for name in PLUGINS if not name.endswith(".explainers")] + ["nutgraf.plugins.explainers"]
    with pytest.raises(stages.PluginOrderError, match="'i18n' before 'explainers'"):
        stages.plugins({"PLUGINS": swapped})


def test_a_pelican_plugin_that_is_not_nutgrafs_takes_no_stage() -> None:
    assert stages.plugins({"PLUGINS": ["json"]}) == []
