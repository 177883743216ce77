"""The progress bar of ``newsld batch`` and ``newsld check`` on a terminal (tqdm, imported only when shown)."""

from __future__ import annotations

import sys
from typing import IO

__all__ = ["progress_bar"]


class _NoBar:
    def update(self, count: int = 1) -> None:
        pass

    def write(self, line: str, stream: IO[str] | None = None) -> None:
        print(line, file=stream or sys.stdout)

    def close(self) -> None:
        pass


class _Bar:
    def __init__(self, total: int | None, unit: str, initial: int):
        from tqdm import tqdm  # only a terminal session pays for the import

        tqdm.monitor_interval = 0  # no monitor thread: the process pool forks after the bar exists
        self._tqdm = tqdm
        self._bar = tqdm(total=total, unit=unit, initial=initial, file=sys.stderr, dynamic_ncols=True,
                         smoothing=0.1)

    def update(self, count: int = 1) -> None:
        self._bar.update(count)

    def write(self, line: str, stream: IO[str] | None = None) -> None:
        self._tqdm.write(line, file=stream or sys.stdout)  # clears the bar, prints, draws it again

    def close(self) -> None:
        self._bar.close()


def progress_bar(total: int | None, unit: str, enabled: bool, initial: int = 0):
    """A progress bar on standard error when ``enabled`` and it is a terminal; otherwise one that shows nothing."""
    if enabled and sys.stderr.isatty():
        return _Bar(total, unit, initial)
    return _NoBar()
