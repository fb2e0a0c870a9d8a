"""Derived relations: claims side by side, conflicts between sources, official rankings.

They are views, so they always agree with the tables they read; removed files and
unpublished (fill-in) survey cells are left out. The tables hold each file's current version
only (what a changed file stated before is in claims_history), so every view but
`claim_revisions` shows the current state.

Each view is a `.sql` file in a layer folder (staging → claims → conflicts), documented in
`models.yaml` as a dbt project documents its models; README.md lists them. The SQL is rendered
with Jinja only so that a model can include a fragment (`{% include "conflicts/_stated.sql" %}`).
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
import yaml

from prakerja_etl.reference_data import package_folder
from prakerja_etl.warehouse.ddl import quote


@dataclass(frozen=True)
class View:
    name: str
    layer: str
    comment: str
    sql: str
    columns: dict[str, str]     # column → comment


_FOLDER = package_folder(__name__)
_SQL = jinja2.Environment(loader=jinja2.FileSystemLoader(_FOLDER), undefined=jinja2.StrictUndefined,
                          autoescape=False)


def _render(template: str) -> str:
    return _SQL.get_template(template).render()


def _load() -> tuple[View, ...]:
    """Every view of models.yaml, in creation order."""
    doc = yaml.safe_load((_FOLDER / "models.yaml").read_text(encoding="utf-8"))
    return tuple(View(model["name"], layer["name"], model["description"],
                      _render(f"{layer['name']}/{model['name']}.sql"), model["columns"])
                 for layer in doc["layers"] for model in layer["models"])


VIEWS: tuple[View, ...] = _load()
# Each distinct statement of a compared claim, as `conflicts` lists it (the report lists them too):
# 'kind:file=value [low, high] basis', with '@as_of' for a running total.
STATED = _render("conflicts/_stated.sql")


def view_statements(view: View) -> list[str]:
    """CREATE OR REPLACE VIEW plus its comments."""
    out = [f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}",
           f"COMMENT ON VIEW {view.name} IS {quote(view.comment)}"]
    out += [f'COMMENT ON COLUMN {view.name}."{col}" IS {quote(text)}' for col, text in view.columns.items()]
    return out
