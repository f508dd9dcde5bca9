"""The Chinese text of the data laid out in the order of the record, node by node.

This is what the fidelity test compares with data/records/<document>.txt, and what errata point
into: each node is (node id, Chinese text as the source prints it, labels included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import article_label, item_label, long_date

if TYPE_CHECKING:
    from .handbook import Handbook

ATTACHMENT_PREFIX = "附件："


def source_nodes(handbook: Handbook, document_id: str) -> list[tuple[str, str]]:
    document = handbook.documents[document_id]
    notice, rules = document.notice, document.rules
    nodes = [
        ("notice.issuer", notice.issuer.zh),
        ("notice.number", notice.number.zh),
        ("notice.title", notice.title.zh),
        ("notice.addressees", notice.addressees.zh),
    ]
    nodes += [(f"notice.body-{n}", text.zh) for n, text in enumerate(notice.body, 1)]
    nodes += [(f"notice.attachment-{n}", ATTACHMENT_PREFIX + text.zh)
              for n, text in enumerate(notice.attachments, 1)]
    nodes += [
        ("notice.signatory", notice.signatory.zh),
        ("notice.date", long_date(notice.date, "zh")),
        ("rules.label", rules.label.zh),
        ("rules.title", rules.title.zh),
    ]
    for article in rules.articles:
        nodes.append((article.anchor, article_label(article.number, "zh") + article.text.zh))
        nodes += [(article.item_anchor(item), item_label(item.number, "zh") + item.text.zh)
                  for item in article.items]
    nodes += [(f"rules.attachment-{n}", ATTACHMENT_PREFIX + text.zh)
              for n, text in enumerate(rules.attachments, 1)]
    roster = handbook.roster
    if handbook.main_document == document_id:
        nodes += [("roster.label", roster.label.zh), ("roster.title", roster.title.zh)]
        for group in roster.groups:
            if group.printed_in_source:
                nodes.append((f"roster.{group.id}", group.name.zh))
            nodes += [(f"roster.{position.id}", position.title.zh + "：" + "".join(position.holders))
                      for position in group.positions]
        nodes += [(f"roster.{note.id}", note.text.zh) for note in roster.notes]
    return nodes
