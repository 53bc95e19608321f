"""Every package the code imports is declared in pyproject.toml, and the lock pins the tree."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from .helpers import ROOT

FIRST_PARTY = {"extract", "normalize", "schemas", "pipeline", "render", "scripts", "tests"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    return canonical(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0])


REBUILD = ("render", "scripts/rebuild_source_pdf.py", "scripts/render_variants.py")


def files(*folders: str, leave_out: tuple[str, ...] = ()) -> list[Path]:
    return [
        p for f in folders for p in sorted((ROOT / f).rglob("*.py"))
        if not p.relative_to(ROOT).as_posix().startswith(leave_out)
    ]  # fmt: skip


def imported(paths: list[Path]) -> set[str]:
    """Top-level modules imported anywhere in ``paths`` (not the standard library)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - FIRST_PARTY - {"__future__"}


def declared(*extras: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in extras:
        specs += project["optional-dependencies"][extra]
    return {requirement_name(s) for s in specs}


def distributions(modules: set[str]) -> dict[str, set[str]]:
    known = packages_distributions()  # pypdfium2_raw → pypdfium2, PIL → pillow, …
    return {m: {canonical(d) for d in known.get(m, [])} for m in modules}


def test_every_imported_package_is_declared() -> None:
    cases = [
        (files("extract", "normalize", "schemas", "pipeline", "scripts", leave_out=REBUILD), declared()),
        (files(*REBUILD), declared("rebuild")),  # `make source-pdf` and `make variants` install [rebuild]
        (files("tests"), declared("test")),
    ]
    for paths, allowed in cases:
        for module, dists in distributions(imported(paths)).items():
            if not dists:
                continue  # not installed here (only [rebuild] packages): the import fails where it runs
            assert dists & allowed, f"{module} (from {sorted(dists)}) is imported but not declared"


def test_the_lock_pins_every_declared_package_exactly() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = {canonical(m.group(1)): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)", lock, re.M)}
    missing = declared("test", "lint") - set(pins)
    assert not missing, f"declared but not in requirements.lock (run make lock): {sorted(missing)}"
    assert all(line.startswith(("#", " ")) or "==" in line for line in lock.splitlines() if line.strip())
