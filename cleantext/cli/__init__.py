"""The `cleantext` command: `clean`, `score`, `golden`, `pipeline`, `cleaners`,
`repeats`.

Exit status: 0 when everything went well, 1 when some input had a problem (each one is
reported on stderr, the others are still processed) or a golden check failed, 2 for a
usage or configuration error, 3 when the run stopped because a worker process died,
130 when interrupted (Ctrl-C), 143 when terminated (SIGTERM). However a run stops,
its worker processes stop with it and no half-written output is left.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Sequence

from cleantext.cli import clean, golden, info, repeats, score
from cleantext.cli.common import (
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    EXIT_STOPPED,
    EXIT_USAGE,
    UsageError,
    say,
)
from cleantext.errors import ConfigError, InputError, WorkerDied
from cleantext.kernel import COMPILED, WHY_PURE
from cleantext.version import __version__


def _version() -> str:
    """The version and which kernel runs (`cleantext.kernel`)."""
    kernel = "compiled kernel" if COMPILED else f"pure-Python kernel: {WHY_PURE}"
    return f"cleantext {__version__} ({kernel})"


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command, each added by its own module."""
    parser = argparse.ArgumentParser(
        prog="cleantext",
        description="Turn dirty scraped text into clean text, explaining every change.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (clean, score, golden, info, repeats):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with _terminate_as_exit():
        return _run(args)


@contextlib.contextmanager
def _terminate_as_exit():
    """SIGTERM raises SystemExit(143) while a command runs, so that the command
    unwinds as on Ctrl-C: worker processes are ended and temporary files removed
    (the default action would end this process alone, leaving its workers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.handler(args)
    except (ConfigError, UsageError) as exc:
        say(f"cleantext: error: {exc}")
        return EXIT_USAGE
    except InputError as exc:
        say(f"cleantext: error: {exc}")
        return EXIT_INPUT_ERRORS
    except WorkerDied as exc:
        say(f"cleantext: error: {exc}")
        return EXIT_STOPPED
    except KeyboardInterrupt:
        say("cleantext: interrupted")
        return 130
    except BrokenPipeError:  # e.g. `cleantext clean big/ | head`
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # an output file that cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"cleantext: error: {where}cannot write: {exc.strerror or exc}")
        return EXIT_INPUT_ERRORS
