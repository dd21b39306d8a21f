"""The contract between nutgraf's build and its plugins: the stages a plugin may take part in.

Each plugin package (named in ``PLUGINS``) has a module ``plugin`` whose ``PLUGIN`` implements
``NutgrafPlugin``; the driver (``nutgraf.driver.stages``) imports it, orders the plugins by what
each says it runs after, and runs the stages:

- ``check_content(context) -> list[Diagnostic]``: every problem in the content, writing nothing
  (``invoke check`` and every build run it); notes come back with the errors;
- ``prepare_build(context)``: heavy work done once before Pelican runs (rendering all charts);
- ``finalize_output(context, output)``: work on the finished site before it replaces ``output/``.

Plain methods rather than Pelican signals, so that checking content needs no Pelican run and a
failing stage stops the build before anything is published. Pelican's signals are wired by each
package's ``register()``, as Pelican expects; they run in ``PLUGINS`` order, which the driver checks
against ``runs_after``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.diagnostics import Diagnostic


@runtime_checkable
class NutgrafPlugin(Protocol):
    """A plugin's part in the build."""

    name: str
    # The plugins whose stages and signal handlers must run before this one's, when they are loaded.
    runs_after: tuple[str, ...]

    def check_content(self, context: BuildContext) -> list[Diagnostic]: ...

    def prepare_build(self, context: BuildContext) -> None: ...

    def finalize_output(self, context: BuildContext, output: Path) -> None: ...


class Plugin:
    """A base that takes part in no stage: a plugin overrides the stages it needs."""

    name: str = ""
    runs_after: tuple[str, ...] = ()

    def check_content(self, context: BuildContext) -> list[Diagnostic]:
        return []

    def prepare_build(self, context: BuildContext) -> None:
        return None

    def finalize_output(self, context: BuildContext, output: Path) -> None:
        return None
