"""The Chinese text in data/ is the record, character for character (whitespace aside),
except for the repairs listed in data/errata.yml — and every artifact of the record is listed."""

from __future__ import annotations

import hashlib
import re

import pytest

from macros.source_text import source_nodes

DOCUMENT = "shgcw-2018-46"
# The record is a copy of the file the handbook was made from; it must never be edited.
RECORD_SHA256 = "15f35b4e68f5d2c29c793673ab52c10441f4177f1bd43756d451df3229241efc"


def _without_whitespace(text: str) -> tuple[str, list[int]]:
    """The text with all whitespace removed, and for each kept character its raw position."""
    kept = [(index, ch) for index, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [index for index, _ in kept]


def _repaired_record(handbook, where: dict | None = None) -> str:
    """The record with the errata applied in order; `where` gets each erratum's id -> (start, end)
    of its repaired text in the result."""
    record = handbook.record_text(DOCUMENT)
    spans: dict[str, list[int]] = {}
    for erratum in handbook.errata.errata:
        assert erratum.original in record, erratum.id
        start = record.index(erratum.original)
        shift = len(erratum.repaired) - len(erratum.original)
        for span in spans.values():  # the repairs before it in the text move with it
            if span[0] > start:
                span[0] += shift
                span[1] += shift
        record = record[:start] + erratum.repaired + record[start + len(erratum.original):]
        spans[erratum.id] = [start, start + len(erratum.repaired)]
    if where is not None:
        where.update({key: tuple(span) for key, span in spans.items()})
    return record


def _node_spans(handbook, where: dict | None = None):
    """(node id, node text, raw text of the repaired record it matches), in order; `where` gets
    each node's id -> (start, end) in the repaired record."""
    record = _repaired_record(handbook)
    flat, positions = _without_whitespace(record)
    cursor = 0
    spans = []
    for node_id, text in source_nodes(handbook, DOCUMENT):
        expected, _ = _without_whitespace(text)
        found = flat[cursor:cursor + len(expected)]
        assert found == expected, (
            f"{node_id} differs from the record:\n data:   {expected[:80]}\n record: {found[:80]}")
        start, end = positions[cursor], positions[cursor + len(expected) - 1] + 1
        raw = record[start:end]
        spans.append((node_id, text, raw))
        if where is not None:
            where[node_id] = (start, end)
        cursor += len(expected)
    assert cursor == len(flat), f"the record continues after the data ends: {flat[cursor:cursor + 40]}"
    return spans


def test_the_record_is_the_original_file(handbook):
    digest = hashlib.sha256(handbook.record_text(DOCUMENT).encode("utf-8")).hexdigest()
    assert digest == RECORD_SHA256


def test_the_chinese_data_is_the_record_clause_by_clause(handbook):
    spans = _node_spans(handbook)
    assert len(spans) > 12 + 25  # notice, articles, items and roster all compared


def test_every_page_break_artifact_of_the_record_is_listed_as_an_erratum(handbook):
    """After the listed repairs, no word or name in a node is still split by whitespace."""
    for node_id, text, raw in _node_spans(handbook):
        if node_id.startswith("roster."):
            # Names in a roster line are separated by spaces; each name must appear unsplit.
            position = next((p for p in handbook.roster.positions() if f"roster.{p.id}" == node_id), None)
            words = [position.title.zh, *position.holders] if position else [text]
            for word in words:
                assert word in raw, f"{node_id}: '{word}' is split in the record without an erratum"
        else:
            raw = re.sub(r"^(第[一二三四五六七八九十]+条)\s", r"\1", raw)  # the space after 第N条 is layout
            assert not re.search(r"\s", raw), f"{node_id}: unlisted break in the record: {raw!r}"


def test_each_erratum_lies_in_the_node_it_names(handbook):
    """Where each repair falls in the record, not only that its words occur somewhere: the two
    王␣陈 (a member, the office's director) are told apart by their place."""
    repairs, nodes = {}, {}
    _repaired_record(handbook, repairs)
    _node_spans(handbook, nodes)
    for erratum in handbook.errata.errata:
        start, end = repairs[erratum.id]
        node_start, node_end = nodes[erratum.node]
        assert node_start <= start and end <= node_end, (erratum.id, erratum.node)


def test_an_erratum_naming_the_wrong_node_is_caught(handbook):
    import dataclasses

    errata = handbook.errata.errata
    first, second = (next(e for e in errata if e.id == key) for key in
                     ("roster-member-wang-chen-space", "roster-office-director-wang-chen-space"))
    swapped = [second.model_copy(update={"id": first.id}) if e is first else
               first.model_copy(update={"id": second.id}) if e is second else e for e in errata]
    broken = dataclasses.replace(handbook, errata=handbook.errata.model_copy(update={"errata": swapped}))
    with pytest.raises(AssertionError, match="roster-member-wang-chen-space"):
        test_each_erratum_lies_in_the_node_it_names(broken)


@pytest.mark.parametrize("kind", ["split-word", "doubled-character", "padding-space"])
def test_the_errata_cover_each_kind_of_artifact(handbook, kind):
    assert any(erratum.kind.value == kind for erratum in handbook.errata.errata)


def test_the_doubled_character_of_article_6_is_repaired(handbook):
    text = handbook.documents[DOCUMENT].article(6).text.zh
    assert "维护网络意识形态安全" in text and "态态" not in text


@pytest.mark.parametrize("article, old, new", [
    (7, "每半年向同级", "每季度向同级"),  # a changed word
    (6, "维护网络意识形态安全。", "维护网络意识形态态安全。"),  # the doubled character kept
])
def test_a_change_to_the_chinese_text_is_caught(handbook, article, old, new):
    """The comparison itself catches a changed character (the loader's quote and errata checks
    would stop such data earlier; here the changed document is handed to the comparison directly)."""
    import dataclasses

    document = handbook.documents[DOCUMENT]
    changed_article = document.article(article)
    assert old in changed_article.text.zh
    changed_text = changed_article.text.model_copy(update={"zh": changed_article.text.zh.replace(old, new, 1)})
    articles = [a.model_copy(update={"text": changed_text}) if a.number == article else a
                for a in document.rules.articles]
    changed = document.model_copy(update={"rules": document.rules.model_copy(update={"articles": articles})})
    changed_handbook = dataclasses.replace(handbook, documents={**handbook.documents, DOCUMENT: changed})
    with pytest.raises(AssertionError, match=f"art-{article} differs from the record"):
        _node_spans(changed_handbook)


def test_the_errata_table_names_the_office_s_posts_as_the_source_prints_them(handbook):
    """办公室主任, not 主任 (which reads as a director of the Leading Group)."""
    from macros.pages import node_name

    assert node_name(handbook, "zh", "roster.office-director") == "领导小组名单：办公室主任"
    assert node_name(handbook, "en", "roster.office-director").endswith(": Office Director")
    assert node_name(handbook, "zh", "roster.head") == "领导小组名单：组长"
