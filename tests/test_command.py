"""The command follows the conventions: --help, --version, subcommands; Ctrl-C at any moment
is one line and exit 130; the progress bar ends its line; no process outlives the command."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from pipeline.cli import console

from .helpers import RAW_PDF, ROOT

COMMAND = [sys.executable, "-c", "import sys; from pipeline.cli import console; sys.exit(console())"]


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands_and_exits_0(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        console([flag])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: iizuka-dataset") and "build" in out and "read the report PDFs" in out


def test_version_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        console(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == "iizuka-dataset 0.1.0"


def test_build_has_its_own_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        console(["build", "--help"])
    assert stop.value.code == 0
    assert "--out DIR" in capsys.readouterr().out


def test_no_command_shows_the_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert console([]) == 2
    assert "build" in capsys.readouterr().err


def processes_with(token: str) -> list[str]:
    """Processes whose environment carries ``token``: the command's, and any it started."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if token.encode() in (entry / "environ").read_bytes():
                    found.append(f"{entry.name}: {(entry / 'cmdline').read_bytes()[:80]!r}")
            except OSError:
                continue
    return found


def start(out: Path, token: str, stdout: int, stderr: int) -> subprocess.Popen[bytes]:
    """The command building into ``out`` in a session of its own, ``token`` in its environment."""
    env = dict(os.environ, IIZUKA_TEST_TOKEN=token)
    argv = [*COMMAND, "build", "--out", str(out), str(RAW_PDF)]
    return subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True, stdout=stdout, stderr=stderr)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_no_process_outlives_the_command(tmp_path: Path) -> None:
    token = uuid.uuid4().hex
    run = start(tmp_path / "out", token, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert processes_with(token) == []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
@pytest.mark.parametrize("after", [0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 1.2])
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(after: float, tmp_path: Path) -> None:
    # From 0.1 s: before that the interpreter may still be starting (site, encodings), where
    # Python itself reports the interrupt; from the command's first import on, it is one line.
    token = uuid.uuid4().hex
    run = start(tmp_path / "out", token, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(after)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
    _, err = run.communicate(timeout=120)
    lines = err.decode().strip().splitlines()
    if run.returncode == 0:  # finished first
        assert lines == []
    else:
        assert run.returncode == 130 and len(lines) == 1 and lines[0].startswith("error: interrupted"), lines
    assert processes_with(token) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_stopping_a_process_whose_start_was_interrupted_does_nothing() -> None:
    """Ctrl-C while the fork server forks the painter leaves a Process with no pid: stopping it
    on the way out must not raise over the interrupt (it said "unexpected AttributeError")."""
    import multiprocessing

    from pipeline.running.worker import stop

    never_started = multiprocessing.get_context("spawn").Process(target=print)
    stop(never_started)
    assert never_started.pid is None


def test_on_a_terminal_the_progress_bar_ends_its_line_before_the_summary(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    run = start(tmp_path / "out", uuid.uuid4().hex, stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert run.wait(timeout=120) == 0
    lines = output.decode().replace("\r\n", "\n").split("\n")
    bar = [line for line in lines if "[####" in line]
    assert bar and all(line.rstrip().endswith(RAW_PDF.name[:40]) for line in bar), bar
    assert any(line.startswith("wrote ") for line in lines)
