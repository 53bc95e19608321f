"""The pipeline's command: PDFs in, the clean dataset out.

    python -m scripts.build_dataset --out data/clean data/raw/*.pdf

One run covers all the PDFs it is given, together. Outputs are written to a temporary
directory beside ``--out`` and swapped in only when everything succeeded, so a failed run
leaves the previous output exactly as it was.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

import normalize
from extract import ENGINES, Extraction, PipelineError, extract
from schemas import RESOURCES, datapackage, validate
from schemas.datapackage import table_schema

log = logging.getLogger("build_dataset")

PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "string": "string", "boolean": "boolean"}


@dataclass
class FileResult:
    path: Path
    extraction: Extraction | None = None
    error: str | None = None
    seconds: float = 0.0


def extract_file(path: Path, engine: str, jobs: int = 1) -> FileResult:
    """One file, errors caught: the run reports every file's failure, not just the first."""
    start = time.perf_counter()
    try:
        return FileResult(path, extract(path, engine, jobs=jobs), None, time.perf_counter() - start)  # type: ignore[arg-type]
    except PipelineError as e:
        return FileResult(path, None, str(e), time.perf_counter() - start)


def extract_all(paths: Sequence[Path], engine: str, jobs: int, progress: Callable[[FileResult], None]) -> list[FileResult]:
    """Files in a process pool when there are several; one file's pages in a pool otherwise."""
    if jobs <= 1 or len(paths) <= 1:
        results = []
        for p in paths:
            results.append(extract_file(p, engine, jobs))
            progress(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = []
        for r in pool.map(extract_file, paths, [engine] * len(paths)):
            progress(r)
            results.append(r)
        return results


def build_tables(extractions: Sequence[Extraction]) -> dict[str, list[dict[str, Any]]]:
    """Normalise and validate; raises PipelineError before anything is written."""
    rows = [r for ex in extractions for r in ex.rows]
    measures = validate(RESOURCES["measures"][0], normalize.measures(rows))
    return {
        "measures": measures,
        "programs": validate(RESOURCES["programs"][0], normalize.programs(rows)),
        "indicators": validate(RESOURCES["indicators"][0], normalize.indicators(measures)),
    }


def frame(name: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    """Records → a DataFrame with the model's columns and nullable dtypes, in model order."""
    fields = table_schema(RESOURCES[name][0])["fields"]
    df = pd.DataFrame.from_records(records, columns=[f["name"] for f in fields])
    return df.astype({f["name"]: PANDAS_DTYPES[f["type"]] for f in fields})


def write_outputs(out_dir: Path, tables: dict[str, list[dict[str, Any]]], extra: dict[str, str | bytes]) -> None:
    for name, records in tables.items():
        df = frame(name, records)
        df.to_csv(out_dir / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        df.to_parquet(out_dir / f"{name}.parquet", index=False)
    (out_dir / "datapackage.json").write_text(
        json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    for rel, content in extra.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def replace_dir(tmp: Path, out: Path) -> None:
    """Swap ``tmp`` in as ``out``: two renames on one filesystem, the old copy removed last."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    if old.exists():
        shutil.rmtree(old)


def run(args: argparse.Namespace, extra_outputs: Callable[[list[FileResult], dict], dict] | None = None) -> int:
    paths = [Path(p) for p in args.pdfs]
    tty = sys.stderr.isatty() and not args.quiet

    def progress(r: FileResult) -> None:
        done.append(r)
        status = "ok" if r.error is None else "FAILED"
        if tty:
            bar = "#" * (20 * len(done) // len(paths))
            print(f"\r[{bar:<20}] {len(done)}/{len(paths)} {r.path.name[:40]:<40}", end="", file=sys.stderr, flush=True)
        else:
            log.info("%s: %s in %.2fs", r.path, status, r.seconds)

    done: list[FileResult] = []
    results = extract_all(paths, args.engine, args.jobs, progress)
    if tty:
        print(file=sys.stderr)
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"error: {r.error}", file=sys.stderr)
    if failed and not args.keep_going:
        if len(paths) > 1:
            print(f"error: {len(failed)} of {len(paths)} files failed; nothing written to {args.out}", file=sys.stderr)
        return 1
    good = [r for r in results if r.extraction is not None]
    if not good:
        print("error: no file could be read; nothing written", file=sys.stderr)
        return 1
    try:
        tables = build_tables([r.extraction for r in good if r.extraction])
    except PipelineError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    extra = extra_outputs(good, tables) if extra_outputs else {}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the published directory is not
    try:
        write_outputs(tmp, tables, extra)
        replace_dir(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    counts = ", ".join(f"{len(v)} {k}" for k, v in tables.items())
    log.info("wrote %s: %s", out, counts)
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m scripts.build_dataset", description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+", metavar="PDF", help="report PDFs to read")
    ap.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory (replaced atomically)")
    ap.add_argument("--engine", choices=ENGINES, default="pdfium", help="table extractor (default: pdfium)")
    ap.add_argument("--jobs", type=int, default=1, metavar="N", help="N processes: over files, or over one file's pages")
    ap.add_argument("--keep-going", action="store_true", help="write what the readable files give, even if some fail")
    ap.add_argument("--quiet", action="store_true", help="errors only: no progress bar, no log lines")
    return ap


def main(argv: list[str] | None = None) -> int:
    # Progress and summaries go to stdout; stderr carries only errors, one line each.
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s", stream=sys.stdout)
    from scripts.quality import quality_outputs

    return run(args, quality_outputs)


if __name__ == "__main__":
    sys.exit(main())
