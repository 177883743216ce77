"""The command line's worker pool: what happens to its processes when a caller does not finish the iteration."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the pool forks where it can")

_ABANDONED = textwrap.dedent("""
    from newsld.cli._parallel import parallel_map

    RESULTS = parallel_map(abs, range(-1000, 0), 2)  # kept alive to the end, as a traceback or a cycle can keep it
    assert next(RESULTS) == 1000
    print("first result", flush=True)
""")


def test_an_iteration_never_closed_does_not_keep_the_process_from_exiting():
    # Before: multiprocessing's exit handler waited for the workers, which waited for their next task: for ever.
    done = subprocess.run([sys.executable, "-c", _ABANDONED], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "first result\n"


def test_the_results_come_in_order_and_a_worker_failure_is_raised():
    from newsld.cli._parallel import parallel_map

    assert list(parallel_map(abs, range(-50, 0), 2)) == list(range(50, 0, -1))
    with pytest.raises(RuntimeError, match="in a worker process: ValueError"):
        list(parallel_map(int, ["1", "2", "x", "4"], 2))
