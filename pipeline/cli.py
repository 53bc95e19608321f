"""The command line: argument parsing, one call to ``build``, and its report printed.

    iizuka-dataset build --out data/clean data/raw/*.pdf
    python -m scripts.build_dataset --out data/clean data/raw/*.pdf     (what make runs)

Progress and summaries go to stdout; stderr carries only errors, one line each (and, on a
terminal, the progress bar, whose line is ended before anything else is printed). Ctrl-C at
any moment is one line and exit 130, and no process of the command outlives it.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path

# Nothing else at the top: the console script imports this module before ``console`` can catch
# a Ctrl-C, so the window in which one would print a traceback stays a few milliseconds.

log = logging.getLogger("build")


def positive(text: str) -> int:
    value = int(text) if text.strip().lstrip("-").isdigit() else 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


# Beyond about 24 days, waiting on a worker overflows the operating system's timer.
MAX_TIMEOUT = 1_000_000


def seconds(text: str) -> float | None:
    """--timeout: seconds per file; 0, 'none' or 'inf' for no limit."""
    try:
        value = 0.0 if text.strip().lower() == "none" else float(text)
    except ValueError:
        value = -1.0
    if value < 0 or value != value or (value > MAX_TIMEOUT and value != float("inf")):
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds up to {MAX_TIMEOUT:,} (0, none or inf for no limit), not {text!r}"
        )
    return None if value in (0, float("inf")) else value


def memory_size(text: str) -> int | None:
    """--max-memory: a size with a unit (2GiB, 512MiB, 1GB); 0 or 'none' for no limit."""
    from .running.worker import parse_size

    try:
        value = parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if 0 < value < 64 * 1024**2:
        raise argparse.ArgumentTypeError(f"{text!r} is too little for the reader to start (at least 64MiB)")
    return value or None


def add_build_arguments(ap: argparse.ArgumentParser) -> argparse.ArgumentParser:
    from extract import ENGINES

    from .running.worker import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

    ap.add_argument(
        "pdfs", nargs="+", type=Path, metavar="PDF", help="report PDFs to read; a folder: the PDFs directly in it"
    )
    ap.add_argument(
        "--out", required=True, type=Path, metavar="DIR",
        help="output directory, replaced whole; only one the pipeline wrote (or an empty or new one)",
    )  # fmt: skip
    ap.add_argument("--engine", choices=ENGINES, default=ENGINES[0], help=f"table extractor (default: {ENGINES[0]})")
    ap.add_argument(
        "--jobs", type=positive, default=1, metavar="N", help="N processes: over files, or one file's pages"
    )
    ap.add_argument(
        "--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="S",
        help=f"stop reading a file after S seconds of wall clock (default: {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )  # fmt: skip
    ap.add_argument(
        "--max-memory", type=memory_size, default=DEFAULT_MAX_MEMORY, metavar="SIZE",
        help="resident memory each file's reader may use, e.g. 2GiB, 512MiB (default: 2GiB; 0: no limit)",
    )  # fmt: skip
    ap.add_argument("--keep-going", action="store_true", help="write what the readable files give, even if some fail")
    ap.add_argument("--quiet", action="store_true", help="errors only: no progress bar, no log lines")
    return ap


BUILD_HELP = "read the report PDFs and write the clean dataset (CSV, Parquet, workbook, quality report)"


def build_parser(prog: str = "iizuka-dataset build") -> argparse.ArgumentParser:
    return add_build_arguments(argparse.ArgumentParser(prog=prog, description=BUILD_HELP[0].upper() + BUILD_HELP[1:]))


def command_parser() -> argparse.ArgumentParser:
    """``iizuka-dataset``: build, and correct (a value the reader got wrong, ``pipeline.correct``)."""
    from .writing.output import project_version

    ap = argparse.ArgumentParser(
        prog="iizuka-dataset",
        description="Iizuka City's suicide-countermeasure progress report (PDF) as a clean, validated dataset.",
        epilog="`iizuka-dataset COMMAND --help` describes a command.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {project_version()}")
    commands = ap.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    add_build_arguments(commands.add_parser("build", help=BUILD_HELP, description=BUILD_HELP))
    from .correct import CORRECT_EPILOG, CORRECT_HELP, add_correct_arguments

    add_correct_arguments(
        commands.add_parser(
            "correct", help=CORRECT_HELP, description=CORRECT_HELP[0].upper() + CORRECT_HELP[1:], epilog=CORRECT_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        ),
        positive,
    )  # fmt: skip
    return ap


def pdfs_in(given: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to read: a file as given; a folder as the PDFs directly in it, by name (its
    subfolders are not searched, and a hidden file is not a report), each named in a log line.
    A folder with none is one line."""
    files: list[Path] = []
    errors = []
    for path in given:
        if not path.is_dir():
            files.append(path)
            continue
        try:
            entries = list(path.iterdir())
        except OSError as e:
            errors.append(f"{path}: cannot list the folder ({e.strerror or e})")
            continue
        is_pdf = [p for p in entries if p.suffix.lower() == ".pdf" and not p.name.startswith(".") and p.is_file()]
        found = sorted(is_pdf, key=lambda p: p.name)
        if not found:
            errors.append(f"{path}: a folder with no PDF directly in it")
        else:
            log.info(
                "%s: %d PDF%s: %s", path, len(found), "s" if len(found) > 1 else "", ", ".join(p.name for p in found)
            )
        files += found
    return files, errors


def run(args: argparse.Namespace) -> int:
    from .build import build
    from .running.worker import FileResult, Limits

    args.pdfs, errors = pdfs_in(args.pdfs)
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return 1
    bar = ProgressBar(len(args.pdfs)) if sys.stderr.isatty() and not args.quiet else None

    def progress(r: FileResult) -> None:
        if bar is not None:
            bar.advance(r.path.name)
        else:
            log.info("%s: %s in %.2fs", r.path, "ok" if r.error is None else "FAILED", r.seconds)

    limits = Limits(args.timeout, args.max_memory)
    try:
        report = build(args.pdfs, args.out, args.engine, args.jobs, args.keep_going, progress, limits)
    except Exception as e:  # a bug, not bad input; still one line, and nothing was published
        print(f"error: {', '.join(map(str, args.pdfs))}: unexpected {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.end()
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if report.dataset is not None and report.written is not None:
        counts = ", ".join(f"{len(v)} {k}" for k, v in report.dataset.tables().items())
        log.info("wrote %s: %s", report.written, counts)
    return 0 if report.ok else 1


class ProgressBar:
    """A bar on stderr, redrawn in place; its line is ended as soon as the last file is read,
    before the quality summary and the result are logged, and by ``end`` on any way out."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.open = total, 0, False

    def advance(self, name: str) -> None:
        self.done += 1
        filled = "#" * (20 * self.done // self.total)
        print(f"\r[{filled:<20}] {self.done}/{self.total} {name[:40]:<40}", end="", file=sys.stderr, flush=True)
        self.open = True
        if self.done == self.total:
            self.end()

    def end(self) -> None:
        if self.open:
            print(file=sys.stderr, flush=True)
            self.open = False


def main(argv: list[str] | None = None, prog: str = "iizuka-dataset build") -> int:
    """The build command (``python -m scripts.build_dataset``; ``iizuka-dataset build``)."""
    return build_command(build_parser(prog).parse_args(argv))


def build_command(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s", stream=sys.stdout)
    # SIGTERM (make or CI stopping the run) unwinds like Ctrl-C: the workers run in process
    # groups of their own, forked by the fork server, so only this process's cleanup stops them.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run(args)
    except KeyboardInterrupt:
        print(f"error: interrupted; the workers were stopped and {args.out} is as it was or complete", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def command(run_it: Callable[[], int]) -> int:
    """A whole command as a process runs it: Ctrl-C at any moment (arguments, imports, the
    build, the cleanup) is one line and exit 130, and the fork server is stopped before exit."""
    try:
        try:
            return run_it()
        finally:
            from .running.worker import stop_server

            stop_server()
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def console(argv: list[str] | None = None) -> int:
    """``iizuka-dataset``: the entry point pyproject.toml installs."""

    def dispatch() -> int:
        parser = command_parser()
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        if args.command is None:  # no command: say what there is
            parser.print_help(sys.stderr)
            return 2
        if args.command == "correct":
            from .correct import correct_command

            return correct_command(args)
        return build_command(args)

    return command(dispatch)
