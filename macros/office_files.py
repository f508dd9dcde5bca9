"""The Word and Excel files of the site, both languages, under /downloads/ beside the PDFs.

`office_files(handbook, site_url)` returns {path under the site root: bytes}:
downloads/regulation-<zh|en>.docx, downloads/checklist-<role-id>-<zh|en>.docx,
downloads/self-inspection-<role-id>-<zh|en>.docx,
downloads/calendar-<zh|en>.xlsx and downloads/duties-<zh|en>.xlsx (names in downloads.py).
publishing/steps/office.py writes them into the Chinese build, whose root is the site's root.

Reproducible: the same data gives the same bytes. The files' dates come from the data (the
Rules' current version, the calendar's set_on), and every zip entry gets one fixed timestamp
(python-docx and openpyxl stamp entries, and openpyxl the core properties, with the time of
saving).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from . import feeds, word_documents, workbooks
from .downloads import calendar_xlsx, checklist_docx, duties_xlsx, inspection_docx, regulation_docx
from .handbook import Handbook
from .site_paths import CHECKLIST_FOLDER, LANGUAGE_ROOTS

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
CORE_PROPERTIES = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
APP_PROPERTIES = "docProps/app.xml"
# python-docx's template names Word 2011 for Mac and its Normal.dotm as what made the file, and
# counts of pages and words it never counted: a Word file says the program that did make it, and
# no template, version or counts.
_WORD_TEMPLATE_APP = re.compile(
    rb"\s*<(Template|AppVersion|TotalTime|Pages|Words|Characters|CharactersWithSpaces|Lines|Paragraphs)>[^<]*</\1>")
_APPLICATION = re.compile(rb"(<Application>)Microsoft Macintosh Word(</Application>)")


def reproducible(package: bytes, date: datetime.date) -> bytes:
    """The same Office file with fixed zip timestamps and its core properties' `modified`
    set to `date`."""
    stamp = f"{date.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == CORE_PROPERTIES:
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            elif info.filename == APP_PROPERTIES and _APPLICATION.search(content):
                content = _APPLICATION.sub(rb"\g<1>python-docx\g<2>", _WORD_TEMPLATE_APP.sub(b"", content))
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def office_files(handbook: Handbook, site_url: str) -> dict[str, bytes]:
    """Every Word and Excel file of the site, by its path under the site root. `site_url` is
    the site's root address (each language's pages are under it, LANGUAGE_ROOTS)."""
    document_date = word_documents.document_date(handbook)
    calendar_date = feeds.stamp(handbook).date()  # the feeds' DTSTAMP: same data, same bytes
    files = {}
    for language, language_root in LANGUAGE_ROOTS.items():
        language_url = site_url.rstrip("/") + "/" + language_root
        files[regulation_docx(language)] = reproducible(
            word_documents.regulation_document(handbook, language, f"{language_url}roster/"), document_date)
        for role in handbook.roles.roles:
            page_address = f"{language_url}{CHECKLIST_FOLDER}/{role.id}/"
            calendar_address = f"{language_url}calendar/#role-{role.id}" if feeds.role_entries(handbook, role.id) else None
            files[checklist_docx(role.id, language)] = reproducible(
                word_documents.checklist_document(handbook, language, role.id, page_address, calendar_address),
                document_date)
            files[inspection_docx(role.id, language)] = reproducible(
                word_documents.inspection_document(handbook, language, role.id), document_date)
        files[calendar_xlsx(language)] = reproducible(
            workbooks.calendar_workbook(handbook, language, language_url), calendar_date)
        files[duties_xlsx(language)] = reproducible(
            workbooks.duties_workbook(handbook, language, document_date), document_date)
    return files
