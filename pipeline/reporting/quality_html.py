"""quality.html: the quality report in Japanese for the city's staff, one file that opens in
any browser on a city PC, with every picture inside it.

Made from the same ``QualityReport`` as quality.md: the anomalies first, most severe first,
each with the picture of its row and what is wrong in Japanese beside it; then each page's
picture; then the rest of quality.md, its headings, table titles and fixed sentences in
Japanese (a sentence this module does not know stays as quality.md says it). The pictures are
inlined as data URIs, so the file can be mailed or copied alone. Plain string building and the
standard library only: no template engine on the build's path.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from normalize.checks import CHECKS, FOR_REFERENCE, SEVERITIES, TO_CHECK, Anomaly, severity_of


@dataclass(frozen=True)
class QualityReport:
    """What the build says of its data, made once (``report.quality_report``): quality.md (for
    analysts) and quality.html (the same in Japanese, for the city's staff) are both written
    from it. Here, beside the page it makes, so that the report imports this module and not
    the other way round."""

    markdown: str  # quality.md
    anomalies: tuple[Anomaly, ...]  # most severe first
    rows: Mapping[Anomaly, str]  # the picture of each anomaly's row, among ``images``
    pages: tuple[tuple[str, int, str, str], ...]  # file name, page, table, its picture's name
    images: Mapping[str, bytes]  # every picture drawn, by name


TITLE = "データ品質レポート（飯塚市自殺対策計画 進捗状況）"
SEVERITY_MEANING = {
    TO_CHECK: "報告書と照らして確かめてください（値が食い違う、または欠けている）。",
    FOR_REFERENCE: "参考：市の報告の慣行、またはチェックでは判断できない値です（直す必要はありません）。",
}
FIELD_TITLES = {"no": "№", "department": "担当課", "target": "目標値", "actual": "実績値", "achievement": "達成度"}
TABLE_JA = {"results": "実績", "plan": "計画"}

# quality.md's words in Japanese: headings, table titles, cell values and fixed sentences.
WORDS = {
    "Rows": "行数",
    "Columns": "列",
    "Programs across reports": "報告書をまたぐ事業",
    "Extraction, page by page": "ページごとの読み取り",
    "Header mapping": "見出しの対応",
    "Warnings": "警告",
    "Grids against the pages' rules": "格子とページの罫線",
    "Boundaries the rules do not draw": "罫線のない境界",
    "Notes over the tables": "表の上に描かれた注記",
    "Tables turned on the page": "横向きに印刷された表",
    "Stamps and watermarks": "スタンプ・透かし",
    "table": "表",
    "fiscal year": "年度",
    "rows": "行数",
    "column": "列",
    "label": "見出し",
    "field": "欄",
    "label score": "見出しの一致度",
    "content score": "内容の一致度",
    "file": "ファイル",
    "page": "ページ",
    "FY": "年度",
    "header": "見出し",
    "grid complete": "格子",
    "empty": "空欄",
    "overfull": "はみ出し",
    "outside": "表の外の文字",
    "tables": "表の数",
    "picture": "図",
    "header rows": "見出しの行数",
    "label → field score": "見出し → 欄 点数",
    "(extra column)": "（その他の列）",
    "Line breaks inside a cell are shown as ⏎.": "欄の中の改行は ⏎ で示します。",
    "Each header label, the field it was read as, and its score.": "見出しごとに、読み取った欄とその点数。",
    "Each column of each table: its label, the field it was read as (by one assignment over the whole header, "
    "whatever the columns' order), the label's similarity to the field's known labels and the share of its cells "
    "that fit the field's content (100 = all; blank: too few cells on the header's page to tell). A column that "
    "names no field is kept in extra_fields; a field with no column is null in every row.": (
        "表ごとの各列：印刷された見出し、読み取った欄（列の順序によらず、見出し全体を一度に割り当てる）、"
        "見出しと欄の既知の見出しとの一致度、欄の内容に合う値の割合（100＝すべて。空欄：見出しのページに値が少なく判断できない）。"
        "どの欄にも当たらない列は「その他の列」に残し、列のない欄はすべての行で空になります。"
    ),
    "Header: the header row was read, with the mean fuzzy score of its labels (100 = exact). Grid complete: every "
    "ruling line found. Empty/overfull: data cells with no text / text past their rules. Outside: characters "
    "printed outside the tables (titles, page numbers). Tables: ruled tables on the page.": (
        "見出し：見出しの行を読めたか（見出しの平均一致度、100＝完全一致）。格子：罫線がすべて見つかったか。"
        "空欄／はみ出し：文字のない欄／罫線からはみ出した文字のある欄。表の外の文字：表の外に印刷された文字"
        "（表題、ページ番号）。表の数：ページ上の罫線で囲まれた表。"
    ),
    "Every grid has as many column and row boundaries as its page draws rules in its box.": (
        "すべての表で、格子の列と行の境界の数が、ページに引かれた罫線の数と一致しています。"
    ),
    "Every table's columns and rows are drawn by its rules; none was placed from the text.": (
        "すべての表の列と行は罫線で区切られており、文字の配置から推定した境界はありません。"
    ),
    "No text box is drawn over a table.": "表の上に描かれた文字枠はありません。",
    "No page's table is turned on its page.": "横向きに印刷された表はありません。",
    "Every character once": "すべての文字を一度ずつ",
    "Every table's cells and notes hold exactly the characters the page's text layer holds in its box (counted by "
    "PDFium's text page; NFKC, white space left out), each once.": (
        "すべての表で、欄と注記の文字は、ページの文字情報が表の範囲に持つ文字（PDFium のテキストページで数えたもの。"
        "NFKC、空白は除く）とちょうど一致し、どの文字も一度ずつです。"
    ),
    "These tables' cells and notes differ from the characters the page's text layer holds in their box (counted "
    "by PDFium's text page); check them against the page:": (
        "次の表では、欄と注記の文字が、ページの文字情報が表の範囲に持つ文字（PDFium のテキストページで数えたもの）"
        "と異なります。ページと見比べてください："
    ),
    "No stamp or watermark is drawn over the pages.": "ページの上に描かれたスタンプや透かしはありません。",
    "Text drawn over the page that belongs to no cell (far larger than the table's text, at an angle its text "
    "does not use, or crossed by its rules), kept out of every cell:": (
        "どの欄にも属さない、ページの上に描かれた文字（表の文字よりはるかに大きい、表の文字にない角度、"
        "または罫線をまたぐ）。どの欄にも入れていません："
    ),
    "Text over a table that only one sign sets apart from its text (far larger, slanted, or crossed by a rule): "
    "left in the cell it is printed in; check it against the picture:": (
        "表の文字と見分ける手がかりが一つしかない、表の上の文字（はるかに大きい、斜め、または罫線をまたぐ）。"
        "印刷された欄に残しています。図と照らして確かめてください："
    ),
    "One report: each program's id is its first appearance (its № there, e.g. r2-005); nothing to link.": (
        "報告書は一つです。事業IDはその報告書での№から作っています（例：r2-005）。結び付ける相手はありません。"
    ),
}

STYLE = """
body{font-family:"Yu Gothic","Meiryo","IPAexGothic","Noto Sans CJK JP",sans-serif;margin:1.5em;color:#222;
line-height:1.6}
h1{font-size:1.5em}h2{border-bottom:2px solid #446;margin-top:2em}h3{margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}
th{background:#dde8f5}
.sev-要確認{background:#fde2e1;color:#900;font-weight:bold;padding:0 .4em}
.sev-参考{background:#e6eef8;color:#234;padding:0 .4em}
figure{margin:1em 0 2em}figcaption{margin:.3em 0}.pic{overflow:auto;border:1px solid #ccc;max-height:85vh}
.pic img{display:block}.anomaly .pic img{max-width:100%;height:auto}
.legend .swatch{display:inline-block;width:2em;height:1em;border:3px solid rgb(230,0,18);vertical-align:middle;
margin-right:.4em}
"""


def render_html(report: QualityReport) -> str:
    """The whole page, anomalies first."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        f"<title>{escape(TITLE)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(TITLE)}</h1>",
        "<p>このページは quality.md（分析者向け、英語）と同じ内容を日本語で示します。"
        "値は報告書に印刷されたとおりに公開しており、ここに挙げたものは人の目で確かめるための目印です。</p>",
        '<nav><a href="#anomalies">確認事項</a> ・ <a href="#pages">ページの図</a> ・ '
        '<a href="#details">読み取りの詳細</a></nav>',
        *anomalies_section(report.anomalies, report.rows, report.images),
        *pages_section(report.pages, report.images),
        '<h2 id="details">読み取りの詳細</h2>',
        *markdown_html(without_section(report.markdown, "Anomalies"), report.images),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def legend() -> str:
    return '<p class="legend"><span class="swatch"></span>赤い枠：確認する欄</p>'


def anomalies_section(found: Sequence[Anomaly], rows: Mapping[Anomaly, str], images: Mapping[str, bytes]) -> list[str]:
    """Every check with its count, then every anomaly, most severe first, with its picture."""
    out = ['<h2 id="anomalies">確認事項</h2>']
    counts = {kind: sum(a.kind == kind for a in found) for kind in dict.fromkeys([*CHECKS, *(a.kind for a in found)])}
    kinds = sorted(counts, key=lambda k: SEVERITIES.index(severity_of(k)))
    out += [f"<p>{escape(SEVERITY_MEANING[s])}</p>" for s in SEVERITIES]
    out += ["<table><tr><th>重要度</th><th>チェック</th><th>件数</th></tr>"]
    for kind in kinds:
        out.append(f"<tr><td>{_severity(severity_of(kind))}</td><td>{escape(CHECKS.get(kind, kind))}</td>"
                   f"<td>{counts[kind]}</td></tr>")  # fmt: skip
    out += ["</table>", legend()]
    for kind in kinds:
        these = [a for a in found if a.kind == kind]
        if not these:
            continue
        out.append(f"<h3>{_severity(these[0].severity)} {escape(CHECKS.get(kind, kind))}（{len(these)}件）</h3>")
        for a in these:
            out += figure(a, rows.get(a), images)
    return out


def figure(a: Anomaly, picture: str | None, images: Mapping[str, bytes]) -> list[str]:
    """One anomaly: where it is, what is wrong, which cells, and the picture of its row."""
    where = [f"№{a.program_no}"]
    if a.department:
        where.append(escape(a.department))
    table = TABLE_JA.get(a.table.value, a.table.value) if a.table else ""
    source = f"{a.fiscal_year}年度 {table}" + (f"、{a.source_page}ページ" if a.source_page else "")
    cells = "、".join(FIELD_TITLES.get(f, f) for f in a.fields)
    caption = (f'<figcaption>{_severity(a.severity)} <b>{" ".join(where)}</b>（{escape(source)}）<br>'
               f'<span class="detail">{_text(a.detail_ja or a.detail)}</span>'
               + (f"<br>確認する欄：{escape(cells)}" if cells else "") + "</figcaption>")  # fmt: skip
    out = ['<figure class="anomaly">', caption]
    if picture is not None and picture in images:
        alt = f"№{a.program_no}の行（赤い枠：{cells}）"
        out.append(f'<div class="pic"><img src="{_data_uri(images[picture])}" alt="{escape(alt)}"></div>')
    return [*out, "</figure>"]


def pages_section(pages: Sequence[tuple[str, int, str, str]], images: Mapping[str, bytes]) -> list[str]:
    out = ['<h2 id="pages">ページの図</h2>', "<p>各ページの表（見出しの行を含む）。", legend(), "</p>"]
    for file, page, table, picture in pages:
        if picture not in images:
            continue
        caption = f"{file} {page}ページ" + (f"（{TABLE_JA.get(table, table)}）" if table else "")
        image = f'<img src="{_data_uri(images[picture])}" alt="{escape(caption)}">'
        out += [f'<figure id="{escape(picture)}"><figcaption>{escape(caption)}</figcaption>',
                f'<div class="pic">{image}</div></figure>']  # fmt: skip
    return out


def without_section(markdown: str, heading: str) -> str:
    """The Markdown without its ``## heading`` section (shown above in its own form)."""
    out, skipping = [], False
    for line in markdown.splitlines():
        if line.startswith("## "):
            skipping = line[3:].strip() == heading
        if not skipping:
            out.append(line)
    return "\n".join(out)


def markdown_html(markdown: str, images: Mapping[str, bytes]) -> Iterator[str]:
    """quality.md's own simple Markdown (headings, pipe tables, lists, paragraphs, links) as
    HTML, its known words in Japanese; a link to a picture shown here points at it."""
    table: list[list[str]] = []
    items: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if table and not line.startswith("|"):
            yield _table_html(table, images)
            table = []
        if items and not line.startswith("- "):
            yield "<ul>" + "".join(f"<li>{_inline(i, images)}</li>" for i in items) + "</ul>"
            items = []
        if line.startswith("# "):
            continue  # the page has its own title
        if m := re.match(r"(#{2,6}) (.*)", line):
            level = min(len(m.group(1)) + 1, 6)  # under the page's 読み取りの詳細
            yield f"<h{level}>{escape(_ja(m.group(2)))}</h{level}>"
        elif line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(set(c) <= {"-"} and c for c in cells):
                table.append(cells)
        elif line.startswith("- "):
            items.append(line[2:])
        elif line.strip():
            yield f"<p>{_inline(line, images)}</p>"


# Coded values in Japanese, in the columns that hold them (a field named "plan" stays "plan").
CELL_WORDS = {
    "table": {"results": "実績", "plan": "計画"},
    "grid complete": {"yes": "はい", "NO": "いいえ"},
    "header": {"no": "いいえ", "continues": "前ページの続き"},
}


def _table_html(rows: list[list[str]], images: Mapping[str, bytes]) -> str:
    head, *body = rows
    out = ["<table><tr>" + "".join(f"<th>{escape(_ja(c))}</th>" for c in head) + "</tr>"]
    for row in body:
        cells = [_cell(title, c) for title, c in zip(head, row, strict=False)]
        out.append("<tr>" + "".join(f"<td>{_inline(c, images)}</td>" for c in cells) + "</tr>")
    return "".join(out) + "</table>"


def _cell(title: str, text: str) -> str:
    words = CELL_WORDS.get(title, {})
    if title == "header" and text.startswith("yes ("):
        return "はい" + text[3:]
    return words.get(text, text)


def _inline(text: str, images: Mapping[str, bytes]) -> str:
    """A cell or a sentence: translated if known, links kept (a picture's to its figure above)."""
    text = _ja(text)
    out, last = [], 0
    for m in re.finditer(r"\[([^\]]*)\]\(([^)]*)\)", text):
        out.append(_text(text[last : m.start()]))
        label, target = _ja(m.group(1)), m.group(2)
        href = f"#{target}" if target in images and target.startswith("pages/") else target
        out.append(f'<a href="{escape(href)}">{escape("図" if target.endswith(".png") else label)}</a>')
        last = m.end()
    out.append(_text(text[last:]))
    return "".join(out)


def _ja(text: str) -> str:
    """quality.md's words in Japanese where known; a table's heading (file: results 2020) too."""
    text = WORDS.get(text.strip(), text)
    if m := re.fullmatch(r"(.+): (results|plan) (\d{4})", text):
        return f"{m.group(1)}：{CELL_WORDS['table'][m.group(2)]} {m.group(3)}年度"
    if m := re.fullmatch(r"programs: (\d+), indicators: (\d+), progress: (\d+)", text):
        return f"事業一覧：{m.group(1)}行、指標：{m.group(2)}行、計画と実績：{m.group(3)}行"
    return text


def _text(text: str) -> str:
    """Text as HTML: quality.md's ⏎ is a line break again."""
    return escape(text).replace("⏎", "<br>").replace("\n", "<br>")


def _severity(severity: str) -> str:
    return f'<span class="sev-{escape(severity)}">{escape(severity)}</span>'


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
