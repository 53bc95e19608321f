"""The command line: argument parsing, one call to ``build``, and its report printed.

    iizuka-dataset build --out data/clean data/raw/*.pdf
    python -m scripts.build_dataset --out data/clean data/raw/*.pdf     (what make runs)

Progress and summaries go to stdout; stderr carries only errors, one line each.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from extract import ENGINES

from .worker import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, Limits

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
    from .worker import parse_size

    try:
        value = parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if 0 < value < 64 * 1024**2:
        raise argparse.ArgumentTypeError(f"{text!r} is too little for the reader to start (at least 64MiB)")
    return value or None


def build_parser(prog: str = "iizuka-dataset build") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Read the report PDFs and write the clean dataset.")
    ap.add_argument("pdfs", nargs="+", type=Path, metavar="PDF", help="report PDFs to read")
    ap.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory (replaced atomically)")
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


def run(args: argparse.Namespace) -> int:
    from .build import build
    from .worker import FileResult

    done: list[FileResult] = []
    tty = sys.stderr.isatty() and not args.quiet

    def progress(r: FileResult) -> None:
        done.append(r)
        if tty:
            bar = "#" * (20 * len(done) // len(args.pdfs))
            print(
                f"\r[{bar:<20}] {len(done)}/{len(args.pdfs)} {r.path.name[:40]:<40}",
                end="",
                file=sys.stderr,
                flush=True,
            )
        else:
            log.info("%s: %s in %.2fs", r.path, "ok" if r.error is None else "FAILED", r.seconds)

    limits = Limits(args.timeout, args.max_memory)
    try:
        report = build(args.pdfs, args.out, args.engine, args.jobs, args.keep_going, progress, limits)
    except Exception as e:  # a bug, not bad input; still one line, and nothing was published
        if tty:
            print(file=sys.stderr)
        print(f"error: {', '.join(map(str, args.pdfs))}: unexpected {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if tty:
        print(file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if report.dataset is not None and report.written is not None:
        counts = ", ".join(f"{len(v)} {k}" for k, v in report.dataset.tables().items())
        log.info("wrote %s: %s", report.written, counts)
    return 0 if report.ok else 1


def main(argv: list[str] | None = None, prog: str = "iizuka-dataset build") -> int:
    args = build_parser(prog).parse_args(argv)
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


def console() -> int:
    """``iizuka-dataset``: one subcommand today (build), room for more (validate, inspect)."""
    argv = sys.argv[1:]
    if not argv or argv[0] != "build":
        print("usage: iizuka-dataset build --out DIR PDF [PDF ...]", file=sys.stderr)
        return 2
    return main(argv[1:])
