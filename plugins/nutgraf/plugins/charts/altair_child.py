"""Run one Altair module's function and print its chart's spec as JSON: the child side of ``sandbox``.

Started as ``python -I altair_child.py MODULE FUNCTION DATA_JSON MEMORY_BYTES`` in an empty environment,
an empty working folder and a session of its own. Standard library and Altair only: nothing of nutgraf
is imported here, so the module cannot reach the build's state.
"""

import ctypes
import ctypes.util
import json
import os
import sys
import traceback
from pathlib import Path

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # not on Windows
        return
    if limit > 0 and hasattr(resource, "RLIMIT_AS"):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _leave_the_network() -> None:
    """A network namespace of its own (no interfaces but loopback, which is down), where Linux allows it."""
    name = ctypes.util.find_library("c")
    if not sys.platform.startswith("linux") or not name:
        return
    unshare = getattr(ctypes.CDLL(name, use_errno=True), "unshare", None)
    if unshare is not None:
        unshare(_CLONE_NEWUSER | _CLONE_NEWNET)  # best effort: refused where user namespaces are off


def _where(error: BaseException, module_path: str) -> int | None:
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == module_path]
    return frames[-1].lineno if frames else None


def main() -> None:
    module_path, function_name, data_path, memory = sys.argv[1:5]
    result = os.fdopen(os.dup(1), "w", encoding="utf-8")  # not inherited by anything the module starts
    os.dup2(2, 1)  # what the module prints, its subprocesses' too, goes to stderr with the build's messages
    _leave_the_network()
    _limit_memory(int(memory))
    outcome: dict[str, object]
    try:
        import importlib.util

        spec = importlib.util.spec_from_file_location("nutgraf_chart", module_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        function = getattr(module, function_name)
        if data_path:
            import altair as alt

            chart = function(alt.Data(**json.loads(Path(data_path).read_text(encoding="utf-8"))))
        else:
            chart = function()
        if hasattr(chart, "to_dict"):
            outcome = {"spec": chart.to_dict(validate=False)}
        else:
            outcome = {"returned": type(chart).__name__}
    except SystemExit as error:
        outcome = {"exit": "" if error.code is None else repr(error.code)}
    except BaseException as error:  # the editor's code: whatever it raises is reported, summarised
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        outcome = {"raised": type(error).__name__, "line": _where(error, module_path), "message": text}
    try:
        result.write(json.dumps(outcome, default=str))
    except (TypeError, ValueError) as error:
        result.write(json.dumps({"raised": type(error).__name__, "line": None, "message": str(error)}))
    result.close()


if __name__ == "__main__":
    main()
