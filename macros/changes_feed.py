"""The handbook's changes as an Atom feed (RFC 4287): /changes.xml and /en/changes.xml.

Entries: each version of the Rules, each clause an amendment changed, each change on the roster.
Entry ids are tag: URIs (RFC 4151) built from the same ids as the site's anchors, so they stay
the same wherever the site is served and whenever it is rebuilt; `updated` comes from the data's
dates, never from the build, so an unchanged handbook gives an unchanged feed.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import partial

from . import version_pages, versions
from .handbook import Handbook
from .roster import roster_change_text
from .text import anchor_citation, fill_in, long_date

ATOM = "http://www.w3.org/2005/Atom"
# tag: URIs need an authority and a date it was held: the university's domain in the year of
# the Rules. Changing this changes every entry id, so every subscriber sees every entry anew.
TAG_AUTHORITY = "tag:sues.edu.cn,2018:handbook"
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
PATH = version_pages.CHANGES_FEED


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str  # relative to the language's root
    updated: datetime.date
    summary: str


def _timestamp(day: datetime.date) -> str:
    return datetime.datetime.combine(day, datetime.time(0), SHANGHAI).isoformat()


def entries(handbook: Handbook, language: str) -> list[Entry]:
    """Every change, newest first (ties: in the data's order)."""
    label = partial(handbook.label, language=language)
    document = handbook.documents[handbook.main_document]
    title = document.rules.title[language]
    found: list[Entry] = []
    texts_now = versions.clause_texts(document)
    separator, joiner = ("：", "、") if language == "zh" else (": ", ", ")
    for index, version in enumerate(document.all_versions()):
        vid = versions.version_id(version)
        when, notice = long_date(version.effective, language), version.made_by.number[language]
        changed = [anchor_citation(a.clause, language) for a in version.amended]
        found.append(Entry(
            id=f"{TAG_AUTHORITY}/{document.id}/version/{vid}/{language}",
            title=fill_in(label(versions.date_label("feed-version", document, version)),
                          title=title, date=when, notice=notice),
            link=version_pages.version_page(document, version),
            updated=version.effective,
            summary=label("versions-changed") + separator + joiner.join(changed) if changed
            else label("version-as-issued"),
        ))
        after = versions.texts_of_version(document, index)
        for amended in version.amended if index else []:
            new_text = after[amended.clause] or texts_now[amended.clause]
            found.append(Entry(
                id=f"{TAG_AUTHORITY}/{document.id}/version/{vid}/{amended.clause}/{language}",
                title=fill_in(label("feed-amended-clause"), clause=anchor_citation(amended.clause, language),
                              date=when, notice=notice),
                link=f"{version_pages.VERSIONS_PAGE}#{version_pages.redline_anchor(version, amended.clause)}",
                updated=version.effective,
                summary=new_text[language],
            ))
    seen: dict[str, int] = {}
    for succession in handbook.roster.successions:
        key = f"{succession.position}/{succession.date.isoformat()}"
        seen[key] = seen.get(key, 0) + 1
        suffix = "" if seen[key] == 1 else f"-{seen[key]}"  # a second change of a post on one day
        change = roster_change_text(handbook, language, succession)
        found.append(Entry(
            id=f"{TAG_AUTHORITY}/roster/{key}{suffix}/{language}",
            title=fill_in(label("feed-roster-change"), change=change),
            link=f"roster/#{succession.position}",
            updated=succession.date,
            summary=change + ("，" if language == "zh" else ", ") + long_date(succession.date, language),
        ))
    return sorted(found, key=lambda entry: entry.updated, reverse=True)


def atom(handbook: Handbook, language: str, site_url: str) -> str:
    """The feed's XML; `site_url` is this language's root URL (…/ or …/en/)."""
    ET.register_namespace("", ATOM)
    label = partial(handbook.label, language=language)
    site_url = site_url.rstrip("/") + "/"
    found = entries(handbook, language)

    def element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN" if language == "zh" else "en"})
    element(feed, "id", f"{TAG_AUTHORITY}/changes/{language}")
    element(feed, "title", label("changes-feed-title"))
    element(feed, "updated", _timestamp(max(entry.updated for entry in found)))
    author = element(feed, "author")
    # The handbook publishes the feed, as it makes the Word files; the Rules give no office that part
    element(author, "name", label("handbook-name"))
    element(feed, "link", rel="self", type="application/atom+xml", href=site_url + PATH)
    element(feed, "link", rel="alternate", type="text/html", href=site_url + version_pages.VERSIONS_PAGE)
    for entry in found:
        node = element(feed, "entry")
        element(node, "id", entry.id)
        element(node, "title", entry.title)
        element(node, "link", rel="alternate", type="text/html", href=site_url + entry.link)
        element(node, "updated", _timestamp(entry.updated))
        element(node, "summary", entry.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
