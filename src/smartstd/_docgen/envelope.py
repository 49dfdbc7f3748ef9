"""The dataset envelope page (``reference/envelope.md``)."""

from __future__ import annotations

import json
from typing import Any

from smartstd._docgen.fields import FIELD_HEAD, Typer, field_rows, schema_rel
from smartstd._docgen.markdown import fence, page_text, table


def envelope_page(example: tuple[str, dict[str, Any]] | None) -> str:
    from smartstd.schemas import schema_id
    from smartstd.standard.dataset import Envelope

    schema = Envelope.model_json_schema()
    typer = Typer(schema.get("$defs", {}), "index.md")
    zh_t, en_t, _, _ = Envelope.__i18n__
    lines = [
        f"# {en_t} · {zh_t}",
        "",
        "A dataset is one JSON or YAML document (the envelope with an `entities` array of"
        " [entities](entities/index.md)) or NDJSON (the envelope on the first line, one entity"
        " per later line). Several files checked together form one logical dataset."
        " · 数据集可以是一个 JSON/YAML 文档（信封加 `entities` 数组），也可以是 NDJSON"
        "（首行为信封，其后每行一个实体）；一起检查的多个文件组成一个逻辑数据集。",
        "",
        f"- **JSON Schema:** [`envelope.schema.json`](../{schema_rel('envelope')})"
        f" · `$id` `{schema_id('envelope')}`;"
        f" a whole dataset: [`dataset.schema.json`](../{schema_rel('dataset')});"
        f" one NDJSON entity line: [`entity.schema.json`](../{schema_rel('entity')})",
        "- **Python:** `smartstd.Envelope`, `smartstd.Dataset`",
        "",
        "## Fields · 字段",
        "",
    ]
    lines += table(FIELD_HEAD, field_rows(schema, typer))
    lines += [
        "",
        "## Example · 示例",
        "",
    ]
    if example is not None:
        source, envelope = example
        lines += [f"From the example community, `{source}` · 取自示例社区:", ""]
    else:
        envelope = {
            "standard": "scds",
            "standard_version": "1.1.0",
            "dataset_id": "my-dataset",
            "publisher_id": "org-street-office",
            "generated_at": "2026-06-30T18:00:00+08:00",
            "classification": "internal",
            "entities": ["..."],
        }
    lines += fence(json.dumps(envelope, ensure_ascii=False, indent=2), "json")
    return page_text(lines)
