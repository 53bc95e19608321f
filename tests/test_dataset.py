"""The published dataset: golden files, layout variants, types, the Data Package, the command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from extract import extract
from schemas import RESOURCES
from scripts.build_dataset import build_tables, frame, main

from .variant_gaps import NOT_YET_CLEAN, variant_params

ROOT = Path(__file__).resolve().parent.parent
RAW_PDF = ROOT / "data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf"
GOLDEN = ROOT / "tests/golden"
VARIANTS = sorted((ROOT / "tests/fixtures/variants").glob("*.pdf"))
PROVENANCE = ["source_file", "source_page"]
FREE_TEXT = ["plan", "status", "evaluation", "description"]
KEYS = {
    "measures": ["table", "fiscal_year", "program_no", "department_seq"],
    "programs": ["fiscal_year", "program_no"],
    "indicators": ["table", "fiscal_year", "program_no", "department_seq", "indicator_seq"],
}


def csv_text(name: str, records: list[dict]) -> str:
    buf = io.StringIO()
    frame(name, records).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def readable_diff(name: str, got: str, want: str, limit: int = 12) -> str:
    """Which rows and cells differ, keyed by the table's key columns."""
    g = pd.read_csv(io.StringIO(got), dtype=str, keep_default_na=False).set_index(KEYS[name])
    w = pd.read_csv(io.StringIO(want), dtype=str, keep_default_na=False).set_index(KEYS[name])
    out = [f"{name}: {len(g)} rows, golden {len(w)}"]
    out += [f"  only in output: {k}" for k in g.index.difference(w.index)[:limit]]
    out += [f"  only in golden: {k}" for k in w.index.difference(g.index)[:limit]]
    for key in g.index.intersection(w.index):
        for col in w.columns:
            if col in g.columns and g.at[key, col] != w.at[key, col]:
                out.append(f"  {key} {col}:\n    golden {w.at[key, col]!r}\n    output {g.at[key, col]!r}")
        if len(out) > limit * 3:
            out.append("  …")
            break
    return "\n".join(out)


@pytest.fixture(scope="module")
def tables():
    return build_tables([extract(RAW_PDF)])


@pytest.mark.parametrize("name", list(RESOURCES))
def test_clean_tables_match_the_golden_files(tables, name):
    got = csv_text(name, tables[name])
    want = (GOLDEN / f"{name}.csv").read_text(encoding="utf-8")
    assert got == want, readable_diff(name, got, want)


def without_provenance(name: str, records: list[dict], flatten: bool = False) -> pd.DataFrame:
    df = frame(name, records).drop(columns=PROVENANCE, errors="ignore")
    if flatten:
        for col in FREE_TEXT:
            if col in df:
                df[col] = df[col].str.replace("\n", "", regex=False)
    return df


@pytest.mark.parametrize("variant", variant_params([v for v in VARIANTS if v.stem != "narrow"], NOT_YET_CLEAN), ids=lambda p: p.stem)
def test_layout_variants_give_the_same_clean_tables(tables, variant):
    theirs = build_tables([extract(variant)])
    for name in RESOURCES:
        pd.testing.assert_frame_equal(without_provenance(name, theirs[name]), without_provenance(name, tables[name]))


def test_narrower_columns_give_the_same_tables_and_almost_the_same_paragraphs(tables):
    """Rewrapped at 80% width, a handful of paragraph breaks are ambiguous by geometry.

    A paragraph that happens to end within a character of the new edge reads as a wrap (and
    Latin words wrap as units): 5 of the report's ~1,000 free-text line ends. Everything
    else is identical, and the free text is identical once line breaks are removed.
    """
    (narrow,) = [v for v in VARIANTS if v.stem == "narrow"]
    theirs = build_tables([extract(narrow)])
    for name in RESOURCES:
        pd.testing.assert_frame_equal(
            without_provenance(name, theirs[name], flatten=True), without_provenance(name, tables[name], flatten=True)
        )
    ours, new = without_provenance("measures", tables["measures"]), without_provenance("measures", theirs["measures"])
    differing = sum(int((ours[c].fillna("") != new[c].fillna("")).sum()) for c in FREE_TEXT if c in ours)
    assert differing <= 5


def test_records_are_split_per_department(tables):
    no3 = [m for m in tables["measures"] if m["program_no"] == 3 and m["table"] == "results"]
    assert [m["department_seq"] for m in no3] == list(range(1, 11))
    no23 = [m for m in tables["measures"] if m["program_no"] == 23 and m["table"] == "results"]
    assert [(m["department"], m["target_value"], m["target_unit"], m["achievement_pct"]) for m in no23] == [
        ("健幸保健課", 85.0, "%", 100.0), ("医療保険課", 0.6, "ratio", 60.0),
    ]
    plan = [m for m in tables["measures"] if m["table"] == "plan"]
    assert all(m["status"] is None and m["actual_value"] is None and m["achievement_pct"] is None for m in plan)


def test_indicators_in_long_format(tables):
    def rows(no):
        return [
            (i["indicator"], i["target_value"], i["actual_value"], i["achievement_pct"])
            for i in tables["indicators"]
            if i["program_no"] == no and i["table"] == "results"
        ]

    assert rows(18) == [("母子手帳交付冊数", 1100, 932, None), ("妊婦健診受診者数", 1700, 1480, None),
                        ("妊婦健診補助券利用枚数", 13000, 11481, None)]
    assert rows(6) == [("法律相談", 50, 48, 96), ("一般相談", 50, 34, 68)]
    assert len(rows(20)) == 3
    assert [r[0] for r in rows(2)] == ["職員総合健診", "産業医面談", "保健師相談"]
    assert [r[0] for r in rows(24)] == ["広報掲載", "ホームページ更新"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean") / "clean"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF)]) == 0
    return out


def test_the_command_writes_csv_parquet_datapackage_and_report(built):
    names = {p.name for p in built.iterdir()}
    assert {f"{n}.{ext}" for n in RESOURCES for ext in ("csv", "parquet")} <= names
    assert {"datapackage.json", "quality.md", "pages"} <= names
    assert len(list((built / "pages").glob("*.png"))) == 8


def test_parquet_has_nullable_dtypes(built):
    df = pd.read_parquet(built / "measures.parquet")
    assert str(df["program_no"].dtype) == "Int64"
    assert str(df["target_value"].dtype) == "Float64"
    assert str(df["department"].dtype).startswith("string")
    assert df["achievement_pct"].isna().sum() > 0


def test_csv_is_utf8_with_header(built):
    text = (built / "measures.csv").read_bytes().decode("utf-8")
    assert text.startswith("fiscal_year,table,program_no,program_name,")


def test_datapackage_describes_every_resource_and_field(built):
    package = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        name = resource["path"].split(".")[0]
        columns = list(pd.read_csv(built / f"{name}.csv", nrows=0).columns)
        assert [f["name"] for f in resource["schema"]["fields"]] == columns
        assert all(f["title"] and f["description"] and f["type"] for f in resource["schema"]["fields"])
    measures = next(r for r in package["resources"] if r["name"] == "measures")
    types = {f["name"]: f["type"] for f in measures["schema"]["fields"]}
    assert (types["program_no"], types["target_value"], types["plan"]) == ("integer", "number", "string")


def test_anomalies_flag_rates_that_disagree_and_unmatched_programs(tables):
    from normalize.checks import anomalies

    found = anomalies(tables["measures"])
    mismatched = {a.program_no for a in found if a.kind == "achievement ≠ actual ÷ target"}
    assert 49 in mismatched  # 391 against a target of 342, reported as 100%
    assert 1 not in mismatched
    lonely = [{**tables["measures"][0], "department": "人事科"}]  # a typo of 人事課
    assert [a.department for a in anomalies(tables["measures"] + lonely) if a.kind == "department name occurs once"] == ["人事科"]
    without_r2 = [m for m in tables["measures"] if not (m["table"] == "results" and m["program_no"] == 7)]
    assert [(a.kind, a.program_no) for a in anomalies(without_r2) if "without" in a.kind and "plan" in a.kind] == [
        ("plan without results", 7)
    ]


def test_a_record_that_fails_validation_stops_the_run_naming_where(tables):
    from extract.errors import PipelineError
    from schemas import Measure, validate

    bad = {**tables["measures"][5], "department": None}
    with pytest.raises(PipelineError) as e:
        validate(Measure, [bad])
    message = str(e.value)
    for part in ("iizuka_suicide_plan_progress_fy2020_fy2021.pdf", "page 1", "program № 3", "row 4", "field department"):
        assert part in message
