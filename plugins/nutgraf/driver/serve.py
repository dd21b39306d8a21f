"""Preview server for the built site, and a watcher that rebuilds it on every change and refreshes open pages.

The live preview tells open pages about each build through a same-origin event stream (/_nutgraf/events) and a
script (preview_assets/livereload.js) that the server adds to each HTML page as it sends it: neither is ever in
the built site, so no production build can carry them. Both fit the site's CSP (script-src and connect-src
'self'). A failed build's ``path:line`` messages are shown over the page until a build succeeds.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from nutgraf.driver.page_first import FirstPages

# Given the changed files, renders the saved explainers' pages first; None when the change is not that.
PageFirst = Callable[[set[str]], "FirstPages | None"]

PREVIEW_PATH = "/_nutgraf/"
# What a static host compresses: text, scripts, styles, data, SVG; not PNGs or fonts, which are compressed already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
ASSETS = Path(__file__).with_name("preview_assets")
ASSET_TYPES = {"livereload.js": "text/javascript; charset=utf-8", "livereload.css": "text/css; charset=utf-8"}
KEEP_ALIVE_SECONDS = 15.0
# A diagnostic as the build prints it: "content/explainers/a.md:12: what is wrong; how to fix it".
DIAGNOSTIC = re.compile(r"^\S[^:]*:\d+: ")
MAX_MESSAGES = 30  # the overlay shows the first ones; the terminal has them all


@dataclass(frozen=True)
class BuildStatus:
    """What open pages are told: which good build the site on disk is, and the last build's errors, if it failed.

    A page-first build (``nutgraf.driver.page_first``) changed ``only`` the pages listed: the others stay as
    they are. A full build after it lists the pages it left ``same`` as that build, ``base``: those need no
    second reload.
    """

    build: str
    errors: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    same: tuple[str, ...] = ()
    base: str = ""

    def event(self) -> bytes:
        fields = {"build": self.build, "errors": list(self.errors), "only": list(self.only)}
        fields |= {"same": list(self.same), "base": self.base}
        return f"data: {json.dumps(fields)}\n\n".encode()


@dataclass
class PreviewState:
    """The latest build status, and a way for each page's event stream to wait for the next one."""

    server: str = field(default_factory=lambda: secrets.token_hex(4))  # a restarted server's pages reload too
    good_builds: int = 0
    status: BuildStatus = field(init=False)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        self.status = BuildStatus(f"{self.server}-0")

    def built(
        self, ok: bool, errors: Sequence[str] = (), *, only: Sequence[str] = (), same: Sequence[str] = ()
    ) -> None:
        """A build ended: ``only`` for a page-first build's pages; ``same`` for pages a full build left as they were."""
        with self.changed:
            base = self.status.build
            if ok:
                self.good_builds += 1
            errors = () if ok else tuple(errors)
            self.status = BuildStatus(f"{self.server}-{self.good_builds}", errors, tuple(only), tuple(same), base)
            self.changed.notify_all()

    def next_status(self, seen: BuildStatus, timeout: float) -> BuildStatus:
        """The status after ``seen``, or ``seen`` itself after ``timeout`` seconds without a build."""
        with self.changed:
            self.changed.wait_for(lambda: self.status is not seen, timeout)
            return self.status


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host does: text compressed for browsers that ask (GitHub Pages gzips it,
    and Lighthouse times a page by its bytes), and the site's own 404 page for missing files."""

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            file = file / "index.html"
        media_type = self.guess_type(str(file))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not file.is_file() or not _compressible(media_type):
            return super().send_head()
        body = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(file.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            self._send_page(page.read_bytes(), 404)
            return
        super().send_error(code, message, explain)

    def _send_page(self, body: bytes, code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class LiveSiteRequestHandler(SiteRequestHandler):
    """The site, each page with the live preview's script, the script itself, and the build event stream."""

    def __init__(self, *args: object, state: PreviewState, **kwargs: object) -> None:
        self.state = state  # before the base class's __init__, which handles the request
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # a reload shows the new CSS and images too
        super().end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == f"{PREVIEW_PATH}events":
            self._stream_events()
        elif path.startswith(PREVIEW_PATH):
            self._send_asset(path.removeprefix(PREVIEW_PATH))
        elif (page := self._html_file(path)) is not None:
            self._send_page(page.read_bytes())
        else:
            super().do_GET()

    def _html_file(self, path: str) -> Path | None:
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        return file if file.suffix == ".html" and file.is_file() else None

    def _send_page(self, body: bytes, code: int = 200) -> None:
        script = (
            f'<script src="{PREVIEW_PATH}livereload.js" data-build="{self.state.status.build}" defer></script>'
        ).encode()
        head = body.find(b"</head>")
        body = body[:head] + script + body[head:] if head >= 0 else body + script
        super()._send_page(body, code)

    def _send_asset(self, name: str) -> None:
        if name not in ASSET_TYPES:
            self.send_error(404)
            return
        body = (ASSETS / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", ASSET_TYPES[name])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream_events(self) -> None:
        """Server-Sent Events: the status now, then each new one (and a comment now and then, to keep it open)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        sent = None
        try:
            while True:
                status = self.state.status if sent is None else self.state.next_status(sent, KEEP_ALIVE_SECONDS)
                self.wfile.write(status.event() if status is not sent else b": still here\n\n")
                self.wfile.flush()
                sent = status
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded


def _compressible(media_type: str) -> bool:
    return media_type.startswith(COMPRESSED_TYPES) or media_type.endswith("+xml")


def make_server(
    directory: Path, host: str = "127.0.0.1", port: int = 8000, state: PreviewState | None = None
) -> http.server.ThreadingHTTPServer:
    """A server for ``directory``, looked up by path on every request, so an atomic swap is seen.

    With ``state``, the live preview's: pages get its script, and /_nutgraf/events streams the build status.
    """
    if state is None:
        handler = functools.partial(SiteRequestHandler, directory=str(directory))
    else:
        handler = functools.partial(LiveSiteRequestHandler, directory=str(directory), state=state)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    return http.server.ThreadingHTTPServer((host, port), handler)


def addresses(host: str, port: int) -> list[str]:
    """Where the preview can be opened: on this machine, and (host 0.0.0.0) from a phone on the same network."""
    if host not in ("0.0.0.0", "::", ""):
        return [f"http://{host}:{port}/"]
    found = [f"http://127.0.0.1:{port}/"]
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent, the route picks our LAN one
            lan = probe.getsockname()[0]
    except OSError:
        lan = socket.gethostbyname(socket.gethostname())
    if not lan.startswith("127."):
        found.append(f"http://{lan}:{port}/ (from another device on this network)")
    return found


def serve(directory: Path, host: str, port: int) -> None:
    server = make_server(directory, host, port)
    print(
        f"Serving {directory} at {', '.join(addresses(host, server.server_address[1]))} (Ctrl-C stops)", file=sys.stderr
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# A build process started ahead of time: it imports what a build needs (seconds on a busy laptop, most of a
# small site's rebuild), then waits for the command line of the build to run, on standard input.
WARM_BUILD = "from nutgraf.driver.serve import warm_build; warm_build()"
WARM_IMPORTS = (
    "nutgraf.driver.build",
    "nutgraf.driver.cli",
    "nutgraf.plugins.assets",
    "nutgraf.plugins.charts",
    "nutgraf.plugins.explainers",
    "nutgraf.plugins.i18n",
    "nutgraf.plugins.search",
    "nutgraf.plugins.site_meta",
    "markdown",
    "altair",
    "vl_convert",
)


def warm_build() -> None:
    """The spare build process: import, wait for ``nutgraf`` arguments (a JSON list) on stdin, then build."""
    import importlib

    for module in WARM_IMPORTS:
        importlib.import_module(module)
    line = sys.stdin.readline()
    if not line:  # discarded unused: the code it imported changed
        return
    from nutgraf.driver.cli import main

    sys.exit(main(json.loads(line)))


class Builder:
    """Runs each build in a fresh process, as `nutgraf build` would, with the next one's imports done ahead."""

    def __init__(self, arguments: Sequence[str]) -> None:
        self.arguments = list(arguments)
        self.spare: subprocess.Popen[str] | None = None
        self.running: subprocess.Popen[str] | None = None

    def _start_spare(self) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", WARM_BUILD],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )

    def discard_spare(self) -> None:
        """Drop the spare (its imports predate a change to nutgraf's code or the settings)."""
        if self.spare is not None:
            self.spare.kill()
            self.spare.wait()
            self.spare = None

    def build(self) -> tuple[bool, list[str]]:
        """Run one build, its messages passed on to the terminal: whether it succeeded, and what it said if not."""
        process = self.spare if self.spare is not None and self.spare.poll() is None else self._start_spare()
        self.spare, self.running = None, process
        assert process.stdin is not None and process.stderr is not None
        process.stdin.write(json.dumps(self.arguments) + "\n")
        process.stdin.close()
        lines = []
        for line in process.stderr:
            sys.stderr.write(line)
            lines.append(line.rstrip("\n"))
        ok = process.wait() == 0
        self.running = None
        self.spare = self._start_spare()
        if ok:
            return True, []
        diagnostics = [line for line in lines if DIAGNOSTIC.match(line) and ": note: " not in line]
        return False, (diagnostics or lines[-15:] or ["The build failed."])[:MAX_MESSAGES]


class BackgroundBuild:
    """A full rebuild run beside the watcher, so that a save during it is answered at once: the rebuild, now out
    of date, is stopped (an interrupted build leaves the site as it was) and the next one starts after the
    saved page. Only a rebuild that ran to its end tells the open pages."""

    def __init__(self, builder: Builder, state: PreviewState, first: FirstPages | None, directory: Path) -> None:
        self.builder = builder
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, args=(state, first, directory), daemon=True)
        self.thread.start()

    def _run(self, state: PreviewState, first: FirstPages | None, directory: Path) -> None:
        ok, errors = self.builder.build()
        if self.cancelled:
            return
        # The saved page needs no second reload when the full rebuild wrote it as the first render did.
        state.built(ok, errors, same=first.unchanged_in(directory) if ok and first and first.ok else ())

    def stop(self) -> None:
        """Tell the rebuild to stop (SIGTERM: it removes its staging folder, and never swaps it in after this)."""
        self.cancelled = True
        process = self.builder.running
        if process is not None and process.poll() is None:
            process.terminate()

    def cancel(self) -> None:
        """Stop the rebuild and wait until it has."""
        self.stop()
        self.thread.join()


def changes_code(paths: set[str]) -> bool:
    """Whether a change is to Python code (nutgraf's, the settings'), which a spare build imported before it."""
    return any(path.endswith(".py") for path in paths)


def _first_pages(first: PageFirst, changed: set[str], state: PreviewState) -> FirstPages | None:
    """Render the saved explainers' pages ahead of the full rebuild and tell their open pages; None if not done."""
    started = time.perf_counter()
    try:
        result = first(changed)
    except Exception as error:  # the full rebuild that follows reports it properly, naming the file
        print(f"The saved page could not be rendered first ({error}); rebuilding the site…", file=sys.stderr)
        return None
    if result is None:
        return None
    if result.ok:
        state.built(True, only=result.urls)
        print(f"Refreshed {', '.join(result.urls)} in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    else:
        print(*result.errors, sep="\n", file=sys.stderr)
        state.built(False, result.errors[:MAX_MESSAGES])
    return result


def watch_and_rebuild(
    build_arguments: Sequence[str],
    paths: Sequence[Path],
    directory: Path,
    host: str,
    port: int,
    first: PageFirst | None = None,
) -> None:
    """Serve the site and rebuild it whenever a watched file changes; open pages refresh themselves.

    Each rebuild runs in a fresh process, so edits to plugins and settings count too;
    a failed rebuild prints its diagnostics, shows them over open pages and leaves the last good site served.
    With ``first``, a saved explainer's page is rendered first, in this process, and its open pages refresh
    before the full rebuild; after a change to nutgraf's code or the settings, which this process imported
    at its start, pages wait for the full rebuild.
    """
    import watchfiles  # only the live preview needs it

    state = PreviewState()
    server = make_server(directory, host, port, state)
    builder = Builder(build_arguments)
    state.built(*builder.build())
    rebuild: BackgroundBuild | None = None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Live preview at {', '.join(addresses(host, server.server_address[1]))}"
        f" — watching {', '.join(map(str, paths))} (Ctrl-C stops)",
        file=sys.stderr,
    )

    def relevant(_change: watchfiles.Change, path: str) -> bool:
        return "__pycache__" not in path and not Path(path).name.startswith((".", "#")) and not path.endswith("~")

    try:
        for changes in watchfiles.watch(*[p for p in paths if p.exists()], watch_filter=relevant):
            changed = {path for _, path in changes}
            print(f"Changed: {', '.join(sorted({Path(path).name for path in changed}))}; rebuilding…", file=sys.stderr)
            if rebuild is not None:
                rebuild.stop()  # it cleans up while the saved page is rendered
            if changes_code(changed):
                builder.discard_spare()
                if first is not None:
                    print("Code or settings changed: pages now refresh after each full rebuild.", file=sys.stderr)
                    print("Restart the preview to have the saved page first again.", file=sys.stderr)
                    first = None
            shown = _first_pages(first, changed, state) if first is not None else None
            if rebuild is not None:
                rebuild.cancel()
            rebuild = BackgroundBuild(builder, state, shown, directory)
    except KeyboardInterrupt:
        pass
    finally:
        if rebuild is not None:
            rebuild.cancel()
        builder.discard_spare()
        server.shutdown()
