"""The workbook's Japanese for the city's staff: sheet names, coded values as shown, and the
meaning of every column (the 列の説明 sheet). The machine names stay in the CSV and Parquet
files, in the sheets' first title row and in the about sheet's table of sheets and files.

A column with no Japanese meaning here (one added to ``schemas/models.py`` later) shows its
English description: ``test_workbook`` names every column that does.
"""

from __future__ import annotations

# Each sheet's name: what the staff see on its tab, and the footer of each printed page.
SHEET_NAMES = {
    "measures": "事業・担当課別",
    "programs": "事業一覧",
    "indicators": "指標",
    "extra_fields": "その他の列",
    "progress": "計画と実績",
    "corrections": "手による訂正",
    "dictionary": "列の説明",
    "anomalies": "確認事項",
    "about": "このブックについて",
}

# Coded values as the workbook shows them: by column name, or by the name's suffix ("_unit").
# The CSV and Parquet files keep the codes.
SHOWN_VALUES: dict[str, dict[str, str]] = {
    "table": {"results": "実績", "plan": "計画"},
    "_unit": {"ratio": "比率"},
}

# The meaning of each column, by (table, name) where one table means something else by it,
# else by name.
DESCRIPTIONS: dict[str, str] = {
    "fiscal_year": "年度（西暦。令和2年度 = 2020）",
    "table": "表の種類。実績：実施したこと（実施状況の表）、計画：実施する予定（実施計画の表）",
    "program_no": "計画の事業番号（報告書の No）",
    "program_id": (
        "報告書をまたいで同じ事業を指す番号。その事業が初めて載った報告書の初年度の令和年と、そこでの№から作る"
        "（r2-005：令和2年度から始まる報告書の№5）。№は事業の追加・削除で変わるが、この番号は変わらない。"
        "前後の報告書の事業は、実施内容・内容・担当課の近さで結び付ける（quality.md に各結び付きの点数、"
        "program_links.toml で修正できる）"
    ),
    "program_name": "実施内容（事業名）",
    "department_seq": "その事業の中での担当課の行の順番（1から）",
    "department": "担当課。一つの欄に複数あるときは「、」でつなぐ",
    "plan": "その年度の実施計画",
    "indicator": "指標名",
    "target_text": "目標値（報告書に印刷されたとおり。「-」だけの欄は空）",
    "target_value": "目標値が数値一つのとき、その数値",
    "target_unit": "目標値（数値）の単位（件、人、%、回/年、比率 など）",
    "target_qualifier": "目標値に付いた修飾（各、平均、約、以上、以下、未満）",
    "target_note": "目標値の横の括弧内の文",
    "status": "実施状況（実績の表のみ）",
    "evaluation": "実施状況に関する担当課の評価（実績の表のみ）",
    "actual_text": "実績値（印刷されたとおり。実績の表のみ）",
    "actual_value": "実績値が数値一つのとき、その数値",
    "actual_unit": "実績値（数値）の単位",
    "actual_qualifier": "実績値に付いた修飾（各、平均 など）",
    "actual_note": "実績値の横の括弧内の文",
    "achievement_text": "達成度（印刷されたとおり。実績の表のみ）",
    "achievement_pct": "達成度（％、報告されたとおり。比率 0.6 は 60）",
    "source_file": "その行を読んだPDFファイル",
    "source_page": "その行が始まるページ（1から）",
    "description": "内容（事業の説明）",
    "department_count": "担当課の行の数",
    "indicator_seq": "その欄の中での指標の順番（1から）",
    "group": "指標が並ぶ見出し（【】内）。ないときは空",
    "label": "列見出し（印刷されたとおり、空白なし）",
    "value": "その欄の値（印刷されたとおり）。空の欄は含めない",
    "planned_department": "計画の表に印刷された担当課（課の名前が変わったときに異なる）",
    "planned_program_no": "計画の表での№",
    "planned_target_text": "計画の表（前の報告書）に印刷された目標値",
    "planned_target_value": "計画の目標値が数値一つのとき、その数値",
    "planned_target_unit": "計画の目標値（数値）の単位",
    "achievement_recomputed_pct": (
        "実績値 ÷ 目標値 × 100（小数1桁）。どちらも比べられる単位の数値のときのみ"
        "（市は報告する達成度の多くを100%で打ち切っている）"
    ),
    "plan_source_file": "計画側のPDFファイル",
    "plan_source_page": "計画側のページ",
    "results_source_file": "実績側のPDFファイル",
    "results_source_page": "実績側のページ",
    "indicator_count": "その行の指標の数。2以上のとき、指標ごとの目標値・実績値・達成度は「指標」のシートにある",
    "target_pct": "目標値が％または比率のとき、％で表した値（比率 0.6 は 60）。ほかの単位では空",
    "actual_pct": "実績値が％または比率のとき、％で表した値（比率 0.6 は 60）。ほかの単位では空",
    "planned_target_pct": "計画の目標値が％または比率のとき、％で表した値。ほかの単位では空",
    "corrections.table": "訂正した行の表（実績・計画）",
    "corrections.department_seq": "訂正した行の担当課の順番。事業そのものの欄（実施内容・内容）の訂正は 0",
    "corrections.department": "訂正した行の担当課（読み取ったとおり。事業そのものの欄の訂正は空）",
    "field": "訂正した列（事業・担当課別または事業一覧の列名）",
    "was": "読み取った値（空：値なし）",
    "corrections.value": "訂正後に公表する値（空：値なし）",
    "why": "訂正の理由（訂正した人が書いたとおり）",
    "source_sha256": "そのPDFファイルのSHA-256",
    "progress.program_no": "実績の表での№",
    "progress.target_text": "実績の表に印刷された目標値",
}


def description_ja(table: str, name: str, english: str) -> str:
    """The column's meaning in Japanese; the English one where none is written yet."""
    return DESCRIPTIONS.get(f"{table}.{name}") or DESCRIPTIONS.get(name) or english


def shown(name: str, value: str) -> str:
    """A coded value as the workbook shows it (実績 for results)."""
    codes = SHOWN_VALUES.get(name) or next((c for k, c in SHOWN_VALUES.items() if k[0] == "_" and name.endswith(k)), {})
    return codes.get(value, value)
