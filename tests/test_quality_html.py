"""quality.html: the quality report in Japanese, one self-contained file, read in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from normalize.checks import CHECKS, Anomaly, anomalies, by_severity
from pipeline.cli import main
from pipeline.dataset import Dataset
from pipeline.reporting.quality_html import markdown_html, without_section

from .helpers import RAW_PDF

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; .ci/run installs it


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "clean"
    assert main(["--quiet", "--out", str(out), str(RAW_PDF)]) == 0
    return out


@pytest.fixture(scope="module")
def page(built: Path) -> str:
    return (built / "quality.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def found(dataset: Dataset) -> list[Anomaly]:
    return by_severity(anomalies(dataset.measures))


def shown_text(detail: str) -> str:
    return detail.replace("\n", "<br>")


def test_the_page_is_japanese_and_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ja">' in page and '<meta charset="utf-8">' in page
    sources = re.findall(r'src="([^"]*)"', page)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)  # no file beside it needed
    assert not re.search(r'href="(?!#)(?!pages/)(?!anomalies/)', page)  # no address outside the page
    assert "<link" not in page and "<script" not in page


def test_anomalies_come_first_most_severe_first_each_with_its_picture(page: str, found: list[Anomaly]) -> None:
    body = page.split('<h2 id="anomalies">')[1]
    assert page.index('id="anomalies"') < page.index('id="pages"') < page.index('id="details"')
    positions = [body.index(shown_text(a.detail_ja)) for a in found]
    assert positions == sorted(positions)  # in the order of severity, №16 first
    assert found[0].program_no == 16 and "目標達成と報告されているが" in found[0].detail_ja
    figures = body.split('<h2 id="pages">')[0].split('<figure class="anomaly">')[1:]
    assert len(figures) == len(found) == 18
    assert all('<img src="data:image/png;base64,' in f for f in figures)
    for kind, name in CHECKS.items():
        assert name in body, kind  # every check, zeros included


def test_the_rest_of_quality_md_is_there_in_japanese(built: Path, page: str) -> None:
    md = (built / "quality.md").read_text(encoding="utf-8")
    details = page.split('<h2 id="details">')[1]
    assert "## Anomalies" in md and "Anomalies" not in details
    for heading in ("行数", "列", "ページごとの読み取り", "見出しの対応"):
        assert f">{heading}</h" in details
    assert "<th>ページ</th>" in details and "<td>実績</td>" in details
    # A page's picture, linked from its row, points at the picture shown above.
    assert 'href="#pages/iizuka_suicide_plan_progress_fy2020_fy2021-p1.png"' in details
    assert 'id="pages/iizuka_suicide_plan_progress_fy2020_fy2021-p1.png"' in page


def test_markdown_tables_lists_and_unknown_sentences_are_kept() -> None:
    md = "# T\n\n## Rows\n\nA sentence no one translated.\n\n| file | x\\|y |\n|---|---|\n| a | b |\n\n- one\n- two"
    html = "".join(markdown_html(md, {}))
    assert html == (
        "<h3>行数</h3><p>A sentence no one translated.</p>"
        "<table><tr><th>ファイル</th><th>x|y</th></tr><tr><td>a</td><td>b</td></tr></table>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert without_section("## A\nx\n## Anomalies\ny\n### sub\nz\n## B\nw", "Anomalies") == "## A\nx\n## B\nw"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_a_browser_loads_every_picture_and_shows_every_anomaly(
    built: Path, found: list[Anomaly], tmp_path: Path
) -> None:
    """Headless Chromium opens a copy of the page with a probe that, once the page has loaded,
    counts the pictures decoded and the anomalies laid out on screen."""
    probe = (
        "<script>addEventListener('load', () => {"
        "const imgs = [...document.images];"
        "const shown = [...document.querySelectorAll('figure.anomaly')]"
        ".filter(f => f.getBoundingClientRect().height > 0);"
        "document.body.dataset.probe = [imgs.length, imgs.filter(i => i.complete && i.naturalWidth > 0).length,"
        " shown.length, shown.filter(f => f.querySelector('img').naturalWidth > 0).length].join(' ');"
        "});</script>"
    )
    copy = tmp_path / "quality.html"
    copy.write_text((built / "quality.html").read_text(encoding="utf-8").replace("</body>", probe + "</body>"))
    profile = tmp_path / "profile"
    run = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--dump-dom", copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    shutil.rmtree(profile, ignore_errors=True)
    assert run.returncode == 0, run.stderr[-2000:]
    probed = re.search(r'data-probe="(\d+) (\d+) (\d+) (\d+)"', run.stdout)
    assert probed, run.stdout[:500]
    images, loaded, shown, with_picture = map(int, probed.groups())
    assert images == loaded == len(found) + 8  # every anomaly's row and every page
    assert shown == with_picture == len(found)
    for a in found:
        assert shown_text(a.detail_ja) in run.stdout
