"""`make mutation`'s verdict (tests/mutation.py, scripts/mutation_report.py) on hand-made mutmut
results: what counts as killed, which survivors pass, and which problems fail the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.mutation_report import main
from tests.mutation import Results, judge, read_equivalent, read_results, table


def write_meta(mutants: Path, source: str, codes: dict[str, int | None]) -> None:
    meta = mutants / f"{source}.meta"
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")


def results(**by_file: dict[str, int | None]) -> Results:
    codes = {name: code for per_file in by_file.values() for name, code in per_file.items()}
    file_of = {name: path.replace("__", "/") + ".py" for path, per in by_file.items() for name in per}
    return Results(codes, file_of)


def test_killed_and_timed_out_mutants_count_as_killed() -> None:
    run = results(
        extract__columns__headers={"h_1": 1, "h_2": 3, "h_3": 36, "h_4": -24, "h_5": 24, "h_6": 152, "h_7": 255}
    )
    verdict = judge(run, {}, target=90)
    assert verdict.problems == []
    (scores,) = verdict.files
    assert (scores.path, scores.mutants, scores.killed, scores.listed, scores.score) == (
        "extract/columns/headers.py", 7, 7, 0, 100.0,
    )  # fmt: skip


def test_a_survivor_not_listed_is_a_problem_naming_it() -> None:
    verdict = judge(results(schemas__model={"m_1": 1, "m_2": 0}), {}, target=50)
    assert verdict.problems == ["m_2: survives (exit code 0); `mutmut show m_2` shows the change"]
    assert verdict.files[0].score == 50.0


def test_a_listed_survivor_passes_but_still_counts_against_the_score() -> None:
    codes: dict[str, int | None] = {f"m_{i}": 1 for i in range(9)}
    run = results(schemas__model=codes | {"m_9": 0})
    verdict = judge(run, {"m_9": "zip(strict=None): lengths always equal"}, target=90)
    assert verdict.problems == []
    assert (verdict.files[0].killed, verdict.files[0].listed, verdict.files[0].score) == (9, 1, 90.0)


def test_a_listed_mutant_that_a_test_kills_must_come_off_the_list() -> None:
    verdict = judge(results(schemas__model={"m_1": 1}), {"m_1": "why"}, target=90)
    assert verdict.problems == ["m_1: listed as equivalent, but a test kills it; take it off the list"]


@pytest.mark.parametrize("code", [None, 2])
def test_a_mutant_not_run_is_a_problem_even_when_listed(code: int | None) -> None:
    verdict = judge(results(schemas__model={"m_1": 1, "m_2": code}), {"m_2": "why"}, target=0)
    assert verdict.problems == [f"m_2: not run (exit code {code}); run `mutmut run` to the end"]


def test_a_listed_mutant_that_no_longer_exists_is_a_problem_except_in_a_partial_run() -> None:
    run = results(schemas__model={"m_1": 1})
    whole = judge(run, {"gone_1": "why"}, target=90)
    assert whole.problems == ["gone_1: listed as equivalent, but there is no such mutant"]
    assert judge(run, {"gone_1": "why"}, target=90, partial=True).problems == []


def test_a_file_under_the_target_is_a_problem_after_its_survivors() -> None:
    run = results(normalize__text={"t_1": 1, "t_2": 0, "t_3": 0}, schemas__model={"m_1": 1})
    verdict = judge(run, {"t_2": "why", "t_3": "why"}, target=90)
    assert verdict.problems == ["normalize/text.py: 33.3% of its mutants killed, under the target of 90%"]
    assert [f.path for f in verdict.files] == ["normalize/text.py", "schemas/model.py"]
    assert table(verdict.files)[1:] == [
        "normalize/text.py                       3       1       2   33.3%",
        "schemas/model.py                        1       1       0  100.0%",
    ]


def test_results_and_listings_are_read_from_mutmuts_meta_files_and_the_toml_folder(tmp_path: Path) -> None:
    write_meta(tmp_path / "mutants", "extract/columns/headers.py", {"extract.columns.headers.x_a__mutmut_1": 1})
    write_meta(tmp_path / "mutants", "normalize/text.py", {"normalize.text.x_b__mutmut_1": 0})
    (tmp_path / "eq").mkdir()
    (tmp_path / "eq" / "normalize.text.toml").write_text(
        '[equivalent]\n"normalize.text.x_b__mutmut_1" = "why"\n', encoding="utf-8"
    )
    run = read_results(tmp_path / "mutants")
    assert run.file_of == {
        "extract.columns.headers.x_a__mutmut_1": "extract/columns/headers.py",
        "normalize.text.x_b__mutmut_1": "normalize/text.py",
    }
    assert read_equivalent(tmp_path / "eq") == {"normalize.text.x_b__mutmut_1": "why"}
    only_headers = read_results(tmp_path / "mutants", only=["extract/columns/headers.py"])
    assert only_headers.codes == {"extract.columns.headers.x_a__mutmut_1": 1}


def test_the_command_exits_1_on_a_problem_and_0_when_all_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mutants, eq = tmp_path / "mutants", tmp_path / "eq"
    eq.mkdir()
    write_meta(mutants, "schemas/model.py", {"m_1": 1, "m_2": 0})
    assert main([str(mutants), str(eq), "--target", "50"]) == 1
    out, err = capsys.readouterr()
    assert "schemas/model.py                        2       1       0   50.0%" in out
    assert err == "m_2: survives (exit code 0); `mutmut show m_2` shows the change\n"
    (eq / "schemas.model.toml").write_text('[equivalent]\n"m_2" = "why"\n', encoding="utf-8")
    assert main([str(mutants), str(eq), "--target", "50"]) == 0


def test_the_command_refuses_in_one_line_without_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"{tmp_path}: no mutmut results; run `mutmut run` first\n"
