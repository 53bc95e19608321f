"""The data dictionary a person reads: one row per column of every published table.

Generated from the models (``RESOURCES``, through ``table_schema``), never written by hand, so
that a column or a table added to ``schemas/models.py`` appears here, in ``data/clean/README.md``
and in the workbook's 列の説明 sheet without anyone remembering to. Titles are the report's
Japanese labels; the meaning is the field's description.

A unit is not a field's declaration today, so it is read from the conventions the models
follow: ``*_pct`` is in percent, ``*_value`` is in the unit its ``*_unit`` column names, and
a field may declare one (``Field(json_schema_extra={"unit": "人"})``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .datapackage import PACKAGE_NAME, table_schema
from .models import RESOURCES, Record
from .provenance import SOURCES_NAME, Source

TYPE_TITLES = {"integer": "整数", "number": "数値", "string": "文字列", "boolean": "真偽値"}


@dataclass(frozen=True)
class Column:
    """One column of one table, as the dictionary describes it."""

    table: str
    name: str
    title: str
    type: str  # the Frictionless type: integer, number, string, boolean
    unit: str
    required: bool
    key: bool  # part of the table's primary key
    values: tuple[str, ...]  # the allowed values, for a column that has a fixed list
    description: str

    @property
    def type_title(self) -> str:
        return f"{TYPE_TITLES.get(self.type, self.type)} ({self.type})"


def unit_of(name: str, names: set[str], model: type[Record]) -> str:
    """The unit a column's values are in, where the models say or their conventions tell."""
    extra = model.model_fields[name].json_schema_extra
    if isinstance(extra, dict) and isinstance(extra.get("unit"), str):
        return str(extra["unit"])
    if name.endswith("_pct"):
        return "%"
    stem = name.removesuffix("_value")
    if stem != name and f"{stem}_unit" in names:
        return f"{stem}_unit 列の単位"
    return ""


def columns(resources: dict[str, tuple[type[Record], str]] = RESOURCES) -> list[Column]:
    """Every column of every table, tables in publishing order, columns in model order."""
    out = []
    for table, (model, _) in resources.items():
        fields = table_schema(model)["fields"]
        names = {f["name"] for f in fields}
        for f in fields:
            constraints = f.get("constraints", {})
            out.append(
                Column(
                    table=table, name=f["name"], title=f.get("title") or "", type=f["type"],
                    unit=unit_of(f["name"], names, model), required=bool(constraints.get("required")),
                    key=f["name"] in model.primary_key, values=tuple(map(str, constraints.get("enum", ()))),
                    description=f.get("description") or "",
                )
            )  # fmt: skip
    return out


def _source(source: Source) -> str:
    """One source as a list item: file and digest, then what it is."""
    head = f"- `{source.name}` (SHA-256 `{source.sha256}`)"
    e = source.entry
    if e is None:
        return f"{head}: undescribed (no entry in {SOURCES_NAME}); who made it and what it is are not known here"
    years = ", ".join(f"FY{y}" for y in e.fiscal_years)
    published = f"published {e.published.isoformat()}" if e.published else "publication date not known"
    what = f"{e.publisher}, 「{e.title}」, {years}; {published}; "
    if e.origin == "original":
        return f"{head}: {what}the publisher's original file"
    made = f" on {e.rebuilt_on.isoformat()}" if e.rebuilt_on else ""
    return f"{head}: {what}**a rebuild, not the publisher's file**: made{made} from {e.rebuilt_from}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(sources: Sequence[Source] = (), built_at: str = "") -> str:
    """data/clean/README.md: what each file holds, and every column of every table."""
    md = [
        "# 飯塚市自殺対策計画 進捗状況 — data dictionary (列の説明)",
        "",
        f"Written by the pipeline with the data (`{PACKAGE_NAME}`); do not edit: it is generated from",
        "`schemas/models.py`, as `datapackage.json` is. Each table comes as CSV (UTF-8 with a BOM) and",
        "Parquet, and as a sheet of the `.xlsx` workbook, whose 列の説明 sheet holds this list.",
        "`SHA256SUMS` lists every file with its digest (`sha256sum -c SHA256SUMS`); `quality.md` says",
        "what the run did and which rows to check.",
        "",
    ]
    if sources:
        md += ["## Sources", "", f"Read from these files, each as `{SOURCES_NAME}` beside it describes it:", ""]
        md += [_source(s) for s in sources]
        md += [""]
    if built_at:
        md += [
            f"Build timestamp: {built_at}, the newest date the source PDFs record about themselves",
            "(/CreationDate, /ModDate; SOURCE_DATE_EPOCH where set), so that a rebuild gives the same bytes.",
            "It is neither when a report was published nor when this build ran.",
            "",
        ]
    by_table: dict[str, list[Column]] = {}
    for c in columns():
        by_table.setdefault(c.table, []).append(c)
    for table, cols in by_table.items():
        model, description = RESOURCES[table]
        md += [f"## {table}", "", f"{description}. Files: `{table}.csv`, `{table}.parquet`.", ""]
        md += [f"Key: {', '.join(model.primary_key)}."]
        md += [f"Each row belongs to a row of `{fk.resource}` by {', '.join(fk.fields)}." for fk in model.foreign_keys]
        md += ["", "| column | 見出し (title) | type | unit | required | meaning |", "|---|---|---|---|---|---|"]
        for c in cols:
            meaning = c.description + (f" (one of: {', '.join(c.values)})" if c.values else "")
            name = f"**{c.name}**" if c.key else c.name
            md.append(
                f"| {name} | {_cell(c.title)} | {c.type_title} | {_cell(c.unit)} | "
                f"{'yes' if c.required else ''} | {_cell(meaning)} |"
            )
        md.append("")
    md += ["Key columns are in bold. A blank cell is a null (nothing printed, or only a dash).", ""]
    return "\n".join(md)
