"""The strict build: check all content, run Pelican into a staging folder, swap it in."""

from __future__ import annotations

import datetime
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from nutgraf.driver import stages
from nutgraf.driver.atomic_output import InterruptedAfterSwap, OutputNotReplacedError, staged_directory
from nutgraf.driver.build_record import BuildRecord, input_files, input_folders, inputs_digest
from nutgraf.driver.content_cache import content_cache_path, discarded_on_failure
from nutgraf.driver.output_reuse import Manifest, OutputPlan, reusing_output
from nutgraf.driver.template_cache import with_template_cache
from nutgraf.kernel.context import BuildContext, close_context, open_context
from nutgraf.kernel.diagnostics import ContentError, NutgrafError, print_diagnostics
from nutgraf.kernel.settings_check import SETTINGS_FILE

logger = logging.getLogger(__name__)

# The installed package's own code: part of what every build is made from.
CODE_FOLDER = Path(__file__).resolve().parents[1]


def source_date_epoch(project: Path) -> int:
    """The build's "now": ``SOURCE_DATE_EPOCH`` if set, else the time of the commit being built.

    Anything dated "now" (a feed's or sitemap's last update, a build stamp) must use this, so that
    two builds of the same commit give the same bytes (https://reproducible-builds.org/specs/source-date-epoch/).
    Outside git, and with no variable set, the clock is all there is.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False, timeout=30
        )
    except OSError:  # no git on this machine
        commit = None
    if commit is not None and commit.returncode == 0 and commit.stdout.strip().isdigit():
        return int(commit.stdout.strip())
    return int(time.time())


def load_settings(settings_file: str | Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Pelican's settings, read once; paths in them become absolute. Which file they came from is kept, so
    that a wrong setting is reported in it (nutgraf.kernel.settings_check)."""
    return {**read_settings(str(settings_file), override=overrides or {}), SETTINGS_FILE: str(settings_file)}


class WarningLoggedError(NutgrafError):
    """A warning was logged during the build (by Pelican, a plugin or a library): the build stops there.

    The warning itself has been printed, naming its file; this only carries it up to ``build``.
    """


class FatalWarningHandler(logging.StreamHandler):
    """Prints each record on one line and stops the build at the first warning, as ``--fatal warnings`` does.

    Pelican's own fatal mode raises a bare ``RuntimeError`` that can only be told from a bug by its message;
    raising from the handler gives the failure a type of its own. Records Pelican's duplicate filter drops
    never reach a handler, so they stop nothing, as with Pelican's mode.
    """

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        if record.levelno >= logging.WARNING:
            raise WarningLoggedError(record.getMessage())


def init_logging(verbose: bool = False) -> None:
    """Plain one-line log records (Rich would wrap ``path:line`` messages at 80 columns); any warning is fatal.

    What ``pelican.log.init`` does, without its fatal mode, and replacing the handler of an earlier call:
    the handler writes to the stderr of the build that installed it.
    """
    handler = FatalWarningHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    for earlier in [h for h in root.handlers if isinstance(h, FatalWarningHandler)]:
        root.removeHandler(earlier)
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)


def open_build_context(settings: dict[str, Any]) -> BuildContext:
    """A build's context, its per-file results kept in the project's cache folder."""
    context = open_context(settings)
    context.memo_folder = cache_root(settings) / "memo"
    return context


def check(settings: dict[str, Any], context: BuildContext | None = None) -> int:
    """Report every content problem (and note); return the exit status (0 clean, 1 problems)."""
    checking_only = context is None
    context = context or open_build_context(settings)
    try:
        diagnostics = stages.check_content(settings, context)
        context.save_memos(prune=True)  # every file was checked: the next build checks again what changed
        count = print_diagnostics(diagnostics)
    except stages.PluginOrderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if checking_only:
            close_context(context)
    if count:
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
        return 1
    if checking_only:  # `nutgraf check`: say so, and that the notes above are not the reason for a red build
        notes = len(diagnostics)
        print(
            f"Content is valid ({notes} note{'s' if notes != 1 else ''})." if notes else "Content is valid.",
            file=sys.stderr,
        )
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cache_root(settings: dict[str, Any]) -> Path:
    """The folder all of a project's caches live in (``CACHE_ROOT``, default ``.cache`` beside content/)."""
    root = Path(settings.get("CACHE_ROOT") or ".cache")
    return root if root.is_absolute() else Path(settings["PATH"]).parent / root


@dataclass(frozen=True)
class Inputs:
    """What a build is made from: the hash of it all, each input file's hash, its date; and whether forced."""

    digest: str
    files: dict[Path, bytes]
    epoch: int
    force: bool


def build(settings: dict[str, Any], *, force: bool = False) -> int:
    """Build the site into ``settings['OUTPUT_PATH']``; return the exit status.

    The previous site stays in place until the new one is complete. When nothing the site is
    made from changed since the last build of this output folder, nothing is done (``force``
    builds anyway).
    """
    started = time.perf_counter()
    target = Path(settings["OUTPUT_PATH"])
    epoch = source_date_epoch(Path(settings["PATH"]))
    record = BuildRecord.for_output(cache_root(settings), target)
    folders = input_folders(settings, CODE_FOLDER)
    files = input_files(folders)
    inputs = inputs_digest(settings, folders, epoch, files)
    if not force and record.is_current(inputs, target):
        elapsed = time.perf_counter() - started
        print(f"{target} is up to date: nothing it is built from has changed ({elapsed:.1f} s).", file=sys.stderr)
        return 0
    context = open_build_context(settings)
    try:
        return _build(settings, context, target, record, Inputs(inputs, files, epoch, force), started)
    finally:
        close_context(context)


def _build(
    settings: dict[str, Any],
    context: BuildContext,
    target: Path,
    record: BuildRecord,
    inputs: Inputs,
    started: float,
) -> int:
    epoch = inputs.epoch
    if check(settings, context) != 0:
        return 1
    # Set for every stage and tool run from here on (plugins, subprocesses), as the spec asks.
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    build_date = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)
    previous_sigterm = None
    if threading.current_thread() is threading.main_thread():
        # A cancelled CI run is terminated, not interrupted: clean up the same way.
        previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)
    try:
        # The previous site is deleted in the cache folder, without the build waiting for it.
        with staged_directory(target, cache_root(settings) / "trash") as staging:
            staged_settings = dict(
                settings, OUTPUT_PATH=str(staging), DELETE_OUTPUT_DIRECTORY=False, BUILD_DATE=build_date
            )
            cache_folder = None
            if settings.get("CACHE_CONTENT"):
                cache_folder = content_cache_path(settings, CODE_FOLDER)
                staged_settings["CACHE_PATH"] = str(cache_folder)
            staged_settings = with_template_cache(staged_settings, cache_root(settings), CODE_FOLDER)
            context.settings = staged_settings  # the same build (its key is copied), writing into staging
            manifest_path = Manifest.path_for(cache_root(settings), target)
            # --force renders every page again: what a theme edit costs, as the benchmark measures it.
            previous = Manifest() if inputs.force else Manifest.load(manifest_path, target)
            code_key = inputs_digest(settings, [], epoch, {})  # the settings, packages and date
            plan = OutputPlan(target.resolve(), Path(staging), previous, inputs.files, code_key)
            with discarded_on_failure(cache_folder, kept_if_interrupted=settings.get("GZIP_CACHE", True)):
                stages.prepare_build(context)
                pelican = Pelican(staged_settings)
                with reusing_output(pelican, plan):
                    pelican.run()
            # Printed, not logged: the build shows only warnings, and a warning would fail it.
            print(f"Wrote {plan.rendered} pages, reused {plan.reused} unchanged files.", file=sys.stderr)
            stages.finalize_output(context, Path(staging))
    except ContentError as error:
        print_diagnostics(error.diagnostics)
        print("Build failed; the previous site was left as it was.", file=sys.stderr)
        return 1
    except OutputNotReplacedError as error:
        print(f"Build failed: the new site could not replace {target}: {error}.", file=sys.stderr)
        print(f"{target} was left exactly as it was; fix that and build again.", file=sys.stderr)
        return 1
    except InterruptedAfterSwap:
        print(f"Interrupted just as the new site was complete; {target} holds the new site.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("Interrupted; the previous site was left as it was.", file=sys.stderr)
        return 130
    except Exception as error:
        if not isinstance(error, WarningLoggedError):
            # A bug in nutgraf or a plugin, not in the content: the traceback is for whoever fixes it.
            traceback.print_exc(file=sys.stderr)
        # Otherwise the warning itself was printed above, naming the file.
        print("Build failed on the error above; the previous site was left as it was.", file=sys.stderr)
        return 1
    finally:
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)
    record.save(inputs.digest, target)
    plan.manifest.save(manifest_path)
    print(f"Built {target} in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0
