"""Preview server for the built site, and a watcher that rebuilds it on every change."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host does: the site's own 404 page for missing files."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for ``directory``, looked up by path on every request, so an atomic swap is seen."""
    handler = functools.partial(SiteRequestHandler, directory=str(directory))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(directory: Path, host: str, port: int) -> None:
    server = make_server(directory, host, port)
    print(f"Serving {directory} at http://{host}:{server.server_address[1]}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def watch_and_rebuild(
    build_command: Sequence[str], paths: Sequence[Path], directory: Path, host: str, port: int
) -> None:
    """Serve the site and rebuild it whenever a watched file changes.

    Each rebuild runs in a fresh process, so edits to plugins and settings count too;
    a failed rebuild prints its diagnostics and leaves the last good site served.
    """
    import watchfiles  # only the live preview needs it

    subprocess.run(build_command, check=False)
    server = make_server(directory, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Live preview at http://{host}:{server.server_address[1]}/ — watching {', '.join(map(str, paths))}",
        file=sys.stderr,
    )

    def relevant(_change: watchfiles.Change, path: str) -> bool:
        return "__pycache__" not in path and not Path(path).name.startswith((".", "#")) and not path.endswith("~")

    try:
        for changes in watchfiles.watch(*[p for p in paths if p.exists()], watch_filter=relevant):
            changed = sorted({Path(path).name for _, path in changes})
            print(f"Changed: {', '.join(changed)}; rebuilding…", file=sys.stderr)
            subprocess.run(build_command, check=False)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
