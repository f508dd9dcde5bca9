"""The build date: the ONE place that reads the clock.

It decides which years the calendar covers (the build date's and the next), the next date shown
under each clause, and whether the roster is old. A reproducible build, or a test, fixes it:
HANDBOOK_TODAY=2026-11-30 (an ISO date) first, else SOURCE_DATE_EPOCH (seconds since 1970, the
reproducible-builds convention, read as a UTC date), else today's date.
"""

from __future__ import annotations

import datetime
import os

from .errors import HandbookDataError


def build_date() -> datetime.date:
    if value := os.environ.get("HANDBOOK_TODAY"):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise HandbookDataError("HANDBOOK_TODAY", "", f"'{value}' is not a date like 2026-11-30") from None
    if value := os.environ.get("SOURCE_DATE_EPOCH"):
        try:
            return datetime.datetime.fromtimestamp(int(value), datetime.timezone.utc).date()
        except ValueError:
            raise HandbookDataError("SOURCE_DATE_EPOCH", "", f"'{value}' is not a number of seconds") from None
    return datetime.date.today()
