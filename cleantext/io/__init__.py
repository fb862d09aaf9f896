"""Reading inputs and writing outputs: where inputs are (`sources`), which format
each is (`formats`), how bytes become text (`text`, `jsonl`, `html`, `parquet`),
and how outputs are written (`writers`, atomically)."""
