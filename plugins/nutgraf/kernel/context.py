"""One build's shared state, and the small handle by which Pelican's signal handlers reach it.

The driver opens a context per build (``nutgraf.driver.build``) and closes it when the build ends; a plain
``pelican`` run gets one the first time a handler asks (``context_for``). The settings carry only the
context's key (``NUTGRAF_BUILD``, a string), because Pelican copies its settings into every generator's
context and pickles them into its content cache: a key survives both, the state it names stays here.

What a plugin keeps for the rest of a build (the charts' library, the social cards still to draw) lives
under the plugin's name (``state``). What one plugin offers the others (the page's gettext and dates
in its language, from i18n) is a field with a plain default, so that no plugin needs another loaded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from nutgraf.kernel.file_memo import FileMemo
from nutgraf.kernel.sources import Content, read_content

CONTEXT_SETTING = "NUTGRAF_BUILD"

T = TypeVar("T")
Gettext = Callable[[str], str]


def untranslated(lang: str | None) -> Gettext:
    """The gettext of every language when no catalogues are loaded: the message itself."""
    return str


def date_as_given(value: dt.date, lang: str | None, default_format: str) -> str:
    """A date in the format the settings give, whatever the page's language."""
    return value.strftime(default_format)


@dataclass(eq=False)
class BuildContext:
    """The state of one build, shared by every stage and signal handler of every plugin."""

    settings: MutableMapping[str, Any]
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Offered by the i18n plugin when it is loaded: a page's gettext, and a date as the page's language writes it.
    gettext_for: Callable[[str | None], Gettext] = untranslated
    format_date: Callable[[dt.date, str | None, str], str] = date_as_given
    # Opened by a page hook in a plain ``pelican`` run rather than by the driver: see ``end_of_pelican_run``.
    lazy: bool = False
    # Where per-file results are kept between builds (``memo``); None: only for this build.
    memo_folder: Path | None = None
    _state: dict[str, Any] = field(default_factory=dict)
    _content: Content | None = None
    _memos: dict[str, FileMemo] = field(default_factory=dict)
    _pruned: bool | None = None  # how the checks' memos were saved: None, not yet
    _pending: list[Callable[[], None]] = field(default_factory=list)

    @property
    def content(self) -> Content:
        """Every Markdown source, read the first time a check, stage or page hook asks: once per build."""
        if self._content is None:
            self._content = read_content(self.settings)
        return self._content

    def memo(self, name: str, salt: str) -> FileMemo:
        """The results of the per-file work ``name``, kept by each file's content (``nutgraf.kernel.file_memo``)."""
        if name not in self._memos:
            path = self.memo_folder / f"{name}.pickle" if self.memo_folder is not None else None
            self._memos[name] = FileMemo(path, salt)
        return self._memos[name]

    def save_memos(self, *, prune: bool) -> None:
        """Keep this build's per-file results for the next; ``prune`` when the build read all the content."""
        self._pruned = prune
        for memo in self._memos.values():
            memo.save(prune=prune)

    def save_later_memos(self) -> None:
        """Keep the per-file results of work done after the checks (a stage's) as ``save_memos`` kept the checks':
        pruned when those were (the build read all the content), unsaved when the checks' were not."""
        if self._pruned is not None:
            self.save_memos(prune=self._pruned)

    def state(self, plugin: str, make: Callable[[], T]) -> T:
        """What ``plugin`` keeps for this build, made the first time it is asked for."""
        if plugin not in self._state:
            self._state[plugin] = make()
        return self._state[plugin]

    def replace_state(self, plugin: str, value: T) -> T:
        self._state[plugin] = value
        return value

    def pop_state(self, plugin: str) -> Any:
        return self._state.pop(plugin, None)

    def finish_later(self, wait: Callable[[], None]) -> None:
        """Work a stage started in the background (the search index): ``wait`` finishes it, before the site
        replaces the previous one (``finish_pending``)."""
        self._pending.append(wait)

    def finish_pending(self, *, failing: bool = False) -> None:
        """Wait for the work started in the background; ``failing``: the build fails anyway, its errors are
        not the ones to report (the work is only waited for, so that nothing reads a site being removed)."""
        while self._pending:
            wait = self._pending.pop(0)
            try:
                wait()
            except Exception:
                if not failing:
                    self._pending.clear()
                    raise

    @property
    def handle(self) -> BuildHandle:
        return BuildHandle(self.key)


@dataclass(frozen=True)
class BuildHandle:
    """What an object Pelican pickles (a Markdown extension, a filter) holds instead of the context."""

    key: str

    def context(self) -> BuildContext:
        return _OPEN[self.key]


# The open builds, by key: the one module-level registry of per-build state.
_OPEN: dict[str, BuildContext] = {}


def open_context(settings: MutableMapping[str, Any], *, lazy: bool = False) -> BuildContext:
    """A new build's context, its key written into ``settings``."""
    context = BuildContext(settings, lazy=lazy)
    _OPEN[context.key] = context
    settings[CONTEXT_SETTING] = context.key
    return context


def context_for(settings: MutableMapping[str, Any]) -> BuildContext:
    """The context of the build these settings (or a Pelican context copied from them) belong to.

    Opened here when there is none: a plain ``pelican`` run has no driver to open it.
    """
    context = _OPEN.get(str(settings.get(CONTEXT_SETTING)))
    return context if context is not None else open_context(settings, lazy=True)


def close_context(context: BuildContext) -> None:
    """Forget a finished build's state, once the work it started in the background is done (a build that failed
    before its last stage has not waited for it: it leaves nothing running)."""
    context.finish_pending(failing=True)
    _OPEN.pop(context.key, None)


def end_of_pelican_run(pelican: Any) -> None:
    """Pelican's ``finalized``: a plain ``pelican -r`` run starts each rebuild afresh (content read again).

    Only the state is dropped, not the context: Markdown extensions made at ``initialized`` hold its handle.
    The driver's builds end with ``close_context``.
    """
    context = _OPEN.get(str(pelican.settings.get(CONTEXT_SETTING)))
    if context is not None and context.lazy:
        context._state.clear()
        context._content = None
