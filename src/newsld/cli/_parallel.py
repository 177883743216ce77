"""A parallel map for the command line's many-item commands: in order, bounded in memory, interruptible.

Used by ``newsld batch`` (articles) and ``newsld check`` (pages).
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["parallel_map"]


def _worker_signals() -> None:
    # Ctrl-C reaches the whole process group; only the parent decides what an interruption means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def parallel_map(
    function: Callable[[Any], Any],
    tasks: Iterable[Any],
    jobs: int,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[Any]:
    """``function(task)`` for every task, in task order, on ``jobs`` processes with at most ``2 * jobs`` in flight.

    With ``jobs`` 1 it runs in this process. Stops taking tasks as soon as ``should_stop()`` is true; the workers are
    ended whenever the iteration ends, completed or not. A worker that dies (killed, out of memory) raises
    BrokenProcessPool here rather than leaving its task waiting forever.
    """
    if jobs <= 1:
        for task in tasks:
            if should_stop():
                return
            yield function(task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, TimeoutError

    executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(), initializer=_worker_signals)
    completed = False
    try:
        pending: deque = deque()
        task_iter = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * jobs and not should_stop():
                task = next(task_iter, _END)
                if task is _END:
                    exhausted = True
                else:
                    pending.append(_submit(executor, function, task))
            if not pending or should_stop():
                completed = not pending
                return
            while True:
                try:
                    result = pending[0].result(timeout=0.1)  # short waits, so that an interruption is noticed
                    break
                except TimeoutError:
                    if should_stop():
                        return
            pending.popleft()
            yield result
    finally:
        if completed:
            executor.shutdown()
        else:
            _end_workers(executor)


def _submit(executor, function: Callable[[Any], Any], task: Any):
    # Forked workers start with the handlers in force (the parent's own Ctrl-C handler among them) until their
    # initializer runs: start them with Ctrl-C ignored.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return executor.submit(function, task)
    finally:
        signal.signal(signal.SIGINT, previous)


def _end_workers(executor) -> None:
    """Stop now: queued tasks are dropped and running ones killed (their results would be thrown away anyway)."""
    kill = getattr(executor, "kill_workers", None)  # Python 3.14+
    if kill is not None:
        kill()
        executor.shutdown(wait=True, cancel_futures=True)
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join()


_END = object()
