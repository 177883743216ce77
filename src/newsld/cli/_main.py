"""``newsld``'s entry point: parse the arguments, run the command, turn what went wrong into a message and a status.

Exit status: 0 success, 1 invalid content, 2 usage (bad arguments, unreadable file), 3 a file (or standard output)
that cannot be written, 130 interrupted (``_status`` has them all). Commands call the public API (and the packages'
public names); nothing here is needed to use newsld from Python.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ._parser import build_parser, renamed_flags
from ._status import EXIT_ENVIRONMENT, EXIT_INVALID, EXIT_OK, EXIT_USAGE, CannotWrite, UsageError, print_problems

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.owns_process = argv is None  # the console script or python -m newsld: it exits with what main returns
    from .._errors import NewsldValidationError, printable

    try:
        for warning in renamed_flags(parser, args):
            print(f"newsld: warning: {warning}", file=sys.stderr)
        status = args.handler(args)
        sys.stdout.flush()  # here, where a full disk or a closed pipe behind standard output can still be told
        return status
    except NewsldValidationError as exc:
        print_problems(exc.problems, exc.source or getattr(args, "file", None) or "-")
        return EXIT_INVALID
    except UsageError as exc:
        print(printable(f"newsld: error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (e.g. `newsld emit x | head`): stop quietly. What is still buffered for stdout goes to
        # /dev/null, or Python's flush at exit would fail again and print "Exception ignored ... BrokenPipeError".
        _discard_stdout()
        return EXIT_OK
    except CannotWrite as exc:
        print(printable(f"newsld: error: {exc}"), file=sys.stderr)
        return EXIT_ENVIRONMENT
    except OSError as exc:
        # What a command does not read itself is standard output (ENOSPC, EIO, EFBIG...): the machine's failure,
        # not the content's.
        _discard_stdout()
        what = f"{exc.filename}" if exc.filename is not None else "cannot write standard output"
        print(printable(f"newsld: error: {what}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(printable(f"newsld: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"),
              file=sys.stderr)
        return EXIT_INVALID


def _discard_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (a test's capture): nothing will be flushed
        pass
