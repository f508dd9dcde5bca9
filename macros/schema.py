"""Write JSON Schemas of the data files to schema/, so editors can complete and check keys.

Run with `make schema` after changing a model; tests/test_data.py checks they are current.
"""

from __future__ import annotations

import json
from pathlib import Path

from .handbook import SINGLE_FILES
from .models.document import Document

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def schemas() -> dict[str, str]:
    """File name -> schema text, one per data file kind."""
    models = {relative.removesuffix(".yml"): model for relative, model in SINGLE_FILES.values()}
    models["document"] = Document
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
        for name, model in sorted(models.items())
    }


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for file_name, text in schemas().items():
        (SCHEMA_DIR / file_name).write_text(text, encoding="utf-8")
        print(f"wrote schema/{file_name}")


if __name__ == "__main__":
    main()
