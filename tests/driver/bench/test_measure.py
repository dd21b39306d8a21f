"""The benchmark's measurements: wall time, and peak memory summed over the build's process tree."""

from __future__ import annotations

import sys
from pathlib import Path

from nutgraf.driver.bench import measure

# A parent that starts a child; each holds 60 MB for a moment, so only the tree's sum reaches 120 MB.
TWO_PROCESSES = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(60 << 20); time.sleep(1.5)"])
held = bytearray(60 << 20)
time.sleep(1.5)
sys.exit(child.wait() + 3)
"""


def test_run_reports_exit_time_and_the_memory_of_every_process(tmp_path: Path) -> None:
    run = measure.run([sys.executable, "-c", TWO_PROCESSES], tmp_path, interval=0.05)
    assert run.returncode == 3
    assert 1.4 < run.seconds < 30
    assert 60 < run.peak_main_rss_mb < 110
    assert run.peak_rss_mb > 120
    assert 100 < run.peak_pss_mb <= run.peak_rss_mb
