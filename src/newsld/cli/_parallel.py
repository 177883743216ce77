"""A parallel map for the command line's many-item commands: in order, bounded in memory, interruptible, and leaving
no process behind.

Used by ``newsld batch`` (articles) and ``newsld check`` (pages). The workers ignore the signals that end a run
(SIGINT, SIGTERM, SIGHUP: a terminal, ``timeout``, systemd and ``kill -TERM -PGID`` send them to the whole process
group), so that only the parent decides what an interruption means, and they die with the parent whatever ends it (a
parent-death signal on Linux, a watch on the parent elsewhere). Each worker has a pipe of its own and one task at a
time; the parent waits on the pipes with ``multiprocessing.connection.wait``, so no thread of its own can block on the
pipe of a worker that was killed half-way through a result, and a worker that dies is noticed at once.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import IntEnum
from typing import Any

__all__ = ["Stop", "WorkerLost", "parallel_map"]

_RUN_ENDING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stop(IntEnum):
    """What ``parallel_map``'s ``stop`` callback asks for."""

    NO = 0
    AFTER_RUNNING = 1  # take no more tasks; the results of those already running still come, in order
    NOW = 2  # no more results: the workers are killed


class WorkerLost(Exception):
    """A worker process ended without returning the result of its task (killed from outside, out of memory)."""


def parallel_map(
    function: Callable[[Any], Any],
    tasks: Iterable[Any],
    jobs: int,
    stop: Callable[[], Stop] = lambda: Stop.NO,
    *,
    close_in_workers: Sequence[int] = (),
) -> Iterator[Any]:
    """``function(task)`` for every task, in task order, on ``jobs`` processes with at most ``2 * jobs`` tasks between
    the first unfinished one and the last one started.

    With ``jobs`` 1 it runs in this process. ``stop`` is asked before every task and while waiting. The workers end
    when the iteration does, however it ends; ``close_in_workers`` are file descriptors of the parent that the workers
    close at once (a lock must not outlive the parent in a worker). A worker that dies raises ``WorkerLost``; an
    exception in ``function`` is raised here.
    """
    if jobs <= 1:
        for task in tasks:
            if stop():
                return
            yield function(task)
        return
    pool = _Pool(function, jobs, close_in_workers)
    try:
        yield from pool.results(tasks, stop)
    finally:
        pool.close()


class _Failure:
    """An exception raised in a worker, as its type name, message and traceback (exceptions need not pickle)."""

    def __init__(self, exc: BaseException) -> None:
        import traceback

        self.text = "".join(traceback.format_exception(exc))
        self.summary = f"{type(exc).__name__}: {exc}"


class _Worker:
    def __init__(self, context: Any, function: Callable[[Any], Any], close_in_workers: Sequence[int]) -> None:
        self.connection, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_work, args=(child, function, os.getpid(), tuple(close_in_workers)),
                                       name="newsld-worker")
        self.process.start()
        child.close()
        self.task: int | None = None  # the index of the task it is working on


class _Pool:
    def __init__(self, function: Callable[[Any], Any], jobs: int, close_in_workers: Sequence[int]) -> None:
        import multiprocessing

        # fork where there is one: the workers start at once and inherit the blocked signals below.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        # A run-ending signal that arrives while a worker is being made stays pending until the worker ignores it.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _RUN_ENDING) if hasattr(signal, "pthread_sigmask") else None
        self.workers: list[_Worker] = []
        self.finished = False
        try:
            for _ in range(jobs):
                # A worker keeps no other worker's pipe open (nor the parent's locks): a pipe ends with its two ends.
                siblings = [worker.connection.fileno() for worker in self.workers]
                self.workers.append(_Worker(context, function, [*close_in_workers, *siblings]))
        except BaseException:
            self.close()
            raise
        finally:
            if blocked is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        self.window = 2 * jobs
        # A pool its caller never closed (a generator left to the garbage collector) is closed before multiprocessing's
        # own exit handler, which would otherwise wait for ever for workers that wait for their next task.
        atexit.register(self.close)

    def results(self, tasks: Iterable[Any], stop: Callable[[], Stop]) -> Iterator[Any]:
        from multiprocessing.connection import wait

        pending = iter(tasks)
        exhausted = False
        started = 0  # tasks handed to a worker
        given = 0  # results yielded
        done: dict[int, Any] = {}  # finished results waiting for their turn
        idle = list(self.workers)
        while True:
            asked = stop()
            if asked >= Stop.NOW:
                return
            while not asked and not exhausted and idle and started - given < self.window:
                task = next(pending, _END)
                if task is _END:
                    exhausted = True
                    break
                worker = idle.pop()
                worker.connection.send((started, task))
                worker.task = started
                started += 1
            if given in done:
                yield done.pop(given)
                given += 1
                continue
            busy = [worker for worker in self.workers if worker.task is not None]
            if not busy:
                self.finished = exhausted or bool(asked)
                return
            ready = wait([worker.connection for worker in busy] + [worker.process.sentinel for worker in busy],
                         timeout=0.1)  # short waits, so that ``stop`` is asked often
            for worker in busy:
                if worker.connection in ready or worker.process.sentinel in ready:
                    done[worker.task] = self._receive(worker)
                    worker.task = None
                    idle.append(worker)

    def _receive(self, worker: _Worker) -> Any:
        try:
            if not worker.connection.poll():
                raise EOFError
            index, outcome = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            code = worker.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            raise WorkerLost(f"a worker process ended before returning its result ({how})") from None
        if isinstance(outcome, _Failure):
            raise RuntimeError(f"in a worker process: {outcome.summary}\n{outcome.text}")
        return outcome

    def close(self) -> None:
        """End the workers: those with nothing to do are asked to, the others (after a stop or a failure) killed."""
        atexit.unregister(self.close)
        for worker in self.workers:
            try:
                if worker.task is None and self.finished:
                    worker.connection.send(None)
                else:
                    worker.process.kill()
            except OSError:  # its pipe is gone: it has ended already
                pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join()
            worker.connection.close()


_END = object()


def _work(connection: Any, function: Callable[[Any], Any], parent: int, close: Sequence[int]) -> None:
    """A worker: tasks from the pipe, results back, until the pipe closes or says None."""
    for number in _RUN_ENDING:
        signal.signal(number, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _RUN_ENDING)
    for descriptor in close:
        try:
            os.close(descriptor)
        except OSError:
            pass
    _die_with(parent)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            outcome = function(task)
        except BaseException as exc:  # the parent decides what a failure means
            outcome = _Failure(exc)
        connection.send((index, outcome))


def _die_with(parent: int) -> None:
    """Be killed when the parent process ends, however it ends (it may be killed outright)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:  # it ended before the request was made
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="newsld-parent-watch", daemon=True).start()
