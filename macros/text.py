"""Language-specific wording that is computed, not stored: numerals, labels, citations."""

from __future__ import annotations

import datetime

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (numbers as the source writes them, up to 99)."""
    if not 0 < number < 100:
        raise ValueError(f"no Chinese numeral for {number}")
    tens, units = divmod(number, 10)
    text = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "")
    return text + (_DIGITS[units] if units else "")


def article_label(number: int, language: str) -> str:
    return f"第{chinese_numeral(number)}条" if language == "zh" else f"Article {number}"


def occurrence_label(number: int, language: str) -> str:
    """The nth time a duty falls due in a year, beside its box on a checklist: 第二次 / 2nd."""
    if language == "zh":
        return f"第{chinese_numeral(number)}次"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def item_label(number: int, language: str) -> str:
    """The item's label as the source prints it: (一), (二), …; (1), (2), … in English."""
    return f"({chinese_numeral(number)})" if language == "zh" else f"({number})"


def citation(rules_title: str, article: int, item: int | None, language: str) -> str:
    """The formal citation of an article or item, naming the Rules by their full title in both
    languages: 《…实施细则》第四条第（二）项 / Implementation Rules for …, Art. 4(2)."""
    if language == "zh":
        text = f"《{rules_title}》{article_label(article, 'zh')}"
        return text + (f"第（{chinese_numeral(item)}）项" if item else "")
    return f"{rules_title}, Art. {article}" + (f"({item})" if item else "")


def titled_document(title: str, number: str, language: str) -> str:
    """A document named in running text by its full title and number: 《…实施细则》（沪工程委〔2018〕46号）
    (a Chinese title goes in title marks) / Implementation Rules for … (Hu Gong Cheng Wei [2018] No. 46)."""
    return f"《{title}》（{number}）" if language == "zh" else f"{title} ({number})"


def copy_citation(title: str, number: str, article: int, item: int | None, language: str) -> str:
    """What the copy-citation control copies: the document's full title, its number and the
    article or item, e.g. 《…实施细则》（沪工程委〔2018〕46号）第四条第（二）项 /
    Implementation Rules for … (Hu Gong Cheng Wei [2018] No. 46), Art. 4(2)."""
    separator = "" if language == "zh" else ", "
    return titled_document(title, number, language) + separator + short_citation(article, item, language)


def role_with_title(role, language: str) -> str:
    """A role's name followed by the first title people in it hold, marked as an example:
    领导班子主要负责人（如党委书记） / Principal leader of the leadership team (e.g. the Party secretary)."""
    name = role.name[language]
    if not role.held_titles:
        return name
    title = role.held_titles[0][language]
    return f"{name}（如{title}）" if language == "zh" else f"{name} (e.g. {title})"


def role_as_qualified(role, language: str) -> str:
    """A role's name with the Rules' words that narrow it (roles.yml `qualifier`), as its clause
    puts them: 参与决策和工作的班子其它成员 / Other members of the leadership team who take part in
    decision-making and in the work; else role_with_title."""
    if role.qualifier is None:
        return role_with_title(role, language)
    if language == "zh":
        return role.qualifier.zh + role.name.zh
    return f"{role.name.en} {role.qualifier.en}"


def colon(language: str) -> str:
    """After a label: ： in Chinese, ": " in English."""
    return "：" if language == "zh" else ": "


def list_separator(language: str) -> str:
    """Between the items of a list: 、 in Chinese, ", " in English."""
    return "、" if language == "zh" else ", "


def note_separator(language: str) -> str:
    """Between two notes inside one bracket: ； in Chinese, "; " in English."""
    return "；" if language == "zh" else "; "


def in_brackets(text: str, language: str) -> str:
    """Text added in brackets after a name: （…） in Chinese, " (…)" in English."""
    return f"（{text}）" if language == "zh" else f" ({text})"


def anchor_numbers(anchor: str) -> tuple[int, int | None]:
    """The article and item numbers of a clause's anchor: art-4-2 -> (4, 2); art-6 -> (6, None).
    The one reader of the anchors' form."""
    numbers = [int(part) for part in anchor.split("-")[1:]]
    return numbers[0], (numbers[1] if len(numbers) > 1 else None)


def anchor_citation(anchor: str, language: str) -> str:
    """art-4-2 -> 第四条第（二）项 / Art. 4(2)."""
    return short_citation(*anchor_numbers(anchor), language)


def short_citation(article: int, item: int | None, language: str) -> str:
    """第四条第（二）项 / Art. 4(2): the citation without the document's title."""
    if language == "zh":
        return article_label(article, "zh") + (f"第（{chinese_numeral(item)}）项" if item else "")
    return f"Art. {article}" + (f"({item})" if item else "")


def long_date(date: datetime.date, language: str) -> str:
    """2018年11月8日 / 8 November 2018."""
    if language == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"  # not %B: the locale would decide


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def month_name(month: int, language: str) -> str:
    """6月 / June."""
    return f"{month}月" if language == "zh" else MONTHS_EN[month - 1]


def month_year(year: int, month: int, language: str) -> str:
    """2026年12月 / December 2026."""
    return f"{year}年{month}月" if language == "zh" else f"{MONTHS_EN[month - 1]} {year}"


def day_month(date: datetime.date, language: str) -> str:
    """1月15日 / 15 January."""
    return f"{date.month}月{date.day}日" if language == "zh" else f"{date.day} {MONTHS_EN[date.month - 1]}"


def fill_in(text: str, **values) -> str:
    """An interface label with its {placeholders} filled in."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text
