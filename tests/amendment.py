"""Apply the made-up amendment of tests/fixtures/amendment/changes.yml to a copy of the project.

Done through the data (load, change, dump) rather than by replacing lines, so the fixture keeps
working while the real document's English is edited.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from support import ROOT

CHANGES = yaml.safe_load((ROOT / "tests" / "fixtures" / "amendment" / "changes.yml").read_text(encoding="utf-8"))
EFFECTIVE = CHANGES["version"]["effective"]  # a datetime.date
FIRST = "2018-11-08"


def _clause(rules: dict, anchor: str) -> dict:
    numbers = [int(part) for part in anchor.split("-")[1:]]
    article = rules["articles"][numbers[0] - 1]
    return article["items"][numbers[1] - 1] if len(numbers) > 1 else article


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def amend(data_dir: Path, clauses: dict | None = None, follow: bool = True) -> None:
    """Amend the copy in `data_dir`: new clause texts (default: the fixture's), the old ones as
    `before`; with `follow`, the duties (and so the calendar, made from them) are set to follow the
    new version."""
    own_clauses = clauses is None
    clauses = CHANGES["clauses"] if own_clauses else clauses
    path = data_dir / "documents" / f"{CHANGES['document']}.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    amended = []
    for anchor, text in clauses.items():
        clause = _clause(document["rules"], anchor)
        amended.append({"clause": anchor, "before": dict(clause["text"])})
        clause["text"] = dict(text)
    document["versions"].append({**CHANGES["version"], "amended": amended})
    _dump(path, document)
    if follow:  # the duties checked against the amended clauses: their texts say the new words
        duties_path = data_dir / "duties.yml"
        duties = yaml.safe_load(duties_path.read_text(encoding="utf-8"))
        assert duties["version"].isoformat() == FIRST
        duties["version"] = EFFECTIVE
        for duty in duties["duties"]:
            duty["text"] = CHANGES["duties"].get(duty["id"], duty["text"])
        _dump(duties_path, duties)
    obligations_path = data_dir / "obligations.yml"
    obligations = yaml.safe_load(obligations_path.read_text(encoding="utf-8"))
    for obligation in obligations["obligations"]:
        obligation["quote"] = CHANGES["obligations"].get(obligation["id"], obligation["quote"])
    _dump(obligations_path, obligations)
    if own_clauses:  # the roles the fixture's clauses name in new places
        roles_path = data_dir / "roles.yml"
        roles = yaml.safe_load(roles_path.read_text(encoding="utf-8"))
        for role in roles["roles"]:
            role["also_named_in"] = CHANGES["roles_also_named_in"].get(role["id"], role.get("also_named_in", []))
        _dump(roles_path, roles)
    roster_path = data_dir / "roster.yml"
    roster = yaml.safe_load(roster_path.read_text(encoding="utf-8"))
    roster["successions"] = CHANGES["successions"]
    _dump(roster_path, roster)
